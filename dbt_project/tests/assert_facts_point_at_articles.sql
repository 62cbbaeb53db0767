-- Every fact's article exists in dim_articles: quotes, organization mentions, event reports and participants.
with facts as (
    select
        'fct_quotes' as fact,
        article_id
    from {{ ref('fct_quotes') }}
    union all
    select
        'fct_organization_mentions' as fact,
        article_id
    from {{ ref('fct_organization_mentions') }}
    union all
    select
        'int_events__clustered' as fact,
        article_id
    from {{ ref('int_events__clustered') }}
    union all
    select
        'fct_events' as fact,
        first_article_id as article_id
    from {{ ref('fct_events') }}
    union all
    select
        'bridge_event_participants' as fact,
        first_article_id as article_id
    from {{ ref('bridge_event_participants') }}
)

select
    facts.fact,
    facts.article_id
from facts
left join {{ ref('dim_articles') }} as articles on facts.article_id = articles.article_id
where articles.article_id is null
