-- department_verdicts: every coded wave's verdict on every criterion for one department, with the coder's words.
-- grain: one row per (coded member, criterion)
-- params: $department_id varchar
select
    a.criterion_id,
    a.criterion_name,
    a.question,
    a.provision_id,
    min(a.criterion_order) over (partition by a.criterion_id) as criterion_order,
    a.dataset_id,
    a.coded_by || ' ' || left(a.dataset_published_on, 4) as wave,
    m.dataset_year,
    a.verdict,
    a.language,
    a.quote_id,
    a.locator,
    a.policy_year,
    a.agency_id,
from department_members as m
join agency_codes as a on a.agency_id = m.org_id
where m.department_id = $department_id
order by criterion_order, m.dataset_year, a.dataset_id
