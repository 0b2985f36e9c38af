-- table_organizations: the organizations table under the shared filters.
-- grain: one row per organization
-- params: $org_ids varchar[], $org_kinds varchar[] (empty = all), $row_limit integer, $row_offset integer (a page of rows)
select
    o.org_id,
    o.name,
    o.acronym,
    o.kind,
    o.notes,
    o.source_id,
    s.title as source_title,
    s.url as source_url,
    count(*) over () as total_rows,
from organizations as o
join sources as s on s.source_id = o.source_id
where (len($org_ids::varchar[]) = 0 or list_contains($org_ids::varchar[], o.org_id))
    and (len($org_kinds::varchar[]) = 0 or list_contains($org_kinds::varchar[], o.kind))
order by o.name
limit $row_limit::integer offset $row_offset::integer
