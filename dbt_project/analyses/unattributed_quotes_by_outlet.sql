-- Answers: how often does each outlet print quotes with no identifiable speaker ("a citizen said")?
select
    coalesce(outlet, '(unknown outlet)') as outlet,
    count(*) as quotes,
    count(*) filter (where is_unattributed) as unattributed_quotes,
    round(count(*) filter (where is_unattributed) / count(*), 3) as unattributed_share
from {{ ref('fct_quotes') }}
group by coalesce(outlet, '(unknown outlet)')
order by unattributed_share desc, outlet asc
