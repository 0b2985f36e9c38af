"""A reader's uploaded policy, read: the rules' passages and readings shaped for the page, its lineage, and its report.

Pure functions (no Streamlit): explorer/serve/policy_view.py renders them. Nothing here is cached or written: the
text lives in the reader's session only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import pandas as pd

from explorer import policy_rules
from explorer.paths import ROOT
from explorer.serve import exports, policy_upload
from explorer.serve.policy_upload import Extracted
from explorer.wording import grams, words

AGREEMENT_PATH = ROOT / "eval" / "results.json"
LINEAGE_MIN_SHARE = 0.5  # a sentence is shown when at least half its 4-word runs are found in one model document or opinion
LINEAGE_MIN_GRAMS = 3  # ... and it has at least this many runs (a 5-word heading is not lineage)
LINEAGE_MIN_SOURCE_RUNS = 5  # a source sharing fewer runs than this, and no sentence, shares stock phrases only ("the use of force")


@dataclass
class Reading:
    """One upload, read: the extraction and every rule's reading (kept in st.session_state only)."""

    extracted: Extracted
    passages: list[policy_rules.Passage]
    readings: list[policy_rules.Reading]
    rules_version: str


def read(extracted: Extracted) -> Reading:
    rules = policy_rules.load()
    cut = policy_rules.passages(extracted.pages)
    return Reading(extracted, cut, policy_rules.read(extracted.pages, rules, cut), rules.version)


def read_file(name: str, raw: bytes, limits: policy_upload.Limits = policy_upload.LIMITS) -> tuple[Extracted, Reading | None]:
    """The upload's text and its reading at once: every rule runs on each page as the extractor's child sends it, so
    the rules work while the next page is extracted (the same reading as read(), taken page by page)."""
    by_page = policy_rules.PageByPage()
    extracted = policy_upload.read_policy(name, raw, limits, on_page=by_page.add)
    if not extracted.ok:
        return extracted, None
    return extracted, Reading(extracted, by_page.passages, by_page.readings(), by_page.rules.version)


@cache
def agreement() -> dict[str, dict]:
    """Per criterion: agreed, of, baseline (`make eval`'s committed results); empty when they are missing."""
    if not AGREEMENT_PATH.exists():
        return {}
    results = json.loads(AGREEMENT_PATH.read_text(encoding="utf-8"))
    return {
        c: {k: f[k] for k in ("agreed", "of", "baseline")} | {"rules_version": results["rules_version"]}
        for c, f in results["criteria"].items()
    }


def agreement_version() -> str:
    """The rules' version (a cache key: a stored text's reading changes only with the rules)."""
    return policy_rules.load().version


def agreement_words(criterion_id: str | None) -> str:
    """'agreed with the human coders on 30 of 37 stored policies', and a warning where that is no better than a constant."""
    if not criterion_id:
        return ""
    f = agreement().get(criterion_id)
    if not f or not f["of"]:
        return "its agreement with the human coders is not measured (run `make eval`)"
    words = f"this rule agreed with the human coders on {f['agreed']} of {f['of']} stored policies"
    if f["agreed"] <= f["baseline"]:
        words += f"; that is no better than always giving the coders' commoner answer ({f['baseline']} of {f['of']}): read the passages, not the reading"
    elif f["agreed"] / f["of"] < 0.75:
        words += ": it agrees poorly; read the passages"
    return words


def reading_words(r: policy_rules.Reading) -> str:
    """The rule's reading in words, never a verdict."""
    if r.reading is None:
        return "no rule reading for this provision (search terms only): passages to read"
    return "the rule's reading: " + policy_rules.READING_WORDS[r.reading]


def pages_of(found: list[policy_rules.Found], limit: int = 6) -> str:
    pages = list(dict.fromkeys(f.passage.page for f in found))
    return ", ".join(map(str, pages[:limit])) + (" …" if len(pages) > limit else "")


def grid_cell(r: policy_rules.Reading) -> str:
    """The uploaded policy's cell in Compare's grid: the rule's reading or the passages to read, with their pages."""
    if r.reading is not None:
        where = r.meeting if r.reading == policy_rules.FOUND else r.found
        head = "◆ rule's reading: words found" if r.reading == policy_rules.FOUND else "◇ rule's reading: not found"
        f = agreement().get(r.rule.criterion_id or "")
        agreed = f" · this rule agreed with the coders on {f['agreed']} of {f['of']}" if f and f["of"] else ""
        return head + (f" · p. {pages_of(where)}" if where else "") + f" · {plural(len(r.found), 'passage')} to read" + agreed
    if not r.found:
        return "– no passage found"
    return f"{plural(len(r.found), 'passage')} to read · p. {pages_of(r.found)}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def grid_column(reading: Reading, provision_names: dict[str, str]) -> pd.Series:
    """provision name -> cell, for every provision with a rule."""
    return pd.Series(
        {provision_names[r.rule.provision_id]: grid_cell(r) for r in reading.readings if r.rule.provision_id in provision_names}
    )


def passages_table(reading: Reading, provision_names: dict[str, str]) -> pd.DataFrame:
    """One row per passage and rule: the CSV of the passages, and the page's tables."""
    rows = []
    for r in reading.readings:
        for f in r.found:
            rows.append(
                {
                    "provision_id": r.rule.provision_id,
                    "provision": provision_names.get(r.rule.provision_id, r.rule.provision_id),
                    "criterion_id": r.rule.criterion_id or "",
                    "rule_reading": r.reading or "",
                    "page": f.passage.page,
                    "passage_no": f.passage.seq,
                    "role": policy_rules.ROLE_LABEL[f.role],
                    "marked_words": " | ".join(f.passage.text[a:b] for a, b in f.spans),
                    "text": f.passage.text,
                }
            )
    columns = ["provision_id", "provision", "criterion_id", "rule_reading", "page", "passage_no", "role", "marked_words", "text"]
    return pd.DataFrame(rows, columns=columns)


# --- lineage: which sentences carry a model document's or court opinion's 4-word runs ---------------------------


def upload_grams(reading: Reading) -> list[str]:
    """Every distinct 4-word run of the upload (computed in memory; bound as a query parameter, never stored)."""
    return list(dict.fromkeys(g for p in reading.passages for g in grams(words(p.text))))


def lineage(reading: Reading, shared: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(sentences, sources) from the upload's runs found in stored passages (shared: gram, source_id, label, source_kind, dated).

    sentences: page, passage_no, text, source label, kind, dated, share (of the sentence's runs), shared runs, spans to mark.
    sources: per model document or opinion, how many of the upload's runs it shares and in how many sentences.
    """
    by_gram: dict[str, set[str]] = {}
    for g, s in zip(shared["gram"], shared["source_id"], strict=True):
        by_gram.setdefault(g, set()).add(s)
    meta = shared.drop_duplicates("source_id").set_index("source_id")
    rows, per_source_sentences = [], {}
    for p in reading.passages:
        tokens = words(p.text)
        mine = grams(tokens)
        if len(mine) < LINEAGE_MIN_GRAMS:
            continue
        counts: dict[str, int] = {}
        for g in mine:
            for s in by_gram.get(g, ()):
                counts[s] = counts.get(s, 0) + 1
        if not counts:
            continue
        best = max(counts, key=lambda s: (counts[s], s))
        share = counts[best] / len(mine)
        if share < LINEAGE_MIN_SHARE:
            continue
        per_source_sentences[best] = per_source_sentences.get(best, 0) + 1
        rows.append(
            {
                "page": p.page,
                "passage_no": p.seq,
                "text": p.text,
                "source_id": best,
                "source": meta.at[best, "label"],
                "kind": meta.at[best, "source_kind"],
                "dated": meta.at[best, "dated"],
                "share": round(share, 3),
                "shared_runs": counts[best],
                "runs": len(mine),
                "spans": shared_spans(p.text, tokens, {g for g in mine if best in by_gram.get(g, ())}),
            }
        )
    sentences = pd.DataFrame(
        rows, columns=["page", "passage_no", "text", "source_id", "source", "kind", "dated", "share", "shared_runs", "runs", "spans"]
    )
    runs = shared.groupby("source_id").agg(runs=("gram", "nunique")).reset_index()
    sources = runs.join(meta[["label", "source_kind", "dated"]], on="source_id")
    sources["sentences_half_or_more"] = sources["source_id"].map(per_source_sentences).fillna(0).astype(int)
    sources["share_of_upload_runs"] = (sources["runs"] / max(1, len(upload_grams(reading)))).round(3)
    return sentences, sources.sort_values(["runs", "label"], ascending=[False, True]).reset_index(drop=True)


def shared_spans(text: str, tokens: list[str], shared: set[str]) -> list[tuple[int, int]]:
    """Character spans of the words that belong to a shared 4-word run."""
    _, spans = policy_rules.fold(text)
    if len(spans) != len(tokens):
        return []
    marked = set()
    for i in range(len(tokens) - 3):
        if " ".join(tokens[i : i + 4]) in shared:
            marked.update(range(i, i + 4))
    runs: list[list[int]] = []  # consecutive marked words as one span, so a shared run reads as one mark
    for i in sorted(marked):
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return [(spans[a][0], spans[b][1]) for a, b in runs]


# --- take it away ----------------------------------------------------------------------------------------------


def report(reading: Reading, provision_names: dict[str, str], release: dict, sentences: pd.DataFrame | None = None) -> dict:
    """The reading as one JSON-ready dict: the file (name, sha256, bytes), the extractor, the rules' version, the release,
    every rule's reading with its agreement, the passages, and the lineage sentences."""
    e = reading.extracted
    return {
        "title": "A keyword reading of an uploaded use-of-force policy (passages to read; not a verdict)",
        "file": {"name": e.name, "sha256": e.sha256, "bytes": e.size, "type": e.kind, "pages": len(e.pages)},
        "extractor": e.extractor,
        "extraction_notes": e.notes,
        "rules": {"file": "data/rules/criteria_rules.yaml", "version": reading.rules_version},
        "release": {"data_release": str(release.get("data_release", "")), "release_date": str(release.get("release_date", ""))},
        "readings": [
            {
                "provision_id": r.rule.provision_id,
                "provision": provision_names.get(r.rule.provision_id, r.rule.provision_id),
                "criterion_id": r.rule.criterion_id,
                "rule_reading": r.reading,
                "rule_reading_words": reading_words(r),
                "agreement": agreement().get(r.rule.criterion_id or "", None),
                "agreement_words": agreement_words(r.rule.criterion_id),
                "passages": [
                    {
                        "page": f.passage.page,
                        "passage_no": f.passage.seq,
                        "role": policy_rules.ROLE_LABEL[f.role],
                        "text": f.passage.text,
                        "marked": [f.passage.text[a:b] for a, b in f.spans],
                    }
                    for f in r.found
                ],
            }
            for r in reading.readings
        ],
        "lineage": [] if sentences is None else sentences.drop(columns=["spans"]).to_dict("records"),
    }


def report_markdown(rep: dict) -> str:
    f = rep["file"]
    lines = [
        f"# {rep['title']}",
        "",
        f"- File: {f['name']} ({f['type']}, {f['bytes']:,} bytes, {f['pages']} pages), sha256 `{f['sha256']}`",
        f"- Text extracted by {rep['extractor']}" + ("; " + " ".join(rep["extraction_notes"]) if rep["extraction_notes"] else ""),
        f"- Rules: {rep['rules']['file']}, version {rep['rules']['version']}",
        f"- Data release: {rep['release']['data_release']} ({rep['release']['release_date']})",
        "",
        "A rule's reading says whether the words that would meet a Campaign Zero criterion were found; it is the rule's,",
        "never a verdict on the policy. Beside it: how often that rule agreed with the human coders on stored policies.",
        "",
    ]
    for r in rep["readings"]:
        lines += [
            f"## {r['provision']}" + (f" (criterion {r['criterion_id']})" if r["criterion_id"] else ""),
            "",
            r["rule_reading_words"] + ".",
        ]
        if r["agreement_words"]:
            lines.append(r["agreement_words"][0].upper() + r["agreement_words"][1:] + ".")
        lines.append("")
        lines += [f"- p. {p['page']} ({p['role']}): {p['text']}" for p in r["passages"]] or ["- no passage found"]
        lines.append("")
    if rep["lineage"]:
        lines += ["## Sentences carrying a model document's or court opinion's 4-word runs", ""]
        lines += [f"- p. {s['page']}: {s['share']:.0%} of its runs in {s['source']} ({s['dated']}): {s['text']}" for s in rep["lineage"]]
    return "\n".join(lines) + "\n"


def report_files(reading: Reading, provision_names: dict[str, str], release: dict, sentences: pd.DataFrame | None) -> dict[str, bytes]:
    """{'md': ..., 'json': ..., 'csv': ...}: the report, and the passages as CSV (formula-like cells neutralised)."""
    rep = report(reading, provision_names, release, sentences)
    return {
        "md": report_markdown(rep).encode("utf-8"),
        "json": (json.dumps(rep, indent=1, ensure_ascii=False) + "\n").encode("utf-8"),
        "csv": exports.to_bytes(passages_table(reading, provision_names), "csv"),
    }
