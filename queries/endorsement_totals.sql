-- endorsement_totals: how many endorsement rows, organizations and documents each status has under the filters.
-- grain: one row per status
-- params: $org_ids varchar[], $org_kinds varchar[], $doc_ids varchar[], $statuses varchar[] (empty = all), $date_from date, $date_to date (null = open)
select
    status,
    count(*) as endorsements,
    count(distinct org_id) as organizations,
    count(distinct doc_id) as documents,
    (select count(distinct org_id) from endorsements) as all_organizations,
from endorsements_under($org_ids, $org_kinds, $doc_ids, $statuses, $date_from, $date_to)
group by status
order by status
