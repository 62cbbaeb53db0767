with source as (
    select * from {{ source('news', 'organization_mentions') }}
),

renamed as (
    select
        md5(article_id || ':' || start_offset || ':' || end_offset) as mention_id,
        article_id,
        surface,
        canonical as extracted_canonical_name,
        organization_type as extracted_organization_type,
        start_offset,
        end_offset,
        from_alias_table,
        loaded_at
    from source
)

select * from renamed
