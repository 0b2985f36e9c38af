-- search_fold: a text folded as search folds it (explorer.wording.search_fold, SQL_SEARCH_FOLD): lower case, (cid:NN)
--   codes dropped, a hyphen and the white space after it dropped, runs of white space folded to one space.
-- params: x varchar
create macro search_fold(x) as
    trim(regexp_replace(regexp_replace(regexp_replace(lower(x::varchar), '\(cid:[0-9]+\)', ' ', 'g'), '-[ \t\n\r\f\v\x{00A0}]*', '', 'g'), '[ \t\n\r\f\v\x{00A0}]+', ' ', 'g'));
