-- text_passage_at: one passage of a stored full text by its number, with where it starts (line, character).
-- grain: one row (none when the text has no such passage)
-- params: $text_id varchar, $seq integer
select passage_id, seq, line_no, char_at, text
from passages
where text_id = $text_id and seq = $seq::integer
