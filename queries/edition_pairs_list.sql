-- edition_pairs_list: each document with its next edition, as the Wording page offers them.
-- grain: one row per (earlier, later) edition
-- params: none
select from_doc_id, from_short_title, to_doc_id, to_short_title
from edition_pairs
order by from_doc_id
