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
        run_id,
        loaded_at
    from source
),

final as (
    select
        md5(
            article_id || ':' || event_type || ':' || start_offset || ':' || end_offset || ':' || lower(event_name)
        ) as event_mention_id,
        article_id,
        event_index,
        lower(trim(event_type)) as event_type,
        trim(event_name) as event_name,
        event_date,
        nullif(trim(date_text), '') as date_text,
        nullif(trim(location), '') as location,
        coalesce(participants, cast([] as varchar[])) as participants,
        start_offset,
        end_offset,
        run_id,
        loaded_at
    from renamed
)

select * from final
