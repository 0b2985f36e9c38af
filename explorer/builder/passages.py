"""Passages: every stored source text and every agency policy cell cut into sentences, each with its words' shingles.

The Wording page searches these (keyword in context), follows a passage's words across sources and agencies
(lineage), and compares editions. A passage is the stored words themselves (white space folded), never across a
`[...]` gap or a `[note: ...]` line, so every passage can be found verbatim in its stored text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

import pyarrow as pa

from explorer.builder.source_text import fold, parse_text
from explorer.wording import AGENCY_POLICY, FULL_TEXT, KIND_OF_SOURCE, MODEL_DOCUMENT, grams, words

MODEL_DOCUMENT_KINDS = {"model_policy", "principles"}  # a source that is a copy of one of these is a model document
_GAP = re.compile(r"^\s*(\[\.\.\.\]|\[note:.*\])\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(\[]?[A-Z0-9])|(?<=[.!?][\"”’)])\s+(?=[\"“(\[]?[A-Z0-9])")
_NO_END = re.compile(r"(?:^|\s)(?:[IVXLC]+|\d+|[A-Z]|v|vs|Mr|Mrs|Ms|Dr|St|No|Jr|Sr|Sgt|Lt|Capt|Gen|Inc|Co|[A-Z]\.[A-Z]|U\.S)\.$")
_WRAPPED = 70  # a line at least this long that runs on into the next is a hard-wrapped paragraph, not a heading
_CUT = "\u0000"  # where the stored copy breaks off ([excerpt ends]), carried to the end of its paragraph

SCHEMA = pa.schema(
    [
        ("passage_id", pa.int32()),
        ("source_id", pa.string()),
        ("doc_id", pa.string()),
        ("org_id", pa.string()),
        ("quote_id", pa.string()),
        ("label", pa.string()),
        ("source_kind", pa.string()),
        ("dated", pa.string()),
        ("date_basis", pa.string()),
        ("seq", pa.int32()),
        ("text", pa.string()),
        ("cut", pa.bool_()),
        ("norm", pa.string()),
        ("grams", pa.list_(pa.string())),
        ("text_id", pa.string()),
        ("line_no", pa.int32()),
        ("char_at", pa.int64()),
        ("search", pa.string()),
    ]
)
_MAX_PARAGRAPH = 2_000  # a full text's run of lines with no blank line (a table of contents) is cut here, at a line end
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_TOKEN = re.compile(r"\S+")
_HYPHENATED = re.compile(r"[a-z]-$")  # on a folded line


def paragraphs(body: str) -> Iterator[tuple[str, bool]]:
    """The body's paragraphs, white space folded: broken at blank lines, gaps, notes and short (heading) lines, and
    where the stored copy breaks off ([excerpt ends]); each with whether the copy breaks off at its end."""
    current: list[str] = []
    for line in body.replace("[excerpt ends]", _CUT + "\n").splitlines():
        if not line.strip() or _GAP.match(line):
            if current:
                yield fold(" ".join(current)), False
            current = []
            continue
        current.append(line.removesuffix(_CUT))
        if line.endswith(_CUT) or len(line.rstrip()) < _WRAPPED:
            yield fold(" ".join(current)), line.endswith(_CUT)
            current = []
    if current:
        yield fold(" ".join(current)), False


def sentences(text: str) -> list[str]:
    """A paragraph's sentences (a full stop, question or exclamation mark, then a capital or a digit), not after an
    abbreviation ("Graham v. Connor", "U.S."), an initial or a heading's number ("II. POLICY")."""
    out: list[str] = []
    for piece in (p.strip() for p in _SENTENCE_END.split(fold(text))):
        if piece and out and _NO_END.search(out[-1]):
            out[-1] += " " + piece
        elif piece:
            out.append(piece)
    return out


def located_paragraphs(body: str) -> Iterator[tuple[str, list[tuple[int, int, str, str]]]]:
    """A full text's paragraphs (runs of lines between blank lines, cut at _MAX_PARAGRAPH characters at a line end),
    white space folded, each with its lines as (line number from 1, character offset in body, the line as stored, the
    line folded). Unlike a stored source, an extraction's short lines (list numbers, narrow columns) run on into the
    next, and a line ending in a word hyphenated at its end runs on past a blank line ("photo-", "", "graph")."""
    lines: list[tuple[int, int, str, str]] = []
    size = 0
    offset = 0
    for number, m in enumerate(_LINE.finditer(body), start=1):
        line = m.group()
        folded = " ".join(line.split())  # str.split's white space is re's \s: the same as source_text.fold
        if folded:
            lines.append((number, offset, line, folded))
            size += len(line)
        if lines and (size >= _MAX_PARAGRAPH or (not folded and not _HYPHENATED.search(lines[-1][3]))):
            yield " ".join(f for *_, f in lines), lines
            lines, size = [], 0
        offset += len(line)
    if lines:
        yield " ".join(f for *_, f in lines), lines


def _starts(paragraph: str, found: list[str], lines: list[tuple[int, int, str, str]]) -> list[tuple[int, int]]:
    """(line number, character offset in the body) where each sentence of a located paragraph starts."""
    out = []
    folded_at = [0]  # where each line's folded words start in the paragraph's folded text
    for *_, folded in lines:
        folded_at.append(folded_at[-1] + len(folded) + 1)
    pos = 0
    for sentence in found:
        pos = paragraph.find(sentence, pos)
        i = min(max(0, bisect_right(folded_at, pos) - 1), len(lines) - 1)
        number, offset, raw, _ = lines[i]
        within = pos - folded_at[i]
        # the folded line is its tokens joined by one space: find the token the sentence starts in
        at, start = 0, 0
        for tok in _TOKEN.finditer(raw):
            start = tok.start()
            if at + len(tok.group()) > within:
                break
            at += len(tok.group()) + 1
        out.append((number, offset + start + max(0, within - at)))
        pos += len(sentence)
    return out


def rows(sources: list[tuple], cells: list[tuple], texts: list[tuple] = ()) -> pa.Table:
    """sources: (source_id, kind, doc_id, document kind, title, published_on, stored text);
    cells: (quote_id, source_id, doc_id, org_id, agency name, dataset published_on, text);
    texts: (text_id, source_id, doc_id, org_id, label, issued_on, printed, body): full texts, their passages located
    (dated by the printed date to its precision, its basis the printed date as shown: the words that print it)."""
    out: dict[str, list] = {name: [] for name in SCHEMA.names}

    def add(source_id, doc_id, org_id, quote_id, label, kind, dated, basis, seq, text, cut=False, located=(None, None, None)) -> None:
        # A full text's words and shingles, and every passage's search form, are computed by DuckDB over all passages
        # at once (database._create_passages): a hundred megabytes of text is a million passages.
        tokens = words(text) if located[0] is None else None
        for name, value in zip(
            SCHEMA.names,
            (
                len(out["passage_id"]) + 1,
                source_id,
                doc_id,
                org_id,
                quote_id,
                label,
                kind,
                dated,
                basis,
                seq,
                text,
                cut,
                None if tokens is None else " ".join(tokens),
                None if tokens is None else grams(tokens),
                *located,
                None,
            ),
            strict=True,
        ):
            out[name].append(value)

    for source_id, kind, doc_id, doc_kind, title, published_on, stored in sources:
        if kind not in KIND_OF_SOURCE:
            continue  # a coded dataset's description: its cells come in below, one agency at a time
        source_kind = MODEL_DOCUMENT if doc_kind in MODEL_DOCUMENT_KINDS else KIND_OF_SOURCE[kind]
        body = parse_text(stored, source_id).body
        seq = 0
        for para, cut in paragraphs(body):
            found = sentences(para)
            for i, sentence in enumerate(found, start=1):
                seq += 1
                add(source_id, doc_id, None, None, title, source_kind, published_on, "published", seq, sentence, cut and i == len(found))
    for quote_id, source_id, doc_id, org_id, agency, published_on, text in cells:
        for seq, sentence in enumerate(sentences(text), start=1):
            add(source_id, doc_id, org_id, quote_id, agency, AGENCY_POLICY, published_on, "dataset published", seq, sentence)
    for text_id, source_id, doc_id, org_id, label, dated, basis, body in texts:
        seq = 0
        for para, lines in located_paragraphs(body):
            found = sentences(para)
            for sentence, (number, at) in zip(found, _starts(para, found, lines), strict=True):
                seq += 1
                add(source_id, doc_id, org_id, None, label, FULL_TEXT, dated, basis, seq, sentence, located=(text_id, number, at))
    return pa.table(out, schema=SCHEMA)
