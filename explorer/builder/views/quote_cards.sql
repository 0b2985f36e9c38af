-- quote_cards: a quote with who said it, where and when, as a quote card and a quote's own address show it, and the
--   facets its filters read (its organizations' kinds and states, the provision's topic, the document's dataset).
-- grain: one row per quote
-- params: none (a table derived by the build, stored in the Quotes page's order). Why a table: a lookup of each
--   quote's organizations cost 23 s on 200,000 quotes, and the joins to documents, provisions and sources ran over
--   every quote before the page's 50 were kept; stored sorted, DuckDB's Top-N reads the page's rows only.
create table quote_cards as
select
    q.quote_id,
    q.text,
    q.speaker,
    q.speaker_role,
    array_to_string(q.org_ids, '; ') as org_ids,
    n.org_names as org_name,
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
    -- facets for the filters (not shown)
    q.org_ids as org_id_list,
    coalesce(n.org_kinds, []) as org_kinds,
    coalesce(n.org_states, []) as org_states,
    p.topic,
    d.dataset_id,
from quotes as q
left join documents as d on d.doc_id = q.doc_id
left join provisions as p on p.provision_id = q.provision_id
join sources as s on s.source_id = q.source_id
left join (
    select
        u.quote_id,
        string_agg(o.name, '; ' order by o.name) as org_names,
        list(distinct o.kind order by o.kind) as org_kinds,
        list(distinct o.state order by o.state) filter (where o.state is not null) as org_states,
    from (select quote_id, unnest(org_ids) as org_id from quotes) as u
    join organizations as o on o.org_id = u.org_id
    group by u.quote_id
) as n on n.quote_id = q.quote_id
order by q.said_on_date nulls last, q.quote_id
