-- org_readable_names: each dataset organization in readers' words: the dataset's title and year, then the name it gives
--   ('California Police Scorecard 2019's Glendale'), for sentences that the build writes with internal ids.
-- grain: one row per organization of a dataset
-- params: none
select
    o.org_id,
    s.title || ' ' || s.published_year || '''s ' || o.name as words,
from organizations as o
join datasets as s on s.dataset_id = o.dataset_id
order by o.org_id
