with source as (
    select * from {{ source('news', 'duplicates') }}
),

renamed as (
    select
        article_id,
        item_id,
        source as source_name,
        uri as source_uri,
        duplicate_of as original_article_id,
        kind as duplicate_kind,
        similarity,
        run_id,
        loaded_at
    from source
),

final as (
    select * from renamed
)

select * from final
