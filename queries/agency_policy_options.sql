-- agency_policy_options: the coded agency policies a reader may set beside the model documents, under the agency filters.
-- grain: one row per agency policy
-- params: $dataset_ids varchar[], $states varchar[], $org_ids varchar[] (empty = all)
select
    d.doc_id,
    d.short_title,
    o.name as agency,
    o.state,
    d.dataset_id,
    m.department_id,
from documents as d
join organizations as o on o.org_id = d.author_org_ids[1]
left join department_members as m on m.org_id = o.org_id
where d.kind = 'agency_policy'
    and (len($dataset_ids::varchar[]) = 0 or list_contains($dataset_ids::varchar[], d.dataset_id))
    and (len($states::varchar[]) = 0 or list_contains($states::varchar[], o.state))
    and (len($org_ids::varchar[]) = 0 or list_contains($org_ids::varchar[], o.org_id))
order by o.name, d.dataset_id
