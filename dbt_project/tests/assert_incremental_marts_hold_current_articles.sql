-- The incremental marts hold exactly what a full rebuild would: every loaded article and every current fact
-- of it, and no row of an article that was reprocessed (a lost quote), became a duplicate or was quarantined.
with loaded as (
    select article_id from {{ ref('int_article_loads') }}
    where outcome = 'loaded'
),

expected as (
    select
        'dim_articles' as mart,
        article_id as row_key
    from loaded
    union all
    select
        'fct_quotes' as mart,
        quotes.quote_id as row_key
    from {{ ref('int_quotes__speakers_resolved') }} as quotes
    inner join loaded using (article_id)
    union all
    select
        'fct_organization_mentions' as mart,
        mentions.mention_id as row_key
    from {{ ref('stg_news__organization_mentions') }} as mentions
    inner join loaded using (article_id)
    union all
    select
        'int_organization_mentions__sentences' as mart,
        mentions.mention_id as row_key
    from {{ ref('stg_news__organization_mentions') }} as mentions
    inner join loaded using (article_id)
),

built as (
    select
        'dim_articles' as mart,
        article_id as row_key
    from {{ ref('dim_articles') }}
    union all
    select
        'fct_quotes' as mart,
        quote_id as row_key
    from {{ ref('fct_quotes') }}
    union all
    select
        'fct_organization_mentions' as mart,
        mention_id as row_key
    from {{ ref('fct_organization_mentions') }}
    union all
    select
        'int_organization_mentions__sentences' as mart,
        mention_id as row_key
    from {{ ref('int_organization_mentions__sentences') }}
)

select
    coalesce(expected.mart, built.mart) as mart,
    coalesce(expected.row_key, built.row_key) as row_key,
    case when built.row_key is null then 'missing' else 'orphan' end as problem
from expected
full outer join built on expected.mart = built.mart and expected.row_key = built.row_key
where expected.row_key is null or built.row_key is null
