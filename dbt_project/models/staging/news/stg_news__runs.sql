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
        duplicates,
        quotes,
        organization_mentions,
        person_mentions,
        events,
        failed_sources
    from source
),

final as (
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
        records_in = articles_loaded + quarantined + duplicates as is_balanced,
        cast(coalesce(failed_sources, '{}') as json) as failed_sources,
        json_keys(cast(coalesce(failed_sources, '{}') as json)) as failed_source_names
    from renamed
)

select * from final
