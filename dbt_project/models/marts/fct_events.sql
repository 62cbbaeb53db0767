-- One row per real-world event: mentions of the same type, date and name from several
-- articles are one event.
with events as (
    select * from {{ ref('stg_news__events') }}
),

articles as (
    select article_id, published_at from {{ ref('stg_news__articles') }}
),

keyed as (
    select
        md5(events.event_type || '|' || coalesce(cast(events.event_date as varchar), '') || '|'
            || lower(events.event_name)) as event_id,
        events.*,
        articles.published_at
    from events
    inner join articles using (article_id)
),

final as (
    select
        event_id,
        any_value(event_type) as event_type,
        any_value(event_name) as event_name,
        any_value(event_date) as event_date,
        arg_min(location, published_at) filter (where location is not null) as location,
        list_sort(list_distinct(flatten(list(participants)))) as participants,
        count(distinct article_id) as article_count,
        min(published_at) as first_reported_at,
        arg_min(article_id, published_at) as first_article_id,
        arg_min(start_offset, published_at) as first_sentence_start,
        arg_min(end_offset, published_at) as first_sentence_end
    from keyed
    group by event_id
)

select * from final
