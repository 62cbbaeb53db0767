-- Each event counts the articles and reports clustered into it, and each report belongs to one event.
with reports as (
    select
        event_id,
        count(distinct article_id) as article_count,
        count(*) as report_count
    from {{ ref('int_events__clustered') }}
    group by event_id
)

select events.event_id
from {{ ref('fct_events') }} as events
full outer join reports using (event_id)
where
    events.article_count is distinct from reports.article_count
    or events.report_count is distinct from reports.report_count
