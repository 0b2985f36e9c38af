-- build_info: when and from which sources the database was built (the data release and its change log).
-- grain: one row
-- params: none
select
    schema_version,
    built_at,
    data_fingerprint,
    data_release,
    release_date,
    changes,
from build_info
