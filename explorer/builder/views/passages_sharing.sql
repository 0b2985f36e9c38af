-- passages_sharing: passages that carry a phrase's words: for a phrase of GRAM words or more, the share of its
--   shingles (runs of GRAM words, explorer/wording.py) each passage holds; for a shorter phrase, passages holding its
--   words in a row (share 1). The one place lineage matching is written (its rows and its spread read it).
-- grain: one row per passage
-- params: phrase_grams varchar[] (distinct shingles; empty for a short phrase), phrase_norm varchar (lower-case
--   words joined by single spaces), min_share double (0 to 1)
create macro passages_sharing(phrase_grams, phrase_norm, min_share) as table
with phrase as (
    select unnest(phrase_grams::varchar[]) as gram
),
shared as (
    select g.passage_id, count(*) as shared
    from passage_grams as g
    join phrase using (gram)
    group by g.passage_id
)
select p.passage_id, p.source_id, p.doc_id, p.org_id, p.quote_id, p.label, p.source_kind, p.dated, p.date_basis, p.seq, p.text, p.cut,
    s.shared, s.shared / len(phrase_grams::varchar[]) as share
from shared as s
join passages as p using (passage_id)
where s.shared / len(phrase_grams::varchar[]) >= min_share::double
union all
select p.passage_id, p.source_id, p.doc_id, p.org_id, p.quote_id, p.label, p.source_kind, p.dated, p.date_basis, p.seq, p.text, p.cut,
    0 as shared, 1.0 as share
from passages as p
where len(phrase_grams::varchar[]) = 0
    and phrase_norm::varchar <> ''
    and contains(p.norm, phrase_norm::varchar)  -- cheap first: the padded copy below is made only for the candidates
    and contains(' ' || p.norm || ' ', ' ' || phrase_norm::varchar || ' ');
