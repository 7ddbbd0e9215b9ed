"""The bulk runner: every file → one row of ``plans.jsonl`` → link → check → tables.

    >>> run(["corpus/documents"], "out", jobs=2)   # returns the summary dict

Files are collected recursively (hidden files and folders skipped, symlink loops and the
output folder itself never entered), sorted by path. Each file is processed once, in a
worker process under a time and memory limit (:mod:`pipeline.workers`), or taken from the
result cache (:mod:`pipeline.cache`). ``plans.jsonl`` holds exactly one JSON line per
input file in path order, the same bytes whatever ``jobs`` or ``engine``; it is written
at the end, atomically, so a run killed at any moment and started again loses and
duplicates nothing. Timing goes only to ``summary.json``. See docs/bulk.md.
"""

from __future__ import annotations

import json
import os
import time
import typing
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from . import records
from .cache import Cache, RawCache, file_sha256, ingest_fingerprint, raw_cache_dir, write_atomic
from .workers import DEFAULT_PROCESSOR, PoolStats, error_row, process_all, processor_spec


def run(
    paths: list[str],
    outdir: str,
    jobs: int = 0,
    engine: str = "local",
    scheduler: str | None = None,
    quiet: bool = False,
    use_cache: bool = True,
    timeout: float = 300.0,
    memory_mb: int = 2048,
    raw_cache: str | None = None,
) -> dict:
    """Extract every file under ``paths`` into ``outdir``; return the run summary.

    ``jobs``: worker processes (0 = all cores; -1 = in this process, no limits, for
    debugging). ``engine``: "local" or "dask" (``scheduler`` = address of a running
    cluster, else a LocalCluster is started). ``timeout`` seconds and ``memory_mb`` of
    worker RSS per document; a document over either becomes an error row.
    ``raw_cache``: folder of the raw-document (ingestion/OCR) cache; default
    $KEHOACH_CACHE_DIR, else ``outdir/.cache/raw``. ``use_cache=False`` reads neither cache.
    """
    t0 = time.perf_counter()
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    if jobs == 0:
        jobs = os.cpu_count() or 1
    files = _collect(paths, str(out))
    with ThreadPoolExecutor(max_workers=8) as pool:
        shas = list(pool.map(file_sha256, files))
    cache = Cache(str(out), processor_spec(), enabled=use_cache)
    cache.sweep()
    raw_spec = None
    if processor_spec() == DEFAULT_PROCESSOR:  # a plugged-in processor does its own ingestion
        raw_spec = (raw_cache_dir(str(out), raw_cache), ingest_fingerprint(), use_cache)
        RawCache(*raw_spec).sweep()
    for stale in out.glob(".*.tmp"):  # plans.jsonl / summary.json writes cut by a kill
        stale.unlink(missing_ok=True)
    keys = [cache.key(sha, path) if sha else None for path, sha in zip(files, shas, strict=True)]

    rows: list[str | None] = [None] * len(files)
    groups: dict[str, list[int]] = {}  # identical bytes: processed once, one row per path
    tasks: list[tuple[int, str, str | None]] = []
    for i, (path, key) in enumerate(zip(files, keys, strict=True)):
        cached = cache.get(key) if key else None
        if cached is not None:
            rows[i] = _with_path(cached, path)
        elif key and key in groups:
            groups[key].append(i)
        else:
            if key:
                groups[key] = [i]
            tasks.append((i, path, shas[i][:16] if shas[i] else None))

    progress = _Progress(len(files), quiet)
    for line in rows:
        if line is not None:
            progress.add(json.loads(line), cached=True)

    def on_result(index: int, line: str, seconds: float) -> None:
        key = keys[index]
        if key:
            cache.put(key, line)
        row = json.loads(line)
        progress.busy_s += seconds
        progress.slowest = max(progress.slowest, seconds)
        for j in groups.get(key, [index]) if key else [index]:
            rows[j] = _with_path(row, files[j])
            progress.add(row, cached=False)

    t_proc = time.perf_counter()
    with progress:
        if engine == "local":
            stats = process_all(
                tasks, on_result, jobs=jobs, timeout=timeout, memory_mb=memory_mb, raw=raw_spec
            )
        elif engine == "dask":
            stats = _process_all_dask(
                tasks,
                on_result,
                jobs=jobs,
                scheduler=scheduler,
                timeout=timeout,
                memory_mb=memory_mb,
                raw=raw_spec,
            )
        else:
            raise ValueError(f"unknown engine {engine!r} (local | dask)")
    proc_elapsed = time.perf_counter() - t_proc

    for i, line in enumerate(rows):  # cannot happen; a row per file is the contract
        if line is None:
            rows[i] = error_row(files[i], "internal_error", "no result from worker", keys[i] and shas[i][:16])
    write_atomic(out / "plans.jsonl", "".join(line + "\n" for line in rows))  # type: ignore[operator]

    warnings = _tables(rows, str(out))  # type: ignore[arg-type]
    summary = _summary(rows, progress, stats, engine, jobs, len(tasks), proc_elapsed, t0, warnings)  # type: ignore[arg-type]
    write_atomic(
        out / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    )
    if not quiet:
        _print_summary(summary)
    return summary


def _process_all_dask(
    tasks: list[tuple[int, str, str | None]],
    on_result: Any,
    *,
    jobs: int,
    scheduler: str | None,
    timeout: float,
    memory_mb: int,
    raw: tuple[str, str, bool] | None = None,
) -> PoolStats:
    """Same tasks on Dask: ``scheduler`` address, or a LocalCluster of ``jobs`` processes."""
    import logging
    import uuid

    from dask.distributed import Client, LocalCluster, as_completed

    from .workers import _dask_task, _one_line

    stats = PoolStats()
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(1, jobs),
            threads_per_worker=1,
            processes=True,
            memory_limit=memory_mb * (1 << 20) if memory_mb > 0 else 0,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        spec = processor_spec()
        run_id = uuid.uuid4().hex[:8]
        futures = {}
        for index, path, doc_id in tasks:
            future = client.submit(
                _dask_task, path, doc_id, spec, timeout, raw, key=f"kehoach-{run_id}-{index}"
            )
            futures[future] = (index, path, doc_id)
        stats.workers_started = len(client.scheduler_info().get("workers", {}))
        for future in as_completed(list(futures)):
            index, path, doc_id = futures.pop(future)
            try:
                line, seconds = future.result()
            except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker after the memory limit
                line, seconds = error_row(path, "worker_crashed", _one_line(exc), doc_id), 0.0
            on_result(index, line, seconds)
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return stats


# ------------------------------------------------------------------ inputs


def _collect(paths: list[str], outdir: str) -> list[str]:
    """Files under ``paths``: recursive, hidden skipped, symlink loops safe, sorted by path."""
    skip = {os.path.realpath(outdir)}
    found: set[str] = set()
    for top in paths:
        top = os.path.normpath(top)
        if not os.path.isdir(top):
            found.add(top)  # a missing or special file still gets its (error) row
            continue
        seen: set[str] = set()
        for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
            real = os.path.realpath(dirpath)
            if real in seen or real in skip:
                dirnames[:] = []
                continue
            seen.add(real)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if not name.startswith("."):
                    found.add(os.path.join(dirpath, name))
    return sorted(found)


def _with_path(row: dict, path: str) -> str:
    row = dict(row)
    row["source"] = {**(row.get("source") or {}), "path": path}
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


# ------------------------------------------------------------------ link → check → export


def _stages() -> tuple[Any, Any, Any]:
    """(link, check, export); raises ImportError while those modules are not there."""
    from .compliance import check
    from .export import export
    from .link import link

    return link, check, export


def _tables(rows: list[str], outdir: str) -> list[str]:
    try:
        link, check, export = _stages()
    except ImportError as exc:
        return [f"tables not written (link/compliance/export unavailable: {exc})"]
    plans = [_plan_from_dict(json.loads(line)) for line in rows]
    links = link(plans)
    findings = check(plans, links)
    export(plans, links, findings, outdir)
    return []


def _plan_from_dict(data: dict) -> records.Plan:
    """Rebuild a ``Plan`` (nested dataclasses included) from its ``to_dict()``."""
    return _build(records.Plan, data)


def _build(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    if is_dataclass(tp) and isinstance(value, dict):
        hints = typing.get_type_hints(tp, vars(records))
        names = {f.name for f in fields(tp)}
        return tp(**{k: _build(hints[k], v) for k, v in value.items() if k in names})
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is list and args and isinstance(value, list):
        return [_build(args[0], v) for v in value]
    if args and origin is not dict:  # X | None
        for arg in args:
            if arg is not type(None) and is_dataclass(arg):
                return _build(arg, value)
    return value


# ------------------------------------------------------------------ progress and summary


class _Progress:
    """Rich progress bar (docs/s, pages/s, ETA, OCR share, errors) + the counters of the summary."""

    def __init__(self, total: int, quiet: bool):
        self.total = total
        self.status: Counter[str] = Counter()
        self.codes: Counter[str] = Counter()
        self.pages = self.ocr_pages = self.done = self.cached = 0
        self.new_docs = self.new_pages = 0
        self.busy_s = self.slowest = 0.0  # seconds spent in workers on documents (sum, max)
        self.t0 = time.perf_counter()
        self._bar = None
        if not quiet:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("[bold]extract"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                TextColumn("{task.fields[extra]}"),
                transient=False,
            )
            self._task = self._bar.add_task("extract", total=total, rate="", extra="")

    def __enter__(self) -> _Progress:
        if self._bar is not None:
            self._bar.start()
            self._refresh()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._refresh()
            self._bar.stop()

    def add(self, row: dict, cached: bool) -> None:
        self.done += 1
        self.status[row.get("status", "?")] += 1
        if row.get("status") == "error":
            self.codes[(row.get("error") or {}).get("code", "?")] += 1
        pages = _pages(row)
        ocr = sum(1 for p in row.get("pages") or [] if isinstance(p, dict) and p.get("method") == "ocr")
        self.pages += pages
        self.ocr_pages += ocr
        if cached:
            self.cached += 1
        else:
            self.new_docs += 1
            self.new_pages += pages
        self._refresh()

    def _refresh(self) -> None:
        if self._bar is None:
            return
        dt = max(time.perf_counter() - self.t0, 1e-9)
        share = self.ocr_pages / self.pages if self.pages else 0.0
        errors = self.status.get("error", 0)
        self._bar.update(
            self._task,
            completed=self.done,
            rate=f"{self.new_docs / dt:.1f} docs/s · {self.new_pages / dt:.1f} pages/s",
            extra=f"OCR {share:.0%} · errors {errors} · cached {self.cached}",
        )


def _pages(row: dict) -> int:
    source = row.get("source") or {}
    return int(source.get("pages") or len(row.get("pages") or []) or 0)


def _summary(
    rows: list[str],
    progress: _Progress,
    stats: PoolStats,
    engine: str,
    jobs: int,
    processed: int,
    proc_elapsed: float,
    t0: float,
    warnings: list[str],
) -> dict:
    elapsed = time.perf_counter() - t0
    return {
        "pipeline_version": records.PIPELINE_VERSION,
        "engine": engine,
        "jobs": jobs,
        "files": len(rows),
        "status": dict(sorted(progress.status.items())),
        "errors": dict(sorted(progress.codes.items())),
        "pages": progress.pages,
        "ocr_pages": progress.ocr_pages,
        "ocr_share": round(progress.ocr_pages / progress.pages, 4) if progress.pages else 0.0,
        "cached": progress.cached,
        "processed": processed,
        "elapsed_s": round(elapsed, 3),
        "processing_s": round(proc_elapsed, 3),
        "docs_per_s": round(len(rows) / elapsed, 3) if elapsed else 0.0,
        "pages_per_s": round(progress.pages / elapsed, 3) if elapsed else 0.0,
        "processed_docs_per_s": round(progress.new_docs / proc_elapsed, 3)
        if proc_elapsed and processed
        else 0.0,
        "processed_pages_per_s": round(progress.new_pages / proc_elapsed, 3)
        if proc_elapsed and processed
        else 0.0,
        "busy_s": round(progress.busy_s, 3),
        "slowest_doc_s": round(progress.slowest, 3),
        "workers_started": stats.workers_started,
        "peak_rss_mb": stats.peak_rss_mb,
        "peak_rss_mb_by_worker": {str(k): v for k, v in sorted(stats.peak_rss_by_worker.items())},
        "warnings": warnings,
    }


def _print_summary(summary: dict) -> None:
    from rich.console import Console

    console = Console(stderr=True)
    status = ", ".join(f"{k} {v}" for k, v in summary["status"].items()) or "no files"
    console.print(
        f"[bold]{summary['files']} files[/] ({status}) in {summary['elapsed_s']:.1f} s · "
        f"{summary['docs_per_s']:.2f} docs/s · {summary['pages_per_s']:.2f} pages/s · "
        f"OCR {summary['ocr_share']:.0%} of {summary['pages']} pages · cached {summary['cached']}"
    )
    if summary["errors"]:
        console.print("errors: " + ", ".join(f"{k} {v}" for k, v in summary["errors"].items()))
    for warning in summary["warnings"]:
        console.print(f"[yellow]warning:[/] {warning}")
