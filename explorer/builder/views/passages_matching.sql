-- passages_matching: passages whose text holds a phrase, case-insensitive and as typed (letters, not patterns), or
--   once both are folded for search (explorer.wording.search_fold: (cid:NN) codes, a hyphen and the white space after
--   it, runs of white space), so a full text's line breaks, page ends and words hyphenated at a line end do not hide
--   a phrase; the one place the Wording page's text search is written (its rows and its counts read it).
-- grain: one row per passage
-- params: needle varchar (lower-case, white space folded; empty matches nothing), kinds varchar[] (kinds of source; empty = all)
-- match_at is where the needle starts in lower(text) (1-based), or 0 where only the folded forms match (mark nothing).
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
    greatest(
        (length(lower(p.text)) - length(replace(lower(p.text), needle::varchar, ''))) // length(needle::varchar),
        (length(p.search) - length(replace(p.search, search_fold(needle::varchar), ''))) // greatest(length(search_fold(needle::varchar)), 1)
    ) as hits,
    p.text_id,
    p.line_no,
    p.char_at,
from passages as p
where needle::varchar <> ''
    and search_fold(needle::varchar) <> ''
    -- folding keeps every match of the phrase as typed, but for a phrase holding a glyph code's own letters "(cid:"
    and (contains(p.search, search_fold(needle::varchar)) or (contains(needle::varchar, '(cid:') and contains(lower(p.text), needle::varchar)))
    and (len(kinds::varchar[]) = 0 or list_contains(kinds::varchar[], p.source_kind));
