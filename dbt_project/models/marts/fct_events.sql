-- One row per real-world event: the reports of it in every article (int_events__clustered) are one row,
-- with the number of articles that report it and the first one that did.
with reports as (
    select * from {{ ref('int_events__clustered') }}
),

participants as (
    select * from {{ ref('int_event_participants') }}
),

articles as (
    select
        article_id,
        body
    from {{ ref('stg_news__articles') }}
),

organizers as (
    select
        event_id,
        first(participant_name order by case role when 'organizer' then 1 else 2 end, participant_name)
            as organizer,
        first(participant_key order by case role when 'organizer' then 1 else 2 end, participant_name)
            as organizer_key
    from participants
    where participant_type = 'organization' and role in ('organizer', 'host')
    group by event_id
),

participant_lists as (
    select
        event_id,
        coalesce(
            list_sort(list(participant_name) filter (where participant_type = 'organization')), cast([] as varchar[])
        ) as participants,
        coalesce(
            list_sort(list(participant_name) filter (where participant_type = 'person')), cast([] as varchar[])
        ) as people
    from participants
    group by event_id
),

events as (
    select
        event_id,
        any_value(event_type) as event_type,
        first(event_name order by is_generated_name, published_at, article_id, start_offset) as event_name,
        any_value(event_date) as event_date,
        first(date_text order by published_at, article_id, start_offset) as date_text,
        first(location order by published_at, article_id, start_offset) filter (where location is not null)
            as location,
        count(distinct article_id) as article_count,
        count(*) as report_count,
        min(published_at) as first_reported_at,
        max(published_at) as last_reported_at,
        first(article_id order by published_at, article_id, start_offset) as first_article_id,
        first(start_offset order by published_at, article_id, start_offset) as first_sentence_start,
        first(end_offset order by published_at, article_id, start_offset) as first_sentence_end
    from reports
    group by event_id
),

final as (
    select
        events.event_id,
        events.event_type,
        events.event_name,
        events.event_date,
        events.date_text,
        events.location,
        organizers.organizer,
        organizers.organizer_key,
        coalesce(participant_lists.participants, cast([] as varchar[])) as participants,
        coalesce(participant_lists.people, cast([] as varchar[])) as people,
        events.article_count,
        events.report_count,
        events.first_reported_at,
        events.last_reported_at,
        events.first_article_id,
        events.first_sentence_start,
        events.first_sentence_end,
        substr(articles.body, events.first_sentence_start + 1, events.first_sentence_end - events.first_sentence_start)
            as first_sentence
    from events
    inner join articles on events.first_article_id = articles.article_id
    left join organizers using (event_id)
    left join participant_lists using (event_id)
)

select * from final
