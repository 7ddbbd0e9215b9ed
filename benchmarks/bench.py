"""Throughput of the bulk runner, measured side by side with what it is compared to.

    python benchmarks/bench.py --out metrics/bench.json      # `make bench`

* text-layer documents: kehoach docs/s (``--jobs 1``) vs the ceiling of
  ``underthesea.word_tokenize`` alone over the same texts, and vs
  ``benchmarks/baseline.py``'s ``baseline_extract`` (the afternoon baseline);
* scanned pages: kehoach pages/s (``--jobs 1``) vs plain ``tesseract IMG - -l vie``,
  single-threaded, on the same page images; plus ``bench_ingest`` (PDF text layer
  libraries, OCR through ``ingest``);
* ``--jobs 1`` vs ``--jobs 2`` throughput on the same documents;
* peak RSS per worker (psutil, sampled by the runner's watchdog).

Inputs: ``corpus/renditions`` (``make corpus``) when present, else a small generated set.
Figures are printed and written to the JSON file; nothing here is a test assertion.
Timings include each run's worker start-up (model loading); ``steady_docs_per_s`` leaves it out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def _rate(n: float, seconds: float) -> float:
    return round(n / seconds, 3) if seconds > 0 else 0.0


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def _inputs(tmp: Path, n_text: int, n_scan: int) -> tuple[list[Path], list[Path], str]:
    """(text-layer documents, scanned PDFs, where they came from)."""
    rend = ROOT / "corpus" / "renditions"
    text = sorted((rend / "textpdf").glob("*.pdf"))[:n_text] + sorted((rend / "messy").glob("*.txt"))[:n_text]
    scans = sorted((rend / "scan").glob("*.pdf"))[:n_scan]
    if text and scans:
        return text, scans, "corpus/renditions"
    from bench_ingest import _make_pdfs

    pdfs = _make_pdfs(tmp, n_docs=max(2, n_text // 2), pages=2)
    return pdfs, [], "generated"


def _page_images(scans: list[Path], tmp: Path, pages: int) -> list[Path]:
    """First pages of the scanned PDFs as 300 dpi PNG, the same images for every contender."""
    import pypdfium2 as pdfium

    out: list[Path] = []
    for pdf_path in scans:
        pdf = pdfium.PdfDocument(str(pdf_path))
        for i in range(len(pdf)):
            if len(out) >= pages:
                break
            image = pdf[i].render(scale=300 / 72).to_pil().convert("L")
            path = tmp / f"{pdf_path.stem}-p{i + 1}.png"
            image.save(path)  # no dpi metadata: both contenders do the same Tesseract work
            out.append(path)
        pdf.close()
        if len(out) >= pages:
            break
    if not out:
        from bench_ingest import _make_images

        out = _make_images(tmp, n=pages)
    return out


def _copies(paths: list[Path], tmp: Path, times: int) -> list[Path]:
    """``times`` more copies of each text file, each with a distinct last line so that no
    two files share bytes (the runner would otherwise process identical bytes once)."""
    out: list[Path] = []
    folder = tmp / "copies"
    folder.mkdir(exist_ok=True)
    for n in range(1, times + 1):
        for p in paths:
            copy = folder / f"{p.stem}-copy{n}{p.suffix}"
            copy.write_bytes(p.read_bytes() + f"\n\n(bản sao {n})\n".encode())
            out.append(copy)
    return out


def _texts(paths: list[Path]) -> list[str]:
    import pypdfium2 as pdfium

    texts = []
    for p in paths:
        if p.suffix.lower() == ".pdf":
            pdf = pdfium.PdfDocument(str(p))
            texts.append("\n".join(page.get_textpage().get_text_range() for page in pdf))
            pdf.close()
        else:
            texts.append(p.read_text(encoding="utf-8", errors="replace"))
    return texts


def _kehoach(paths: list[Path], tmp: Path, jobs: int, name: str) -> dict:
    from pipeline.batch import run

    summary = run(
        [str(p) for p in paths], str(tmp / name), jobs=jobs, quiet=True, use_cache=False, timeout=600
    )
    return {
        "jobs": jobs,
        "docs": summary["files"],
        "pages": summary["pages"],
        "errors": summary["errors"],
        "seconds": summary["processing_s"],
        "docs_per_s": summary["processed_docs_per_s"],
        "pages_per_s": summary["processed_pages_per_s"],
        "steady_docs_per_s": _rate(summary["processed"], summary["busy_s"] / max(jobs, 1)),
        "peak_rss_mb_by_worker": list(summary["peak_rss_mb_by_worker"].values()),
    }


def _underthesea(texts: list[str]) -> dict:
    from underthesea import word_tokenize

    word_tokenize("Kế hoạch tổ chức Tuần lễ học tập suốt đời")  # load outside the timing
    t0 = time.perf_counter()
    for text in texts:
        word_tokenize(text)
    seconds = time.perf_counter() - t0
    return {"docs": len(texts), "seconds": round(seconds, 3), "docs_per_s": _rate(len(texts), seconds)}


def _baseline(paths: list[Path]) -> dict:
    try:
        from baseline import baseline_extract
    except ImportError as exc:
        return {"skipped": f"benchmarks/baseline.py unavailable: {exc}"}
    baseline_extract(str(paths[0]))  # load its models outside the timing
    t0 = time.perf_counter()
    for p in paths:
        baseline_extract(str(p))
    seconds = time.perf_counter() - t0
    return {"docs": len(paths), "seconds": round(seconds, 3), "docs_per_s": _rate(len(paths), seconds)}


def _tesseract_cli(images: list[Path]) -> dict:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    t0 = time.perf_counter()
    for image in images:
        subprocess.run(["tesseract", str(image), "-", "-l", "vie"], env=env, capture_output=True, check=True)
    seconds = time.perf_counter() - t0
    return {"pages": len(images), "seconds": round(seconds, 3), "pages_per_s": _rate(len(images), seconds)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="metrics/bench.json")
    ap.add_argument(
        "--text-docs",
        type=int,
        default=45,
        help="text-layer PDFs (and as many messy .txt); enough that worker start-up does not dominate",
    )
    ap.add_argument("--scan-pages", type=int, default=8, help="scanned pages to OCR")
    ap.add_argument(
        "--repeat",
        type=int,
        default=4,
        help="the text documents this many times (distinct bytes, so each copy is real work)",
    )
    args = ap.parse_args()

    result: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version()}}
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmpdir:
        tmp = Path(tmpdir)
        text_docs, scans, origin = _inputs(tmp, args.text_docs, 3)
        text_docs += _copies([p for p in text_docs if p.suffix == ".txt"], tmp, args.repeat - 1)
        result["inputs"] = {"from": origin, "text_docs": len(text_docs), "scan_pdfs": len(scans)}

        print(f"text layer: {len(text_docs)} documents from {origin}", flush=True)
        ours1 = _kehoach(text_docs, tmp, 1, "text-j1")
        ours2 = _kehoach(text_docs, tmp, 2, "text-j2")
        texts = _texts(text_docs)
        ceiling = _underthesea(texts)
        base = _baseline(text_docs)
        result["text"] = {
            "kehoach_jobs1": ours1,
            "kehoach_jobs2": ours2,
            "underthesea_word_tokenize": ceiling,
            "baseline_extract": base,
            "ratio_kehoach_over_word_tokenize": _ratio(ours1["steady_docs_per_s"], ceiling["docs_per_s"]),
            "ratio_kehoach_over_baseline": _ratio(ours1["steady_docs_per_s"], base.get("docs_per_s", 0)),
            # wall clock, start-up included: what an analyst sees
            "ratio_jobs2_over_jobs1": _ratio(ours2["docs_per_s"], ours1["docs_per_s"]),
        }

        images = _page_images(scans, tmp, args.scan_pages)
        print(f"scanned: {len(images)} page images", flush=True)
        ocr_ours = _kehoach(images, tmp, 1, "scan-j1")
        cli = _tesseract_cli(images)
        result["scan"] = {
            "kehoach_jobs1": ocr_ours,
            "tesseract_cli": cli,
            "ratio_kehoach_over_cli": _ratio(ocr_ours["pages_per_s"], cli["pages_per_s"]),
            "ratio_kehoach_steady_over_cli": _ratio(ocr_ours["steady_docs_per_s"], cli["pages_per_s"]),
        }
        try:
            from bench_ingest import bench_ocr, bench_pdf_text

            pdfs = [p for p in text_docs if p.suffix == ".pdf"]
            result["ingest"] = {"pdf_text": bench_pdf_text(pdfs) if pdfs else None, "ocr": bench_ocr(images)}
        except ImportError as exc:
            result["ingest"] = {"skipped": f"benchmarks/bench_ingest.py unavailable: {exc}"}

    rss = ours1["peak_rss_mb_by_worker"] + ours2["peak_rss_mb_by_worker"] + ocr_ours["peak_rss_mb_by_worker"]
    result["peak_rss_mb_per_worker"] = max(rss) if rss else None
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    t, s = result["text"], result["scan"]
    print(
        f"text:  kehoach {ours1['docs_per_s']} docs/s (steady {ours1['steady_docs_per_s']}) · "
        f"word_tokenize {ceiling['docs_per_s']} · baseline {base.get('docs_per_s')}\n"
        f"       kehoach/word_tokenize {t['ratio_kehoach_over_word_tokenize']} · "
        f"kehoach/baseline {t['ratio_kehoach_over_baseline']} · jobs2/jobs1 {t['ratio_jobs2_over_jobs1']}\n"
        f"scan:  kehoach {ocr_ours['pages_per_s']} pages/s · tesseract CLI {cli['pages_per_s']} · "
        f"ratio {s['ratio_kehoach_over_cli']} (steady {s['ratio_kehoach_steady_over_cli']})\n"
        f"peak RSS per worker: {result['peak_rss_mb_per_worker']} MB  → {out}"
    )


if __name__ == "__main__":
    main()
