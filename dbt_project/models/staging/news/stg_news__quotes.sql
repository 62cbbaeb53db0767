with source as (
    select * from {{ source('news', 'quotes') }}
),

renamed as (
    select
        article_id,
        quote_index,
        kind as quote_kind,
        text as quote_text,
        start_offset,
        end_offset,
        sentence_start,
        sentence_end,
        speaker as speaker_name,
        speaker_title,
        speaker_org as speaker_organization,
        speaker_is_organization,
        cue,
        run_id,
        loaded_at
    from source
),

final as (
    select
        md5(article_id || ':' || quote_kind || ':' || start_offset || ':' || end_offset) as quote_id,
        article_id,
        quote_index,
        quote_kind,
        quote_text,
        start_offset,
        end_offset,
        sentence_start,
        sentence_end,
        nullif({{ squish('speaker_name') }}, '') as speaker_name,
        nullif({{ squish('speaker_title') }}, '') as speaker_title,
        nullif({{ squish('speaker_organization') }}, '') as speaker_organization,
        coalesce(speaker_is_organization, false) as speaker_is_organization,
        nullif(trim(cue), '') as cue,
        run_id,
        loaded_at
    from renamed
)

select * from final
