-- source_detail: the metadata of one source and how many quotes cite it.
-- grain: one row
-- params: $source_id varchar
select
    s.source_id,
    s.title,
    s.publisher,
    s.author,
    s.published_on,
    s.date_note,
    s.kind,
    s.url,
    s.notes,
    (select count(*) from quotes as q where q.source_id = s.source_id) as quotes,
from sources as s
where s.source_id = $source_id
