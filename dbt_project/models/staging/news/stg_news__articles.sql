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
        cast(timezone('Asia/Seoul', published_at) as date) as published_date,
        published_at_source,
        body_hash,
        length(body) as body_length,
        loaded_at
    from source
)

select * from renamed
