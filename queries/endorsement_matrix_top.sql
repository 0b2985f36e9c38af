-- endorsement_matrix_top: endorsement rows of the organizations and documents with the most rows under the filters.
-- grain: one row per (organization, document, status), at most $max_orgs organizations x $max_docs documents
-- params: $org_ids varchar[], $org_kinds varchar[], $doc_ids varchar[], $statuses varchar[] (empty = all), $date_from date, $date_to date (null = open),
--   $max_orgs integer, $max_docs integer
-- Not materialized: the ranking reads the ids only, and the rows drawn are read again with their labels (a shared
-- materialized filter carried every label of a million rows into memory).
with filtered as not materialized (
    select
        org_id,
        org_name,
        acronym,
        org_kind,
        doc_id,
        doc_short_title,
        issued_on_date,
        status,
        extent,
        evidence,
        on_date,
        source_publisher,
    from endorsements_under($org_ids, $org_kinds, $doc_ids, $statuses, $date_from, $date_to)
),
top_orgs as (
    select org_id from filtered group by org_id order by count(*) desc, org_id limit $max_orgs::integer
),
top_docs as (
    select doc_id from filtered group by doc_id order by count(*) desc, doc_id limit $max_docs::integer
)
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
    source_publisher,
from filtered
where org_id in (select org_id from top_orgs)
    and doc_id in (select doc_id from top_docs)
order by issued_on_date, doc_id, status, org_name
