-- key_doc_endorsers: the organizations that signed or declined the documents in view (the key document when the
-- Document filter is empty), under the organization and status filters.
-- grain: one row per (document, status, organization)
-- params: $key_doc_id varchar, $doc_ids varchar[], $org_ids varchar[], $org_kinds varchar[], $statuses varchar[] (empty = all)
select
    doc_id,
    doc_short_title,
    status,
    org_id,
    org_name,
from endorsement_matrix
where (case when len($doc_ids::varchar[]) = 0 then doc_id = $key_doc_id else list_contains($doc_ids::varchar[], doc_id) end)
    and status in ('signed', 'declined')
    and (len($statuses::varchar[]) = 0 or list_contains($statuses::varchar[], status))
    and (len($org_ids::varchar[]) = 0 or list_contains($org_ids::varchar[], org_id))
    and (len($org_kinds::varchar[]) = 0 or list_contains($org_kinds::varchar[], org_kind))
order by issued_on_date, doc_id, status desc, org_name
