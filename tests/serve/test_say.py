"""explorer.serve.say: the one place counts, plurals, numbers and missing values are said to a reader."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from explorer.serve import exports, say
from explorer.serve.views.wording_text import diff, diff_markdown


def test_counts_agree_with_their_nouns_and_carry_thousands_separators():
    assert say.count(1, "provision") == "1 provision"
    assert say.count(200000, "row") == "200,000 rows"
    assert say.count(1, "agency's policy") == "1 agency's policy"
    assert say.count(3, "agency's policy") == "3 agencies' policies"
    assert say.count(1, "kind of source") == "1 kind of source"
    assert say.count(2, "kind of source") == "2 kinds of source"
    assert say.count(2, "criterion") == "2 criteria"
    assert say.count(0, "match") == "0 matches"
    assert say.of(1, 1200) == "1 of 1,200"


def test_missing_values_read_a_dash_or_a_sentence_never_none():
    assert say.missing(None) == "—"
    assert say.missing(float("nan")) == "—"
    assert say.missing("None", "not named") == "not named"
    assert say.number(None) == "—"


def test_paths_and_file_names_never_reach_a_reader():
    note = "Seed article, kept exactly as received (shared/seeds/003_ae602adb24b8a134.txt); this header was added from shared/seeds/README.md. News."
    assert say.plain(note) == "Seed article, kept exactly as received. News."
    assert "LICENSE" not in say.plain("MIT (Copyright (c) 2018 StayWoke; LICENSE beside this file)")


def test_excel_is_refused_up_front_with_the_wait_and_the_alternative():
    assert exports.excel_refused(exports.EXCEL_OFFERED_ROWS) == ""
    why = exports.excel_refused(1_000_000)
    assert "about" in why and "CSV" in why and "Parquet" in why
    assert "1,048,576 rows per sheet" in exports.excel_refused(2_000_000)


def test_excel_is_written_row_by_row_with_progress_and_no_formula():
    df = pd.DataFrame({"n": range(70_000), "t": ["=1+1", *["x"] * 69_999], "f": [None, *[0.5] * 69_999]})
    seen: list[int] = []
    book = openpyxl.load_workbook(io.BytesIO(exports.to_bytes(df, "xlsx", seen.append)), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("n", "t", "f") and len(rows) == 70_001
    assert rows[1] == (0, "'=1+1", None) and rows[-1] == (69_999, "x", 0.5)
    assert seen and seen[-1] == 70_000


def test_a_footnote_mark_glued_to_a_word_is_one_added_word_not_the_word_changed():
    ops = diff("facts and circumstances confronting them, without regard", "facts and circumstances confronting them.”1 Law")
    removed = [w for op, w in ops if op == "removed"]
    assert not any(w.startswith("them") for w in removed), ops
    assert "them\\.”:green-background[**1 Law**]" in diff_markdown(ops)  # the mark beside its word, as written
