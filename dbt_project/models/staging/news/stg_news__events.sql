with source as (
    select * from {{ source('news', 'events') }}
),

renamed as (
    select
        article_id,
        event_index,
        event_type,
        name as event_name,
        event_date,
        date_text,
        location,
        participants,
        start_offset,
        end_offset,
        loaded_at
    from source
)

select * from renamed
