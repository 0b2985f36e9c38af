-- criterion_counts: per criterion of one dataset, how many agencies' policies the coder judged met, not met, or did not code.
-- grain: one row per criterion
-- params: $dataset_id varchar, $org_ids varchar[], $states varchar[] (agencies and states to keep; empty = all)
select
    criterion_id,
    criterion_name as name,
    question,
    provision_id,
    count(*) filter (where met) as met,
    count(*) filter (where not met) as not_met,
    count(*) filter (where met is null) as not_coded,
    count(*) as agencies,
    any_value(credit) as credit,
from agency_codes
where dataset_id = $dataset_id
    and (len($org_ids::varchar[]) = 0 or list_contains($org_ids::varchar[], agency_id))
    and (len($states::varchar[]) = 0 or list_contains($states::varchar[], state))
group by criterion_id, criterion_name, question, provision_id, criterion_order
order by criterion_order
