"""End to end on the real seed plans: extract → link → check → tables → notebook, and the
same seed through every format normalizing to (nearly) the same text."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from pipeline.ingest import ingest
from pipeline.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "documents" / "seeds"
SEED_001, SEED_003, SEED_004 = (
    "001_ae2414051edf08b0.txt",
    "003_6c6551002ead6284.txt",
    "004_7258124ebd54530a.txt",
)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    from pipeline.batch import run

    folder = tmp_path_factory.mktemp("seeds-out")
    run([str(SEEDS)], str(folder), jobs=1, quiet=True, use_cache=False)
    return folder


@pytest.fixture(scope="module")
def plans(out: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in (out / "plans.jsonl").read_text(encoding="utf-8").splitlines()]
    return {Path(r["source"]["path"]).name: r for r in rows}


def test_one_ok_row_per_seed(plans):
    assert sorted(plans) == [SEED_001, SEED_003, SEED_004]
    assert {r["status"] for r in plans.values()} == {"ok"}


def test_each_seed_names_its_parent_directive(plans):
    p001, p003, p004 = plans[SEED_001], plans[SEED_003], plans[SEED_004]
    assert p001["parents"] == ["747/CV-PGDĐT-GDTX"]
    assert p001["legal_basis"][0]["issuer"] == "Phòng Giáo dục và Đào tạo huyện Đại Từ"
    assert p003["parents"] == ["4864/BGDĐT-GDTrX"]
    assert p003["legal_basis"][0]["issuer"] == "Bộ Giáo dục và Đào tạo"
    assert p004["parents"] == ["5701/KH-UBND", "6228/KH-SGDĐT"]  # city's plan first, then its department's
    assert [c["issuer"] for c in p004["legal_basis"][:2]] == [
        "Ủy ban nhân dân Thành phố Hồ Chí Minh",
        "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
    ]


def test_seed_003_parent_resolves_to_the_2023_national_directive(out, plans):
    import pandas as pd

    edges = pd.read_csv(out / "edges.csv")
    child = plans[SEED_003]["doc_id"]
    row = edges[(edges.child == child) & (edges["rank"] == 0)]
    assert row.parent.tolist() == ["registry:llw-2023"]


def test_expected_findings(out, plans):
    import pandas as pd

    findings = pd.read_csv(out / "findings.csv")

    def rules(name):
        return set(findings[findings.doc_id == plans[name]["doc_id"]].rule)

    # seed 001 ran 06–12/10/2022: a review finding; its theme wording still counts as 2022's
    assert "week_mismatch" in rules(SEED_001)
    assert not any("theme" in r for r in rules(SEED_001))
    sev = findings[(findings.doc_id == plans[SEED_001]["doc_id"]) & (findings.rule == "week_mismatch")]
    assert sev.severity.tolist() == ["review"]
    # seed 004 is a draft: blank number and date
    assert "draft_unnumbered" in rules(SEED_004)
    assert "draft_unnumbered" not in rules(SEED_003)


def test_every_evidence_span_is_the_original_text(plans):
    for name, plan in plans.items():
        original = (SEEDS / name).read_text(encoding="utf-8")
        pages = original.split("\f")
        for key, ev in plan["evidence"].items():
            evs = ev if isinstance(ev, list) else [ev]
            for e in evs:
                assert pages[e["page"] - 1][e["start"] : e["end"]] == e["text"], (name, key)


@pytest.mark.slow
def test_notebook_runs_on_the_corpus_output(out):
    from tests.test_notebook import _execute, _text

    nb = _execute(out)
    assert "3 documents" in _text(nb)


# ------------------------------------------------------------- one seed, every format

_SPEC = importlib.util.spec_from_file_location("make_renditions", ROOT / "scripts" / "make_renditions.py")
_mr = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_mr)


def _flat(text: str) -> str:
    """Text as a reader compares it: no layout (line breaks, table pipes, bullets), one space."""
    text = re.sub(r"[|*#•·\-–—]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def renditions(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("renditions")
    gold = folder / "corpus" / "gold"
    gold.mkdir(parents=True)
    src = folder / "corpus" / "documents" / "seeds"
    src.mkdir(parents=True)
    shutil.copy(SEEDS / SEED_001, src / SEED_001)
    (gold / "001.json").write_text(json.dumps({"file": f"documents/seeds/{SEED_001}"}), encoding="utf-8")
    kinds = ["messy", "docx", "textpdf"]
    if shutil.which("tesseract"):
        kinds.append("scan")
    _mr.make_renditions(gold, folder / "out", kinds=kinds)
    ext = {"messy": "txt", "docx": "docx", "textpdf": "pdf", "scan": "pdf"}
    return {k: folder / "out" / k / f"001.{ext[k]}" for k in kinds}


@pytest.mark.slow
@pytest.mark.parametrize("kind,floor", [("messy", 0.98), ("docx", 0.98), ("textpdf", 0.98), ("scan", 0.98)])
def test_every_format_normalizes_to_the_clean_text(renditions, kind, floor):
    """Seed 001 as messy text, DOCX, text-layer PDF and scanned PDF (OCR) gives the text of
    the clean .txt, character similarity ≥ 0.98 (measured: see the closing note)."""
    if kind not in renditions:
        pytest.skip("tesseract not installed")
    clean = _flat(normalize(ingest(SEEDS / SEED_001)).text)
    got = _flat(normalize(ingest(renditions[kind])).text)
    similarity = fuzz.ratio(clean, got) / 100
    print(f"{kind}: similarity {similarity:.4f}")
    assert similarity >= floor
