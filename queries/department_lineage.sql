-- department_lineage: which model documents' and court opinions' sentences a department's own words carry (its full
--   texts and its coders' cells), per source: sentences carried (at least $min_share of a sentence's 4-word runs)
--   of the source's stored sentences, and the largest share.
-- grain: one row per followed source
-- params: $org_ids varchar[] (the department's members), $kinds varchar[] (the kinds of source followed), $min_share double
with own_grams as (
    select distinct g.gram
    from passage_grams as g
    join passages as p using (passage_id)
    where list_contains($org_ids::varchar[], p.org_id)
),
followed as (
    select passage_id, source_id, label, source_kind, dated, len(grams) as n_grams
    from passages
    where list_contains($kinds::varchar[], source_kind) and len(grams) > 0
),
shared as (
    select f.passage_id, count(*) / any_value(f.n_grams) as share
    from followed as f
    join passage_grams as g using (passage_id)
    join own_grams using (gram)
    group by f.passage_id
)
select
    f.source_id,
    any_value(f.label) as label,
    any_value(f.source_kind) as source_kind,
    any_value(f.dated) as dated,
    count(*) filter (where s.share >= $min_share::double) as carried,
    count(*) as sentences,
    round(max(s.share), 3) as top_share,
from followed as f
left join shared as s using (passage_id)
group by f.source_id
having count(*) filter (where s.share >= $min_share::double) > 0
order by carried desc, dated, f.source_id
