"""Pure shaping of stance rows into the provision x document grid the Overview and Compare pages show."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from explorer.serve import say
from explorer.serve.labels import EVIDENCE, UNSETTLED, VERDICTS, cell_label, stance_label

HIDDEN = "· not at the chosen evidence level"


def only_differing(rows: pd.DataFrame) -> pd.DataFrame:
    """The provisions on which the documents do not all hold the same stance."""
    return rows[rows.groupby("provision_id")["stance"].transform("nunique") > 1]


def pivot(
    rows: pd.DataFrame, columns: Sequence[str] | None = None, agency: pd.DataFrame | None = None, agency_name: str = ""
) -> pd.DataFrame:
    """Provision x document cells as 'symbol label · evidence', in the rows' order; optional agency column first, '≠' where it differs.

    rows: provision_id, provision_name, doc_short_title, stance, evidence. columns: document titles in the order to show.
    A cell the evidence filter left out reads HIDDEN.
    agency: provision_id, stance (a reader's own coding sheet).
    """
    cells = pd.Series([cell_label(s, e) for s, e in zip(rows["stance"], rows["evidence"], strict=True)], index=rows.index, dtype=object)
    if agency is not None:
        theirs = rows["provision_id"].map(agency.set_index("provision_id")["stance"])
        cells = cells.where(theirs.isna() | (theirs == rows["stance"]), "≠ " + cells)
    grid = rows.assign(cell=cells).pivot(index="provision_name", columns="doc_short_title", values="cell")
    grid = grid.reindex(index=list(dict.fromkeys(rows["provision_name"])), columns=list(columns or dict.fromkeys(rows["doc_short_title"])))
    grid = grid.fillna(HIDDEN)
    grid.index.name, grid.columns.name = "Provision", None
    if agency is not None:
        names = dict(zip(rows["provision_id"], rows["provision_name"], strict=False))
        mine = agency.assign(name=agency["provision_id"].map(names)).dropna(subset=["name"]).set_index("name")["stance"].map(stance_label)
        grid.insert(0, agency_name, mine.reindex(grid.index).fillna("? not coded"))
    return grid


def settled_summary(rows: pd.DataFrame, n_docs: int) -> str:
    """'18 provisions × 3 documents; 15 of 54 cells shown are settled (6 own text, 5 own words, quoted, 4 report).'"""
    settled = rows[~rows["stance"].isin(UNSETTLED)]
    counts = settled["evidence"].value_counts().reindex(list(EVIDENCE)).dropna().astype(int)
    by_level = ", ".join(f"{n} {EVIDENCE[e]}" for e, n in counts.items())
    head = (
        f"{say.count(rows['provision_id'].nunique(), 'provision')} × {say.count(n_docs, 'document')}; "
        f"{say.of(len(settled), len(rows))} {say.noun(len(rows), 'cell')} shown {'is' if len(settled) == 1 else 'are'} settled"
    )
    return head + (f" ({by_level})." if by_level else ".")


ROW_PX = 35  # one line of text a row (the canvas grid does not wrap)
GRID_PX = 950  # the main column's width at 1440 px with the sidebar open: every column of the grid should fit in it


CHAR_PX = 6.5  # the grid's 14 px sans-serif, measured at 1440 px: an average character's width
SHARE_MIN = 170  # a document's cell: '◐ permits with conditions · report' whole


def column_widths(grid: pd.DataFrame) -> dict[str, int]:
    """Pixel widths that show every cell whole: each column as wide as its longest text (header included) needs, a
    document's at least SHARE_MIN. Where they fit in GRID_PX the documents share the room left; where they do not
    (4 or 5 documents, a coded agency's column), the grid scrolls sideways with the provision column pinned."""
    need = {"_index": max(160, _name_px(max((len(str(n)) for n in grid.index), default=20)))}
    for c in grid.columns:
        need[str(c)] = max(SHARE_MIN, _name_px(max([len(str(c)), *(len(str(v)) for v in grid[c])])))
    spare = GRID_PX - sum(need.values())
    if spare > 0 and len(grid.columns):
        need.update({str(c): need[str(c)] + spare // len(grid.columns) for c in grid.columns})
    return need


def names_fit(grid: pd.DataFrame) -> bool:
    """Whether every provision name shows whole in the grid's first column."""
    longest = max((len(str(n)) for n in grid.index), default=0)
    return _name_px(longest) <= column_widths(grid)["_index"]


def column_config(grid: pd.DataFrame) -> dict[str, dict]:
    """st.dataframe's column_config for the grid: the widths above, the provision column pinned, and where the grid is
    wider than the page, its header says so (a reader might miss the last documents)."""
    widths = column_widths(grid)
    out = {c: {"label": None, "width": w} for c, w in widths.items()}
    wide = sum(widths.values()) > GRID_PX
    hint = "Scroll sideways for every document; select a cell to read its evidence" if wide else "Select a cell to read its evidence"
    out["_index"] = {"label": "Provision", "width": widths["_index"], "pinned": True, "help": hint}
    return out


def _name_px(chars: int) -> int:
    return math.ceil(chars * CHAR_PX) + 24  # the text and the cell's padding


AGENCY = "agency"  # the cell id's second part for the coded agency's column


def cell_ids(rows: pd.DataFrame, grid: pd.DataFrame, agency_label: str = "") -> dict[tuple[int, str], str]:
    """Each selectable cell of the grid, (row position, column title) -> 'provision_id/doc_id' (or '/agency'), for the URL."""
    pids = dict(zip(rows["provision_name"], rows["provision_id"], strict=False))
    docs = dict(zip(rows["doc_short_title"], rows["doc_id"], strict=False))
    out = {}
    for i, name in enumerate(grid.index):
        for col in grid.columns:
            if col in docs or (agency_label and col == agency_label):
                out[(i, col)] = f"{pids[name]}/{docs.get(col, AGENCY) if col != agency_label else AGENCY}"
    return out


def row_of(rows: pd.DataFrame, cell: str) -> pd.Series | None:
    """The stance row behind a cell id ('warning-shots/ncp-2017-01'); None for the agency column or an unknown id."""
    pid, _, doc = cell.partition("/")
    hit = rows[(rows["provision_id"] == pid) & (rows["doc_id"] == doc)]
    return None if hit.empty else hit.iloc[0]


VERDICT_SYMBOLS = dict(zip(VERDICTS, ("✔", "✖", "?"), strict=True))  # met, not met, not coded
NO_CRITERION = "– no criterion of the coder's"
WORDS_IN_CELL = 90  # characters of the coder's language cell a grid cell shows; the selected cell shows all of it


def verdict_cell(verdict: str, criterion: str, words: str | None = None) -> str:
    """An agency column's cell: the coder's verdict on the coder's own criterion, then the start of their language cell.

    '✖ not met · coder's “Requires De-Escalation”: “No. Mentions but does not require …”'
    """
    cell = f"{VERDICT_SYMBOLS.get(verdict, '?')} {verdict} · coder's “{criterion}”"
    if not isinstance(words, str) or not words.strip():
        return cell
    words = " ".join(words.split())
    cut = words if len(words) <= WORDS_IN_CELL else words[:WORDS_IN_CELL].rsplit(" ", 1)[0] + " …"
    return f"{cell}: “{cut}”"


def with_agency_verdicts(grid: pd.DataFrame, rows: pd.DataFrame, verdicts: pd.DataFrame, label: str) -> pd.DataFrame:
    """The grid with a coded agency's column first: per provision the coder's verdict on the nearest criterion, or none.

    rows: the grid's stance rows (provision_id, provision_name). verdicts: provision_id, verdict, criterion_name, language.
    """
    names = dict(zip(rows["provision_id"], rows["provision_name"], strict=False))
    mapped = verdicts.dropna(subset=["provision_id"])
    cells = (
        mapped.assign(
            name=mapped["provision_id"].map(names),
            cell=[verdict_cell(v, c, w) for v, c, w in zip(mapped["verdict"], mapped["criterion_name"], mapped["language"], strict=True)],
        )
        .dropna(subset=["name"])
        .groupby("name", sort=False)["cell"]
        .agg("; ".join)
    )
    out = grid.copy()
    out.insert(0, label, cells.reindex(out.index).fillna(NO_CRITERION))
    return out
