-- Every attributed quote's speaker exists: a person in dim_people, or an organization in dim_organizations.
select quotes.quote_id
from {{ ref('fct_quotes') }} as quotes
left join {{ ref('dim_people') }} as people on quotes.speaker_person_key = people.person_key
left join {{ ref('dim_organizations') }} as organizations
    on quotes.speaker_organization_key = organizations.organization_key
where
    (quotes.speaker_kind = 'person' and people.person_key is null)
    or (quotes.speaker_kind = 'organization' and organizations.organization_key is null)
    or (quotes.speaker_kind is null and not quotes.is_unattributed)
