-- source_quotes: the quotes that cite one source.
-- grain: one row per quote
-- params: $source_id varchar
select
    quote_id,
    text,
    speaker,
    speaker_role,
    said_on,
    locator,
from quotes
where source_id = $source_id
order by quote_id
