-- position_matrix: every coded position with the labels and evidence the Compare page shows.
-- grain: one row per (provision, document)
-- params: none (a view, created by the build)
create view position_matrix as
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
