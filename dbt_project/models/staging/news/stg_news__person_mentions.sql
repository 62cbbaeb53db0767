with source as (
    select * from {{ source('news', 'person_mentions') }}
),

renamed as (
    select
        md5(article_id || ':' || start_offset || ':' || end_offset) as mention_id,
        article_id,
        name as person_name,
        title as person_title,
        organization as person_organization,
        start_offset,
        end_offset,
        loaded_at
    from source
)

select * from renamed
