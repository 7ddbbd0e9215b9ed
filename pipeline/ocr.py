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
from typing import Any

import numpy as np

from .ocr_layout import layout
from .ocr_rules import DARK, Floor, Wall, erase_rules
from .ocr_tables import table_rows
from .pdf_lines import LineBreaks
from .records import PipelineError

OCR_DPI = 300
OCR_MAX_PIXELS = 40_000_000  # render scale is reduced for very large PDF pages
OCR_LANG = "vie"
OCR_PSM = 3
OCR_RETRY_PSM = 6  # one uniform block: reads a page the automatic segmentation left empty
_FEW_WORDS = 3  # fewer words than this read on a page …
_INK = 0.002  # … with at least this share of dark pixels: read it again as one block


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
        read = _laid_out(_tesseract(src, timeout, where, OCR_PSM), walls, floors)
        if len(read[0].split()) < _FEW_WORDS and dark.mean() >= _INK:
            retry = _laid_out(_tesseract(src, timeout, where, OCR_RETRY_PSM), walls, floors)
            if len(retry[0].split()) > len(read[0].split()):
                read = retry
    return read


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
    cmd = [exe, src, "-", "-l", OCR_LANG, "--psm", str(psm), "tsv"]
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
