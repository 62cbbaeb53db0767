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

ranked as (
    select
        event_mention_id,
        row_number() over (
            order by published_at, article_id, start_offset, event_mention_id
        ) as mention_rank
    from mentions
),

-- Connected components by label propagation: every report starts with its own rank and takes the smallest
-- rank among its neighbours until nothing changes. USING KEY keeps one row per report (DuckDB), so the work
-- grows with the edges, not with the square of a component as a transitive closure does.
labels (event_mention_id, label) using key (event_mention_id) as (
    select
        event_mention_id,
        mention_rank as label
    from ranked
    union
    select
        edges.to_mention as event_mention_id,
        min(labels.label) as label
    from labels
    inner join edges on labels.event_mention_id = edges.from_mention
    inner join recurring.labels as current_labels on edges.to_mention = current_labels.event_mention_id
    group by edges.to_mention
    having min(labels.label) < min(current_labels.label)
),

clusters as (
    select
        labels.event_mention_id,
        ranked.event_mention_id as event_id
    from labels
    inner join ranked on labels.label = ranked.mention_rank
),

final as (
    select
        clusters.event_id,
        mentions.*
    from mentions
    inner join clusters using (event_mention_id)
)

select * from final
