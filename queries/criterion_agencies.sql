-- criterion_agencies: each agency's policy on one criterion of one dataset: the coder's verdict and language cell;
--   the state as its record gives it, else its department's (with the basis), else 'not given'.
-- grain: one row per agency policy
-- params: $dataset_id varchar, $criterion_id varchar, $verdicts varchar[] (met, not met, not coded; empty = all), $org_ids varchar[], $states varchar[] (empty = all), $row_limit integer, $row_offset integer
select
    agency,
    coalesce(agency_codes.state, dep.state || ' (its department page: ' || dep.state_basis || ')', 'not given') as state,
    coalesce(policy_year, 'not given') as policy_year,
    verdict,
    language,
    policy_url,
    doc_id,
    quote_id,
    locator,
    coded_by,
    credit,
    agency_codes.dataset_id,
    m.department_id,
    count(*) over () as total_rows,
from agency_codes
left join (select org_id, department_id from department_members) as m on m.org_id = agency_id
left join departments as dep on dep.department_id = m.department_id
where dataset_id = $dataset_id
    and criterion_id = $criterion_id
    and (len($verdicts::varchar[]) = 0 or list_contains($verdicts::varchar[], verdict))
    and (len($org_ids::varchar[]) = 0 or list_contains($org_ids::varchar[], agency_id))
    and (len($states::varchar[]) = 0 or list_contains($states::varchar[], agency_codes.state))
order by agency
limit $row_limit::integer offset $row_offset::integer
