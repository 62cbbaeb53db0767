{{ config(materialized='table') }}

-- The same real-world event reported by several articles is one event. Two reports are the same event when
-- they have the same type and date and
--   * the same name (folded: case, spaces and punctuation ignored), unless the name is the extractor's own
--     description, or
--   * the same participants (canonical organizations, at least one), or
--   * at least two participants in common.
-- Reports linked through others belong together (connected components). The event takes the key of its
-- first report (earliest publication, then article id, then offset), so its key stays when later articles
-- join it. sqlfluff cannot parse DuckDB's USING KEY: this file is in .sqlfluffignore.
with recursive mentions as (
    select * from {{ ref('int_event_mentions') }}
),

ranked as (
    select
        event_mention_id,
        row_number() over (
            order by published_at, article_id, start_offset, event_mention_id
        ) as mention_rank
    from mentions
),

-- Every reason to link reports is a shared key: the name, the whole participant list, or one pair of
-- participants (two in common). Reports with the same key are linked to the key's first report (a star), not
-- to each other: the same components as linking every pair, with edges that grow with the reports, not with
-- the square of a busy day's reports of one type.
participant_pairs as (
    select
        mentions.event_mention_id,
        [first_participant.participant, second_participant.participant] as match_key
    from mentions
    cross join unnest(mentions.participants) as first_participant (participant)
    cross join unnest(mentions.participants) as second_participant (participant)
    where first_participant.participant < second_participant.participant
),

match_keys as (
    select
        event_mention_id,
        'name' as key_kind,
        [name_key] as match_key
    from mentions
    where not is_generated_name
    union all
    select
        event_mention_id,
        'participants' as key_kind,
        participants as match_key
    from mentions
    where len(participants) > 0
    union all
    select
        event_mention_id,
        'two participants' as key_kind,
        match_key
    from participant_pairs
),

keyed as (
    select
        match_keys.key_kind,
        match_keys.match_key,
        mentions.event_type,
        mentions.event_date,
        ranked.mention_rank
    from match_keys
    inner join mentions using (event_mention_id)
    inner join ranked using (event_mention_id)
),

stars as (
    select
        key_kind,
        match_key,
        event_type,
        event_date,
        min(mention_rank) as center_rank
    from keyed
    group by all
    having count(*) > 1
),

rank_edges as (
    select distinct
        keyed.mention_rank as member_rank,
        stars.center_rank
    from keyed
    inner join stars
        on
            keyed.key_kind = stars.key_kind
            and keyed.match_key = stars.match_key
            and keyed.event_type = stars.event_type
            and keyed.event_date is not distinct from stars.event_date
    where keyed.mention_rank <> stars.center_rank
),

edges as (
    select
        member_rank as from_rank,
        center_rank as to_rank
    from rank_edges
    union all
    select
        center_rank as from_rank,
        member_rank as to_rank
    from rank_edges
),

-- Connected components by label propagation: every report starts with its own rank and takes the smallest
-- rank among its neighbours until nothing changes. USING KEY keeps one row per report (DuckDB), so the work
-- grows with the edges, not with the square of a component as a transitive closure does.
labels (mention_rank, label) using key (mention_rank) as (
    select
        mention_rank,
        mention_rank as label
    from ranked
    union
    select
        edges.to_rank as mention_rank,
        min(labels.label) as label
    from labels
    inner join edges on labels.mention_rank = edges.from_rank
    inner join recurring.labels as current_labels on edges.to_rank = current_labels.mention_rank
    group by edges.to_rank
    having min(labels.label) < min(current_labels.label)
),

clusters as (
    select
        report.event_mention_id,
        first_report.event_mention_id as event_id
    from labels
    inner join ranked as report on labels.mention_rank = report.mention_rank
    inner join ranked as first_report on labels.label = first_report.mention_rank
),

final as (
    select
        clusters.event_id,
        mentions.*
    from mentions
    inner join clusters using (event_mention_id)
)

select * from final
