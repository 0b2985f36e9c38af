-- edition_stances: the provisions whose coded stance differs between two editions (or is coded for one only),
--   with each side's stance, evidence and summary.
-- grain: one row per provision
-- params: $from_doc_id varchar, $to_doc_id varchar
with a as (select provision_id, stance, evidence, summary from positions where doc_id = $from_doc_id),
b as (select provision_id, stance, evidence, summary from positions where doc_id = $to_doc_id)
select
    coalesce(a.provision_id, b.provision_id) as provision_id,
    pr.name as provision_name,
    coalesce(a.stance, 'not coded') as from_stance,
    coalesce(b.stance, 'not coded') as to_stance,
    a.evidence as from_evidence,
    b.evidence as to_evidence,
    a.summary as from_summary,
    b.summary as to_summary
from a
full join b using (provision_id)
join provisions as pr on pr.provision_id = coalesce(a.provision_id, b.provision_id)
where a.stance is distinct from b.stance
order by pr.provision_id
