-- department_other_links: agencies of other datasets that might be this department but are not established as it
--   (the same name only), or that evidence sets against it (another state named in a text), each with its evidence.
-- grain: one row per (member of this department, agency of another department)
-- params: $department_id varchar
with mine as (
    select org_id from department_members where department_id = $department_id
),
links as (
    select agency_id as own, same_as as other, verdict, basis, note from agency_links
    union all
    select same_as as own, agency_id as other, verdict, basis, note from agency_links
)
select
    l.own,
    l.other,
    om.department_id as other_department_id,
    o.name as other_name,
    case when s.kind = 'texts' then 'full text, extracted ' || s.published_year else s.coded_by || ' ' || s.published_year end as other_wave,
    l.verdict,
    l.basis,
    l.note,
from links as l
join mine on mine.org_id = l.own
join department_members as om on om.org_id = l.other
join organizations as o on o.org_id = l.other
join datasets as s on s.dataset_id = om.dataset_id
where not l.other in (select org_id from mine)
order by l.verdict, other_wave, l.own
