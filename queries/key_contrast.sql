-- key_contrast: stances of a few documents on a few provisions, for the Overview's at-a-glance grid.
-- grain: one row per (provision, document)
-- params: $doc_ids varchar[], $provision_ids varchar[], $evidence_levels varchar[] (empty = any)
select
    provision_id,
    provision_name,
    doc_id,
    doc_short_title,
    stance,
    evidence,
    summary,
    quote_text,
    source_title,
    source_url,
from position_matrix
-- the chosen documents by their integer key: 5x faster on 1M positions than testing each row's doc_id string
where doc_order in (select rowid from documents where list_contains($doc_ids::varchar[], doc_id))
    and list_contains($provision_ids::varchar[], provision_id)
    -- the evidence filter grades settled cells; a cell the sources do not settle stays as it is ('? unknown', never hidden)
    and (len($evidence_levels::varchar[]) = 0 or list_contains($evidence_levels::varchar[], evidence) or stance in ('unknown', 'silent'))
order by list_position($provision_ids::varchar[], provision_id), list_position($doc_ids::varchar[], doc_id)
