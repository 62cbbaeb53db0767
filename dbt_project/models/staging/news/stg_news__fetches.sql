with source as (
    select * from {{ source('news', 'fetches') }}
),

renamed as (
    select
        run_id,
        source as source_name,
        url,
        final_url,
        status as http_status,
        not_modified,
        item_id,
        byte_size,
        attempts,
        elapsed as elapsed_seconds,
        error,
        fetched_at
    from source
),

final as (
    select
        *,
        error is null and http_status between 200 and 399 as is_success
    from renamed
)

select * from final
