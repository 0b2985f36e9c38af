-- passage_in_agency_filters: whether a passage passes the sidebar's agency filters: a coded dataset or a state keeps
--   only agencies' policy cells (the documents that dataset coded, the agencies in those states), as on the Quotes
--   page. The one place the Wording page's queries (search, its counts, lineage, its spread) write that rule.
-- params: doc_id varchar, org_id varchar (the passage's), dataset_ids varchar[], states varchar[] (empty = all)
create macro passage_in_agency_filters(doc_id, org_id, dataset_ids, states) as
    (len(dataset_ids::varchar[]) = 0 or doc_id in (select d.doc_id from documents as d where list_contains(dataset_ids::varchar[], d.dataset_id)))
    and (len(states::varchar[]) = 0 or org_id in (select o.org_id from organizations as o where list_contains(states::varchar[], o.state)));
