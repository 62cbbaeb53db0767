-- One row per event and participant (organization or person), with the role the articles give it.
with participants as (
    select * from {{ ref('int_event_participants') }}
),

final as (
    select
        event_participant_id,
        event_id,
        participant_type,
        case when participant_type = 'organization' then participant_key end as organization_key,
        case when participant_type = 'person' then participant_key end as person_key,
        participant_name,
        role,
        article_count,
        first_article_id
    from participants
)

select * from final
