-- criterion_counts: per criterion of one dataset, how many agencies' policies the coder judged met, not met, or did not code.
-- grain: one row per criterion
-- params: $dataset_id varchar
select
    c.criterion_id,
    c.name,
    c.question,
    c.provision_id,
    count(*) filter (where k.met) as met,
    count(*) filter (where not k.met) as not_met,
    count(*) filter (where k.met is null) as not_coded,
    count(*) as agencies,
    any_value(d.credit) as credit,
from criteria as c
join criterion_codes as k on k.dataset_id = c.dataset_id and k.criterion_id = c.criterion_id
join datasets as d on d.dataset_id = c.dataset_id
where c.dataset_id = $dataset_id
group by c.criterion_id, c.name, c.question, c.provision_id, c.rowid
order by c.rowid
