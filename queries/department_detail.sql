-- department_detail: one department: its name, and its state only with the evidence that names it.
-- grain: one row (none for an unknown id)
-- params: $department_id varchar
select department_id, name, state, state_basis, state_words, n_members
from departments
where department_id = $department_id
