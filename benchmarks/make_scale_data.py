"""Deterministic scale dataset: CSVs and source texts in data/'s layout, built by the real build (same validation).

    python benchmarks/make_scale_data.py --size large --out benchmarks/data/large

writes <out>/data/ (schema.yaml, CSVs, sources/*.txt; external/: three coded waves over the same cities and generated
full policy texts with their manifest) and <out>/policy.duckdb. The app reads it with
UOF_DB=<out>/policy.duckdb. Text is synthetic (a fixed vocabulary), never presented as real sources.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.builder import build  # noqa: E402
from explorer.builder.reading_rules import _EXCEPTION, _OBLIGATION  # noqa: E402  (the rule the stances must meet)

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
    agencies: int = 0  # each of three coded waves codes this many cities' departments (issue 27)
    texts: int = 0  # generated full texts of departments' policies
    text_kb: tuple[int, int] = (20, 80)  # each text's size, drawn between these (kilobytes)


SIZES = {
    "tiny": Size(organizations=40, documents=30, provisions=14, endorsements=300, quotes=600, sources=30, events=40, agencies=40, texts=10),
    "medium": Size(
        organizations=1_000,
        documents=1_000,
        provisions=50,
        endorsements=50_000,
        quotes=20_000,
        sources=1_000,
        events=500,
        agencies=1_000,
        texts=100,
    ),
    # the large data's full texts and waves alone (the rest tiny): to measure how the build grows with the text
    "texts": Size(
        organizations=40, documents=30, provisions=14, endorsements=300, quotes=600, sources=30, events=40, agencies=18_000, texts=2_000
    ),
    "large": Size(
        organizations=10_000,
        documents=10_000,
        provisions=100,
        endorsements=1_000_000,
        quotes=200_000,
        sources=10_000,
        events=2_000,
        agencies=18_000,
        texts=2_000,
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
        # who said each passage, printed in the text as the build's attribution rule asks (speaker, role, organization)
        said_by = [(f"Speaker {rng.randint(0, 4999)}", rng.randrange(size.organizations)) for _ in texts]
        body = f"Published {date}.\n\n" + "\n\n[...]\n\n".join(
            f"{who}, spokesperson of Organization {o} (O{o}), said: {text}" for (who, o), text in zip(said_by, texts, strict=True)
        )
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
                    said_by[j][0],
                    "spokesperson",
                    f"org-{said_by[j][1]:05d}",
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
    # no editorial choices: the pages take the first documents and provisions, as for any dataset without them
    _write(data / "editorial.csv", ["choice", "doc_id", "provision_id", "words", "note"], ())
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

    quote_text = {q[0]: q[1] for q in quotes}

    def positions():
        for d in range(size.documents):
            sid = doc_source[d]
            for p in range(size.provisions):
                stance = rng.choice(STANCES)
                coded = stance not in ("unknown", "silent")
                quote_id = rng.choice(quotes_of[sid]) if coded else ""
                words = quote_text.get(quote_id, "")
                if stance == "requires" and not _OBLIGATION.search(words):  # a stance never stronger than its words
                    stance = "recommends"
                if stance == "prohibits" and _EXCEPTION.search(words):
                    stance = "permits_with_conditions"
                yield [
                    f"doc-{d:05d}",
                    f"prov-{p:03d}",
                    stance,
                    _sentence(rng, 6, 20),
                    quote_id,
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
    _external(size, data, rng)
    db = out / "policy.duckdb"
    build(data, db)
    return db


# Departments for issue 27: three coded waves over the same agencies and generated full texts of their policies.
CRITERIA = ("de-escalation", "chokeholds", "intervene", "warning", "vehicles", "reporting", "exhaust", "continuum")
SCALE_STATE = "ZZ"  # the third wave covers one state by its title, as the California Scorecard does
_HEADERS = ("Synthetic Police Department", "General Order 1.{n} Use of Force", "Page {p} of {pages}")


def _policy_text(rng: random.Random, n: int, size: int, quoted: list[str]) -> str:
    """A generated policy extraction of about size characters, shaped like pdfminer's: CRLF lines of about 80
    characters, blank lines between paragraphs, a page header and a form feed every 50 lines, now and then a word
    hyphenated at a line end and a (cid:NN) bullet; the quoted sentences (a coder's words) are in it verbatim."""
    lines: list[str] = []
    total, page, pages = 0, 1, max(1, size // 4000)
    state_line = f"Officers shall act within the laws of the State of Synthetica {n % 50}."
    paragraphs = [state_line, *quoted]
    while total < size:
        paragraph = " ".join(_sentence(rng, 8, 24) for _ in range(rng.randint(1, 4)))
        paragraphs.append(("(cid:127) " if rng.random() < 0.05 else "") + paragraph)
        total += len(paragraph) + 4
    rng.shuffle(paragraphs)
    for i, paragraph in enumerate(paragraphs):
        if i % 12 == 0:
            lines += [f"{_HEADERS[0]} ", _HEADERS[1].format(n=n) + " ", _HEADERS[2].format(p=page, pages=pages) + " ", ""]
            page += 1
        words, line = paragraph.split(" "), ""
        for word in words:
            if len(line) + len(word) > 80:
                if rng.random() < 0.03 and len(word) > 6 and paragraph not in quoted:
                    lines.append(f"{line}{word[:3]}-")
                    word = word[3:]
                else:
                    lines.append(line.rstrip() + " ")
                line = ""
            line += word + " "
        lines += [line.rstrip() + " ", ""]
        if i % 12 == 11:
            lines.append("\f")
    return "\r\n".join(lines)


def _external(size: Size, data: Path, rng: random.Random) -> None:
    """Three coded waves (data/external/scale-wave-*) over size.agencies cities, and size.texts generated full texts
    (data/external/scale-texts) of size.text_kb kilobytes: the first wave quotes sentences of the texts."""
    import hashlib

    external = data / "external"
    cities = [f"City {c:05d}" for c in range(size.agencies)]
    quoted_of: dict[int, list[str]] = {}
    folder = external / "scale-texts"
    (folder / "texts").mkdir(parents=True)
    manifest = [
        [
            "file",
            "city",
            "department",
            "title",
            "order_number",
            "printed_date",
            "printed_date_quote",
            "scope",
            "state",
            "state_evidence",
            "sha256",
            "shipped",
        ]
    ]
    for n in range(size.texts):
        quoted = [_sentence(rng, 10, 20) for _ in range(3)]
        quoted_of[n] = quoted
        year = 2010 + n % 11
        body = f"Effective Date: {year}-06-01 \r\n\r\n" + _policy_text(rng, n, rng.randint(*size.text_kb) * 1000, quoted)
        raw = body.encode("utf-8")
        name = f"texts/City{n:05d}_Extract.txt"
        (folder / name).write_bytes(raw)
        state = f"Officers shall act within the laws of the State of Synthetica {n % 50}."
        # odd texts name the third wave's state, every fifth another one (evidence against), the rest none
        named = "YY" if n % 5 == 0 else SCALE_STATE if n % 2 else ""
        manifest.append(
            [
                name,
                cities[n],
                f"{cities[n]} Police Department",
                "General Order Use of Force",
                f"GO 1.{n}",
                f"{year}-06-01 (effective)",
                f"Effective Date: {year}-06-01",
                "whole",
                named,
                state if named else "",
                hashlib.sha256(raw).hexdigest(),
                "yes",
            ]
        )
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(manifest)
    columns = {
        k: k
        for k in ("file", "city", "department", "title", "printed_date", "printed_date_quote", "scope", "state", "state_evidence", "sha256")
    } | {"number": "order_number"}
    desc = {
        "dataset_id": "scale-texts",
        "title": "Generated policy texts",
        "publisher": "Scale generator",
        "coded_by": "not coded",
        "published_on": "2020",
        "url": "https://example.org/texts",
        "licence": "CC0",
        "credit": "Scale generator",
        "files": ["manifest.csv", "texts/*.txt"],
        "sha256": "",
        "format": "texts",
        "manifest": "manifest.csv",
        "shipped": {"column": "shipped", "value": "yes"},
        "columns": columns,
    }
    _describe(folder, desc)

    def wave(dataset_id: str, year: int, language: bool, state: str | None) -> None:
        folder = external / dataset_id
        folder.mkdir(parents=True)
        header = ["City"] + [f"{c}_code" for c in CRITERIA] + ([f"{c}_language" for c in CRITERIA] if language else [])
        rows = []
        for a, city in enumerate(cities):
            codes = [rng.choice(["1", "0", ""]) if language else rng.choice(["1", ""]) for _ in CRITERIA]
            cells = []
            if language:
                for i, _ in enumerate(CRITERIA):
                    words = f'"{quoted_of[a][i % 3]}"' if a in quoted_of and i < 6 and a % 4 else f'"{_sentence(rng, 8, 16)}"'
                    cells.append(("Yes. " if codes[i] == "1" else "No. ") + words + f" (p. {rng.randint(1, 30)})")
            rows.append([city, *codes, *cells])
        _write(folder / "wave.csv", header, rows)
        desc = {
            "dataset_id": dataset_id,
            "title": f"Generated wave {year}",
            "publisher": "Scale generator",
            "coded_by": "Scale coder" if state is None else "Scale scorer",
            "published_on": str(year),
            "url": "https://example.org/wave",
            "licence": "CC0",
            "credit": f"Scale generator ({year})",
            "provenance": None if language else "Generated codes, copied third-hand (a stand-in for the 2020 wave's chain)",
            "files": ["wave.csv"],
            "sha256": "",
            "format": "csv",
            "agency": {
                "name": "City",
                "state": state,
                "state_basis": "its title" if state else None,
                "year": None,
                "policy_url": None,
                "list": None if state else "the scale cities",
            },
            "codes": {"met": ["1"], "not_met": ["0"] if language else [""], "not_coded": [""] if language else []},
            "criteria": [
                {
                    "criterion_id": c,
                    "name": c,
                    "question": f"Does the policy address {c}?",
                    "code": f"{c}_code",
                    "provision_id": None,
                    **({"language": f"{c}_language"} if language else {}),
                }
                for c in CRITERIA
            ],
        }
        _describe(folder, desc)

    wave("scale-wave-2016", 2016, True, None)
    wave("scale-wave-2019", 2019, True, SCALE_STATE)
    wave("scale-wave-2020", 2020, False, None)


def _describe(folder: Path, desc: dict) -> None:
    """Write dataset.yaml with the sha256 of its files, as the importer computes it."""
    import yaml

    from explorer.builder.external import _files, _sha256

    desc["sha256"] = _sha256(_files(folder, desc["files"]))
    (folder / "dataset.yaml").write_text(yaml.safe_dump(desc, sort_keys=False, allow_unicode=True), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=list(SIZES), default="large")
    parser.add_argument("--out", type=Path, default=None, help="folder (default benchmarks/data/<size>)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--texts", type=int, default=None, help="generated full texts (default: the size's)")
    args = parser.parse_args(argv)
    out = args.out or ROOT / "benchmarks" / "data" / args.size
    size = SIZES[args.size] if args.texts is None else replace(SIZES[args.size], texts=args.texts)
    started = time.perf_counter()
    db = generate(size, out, args.seed)
    built = time.perf_counter() - started
    text_mb = sum(p.stat().st_size for p in (out / "data" / "external" / "scale-texts" / "texts").glob("*.txt")) / 1e6
    print(f"wrote {db} ({db.stat().st_size / 1e6:.1f} MB; {size.texts:,} full texts, {text_mb:.1f} MB of text) in {built:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
