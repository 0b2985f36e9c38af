-- org_statements: what one organization said, alone or jointly with others, and what reporters wrote about it.
-- grain: one row per quote (its own words first, then others' accounts of it)
-- params: $org_id varchar
select
    q.quote_id,
    q.text,
    q.speaker,
    q.speaker_role,
    q.voice,
    q.cut,
    q.said_on,
    q.locator,
    q.context,
    (
        select string_agg(o.name, '; ' order by o.name)
        from organizations as o
        where list_contains(q.org_ids, o.org_id) and o.org_id <> $org_id
    ) as jointly_with,
    d.short_title as doc_short_title,
    s.title as source_title,
    s.publisher as source_publisher,
    s.url as source_url,
    s.published_on as source_published_on,
from quotes as q
left join documents as d on d.doc_id = q.doc_id
join sources as s on s.source_id = q.source_id
where list_contains(q.org_ids, $org_id)
order by q.voice = 'reported', q.said_on_date nulls last, q.quote_id
