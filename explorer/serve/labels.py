"""Words, symbols and colours for stances and statuses, read from the codebook: no meaning rests on colour alone."""

from __future__ import annotations

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
EVIDENCE = {"primary": "document's own words", "secondary": "reported by others", "none": "no supporting quote"}


def stance_label(stance: str) -> str:
    return f"{STANCE_SYMBOLS.get(stance, '?')} {stance.replace('_', ' ')}"


def stance_key() -> str:
    """The key under a grid: every stance with its symbol."""
    return " · ".join(stance_label(s) for s in contract.stances())


def status_label(status: str) -> str:
    return f"{STATUS_SYMBOLS.get(status, '?')} {status}"


def kind_label(kind: str) -> str:
    return kind.replace("_", " ")
