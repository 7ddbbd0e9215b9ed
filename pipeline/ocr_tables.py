"""The rows of a ruled table on a scanned page, one line a row with " | " between cells.

Tesseract reads a ruled table cell by cell, and a cell whose text wraps over two lines
comes out partly under the next cell; laid out again from the word boxes
(:mod:`pipeline.ocr_layout`) it gives one cell a line at best. A text PDF's table
(:mod:`pipeline.pdf_tables`) and a DOCX table (:mod:`pipeline.office`) reach the fields as
one line a row, cells joined by " | "; this module gives a scanned table the same shape,
from the rules found on the page before OCR (:mod:`pipeline.ocr_rules`):

1. the horizontal rules (floors) that the vertical rules (walls) cross or end on make one
   table of two rows and two columns, or of one row and three cells (the part of a table
   a page break cut off); a box of two cells in one row (the signature beside "Nơi nhận")
   is left to the layout, which reads it as two columns;
2. a row is the band between two floors, a column the strip between two walls; a floor
   that does not cross a column (a cell spanning rows) and a wall that does not cross a
   row (a cell spanning columns) are followed, as a PDF table's cells are;
3. each word goes to the cell holding the middle of its box; a cell's words are read line
   by line, its lines joined by a space; a row's cells by " | ", a trailing empty cell
   dropped and an empty row left out, as :mod:`pipeline.pdf_tables` does.

A ruled header block (the national motto in its first row) is left to the layout, as
pdf_tables leaves it: the header fields read the motto's block line by line.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from typing import NamedTuple

from . import patterns
from .ocr_rules import Floor, Wall

_TSV_FIELDS = 12  # level page block par line word left top width height conf text
_REACH = 12  # px: a wall ends on a floor this close to it; boundaries this close are one
_JUNK_CONF = 50.0  # a word of no letter or digit read below this confidence is a rule's trace
_RULE_MARKS = set("|[]_")  # a word made of these alone is a rule Tesseract read


class TableRow(NamedTuple):
    """One table row laid out as a line: its box, text, word confidences, word height."""

    left: int
    top: int
    right: int
    bottom: int
    text: str
    confs: list[float]
    height: float


class _Word(NamedTuple):
    row: int  # index of its line in the TSV
    key: tuple[int, int, int]  # Tesseract's block, paragraph, line
    left: int
    top: int
    width: int
    height: int
    text: str
    conf: float


class _Grid:
    """One ruled table: its row boundaries top to bottom (each the floors at one height)
    and its column boundaries left to right (outer edges included)."""

    def __init__(self, floors: list[Floor], walls: list[Wall]) -> None:
        self.left = min(f[0] for f in floors)
        self.right = max(f[1] for f in floors)
        centre = (self.left + self.right) / 2
        self.rows: list[list[Floor]] = []
        for f in sorted(floors, key=lambda f: _y(f, centre)):
            if self.rows and abs(_y(f, centre) - _y(self.rows[-1][0], centre)) <= _REACH:
                self.rows[-1].append(f)  # a rule broken by a cell spanning rows
            else:
                self.rows.append([f])
        self.walls = walls
        xs: list[float] = []
        for x in sorted([self.left, self.right, *(w[0] for w in walls)]):
            if not xs or x - xs[-1] > _REACH:
                xs.append(x)
        self.xs = xs

    def boundary(self, r: int, x: float) -> float:
        """Height of row boundary ``r`` at ``x`` (its longest floor, extended)."""
        return _y(max(self.rows[r], key=lambda f: f[1] - f[0]), x)

    def covers(self, r: int, x: float) -> bool:
        """Whether row boundary ``r`` runs through ``x`` (no cell spans it there)."""
        return any(f[0] - _REACH <= x <= f[1] + _REACH for f in self.rows[r])

    def cuts(self, r: int) -> list[float]:
        """The column boundaries of row ``r``: the outer edges and the walls crossing it."""
        out = [self.xs[0]]
        for x in self.xs[1:-1]:
            mid = (self.boundary(r, x) + self.boundary(r + 1, x)) / 2
            if any(abs(w[0] - x) <= _REACH and w[1] - _REACH <= mid <= w[2] + _REACH for w in self.walls):
                out.append(x)
        return [*out, self.xs[-1]]

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, cell of that row) holding the point, else None (outside the table)."""
        if not self.left - _REACH <= x <= self.right + _REACH:
            return None
        last = len(self.rows) - 1
        if not self.boundary(0, x) <= y <= self.boundary(last, x):
            return None
        r = 0
        while r + 1 < last and self.boundary(r + 1, x) <= y:
            r += 1
        while r > 0 and not self.covers(r, x):  # under a cell spanning rows from above
            r -= 1
        return r, max(bisect_right(self.cuts(r), x) - 1, 0)


def table_rows(tsv: str, walls: list[Wall], floors: list[Floor]) -> tuple[str, list[TableRow]]:
    """Tesseract's TSV without the words of the page's ruled tables, and those tables' rows
    as lines ("cell | cell | cell") with their boxes; ``(tsv, [])`` when the page has no
    ruled table."""
    grids = _grids(walls, floors)
    if not grids:
        return tsv, []
    lines = tsv.split("\n")
    cells: dict[tuple[int, int, int], list[_Word]] = {}
    for word in _tsv_words(lines):
        x, y = word.left + word.width / 2, word.top + word.height / 2
        for g, grid in enumerate(grids):
            if (at := grid.cell(x, y)) is not None:
                cells.setdefault((g, *at), []).append(word)
                break
    header = patterns.regex("fields", "national_motto")
    rows: list[TableRow] = []
    used: set[int] = set()
    for g, grid in enumerate(grids):
        mine = {k[1:]: v for k, v in cells.items() if k[0] == g}
        first = " ".join(_cell_text(v) for k, v in mine.items() if k[0] == 0)
        if not mine or header.search(first):
            continue
        for r in range(len(grid.rows) - 1):
            row = _row(grid, r, mine)
            if row is not None:
                rows.append(row)
        used |= {w.row for v in mine.values() for w in v}
    if not rows:
        return tsv, []
    return "\n".join(ln for i, ln in enumerate(lines) if i not in used), rows


def _y(floor: Floor, x: float) -> float:
    """Height of ``floor`` at ``x`` (its line extended past its ends)."""
    left, right, y0, y1 = floor
    return y0 if right == left else y0 + (y1 - y0) * (x - left) / (right - left)


def _grids(walls: list[Wall], floors: list[Floor]) -> list[_Grid]:
    """The ruled tables: floors joined by the walls that cross or end on them, each with
    three floors or more and a wall strictly inside (two columns)."""
    parent = list(range(len(floors)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    touched: dict[int, list[Wall]] = {}
    for wall in walls:
        x, top, bottom = wall
        hits = [
            i
            for i, f in enumerate(floors)
            if f[0] - _REACH <= x <= f[1] + _REACH and top - _REACH <= _y(f, x) <= bottom + _REACH
        ]
        for i in hits:
            touched.setdefault(i, []).append(wall)
            parent[root(i)] = root(hits[0])
    groups: dict[int, list[int]] = {}
    for i in touched:
        groups.setdefault(root(i), []).append(i)
    out = []
    for members in groups.values():
        mine = [floors[i] for i in members]
        group_walls = list({w for i in members for w in touched[i]})
        grid = _Grid(mine, group_walls)
        # two rows and two columns, or one row of three cells or more (a table broken by
        # the page's end); a two-cell box of one row (the signature beside "Nơi nhận") is
        # laid out as two columns
        if len(grid.rows) >= 2 and len(grid.xs) >= 3 and (len(grid.rows) >= 3 or len(grid.xs) >= 4):
            out.append(grid)
    return out


def _tsv_words(lines: list[str]) -> list[_Word]:
    """The words of Tesseract's TSV lines (level 5) with a box and a confidence, text in NFC
    (the one reader of the TSV: :mod:`pipeline.ocr_layout` and :mod:`pipeline.ocr` use it too)."""
    out = []
    for i, line in enumerate(lines):
        cols = line.split("\t")
        if len(cols) < _TSV_FIELDS or cols[0] != "5":
            continue
        text = "\t".join(cols[11:]).strip()
        try:
            conf = float(cols[10])
            key = (int(cols[2]), int(cols[3]), int(cols[4]))
            box = [int(c) for c in cols[6:10]]
        except ValueError:
            continue
        if conf >= 0 and text:
            out.append(_Word(i, key, *box, unicodedata.normalize("NFC", text), conf))
    return out


def _junk(word: _Word) -> bool:
    """A trace of an erased rule read as a word ("|", "[", "_") or a faint speck."""
    if set(word.text) <= _RULE_MARKS:
        return True
    return not _alnum(word) and word.conf < _JUNK_CONF


def _alnum(word: _Word) -> bool:
    return any(c.isalnum() for c in word.text)


def _cell_text(words: list[_Word]) -> str:
    """A cell's words in reading order: line by line (a Tesseract line's words in the cell,
    lines whose middles lie within half a word height one line), top to bottom, left to
    right; its lines joined by a space (none after a date's slash). A Tesseract line of
    marks alone ("-", ".") in a cell of words is a speck between two lines."""
    words = [w for w in words if not _junk(w)]
    if not words:
        return ""
    height = sorted(w.height for w in words)[len(words) // 2]
    groups: dict[tuple[int, int, int], list[_Word]] = {}
    for w in words:
        groups.setdefault(w.key, []).append(w)

    def mid(line: list[_Word]) -> float:
        return sorted(w.top + w.height / 2 for w in line)[len(line) // 2]

    kept = [g for g in groups.values() if any(map(_alnum, g))] or list(groups.values())
    lines: list[list[_Word]] = []
    for group in sorted(kept, key=mid):
        if lines and mid(group) - mid(lines[-1]) <= 0.5 * height:
            lines[-1] += group  # one line Tesseract read as two
        else:
            lines.append(group)
    out = ""
    for line in lines:
        text = " ".join(w.text for w in sorted(line, key=lambda w: w.left))
        # a date a narrow column broke after its slash ("19/11/" over "2021"): one word, as
        # pdf_tables joins it
        glue = "" if out.endswith("/") and out[-2:-1].isdigit() and text[:1].isdigit() else " "
        out = f"{out}{glue}{text}" if out else text
    return out


def _row(grid: _Grid, r: int, cells: dict[tuple[int, int], list[_Word]]) -> TableRow | None:
    """Row ``r`` of the table as one line, or None when it holds no text."""
    count = len(grid.cuts(r)) - 1
    texts = [_cell_text(cells.get((r, c), [])) for c in range(count)]
    line = " | ".join(texts).rstrip(" |")
    words = [w for c in range(count) for w in cells.get((r, c), [])]
    if not line.strip() or not words:
        return None
    heights = sorted(w.height for w in words)
    return TableRow(
        left=int(grid.left),
        top=min(w.top for w in words),
        right=int(grid.right),
        bottom=max(w.top + w.height for w in words),
        text=line,
        confs=[w.conf for w in words],
        height=heights[len(heights) // 2],
    )
