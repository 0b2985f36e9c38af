-- kpi_totals: headline figures for the Overview, computed from the data.
-- grain: one row
-- params: $key_doc_id varchar (the document whose signers and decliners are counted)
select
    -- measures
    (select count(distinct org_id) from endorsements where doc_id = $key_doc_id and status = 'signed') as signers,
    (select count(distinct org_id) from endorsements where doc_id = $key_doc_id and status = 'declined') as decliners,
    (select count(*) from documents) as documents,
    (select count(*) from provisions) as provisions,
    (select count(*) from quotes) as quotes,
    (select count(*) from sources) as sources,
    (select count(*) from organizations) as organizations,
