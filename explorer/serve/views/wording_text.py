"""The Wording page's text work: a reader's phrase checked and cut into words, keyword in context, word-by-word change.

Matching is literal: what a reader types is searched as letters, never as a pattern, so `(`, `*` or `\\d` mean
themselves. Differences are word by word (difflib's SequenceMatcher over words compared case- and
punctuation-blind, shown in the stored spelling).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from explorer.serve.markdown import cut_off, mark, md
from explorer.wording import GRAM, MAX_PHRASE_CHARS, grams, words

GLUE = "\u2060"  # marks a piece of a token that follows the piece before it with no space (a word joiner, never shown)
_WORD_AT = re.compile(r"[0-9A-Za-z]+(?:['’][A-Za-z]+)?")  # where each word of a token starts (explorer.wording's words)
KWIC_WORDS = 8  # words of context either side of a match
DIFF_CONTEXT = 10  # unchanged words kept either side of what a long passage shares with a phrase


@dataclass(frozen=True)
class Phrase:
    text: str  # as typed, white space folded
    needle: str  # lower-case, for the literal search
    norm: str  # its words, lower-case, joined by single spaces
    grams: tuple[str, ...]  # its shingles; none for a phrase shorter than GRAM words

    @property
    def short(self) -> bool:
        return not self.grams


def read(raw: str | None) -> tuple[Phrase | None, str]:
    """The phrase, or None and a message saying why it cannot be searched."""
    text = " ".join((raw or "").split())
    if not text:
        return None, "Type a word or a phrase (or pick a sentence) to begin."
    if len(text) > MAX_PHRASE_CHARS:
        return None, (
            f"That phrase is {len(text):,} characters long; the most this page searches is {MAX_PHRASE_CHARS:,}. "
            "Paste one sentence or a short passage."
        )
    tokens = words(text)
    if not tokens:
        return None, f"“{md(text)}” has no letters or digits to match; type words."
    return Phrase(text, text.lower(), " ".join(tokens), tuple(grams(tokens))), ""


def kwic(text: str, match_at: int, length: int) -> tuple[str, str, str]:
    """(left, match, right): KWIC_WORDS words either side of the match (match_at is 1-based, as DuckDB's instr)."""
    start = max(0, int(match_at) - 1)
    left, hit, right = text[:start], text[start : start + length], text[start + length :]
    lw, rw = left.split(), right.split()
    left_out = ("… " if len(lw) > KWIC_WORDS else "") + " ".join(lw[-KWIC_WORDS:])
    right_out = " ".join(rw[:KWIC_WORDS]) + (" …" if len(rw) > KWIC_WORDS else "")
    return left_out + (" " if left[-1:].isspace() else ""), hit, (" " if right[:1].isspace() else "") + right_out


def kwic_markdown(text: str, match_at: int, length: int, cut: bool = False) -> str:
    """One keyword-in-context line, escaped, the match marked; where it shows the end of a passage that its stored copy
    breaks off in, the cut is marked too."""
    left, hit, right = kwic(text, match_at, length)
    return md(left) + mark(hit) + md(right) + (cut_off() if cut and not right.endswith("…") else "")


def _key(token: str) -> str:
    return " ".join(words(token)) or token


def _pieces(text: str) -> list[str]:
    """The text's words as compared: a whitespace token holding more than one word is cut between them, each piece
    keeping its own punctuation ('them.”1' -> 'them.”', '1'), so a footnote mark glued to a word is one added word,
    not the word itself changed."""
    out: list[str] = []
    for token in text.split():
        starts = [m.start() for m in _WORD_AT.finditer(token)]
        if len(starts) <= 1:
            out.append(token)
            continue
        cuts = [0, *starts[1:], len(token)]
        out += [(GLUE if i else "") + token[cuts[i] : cuts[i + 1]] for i in range(len(cuts) - 1)]
    return out


def _join(pieces: list[str]) -> str:
    """Pieces of one text back as written: a piece cut from the token before it follows it with no space."""
    return " ".join(pieces).replace(" " + GLUE, "")


def diff(a: str, b: str) -> list[tuple[str, str]]:
    """Word-by-word: (op, words) runs with op 'same', 'removed' (in a only) or 'added' (in b only)."""
    ta, tb = _pieces(a), _pieces(b)
    ops: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, [_key(t) for t in ta], [_key(t) for t in tb], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("same", _join(tb[j1:j2])))
            continue
        removed = [("removed", _join(ta[i1:i2]))] if i2 > i1 else []
        added = [("added", _join(tb[j1:j2]))] if j2 > j1 else []
        # words glued to the word before them in the second text ('them.”' + '1') stay beside it: added first
        ops += added + removed if added and added[0][1].startswith(GLUE) else removed + added
    return ops


def trim(ops: list[tuple[str, str]], context: int = DIFF_CONTEXT) -> list[tuple[str, str]]:
    """A long passage cut to what it shares with the phrase, with `context` words of its own either side (… marks a cut).

    Those words around the shared span are the passage's surroundings, not a difference, so they come back as 'context'.
    """
    shared = [i for i, (op, _) in enumerate(ops) if op == "same"]
    if not shared:
        return ops
    first, last = shared[0], shared[-1]
    out = ops[first : last + 1]
    before = " ".join(w for op, w in ops[:first] if op != "removed").split()
    after = " ".join(w for op, w in ops[last + 1 :] if op != "removed").split()
    lead = [op for op in ops[:first] if op[0] == "removed"]
    tail = [op for op in ops[last + 1 :] if op[0] == "removed"]
    if before:
        out.insert(0, ("context", ("… " if len(before) > context else "") + " ".join(before[-context:])))
    if after:
        out.append(("context", " ".join(after[:context]) + (" …" if len(after) > context else "")))
    return lead + out + tail


def shows_end(ops: list[tuple[str, str]]) -> bool:
    """Whether the second text's last words are shown, not trimmed to '…' (so a cut at its end can be marked)."""
    own = [w for op, w in ops if op != "removed"]
    return bool(own) and not own[-1].endswith("…")


def diff_markdown(ops: list[tuple[str, str]], mark_same: bool = False) -> str:
    """Escaped Markdown: words only in the first text struck through on red, words only in the second bold on green.

    A passage's surroundings ('context') are plain; so are unchanged words, or marked as a match with mark_same
    (lineage: the phrase's words a passage carries)."""
    parts = []
    for op, text in ops:
        glued, text = text.startswith(GLUE), text.replace(GLUE, "")
        if op == "same" and mark_same:
            part = mark(text)
        elif op in ("same", "context"):
            part = md(text)
        elif op == "removed":
            part = f":red-background[~~{md(text)}~~]"
        else:
            part = f":green-background[**{md(text)}**]"
        parts.append(("" if glued or not parts else " ") + part)
    return "".join(parts)


def share_label(share: float, short: bool) -> str:
    """How much of the phrase a passage carries, in words a reader can check."""
    if short:
        return "the whole phrase, word for word"
    return f"{share:.0%} of the phrase's {GRAM}-word runs"
