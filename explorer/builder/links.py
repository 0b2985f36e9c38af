"""What ties the datasets' agencies and the stored full texts into departments, each link on evidence a reader sees.

Computed at every build from the imported rows (nothing hand-kept):
- The edition check: each coder's cell that quotes policy words (runs between double quotes) is tested against the
  full text of a department of the same name, folded as explorer.wording.match_key folds (case, white space, line
  breaks, hyphenation at line ends, punctuation). Found more than half: "the same edition"; half or fewer, at least
  one: "the edition is uncertain" (exactly half is not the same edition); none: "probably a different edition".
  Never an edition beyond that.
- Links between two members (agencies of two datasets, or an agency and a full text), each with its evidence:
  the same coder's list of the largest cities (two waves of one coder naming the same city), the coder's quoted
  words found in the text, the same policy words quoted by the coders of two datasets (n of m, more than half),
  the state the text names against the state a dataset covers by its title. Quoted words count as evidence only
  where no other city's stored words and no stored source text hold them (BOILERPLATE_RULE): common wording
  (Lexipol's, a court's) is in many departments' texts and tells none apart. A same name alone
  establishes nothing; a state that differs, or two coders quoting words none of which match, is evidence against.
- Departments: the members joined by established links (union-find), one id each: the city's slug, then the state
  where evidence gives one (`glendale-az`, `glendale-ca`, `oakland`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from explorer.wording import match_key, words

MIN_WORDS = 5  # a quoted run shorter than this ("shall", "deadly force") says nothing about an edition
_QUOTE_MARK = re.compile(r"[\"“”]")
_ELLIPSIS = re.compile(r"\.\.\.|…")
RULE = (
    "The coder's quoted policy words are each run between double quotes in its cell, cut at an ellipsis, of at least "
    f"{MIN_WORDS} words. A run is found when its words occur in a row in the stored text, both folded: lower case, "
    "(cid:NN) codes dropped, a hyphen and the white space after it dropped (a word hyphenated at a line end; "
    "de-escalation = deescalation), punctuation and line breaks ignored. More than half found: the same edition; half or "
    "fewer, at least one (exactly half included): some of the coder's quoted words are found, the edition is uncertain; "
    "none: probably a different edition."
)
BOILERPLATE_RULE = (
    "A quoted run counts as evidence of the department only where no other city's stored words (its full text, its "
    "coders' cells) and no stored source (model documents, court opinions, statutes, press) hold it: common wording "
    "(Lexipol's stock sentences, Graham v. Connor's) says nothing about which department."
)
SAME, SOME, OTHER, NOTHING = (
    "the same edition",
    "the edition is uncertain",
    "probably a different edition",
    "no quoted words to check",
)


def more_than_half(found: int, of: int) -> bool:
    """The threshold of the edition check and of the words two coders share: more than half (1 of 2 is not)."""
    return 2 * found > of


def edition_result(found: int, quoted: int) -> str:
    """What n of m found says, and no more: exactly half (1 of 2) is not the same edition."""
    return NOTHING if not quoted else SAME if more_than_half(found, quoted) else SOME if found else OTHER


def name_key(name: str) -> str:
    """A name compared across datasets: a parenthesised remark and a closing ', XX' dropped, letters and digits only
    ('Kansas City, MO', 'KansasCity', 'St. Paul' / 'StPaul'). It only proposes a pair: it is never evidence."""
    name = re.sub(r",\s*[A-Z]{2}$", "", re.sub(r"\(.*?\)", "", name or ""))
    return re.sub(r"[^a-z0-9]", "", name.lower())


def quoted_runs(cell: str) -> list[str]:
    """The coder's quoted policy words in a cell: runs between double quotes, cut at an ellipsis, of MIN_WORDS words or more."""
    pieces = _QUOTE_MARK.split(cell or "")
    runs = [part.strip() for inside in pieces[1::2] for part in _ELLIPSIS.split(inside)]
    return [r for r in runs if len(words(r)) >= MIN_WORDS]


def _locate(words_of_run: list[str], body: str) -> int | None:
    """Where the run starts in the stored body (its first occurrence), allowing what the fold allows between letters."""
    sep = r"(?:[\W_]|\(cid:\d+\))+"
    letter = lambda ch: "['’]" if ch == "'" else re.escape(ch)  # noqa: E731
    pattern = sep.join(r"(?:-\s*)?".join(letter(ch) for ch in w) for w in words_of_run[:12])
    m = re.search(pattern, body, re.IGNORECASE)
    return m.start() if m else None


ANCHOR = 4  # a run is looked up by its first words: one pass over every stored text's words, not a search per run


class _Holders:
    """Which stored words hold each coder's quoted run: every full text, every coder's cell and every stored source
    text (model documents, court opinions, statutes, press), each named by its owner ('name:<city key>' for a city's
    texts and cells, 'source:<file>' for the others). Found in one pass over each text's folded words (linear in the
    text), so a run quoted by thousands of agencies costs no search of every text."""

    def __init__(self, runs: set[str]) -> None:
        self.anchors: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for run in runs:
            toks = tuple(run.split())
            if toks:
                self.anchors[toks[:ANCHOR]].append(toks)
        self.lengths = sorted({len(a) for a in self.anchors})
        self.first = {a[0] for a in self.anchors}
        self.owners: dict[str, set[str]] = defaultdict(set)  # run (folded) -> owners holding it

    def scan(self, owner: str, key: str) -> None:
        tokens = key.split()
        for i, tok in enumerate(tokens):
            if tok not in self.first:
                continue
            for n in self.lengths:
                for run in self.anchors.get(tuple(tokens[i : i + n]), ()):
                    if tuple(tokens[i : i + len(run)]) == run:
                        self.owners[" ".join(run)].add(owner)

    def elsewhere(self, run: str, city: str) -> list[str]:
        """The owners other than this city's texts and cells that hold the run or one of its sentences (empty: its
        words tell this city apart). `run` as the coder's cell has it."""
        return sorted({o for p in pieces(run) for o in self.owners.get(p, ()) if o != f"name:{city}"})


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def pieces(run: str) -> list[str]:
    """A run folded, and each of its sentences of MIN_WORDS words or more folded: a run is common wording when it or
    any of its sentences is found elsewhere (a Lexipol section quoted whole by one coder, its first sentence by others)."""
    parts = [p for p in _SENTENCE_END.split(run) if len(words(p)) >= MIN_WORDS]
    return list(dict.fromkeys([match_key(run), *(match_key(p) for p in parts)]))


def _holders(out: Any, agencies: list[dict], cells: dict, bodies_key: dict, common: dict[str, str]) -> _Holders:
    city_of = {a["org_id"]: name_key(a["city"] or a["name"]) for a in agencies}
    runs = {p for qs in cells.values() for q in qs for r in quoted_runs(q["text"]) for p in pieces(r)}
    found = _Holders(runs)
    for t in out.policy_texts:
        found.scan(f"name:{name_key(t['city'])}", bodies_key[t["text_id"]])
    for org, qs in cells.items():
        for q in qs:
            found.scan(f"name:{city_of.get(org, org)}", match_key(q["text"]))
    for name, text in common.items():
        found.scan(f"source:{name}", match_key(text))
    return found


def _what_else(owners: list[str], texts_by_city: dict[str, str]) -> str:
    """'the full text of Dallas, a stored model document or court opinion (iacp-2006-...)': where else a run is found."""
    named = []
    for o in owners[:3]:
        kind, _, who = o.partition(":")
        named.append(f"the stored source {who}" if kind == "source" else f"the stored words of {texts_by_city.get(who, who)}")
    return ", ".join(named) + (f" and {len(owners) - 3} more" if len(owners) > 3 else "")


class _Groups:
    """Union-find over member ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.states: dict[str, set[str]] = {}  # root -> the states its members' evidence names (kept through joins)

    def add_state(self, x: str, state: str) -> None:
        self.states.setdefault(self.find(x), set()).add(state)

    def states_of(self, x: str) -> set[str]:
        return self.states.get(self.find(x), set())

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            merged = self.states.pop(ra, set()) | self.states.pop(rb, set())
            if merged:
                self.states[min(ra, rb)] = merged


def compute(out: Any, common: dict[str, str] | None = None) -> None:
    """Fill out.edition_checks, edition_check_quotes, agency_links, departments and department_members, and each
    policy text's department_id. common: the stored source texts (model documents, court opinions, statutes, press)
    by file name: a quoted run found in one of them is common wording, never evidence of a department."""
    datasets = {d["dataset_id"]: d for d in out.datasets}
    agencies = [o for o in out.shared["organizations"] if o.get("dataset_id") in datasets and datasets[o["dataset_id"]]["kind"] == "coded"]
    bodies = {b["text_id"]: b["body"] for b in out.policy_text_bodies}
    cells: dict[str, list[dict]] = defaultdict(list)
    for q in out.shared["quotes"]:
        if q.get("speaker_role") == "coder":
            cells[q["org_ids"]].append(q)
    criterion_of = {k["quote_id"]: k["criterion_id"] for k in out.criterion_codes if k["quote_id"]}
    by_key: dict[str, list[dict]] = defaultdict(list)
    for a in agencies:
        by_key[name_key(a["city"] or a["name"])].append(a)

    keys = {t["text_id"]: match_key(bodies[t["text_id"]]) for t in out.policy_texts}
    holders = _holders(out, agencies, cells, keys, common or {})
    city_name = {name_key(t["city"]): t["department"] for t in out.policy_texts}
    city_name.update({name_key(a["city"] or a["name"]): a["city"] or a["name"] for a in agencies})

    groups = _Groups()
    links: list[dict[str, Any]] = []

    paired: set[frozenset[str]] = set()

    def link(a: str, b: str, verdict: str, kind: str, basis: str, note: str) -> None:
        paired.add(frozenset((a, b)))
        links.append(
            {
                "agency_id": a,
                "same_as": b,
                "verdict": verdict,
                "evidence_kind": kind,
                "basis": basis,
                "established": verdict == "established",
                "note": note,
            }
        )
        if verdict == "established":
            groups.join(a, b)

    # 1. Two waves of one coder over one list of cities: the coder's own list names one department per city.
    for _, members in sorted(by_key.items()):
        for i, a in enumerate(members):
            groups.find(a["org_id"])
            for b in members[i + 1 :]:
                da, db = datasets[a["dataset_id"]], datasets[b["dataset_id"]]
                if da["agency_list"] and da["agency_list"] == db["agency_list"] and da["coded_by"] == db["coded_by"]:
                    link(
                        a["org_id"],
                        b["org_id"],
                        "established",
                        "coder_list",
                        f"the same coder's list of {da['agency_list']}: {da['coded_by']}'s {da['published_on'][:4]} and "
                        f"{db['published_on'][:4]} waves both name “{a['name']}”" + ("" if a["name"] == b["name"] else f" / “{b['name']}”"),
                        "One coder, one list of cities, one department per city.",
                    )

    # 2. A full text and the agencies of the same name: the edition check, and the states.
    deferred: list[tuple[str, str, str]] = []
    for t in out.policy_texts:
        org = t["org_id"]
        groups.find(org)
        key = keys[t["text_id"]]
        city = name_key(t["city"])
        for a in by_key.get(city, []):
            runs = []
            for q in sorted(cells.get(a["org_id"], []), key=lambda q: q["quote_id"]):
                for n, run in enumerate(quoted_runs(q["text"]), start=1):
                    w = match_key(run)
                    hit = f" {w} " in f" {key} "
                    runs.append((q, n, run, hit))
            found = sum(hit for *_, hit in runs)
            result = edition_result(found, len(runs))
            # Link evidence: only the found runs that no other city's words and no stored source hold (boilerplate
            # such as Lexipol's stock wording or Graham v. Connor's words proves nothing about which department).
            telling = [run for _, _, run, hit in runs if hit and not holders.elsewhere(run, city)]
            ds = datasets[a["dataset_id"]]
            state_against = t["state"] and ds["state"] and t["state"] != ds["state"]
            checked = not state_against and bool(cells.get(a["org_id"]))  # not another state's department, nor a wave without cells
            if checked and runs:
                out.edition_check_quotes += [
                    {
                        "text_id": t["text_id"],
                        "agency_id": a["org_id"],
                        "quote_id": q["quote_id"],
                        "criterion_id": criterion_of.get(q["quote_id"]),
                        "n": n,
                        "words": run,
                        "found": hit,
                        "char_at": _locate(match_key(run).split(), bodies[t["text_id"]]) if hit else None,
                        "found_elsewhere": _what_else(holders.elsewhere(run, city), city_name) or None,
                    }
                    for q, n, run, hit in runs
                ]
            if checked:
                out.edition_checks.append(
                    {
                        "text_id": t["text_id"],
                        "agency_id": a["org_id"],
                        "dataset_id": a["dataset_id"],
                        "department_id": None,
                        "quoted": len(runs),
                        "found": found,
                        "result": result,
                        "rule": RULE,
                    }
                )
            who = f"{ds['coded_by']} {ds['published_on'][:4]}"
            if state_against:
                link(
                    a["org_id"],
                    org,
                    "against",
                    "text_state",
                    f"the full text of the {t['department']} names its state ({t['state']}): “{t['state_evidence']}”; "
                    f"{ds['title']} covers {ds['state']} ({ds['state_basis']})",
                    "Two departments of one name in two states.",
                )
            elif telling:
                link(
                    a["org_id"],
                    org,
                    "established",
                    "quoted_words",
                    f"{who}'s quoted words are found in the full text of the {t['department']} and in no other stored text "
                    f"({len(telling)} of {len(runs)} quoted runs), e.g. “{' '.join(telling[0].split())}”",
                    f"Edition check: {result}. {BOILERPLATE_RULE}",
                )
            elif t["state"] and ds["state"]:
                link(
                    a["org_id"],
                    org,
                    "established",
                    "name_and_state",
                    f"the same city name, and the same state: the full text of the {t['department']} names {t['state']} (“{t['state_evidence']}”); "
                    f"{ds['title']} covers {ds['state']} ({ds['state_basis']})",
                    (
                        "The coder's quoted words found in this text are all also in other stored texts (common wording)"
                        if found
                        else "No quoted words of the coder were found in this text"
                    )
                    if runs
                    else "The coder quoted no policy words to check.",
                )
            else:
                deferred.append(
                    (
                        a["org_id"],
                        org,
                        (
                            f"{who}'s quoted words found in the full text of the {t['department']} ({found} of {len(runs)}) "
                            "are all also in other stored texts (common wording: they do not tell one department from another); "
                            if found
                            else f"{who}'s quoted words are not found in the full text of the {t['department']} (0 of {len(runs)}); "
                            if runs
                            else ""
                        )
                        + "nothing else ties the two: a same name is not proof of one department.",
                    )
                )

    # 2b. Two datasets' agencies of one name whose coders quote policy words: the same words quoted by both (the
    # earlier wave's runs, folded as the edition check folds, found in the other's language cells). At least half:
    # one department; both quote and none match: evidence against. States on evidence that differ win over words.
    # each group's states, kept by the union-find through every later join (not a scan of every member per pair)
    for t in out.policy_texts:
        if t["state"]:
            groups.add_state(t["org_id"], t["state"])
    for a in agencies:
        if datasets[a["dataset_id"]]["state"]:
            groups.add_state(a["org_id"], datasets[a["dataset_id"]]["state"])

    def evidence_states(member: str) -> set[str]:
        return groups.states_of(member)

    undecided = _words_by_both(by_key, cells, datasets, paired, link, evidence_states, holders)
    for a_id, org, note in deferred:  # a pair the evidence joined through a third member needs no row of its own
        if groups.find(a_id) != groups.find(org):
            link(a_id, org, "not established", "name_only", "the same city name only", note)
    for args in undecided:  # words that differ between members joined on other evidence are other editions, not two departments
        if groups.find(args[0]) != groups.find(args[1]):
            link(*args)

    # 3. Agencies of one name in datasets of other coders or lists: the states their departments' evidence gives.
    # A group's state, from its texts' words first, then a dataset's own state. Step 3 joins only groups of one
    # state, so a state found before it stays right after it.
    states: dict[str, tuple[str, str]] = {}
    for a in agencies:
        ds = datasets[a["dataset_id"]]
        if ds["state"]:
            states.setdefault(groups.find(a["org_id"]), (ds["state"], f"{ds['title']} covers {ds['state']} ({ds['state_basis']})"))
    for t in out.policy_texts:
        if t["state"]:
            states[groups.find(t["org_id"])] = (t["state"], f"its full text names {t['state']}: “{t['state_evidence']}”")

    def state_of(member: str) -> tuple[str, str] | None:
        return states.get(groups.find(member))

    for _, members in sorted(by_key.items()):
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if groups.find(a["org_id"]) == groups.find(b["org_id"]) or frozenset((a["org_id"], b["org_id"])) in paired:
                    continue
                sa, sb = state_of(a["org_id"]), state_of(b["org_id"])
                both = f"{a['org_id']}: {sa[1] if sa else 'no evidence of a state'}; {b['org_id']}: {sb[1] if sb else 'no evidence of a state'}"
                if sa and sb and sa[0] != sb[0]:
                    link(a["org_id"], b["org_id"], "against", "text_state", both, "Two departments of one name in two states.")
                elif sa and sb:
                    root_state = states.get(groups.find(a["org_id"]))
                    link(
                        a["org_id"],
                        b["org_id"],
                        "established",
                        "name_and_state",
                        both,
                        "The same city name in the same state, on the evidence named.",
                    )
                    states[groups.find(a["org_id"])] = root_state
                else:
                    link(
                        a["org_id"],
                        b["org_id"],
                        "not established",
                        "name_only",
                        "the same city name only",
                        "Nothing stored ties the two to one department (no state on evidence for one of them): a same name is not proof.",
                    )
    out.agency_links = links
    _departments(out, agencies, datasets, groups, state_of)


def _words_by_both(by_key: dict, cells: dict, datasets: dict, paired: set, link, evidence_states, holders: _Holders) -> list[tuple]:
    """Establish the pairs whose coders quote the same words (more than half of the earlier wave's telling runs: those
    no other city's words and no stored source hold); return the others (none found: against; half or fewer: not
    established) to record once all joins are known. Common wording counts neither way."""
    undecided: list[tuple] = []
    year = lambda a: datasets[a["dataset_id"]]["published_year"] or 0  # noqa: E731
    for city, members in sorted(by_key.items()):
        members = sorted(members, key=lambda a: (year(a), a["org_id"]))
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a["dataset_id"] == b["dataset_id"] or frozenset((a["org_id"], b["org_id"])) in paired:
                    continue
                sa, sb = evidence_states(a["org_id"]), evidence_states(b["org_id"])
                if sa and sb and sa != sb:
                    continue  # states on evidence that differ: step 3 records it against, whatever words they share
                quoted = [r for q in sorted(cells.get(a["org_id"], []), key=lambda q: q["quote_id"]) for r in quoted_runs(q["text"])]
                runs = [r for r in quoted if not holders.elsewhere(r, city)]  # common wording says nothing
                theirs = [f" {match_key(q['text'])} " for q in cells.get(b["org_id"], [])]
                if not runs or not any(quoted_runs(q["text"]) for q in cells.get(b["org_id"], [])):
                    continue  # both must quote policy words, and words of their own, for their words to say anything
                found = sum(any(f" {match_key(r)} " in cell for cell in theirs) for r in runs)
                da, db = datasets[a["dataset_id"]], datasets[b["dataset_id"]]
                who_a, who_b = f"{da['coded_by']} {da['published_on'][:4]}", f"{db['coded_by']} {db['published_on'][:4]}"
                common = len(quoted) - len(runs)
                basis = (
                    f"{who_a}'s quoted policy words for “{a['name']}” are {'' if found else 'not '}found in {who_b}'s cells "
                    f"for “{b['name']}” ({found} of the {len(runs)} quoted runs found in no other city's stored words"
                    + (f"; {common} more, also found elsewhere, not counted" if common else "")
                    + ")"
                )
                example = next((r for r in runs if any(f" {match_key(r)} " in cell for cell in theirs)), None)
                if example:
                    basis += f", e.g. “{' '.join(example.split())}”"
                if more_than_half(found, len(runs)):
                    link(
                        a["org_id"],
                        b["org_id"],
                        "established",
                        "quoted_by_both",
                        basis,
                        "Two coders quote the same policy words: one policy, one department.",
                    )
                elif found == 0:
                    undecided.append(
                        (
                            a["org_id"],
                            b["org_id"],
                            "against",
                            "quoted_by_both",
                            basis,
                            "Both coders quote policy words and none are the same: evidence of two policies (other departments or other editions).",
                        )
                    )
                else:
                    undecided.append(
                        (
                            a["org_id"],
                            b["org_id"],
                            "not established",
                            "quoted_by_both",
                            basis,
                            "Half or fewer of the quoted words are the same: not enough to say one department.",
                        )
                    )
    return undecided


def _departments(out: Any, agencies: list[dict], datasets: dict, groups: _Groups, state_of) -> None:
    members: dict[str, list[dict]] = defaultdict(list)
    for a in agencies:
        members[groups.find(a["org_id"])].append({**a, "role": "coded"})
    for t in out.policy_texts:
        members[groups.find(t["org_id"])].append(
            {"org_id": t["org_id"], "name": t["department"], "dataset_id": t["dataset_id"], "role": "full text"}
        )
    year = lambda m: datasets[m["dataset_id"]]["published_year"] or 0  # noqa: E731
    taken: set[str] = set()
    texts_of: dict[str, list[dict]] = defaultdict(list)
    for t in out.policy_texts:
        texts_of[groups.find(t["org_id"])].append(t)
    department_of: dict[str, str] = {}
    for root, group in sorted(members.items(), key=lambda kv: min(m["org_id"] for m in kv[1])):
        group.sort(key=lambda m: (m["role"] != "coded", year(m), m["org_id"]))
        first = group[0]
        name = (first.get("city") or first["name"]) if first["role"] == "coded" else first["name"]  # a text alone: its department's name
        state = state_of(first["org_id"])
        city = next((t["city"] for t in texts_of[root]), name) if first["role"] != "coded" else name
        if state:  # 'Kansas City, MO' with MO on evidence: the state once (kansas-city-mo)
            city = re.sub(rf",\s*{state[0]}$", "", city)
        dept = re.sub(r"[^a-z0-9]+", "-", re.sub(r"\(.*?\)", "", city).lower()).strip("-") + (f"-{state[0].lower()}" if state else "")
        former = None
        if dept in taken:  # a second department of one name, not linked to the first: said in the address, readably
            former = f"{dept}--{first['dataset_id']}"  # the address earlier releases gave it: the page redirects it
            tag = "full-text" if first["role"] != "coded" else str(year(first) or "other")
            tagged = dept = f"{dept}-{tag}"
            n = 2
            while dept in taken:
                dept, n = f"{tagged}-{n}", n + 1
        taken.add(dept)
        words_ = next((t["state_evidence"] for t in texts_of[root] if t["state"]), None)
        out.departments.append(
            {
                "department_id": dept,
                "name": name,
                "state": state[0] if state else None,
                "state_basis": state[1] if state else None,
                "state_words": words_,
                "n_members": len(group),
                "former_id": former,
            }
        )
        for m in group:
            department_of[m["org_id"]] = dept
            out.department_members.append(
                {
                    "department_id": dept,
                    "org_id": m["org_id"],
                    "dataset_id": m["dataset_id"],
                    "doc_id": f"{m['org_id']}/policy",
                    "role": m["role"],
                    "dataset_year": year(m),
                }
            )
    for t in out.policy_texts:
        t["department_id"] = department_of[t["org_id"]]
    for e in out.edition_checks:
        e["department_id"] = department_of[e["agency_id"]]
