-- contested_agencies: where the model documents disagree, each model's stance beside how many agencies' policies meet the coder's nearest criterion.
-- grain: one row per (provision, dataset)
-- params: $contested_provision_ids varchar[], $model_doc_ids varchar[] (the models, in order; only their settled stances are listed), $dataset_ids varchar[], $states varchar[], $org_ids varchar[] (empty = all)
with models as (
    select
        p.provision_id,
        p.name as provision_name,
        p.rowid as provision_order,
        coalesce(
            string_agg(m.doc_short_title || ': ' || replace(m.stance, '_', ' '), ' · ' order by list_position($model_doc_ids::varchar[], m.doc_id)),
            'no model document''s stored words settle it'
        ) as models,
    from provisions as p
    left join position_matrix as m
        on m.provision_id = p.provision_id and list_contains($model_doc_ids::varchar[], m.doc_id) and m.stance not in ('unknown', 'silent')
    where list_contains($contested_provision_ids::varchar[], p.provision_id)
    group by p.provision_id, p.name, p.rowid
),
counts as (
    select
        dataset_id,
        provision_id,
        string_agg(distinct criterion_name, '; ') as criterion,
        string_agg(distinct question, ' ') as question,
        count(*) filter (where met) as met,
        count(*) filter (where not met) as not_met,
        count(*) filter (where met is null) as not_coded,
    from agency_codes
    where list_contains($contested_provision_ids::varchar[], provision_id)
        and (len($states::varchar[]) = 0 or list_contains($states::varchar[], state))
        and (len($org_ids::varchar[]) = 0 or list_contains($org_ids::varchar[], agency_id))
    group by dataset_id, provision_id
)
select
    m.provision_id,
    m.provision_name,
    m.models,
    s.dataset_id,
    s.title || ' (' || left(s.published_on, 4) || ')' as dataset,
    s.coded_by,
    s.coded_by || ' ' || left(s.published_on, 4) as wave,
    c.criterion,
    c.question,
    coalesce(c.met, 0) as met,
    coalesce(c.not_met, 0) as not_met,
    coalesce(c.not_coded, 0) as not_coded,
    s.credit,
from models as m
cross join datasets as s
left join counts as c on c.provision_id = m.provision_id and c.dataset_id = s.dataset_id
where len($dataset_ids::varchar[]) = 0 or list_contains($dataset_ids::varchar[], s.dataset_id)
order by m.provision_order, s.published_on, s.dataset_id
