with source as (
    select * from {{ source('news', 'quarantine') }}
),

renamed as (
    select
        item_id,
        article_id,
        source as source_name,
        uri as source_uri,
        stage as rejected_at_stage,
        reason,
        run_id,
        loaded_at
    from source
),

final as (
    select * from renamed
)

select * from final
