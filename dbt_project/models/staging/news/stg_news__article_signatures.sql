with source as (
    select * from {{ source('news', 'article_signatures') }}
),

renamed as (
    select
        article_id,
        minhash
    from source
),

final as (
    select
        article_id,
        minhash,
        len(minhash) as minhash_length
    from renamed
)

select * from final
