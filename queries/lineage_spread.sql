-- lineage_spread: the phrase's spread over time: per year and kind of source, how many sources (or agencies) and
--   passages carry it, and the largest share any of them holds; passages with no known year are counted apart.
-- grain: one row per (year or null, kind of source)
-- params: $phrase_grams varchar[], $phrase_norm varchar, $min_share double, $dataset_ids varchar[], $states varchar[] (the sidebar's agency filters; empty = all)
select
    try_cast(left(dated, 4) as integer) as year,
    source_kind,
    count(distinct coalesce(org_id, source_id)) as sources,
    count(*) as passages,
    round(max(share), 3) as top_share
from passages_sharing($phrase_grams, $phrase_norm, $min_share)
where passage_in_agency_filters(doc_id, org_id, $dataset_ids, $states)  -- the sidebar's agency filters
group by all
order by year nulls last, source_kind
