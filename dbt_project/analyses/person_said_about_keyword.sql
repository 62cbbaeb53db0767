-- Answers: what did a given person say about a keyword? Every quote of theirs containing it, oldest first,
-- with the sentence and the article it came from.
-- Parameters: --vars '{person: 김영섭, keyword: 협력}' (the keyword is matched case-insensitively).
select
    quotes.published_date,
    quotes.speaker_name,
    quotes.speaker_title,
    quotes.speaker_organization,
    quotes.quote_kind,
    quotes.cue,
    quotes.quote_text,
    quotes.sentence,
    articles.title as article_title,
    articles.outlet
from {{ ref('fct_quotes') }} as quotes
inner join {{ ref('dim_articles') }} as articles on quotes.article_id = articles.article_id
where
    quotes.speaker_person_key = {{ person_key("'" ~ var('person', '김영섭') ~ "'") }}
    and quotes.quote_text ilike '%{{ var("keyword", "협력") }}%'
order by quotes.published_at, quotes.article_id, quotes.start_offset
