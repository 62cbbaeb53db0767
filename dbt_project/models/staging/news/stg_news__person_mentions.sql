with source as (
    select * from {{ source('news', 'person_mentions') }}
),

renamed as (
    select
        article_id,
        name as person_name,
        title as person_title,
        organization as person_organization,
        start_offset,
        end_offset,
        mention_start,
        mention_end,
        run_id,
        loaded_at
    from source
),

final as (
    select
        md5(article_id || ':' || start_offset || ':' || end_offset) as mention_id,
        article_id,
        {{ squish('person_name') }} as person_name,
        {{ person_key('person_name') }} as person_key,
        nullif({{ squish('person_title') }}, '') as person_title,
        nullif({{ squish('person_organization') }}, '') as person_organization,
        start_offset,
        end_offset,
        mention_start,
        mention_end,
        run_id,
        loaded_at
    from renamed
)

select * from final
