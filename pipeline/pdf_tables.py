"""Ruled tables of a PDF text layer, laid out one row a line with " | " between cells.

A PDF text layer gives a ruled table's text line by line down the page: a row's cells and
each cell's wrapped lines come out as loose lines ("1" / "Tổ chức Lễ phát động Tháng" /
"hành động vì …" / "8 giờ 00 ngày 16/4/2021 Phòng Y tế"), so the fields downstream see a
date, a place and an agency as separate paragraphs. A DOCX table reaches them as one line
a row, cells joined by " | " (``office.read_office``); this module gives a PDF table the
same shape, from the page's own drawing:

1. the ruling lines are read from the page's path objects through PDFium (cheap: a page
   with no path objects, or whose paths make no horizontal and vertical lines, stops here);
2. the lines are joined into cells with pdfplumber's table geometry (``merge_edges`` →
   intersections → cells → tables), run on those edges only: pdfplumber never parses the
   page, so the edges and the glyph boxes share one coordinate space;
3. each character of the text layer goes to the cell holding the centre of its glyph box;
   a cell's lines are joined by a space, a row's cells by " | " (a trailing empty cell
   dropped, as the DOCX reader does);
4. the page text is rebuilt: every line outside the tables is kept as it was, each table
   stands where its first line stood.

A one-column grid (a framed paragraph) and a ruled header block (the national motto in its
first row) are left as they were: the header fields read the motto's block line by line.
"""

from __future__ import annotations

import ctypes
from bisect import bisect_right
from dataclasses import dataclass, field

from . import patterns
from .legacy import _is_syllable

_MAX_PATHS = 5000  # a page drawn as thousands of vector paths (a chart, a map) is no table
_MAX_SEGMENTS = 50_000
_AXIS = 0.5  # points: a segment this close to horizontal/vertical is a ruling line
_MIN_EDGE = 3.0  # points: shorter segments are glyph-like strokes, not rules
_TOLERANCE = 3.0  # pdfplumber's default snap/join/intersection tolerance
_WHITE = 250  # a fill this light with no stroke draws no visible line


@dataclass
class PageTables:
    """A page's text with its ruled tables one row a line.

    ``moved`` maps the offset of each line break kept from the old text (``\\r\\n`` and
    ``\\r`` made ``\\n``) to its offset in ``text``; ``rows`` holds the offsets, in ``text``,
    of the line breaks that end a table row or stand just before a table."""

    text: str
    moved: dict[int, int] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)
    tables: int = 0


@dataclass
class _Table:
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom (top = -y)
    rows: list[list[tuple[float, float, float, float] | None]]
    xs: list[float]  # left edge of each column
    tops: list[float]  # top of each row
    bottoms: list[float]
    cells: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # runs in text order
    # per run of ``cells``: left and right of its glyphs, width of its first glyph
    boxes: dict[tuple[int, int], list[tuple[float, float, float]]] = field(default_factory=dict)


def table_text(page, textpage, raw: str) -> PageTables | None:
    """The text of ``page`` (``raw``: its text page's full text range) with each ruled table
    of two columns or more laid out one row a line, cells joined by " | ", in reading order
    with the text around it; None when the page has no such table (its text stays as is) or
    its text does not line up with the glyphs one to one."""
    if len(raw) != textpage.count_chars():
        return None
    edges = _edges(page)
    if edges is None:
        return None
    tables = _tables(edges)
    if not tables:
        return None
    return _rebuild(textpage, raw, tables)


# ------------------------------------------------------------------------- ruling lines


def _edges(page) -> list[dict] | None:
    """Horizontal and vertical ruling segments of the page (None if fewer than two of each)."""
    import pypdfium2.raw as pc

    h: list[dict] = []
    v: list[dict] = []
    budget = [_MAX_PATHS, _MAX_SEGMENTS]
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def walk(count, get, parent, m, depth: int) -> bool:
        for k in range(count(parent)):
            obj = get(parent, k)
            kind = pc.FPDFPageObj_GetType(obj)
            if kind == pc.FPDF_PAGEOBJ_FORM and depth < 4:
                inner = _compose(_matrix(pc, obj), m)
                if not walk(pc.FPDFFormObj_CountObjects, pc.FPDFFormObj_GetObject, obj, inner, depth + 1):
                    return False
            elif kind == pc.FPDF_PAGEOBJ_PATH:
                budget[0] -= 1
                if budget[0] < 0 or not _path_edges(pc, obj, _compose(_matrix(pc, obj), m), h, v, budget):
                    return False
        return True

    if not walk(pc.FPDFPage_CountObjects, pc.FPDFPage_GetObject, page.raw, identity, 0):
        return None
    if len(h) < 2 or len(v) < 2:
        return None
    return h + v


def _matrix(pc, obj) -> tuple[float, ...]:
    m = pc.FS_MATRIX()
    if not pc.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_edges(pc, obj, m, h: list[dict], v: list[dict], budget: list[int]) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if pc.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) and not stroke.value:
        if not fill.value:
            return True  # draws nothing
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        if (
            pc.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(x) for x in (r, g, b, a)))
            and min(r.value, g.value, b.value) >= _WHITE
        ):
            return True  # a white box: no visible line
    n = pc.FPDFPath_CountSegments(obj)
    budget[1] -= max(n, 0)
    if budget[1] < 0:
        return False
    x, y = ctypes.c_float(), ctypes.c_float()
    start = prev = None
    for k in range(max(n, 0)):
        seg = pc.FPDFPath_GetPathSegment(obj, k)
        if not seg or not pc.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        a, b, c, d, e, f = m
        point = (x.value * a + y.value * c + e, x.value * b + y.value * d + f)
        kind = pc.FPDFPathSegment_GetType(seg)
        if kind == pc.FPDF_SEGMENT_LINETO and prev is not None:
            _add(prev, point, h, v)
        if kind == pc.FPDF_SEGMENT_MOVETO:
            start = point
        prev = point
        if pc.FPDFPathSegment_GetClose(seg) and start is not None:
            _add(point, start, h, v)
            prev = start
    return True


def _add(p: tuple[float, float], q: tuple[float, float], h: list[dict], v: list[dict]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= _AXIS and abs(x0 - x1) >= _MIN_EDGE:
        lo, hi = sorted((x0, x1))
        top = -(y0 + y1) / 2
        h.append(
            {"x0": lo, "x1": hi, "top": top, "bottom": top, "doctop": top, "width": hi - lo, "height": 0.0}
            | {"orientation": "h"}
        )
    elif abs(x0 - x1) <= _AXIS and abs(y0 - y1) >= _MIN_EDGE:
        top, bottom = sorted((-y0, -y1))
        xm = (x0 + x1) / 2
        v.append(
            {"x0": xm, "x1": xm, "top": top, "bottom": bottom, "doctop": top, "width": 0.0}
            | {"height": bottom - top, "orientation": "v"}
        )


# -------------------------------------------------------------------------------- cells


def _tables(edges: list[dict]) -> list[_Table]:
    from pdfplumber.table import (
        Table,
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    merged = merge_edges(edges, _TOLERANCE, _TOLERANCE, _TOLERANCE, _TOLERANCE)
    merged = [e for e in merged if (e["width"] if e["orientation"] == "h" else e["height"]) >= _MIN_EDGE]
    cells = intersections_to_cells(edges_to_intersections(merged, _TOLERANCE, _TOLERANCE))
    out = []
    for group in cells_to_tables(cells):
        table = Table(None, group)
        rows = [list(row.cells) for row in table.rows]
        xs = sorted({c[0] for c in group})
        if len(xs) < 2:
            continue  # a framed paragraph, not a table
        tops = [next(c[1] for c in row if c) for row in rows]
        bottoms = [max(c[3] for c in row if c) for row in rows]
        out.append(_Table(bbox=table.bbox, rows=rows, xs=xs, tops=tops, bottoms=bottoms))
    return out


def _cell_at(tables: list[_Table], x: float, top: float) -> tuple[int, int, int] | None:
    """(table, row, column) whose cell holds the point, else None."""
    for t, table in enumerate(tables):
        x0, t0, x1, b0 = table.bbox
        if not (x0 <= x <= x1 and t0 <= top <= b0):
            continue
        r = bisect_right(table.tops, top) - 1
        if r < 0 or top > table.bottoms[r]:
            return None
        for c, cell in enumerate(table.rows[r]):
            if cell and cell[0] <= x <= cell[2] and cell[1] <= top <= cell[3]:
                return t, r, c
        # under a cell spanning rows from above
        for rr in range(r - 1, -1, -1):
            for c, cell in enumerate(table.rows[rr]):
                if cell and cell[0] <= x <= cell[2] and cell[1] <= top <= cell[3]:
                    return t, rr, c
        return None
    return None


# ------------------------------------------------------------------------------ rebuild


def _rebuild(textpage, raw: str, tables: list[_Table]) -> PageTables | None:
    # lines of the text as ingest keeps it, with each char's index in ``raw``
    lines: list[list[tuple[int, str]]] = [[]]
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch in "\r\n":
            if ch == "\r" and raw[i + 1 : i + 2] == "\n":
                i += 1
            lines.append([])
        else:
            lines[-1].append((i, ch))
        i += 1
    # assign every glyph to a cell; spaces follow the glyph before them
    where: list[list[tuple[int, int, int] | None]] = []
    for line in lines:
        row_of: list[tuple[int, int, int] | None] = []
        last = None
        for idx, ch in line:
            if ch.isspace():
                row_of.append(last)
                continue
            left, bottom, right, top = textpage.get_charbox(idx)
            last = _cell_at(tables, (left + right) / 2, -(bottom + top) / 2)
            row_of.append(last)
        where.append(row_of)
    if not any(w is not None for row_of in where for w in row_of):
        return None  # the grid holds no text (a drawn frame, a form to fill)
    header = patterns.regex("fields", "national_motto")
    for line, row_of in zip(lines, where, strict=True):
        k = 0
        while k < len(line):
            w, j = row_of[k], k
            while j < len(line) and row_of[j] == w:
                j += 1
            if w is not None:
                run = "".join(ch for _, ch in line[k:j])
                tables[w[0]].cells.setdefault((w[1], w[2]), []).append(run)
                tables[w[0]].boxes.setdefault((w[1], w[2]), []).append(_run_box(textpage, line[k:j]))
            k = j
    keep = {
        t
        for t, table in enumerate(tables)
        if table.cells and not any(header.search(_cell_text(table, r, c)) for r, c in table.cells if r == 0)
    }
    if not keep:
        return None
    return _assemble(lines, where, tables, keep)


def _run_box(textpage, chars: list[tuple[int, str]]) -> tuple[float, float, float]:
    """(left, right, width of the first glyph) of a run's glyphs; zeros without glyphs."""
    boxes = [textpage.get_charbox(i) for i, ch in chars if not ch.isspace()]
    if not boxes:
        return 0.0, 0.0, 0.0
    return min(b[0] for b in boxes), max(b[2] for b in boxes), boxes[0][2] - boxes[0][0]


def _cell_text(table: _Table, r: int, c: int) -> str:
    """A cell's lines joined by a space, except where a line broke inside a word (see
    :func:`_broken_word`): a date a narrow column broke after its slash ("19/11/" over
    "2021") or inside its digits ("05/9" / "/202" / "6"), a syllable wider than the cell
    broken across its lines ("Ngà" / "y")."""
    runs = table.cells.get((r, c), [])
    boxes = table.boxes.get((r, c), [])
    row = table.rows[r] if r < len(table.rows) else []
    cell = row[c] if c < len(row) else None
    # the column's text edge: the right end of its widest line, in the cells of its width
    edge = max(
        (
            b[1]
            for (rr, cc), bs in table.boxes.items()
            if cell and table.rows[rr][cc] and abs(table.rows[rr][cc][2] - cell[2]) <= _TOLERANCE
            for b in bs
        ),
        default=None,
    )
    out, last, last_box = "", "", None
    for k, run in enumerate(runs):
        run = " ".join(run.split())
        if not run:
            continue
        box = boxes[k] if k < len(boxes) else None
        if out and _broken_word(out, last, last_box, box, (cell, edge), run):
            out = f"{out}{run}"
        else:
            out = f"{out} {run}" if out else run
        last, last_box = run, box
    return out


def _broken_word(
    out: str,
    last: str,
    last_box: tuple[float, float, float] | None,
    box: tuple[float, float, float] | None,
    bounds: tuple[tuple[float, float, float, float] | None, float | None],
    run: str,
) -> bool:
    """The line ``last`` (ending ``out``) broke inside a word that ``run`` goes on with:
    a date broken at a slash ("19/11/" + "2021", "05/9" + "/202") or an amount at a dot
    ("120.000." + "000"), or a line that is one
    word filling the cell (the next glyph would pass the cell's right margin, taken as wide
    as its left one, or the right end of the column's widest line: the word did not fit)
    whose end and the next line's first word make one date ("05/9/202" + "6") or one
    Vietnamese syllable ("Ngà" + "y"). A wrap between two words leaves them apart
    ("Thường" / "xuyên" is not one syllable)."""
    tail, head = out.rsplit(" ", 1)[-1], run.split(" ", 1)[0]
    date = _date_start(tail + head)
    if date and (tail.endswith("/") or head.startswith("/")):
        return True
    if (tail.endswith(".") or head.startswith(".")) and _amount(tail + head):
        return True  # "120.000." + "000"
    cell, edge = bounds
    if last_box is None or box is None or cell is None or " " in last or last_box[1] <= last_box[0]:
        return False
    limit = cell[2] - max(last_box[0] - cell[0], 0.0)
    if edge is not None:
        limit = min(limit, edge)
    if last_box[1] + box[2] <= limit + _TOLERANCE / 3:
        return False
    if date:
        return True
    return tail.isalpha() and head.isalpha() and _is_syllable(tail + head)


def _date_start(s: str) -> bool:
    """``s`` is a day and month, with a year or its start ("05/9/202", "19/11/2021",
    "6/10"): day 1-31, month 1-12, so two numbers on two lines ("10" + "11/2") are none."""
    parts = s.split("/")
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts[:2]):
        return False
    year = parts[2] if len(parts) == 3 else ""
    return (
        len(parts[0]) <= 2
        and len(parts[1]) <= 2
        and 1 <= int(parts[0]) <= 31
        and 1 <= int(parts[1]) <= 12
        and len(year) <= 4
        and (not year or year.isdigit())
    )


def _amount(s: str) -> bool:
    """``s`` is an amount in thousands groups ("120.000.000", "25.000")."""
    groups = s.split(".")
    return (
        len(groups) >= 2
        and all(g.isdigit() for g in groups)
        and 1 <= len(groups[0]) <= 3
        and all(len(g) == 3 for g in groups[1:])
    )


def _row_lines(table: _Table) -> list[str]:
    out = []
    for r, row in enumerate(table.rows):
        cells: list[str] = []
        for c, cell in enumerate(row):
            if cell is None:
                left = next((row[k] for k in range(c - 1, -1, -1) if row[k]), None)
                if left is not None and left[2] > table.xs[c] + _TOLERANCE:
                    continue  # covered by a cell spanning columns
                cells.append("")
                continue
            cells.append(_cell_text(table, r, c))
        line = " | ".join(cells).rstrip(" |")
        if line.strip():
            out.append(line)
    return out


def _assemble(lines, where, tables: list[_Table], keep: set[int]) -> PageTables:
    out: list[str] = []
    moved: dict[int, int] = {}
    rows: list[int] = []
    done: set[int] = set()
    pos = old = 0  # offsets of the current line's start in the new and old text

    def emit(line: str, old_break: int | None, row_end: bool) -> None:
        nonlocal pos
        out.append(line)
        end = pos + len(line)
        if old_break is not None:
            moved[old_break] = end
        if row_end:
            rows.append(end)
        pos = end + 1

    for n, (line, row_of) in enumerate(zip(lines, where, strict=True)):
        old_break = old + len(line) if n < len(lines) - 1 else None
        old += len(line) + 1
        touched = {w[0] for w in row_of if w is not None and w[0] in keep}
        if not touched:
            emit("".join(ch for _, ch in line), old_break, False)
            continue
        outside = "".join(
            ch for (_, ch), w in zip(line, row_of, strict=True) if w is None or w[0] not in keep
        )
        if outside.strip():
            emit(outside.strip(), None, True)
        for t in sorted(touched, key=lambda t: tables[t].bbox[1]):
            if t in done:
                continue
            done.add(t)
            if out:
                rows.append(pos - 1)  # the break before the table ends its paragraph
            for row in _row_lines(tables[t]):
                emit(row, None, True)
    text = "\n".join(out)
    rows = sorted({r for r in rows if 0 <= r < len(text)})
    return PageTables(text=text, moved=moved, rows=rows, tables=len(done))
