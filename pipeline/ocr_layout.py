"""Lay the words of Tesseract's TSV out again in reading order.

Tesseract's own block order puts a side-by-side cell (the issuer block left of the
national motto, the "Nơi nhận" list left of the signature) wherever its page
segmentation found it, sometimes after the body, and it joins words of two columns that
share a baseline into one line ("Số: 12/UBND    Hà Nội, ngày 3 tháng 8"). So the text is
laid out again from the word boxes: a line is cut where the gap between two words is
wide, the pieces are stacked into bands by their vertical extent, and a run of bands
that all leave the same vertical strip of white is read as two columns, left then right.
A vertical rule of a bordered table (a wall, found before OCR) cuts a line and makes a
column strip however narrow the white beside it. The rows of a ruled table, already laid
out one a line (:mod:`pipeline.ocr_tables`), stand where their boxes stand, one under the
other, each break between them a paragraph end.

Tesseract's paragraphs do not say where a paragraph ends (on a scan it makes nearly every
line one, or runs two into one), so the lines of a one-column run are read as a PDF text
layer's are (:mod:`pipeline.pdf_lines`): a line ended its paragraph when the first word of
the next line would have fitted after it before the column's right edge, when the next
line is indented or opens a list item ("- Tổ chức …", "2. Các hoạt động …"), or when the
white above the next line is clearly more than the usual line pitch (paragraph spacing);
on a justified page a line that reaches the right edge runs on. The edges are fitted along
the page height (a scan is skewed: 0.7° moves the margin by 40 px down an A4 page).
"""

from __future__ import annotations

import itertools
import unicodedata

from .ocr_rules import Wall
from .ocr_tables import TableRow, _tsv_words
from .pdf_lines import LineBreaks

_SPLIT_GAP = 2.0  # a gap wider than this many word heights cuts a line in two
_COLUMN_GAP = 1.5  # a white strip this many word heights wide separates two columns
_JOIN_DISTANCE = 6.0  # a one-sided band joins a column run this close (word heights)
_ROW_GAP = 1.2  # white this many word heights high across both columns ends a row of cells
_MIDDLE = (0.3, 0.7)  # where the strip between two columns lies, as parts of the text width
_JUNK_CONF = 50.0  # a lone word read below this confidence is a rule line, speck or stamp…
_NAME_CONF = 30.0  # … unless it is all letters ("Hùng", a name wrapped under the signature)
_BAND_SLACK = 0.15  # lines this many word heights apart still share a band (a cell's line
# set between two lines of the neighbouring cell)
# paragraph ends in a one-column run (measured on the scan renditions and the real scans)
_PITCH = 1.12  # a line this many usual line pitches below the one above starts a paragraph
_INDENT = 0.8  # word heights: a line starting this much right of the line above is indented
_FULL = 0.5  # word heights: a line ending this close to the right edge reaches it
_FIT_SLACK = 0.25  # word heights of box noise when a word would have fitted
_EDGE = 0.1  # the left / right edge: the 10th / 90th percentile of line starts / ends
_MIN_LINES = 3  # fewer one-column lines than this: no edges, no pitch to speak of
_JUSTIFIED = 0.8  # share of lines running on into a lower-case word that reach the edge
_MARKS = "-+•*–—−"  # a list item's mark
_Word = tuple[int, int, int, int, str, float]  # left, top, width, height, text, confidence


class _Seg:
    """A run of words of one Tesseract line without a wide gap: its box and paragraph."""

    __slots__ = ("confs", "first", "key", "n", "row", "space", "text", "wall", "word", "x0", "x1", "y0", "y1")

    def __init__(self, key: tuple[int, int], words: list[_Word]) -> None:
        self.key = key
        self.x0 = min(w[0] for w in words)
        self.x1 = max(w[0] + w[2] for w in words)
        # the middle of the word tops and bottoms: accents and skew do not widen it
        self.y0 = _median([w[1] for w in words])
        self.y1 = _median([w[1] + w[3] for w in words])
        self.text = unicodedata.normalize("NFC", " ".join(w[4] for w in words))
        self.first = words[0][2]  # width of the first word
        gaps = [b[0] - a[0] - a[2] for a, b in itertools.pairwise(words)]
        self.space = _median(gaps) if gaps else None  # the usual white between two words
        # rule lines ("-------") and specks read as "|" or "_" do not make a column
        self.word = any(c.isalnum() for c in self.text)
        self.n = 0
        self.confs = [w[5] for w in words]
        self.wall: Wall | None = None  # a table rule just left of the segment
        self.row = False  # a ruled table's row, laid out already ("cell | cell")


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def layout(
    tsv: str, walls: list[Wall] | tuple[()] = (), rows: list[TableRow] | tuple[()] = ()
) -> tuple[str, float | None, LineBreaks]:
    """Rebuild text from Tesseract TSV word rows in reading order (columns of a two-column
    block one after the other): words of a line joined by spaces, lines of a paragraph by
    newlines, a blank line between paragraphs, two before each column; the mean confidence
    of the words read; and the line breaks of one-column runs found to end a paragraph or
    to run on (offsets of their "\n" in the text, as :func:`pipeline.pdf_lines.line_breaks`
    gives them). ``walls`` are the vertical rules of the page (x, top, bottom); ``rows``
    the rows of its ruled tables (:mod:`pipeline.ocr_tables`), whose words ``tsv`` no longer
    holds: each is one line, standing where its box stands, its break a paragraph end."""
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    confs: list[float] = []
    for w in _tsv_words(tsv.split("\n")):
        confs.append(w.conf)
        lines.setdefault(w.key, []).append((w.left, w.top, w.width, w.height, w.text, w.conf))
    confs += [c for row in rows for c in row.confs]
    if not lines and not rows:
        return "", None, LineBreaks()
    heights = [w[3] for words in lines.values() for w in words] or [row.height for row in rows]
    height = max(_median(heights), 1)
    segs = [seg for key in sorted(lines) for seg in _split(key, lines[key], height, walls)]
    # rule lines ("-------", "_—=====") and lone unreadable marks carry no text: left in,
    # they sit between the issuer and the motto and cut a cell in two
    segs = [s for s in segs if s.word and not _junk(s)] or segs
    for row in rows:
        seg = _Seg((-1, -1), [(row.left, row.top, row.right - row.left, row.bottom - row.top, row.text, 0.0)])
        seg.row = True
        segs.append(seg)
    for n, seg in enumerate(segs):
        seg.n = n  # Tesseract's order, kept within a band of one column
    page = (min(s.x0 for s in segs), max(s.x1 for s in segs))
    text, breaks = _render_bands(_bands(segs), height, page)
    return text, round(sum(confs) / len(confs), 2), breaks


def _junk(seg: _Seg) -> bool:
    """A lone word read with low confidence: a rule line, a speck, a stamp."""
    if len(seg.confs) != 1:
        return False
    text = unicodedata.normalize("NFC", seg.text)
    letters = len(text) > 1 and text.isalpha()
    return seg.confs[0] < (_NAME_CONF if letters else _JUNK_CONF)


def _split(
    key: tuple[int, int, int], words: list[_Word], height: float, walls: list[Wall] | tuple[()]
) -> list[_Seg]:
    """Cut one Tesseract line at every gap wider than ``_SPLIT_GAP`` word heights and at
    every wall; a segment with a wall just left of it (within a column gap) notes it."""
    words = sorted(words, key=lambda w: w[0])
    out, run = [], [words[0]]
    for prev, word in zip(words, words[1:], strict=False):
        if (
            word[0] - (prev[0] + prev[2]) > _SPLIT_GAP * height
            or _wall(walls, prev, word, height) is not None
        ):
            out.append(_Seg(key[:2], run))
            run = []
        run.append(word)
    out.append(_Seg(key[:2], run))
    for seg in out:
        box = (seg.x0 - _COLUMN_GAP * height, seg.y0, 0, seg.y1 - seg.y0)
        seg.wall = _wall(walls, box, (seg.x0, seg.y0, 0, seg.y1 - seg.y0), height)
    return out


def _wall(walls: list[Wall] | tuple[()], left: tuple, right: tuple, height: float) -> Wall | None:
    """The wall between the word boxes ``left`` and ``right`` (left, top, width, height…)
    at the height of both, or None."""
    lo, hi = left[0] + left[2] - 0.25 * height, right[0] + 0.25 * height
    top, bottom = min(left[1], right[1]), max(left[1] + left[3], right[1] + right[3])
    for wall in walls:
        if lo <= wall[0] <= hi and wall[1] <= bottom and wall[2] >= top:
            return wall
    return None


def _bands(segs: list[_Seg]) -> list[list[_Seg]]:
    """Stack segments into bands: a band holds the segments whose vertical extents overlap."""
    bands: list[list[_Seg]] = []
    bottom = float("-inf")
    for seg in sorted(segs, key=lambda s: (s.y0, s.x0)):
        if bands and seg.y0 < bottom + _BAND_SLACK * (seg.y1 - seg.y0):
            bands[-1].append(seg)
            bottom = max(bottom, seg.y1)
        else:
            bands.append([seg])
            bottom = seg.y1
    return bands


def _gaps(band: list[_Seg], height: float) -> list[tuple[float, float]]:
    """White strips at least ``_COLUMN_GAP`` word heights wide between the band's segments."""
    out, right = [], None
    for seg in sorted((s for s in band if s.word), key=lambda s: s.x0):
        walled = seg.wall is not None and right is not None and right <= seg.wall[0] + 0.25 * height
        if right is not None and seg.x0 > right and (seg.x0 - right >= _COLUMN_GAP * height or walled):
            out.append((right, seg.x0))
        right = seg.x1 if right is None else max(right, seg.x1)
    return out


def _pair(
    upper: list[_Seg], lower: list[_Seg], height: float
) -> tuple[tuple[float, float], Wall | None] | None:
    """(white strip, wall) when two close one-sided bands lie on the two sides of one strip
    (left above right or right above left), else None."""
    a, b = [s for s in upper if s.word], [s for s in lower if s.word]
    if not a or not b or _gaps(upper, height) or _gaps(lower, height):
        return None
    if min(s.y0 for s in b) - max(s.y1 for s in a) > _ROW_GAP * height:
        return None
    left, right = (a, b) if max(s.x1 for s in a) < min(s.x0 for s in b) else (b, a)
    strip = (max(s.x1 for s in left), min(s.x0 for s in right))
    wall = _walled(right, (strip[0], min(s.x0 for s in right)), height) if strip[1] > strip[0] else None
    if strip[1] - strip[0] >= _COLUMN_GAP * height or (wall and strip[1] > strip[0]):
        return strip, wall
    return None


def _walled(band: list[_Seg], gap: tuple[float, float], height: float) -> Wall | None:
    """The table rule running through ``gap`` (two cells of a bordered table), or None."""
    for s in band:
        if s.wall is not None and s.x0 == gap[1] and gap[0] <= s.wall[0] + 0.25 * height:
            return s.wall
    return None


def _inside(band: list[_Seg], wall: Wall | None, height: float) -> bool:
    """Whether ``band`` lies beside ``wall`` (always, without a wall): a line above or below
    a bordered table is no cell of it."""
    return wall is None or (
        min(s.y0 for s in band) >= wall[1] - height and max(s.y1 for s in band) <= wall[2] + height
    )


def _fits(band: list[_Seg], strip: tuple[float, float], height: float) -> tuple[float, float] | None:
    """The part of ``strip`` this band leaves white (None when a segment crosses it)."""
    lo, hi = strip
    for seg in band:
        if not seg.word or seg.x1 <= lo or seg.x0 >= hi:
            continue
        if seg.x1 - lo < hi - seg.x0:  # overlaps the strip's left edge: pushes it right
            lo = seg.x1
        else:
            hi = seg.x0
    return (lo, hi) if hi - lo >= 0.5 * height else None


def _render_bands(
    bands: list[list[_Seg]], height: float, page: tuple[float, float]
) -> tuple[str, LineBreaks]:
    """Text of the bands top to bottom and the classified breaks of its one-column lines; a
    run of bands split by one common white strip is written as its left column, then its
    right column, each cell set apart by two blank lines (never glued by
    join_wrapped_lines), no blank line inside it."""
    units: list[tuple[str, list[_Seg]]] = []  # ("cell" | "band", segments in reading order)
    for start, end, strip in _runs(bands, height, page):
        if strip is None:  # one column, or a table row of three or more cells
            band = bands[start]
            if any(s.row for s in band):  # a ruled table's row: one line
                units.append(("row", sorted(band, key=lambda s: (s.y0, s.x0))))
                continue
            many = len(_gaps(band, height)) > 1
            units.append(("band", sorted(band, key=lambda s: (s.x0, s.y0) if many else (s.n, 0))))
            continue
        segs = [seg for band in bands[start : end + 1] for seg in band]
        mid = (strip[0] + strip[1]) / 2
        units.append(("cell", sorted((s for s in segs if s.x1 <= mid), key=lambda s: (s.y0, s.x0))))
        units.append(("cell", sorted((s for s in segs if s.x1 > mid), key=lambda s: (s.y0, s.x0))))
    lines = [u[1][0] for u in units if u[0] == "band" and len(u[1]) == 1]
    para = _Paragraphs(lines, height)
    out: list[str] = []
    size = 0  # length of the text written so far, "\n" joins included
    ends: list[int] = []
    run_on: list[tuple[int, _Seg, _Seg]] = []  # (offset, line, next line) of lines running on
    prev: tuple[str, list[_Seg]] | None = None
    for kind, segs in units:
        if not segs:
            continue
        if prev is not None:
            if kind == "row" and prev[0] == "row":
                ends.append(size - 1)  # the next row of the table: no blank line, as pdf_tables
            elif kind == "cell":
                out.extend(["", ""])
            elif prev[0] != "band" or kind == "row" or len(prev[1]) > 1 or len(segs) > 1:
                out.append("")  # a table row or a band read in pieces is a paragraph of its own
            elif (how := para.kind(prev[1][0], segs[0])) == "end":
                ends.append(size - 1)
                out.append("")
            elif how == "on":
                run_on.append((size - 1, prev[1][0], segs[0]))
        for i, seg in enumerate(segs):
            if i and kind == "row":
                ends.append(len("\n".join(out)))
            elif i and kind == "band" and seg.key != segs[i - 1].key:
                out.append("")  # pieces of one band Tesseract read as two paragraphs
            out.append(seg.text)
        size = len("\n".join(out)) + 1
        prev = (kind, segs)
    return "\n".join(out), LineBreaks(ends=ends, wraps=para.wraps(run_on))


class _Paragraphs:
    """Where the lines of the one-column runs of a page end their paragraph: the page's
    left and right text edges as straight lines along its height (fitted to the lines that
    start or end near the page-wide percentile: a scan is skewed) and its usual line pitch."""

    def __init__(self, lines: list[_Seg], height: float) -> None:
        self.height = height
        self.left = _edge(lines, lambda s: s.x0, _EDGE, height)
        self.right = _edge(lines, lambda s: s.x1, 1 - _EDGE, height)
        pitches = sorted(b.y0 - a.y0 for a, b in itertools.pairwise(lines))
        pitches = [p for p in pitches if 0 < p < 3 * height]
        # most lines run on: the lower third of the pitches is the line spacing
        self.pitch = pitches[len(pitches) // 3] if len(pitches) >= _MIN_LINES else None
        spaces = [s.space for s in lines if s.space is not None]
        self.space = _median(spaces) if spaces else 0.3 * height

    def kind(self, a: _Seg, b: _Seg) -> str:
        """How line ``a`` ends, ``b`` being the line below it: "end" (it ends its
        paragraph), "on" (it runs on) or "open" (the layout does not say)."""
        h = self.height
        if self.pitch is not None and b.y0 - a.y0 > _PITCH * self.pitch:
            return "end"  # white above ``b``: paragraph spacing
        if _mark(b.text):
            return "end"  # "- Tổ chức …", "2. Các hoạt động …"
        if self.right is None or self.left is None:
            return "open"
        left, right = self.left(b.y0), self.right(b.y0)
        if b.x0 > left + _INDENT * h and b.x1 < right - _INDENT * h and _centre(a, b) < _INDENT * h:
            return "open"  # a centred title's next line, broken by hand where it reads well
        if b.x0 > a.x0 + _INDENT * h and b.x0 > left + _INDENT * h:
            return "end"  # a first-line indent
        if a.x1 + self.space + b.first < self.right(a.y0) - _FIT_SLACK * h:
            return "end"  # the first word of ``b`` would have fitted after ``a``
        return "on"

    def full(self, a: _Seg) -> bool:
        """Whether line ``a`` reaches the right edge."""
        return self.right is not None and a.x1 >= self.right(a.y0) - _FULL * self.height

    def wraps(self, run_on: list[tuple[int, _Seg, _Seg]]) -> list[int]:
        """Offsets of the lines running on that reach the right edge, on a justified page
        (nearly every line running on into a lower-case word reaches it), else none."""
        lower = [a for _, a, b in run_on if b.text[:1].islower()]
        if len(lower) < _MIN_LINES or sum(map(self.full, lower)) < _JUSTIFIED * len(lower):
            return []
        return [at for at, a, _ in run_on if self.full(a)]


def _edge(lines: list[_Seg], x, share: float, height: float):
    """The page's text edge as ``y -> x``: the lines whose ``x`` lies within a word height
    of the ``share`` percentile, fitted by least squares along the page height."""
    if len(lines) < _MIN_LINES:
        return None
    xs = sorted(x(s) for s in lines)
    at = xs[round(share * (len(xs) - 1))]
    near = [(s.y0, x(s)) for s in lines if abs(x(s) - at) <= height]
    n = len(near)
    my, mx = sum(p[0] for p in near) / n, sum(p[1] for p in near) / n
    var = sum((p[0] - my) ** 2 for p in near)
    slope = sum((p[0] - my) * (p[1] - mx) for p in near) / var if n >= _MIN_LINES and var else 0.0
    slope = max(-0.02, min(0.02, slope))  # a scan is skewed by a degree or so at most
    return lambda y: mx + slope * (y - my)


def _centre(a: _Seg, b: _Seg) -> float:
    """How far apart the middles of two lines are."""
    return abs(a.x0 + a.x1 - b.x0 - b.x1) / 2


def _mark(text: str) -> bool:
    """Whether a line opens a list item: a dash or bullet, or a number or letter ("2.",
    "2.1.", "a)", "II.") before a word in capitals. A dash before a lower-case word is the
    end of a compound broken at its hyphen ("chính trị" / "- xã hội")."""
    words = text.split(maxsplit=2)
    if len(words) < 2 or not words[1][:1].isupper() and not words[1][:1].isdigit():
        return False
    head = words[0]
    if head in _MARKS:
        return True
    if head[-1:] not in ".)" or len(head) < 2:
        return False
    body = head[:-1]
    numbered = all(p.isdigit() and len(p) <= 2 for p in body.split("."))
    lettered = head[-1] == ")" and len(body) == 1 and body.isalpha() and body.islower()
    roman = head[-1] == "." and set(body) <= set("IVXL")
    return numbered or lettered or roman


def _runs(
    bands: list[list[_Seg]], height: float, page: tuple[float, float]
) -> list[tuple[int, int, tuple[float, float] | None]]:
    """(first band, last band, white strip or None) for every run of bands, top to bottom.
    A run starts at a band with one white strip in the middle part of the text width (a
    word read far left of the rest, "Điều 1." before a stamp, is no column) or along a
    table rule."""
    lo, hi = page[0] + _MIDDLE[0] * (page[1] - page[0]), page[0] + _MIDDLE[1] * (page[1] - page[0])
    runs: list[tuple[int, int, tuple[float, float] | None]] = []
    floor, i = 0, 0  # bands below ``floor`` already belong to a run of two columns
    while i < len(bands):
        gaps = _gaps(bands[i], height)
        wall = _walled(bands[i], gaps[0], height) if len(gaps) == 1 else None
        start, end = i, i
        if len(gaps) != 1 and i + 1 < len(bands) and (pair := _pair(bands[i], bands[i + 1], height)):
            gaps, wall, end = [pair[0]], pair[1], i + 1  # one cell's line set between two of the other
        if len(gaps) != 1 or not (lo <= sum(gaps[0]) / 2 <= hi or wall):
            i += 1
            continue
        strip = gaps[0]
        # only a band reaching right of the strip: a left-only line above reads the same
        while (
            start > floor
            and any(s.word and s.x1 > sum(strip) / 2 for s in bands[start - 1])
            and _inside(bands[start - 1], wall, height)
            and (found := _joins(bands[start - 1], bands[start], strip, height, 0))
        ):
            start, strip = start - 1, found
        # a left-only line above joins when the top line of the left column goes on from it
        # (a long recipient list whose signature cell starts lower down, or is centred)
        while (
            start > floor
            and not any(s.word and s.x1 > sum(strip) / 2 for s in bands[start - 1])
            and _inside(bands[start - 1], wall, height)
            and (found := _joins(bands[start - 1], bands[start], strip, height, 0))
            and _continues(bands[start - 1], bands[start], strip, height)
        ):
            start, strip = start - 1, found
        # a left-only line below joins only if the right column goes on after it (a long
        # recipient list beside a short signature); else it is the body starting again
        probe, cur = end, strip
        while (
            probe + 1 < len(bands)
            and _inside(bands[probe + 1], wall, height)
            and (found := _joins(bands[probe + 1], bands[probe], cur, height, 1))
        ):
            probe, cur = probe + 1, found
            if any(s.word and s.x1 > sum(cur) / 2 for s in bands[probe]) or _goes_on(
                bands, start, end, probe, cur, height
            ):
                end, strip = probe, cur
        runs.extend((k, k, None) for k in range(floor, start))
        runs.append((start, end, strip))
        floor = i = end + 1
    runs.extend((k, k, None) for k in range(floor, len(bands)))
    return runs


def _goes_on(
    bands: list[list[_Seg]], start: int, end: int, k: int, strip: tuple[float, float], height: float
) -> bool:
    """Whether left-only band ``k`` continues the left column of the run ``start..end``: a
    sentence wrapped in the cell (it starts in lower case), a dash item of the list above,
    or, just below the run, the next line of its last left line left open (no full stop or
    semicolon at its end)."""
    left = [s for band in bands[start:k] for s in band if s.word and s.x1 <= strip[0]]
    first = min((s for s in bands[k] if s.word), key=lambda s: s.x0, default=None)
    if not left or first is None:
        return False
    if first.text[:1].islower():
        return True
    if first.text[:1] in "-+•" and any(abs(s.x0 - first.x0) <= height and s.text[:1] in "-+•" for s in left):
        return True
    last = [s for band in bands[start : end + 1] for s in band if s.word and s.x1 <= strip[0]]
    return k == end + 1 and bool(last) and _open(max(last, key=lambda s: s.y0), first, height)


def _continues(upper: list[_Seg], lower: list[_Seg], strip: tuple[float, float], height: float) -> bool:
    """Whether the left cell of band ``lower`` goes on from left-only band ``upper``."""
    top = min((s for s in upper if s.word), key=lambda s: s.x0, default=None)
    first = min((s for s in lower if s.word and s.x1 <= strip[0]), key=lambda s: s.x0, default=None)
    if top is None or first is None:
        return False
    if first.text[:1].islower() or (top.text[:1] in "-+•" and first.text[:1] in "-+•"):
        return abs(top.x0 - first.x0) <= height
    return _open(top, first, height)


def _open(line: _Seg, following: _Seg, height: float) -> bool:
    """Whether ``following`` is the next line of ``line`` left open: same left edge, no full
    stop or semicolon ends ``line`` (but a semicolon before a dash item of a list), and
    neither is in capitals (an issuer, a heading)."""
    end = line.text.rstrip()[-1:]
    return (
        abs(line.x0 - following.x0) <= height
        and (end not in ".;!?" or (end == ";" and following.text[:1] in "-+•"))  # next item
        and not _caps(line.text)
        and not _caps(following.text)
    )


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _joins(
    band: list[_Seg], neighbour: list[_Seg], strip: tuple[float, float], height: float, below: int
) -> tuple[float, float] | None:
    """The narrowed strip if ``band`` (just above or below a column run) belongs to it."""
    gaps = _gaps(band, height)
    if len(gaps) > 1:
        return None
    found = _fits(band, strip, height)
    if found is None:
        return None
    near = (
        min(s.y0 for s in band) - max(s.y1 for s in neighbour)
        if below
        else (min(s.y0 for s in neighbour) - max(s.y1 for s in band))
    )
    if gaps and near > _ROW_GAP * height:  # white across both columns: a new row of cells
        return None
    if not gaps and near > _JOIN_DISTANCE * height:  # one-sided: only when close to the run
        return None
    return found
