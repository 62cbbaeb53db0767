with source as (
    select * from {{ source('news', 'articles') }}
),

renamed as (
    select
        article_id,
        item_id,
        source as source_name,
        uri as source_uri,
        format as source_format,
        encoding as source_encoding,
        language,
        title,
        subtitle,
        section,
        body,
        outlet,
        reporters,
        email_hidden as reporter_email_hidden,
        canonical_url,
        published_at,
        published_at_source,
        body_hash,
        run_id,
        loaded_at
    from source
),

final as (
    select
        article_id,
        item_id,
        source_name,
        source_uri,
        source_format,
        source_encoding,
        lower(language) as language,
        trim(title) as title,
        nullif(trim(subtitle), '') as subtitle,
        nullif(trim(section), '') as section,
        body,
        nullif(trim(outlet), '') as outlet,
        coalesce(reporters, cast([] as varchar[])) as reporters,
        coalesce(reporter_email_hidden, false) as reporter_email_hidden,
        nullif(trim(canonical_url), '') as canonical_url,
        published_at,
        cast(timezone('Asia/Seoul', published_at) as date) as published_date,
        published_at_source,
        body_hash,
        length(body) as body_length,
        run_id,
        loaded_at
    from renamed
)

select * from final
