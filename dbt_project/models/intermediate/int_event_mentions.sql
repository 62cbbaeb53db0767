-- Events as each article reports them, with the participants canonicalized through the alias seed and the
-- keys clustering compares: the folded name, and whether the name is the extractor's own description
-- ("partnership: KT – Microsoft") rather than a name the article gives ('M360 APAC').
with events as (
    select * from {{ ref('stg_news__events') }}
),

articles as (
    select
        article_id,
        published_at
    from {{ ref('stg_news__articles') }}
),

aliases as (
    select * from {{ ref('int_organization_aliases') }}
),

participants as (
    select
        event_mention_id,
        unnest(participants) as participant
    from events
),

canonical_participants as (
    select
        participants.event_mention_id,
        list_sort(list_distinct(list(coalesce(aliases.canonical_name, {{ squish('participants.participant') }}))))
            as participants
    from participants
    left join aliases on aliases.alias_folded = {{ fold_name('participants.participant') }}
    group by participants.event_mention_id
),

final as (
    select
        events.event_mention_id,
        events.article_id,
        events.event_index,
        events.event_type,
        events.event_name,
        regexp_matches(events.event_name, '^[a-z_ ]+: ') as is_generated_name,
        lower(regexp_replace(events.event_name, '[\s\p{P}\p{S}]+', '', 'g')) as name_key,
        events.event_date,
        events.date_text,
        events.location,
        coalesce(canonical_participants.participants, cast([] as varchar[])) as participants,
        events.start_offset,
        events.end_offset,
        articles.published_at
    from events
    inner join articles using (article_id)
    left join canonical_participants using (event_mention_id)
)

select * from final
