"""Tables of a plan's body as the normalized text holds them: DOCX rows whose cells are
joined by " | ", markdown tables (hard-wrapped rows included), and the rows a text PDF
gives as " | " lines. Normalize sets every cell on its own line, so rows and columns are
read back from the original text each line came from. Helper of
:mod:`pipeline.fields_body` and :mod:`pipeline.fields_schedule`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .fields_common import Doc, clean, rx


def table_rows(
    doc: Doc, lo: int, hi: int
) -> tuple[list[str], list[list[tuple[int, int] | None]], int | None]:
    """The first table of [lo, hi) (DOCX cells joined by " | ", a markdown table) whose
    header row names an activity column ("Nội dung (hoạt động)", "Hoạt động"): its header
    cells (lower case), the cell spans of each row below, one per header column (None for
    an empty cell), and the activity column's index; ([], [], None) if none.
    Normalize sets every cell on its own line, so rows are read back from the original
    line each cell came from, and a cell's column from the "|" before it; a markdown row
    hard-wrapped over several lines ("| 3 | Chuyên đề … cho giáo viên" / "| 14h00 … |")
    is one row."""
    t, src = doc.t, doc.text.src
    original = _original(doc)
    rows: list[dict[int, tuple[int, int]]] = []
    last_row = None
    for s, e in _original_lines(doc, lo, hi):
        cell = _cell_of(original, src[s])
        if cell is None:
            last_row = None
            continue
        row, col = cell
        if row != last_row:
            rows.append({})
            last_row = row
        old = rows[-1].get(col)
        rows[-1][col] = (old[0], e) if old else (s, e)  # a cell wrapped over two lines
    header = rx("activity_table_header")
    for k, cells in enumerate(rows):
        width = max(cells) + 1
        names = [clean(t[c[0] : c[1]].strip(" *|")) or "" if c else "" for c in map(cells.get, range(width))]
        col = next((j for j, n in enumerate(names) if header.match(n)), None)
        if len(cells) < 2 or col is None:
            continue
        body = [[r.get(j) for j in range(width)] for r in rows[k + 1 :]]
        return (
            [n.lower() for n in names],
            [r for r in body if r[col] and sum(c is not None for c in r) >= 2],
            col,
        )
    return [], [], None


def _cell_of(original: str, o: int) -> tuple[int, int] | None:
    """(start of the table row, column) of the original offset ``o``; None off a table."""
    ls = max(original.rfind("\n", 0, o), original.rfind("\f", 0, o)) + 1  # a page starts a line
    row = _markdown_rows(original).get(ls, ls)
    ends = [e for e in (original.find("\n", o), original.find("\f", o)) if e != -1]
    line = original[ls : min(ends, default=len(original))]
    if "|" not in line and row == ls:
        return None
    col = original.count("|", row, o) - (1 if original[row:o].lstrip().startswith("|") else 0)
    return row, max(col, 0)


@lru_cache(maxsize=4)  # one document's text at a time; never a growing cache
def _markdown_rows(original: str) -> dict[int, int]:
    """Line start → start of its markdown row, for the lines that continue a row
    hard-wrapped over several lines: a row runs on until it holds as many "|" as the
    table's "|---|---|" line (or, without one, until a line ends with "|")."""
    out: dict[int, int] = {}
    row, pipes, width = None, 0, None
    pos, prev = 0, ""
    for line in original.split("\n"):
        st = line.strip()
        if not st:
            row, width = None, None
        elif row is not None and (pipes < width if width else not prev.endswith("|")):
            out[pos] = row
            pipes += st.count("|")
        elif st.startswith("|"):
            if re.fullmatch(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*", st):
                width = st.count("|")
                row = None
            else:
                row, pipes = pos, st.count("|")
        else:
            row, width = None, None
        prev = st
        pos += len(line) + 1
    return out


def _original(doc: Doc) -> str:
    """The document's original text, pages joined as ``Text.src`` counts them (built once)."""
    if doc.original is None:
        doc.original = doc.text.PAGE_SEP.join(doc.text.originals)
    return doc.original


def _original_lines(doc: Doc, lo: int, hi: int) -> list[tuple[int, int]]:
    """The lines of [lo, hi), each cut again where the original had a line break that
    normalize joined (a table row's last cell glued to the next row's first)."""
    t, src = doc.t, doc.text.src
    original = _original(doc)
    out = []
    for m in re.finditer(r"[^\n]+", t[lo:hi]):
        s, e = lo + m.start(), lo + m.end()
        start = s
        for i in range(s + 1, e):
            if "\n" in original[src[i - 1] : src[i]]:
                out.append((start, i))
                start = i
        out.append((start, e))
    return [(a, b) for a, b in out if t[a:b].strip()]
