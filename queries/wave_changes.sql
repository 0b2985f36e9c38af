-- wave_changes: change over time on established links only: for each department (department_members links a coded
--   agency to another wave only on evidence) and criterion, its verdict in an earlier and a later coded wave, for
--   every pair of waves it is in. Agencies not established as one department never meet here.
-- grain: one row per (department, criterion, earlier wave, later wave)
-- params: $criterion_ids varchar[], $org_ids varchar[], $states varchar[], $dataset_ids varchar[] (empty = all; a
--   department is kept when any of its members is among the organizations, in the states; both waves among the datasets)
with coded as (
    select
        m.department_id,
        m.dataset_id,
        m.dataset_year,
        a.criterion_id,
        a.criterion_name,
        min(a.criterion_order) over (partition by a.criterion_id) as criterion_order,
        a.verdict,
        a.language,
        a.policy_year,
        s.coded_by || ' ' || s.published_year as wave,
        a.credit,
    from department_members as m
    join agency_codes as a on a.agency_id = m.org_id
    join datasets as s on s.dataset_id = m.dataset_id
    where m.role = 'coded'
        and (len($criterion_ids::varchar[]) = 0 or list_contains($criterion_ids::varchar[], a.criterion_id))
        and (len($dataset_ids::varchar[]) = 0 or list_contains($dataset_ids::varchar[], m.dataset_id))
),
kept as (
    select m.department_id
    from department_members as m
    join organizations as o on o.org_id = m.org_id
    join departments as d on d.department_id = m.department_id
    group by m.department_id
    having (len($org_ids::varchar[]) = 0 or bool_or(list_contains($org_ids::varchar[], m.org_id)))
        and (len($states::varchar[]) = 0 or bool_or(list_contains($states::varchar[], coalesce(o.state, d.state))))
)
select
    d.department_id,
    d.name as department,
    d.state,
    e.criterion_id,
    e.criterion_name,
    e.wave as earlier_wave,
    l.wave as later_wave,
    e.wave || ' → ' || l.wave as waves,
    e.verdict as earlier_verdict,
    l.verdict as later_verdict,
    case
        when e.verdict = l.verdict then 'same verdict'
        when 'not coded' in (e.verdict, l.verdict) then 'not comparable'
        else e.verdict || ' → ' || l.verdict
    end as change,
    e.policy_year as earlier_policy_year,
    l.policy_year as later_policy_year,
    e.language as earlier_language,
    l.language as later_language,
    e.credit || '; ' || l.credit as credit,
from coded as e
join coded as l
    on l.department_id = e.department_id and l.criterion_id = e.criterion_id
    and (l.dataset_year > e.dataset_year or (l.dataset_year = e.dataset_year and l.dataset_id > e.dataset_id))
join departments as d on d.department_id = e.department_id
where e.department_id in (select department_id from kept)
order by e.criterion_order, e.dataset_year, l.dataset_year, d.name, d.department_id
