-- department_edition_checks: for each coded wave whose cells quote policy words, how many of those quoted runs the
--   department's stored full text holds (the build's rule, in its words): the same edition, or probably another.
-- grain: one row per (full text, coded agency)
-- params: $department_id varchar (the checks of its coded waves, and of its full texts, whichever department holds the other)
select
    e.text_id,
    e.agency_id,
    e.dataset_id,
    s.coded_by || ' ' || s.published_year as wave,
    e.quoted,
    e.found,
    e.result,
    e.rule,
    t.title,
    t.department_id as text_department_id,
from edition_checks as e
join datasets as s on s.dataset_id = e.dataset_id
join policy_texts as t on t.text_id = e.text_id
where e.department_id = $department_id or t.department_id = $department_id
order by s.published_year, e.dataset_id, e.text_id
