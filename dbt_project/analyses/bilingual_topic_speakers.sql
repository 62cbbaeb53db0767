-- Answers: which organizations speak about a topic in both Korean and English sources (the organization
-- itself, or people speaking for it), and who spoke in each language?
-- Parameters: --vars '{topic_ko: AI, topic_en: AI}' (matched case-insensitively in the quoted words).
with topic_quotes as (
    select
        speaker_organization_key,
        speaker_organization,
        language,
        speaker_name,
        quote_text
    from {{ ref('fct_quotes') }}
    where
        speaker_organization_key is not null
        and (
            (language = 'ko' and quote_text ilike '%{{ var("topic_ko", "AI") }}%')
            or (language = 'en' and quote_text ilike '%{{ var("topic_en", "AI") }}%')
        )
)

select
    speaker_organization as organization,
    count(*) filter (where language = 'ko') as korean_quotes,
    count(*) filter (where language = 'en') as english_quotes,
    list(distinct speaker_name order by speaker_name) filter (where language = 'ko') as korean_speakers,
    list(distinct speaker_name order by speaker_name) filter (where language = 'en') as english_speakers
from topic_quotes
group by speaker_organization
having count(*) filter (where language = 'ko') > 0 and count(*) filter (where language = 'en') > 0
order by organization
