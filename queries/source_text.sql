-- source_text: the stored text of one source, as the build loaded it from data/sources/.
-- grain: one row
-- params: $source_id varchar
select
    source_id,
    text,
from source_texts
where source_id = $source_id
