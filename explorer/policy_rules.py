"""Keyword rules read over a policy text: passages to read per provision and criterion, and the rule's reading.

The rules are data (data/rules/criteria_rules.yaml: search terms, and the phrases that would meet a criterion or
fall short of it, from Campaign Zero's coding rules and the coders' quoted cells); this module only applies them.
Both the serving side (a reader's uploaded policy) and `make eval` (every stored full text, against the human
coders) read with it, so the agreement measured is the agreement of the reading shown. A reading is "the words
that would meet the criterion were found / not found": the rule's, never a verdict.

Words are folded as the Wording page folds them (explorer/wording.py): lower case, punctuation and hyphens are
breaks, so a phrase matches "de-escalate", "De-Escalate" and "de- escalate" (hyphenated at a line end) alike.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from explorer.paths import DATA_DIR

RULES_PATH = DATA_DIR / "rules" / "criteria_rules.yaml"
FOUND, NOT_FOUND = "found", "not found"
READING_WORDS = {
    FOUND: "the words that would meet the criterion were found",
    NOT_FOUND: "the words that would meet the criterion were not found",
}
ROLES = ("meets_outright", "meets", "falls_short", "search")  # a passage's strongest role first
ROLE_LABEL = {
    "meets_outright": "words that would meet it",
    "meets": "words that would meet it",
    "falls_short": "words the coding rules say fall short",
    "search": "bears on it",
}
_TOKEN_WORD = re.compile(r"[0-9a-z']+|’")
_WORD = re.compile(r"[0-9A-Za-z]+(?:['’][A-Za-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[\"“(\[]?[A-Z0-9])")
_NO_END = re.compile(r"(?:^|\s)(?:[IVXLC]+|\d+|[A-Za-z]|v|vs|Mr|Mrs|Ms|Dr|St|No|Jr|Sr|Sgt|Lt|Capt|Inc|Co|U\.S)\.$")
_CID = re.compile(r"\(cid:\d+\)")
MAX_PASSAGE_CHARS = 700  # a longer run with no sentence end (a table, a list) is cut at white space


@dataclass(frozen=True)
class Rule:
    provision_id: str
    criterion_id: str | None
    patterns: dict[str, tuple[str, ...]]  # role -> the phrases as written
    regex: dict[str, re.Pattern]  # role -> one compiled alternation
    any_regex: re.Pattern  # every phrase of the rule: the first test per sentence
    context: re.Pattern | None
    anchors: tuple[tuple[str, bool], ...]  # (word, is a prefix): every phrase starts with one; a sentence with none is skipped


@dataclass(frozen=True)
class Rules:
    version: str
    rules: tuple[Rule, ...]
    held_out_from: tuple[str, ...]
    path: str

    def by_provision(self) -> dict[str, Rule]:
        return {r.provision_id: r for r in self.rules}


@dataclass(frozen=True)
class Passage:
    page: int  # 1-based
    seq: int  # 1-based, over the whole text
    text: str  # the extracted words, white space folded


@dataclass
class Found:
    passage: Passage
    roles: set[str] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)  # character spans of the matched words in passage.text

    @property
    def role(self) -> str:
        return next(r for r in ROLES if r in self.roles)


@dataclass
class Reading:
    rule: Rule
    found: list[Found]  # every passage bearing on the rule, in text order
    reading: str | None  # FOUND / NOT_FOUND for a criterion's rule; None for a provision with search terms only

    @property
    def meeting(self) -> list[Found]:
        return [f for f in self.found if f.role in ("meets", "meets_outright")]


def _alternation(body: str) -> str:
    return "(?:" + "|".join(" ".join(_word(w) for w in alt.split()) for alt in body.split("|")) + ")"


def _word(w: str) -> str:
    return re.escape(w[:-1]) + "[0-9a-z']*" if w.endswith("*") else re.escape(w)


def compile_phrase(phrase: str, gap: int) -> str:
    """One phrase of the rules' syntax (word, word*, (a|b c), ~) as a regex over " " + the folded words joined by spaces."""
    tokens = re.findall(r"\([^)]*\)|~|[^\s()~]+", phrase.lower())
    out, pending_gap = [], False
    for token in tokens:
        if token == "~":
            pending_gap = True
            continue
        piece = _alternation(token[1:-1]) if token.startswith("(") else _word(token)
        if out:
            out.append(f" (?:[^ ]+ ){{0,{gap}}}" if pending_gap else " ")
        out.append(piece)
        pending_gap = False
    # A leading literal space (the folded words are searched as " " + words) lets the regex engine jump from space to
    # space instead of trying every character: about 6 times faster than a look-behind word boundary.
    return " " + "".join(out) + r"(?![0-9a-z'])"


def first_words(phrase: str) -> list[tuple[str, bool]]:
    """The words a phrase can start with, as (word, is a prefix)."""
    first = re.findall(r"\([^)]*\)|~|[^\s()~]+", phrase.lower())[0]
    alternatives = first[1:-1].split("|") if first.startswith("(") else [first]
    return [(a.split()[0].rstrip("*"), a.split()[0].endswith("*")) for a in alternatives]


@cache
def load(path: Path = RULES_PATH) -> Rules:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    gap = int(doc.get("gap_words", 8))
    rules = []
    for entry in doc["rules"]:
        patterns = {role: tuple(entry.get(role) or ()) for role in ROLES}
        regex = {role: re.compile("|".join(compile_phrase(p, gap) for p in ps)) for role, ps in patterns.items() if ps}
        every = [compile_phrase(p, gap) for ps in patterns.values() for p in ps]
        context = entry.get("context")
        rules.append(
            Rule(
                provision_id=entry["provision_id"],
                criterion_id=entry.get("criterion_id"),
                patterns=patterns,
                regex=regex,
                any_regex=re.compile("|".join(every)),
                context=re.compile("|".join(compile_phrase(p, gap) for p in context)) if context else None,
                anchors=tuple(dict.fromkeys(w for ps in patterns.values() for p in ps for w in first_words(p))),
            )
        )
    return Rules(str(doc["version"]), tuple(rules), tuple(doc.get("held_out_from") or ()), path.name)


def fold(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text's words folded (lower case, joined by one space) and each word's span in the text."""
    lower = text.lower().replace("’", "'")
    if len(lower) != len(text):  # a character whose lower case is longer (rare): fold word by word
        spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        return " ".join(text[a:b].lower().replace("’", "'") for a, b in spans), spans
    found = list(_WORD.finditer(lower))
    return " ".join(m.group() for m in found), [m.span() for m in found]


def _norm(text: str) -> str:
    """fold()'s words alone, without their spans: what every passage needs; spans only where a rule matches."""
    lower = text.lower().replace("’", "'")
    return " ".join(_WORD.findall(lower)) if len(lower) == len(text) else fold(text)[0]


def _split_long(sentence: str) -> list[str]:
    out = []
    while len(sentence) > MAX_PASSAGE_CHARS:
        cut = sentence.rfind(" ", 0, MAX_PASSAGE_CHARS)
        cut = cut if cut > MAX_PASSAGE_CHARS // 2 else MAX_PASSAGE_CHARS
        out.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return out + ([sentence] if sentence else [])


def passages(pages: list[str]) -> list[Passage]:
    """Each page's sentences, in order (page_passages over every page, numbered over the whole text)."""
    out: list[Passage] = []
    for page_no, page in enumerate(pages, start=1):
        out += page_passages(page, page_no, len(out) + 1)
    return out


def page_passages(page: str, page_no: int, first_seq: int) -> list[Passage]:
    """One page's sentences: paragraphs end at blank lines; sentences at . ! ? ; before a capital or digit (not after
    an abbreviation or an outline number); a run over 700 characters with no end is cut at white space."""
    out: list[Passage] = []
    page = _CID.sub(" ", page.replace("\r", ""))
    for para in re.split(r"\n\s*\n", page):
        folded = " ".join(para.split())
        if not folded:
            continue
        pieces: list[str] = []
        for piece in _SENTENCE_END.split(folded):
            if pieces and _NO_END.search(pieces[-1]):
                pieces[-1] += " " + piece
            else:
                pieces.append(piece)
        for sentence in (s for p in pieces for s in _split_long(p)):
            out.append(Passage(page_no, first_seq + len(out), sentence))
    return out


def _match_spans(regex: re.Pattern, norm: str, spans: list[tuple[int, int]], starts: dict[int, int]) -> list[tuple[int, int]]:
    """Character spans in the passage of each match on its folded words."""
    found = []
    for m in regex.finditer(norm):  # norm is " " + the words: a match starts at the space before its first word
        first = starts.get(m.start())
        last = starts.get(norm.rfind(" ", 0, m.end()))
        if first is not None and last is not None:
            found.append((spans[first][0], spans[last][1]))
    return found


def _starts(spans: list[tuple[int, int]]) -> dict[int, int]:
    """The offset of the space before each word in " " + the folded words -> the word's index."""
    starts, at = {}, 0
    for n, (a, b) in enumerate(spans):
        starts[at] = n
        at += (b - a) + 1
    return starts


def read(pages: list[str], rules: Rules | None = None, cut: list[Passage] | None = None) -> list[Reading]:
    """Every rule's passages and reading over a text given as pages (or its passages, already cut)."""
    rules = rules or load()
    return readings(rules, find(rules, cut if cut is not None else passages(pages)))


class PageByPage:
    """The same reading taken a page at a time, as an upload's pages arrive: add() each page in order, then readings().
    A rule's passages are found within one sentence, so reading page by page gives exactly what read() gives."""

    def __init__(self, rules: Rules | None = None) -> None:
        self.rules = rules or load()
        self.passages: list[Passage] = []
        self.found: list[list[Found]] = [[] for _ in self.rules.rules]
        self.pages = 0

    def add(self, page: str) -> None:
        self.pages += 1
        cut = page_passages(page, self.pages, len(self.passages) + 1)
        self.passages += cut
        for mine, more in zip(self.found, find(self.rules, cut), strict=True):
            mine += more

    def readings(self) -> list[Reading]:
        return readings(self.rules, self.found)


def readings(rules: Rules, found: list[list[Found]]) -> list[Reading]:
    """Each rule's reading from its passages: FOUND when one holds words that would meet its criterion."""
    out = []
    for rule, hits in zip(rules.rules, found, strict=True):
        reading = None
        if rule.criterion_id:
            reading = FOUND if any(f.role in ("meets", "meets_outright") for f in hits) else NOT_FOUND
        out.append(Reading(rule, hits, reading))
    return out


def find(rules: Rules, cut: list[Passage]) -> list[list[Found]]:
    """Per rule (in the rules' order), the passages bearing on it, in text order."""
    norms = [" " + _norm(p.text) for p in cut]
    index: dict[str, list[int]] = {}  # word -> the passages holding it: a rule tries only passages holding a first word
    for i, norm in enumerate(norms):
        for w in set(norm.split()):
            index.setdefault(w, []).append(i)
    vocabulary = sorted(index)
    word_starts: dict[int, tuple[list[tuple[int, int]], dict[int, int]]] = {}
    out = []
    for rule in rules.rules:
        found: list[Found] = []
        candidates: set[int] = set()
        for word, prefix in rule.anchors:
            if prefix:
                at = bisect.bisect_left(vocabulary, word)
                while at < len(vocabulary) and vocabulary[at].startswith(word):
                    candidates.update(index[vocabulary[at]])
                    at += 1
            else:
                candidates.update(index.get(word, ()))
        for i in sorted(candidates):
            passage, norm = cut[i], norms[i]
            if not rule.any_regex.search(norm):
                continue
            if i not in word_starts:  # the words' spans, once per passage a rule matches
                spans = fold(passage.text)[1]
                word_starts[i] = (spans, _starts(spans))
            spans, starts = word_starts[i]
            hit = Found(passage)
            for role, regex in rule.regex.items():
                marks = _match_spans(regex, norm, spans, starts)
                if marks:
                    hit.roles.add(role)
                    hit.spans += marks
            if "meets" in hit.roles and (("falls_short" in hit.roles) or (rule.context is not None and not rule.context.search(norm))):
                hit.roles.discard("meets")
                hit.roles.add("search")
            if hit.roles - {"falls_short"}:  # falls-short words only mark a passage found otherwise; alone they find nothing
                hit.spans = sorted(set(hit.spans))
                found.append(hit)
        out.append(found)
    return out


def marked(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The passage as (piece, is_marked) runs, overlapping spans merged."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, at = [], 0
    for a, b in merged:
        if a > at:
            out.append((text[at:a], False))
        out.append((text[a:b], True))
        at = b
    if at < len(text):
        out.append((text[at:], False))
    return out
