"""Ingest benchmarks: PDF text layer (pdfplumber vs pypdfium2) and OCR (kehoach vs CLI).

    python benchmarks/bench_ingest.py      # generates PDFs/images in a temp dir, prints figures

``benchmarks/bench.py`` imports :func:`bench_pdf_text` and :func:`bench_ocr`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def bench_pdf_text(pdf_paths: list[Path]) -> dict:
    """Pages per second extracting the text layer with pdfplumber and with pypdfium2."""
    import pdfplumber
    import pypdfium2 as pdfium

    def run_pdfium() -> int:
        pages = 0
        for p in pdf_paths:
            pdf = pdfium.PdfDocument(str(p))
            for page in pdf:
                page.get_textpage().get_text_range()
                pages += 1
            pdf.close()
        return pages

    def run_plumber() -> int:
        pages = 0
        for p in pdf_paths:
            with pdfplumber.open(str(p)) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    pages += 1
        return pages

    out = {}
    for name, fn in (("pypdfium2", run_pdfium), ("pdfplumber", run_plumber)):
        t0 = time.perf_counter()
        pages = fn()
        out[name] = {"pages": pages, "seconds": round(time.perf_counter() - t0, 3)}
        out[name]["pages_per_s"] = round(pages / max(out[name]["seconds"], 1e-9), 1)
    out["ratio_pdfium_over_plumber"] = round(
        out["pypdfium2"]["pages_per_s"] / out["pdfplumber"]["pages_per_s"], 1
    )
    return out


def bench_ocr(image_paths: list[Path]) -> dict:
    """Pages per second: kehoach's OCR path (ingest of an image) vs ``tesseract IMG - -l vie``."""
    from pipeline.ingest import ingest

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    ours = cli = 0.0
    confs = []
    for p in image_paths:  # interleaved, so load from other processes hits both alike
        t0 = time.perf_counter()
        raw = ingest(p)
        ours += time.perf_counter() - t0
        confs += [pg.confidence for pg in raw.pages if pg.confidence is not None]
        t0 = time.perf_counter()
        subprocess.run(["tesseract", str(p), "-", "-l", "vie"], env=env, capture_output=True, check=True)
        cli += time.perf_counter() - t0
    n = len(image_paths)
    return {
        "images": n,
        "kehoach": {"seconds": round(ours, 2), "pages_per_s": round(n / ours, 3)},
        "tesseract_cli": {"seconds": round(cli, 2), "pages_per_s": round(n / cli, 3)},
        "ratio_kehoach_over_cli": round((n / ours) / (n / cli), 2),
        "mean_confidence": round(sum(confs) / len(confs), 1) if confs else None,
    }


def _seed_lines() -> list[str]:
    lines = []
    for f in sorted((ROOT / "corpus" / "documents" / "seeds").glob("*.txt")):
        lines += [ln.strip() for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines


def _make_pdfs(outdir: Path, n_docs: int = 5, pages: int = 4) -> list[Path]:
    from fpdf import FPDF

    lines, paths, k = _seed_lines(), [], 0
    for d in range(n_docs):
        pdf = FPDF()
        pdf.add_font("dejavu", fname=FONT)
        pdf.set_font("dejavu", size=11)
        for _ in range(pages):
            pdf.add_page()
            for _ in range(40):
                pdf.multi_cell(0, 6, lines[k % len(lines)], new_x="LMARGIN", new_y="NEXT")
                k += 1
        path = outdir / f"doc{d}.pdf"
        pdf.output(str(path))
        paths.append(path)
    return paths


def _make_images(outdir: Path, n: int = 3) -> list[Path]:
    from PIL import Image, ImageDraw, ImageFont

    lines, paths = _seed_lines(), []
    font = ImageFont.truetype(FONT, 30)
    for i in range(n):
        img = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
        draw = ImageDraw.Draw(img)
        for j in range(45):
            draw.text((150, 150 + 70 * j), lines[(i * 45 + j) % len(lines)][:95], fill=0, font=font)
        path = outdir / f"scan{i}.png"
        img.save(path, dpi=(300, 300))
        paths.append(path)
    return paths


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        out = Path(tmp)
        pdfs = _make_pdfs(out)
        print("pdf_text", json.dumps(bench_pdf_text(pdfs), indent=1))
        print("ocr", json.dumps(bench_ocr(_make_images(out)), indent=1))


if __name__ == "__main__":
    main()
