-- edition_pairs: each document with its next edition: documents whose ids differ only in a closing -YYYY-MM
--   (perf-gp-2016-01 -> perf-gp-2016-03; ncp-2017-01 -> ncp-2017-10 -> ncp-2020-07), in date order.
-- grain: one row per (earlier, later) edition
-- params: none (a view)
create view edition_pairs as
with editions as (
    select doc_id, short_title, issued_on, regexp_extract(doc_id, '^(.*)-\d{4}-\d{2}$', 1) as work
    from documents
    where kind not in ('agency_policy', 'agency_policy_text') and regexp_matches(doc_id, '^.*-\d{4}-\d{2}$')
),
ordered as (
    select *, lead(doc_id) over w as next_doc_id, lead(short_title) over w as next_short_title
    from editions
    window w as (partition by work order by issued_on, doc_id)
)
select doc_id as from_doc_id, short_title as from_short_title, next_doc_id as to_doc_id, next_short_title as to_short_title
from ordered
where next_doc_id is not null
order by from_doc_id;
