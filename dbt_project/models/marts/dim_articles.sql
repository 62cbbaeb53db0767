with articles as (
    select * from {{ ref('stg_news__articles') }}
),

duplicates as (
    select
        original_article_id as article_id,
        count(*) as duplicate_count
    from {{ ref('stg_news__duplicates') }}
    group by 1
),

final as (
    select
        articles.article_id,
        articles.title,
        articles.subtitle,
        articles.section,
        articles.language,
        articles.outlet,
        articles.reporters,
        articles.published_at,
        articles.published_date,
        articles.published_at_source,
        articles.canonical_url,
        articles.source_name,
        articles.source_uri,
        articles.source_format,
        articles.body,
        articles.body_length,
        coalesce(duplicates.duplicate_count, 0) as duplicate_count,
        articles.loaded_at
    from articles
    left join duplicates using (article_id)
)

select * from final
