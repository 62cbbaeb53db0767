{{
    config(
        materialized='incremental',
        incremental_strategy='replace_articles',
        unique_key='quote_id',
        on_schema_change='sync_all_columns',
        post_hook="{{ record_incremental_watermark() }}"
    )
}}
-- depends_on: {{ ref('int_article_loads') }}, {{ ref('int_organization_aliases') }}
{%- set watermark = incremental_watermark(this) %}

-- One row per quote. Incremental: the quotes of the articles loaded since the last build (a reprocessed
-- article's lost quotes are deleted by the replace_articles strategy), plus the quotes whose speaker
-- organization the alias seed now canonicalizes differently.
with quotes as (
    select * from {{ ref('int_quotes__speakers_resolved') }}
),

articles as (
    select
        article_id,
        title,
        body,
        published_at,
        published_date,
        language,
        outlet
    from {{ ref('stg_news__articles') }}
),

{% if is_incremental() and watermark is not none %}
    changed_articles as (
        {{ changed_article_ids(watermark) }}
    ),

    aliases as (
        select * from {{ ref('int_organization_aliases') }}
    ),

    stale_organizations as (
        select built.extracted_speaker_organization
        from (
            select distinct
                extracted_speaker_organization,
                speaker_organization
            from {{ this }}
            where extracted_speaker_organization is not null
        ) as built
        left join aliases on aliases.alias_folded = {{ fold_name('built.extracted_speaker_organization') }}
        where coalesce(aliases.canonical_name, built.extracted_speaker_organization) <> built.speaker_organization
    ),
{% endif %}

final as (
    select
        quotes.quote_id,
        quotes.article_id,
        quotes.quote_kind,
        quotes.quote_text,
        quotes.speaker_kind,
        quotes.speaker_name,
        quotes.speaker_person_key,
        quotes.speaker_title,
        quotes.speaker_organization,
        quotes.speaker_organization_key,
        quotes.speaker_is_organization,
        quotes.speaker_kind is null as is_unattributed,
        quotes.extracted_speaker_name,
        quotes.extracted_speaker_organization,
        quotes.cue,
        articles.published_at,
        articles.published_date,
        articles.language,
        articles.outlet,
        case
            when quotes.quote_kind = 'headline' then articles.title
            else substr(articles.body, quotes.sentence_start + 1, quotes.sentence_end - quotes.sentence_start)
        end as sentence,
        quotes.start_offset,
        quotes.end_offset,
        quotes.sentence_start,
        quotes.sentence_end
    from quotes
    inner join articles using (article_id)
    {% if is_incremental() and watermark is not none %}
        where
            quotes.article_id in (select changed_articles.article_id from changed_articles)
            or quotes.extracted_speaker_organization in (
                select stale_organizations.extracted_speaker_organization from stale_organizations
            )
    {% endif %}
)

select * from final
