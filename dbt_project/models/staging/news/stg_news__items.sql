with source as (
    select * from {{ source('news', 'items') }}
),

renamed as (
    select
        item_id,
        source as source_name,
        uri as source_uri,
        fetched_at,
        byte_size,
        raw_path,
        encoding as detected_encoding,
        content_type,
        run_id
    from source
),

final as (
    select
        md5(source_name || ':' || source_uri || ':' || item_id) as item_key,
        *
    from renamed
)

select * from final
