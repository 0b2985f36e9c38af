-- quotes_search: quotes matching every search term and the filters, a page at a time, with the total.
-- grain: one row per quote
-- params: $terms varchar[] (all must occur, case-insensitive; empty = no search), $speakers varchar[],
--   $org_ids varchar[], $org_kinds varchar[], $doc_ids varchar[], $provision_ids varchar[], $topics varchar[],
--   $source_ids varchar[], $dataset_ids varchar[], $states varchar[] (agencies' words only; empty = all), $date_from date, $date_to date (null = open), $row_limit integer, $row_offset integer
-- Narrow keys first: the filters, the count and the sort read the keys of quote_cards; the words, names and source
-- are fetched by row id for the page's rows only (a window count or a join below the sort read every quote's words).
with terms as (
    select distinct lower(unnest($terms::varchar[])) as term
),
hits as (
    -- one pass over the words per distinct term; a quote is a hit when it holds them all
    select c.quote_id
    from quote_cards as c
    join terms on contains(lower(c.text), terms.term)
    group by c.quote_id
    having count(*) = (select count(*) from terms)
),
matched as not materialized (
    -- the keys of the matching quotes: filtered and counted without their words
    select quote_cards.rowid as row_id, quote_cards.quote_id, said_on_date,
    from quote_cards
    left join hits on hits.quote_id = quote_cards.quote_id
    where (len($terms::varchar[]) = 0 or hits.quote_id is not null)
        and (len($speakers::varchar[]) = 0 or list_contains($speakers::varchar[], speaker))
        and (len($org_ids::varchar[]) = 0 or list_has_any($org_ids::varchar[], org_id_list))
        and (len($org_kinds::varchar[]) = 0 or list_has_any($org_kinds::varchar[], org_kinds))
        and (len($doc_ids::varchar[]) = 0 or list_contains($doc_ids::varchar[], doc_id))
        and (len($provision_ids::varchar[]) = 0 or list_contains($provision_ids::varchar[], provision_id))
        and (len($topics::varchar[]) = 0 or list_contains($topics::varchar[], topic))
        and (len($source_ids::varchar[]) = 0 or list_contains($source_ids::varchar[], source_id))
        and (len($dataset_ids::varchar[]) = 0 or list_contains($dataset_ids::varchar[], dataset_id))
        and (len($states::varchar[]) = 0 or list_has_any($states::varchar[], org_states))
        and ($date_from::date is null or said_on_date >= $date_from::date)
        and ($date_to::date is null or said_on_date <= $date_to::date)
),
shown as (
    select row_id
    from matched
    order by said_on_date nulls last, quote_id
    limit $row_limit::integer offset $row_offset::integer
)
select
    quote_id,
    text,
    speaker,
    speaker_role,
    org_ids,
    org_name,
    voice,
    cut,
    doc_id,
    doc_short_title,
    provision_id,
    provision_name,
    stance_to,
    said_on,
    said_on_date,
    locator,
    context,
    source_id,
    source_title,
    source_publisher,
    source_published_on,
    source_url,
    (select count(*) from matched) as total_rows,
from quote_cards
where rowid in (select row_id from shown)
order by said_on_date nulls last, quote_id
