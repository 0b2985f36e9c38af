-- endorsements_by_org_kind: endorsement rows per kind of organization and status.
-- grain: one row per (org_kind, status)
-- params: $org_ids varchar[], $org_kinds varchar[], $doc_ids varchar[] (empty = all), $date_from date, $date_to date (null = open)
select
    org_kind,
    status,
    count(*) as endorsements,
    count(distinct org_id) as organizations,
from endorsement_matrix
where (len($org_ids::varchar[]) = 0 or list_contains($org_ids::varchar[], org_id))
    and (len($org_kinds::varchar[]) = 0 or list_contains($org_kinds::varchar[], org_kind))
    and (len($doc_ids::varchar[]) = 0 or list_contains($doc_ids::varchar[], doc_id))
    and ($date_from::date is null or on_date_date >= $date_from::date)
    and ($date_to::date is null or on_date_date <= $date_to::date)
group by org_kind, status
order by org_kind, status
