-- criterion_change: for agencies of two datasets that the reviewed table pairs, each one's verdict on one criterion in both.
-- grain: one row per reviewed pair
-- params: $criterion_id varchar
with verdict as (
    select
        k.doc_id,
        p.agency_id,
        case when k.met then 'met' when not k.met then 'not met' else 'not coded' end as verdict,
        k.language,
    from criterion_codes as k
    join agency_policies as p on p.doc_id = k.doc_id
    where k.criterion_id = $criterion_id
)
select
    a.name as agency,
    da.title || ' (' || da.published_on || ')' as earlier_dataset,
    va.verdict as earlier_verdict,
    db.title || ' (' || db.published_on || ')' as later_dataset,
    vb.verdict as later_verdict,
    case
        when va.verdict = vb.verdict then 'same verdict'
        when 'not coded' in (va.verdict, vb.verdict) then 'not comparable'
        else va.verdict || ' → ' || vb.verdict
    end as change,
    m.basis,
    m.established,
    m.note,
    va.language as earlier_language,
    vb.language as later_language,
    da.credit || '; ' || db.credit as credit,
from agency_matches as m
join agencies as a on a.agency_id = m.agency_id
join agencies as b on b.agency_id = m.same_as
join datasets as da on da.dataset_id = a.dataset_id
join datasets as db on db.dataset_id = b.dataset_id
join verdict as va on va.agency_id = m.agency_id
join verdict as vb on vb.agency_id = m.same_as
order by a.name
