-- upload_lineage: the model documents and court opinions whose stored passages share 4-word runs (shingles) with a
--   reader's uploaded policy. The upload's shingles are cut in memory (explorer/wording.py) and bound here; the upload
--   itself is never stored, and this query is never cached.
-- grain: one row per shared shingle and source
-- params: $grams varchar[] (the upload's distinct shingles), $kinds varchar[] (the kinds of source whose words are followed)
with upload as (
    select unnest($grams::varchar[]) as gram
)
select distinct g.gram, p.source_id, p.label, p.source_kind, p.dated
from passage_grams as g
join upload using (gram)
join passages as p using (passage_id)
where list_contains($kinds::varchar[], p.source_kind)
order by p.source_id, g.gram
