-- One row per canonical organization, whatever the language or form it was written in (MS = 마이크로소프트 =
-- Microsoft), gathered from every place an organization appears: mentioned in a body, speaking or standing
-- behind a speaker, as a person's affiliation, taking part in an event, or as an article's outlet.
with mentions as (
    select * from {{ ref('fct_organization_mentions') }}
),

quotes as (
    select * from {{ ref('fct_quotes') }}
),

people as (
    select * from {{ ref('int_person_mentions__resolved') }}
),

event_participants as (
    select * from {{ ref('bridge_event_participants') }}
),

events as (
    select
        event_id,
        first_reported_at,
        first_article_id
    from {{ ref('fct_events') }}
),

articles as (
    select
        article_id,
        outlet,
        published_at
    from {{ ref('dim_articles') }}
),

aliases as (
    select * from {{ ref('int_organization_aliases') }}
),

appearances as (
    select
        organization_key,
        canonical_name,
        organization_type,
        surface,
        article_id,
        published_at,
        'mention' as appearance
    from mentions
    union all
    select
        quotes.speaker_organization_key as organization_key,
        quotes.speaker_organization as canonical_name,
        null as organization_type,
        null as surface,
        quotes.article_id,
        quotes.published_at,
        'quote' as appearance
    from quotes
    where quotes.speaker_organization_key is not null
    union all
    select
        people.organization_key,
        people.organization as canonical_name,
        null as organization_type,
        null as surface,
        people.article_id,
        articles.published_at,
        'affiliation' as appearance
    from people
    inner join articles using (article_id)
    where people.organization_key is not null
    union all
    select
        event_participants.organization_key,
        event_participants.participant_name as canonical_name,
        null as organization_type,
        null as surface,
        events.first_article_id as article_id,
        events.first_reported_at as published_at,
        'event' as appearance
    from event_participants
    inner join events using (event_id)
    where event_participants.participant_type = 'organization'
    union all
    select
        {{ organization_key('coalesce(aliases.canonical_name, articles.outlet)') }} as organization_key,
        coalesce(aliases.canonical_name, articles.outlet) as canonical_name,
        coalesce(aliases.organization_type, 'media') as organization_type,
        articles.outlet as surface,
        articles.article_id,
        articles.published_at,
        'outlet' as appearance
    from articles
    left join aliases on aliases.alias_folded = {{ fold_name('articles.outlet') }}
    where articles.outlet is not null
),

seed_types as (
    select distinct
        organization_key,
        organization_type
    from aliases
),

extracted_types as (
    -- for organizations the seed lacks: the type the extractor gave most often
    select
        organization_key,
        first(organization_type order by type_count desc, organization_type asc) as organization_type
    from (
        select
            organization_key,
            organization_type,
            count(*) as type_count
        from appearances
        where organization_type is not null
        group by organization_key, organization_type
    ) as type_counts
    group by organization_key
),

final as (
    select
        appearances.organization_key,
        first(appearances.canonical_name order by appearances.appearance, appearances.canonical_name)
            as canonical_name,
        coalesce(any_value(seed.organization_type), any_value(extracted_types.organization_type), 'other')
            as organization_type,
        any_value(seed.organization_key) is not null as in_alias_table,
        coalesce(
            list_sort(list_distinct(list(appearances.surface))), cast([] as varchar[])
        ) as aliases_seen,
        min(appearances.published_at) as first_seen_at,
        max(appearances.published_at) as last_seen_at,
        count(*) filter (where appearances.appearance = 'mention') as mention_count,
        count(distinct appearances.article_id) filter (where appearances.appearance = 'mention')
            as article_count,
        count(*) filter (where appearances.appearance = 'quote') as quote_count,
        count(*) filter (where appearances.appearance = 'event') as event_count,
        count(*) filter (where appearances.appearance = 'outlet') as articles_published
    from appearances
    left join seed_types as seed using (organization_key)
    left join extracted_types using (organization_key)
    group by appearances.organization_key
)

select * from final
