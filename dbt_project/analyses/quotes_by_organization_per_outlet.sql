-- Answers: which outlets quote which organizations (the organization speaking, or the one its speaker
-- speaks for), and how often?
select
    coalesce(quotes.outlet, '(unknown outlet)') as outlet,
    quotes.speaker_organization,
    count(*) as quotes,
    count(distinct quotes.speaker_person_key) as people_quoted,
    count(*) filter (where quotes.speaker_kind = 'organization') as quotes_by_the_organization_itself
from {{ ref('fct_quotes') }} as quotes
where quotes.speaker_organization is not null
group by coalesce(quotes.outlet, '(unknown outlet)'), quotes.speaker_organization
order by outlet asc, quotes desc, quotes.speaker_organization asc
