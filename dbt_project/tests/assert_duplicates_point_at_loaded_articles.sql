-- A duplicate points at an article that is in the warehouse, and is not loaded itself.
select d.article_id
from {{ ref('stg_news__duplicates') }} as d
left join {{ ref('dim_articles') }} as original on d.original_article_id = original.article_id
left join {{ ref('dim_articles') }} as copy on d.article_id = copy.article_id and d.duplicate_kind <> 'same_item'
where original.article_id is null or copy.article_id is not null
