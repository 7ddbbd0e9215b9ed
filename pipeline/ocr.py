"""OCR one page with Tesseract: (text, mean word confidence).

A page is a Pillow image or a pypdfium2 page (rendered in grey at :data:`OCR_DPI`, scaled
down for very large pages). It is written once as an uncompressed PGM file and read by
**one** ``tesseract FILE - -l vie --psm 3 tsv`` call whose TSV gives both the words (laid
out again in reading order from their boxes, two-column blocks one column after the other:
see the TSV section) and their confidences. The process runs in its own
session and is killed with its whole group when the per-page timeout expires.

Errors are :class:`PipelineError` with codes ``ocr_timeout``, ``ocr_unavailable`` and
``ocr_failed`` (docs/errors.md).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import unicodedata
from typing import Any

from .records import PipelineError

OCR_DPI = 300
OCR_MAX_PIXELS = 40_000_000  # render scale is reduced for very large PDF pages
OCR_LANG = "vie"
OCR_PSM = 3
_TSV_FIELDS = 12  # level page block par line word left top width height conf text


def ocr_page(page: Any, timeout: float, where: str = "page") -> tuple[str, float | None]:
    """OCR one page: (NFC text, mean word confidence 0–100 or None when nothing was read).

    ``page`` is a Pillow image or a pypdfium2 ``PdfPage``; ``timeout`` is the limit in
    seconds for Tesseract; ``where`` names the page in error messages ("page 3").
    """
    image = _render(page) if hasattr(page, "render") else page
    if image.mode != "L":
        image = image.convert("L")
    low, high = image.getextrema()
    if low == high:  # blank (one flat colour): nothing to read
        return "", None
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as tmp:
        src = os.path.join(tmp, "page.pgm")
        image.save(src, format="PPM")  # binary PGM: no compression to pay for
        tsv = _tesseract(src, timeout, where)
    return _layout(tsv)


# ------------------------------------------------------------------------- rendering


def _render(page: Any) -> Any:
    """Render a pypdfium2 page in grey at OCR_DPI (less for huge pages)."""
    scale = OCR_DPI / 72
    w, h = page.get_size()
    if w * h * scale * scale > OCR_MAX_PIXELS:
        scale = (OCR_MAX_PIXELS / (w * h)) ** 0.5
    return page.render(scale=scale, grayscale=True).to_pil()


# ----------------------------------------------------------------------- tesseract


def _tesseract(src: str, timeout: float, where: str) -> str:
    """Run one Tesseract process on ``src`` with TSV output; kill its group on timeout."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise PipelineError("ocr_unavailable", "tesseract is not installed or not on PATH")
    # No --dpi: Tesseract estimates the resolution from the text, as it did through
    # pytesseract; passing the render dpi misread the header of a real scan (CHÚ for CHỦ).
    cmd = [exe, src, "-", "-l", OCR_LANG, "--psm", str(OCR_PSM), "tsv"]
    env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
    try:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its own process group, so a kill reaches all of it
        )
    except OSError as exc:
        raise PipelineError("ocr_unavailable", f"cannot run tesseract: {exc.strerror or exc}") from None
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise PipelineError("ocr_timeout", f"OCR of {where} took longer than {timeout:g}s") from None
    finally:
        if proc.poll() is None:  # interrupted (KeyboardInterrupt, MemoryError…): no orphan
            _kill(proc)
    if proc.returncode != 0:
        message = _last_lines(err.decode("utf-8", errors="replace"))
        raise PipelineError("ocr_failed", f"{where}: {message or f'tesseract exit {proc.returncode}'}"[:300])
    return out.decode("utf-8", errors="replace")


def _kill(proc: subprocess.Popen) -> None:
    """SIGKILL the process group of ``proc`` and reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):  # unkillable (D state): give up
        proc.communicate(timeout=5)


def _last_lines(stderr: str) -> str:
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    useful = [ln for ln in lines if not ln.startswith(("Warning", "Estimating resolution"))]
    return " ".join((useful or lines)[-2:])


# ------------------------------------------------------------------------------ TSV
#
# Tesseract's own block order puts a side-by-side cell (the issuer block left of the
# national motto, the "Nơi nhận" list left of the signature) wherever its page
# segmentation found it, sometimes after the body, and it joins words of two columns that
# share a baseline into one line ("Số: 12/UBND    Hà Nội, ngày 3 tháng 8"). So the text is
# laid out again from the word boxes: a line is cut where the gap between two words is
# wide, the pieces are stacked into bands by their vertical extent, and a run of bands
# that all leave the same vertical strip of white is read as two columns, left then right.

_SPLIT_GAP = 2.0  # a gap wider than this many word heights cuts a line in two
_COLUMN_GAP = 1.5  # a white strip this many word heights wide separates two columns
_JOIN_DISTANCE = 6.0  # a one-sided band joins a column run this close (word heights)
_ROW_GAP = 1.2  # white this many word heights high across both columns ends a row of cells
_MIDDLE = (0.3, 0.7)  # where the strip between two columns lies, as parts of the text width
_JUNK_CONF = 50.0  # a lone word read below this confidence is a rule line, speck or stamp
_Word = tuple[int, int, int, int, str, float]  # left, top, width, height, text, confidence


class _Seg:
    """A run of words of one Tesseract line without a wide gap: its box and paragraph."""

    __slots__ = ("key", "x0", "x1", "y0", "y1", "text", "word", "n", "confs")

    def __init__(self, key: tuple[int, int], words: list[_Word]) -> None:
        self.key = key
        self.x0 = min(w[0] for w in words)
        self.x1 = max(w[0] + w[2] for w in words)
        # the middle of the word tops and bottoms: accents and skew do not widen it
        self.y0 = _median([w[1] for w in words])
        self.y1 = _median([w[1] + w[3] for w in words])
        self.text = " ".join(w[4] for w in words)
        # rule lines ("-------") and specks read as "|" or "_" do not make a column
        self.word = any(c.isalnum() for c in self.text)
        self.n = 0
        self.confs = [w[5] for w in words]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _layout(tsv: str) -> tuple[str, float | None]:
    """Rebuild text from Tesseract TSV word rows in reading order (columns of a two-column
    block one after the other): words of a line joined by spaces, lines by newlines, a blank
    line between paragraphs, two between columns; mean confidence of the words read."""
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    confs: list[float] = []
    for row in tsv.split("\n")[1:]:  # first row is the header
        cols = row.split("\t")
        if len(cols) < _TSV_FIELDS or cols[0] != "5":  # level 5 = word
            continue
        word = "\t".join(cols[11:]).strip()
        try:
            conf = float(cols[10])
            key = (int(cols[2]), int(cols[3]), int(cols[4]))
            box = (int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9]))
        except ValueError:
            continue
        if conf < 0 or not word:
            continue
        confs.append(conf)
        lines.setdefault(key, []).append((*box, word, conf))
    if not lines:
        return "", None
    height = max(_median([w[3] for words in lines.values() for w in words]), 1)
    segs = [seg for key in sorted(lines) for seg in _split(key, lines[key], height)]
    # rule lines ("-------", "_—=====") and lone unreadable marks carry no text: left in,
    # they sit between the issuer and the motto and cut a cell in two
    segs = [s for s in segs if s.word and not (len(s.confs) == 1 and s.confs[0] < _JUNK_CONF)] or segs
    for n, seg in enumerate(segs):
        seg.n = n  # Tesseract's order, kept within a band of one column
    page = (min(s.x0 for s in segs), max(s.x1 for s in segs))
    text = unicodedata.normalize("NFC", _render_bands(_bands(segs), height, page))
    return text, round(sum(confs) / len(confs), 2)


def _split(key: tuple[int, int, int], words: list[_Word], height: float) -> list[_Seg]:
    """Cut one Tesseract line at every gap wider than ``_SPLIT_GAP`` word heights."""
    words = sorted(words, key=lambda w: w[0])
    out, run = [], [words[0]]
    for prev, word in zip(words, words[1:], strict=False):
        if word[0] - (prev[0] + prev[2]) > _SPLIT_GAP * height:
            out.append(_Seg(key[:2], run))
            run = []
        run.append(word)
    out.append(_Seg(key[:2], run))
    return out


def _bands(segs: list[_Seg]) -> list[list[_Seg]]:
    """Stack segments into bands: a band holds the segments whose vertical extents overlap."""
    bands: list[list[_Seg]] = []
    bottom = float("-inf")
    for seg in sorted(segs, key=lambda s: (s.y0, s.x0)):
        if bands and seg.y0 < bottom:
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
        if right is not None and seg.x0 - right >= _COLUMN_GAP * height:
            out.append((right, seg.x0))
        right = seg.x1 if right is None else max(right, seg.x1)
    return out


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


def _render_bands(bands: list[list[_Seg]], height: float, page: tuple[float, float]) -> str:
    """Text of the bands top to bottom; a run of bands split by one common white strip is
    written as its left column, then its right column."""
    out: list[str] = []
    last_key: tuple[int, int] | None = None

    def emit(segs: list[_Seg], column: bool = False) -> None:
        """Write ``segs``; a column is one cell: set apart by two blank lines (never glued
        by join_wrapped_lines), no blank line inside it."""
        nonlocal last_key
        for i, seg in enumerate(segs):
            if out and column and i == 0:
                out.extend(["", ""])
            elif out and not column and seg.key != last_key:
                out.append("")
            out.append(seg.text)
            last_key = seg.key

    for start, end, strip in _runs(bands, height, page):
        if strip is None:  # one column, or a table row of three or more cells
            band = bands[start]
            many = len(_gaps(band, height)) > 1
            emit(sorted(band, key=lambda s: (s.x0, s.y0) if many else (s.n, 0)))
            continue
        segs = [seg for band in bands[start : end + 1] for seg in band]
        mid = (strip[0] + strip[1]) / 2
        left = sorted((s for s in segs if s.x1 <= mid), key=lambda s: (s.y0, s.x0))
        right = sorted((s for s in segs if s.x1 > mid), key=lambda s: (s.y0, s.x0))
        emit(left, column=True)
        emit(right, column=True)
        last_key = None
    return "\n".join(out)


def _runs(
    bands: list[list[_Seg]], height: float, page: tuple[float, float]
) -> list[tuple[int, int, tuple[float, float] | None]]:
    """(first band, last band, white strip or None) for every run of bands, top to bottom.
    A run starts at a band with one white strip in the middle part of the text width (a
    word read far left of the rest, "Điều 1." before a stamp, is no column)."""
    lo, hi = page[0] + _MIDDLE[0] * (page[1] - page[0]), page[0] + _MIDDLE[1] * (page[1] - page[0])
    runs: list[tuple[int, int, tuple[float, float] | None]] = []
    floor, i = 0, 0  # bands below ``floor`` already belong to a run of two columns
    while i < len(bands):
        gaps = _gaps(bands[i], height)
        if len(gaps) != 1 or not lo <= sum(gaps[0]) / 2 <= hi:
            i += 1
            continue
        start, end, strip = i, i, gaps[0]
        # only a band reaching right of the strip: a left-only line above reads the same
        while (
            start > floor
            and any(s.word and s.x1 > sum(strip) / 2 for s in bands[start - 1])
            and (found := _joins(bands[start - 1], bands[start], strip, height, 0))
        ):
            start, strip = start - 1, found
        # a left-only line below joins only if the right column goes on after it (a long
        # recipient list beside a short signature); else it is the body starting again
        probe, cur = end, strip
        while probe + 1 < len(bands) and (found := _joins(bands[probe + 1], bands[probe], cur, height, 1)):
            probe, cur = probe + 1, found
            if any(s.word and s.x1 > sum(cur) / 2 for s in bands[probe]) or _goes_on(
                bands, start, probe, cur, height
            ):
                end, strip = probe, cur
        runs.extend((k, k, None) for k in range(floor, start))
        runs.append((start, end, strip))
        floor = i = end + 1
    runs.extend((k, k, None) for k in range(floor, len(bands)))
    return runs


def _goes_on(bands: list[list[_Seg]], start: int, k: int, strip: tuple[float, float], height: float) -> bool:
    """Whether left-only band ``k`` continues the left column of the run ``start..k-1``: a
    sentence wrapped in the cell (it starts in lower case), or a dash item of the list above."""
    left = [s for band in bands[start:k] for s in band if s.word and s.x1 <= strip[0]]
    first = min((s for s in bands[k] if s.word), key=lambda s: s.x0, default=None)
    if not left or first is None:
        return False
    if first.text[:1].islower():
        return True
    return first.text[:1] in "-+•" and any(
        abs(s.x0 - first.x0) <= height and s.text[:1] in "-+•" for s in left
    )


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
