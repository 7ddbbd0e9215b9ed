"""Probe 7 (linking and compliance on an unseen archive of plan chains): the general rules it added.

- a cited issuer that adds a place to the candidate's bare name ("Phòng GD&ĐT Nghi Lộc" vs a
  plan headed "Phòng Giáo dục và Đào tạo" of huyện Nghi Lộc) matches by that place, even when
  the citing plan (a school) has no locality of its own;
- a yearly programme plan is checked against the directive of the year its week runs, so a
  title copied from last year gives title_year_mismatch alone;
- a parent of an earlier year whose reporting deadline had passed when the plan was issued is
  not compared with the plan's deadline (that is another cycle);
- from 01/7/2025 (two-level local government) a commune implements the province directly.
"""

from __future__ import annotations

import pytest

from pipeline.compliance import check
from pipeline.link import link
from pipeline.records import Deadline, Issuer, Period, Plan
from tests import factories as f

LLW = "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm {}"


def _fired(plans: list[Plan], doc_id: str) -> set[str]:
    return {x.rule for x in check(plans, link(plans)) if x.doc_id == doc_id}


# --- linking: the cited issuer names the candidate's place ----------------------------------------


def _agency_plan(doc_id: str, number: str, date: str, name: str, code: str, path: list[str]) -> Plan:
    year = int(date[:4])
    return f.make_plan(
        doc_id, number=number, issued_date=date, year=year, title=LLW.format(year),
        issuer=Issuer(name, None, code, path),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("cited_issuer", "number", "date", "right", "wrong"),
    [
        # seed 004: "Thực hiện Kế hoạch số 6228/KH-SGDĐT ngày 27 tháng 9 năm 2024 của Sở Giáo dục và
        # Đào tạo Thành phố Hồ Chí Minh" — the Sở's own header says only "Sở Giáo dục và Đào tạo"
        (
            "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
            "6228/KH-SGDĐT",
            "2024-09-27",
            ("Sở Giáo dục và Đào tạo", "79", ["Thành phố Hồ Chí Minh"]),
            ("Sở Giáo dục và Đào tạo", "01", ["Thành phố Hà Nội"]),
        ),
        # written (probe 7): a school "Căn cứ Kế hoạch số 210/KH-PGDĐT … của Phòng GD&ĐT Nghi Lộc";
        # the same number in another district's Phòng must not be taken
        (
            "Phòng Giáo dục và Đào tạo Nghi Lộc",
            "210/KH-PGDĐT",
            "2024-09-24",
            ("Phòng Giáo dục và Đào tạo", "429", ["Tỉnh Nghệ An", "Huyện Nghi Lộc"]),
            ("Phòng Giáo dục và Đào tạo", "425", ["Tỉnh Nghệ An", "Huyện Diễn Châu"]),
        ),
    ],
)
def test_cited_issuer_adding_the_candidates_place(cited_issuer, number, date, right, wrong):
    good = _agency_plan("b1" * 8, number, date, *right)
    other = _agency_plan("b2" * 8, number, date, *wrong)
    school = f.make_plan(
        "b3" * 8,
        number="15/KH-THCS",
        issued_date="2024-09-30",
        year=2024,
        issuer=Issuer("Trường THCS Nghi Phong", "district"),  # a school header: no locality read
        legal_basis=[f.cit(number, date, cited_issuer)],
    )
    res = link([good, other, school]).resolutions[(school.doc_id, 0)]
    assert res.target == good.doc_id and res.via == "archive"
    # the other unit's plan alone is not taken for it
    res = link([other, school]).resolutions[(school.doc_id, 0)]
    assert res.target is None


def test_place_words_must_be_the_candidates_own():
    # written: "Phòng GD&ĐT Nghi Xuân" is not the Phòng of huyện Nghi Lộc (shared first syllable)
    cand = _agency_plan("b4" * 8, "210/KH-PGDĐT", "2024-09-24", "Phòng Giáo dục và Đào tạo", "429",
                        ["Tỉnh Nghệ An", "Huyện Nghi Lộc"])  # fmt: skip
    school = f.make_plan(
        "b5" * 8,
        issued_date="2024-09-30",
        issuer=Issuer("Trường THCS Xuân Hội", "district"),
        legal_basis=[f.cit("210/KH-PGDĐT", "2024-09-24", "Phòng Giáo dục và Đào tạo Nghi Xuân")],
    )
    assert link([cand, school]).resolutions[(school.doc_id, 0)].target is None


# --- the programme year is the year the week runs ---------------------------------------------------


@pytest.mark.parametrize(
    ("title_year", "year", "theme", "period", "parent"),
    [
        # probe 7: a 2023 school plan whose title kept "năm 2022"; theme as seed 003 states it
        (
            2022,
            2023,
            "Xây dựng năng lực tự học trong kỷ nguyên số",
            ("2023-10-02", "2023-10-08"),
            ("4864/BGDĐT-GDTrX", "2023-09-08", "Bộ Giáo dục và Đào tạo"),
        ),
        # written: a 2025 plan with the 2024 title
        (
            2024,
            2025,
            "Học để phát triển bản thân, làm chủ tri thức và công nghệ, góp phần xây dựng đất nước hùng cường, thịnh vượng",
            ("2025-10-01", "2025-10-07"),
            ("5607/BGDĐT-GDNNGDTX", "2025-09-15", "Bộ Giáo dục và Đào tạo"),
        ),
    ],
)
def test_title_copied_from_last_year_is_one_finding(title_year, year, theme, period, parent):
    plan = f.make_plan(
        "c1" * 8,
        number="31/KH-UBND",
        issued_date=f"{year}-09-29",
        year=title_year,  # the extractor takes the plan's year from the title
        title=LLW.format(title_year),
        theme=theme,
        period=Period(*period),
        issuer=Issuer("Ủy ban nhân dân tỉnh Bình Định", "province", "52", ["Tỉnh Bình Định"]),
        legal_basis=[f.cit(*parent, kind="Công văn")],
    )
    assert _fired([plan], plan.doc_id) == {"title_year_mismatch"}


# --- a parent of another cycle: no deadline comparison --------------------------------------------


def _province_plan(year: int, deadline: str) -> Plan:
    return f.make_plan(
        "d1" * 8,
        number="3456/KH-UBND",
        issued_date=f"{year}-09-20",
        year=year,
        title=LLW.format(year),
        issuer=Issuer("Ủy ban nhân dân tỉnh Bình Định", "province", "52", ["Tỉnh Bình Định"]),
        legal_basis=[f.cit("4864/BGDĐT-GDTX", "2023-09-08", "Bộ Giáo dục và Đào tạo", kind="Công văn")],
        deadlines=[Deadline(deadline, "báo cáo kết quả", "UBND tỉnh")],
    )


def _district_plan(issued: str, cited_date: str, deadline: str) -> Plan:
    year = int(issued[:4])
    return f.make_plan(
        "d2" * 8,
        number="301/KH-UBND",
        issued_date=issued,
        year=year,
        title=LLW.format(year),
        issuer=Issuer(
            "Ủy ban nhân dân huyện Tuy Phước", "district", "550", ["Tỉnh Bình Định", "Huyện Tuy Phước"]
        ),
        # probe 7: "Thực hiện Kế hoạch số 3456/KH-UBND ngày 20/9/2022 của UBND tỉnh Bình Định về tổ
        # chức Tuần lễ … năm 2022" in a 2023 plan
        legal_basis=[f.cit("3456/KH-UBND", cited_date, "UBND tỉnh Bình Định")],
        deadlines=[Deadline(deadline, "báo cáo kết quả", "UBND huyện")],
    )


def test_last_years_parent_is_not_compared_for_deadlines():
    parent = _province_plan(2022, "2022-10-20")
    child = _district_plan("2023-09-22", "2022-09-20", "2023-10-25")
    fired = _fired([parent, child], child.doc_id)
    assert "parent_other_year" in fired and "deadline_after_parent" not in fired


def test_a_late_plan_of_the_same_cycle_is_still_compared():
    # written: the district issues its plan after the province's report deadline
    parent = _province_plan(2023, "2023-10-10")
    child = _district_plan("2023-10-12", "2023-09-20", "2023-10-25")
    assert "deadline_after_parent" in _fired([parent, child], child.doc_id)


# --- two-level local government (from 01/7/2025) --------------------------------------------------


@pytest.mark.parametrize(
    ("commune", "parent"),
    [
        # seed 004's city education department plan ("Kế hoạch số 6228/KH-SGDĐT … của Sở Giáo dục và
        # Đào tạo Thành phố Hồ Chí Minh") as a 2025 ward of the city would cite it
        ("Ủy ban nhân dân phường Tân Hưng", ("6228/KH-SGDĐT", "2025-09-20", "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh")),
        # written (probe 7): "Thực hiện Kế hoạch số 1520/KH-SGDĐT ngày 18/9/2025 của Sở Giáo dục và Đào tạo Nghệ An"
        ("Ủy ban nhân dân xã Đông Thành", ("1520/KH-SGDĐT", "2025-09-18", "Sở Giáo dục và Đào tạo Nghệ An")),
    ],
)  # fmt: skip
def test_commune_implements_the_province_after_july_2025(commune, parent):
    def plan(issued: str, cited: tuple[str, str, str]) -> Plan:
        return f.make_plan(
            "e1" * 8,
            number="112/KH-UBND",
            issued_date=issued,
            year=int(issued[:4]),
            title=LLW.format(issued[:4]),
            issuer=Issuer(commune, "commune"),
            legal_basis=[f.cit(*cited)],
        )

    assert "parent_wrong_level" not in _fired([p := plan("2025-09-24", parent)], p.doc_id)
    # before the district level ended, a commune citing only the province skipped a level
    early = (parent[0], "2024-09-18", parent[2])
    assert "parent_wrong_level" in _fired([p := plan("2024-09-24", early)], p.doc_id)
    # and a commune citing only the ministry still skips one after it
    ministry = ("5607/BGDĐT-GDNNGDTX", "2025-09-15", "Bộ Giáo dục và Đào tạo")
    assert "parent_wrong_level" in _fired([p := plan("2025-09-24", ministry)], p.doc_id)


# --- the parent's deadline for the bodies under it, not its own report up ---------------------------


@pytest.mark.parametrize(
    ("parent_issuer", "code", "below", "above", "child_issuer"),
    [
        # seed 004: "… báo cáo kết quả thực hiện … về Ủy ban nhân dân quận (thông qua Phòng Giáo dục và
        # Đào tạo quận) … chậm nhất là ngày 11 tháng 10 năm 2024 để tổng hợp báo cáo thành phố";
        # the district's own report to the city written by us
        (
            "Ủy ban nhân dân Quận 7",
            "778",
            Deadline("2024-10-11", "báo cáo kết quả thực hiện", "Ủy ban nhân dân quận"),
            Deadline("2024-10-18", "tổng hợp báo cáo", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
            "Ủy ban nhân dân phường Tân Hưng",
        ),
        # written (probe 7): "UBND các xã, thị trấn … báo cáo kết quả về UBND huyện (qua Phòng GD&ĐT)
        # trước ngày 15/10/2024. Phòng GD&ĐT tổng hợp, tham mưu UBND huyện báo cáo UBND tỉnh trước
        # ngày 22/10/2024."
        (
            "Ủy ban nhân dân huyện Hương Sơn",
            "439",
            Deadline("2024-10-11", "báo cáo kết quả", "Ủy ban nhân dân huyện"),
            Deadline("2024-10-22", "báo cáo", "Ủy ban nhân dân tỉnh"),
            "Ủy ban nhân dân xã Sơn Kim 1",
        ),
    ],
)
def test_child_deadline_is_compared_with_the_deadline_set_for_it(
    parent_issuer, code, below, above, child_issuer
):
    parent = f.make_plan(
        "f1" * 8,
        number="205/KH-UBND",
        issued_date="2024-09-26",
        year=2024,
        title=LLW.format(2024),
        issuer=Issuer(parent_issuer, "district", code),
        deadlines=[below, above],
    )

    def child(deadline: str) -> Plan:
        return f.make_plan(
            "f2" * 8,
            number="61/KH-UBND",
            issued_date="2024-09-30",
            year=2024,
            title=LLW.format(2024),
            issuer=Issuer(child_issuer, "commune"),
            legal_basis=[f.cit("205/KH-UBND", "2024-09-26", parent_issuer)],
            deadlines=[Deadline(deadline, "báo cáo", "Ủy ban nhân dân huyện")],
        )

    # after the deadline set for it, before the parent's own report up: late
    assert "deadline_after_parent" in _fired([parent, c := child("2024-10-14")], c.doc_id)
    assert "deadline_after_parent" not in _fired([parent, c := child("2024-10-10")], c.doc_id)
    # a parent whose only deadline is its report up is still compared with it
    parent.deadlines = [above]
    assert "deadline_after_parent" not in _fired([parent, c := child("2024-10-14")], c.doc_id)
    assert "deadline_after_parent" in _fired([parent, c := child("2024-10-25")], c.doc_id)


# --- the unit word before an agency's place is optional -------------------------------------------


@pytest.mark.parametrize(
    ("cited", "header"),
    [
        # seed 004: "… của Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh"; a header "SỞ GD&ĐT HỒ CHÍ MINH"
        ("Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh", "Sở Giáo dục và Đào tạo Hồ Chí Minh"),
        # written (probe 7): "… của Phòng GD&ĐT Can Lộc"; header "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN CAN LỘC"
        ("Phòng Giáo dục và Đào tạo Can Lộc", "Phòng Giáo dục và Đào tạo huyện Can Lộc"),
    ],
)
def test_agency_names_with_and_without_the_unit_word_are_one_body(cited, header):
    cand = f.make_plan("a7" * 8, number="215/KH-PGDĐT", issued_date="2024-09-27", issuer=Issuer(header))
    school = f.make_plan(
        "a8" * 8,
        issued_date="2024-09-30",
        issuer=Issuer("Trường Tiểu học Thiên Lộc", "district"),
        legal_basis=[f.cit("215/KH-PGDĐT", "2024-09-27", cited)],
    )
    assert link([cand, school]).resolutions[(school.doc_id, 0)].target == cand.doc_id


def test_committees_of_a_province_and_its_city_stay_apart():
    # written: "UBND tỉnh Bắc Ninh" and "UBND thành phố Bắc Ninh" are two bodies
    cand = f.make_plan(
        "a9" * 8,
        number="150/KH-UBND",
        issued_date="2024-09-25",
        issuer=Issuer("Ủy ban nhân dân thành phố Bắc Ninh"),
    )
    ward = f.make_plan(
        "aa" * 8,
        issued_date="2024-09-30",
        issuer=Issuer("Ủy ban nhân dân phường Vũ Ninh", "commune"),
        legal_basis=[f.cit("150/KH-UBND", "2024-09-25", "Ủy ban nhân dân tỉnh Bắc Ninh")],
    )
    assert link([cand, ward]).resolutions[(ward.doc_id, 0)].target is None
