"""Erase the ruling lines of a bordered table from a page image before OCR.

Tesseract's page segmentation takes a box drawn round text (the two-cell "Nơi nhận" /
signature table at the foot of a letter, a one-row signature box) for an image and
returns no word of it, or reads its borders as "|", "[" glued to the words. So long thin
dark runs are erased before OCR when the page has both a vertical one (which text never
makes: letter stems are far shorter) and a horizontal one: table borders, and the black
edges of a real scan. A page without a vertical rule pays one bitwise pass (~10 ms).
The vertical rules are kept as walls: words on both sides of one are two cells, however
narrow the white between them (:mod:`pipeline.ocr_layout`); the horizontal rules as
floors, fitted as straight lines (a scan is skewed), from which the rows of a ruled table
are rebuilt (:mod:`pipeline.ocr_tables`).
"""

from __future__ import annotations

import numpy as np
from PIL import Image

DARK = 160  # grey level below which a pixel is ink
_VRULE = 1 / 40  # a vertical rule is at least this part of the page width long (62 px at 300 dpi)
_HRULE = 1 / 12  # a horizontal rule: this part of the width (207 px at 300 dpi)
Wall = tuple[int, int, int]  # a vertical rule: x, top, bottom
Floor = tuple[int, int, int, int]  # a horizontal rule: left, right, y at left, y at right


def erase_rules(pixels: np.ndarray, dark: np.ndarray) -> tuple[Image.Image, list[Wall], list[Floor]] | None:
    """The page with its ruling lines whitened, its vertical rules and its horizontal rules,
    or None when it has no table rules."""
    width = pixels.shape[1]
    # one pixel of slack across a line: a rule of a skewed scan steps from row to row
    wide = dark.copy()
    wide[:, 1:] |= dark[:, :-1]
    wide[:, :-1] |= dark[:, 1:]
    vertical = _long_runs(wide, max(int(width * _VRULE), 8), axis=0)
    if vertical is None:
        return None
    tall = dark.copy()
    tall[1:] |= dark[:-1]
    tall[:-1] |= dark[1:]
    horizontal = _long_runs(tall, max(int(width * _HRULE), 16), axis=1)
    if horizontal is None:
        return None
    # a table rule meets a horizontal rule at both ends (a cell's border); a seal, a stroke
    # of a signature or the seam of a scanned page does not…
    # (or the black edge of the scanner: a run reaching the border of the image)
    height = pixels.shape[0]
    walls = [
        w
        for w in _walls(vertical)
        if w[1] > 0 and w[2] < height and _meets(horizontal, w[0], w[1]) and _meets(horizontal, w[0], w[2])
    ]
    if not walls:
        return None
    rules = vertical | horizontal
    grown = rules.copy()  # and the grey fringe of the line
    for d in (1, 2):
        grown[d:] |= rules[:-d]
        grown[:-d] |= rules[d:]
        grown[:, d:] |= rules[:, :-d]
        grown[:, :-d] |= rules[:, d:]
    out = pixels.copy()
    out[grown] = 255
    return Image.fromarray(out), walls, _floors(horizontal)


def _floors(horizontal: np.ndarray) -> list[Floor]:
    """Each horizontal rule as a straight line (left, right, y at left, y at right): runs of
    rows, then runs of columns within them (a gap of a few pixels, a speck dropped out, does
    not cut a rule), the line fitted to the rule's pixels by least squares."""
    out: list[Floor] = []
    for y0, y1 in _spans(horizontal.any(axis=1), 3):
        band = horizontal[y0:y1]
        for x0, x1 in _spans(band.any(axis=0), 8):
            ys, xs = np.nonzero(band[:, x0:x1])
            if len(xs) < 2 or xs.max() == xs.min():
                continue
            slope, at = np.polyfit(xs.astype(float), ys.astype(float), 1)
            left, right = x0 + int(xs.min()), x0 + int(xs.max())
            y_left = y0 + at + slope * (left - x0)
            y_right = y0 + at + slope * (right - x0)
            out.append((left, right, round(y_left), round(y_right)))
    return out


def _meets(horizontal: np.ndarray, x: int, y: int, reach: int = 8) -> bool:
    """Whether a horizontal rule passes within ``reach`` pixels of (x, y)."""
    return bool(horizontal[max(y - reach, 0) : y + reach, max(x - reach, 0) : x + reach].any())


def _walls(vertical: np.ndarray) -> list[Wall]:
    """(x, top, bottom) of each vertical rule: neighbouring columns, then runs of rows."""
    out: list[Wall] = []
    for x0, x1 in _spans(vertical.any(axis=0), 3):
        for y0, y1 in _spans(vertical[:, x0:x1].any(axis=1), 3):
            out.append(((x0 + x1) // 2, y0, y1))
    return out


def _spans(flags: np.ndarray, slack: int) -> list[tuple[int, int]]:
    """[start, end) of the runs of True in ``flags``, runs closer than ``slack`` merged."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flags.view(np.int8), [0]))))
    out: list[tuple[int, int]] = []
    for start, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        if out and start - out[-1][1] < slack:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _long_runs(dark: np.ndarray, length: int, axis: int) -> np.ndarray | None:
    """Pixels of ``dark`` in a run at least ``length`` long along ``axis``, or None if none.
    Bits are packed across the runs, so each step is one AND of shifted byte arrays."""
    size = dark.shape[axis]
    if size < length:
        return None
    packed = np.packbits(dark, axis=1 - axis)

    def cut(a: np.ndarray, start: int, stop: int | None) -> np.ndarray:
        return a[start:stop] if axis == 0 else a[:, start:stop]

    # every[i] = the run of ``length`` starting at i is all dark (doubling the span)
    every, span = packed, 1
    while 2 * span <= length:
        every = cut(every, 0, -span) & cut(every, span, None)
        span *= 2
    if span < length:
        every = cut(every, 0, -(length - span)) & cut(every, length - span, None)
    if not every.any():
        return None
    spread = np.zeros_like(packed)  # back over the whole run: OR of shifted copies
    cut(spread, 0, every.shape[axis])[...] = every
    span = 1
    while span < length:
        step = min(span, length - span)
        cut(spread, step, None)[...] |= cut(spread, 0, -step).copy()
        span += step
    return np.unpackbits(spread, axis=1 - axis, count=dark.shape[1 - axis]).astype(bool)
