"""The keyword rules (explorer/passage_rules.yaml) that point to a policy text's passages per criterion: data, read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from explorer.wording import search_fold

RULES_PATH = Path(__file__).with_name("passage_rules.yaml")


@dataclass(frozen=True)
class Rule:
    criterion_id: str
    looks_for: str  # what the rule points to, in words a reader can check
    terms: tuple[str, ...]  # folded as passages.search is

    def said(self) -> str:
        """The rule in words: 'passages holding any of: “chokehold”, “carotid”, …'."""
        return "passages holding any of: " + ", ".join(f"“{t}”" for t in self.terms)


@cache
def rules(path: Path = RULES_PATH) -> dict[str, Rule]:
    """criterion_id -> its rule, terms folded like the stored texts' search column."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        cid: Rule(cid, str(r["looks_for"]), tuple(dict.fromkeys(search_fold(t) for t in r["terms"]))) for cid, r in raw["criteria"].items()
    }


def parallel_lists(criterion_ids: tuple[str, ...] | None = None) -> tuple[list[str], list[str]]:
    """(criteria, terms): the rules as two parallel lists, the way queries/department_passages.sql binds them."""
    pairs = [(r.criterion_id, t) for r in rules().values() if criterion_ids is None or r.criterion_id in criterion_ids for t in r.terms]
    return [c for c, _ in pairs], [t for _, t in pairs]
