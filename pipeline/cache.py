"""Result cache of the batch runner: one small JSON file per document under ``OUTDIR/.cache/``.

A result is keyed by what decides it, never by where the file lives:

    key = sha256(file bytes sha256 | extension | PIPELINE_VERSION | processor name
                 | hash of models/ | hash of pipeline/*.py)

so a rerun skips every document already done, a changed rule table or code change
invalidates everything, and two files with the same bytes share one entry (each still
gets its own row: the row's ``source.path`` is set from the file being written).

Layout: ``OUTDIR/.cache/<key[:2]>/<key>.json`` holding the canonical JSON line of the
row. Every write is atomic (temporary file in the same folder, then ``os.replace``), so
a run killed at any moment leaves either the whole entry or none.

A second level, :class:`RawCache`, keeps what ``ingest`` produced (the RawDocument, OCR
included) keyed only by the bytes, the ingestion code and Tesseract, so a change to the
extraction code re-extracts without re-OCRing (docs/bulk.md, "Raw-document cache").
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

from . import patterns
from .records import PIPELINE_VERSION

_ROOT = Path(__file__).resolve().parent.parent
_CHUNK = 1 << 20
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK


def write_atomic(target: Path, data: str | bytes, prefix: str = ".tmp-") -> None:
    """Write ``data`` to ``target`` so that a reader (or a run killed at any moment) sees
    the old file or the new one, never a torn one: temporary file in the same folder,
    fsync, then ``os.replace``."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".tmp")
    try:
        os.chmod(tmp, FILE_MODE)  # mkstemp makes 0600; outputs are ordinary files
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# Error codes that depend on the run (limits, crashes, bugs) rather than on the file:
# never cached, so a rerun (with larger limits, or after a fix) tries the document again.
TRANSIENT_CODES = frozenset({"timeout", "memory_limit", "worker_crashed", "internal_error"})


def file_sha256(path: str) -> str | None:
    """Hex sha256 of the file bytes, or None when the file cannot be read."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
    except (OSError, ValueError):
        return None
    return h.hexdigest()


def _tree_hash(folder: Path, pattern: str) -> str:
    h = hashlib.sha256()
    if folder.is_dir():
        for p in sorted(folder.rglob(pattern)):
            if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith("."):
                h.update(str(p.relative_to(folder)).encode())
                h.update(b"\0")
                h.update((file_sha256(str(p)) or "-").encode())
                h.update(b"\n")
    return h.hexdigest()


@cache
def pipeline_fingerprint(processor: str) -> str:
    """What makes results of this install differ: version, models/ and the code that ran.

    The default processor's code is ``pipeline/*.py``; a plugged-in processor
    (``module:function`` or ``file.py:function``) is fingerprinted by its own file.
    """
    module, _, _ = processor.rpartition(":")
    if module == "pipeline.workers":
        parts = [_tree_hash(_ROOT / "models", "*"), _tree_hash(_ROOT / "pipeline", "*.py")]
    else:
        origin = module if module.endswith(".py") else _module_file(module)
        parts = [(origin and file_sha256(origin)) or module]
    return hashlib.sha256("|".join([PIPELINE_VERSION, processor, *parts]).encode()).hexdigest()


def _module_file(module: str) -> str | None:
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    return spec.origin if spec else None


class Cache:
    """Read and write cached rows of one output folder."""

    def __init__(self, outdir: str, processor: str, enabled: bool = True):
        self.dir = Path(outdir) / ".cache"
        self.enabled = enabled
        # plus the settings that change what extraction outputs for the same bytes and code
        self._salt = (
            pipeline_fingerprint(processor) + "|layers=" + os.environ.get("KEHOACH_LAYERS", "combined")
        )

    def sweep(self) -> None:
        """Remove temporary files left by a run killed in the middle of a write."""
        if self.dir.is_dir():
            for tmp in self.dir.glob("??/.tmp-*"):
                tmp.unlink(missing_ok=True)

    def key(self, content_sha: str, path: str) -> str:
        ext = os.path.splitext(path)[1].lower()
        return hashlib.sha256(f"{content_sha}|{ext}|{self._salt}".encode()).hexdigest()

    def _file(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        """The cached row (a dict), or None. A damaged entry counts as missing."""
        if not self.enabled:
            return None
        try:
            with open(self._file(key), encoding="utf-8") as fh:
                row = json.loads(fh.read())
        except (OSError, ValueError):
            return None
        return row if isinstance(row, dict) and "status" in row else None

    def put(self, key: str, line: str) -> None:
        """Store one canonical JSON line atomically (rows with transient errors are skipped)."""
        row_status = json.loads(line)
        if row_status.get("status") == "error" and (row_status.get("error") or {}).get("code") in (
            TRANSIENT_CODES
        ):
            return
        target = self._file(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, line)


# ------------------------------------------------------------------ raw-document level
#
# The row cache above is invalidated by any code or rule change. Ingestion (OCR above
# all: seconds per page) depends on much less, so its output, the RawDocument, has a
# second cache keyed only by what decides it:
#
#     key = sha256(file bytes sha256 | extension | ingest_fingerprint())
#
# Layout: ``<raw dir>/<key[:2]>/<key>.json`` = one header line
# ``{"v", "key", "sha256", "bytes"}`` then the payload JSON (a RawDocument dict, or
# ``{"error": {code, message}}``). A file is used only when the header parses, names
# this key and the payload's length and sha256 match, so a torn or foreign file is a
# miss (and is overwritten by the next store).

RAW_FORMAT = "1"
RAW_ENV = "KEHOACH_CACHE_DIR"
INGEST_OPTIONS: dict[str, float] = {"ocr_timeout": 60.0}  # what the batch passes to ingest()
_INGEST_FILES = (
    "pipeline/ingest.py",
    "pipeline/office.py",
    "pipeline/html_text.py",
    "pipeline/text_files.py",
    "pipeline/ocr.py",
    "pipeline/ocr_rules.py",
    "pipeline/ocr_layout.py",
    "pipeline/ocr_tables.py",
    "pipeline/pdf_lines.py",
    "pipeline/pdf_tables.py",
    "pipeline/legacy.py",
    "pipeline/patterns.py",  # loads legacy_charsets.yaml
    "models/rules/legacy_charsets.yaml",
)
_INGEST_RULES = (("fields", "national_motto"),)  # rules of other tables that ingestion reads
# PipelineError codes that are properties of the bytes (given the ingestion code): cached.
# Everything else (ocr_timeout, unreadable, a missing converter, file_too_large, which is
# also raised on MemoryError, …) is tried again on the next run.
DETERMINISTIC_INGEST_CODES = frozenset(
    {
        "empty_file",
        "unsupported_format",
        "empty_document",
        "text_undecodable",
        "docx_corrupt",
        "docx_bomb",
        "pdf_encrypted",
        "pdf_no_pages",
        "pdf_corrupt",
        "image_too_large",
        "image_corrupt",
    }
)
_STALE_TMP_S = 3600.0  # a shared folder may hold another run's write in progress


def _tesseract_version() -> str:
    import shutil
    import subprocess

    exe = shutil.which("tesseract")
    if not exe:
        return "no-tesseract"
    try:
        proc = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return "tesseract-unknown"
    lines = (proc.stdout or proc.stderr).splitlines()
    return lines[0].strip() if lines else "tesseract-unknown"


@cache
def ingest_fingerprint() -> str:
    """What decides a RawDocument besides the bytes: ingestion code, charsets, options, Tesseract."""
    parts = [RAW_FORMAT]
    for rel in _INGEST_FILES:
        parts.append(f"{rel}={file_sha256(str(_ROOT / rel)) or '-'}")
    # the one rule ingestion reads from another table: pdf_tables keeps a ruled header block
    # (national motto in its first row) as read; its pattern, not the whole table, is the key
    parts += [f"{table}#{rule}={_rule_pattern(table, rule)}" for table, rule in _INGEST_RULES]
    parts += [f"{k}={v!r}" for k, v in sorted(INGEST_OPTIONS.items())]
    parts.append(f"max_file_mb={os.environ.get('KEHOACH_MAX_FILE_MB', '200')}")
    parts += [f"{k}={os.environ.get(k, '')}" for k in ("KEHOACH_MAX_TEXT_CHARS", "KEHOACH_MAX_PAGES")]
    parts.append(f"tessdata={os.environ.get('TESSDATA_PREFIX', '')}")
    parts.append(_tesseract_version())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _rule_pattern(table: str, rule: str) -> str:
    try:
        return patterns.regex(table, rule).pattern
    except Exception:  # a broken table is reported where it is used, not here
        return "unreadable"


def raw_cache_dir(outdir: str, override: str | None = None) -> str:
    """Absolute raw-cache folder: ``override``, else $KEHOACH_CACHE_DIR, else OUTDIR/.cache/raw."""
    chosen = override or os.environ.get(RAW_ENV) or str(Path(outdir) / ".cache" / "raw")
    return os.path.abspath(os.path.expanduser(chosen))


class RawCache:
    """Read and write cached ingestion results (RawDocument or deterministic error)."""

    def __init__(self, folder: str, salt: str, read: bool = True):
        self.dir = Path(folder)
        self.salt = salt
        self.read = read

    def key(self, content_sha: str, path: str) -> str:
        ext = os.path.splitext(path)[1].lower()
        return hashlib.sha256(f"{content_sha}|{ext}|{self.salt}".encode()).hexdigest()

    def _file(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def sweep(self) -> None:
        """Remove temporary files of killed writes (only old ones: the folder may be shared)."""
        import time

        if not self.dir.is_dir():
            return
        now = time.time()
        for tmp in self.dir.glob("??/.tmp-*"):
            try:
                if now - tmp.stat().st_mtime > _STALE_TMP_S:
                    tmp.unlink(missing_ok=True)
            except OSError:
                pass

    def load(self, key: str) -> dict | None:
        """The verified payload (RawDocument dict or ``{"error": …}``), or None."""
        if not self.read:
            return None
        try:
            data = self._file(key).read_bytes()
        except OSError:
            return None
        head, sep, body = data.partition(b"\n")
        try:
            header = json.loads(head)
            if not (
                sep
                and isinstance(header, dict)
                and header.get("v") == RAW_FORMAT
                and header.get("key") == key
                and header.get("bytes") == len(body)
                and header.get("sha256") == hashlib.sha256(body).hexdigest()
            ):
                return None
            payload = json.loads(body)
        except ValueError:
            return None
        return payload if isinstance(payload, dict) else None

    def store(self, key: str, payload: dict) -> bool:
        """Write atomically; False (and nothing raised) when the folder is not writable."""
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
        header = {"v": RAW_FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body)}
        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, json.dumps(header, sort_keys=True).encode() + b"\n" + body)
        except OSError:
            return False
        return True

    def ingest(self, path: str, ingest_fn: Any) -> Any:
        """``ingest_fn(path, **INGEST_OPTIONS)`` through the cache; returns a RawDocument.

        A cached deterministic error is raised again as the same ``PipelineError``. The
        entry is stored only when the bytes ingested are the bytes hashed (``doc_id``).
        """
        from .records import PageText, PipelineError, RawDocument, SourceInfo

        sha = file_sha256(path)
        if sha is None:  # unreadable: let ingest say why
            return ingest_fn(path, **INGEST_OPTIONS)
        key = self.key(sha, path)
        hit = self.load(key)
        if hit is not None:
            try:
                if "error" in hit:
                    err = hit["error"]
                    exc = PipelineError(str(err["code"]), str(err["message"]))
                else:
                    source = SourceInfo(**{**hit["source"], "path": str(Path(path))})  # as ingest sets it
                    pages = [PageText(**p) for p in hit["pages"]]
                    fields_ = {k: v for k, v in hit.items() if k not in ("source", "pages")}
                    return RawDocument(source=source, pages=pages, **fields_)
            except (KeyError, TypeError, AttributeError):
                exc = None  # an entry of another shape: ingest again and overwrite it
            if exc is not None:
                raise exc
        try:
            raw = ingest_fn(path, **INGEST_OPTIONS)
        except PipelineError as exc:
            if exc.code in DETERMINISTIC_INGEST_CODES and file_sha256(path) == sha:
                self.store(key, {"error": {"code": exc.code, "message": exc.message}})
            raise
        if getattr(raw, "doc_id", None) == sha[:16]:
            self.store(key, asdict(raw))
        return raw
