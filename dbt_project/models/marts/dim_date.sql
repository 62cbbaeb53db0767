-- One row per calendar day, whole years around every date the warehouse holds (publication and event dates).
with dates_seen as (
    select published_date as date_day from {{ ref('stg_news__articles') }}
    union all
    select event_date as date_day from {{ ref('stg_news__events') }}
),

bounds as (
    select
        date_trunc('year', coalesce(min(date_day), current_date)) as first_day,
        date_trunc('year', coalesce(max(date_day), current_date)) + interval 1 year - interval 1 day as last_day
    from dates_seen
),

days as (
    select cast(unnest(generate_series(bounds.first_day, bounds.last_day, interval 1 day)) as date) as date_day
    from bounds
),

final as (
    select
        date_day,
        year(date_day) as year,
        quarter(date_day) as quarter,
        month(date_day) as month,
        monthname(date_day) as month_name,
        strftime(date_day, '%Y-%m') as year_month,
        isoyear(date_day) as iso_year,
        weekofyear(date_day) as iso_week,
        day(date_day) as day_of_month,
        isodow(date_day) as day_of_week,
        dayname(date_day) as day_name,
        ['월', '화', '수', '목', '금', '토', '일'][isodow(date_day)] as day_name_ko,
        isodow(date_day) >= 6 as is_weekend,
        cast(date_trunc('week', date_day) as date) as week_start,
        cast(date_trunc('month', date_day) as date) as month_start
    from days
)

select * from final
