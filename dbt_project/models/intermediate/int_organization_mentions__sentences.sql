{{
    config(
        materialized='incremental',
        incremental_strategy='replace_articles',
        unique_key='mention_id',
        on_schema_change='sync_all_columns',
        post_hook="{{ record_incremental_watermark() }}"
    )
}}
-- depends_on: {{ ref('int_article_loads') }}
{%- set watermark = incremental_watermark(this) %}

-- The sentence around each organization mention. Finding it scans the article body with a regular expression,
-- the costliest step of the organization models, and it depends on the article alone: it is computed once per
-- loaded article (incremental, like the marts), not on every read of the mentions.
with mentions as (
    select
        mention_id,
        article_id,
        start_offset,
        end_offset
    from {{ ref('stg_news__organization_mentions') }}
),

articles as (
    select
        article_id,
        body
    from {{ ref('stg_news__articles') }}
),

{% if is_incremental() and watermark is not none %}
    changed_articles as (
        {{ changed_article_ids(watermark) }}
    ),
{% endif %}

final as (
    select
        mentions.mention_id,
        mentions.article_id,
        {{ sentence_start('articles.body', 'mentions.start_offset') }} as sentence_start,
        {{ sentence_end('articles.body', 'mentions.end_offset') }} as sentence_end
    from mentions
    inner join articles using (article_id)
    {% if is_incremental() and watermark is not none %}
        where mentions.article_id in (select changed_articles.article_id from changed_articles)
    {% endif %}
)

select * from final
