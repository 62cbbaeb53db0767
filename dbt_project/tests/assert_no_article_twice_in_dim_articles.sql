-- No article appears twice in dim_articles: not under one id, not as two ids with the same canonical URL or
-- the same folded body (such a copy belongs in raw.duplicates, counted in duplicate_count).
select
    'article_id' as repeated_by,
    article_id as value,
    count(*) as articles
from {{ ref('dim_articles') }}
group by article_id
having count(*) > 1
union all
select
    'canonical_url' as repeated_by,
    canonical_url as value,
    count(*) as articles
from {{ ref('dim_articles') }}
where canonical_url is not null
group by canonical_url
having count(*) > 1
union all
select
    'body_hash' as repeated_by,
    body_hash as value,
    count(*) as articles
from {{ ref('dim_articles') }}
group by body_hash
having count(*) > 1
