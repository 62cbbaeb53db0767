-- Every direct quote's text is exactly the body between its offsets: facts are traceable.
select q.quote_id
from {{ ref('fct_quotes') }} as q
inner join {{ ref('dim_articles') }} as a using (article_id)
where
    q.quote_kind = 'direct'
    and substr(a.body, q.start_offset + 1, q.end_offset - q.start_offset) <> q.quote_text
