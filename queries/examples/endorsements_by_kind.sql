-- endorsements_by_kind: endorsement statuses by kind of organization (example for the SQL page)
select o.kind, e.status, count(*) as endorsements
from endorsements as e
join organizations as o using (org_id)
group by o.kind, e.status
order by o.kind, e.status
