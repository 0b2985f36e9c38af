-- lineage: a page of the passages carrying a phrase's words, oldest first, with the share of the phrase each holds.
-- grain: one row per passage
-- params: $phrase_grams varchar[] (empty for a phrase shorter than a shingle), $phrase_norm varchar, $min_share double, $row_limit integer, $row_offset integer, $dataset_ids varchar[], $states varchar[] (the sidebar's agency filters; empty = all)
with carried as not materialized (
    select passage_id, source_id, doc_id, org_id, quote_id, label, source_kind, dated, date_basis, seq, text, cut, shared, share
    from passages_sharing($phrase_grams, $phrase_norm, $min_share)
    where passage_in_agency_filters(doc_id, org_id, $dataset_ids, $states)  -- the sidebar's agency filters
)
select
    c.passage_id,
    c.source_kind,
    c.label,
    c.dated,
    c.date_basis,
    round(c.share, 3) as share,
    c.text,
    c.cut,
    c.seq,
    c.source_id,
    c.doc_id,
    c.org_id,
    c.quote_id,
    t.text_id,
    dm.department_id,
    s.url as source_url,
    (select count(*) from carried) as total_rows
from carried as c
left join sources as s using (source_id)
left join policy_texts as t on t.org_id = c.org_id and c.source_kind = 'full text'  -- a full text's passage opens in its stored text
left join (select org_id, department_id from department_members) as dm on dm.org_id = c.org_id
order by c.dated, c.share desc, c.label, c.source_id, c.seq
limit $row_limit::integer offset $row_offset::integer
