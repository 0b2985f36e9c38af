-- events_timeline: dated events of the debate with their source, for the timeline chart and table.
-- grain: one row per event
-- params: $doc_ids varchar[] (empty = all), $date_from date (null = open), $date_to date (null = open), $row_limit integer, $row_offset integer (a page of rows)
select
    e.event_id,
    e.on_date,
    e.on_date_date,
    e.title,
    e.description,
    e.doc_id,
    d.short_title as doc_short_title,
    s.title as source_title,
    s.publisher as source_publisher,
    s.url as source_url,
    e.source_id,
    'sources?sel=' || e.source_id as stored_text,
    count(*) over () as total_rows,
from events as e
left join documents as d on d.doc_id = e.doc_id
join sources as s on s.source_id = e.source_id
where (len($doc_ids::varchar[]) = 0 or list_contains($doc_ids::varchar[], e.doc_id))
    and ($date_from::date is null or e.on_date_date >= $date_from::date)
    and ($date_to::date is null or e.on_date_date <= $date_to::date)
order by e.on_date_date, e.event_id
limit $row_limit::integer offset $row_offset::integer
