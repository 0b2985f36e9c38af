-- text_passages: every passage of some stored full texts, in order, with where it starts (line): what the keyword rules
--   (explorer/policy_rules.py, data/rules/criteria_rules.yaml) read to point to passages to read per criterion.
-- grain: one row per passage
-- params: $text_ids varchar[]
select text_id, seq, line_no, text
from passages
where list_contains($text_ids::varchar[], text_id)
order by text_id, seq
