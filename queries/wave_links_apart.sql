-- wave_links_apart: coded agencies of two waves that share a name but are not established as one department (or that
--   evidence sets apart), with the evidence: listed apart, never counted in change over time.
-- grain: one row per link
-- params: $org_ids varchar[], $states varchar[], $dataset_ids varchar[] (empty = all)
select
    a.name as agency,
    sa.coded_by || ' ' || sa.published_year as wave,
    ma.department_id,
    b.name as other_agency,
    sb.coded_by || ' ' || sb.published_year as other_wave,
    mb.department_id as other_department_id,
    l.verdict,
    l.basis,
    l.note,
from agency_links as l
join department_members as ma on ma.org_id = l.agency_id and ma.role = 'coded'
join department_members as mb on mb.org_id = l.same_as and mb.role = 'coded'
join organizations as a on a.org_id = l.agency_id
join organizations as b on b.org_id = l.same_as
join datasets as sa on sa.dataset_id = ma.dataset_id
join datasets as sb on sb.dataset_id = mb.dataset_id
where not l.established
    and (len($org_ids::varchar[]) = 0 or list_contains($org_ids::varchar[], l.agency_id) or list_contains($org_ids::varchar[], l.same_as))
    and (len($states::varchar[]) = 0 or list_contains($states::varchar[], a.state) or list_contains($states::varchar[], b.state))
    and (len($dataset_ids::varchar[]) = 0 or (list_contains($dataset_ids::varchar[], ma.dataset_id) and list_contains($dataset_ids::varchar[], mb.dataset_id)))
order by a.name, l.verdict, wave, other_wave
