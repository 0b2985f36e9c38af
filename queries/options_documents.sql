-- options_documents: the model documents (not agencies' policies) for the filters and the Compare picker, oldest first.
-- grain: one row per document
-- params: none
select
    doc_id,
    title,
    short_title,
    issued_on,
    kind,
from documents
where kind not in ('agency_policy', 'agency_policy_text')
order by issued_on_date, doc_id
