"""The real build: the counts and contrasts that matter come out of the data, every quote is verbatim."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from explorer.builder.source_text import parse
from explorer.paths import ROOT
from explorer.serve.db import open_database


@pytest.fixture(scope="module")
def con(db_file: Path) -> duckdb.DuckDBPyConnection:
    c = open_database(db_file)
    yield c
    c.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def test_eleven_signers_of_the_january_2017_policy(con):
    signers = rows(
        con,
        "select acronym from endorsements join organizations using (org_id) where doc_id = 'ncp-2017-01' and status = 'signed' order by 1",
    )
    assert [s[0] for s in signers] == sorted(
        ["ASCIA", "CALEA", "FOP", "FLEOA", "IACP", "HAPCOA", "IADLEST", "NAPO", "NAWLEE", "NOBLE", "NTOA"]
    )


def test_the_groups_that_took_part_and_declined(con):
    declined = rows(con, "select org_id from endorsements where doc_id = 'ncp-2017-01' and status = 'declined' order by 1")
    assert [d[0] for d in declined] == ["mcca", "mcsa", "nsa"]


def test_perf_is_not_a_signer(con):
    assert rows(con, "select count(*) from endorsements where org_id = 'perf' and doc_id like 'ncp%'") == [(0,)]


def test_a_position_for_every_document_and_provision(con):
    docs, provs, positions, distinct = rows(
        con,
        "select (select count(*) from documents where kind not in ('agency_policy', 'agency_policy_text')), (select count(*) from provisions), (select count(*) from positions), (select count(distinct (doc_id, provision_id)) from positions)",
    )[0]
    assert docs >= 8 and provs >= 14
    assert positions == distinct == docs * provs


def test_required_ids_exist(con):
    doc_ids = {r[0] for r in rows(con, "select doc_id from documents")}
    assert {
        "perf-gp-2016-01",
        "perf-gp-2016-03",
        "iacp-model-policy",
        "iacp-fop-statement-2016",
        "ncp-2017-01",
        "ncp-2017-10",
        "ncp-2020-07",
        "nsa-mcsa-statement-2017",
    } <= doc_ids
    prov_ids = {r[0] for r in rows(con, "select provision_id from provisions")}
    assert {
        "sanctity-of-life",
        "objective-reasonableness",
        "proportionality",
        "de-escalation",
        "warning-shots",
        "shooting-at-moving-vehicles",
        "shooting-from-moving-vehicles",
        "danger-only-to-self",
        "duty-to-intervene",
        "medical-aid",
        "chokeholds",
        "less-lethal-force",
        "reporting-and-review",
        "training",
    } <= prov_ids


def test_warning_shots_contrast_iacp_against_consensus_policy(con):
    stance = dict(rows(con, "select doc_id, stance from positions where provision_id = 'warning-shots'"))
    assert stance["iacp-model-policy"] == "discourages"
    assert stance["ncp-2017-01"] == "permits_with_conditions"


def test_moving_vehicles_perf_and_the_consensus_policy_both_prohibit_with_exceptions(con):
    """Issue 29: PERF's own 2020 page quotes its 2016 principle as a prohibition "unless ...", so March 2016 is no longer
    `prohibits` (a title read on undated pages); which 2016 edition the sentence is from is inferred."""
    cells = {
        r[0]: r[1:]
        for r in rows(con, "select doc_id, stance, evidence, summary from positions where provision_id = 'shooting-at-moving-vehicles'")
    }
    assert cells["perf-gp-2016-03"][:2] == ("permits_with_conditions", "inferred")
    assert "unless someone in the vehicle is using or threatening deadly force" in cells["perf-gp-2016-03"][2]
    assert cells["perf-gp-2016-01"][:2] == ("permits_with_conditions", "inferred")
    assert cells["ncp-2017-01"][0] == "permits_with_conditions"


def test_no_unknown_cell_claims_evidence_or_a_quote(con):
    assert rows(con, "select count(*) from positions where stance = 'unknown' and (evidence <> 'none' or quote_id is not null)") == [(0,)]


def test_the_iacp_2006_text_requires_a_verbal_warning_where_practicable(con):
    stance, evidence, quote = rows(
        con, "select stance, evidence, quote_id from positions where doc_id = 'iacp-model-policy' and provision_id = 'verbal-warning'"
    )[0]
    assert (stance, evidence, quote) == ("requires", "primary", "iacp06-identify")


def test_the_iacp_text_and_the_post_disagree_and_both_are_kept(con):
    summary = rows(con, "select summary from positions where doc_id = 'iacp-model-policy' and provision_id = 'warning-shots'")[0][0]
    assert "strictly prohibited" in summary
    texts = [r[0] for r in rows(con, "select text from quotes where doc_id = 'iacp-model-policy' and provision_id = 'warning-shots'")]
    assert any("Generally, warning shots should not be fired." in t for t in texts)
    assert any("strictly prohibited" in t for t in texts)


def test_every_coded_stance_names_its_quote_and_source(con):
    missing = rows(
        con,
        "select doc_id, provision_id from positions where stance not in ('silent', 'unknown') and (quote_id is null or source_id is null)",
    )
    assert missing == []


def test_well_over_a_hundred_quotes_each_with_a_source(con):
    n, unsourced = rows(con, "select count(*), count(*) filter (where source_id is null) from quotes")[0]
    assert n > 100 and unsourced == 0


def test_every_quote_is_verbatim_in_its_stored_source():
    """Independent of the build's check: every row of data/quotes.csv, not a sample."""
    sources = {r["source_id"]: r["text_file"] for r in csv.DictReader((ROOT / "data/sources.csv").open(encoding="utf-8"))}
    quotes = list(csv.DictReader((ROOT / "data/quotes.csv").open(encoding="utf-8")))
    texts = {sid: parse(ROOT / "data/sources" / tf) for sid, tf in sources.items()}
    failures = [q["quote_id"] for q in quotes if not texts[q["source_id"]].contains(q["text"])]
    assert len(quotes) > 100
    assert failures == []


def test_source_rows_mirror_their_text_headers():
    for r in csv.DictReader((ROOT / "data/sources.csv").open(encoding="utf-8")):
        header = parse(ROOT / "data/sources" / r["text_file"]).header
        assert header["SOURCE_ID"] == r["source_id"]
        assert header["KIND"].strip() == r["kind"]


def test_codebook_is_current():
    from explorer.builder.codebook import render

    assert (ROOT / "data/README.md").read_text(encoding="utf-8") == render(), "run `make docs`"


def test_codebook_covers_every_column_and_allowed_value():
    import yaml

    schema = yaml.safe_load((ROOT / "data/schema.yaml").read_text(encoding="utf-8"))
    readme = (ROOT / "data/README.md").read_text(encoding="utf-8")
    for table, spec in schema["tables"].items():
        assert f"`{table}`" in readme
        for col in spec["columns"]:
            assert col["description"], f"{table}.{col['name']} has no description"
            assert f"`{col['name']}`" in readme
            for value in col.get("allowed", {}):
                assert f"`{value}`" in readme
    assert "What this data does not tell you" in readme
