"""The Dask engine (LocalCluster, 2 worker processes) writes the same bytes as the local engine."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline import batch

FAKE = f"{Path(__file__).resolve().parent / 'test_batch.py'}:fake_process"


@pytest.mark.slow
def test_dask_local_cluster_matches_local_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dask.distributed")
    monkeypatch.setenv("KEHOACH_PROCESSOR", FAKE)
    monkeypatch.setattr(batch, "_stages", lambda: (_ for _ in ()).throw(ImportError("tables not needed")))
    src = tmp_path / "in"
    for i in range(12):
        sub = src / f"thư mục {i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"kh-{i:02d}.txt").write_text(f"Kế hoạch {i}\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "boom.txt").write_bytes(b"BOOM")
    (src / "hang.txt").write_bytes(b"HANG")
    (src / "same.txt").write_text("Kế hoạch 3\n", encoding="utf-8")  # same bytes as kh-03.txt

    local = batch.run([str(src)], str(tmp_path / "local"), jobs=2, quiet=True, timeout=2.0)
    dask = batch.run(
        [str(src)], str(tmp_path / "dask"), jobs=2, engine="dask", quiet=True, timeout=2.0, memory_mb=0
    )
    assert (tmp_path / "dask" / "plans.jsonl").read_bytes() == (
        tmp_path / "local" / "plans.jsonl"
    ).read_bytes()
    assert dask["files"] == local["files"] == 16
    assert dask["errors"] == local["errors"] == {"empty_file": 1, "internal_error": 1, "timeout": 1}
    assert dask["workers_started"] == 2
    assert os.path.exists(tmp_path / "dask" / "summary.json")
