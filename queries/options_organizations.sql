-- options_organizations: organizations (national bodies and the coded datasets' agencies) for the sidebar filters.
-- grain: one row per organization
-- params: none
select
    org_id,
    name,
    acronym,
    kind,
    state,
    dataset_id,
from organizations
order by name
