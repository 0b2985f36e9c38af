-- stored_text_options: the departments' stored full texts a reader may set beside an uploaded policy, by department.
-- grain: one row per stored full text
-- params: none
select text_id, department_id, department, issued_on, printed, scope
from policy_texts
order by department, text_id
