-- One row per person (a person is a name: 김영섭 in one article is 김영섭 in another), from every place a
-- person appears: named in a body, quoted, or in a byline. The latest title and organization are the ones
-- the most recent article gave.
with people as (
    select * from {{ ref('int_person_mentions__resolved') }}
),

quotes as (
    select * from {{ ref('fct_quotes') }}
),

articles as (
    select
        article_id,
        language,
        outlet,
        reporters,
        published_at,
        body_length
    from {{ ref('dim_articles') }}
),

aliases as (
    select * from {{ ref('int_organization_aliases') }}
),

observations as (
    select
        people.person_key,
        people.person_name,
        people.person_title as title,
        people.organization,
        people.organization_key,
        people.article_id,
        articles.published_at,
        people.start_offset as position,
        'mention' as observation
    from people
    inner join articles using (article_id)
    union all
    select
        speaker_person_key as person_key,
        speaker_name as person_name,
        speaker_title as title,
        speaker_organization as organization,
        speaker_organization_key as organization_key,
        article_id,
        published_at,
        start_offset as position,
        'quote' as observation
    from quotes
    where speaker_kind = 'person'
    union all
    select
        {{ person_key('bylines.reporter') }} as person_key,
        {{ squish('bylines.reporter') }} as person_name,
        case when articles.language = 'ko' then '기자' else 'reporter' end as title,
        coalesce(aliases.canonical_name, articles.outlet) as organization,
        case
            when articles.outlet is not null
                then {{ organization_key('coalesce(aliases.canonical_name, articles.outlet)') }}
        end as organization_key,
        articles.article_id,
        articles.published_at,
        articles.body_length as position,
        'byline' as observation
    from articles
    cross join unnest(articles.reporters) as bylines (reporter)
    left join aliases on aliases.alias_folded = {{ fold_name('articles.outlet') }}
),

final as (
    select
        person_key,
        first(person_name order by published_at desc, article_id desc, position desc) as person_name,
        first(
            title order by published_at desc, article_id desc, position desc
        ) filter (where title is not null) as latest_title,
        first(
            organization order by published_at desc, article_id desc, position desc
        ) filter (where organization is not null) as latest_organization,
        first(
            organization_key order by published_at desc, article_id desc, position desc
        ) filter (where organization_key is not null) as latest_organization_key,
        min(published_at) as first_seen_at,
        max(published_at) as last_seen_at,
        count(*) filter (where observation = 'mention') as mention_count,
        count(*) filter (where observation = 'quote') as quote_count,
        count(*) filter (where observation = 'byline') as byline_count,
        count(distinct article_id) as article_count
    from observations
    group by person_key
)

select * from final
