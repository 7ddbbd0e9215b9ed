"""Compliance rules: each rule fires on a plan mutated to break exactly it, and nothing else changes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from pipeline import patterns
from pipeline.compliance import _RULES, check
from pipeline.link import link
from pipeline.records import Deadline, Event, Period, Plan
from tests import factories as f


def _base() -> list[Plan]:
    """A compliant province plan (registry parent) and its compliant district child (archive parent)."""
    return [f.compliant_plan(), f.compliant_child()]


def _rules(plans: list[Plan]) -> Counter:
    return Counter(x.rule for x in check(plans, link(plans)))


def _province(plans: list[Plan]) -> Plan:
    return plans[0]


def _district(plans: list[Plan]) -> Plan:
    return plans[1]


# --- mutations: (rule that must fire, which plan, mutation) ---------------------------------


def _set(**fields: object) -> Callable[[Plan], None]:
    def apply(plan: Plan) -> None:
        for k, v in fields.items():
            setattr(plan, k, v)

    return apply


def _cite(number: str, date: str, issuer: str, role: str = "parent") -> Callable[[Plan], None]:
    return lambda plan: setattr(plan, "legal_basis", [f.cit(number, date, issuer, role=role)])


def _add_reference(plan: Plan) -> None:
    plan.references.append(f.cit("300/SGDĐT-GDTX", "2024-10-02", "Sở Giáo dục và Đào tạo", role="reference"))


def _commune_citing_ministry(plan: Plan) -> None:
    plan.issuer.name, plan.issuer.level = "Ủy ban nhân dân xã Ea Phê", "commune"
    plan.legal_basis = [f.cit("5201/BGDĐT-GDTX", "2024-09-09", "Bộ Giáo dục và Đào tạo", kind="Công văn")]


def _province_citing_province(plan: Plan) -> None:
    plan.issuer.name, plan.issuer.level = "Ủy ban nhân dân tỉnh Đắk Nông", "province"


MUTATIONS = [
    # no parent: the brief's rule; seed 001 minus its "Thực hiện Công văn số 747/..." sentence
    ("no_parent", _district, _set(legal_basis=[])),
    ("no_parent", _province, _set(legal_basis=[], doc_type="Kế hoạch")),  # doc_type spelled out
    # unresolved parent: shaped like seed 001's "Công văn số 747/CV-PGDĐT-GDTX" (in neither archive nor registry)
    (
        "parent_unresolved",
        _district,
        _cite("747/CV-PGDĐT-GDTX", "2024-09-26", "Sở Giáo dục và Đào tạo tỉnh Đắk Lắk"),
    ),
    ("parent_unresolved", _district, _cite("999/KH-UBND", "2024-09-20", "Ủy ban nhân dân tỉnh Đắk Lắk")),
    # wrong level: a commune citing the ministry directly; a province citing a province
    ("parent_wrong_level", _district, _commune_citing_ministry),
    ("parent_wrong_level", _district, _province_citing_province),
    # other year: the 2023 directive as seed 003 cites it, the 2020 one (registry)
    ("parent_other_year", _province, _cite("4864/BGDĐT-GDTrX", "2023-09-08", "Bộ Giáo dục và Đào tạo")),
    ("parent_other_year", _province, _cite("3589/BGDĐT-GDTX", "2020-09-15", "Bộ Giáo dục và Đào tạo")),
    # theme of another year: 2020's and 2023's official themes in a 2024 plan
    ("theme_mismatch", _province, _set(theme="Chuyển đổi số thúc đẩy Học tập suốt đời")),
    ("theme_mismatch", _district, _set(theme="Xây dựng năng lực tự học trong kỷ nguyên số")),
    # week dates: seed 004 ran 03–09/10/2024; a longer week written by us
    (
        "week_mismatch",
        _district,
        _set(period=Period("2024-10-03", "2024-10-09"), events=[Event("Lễ khai mạc", "2024-10-03")]),
    ),
    ("week_mismatch", _province, _set(period=Period("2024-10-01", "2024-10-10"))),
    # opening outside the period
    ("opening_outside_period", _province, _set(events=[Event("Lễ khai mạc Tuần lễ", "2024-09-30")])),
    (
        "opening_outside_period",
        _district,
        _set(events=[Event("Khai mạc Tuần lễ học tập suốt đời", "2024-10-08")]),
    ),
    # reporting deadline later than the parent's (2024-10-15)
    (
        "deadline_after_parent",
        _district,
        _set(deadlines=[Deadline("2024-10-20", "báo cáo kết quả", "UBND tỉnh")]),
    ),
    ("deadline_after_parent", _district, _set(deadlines=[Deadline("2024-10-16", None, None)])),
    # a cited document dated after the plan
    ("cited_after_plan", _province, _add_reference),
    ("cited_after_plan", _district, _set(issued_date="2024-09-24")),  # parent dated 2024-09-25
    # year in the title ≠ year of the dates
    ("title_year_mismatch", _province, _set(title="Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023")),
    (
        "title_year_mismatch",
        _district,
        _set(title="Kế hoạch tổ chức Tuần lễ học tập suốt đời năm 2025 trên địa bàn huyện"),
    ),
    # draft: seed 004 "Số           /KH-UBND … ngày       tháng       năm 2024"
    ("draft_unnumbered", _district, _set(number="/KH-UBND", issued_date=None)),
    ("draft_unnumbered", _district, _set(number=None)),
]


def test_compliant_plans_trigger_nothing():
    plans = _base()
    links = link(plans)
    assert [e.parent for e in links.edges] == ["registry:llw-2024", "c0ffee0000000001"]
    assert check(plans, links) == []


@pytest.mark.parametrize(
    ("rule", "which", "mutate"), MUTATIONS, ids=[f"{m[0]}-{i}" for i, m in enumerate(MUTATIONS)]
)
def test_rule_fires_alone(rule: str, which: Callable, mutate: Callable):
    before = _rules(_base())
    plans = _base()
    mutate(which(plans))
    after = _rules(plans)
    assert after[rule] >= 1, f"{rule} did not fire"
    changed = {r for r in set(before) | set(after) if before[r] != after[r]}
    assert changed == {rule}


def test_every_rule_has_a_function_and_mutations():
    ids = [e["id"] for e in patterns.table("compliance") if e.get("kind", "rule") == "rule"]
    assert set(ids) == set(_RULES)
    assert {m[0] for m in MUTATIONS} == set(ids)
    for e in patterns.table("compliance"):
        if e.get("kind", "rule") == "rule":
            assert e["severity"] in {"error", "review", "info"}
            assert e["message_vi"] and e["message_en"]


def test_finding_carries_evidence_and_messages():
    plans = _base()
    _district(plans).legal_basis = [
        f.cit(
            "747/CV-PGDĐT-GDTX",
            "2024-09-26",
            "Sở Giáo dục và Đào tạo tỉnh Đắk Lắk",
            sentence="Thực hiện Công văn số 747",
        )
    ]
    (finding,) = check(plans, link(plans))
    assert finding.rule == "parent_unresolved" and finding.severity == "info"
    assert "747/CV-PGDĐT-GDTX" in finding.message_vi and "747/CV-PGDĐT-GDTX" in finding.message_en
    assert finding.evidence is not None and finding.evidence.text == "Thực hiện Công văn số 747"


def test_error_rows_are_not_checked():
    plans = [*_base(), f.error_plan()]
    assert check(plans, link(plans)) == []


# --- the seeds ---------------------------------------------------------------------------------


def _seed_rules(plans: list[Plan]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {p.doc_id: set() for p in plans}
    for x in check(plans, link(plans)):
        out[x.doc_id].add(x.rule)
    return out


def test_seed_findings():
    plans = [f.seed_001(), f.seed_003(), f.seed_004(), f.city_plan_5701(), f.city_plan_6228()]
    got = _seed_rules(plans)
    # 001: commune, ran 06–12/10/2022 (review), parent 747/CV-PGDĐT-GDTX not in archive, no header number/date
    assert got["ae2414051edf08b0"] == {"week_mismatch", "parent_unresolved", "draft_unnumbered"}
    # 003: province, cites the 2023 directive by its alias, theme and week as the ministry's
    assert got["6c6551002ead6284"] == set()
    # 004: district draft, ran 03–09/10/2024; both city parents in the archive
    assert got["7258124ebd54530a"] == {"week_mismatch", "draft_unnumbered"}
    # the city education department implementing the city's own plan is not a wrong level
    assert got["6228000000000000"] == set()


def test_seed_001_theme_counts_as_the_2022_theme():
    plans = [f.seed_001()]
    assert not any(x.rule == "theme_mismatch" for x in check(plans, link(plans)))
    week = [x for x in check(plans, link(plans)) if x.rule == "week_mismatch"]
    assert week and week[0].severity == "review" and "2022-10-06" in week[0].message_en


# --- the lexicons the rules use -----------------------------------------------------------------


def test_compliance_table_regexes_match_their_examples():
    for entry in patterns.table("compliance"):
        if "regex" in entry:
            rx = patterns.compile_entry(entry)
            assert entry.get("examples") and entry.get("source"), entry["id"]
            for example in entry["examples"]:
                assert rx.search(example), (entry["id"], example)


@pytest.mark.parametrize(
    ("theme", "year", "matches"),
    [
        # seed 001 (2022): "phục vụ cho", "dịch" for "đại dịch", "Covid" for "COVID"
        ("Thúc đẩy chuyển đổi số phục vụ cho học tập suốt đời sau dịch Covid-19", 2022, True),
        # Ninh Thuận 4150/KH-UBND wording without "cho" (national_directives.md)
        ("Thúc đẩy chuyển đổi số phục vụ học tập suốt đời sau đại dịch COVID-19", 2022, True),
        # seed 003 (2023) and the "kỉ" spelling
        ("Xây dựng năng lực tự học trong kỷ nguyên số", 2023, True),
        ("XÂY DỰNG NĂNG LỰC TỰ HỌC TRONG KỈ NGUYÊN SỐ.", 2023, True),
        # 2020: "Học" for "Học tập"
        ("“Chuyển đổi số thúc đẩy Học suốt đời”", 2020, True),
        # 2019: one of the four suggested themes
        ("Tự học để phát triển năng lực và phẩm chất", 2019, True),
        # another year's theme; a fragment that token_set_ratio alone would score 100
        ("Phát triển văn hóa đọc thúc đẩy học tập suốt đời", 2023, False),
        ("Chuyển đổi số", 2022, False),
    ],
)
def test_theme_comparison(theme: str, year: int, matches: bool):
    from pipeline.registry import load_registry

    score = load_registry().theme_score(theme, year)
    assert (score >= 90) is matches, score


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("Phòng Giáo dục và Đào tạo huyện Đại Từ", "district"),  # seed 001
        ("Ủy ban nhân dân xã Hà Thượng", "commune"),  # seed 001
        ("Bộ Giáo dục và Đào tạo", "central"),  # seed 003
        ("UBND tỉnh Thái Nguyên", "province"),  # seed 003 "UBND tỉnh"
        ("Ủy ban nhân dân Thành phố Hồ Chí Minh", "province"),  # seed 004 (centrally run city)
        ("Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh", "province"),  # seed 004
        ("Ủy ban nhân dân Quận 7", "district"),  # seed 004
        ("Uỷ ban nhân dân thành phố Buôn Ma Thuột", "district"),  # a provincial city (ours)
        ("UBND thị trấn Phước Cát", "commune"),  # ours
        ("Trường THCS Hà Thượng", None),  # a school: level unknown
        ("Ban Thường vụ Tỉnh ủy", "province"),  # probe of unseen plans ("112-KH/TU")
        ("Tỉnh ủy Nghệ An", "province"),  # written
        ("Ban Thường vụ Huyện ủy", "district"),  # written
        ("Thành ủy", None),  # written: a provincial city's or a province's, unknown
    ],
)
def test_level_of_issuer_name(name: str, level: str | None):
    from pipeline.registry import Registry

    assert Registry.level_of(name) == level


# --- things that must NOT fire (seen on the real corpus) -----------------------------------------


def _fired(plan: Plan) -> set[str]:
    return {x.rule for x in check([plan], link([plan]))}


def test_standing_directive_of_an_earlier_year_outside_the_programme():
    # excerpts/E03: a 2024 plan implementing "Chỉ thị số 14/CT-TTg ngày 25/5/2021 của Thủ tướng Chính phủ"
    plan = f.make_plan(
        "a1" * 8,
        number="20/KH-UBND",
        issued_date="2024-03-01",
        year=2024,
        issuer=f.Issuer("Ủy ban nhân dân tỉnh Sơn La", "province", "14", ["Sơn La"]),
        title="Kế hoạch xây dựng xã hội học tập năm 2024",
        legal_basis=[f.cit("14/CT-TTg", "2021-05-25", "Thủ tướng Chính phủ", kind="Chỉ thị")],
    )
    assert "parent_other_year" not in _fired(plan)
    plan.title = "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2024"  # a yearly programme plan: fires
    assert "parent_other_year" in _fired(plan)


def test_title_naming_a_law_by_year_in_a_cong_van():
    # docs/010: Công văn "… xử lý vướng mắc thực hiện Điều 41 Luật HQ năm 2014", dated 2017
    plan = f.make_plan(
        "a2" * 8,
        doc_type="CV",
        number="778/TCHQ-GSQL",
        issued_date="2017-02-03",
        year=2017,
        title="V/v xử lý vướng mắc thực hiện Điều 41 Luật HQ năm 2014",
    )
    assert "title_year_mismatch" not in _fired(plan)


def test_own_earlier_plan_and_central_bodies_are_not_wrong_level():
    # excerpts/E08: UBND tỉnh Gia Lai continuing its own "Kế hoạch số 2088/KH-UBND ngày 23/9/2019"
    plan = f.make_plan(
        "a3" * 8,
        number="540/KH-UBND",
        issued_date="2021-05-14",
        year=2021,
        issuer=f.Issuer("Ủy ban nhân dân tỉnh Gia Lai", "province", "64", ["Gia Lai"]),
        legal_basis=[f.cit("2088/KH-UBND", "2019-09-23", "Ủy ban nhân dân tỉnh Gia Lai")],
    )
    assert "parent_wrong_level" not in _fired(plan)
    # excerpts/E17: a ministry circular implementing a Politburo conclusion (central → central)
    plan = f.make_plan(
        "a4" * 8,
        doc_type="TT",
        number="5/2026/TT-BCT",
        issued_date="2026-04-01",
        year=2026,
        issuer=f.Issuer("Bộ Công Thương", "central"),
        legal_basis=[f.cit("14-KL/TW", "2026-03-20", "Bộ Chính trị", kind="Kết luận")],
    )
    assert "parent_wrong_level" not in _fired(plan)


@pytest.mark.parametrize(
    ("issuer", "parents"),
    [
        # probe (school plan under a Phòng): "Căn cứ Công văn số 4864/… của Bộ GD&ĐT" and "Thực hiện
        # Công văn số 412/PGDĐT … của Phòng Giáo dục và Đào tạo huyện Hải Lăng"
        (
            f.Issuer("Trường THCS Nguyễn Bỉnh Khiêm", "district"),
            [
                ("5201/BGDĐT-GDTX", "2024-09-09", "Bộ Giáo dục và Đào tạo"),
                ("412/PGDĐT", "2024-09-25", "Phòng Giáo dục và Đào tạo huyện Hải Lăng"),
            ],
        ),
        # written: a provincial upper-secondary school under its Sở
        (
            f.Issuer("Trường THPT Hàn Thuyên", "province", "27", ["Tỉnh Bắc Ninh"]),
            [("2150/SGDĐT-GDTX", "2024-09-19", "Sở Giáo dục và Đào tạo Bắc Ninh")],
        ),
        # written: a district continuing-education centre under its district's People's Committee
        (
            f.Issuer("Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện Yên Thế", "district"),
            [("95/KH-UBND", "2024-09-20", "Ủy ban nhân dân huyện Yên Thế")],
        ),
    ],
)
def test_a_unit_under_an_agency_implements_its_own_level(issuer, parents):
    plan = f.make_plan(
        "a5" * 8,
        number="25/KH-THCS",
        issued_date="2024-09-28",
        year=2024,
        issuer=issuer,
        legal_basis=[f.cit(n, d, i, kind="Công văn") for n, d, i in parents],
    )
    assert "parent_wrong_level" not in _fired(plan)
    # the same citations in another People's Committee of that level are still the wrong level
    other = {"district": "Ủy ban nhân dân huyện Lạng Giang", "province": "Ủy ban nhân dân tỉnh Bắc Giang"}
    plan.issuer = f.Issuer(other[issuer.level], issuer.level)
    assert "parent_wrong_level" in _fired(plan)


@pytest.mark.parametrize(
    ("doc_type", "fires"),
    [
        # probe: Sở Nội vụ "Trả lời Công văn số 215/UBND-NV … của UBND thị xã An Nhơn" (a lower body)
        ("CV", False),
        # written: a Tờ trình of a Sở answering a district's letter
        ("TTr", False),
        # the same citation in a plan is still checked
        ("KH", True),
    ],
)
def test_wrong_level_is_checked_for_plans_only(doc_type, fires):
    plan = f.make_plan(
        "a6" * 8,
        doc_type=doc_type,
        number="388/SNV-CCVC",
        issued_date="2022-03-10",
        issuer=f.Issuer("Sở Nội vụ tỉnh Bình Định", "province", "52", ["Tỉnh Bình Định"]),
        legal_basis=[f.cit("215/UBND-NV", "2022-03-03", "Ủy ban nhân dân thị xã An Nhơn", kind="Công văn")],
    )
    assert ("parent_wrong_level" in _fired(plan)) is fires
