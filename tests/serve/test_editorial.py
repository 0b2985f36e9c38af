"""Editorial ids and vocabularies live in the data (data/editorial.csv, data/schema.yaml) and are read through one helper each."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from explorer import contract
from explorer.paths import ROOT
from explorer.serve import data
from explorer.serve.db import open_database
from explorer.serve.filters import Filters
from explorer.serve.labels import VERDICTS

PRODUCT = sorted((ROOT / "explorer").rglob("*.py")) + sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]


def _ids(db_file: Path, sql: str) -> set[str]:
    con = open_database(db_file)
    try:
        return {r[0] for r in con.execute(sql).fetchall()}
    finally:
        con.close()


def test_every_editorial_id_is_a_document_or_provision_of_the_database(db_file: Path):
    docs = _ids(db_file, "select doc_id from documents")
    provisions = _ids(db_file, "select provision_id from provisions")
    assert data.key_doc() in docs
    assert data.contrast_docs() and set(data.contrast_docs()) <= docs
    assert data.contrast_provisions() and set(data.contrast_provisions()) <= provisions
    assert data.contested_provisions() and set(data.contested_provisions()) <= provisions
    captions = "".join(data._editorial("contrast_caption", "words"))
    cells = re.findall(r"\{([^{}/]+)/([^{}]+)\}", captions)
    assert cells, "the caption names the cells it reads"
    for provision_id, doc_id in cells:
        assert provision_id in provisions and doc_id in docs, (provision_id, doc_id)


def test_the_helpers_read_the_file_in_its_order():
    rows = pd.read_csv(ROOT / "data" / "editorial.csv", dtype=str)
    assert data.contrast_docs() == tuple(rows.loc[rows["choice"] == "contrast_doc", "doc_id"])
    assert data.contrast_provisions() == tuple(rows.loc[rows["choice"] == "contrast_provision", "provision_id"])
    assert data.key_doc() == rows.loc[rows["choice"] == "key_doc", "doc_id"].item()


def test_the_contrast_caption_fills_each_cell_with_its_stance_and_needs_them_all():
    contrast = data.key_contrast(Filters())
    stances = contrast.set_index(["provision_id", "doc_id"])["stance"].str.replace("_", " ").to_dict()
    caption = data.contrast_caption(stances)
    assert caption.startswith("On warning shots the IACP Model Policy ") and "{" not in caption
    assert stances[("warning-shots", "iacp-model-policy")] in caption
    assert data.contrast_caption({k: v for k, v in stances.items() if k[1] != "perf-gp-2016-03"}) == ""


def test_the_verdicts_are_the_codebooks_and_the_views(db_file: Path):
    assert VERDICTS == contract.verdicts() == ("met", "not met", "not coded")
    assert _ids(db_file, "select distinct verdict from agency_codes") == set(contract.verdicts())


def test_the_qualified_rule_is_the_codebooks_for_values_and_columns():
    assert not contract.qualified("whole", "primary")
    assert contract.qualified("part", "primary") and contract.qualified("whole", "secondary")
    rows = pd.DataFrame({"extent": ["whole", "member", "whole"], "evidence": ["primary", "primary", "inferred"]})
    assert contract.qualified(rows["extent"], rows["evidence"]).tolist() == [False, True, True]


def test_verdict_names_and_editorial_ids_are_typed_nowhere_in_the_product():
    """Read them through contract.verdicts() / labels.VERDICTS and data.key_doc() & co., not as literals."""
    ids = set(data.contrast_docs()) | set(data.contrast_provisions()) | set(data.contested_provisions()) | {data.key_doc()}
    words = {"not met", "not coded"}
    for path in PRODUCT:
        text = path.read_text(encoding="utf-8")
        for literal in ids | words:
            assert f'"{literal}"' not in text and f"'{literal}'" not in text, f"{path.relative_to(ROOT)} types {literal!r}"


def test_an_editorial_id_the_data_does_not_hold_stops_the_build(data_copy: Path):
    from explorer.builder.validate import validate

    path = data_copy / "editorial.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("contrast_doc,iacp-model-policy", "contrast_doc,iacp-1999"), encoding="utf-8")
    problems = [str(p) for p in validate(data_copy).problems]
    assert problems == ["data/editorial.csv:4: doc_id: 'iacp-1999' is not a known documents.doc_id"]
