"""Imports third-party coded datasets of agency policies, each described by one data/external/<id>/dataset.yaml.

A description names the raw files (copied unchanged, checked by sha256), how to read agencies, codes and policy
language from them, and each criterion with its question and the provision of ours it is closest to (or none). A new
wave or a reader's own coded dataset needs one new folder with its raw file(s) and a description: no code change.
DuckDB reads the CSV and JSON files; every problem names the file, the record and the field.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import yaml

from explorer.builder import links, texts
from explorer.contract import Problem

EXTERNAL_DIR = "external"
DESCRIPTION = "dataset.yaml"
REQUIRED = (
    "dataset_id",
    "title",
    "publisher",
    "coded_by",
    "published_on",
    "url",
    "licence",
    "credit",
    "files",
    "sha256",
    "format",
    "agency",
    "codes",
    "criteria",
)
CRITERION_KEYS = ("criterion_id", "name", "question", "code", "provision_id")  # `language` is optional: a wave may have codes only
FORMATS = ("csv", "json", "texts")  # texts: a dataset of full policy texts with a manifest (explorer/builder/texts.py)
TEXTS_REQUIRED = tuple(k for k in REQUIRED if k not in ("agency", "codes", "criteria"))


@dataclass
class Imported:
    """The rows of the imported tables (see `imported:` in data/schema.yaml), and what stopped them."""

    datasets: list[dict[str, Any]] = field(default_factory=list)
    criteria: list[dict[str, Any]] = field(default_factory=list)
    criterion_codes: list[dict[str, Any]] = field(default_factory=list)
    # A texts dataset's rows (explorer/builder/texts.py), then what explorer/builder/links.py computes over everything.
    policy_texts: list[dict[str, Any]] = field(default_factory=list)
    policy_text_bodies: list[dict[str, Any]] = field(default_factory=list)
    edition_checks: list[dict[str, Any]] = field(default_factory=list)
    edition_check_quotes: list[dict[str, Any]] = field(default_factory=list)
    agency_links: list[dict[str, Any]] = field(default_factory=list)
    departments: list[dict[str, Any]] = field(default_factory=list)
    department_members: list[dict[str, Any]] = field(default_factory=list)
    # Rows added to the shared tables: each dataset a source, each agency an organization (kind agency), each coded
    # policy a document (kind agency_policy), each language cell a quote (the coder's words: voice reported).
    shared: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {"sources": [], "organizations": [], "documents": [], "quotes": []}
    )
    problems: list[Problem] = field(default_factory=list)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _files(folder: Path, patterns: list[str]) -> list[Path]:
    return sorted({p for pattern in patterns for p in folder.glob(pattern) if p.is_file()}, key=lambda p: p.relative_to(folder).as_posix())


def _sha256(files: list[Path]) -> str:
    h = hashlib.sha256()
    for p in files:
        h.update(p.read_bytes())
    return h.hexdigest()


def _read(fmt: str, files: list[Path]) -> list[tuple[Path, int, dict[str, Any]]]:
    """(file, record number from 1, record) for every record, read by DuckDB; every value as text or None."""
    con = duckdb.connect()
    try:
        if fmt == "csv":
            rows = []
            for p in files:
                rel = con.execute("select * from read_csv($f, all_varchar = true, header = true, sample_size = -1)", {"f": str(p)})
                cols = [d[0] for d in rel.description]
                rows += [(p, i, dict(zip(cols, r, strict=True))) for i, r in enumerate(rel.fetchall(), start=1)]
            return rows
        rel = con.execute(
            "select * from read_json($f, format = 'auto', filename = true, union_by_name = true, sample_size = -1)",
            {"f": [str(p) for p in files]},
        )
        cols = [d[0] for d in rel.description]
        out = []
        for r in rel.fetchall():
            rec = {c: (None if v is None else str(v)) for c, v in zip(cols, r, strict=True)}
            out.append((Path(rec.pop("filename")), 1, rec))
        return sorted(out, key=lambda t: t[0].name)
    finally:
        con.close()


def _one(folder: Path, data_dir: Path, out: Imported) -> None:
    desc_path = folder / DESCRIPTION
    rel = desc_path.relative_to(data_dir.parent).as_posix()
    problem = lambda line, col, msg, file=rel: out.problems.append(Problem(file, line, col, msg))  # noqa: E731
    try:
        desc = yaml.safe_load(desc_path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        problem(getattr(getattr(e, "problem_mark", None), "line", -1) + 1, "-", f"unreadable YAML: {e}")
        return
    if not isinstance(desc, dict):
        problem(0, "-", "the description is not a mapping of keys to values")
        return
    missing = [k for k in (TEXTS_REQUIRED if desc.get("format") == "texts" else REQUIRED) if k not in desc]
    for k in missing:
        problem(0, k, "missing key")
    if missing:
        return
    if desc["dataset_id"] != folder.name:
        problem(0, "dataset_id", f"{desc['dataset_id']!r} must equal the folder's name {folder.name!r}")
    if desc["format"] not in FORMATS:
        problem(0, "format", f"{desc['format']!r} is not one of: {', '.join(FORMATS)}")
        return
    files = _files(folder, list(desc["files"]))
    if not files:
        problem(0, "files", f"no file matches {desc['files']!r}")
        return
    if (got := _sha256(files)) != desc["sha256"]:
        problem(0, "sha256", f"the raw files hash to {got}, not the recorded {desc['sha256']} (they must be copied unchanged)")
        return
    for i, c in enumerate(desc.get("criteria") or []):
        for k in CRITERION_KEYS:
            if k not in c:
                problem(0, f"criteria[{i}].{k}", "missing key")
    if out.problems:
        return
    if desc["format"] == "texts":
        before = len(out.problems)
        texts.load_texts(desc, folder, data_dir, out, problem)
        if len(out.problems) == before:
            out.datasets.append(_dataset_row(desc, "texts"))
            _source(desc, folder, data_dir, out)
        return
    skip = set(_files(folder, list(desc.get("skip") or [])))
    try:
        records = _read(desc["format"], [p for p in files if p not in skip])
    except duckdb.Error as e:
        problem(0, "files", f"DuckDB could not read the raw files: {str(e).splitlines()[0]}")
        return
    codes = desc["codes"]
    vocab = {**{v: True for v in codes.get("met", [])}, **{v: False for v in codes.get("not_met", [])}}
    not_coded = set(codes.get("not_coded", []))
    agency = desc["agency"]
    wanted = [agency["name"], agency.get("year"), agency.get("policy_url")] + [
        c.get(k) for c in desc["criteria"] for k in ("code", "language")
    ]
    did = desc["dataset_id"]
    out.datasets.append(_dataset_row(desc, "coded"))
    out.criteria += [
        {"dataset_id": did, **{k: c[k] for k in ("criterion_id", "name", "question", "provision_id")}} for c in desc["criteria"]
    ]
    _source(desc, folder, data_dir, out)
    seen: dict[str, str] = {}
    for path, n, rec in records:
        file = path.relative_to(data_dir.parent).as_posix()
        absent = [w for w in wanted if w and w not in rec]
        for w in absent:
            problem(n, w, "missing field (named in dataset.yaml)", file)
        name = (rec.get(agency["name"]) or "").strip()
        if absent or not name:
            if not absent:
                problem(n, agency["name"], "empty agency name", file)
            continue
        agency_id = f"{did}/{slug(name)}"
        if agency_id in seen:
            problem(n, agency["name"], f"agency {name!r} appears twice (also in {seen[agency_id]})", file)
            continue
        seen[agency_id] = f"{file} record {n}"
        year = (rec.get(agency["year"]) or "").strip() if agency.get("year") else ""
        year = year if re.fullmatch(r"\d{4}", year) else ""  # the 2016 file writes "Unknown" where it has none
        url = (rec.get(agency["policy_url"]) or "").strip() if agency.get("policy_url") else ""
        doc_id = _agency(desc, agency_id, name, year, url, f"{file} record {n}", out)
        for c in desc["criteria"]:
            raw = rec.get(c["code"])
            if raw is None and desc["format"] == "csv":
                raw = ""  # a CSV has no null: DuckDB reads an empty field as one
            if raw not in vocab and raw not in not_coded:
                problem(
                    n,
                    c["code"],
                    f"{raw!r} is not a code the description allows (met {codes.get('met')}, not met {codes.get('not_met')})",
                    file,
                )
                continue
            language = rec.get(c["language"]) if c.get("language") else None
            quote_id = _language_quote(desc, c, doc_id, agency_id, language, f"{file} record {n}, field “{c.get('language')}”", out)
            out.criterion_codes.append(
                {
                    "doc_id": doc_id,
                    "dataset_id": did,
                    "criterion_id": c["criterion_id"],
                    "code": raw,
                    "met": vocab.get(raw),
                    "quote_id": quote_id,
                }
            )


def _dataset_row(desc: dict[str, Any], kind: str) -> dict[str, Any]:
    """The datasets row: what it is, whose it is, where a state for all its agencies comes from, and its provenance."""
    agency = desc.get("agency") or {}
    year = re.match(r"\d{4}", str(desc["published_on"]))
    return {
        **{k: str(desc[k]) for k in ("dataset_id", "title", "publisher", "coded_by", "published_on", "url", "licence", "credit", "sha256")},
        "kind": kind,
        "published_year": int(year.group()) if year else None,
        "provenance": str(desc.get("provenance") or "") or None,
        "state": str(agency.get("state") or "") or None,
        "state_basis": str(agency.get("state_basis") or "") or None,
        "agency_list": str(agency.get("list") or "") or None,
    }


def _source(desc: dict[str, Any], folder: Path, data_dir: Path, out: Imported) -> None:
    """The dataset as a source: every agency, policy and language cell of it names this row."""
    rel = folder.relative_to(data_dir).as_posix()
    out.shared["sources"].append(
        {
            "source_id": desc["dataset_id"],
            "title": desc["title"],
            "publisher": desc["publisher"],
            "author": desc["coded_by"],
            "published_on": str(desc["published_on"]),
            "date_note": "",
            "url": desc["url"],
            "kind": "dataset",
            "text_file": f"{rel}/",
            "notes": f"Third-party coded dataset, raw files copied unchanged into data/{rel}/ (sha256 {desc['sha256']}). "
            f"Licence: {desc['licence']}.",
            "doc_id": "",
        }
    )


def _agency(desc: dict[str, Any], agency_id: str, name: str, year: str, url: str, where: str, out: Imported) -> str:
    """The agency as an organization and its coded policy as a document; returns the document's id."""
    did, coder = desc["dataset_id"], desc["coded_by"]
    state = str(desc["agency"].get("state") or "")
    out.shared["organizations"].append(
        {
            "org_id": agency_id,
            "name": name,
            "acronym": "unknown",
            "kind": "agency",
            "source_id": did,
            "notes": f"Named “{name}” in {where}" + ("" if state else "; the dataset gives no state."),
            "city": name,
            "state": state,
            "dataset_id": did,
        }
    )
    doc_id = f"{agency_id}/policy"
    out.shared["documents"].append(
        {
            "doc_id": doc_id,
            "title": f"{name}: use-of-force policy as coded by {coder} ({desc['title']})",
            "short_title": f"{name} ({coder} {str(desc['published_on'])[:4]})",
            "issued_on": year or "unknown",
            "version": f"the policy {coder} coded" + (f" (policy year {year})" if year else " (the dataset names no edition)"),
            "author_org_ids": agency_id,
            "kind": "agency_policy",
            "source_id": did,
            "notes": f"Read from {where}.",
            "dataset_id": did,
            "policy_year": year,
            "policy_url": url,
        }
    )
    return doc_id


def _language_quote(
    desc: dict[str, Any], c: dict[str, Any], doc_id: str, agency_id: str, language: str | None, where: str, out: Imported
) -> str | None:
    """A language cell as a quote, verbatim: the coder's words around the policy's (secondary evidence)."""
    if not language or not language.strip():
        return None
    quote_id = f"{doc_id}/{c['criterion_id']}"
    out.shared["quotes"].append(
        {
            "quote_id": quote_id,
            "text": language,
            "speaker": desc["coded_by"],
            "speaker_role": "coder",
            "org_ids": agency_id,
            "voice": "reported",
            "doc_id": doc_id,
            "provision_id": c["provision_id"] or "",
            "source_id": desc["dataset_id"],
            "said_on": str(desc["published_on"]),
            "dated_by": "",
            "locator": where,
            "stance_to": "neutral",
            "context": f"{desc['coded_by']}'s language cell for its criterion “{c['name']}”: the coder's words around the policy's.",
            "cut": "",
        }
    )
    return quote_id


def load(data_dir: Path) -> Imported:
    """Every dataset under data_dir/external, in folder order, then what links them (the edition check, the links
    between agencies and the departments they make: explorer/builder/links.py); problems name file, record and field."""
    out = Imported()
    for folder in sorted(p for p in (data_dir / EXTERNAL_DIR).glob("*") if (p / DESCRIPTION).is_file()):
        _one(folder, data_dir, out)
    if not out.problems:  # the stored source texts: quoted words they hold are common wording, not a department's
        links.compute(out, {p.name: p.read_text(encoding="utf-8") for p in sorted((data_dir / "sources").glob("*.txt"))})
    return out
