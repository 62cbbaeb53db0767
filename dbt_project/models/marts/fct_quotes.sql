with quotes as (
    select * from {{ ref('stg_news__quotes') }}
),

articles as (
    select article_id, title, body, published_at, published_date, outlet from {{ ref('stg_news__articles') }}
),

final as (
    select
        quotes.quote_id,
        quotes.article_id,
        quotes.quote_kind,
        quotes.quote_text,
        quotes.speaker_name,
        quotes.speaker_title,
        quotes.speaker_organization,
        case when quotes.speaker_organization is not null
            then md5(lower(quotes.speaker_organization)) end as speaker_organization_key,
        quotes.speaker_is_organization,
        quotes.speaker_name is null as is_unattributed,
        quotes.cue,
        articles.published_at,
        articles.published_date,
        articles.outlet,
        case when quotes.quote_kind = 'headline' then articles.title
            else substr(articles.body, quotes.sentence_start + 1, quotes.sentence_end - quotes.sentence_start)
        end as sentence,
        quotes.start_offset,
        quotes.end_offset,
        quotes.sentence_start,
        quotes.sentence_end
    from quotes
    inner join articles using (article_id)
)

select * from final
