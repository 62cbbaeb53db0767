{{
    config(
        materialized='incremental',
        incremental_strategy='replace_articles',
        unique_key='article_id',
        on_schema_change='sync_all_columns',
        post_hook="{{ record_incremental_watermark() }}"
    )
}}
-- depends_on: {{ ref('int_article_loads') }}
{%- set watermark = incremental_watermark(this) %}

-- One row per unique article. Incremental: the articles loaded since the last build, plus the articles whose
-- count of copies changed (a later night found another copy, or a rerun took one away); an article that
-- became a duplicate or was quarantined on a rerun is deleted by the replace_articles strategy.
with articles as (
    select * from {{ ref('stg_news__articles') }}
),

duplicates as (
    select
        original_article_id as article_id,
        count(*) as duplicate_count
    from {{ ref('stg_news__duplicates') }}
    group by original_article_id
),

{% if is_incremental() and watermark is not none %}
    changed_articles as (
        {{ changed_article_ids(watermark) }}
    ),

    recounted_articles as (
        select coalesce(duplicates.article_id, built.article_id) as article_id
        from duplicates
        full outer join (
            select
                article_id,
                duplicate_count
            from {{ this }}
            where duplicate_count > 0
        ) as built using (article_id)
        where duplicates.duplicate_count is distinct from built.duplicate_count
    ),
{% endif %}

final as (
    select
        articles.article_id,
        articles.title,
        articles.subtitle,
        articles.section,
        articles.language,
        articles.outlet,
        articles.reporters,
        articles.reporter_email_hidden,
        articles.published_at,
        articles.published_date,
        articles.published_at_source,
        articles.canonical_url,
        articles.source_name,
        articles.source_uri,
        articles.source_format,
        articles.source_encoding,
        articles.item_id,
        articles.body,
        articles.body_length,
        articles.body_hash,
        coalesce(duplicates.duplicate_count, 0) as duplicate_count,
        articles.run_id,
        articles.loaded_at
    from articles
    left join duplicates using (article_id)
    {% if is_incremental() and watermark is not none %}
        where
            articles.article_id in (select changed_articles.article_id from changed_articles)
            or articles.article_id in (select recounted_articles.article_id from recounted_articles)
    {% endif %}
)

select * from final
