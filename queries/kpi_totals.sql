-- kpi_totals: headline figures for the Overview, computed from the data.
-- grain: one row
-- params: $key_doc_id varchar (the document whose signers and decliners are counted)
select
    -- measures
    (select count(distinct org_id) from endorsements where doc_id = $key_doc_id and status = 'signed') as signers,
    (select count(distinct org_id) from endorsements where doc_id = $key_doc_id and status = 'declined') as decliners,
    (select count(*) from documents where kind not in ('agency_policy', 'agency_policy_text')) as documents,
    (select count(*) from documents where kind = 'agency_policy') as agency_policies,
    (select count(*) from provisions) as provisions,
    (select count(*) from quotes where source_id not in (select source_id from sources where kind = 'dataset')) as quotes,
    (select count(*) from quotes where source_id in (select source_id from sources where kind = 'dataset')) as coded_cells,
    (select count(*) from sources where kind <> 'dataset') as sources,
    (select count(*) from sources where kind = 'dataset') as datasets,
    (select count(*) from organizations where kind <> 'agency') as organizations,
    (select count(*) from organizations where kind = 'agency') as agencies,
