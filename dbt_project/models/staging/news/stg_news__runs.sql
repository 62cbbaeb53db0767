with source as (
    select * from {{ source('news', 'runs') }}
),

renamed as (
    select
        run_id,
        window_start,
        window_end,
        started_at,
        finished_at,
        items_in,
        items_seen_before,
        records_in,
        articles_loaded,
        quarantined,
        duplicates as duplicates_found,
        quotes as quotes_loaded,
        organization_mentions as organization_mentions_loaded,
        person_mentions as person_mentions_loaded,
        events as events_loaded,
        cast(coalesce(failed_sources, '{}') as json) as failed_sources
    from source
),

final as (
    select
        *,
        records_in = articles_loaded + quarantined + duplicates_found as is_balanced,
        json_keys(failed_sources) as failed_source_names
    from renamed
)

select * from final
