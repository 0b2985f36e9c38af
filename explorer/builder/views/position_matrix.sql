-- position_matrix: every coded position with the labels and evidence the Compare page shows.
-- grain: one row per (provision, document)
-- params: none (a table derived by the build, stored in the pages' sort order). Why a table: on 1M rows the joins
--   cost about 100 times a plain scan at every first visit; stored sorted, a page of rows ordered this way is read by
--   DuckDB's Top-N with late materialization (the wide columns are fetched for the rows shown only).
create table position_matrix as
select
    -- ids
    p.provision_id,
    p.doc_id,
    p.quote_id,
    p.source_id,
    -- dimensions
    pr.name as provision_name,
    pr.topic,
    pr.rowid as provision_order,
    pr.direction,
    d.short_title as doc_short_title,
    d.rowid as doc_order,  -- an integer key: a filter on a few documents is a semi-join on it, not a string test per row
    d.issued_on,
    d.issued_on_date,
    p.stance,
    p.evidence,
    p.summary,
    q.text as quote_text,
    q.speaker as quote_speaker,
    q.locator as quote_locator,
    s.title as source_title,
    s.publisher as source_publisher,
    s.published_on as source_published_on,
    s.url as source_url,
from positions as p
join provisions as pr on pr.provision_id = p.provision_id
join documents as d on d.doc_id = p.doc_id
left join quotes as q on q.quote_id = p.quote_id
join sources as s on s.source_id = p.source_id
order by issued_on_date, doc_id, provision_order
