"""Deterministic scale dataset: CSVs and source texts in data/'s layout, built by the real build (same validation).

    python benchmarks/make_scale_data.py --size large --out benchmarks/data/large

writes <out>/data/ (schema.yaml, CSVs, sources/*.txt) and <out>/policy.duckdb. The app reads it with
UOF_DB=<out>/policy.duckdb. Text is synthetic (a fixed vocabulary), never presented as real sources.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.build import build  # noqa: E402

SEED = 20170117


@dataclass(frozen=True)
class Size:
    organizations: int
    documents: int
    provisions: int
    endorsements: int
    quotes: int
    sources: int
    events: int


SIZES = {
    "tiny": Size(organizations=40, documents=30, provisions=14, endorsements=300, quotes=600, sources=30, events=40),
    "medium": Size(organizations=1_000, documents=1_000, provisions=50, endorsements=50_000, quotes=20_000, sources=1_000, events=500),
    "large": Size(
        organizations=10_000, documents=10_000, provisions=100, endorsements=1_000_000, quotes=200_000, sources=10_000, events=2_000
    ),
}
ORG_KINDS = [
    "chiefs_executives",
    "labor",
    "sheriffs",
    "federal",
    "accreditation",
    "standards_training",
    "tactical",
    "investigative",
    "affinity",
    "think_tank",
]
# Kinds of stored source in turn, so the Wording page's lineage has model documents and court opinions to follow.
SOURCE_KINDS = ["report", "policy", "court_opinion", "news", "statement"]
TOPICS = ["values", "standards", "tactics", "firearms", "restraint", "duties", "accountability"]
# A realistic mix: most cells unknown, as in the real data; coded cells spread over the stances.
STANCES = (
    (["unknown"] * 55)
    + (["requires"] * 12)
    + (["recommends"] * 9)
    + (["permits_with_conditions"] * 7)
    + (["permits"] * 3)
    + (["discourages"] * 3)
    + (["prohibits"] * 9)
    + (["silent"] * 2)
)
STATUSES = (["signed"] * 60) + (["declined"] * 10) + (["opposed"] * 12) + (["supported"] * 10) + (["authored"] * 8)
WORDS = (
    "officer officers agency agencies force deadly less-lethal policy policies shall should must not warning shots vehicle moving "
    "de-escalation life preserve value reasonable objectively circumstances threat public safety training review report "
    "intervene medical aid restraint neck community trust standard national consensus model principle guidance discretion "
    "situation time distance cover decision judgment legal court use of the a to and in on for with by when unless only"
).split()


def _sentence(rng: random.Random, lo: int, hi: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _write(path: Path, header: list[str], rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def generate(size: Size, out: Path, seed: int = SEED) -> Path:
    """Write the dataset under out/data and build out/policy.duckdb; returns the database path."""
    rng = random.Random(seed)
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    (data / "sources").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "schema.yaml", data / "schema.yaml")

    # sources, with the quotes each one holds written into its text
    per_source = max(1, size.quotes // size.sources)
    quotes, source_rows, quotes_of = [], [], {}
    for s in range(size.sources):
        sid = f"src-{s:05d}"
        date = _date(rng)
        kind = SOURCE_KINDS[s % len(SOURCE_KINDS)]
        texts = [" ".join(_sentence(rng, 8, 30) for _ in range(rng.randint(1, 3))) for _ in range(per_source)]
        body = "\n\n[...]\n\n".join(texts)
        header = (
            f"SOURCE_ID:  {sid}\nTITLE:      Synthetic source {s}\nPUBLISHER:  Scale generator\nAUTHOR:     unknown\n"
            f"DATE:       {date}\nADDRESS:    https://example.org/{sid}\nKIND:       {kind}\nNOTES:      Synthetic text for benchmarks.\n"
        )
        (data / "sources" / f"{sid}.txt").write_text(header + "-" * 60 + "\n" + body + "\n", encoding="utf-8")
        source_rows.append(
            [
                sid,
                f"Synthetic source {s}",
                "Scale generator",
                "unknown",
                date,
                "",
                f"https://example.org/{sid}",
                kind,
                f"{sid}.txt",
                "Synthetic text for benchmarks.",
                "",
            ]
        )
        quotes_of[sid] = []
        for j, text in enumerate(texts):
            qid = f"q-{s:05d}-{j:03d}"
            quotes_of[sid].append(qid)
            stance = rng.choice(["for", "against", "neutral"])
            quotes.append(
                [
                    qid,
                    text,
                    f"Speaker {rng.randint(0, 4999)}",
                    "spokesperson",
                    f"org-{rng.randrange(size.organizations):05d}",
                    "reported" if stance == "against" else "own",  # a signer's own words are never against its document
                    f"doc-{rng.randrange(size.documents):05d}",
                    f"prov-{rng.randrange(size.provisions):03d}",
                    sid,
                    date,
                    "",
                    f"passage {j + 1}",
                    stance,
                    "",
                    "",
                ]
            )
    _write(
        data / "sources.csv",
        ["source_id", "title", "publisher", "author", "published_on", "date_note", "url", "kind", "text_file", "notes", "doc_id"],
        source_rows,
    )
    _write(
        data / "quotes.csv",
        [
            "quote_id",
            "text",
            "speaker",
            "speaker_role",
            "org_ids",
            "voice",
            "doc_id",
            "provision_id",
            "source_id",
            "said_on",
            "dated_by",
            "locator",
            "stance_to",
            "context",
            "cut",
        ],
        quotes,
    )

    _write(
        data / "organizations.csv",
        ["org_id", "name", "acronym", "kind", "source_id", "notes"],
        (
            [f"org-{o:05d}", f"Organization {o}", f"O{o}", rng.choice(ORG_KINDS), f"src-{rng.randrange(size.sources):05d}", ""]
            for o in range(size.organizations)
        ),
    )
    doc_source = {d: f"src-{d % size.sources:05d}" for d in range(size.documents)}
    _write(
        data / "documents.csv",
        ["doc_id", "title", "short_title", "issued_on", "version", "author_org_ids", "kind", "source_id", "notes"],
        (
            [
                f"doc-{d:05d}",
                f"Use-of-force policy {d}",
                f"Policy {d}",
                _date(rng),
                "1",
                "",  # issued by a group: the signers are in the endorsements
                "model_policy",
                doc_source[d],
                "",
            ]
            for d in range(size.documents)
        ),
    )
    _write(
        data / "provisions.csv",
        ["provision_id", "name", "topic", "question", "description", "direction"],
        (
            [
                f"prov-{p:03d}",
                f"Provision {p}",
                TOPICS[p % len(TOPICS)],
                f"Does the policy address provision {p}?",
                "Synthetic provision.",
                rng.choice(["restricts", "asks_for"]),
            ]
            for p in range(size.provisions)
        ),
    )

    def positions():
        for d in range(size.documents):
            sid = doc_source[d]
            for p in range(size.provisions):
                stance = rng.choice(STANCES)
                coded = stance not in ("unknown", "silent")
                yield [
                    f"doc-{d:05d}",
                    f"prov-{p:03d}",
                    stance,
                    _sentence(rng, 6, 20),
                    rng.choice(quotes_of[sid]) if coded else "",
                    sid,
                    "inferred" if coded else "none",  # synthetic sources are no copy of any edition
                ]

    _write(data / "positions.csv", ["doc_id", "provision_id", "stance", "summary", "quote_id", "source_id", "evidence"], positions())

    def endorsements():
        seen: set[tuple[int, int]] = set()  # one status per organization and document: a signer never opposes
        statuses = [s for s in STATUSES if s != "authored"]  # authors are listed on the document
        while len(seen) < size.endorsements:
            key = (rng.randrange(size.organizations), rng.randrange(size.documents))
            if key in seen:
                continue
            seen.add(key)
            status = rng.choice(statuses)
            yield [
                f"org-{key[0]:05d}",
                f"doc-{key[1]:05d}",
                status,
                "whole",
                "primary",
                _date(rng),
                "",
                f"src-{rng.randrange(size.sources):05d}",
                "",
            ]

    _write(
        data / "endorsements.csv",
        ["org_id", "doc_id", "status", "extent", "evidence", "on_date", "quote_id", "source_id", "note"],
        endorsements(),
    )
    _write(
        data / "events.csv",
        ["event_id", "on_date", "title", "description", "doc_id", "source_id", "quote_id"],
        (
            [
                f"ev-{e:05d}",
                _date(rng),
                f"Event {e}",
                _sentence(rng, 8, 20),
                f"doc-{rng.randrange(size.documents):05d}",
                f"src-{rng.randrange(size.sources):05d}",
                "",
            ]
            for e in range(size.events)
        ),
    )
    db = out / "policy.duckdb"
    build(data, db)
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=list(SIZES), default="large")
    parser.add_argument("--out", type=Path, default=None, help="folder (default benchmarks/data/<size>)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    out = args.out or ROOT / "benchmarks" / "data" / args.size
    started = time.perf_counter()
    db = generate(SIZES[args.size], out, args.seed)
    print(f"wrote {db} ({db.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
