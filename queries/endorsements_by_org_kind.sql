-- endorsements_by_org_kind: endorsement rows per kind of organization and status.
-- grain: one row per (org_kind, status)
-- params: $org_ids varchar[], $org_kinds varchar[], $doc_ids varchar[], $statuses varchar[] (empty = all), $date_from date, $date_to date (null = open)
select
    org_kind,
    status,
    count(*) as endorsements,
    count(distinct org_order) as organizations,  -- the integer twin of org_id: the same count, faster
from endorsements_under($org_ids, $org_kinds, $doc_ids, $statuses, $date_from, $date_to)
group by org_kind, status
order by org_kind, status
