-- Answers: which organizations are most often mentioned in the same articles as a given one? The
-- organization may be named by any alias the seed knows (MS, 마이크로소프트, Microsoft are one).
-- Parameters: --vars '{organization: MS}'.
with target as (
    select organization_key
    from {{ ref('int_organization_aliases') }}
    where alias_folded = {{ fold_name("'" ~ var('organization', 'MS') ~ "'") }}
),

target_articles as (
    select distinct mentions.article_id
    from {{ ref('fct_organization_mentions') }} as mentions
    inner join target on mentions.organization_key = target.organization_key
)

select
    mentions.canonical_name as co_mentioned_organization,
    mentions.organization_type,
    count(distinct mentions.article_id) as shared_articles,
    count(*) as mentions_in_shared_articles
from {{ ref('fct_organization_mentions') }} as mentions
inner join target_articles on mentions.article_id = target_articles.article_id
where mentions.organization_key not in (select target.organization_key from target)
group by mentions.canonical_name, mentions.organization_type
order by shared_articles desc, mentions_in_shared_articles desc, co_mentioned_organization asc
