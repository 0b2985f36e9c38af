-- criterion_agencies: each agency's policy on one criterion of one dataset: the coder's verdict and language cell.
-- grain: one row per agency policy
-- params: $dataset_id varchar, $criterion_id varchar, $verdicts varchar[] (met, not met, not coded; empty = all), $row_limit integer, $row_offset integer
with coded as (
    select
        a.name as agency,
        a.state,
        p.policy_year,
        case when k.met then 'met' when not k.met then 'not met' else 'not coded' end as verdict,
        k.language,
        p.policy_url,
        k.doc_id,
        d.coded_by,
        d.credit,
    from criterion_codes as k
    join agency_policies as p on p.doc_id = k.doc_id
    join agencies as a on a.agency_id = p.agency_id
    join datasets as d on d.dataset_id = k.dataset_id
    where k.dataset_id = $dataset_id and k.criterion_id = $criterion_id
)
select
    agency,
    state,
    policy_year,
    verdict,
    language,
    policy_url,
    doc_id,
    coded_by,
    credit,
    count(*) over () as total_rows,
from coded
where len($verdicts::varchar[]) = 0 or list_contains($verdicts::varchar[], verdict)
order by agency
limit $row_limit::integer offset $row_offset::integer
