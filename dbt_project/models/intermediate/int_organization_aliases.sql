-- The analysts' alias seed as a lookup: one row per alias folded for matching (MS, 마이크로소프트, Posco = POSCO),
-- with its canonical organization. Each canonical name is also an alias of itself, so a canonical name the
-- extractor gives always resolves. Two aliases that fold alike must name one organization (a singular test).
with aliases as (
    select
        {{ squish('alias') }} as alias,
        {{ squish('canonical_name') }} as canonical_name,
        lower(trim(organization_type)) as organization_type
    from {{ ref('organization_aliases') }}
),

canonical_names as (
    select
        canonical_name as alias,
        canonical_name,
        min(organization_type) as organization_type
    from aliases
    where {{ fold_name('canonical_name') }} not in (select {{ fold_name('listed.alias') }} from aliases as listed)
    group by canonical_name
),

all_aliases as (
    select * from aliases
    union all
    select * from canonical_names
),

final as (
    select
        {{ fold_name('alias') }} as alias_folded,
        min(alias) as alias,
        min(canonical_name) as canonical_name,
        min(organization_type) as organization_type,
        {{ organization_key('min(canonical_name)') }} as organization_key,
        count(distinct canonical_name) as canonical_name_count
    from all_aliases
    group by {{ fold_name('alias') }}
)

select * from final
