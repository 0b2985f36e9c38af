"""Truth rules that read the stored texts themselves: the compiler's [note] labels, the bylines, the addresses.

Each caught an error the audit of release 2026.12.0 found (issue 29): a cell marked `primary` that was read only as a
blogger quoted it, a title read on a list passing for the document, a speaker or role taken from a compiler's header,
a reprint dated by the reprint, the same words filed twice, an address left `unknown` that the header records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from explorer.builder.source_text import SourceText, fold
from explorer.contract import Problem, split_list

Rows = dict[str, list[dict[str, str]]]
Lines = dict[str, list[int]]
Rule = Iterator[Problem]

_NOTE = re.compile(r"^\[note:(.*)\]$")
_AS_QUOTED = re.compile(r"\bas quoted (by|in)\b", re.I)
_LIST = re.compile(r"\blists?\b", re.I)
_COPY = re.compile(r"\bcop(y|ies)\b", re.I)
_URL = re.compile(r"https?://\S+|\b[\w-]+(\.[\w-]+)+/\S*")
_PER = re.compile(r"\bper ([a-z0-9][a-z0-9-]+[a-z0-9])\b")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'.-]*[A-Za-z]|[A-Z]|\d[\d-]*\d")
# Words of a role that claim an office or a body (the rest say what kind of words a quote is: 'news site', 'blogger').
_TITLES = {
    "president", "presidents", "director", "chief", "sheriff", "commissioner", "trainer", "chair", "chairs", "deputy",
    "executive", "vice", "secretary", "spokesman", "spokeswoman", "member", "members", "officer", "founder",
}  # fmt: skip
# Words of a role that say what kind of words a quote is, not who said them: they need no source.
_GENERIC_ROLES = {"reporter", "policy text", "joint statement", "coder"}
_STOP = {
    "about", "after", "also", "among", "and", "before", "between", "both", "former", "from", "into", "later", "of",
    "over", "than", "that", "their", "then", "this", "those", "under", "were", "when", "which", "while", "with",
    "the", "for", "its", "who", "his", "her", "she", "was", "has", "had", "not", "but", "per", "in", "on", "at",
    "to", "a", "an", "by", "as", "jr", "jr.", "sr", "dr", "mr", "ms",
}  # fmt: skip


def _indexed(rows: Rows, lines: Lines, table: str) -> Iterator[tuple[dict[str, str], int]]:
    yield from zip(rows[table], lines[table], strict=True)


def note_of(st: SourceText, text: str) -> str | None:
    """The compiler's [note: ...] label the passage stands under ('' for none), or None when the passage is not found.

    A note labels every passage after it up to the next note, across `[...]` gaps (which copy, which principle).
    """
    needle = fold(text)
    note, block = "", []
    for line in [*st.body.splitlines(), "[note: end]"]:
        m = _NOTE.match(line.strip())
        if m:
            if needle and any(needle in fold(part) for part in "\n".join(block).split("[...]")):
                return note
            note, block = m.group(1).strip(), []
        else:
            block.append(line.replace("[excerpt ends]", " "))
    return None


def own_words(st: SourceText) -> str:
    """A source's own words and printed byline: its passages without the compiler's notes, its title, author, publisher and address."""
    body = "\n".join(line for line in st.body.splitlines() if not _NOTE.match(line.strip()))
    # A header value that says the byline was not seen ("not shown in the stored excerpt (probably ...)") prints nothing.
    printed = [st.header.get(k, "") for k in ("TITLE", "AUTHOR", "PUBLISHER", "ADDRESS")]
    printed = [p for p in printed if not p.strip().lower().startswith(("not shown", "not recorded", "unknown"))]
    return fold(" ".join([body, *printed])).replace("’", "'").lower()


def _cell(p: dict[str, str], quotes: dict[str, dict[str, str]], texts: dict[str, SourceText]) -> tuple[dict[str, str], str | None]:
    q = quotes[p["quote_id"]]
    st = texts.get(q["source_id"])
    return q, (note_of(st, q["text"]) if st else None)


def unknown_has_no_evidence(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """An `unknown` (or `silent`) cell has evidence `none` and no quote: what it says it does not know is not evidence."""
    for p, line in _indexed(rows, lines, "positions"):
        if p["stance"] in ("unknown", "silent"):
            if p["evidence"] != "none":
                yield Problem("data/positions.csv", line, "evidence", f"stance {p['stance']!r} has evidence 'none', not {p['evidence']!r}")
            if p["quote_id"]:
                yield Problem(
                    "data/positions.csv",
                    line,
                    "quote_id",
                    f"stance {p['stance']!r} carries no quote ({p['quote_id']!r}): name what was seen in the summary",
                )


def primary_is_read_in_a_copy(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """`primary` only when the passage was read in a copy of the edition: not under a compiler's note saying 'as quoted by', a list, or no copy."""
    quotes = {q["quote_id"]: q for q in rows["quotes"]}
    for p, line in _indexed(rows, lines, "positions"):
        if p["evidence"] != "primary" or not p["quote_id"]:
            continue
        q, note = _cell(p, quotes, texts)
        if not note:  # no label: the whole stored file is a copy of its source
            continue
        if _AS_QUOTED.search(note) or _LIST.search(note) or not _COPY.search(note):
            why = (
                "read only as another page quoted it"
                if _AS_QUOTED.search(note)
                else "read on a list"
                if _LIST.search(note)
                else "no copy named"
            )
            yield Problem(
                "data/positions.csv",
                line,
                "evidence",
                f"'primary', but {q['quote_id']!r} stands under the compiler's note [note: {note[:90]}] ({why}): "
                "use 'quoted' (naming the dated page or list) or 'inferred'",
            )


def list_titles_name_their_list(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """A document's title read on a list is at most `quoted`, and the summary names the list; an unrecorded list cannot be named."""
    quotes = {q["quote_id"]: q for q in rows["quotes"]}
    for p, line in _indexed(rows, lines, "positions"):
        if p["evidence"] not in ("quoted", "secondary") or not p["quote_id"]:
            continue
        q, note = _cell(p, quotes, texts)
        if not note or not _LIST.search(note):
            continue
        if "not recorded" in note:
            yield Problem(
                "data/positions.csv",
                line,
                "evidence",
                f"{q['quote_id']!r} was read on a list that is not recorded ([note: {note[:80]}]): it cannot be named, so at most 'inferred'",
            )
        elif not _LIST.search(p["summary"]):
            yield Problem(
                "data/positions.csv",
                line,
                "summary",
                f"{q['quote_id']!r} is a title read on a list ([note: {note[:80]}]): the summary names the list",
            )


class _OrgNames:
    """Every organization's printed names (name, acronym, lower case), and one compiled pattern that finds which of
    them a value holds: one pass per value, not a search per organization (the scale data has 28,000)."""

    def __init__(self, rows: Rows) -> None:
        self.variants = {
            o["org_id"]: [n.replace("’", "'").lower() for n in (o["name"], o["acronym"]) if n and n != "unknown"]
            for o in rows["organizations"]
        }
        self.owners: dict[str, list[str]] = {}
        for org, variants in self.variants.items():
            for v in variants:
                self.owners.setdefault(v, []).append(org)
        alternatives = "|".join(re.escape(v) for v in sorted(self.owners, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])", re.I) if alternatives else None

    def named_in(self, value: str) -> list[list[str]]:
        """The organizations (each as its variants) whose name or acronym the value holds."""
        if self.pattern is None:
            return []
        orgs = dict.fromkeys(org for m in self.pattern.findall(value) for org in self.owners.get(m.lower(), ()))
        return [self.variants[o] for o in orgs]


@cache
def _as_word(phrase: str) -> re.Pattern:
    """The phrase as whole words (a plural s allowed), compiled once: re's own cache holds 512, a build may need more."""
    return re.compile(r"(?<![a-z])" + re.escape(phrase) + r"s?(?![a-z])")


def _mentioned(words: str, phrase: str) -> bool:
    return bool(_as_word(phrase).search(words))


def _missing(value: str, words: str, names: _OrgNames, *, names_only: bool) -> list[str]:
    """The words of a speaker or role that the source does not print; an organization counts by any of its names."""
    bare = _PER.sub(" ", value).replace("’", "'")
    for variants in names.named_in(bare):  # an organization the source prints under another of its names is printed
        if any(_mentioned(words, v) for v in variants):
            for v in variants:
                if len(v) > 2:
                    bare = re.sub(r"(?<![A-Za-z])" + re.escape(v) + r"(?![A-Za-z])", " ", bare, flags=re.I)
    tokens = [t for t in _TOKEN.findall(bare) if t[0].isupper() or t[0].isdigit() or (not names_only and t.lower() in _TITLES)]
    words_only = [t.lower() for t in tokens if not ("." in t and len(t) <= 4)]  # abbreviations ('C.J.', 'Jr.') are not checked
    return [t for t in words_only if t not in _STOP and len(t) > 1 and not _printed(words, t)]


def _printed(words: str, token: str) -> bool:
    """A token is printed as it is or in the singular ('Presidents' -> 'President')."""
    return _mentioned(words, token) or (token.endswith("s") and _mentioned(words, token[:-1]))


def attributions_are_printed(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """A quote's speaker, role and organizations appear in its source's own words or printed byline, else say 'per <source_id>' of a source that prints them."""
    names = _OrgNames(rows)
    words = {sid: own_words(st) for sid, st in texts.items()}
    for q, line in _indexed(rows, lines, "quotes"):
        if q["speaker_role"] in ("policy text", "coder") or q["source_id"] not in words:
            continue
        mine = words[q["source_id"]]
        for col, names_only in (("speaker", True), ("speaker_role", False)):
            value = q[col]
            if value.startswith("unknown") or value in _GENERIC_ROLES:
                continue
            per = [s for s in _PER.findall(value) if s in words]
            where = " ".join([mine, *(words[s] for s in per)])
            gone = _missing(value, where, names, names_only=names_only)
            if gone:
                yield Problem(
                    "data/quotes.csv",
                    line,
                    col,
                    f"{', '.join(repr(g) for g in gone[:4])} not printed in {q['source_id']} (its words or byline): "
                    "say 'per <source_id>' of a source that prints it, or 'unknown (...)'",
                )
        per = [s for s in _PER.findall(q["context"]) if s in words]
        where = " ".join([mine, *(words[s] for s in per)])
        for org in split_list(q["org_ids"]):
            if not any(_mentioned(where, n) for n in names.variants.get(org, [])):
                yield Problem(
                    "data/quotes.csv",
                    line,
                    "org_ids",
                    f"{org!r} is not named in {q['source_id']}'s words or byline: name a source that does in context ('per <source_id>')",
                )


def _precision(date: str) -> int:
    return 0 if not date or date == "unknown" else len(date.split("-"))


def _not_later(date: str, than: str) -> bool:
    """date is known and not later than `than` (compared at the coarser precision)."""
    n = min(_precision(date), _precision(than))
    return _precision(date) > 0 and date.split("-")[:n] <= than.split("-")[:n]


def _core(text: str) -> str:
    """A quote's words for finding a reprint: white space folded, lower case, without the punctuation that ends or opens
    a quotation differently in each printing ('... with that,' in one, '... with that.”' in the other)."""
    return fold(text).lower().strip(" ,.;:!?…“”‘’\"'")


_WORDS = re.compile(r"[a-z0-9]+")


def _printed_in(needles: dict[int, str], segments: dict[str, list[str]]) -> dict[int, set[str]]:
    """needle number -> the sources whose segments hold it. Each needle is looked up by its 2nd-4th words (whole words
    wherever the needle is printed), so every segment is read once, not once per quote (the scale data has 200,000)."""
    by_key: dict[str, list[int]] = {}
    short: list[int] = []
    for n, needle in needles.items():
        words = _WORDS.findall(needle)
        if len(words) >= 5:
            by_key.setdefault(" ".join(words[1:4]), []).append(n)
        else:
            short.append(n)
    found: dict[int, set[str]] = {}
    for sid, segs in segments.items():
        for seg in segs:
            words = _WORDS.findall(seg)
            keys = {" ".join(words[i : i + 3]) for i in range(len(words) - 2)} & by_key.keys()
            for n in (n for k in keys for n in by_key[k]) if keys else ():
                if needles[n] in seg:
                    found.setdefault(n, set()).add(sid)
            for n in short:
                if needles[n] in seg:
                    found.setdefault(n, set()).add(sid)
    return found


def reprints_carry_the_first_date(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """A quote whose words an earlier (or more precisely dated) source printed first carries that source's date (`dated_by`); a quote dated otherwise than its source names what dates it."""
    dated = {s["source_id"]: s["published_on"] for s in rows["sources"]}
    segments = {sid: [seg.replace("\u0000", " ").lower() for seg in st.segments()] for sid, st in texts.items()}
    quotes = list(_indexed(rows, lines, "quotes"))
    needles = {n: _core(q["text"]) for n, (q, _) in enumerate(quotes)}
    asked = {
        n: needle
        for n, needle in needles.items()
        if quotes[n][0]["speaker_role"] != "policy text"
        and len(needle) >= 20
        and _precision(dated.get(quotes[n][0]["source_id"], "unknown"))
    }
    printed = _printed_in(asked, segments)
    for n, (q, line) in enumerate(quotes):
        own = dated.get(q["source_id"], "unknown")
        if n in asked:
            first = [
                sid
                for sid in sorted(printed.get(n, ()))
                if sid != q["source_id"]
                and sid in dated
                and _not_later(dated[sid], own)
                and (_precision(dated[sid]) > _precision(own) or dated[sid].split("-") < own.split("-")[: _precision(dated[sid])])
            ]
            earliest = min((dated[s] for s in first), default="")
            first = [s for s in first if dated[s] == earliest]
            if first and not (q["dated_by"] and _not_later(dated.get(q["dated_by"], ""), earliest)):
                yield Problem(
                    "data/quotes.csv",
                    line,
                    "dated_by",
                    f"the same words are in {', '.join(sorted(first))} (dated {earliest}), printed first: "
                    "date the quote by that source (said_on and dated_by)",
                )
                continue
        if not q["dated_by"] and q["said_on"] != "unknown" and not own.startswith(q["said_on"]):
            yield Problem(
                "data/quotes.csv",
                line,
                "dated_by",
                f"said {q['said_on']}, but its source {q['source_id']} is dated {own}: name the source that gives {q['said_on']} in dated_by",
            )


def no_quote_twice(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """No two quotes have the same source and the same words."""
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for q, line in _indexed(rows, lines, "quotes"):
        key = (q["source_id"], fold(q["text"]))
        if key in seen:
            first, at = seen[key]
            yield Problem("data/quotes.csv", line, "text", f"the same words from {q['source_id']} as {first!r} (line {at}): keep one quote")
        else:
            seen[key] = (q["quote_id"], line)


def recorded_addresses_are_kept(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """A source's `url` is not `unknown` when its text's ADDRESS header records one, and a url it gives is in that header."""
    for s, line in _indexed(rows, lines, "sources"):
        st = texts.get(s["source_id"])
        if st is None or s["kind"] == "dataset":
            continue
        address = st.header.get("ADDRESS", "")
        if s["url"] == "unknown" and _URL.search(address.splitlines()[0] if address else ""):
            yield Problem(
                "data/sources.csv", line, "url", f"'unknown', but the text's ADDRESS header records {_URL.search(address).group(0)!r}"
            )
        elif s["url"] != "unknown" and s["url"] not in address:
            yield Problem("data/sources.csv", line, "url", f"{s['url'][:80]!r} is not in the text's ADDRESS header")


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")


def _date_forms(date: str) -> list[str]:
    """The ways a page prints a date of this precision ('2016-02-03', '2016/02/03', 'February 3, 2016', 'Feb 3, 2016', '2/3/2016', ...)."""
    parts = date.split("-")
    y = parts[0]
    if len(parts) == 1:
        return [y]
    m = int(parts[1])
    month, mon = _MONTHS[m - 1], _MONTHS[m - 1][:3]
    if len(parts) == 2:
        return [date, f"{y}/{parts[1]}", f"{month} {y}", f"{mon} {y}", f"{mon}-{y}", f"{mon}. {y}"]
    d = int(parts[2])
    return [date, "/".join(parts), f"{month} {d}, {y}", f"{mon} {d}, {y}", f"{mon}. {d}, {y}", f"{d} {month} {y}", f"{m}/{d}/{y}"]


def source_dates_are_shown(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """A source's date is printed in its words, title, byline or address at the precision given, or its date_note says what it rests on."""
    for s, line in _indexed(rows, lines, "sources"):
        st = texts.get(s["source_id"])
        if st is None or s["published_on"] == "unknown" or s["date_note"]:
            continue
        printed = " ".join([st.body, *(st.header.get(k, "") for k in ("TITLE", "AUTHOR", "PUBLISHER", "ADDRESS"))]).lower()
        if not any(form in printed for form in _date_forms(s["published_on"])):
            yield Problem(
                "data/sources.csv",
                line,
                "published_on",
                f"{s['published_on']} is shown neither in the stored text nor in its title, byline or address: "
                "give the precision they support, or the basis in date_note",
            )


_OBLIGATION = re.compile(r"\b(shall|must|required|requires|it is the policy)\b", re.I)
_EXCEPTION = re.compile(r"\b(unless|except)\b", re.I)


def stances_match_their_words(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """`requires` rests on 'shall', 'must', 'required' or a declared policy (not 'need to'); `prohibits` on words with no 'unless' or 'except'."""
    quotes = {q["quote_id"]: q for q in rows["quotes"]}
    for p, line in _indexed(rows, lines, "positions"):
        text = quotes[p["quote_id"]]["text"] if p["quote_id"] in quotes else ""
        if p["stance"] == "requires" and not _OBLIGATION.search(text):
            yield Problem(
                "data/positions.csv",
                line,
                "stance",
                f"'requires', but {p['quote_id']!r} says neither 'shall', 'must', 'required' nor 'it is the policy': a recommendation at most",
            )
        if p["stance"] == "prohibits" and _EXCEPTION.search(text):
            yield Problem(
                "data/positions.csv",
                line,
                "stance",
                f"'prohibits', but {p['quote_id']!r} names an exception ({_EXCEPTION.search(text).group(0)!r}): it permits with conditions",
            )


def events_cite_findable_sources(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """An event cites a source a reader can find: one with a recorded title or address."""
    sources = {s["source_id"]: s for s in rows["sources"]}
    for e, line in _indexed(rows, lines, "events"):
        s = sources[e["source_id"]]
        if s["url"] == "unknown" and s["title"].startswith(("not recorded", "not shown")):
            yield Problem(
                "data/events.csv",
                line,
                "source_id",
                f"{s['source_id']!r} has neither a recorded title nor an address: cite a source a reader can find (the document's own text, where stored)",
            )


RULES = (
    unknown_has_no_evidence,
    primary_is_read_in_a_copy,
    list_titles_name_their_list,
    attributions_are_printed,
    reprints_carry_the_first_date,
    no_quote_twice,
    recorded_addresses_are_kept,
    source_dates_are_shown,
    stances_match_their_words,
    events_cite_findable_sources,
)
