-- edition_alignment: the passages of two editions' stored texts, each passage of the earlier one set beside the most
--   alike passage of the later one (shared shingles, Dice likeness >= 0.4; a heading too short for a shingle only
--   beside the same words), and the later edition's passages no earlier passage was set beside, each placed after
--   the aligned passage that comes before it in the later text, so the list reads in both texts' order.
-- grain: one row per aligned pair, or per passage seen in one edition's stored text only
-- params: $from_doc_id varchar, $to_doc_id varchar, $kind varchar (the kind of source an edition's own text is)
with a as (
    select passage_id, source_id, text, cut, norm, grams, row_number() over (order by source_id, seq) as ord
    from passages
    where doc_id = $from_doc_id and source_kind = $kind
    qualify row_number() over (partition by norm order by source_id, seq) = 1
),
b as (
    select passage_id, source_id, text, cut, norm, grams, row_number() over (order by source_id, seq) as ord
    from passages
    where doc_id = $to_doc_id and source_kind = $kind
    qualify row_number() over (partition by norm order by source_id, seq) = 1
),
pairs as (
    select ga.passage_id as a_id, gb.passage_id as b_id, count(*) as shared
    from passage_grams as ga
    join passage_grams as gb on gb.gram = ga.gram
    where ga.passage_id in (select passage_id from a) and gb.passage_id in (select passage_id from b)
    group by all
),
scored as (
    select p.a_id, p.b_id, 2.0 * p.shared / (len(a.grams) + len(b.grams)) as likeness
    from pairs as p
    join a on a.passage_id = p.a_id
    join b on b.passage_id = p.b_id
    union all
    select a.passage_id, b.passage_id, 1.0
    from a
    join b on a.norm = b.norm
    where len(a.grams) = 0
),
best as (
    select a_id, arg_max(b_id, likeness) as b_id, max(likeness) as likeness
    from scored
    where likeness >= 0.4
    group by a_id
),
aligned as (
    select
        a.ord as from_order,
        b.ord as to_order,
        case when best.b_id is null then 'only_earlier' when a.text = b.text then 'same' else 'changed' end as status,
        a.text as from_text,
        b.text as to_text,
        round(best.likeness, 3) as likeness,
        a.source_id as from_source_id,
        b.source_id as to_source_id,
        a.cut as from_cut,
        b.cut as to_cut
    from a
    left join best on best.a_id = a.passage_id
    left join b on b.passage_id = best.b_id
    union all
    select null, b.ord, 'only_later', null, b.text, null, null, b.source_id, null, b.cut
    from b
    where b.passage_id not in (select b_id from best)
)
select
    *,
    -- a passage seen only in the later text goes just after the earlier-text passage aligned before it
    coalesce(
        from_order,
        (select max(x.from_order) from aligned as x where x.from_order is not null and x.to_order < aligned.to_order) + 0.5,
        0.5
    ) as reading_order
from aligned
order by reading_order, to_order
