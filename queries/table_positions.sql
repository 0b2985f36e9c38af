-- table_positions: the positions table under the shared filters (all documents unless some are chosen).
-- grain: one row per (document, provision)
-- params: $doc_ids varchar[], $provision_ids varchar[], $topics varchar[], $evidence_levels varchar[] (empty = all), $row_limit integer, $row_offset integer (a page of rows)
-- The filter is written once (as matched) and counted apart: a window count over every row would make DuckDB carry all
-- wide rows through the sort, where the Top-N reads the stored order and fetches the wide columns of the page shown.
with matched as not materialized (
    select
        doc_id, provision_id, stance, evidence, summary, quote_id, quote_text, source_id, source_title, source_url,
        issued_on_date, provision_order,
    from position_matrix
    where (len($doc_ids::varchar[]) = 0 or list_contains($doc_ids::varchar[], doc_id))
        and (len($provision_ids::varchar[]) = 0 or list_contains($provision_ids::varchar[], provision_id))
        and (len($topics::varchar[]) = 0 or list_contains($topics::varchar[], topic))
        and (len($evidence_levels::varchar[]) = 0 or list_contains($evidence_levels::varchar[], evidence))
)
select
    doc_id,
    provision_id,
    stance,
    evidence,
    summary,
    quote_id,
    quote_text,
    source_id,
    source_title,
    source_url,
    (select count(*) from matched) as total_rows,
from matched
order by issued_on_date, doc_id, provision_order
limit $row_limit::integer offset $row_offset::integer
