"""Ingest benchmarks: PDF text layer (pdfplumber vs pypdfium2) and OCR (kehoach vs CLI).

    python benchmarks/bench_ingest.py      # generates PDFs/images in a temp dir, prints figures
    KEHOACH_BENCH_ROUNDS=3 python benchmarks/bench_ingest.py   # more OCR rounds, steadier

``benchmarks/bench.py`` imports :func:`bench_pdf_text` and :func:`bench_ocr`.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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


def bench_ocr(image_paths: list[Path], rounds: int = 1, scan_pdfs: list[Path] | None = None) -> dict:
    """kehoach's OCR path vs ``tesseract IMG - -l vie --psm 3`` (OMP_THREAD_LIMIT=1).

    Fair by construction: every image is first re-saved as a PNG without resolution
    metadata (kehoach does not pass a dpi to Tesseract, so neither side gets one), and
    each side reads that same file from disk. Runs are interleaved and the order rotates
    each round, so load from other processes hits all alike. Wall seconds and CPU seconds
    (this process + waited children) are both reported; CPU time is the steadier figure
    on a loaded machine. ``pytesseract_image_to_data`` is the path used before
    pipeline.ocr (PNG temp file + pytesseract), measured in the same run for comparison.
    ``scan_pdfs`` adds whole scanned PDFs through ``ingest`` (render + OCR) against the
    CLI on the same pages rendered to PNG.
    """
    from PIL import Image

    from pipeline.ingest import ingest
    from pipeline.ocr import OCR_LANG, OCR_PSM, _render, ocr_page

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    os.environ["OMP_THREAD_LIMIT"] = "1"
    cli = ["tesseract", "{img}", "-", "-l", OCR_LANG, "--psm", str(OCR_PSM)]

    def run_cli(img: Path, *extra: str) -> None:
        argv = [a.replace("{img}", str(img)) for a in cli] + list(extra)
        subprocess.run(argv, env=env, capture_output=True, check=True)

    def old_path(img: Path) -> None:
        import pytesseract

        pytesseract.image_to_data(
            Image.open(img).convert("L"), lang=OCR_LANG, config=f"--psm {OCR_PSM}", output_type="dict"
        )

    with tempfile.TemporaryDirectory(prefix="kehoach-bench-ocr-") as tmpdir:
        tmp = Path(tmpdir)
        images = []
        for k, p in enumerate(image_paths):
            with Image.open(p) as im:
                im.convert("L").save(tmp / f"page{k}.png")  # no dpi: both sides estimate it
            images.append(tmp / f"page{k}.png")
        pdf_pages: list[tuple[Path, list[Path]]] = []
        for pdf_path in scan_pdfs or []:
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(str(pdf_path))
            pngs = []
            for i in range(len(pdf)):
                pngs.append(tmp / f"{pdf_path.stem}-{i}.png")
                _render(pdf[i]).save(pngs[-1])  # exactly what ingest renders
            pdf.close()
            pdf_pages.append((pdf_path, pngs))

        confs: list[float] = []

        def ours_ingest(img: Path) -> None:
            raw = ingest(img)
            confs.extend(pg.confidence for pg in raw.pages if pg.confidence is not None)

        variants: dict[str, Callable[[Path], None]] = {
            "kehoach": ours_ingest,  # ingest(PNG): decode, checks, ocr_page
            "ocr_page": lambda img: ocr_page(Image.open(img), 600),
            "tesseract_cli": lambda img: run_cli(img),
            "tesseract_cli_tsv": lambda img: run_cli(img, "tsv"),
        }
        try:
            import pytesseract  # noqa: F401

            variants["pytesseract_image_to_data"] = old_path
        except ImportError:
            pass
        times = {name: [0.0, 0.0] for name in variants}
        per_page: dict[str, list[float]] = {name: [] for name in variants}
        names = list(variants)
        for r in range(rounds):
            for k, img in enumerate(images):
                shift = (r + k) % len(names)
                for name in names[shift:] + names[:shift]:
                    wall, cpu = _timed(variants[name], img)
                    times[name][0] += wall
                    times[name][1] += cpu
                    per_page[name].append(wall)
        n = len(images) * rounds
        out: dict = {"images": len(images), "rounds": rounds}
        for name, (wall, cpu) in times.items():
            out[name] = {
                "seconds": round(wall, 2),
                "cpu_seconds": round(cpu, 2),
                "pages_per_s": round(n / wall, 3),
            }
        base = times["tesseract_cli"]
        for name in variants:
            if name != "tesseract_cli":
                out[f"ratio_{name}_over_cli"] = round(base[0] / times[name][0], 3)
                out[f"cpu_ratio_{name}_over_cli"] = round(base[1] / times[name][1], 3)
                ratios = sorted(c / o for c, o in zip(per_page["tesseract_cli"], per_page[name], strict=True))
                out[f"median_page_ratio_{name}_over_cli"] = round(ratios[len(ratios) // 2], 3)
        out["mean_confidence"] = round(sum(confs) / len(confs), 1) if confs else None
        if pdf_pages:
            ours, theirs = [0.0, 0.0], [0.0, 0.0]
            for _ in range(rounds):
                for pdf_path, pngs in pdf_pages:
                    wall, cpu = _timed(ingest, pdf_path)
                    ours = [ours[0] + wall, ours[1] + cpu]
                    for png in pngs:
                        wall, cpu = _timed(run_cli, png)
                        theirs = [theirs[0] + wall, theirs[1] + cpu]
            out["scanned_pdfs"] = {
                "pdfs": len(pdf_pages),
                "pages": sum(len(p) for _, p in pdf_pages),
                "kehoach_ingest_seconds": round(ours[0], 2),
                "tesseract_cli_seconds": round(theirs[0], 2),
                "ratio_kehoach_over_cli": round(theirs[0] / ours[0], 3),
                "cpu_ratio_kehoach_over_cli": round(theirs[1] / ours[1], 3),
            }
    return out


def _timed(fn: Callable[[Path], object], arg: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its waited children) for fn(arg)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    c0, t0 = time.process_time(), time.perf_counter()
    fn(arg)
    wall, own = time.perf_counter() - t0, time.process_time() - c0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    children = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, own + children


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
        img.save(path)  # no dpi metadata: kehoach lets Tesseract estimate it
        paths.append(path)
    return paths


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        out = Path(tmp)
        pdfs = _make_pdfs(out)
        print("pdf_text", json.dumps(bench_pdf_text(pdfs), indent=1))
        scans = sorted((ROOT / "corpus" / "documents" / "pdf").glob("*.pdf"))
        rounds = int(os.environ.get("KEHOACH_BENCH_ROUNDS", "1"))
        print("ocr", json.dumps(bench_ocr(_make_images(out), rounds=rounds, scan_pdfs=scans), indent=1))


if __name__ == "__main__":
    main()
