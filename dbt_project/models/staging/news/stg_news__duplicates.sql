with source as (
    select * from {{ source('news', 'duplicates') }}
),

renamed as (
    select
        article_id,
        uri as source_uri,
        duplicate_of as original_article_id,
        kind as duplicate_kind,
        similarity,
        loaded_at
    from source
)

select * from renamed
