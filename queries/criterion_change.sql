-- criterion_change: for agencies of two datasets that the reviewed table pairs, each one's verdict on one criterion in both.
-- grain: one row per reviewed pair
-- params: $criterion_id varchar
select
    a.agency,
    a.dataset_title || ' (' || a.dataset_published_on || ')' as earlier_dataset,
    a.verdict as earlier_verdict,
    b.dataset_title || ' (' || b.dataset_published_on || ')' as later_dataset,
    b.verdict as later_verdict,
    case
        when a.verdict = b.verdict then 'same verdict'
        when 'not coded' in (a.verdict, b.verdict) then 'not comparable'
        else a.verdict || ' → ' || b.verdict
    end as change,
    m.basis,
    m.established,
    m.note,
    a.language as earlier_language,
    b.language as later_language,
    a.credit || '; ' || b.credit as credit,
from agency_matches as m
join agency_codes as a on a.agency_id = m.agency_id and a.criterion_id = $criterion_id
join agency_codes as b on b.agency_id = m.same_as and b.criterion_id = $criterion_id
order by a.agency
