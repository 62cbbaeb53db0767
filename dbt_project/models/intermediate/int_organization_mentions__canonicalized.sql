-- Each mention's canonical organization comes from the analysts' alias seed: first by the surface form as
-- written, then by the name the extractor gave; only when the seed knows neither does the extractor's own
-- name and type stand. Editing the seed therefore recanonicalizes history on the next run.
with mentions as (
    select * from {{ ref('stg_news__organization_mentions') }}
),

aliases as (
    select * from {{ ref('int_organization_aliases') }}
),

sentences as (
    select
        mention_id,
        sentence_start,
        sentence_end
    from {{ ref('int_organization_mentions__sentences') }}
),

canonicalized as (
    select
        mentions.mention_id,
        mentions.article_id,
        mentions.surface,
        mentions.extracted_canonical_name,
        mentions.extracted_organization_type,
        coalesce(
            by_surface.canonical_name, by_name.canonical_name, mentions.extracted_canonical_name
        ) as canonical_name,
        coalesce(
            by_surface.organization_type, by_name.organization_type, mentions.extracted_organization_type, 'other'
        ) as organization_type,
        case
            when by_surface.alias is not null then 'alias'
            when by_name.alias is not null then 'extracted_name'
            else 'extractor'
        end as canonicalized_by,
        mentions.from_alias_table,
        mentions.start_offset,
        mentions.end_offset
    from mentions
    left join aliases as by_surface on by_surface.alias_folded = {{ fold_name('mentions.surface') }}
    left join aliases as by_name on by_name.alias_folded = {{ fold_name('mentions.extracted_canonical_name') }}
),

final as (
    select
        canonicalized.mention_id,
        canonicalized.article_id,
        canonicalized.surface,
        canonicalized.extracted_canonical_name,
        canonicalized.extracted_organization_type,
        canonicalized.canonical_name,
        canonicalized.organization_type,
        {{ organization_key('canonicalized.canonical_name') }} as organization_key,
        canonicalized.canonicalized_by,
        canonicalized.canonicalized_by = 'alias' as in_alias_table,
        canonicalized.from_alias_table,
        canonicalized.start_offset,
        canonicalized.end_offset,
        sentences.sentence_start,
        sentences.sentence_end
    from canonicalized
    inner join sentences using (mention_id)
)

select * from final
