-- sources_list: every source with how many quotes cite it, under the date filter.
-- grain: one row per source
-- params: $date_from date, $date_to date (null = open; sources with unknown dates are kept only when both are null), $row_limit integer, $row_offset integer (a page of rows)
select
    s.source_id,
    s.title,
    s.publisher,
    s.author,
    s.published_on,
    s.date_note,
    s.kind,
    s.url,
    s.text_file,
    s.notes,
    (select count(*) from quotes as q where q.source_id = s.source_id) as quotes,
    count(*) over () as total_rows,
from sources as s
where ($date_from::date is null or s.published_on_date >= $date_from::date)
    and ($date_to::date is null or s.published_on_date <= $date_to::date)
order by s.published_on_date nulls last, s.source_id
limit $row_limit::integer offset $row_offset::integer
