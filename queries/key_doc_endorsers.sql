-- key_doc_endorsers: the organizations that signed or declined one document, under the organization filters.
-- grain: one row per (status, organization)
-- params: $key_doc_id varchar, $org_ids varchar[], $org_kinds varchar[] (empty = all)
select
    status,
    org_id,
    org_name,
from endorsement_matrix
where doc_id = $key_doc_id
    and status in ('signed', 'declined')
    and (len($org_ids::varchar[]) = 0 or list_contains($org_ids::varchar[], org_id))
    and (len($org_kinds::varchar[]) = 0 or list_contains($org_kinds::varchar[], org_kind))
order by status, org_name
