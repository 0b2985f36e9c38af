-- options_provisions: provisions and topics for the filters.
-- grain: one row per provision
-- params: none
select
    provision_id,
    name,
    topic,
    question,
    direction,
from provisions
order by topic, name
