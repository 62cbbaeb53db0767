with mentions as (
    select * from {{ ref('int_organization_mentions__canonicalized') }}
),

articles as (
    select article_id, published_at from {{ ref('stg_news__articles') }}
),

final as (
    select
        mentions.organization_key,
        mentions.canonical_name,
        -- one type per organization: the seed's when any mention went through it
        arg_max(mentions.organization_type, mentions.in_alias_table::int) as organization_type,
        list(distinct mentions.surface order by mentions.surface) as aliases_seen,
        min(articles.published_at) as first_seen_at,
        max(articles.published_at) as last_seen_at,
        count(*) as mention_count,
        count(distinct mentions.article_id) as article_count
    from mentions
    inner join articles using (article_id)
    group by 1, 2
)

select * from final
