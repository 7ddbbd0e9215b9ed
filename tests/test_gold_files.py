"""Sanity checks on the hand-written gold files in corpus/gold/.

Gold is written by reading the documents (see corpus/gold/NOTES.md). These tests catch
the mistakes a human annotator makes: typos in numbers and dates, keys that the scorer
does not know, non-NFC text, roles outside the allowed set, values that cannot be
found in the source text. Scanned PDFs have no text layer and are exempt from the
"found in the text" checks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest

from pipeline.records import Citation, Deadline, Event, Issuer, Period, Plan, Signer

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD_DIR = CORPUS / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))

# Plan fields a gold file may score (bookkeeping fields of the record are not gold).
_NOT_GOLD = {"doc_id", "source", "status", "error", "evidence", "warnings", "language", "pages", "sections"}
PLAN_KEYS = {f.name for f in dataclasses.fields(Plan)} - _NOT_GOLD
CITATION_KEYS = {f.name for f in dataclasses.fields(Citation)} - {"evidence", "resolved_to"}
ISSUER_KEYS = {f.name for f in dataclasses.fields(Issuer)}
EVENT_KEYS = {f.name for f in dataclasses.fields(Event)}
DEADLINE_KEYS = {f.name for f in dataclasses.fields(Deadline)}
SIGNER_KEYS = {f.name for f in dataclasses.fields(Signer)}
PERIOD_KEYS = {f.name for f in dataclasses.fields(Period)}
ASSIGNMENT_KEYS = {"agency", "role", "tasks"}

PREAMBLE_ROLES = {"parent", "proposal", "basis"}
ASSIGNMENT_ROLES = {"lead", "support", "assignee"}
LEVELS = {"central", "province", "district", "commune"}
DOC_TYPES = {"KH", "QĐ", "CV", "TB", "CT", "NQ", "TT", "TTr", "BC", "HD", "TTLT", "NĐ", "KL"}
PLAN_ONLY = {"year", "theme", "period", "events", "assignments", "budget"}

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _source_text(gold: dict) -> str | None:
    """Raw text of the source document, or None for a scan (no text layer)."""
    path = CORPUS / gold["file"]
    if path.suffix.lower() == ".pdf":
        return None
    text = path.read_text(encoding="utf-8")
    # Crawled portal pages keep literal "\r\n" escape sequences (excerpt E12).
    text = text.replace("\\r\\n", " ")
    return unicodedata.normalize("NFC", text).replace("\u00d0", "Đ")


def _squash(s: str) -> str:
    """Comparison key: NFC, eth→đ, no whitespace, case-folded."""
    s = unicodedata.normalize("NFC", s).replace("\u00d0", "Đ")
    return re.sub(r"\s+", "", s).casefold()


def _date_pattern(iso: str) -> re.Pattern[str]:
    """Written forms of an ISO date: 8/9/2023, 08-09-2023, 8 tháng 9 năm 2023 (optional ngày)."""
    d = dt.date.fromisoformat(iso)
    sep1 = r"\s*(?:/|-|\.|\s+tháng\s+)\s*"
    sep2 = r"\s*(?:/|-|\.|\s+năm\s+)\s*"
    return re.compile(rf"(?<!\d)0?{d.day}{sep1}0?{d.month}{sep2}{d.year}(?!\d)")


def _walk_strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _walk_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk_strings(v)


def _citations(gold: dict) -> list[dict]:
    return list(gold.get("legal_basis") or []) + list(gold.get("references") or [])


def _dates(gold: dict) -> list[str]:
    out = [gold.get("issued_date")]
    out += [c.get("date") for c in _citations(gold)]
    period = gold.get("period") or {}
    out += [period.get("start"), period.get("end")]
    out += [e.get("date") for e in gold.get("events") or []]
    out += [d.get("date") for d in gold.get("deadlines") or []]
    return [d for d in out if d]


def _numbers(gold: dict) -> list[str]:
    out = [gold.get("number")] + [c.get("number") for c in _citations(gold)] + list(gold.get("parents") or [])
    return [n for n in out if n]


ids = [p.stem for p in GOLD_FILES]


def test_gold_set_is_large_enough():
    stems = set(ids)
    seeds = {p.stem for p in (CORPUS / "documents" / "seeds").glob("*.txt")}
    assert seeds <= stems, f"seed plans without gold: {sorted(seeds - stems)}"
    others = [s for s in stems if s not in seeds]
    assert len(others) >= 20
    assert {"nq_115_ba_vi", "tt_21_bct_fuel"} <= stems
    assert sum(1 for s in stems if s.startswith("E")) >= 6


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids)
def test_gold_shape(path: Path):
    gold = _load(path)
    assert set(gold) - {"file"} <= PLAN_KEYS, f"unknown keys {set(gold) - PLAN_KEYS - {'file'}}"
    src = CORPUS / gold["file"]
    assert src.is_file(), f"{gold['file']} not in corpus/"
    assert src.stem == path.stem, "gold file must be named after its source file"

    if gold.get("doc_type") is not None:
        assert gold["doc_type"] in DOC_TYPES
    if gold.get("doc_type") != "KH":
        assert not PLAN_ONLY & set(gold), f"plan-only keys on a non-plan: {PLAN_ONLY & set(gold)}"

    issuer = gold.get("issuer")
    if issuer is not None:
        assert set(issuer) <= ISSUER_KEYS
        assert issuer.get("level") in LEVELS | {None}
        if "admin_code" in issuer:
            assert re.fullmatch(r"\d{2}|\d{3}|\d{5}", issuer["admin_code"])
            width = {"province": 2, "district": 3, "commune": 5}[issuer["level"]]
            assert len(issuer["admin_code"]) == width

    for c in gold.get("legal_basis") or []:
        assert set(c) <= CITATION_KEYS and {"kind", "number", "date", "issuer", "role"} <= set(c)
        assert c["role"] in PREAMBLE_ROLES
    for c in gold.get("references") or []:
        assert set(c) <= CITATION_KEYS and {"kind", "number", "date", "issuer", "role"} <= set(c)
        assert c["role"] == "reference"
    ref_numbers = [c["number"] for c in gold.get("references") or [] if c["number"]]
    assert len(ref_numbers) == len(set(ref_numbers)), "a reference number is listed twice"

    if "parents" in gold:
        parent_numbers = [c["number"] for c in gold.get("legal_basis") or [] if c["role"] == "parent"]
        assert gold["parents"] == parent_numbers or set(gold["parents"]) == set(parent_numbers)

    for n in _numbers(gold):
        assert not re.search(r"\s", n), f"number with a space: {n!r}"
        assert "/" in n or "-" in n, f"not a document number: {n!r}"

    for d in _dates(gold):
        dt.date.fromisoformat(d)  # raises on an invalid date
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)

    for e in gold.get("events") or []:
        assert set(e) <= EVENT_KEYS and e.get("name")
        assert e.get("time") is None or _TIME.match(e["time"])
    for d in gold.get("deadlines") or []:
        assert set(d) <= DEADLINE_KEYS
    for a in gold.get("assignments") or []:
        assert set(a) <= ASSIGNMENT_KEYS and a["role"] in ASSIGNMENT_ROLES and a["agency"]
    if gold.get("signer") is not None:
        assert set(gold["signer"]) <= SIGNER_KEYS
    if gold.get("period") is not None:
        assert set(gold["period"]) <= PERIOD_KEYS
        p = gold["period"]
        if p.get("start") and p.get("end"):
            assert p["start"] <= p["end"]
    if gold.get("year") is not None:
        assert 1945 <= gold["year"] <= 2100
    for r in gold.get("recipients") or []:
        assert r and r == r.strip() and not r.startswith(("- ", "·")) and not r.endswith((";", ","))
        assert not r.lower().startswith("lưu"), "the 'Lưu' item is not a recipient"

    for s in _walk_strings(gold):
        assert s == unicodedata.normalize("NFC", s), f"not NFC: {s!r}"
        assert "\u00d0" not in s, f"eth (Ð) instead of Đ: {s!r}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids)
def test_gold_values_found_in_source(path: Path):
    gold = _load(path)
    text = _source_text(gold)
    if text is None:
        pytest.skip("scan without text layer: values read from the page images")
    flat = re.sub(r"\s+", " ", text)
    squashed = _squash(text)

    for n in _numbers(gold):
        assert _squash(n) in squashed, f"number {n!r} not in the text"
    for d in _dates(gold):
        assert _date_pattern(d).search(flat), f"date {d} not written in the text"

    def must_contain(value: str | None, what: str) -> None:
        if value:
            assert _squash(value) in squashed, f"{what} {value!r} not in the text"

    must_contain(gold.get("title"), "title")
    must_contain(gold.get("theme"), "theme")
    must_contain(gold.get("issued_place"), "place")
    must_contain((gold.get("signer") or {}).get("name"), "signer")
    for r in gold.get("recipients") or []:
        must_contain(r, "recipient")
    for e in gold.get("events") or []:
        must_contain(e.get("place"), "event place")


def test_date_pattern_forms():
    # real phrasings: seed 003 "ngày 08/9/2023", seed 004 "ngày 25 tháng 9 năm 2024"
    assert _date_pattern("2023-09-08").search("Công văn 4864/BGDĐT-GDTrX ngày 08/9/2023 của Bộ")
    assert _date_pattern("2024-09-25").search("ngày 25 tháng 9 năm 2024 của Ủy ban")
    # own phrasing: dashes and leading zeros
    assert _date_pattern("2019-04-05").search("ban hành 05-04-2019")
    assert not _date_pattern("2019-04-05").search("ngày 15/4/2019")
    assert not _date_pattern("2019-04-05").search("ngày 5/4/20190")


def test_squash_handles_spacing_and_eth():
    # real: E03 "1315/QĐ- TTg" (stray space); seed 004 "2646/QÐ-BGDÐT" (eth)
    assert _squash("1315/QĐ-TTg") in _squash("Quyết định số 1315/QĐ- TTg ngày")
    assert _squash("2646/QĐ-BGDĐT") in _squash("Quyết định số 2646/Q\u00d0-BGD\u00d0T")
    assert _squash("167/KH-UBND") not in _squash("Số: 176/KH-UBND")
