"""Scale test: a synthetic archive of ≥ 2,000 documents through the bulk runner.

    python scripts/scale_test.py --n 2000 --jobs 0 --work /tmp/kehoach-scale

The archive is made of the corpus documents and their renditions (corpus/renditions,
from `make corpus`) copied under varied folder and file names. Text files get a
distinct archive note appended so each copy is a distinct document (no cache sharing);
PDF and DOCX copies are byte-identical (the runner processes identical bytes once and
still writes one row per path). About 2% are bad files (empty, junk PDF/DOCX, unknown
extension). Scanned PDFs are included once each (OCR is minutes, not the point here).

Reports time, throughput, rows per status / error code, peak RSS per worker, then the
time of a second, fully cached run. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FOLDERS = ["2021/Sở GD&ĐT", "2022/UBND huyện", "2023/Phòng Giáo dục", "2024/lưu trữ/đợt 1", "khác"]
BAD = {
    "empty.txt": b"",
    "junk.pdf": b"%PDF-1.4 broken",
    "junk.docx": b"PK\x03\x04 not a zip",
    "bảng tính.xls": b"\xd0\xcf\x11\xe0",
}


def build(archive: Path, n: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    docs = ROOT / "corpus" / "documents"
    rend = ROOT / "corpus" / "renditions"
    texts = sorted(docs.rglob("*.txt")) + sorted((rend / "messy").glob("*.txt"))
    binaries = sorted((rend / "textpdf").glob("*.pdf")) + sorted((rend / "docx").glob("*.docx"))
    scans = sorted((docs / "pdf").glob("*.pdf")) + sorted((rend / "scan").glob("*.pdf"))[:2]
    if not texts:
        raise SystemExit("no corpus texts found")
    counts = {"text": 0, "binary": 0, "scan": 0, "bad": 0}
    for p in scans:
        _copy(p, archive / "scans" / p.name)
        counts["scan"] += 1
    i = 0
    while sum(counts.values()) < n:
        folder = archive / rng.choice(FOLDERS) / f"hồ sơ {i // 50:03d}"
        roll = rng.random()
        if roll < 0.02:
            name, data = rng.choice(sorted(BAD.items()))
            _write(folder / f"{i:05d} {name}", data)
            counts["bad"] += 1
        elif roll < 0.30 and binaries:
            src = rng.choice(binaries)
            _copy(src, folder / f"{i:05d} - {src.stem}{src.suffix}")
            counts["binary"] += 1
        else:
            src = rng.choice(texts)
            note = f"\n\nGhi chú lưu trữ: bản sao số {i}.\n".encode()
            _write(folder / f"{i:05d} - {src.stem}.txt", src.read_bytes() + note)
            counts["text"] += 1
        i += 1
    return counts


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def _write(dst: Path, data: bytes) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--work", default="/tmp/kehoach-scale")
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--out-json", default=None, help="also write the figures here")
    args = ap.parse_args()

    from pipeline.batch import run

    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    archive, out = work / "archive", work / "out"
    counts = build(archive, args.n)
    print(f"archive: {sum(counts.values())} files {counts}", flush=True)

    first = run([str(archive)], str(out), jobs=args.jobs, timeout=args.timeout)
    rows = (out / "plans.jsonl").read_text(encoding="utf-8").splitlines()
    t0 = time.perf_counter()
    second = run([str(archive)], str(out), jobs=args.jobs, quiet=True)
    rerun = time.perf_counter() - t0
    figures = {
        "files": first["files"],
        "rows": len(rows),
        "composition": counts,
        "status": first["status"],
        "errors": first["errors"],
        "elapsed_s": first["elapsed_s"],
        "processing_s": first["processing_s"],
        "processed": first["processed"],
        "docs_per_s": first["docs_per_s"],
        "pages_per_s": first["pages_per_s"],
        "processed_docs_per_s": first["processed_docs_per_s"],
        "pages": first["pages"],
        "ocr_pages": first["ocr_pages"],
        "peak_rss_mb_by_worker": first["peak_rss_mb_by_worker"],
        "workers_started": first["workers_started"],
        "cached_rerun_s": round(rerun, 2),
        "cached_rerun_hits": second["cached"],
        "rerun_identical": (out / "plans.jsonl").read_text(encoding="utf-8").splitlines() == rows,
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    if args.out_json:
        Path(args.out_json).write_text(
            json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
