"""Words, symbols and colours for stances and statuses: one place, so no meaning rests on colour alone."""

from __future__ import annotations

# Okabe-Ito palette: distinguishable with the common forms of colour blindness.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")

STANCES: dict[str, tuple[str, str, str]] = {
    # stance: (symbol, label, colour)
    "requires": ("▲▲", "requires", "#0072B2"),
    "recommends": ("▲", "recommends", "#56B4E9"),
    "permits": ("○", "permits", "#009E73"),
    "permits_with_conditions": ("◐", "permits with conditions", "#E69F00"),
    "discourages": ("▽", "discourages", "#CC79A7"),
    "prohibits": ("✕", "prohibits", "#D55E00"),
    "silent": ("–", "silent", "#999999"),
    "unknown": ("?", "unknown", "#DDDDDD"),
}

STATUSES: dict[str, tuple[str, str, str, str]] = {
    # status: (symbol, label, colour, plotly marker symbol)
    "authored": ("✎", "authored", "#0072B2", "star"),
    "signed": ("✔", "signed", "#009E73", "circle"),
    "supported": ("+", "supported", "#56B4E9", "cross"),
    "declined": ("⊘", "declined", "#E69F00", "diamond"),
    "opposed": ("✖", "opposed", "#D55E00", "x"),
}

EVIDENCE = {"primary": "document's own words", "secondary": "reported by others", "none": "no supporting quote"}


def stance_label(stance: str) -> str:
    symbol, label, _ = STANCES.get(stance, ("?", stance, "#999999"))
    return f"{symbol} {label}"


def status_label(status: str) -> str:
    symbol, label, _, _ = STATUSES.get(status, ("?", status, "#999999", "circle"))
    return f"{symbol} {label}"


def kind_label(kind: str) -> str:
    return kind.replace("_", " ")
