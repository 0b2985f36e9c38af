-- passages_matching: passages whose text holds a phrase, case-insensitive and as typed (letters, not patterns);
--   the one place the Wording page's text search is written (its rows and its counts read it).
-- grain: one row per passage
-- params: needle varchar (lower-case, white space folded; empty matches nothing), kinds varchar[] (kinds of source; empty = all)
create macro passages_matching(needle, kinds) as table
select
    p.passage_id,
    p.source_id,
    p.doc_id,
    p.org_id,
    p.quote_id,
    p.label,
    p.source_kind,
    p.dated,
    p.date_basis,
    p.seq,
    p.text,
    p.cut,
    instr(lower(p.text), needle::varchar) as match_at,
    (length(lower(p.text)) - length(replace(lower(p.text), needle::varchar, ''))) // length(needle::varchar) as hits
from passages as p
where needle::varchar <> ''
    and contains(lower(p.text), needle::varchar)
    and (len(kinds::varchar[]) = 0 or list_contains(kinds::varchar[], p.source_kind));
