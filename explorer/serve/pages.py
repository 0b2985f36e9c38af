"""The page registry: app.py, the tests and the benchmark all read this list."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    file: str
    title: str
    url_path: str
    heading: str  # the page's own title line
    default: bool = False
    reasons: tuple[tuple[str, str], ...] = ()  # (filter key, why this page does not use it), where the filter's own scope says too little


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "Overview", "", "Use-of-Force Policy Explorer", default=True),
    PageSpec("pages/endorsements.py", "Endorsements", "endorsements", "Endorsements"),
    PageSpec(
        "pages/compare.py",
        "Compare positions",
        "compare",
        "Compare positions",
        reasons=(("doc", "pick the documents to compare above the grid"),),
    ),
    PageSpec("pages/quotes.py", "Quotes", "quotes", "Quotes"),
    PageSpec("pages/agencies.py", "Agency policies", "agencies", "Agency policies, as others coded them"),
    PageSpec(
        "pages/department.py",
        "A department",
        "department",
        "A department: its own words and its coders' verdicts",
        reasons=(("org", "pick the department above its page"), ("dataset", "a department's page shows every dataset it is in")),
    ),
    PageSpec("pages/wording.py", "Wording", "wording", "Where the words come from"),
    PageSpec("pages/sources.py", "Sources", "sources", "Sources"),
    PageSpec("pages/data.py", "Data", "data", "Data"),
    PageSpec("pages/sql.py", "SQL", "sql", "SQL"),
)
