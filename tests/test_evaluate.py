"""The scorer on hand-made records (no extractor needed)."""

from __future__ import annotations

import copy
import json

import pytest

from pipeline import evaluate as ev
from pipeline.scoring import FUZZY_THRESHOLD, merge, rates, score

# A gold record shaped like corpus/gold/*.json (values from seeds/003: KH 167/KH-UBND Thái Nguyên).
GOLD = {
    "file": "documents/seeds/003_6c6551002ead6284.txt",
    "doc_type": "Kế hoạch",
    "number": "167/KH-UBND",
    "issued_place": "Thái Nguyên",
    "issued_date": "2023-09-22",
    "issuer": {"name": "Ủy ban nhân dân tỉnh Thái Nguyên", "level": "province"},
    "title": "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023",
    "year": 2023,
    "theme": None,
    "period": {"start": "2023-10-01", "end": "2023-10-07"},
    "signer": {"name": "Đặng Xuân Trường", "title": "Phó Chủ tịch", "authority": "KT. Chủ tịch"},
    "legal_basis": [
        {
            "kind": "Công văn",
            "number": "4864/BGDĐT-GDTrX",
            "date": "2023-09-08",
            "issuer": "Bộ Giáo dục và Đào tạo",
            "role": "parent",
        },
        {
            "kind": "Tờ trình",
            "number": "2448/TTr-SGDĐT",
            "date": "2023-09-19",
            "issuer": "Sở Giáo dục và Đào tạo",
            "role": "proposal",
        },
        {"kind": "Luật", "number": None, "date": "2019-06-14", "issuer": "Quốc hội", "role": "basis"},
    ],
    "parents": ["4864/BGDĐT-GDTrX"],
    "recipients": ["Bộ Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo", "Lưu: VT"],
    "assignments": [
        {"agency": "Sở Giáo dục và Đào tạo", "role": "lead"},
        {"agency": "Sở Văn hóa, Thể thao và Du lịch", "role": "support"},
    ],
}


def _pred(gold: dict) -> dict:
    """A prediction shaped like Plan.to_dict() that agrees with ``gold``."""
    p = {k: copy.deepcopy(v) for k, v in gold.items() if k != "file"}
    p.update(doc_id="abc", status="ok", error=None, source={"path": gold["file"]})
    p["issuer"]["admin_code"] = "19"  # extra fields in the prediction are not scored
    p["events"] = [{"name": "Lễ khai mạc", "date": "2023-10-01", "time": None, "place": None}]
    return p


def _table(counts: dict) -> dict:
    return {k: rates(v) for k, v in counts.items()}


def test_perfect_record_scores_one_everywhere():
    r = _table(score(_pred(GOLD), GOLD))
    assert set(r) >= {
        "number",
        "issuer.name",
        "signer.authority",
        "legal_basis",
        "legal_basis.date",
        "parents",
    }
    for field, m in r.items():
        assert m.get("accuracy", m.get("f1")) == 1.0, field
    assert "events" not in r  # absent from gold → not scored
    assert "issuer.admin_code" not in r


def test_one_wrong_date_costs_exactly_that_field():
    pred = _pred(GOLD)
    pred["issued_date"] = "2023-09-23"
    r = _table(score(pred, GOLD))
    wrong = [f for f, m in r.items() if m.get("accuracy", m.get("f1")) != 1.0]
    assert wrong == ["issued_date"]


def test_null_gold_needs_null_prediction():
    pred = _pred(GOLD)
    pred["theme"] = "Học tập suốt đời"  # gold says the document has no theme
    assert score(pred, GOLD)["theme"]["correct"] == 0
    pred = _pred(GOLD)
    pred["number"] = None  # a null prediction for a non-null gold is wrong
    assert score(pred, GOLD)["number"]["correct"] == 0


def test_number_matching_ignores_spaces_and_case_only():
    pred = _pred(GOLD)
    pred["number"] = "167 /kh-ubnd"  # seeds/003 writes "Số: 167 /KH-UBND"
    assert score(pred, GOLD)["number"]["correct"] == 1
    pred["number"] = "167/KH-UBN"
    assert score(pred, GOLD)["number"]["correct"] == 0


@pytest.mark.parametrize(
    ("pred_name", "ok"),
    [
        ("Ủy ban nhân dân tỉnh Thái Nguyên", True),
        ("ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", True),  # case
        ("“Ủy ban nhân dân  tỉnh Thái Nguyên”.", True),  # quotes, double space, final dot
        ("Uỷ ban nhân dân tỉnh Thái Nguyên", True),  # old-style tone placement: one char off
        ("Ủy ban nhân dân tỉnh Thái Bình", False),
        ("Ủy ban nhân dân", False),
    ],
)
def test_fuzzy_threshold(pred_name, ok):
    pred = _pred(GOLD)
    pred["issuer"]["name"] = pred_name
    assert score(pred, GOLD)["issuer.name"]["correct"] == int(ok)


def test_fuzzy_threshold_is_the_boundary():
    from rapidfuzz import fuzz

    gold = {"title": "abcdefghij"}  # 10 chars
    assert fuzz.ratio("abcdefghij", "abcdefghix") / 100 == pytest.approx(0.9)
    assert score({"title": "abcdefghix"}, gold)["title"]["correct"] == 1  # exactly 0.9 ≥ threshold
    assert fuzz.ratio("abcdefghij", "abcdefgxyz") / 100 < FUZZY_THRESHOLD
    assert score({"title": "abcdefgxyz"}, gold)["title"]["correct"] == 0


def test_list_precision_recall_by_hand():
    pred = _pred(GOLD)
    # one right (by number, date wrong), one missed (Tờ trình), one right by kind+date (no number),
    # one spurious
    pred["legal_basis"] = [
        {
            "kind": "Công văn",
            "number": "4864/BGDĐT-GDTrX",
            "date": "2023-09-09",
            "issuer": "Bộ Giáo dục và Đào tạo",
            "role": "parent",
        },
        {"kind": "Luật", "number": None, "date": "2019-06-14", "issuer": "Quốc hội", "role": "basis"},
        {"kind": "Quyết định", "number": "1373/QĐ-TTg", "date": None, "issuer": None, "role": "basis"},
    ]
    c = score(pred, GOLD)
    r = rates(c["legal_basis"])
    assert (c["legal_basis"]["tp"], c["legal_basis"]["fp"], c["legal_basis"]["fn"]) == (2, 1, 1)
    assert r["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["f1"] == pytest.approx(2 / 3, abs=1e-4)
    # sub-fields over the 2 matched pairs
    assert c["legal_basis.date"] == {"n": 2, "correct": 1}
    assert c["legal_basis.role"] == {"n": 2, "correct": 2}
    assert c["legal_basis"]["missed"][0]["number"] == "2448/TTr-SGDĐT"


def test_matching_is_one_to_one():
    pred = _pred(GOLD)
    pred["parents"] = ["4864/BGDĐT-GDTrX", "4864/BGDĐT-GDTRX"]  # the same parent twice
    c = score(pred, GOLD)["parents"]
    assert (c["tp"], c["fp"], c["fn"]) == (1, 1, 0)


def test_assignment_role_is_a_subfield():
    pred = _pred(GOLD)
    pred["assignments"] = [
        {"agency": "Sở Văn hóa, Thể thao và Du lịch", "role": "lead", "tasks": []},  # role wrong
        {"agency": "Sở Giáo dục và Đào tạo", "role": "lead", "tasks": []},
    ]
    c = score(pred, GOLD)
    assert (c["assignments"]["tp"], c["assignments"]["fp"], c["assignments"]["fn"]) == (2, 0, 0)
    assert c["assignments.role"] == {"n": 2, "correct": 1}


def test_recipients_fuzzy_and_events_need_same_date():
    gold = {
        "recipients": ["Như trên", "Lưu: VT, VX"],
        "events": [{"name": "Lễ khai mạc Tuần lễ", "date": "2023-10-01"}],
    }
    pred = {
        "recipients": ["Như trên;", "Lưu VT, VX"],
        "events": [{"name": "Lễ khai mạc Tuần lễ", "date": "2023-10-02"}],
    }
    c = score(pred, gold)
    assert c["recipients"]["tp"] == 2
    assert (c["events"]["tp"], c["events"]["fn"], c["events"]["fp"]) == (0, 1, 1)


def test_error_row_scores_zero_on_every_gold_field():
    row = {"doc_id": "x", "status": "error", "error": {"code": "empty_file", "message": "0 bytes"}}
    for pred in (row, None):
        r = _table(score(pred, GOLD))
        for field in ("number", "theme", "issuer.name", "period.end"):
            assert r[field]["accuracy"] == 0.0, field
        assert r["legal_basis"]["recall"] == 0.0
        assert r["parents"]["f1"] == 0.0


def test_empty_gold_list():
    gold = {"parents": []}
    assert rates(score({"parents": []}, gold)["parents"])["f1"] == 1.0
    assert rates(score({"parents": ["1/KH"]}, gold)["parents"])["precision"] == 0.0
    assert rates(score(None, gold)["parents"])["f1"] == 0.0


def test_merge_adds_documents():
    total: dict = {}
    pred = _pred(GOLD)
    merge(total, score(pred, GOLD))
    pred["number"] = "999/KH-UBND"
    merge(total, score(pred, GOLD))
    assert rates(total["number"])["accuracy"] == 0.5
    assert rates(total["parents"])["f1"] == 1.0


def test_missing_file_is_an_error_row(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "a.json").write_text(json.dumps({**GOLD, "file": "documents/a.txt"}), encoding="utf-8")
    (gold_dir / "b.json").write_text(json.dumps({**GOLD, "file": "documents/b.txt"}), encoding="utf-8")
    golds = ev._load_gold(gold_dir)
    pred = _pred(GOLD)
    result = ev._score_system({"a": pred}, golds)  # b absent from the output
    assert result["documents"]["b"]["status"] == "missing"
    assert result["documents"]["a"]["status"] == "ok"
    assert result["fields"]["number"]["accuracy"] == 0.5
    assert result["errors"] == 1


def test_inputs_from_index(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "documents").mkdir(parents=True)
    rend = corpus / "renditions"
    (rend / "messy").mkdir(parents=True)
    golds = {"a": {"file": "documents/a.txt"}, "scan": {"file": "documents/scan.pdf"}}
    index = [
        {"path": "messy/a.txt", "gold": "a", "kind": "messy"},
        {"path": "../documents/scan.pdf", "gold": "scan", "kind": "original"},
        {"path": "messy/zzz.txt", "gold": "zzz", "kind": "messy"},  # no gold any more
    ]
    (rend / "index.json").write_text(json.dumps(index), encoding="utf-8")
    inputs = ev._inputs(golds, corpus, rend)
    assert set(inputs) == {"source", "messy"}
    assert inputs["source"]["scan"] == (corpus / "documents" / "scan.pdf").resolve()
    assert list(inputs["messy"]) == ["a"]


def test_table_shows_delta_against_committed_metrics(capsys):
    golds = {"a": GOLD}
    now = {"kehoach": {"source": ev._score_system({"a": _pred(GOLD)}, golds)}}
    wrong = _pred(GOLD)
    wrong["number"] = None
    before = {"systems": {"kehoach": {"source": ev._score_system({"a": wrong}, golds)}}}
    ev._print_table(now, before, 1.0)
    out = capsys.readouterr().out
    number_row = next(line for line in out.splitlines() if "number" in line and "legal" not in line)
    assert "1.00 (+1.00)" in number_row
    assert "documents ok" in out


@pytest.mark.parametrize(
    "pred_cite,matched",
    [
        # docs/019: "Căn cứ Luật Tổ chức HĐND và UBND năm 2003;" — gold has neither number nor date
        ({"kind": "Luật", "number": None, "date": None, "issuer": None, "role": "basis"}, True),
        # written: a dated law is another citation, and so is one with a number
        ({"kind": "Luật", "number": None, "date": "2003-11-26", "issuer": None, "role": "basis"}, False),
        ({"kind": "Luật", "number": "11/2003/QH11", "date": None, "issuer": None, "role": "basis"}, False),
    ],
)
def test_citation_without_number_or_date_matches_by_kind(pred_cite, matched):
    gold = copy.deepcopy(GOLD)
    gold["legal_basis"] = [{"kind": "Luật", "number": None, "date": None, "issuer": None, "role": "basis"}]
    pred = _pred(gold)
    pred["legal_basis"] = [pred_cite]
    c = score(pred, gold)["legal_basis"]
    assert (c["tp"], c["fn"]) == ((1, 0) if matched else (0, 1))
