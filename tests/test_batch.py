"""Bulk runner: one row per file, deterministic bytes, bad files contained, cache reused.

Most tests plug a cheap fake processor in through ``KEHOACH_PROCESSOR`` (this file's
``fake_process``) so they measure the runner, not the extractor; one test runs the real
``ingest → extract`` on small generated text files when those modules exist.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from pipeline import batch
from pipeline.records import PipelineError, Plan, SourceInfo

THIS = os.path.abspath(__file__)
SUPPORTED = {"txt", "md", "docx", "doc", "pdf", "png", "jpg", "tif"}


def fake_process(path: str) -> Plan:
    """A stand-in for extract(ingest(path)); its behaviour is chosen by the file's bytes."""
    data = Path(path).read_bytes()
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    if ext not in SUPPORTED:
        raise PipelineError("unsupported_format", f"unsupported file type .{ext}")
    if not data:
        raise PipelineError("empty_file", "file is empty")
    if data.startswith(b"HANG"):
        time.sleep(3600)
    if data.startswith(b"HOG"):
        blob = bytearray(3 << 30)  # 3 GiB, zero-filled: over any limit used in these tests
        blob[-1] = 1
    if data.startswith(b"CRASH"):
        os._exit(3)  # the worker process dies without a word
    if data.startswith(b"BOOM"):
        raise ValueError("broken\nacross lines")
    if ext in {"pdf", "docx"} and not data.startswith((b"%PDF", b"PK")):
        raise PipelineError(f"{ext}_unreadable", "not a valid file")
    delay = float(os.environ.get("FAKE_DELAY", "0"))
    if delay:
        time.sleep(delay)
    text = data.decode("utf-8", "replace")
    sha = hashlib.sha256(data).hexdigest()
    return Plan(
        doc_id=sha[:16],
        source=SourceInfo(path=path, format=ext, pages=1, size=len(data)),
        title=text.splitlines()[0] if text else None,
        pages=[{"index": 0, "method": "ocr" if ext == "png" else "text", "confidence": None}],
    )


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_PROCESSOR", f"{THIS}:fake_process")
    monkeypatch.delenv("KEHOACH_INPROCESS", raising=False)
    monkeypatch.setattr(batch, "_stages", _fake_stages)


def _fake_stages():
    def link(plans):
        assert all(isinstance(p, Plan) for p in plans)
        return {"n": len(plans)}

    def check(plans, links):
        return [p.doc_id for p in plans if p.status == "error"]

    def export(plans, links, findings, outdir):
        rows = [f"{p.doc_id},{p.source.path},{p.status},{p.title or ''}" for p in plans]
        Path(outdir, "documents.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")

    return link, check, export


def _archive(root: Path, n: int = 6) -> list[Path]:
    files = []
    for i in range(n):
        sub = root / f"d{i % 2}"
        sub.mkdir(parents=True, exist_ok=True)
        p = sub / f"kế hoạch {i:02d}.txt"
        p.write_text(f"KẾ HOẠCH số {i}/KH-UBND\nTuần lễ học tập suốt đời {i}\n", encoding="utf-8")
        files.append(p)
    return files


def _rows(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "plans.jsonl").read_text(encoding="utf-8").splitlines()]


def test_run_writes_one_sorted_row_per_file(tmp_path: Path, fake: None) -> None:
    files = _archive(tmp_path / "in")
    summary = batch.run([str(tmp_path / "in")], str(tmp_path / "out"), jobs=2, quiet=True)
    rows = _rows(tmp_path / "out")
    assert [r["source"]["path"] for r in rows] == sorted(str(f) for f in files)
    assert {r["status"] for r in rows} == {"ok"}
    assert rows[0]["title"].startswith("KẾ HOẠCH")  # NFC Vietnamese kept, not escaped
    assert "KẾ HOẠCH" in (tmp_path / "out" / "plans.jsonl").read_text(encoding="utf-8")
    assert summary["files"] == 6 and summary["status"] == {"ok": 6} and summary["pages"] == 6
    on_disk = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert on_disk["docs_per_s"] > 0 and "elapsed_s" in on_disk
    assert "elapsed" not in (tmp_path / "out" / "plans.jsonl").read_text()
    assert (tmp_path / "out" / "documents.csv").exists()


def test_jobs_1_and_2_give_identical_bytes(tmp_path: Path, fake: None) -> None:
    _archive(tmp_path / "in", n=9)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    for jobs in (1, 2):
        batch.run([str(tmp_path / "in")], str(tmp_path / f"out{jobs}"), jobs=jobs, quiet=True)
    for name in ("plans.jsonl", "documents.csv"):
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes()
    batch.run([str(tmp_path / "in")], str(tmp_path / "inproc"), jobs=-1, quiet=True)
    assert (tmp_path / "inproc" / "plans.jsonl").read_bytes() == (
        tmp_path / "out1" / "plans.jsonl"
    ).read_bytes()


def test_bad_files_become_error_rows_and_the_batch_completes(tmp_path: Path, fake: None) -> None:
    src = tmp_path / "in"
    good = _archive(src, n=3)
    bad = {
        "empty.txt": (b"", "empty_file"),
        "junk.pdf": (b"not a pdf at all", "pdf_unreadable"),
        "junk.docx": (b"\x00\x01garbage", "docx_unreadable"),
        "table.xyz": (b"a,b\n", "unsupported_format"),
        "hang.txt": (b"HANG forever", "timeout"),
        "hog.txt": (b"HOG memory", "memory_limit"),
        "boom.txt": (b"BOOM", "internal_error"),
        "crash.txt": (b"CRASH", "worker_crashed"),
    }
    for name, (data, _) in bad.items():
        (src / name).write_bytes(data)
    t0 = time.monotonic()
    summary = batch.run([str(src)], str(tmp_path / "out"), jobs=2, quiet=True, timeout=3.0, memory_mb=600)
    assert time.monotonic() - t0 < 25
    rows = {Path(r["source"]["path"]).name: r for r in _rows(tmp_path / "out")}
    assert len(rows) == len(good) + len(bad)
    for name, (data, code) in bad.items():
        row = rows[name]
        assert row["status"] == "error" and row["error"]["code"] == code, (name, row["error"])
        assert "\n" not in row["error"]["message"]
        assert row["doc_id"] == hashlib.sha256(data).hexdigest()[:16]
        assert row["source"]["path"].endswith(name)
    assert rows["boom.txt"]["error"]["message"].startswith("ValueError: broken across lines")
    assert rows["table.xyz"]["source"]["format"] == "xyz"
    assert all(rows[g.name]["status"] == "ok" for g in good)
    assert summary["errors"]["timeout"] == 1 and summary["errors"]["memory_limit"] == 1
    assert summary["status"] == {"error": 8, "ok": 3}


def test_rerun_uses_cache_and_transient_errors_are_retried(tmp_path: Path, fake: None) -> None:
    src = tmp_path / "in"
    _archive(src, n=4)
    (src / "boom.txt").write_bytes(b"BOOM")
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    first = batch.run([str(src)], str(out), jobs=2, quiet=True)
    before = (out / "plans.jsonl").read_bytes()
    second = batch.run([str(src)], str(out), jobs=2, quiet=True)
    assert (out / "plans.jsonl").read_bytes() == before
    assert first["processed"] == 6 and first["cached"] == 0
    # ok rows and the deterministic empty_file row come from the cache; internal_error is retried
    assert second["cached"] == 5 and second["processed"] == 1
    third = batch.run([str(src)], str(out), jobs=2, quiet=True, use_cache=False)
    assert third["cached"] == 0 and third["processed"] == 6
    assert (out / "plans.jsonl").read_bytes() == before
    cache_files = list((out / ".cache").rglob("*.json"))
    assert len(cache_files) == 5 and not list((out / ".cache").rglob(".tmp-*"))


def test_identical_bytes_under_two_paths_are_two_rows(tmp_path: Path, fake: None) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Kế hoạch A\n", encoding="utf-8")
    (src / "b.txt").write_text("Kế hoạch A\n", encoding="utf-8")
    (src / "c.txt").write_text("Kế hoạch C\n", encoding="utf-8")
    summary = batch.run([str(src)], str(tmp_path / "out"), jobs=2, quiet=True)
    rows = _rows(tmp_path / "out")
    assert [Path(r["source"]["path"]).name for r in rows] == ["a.txt", "b.txt", "c.txt"]
    assert rows[0]["doc_id"] == rows[1]["doc_id"] != rows[2]["doc_id"]
    assert summary["processed"] == 2  # same bytes processed once
    batch.run([str(src)], str(tmp_path / "out"), jobs=1, quiet=True)  # b.txt now from a.txt's cache entry
    assert [r["source"]["path"] for r in _rows(tmp_path / "out")] == [r["source"]["path"] for r in rows]


def test_collect_skips_hidden_and_outdir_and_survives_symlink_loops(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "b" / "c").mkdir(parents=True)
    (src / ".git").mkdir()
    (src / "z.txt").write_text("z")
    (src / "b" / "a.txt").write_text("a")
    (src / "b" / "c" / "m.md").write_text("m")
    (src / ".hidden.txt").write_text("h")
    (src / ".git" / "config").write_text("x")
    (src / "b" / "c" / "loop").symlink_to(src, target_is_directory=True)
    (src / "out").mkdir()
    (src / "out" / "plans.jsonl").write_text("{}")
    files = batch._collect([str(src)], str(src / "out"))
    names = [os.path.relpath(f, src) for f in files]
    assert names == sorted(names)
    assert set(names) == {"z.txt", "b/a.txt", "b/c/m.md"}
    # a file given by name is always taken, even a missing one (it gets an error row)
    assert batch._collect([str(src / ".hidden.txt"), str(src / "nope.pdf")], str(tmp_path / "o")) == sorted(
        [str(src / ".hidden.txt"), str(src / "nope.pdf")]
    )


def test_missing_file_gets_an_error_row(tmp_path: Path, fake: None) -> None:
    summary = batch.run([str(tmp_path / "missing.txt")], str(tmp_path / "out"), jobs=1, quiet=True)
    (row,) = _rows(tmp_path / "out")
    assert row["status"] == "error" and row["source"]["path"].endswith("missing.txt")
    assert len(row["doc_id"]) == 16 and summary["files"] == 1


def test_without_link_export_modules_plans_are_still_written(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KEHOACH_PROCESSOR", f"{THIS}:fake_process")

    def missing():
        raise ImportError("No module named 'pipeline.export'")

    monkeypatch.setattr(batch, "_stages", missing)
    _archive(tmp_path / "in", n=2)
    summary = batch.run([str(tmp_path / "in")], str(tmp_path / "out"), jobs=1, quiet=True)
    assert len(_rows(tmp_path / "out")) == 2
    assert any("tables not written" in w for w in summary["warnings"])


def test_plan_round_trips_through_its_dict() -> None:
    from pipeline.records import Citation, Evidence, Issuer

    plan = Plan(
        doc_id="abc",
        source=SourceInfo(path="x.txt", format="txt"),
        issuer=Issuer(name="Ủy ban nhân dân tỉnh Sơn La", admin_path=["Sơn La"]),
        legal_basis=[Citation("Luật", "43/2019/QH14", None, None, "basis", Evidence(1, 0, 3, "abc"))],
    )
    back = batch._plan_from_dict(json.loads(json.dumps(plan.to_dict())))
    assert back == plan
    assert isinstance(back.legal_basis[0].evidence, Evidence)


@pytest.mark.slow
def test_real_pipeline_on_small_text_files(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("pipeline.ingest")
    pytest.importorskip("pipeline.extract")
    monkeypatch.delenv("KEHOACH_PROCESSOR", raising=False)
    src = tmp_path / "in"
    src.mkdir()
    (src / "kh.txt").write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 12/KH-UBND\n\nKẾ HOẠCH\n"
        "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023\n",
        encoding="utf-8",
    )
    (src / "cv.txt").write_text(
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 345/BGDĐT-GDTX\nV/v hướng dẫn tổ chức\n", encoding="utf-8"
    )
    (src / "empty.txt").write_bytes(b"")
    summary = batch.run([str(src)], str(tmp_path / "out"), jobs=1, quiet=True, timeout=120)
    rows = _rows(tmp_path / "out")
    assert [Path(r["source"]["path"]).name for r in rows] == ["cv.txt", "empty.txt", "kh.txt"]
    assert rows[1]["status"] == "error" and rows[0]["status"] == rows[2]["status"] == "ok"
    assert rows[2]["number"] == "12/KH-UBND"
    assert summary["files"] == 3 and summary["warnings"] == []
    # same bytes with two workers, for plans.jsonl and every table written by export
    batch.run([str(src)], str(tmp_path / "out2"), jobs=2, quiet=True, timeout=120, use_cache=False)
    tables = sorted(
        p.name for p in (tmp_path / "out").glob("*") if p.suffix in {".jsonl", ".csv", ".parquet"}
    )
    assert "plans.jsonl" in tables and len(tables) > 1
    for name in tables:
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes(), name
