-- quote_detail: one quote by its id, with who said it, where and when, for its own address and citation.
-- grain: one row (none for an unknown id)
-- params: $quote_id varchar
select
    q.quote_id,
    q.text,
    q.speaker,
    q.speaker_role,
    (select string_agg(o.name, '; ' order by o.name) from organizations as o where list_contains(q.org_ids, o.org_id)) as org_name,
    q.voice,
    q.cut,
    d.short_title as doc_short_title,
    p.name as provision_name,
    q.said_on,
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
where q.quote_id = $quote_id
