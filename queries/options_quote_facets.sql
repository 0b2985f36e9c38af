-- options_quote_facets: the speakers and sources with the most quotes, for the Quotes page's filters.
-- grain: one row per (facet, value), at most $max_values per facet
-- params: $max_values integer
with speakers as (
    select 'speaker' as facet, speaker as value, speaker as label, count(*) as quotes,
    from quotes
    group by speaker
    order by quotes desc, speaker
    limit $max_values::integer
),
sources as (
    select 'source' as facet, q.source_id as value, any_value(s.title) as label, count(*) as quotes,
    from quotes as q
    join sources as s on s.source_id = q.source_id
    group by q.source_id
    order by quotes desc, q.source_id
    limit $max_values::integer
),
final as (
    select facet, value, label, quotes, from speakers
    union all
    select facet, value, label, quotes, from sources
)
select
    facet,
    value,
    label,
    quotes,
from final
order by facet, label
