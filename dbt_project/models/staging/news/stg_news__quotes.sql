with source as (
    select * from {{ source('news', 'quotes') }}
),

renamed as (
    select
        md5(article_id || ':' || kind || ':' || start_offset || ':' || end_offset) as quote_id,
        article_id,
        kind as quote_kind,
        text as quote_text,
        start_offset,
        end_offset,
        sentence_start,
        sentence_end,
        nullif(trim(speaker), '') as speaker_name,
        speaker_title,
        speaker_org as speaker_organization,
        speaker_is_organization,
        cue,
        loaded_at
    from source
)

select * from renamed
