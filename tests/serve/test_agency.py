"""Your own agency beside the models: template, validation with the build's messages, strictness comparison."""

from __future__ import annotations

import pandas as pd
import pytest

from explorer.serve import data
from explorer.serve.views import compare_agency as agency

PROVISIONS = set(data.provisions()["provision_id"])


def sheet(*rows: str, header: str = ",".join(agency.COLUMNS)) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def test_template_lists_every_provision_and_parses_clean():
    raw = agency.template(data.provisions())
    up = agency.parse(raw, PROVISIONS)
    assert up.problems == []
    assert set(up.rows["provision_id"]) == PROVISIONS


def test_a_good_sheet_is_accepted():
    up = agency.parse(sheet("warning-shots,prohibits,Warning shots are prohibited.,§4.2,Our policy,https://example.org/p.pdf"), PROVISIONS)
    assert up.problems == [] and up.rows.iloc[0]["stance"] == "prohibits"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (sheet("warning-shots,maybe,,,,"), "upload.csv:2: stance: 'maybe' is not one of"),
        (sheet("no-such,unknown,,,,"), "upload.csv:2: provision_id: 'no-such' is not a known provision"),
        (
            sheet("warning-shots,unknown,,,,", "warning-shots,unknown,,,,"),
            "upload.csv:3: provision_id: duplicate provision 'warning-shots' (first on line 2)",
        ),
        (sheet("warning-shots,prohibits,,,,"), "upload.csv:2: quote: stance 'prohibits' needs the policy's words"),
        (sheet("warning-shots,unknown,,,,javascript:alert(1)"), "upload.csv:2: source_url: must start with http"),
        (
            sheet("warning-shots,unknown,,,", header="provision_id,stance,quote,locator,source_title"),
            "upload.csv:1: source_url: missing column",
        ),
        (sheet('warning-shots,unknown,"oops,,,,'), "malformed CSV"),
        ("provision_id\n".encode("latin-1") + "caf\xe9".encode("latin-1"), "not valid UTF-8"),
        (b"x" * 2_000_000, "a coding sheet is at most"),
    ],
    ids=["stance", "provision", "duplicate", "no-quote", "bad-url", "missing-column", "stray-quote", "encoding", "too-big"],
)
def test_bad_sheets_are_refused_whole_with_file_line_and_column(raw: bytes, expected: str):
    up = agency.parse(raw, PROVISIONS)
    assert up.rows.empty
    assert any(expected in str(p) for p in up.problems), [str(p) for p in up.problems]


def test_one_bad_row_refuses_the_whole_sheet():
    up = agency.parse(sheet("warning-shots,prohibits,Never.,,,", "chokeholds,banned,,,,"), PROVISIONS)
    assert up.rows.empty and len(up.problems) == 1


@pytest.mark.parametrize(
    ("mine", "theirs", "direction", "expected"),
    [
        ("prohibits", "permits_with_conditions", "restricts", "stricter"),
        ("permits", "discourages", "restricts", "looser"),
        ("requires", "recommends", "asks_for", "stricter"),
        ("recommends", "requires", "asks_for", "looser"),
        ("prohibits", "prohibits", "restricts", "same"),
        ("prohibits", "unknown", "restricts", "not comparable"),
        ("silent", "requires", "asks_for", "not comparable"),
    ],
)
def test_strictness_direction(mine, theirs, direction, expected):
    assert agency.compare(mine, theirs, direction) == expected


def test_distance_against_the_real_grid():
    from explorer.serve.filters import Filters

    grid = data.position_grid(("iacp-model-policy", "ncp-2017-01"), Filters())
    mine = pd.DataFrame([{"provision_id": "warning-shots", "stance": "prohibits", "quote": "Warning shots are prohibited."}])
    d = agency.distance(mine, grid).set_index("doc_short_title")["comparison"]
    assert d["IACP Model Policy (2006)"] == "stricter"  # prohibits vs discourages
    assert d["NCP (Jan 2017)"] == "stricter"  # prohibits vs permits with conditions
