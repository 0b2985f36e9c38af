-- position_grid: stances of the chosen documents on the provisions under the filters.
-- grain: one row per (provision, document)
-- params: $compared_doc_ids varchar[] (the documents to compare), $provision_ids varchar[], $topics varchar[], $evidence_levels varchar[] (empty = all)
select
    provision_id,
    provision_name,
    topic,
    direction,
    doc_id,
    doc_short_title,
    stance,
    evidence,
    summary,
    quote_id,
    quote_text,
    quote_speaker,
    quote_locator,
    source_id,
    source_title,
    source_publisher,
    source_published_on,
    source_url,
from position_matrix
-- the chosen documents by their integer key: 5x faster on 1M positions than testing each row's doc_id string
where doc_order in (select rowid from documents where list_contains($compared_doc_ids::varchar[], doc_id))
    and (len($provision_ids::varchar[]) = 0 or list_contains($provision_ids::varchar[], provision_id))
    and (len($topics::varchar[]) = 0 or list_contains($topics::varchar[], topic))
    -- the evidence filter grades settled cells; a cell the sources do not settle stays as it is ('? unknown', never hidden)
    and (len($evidence_levels::varchar[]) = 0 or list_contains($evidence_levels::varchar[], evidence) or stance in ('unknown', 'silent'))
order by provision_order, list_position($compared_doc_ids::varchar[], doc_id)
