"""Words, symbols and colours for stances and statuses, read from the codebook: no meaning rests on colour alone."""

from __future__ import annotations

from explorer import contract

# Okabe-Ito palette: distinguishable with the common forms of colour blindness.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")
# Colour and plotly marker per status, in the codebook's order of statuses (authored, signed, declined, opposed, supported).
_STATUS_LOOK = (("#0072B2", "star"), ("#009E73", "circle"), ("#E69F00", "diamond"), ("#D55E00", "x"), ("#56B4E9", "cross"))

STANCE_SYMBOLS = contract.symbols("positions", "stance")
STATUS_SYMBOLS = contract.symbols("endorsements", "status")
STATUSES: dict[str, tuple[str, str, str, str]] = {
    # status: (symbol, label, colour, plotly marker symbol)
    s: (STATUS_SYMBOLS[s], s, colour, marker)
    for s, (colour, marker) in zip(contract.vocabulary("endorsements", "status"), _STATUS_LOOK, strict=True)
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
