{{ config(materialized='table') }}

-- Quotes with their speaker resolved: a person (by name, to dim_people) or an organization (through the alias
-- seed, to dim_organizations). A person's title and organization at the time come from the quote, or else
-- from the way the article named them; a bare surname (Onishi) becomes the one full name in the article
-- that ends with it (Yusuke Onishi).
with quotes as (
    select * from {{ ref('stg_news__quotes') }}
),

people as (
    select * from {{ ref('int_person_mentions__resolved') }}
),

aliases as (
    select * from {{ ref('int_organization_aliases') }}
),

article_people as (
    select
        article_id,
        person_key,
        min(person_name) as person_name,
        first(person_title order by start_offset) filter (where person_title is not null) as person_title,
        first(
            extracted_organization order by start_offset
        ) filter (where extracted_organization is not null) as extracted_organization
    from people
    group by article_id, person_key
),

surnames as (
    -- a one-word speaker that ends exactly one full name in the same article
    select
        quotes.quote_id,
        any_value(article_people.person_key) as person_key
    from quotes
    inner join article_people
        on
            quotes.article_id = article_people.article_id
            and article_people.person_name like '% ' || quotes.speaker_name
    where
        not quotes.speaker_is_organization
        and quotes.speaker_name not like '% %'
    group by quotes.quote_id
    having count(*) = 1
),

speakers as (
    select
        quotes.*,
        case
            when quotes.speaker_is_organization then 'organization'
            when quotes.speaker_name is not null then 'person'
        end as speaker_kind,
        case
            when quotes.speaker_name is not null and not quotes.speaker_is_organization
                then coalesce(surnames.person_key, {{ person_key('quotes.speaker_name') }})
        end as speaker_person_key
    from quotes
    left join surnames using (quote_id)
),

with_person as (
    select
        speakers.*,
        article_people.person_name as article_person_name,
        article_people.person_title as article_person_title,
        article_people.extracted_organization as article_person_organization
    from speakers
    left join article_people
        on
            speakers.article_id = article_people.article_id
            and speakers.speaker_person_key = article_people.person_key
),

resolved as (
    select
        quote_id,
        article_id,
        quote_kind,
        quote_text,
        speaker_kind,
        speaker_name as extracted_speaker_name,
        speaker_person_key,
        case when speaker_kind = 'person' then coalesce(speaker_title, article_person_title) end as speaker_title,
        case
            when speaker_kind = 'organization' then coalesce(speaker_organization, speaker_name)
            when speaker_kind = 'person' then coalesce(speaker_organization, article_person_organization)
        end as extracted_speaker_organization,
        case when speaker_kind = 'person' then coalesce(article_person_name, speaker_name) end as person_name,
        speaker_is_organization,
        cue,
        start_offset,
        end_offset,
        sentence_start,
        sentence_end
    from with_person
),

final as (
    select
        resolved.quote_id,
        resolved.article_id,
        resolved.quote_kind,
        resolved.quote_text,
        resolved.speaker_kind,
        case
            when resolved.speaker_kind = 'organization'
                then coalesce(aliases.canonical_name, resolved.extracted_speaker_organization)
            else resolved.person_name
        end as speaker_name,
        resolved.extracted_speaker_name,
        resolved.speaker_person_key,
        resolved.speaker_title,
        coalesce(aliases.canonical_name, resolved.extracted_speaker_organization) as speaker_organization,
        case
            when resolved.extracted_speaker_organization is not null
                then {{ organization_key('coalesce(aliases.canonical_name, resolved.extracted_speaker_organization)') }}
        end as speaker_organization_key,
        resolved.extracted_speaker_organization,
        resolved.speaker_is_organization,
        resolved.cue,
        resolved.start_offset,
        resolved.end_offset,
        resolved.sentence_start,
        resolved.sentence_end
    from resolved
    left join aliases on aliases.alias_folded = {{ fold_name('resolved.extracted_speaker_organization') }}
)

select * from final
