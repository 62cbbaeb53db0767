-- A duplicate points at an article that is in the warehouse, and is not loaded itself.
select d.article_id
from {{ ref('stg_news__duplicates') }} as d
left join {{ ref('dim_articles') }} as original on original.article_id = d.original_article_id
left join {{ ref('dim_articles') }} as copy on copy.article_id = d.article_id and d.duplicate_kind <> 'same_item'
where original.article_id is null or copy.article_id is not null
