-- options_organizations: organizations for the sidebar filter.
-- grain: one row per organization
-- params: none
select
    org_id,
    name,
    acronym,
    kind,
from organizations
order by name
