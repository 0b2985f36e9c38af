-- table_provisions: the provisions table under the shared filters.
-- grain: one row per provision
-- params: $provision_ids varchar[], $topics varchar[] (empty = all), $row_limit integer, $row_offset integer (a page of rows)
select
    provision_id,
    name,
    topic,
    question,
    description,
    direction,
    count(*) over () as total_rows,
from provisions
where (len($provision_ids::varchar[]) = 0 or list_contains($provision_ids::varchar[], provision_id))
    and (len($topics::varchar[]) = 0 or list_contains($topics::varchar[], topic))
order by topic, provision_id
limit $row_limit::integer offset $row_offset::integer
