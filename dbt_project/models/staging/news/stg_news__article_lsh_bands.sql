with source as (
    select * from {{ source('news', 'article_lsh_bands') }}
),

renamed as (
    select
        article_id,
        band,
        band_hash
    from source
),

final as (
    select * from renamed
)

select * from final
