-- People named in articles, with the organization given with the name canonicalized through the alias seed.
with people as (
    select * from {{ ref('stg_news__person_mentions') }}
),

aliases as (
    select * from {{ ref('int_organization_aliases') }}
),

final as (
    select
        people.mention_id,
        people.article_id,
        people.person_key,
        people.person_name,
        people.person_title,
        people.person_organization as extracted_organization,
        coalesce(aliases.canonical_name, people.person_organization) as organization,
        case
            when people.person_organization is not null
                then {{ organization_key('coalesce(aliases.canonical_name, people.person_organization)') }}
        end as organization_key,
        people.start_offset,
        people.end_offset,
        people.mention_start,
        people.mention_end
    from people
    left join aliases on aliases.alias_folded = {{ fold_name('people.person_organization') }}
)

select * from final
