-- datasets_list: the imported coded datasets (not the full texts), with who coded them, their credit and licence, and how many agencies.
-- grain: one row per dataset
-- params: none
select
    d.dataset_id,
    d.title,
    d.publisher,
    d.coded_by,
    d.published_on,
    d.url,
    d.licence,
    d.credit,
    d.kind,
    d.provenance,
    d.state,
    d.state_basis,
    (select count(*) from documents as p where p.dataset_id = d.dataset_id) as agencies,
from datasets as d
where d.kind = 'coded'  -- the full texts are a dataset of their own (kind texts), not coded
order by d.published_on, d.dataset_id
