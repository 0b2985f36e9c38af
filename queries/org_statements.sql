-- org_statements: what one organization and its people said, for the Endorsements page's detail panel.
-- grain: one row per quote
-- params: $org_id varchar
select
    q.quote_id,
    q.text,
    q.speaker,
    q.speaker_role,
    q.said_on,
    q.locator,
    q.context,
    d.short_title as doc_short_title,
    s.title as source_title,
    s.publisher as source_publisher,
    s.url as source_url,
    s.published_on as source_published_on,
from quotes as q
left join documents as d on d.doc_id = q.doc_id
join sources as s on s.source_id = q.source_id
where q.org_id = $org_id
order by q.said_on_date nulls last, q.quote_id
