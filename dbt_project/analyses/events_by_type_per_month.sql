-- Answers: how many events of each type happened each month, and how widely were they reported?
select
    dates.year_month,
    events.event_type,
    count(*) as events,
    sum(events.article_count) as reports_in_articles,
    list(events.event_name order by events.event_date, events.event_name) as event_names
from {{ ref('fct_events') }} as events
inner join {{ ref('dim_date') }} as dates on events.event_date = dates.date_day
group by dates.year_month, events.event_type
order by dates.year_month, events.event_type
