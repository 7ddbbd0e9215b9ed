"""Page furniture: the lines a printed page repeats that are no part of the document's text
(helper of :mod:`pipeline.normalize`, its ``strip_page_furniture`` step).

    >>> page_furniture("Nội dung một\n\n- 2 -\fnội dung hai")
    ([(12, 19)], [])

* page numbers: a marked one ("- 2 -", "Trang 2/5", "Page 3 of 8") wherever it stands; a
  bare one ("2", "2/5") only as the first or last line of a page, and only the page's own
  number (±1);
* digital-signature stamps ("Ký bởi: …", "Email: …", "Cơ quan: …", "Thời gian ký: …"),
  except a stamp that opens the text (segment makes it the ``banner`` section);
* running headers/footers: a line at the top or foot of every page (but one) from the
  second on, or a line of page 1's header block (the number line, the issuer in capitals)
  printed again in running-header case at the edge of a later page; without page breaks
  (DOCX), a line next to dropped page numbers that repeats;
* footnotes: lines opening with a superscript number at a page foot whose number the text
  before uses as a marker. They are not dropped but moved to the end of the text.

Patterns are in ``models/rules/normalize.yaml`` (kinds ``furniture_*``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline import patterns

__all__ = ["page_furniture"]

_TABLE = "normalize"
Span = tuple[int, int]


def page_furniture(text: str) -> tuple[list[Span], list[Span]]:
    """(spans to delete, footnote line spans to move to the end) of ``text``, pages joined
    by form feeds. The spans to delete are sorted, disjoint, and take each furniture run
    with one line break (never a page break); the footnote lines are among them."""
    lines = _furniture_lines(text)
    drop, notes = _furniture(text, lines)
    if not drop:
        return [], []
    return _merge_drops(text, lines, drop), [lines[i][:2] for i in notes]


def _rules(kind: str) -> list[dict]:
    return [e for e in patterns.table(_TABLE) if e.get("kind") == kind]


_Line = tuple[int, int, int]  # start, end (before its separator), page index


def _furniture_lines(text: str) -> list[_Line]:
    out, start, page = [], 0, 0
    for m in re.finditer(r"[\n\f]", text):
        out.append((start, m.start(), page))
        start, page = m.end(), page + (m.group(0) == "\f")
    out.append((start, len(text), page))
    return out


def _furniture(text: str, lines: list[_Line]) -> tuple[set[int], list[int]]:
    """Indexes of the furniture lines to drop, and of the footnote lines to move."""
    rx = {k: [patterns.compile_entry(e) for e in _rules(k)] for k in _FURNITURE_KINDS}
    body = [text[s:e] for s, e, _ in lines]

    def hit(kind: str, i: int) -> bool:
        return any(r.search(body[i]) for r in rx[kind])

    drop: set[int] = set()
    # a stamp opening the text stays: segment makes it the "banner" section
    lead = next((i for i in range(len(lines)) if body[i].strip() and not hit("furniture_stamp_line", i)), 0)
    for i in range(len(lines)):  # stamp blocks and marked page numbers, wherever they stand
        if hit("furniture_number", i):
            drop.add(i)
        if hit("furniture_stamp_anchor", i) and i > lead:  # its lines around it (OCR may space them)
            for step in (-1, 1):
                j = i
                while 0 <= j + step < len(lines):
                    k = j + step
                    while 0 <= k + step < len(lines) and not body[k].strip():
                        k += step
                    if not hit("furniture_stamp_line", k):
                        break
                    drop.add(k)
                    j = k
            drop.add(i)
    pages = max(p for _, _, p in lines) + 1
    if pages > 1:
        _edge_furniture(
            lines, body, drop, lambda i: hit("furniture_number_edge", i), rx["furniture_number_edge_suffix"]
        )
    _repeated_near(body, drop)
    notes = _footnotes(body, lines, drop, rx)
    return drop | set(notes), notes


_FURNITURE_KINDS = (
    "furniture_number",
    "furniture_number_edge_suffix",
    "furniture_number_edge",
    "furniture_stamp_anchor",
    "furniture_stamp_line",
    "furniture_footnote",
    "furniture_footnote_ocr",
    "furniture_footnote_weak",
    "furniture_footnote_rule",
)
_EDGE = 2  # lines at the top and at the foot of a page where a running header/footer stands


def _edges(lines: list[_Line], body: list[str], drop: set[int]) -> dict[int, list[int]]:
    """Per page, the first and last ``_EDGE`` text lines that are not yet furniture."""
    by_page: dict[int, list[int]] = {}
    for i, (_, _, p) in enumerate(lines):
        if body[i].strip() and i not in drop:
            by_page.setdefault(p, []).append(i)
    return {p: idx[:_EDGE] + idx[-_EDGE:] for p, idx in by_page.items()}


def _edge_furniture(
    lines: list[_Line],
    body: list[str],
    drop: set[int],
    bare: Callable[[int], bool],
    suffix: list[re.Pattern[str]],
) -> None:
    """Page numbers at a page's first/last line, and lines repeated at the edge of every
    page (but one) from the second on."""
    pages = lines[-1][2] + 1
    for p, idx in _edges(lines, body, drop).items():
        for i in (idx[0], idx[-1]):
            m = re.match(r"\d+", body[i].strip())
            if bare(i) and m and abs(int(m.group(0)) - (p + 1)) <= 1:
                drop.add(i)
            tail = next((t for r in suffix if (t := r.search(body[i].strip()))), None)
            if tail and int(tail.group(1)) == p + 1:
                drop.add(i)
    seen: dict[str, set[int]] = {}
    for p, idx in _edges(lines, body, drop).items():
        for i in set(idx):
            seen.setdefault(_furniture_key(body[i], p), set()).add(p)
    first_top = set(_edges(lines, body, drop).get(0, [])[:_EDGE])
    # page 1's header block (the number line, the issuer) printed again at the edge of a later
    # page in running-header case ("Số 45/KH-UBND", "Hội Khuyến học tỉnh Hà Giang")
    head = {
        _header_key(body[i])
        for i in range(min(15, len(lines)))
        if lines[i][2] == 0 and (body[i] == body[i].upper() or re.match(r"\s*Số\b", body[i]))
    }
    for p, idx in _edges(lines, body, drop).items():
        for i in set(idx):
            key = _furniture_key(body[i], p)
            again = p > 0 and body[i] != body[i].upper() and "|" not in key and _header_key(body[i]) in head
            if (
                again
                and len(_header_key(body[i])) >= 8
                or _running(key)
                and len(seen[key]) >= max(2, pages - 1)
                and i not in first_top
            ):
                drop.add(i)


def _running(key: str) -> bool:
    """Could be a running header/footer: no wrapped line's tail (a lowercase start), no list
    item, no table row (a header row repeated on each page is left to the table readers)."""
    if len(key) < 4:
        return False
    tail = key[0].islower() and not re.match(r"https?:|www\.", key)
    return len(key) >= 4 and "|" not in key and not tail and not re.match(r"[-+*•–]\s", key)


def _furniture_key(line: str, page: int | None = None) -> str:
    """The line as compared across pages; with ``page`` (0-based), without that page's
    number at either end ("Kế hoạch số 45/KH-UBND - Trang 2/5", "2 Hội Khuyến học tỉnh")."""
    line = line.strip()
    if page is None:
        return line
    num = rf"(?:(?:Trang|Page)\s*)?{page + 1}(?:\s*/\s*\d{{1,3}})?"
    key = re.sub(rf"^{num}\s+(?=\D)|(?<=\D)\s*[-–—|]?\s*{num}$", "", line, flags=re.IGNORECASE)
    # a number that belongs to the words before it ("Điều 2", "Phụ lục 3", "lần thứ 2") stays
    if len(key) < 12 or re.search(_COUNTED, key, flags=re.IGNORECASE):
        return line
    return key


_COUNTED = r"(?:Điều|Khoản|Mục|Chương|Phần|Phụ lục|Biểu|Mẫu|số|năm|ngày|tháng|lần|thứ|khóa|kỳ)$"


def _header_key(line: str) -> str:
    """A header line compared across cases and punctuation, without the "Số:" label."""
    line = re.sub(r"^\s*số\s*[:.]?\s*", "", line.casefold())
    return re.sub(r"\W+", "", line)


def _repeated_near(body: list[str], drop: set[int]) -> None:
    """Without page breaks (DOCX): a line next to a dropped page number, repeated so 2+ times."""
    near: dict[str, list[int]] = {}
    for i in sorted(drop):
        for j in (i - 2, i - 1, i + 1, i + 2):
            if (
                0 <= j < len(body)
                and j not in drop
                and len(body[j].strip()) <= 120
                and _running(body[j].strip())
            ):
                near.setdefault(_furniture_key(body[j]), []).append(j)
    for found in near.values():
        if len(set(found)) >= 2:
            drop.update(found)


def _footnotes(body: list[str], lines: list[_Line], drop: set[int], rx: dict) -> list[int]:
    """Footnote lines: a block standing just above a page's foot (or dropped furniture) that
    opens with a footnote number the text before it uses as a marker ("…năm 2020”¹;"; OCR
    reads "¹" as "1": "…năm 2020”1;" + "1 Sau đây …"). In the block, a line after a blank line
    opens a footnote (OCR may read its number as "?"); other lines continue the one above."""
    notes: list[int] = []
    ends = [i for i in range(len(lines)) if (i + 1 == len(lines) or lines[i + 1][2] != lines[i][2])]
    ends += [i - 1 for i in drop if i - 1 not in drop]
    text = "\n".join(body)
    offsets = [lines[i][0] for i in range(len(lines))]

    def opens(k: int) -> bool:
        m = next((m for r in rx["furniture_footnote"] if (m := r.match(body[k]))), None)
        if m:
            return m.group(1) in text[: offsets[k]]
        m = next((m for r in rx["furniture_footnote_ocr"] if (m := r.match(body[k]))), None)
        mark = re.escape(m.group(1)) if m else ""  # after a closing quote, or a letter + punctuation
        glued = rf"(?<=[”\"»’)\]]){mark}(?=[;,.:)\s])|(?<=[^\W\d_]){mark}(?=[;,.:])"
        return bool(m) and re.search(glued, text[: offsets[k]]) is not None

    def weak(k: int) -> bool:
        return opens(k) or any(r.match(body[k]) for r in rx["furniture_footnote_weak"])

    for end in sorted(set(ends)):
        i = end
        while i >= 0 and (i in drop or not body[i].strip()):
            i -= 1
        top, k, seen = None, i, 0
        while k >= 0 and seen < 12 and k not in drop and lines[k][2] == lines[i][2]:
            if body[k].strip():
                seen += 1
                if opens(k) and _block(body, k, i, weak):
                    top = k
            k -= 1
        if top is not None:
            if top > 0 and any(r.match(body[top - 1]) for r in rx["furniture_footnote_rule"]):
                drop.add(top - 1)
            notes.extend(j for j in range(top, i + 1) if j not in notes and body[j].strip())
    return sorted(notes)


def _block(body: list[str], top: int, last: int, opens: Callable[[int], bool]) -> bool:
    """Lines top..last are footnotes: a line after a blank line opens one."""
    for j in range(top + 1, last + 1):
        if body[j].strip() and not body[j - 1].strip() and not opens(j):
            return False
    return True


def _merge_drops(text: str, lines: list[_Line], drop: set[int]) -> list[tuple[int, int]]:
    """Spans to delete: each run of dropped lines (with the blank lines between them and the
    text) with one line break, never a page break."""
    out: list[tuple[int, int]] = []
    idx = sorted(drop)
    runs: list[list[int]] = []

    def blank(j: int) -> bool:
        return not text[lines[j][0] : lines[j][1]].strip()

    for i in idx:
        last = runs[-1][-1] if runs else -2
        if runs and lines[i][2] == lines[last][2] and all(blank(j) for j in range(last + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        a, b = run[0], run[-1]
        while a > 0 and lines[a - 1][2] == lines[a][2] and blank(a - 1):
            a -= 1
        while b + 1 < len(lines) and lines[b + 1][2] == lines[b][2] and blank(b + 1):
            b += 1
        start, end = lines[a][0], lines[b][1]
        if end < len(text) and text[end] == "\n":
            end += 1
        elif start > 0 and text[start - 1] == "\n":
            start -= 1
        out.append((start, end))
    return out
