"""``make eval``: run kehoach (and the afternoon baseline) on every gold document and its
renditions, score field by field, print one table, write ``metrics/eval.json``.

    python -m pipeline.evaluate --gold corpus/gold --renditions corpus/renditions \\
        --out metrics/eval.json --baseline-metrics metrics/baseline-eval.json

Rendition kinds come from ``corpus/renditions/index.json`` (scripts/make_renditions.py);
``source`` is the gold file itself. Matching rules: docs/evaluation.md, pipeline/scoring.py.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.util
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .records import PIPELINE_VERSION
from .scoring import LISTS, SCALARS, SUBFIELDS, merge, rates, score

KINDS = ["source", "messy", "docx", "textpdf", "scan"]
BASELINE_KINDS = ["source", "scan"]
ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------------ inputs


def _load_gold(gold_dir: str | Path) -> dict[str, dict[str, Any]]:
    """stem → gold record, for every ``<gold_dir>/*.json``."""
    golds = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        with open(path, encoding="utf-8") as fh:
            golds[path.stem] = json.load(fh)
    return golds


def _inputs(golds: dict[str, dict[str, Any]], corpus: Path, renditions: Path) -> dict[str, dict[str, Path]]:
    """kind → {stem → file}. ``source`` = the gold file; other kinds from the renditions index."""
    out: dict[str, dict[str, Path]] = {"source": {}}
    for stem, gold in golds.items():
        if gold.get("file"):
            out["source"][stem] = (corpus / gold["file"]).resolve()
    index = renditions / "index.json"
    if index.exists():
        for row in json.loads(index.read_text(encoding="utf-8")):
            if row["kind"] == "original" or row["gold"] not in golds:
                continue  # an original scan is already the source column
            path = Path(row["path"])
            path = path if path.is_absolute() else (renditions / path)
            out.setdefault(row["kind"], {})[row["gold"]] = path.resolve()
    return out


def _subset(golds: dict[str, Any], inputs: dict[str, dict[str, Path]], kind: str) -> dict[str, Any]:
    """Gold documents scored in column ``kind``: all for ``source``, those with a rendition otherwise."""
    if kind == "source":
        return golds
    return {stem: gold for stem, gold in golds.items() if stem in inputs[kind]}


# ----------------------------------------------------------------------- systems


def _run_kehoach(
    files: dict[str, Path], outdir: Path, jobs: int, env: dict[str, str] | None = None
) -> tuple[dict[str, dict[str, Any]], str]:
    """Run ``kehoach extract`` on ``files``; stem → plans.jsonl row, and a note on failure."""
    outdir.mkdir(parents=True, exist_ok=True)
    plans = outdir / "plans.jsonl"
    if plans.exists():
        plans.unlink()
    cmd = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "extract",
        *map(str, files.values()),
        "-o",
        str(outdir),
        "--quiet",
        "--jobs",
        str(jobs),
    ]
    with open(outdir / "kehoach.log", "w", encoding="utf-8") as log:
        proc = subprocess.run(
            cmd,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
            env={**os.environ, **(env or {})},
        )
    if not plans.exists():
        return {}, f"kehoach extract failed (exit {proc.returncode}); see {outdir / 'kehoach.log'}"
    by_path = {os.path.realpath(p): stem for stem, p in files.items()}
    by_name = {p.name: stem for stem, p in files.items()}
    rows: dict[str, dict[str, Any]] = {}
    with open(plans, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            src = ((row.get("source") or {}).get("path")) or ""
            stem = by_path.get(os.path.realpath(os.path.join(ROOT, src))) or by_name.get(Path(src).name)
            if stem is not None:
                rows[stem] = row
    note = "" if proc.returncode == 0 else f"kehoach extract exit {proc.returncode}"
    return rows, note


_BASELINE: Any = None


def _baseline_one(path: str) -> dict[str, Any]:
    global _BASELINE
    if _BASELINE is None:
        spec = importlib.util.spec_from_file_location(
            "_kehoach_baseline", ROOT / "benchmarks" / "baseline.py"
        )
        assert spec and spec.loader
        _BASELINE = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(_BASELINE)
    try:
        return _BASELINE.baseline_extract(path)
    except Exception as exc:  # the baseline is allowed to fail; it becomes an error row
        return {
            "status": "error",
            "error": {"code": "baseline_failed", "message": f"{type(exc).__name__}: {exc}"},
        }


def _run_baseline(files: dict[str, Path], jobs: int, cache: Path) -> dict[str, dict[str, Any]]:
    """Baseline rows, cached by (file bytes, baseline.py source) — its OCR path is slow."""
    code = hashlib.sha256((ROOT / "benchmarks" / "baseline.py").read_bytes()).hexdigest()[:12]
    keys = {
        s: f"{hashlib.sha256(p.read_bytes()).hexdigest()[:16]}-{code}" if p.exists() else ""
        for s, p in files.items()
    }
    out = {
        s: json.loads((cache / f"{k}.json").read_text("utf-8"))
        for s, k in keys.items()
        if k and (cache / f"{k}.json").exists()
    }
    todo = [s for s in files if s not in out]
    workers = min(jobs or os.cpu_count() or 1, max(len(todo), 1))
    if workers == 1:
        rows = [_baseline_one(str(files[s])) for s in todo]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            rows = list(pool.map(_baseline_one, [str(files[s]) for s in todo]))
    cache.mkdir(parents=True, exist_ok=True)
    for stem, row in zip(todo, rows, strict=True):
        out[stem] = row
        if keys[stem] and row.get("status") != "error":
            (cache / f"{keys[stem]}.json").write_text(json.dumps(row, ensure_ascii=False), "utf-8")
    return out


# ------------------------------------------------------------------------ scoring


def _score_system(preds: dict[str, dict[str, Any]], golds: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Score predictions (stem → row) against every gold document; absent = error row."""
    total: dict[str, dict[str, Any]] = {}
    documents: dict[str, Any] = {}
    errors = 0
    for stem, gold in golds.items():
        pred = preds.get(stem)
        counts = score(pred, gold)
        merge(total, counts)
        if pred is None:
            status, error = (
                "missing",
                {"code": "missing_prediction", "message": "no output row for this file"},
            )
        else:
            status, error = pred.get("status", "ok"), pred.get("error")
        errors += status != "ok"
        documents[stem] = {"status": status, "error": error, "fields": _details(counts)}
    return {
        "fields": {k: rates(v) for k, v in total.items()},
        "documents": documents,
        "errors": errors,
        "n_documents": len(golds),
    }


def _details(counts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Per-document detail kept in eval.json: list counts with misses, wrong scalars with values."""
    out: dict[str, Any] = {}
    for path, c in counts.items():
        if "tp" in c:
            out[path] = {k: c[k] for k in ("tp", "fp", "fn")}
            out[path].update({k: c[k] for k in ("missed", "spurious") if c.get(k)})
        elif "pred" in c:  # a scalar
            out[path] = (
                {"correct": 1} if c["correct"] else {"correct": 0, "pred": c["pred"], "gold": c["gold"]}
            )
        else:  # a sub-field: matched pairs right / scored
            out[path] = {"correct": c["correct"], "n": c["n"]}
    return out


def _field_order(results: dict[str, Any]) -> list[str]:
    seen = {f for sysres in results.values() for kind in sysres.values() for f in kind["fields"]}
    order = [f for f in SCALARS if f in seen]
    for name in LISTS:
        order += [f for f in [name, *(f"{name}.{s}" for s in SUBFIELDS[name])] if f in seen]
    return order + sorted(seen - set(order))


# ------------------------------------------------------------------------- table


def _print_table(results: dict[str, Any], previous: dict[str, Any] | None, seconds: float) -> None:
    from rich.console import Console
    from rich.table import Table

    cols = [(system, kind) for system, kinds in results.items() for kind in kinds]
    table = Table(
        title=f"kehoach eval — F1 for lists, accuracy otherwise (Δ vs committed metrics) — {seconds:.0f} s"
    )
    table.add_column("field")
    table.add_column("n", justify="right")
    for system, kind in cols:
        table.add_column(f"{system}\n{kind}", justify="right")
    src = next(iter(results.values()), {}).get("source", {}).get("fields", {})
    rows = [("documents ok", None)] + [(f, f) for f in _field_order(results)]
    for label, field in rows:
        cells = []
        for system, kind in cols:
            res = results[system][kind]
            if field is None:
                value: float | None = 1 - res["errors"] / res["n_documents"] if res["n_documents"] else None
                prev_value = _prev(previous, system, kind, None)
                cells.append(f"{_cell(value, prev_value)} /{res['n_documents']}")
                continue
            else:
                value = _headline(res["fields"].get(field))
                prev_value = _prev(previous, system, kind, field)
            cells.append(_cell(value, prev_value))
        n = src.get(field, {}).get("n", src.get(field, {}).get("docs", "")) if field else ""
        table.add_row(label, str(n), *cells)
    Console(width=max(120, 14 * len(cols) + 40)).print(table)


def _headline(field_rates: dict[str, Any] | None) -> float | None:
    if not field_rates:
        return None
    return field_rates.get("f1", field_rates.get("accuracy"))


def _prev(previous: dict[str, Any] | None, system: str, kind: str, field: str | None) -> float | None:
    try:
        res = previous["systems"][system][kind]  # type: ignore[index]
        if field is None:
            return 1 - res["errors"] / res["n_documents"]
        return _headline(res["fields"].get(field))
    except (KeyError, TypeError, ZeroDivisionError):
        return None


def _cell(value: float | None, prev: float | None) -> str:
    if value is None:
        return "–"
    text = f"{value:.2f}"
    if prev is not None and round(value - prev, 2) != 0:
        text += f" ({value - prev:+.2f})"
    return text


# --------------------------------------------------------------------------- verb


def evaluate(
    gold: str | Path = "corpus/gold",
    renditions: str | Path = "corpus/renditions",
    out: str | Path = "metrics/eval.json",
    baseline_metrics: str | Path | None = "metrics/baseline-eval.json",
    only_kinds: list[str] | None = None,
    baseline: bool = True,
    baseline_kinds: list[str] | None = None,
    lodo: bool = False,
    layers: bool = False,
    write_baseline: bool = False,
    workdir: str | Path = ".cache/eval",
    jobs: int = 0,
    quiet: bool = False,
) -> dict[str, Any]:
    """Run and score every system × rendition kind; write ``out`` and print the table."""
    t0 = time.perf_counter()
    gold_dir = Path(gold)
    golds = _load_gold(gold_dir)
    inputs = _inputs(golds, gold_dir.resolve().parent, Path(renditions).resolve())
    kinds = [k for k in KINDS if k in inputs] + sorted(set(inputs) - set(KINDS))
    if only_kinds:
        kinds = [k for k in kinds if k in only_kinds]
    work = Path(workdir)
    results: dict[str, dict[str, Any]] = {"kehoach": {}}
    timings: dict[str, float] = {}
    notes: list[str] = []
    for kind in kinds:
        t = time.perf_counter()
        preds, note = _run_kehoach(inputs[kind], work / kind, jobs)
        if note:
            notes.append(f"{kind}: {note}")
        results["kehoach"][kind] = _score_system(preds, _subset(golds, inputs, kind))
        timings[f"kehoach/{kind}"] = round(time.perf_counter() - t, 2)
    if baseline:
        results["baseline"] = {}
        for kind in baseline_kinds or BASELINE_KINDS:
            if kind not in kinds:
                continue
            t = time.perf_counter()
            preds = _run_baseline(inputs[kind], jobs, work / "baseline-cache")
            results["baseline"][kind] = _score_system(preds, _subset(golds, inputs, kind))
            timings[f"baseline/{kind}"] = round(time.perf_counter() - t, 2)
    if layers and "source" in inputs:
        # the extraction layers alone (combined is the "kehoach" column): rules-only, NER-only
        for layer in ("rules", "ner"):
            t = time.perf_counter()
            preds, note = _run_kehoach(
                inputs["source"], work / f"source-{layer}", jobs, {"KEHOACH_LAYERS": layer}
            )
            if note:
                notes.append(f"{layer}: {note}")
            results[f"{layer}-only"] = {"source": _score_system(preds, _subset(golds, inputs, "source"))}
            timings[f"{layer}-only/source"] = round(time.perf_counter() - t, 2)
    if lodo:
        lodo_res = _lodo(golds, inputs.get("source", {}), work / "lodo")
        if lodo_res is not None:
            results["kehoach-lodo"] = {"source": lodo_res}
    seconds = round(time.perf_counter() - t0, 2)
    previous = None
    if baseline_metrics and Path(baseline_metrics).exists():
        previous = json.loads(Path(baseline_metrics).read_text(encoding="utf-8"))
    report = {
        "pipeline_version": PIPELINE_VERSION,
        "generated": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "gold_documents": len(golds),
        "kinds": kinds,
        "run_seconds": seconds,
        "timings": timings,
        "notes": notes,
        "systems": results,
    }
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    if write_baseline and baseline_metrics:
        Path(baseline_metrics).write_text(
            json.dumps(_summary(report), ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
        )
    if not quiet:
        _print_table(results, previous, seconds)
        for note in notes:
            print(f"note: {note}")
        print(f"{len(golds)} gold documents; total run time {seconds:.1f} s; wrote {out}")
    return report


def _summary(report: dict[str, Any]) -> dict[str, Any]:
    """The report without per-document details: what is committed as the baseline."""
    systems = {
        system: {kind: {k: v for k, v in res.items() if k != "documents"} for kind, res in kinds.items()}
        for system, kinds in report["systems"].items()
    }
    return {**report, "systems": systems}


def _lodo(golds: dict[str, Any], files: dict[str, Path], workdir: Path) -> dict[str, Any] | None:
    """Leave-one-document-out hook: ``pipeline.train.lodo(golds, files, workdir) -> stem → row``."""
    try:
        train = importlib.import_module("pipeline.train")
    except ImportError:
        train = None
    fn = getattr(train, "lodo", None)
    if fn is None:
        print("lodo: no trained component (pipeline.train.lodo not found)")
        return None
    return _score_system(fn(golds, files, workdir), golds)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.evaluate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", default="corpus/gold")
    ap.add_argument("--renditions", default="corpus/renditions")
    ap.add_argument("--out", default="metrics/eval.json")
    ap.add_argument(
        "--baseline-metrics",
        default="metrics/baseline-eval.json",
        help="committed metrics to show deltas against (skipped if absent)",
    )
    ap.add_argument("--only-kinds", default=None, help="comma list, e.g. source,messy")
    ap.add_argument("--no-baseline", action="store_true", help="skip the afternoon baseline")
    ap.add_argument("--baseline-kinds", default=",".join(BASELINE_KINDS))
    ap.add_argument("--lodo", action="store_true", help="leave-one-document-out for trained components")
    ap.add_argument("--layers", action="store_true", help="also score the rules-only and NER-only layers")
    ap.add_argument(
        "--write-baseline",
        action="store_true",
        help="also write this run's summary to --baseline-metrics (commit it to record the new state)",
    )
    ap.add_argument("--workdir", default=".cache/eval")
    ap.add_argument("--jobs", type=int, default=0)
    a = ap.parse_args(argv)
    evaluate(
        a.gold,
        a.renditions,
        a.out,
        a.baseline_metrics,
        only_kinds=a.only_kinds.split(",") if a.only_kinds else None,
        baseline=not a.no_baseline,
        baseline_kinds=a.baseline_kinds.split(","),
        lodo=a.lodo,
        layers=a.layers,
        write_baseline=a.write_baseline,
        workdir=a.workdir,
        jobs=a.jobs,
    )
    return 0


__all__ = ["evaluate"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
