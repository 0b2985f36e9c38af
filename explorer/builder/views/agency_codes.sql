-- agency_codes: every coder's verdict on an agency's policy, with the agency, the dataset's credit and the language cell.
-- grain: one row per (agency policy, criterion)
-- params: none (a view, created by the build)
create view agency_codes as
select
    -- ids
    k.doc_id,
    k.dataset_id,
    k.criterion_id,
    k.quote_id,
    o.org_id as agency_id,
    -- dimensions
    o.name as agency,
    o.city,
    o.state,
    d.policy_year,
    d.policy_url,
    c.name as criterion_name,
    c.question,
    c.provision_id,
    c.rowid as criterion_order,
    case when k.met then 'met' when not k.met then 'not met' else 'not coded' end as verdict,
    k.met,
    q.text as language,
    q.locator,
    s.title as dataset_title,
    s.published_on as dataset_published_on,
    s.coded_by,
    s.credit,
    s.licence,
from criterion_codes as k
join documents as d on d.doc_id = k.doc_id
join organizations as o on o.org_id = d.author_org_ids[1]
join criteria as c on c.dataset_id = k.dataset_id and c.criterion_id = k.criterion_id
join datasets as s on s.dataset_id = k.dataset_id
left join quotes as q on q.quote_id = k.quote_id
