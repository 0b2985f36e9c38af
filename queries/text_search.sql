-- text_search: a page of the passages (stored source texts and agency policy cells) holding a phrase, oldest first,
--   each with where its first match starts, how many times it holds the phrase, and its source's address.
-- grain: one row per passage
-- params: $needle varchar (lower-case, white space folded), $kinds varchar[] (kinds of source; empty = all), $row_limit integer, $row_offset integer, $dataset_ids varchar[], $states varchar[] (the sidebar's agency filters; empty = all)
with matched as not materialized (
    select passage_id, source_id, doc_id, org_id, quote_id, label, source_kind, dated, date_basis, seq, text, cut, match_at, hits
    from passages_matching($needle, $kinds)
    where passage_in_agency_filters(doc_id, org_id, $dataset_ids, $states)  -- the sidebar's agency filters
)
select
    m.passage_id,
    m.source_kind,
    m.label,
    m.dated,
    m.date_basis,
    m.text,
    m.cut,
    m.match_at,
    m.seq,
    m.hits,
    m.source_id,
    m.doc_id,
    m.org_id,
    m.quote_id,
    t.text_id,
    dm.department_id,
    s.url as source_url,
    (select count(*) from matched) as total_rows
from matched as m
left join sources as s using (source_id)
left join policy_texts as t on t.org_id = m.org_id and m.source_kind = 'full text'  -- a full text's passage opens in its stored text
left join (select org_id, department_id from department_members) as dm on dm.org_id = m.org_id
order by m.dated, m.label, m.source_id, m.seq
limit $row_limit::integer offset $row_offset::integer
