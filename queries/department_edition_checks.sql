-- department_edition_checks: for each coded wave whose cells quote policy words, how many of those quoted runs the
--   department's stored full text holds (the build's rule, in its words): the same edition, or probably another.
-- grain: one row per (full text, coded agency)
-- params: $department_id varchar
select
    e.text_id,
    e.agency_id,
    e.dataset_id,
    s.coded_by || ' ' || s.published_year as wave,
    e.quoted,
    e.found,
    e.result,
    e.rule,
from edition_checks as e
join datasets as s on s.dataset_id = e.dataset_id
where e.department_id = $department_id
order by s.published_year, e.dataset_id, e.text_id
