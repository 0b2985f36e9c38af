-- agency_matches: pairs of coded agencies of two datasets, earlier dataset first, with the evidence for or against
--   their being one department: every pair of one department (established: directly, or through a full text both are
--   linked to, its links' evidence named), and the generated agency_links' pairs that are not established or are
--   against. The shape the change-over-time query reads; only established pairs may enter a statistic.
-- grain: one row per pair of coded agencies
-- params: none (a view)
create view agency_matches as
with coded as (
    select m.department_id, m.org_id, s.published_year, s.dataset_id
    from department_members as m
    join datasets as s using (dataset_id)
    where m.role = 'coded'
),
evidence as (
    select m.department_id, string_agg(l.basis, '; ' order by l.evidence_kind, l.agency_id) as basis,
        string_agg(distinct l.evidence_kind, ', ' order by l.evidence_kind) as kinds
    from agency_links as l
    join department_members as m on m.org_id = l.agency_id
    where l.established
    group by m.department_id
),
same as (
    select a.org_id as agency_id, b.org_id as same_as, coalesce(l.basis, 'one department: ' || e.basis) as basis, true as established,
        'established' as verdict, coalesce(l.evidence_kind, e.kinds) as evidence_kind,
        coalesce(l.note, 'Linked through the members of one department, each link on the evidence named.') as note
    from coded as a
    join coded as b on a.department_id = b.department_id and a.dataset_id <> b.dataset_id
        and (a.published_year, a.org_id) < (b.published_year, b.org_id)
    left join agency_links as l on l.established and ((l.agency_id, l.same_as) = (a.org_id, b.org_id) or (l.agency_id, l.same_as) = (b.org_id, a.org_id))
    join evidence as e on e.department_id = a.department_id
),
apart as (
    select
        case when a.published_year <= b.published_year then l.agency_id else l.same_as end as agency_id,
        case when a.published_year <= b.published_year then l.same_as else l.agency_id end as same_as,
        l.basis, false as established, l.verdict, l.evidence_kind, l.note
    from agency_links as l
    join coded as a on a.org_id = l.agency_id
    join coded as b on b.org_id = l.same_as
    where not l.established
)
select * from same
union all
select * from apart
