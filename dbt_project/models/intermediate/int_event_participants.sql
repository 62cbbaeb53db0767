{{ config(materialized='table') }}

-- Who took part in each event and how, from every article reporting it:
--   * organizer: an organization the text says organized it (GSMA 주최로, organized by …),
--   * host: one that hosted it (KT가 주관했다, hosted by …),
--   * participant: the organizations the extractor lists for the event, and people named in its sentence,
--   * speaker: people named in the sentence of a keynote.
-- Organizer and host are read in the event's sentence, or in any sentence of the article that names the
-- event (for events with a real name). One row per event and participant, with the strongest role.
with events as (
    select * from {{ ref('int_events__clustered') }}
),

organization_mentions as (
    select * from {{ ref('int_organization_mentions__canonicalized') }}
),

people as (
    select * from {{ ref('int_person_mentions__resolved') }}
),

articles as (
    select
        article_id,
        body
    from {{ ref('stg_news__articles') }}
),

mentions_near_events as (
    -- organizations in the event's sentence, or in a sentence of the article that names the event
    select
        events.event_id,
        events.event_mention_id,
        events.published_at,
        events.article_id,
        organization_mentions.organization_key,
        organization_mentions.canonical_name,
        organization_mentions.start_offset,
        substr(articles.body, organization_mentions.end_offset + 1, 24) as text_after,
        left(articles.body, organization_mentions.start_offset) as text_before
    from events
    inner join organization_mentions on events.article_id = organization_mentions.article_id
    inner join articles on events.article_id = articles.article_id
    where
        (
            organization_mentions.start_offset >= events.start_offset
            and organization_mentions.end_offset <= events.end_offset
        )
        or (
            not events.is_generated_name
            and strpos(
                substr(
                    articles.body,
                    organization_mentions.sentence_start + 1,
                    organization_mentions.sentence_end - organization_mentions.sentence_start
                ),
                events.event_name
            ) > 0
        )
),

role_mentions as (
    select
        event_id,
        event_mention_id,
        organization_key,
        canonical_name,
        published_at,
        article_id,
        start_offset,
        case
            -- GSMA 주최로, 세계이동통신사업자연합회(GSMA) 주최, organized by the ministry
            when
                regexp_matches(text_after, '^(\s*\([^)]*\))?\)?\s*(이|가|의|측이)?\s*주최')
                or regexp_matches(text_before, '(?i)\b(organi[sz]ed|convened) by (the )?$')
                then 'organizer'
            -- KT가 주관했다, hosted by Naver
            when
                regexp_matches(text_after, '^(\s*\([^)]*\))?\)?\s*(이|가|의|측이)?\s*주관')
                or regexp_matches(text_before, '(?i)\b(hosted|sponsored) by (the )?$')
                then 'host'
        end as role
    from mentions_near_events
),

organization_roles as (
    select
        event_id,
        event_mention_id,
        'organization' as participant_type,
        organization_key as participant_key,
        canonical_name as participant_name,
        role,
        published_at,
        article_id,
        start_offset
    from role_mentions
    where role is not null
),

listed_organizations as (
    select
        events.event_id,
        events.event_mention_id,
        'organization' as participant_type,
        {{ organization_key('listed.participant') }} as participant_key,
        listed.participant as participant_name,
        'participant' as role,
        events.published_at,
        events.article_id,
        events.start_offset
    from events
    cross join unnest(events.participants) as listed (participant)
),

named_people as (
    select
        events.event_id,
        events.event_mention_id,
        'person' as participant_type,
        people.person_key as participant_key,
        people.person_name as participant_name,
        case when events.event_type = 'keynote' then 'speaker' else 'participant' end as role,
        events.published_at,
        events.article_id,
        people.start_offset
    from events
    inner join people
        on
            events.article_id = people.article_id
            and events.start_offset <= people.start_offset
            and events.end_offset >= people.end_offset
),

all_roles as (
    select * from organization_roles
    union all
    select * from listed_organizations
    union all
    select * from named_people
),

final as (
    select
        md5(event_id || ':' || participant_type || ':' || participant_key) as event_participant_id,
        event_id,
        participant_type,
        participant_key,
        first(participant_name order by published_at, article_id, start_offset) as participant_name,
        -- the strongest role any article gives it
        first(
            role order by case role when 'organizer' then 1 when 'host' then 2 when 'speaker' then 3 else 4 end
        ) as role,
        count(distinct article_id) as article_count,
        first(article_id order by published_at, article_id, start_offset) as first_article_id
    from all_roles
    group by event_id, participant_type, participant_key
)

select * from final
