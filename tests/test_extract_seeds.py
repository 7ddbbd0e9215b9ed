"""Whole-document extraction on the three seed plans and on the rest of the corpus."""

from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.ingest import ingest

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"
SEEDS = {p.name[:3]: p for p in (CORPUS / "seeds").glob("*.txt")}
TEXTS = sorted(p for p in CORPUS.rglob("*.txt"))


@pytest.fixture(scope="module")
def plans():
    return {k: extract(ingest(p)) for k, p in SEEDS.items()}


def test_seed_003(plans):
    p = plans["003"]
    assert (p.doc_type, p.number, p.issued_date, p.issued_place) == (
        "KH",
        "167/KH-UBND",
        "2023-09-22",
        "Thái Nguyên",
    )
    assert (p.issuer.name, p.issuer.level, p.issuer.admin_code) == (
        "Ủy ban nhân dân tỉnh Thái Nguyên",
        "province",
        "19",
    )
    assert p.theme == "Xây dựng năng lực tự học trong kỷ nguyên số"
    assert (p.period.start, p.period.end) == ("2023-10-02", "2023-10-08")
    assert (p.signer.name, p.signer.title, p.signer.authority) == (
        "Đặng Xuân Trường",
        "Phó Chủ tịch Thường trực",
        "KT. Chủ tịch",
    )
    assert p.year == 2023
    assert p.title == "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023"
    assert [a.role for a in p.assignments[:2]] == ["lead", "support"]
    assert "Lưu: VT, KGVX" not in " ".join(p.recipients) and len(p.recipients) == 6


def test_seed_001(plans):
    p = plans["001"]
    assert (p.issuer.name, p.issuer.level, p.number) == ("Ủy ban nhân dân xã Hà Thượng", "commune", None)
    assert p.issuer.admin_path == ["Tỉnh Thái Nguyên", "Huyện Đại Từ", "Xã Hà Thượng"]
    assert p.theme == "Thúc đẩy chuyển đổi số phục vụ cho học tập suốt đời sau dịch Covid-19"
    assert (p.period.start, p.period.end) == ("2022-10-06", "2022-10-12")
    opening = next(e for e in p.events if e.name == "Lễ khai mạc")
    assert (opening.date, opening.time, opening.place) == ("2022-10-06", "07:00", "Trường THCS Hà Thượng")
    assert [d.date for d in p.deadlines] == ["2022-10-18"]
    assert p.signer.name == "Đặng Văn Thi"


def test_seed_004(plans):
    p = plans["004"]
    assert (p.number, p.issued_date, p.issued_place) == (None, None, "Quận 7")
    assert (p.issuer.name, p.issuer.admin_code) == ("Ủy ban nhân dân Quận 7", "778")
    assert "2024-10-11" in [d.date for d in p.deadlines]
    assert len(p.assignments) == 15
    assert p.assignments[0].role == "lead"
    assert p.theme == "Phát triển văn hóa đọc thúc đẩy học tập suốt đời"
    assert p.signer.name == "Châu Xuân Đại Thắng"


def _evidences(value):
    if hasattr(value, "page") and hasattr(value, "start"):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _evidences(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _evidences(v)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_every_evidence_points_into_the_original(path):
    raw = ingest(path)
    plan = extract(raw)
    assert plan.status == "ok"
    assert not [w for w in plan.warnings if w.startswith("field_error")], plan.warnings
    evs = list(_evidences(plan.evidence)) + [
        c.evidence for c in plan.legal_basis + plan.references if c.evidence
    ]
    for ev in evs:
        assert raw.pages[ev.page - 1].text[ev.start : ev.end] == ev.text


def test_odd_input_never_raises():
    from pipeline.records import PageText, RawDocument, SourceInfo

    for s in [
        "",
        "\n\n\n",
        "Số:",
        "KẾ HOẠCH\n" * 50,
        "Nơi nhận:\n- \nKT.",
        "1.\n2.\n" * 100,
        "\u0000\ufffd" * 10,
    ]:
        raw = RawDocument(
            doc_id="x", source=SourceInfo(path="x.txt", format="txt"), pages=[PageText(0, s, "text")]
        )
        plan = extract(raw)
        assert plan.status == "ok"


@pytest.mark.parametrize(
    "name,deadlines",
    [
        # docs/027: a công văn's own new deadline; the recalled 30/11/2012 one is not its own
        ("027.txt", [("2013-05-30", "Thủ tướng Chính phủ")]),
        # docs/029: only a recalled (older) deadline → none
        ("029.txt", []),
        # docs/014: a quyết định with no deadline
        ("014.txt", []),
    ],
)
def test_deadlines_on_non_plans(name, deadlines):
    plan = extract(ingest(CORPUS / "docs" / name))
    assert plan.doc_type != "KH"
    assert [(d.date, d.to) for d in plan.deadlines] == deadlines
