-- Answers: who speaks for a given organization, with what title, and how often?
-- Parameters: --vars '{organization: KT}' (any alias the seed knows).
with target as (
    select organization_key
    from {{ ref('int_organization_aliases') }}
    where alias_folded = {{ fold_name("'" ~ var('organization', 'KT') ~ "'") }}
)

select
    quotes.speaker_name,
    first(quotes.speaker_title order by quotes.published_at desc) filter (where quotes.speaker_title is not null)
        as title,
    count(*) as quotes,
    min(quotes.published_date) as first_quoted_on,
    max(quotes.published_date) as last_quoted_on
from {{ ref('fct_quotes') }} as quotes
inner join target on quotes.speaker_organization_key = target.organization_key
where quotes.speaker_kind = 'person'
group by quotes.speaker_name
order by quotes desc, quotes.speaker_name asc
