-- table_provisions: the provisions table under the shared filters.
-- grain: one row per provision
-- params: $provision_ids varchar[], $topics varchar[] (empty = all)
select
    provision_id,
    name,
    topic,
    question,
    description,
    direction,
from provisions
where (len($provision_ids::varchar[]) = 0 or list_contains($provision_ids::varchar[], provision_id))
    and (len($topics::varchar[]) = 0 or list_contains($topics::varchar[], topic))
order by topic, provision_id
