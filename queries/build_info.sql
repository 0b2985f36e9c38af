-- build_info: when and from which sources the database was built (the data release).
-- grain: one row
-- params: none
select
    schema_version,
    built_at,
    data_fingerprint,
    data_release,
    release_date,
from build_info
