{{ config(materialized='table') }}

-- The same real-world event reported by several articles is one event. Two reports are the same event when
-- they have the same type and date and
--   * the same name (folded: case, spaces and punctuation ignored), unless the name is the extractor's own
--     description, or
--   * the same participants (canonical organizations, at least one), or
--   * at least two participants in common.
-- Reports linked through others belong together (connected components). The event takes the key of its
-- first report (earliest publication, then article id, then offset), so its key stays when later articles
-- join it.
with recursive mentions as (
    select * from {{ ref('int_event_mentions') }}
),

pairs as (
    select
        a.event_mention_id as mention_a,
        b.event_mention_id as mention_b
    from mentions as a
    inner join mentions as b
        on
            a.event_type = b.event_type
            and a.event_date is not distinct from b.event_date
            and a.event_mention_id < b.event_mention_id
    where
        (not a.is_generated_name and not b.is_generated_name and a.name_key = b.name_key)
        or (len(a.participants) > 0 and a.participants = b.participants)
        or len(list_intersect(a.participants, b.participants)) >= 2
),

edges as (
    select
        mention_a as from_mention,
        mention_b as to_mention
    from pairs
    union all
    select
        mention_b as from_mention,
        mention_a as to_mention
    from pairs
),

reachable (event_mention_id, reached_mention_id) as (
    select
        event_mention_id,
        event_mention_id as reached_mention_id
    from mentions
    union
    select
        reachable.event_mention_id,
        edges.to_mention as reached_mention_id
    from reachable
    inner join edges on reachable.reached_mention_id = edges.from_mention
),

clusters as (
    select
        reachable.event_mention_id,
        first(
            reached.event_mention_id
            order by reached.published_at, reached.article_id, reached.start_offset, reached.event_mention_id
        ) as event_id
    from reachable
    inner join mentions as reached on reachable.reached_mention_id = reached.event_mention_id
    group by reachable.event_mention_id
),

final as (
    select
        clusters.event_id,
        mentions.*
    from mentions
    inner join clusters using (event_mention_id)
)

select * from final
