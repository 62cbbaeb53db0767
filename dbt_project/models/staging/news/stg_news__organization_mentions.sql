with source as (
    select * from {{ source('news', 'organization_mentions') }}
),

renamed as (
    select
        article_id,
        surface,
        canonical as extracted_canonical_name,
        organization_type as extracted_organization_type,
        start_offset,
        end_offset,
        from_alias_table,
        run_id,
        loaded_at
    from source
),

final as (
    select
        md5(article_id || ':' || start_offset || ':' || end_offset) as mention_id,
        article_id,
        {{ squish('surface') }} as surface,
        {{ squish('extracted_canonical_name') }} as extracted_canonical_name,
        lower(extracted_organization_type) as extracted_organization_type,
        start_offset,
        end_offset,
        from_alias_table,
        run_id,
        loaded_at
    from renamed
)

select * from final
