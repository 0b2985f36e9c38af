-- passage_sources: the model documents and court opinions whose stored sentences a reader may follow (lineage), oldest first.
-- grain: one row per source
-- params: $kinds varchar[] (the kinds of source a reader may follow)
select p.source_id, any_value(p.label) as label, any_value(p.source_kind) as source_kind, any_value(p.dated) as dated, count(*) as sentences
from passages as p
where list_contains($kinds::varchar[], p.source_kind) and p.source_id is not null
group by p.source_id
order by dated, label, p.source_id
