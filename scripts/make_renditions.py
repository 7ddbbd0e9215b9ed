"""Render every gold document with a text source in four other forms, for ``make eval``.

    python scripts/make_renditions.py --gold corpus/gold --out corpus/renditions --seed 1234

Writes ``<out>/<kind>/<stem>.<ext>`` and ``<out>/index.json`` (rows ``{path, gold, kind}``,
paths relative to ``<out>``):

* ``textpdf`` — A4 PDF with a text layer (fpdf2, DejaVuSans), wrapped lines, header as a
  borderless two-column table;
* ``scan``    — the same pages rasterized at 300 dpi grayscale, rotated ±0.7°, lightly
  blurred, speckled; an image-only PDF (Pillow), no text layer;
* ``docx``    — python-docx; header block (issuer | motto, number | place-date) as a
  two-column table, other markdown tables as tables, every other line a paragraph;
* ``messy``   — .txt in NFD, ``Đ``→U+00D0 and ``đ``→U+00F0, CRLF, hard wraps at 70 chars.

Gold documents whose source is already a PDF (real scans) are listed with kind
``original`` and not re-rendered. Markdown decoration is removed the way a reader sees
the page (``**``, ``#``, ``*…*``; table pipes become cells).

Deterministic: the random draws come from ``random.Random(seed, stem)``; PDF creation
dates and docx zip timestamps are fixed, so a rerun with the same seed and the same
library versions gives the same bytes (checked by tests/test_renditions.py).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import sys
import textwrap
import time
import unicodedata
import zipfile
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
KINDS = ["textpdf", "scan", "docx", "messy"]
EXT = {"textpdf": "pdf", "scan": "pdf", "docx": "docx", "messy": "txt"}
TEXT_SUFFIXES = {".txt", ".md"}
FIXED_DATE = datetime(2000, 1, 1, tzinfo=timezone.utc)
DPI = 300

_SEP_ROW = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_MOTTO = re.compile(r"^C[ỘO]NG H[ÒO]A X[ÃA] H[ỘO]I", re.IGNORECASE)
_NUMBER_LINE = re.compile(r"^(Số|So)\s*[:.]", re.IGNORECASE)
_PLACE_DATE = re.compile(r",\s*ngày\b", re.IGNORECASE)

Block = tuple[str, Any]  # ("para", str) | ("table", list[list[str]]) ; header tables: ("header", rows)


# ------------------------------------------------------------------- reading


def _clean(line: str) -> str:
    """Markdown decoration off, as a reader sees the line."""
    line = re.sub(r"^\s*#{1,6}\s+", "", line)
    line = line.replace("**", "").replace("__", "")
    line = re.sub(r"^\*(?!\s)(.+?)(?<!\s)\*$", r"\1", line.strip())
    return line.strip()


def _cells(line: str) -> list[str]:
    s = line.strip()
    s = s[1:] if s.startswith("|") else s
    s = s[:-1] if s.endswith("|") else s
    return [_clean(c) for c in s.split("|")]


def _is_row(line: str) -> bool:
    s = line.strip()
    return s.count("|") >= 2 and (s.startswith("|") or s.endswith("|") or " | " in s)


def _pipe_cell_header(lines: list[str]) -> tuple[list[list[str]], int] | None:
    """Header cells separated by lone '|' lines (excerpts/E05): rows of two cells, end index."""
    lone = [i for i, ln in enumerate(lines[:40]) if ln.strip() == "|"]
    if len(lone) < 2:
        return None
    cells, cur = [], []
    for ln in lines[: lone[-1]]:
        if ln.strip() == "|":
            cells.append(" ".join(cur).strip())
            cur = []
        elif ln.strip():
            cur.append(_clean(ln))
    cells.append(" ".join(cur).strip())
    rows = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
    return rows, lone[-1] + 1


def _flat_header(blocks: list[Block]) -> list[Block]:
    """Issuer line(s) followed by the motto line, as flattened by crawlers → a header table."""
    if any(kind != "para" for kind, _ in blocks[:12]):
        return blocks
    for i, (_, text) in enumerate(blocks[:12]):
        if not _MOTTO.match(text):
            continue
        j = i
        while j > 0 and blocks[j - 1][1].upper() == blocks[j - 1][1] and len(blocks[j - 1][1]) < 120:
            j -= 1
        if j == i:
            return blocks
        issuer = "\n".join(t for _, t in blocks[j:i])
        rows, k = [[issuer, text]], i + 1
        if k < len(blocks) and blocks[k][1].lower().startswith("độc lập"):
            rows[0][1] += "\n" + blocks[k][1]
            k += 1
        if k + 1 < len(blocks) and _NUMBER_LINE.match(blocks[k][1]) and _PLACE_DATE.search(blocks[k + 1][1]):
            rows.append([blocks[k][1], blocks[k + 1][1]])
            k += 2
        return [*blocks[:j], ("header", rows), *blocks[k:]]
    return blocks


def read_blocks(text: str) -> list[Block]:
    """The document as a reader sees it: paragraphs and tables (header table marked)."""
    lines = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    start = 0
    piped = _pipe_cell_header(lines)
    if piped:
        blocks.append(("header", piped[0]))
        start = piped[1]
    rows: list[list[str]] = []
    for line in [*lines[start:], ""]:
        if _is_row(line):
            if not _SEP_ROW.match(line.strip()):
                rows.append(_cells(line))
            continue
        if _SEP_ROW.match(line.strip()) and rows:
            continue
        if rows:
            blocks.append(("table", rows))
            rows = []
        cleaned = _clean(line)
        if cleaned:
            blocks.append(("para", cleaned))
    blocks = _flat_header(blocks)
    # the first table holding the motto is the header block
    for i, (kind, body) in enumerate(blocks[:12]):
        if kind == "table" and any(_MOTTO.match(c) for row in body for c in row):
            blocks[i] = ("header", body)
            break
    return blocks


# ------------------------------------------------------------------ renderers


def _rng(seed: int, stem: str) -> random.Random:
    return random.Random(seed * 1_000_003 + zlib.crc32(stem.encode("utf-8")))


def render_textpdf(blocks: list[Block]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.add_page()
    for kind, body in blocks:
        if kind == "para":
            pdf.set_font("DejaVu", "B" if body.isupper() else "", 12)
            pdf.multi_cell(0, 6.5, body, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
            continue
        ncols = max(len(r) for r in body)
        pdf.set_font("DejaVu", "", 12 if kind == "header" else max(6, 11 - ncols))
        rows = [list(r) + [""] * (ncols - len(r)) for r in body]
        try:
            with pdf.table(
                borders_layout="NONE" if kind == "header" else "ALL",
                first_row_as_headings=False,
                text_align="CENTER" if kind == "header" else "LEFT",
                line_height=6,
            ) as table:
                for r in rows:
                    row = table.row()
                    for c in r:
                        row.cell(c)
        except Exception:  # a table fpdf2 cannot lay out: its cells as lines
            for r in rows:
                pdf.multi_cell(0, 6, "  ".join(c for c in r if c), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def render_scan(pdf_bytes: bytes, rng: random.Random) -> bytes:
    """Rasterize the text PDF like a office scanner: 300 dpi gray, skew, blur, speckles."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    doc = pdfium.PdfDocument(pdf_bytes)
    pages = []
    for i in range(len(doc)):
        img = doc[i].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
        img = img.rotate(rng.uniform(-0.7, 0.7), resample=Image.Resampling.BICUBIC, fillcolor=255)
        img = img.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.4, 0.8)))
        arr = np.asarray(img, dtype=np.int16)
        noise = np.random.default_rng(rng.randrange(2**32))
        speck = noise.random(arr.shape)
        arr[speck < 0.0008] = 40  # dark specks
        arr[speck > 0.9995] = 255  # dropouts
        pages.append(Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L"))
    doc.close()
    buf = io.BytesIO()
    fixed = time.gmtime(FIXED_DATE.timestamp())
    pages[0].save(
        buf,
        "PDF",
        resolution=DPI,
        save_all=True,
        append_images=pages[1:],
        quality=80,
        creationDate=fixed,
        modDate=fixed,
    )
    return buf.getvalue()


def render_docx(blocks: list[Block]) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    d.core_properties.created = FIXED_DATE.replace(tzinfo=None)
    d.core_properties.modified = FIXED_DATE.replace(tzinfo=None)
    d.core_properties.last_printed = FIXED_DATE.replace(tzinfo=None)
    for kind, body in blocks:
        if kind == "para":
            p = d.add_paragraph(body)
            if body.isupper():
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        ncols = max(len(r) for r in body)
        table = d.add_table(rows=len(body), cols=ncols)
        if kind != "header":
            table.style = "Table Grid"
        for r, row in enumerate(body):
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                cell.text = text
                if kind == "header":
                    for p in cell.paragraphs:
                        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so identical content gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_messy(text: str) -> bytes:
    """NFD, Latin eth for Đ/đ, hard wraps at ~70 characters, CRLF."""
    lines = []
    for line in unicodedata.normalize("NFC", text).replace("\r\n", "\n").split("\n"):
        lines.extend(textwrap.wrap(line, width=70, break_long_words=False, break_on_hyphens=False) or [""])
    body = unicodedata.normalize("NFD", "\n".join(lines)).replace("Đ", "\u00d0").replace("đ", "\u00f0")
    return body.replace("\n", "\r\n").encode("utf-8")


# ----------------------------------------------------------------------- main


def make_renditions(
    gold: str | Path, out: str | Path, seed: int = 1234, kinds: list[str] | None = None
) -> list[dict[str, str]]:
    """Write every rendition of every gold document and ``<out>/index.json``; return its rows."""
    gold_dir, out_dir = Path(gold), Path(out)
    corpus = gold_dir.resolve().parent
    kinds = kinds or KINDS
    index: list[dict[str, str]] = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        stem = gold_file.stem
        record = json.loads(gold_file.read_text(encoding="utf-8"))
        source = corpus / record.get("file", "")
        if not record.get("file") or not source.is_file():
            print(f"skip {stem}: source {source} not found", file=sys.stderr)
            continue
        if source.suffix.lower() not in TEXT_SUFFIXES:
            index.append(
                {"path": os.path.relpath(source, out_dir.resolve()), "gold": stem, "kind": "original"}
            )
            continue
        text = source.read_text(encoding="utf-8")
        blocks = read_blocks(text)
        rng = _rng(seed, stem)
        pdf = render_textpdf(blocks) if {"textpdf", "scan"} & set(kinds) else b""
        outputs = {
            "textpdf": lambda pdf=pdf: pdf,
            "scan": lambda pdf=pdf, rng=rng: render_scan(pdf, rng),
            "docx": lambda blocks=blocks: render_docx(blocks),
            "messy": lambda text=text: render_messy(text),
        }
        for kind in kinds:
            path = out_dir / kind / f"{stem}.{EXT[kind]}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(outputs[kind]())
            index.append({"path": f"{kind}/{stem}.{EXT[kind]}", "gold": stem, "kind": kind})
    out_dir.mkdir(parents=True, exist_ok=True)
    index = _merge_index(
        out_dir, index, {r["gold"] for r in index} | {g.stem for g in gold_dir.glob("*.json")}
    )
    (out_dir / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
    return index


def _merge_index(out_dir: Path, rows: list[dict[str, str]], golds: set[str]) -> list[dict[str, str]]:
    """Keep earlier rows of other kinds (a ``--kinds`` subset run) whose file still exists."""
    path = out_dir / "index.json"
    done = {(r["gold"], r["kind"]) for r in rows}
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    keep = [
        r
        for r in old
        if (r["gold"], r["kind"]) not in done and r["gold"] in golds and (out_dir / r["path"]).exists()
    ]
    return sorted(
        keep + rows, key=lambda r: (r["gold"], KINDS.index(r["kind"]) if r["kind"] in KINDS else -1)
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", default="corpus/gold")
    ap.add_argument("--out", default="corpus/renditions")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma list of " + ", ".join(KINDS))
    a = ap.parse_args(argv)
    rows = make_renditions(a.gold, a.out, a.seed, a.kinds.split(","))
    print(f"{len(rows)} renditions → {a.out}/index.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
