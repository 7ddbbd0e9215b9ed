"""Worker processes of the batch runner: one document at a time, each under a time and memory limit.

``process_all`` runs ``(index, path, doc_id)`` tasks on a small pool of its own
(standard library only): every worker is a spawned process with a pipe to the parent,
so a document that hangs or eats memory can be killed alone — its row becomes an error
row (``timeout``, ``memory_limit`` or ``worker_crashed``), a fresh worker takes the
dead one's place and the run goes on. ``concurrent.futures`` cannot kill one task,
which is why it is not used here.

The function that turns a path into a row is pluggable: ``KEHOACH_PROCESSOR`` names it as
``module:function`` or ``/path/to/file.py:function`` (tests use a cheap fake); the default
is :func:`_process_file` = ``extract(ingest(path))``. It returns a ``Plan`` or its dict.

``KEHOACH_INPROCESS=1`` or ``jobs=-1`` runs everything in the calling process, one
document after another, with no limits — for debugging with a breakpoint.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import json
import multiprocessing as mp
import os
import resource
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from .records import ErrorInfo, PipelineError, Plan, SourceInfo

DEFAULT_PROCESSOR = "pipeline.workers:_process_file"
_MB = 1 << 20
_TICK = 0.2  # seconds between watchdog checks
_START_TIMEOUT = 600.0  # a worker must load its models within this time

OnResult = Callable[[int, str, float], None]  # (task index, JSON line, seconds)
RawSpec = tuple[str, str, bool]  # raw-document cache: (folder, ingest fingerprint, read it)

_RAW: Any = None  # this process's RawCache (set after warm-up), used by _process_file


def processor_spec() -> str:
    return os.environ.get("KEHOACH_PROCESSOR") or DEFAULT_PROCESSOR


# ------------------------------------------------------------------ one document


def _process_file(path: str) -> Plan:
    """The real pipeline: ``extract(ingest(path))``, ingest through the raw-document cache."""
    from .extract import extract
    from .ingest import ingest

    raw = _RAW.ingest(path, ingest) if _RAW is not None else ingest(path)
    try:
        return extract(raw)
    except PipelineError as exc:
        exc.source = raw.source  # type: ignore[attr-defined]  # lets the error row keep it
        raise


def _resolve(spec: str) -> Callable[[str], Any]:
    module_name, _, func = spec.rpartition(":")
    if module_name.endswith(".py"):
        name = "_kehoach_processor_" + hashlib.sha1(module_name.encode()).hexdigest()[:8]
        loader = importlib.util.spec_from_file_location(name, module_name)
        if loader is None or loader.loader is None:
            raise ImportError(f"cannot load processor file {module_name}")
        module = importlib.util.module_from_spec(loader)
        loader.loader.exec_module(module)
    else:
        module = importlib.import_module(module_name)
    return getattr(module, func)


_WARM_UP_TEXT = (
    "ỦY BAN NHÂN DÂN\nTỈNH MẪU\nSố: 1/KH-UBND\n\nKẾ HOẠCH\nTổ chức Tuần lễ học tập suốt đời\n"
    "Căn cứ Quyết định số 1/QĐ-TTg ngày 01/01/2021 của Thủ tướng Chính phủ;\n"
    "I. MỤC ĐÍCH\n1. Tổ chức các hoạt động từ ngày 01/10 đến ngày 07/10/2021.\n"
)


def _init_worker(spec: str) -> None:
    """Load models once per worker, outside any document's time limit.

    One thread per worker (each worker is one core's worth of work); then the real
    pipeline's ``extract.warm_up()`` if it has one, and one tiny built-in document run
    through ``extract(ingest(...))`` so lazily loaded models (tokenizer, NER, gazetteers)
    are in memory before the first real document.
    """
    for var in ("OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # before pytesseract/numpy/spaCy start their threads
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if spec != DEFAULT_PROCESSOR:
        return
    import tempfile

    try:
        warm = getattr(importlib.import_module("pipeline.extract"), "warm_up", None)
        if callable(warm):
            warm()
        with tempfile.TemporaryDirectory(prefix="kehoach-warm-") as tmp:
            sample = os.path.join(tmp, "warm_up.txt")
            with open(sample, "w", encoding="utf-8") as fh:
                fh.write(_WARM_UP_TEXT)
            _process_file(sample)
    except Exception:  # noqa: BLE001 - a broken pipeline shows up as error rows, not here
        pass


def _timeout_message(timeout: float) -> str:
    return f"no result within the time limit of {timeout:g} s"


def _line(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def _one_line(exc: BaseException) -> str:
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text[:500]


def error_row(
    path: str, code: str, message: str, doc_id: str | None, source: SourceInfo | None = None
) -> str:
    """The JSON line of an error row: status "error", error {code, message}, source as far as known."""
    if source is None:
        ext = os.path.splitext(path)[1].lower().lstrip(".")
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0
        source = SourceInfo(path=path, format=ext, size=size)
    if not doc_id:  # unreadable file: stable id from the path instead of the bytes
        doc_id = hashlib.sha256(f"path:{path}".encode()).hexdigest()[:16]
    plan = Plan(
        doc_id=doc_id, source=source, status="error", error=ErrorInfo(code, " ".join(message.split()))
    )
    return _line(plan.to_dict())


def _safe_process(fn: Callable[[str], Any], path: str, doc_id: str | None) -> tuple[str, bool]:
    """(JSON line, worker must be recycled). Never raises for a bad document."""
    try:
        result = fn(path)
        row = result.to_dict() if isinstance(result, Plan) else dict(result)
        return _line(row), False
    except PipelineError as exc:
        source = getattr(exc, "source", None)
        return error_row(
            path, exc.code, exc.message, doc_id, source if isinstance(source, SourceInfo) else None
        ), False
    except MemoryError:
        return error_row(
            path, "memory_limit", "document needed more memory than the worker limit", doc_id
        ), True
    except Exception as exc:  # noqa: BLE001 - any other failure becomes an internal_error row
        return error_row(path, "internal_error", _one_line(exc), doc_id), False


# ------------------------------------------------------------------ worker process


def _set_pdeathsig() -> None:
    """Linux: die with the parent (a ``kill -9`` of the run leaves no orphan worker)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - not Linux: workers still stop when the pipe closes
        pass


def _limit_memory(memory_mb: int) -> None:
    """Address-space limit = what the worker uses after loading models + ``memory_mb``."""
    if memory_mb <= 0:
        return
    try:
        import psutil

        vms = psutil.Process().memory_info().vms
        soft = vms + memory_mb * _MB
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except Exception:  # noqa: BLE001 - the parent's RSS watchdog still applies
        pass


def _set_raw(raw: RawSpec | None) -> None:
    global _RAW
    if raw is None:
        _RAW = None
        return
    from .cache import RawCache

    _RAW = RawCache(*raw)


def _worker_main(conn: Connection, spec: str, memory_mb: int, raw: RawSpec | None = None) -> None:
    _set_pdeathsig()
    _init_worker(spec)
    _set_raw(raw)
    try:
        fn = _resolve(spec)
    except Exception as exc:  # noqa: BLE001
        fn = _failing(exc)
    _limit_memory(memory_mb)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path, doc_id = task
        t0 = time.perf_counter()
        line, recycle = _safe_process(fn, path, doc_id)
        try:
            conn.send((index, line, time.perf_counter() - t0, recycle))
        except (OSError, ValueError):
            return
        if recycle:
            return


def _failing(exc: Exception) -> Callable[[str], Any]:
    def fn(path: str) -> Any:
        raise RuntimeError(f"processor unavailable: {_one_line(exc)}")

    return fn


# ------------------------------------------------------------------ the pool


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    started: float
    ready: bool = False
    task: tuple[int, str, str | None] | None = None
    deadline: float = 0.0
    task_start: float = 0.0
    killed_for: str | None = None
    exiting: bool = False  # told the parent it stops after this result (state unsafe after MemoryError)
    peak_rss: int = 0
    ps: Any = None


@dataclass
class PoolStats:
    workers_started: int = 0
    peak_rss_mb: float = 0.0  # highest RSS seen in any one worker
    peak_rss_by_worker: dict[int, float] = field(default_factory=dict)


def process_all(
    tasks: list[tuple[int, str, str | None]],
    on_result: OnResult,
    *,
    jobs: int,
    timeout: float,
    memory_mb: int,
    raw: RawSpec | None = None,
) -> PoolStats:
    """Run every task, calling ``on_result`` once per task (in completion order).

    ``raw`` = (folder, ingest fingerprint, read) of the raw-document cache used by the
    default processor; None = no raw cache.
    """
    global _RAW
    spec = processor_spec()
    stats = PoolStats()
    if jobs < 0 or os.environ.get("KEHOACH_INPROCESS") == "1":
        _init_worker(spec)
        fn = _resolve(spec)
        saved = _RAW
        _set_raw(raw)
        try:
            for index, path, doc_id in tasks:
                t0 = time.perf_counter()
                line, _ = _safe_process(fn, path, doc_id)
                on_result(index, line, time.perf_counter() - t0)
        finally:
            _RAW = saved
        return stats
    return _Pool(spec, max(1, jobs), timeout, memory_mb, on_result, stats, raw).run(tasks)


class _Pool:
    def __init__(
        self,
        spec: str,
        jobs: int,
        timeout: float,
        memory_mb: int,
        on_result: OnResult,
        stats: PoolStats,
        raw: RawSpec | None = None,
    ):
        self.spec, self.jobs, self.timeout, self.memory_mb = spec, jobs, timeout, memory_mb
        self.on_result, self.stats = on_result, stats
        self.raw = raw
        self.ctx = mp.get_context("spawn")
        self.workers: list[_Worker] = []
        self.start_failures = 0
        self.queue: deque[tuple[int, str, str | None]] = deque()
        self.retried: set[int] = set()

    def _spawn(self) -> None:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(
            target=_worker_main, args=(child, self.spec, self.memory_mb, self.raw), daemon=True
        )
        proc.start()
        child.close()
        self.stats.workers_started += 1
        self.workers.append(_Worker(proc=proc, conn=parent, started=time.monotonic()))

    def _finish(self, w: _Worker, code: str, message: str) -> None:
        index, path, doc_id = w.task  # type: ignore[misc]
        w.task = None
        self.on_result(index, error_row(path, code, message, doc_id), time.monotonic() - w.task_start)

    def _retire(self, w: _Worker) -> None:
        if w.proc.is_alive():
            w.proc.kill()
        w.proc.join(timeout=5)
        w.conn.close()
        if w.task is not None:
            if w.killed_for == "timeout":
                self._finish(w, "timeout", _timeout_message(self.timeout))
            elif w.killed_for == "memory":
                self._finish(w, "memory_limit", f"worker memory over {self.memory_mb} MB; worker killed")
            elif w.task[0] not in self.retried:  # crashed: try once more on a fresh worker
                self.retried.add(w.task[0])
                self.queue.appendleft(w.task)
                w.task = None
            else:
                self._finish(w, "worker_crashed", f"worker process died (exit code {w.proc.exitcode})")
        elif not w.ready:
            self.start_failures += 1
        self.workers.remove(w)

    def _receive(self, w: _Worker) -> None:
        try:
            while w.conn.poll():
                msg = w.conn.recv()
                if msg[0] == "ready":
                    w.ready = True
                    w.ps = _ps(msg[1])
                else:
                    index, line, seconds, w.exiting = msg
                    w.task = None
                    self.on_result(index, line, seconds)
        except (EOFError, OSError):
            self._retire(w)

    def _watch(self, now: float) -> None:
        for w in list(self.workers):
            if w.task is not None and now > w.deadline:
                w.killed_for = "timeout"
                self._retire(w)
                continue
            if w.ps is None:
                if not w.ready and now - w.started > _START_TIMEOUT:
                    self._retire(w)
                continue
            try:
                rss = w.ps.memory_info().rss
            except Exception:  # noqa: BLE001 - process already gone: the sentinel handles it
                continue
            w.peak_rss = max(w.peak_rss, rss)
            self.stats.peak_rss_by_worker[w.proc.pid] = round(w.peak_rss / _MB, 1)
            self.stats.peak_rss_mb = max(self.stats.peak_rss_mb, round(rss / _MB, 1))
            if w.task is not None and self.memory_mb > 0 and rss > self.memory_mb * _MB:
                w.killed_for = "memory"
                self._retire(w)

    def run(self, tasks: list[tuple[int, str, str | None]]) -> PoolStats:
        queue = self.queue
        queue.extend(tasks)
        try:
            while queue or any(w.task is not None for w in self.workers):
                if self.start_failures >= 3 * self.jobs:
                    while queue:  # workers cannot even start: say so on every remaining row
                        index, path, doc_id = queue.popleft()
                        self.on_result(
                            index, error_row(path, "worker_crashed", "worker failed to start", doc_id), 0.0
                        )
                    break
                busy = sum(w.task is not None for w in self.workers)
                while len(self.workers) < min(self.jobs, busy + len(queue)):
                    self._spawn()
                now = time.monotonic()
                for w in self.workers:
                    if w.ready and not w.exiting and w.task is None and queue:
                        w.task = queue.popleft()
                        w.task_start, w.deadline = now, now + self.timeout
                        # if the worker is dead, its sentinel fires below: the task becomes worker_crashed
                        with contextlib.suppress(OSError, ValueError):
                            w.conn.send(w.task)
                waits = [w.deadline - now for w in self.workers if w.task is not None]
                wait_for = max(0.0, min([_TICK, *waits]))
                objects = [w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers]
                fired = set(wait(objects, timeout=wait_for))
                for w in list(self.workers):
                    if w.conn in fired:
                        self._receive(w)
                for w in list(self.workers):
                    if w in self.workers and w.proc.sentinel in fired:
                        self._receive(w)  # a last result may sit in the pipe
                        if w in self.workers:
                            self._retire(w)
                self._watch(time.monotonic())
        finally:
            for w in list(self.workers):
                with contextlib.suppress(OSError, ValueError):
                    w.conn.send(None)
            for w in list(self.workers):
                w.proc.join(timeout=2)
                if w.proc.is_alive():
                    w.proc.kill()
                    w.proc.join(timeout=2)
                w.conn.close()
            self.workers.clear()
        return self.stats


def _ps(pid: int) -> Any:
    try:
        import psutil

        return psutil.Process(pid)
    except Exception:  # noqa: BLE001 - no psutil: no RSS watchdog, RLIMIT_AS still applies
        return None


# ------------------------------------------------------------------ Dask


_DASK_FN: dict[str, Callable[[str], Any]] = {}


def _dask_task(
    path: str, doc_id: str | None, spec: str, timeout: float, raw: RawSpec | None = None
) -> tuple[str, float]:
    """One document on a Dask worker; models are loaded once per worker (cached global)."""
    import threading

    fn = _DASK_FN.get(spec)
    if fn is None:
        _init_worker(spec)
        try:
            fn = _resolve(spec)
        except Exception as exc:  # noqa: BLE001
            fn = _failing(exc)
        _DASK_FN[spec] = fn
    _set_raw(raw)
    t0 = time.perf_counter()
    out: list[str] = []
    thread = threading.Thread(target=lambda: out.append(_safe_process(fn, path, doc_id)[0]), daemon=True)
    thread.start()
    thread.join(timeout if timeout > 0 else None)
    if not out:  # the thread cannot be killed: it is left to finish in the background
        return error_row(path, "timeout", _timeout_message(timeout), doc_id), time.perf_counter() - t0
    return out[0], time.perf_counter() - t0
