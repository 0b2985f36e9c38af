-- agency_verdicts: one agency policy's verdicts by its coder, on the provisions its criteria are closest to.
-- grain: one row per criterion of the policy's dataset
-- params: $doc_id varchar (an agency policy)
select
    provision_id,
    criterion_id,
    criterion_name,
    question,
    verdict,
    language,
    locator,
    quote_id,
    agency,
    policy_year,
    policy_url,
    coded_by,
    dataset_title,
    dataset_published_on,
    credit,
from agency_codes
where doc_id = $doc_id
order by criterion_order
