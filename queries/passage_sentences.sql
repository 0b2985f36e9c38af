-- passage_sentences: one source's stored sentences in order, for the lineage picker.
-- grain: one row per sentence
-- params: $source_id varchar
select seq, text
from passages
where source_id = $source_id and org_id is null
order by seq
