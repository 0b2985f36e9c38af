-- editorial: the product's editorial choices of documents and provisions (data/editorial.csv), in the file's order.
-- grain: one row per choice
-- params: none
select
    choice,
    doc_id,
    provision_id,
    words,
from editorial
order by rowid
