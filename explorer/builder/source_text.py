"""Reads the stored source texts: their header block and the passages a quote may come from."""

import re
from dataclasses import dataclass, field
from pathlib import Path

HEADER_FIELDS = ("SOURCE_ID", "TITLE", "PUBLISHER", "AUTHOR", "DATE", "ADDRESS", "KIND", "NOTES")
_RULE = re.compile(r"^-{20,}\s*$")
_GAP = "[...]"
_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold runs of white space to one space: the only difference a quote may have from its source."""
    return _WS.sub(" ", text or "").strip()


@dataclass(frozen=True)
class SourceText:
    header: dict[str, str]
    body: str
    _segments: list[str] = field(default_factory=list, repr=False, compare=False)

    def segments(self) -> list[str]:
        """Runs of passages a quote may lie in: split at `[...]` gaps and `[note: ...]` labels (computed once)."""
        if not self._segments:
            self._segments.extend(self._split())
        return self._segments

    def _split(self) -> list[str]:
        parts: list[str] = []
        current: list[str] = []
        for line in self.body.splitlines():
            stripped = line.strip()
            if stripped == _GAP or (stripped.startswith("[note:") and stripped.endswith("]")):
                parts.append(fold("\n".join(current)))
                current = []
            else:
                current.append(line.replace("[excerpt ends]", "\u0000"))
        parts.append(fold("\n".join(current)))
        return [p for p in parts if p]

    def contains(self, quote: str) -> bool:
        """True when the quote is verbatim in one segment (white space folded; never across a gap)."""
        needle = fold(quote)
        return bool(needle) and any(needle in seg for seg in self.segments())


def parse(path: Path) -> SourceText:
    """Parse a stored source file: header lines `KEY:  value` (continuations indented), a rule, the passages."""
    return parse_text(path.read_text(encoding="utf-8"), str(path))


def parse_text(text: str, name: str) -> SourceText:
    """Parse a stored source's text (as kept in the database's source_texts); name is for the error."""
    lines = text.splitlines()
    header: dict[str, str] = {}
    key = None
    for i, line in enumerate(lines):
        if _RULE.match(line):
            return SourceText(header, "\n".join(lines[i + 1 :]))
        m = re.match(r"^([A-Z_]+):\s*(.*)$", line)
        if m and m.group(1) in HEADER_FIELDS:
            key = m.group(1)
            header[key] = m.group(2).strip()
        elif key and line.startswith(" "):
            header[key] += "\n" + line.strip()
    raise ValueError(f"{name}: no header rule (a line of dashes) found")
