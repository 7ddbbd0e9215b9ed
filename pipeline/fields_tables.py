"""Tables of a plan's body as the normalized text holds them: DOCX rows whose cells are
joined by " | ", markdown tables (hard-wrapped rows included), and the rows a text PDF
gives as " | " lines. Normalize sets every cell on its own line, so rows and columns are
read back from the original text each line came from. Helper of
:mod:`pipeline.fields_body` and :mod:`pipeline.fields_schedule`.

What a reader does with a table that a plain row-by-row reading gets wrong:

- a row split by a page break: its tail opens the next page as a row whose index cell
  ("STT") is empty, or whose activity starts in lower case — it is the same row;
- a header row repeated at the top of the next page is no row;
- a group row ("I | CÔNG TÁC TUYÊN TRUYỀN", "A | PHẦN LỄ") and a totals row ("Tổng cộng |
  … | 375") are no activities;
- a header over two rows ("Thời gian" spanning "Bắt đầu | Kết thúc"): the sub-columns are
  one cell of the spanning column;
- a schedule's day cell ("Ngày") merged down the rows of its day holds for each of them;
- a table without a header row (or whose columns a caption line above names): the
  activity column is the one of long sentences, the time column the one of dates.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .dates import find_dates
from .fields_common import Doc, body_rx, clean, rx

_Span = tuple[int, int]


class _Cell(tuple):
    """A cell's span ``(start, end)`` in the normalized text, with the cell's whole ``text``
    when it differs from ``t[start:end]``: a row split by a page break keeps the span of
    its first piece (evidence) and the pieces joined in ``text``."""

    text: str

    def __new__(cls, start: int, end: int, text: str) -> _Cell:
        cell = super().__new__(cls, (start, end))
        cell.text = text
        return cell


def table_rows(doc: Doc, lo: int, hi: int) -> tuple[list[str], list[list[_Span | None]], int | None]:
    """The first table of [lo, hi) (DOCX cells joined by " | ", a markdown table) whose
    header row names an activity column ("Nội dung (hoạt động)", "Hoạt động"), or, when no
    row does, a table whose columns its cells tell (one of dates, one of long sentences):
    its header cells (lower case), the cell spans of each row below, one per header column
    (None for an empty cell), and the activity column's index; ([], [], None) if none.
    A cell of a row that a page break split is a span with a ``text`` attribute holding the
    whole cell (``getattr(cell, "text", None)``); group rows, totals rows and a repeated
    header row are left out. Normalize sets every cell on its own line, so rows are read
    back from the original line each cell came from, and a cell's column from the "|"
    before it; a markdown row hard-wrapped over several lines is one row."""
    t = doc.t
    rows, breaks, first = _read_rows(doc, lo, hi)
    texts = [{c: _text(t, s) for c, s in r.items()} for r in rows]
    found = _header(texts) or _headerless(doc, texts, first)
    if found is None:
        return [], [], None
    k, names, col = found
    width = len(names)
    body = [[r.get(j) for j in range(width)] for r in rows[k + 1 :]]
    size = len(body)
    names, body, col = _sub_header(t, names, body, col)
    cut = {i - (k + 1) - (size - len(body)) for i in breaks if i > k}  # a sub-header row dropped
    body = _joined(t, names, body, col, cut)
    body = [r for r in body if not _group_or_total(t, names, r, col)]
    names, body = _day_rows(t, names, body, col)
    body = _carried(names, body, col)
    return (
        [n.lower() for n in names],
        [r for r in body if r[col] and sum(c is not None for c in r) >= 2],
        col,
    )


def _read_rows(doc: Doc, lo: int, hi: int) -> tuple[list[dict[int, _Span]], set[int], int | None]:
    """The table rows of [lo, hi) (column → span), the indexes of the rows that open a new
    page, and the offset where the first row starts."""
    src = doc.text.src
    original = _original(doc)
    # from the start of lo's line: normalize may have glued the header row's first cell to
    # the heading above ("III. NỘI DUNG HOẠT ĐỘNG STT"); its pieces are cut apart again below
    lo = doc.t.rfind("\n", 0, lo) + 1
    rows: list[dict[int, _Span]] = []
    starts: list[int] = []
    last_row = None
    first = None
    for s, e in _original_lines(doc, lo, hi):
        # an empty cell's pipe normalize left at the line's start ("| Đơn vị thực hiện")
        s += len(doc.t[s:e]) - len(doc.t[s:e].lstrip(" |"))
        if s >= e:
            continue
        cell = _cell_of(original, src[s])
        if cell is None:
            last_row = None
            continue
        row, col = cell
        if row != last_row:
            rows.append({})
            starts.append(row)
            last_row = row
            first = s if first is None else first
        old = rows[-1].get(col)
        rows[-1][col] = (old[0], e) if old else (s, e)  # a cell wrapped over two lines
    breaks = {i for i in range(1, len(starts)) if "\f" in original[starts[i - 1] : starts[i]]}
    return rows, breaks, first


def _text(t: str, span: _Span | None) -> str:
    if span is None:
        return ""
    return getattr(span, "text", None) or clean(t[span[0] : span[1]].strip(" *|")) or ""


def _header(texts: list[dict[int, str]]) -> tuple[int, list[str], int] | None:
    header = rx("activity_table_header")
    for k, cells in enumerate(texts):
        if len(cells) < 2:
            continue
        names = [cells.get(j, "") for j in range(max(cells) + 1)]
        col = next((j for j, n in enumerate(names) if header.match(n)), None)
        if col is not None:
            return k, names, col
    return None


def _headerless(
    doc: Doc, texts: list[dict[int, str]], first: int | None
) -> tuple[int, list[str], int] | None:
    """A table with no header row: the column of dates/times (exactly one) and the column of
    long sentences (its cells twice as long as any other column's, mostly) tell the time
    and activity columns; a column of small numbers is the index. A caption line just above
    that lists the columns ("Lịch tổ chức các hoạt động (nội dung, thời gian, địa điểm, đơn
    vị thực hiện):") names them all."""
    widths = Counter(max(c) + 1 for c in texts if len(c) >= 2)
    if not widths:
        return None
    width, count = widths.most_common(1)[0]
    rows = [c for c in texts if len(c) >= 2 and max(c) + 1 == width]
    if width < 3 or count < 2:
        return None

    def share(j: int, test) -> float:
        filled = [r[j] for r in rows if r.get(j)]
        return sum(bool(test(x)) for x in filled) / len(filled) if filled else 0.0

    def mean(j: int) -> float:
        return sum(len(r.get(j, "")) for r in rows) / len(rows)

    index = {j for j in range(width) if share(j, rx("table_index_cell").fullmatch) >= 0.8}
    when = [j for j in range(width) if j not in index and share(j, rx("table_time_cell").search) >= 0.6]
    others = sorted((j for j in range(width) if j not in index and j not in when), key=mean, reverse=True)
    if len(when) != 1 or not others:
        return None
    act = others[0]
    sentence = share(act, lambda x: x[:1].isupper() and len(x.split()) >= 4)
    if sentence < 0.6 or (len(others) > 1 and mean(act) < 1.3 * mean(others[1])):
        return None
    names = ["stt" if j in index else "" for j in range(width)]
    names[when[0]], names[act] = "thời gian", "nội dung"
    caption = _caption(doc, first, [j for j in range(width) if j not in index])
    if (
        caption
        and rx("activity_table_header").match(caption[act])
        and caption[when[0]].lower().startswith("thời gian")
    ):
        names = [caption.get(j, n) for j, n in enumerate(names)]
    return -1, names, act


def _caption(doc: Doc, first: int | None, cols: list[int]) -> dict[int, str]:
    """The column names a caption line just above the table lists, one per column of
    ``cols`` ("… (nội dung, thời gian, địa điểm, đơn vị thực hiện):"); {} if none does."""
    if first is None:
        return {}
    line = doc.t[:first].rstrip().rsplit("\n", 1)[-1]
    m = rx("table_caption_columns").search(line)
    if not m:
        return {}
    items = [clean(x) or "" for x in re.split(r"[,;]", m.group("cols") or m.group("cols2"))]
    if len(items) != len(cols) or not all(items):
        return {}
    return {j: x[:1].upper() + x[1:] for j, x in zip(cols, items, strict=True)}


def _sub_header(
    t: str, names: list[str], body: list[list[_Span | None]], col: int
) -> tuple[list[str], list[list[_Span | None]], int]:
    """A header over two rows ("Thời gian" over "Bắt đầu | Kết thúc"): the row below the
    header holds only sub-column names under a header cell spanning columns (the cells to
    its right empty in the header row). Each spanning column's sub-columns become one cell
    (the same text twice, "19/11/2021 | 19/11/2021", is one)."""
    if not body or body[0][col] is not None:
        return names, body, col
    sub = [_text(t, c) for c in body[0]]
    groups: dict[int, list[int]] = {}
    for j, x in enumerate(sub):
        if not x:
            continue
        left = j
        while left > 0 and not names[left]:
            left -= 1
        if (
            re.search(r"\d", x)
            or not names[left]
            or (left == j and not (j + 1 < len(names) and not names[j + 1]))
        ):
            return names, body, col  # not a row of sub-column names
        groups.setdefault(left, []).append(j)
    spans = {left: list(range(left, max(js) + 1)) for left, js in groups.items()}
    if not any(len(js) > 1 for js in spans.values()):
        return names, body, col
    keep = [j for j in range(len(names)) if not any(j in js[1:] for js in spans.values())]
    out = []
    for r in body[1:]:
        row = []
        for j in keep:
            cells = [r[x] for x in spans.get(j, [j]) if r[x] is not None]
            if len({_text(t, c) for c in cells}) > 1:
                row.append((cells[0][0], cells[-1][1]))
            else:
                row.append(cells[0] if cells else None)
        out.append(row)
    return [names[j] for j in keep], out, keep.index(col)


def _joined(
    t: str, names: list[str], body: list[list[_Span | None]], col: int, cut: set[int]
) -> list[list[_Span | None]]:
    """The rows with a page break's split rows joined again and a header row repeated on
    the next page left out. A row opening a page continues the row before it when its first
    words are lower case, or, in a table that numbers its rows, when it has no number and
    fewer cells than the row before."""
    index = 0 if col != 0 and rx("table_index_header").match(names[0] or "") else None
    low = [n.lower() for n in names]
    out: list[list[_Span | None]] = []
    for i, r in enumerate(body):
        if i not in cut or not out:
            out.append(r)
            continue
        cells = [_text(t, c) for c in r]
        if sum(bool(x) and x.lower() == low[j] for j, x in enumerate(cells)) >= 2:
            cut.add(i + 1)  # the header again: the next row is the first on the page
            continue
        lead = next((x for x in cells if x), "")
        prev = out[-1]
        # numbered rows: no number, and lower case or fewer cells than the row before (a
        # full row without a number is a row under a number cell spanning rows)
        own = [j for j in range(len(r)) if j != index]
        fewer = sum(r[j] is not None for j in own) < sum(prev[j] is not None for j in own)
        tail = lead[:1].islower() or (index is not None and fewer)
        if not tail or (index is not None and cells[index]):
            out.append(r)
            continue
        out[-1] = [
            b if a is None else a if b is None else _Cell(a[0], a[1], f"{_text(t, a)} {_text(t, b)}")
            for a, b in zip(prev, r, strict=True)
        ]
    return out


def _carried(names: list[str], body: list[list[_Span | None]], col: int) -> list[list[_Span | None]]:
    """A schedule's day column ("Ngày | Thời gian | Nội dung"): its cell is merged down the
    rows of that day, so the rows under it show it empty; each such row gets the day's
    cell (the same span)."""
    day = next((j for j, n in enumerate(names) if j != col and rx("table_day_header").match(n or "")), None)
    if day is None:
        return body
    above = None
    for r in body:
        if r[day] is not None:
            above = r[day]
        elif above is not None and r[col] is not None:
            r[day] = above
    return body


def _day_rows(
    t: str, names: list[str], body: list[list[_Span | None]], col: int
) -> tuple[list[str], list[list[_Span | None]]]:
    """A schedule with a time column that heads each day with a row of its own ("Thứ Bảy,
    ngày 05/9/2026", the rest of the row empty or merged) and gives the rows below only
    hours ("7h00 - 8h30"): the day's cell becomes a day column ("Ngày", added last) of the
    rows under it. A table with a day column of its own is left as it is."""
    if any(rx("table_day_header").match(n or "") for n in names) or not any(
        j != col and body_rx("event_table_time_header").match(n or "") for j, n in enumerate(names)
    ):
        return names, body
    day, out, found = None, [], False
    for r in body:
        cells = [c for c in r if c is not None]
        if (
            r[col] is None
            and len(cells) == 1
            and any(d.date and d.kind == "date" for d in find_dates(t, *cells[0]))
        ):
            day, found = cells[0], True
        out.append([*r, day if r[col] is not None else None])
    if not found:
        return names, body
    return [*names, "Ngày"], out


def _group_or_total(t: str, names: list[str], r: list[_Span | None], col: int) -> bool:
    """A group row ("I | CÔNG TÁC TUYÊN TRUYỀN", "A | PHẦN LỄ": a Roman numeral or a
    capital letter, or an upper-case title, and nothing else) or a totals row ("Tổng
    cộng | … | 375")."""
    index = 0 if col != 0 and rx("table_index_header").match(names[0] or "") else None
    act = _text(t, r[col])
    mark = _text(t, r[index]) if index is not None else ""
    if rx("table_total_row").match(act) or (mark and rx("table_total_row").match(mark)):
        return True
    rest = [j for j, c in enumerate(r) if c is not None and j not in (col, index)]
    if rest:
        return False
    return bool(rx("table_group_index").fullmatch(mark)) or (
        act.upper() == act and any(ch.isalpha() for ch in act)
    )


def _cell_of(original: str, o: int) -> tuple[int, int] | None:
    """(start of the table row, column) of the original offset ``o``; None off a table."""
    ls = max(original.rfind("\n", 0, o), original.rfind("\f", 0, o)) + 1  # a page starts a line
    row = _markdown_rows(original).get(ls, ls)
    ends = [e for e in (original.find("\n", o), original.find("\f", o)) if e != -1]
    line = original[ls : min(ends, default=len(original))]
    if "|" not in line and row == ls:
        # a day's row of one cell between two rows ("Thứ Bảy, ngày 05/9/2026": a DOCX / PDF
        # row drops its empty or merged cells) is a row; its one cell in the first column
        if not _between_rows(original, ls, ls + len(line)):
            return None
        return (ls, 0) if any(d.date and d.kind == "date" for d in find_dates(line)) else None
    # a markdown row's leading "|" is its border; a DOCX / PDF row opening with " | " has an
    # empty first cell (its trailing empty cells are dropped, so it never ends with "|")
    border = original[row:o].lstrip().startswith("|") and _markdown_row(original, row)
    col = original.count("|", row, o) - (1 if border else 0)
    return row, max(col, 0)


def _between_rows(original: str, ls: int, le: int) -> bool:
    """The line [ls, le) has a " | " row right above and right below it."""
    above = original[: max(ls - 1, 0)].rsplit("\n", 1)[-1]
    below = original[le + 1 :].split("\n", 1)[0]
    return ls > 0 and " | " in above and " | " in below and "\f" not in above + below


def _markdown_row(original: str, row: int) -> bool:
    """The row starting at ``row`` is a markdown row: its line ends with "|" or the row is
    hard-wrapped over several lines."""
    end = [e for e in (original.find("\n", row), original.find("\f", row)) if e != -1]
    line = original[row : min(end, default=len(original))]
    return line.rstrip().endswith("|") or row in _wrapped_rows(original)


@lru_cache(maxsize=4)  # one document's text at a time; never a growing cache
def _markdown_rows(original: str) -> dict[int, int]:
    """Line start → start of its markdown row, for the lines that continue a row
    hard-wrapped over several lines: a row runs on until it holds as many "|" as the
    table's "|---|---|" line (or, without one, until a line ends with "|")."""
    out: dict[int, int] = {}
    row, pipes, width = None, 0, None
    pos, prev = 0, ""
    lines = original.split("\n")
    for k, line in enumerate(lines):
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
            elif width or _closed(lines, k):
                row, pipes = pos, st.count("|")
            else:  # a DOCX / PDF row opening with an empty cell (" | 9h00 | …"), no markdown
                row = None
        else:
            row, width = None, None
        prev = st
        pos += len(line) + 1
    return out


def _closed(lines: list[str], k: int) -> bool:
    """A line from ``k`` on, before the next blank line, ends with "|" (a markdown row
    does; DOCX and PDF rows drop their trailing empty cells)."""
    for line in lines[k:]:
        st = line.strip()
        if not st or "\f" in line:
            return False
        if st.endswith("|"):
            return True
    return False


@lru_cache(maxsize=4)
def _wrapped_rows(original: str) -> frozenset[int]:
    """Starts of the markdown rows hard-wrapped over several lines."""
    return frozenset(_markdown_rows(original).values())


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
