-- Answers: who was quoted most in a period? One row per person, most quotes first.
-- Parameters: --vars '{quotes_from: 2024-01-01, quotes_to: 2025-12-31, top_n: 10}' (dates inclusive).
select
    people.person_name,
    people.latest_title,
    people.latest_organization,
    count(*) as quotes,
    count(*) filter (where quotes.quote_kind = 'direct') as direct_quotes,
    count(distinct quotes.article_id) as articles,
    min(quotes.published_date) as first_quoted_on,
    max(quotes.published_date) as last_quoted_on
from {{ ref('fct_quotes') }} as quotes
inner join {{ ref('dim_people') }} as people on quotes.speaker_person_key = people.person_key
where
    quotes.published_date between cast('{{ var("quotes_from", "2024-01-01") }}' as date)
    and cast('{{ var("quotes_to", "2025-12-31") }}' as date)
group by people.person_name, people.latest_title, people.latest_organization
order by quotes desc, people.person_name asc
limit {{ var("top_n", 10) }}
