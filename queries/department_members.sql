-- department_members: the datasets a department is in (coded waves and full texts), oldest first, with each wave's
--   coder, provenance and credit.
-- grain: one row per member (an organization of one dataset)
-- params: $department_id varchar
select
    m.org_id,
    m.dataset_id,
    m.doc_id,
    m.role,
    m.dataset_year,
    s.kind as dataset_kind,
    s.title as dataset_title,
    s.coded_by,
    s.published_on,
    s.coded_by || ' ' || s.published_year as wave,
    s.provenance,
    s.state_basis as dataset_state_basis,
    s.credit,
    s.url as dataset_url,
    o.name,
    o.state,
    d.policy_year,
    d.policy_url,
from department_members as m
join datasets as s on s.dataset_id = m.dataset_id
join organizations as o on o.org_id = m.org_id
left join documents as d on d.doc_id = m.doc_id
where m.department_id = $department_id
order by m.dataset_year, m.role, m.dataset_id
