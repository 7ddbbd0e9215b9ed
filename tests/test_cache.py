"""Raw-document cache: a code change re-extracts without re-ingesting (no second OCR).

The batch runs in this process (``jobs=-1``) with the default processor, so a counting
fake ``ingest`` and a cheap fake ``extract`` can be monkeypatched in; the record-level
code hash is changed by monkeypatching ``cache.pipeline_fingerprint`` (what editing an
extraction module does), the ingestion hash by ``cache.ingest_fingerprint``.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
from pathlib import Path

import pytest
from test_batch import _fake_stages, _rows

from pipeline import batch, cache
from pipeline.records import PageText, PipelineError, Plan, RawDocument, SourceInfo


class _Counter:
    """Fake ingest: text files, errors chosen by the first bytes; counts calls per file name."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, path: str, *, ocr_timeout: float = 60.0, max_bytes: int | None = None) -> RawDocument:
        if "kehoach-warm-" in str(path):  # the worker's warm-up document
            return RawDocument("warm", SourceInfo(path=str(path), format="txt"), [PageText(0, "x", "text")])
        self.calls.append(Path(path).name)
        data = Path(path).read_bytes()
        if data.startswith(b"ENCRYPTED"):
            raise PipelineError("pdf_encrypted", "PDF is encrypted with a password")
        if data.startswith(b"SLOW"):
            raise PipelineError("ocr_timeout", "OCR of page 1 took longer than 60s")
        text = data.decode("utf-8")
        return RawDocument(
            doc_id=hashlib.sha256(data).hexdigest()[:16],
            source=SourceInfo(path=str(path), format="pdf", method="ocr", pages=1, size=len(data)),
            pages=[PageText(0, text, "ocr", 91.5)],
            warnings=["encoding_guess: cp1258"],
            language="vi",
        )


def _fake_extract(raw: RawDocument) -> Plan:
    return Plan(
        doc_id=raw.doc_id,
        source=raw.source,
        title=raw.pages[0].text.splitlines()[0],
        warnings=list(raw.warnings),
        language=raw.language,
        pages=[{"index": p.index, "method": p.method, "confidence": p.confidence} for p in raw.pages],
    )


@pytest.fixture
def pipe(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> _Counter:
    import pipeline.extract
    import pipeline.ingest

    counter = _Counter()
    monkeypatch.delenv("KEHOACH_PROCESSOR", raising=False)
    monkeypatch.delenv(cache.RAW_ENV, raising=False)
    monkeypatch.setattr(pipeline.ingest, "ingest", counter)
    monkeypatch.setattr(pipeline.extract, "extract", _fake_extract)
    monkeypatch.setattr(pipeline.extract, "warm_up", lambda: None, raising=False)
    monkeypatch.setattr(batch, "_stages", _fake_stages)
    monkeypatch.setattr(cache, "pipeline_fingerprint", lambda processor: "code-v1")
    monkeypatch.setattr(cache, "ingest_fingerprint", lambda: "ingest-v1")
    monkeypatch.setattr(batch, "ingest_fingerprint", lambda: cache.ingest_fingerprint())
    src = tmp_path / "in"
    src.mkdir()
    # real phrasing: corpus/documents/seeds (Kế hoạch … Tuần lễ hưởng ứng học tập suốt đời)
    (src / "a.pdf").write_text("KẾ HOẠCH Tổ chức Tuần lễ hưởng ứng học tập suốt đời\n", encoding="utf-8")
    (src / "b.pdf").write_text("CÔNG VĂN V/v triển khai kế hoạch năm học mới\n", encoding="utf-8")
    (src / "locked.pdf").write_bytes(b"ENCRYPTED")
    (src / "slow.pdf").write_bytes(b"SLOW page")
    return counter


def _run(tmp_path: Path, **kw) -> dict:
    return batch.run([str(tmp_path / "in")], str(tmp_path / "out"), jobs=-1, quiet=True, **kw)


def test_code_change_re_extracts_without_re_ingesting(tmp_path: Path, pipe: _Counter, monkeypatch) -> None:
    first = _run(tmp_path)
    before = (tmp_path / "out" / "plans.jsonl").read_bytes()
    assert sorted(pipe.calls) == ["a.pdf", "b.pdf", "locked.pdf", "slow.pdf"]
    assert first["processed"] == 4
    # an extraction module changed: every row is redone, but only slow.pdf is ingested again
    # (its ocr_timeout is a property of the run, never cached); pdf_encrypted is cached
    monkeypatch.setattr(cache, "pipeline_fingerprint", lambda processor: "code-v2")
    pipe.calls.clear()
    second = _run(tmp_path)
    assert second["processed"] == 4 and second["cached"] == 0
    assert pipe.calls == ["slow.pdf"]
    assert (tmp_path / "out" / "plans.jsonl").read_bytes() == before
    rows = {Path(r["source"]["path"]).name: r for r in _rows(tmp_path / "out")}
    assert rows["locked.pdf"]["error"]["code"] == "pdf_encrypted"
    assert rows["a.pdf"]["pages"] == [{"index": 0, "method": "ocr", "confidence": 91.5}]
    assert rows["a.pdf"]["source"]["path"] == str(tmp_path / "in" / "a.pdf")
    # the ingestion code changed: everything is ingested again
    monkeypatch.setattr(cache, "ingest_fingerprint", lambda: "ingest-v2")
    monkeypatch.setattr(cache, "pipeline_fingerprint", lambda processor: "code-v3")
    pipe.calls.clear()
    _run(tmp_path)
    assert sorted(pipe.calls) == ["a.pdf", "b.pdf", "locked.pdf", "slow.pdf"]
    assert (tmp_path / "out" / "plans.jsonl").read_bytes() == before


def test_no_cache_reads_neither_level_and_env_folder_is_shared(
    tmp_path: Path, pipe: _Counter, monkeypatch
) -> None:
    shared = tmp_path / "shared"
    monkeypatch.setenv(cache.RAW_ENV, str(shared))
    _run(tmp_path)
    assert len(list(shared.glob("??/*.json"))) == 3  # a, b, locked; not slow (ocr_timeout)
    assert not (tmp_path / "out" / ".cache" / "raw").exists()
    pipe.calls.clear()
    _run(tmp_path, use_cache=False)
    assert len(pipe.calls) == 4
    # a second output folder using the same shared folder ingests only slow.pdf
    pipe.calls.clear()
    batch.run([str(tmp_path / "in")], str(tmp_path / "out2"), jobs=-1, quiet=True)
    assert pipe.calls == ["slow.pdf"]


def test_moved_file_keeps_its_new_path(tmp_path: Path, pipe: _Counter, monkeypatch) -> None:
    _run(tmp_path)
    (tmp_path / "in" / "a.pdf").rename(tmp_path / "in" / "renamed.pdf")
    monkeypatch.setattr(cache, "pipeline_fingerprint", lambda processor: "code-v2")
    pipe.calls.clear()
    _run(tmp_path)
    assert pipe.calls == ["slow.pdf"]
    rows = {Path(r["source"]["path"]).name: r for r in _rows(tmp_path / "out")}
    assert rows["renamed.pdf"]["source"]["path"] == str(tmp_path / "in" / "renamed.pdf")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # torn write (power cut without fsync)
        lambda data: b"",  # empty file
        lambda data: data.replace("suốt đời".encode(), b"suot doi"),  # checksum mismatch
        lambda data: b'{"v": "1"}\n{}',  # foreign header
    ],
)
def test_damaged_raw_entry_is_ignored_and_replaced(
    tmp_path: Path, pipe: _Counter, monkeypatch, damage
) -> None:
    _run(tmp_path)
    raw_dir = tmp_path / "out" / ".cache" / "raw"
    entries = list(raw_dir.glob("??/*.json"))
    target = next(p for p in entries if "suốt đời".encode() in p.read_bytes())
    target.write_bytes(damage(target.read_bytes()))
    monkeypatch.setattr(cache, "pipeline_fingerprint", lambda processor: "code-v2")
    pipe.calls.clear()
    _run(tmp_path)
    assert sorted(pipe.calls) == ["a.pdf", "slow.pdf"]
    row = next(r for r in _rows(tmp_path / "out") if r["source"]["path"].endswith("a.pdf"))
    assert row["status"] == "ok" and "suốt đời" in row["title"]
    rc = cache.RawCache(str(raw_dir), "ingest-v1")
    assert rc.load(target.stem)["pages"][0]["text"].startswith("KẾ HOẠCH")


def test_store_load_round_trip_and_unwritable_folder(tmp_path: Path) -> None:
    rc = cache.RawCache(str(tmp_path / "raw"), "salt")
    key = rc.key("ab" * 32, "x.PDF")
    assert key == rc.key("ab" * 32, "y.pdf") != rc.key("ab" * 32, "y.png")  # extension decides routing
    payload = {"doc_id": "d", "pages": [{"index": 0, "text": "Ủy ban nhân dân", "method": "ocr"}]}
    assert rc.store(key, payload) and rc.load(key) == payload
    assert cache.RawCache(str(tmp_path / "raw"), "salt", read=False).load(key) is None
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert cache.RawCache(str(blocker / "raw"), "salt").store(key, payload) is False


def _hammer(folder: str, key: str, n: int, seed: int) -> int:
    rc = cache.RawCache(folder, "salt")
    payload = {"pages": [{"text": "Kế hoạch " * 2000}], "writer": "same"}
    bad = 0
    for _ in range(n):
        rc.store(key, payload)
        got = rc.load(key)
        if got is not None and got != payload:
            bad += 1
    return bad


def test_concurrent_writers_of_one_key_never_expose_a_partial_entry(tmp_path: Path) -> None:
    folder = str(tmp_path / "raw")
    key = "cd" * 32
    with mp.get_context("fork").Pool(4) as pool:
        bad = pool.starmap(_hammer, [(folder, key, 60, s) for s in range(4)])
    assert bad == [0, 0, 0, 0]
    files = os.listdir(Path(folder) / key[:2])
    assert files == [f"{key}.json"]  # no temporary file left behind
    assert cache.RawCache(folder, "salt").load(key)["writer"] == "same"


def test_sweep_keeps_fresh_temporary_files_of_other_runs(tmp_path: Path) -> None:
    rc = cache.RawCache(str(tmp_path), "salt")
    (tmp_path / "ab").mkdir()
    fresh, old = tmp_path / "ab" / ".tmp-fresh.json", tmp_path / "ab" / ".tmp-old.json"
    fresh.write_text("{")
    old.write_text("{")
    os.utime(old, (1, 1))
    rc.sweep()
    assert fresh.exists() and not old.exists()


def test_ingest_fingerprint_covers_the_ingestion_code_only() -> None:
    files = set(cache._INGEST_FILES)
    assert {"pipeline/ingest.py", "pipeline/ocr.py", "pipeline/legacy.py"} <= files
    assert "pipeline/extract.py" not in files
    assert all((cache._ROOT / f).exists() for f in files)
    assert len(cache.ingest_fingerprint()) == 64
    assert json.dumps(cache.INGEST_OPTIONS)  # options are part of the key


def test_ingest_fingerprint_covers_every_module_ingest_imports() -> None:
    """A new module that ingestion imports (a reader, an OCR step) must key the raw cache,
    or a changed reader would serve stale cached text."""
    import ast

    todo, seen = ["ingest"], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        tree = ast.parse((cache._ROOT / "pipeline" / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                todo.append(node.module)
    needed = {f"pipeline/{name}.py" for name in seen} - {"pipeline/records.py"}
    assert needed <= set(cache._INGEST_FILES), needed - set(cache._INGEST_FILES)


def test_ingest_fingerprint_covers_every_rule_ingestion_reads() -> None:
    """A rule of another table that an ingestion module reads (pdf_tables' motto, a broken
    date in a narrow cell) keys the raw cache by its pattern; a whole table by its file."""
    import re

    sources = "".join(
        (cache._ROOT / f).read_text(encoding="utf-8") for f in cache._INGEST_FILES if f.endswith(".py")
    )
    rules = set(re.findall(r'patterns\.regex\(\s*"(\w+)",\s*"(\w+)"', sources))
    assert rules <= set(cache._INGEST_RULES), rules - set(cache._INGEST_RULES)
    tables = set(re.findall(r'patterns\.table\(\s*"(\w+)"', sources))
    assert {f"models/rules/{t}.yaml" for t in tables} <= set(cache._INGEST_FILES)


def test_only_deterministic_codes_are_cached() -> None:
    assert {"pdf_encrypted", "empty_file", "pdf_corrupt"} <= cache.DETERMINISTIC_INGEST_CODES
    assert not cache.DETERMINISTIC_INGEST_CODES & (
        cache.TRANSIENT_CODES | {"ocr_timeout", "ocr_unavailable", "unreadable", "doc_converter_missing"}
    )


@pytest.mark.slow
def test_real_workers_reuse_ocr_after_a_code_change(tmp_path: Path, monkeypatch) -> None:
    """Real ingest (OCR of one small image) + extract in two worker processes."""
    pytest.importorskip("pipeline.extract")
    from PIL import Image, ImageDraw, ImageFont

    monkeypatch.delenv("KEHOACH_PROCESSOR", raising=False)
    monkeypatch.delenv(cache.RAW_ENV, raising=False)
    monkeypatch.setattr(batch, "_stages", _fake_stages)
    src = tmp_path / "in"
    src.mkdir()
    # real phrasing: corpus/documents/seeds header lines
    (src / "kh.txt").write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 12/KH-UBND\n\nKẾ HOẠCH\n", encoding="utf-8"
    )
    img = Image.new("L", (900, 160), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    ImageDraw.Draw(img).text((20, 50), "KẾ HOẠCH số 7/KH-UBND", fill=0, font=font)
    img.save(src / "scan.png")
    out = tmp_path / "out"
    batch.run([str(src)], str(out), jobs=2, quiet=True, timeout=120)
    before = (out / "plans.jsonl").read_bytes()
    rows = {Path(r["source"]["path"]).name: r for r in _rows(out)}
    assert rows["scan.png"]["status"] == "ok" and rows["scan.png"]["pages"][0]["method"] == "ocr"
    entries = sorted((out / ".cache" / "raw").glob("??/*.json"))
    assert len(entries) == 2
    stamps = [(p.stat().st_ino, p.stat().st_mtime_ns) for p in entries]
    monkeypatch.setattr(cache, "pipeline_fingerprint", lambda processor: "an extraction module changed")
    summary = batch.run([str(src)], str(out), jobs=2, quiet=True, timeout=120)
    assert summary["processed"] == 2 and summary["cached"] == 0
    assert (out / "plans.jsonl").read_bytes() == before
    assert [(p.stat().st_ino, p.stat().st_mtime_ns) for p in entries] == stamps  # not re-ingested


def test_record_cache_key_depends_on_the_extraction_layers(monkeypatch, tmp_path):
    """A rules-only run must not reuse rows extracted with the NER layer (and back)."""
    monkeypatch.setenv("KEHOACH_LAYERS", "combined")
    combined = cache.Cache(str(tmp_path), "pipeline.workers:_process_file").key("abc", "a.txt")
    monkeypatch.setenv("KEHOACH_LAYERS", "rules")
    rules = cache.Cache(str(tmp_path), "pipeline.workers:_process_file").key("abc", "a.txt")
    assert combined != rules
