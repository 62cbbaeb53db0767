-- Each mention's canonical organization comes from the analysts' alias seed when the seed knows
-- the surface form, so editing the seed recanonicalizes history on the next run.
with mentions as (
    select * from {{ ref('stg_news__organization_mentions') }}
),

aliases as (
    select * from {{ ref('organization_aliases') }}
),

canonicalized as (
    select
        mentions.mention_id,
        mentions.article_id,
        mentions.surface,
        coalesce(aliases.canonical_name, mentions.extracted_canonical_name) as canonical_name,
        coalesce(aliases.organization_type, mentions.extracted_organization_type) as organization_type,
        aliases.alias is not null as in_alias_table,
        mentions.start_offset,
        mentions.end_offset
    from mentions
    left join aliases on aliases.alias = mentions.surface
),

final as (
    select
        *,
        md5(lower(canonical_name)) as organization_key
    from canonicalized
)

select * from final
