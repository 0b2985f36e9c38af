-- policy_text_body: one stored full text exactly as stored (the raw file's bytes decoded, nothing changed), with its
--   department and title.
-- grain: one row (none for an unknown id)
-- params: $text_id varchar
select t.text_id, t.department_id, t.title, t.department, t.sha256, t.file, b.body
from policy_texts as t
join policy_text_bodies as b using (text_id)
where t.text_id = $text_id
