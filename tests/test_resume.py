"""A run killed with ``kill -9`` at any moment resumes with no lost and no duplicated rows."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parent.parent
FAKE = f"{Path(__file__).resolve().parent / 'test_batch.py'}:fake_process"


def _env(delay: float) -> dict[str, str]:
    env = dict(os.environ, KEHOACH_PROCESSOR=FAKE, FAKE_DELAY=str(delay))
    env.pop("KEHOACH_INPROCESS", None)
    return env


def _cmd(src: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pipeline.cli",
        "extract",
        str(src),
        "-o",
        str(out),
        "--jobs",
        "2",
        "--quiet",
    ]


def _cached(out: Path) -> int:
    return len(list((out / ".cache").glob("??/[!.]*.json"))) if (out / ".cache").exists() else 0


@pytest.mark.slow
def test_kill_9_mid_run_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    src = tmp_path / "archive"
    for i in range(40):
        sub = src / f"nhóm {i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"văn bản {i:03d}.txt").write_text(f"Kế hoạch số {i}\nnội dung {i}\n", encoding="utf-8")
    (src / "nhóm 0" / "empty.txt").write_bytes(b"")
    n_files = 41

    reference = tmp_path / "reference"
    subprocess.run(_cmd(src, reference), cwd=ROOT, env=_env(0.0), check=True, timeout=120)
    expected = (reference / "plans.jsonl").read_bytes()
    assert len(expected.splitlines()) == n_files

    out = tmp_path / "out"
    for kill_after in (6, 20):  # killed twice, at two different moments
        proc = subprocess.Popen(_cmd(src, out), cwd=ROOT, env=_env(0.15))
        deadline = time.monotonic() + 60
        while _cached(out) < kill_after and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the run finished before it could be killed"
        workers = psutil.Process(proc.pid).children(recursive=True)
        assert workers
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        _, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, "workers outlived the killed run"
        assert not (out / "plans.jsonl").exists()  # only written, atomically, at the end
    done_before = _cached(out)
    assert 20 <= done_before < n_files

    subprocess.run(_cmd(src, out), cwd=ROOT, env=_env(0.0), check=True, timeout=120)
    got = (out / "plans.jsonl").read_bytes()
    assert got == expected
    paths = [json.loads(line)["source"]["path"] for line in got.decode("utf-8").splitlines()]
    assert len(paths) == len(set(paths)) == n_files
    summary = json.loads((out / "summary.json").read_text())
    assert summary["cached"] >= done_before and summary["processed"] == n_files - summary["cached"]
    assert not list((out / ".cache").rglob(".tmp-*"))  # leftovers of killed writes are swept
