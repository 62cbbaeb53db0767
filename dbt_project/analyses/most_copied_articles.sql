-- Answers: which stories were copied most (syndicated rewrites, re-fetched pages, re-encoded files), and by
-- which kinds of copy?
select
    articles.title,
    articles.outlet,
    articles.published_date,
    articles.duplicate_count,
    list(duplicates.duplicate_kind order by duplicates.duplicate_kind) as copy_kinds,
    max(duplicates.similarity) as highest_similarity
from {{ ref('dim_articles') }} as articles
inner join {{ ref('stg_news__duplicates') }} as duplicates on articles.article_id = duplicates.original_article_id
group by articles.article_id, articles.title, articles.outlet, articles.published_date, articles.duplicate_count
order by articles.duplicate_count desc, articles.published_date asc, articles.title asc
