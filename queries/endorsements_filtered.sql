-- endorsements_filtered: endorsement rows under the shared filters.
-- grain: one row per (organization, document, status)
-- params: $org_ids varchar[], $org_kinds varchar[], $doc_ids varchar[], $statuses varchar[] (empty = all), $date_from date, $date_to date (null = open), $row_limit integer, $row_offset integer (a page of rows)
select
    org_id,
    org_name,
    acronym,
    org_kind,
    doc_id,
    doc_short_title,
    status,
    extent,
    evidence,
    on_date,
    note,
    quote_text,
    source_title,
    source_publisher,
    source_url,
    -- counted apart: a window count over every row would make DuckDB carry all wide rows through the sort
    (select count(*) from endorsements_under($org_ids, $org_kinds, $doc_ids, $statuses, $date_from, $date_to)) as total_rows,
from endorsements_under($org_ids, $org_kinds, $doc_ids, $statuses, $date_from, $date_to)
order by issued_on_date, doc_id, status, org_name
limit $row_limit::integer offset $row_offset::integer
