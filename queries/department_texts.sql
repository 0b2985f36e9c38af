-- department_texts: a department's stored full texts: printed date with the words that print it, scope, title, state
--   only where the text names it (state_cut_before/after: its quoted window starts/ends inside a word of the text, white
--   space folded), provenance.
-- grain: one row per stored full text
-- params: $department_id varchar
select
    t.text_id,
    doc_id,
    org_id,
    title,
    number,
    department,
    printed_date,
    printed_date_quote,
    issued_on,
    scope,
    scope_note,
    quality_note,
    state,
    state_evidence,
    coalesce(w.at > 1 and regexp_matches(substr(w.flat, w.at - 1, 1), '[A-Za-z0-9]'), false) as state_cut_before,
    coalesce(w.at > 0 and regexp_matches(substr(w.flat, w.at + length(w.ev), 1), '[A-Za-z0-9]'), false) as state_cut_after,
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
left join (
    select b.text_id, f.flat, f.ev, instr(f.flat, f.ev) as at
    from policy_text_bodies as b
    join policy_texts as p on p.text_id = b.text_id
    cross join lateral (
        select regexp_replace(b.body, '\s+', ' ', 'g') as flat, regexp_replace(p.state_evidence, '\s+', ' ', 'g') as ev
    ) as f
    where p.department_id = $department_id and p.state_evidence is not null
) as w on w.text_id = t.text_id
where department_id = $department_id
order by issued_on, t.text_id
