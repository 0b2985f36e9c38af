-- options_quote_facets: speakers and sources that quotes can be filtered by.
-- grain: one row per (facet, value)
-- params: none
select 'speaker' as facet, speaker as value, speaker as label, count(*) as quotes
from quotes
group by speaker
union all
select 'source' as facet, q.source_id as value, any_value(s.title) as label, count(*) as quotes
from quotes as q
join sources as s on s.source_id = q.source_id
group by q.source_id
order by facet, label
