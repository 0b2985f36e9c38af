-- quotes_search: quotes matching every search term and the filters, a page at a time, with the total.
-- grain: one row per quote
-- params: $terms varchar[] (all must occur, case-insensitive; empty = no search), $speakers varchar[],
--   $org_ids varchar[], $org_kinds varchar[], $doc_ids varchar[], $provision_ids varchar[], $topics varchar[],
--   $source_ids varchar[], $dataset_ids varchar[], $states varchar[] (agencies' words only; empty = all), $date_from date, $date_to date (null = open), $row_limit integer, $row_offset integer
with matches as (
    select
        q.quote_id,
        q.text,
        q.speaker,
        q.speaker_role,
        array_to_string(q.org_ids, '; ') as org_ids,
        (
            select string_agg(o.name, '; ' order by o.name) from organizations as o where list_contains(q.org_ids, o.org_id)
        ) as org_name,
        q.voice,
        q.cut,
        q.doc_id,
        d.short_title as doc_short_title,
        q.provision_id,
        p.name as provision_name,
        q.stance_to,
        q.said_on,
        q.said_on_date,
        q.locator,
        q.context,
        q.source_id,
        s.title as source_title,
        s.publisher as source_publisher,
        s.published_on as source_published_on,
        s.url as source_url,
    from quotes as q
    left join documents as d on d.doc_id = q.doc_id
    left join provisions as p on p.provision_id = q.provision_id
    join sources as s on s.source_id = q.source_id
    where coalesce(list_bool_and(list_transform($terms::varchar[], lambda t: contains(lower(q.text), lower(t)))), true)
        and (len($speakers::varchar[]) = 0 or list_contains($speakers::varchar[], q.speaker))
        and (len($org_ids::varchar[]) = 0 or list_has_any($org_ids::varchar[], q.org_ids))
        and (
            len($org_kinds::varchar[]) = 0
            or exists (
                select 1 from organizations as o
                where list_contains(q.org_ids, o.org_id) and list_contains($org_kinds::varchar[], o.kind)
            )
        )
        and (len($doc_ids::varchar[]) = 0 or list_contains($doc_ids::varchar[], q.doc_id))
        and (len($provision_ids::varchar[]) = 0 or list_contains($provision_ids::varchar[], q.provision_id))
        and (len($topics::varchar[]) = 0 or list_contains($topics::varchar[], p.topic))
        and (len($source_ids::varchar[]) = 0 or list_contains($source_ids::varchar[], q.source_id))
        and (len($dataset_ids::varchar[]) = 0 or list_contains($dataset_ids::varchar[], d.dataset_id))
        and (
            len($states::varchar[]) = 0
            or exists (
                select 1 from organizations as o
                where list_contains(q.org_ids, o.org_id) and list_contains($states::varchar[], o.state)
            )
        )
        and ($date_from::date is null or q.said_on_date >= $date_from::date)
        and ($date_to::date is null or q.said_on_date <= $date_to::date)
)
select
    *,
    count(*) over () as total_matches,
from matches
order by said_on_date nulls last, quote_id
limit $row_limit::integer offset $row_offset::integer
