-- quote_detail: one quote by its id, with who said it, where and when, for its own address and citation.
-- grain: one row (none for an unknown id)
-- params: $quote_id varchar
select
    quote_id,
    text,
    speaker,
    speaker_role,
    org_name,
    voice,
    cut,
    doc_short_title,
    provision_name,
    said_on,
    locator,
    context,
    source_id,
    source_title,
    source_publisher,
    source_published_on,
    source_url,
    (select min(m.department_id) from department_members as m where list_contains(org_id_list, m.org_id)) as department_id,
from quote_cards
where quote_id = $quote_id
