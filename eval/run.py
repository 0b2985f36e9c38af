"""`make eval`: how often the keyword rules' reading agrees with the human coders, on every stored full text.

For each stored full text (data/external/policy-texts-2020, the texts the manifest ships), the same reading a reader
gets for an uploaded policy (explorer/policy_rules.py over the text's pages, split at form feeds) is compared with
the human coders' verdict on the same edition:
  - a text printed 2017-2020: Campaign Zero's 2020 codes (third-hand; a blank is "not adopted"), only where the
    build links the text's department to the 2020 wave's row on shown evidence (departments: the 2016 coder's quoted
    words found in the text, and the same coder's list of cities); never on the city's name alone (the 2020 file
    names no state and quotes no words);
  - an older text: Campaign Zero's 2016 codes, only where the build's edition check (table edition_checks of
    data/policy.duckdb, its rule in data/README.md) says "the same edition" for this text and the 2016 coder; every
    criterion the coder coded 1 or 0 then counts. The stricter count, only the cells whose own quoted words are found
    in the text (edition_check_quotes), is reported beside it. "Some of the words found" is not counted.

Writes eval/results.json (read by the page beside each rule reading) and eval/RESULTS.md. Refuses to evaluate on a
city the rules file does not list in `held_out_from` (the rules were written without that city's cells).
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from explorer import policy_rules  # noqa: E402

TEXTS = ROOT / "data" / "external" / "policy-texts-2020"
CZ2016 = ROOT / "data" / "external" / "campaign-zero-2016" / "force.csv"
CZ2020 = ROOT / "data" / "external" / "campaign-zero-2020" / "police_policies.csv"
OUT = ROOT / "eval"
DATABASE = ROOT / "data" / "policy.duckdb"  # built by `make eval` first (explorer.builder --if-stale)
CRITERIA_2016 = {  # criterion_id -> the 2016 file's code column
    "requires-de-escalation": "Requires De-Escalation",
    "bans-chokeholds-and-strangleholds": "Bans Chokeholds and Strangleholds",
    "duty-to-intervene": "Duty to Intervene",
    "requires-warning-before-shooting": "Requires Warning Before Shooting",
    "restricts-shooting-at-moving-vehicles": "Restricts Shooting at Moving Vehicles",
    "requires-comprehensive-reporting": "Requires Comprehensive Reporting",
    "requires-exhaust-all-other-means-before-shooting": "Requires Exhaust All Other Means Before Shooting",
    "has-use-of-force-continuum": "Has Use of Force Continuum",
}
CRITERIA_2020 = {
    "requires-de-escalation": "RequiresDeEscalation",
    "bans-chokeholds-and-strangleholds": "BansChokeholdsAndStrangleholds",
    "duty-to-intervene": "DutyToIntervene",
    "requires-warning-before-shooting": "RequiresWarningBeforeShooting",
    "restricts-shooting-at-moving-vehicles": "RestrictsShootingatMovingVehicles",
    "requires-comprehensive-reporting": "RequiresComprehensiveReporting",
    "requires-exhaust-all-other-means-before-shooting": "RequiresExhaustAllOtherMeansBeforeShooting",
    "has-use-of-force-continuum": "HasUseOfForceContinuum",
}
SHOWN_PASSAGES = 3


def slug(name: str) -> str:
    return re.sub(r"[^a-z]", "", re.sub(r",\s*[A-Z]{2}$", "", name.split(" (")[0]).lower())


def printed_year(printed: str) -> int | None:
    m = re.search(r"\b(19|20)\d\d\b", printed)
    return int(m.group(0)) if m else None


def texts() -> list[dict]:
    with (TEXTS / "manifest.csv").open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["shipped"] == "yes" and (TEXTS / r["file"]).is_file()]


def truth(
    row: dict, cz2016: dict[str, dict], cz2020: dict[str, dict], checks: dict, linked_2020: set[str]
) -> tuple[str, dict[str, bool], dict[str, bool], str]:
    """(wave, {criterion: coder met}, {criterion: met, strict per-cell subset}, why) for one stored text."""
    city, year = slug(row["city"]), printed_year(row["printed_date"])
    if year is not None and year >= 2017:
        coded = cz2020.get(city)
        if coded is None:
            return "", {}, {}, "a 2017-2020 edition, and the 2020 wave does not list this city"
        if city not in linked_2020:
            return (
                "",
                {},
                {},
                (
                    f"printed {year}, but no shown evidence ties this text to the 2020 wave's “{coded['City']}” (the 2020 file names "
                    "no state and quotes no words; the build does not link them): not compared on a name alone"
                ),
            )
        codes = {c: coded[col].strip() == "1" for c, col in CRITERIA_2020.items()}
        return "2020", codes, codes, f"printed {year}: compared with the 2020 wave (third-hand; a blank is not adopted)"
    coded = cz2016.get(city)
    check = checks.get(city)
    if coded is None or check is None:
        return "", {}, {}, "not in the 2016 wave, and not a 2017-2020 edition"
    result, quoted, found, cells_found = check
    if result != "the same edition":
        return "", {}, {}, f"the build's edition check: {result} ({found} of {quoted} quoted runs found)"
    codes = {c: coded[col] == "1" for c, col in CRITERIA_2016.items() if coded[col] in ("0", "1")}
    strict = {c: v for c, v in codes.items() if c in cells_found}
    return "2016", codes, strict, f"the build's edition check: the same edition ({found} of {quoted} quoted runs found)"


def linked_to_2020() -> set[str]:
    """text_ids whose department (the build's departments, established links only) has a 2020-wave member."""
    con = duckdb.connect(str(DATABASE), read_only=True)
    try:
        rows = con.execute(
            "select distinct t.text_id from policy_texts as t join department_members as m on m.org_id = t.org_id "
            "join department_members as w on w.department_id = m.department_id and w.dataset_id = 'campaign-zero-2020'"
        ).fetchall()
    finally:
        con.close()
    return {r[0] for r in rows}


def edition_checks() -> dict[str, tuple[str, int, int, set[str]]]:
    """text_id -> (result, quoted, found, criteria whose cell's quoted words are found) for the 2016 coder."""
    con = duckdb.connect(str(DATABASE), read_only=True)
    try:
        rows = con.execute("select text_id, result, quoted, found from edition_checks where dataset_id = 'campaign-zero-2016'").fetchall()
        cells = con.execute(
            "select q.text_id, q.criterion_id from edition_check_quotes as q join edition_checks as e using (text_id, agency_id) "
            "where e.dataset_id = 'campaign-zero-2016' and q.found"
        ).fetchall()
    finally:
        con.close()
    found: dict[str, set[str]] = {}
    for text_id, criterion_id in cells:
        found.setdefault(text_id, set()).add(criterion_id)
    return {t: (r, q, f, found.get(t, set())) for t, r, q, f in rows}


def load_waves() -> tuple[dict[str, dict], dict[str, dict]]:
    with CZ2016.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        cz2016 = {slug(r[0]): dict(zip(header, r, strict=False)) for r in reader}
    with CZ2020.open(encoding="utf-8", newline="") as f:
        cz2020 = {slug(r["City"]): r for r in csv.DictReader(f)}
    return cz2016, cz2020


def passage_rows(found: list[policy_rules.Found], limit: int = SHOWN_PASSAGES) -> list[dict]:
    return [{"page": f.passage.page, "role": policy_rules.ROLE_LABEL[f.role], "text": f.passage.text} for f in found[:limit]]


def main() -> int:
    started = time.perf_counter()
    rules = policy_rules.load()
    held_out = {slug(c) for c in rules.held_out_from}
    cz2016, cz2020 = load_waves()
    checks = edition_checks()
    linked_2020 = linked_to_2020()
    per = {
        c: {
            "agreed": 0,
            "of": 0,
            "strict_agreed": 0,
            "strict_of": 0,
            "both_met": 0,
            "rule_only": 0,
            "coder_only": 0,
            "neither": 0,
            "disagreements": [],
        }
        for c in CRITERIA_2016
    }
    evaluated, skipped = [], []
    for row in texts():
        city = slug(row["city"])
        if city not in held_out:
            print(f"refused: {row['city']} is not in the rules' held_out_from; its cells may have shaped the rules", file=sys.stderr)
            return 1
        body = (TEXTS / row["file"]).read_bytes().decode("utf-8", errors="replace")
        wave, codes, strict, why = truth(row, cz2016, cz2020, checks, linked_2020)
        if not wave:
            skipped.append({"city": row["city"], "file": row["file"], "why": why})
            continue
        readings = {r.rule.criterion_id: r for r in policy_rules.read(body.split("\f"), rules) if r.rule.criterion_id}
        evaluated.append({"city": row["city"], "file": row["file"], "wave": wave, "why": why})
        for c, coder_met in codes.items():
            reading = readings[c]
            rule_met = reading.reading == policy_rules.FOUND
            figures = per[c]
            figures["of"] += 1
            figures["agreed"] += rule_met == coder_met
            key = "both_met" if rule_met and coder_met else "rule_only" if rule_met else "coder_only" if coder_met else "neither"
            figures[key] += 1
            if c in strict:
                figures["strict_of"] += 1
                figures["strict_agreed"] += rule_met == coder_met
            if rule_met != coder_met:
                shown = reading.meeting if rule_met else reading.found
                figures["disagreements"].append(
                    {
                        "city": row["city"],
                        "wave": wave,
                        "coder": "met" if coder_met else "not met",
                        "rule": reading.reading,
                        "passages_bearing": len(reading.found),
                        "passages": passage_rows(shown),
                    }
                )
    for f in per.values():
        met = f["both_met"] + f["coder_only"]
        f["baseline"] = max(met, f["of"] - met)
    results = {
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "rules_version": rules.version,
        "texts_evaluated": evaluated,
        "texts_not_evaluated": skipped,
        "criteria": {c: {k: v for k, v in f.items()} for c, f in per.items()},
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (OUT / "RESULTS.md").write_text(markdown(results), encoding="utf-8")
    for c, f in per.items():
        print(
            f"{c}: agreed on {f['agreed']} of {f['of']} policies (always the commoner answer: {f['baseline']}; the rule found / the coder met: both {f['both_met']}, rule only {f['rule_only']}, coder only {f['coder_only']}, neither {f['neither']}); strict per-cell edition check: {f['strict_agreed']} of {f['strict_of']}"
        )
    print(f"{len(evaluated)} texts evaluated, {len(skipped)} not; {time.perf_counter() - started:.1f} s; eval/RESULTS.md written")
    return 0


def markdown(results: dict) -> str:
    lines = [
        "# How often the keyword rules agree with the human coders (`make eval`)",
        "",
        f"Run {results['generated']}, rules version {results['rules_version']} (data/rules/criteria_rules.yaml), over the stored full texts",
        "of data/external/policy-texts-2020. A rule's reading is \"the words that would meet the criterion were found / not",
        "found\"; it is compared with the coders' verdict on the same edition (see eval/run.py for the rules of comparison).",
        "The rules were written from the coding rules and the 2016 cells of the 54 cities with no stored full text, and were",
        "not changed after this run.",
        "",
        'The column "always the coders\' commoner answer" is the floor any rule should beat: how often a reading that gave the',
        "coders' more frequent verdict for every text would agree.",
        "",
        "| criterion | agreed | always the coders' commoner answer | rule found, coder met | rule only | coder only | neither | strict edition check (cells whose own quoted words are found) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c, f in results["criteria"].items():
        lines.append(
            f"| {c} | agreed on {f['agreed']} of {f['of']} policies | {f['baseline']} of {f['of']} | {f['both_met']} | {f['rule_only']} | {f['coder_only']} | {f['neither']} | {f['strict_agreed']} of {f['strict_of']} |"
        )
    lines += ["", "## Texts compared", ""]
    lines += [f"- {t['city']} ({t['wave']}): {t['why']}" for t in results["texts_evaluated"]]
    lines += ["", "## Texts not compared", ""]
    lines += [f"- {t['city']}: {t['why']}" for t in results["texts_not_evaluated"]]
    lines += ["", "## Where the rule and the coder disagree: the passages, for reading", ""]
    for c, f in results["criteria"].items():
        lines += [f"### {c}", ""]
        for d in f["disagreements"]:
            lines.append(
                f"- **{d['city']}** ({d['wave']} wave): coder {d['coder']}; the rule's reading: {d['rule']} ({d['passages_bearing']} passages bear on it)"
            )
            lines += [f"  - p. {p['page']} ({p['role']}): {p['text'][:400]}" for p in d["passages"]]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
