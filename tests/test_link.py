"""Linking: citation identity is (number, issuer, year); registry fallback; hierarchy ranking."""

from __future__ import annotations

import pytest

from pipeline.link import link
from pipeline.records import Issuer
from pipeline.registry import Registry, load_registry
from tests import factories as f


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("4864/BGDĐT-GDTrX", "4864 / BGDĐT-GDTrX"),  # seed 003; spaced as OCR often gives
        ("2646/QÐ-BGDÐT", "2646/QĐ-BGDĐT"),  # seed 004 writes Ð (U+00D0) for Đ
        ("167 /KH-UBND", "167/kh-ubnd"),  # seed 003 header "Số: 167 /KH-UBND"; case
        ("49-KL/TW", "49–KL/TW"),  # en dash typed for the hyphen
    ],
)
def test_number_key_unifies_spelling(a: str, b: str):
    assert Registry.number_key(a) == Registry.number_key(b)


def test_number_key_keeps_different_numbers_apart():
    assert Registry.number_key("5701/KH-UBND") != Registry.number_key("5701/KH-SGDĐT")


def _commune(doc_id: str, name: str, code: str | None, path: list[str], number: str = "222/KH-UBND"):
    return f.make_plan(
        doc_id,
        number=number,
        issued_date="2024-09-20",
        year=2024,
        issuer=Issuer(name, "commune", code, path),
    )


def _citing(issuer_name: str | None, date: str = "2024-09-20", code: str | None = "05812", path=None):
    child = f.make_plan(
        "c" * 16,
        number="10/KH-THCS",
        issued_date="2024-09-25",
        year=2024,
        issuer=Issuer("Trường THCS Hà Thượng", None, code, path or ["Thái Nguyên", "Đại Từ", "Hà Thượng"]),
        legal_basis=[f.cit("222/KH-UBND", date, issuer_name)],
    )
    return child


def _two_communes():
    # the same number in two People's Committees (the brief's example "222/KH-UBND")
    a = _commune("a" * 16, "Ủy ban nhân dân xã Hà Thượng", "05812", ["Thái Nguyên", "Đại Từ", "Hà Thượng"])
    b = _commune(
        "b" * 16, "Ủy ban nhân dân phường Tân Phong", "27490", ["Hồ Chí Minh", "Quận 7", "Tân Phong"]
    )
    return a, b


def test_same_number_other_issuer_is_not_a_match():
    a, b = _two_communes()
    child = _citing("UBND phường Tân Phong", code=None, path=["Hồ Chí Minh", "Quận 7", "Tân Phong"])
    links = link([a, b, child])
    assert links.resolutions[(child.doc_id, 0)].target == b.doc_id
    child = _citing("Ủy ban nhân dân xã Hà Thượng")
    links = link([a, b, child])
    assert links.resolutions[(child.doc_id, 0)].target == a.doc_id
    assert child.legal_basis[0].resolved_to == a.doc_id


def test_year_must_agree_when_known():
    a, b = _two_communes()
    child = _citing("Ủy ban nhân dân xã Hà Thượng", date="2023-09-20")
    res = link([a, b, child]).resolutions[(child.doc_id, 0)]
    assert res.target is None and "issuer or year differ" in res.reason


def test_unknown_issuer_needs_same_admin_chain():
    a, b = _two_communes()
    child = _citing(None)  # issuer not stated; the citing school sits in Hà Thượng (ward 05812)
    assert link([a, b, child]).resolutions[(child.doc_id, 0)].target == a.doc_id
    child = _citing(None, code="00001", path=["Hà Nội", "Ba Đình", "Phúc Xá"])  # neither chain
    res = link([a, b, child]).resolutions[(child.doc_id, 0)]
    assert res.target is None


def test_unknown_candidate_issuer_matches_by_place_name():
    a = f.make_plan("a" * 16, number="747/CV-PGDĐT-GDTX", issued_date="2022-10-03", year=2022)
    a.issuer = Issuer(None, None, None, ["Thái Nguyên", "Đại Từ"])
    plans = [a, f.seed_001()]
    res = link(plans).resolutions[
        ("ae2414051edf08b0", 0)
    ]  # seed 001 "Phòng Giáo dục và Đào tạo huyện Đại Từ"
    assert res.target == a.doc_id and res.via == "archive"


def test_ambiguous_candidates_stay_unresolved():
    a, _ = _two_communes()
    twin = _commune("d" * 16, "Ủy ban nhân dân xã Hà Thượng", "05812", ["Thái Nguyên", "Đại Từ", "Hà Thượng"])
    child = _citing("Ủy ban nhân dân xã Hà Thượng")
    res = link([a, twin, child]).resolutions[(child.doc_id, 0)]
    assert res.target is None and res.reason.startswith("ambiguous")


def test_registry_alias_and_edge():
    seed = f.seed_003()
    links = link([seed])
    res = links.resolutions[(seed.doc_id, 0)]  # "Công văn 4864/BGDĐT-GDTrX ngày 08/9/2023"
    assert (res.target, res.via, res.year) == ("registry:llw-2023", "registry", 2023)
    assert seed.legal_basis[0].resolved_to == "registry:llw-2023"
    assert [(e.parent, e.rank, e.via) for e in links.edges] == [("registry:llw-2023", 0, "registry")]
    # the proposal (Tờ trình 2448/TTr-SGDĐT) is resolved nowhere and is not a parent
    assert links.resolutions[(seed.doc_id, 1)].reason == "not in archive or registry"


def test_registry_number_with_other_year_is_not_matched():
    plan = f.make_plan(
        "e" * 16, year=2021, legal_basis=[f.cit("5201/BGDĐT-GDTX", "2021-09-09", "Bộ Giáo dục và Đào tạo")]
    )
    assert link([plan]).resolutions[(plan.doc_id, 0)].target is None


@pytest.mark.parametrize(
    ("number", "date", "target"),
    [
        # citations probe round 3: a 2025 plan cites the ministry's letter with the unit code
        # the ministry used before 2025 (registry: "5607/BGDĐT-GDNNGDTX")
        ("5607/BGDĐT-GDTX", "2025-09-18", "registry:llw-2025"),
        ("5201/BGDĐT-GDNNGDTX", "2024-09-09", "registry:llw-2024"),  # written: the other way round
        ("5201/BGDĐT-GDNNGDTX", None, None),  # written: no year, no loose match
        ("5201/SGDĐT-GDTX", "2024-09-09", None),  # written: another body's letter with that number
        ("1373/QĐ-TTg", "2024-09-09", None),  # written: a type code says nothing of the body
    ],
)
def test_registry_number_with_another_unit_code(number, date, target):
    plan = f.make_plan("e" * 16, year=2025, legal_basis=[f.cit(number, date, "Bộ Giáo dục và Đào tạo")])
    res = link([plan]).resolutions[(plan.doc_id, 0)]
    assert res.target == target
    if target:
        assert "unit code differs" in res.reason


def test_seed_004_two_parents_primary_from_city_committee():
    plans = [f.seed_004(), f.city_plan_6228(), f.city_plan_5701()]
    edges = link(plans).parents_of("7258124ebd54530a")
    assert [(e.parent, e.number, e.rank, e.via) for e in edges] == [
        ("5701000000000000", "5701/KH-UBND", 0, "archive"),
        ("6228000000000000", "6228/KH-SGDĐT", 1, "archive"),
    ]


def test_primary_parent_is_the_level_directly_above():
    # a commune citing the province first and its district second: the district is primary
    province = f.make_plan(
        "p" * 16,
        number="50/KH-UBND",
        issued_date="2024-09-10",
        year=2024,
        issuer=Issuer("Ủy ban nhân dân tỉnh Thái Nguyên", "province", "19", ["Thái Nguyên"]),
    )
    district = f.make_plan(
        "q" * 16,
        number="80/KH-UBND",
        issued_date="2024-09-15",
        year=2024,
        issuer=Issuer("Ủy ban nhân dân huyện Đại Từ", "district", "171", ["Thái Nguyên", "Đại Từ"]),
    )
    commune = f.make_plan(
        "r" * 16,
        number="12/KH-UBND",
        issued_date="2024-09-20",
        year=2024,
        issuer=Issuer("Ủy ban nhân dân xã Hà Thượng", None, "05812", ["Thái Nguyên", "Đại Từ", "Hà Thượng"]),
        legal_basis=[
            f.cit("50/KH-UBND", "2024-09-10", "UBND tỉnh Thái Nguyên"),
            f.cit("80/KH-UBND", "2024-09-15", "UBND huyện Đại Từ"),
        ],
    )
    links = link([province, district, commune])
    assert links.levels[commune.doc_id] == "commune"  # from the 5-digit ward code
    assert [e.parent for e in links.parents_of(commune.doc_id)] == [district.doc_id, province.doc_id]


def test_citation_year_from_number_and_error_rows_ignored():
    old = f.make_plan(
        "o" * 16,
        number="49/2012/QĐ-UBND",
        issued_date="2012-05-02",
        year=2012,
        issuer=Issuer("Ủy ban nhân dân tỉnh Sơn La", "province", "14", ["Sơn La"]),
    )
    child = f.make_plan(
        "k" * 16,
        year=2013,
        issuer=Issuer("Ủy ban nhân dân tỉnh Sơn La", "province", "14", ["Sơn La"]),
        legal_basis=[f.cit("49/2012/QĐ-UBND", None, "Ủy ban nhân dân tỉnh Sơn La", kind="Quyết định")],
    )
    links = link([old, child, f.error_plan()])
    res = links.resolutions[(child.doc_id, 0)]
    assert res.target == old.doc_id and res.year == 2012
    assert all(k[0] != "eeee000000000000" for k in links.resolutions)


def test_citation_without_number():
    plan = f.make_plan("n" * 16, legal_basis=[f.cit(None, None, "Ủy ban nhân dân tỉnh")])
    assert link([plan], load_registry()).resolutions[(plan.doc_id, 0)].reason == "no number"


@pytest.mark.parametrize(
    ("school", "agency", "above"),
    [
        # probe: a lower-secondary school under the Phòng of huyện Hải Lăng, citing the province's
        # plan first and the Phòng's letter second
        (
            Issuer("Trường THCS Nguyễn Bỉnh Khiêm", "district"),
            Issuer("Phòng Giáo dục và Đào tạo huyện Hải Lăng", "district"),
            Issuer("Ủy ban nhân dân tỉnh Quảng Trị", "province", "45", ["Tỉnh Quảng Trị"]),
        ),
        # written: an upper-secondary school under its Sở, citing the ministry first
        (
            Issuer("Trường THPT Hàn Thuyên", "province", "27", ["Tỉnh Bắc Ninh"]),
            Issuer("Sở Giáo dục và Đào tạo tỉnh Bắc Ninh", "province", "27", ["Tỉnh Bắc Ninh"]),
            Issuer("Bộ Giáo dục và Đào tạo", "central"),
        ),
    ],
)
def test_a_schools_primary_parent_is_its_own_levels_agency(school, agency, above):
    top = f.make_plan("s" * 16, number="178/KH-UBND", issued_date="2024-09-18", year=2024, issuer=above)
    mid = f.make_plan("t" * 16, number="412/PGDĐT", issued_date="2024-09-25", doc_type="CV", issuer=agency)
    plan = f.make_plan(
        "u" * 16,
        number="25/KH-THCS",
        issued_date="2024-09-28",
        year=2024,
        issuer=school,
        legal_basis=[
            f.cit("178/KH-UBND", "2024-09-18", above.name),
            f.cit("412/PGDĐT", "2024-09-25", agency.name, kind="Công văn"),
        ],
    )
    edges = link([top, mid, plan]).parents_of(plan.doc_id)
    assert [(e.parent, e.rank) for e in edges] == [(mid.doc_id, 0), (top.doc_id, 1)]


def _plan_2022(citation, title="Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2022"):
    return f.make_plan("f" * 16, year=2022, issued_date="2022-09-20", title=title, legal_basis=[citation])


def test_directive_of_a_year_without_a_known_number_resolves_by_issuer_year_and_subject():
    # probe round 7 (compliance): a 2022 provincial plan citing the Bộ's letter, whose number
    # the registry does not know
    plan = _plan_2022(f.cit("3569/BGDĐT-GDTX", "2022-08-17", "Bộ Giáo dục và Đào tạo", kind="Công văn"))
    res = link([plan]).resolutions[(plan.doc_id, 0)]
    assert (res.target, res.via) == ("registry:llw-2022", "registry")
    assert "no number for 2022" in res.reason
    # written: a basis citation whose subject names the week, from a plan of another programme
    cit = f.cit("3570/BGDĐT-GDTX", "2022-08-18", "Bộ Giáo dục và Đào tạo", role="basis", kind="Công văn")
    cit.title = "về việc tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2022"
    other = _plan_2022(cit, title="Kế hoạch công tác giáo dục thường xuyên năm học 2022-2023")
    assert link([other]).resolutions[(other.doc_id, 0)].target == "registry:llw-2022"


@pytest.mark.parametrize(
    ("issuer", "date", "title"),
    [
        ("Ủy ban nhân dân tỉnh Thái Nguyên", "2022-08-17", None),  # not the directive's issuer
        ("Bộ Giáo dục và Đào tạo", "2023-08-17", None),  # a year whose number is known: number only
        ("Bộ Giáo dục và Đào tạo", "2022-08-17", "Kế hoạch công tác năm học 2022-2023"),  # not the programme
    ],
)
def test_numberless_fallback_needs_issuer_year_and_programme(issuer, date, title):
    plan = _plan_2022(
        f.cit("3569/BGDĐT-GDTX", date, issuer, kind="Công văn"),
        title=title or "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2022",
    )
    assert link([plan]).resolutions[(plan.doc_id, 0)].target is None
