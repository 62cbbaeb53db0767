-- Answers: which partnerships and agreements involve a given company, with whom, and when?
-- Parameters: --vars '{company: Microsoft}' (any alias the seed knows).
with company as (
    select organization_key
    from {{ ref('int_organization_aliases') }}
    where alias_folded = {{ fold_name("'" ~ var('company', 'Microsoft') ~ "'") }}
),

company_events as (
    select participants.event_id
    from {{ ref('bridge_event_participants') }} as participants
    inner join company on participants.organization_key = company.organization_key
),

partners as (
    select
        participants.event_id,
        list(participants.participant_name order by participants.participant_name) as partners
    from {{ ref('bridge_event_participants') }} as participants
    inner join company_events on participants.event_id = company_events.event_id
    where
        participants.participant_type = 'organization'
        and participants.organization_key not in (select company.organization_key from company)
    group by participants.event_id
)

select
    events.event_date,
    events.event_type,
    events.event_name,
    partners.partners,
    events.location,
    events.article_count,
    events.first_sentence
from {{ ref('fct_events') }} as events
inner join company_events on events.event_id = company_events.event_id
left join partners on events.event_id = partners.event_id
where events.event_type in ('partnership', 'agreement')
order by events.event_date, events.event_name
