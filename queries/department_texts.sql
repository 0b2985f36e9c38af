-- department_texts: a department's stored full texts: printed date with the words that print it, scope, title, state
--   only where the text names it (its words, extended to whole words by the build), provenance.
-- grain: one row per stored full text
-- params: $department_id varchar
select
    text_id,
    doc_id,
    org_id,
    title,
    number,
    department,
    printed_date,
    printed_date_quote,
    issued_on,
    printed,
    scope,
    scope_note,
    quality_note,
    state,
    state_evidence,
    state_note,
    bytes,
    lines,
    sha256,
    source_repo,
    source_commit,
    source_path,
    credit,
    licence,
from policy_texts as t
where department_id = $department_id
order by issued_on, text_id
