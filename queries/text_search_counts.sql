-- text_search_counts: how often each source (or agency) holds a phrase, most first, with its kind of source's totals.
-- grain: one row per source, or per agency for agency policy cells
-- params: $needle varchar (lower-case, white space folded), $kinds varchar[] (empty = all), $max_rows integer, $dataset_ids varchar[], $states varchar[] (the sidebar's agency filters; empty = all)
with per_source as (
    select
        source_kind,
        coalesce(org_id, source_id) as held_by,
        any_value(label) as label,
        count(*) as passages,
        sum(hits)::bigint as hits
    from passages_matching($needle, $kinds)
    where passage_in_agency_filters(doc_id, org_id, $dataset_ids, $states)  -- the sidebar's agency filters
    group by source_kind, coalesce(org_id, source_id)
)
select
    source_kind,
    held_by,
    label,
    passages,
    hits,
    count(*) over (partition by source_kind) as kind_sources,
    sum(hits) over (partition by source_kind)::bigint as kind_hits
from per_source
order by hits desc, label, held_by
limit $max_rows::integer
