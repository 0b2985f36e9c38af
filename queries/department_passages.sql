-- department_passages: the passages of a department's full texts that a criterion's keyword rule finds (passages to
--   read, never a verdict), each with the rule's terms it holds and where it starts in the stored text.
-- grain: one row per (criterion, passage)
-- params: $text_ids varchar[], $rule_criteria varchar[], $rule_terms varchar[] (parallel lists: a criterion and one
--   of its terms, folded as passages.search is)
with rules as (
    select unnest($rule_criteria::varchar[]) as criterion_id, unnest($rule_terms::varchar[]) as term
)
select
    r.criterion_id,
    p.text_id,
    p.passage_id,
    p.seq,
    p.line_no,
    p.char_at,
    p.text,
    string_agg(distinct r.term, ', ' order by r.term) as terms,
from passages as p
join rules as r on contains(p.search, r.term)
where list_contains($text_ids::varchar[], p.text_id)
group by r.criterion_id, p.text_id, p.passage_id, p.seq, p.line_no, p.char_at, p.text
order by r.criterion_id, p.text_id, p.seq
