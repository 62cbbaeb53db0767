with source as (
    select * from {{ source('news', 'item_sightings') }}
),

renamed as (
    select
        run_id,
        item_id,
        source as source_name,
        uri as source_uri,
        fetched_at,
        already_in_raw,
        loaded_before
    from source
),

final as (
    select * from renamed
)

select * from final
