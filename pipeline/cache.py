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
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path

from .records import PIPELINE_VERSION

_ROOT = Path(__file__).resolve().parent.parent
_CHUNK = 1 << 20
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK

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
        self._salt = pipeline_fingerprint(processor)

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
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        try:
            os.chmod(tmp, FILE_MODE)  # mkstemp makes 0600; results are ordinary files
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(line)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
