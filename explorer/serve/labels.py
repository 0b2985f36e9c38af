"""Words, symbols and colours for stances and statuses, read from the codebook: no meaning rests on colour alone."""

from __future__ import annotations

import re

from explorer import contract

# Okabe-Ito palette: distinguishable with the common forms of colour blindness.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")
# Colour and plotly marker per status (the statuses themselves, and their order, come from the codebook).
_STATUS_LOOK = {
    "authored": ("#0072B2", "star"),
    "signed": ("#009E73", "circle"),
    "declined": ("#E69F00", "diamond"),
    "opposed": ("#D55E00", "x"),
    "supported": ("#56B4E9", "cross"),
}

STANCE_SYMBOLS = contract.symbols("positions", "stance")
STATUS_SYMBOLS = contract.symbols("endorsements", "status")
STATUSES: dict[str, tuple[str, str, str, str]] = {
    # status: (symbol, label, colour, plotly marker symbol), in the codebook's order
    s: (STATUS_SYMBOLS[s], s, *_STATUS_LOOK[s])
    for s in contract.vocabulary("endorsements", "status")
}
# How sure a cell is, in the reader's words (the codebook's labels); settled cells carry it in their text.
EVIDENCE = contract.labels("positions", "evidence")
EVIDENCE_MEANING = dict(contract.column("positions", "evidence")["allowed"])
OWN_WORDS = tuple(contract.column("positions", "evidence")["own_words"])
EXTENT = contract.labels("endorsements", "extent")
VERDICTS = contract.verdicts()  # a coder's verdicts in the reader's words: met, not met, not coded
ENDORSEMENT_EVIDENCE = contract.labels("endorsements", "evidence")
UNSETTLED = frozenset(contract.stances_without_quote())  # stances that say the sources do not settle the cell


def stance_label(stance: str) -> str:
    return f"{STANCE_SYMBOLS.get(stance, '?')} {stance.replace('_', ' ')}"


def cell_label(stance: str, evidence: str) -> str:
    """A grid cell: the stance's symbol and words, and for a settled stance how sure it is ('◐ permits with conditions · report')."""
    return stance_label(stance) + ("" if stance in UNSETTLED else f" · {EVIDENCE.get(evidence, evidence)}")


def stance_key() -> str:
    """The key under a grid: every stance with its symbol."""
    return " · ".join(stance_label(s) for s in contract.stances())


def evidence_key() -> str:
    """The key to how sure a cell is, surest first."""
    plain = {e: re.sub(r"\s*\([^)]*\)", "", m) for e, m in EVIDENCE_MEANING.items()}  # the codebook's asides are for data users
    return " · ".join(f"{EVIDENCE[e]}: {plain[e]}" for e in EVIDENCE if e != "none")


def endorsement_label(status: str, extent: str, evidence: str) -> str:
    """'✖ opposed (part only; report)': a part, one member or a weaker evidence level is never hidden."""
    notes = [n for n in (EXTENT.get(extent, ""), "" if evidence == "primary" else ENDORSEMENT_EVIDENCE.get(evidence, evidence)) if n]
    return status_label(status) + (f" ({'; '.join(notes)})" if notes else "")


def status_label(status: str) -> str:
    return f"{STATUS_SYMBOLS.get(status, '?')} {status}"


def printed_label(on: object, shown: object) -> str:
    """A stored full text's printed date in a list: 'printed 2013-04' (to the precision printed); where no one date is
    printed, the build's sentence with the words that are ('no single date; printed “REV. 4-15” …'), or 'not printed'."""
    if isinstance(on, str) and on and on != "unknown":
        return f"printed {on}"
    return clip(shown, 90) if isinstance(shown, str) and shown else "date not printed"


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, an ellipsis marking a cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def readable_address(url: object) -> str:
    """'backwoodshome.com/blogs/MassadAyoob/?p=3625': an address without its scheme or 'www.', percent-escapes decoded."""
    from urllib.parse import unquote, urlsplit

    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return ""
    parts = urlsplit(url)
    shown = parts.netloc.removeprefix("www.") + unquote(parts.path).rstrip("/") + (f"?{parts.query}" if parts.query else "")
    return clip(shown, 90)


def source_title(title: object, url: object) -> str:
    """A source's title as seen; where none was recorded, 'Untitled page' and its address (a title is never made up)."""
    if isinstance(title, str) and title and not title.startswith("not recorded"):
        return title
    address = readable_address(url)
    return f"Untitled page at {address}" if address else "Untitled page (address not recorded)"


MAX_NAMES = 3  # a card or source line names at most this many organizations; more are counted (listed elsewhere in full)


def short_publisher(publisher: object) -> str:
    """'Eleven national … organizations: ASCIA; CALEA; …' -> 'Eleven national … organizations (11, listed on the Sources page)'."""
    text = str(publisher)
    head, sep, names = text.partition(": ")
    parts = (names if sep else text).split("; ")
    if len(parts) <= MAX_NAMES:
        return text
    return (
        f"{head} ({len(parts)}, listed on the Sources page)"
        if sep
        else f"{parts[0]} and {len(parts) - 1} others (listed on the Sources page)"
    )


def kind_label(kind: str) -> str:
    return kind.replace("_", " ")


_WORD_END = re.compile(r"[.;:!?)\]”\"']$")
_QUOTED = re.compile(r"“([^”]*)”")


def whole_words(window: str, cut_before: bool | None = None, cut_after: bool | None = None) -> str:
    """A quoted window of a text cut at a fixed width, shown as whole words, a cut marked '…'. `cut_before`/`cut_after`
    say whether the window starts/ends inside a word (known from the stored text); None guesses: a first word in lower
    case and a last word without closing punctuation may be pieces, so they are dropped (a whole word lost, never a piece shown)."""
    words = str(window).split()
    if len(words) < 3:
        return str(window)
    head, tail = "", ""
    if cut_before if cut_before is not None else words[0][:1].islower():
        words, head = words[1:], "…"
    if cut_after if cut_after is not None else not _WORD_END.search(words[-1]):
        words, tail = words[:-1], "…"
    return head + " ".join(words) + tail


def quotes_whole_words(text: str) -> str:
    """Every “quoted window” in a sentence (a link's basis) shown as whole words."""
    return _QUOTED.sub(lambda m: f"“{whole_words(m.group(1))}”", str(text))


_ORG_ID = re.compile(r"\b([a-z0-9]+(?:-[a-z0-9]+)*-\d{4})/([a-z0-9-]+)\b")


def readable_ids(text: str, names: dict[str, str]) -> str:
    """A sentence with internal organization ids ('ca-police-scorecard-2019/glendale') put in readers' words
    ('California Police Scorecard 2019's Glendale'), from `names` (org id -> words); an id not in it keeps its dataset's words."""
    return _ORG_ID.sub(lambda m: names.get(m.group(0), m.group(0)), str(text))
