-- source_quotes: the quotes that cite one source.
-- grain: one row per quote
-- params: $source_id varchar
select
    quote_id,
    text,
    speaker,
    speaker_role,
    voice,
    said_on,
    locator,
    cut,
from quotes
where source_id = $source_id
order by quote_id
