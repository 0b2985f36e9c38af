-- department_options: every department (one id across datasets, on shown evidence), for the department page's picker.
-- grain: one row per department (former_id: the address an earlier release gave it, redirected by the page)
-- params: none
select
    d.department_id,
    d.name,
    d.state,
    d.n_members,
    d.former_id,
    string_agg(
        case when s.kind = 'texts' then 'full text' else s.coded_by || ' ' || s.published_year end, ', ' order by m.dataset_year, s.dataset_id
    ) as waves,
from departments as d
join department_members as m using (department_id)
join datasets as s on s.dataset_id = m.dataset_id
group by d.department_id, d.name, d.state, d.n_members, d.former_id
order by d.name, d.state nulls first, d.department_id
