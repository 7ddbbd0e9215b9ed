"""OCR one page with Tesseract: (text, mean word confidence).

A page is a Pillow image or a pypdfium2 page (rendered in grey at :data:`OCR_DPI`, scaled
down for very large pages). The ruling lines of a bordered table are erased first (Tesseract
takes a ruled box for an image and returns nothing for it: :mod:`pipeline.ocr_rules`); a page
with ink on which Tesseract still reads almost nothing is read once more as one block of
text (``--psm 6``). It is written once as an uncompressed PGM file and read by
**one** ``tesseract FILE - -l vie --psm 3 tsv`` call whose TSV gives both the words (laid
out again in reading order from their boxes, two-column blocks one column after the other,
paragraph ends told from the line ends and indents: :mod:`pipeline.ocr_layout`; the rows
of a ruled table one line each, cells joined by " | ": :mod:`pipeline.ocr_tables`) and their
confidences. The process runs in its own
session and is killed with its whole group when the per-page timeout expires.

A page scanned sideways or upside down (most words taller than wide, or a low mean
confidence) is shown to Tesseract's orientation detection (``--psm 0``, the ``osd`` data
that ships with ``tesseract-ocr``), turned upright and read again; the better-scored read is
kept. An upright page costs nothing more.

Errors are :class:`PipelineError` with codes ``ocr_timeout``, ``ocr_unavailable`` and
``ocr_failed`` (docs/errors.md).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from typing import Any

import numpy as np

from .ocr_layout import layout
from .ocr_rules import DARK, Floor, Wall, erase_rules
from .ocr_tables import _tsv_words, table_rows
from .pdf_lines import LineBreaks
from .records import PipelineError

OCR_DPI = 300
OCR_MAX_PIXELS = 40_000_000  # render scale is reduced for very large PDF pages
OCR_LANG = "vie"
OCR_PSM = 3
OCR_RETRY_PSM = 6  # one uniform block: reads a page the automatic segmentation left empty
_FEW_WORDS = 3  # fewer words than this read on a page …
_INK = 0.002  # … with at least this share of dark pixels: read it again as one block
# A page scanned sideways or upside down: most words (3+ letters) taller than wide, or a low
# mean confidence over enough words, sends the page to Tesseract's orientation detection
_TALL = 0.5
_LOW_CONF = 65.0
_SOME_WORDS = 20
_OSD_MIN_CONF = 2.0  # orientation confidence below this: the page is left as it lies


def ocr_page(page: Any, timeout: float, where: str = "page") -> tuple[str, float | None, LineBreaks]:
    """OCR one page: (NFC text, mean word confidence 0–100 or None when nothing was read,
    the line breaks the word boxes show to end a paragraph or to run on, as offsets into the
    text: ``PageText.breaks`` / ``wraps``).

    ``page`` is a Pillow image or a pypdfium2 ``PdfPage``; ``timeout`` is the limit in
    seconds for Tesseract; ``where`` names the page in error messages ("page 3").
    """
    image = _render(page) if hasattr(page, "render") else page
    if image.mode != "L":
        image = image.convert("L")
    low, high = image.getextrema()
    if low == high:  # blank (one flat colour): nothing to read
        return "", None, LineBreaks()
    read, tsv = _read(image, timeout, where)
    words, conf, tall = _shape(tsv)
    if words >= _FEW_WORDS and (tall > _TALL or (words >= _SOME_WORDS and conf < _LOW_CONF)):
        angle = _orientation(image, timeout, where)
        if angle:
            turned, turned_tsv = _read(image.rotate(-angle, expand=True, fillcolor=255), timeout, where)
            _, conf2, tall2 = _shape(turned_tsv)
            if conf2 * (1 - tall2) > conf * (1 - tall):
                read = turned
    return read


def _read(image: Any, timeout: float, where: str) -> tuple[tuple[str, float | None, LineBreaks], str]:
    """(text, confidence, line breaks) of a grey page image as it lies, and Tesseract's TSV."""
    pixels = np.asarray(image)
    dark = pixels < DARK
    walls: list[Wall] = []
    floors: list[Floor] = []
    erased = erase_rules(pixels, dark)
    if erased is not None:
        image, walls, floors = erased
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as tmp:
        src = os.path.join(tmp, "page.pgm")
        image.save(src, format="PPM")  # binary PGM: no compression to pay for
        tsv = _tesseract(src, timeout, where, OCR_PSM)
        read = _laid_out(tsv, walls, floors)
        if len(read[0].split()) < _FEW_WORDS and dark.mean() >= _INK:
            retry_tsv = _tesseract(src, timeout, where, OCR_RETRY_PSM)
            retry = _laid_out(retry_tsv, walls, floors)
            if len(retry[0].split()) > len(read[0].split()):
                read, tsv = retry, retry_tsv
    return read, tsv


def _shape(tsv: str) -> tuple[int, float, float]:
    """(words read, their mean confidence, share of words of 3+ letters whose box is taller
    than wide) of a Tesseract TSV: a page turned by 90° reads as columns of tall words, one
    upside down as low-confidence junk."""
    words = _tsv_words(tsv.split("\n"))
    long = [w for w in words if len(w.text) >= 3]
    conf = sum(w.conf for w in words) / len(words) if words else 0.0
    return len(words), conf, sum(w.height > w.width for w in long) / len(long) if long else 0.0


def _orientation(image: Any, timeout: float, where: str) -> int:
    """Degrees to turn the page clockwise to stand it upright, by Tesseract's orientation
    and script detection (``--psm 0``); 0 when it is unsure or cannot tell (too few
    letters, the ``osd`` data missing)."""
    with tempfile.TemporaryDirectory(prefix="kehoach-osd-") as tmp:
        src = os.path.join(tmp, "page.pgm")
        image.save(src, format="PPM")
        try:
            out = _tesseract(src, timeout, where, 0)
        except PipelineError as exc:
            if exc.code == "ocr_failed":
                return 0
            raise
    rotate = re.search(r"^Rotate:\s*(\d+)", out, re.M)
    sure = re.search(r"^Orientation confidence:\s*([\d.]+)", out, re.M)
    if not rotate or not sure or float(sure.group(1)) < _OSD_MIN_CONF:
        return 0
    return int(rotate.group(1)) % 360


def _laid_out(tsv: str, walls: list[Wall], floors: list[Floor]) -> tuple[str, float | None, LineBreaks]:
    """The page's text from Tesseract's TSV, its ruled tables one row a line; laid out as
    if it had no table when rebuilding the rows fails, so the page's text is never lost."""
    try:
        rest, rows = table_rows(tsv, walls, floors)
        if rows:
            return layout(rest, walls, rows)
    except Exception:  # noqa: BLE001 - any bug in the table geometry: the plain layout
        pass
    return layout(tsv, walls)


# ------------------------------------------------------------------------- rendering


def _render(page: Any) -> Any:
    """Render a pypdfium2 page in grey at OCR_DPI (less for huge pages)."""
    scale = OCR_DPI / 72
    w, h = page.get_size()
    if w * h * scale * scale > OCR_MAX_PIXELS:
        scale = (OCR_MAX_PIXELS / (w * h)) ** 0.5
    return page.render(scale=scale, grayscale=True).to_pil()


# ----------------------------------------------------------------------- tesseract


def _tesseract(src: str, timeout: float, where: str, psm: int = OCR_PSM) -> str:
    """Run one Tesseract process on ``src`` with TSV output; kill its group on timeout."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise PipelineError("ocr_unavailable", "tesseract is not installed or not on PATH")
    # No --dpi: Tesseract estimates the resolution from the text, as it did through
    # pytesseract; passing the render dpi misread the header of a real scan (CHÚ for CHỦ).
    # psm 0 is orientation detection alone: a report, not TSV, from the osd data, not vie
    cmd = (
        [exe, src, "-", "--psm", "0"]
        if psm == 0
        else [exe, src, "-", "-l", OCR_LANG, "--psm", str(psm), "tsv"]
    )
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
