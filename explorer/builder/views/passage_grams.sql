-- passage_grams: each passage's shingles (runs of explorer.wording.GRAM words), one row each, sorted by shingle.
-- grain: one row per passage and distinct shingle
-- params: none (a table derived by the build). Why a table: a lineage lookup joins a phrase's few shingles to it,
--   so its cost follows the matches, not the length of every stored text.
create table passage_grams as
select gram, passage_id
from (select passage_id, unnest(grams) as gram from passages)
order by gram, passage_id;
