-- endorsements_under: endorsement_matrix rows under the shared filters; the one place that filter is written.
-- grain: one row per (organization, document, status)
-- params: org_ids varchar[], org_kinds varchar[], doc_ids varchar[], statuses varchar[] (empty = all), date_from date, date_to date (null = open)
create macro endorsements_under(org_ids, org_kinds, doc_ids, statuses, date_from, date_to) as table
select *
from endorsement_matrix
where (len(org_ids::varchar[]) = 0 or list_contains(org_ids::varchar[], org_id))
    and (len(org_kinds::varchar[]) = 0 or list_contains(org_kinds::varchar[], org_kind))
    and (len(doc_ids::varchar[]) = 0 or list_contains(doc_ids::varchar[], doc_id))
    and (len(statuses::varchar[]) = 0 or list_contains(statuses::varchar[], status))
    and (date_from::date is null or on_date_date >= date_from::date)
    and (date_to::date is null or on_date_date <= date_to::date)
