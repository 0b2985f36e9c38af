-- department_links: the established links that join a department's members, each with its evidence in words (the
--   quoted words used, found in no other stored text; the coder's list; the states on evidence).
-- grain: one row per established link between two members of the department
-- params: $department_id varchar
select
    l.agency_id,
    l.same_as,
    l.evidence_kind,
    l.basis,
    l.note,
from agency_links as l
join department_members as a on a.org_id = l.agency_id
join department_members as b on b.org_id = l.same_as
where l.established and a.department_id = $department_id and b.department_id = $department_id
order by l.evidence_kind, l.agency_id, l.same_as
