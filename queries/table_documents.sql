-- table_documents: the documents table under the shared filters.
-- grain: one row per document
-- params: $doc_ids varchar[] (empty = all), $date_from date, $date_to date (null = open), $row_limit integer, $row_offset integer (a page of rows)
select
    d.doc_id,
    d.title,
    d.short_title,
    d.issued_on,
    d.version,
    array_to_string(d.author_org_ids, '; ') as author_org_ids,
    d.kind,
    d.notes,
    d.source_id,
    s.url as source_url,
    count(*) over () as total_rows,
from documents as d
join sources as s on s.source_id = d.source_id
where (len($doc_ids::varchar[]) = 0 or list_contains($doc_ids::varchar[], d.doc_id))
    and ($date_from::date is null or d.issued_on_date >= $date_from::date)
    and ($date_to::date is null or d.issued_on_date <= $date_to::date)
order by d.issued_on_date, d.doc_id
limit $row_limit::integer offset $row_offset::integer
