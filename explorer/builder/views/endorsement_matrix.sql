-- endorsement_matrix: who authored, signed, declined, opposed or supported which document.
-- grain: one row per (organization, document, status)
-- params: none (a table derived by the build, stored in the pages' sort order). Why a table: on 1M rows the joins
--   cost about 100 times a plain scan at every first visit; stored sorted, a page of rows ordered this way is read by
--   DuckDB's Top-N with late materialization (the wide columns are fetched for the rows shown only).
create table endorsement_matrix as
select
    -- ids
    e.org_id,
    e.doc_id,
    e.quote_id,
    e.source_id,
    -- dimensions
    o.name as org_name,
    o.rowid as org_order,  -- integer keys: distinct counts over a million rows are faster on them than on id strings
    d.rowid as doc_order,
    o.acronym,
    o.kind as org_kind,
    d.short_title as doc_short_title,
    d.issued_on_date,
    e.status,
    e.extent,
    e.evidence,
    e.on_date,
    e.on_date_date,
    e.note,
    q.text as quote_text,
    s.title as source_title,
    s.publisher as source_publisher,
    s.url as source_url,
from endorsements as e
join organizations as o on o.org_id = e.org_id
join documents as d on d.doc_id = e.doc_id
left join quotes as q on q.quote_id = e.quote_id
join sources as s on s.source_id = e.source_id
order by issued_on_date, doc_id, status, org_name
