-- endorsement_totals: how many endorsement rows, organizations and documents each status has under the filters.
-- grain: one row per status
-- params: $org_ids varchar[], $org_kinds varchar[], $doc_ids varchar[] (empty = all), $date_from date, $date_to date (null = open)
select
    status,
    count(*) as endorsements,
    count(distinct org_id) as organizations,
    count(distinct doc_id) as documents,
    (select count(distinct org_id) from endorsements) as all_organizations,
from endorsement_matrix
where (len($org_ids::varchar[]) = 0 or list_contains($org_ids::varchar[], org_id))
    and (len($org_kinds::varchar[]) = 0 or list_contains($org_kinds::varchar[], org_kind))
    and (len($doc_ids::varchar[]) = 0 or list_contains($doc_ids::varchar[], doc_id))
    and ($date_from::date is null or on_date_date >= $date_from::date)
    and ($date_to::date is null or on_date_date <= $date_to::date)
group by status
order by status
