"""The import of third-party coded datasets: counts and words equal the raw files; a new shape needs only a description."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import duckdb
import pytest
import yaml

from explorer.builder import build
from explorer.builder.__main__ import main
from explorer.paths import ROOT
from explorer.serve.db import open_database

EXTERNAL = ROOT / "data" / "external"


def _fold(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _raw_2016() -> list[dict[str, str]]:
    with (EXTERNAL / "campaign-zero-2016" / "force.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _raw_2019() -> list[dict[str, object]]:
    return [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((EXTERNAL / "ca-police-scorecard-2019" / "json").glob("*.json"))
        if p.name != "_grades.json"
    ]


@pytest.fixture
def con(db_file: Path):
    c = open_database(db_file)  # the app's own settings: one process may not open a file two ways
    yield c
    c.close()


def _db_counts(con: duckdb.DuckDBPyConnection, dataset: str) -> Counter:
    rows = con.execute("select criterion_id, met from criterion_codes where dataset_id = $d", {"d": dataset}).fetchall()
    return Counter((c, {True: "met", False: "not met", None: "not coded"}[m]) for c, m in rows)


def test_2016_counts_per_criterion_equal_the_raw_file(con):
    desc = yaml.safe_load((EXTERNAL / "campaign-zero-2016" / "dataset.yaml").read_text(encoding="utf-8"))
    raw = Counter(
        (c["criterion_id"], {"1": "met", "0": "not met"}.get(r[c["code"]], "not coded")) for r in _raw_2016() for c in desc["criteria"]
    )
    assert _db_counts(con, "campaign-zero-2016") == raw
    assert raw[("requires-de-escalation", "met")] + raw[("requires-de-escalation", "not met")] == 94


def test_2019_counts_per_criterion_equal_the_raw_files(con):
    desc = yaml.safe_load((EXTERNAL / "ca-police-scorecard-2019" / "dataset.yaml").read_text(encoding="utf-8"))
    raw = Counter(
        (c["criterion_id"], {"1": "met", "0": "not met"}.get(r[c["code"]], "not coded")) for r in _raw_2019() for c in desc["criteria"]
    )
    assert _db_counts(con, "ca-police-scorecard-2019") == raw
    assert sum(n for (_, verdict), n in raw.items() if verdict == "not coded") > 0  # null codes stay not coded


def test_every_language_cell_equals_its_raw_cell(con):
    got = dict(
        ((d, c), t)
        for d, c, t in con.execute(
            "select k.doc_id, k.criterion_id, q.text from criterion_codes as k left join quotes as q using (quote_id)"
        ).fetchall()
    )
    desc = yaml.safe_load((EXTERNAL / "campaign-zero-2016" / "dataset.yaml").read_text(encoding="utf-8"))
    n = 0
    for r in _raw_2016():
        slug = re.sub(r"[^a-z0-9]+", "-", r["Police Department"].lower()).strip("-")
        for c in desc["criteria"]:
            assert _fold(got[(f"campaign-zero-2016/{slug}/policy", c["criterion_id"])]) == _fold(r[c["language"]])
            n += 1
    assert n == 94 * 8


def test_boston_2016_de_escalation_reads_not_met_with_its_words(con):
    met, words = con.execute(
        "select k.met, q.text from criterion_codes as k join quotes as q using (quote_id) "
        "where k.doc_id = 'campaign-zero-2016/boston/policy' and k.criterion_id = 'requires-de-escalation'"
    ).fetchone()
    assert met is False
    assert words.startswith("No. Mentions but does not require de-escalation, when possible.")


def test_a_state_is_never_filled_in_where_the_dataset_gives_none(con):
    states = dict(
        con.execute("select dataset_id, list_distinct(list(state)) from organizations where kind = 'agency' group by all").fetchall()
    )
    texts = states.pop("policy-texts-2020")
    assert states == {"campaign-zero-2016": [], "campaign-zero-2020": [], "ca-police-scorecard-2019": ["CA"]}
    assert "AZ" in texts and "MO" in texts  # Kansas City's MO: the manifest gives no words, but its text's first line names
    words = "select state_evidence from policy_texts where text_id = 'kansascity'"  # Missouri: kept with those words
    assert "MISSOURI" in con.execute(words).fetchone()[0]
    glendales = "select count(*) from organizations where kind = 'agency' and name = 'Glendale'"
    assert con.execute(glendales).fetchone()[0] == 3  # three agencies (2016, 2020, the Scorecard's), not one


def _write_wave(data: Path, rows: str, sha: str | None = None) -> Path:
    """A coded dataset of another shape: a `City` column, camel-case criteria, blank for not adopted."""
    folder = data / "external" / "reader-wave-2021"
    folder.mkdir(parents=True)
    raw = folder / "wave.csv"
    raw.write_text(rows, encoding="utf-8")
    desc = {
        "dataset_id": "reader-wave-2021",
        "title": "A later re-review",
        "publisher": "A reader",
        "coded_by": "A reader",
        "published_on": "2021",
        "url": "https://example.org/wave",
        "licence": "CC0",
        "credit": "A reader (2021)",
        "files": ["wave.csv"],
        "sha256": sha or hashlib.sha256(raw.read_bytes()).hexdigest(),
        "format": "csv",
        "agency": {"name": "City", "state": None, "year": None, "policy_url": None},
        "codes": {"met": ["1"], "not_met": [""], "not_coded": []},
        "criteria": [
            {
                "criterion_id": "bans-chokeholds",
                "name": "bansChokeholds",
                "question": "Are chokeholds banned?",
                "code": "bansChokeholds",
                "language": None,
                "provision_id": "chokeholds",
            }
        ],
    }
    (folder / "dataset.yaml").write_text(yaml.safe_dump(desc, sort_keys=False), encoding="utf-8")
    return raw


def test_a_new_wave_of_another_shape_needs_only_its_description(core_copy: Path, tmp_path: Path):
    _write_wave(core_copy, "City,bansChokeholds\nAkron,1\nBoise,\n")  # beside the hand-edited files: the other waves only slow it
    out = tmp_path / "wave.duckdb"
    build(core_copy, out)
    with duckdb.connect(str(out), read_only=True) as c:
        rows = c.execute(
            "select o.name, k.met, k.quote_id from criterion_codes as k join documents as d using (doc_id) "
            "join organizations as o on o.org_id = d.author_org_ids[1] where k.dataset_id = 'reader-wave-2021' order by o.name"
        ).fetchall()
        assert rows == [("Akron", True, None), ("Boise", False, None)]
        assert c.execute("select credit from datasets where dataset_id = 'reader-wave-2021'").fetchone()[0] == "A reader (2021)"


def test_raw_files_that_differ_from_their_hash_are_refused(core_copy: Path, tmp_path: Path, capsys):
    _write_wave(core_copy, "City,bansChokeholds\nAkron,1\n", sha="0" * 64)
    assert main(["--data", str(core_copy), "--out", str(tmp_path / "x.duckdb")]) == 1
    assert "data/external/reader-wave-2021/dataset.yaml:0: sha256: the raw files hash to" in capsys.readouterr().err
    assert not (tmp_path / "x.duckdb").exists()


def test_a_code_outside_the_description_names_file_record_and_field(core_copy: Path, tmp_path: Path, capsys):
    _write_wave(core_copy, "City,bansChokeholds\nAkron,1\nBoise,yes\n")
    out = tmp_path / "x.duckdb"
    assert main(["--data", str(core_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "data/external/reader-wave-2021/wave.csv:2: bansChokeholds: 'yes' is not a code the description allows" in err
    assert not out.exists()
