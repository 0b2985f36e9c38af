-- options_source_ids: every source id, to check a link's chosen source before the Sources page shows it.
-- grain: one row per source
-- params: none
select source_id
from sources
order by source_id
