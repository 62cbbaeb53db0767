-- Answers: which events did a given organization take part in, and in what role (organizer, host,
-- participant)?
-- Parameters: --vars '{organization: GSMA}' (any alias the seed knows).
with target as (
    select organization_key
    from {{ ref('int_organization_aliases') }}
    where alias_folded = {{ fold_name("'" ~ var('organization', 'GSMA') ~ "'") }}
)

select
    events.event_date,
    events.event_type,
    events.event_name,
    participants.role,
    events.location,
    events.organizer,
    events.article_count
from {{ ref('bridge_event_participants') }} as participants
inner join target on participants.organization_key = target.organization_key
inner join {{ ref('fct_events') }} as events on participants.event_id = events.event_id
order by events.event_date, events.event_type
