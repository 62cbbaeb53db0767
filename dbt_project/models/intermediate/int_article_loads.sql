-- Where every article id the pipeline has seen ended (loaded, duplicate or quarantined) and when the load
-- that put it there committed. Incremental models compare this time with their own newest load_finished_at.
with articles as (
    select
        article_id,
        run_id,
        'loaded' as outcome
    from {{ ref('stg_news__articles') }}
),

duplicates as (
    select
        article_id,
        run_id,
        'duplicate' as outcome
    from {{ ref('stg_news__duplicates') }}
),

quarantined as (
    select
        article_id,
        run_id,
        'quarantined' as outcome
    from {{ ref('stg_news__quarantine') }}
    where article_id is not null
),

runs as (
    select
        run_id,
        finished_at
    from {{ ref('stg_news__runs') }}
),

outcomes as (
    select * from articles
    union all
    select * from duplicates
    union all
    select * from quarantined
),

final as (
    select
        outcomes.article_id,
        -- an article loaded once and also seen again as the same bytes the same night is loaded
        case
            when bool_or(outcomes.outcome = 'loaded') then 'loaded'
            when bool_or(outcomes.outcome = 'duplicate') then 'duplicate'
            else 'quarantined'
        end as outcome,
        max(runs.finished_at) as load_finished_at
    from outcomes
    inner join runs using (run_id)
    group by outcomes.article_id
)

select * from final
