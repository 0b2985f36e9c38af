-- endorsement_totals: how many endorsement rows, organizations and documents each status has under the filters.
-- grain: one row per status
-- params: $org_ids varchar[], $org_kinds varchar[], $doc_ids varchar[], $statuses varchar[] (empty = all), $date_from date, $date_to date (null = open)
select
    status,
    count(*) as endorsements,
    count(distinct org_order) as organizations,  -- the integer twins of org_id and doc_id: the same counts, faster
    count(distinct doc_order) as documents,
    (select count(distinct org_order) from endorsement_matrix) as all_organizations,
from endorsements_under($org_ids, $org_kinds, $doc_ids, $statuses, $date_from, $date_to)
group by status
order by status
