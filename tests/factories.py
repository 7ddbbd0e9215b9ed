"""Small factories building ``records.Plan`` objects for tests (import read-only).

``seed_001()``, ``seed_003()``, ``seed_004()`` are shaped like what the extractor should give
for the three seed plans (values copied from corpus/documents/seeds/*; evidence texts are the
real sentences). ``compliant_plan()`` is a plan that breaks no compliance rule; tests mutate
one field of it at a time. ``city_plan_5701()`` / ``city_plan_6228()`` are the parents seed 004
cites (not in the corpus: built from the citation text) so archive linking can be tested.
"""

from __future__ import annotations

import copy
from typing import Any

from pipeline.records import (
    Activity,
    Assignment,
    Citation,
    Deadline,
    Event,
    Evidence,
    Issuer,
    Period,
    Plan,
    Signer,
    SourceInfo,
)


def ev(text: str, page: int = 1, start: int = 0, rule: str | None = "factory") -> Evidence:
    return Evidence(page=page, start=start, end=start + len(text), text=text, rule=rule)


def cit(
    number: str | None,
    date: str | None = None,
    issuer: str | None = None,
    role: str = "parent",
    kind: str | None = "Kế hoạch",
    sentence: str | None = None,
) -> Citation:
    sentence = sentence or f"Thực hiện {kind or ''} số {number or ''} của {issuer or ''}".strip()
    return Citation(kind=kind, number=number, date=date, issuer=issuer, role=role, evidence=ev(sentence))


def make_plan(doc_id: str = "0" * 16, **fields: Any) -> Plan:
    """A Plan with sensible empty defaults; ``fields`` override Plan attributes."""
    plan = Plan(
        doc_id=doc_id,
        source=SourceInfo(path=f"documents/test/{doc_id}.txt", format="txt", pages=1, size=100),
        doc_type="KH",
    )
    for name, value in fields.items():
        if not hasattr(plan, name):
            raise AttributeError(name)
        setattr(plan, name, value)
    return plan


def compliant_plan(doc_id: str = "c0ffee0000000001") -> Plan:
    """A provincial 2024 plan implementing the ministry's 2024 directive; breaks no rule."""
    title = "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2024"
    theme = "Phát triển văn hóa đọc thúc đẩy học tập suốt đời"
    return make_plan(
        doc_id,
        number="173/KH-UBND",
        issued_place="Đắk Lắk",
        issued_date="2024-09-25",
        issuer=Issuer("Ủy ban nhân dân tỉnh Đắk Lắk", "province", "66", ["Đắk Lắk"]),
        title=title,
        year=2024,
        theme=theme,
        legal_basis=[
            cit(
                "5201/BGDĐT-GDTX",
                "2024-09-09",
                "Bộ Giáo dục và Đào tạo",
                kind="Công văn",
                sentence="Thực hiện Công văn số 5201/BGDĐT-GDTX ngày 09/9/2024 của Bộ Giáo dục và Đào tạo",
            ),
        ],
        period=Period("2024-10-01", "2024-10-07"),
        events=[Event("Lễ khai mạc Tuần lễ", "2024-10-01", "07:30", "Hội trường tỉnh")],
        deadlines=[Deadline("2024-10-15", "báo cáo kết quả", "Sở Giáo dục và Đào tạo")],
        activities=[Activity("Tổ chức Ngày hội đọc sách", "reading", "2")],
        assignments=[Assignment("Sở Giáo dục và Đào tạo", "lead", ["Chủ trì tổ chức Tuần lễ"])],
        signer=Signer("Nguyễn Văn A", "Phó Chủ tịch", "KT. Chủ tịch"),
        recipients=["Bộ Giáo dục và Đào tạo"],
        evidence={
            "number": ev("Số: 173/KH-UBND"),
            "issued_date": ev("Đắk Lắk, ngày 25 tháng 9 năm 2024"),
            "title": ev(title),
            "theme": ev(f"Chủ đề: {theme}"),
            "period": ev("Từ ngày 01/10/2024 đến ngày 07/10/2024"),
        },
    )


def compliant_child(doc_id: str = "c0ffee0000000002") -> Plan:
    """A district 2024 plan implementing :func:`compliant_plan` (an archive parent); no rule fires."""
    title = "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2024 trên địa bàn huyện Krông Pắc"
    return make_plan(
        doc_id,
        number="95/KH-UBND",
        issued_place="Krông Pắc",
        issued_date="2024-09-28",
        issuer=Issuer("Ủy ban nhân dân huyện Krông Pắc", "district", None, ["Đắk Lắk", "Krông Pắc"]),
        title=title,
        year=2024,
        theme="Phát triển văn hoá đọc, thúc đẩy Học tập suốt đời",
        legal_basis=[
            cit(
                "173/KH-UBND",
                "2024-09-25",
                "UBND tỉnh Đắk Lắk",
                sentence="Thực hiện Kế hoạch số 173/KH-UBND ngày 25/9/2024 của UBND tỉnh Đắk Lắk",
            )
        ],
        period=Period("2024-10-01", "2024-10-07"),
        events=[Event("Lễ khai mạc", "2024-10-02", "07:30")],
        deadlines=[Deadline("2024-10-10", "gửi báo cáo kết quả", "Ủy ban nhân dân tỉnh")],
        evidence={"title": ev(title)},
    )


def seed_001() -> Plan:
    """Commune plan, 2022 (001_ae2414051edf08b0.txt): no header number/date in the text."""
    title = "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2022"
    return make_plan(
        "ae2414051edf08b0",
        source=SourceInfo(path="documents/seeds/001_ae2414051edf08b0.txt", format="txt", pages=1, size=9000),
        number=None,
        issued_date=None,
        issuer=Issuer(
            "Ủy ban nhân dân xã Hà Thượng", "commune", "05812", ["Thái Nguyên", "Đại Từ", "Hà Thượng"]
        ),
        title=title,
        year=2022,
        theme="Thúc đẩy chuyển đổi số phục vụ cho học tập suốt đời sau dịch Covid-19",
        legal_basis=[
            cit(
                "747/CV-PGDĐT-GDTX",
                "2022-10-03",
                "Phòng Giáo dục và Đào tạo huyện Đại Từ",
                kind="Công văn",
                sentence="Thực hiện Công văn số 747/CV-PGDĐT-GDTX ngày 03/10/2022 của Phòng Giáo dục và Đào tạo huyện Đại Từ",
            ),
        ],
        references=[
            cit("1373/QĐ-TTg", "2021-07-30", "Thủ tướng Chính phủ", role="reference", kind="Quyết định"),
        ],
        period=Period("2022-10-06", "2022-10-12"),
        events=[
            Event("Lễ khai mạc", "2022-10-06", "07:00", "Trường THCS Hà Thượng"),
            Event("Lễ tổng kết", "2022-10-12", "15:00", "Văn phòng nhà trường"),
        ],
        deadlines=[Deadline("2022-10-18", "báo cáo tổng kết Tuần lễ", "Phòng Giáo dục và Đào tạo")],
        activities=[
            Activity("Triển khai các chương trình học tập trực tuyến", "digital", "2.1"),
            Activity("Tổ chức các lớp tập huấn, hướng dẫn về kỹ năng tìm kiếm", "training", "2.1"),
            Activity("Tiếp tục phát động phong trào xây dựng “tủ sách lớp học”", "reading", "2.1"),
        ],
        assignments=[
            Assignment("Trung tâm học tập cộng đồng", "lead", ["tham mưu UBND xã xây dựng kế hoạch"]),
            Assignment("Hội Khuyến học xã", "support", []),
        ],
        signer=Signer("Đặng Văn Thi", "Phó Chủ tịch", "KT. Chủ tịch"),
        evidence={
            "title": ev(title),
            "theme": ev(
                "Chủ đề của Tuần lễ HƯHTSĐ năm 2022: “Thúc đẩy chuyển đổi số phục vụ cho học tập suốt đời sau dịch Covid-19”"
            ),
            "period": ev("từ ngày 06/10/2022 đến ngày 12/10/2022"),
        },
    )


def seed_003() -> Plan:
    """Provincial plan, 2023 (003_6c6551002ead6284.txt)."""
    title = "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023"
    return make_plan(
        "6c6551002ead6284",
        source=SourceInfo(path="documents/seeds/003_6c6551002ead6284.txt", format="txt", pages=1, size=12000),
        number="167/KH-UBND",
        issued_place="Thái Nguyên",
        issued_date="2023-09-22",
        issuer=Issuer("Ủy ban nhân dân tỉnh Thái Nguyên", "province", "19", ["Thái Nguyên"]),
        title=title,
        year=2023,
        theme="Xây dựng năng lực tự học trong kỷ nguyên số",
        legal_basis=[
            cit(
                "4864/BGDĐT-GDTrX",
                "2023-09-08",
                "Bộ Giáo dục và Đào tạo",
                kind="Công văn",
                sentence="Thực hiện Công văn 4864/BGDĐT-GDTrX ngày 08/9/2023 của Bộ Giáo dục và Đào tạo",
            ),
            cit("2448/TTr-SGDĐT", "2023-09-19", "Sở Giáo dục và Đào tạo", role="proposal", kind="Tờ trình"),
        ],
        period=Period("2023-10-02", "2023-10-08"),
        events=[Event("Lễ khai mạc Tuần lễ", "2023-10-02")],
        activities=[
            Activity("Đẩy mạnh và đổi mới các hoạt động thông tin, tuyên truyền", "communication", "4")
        ],
        assignments=[
            Assignment("Sở Giáo dục và Đào tạo", "lead", ["Chủ trì, phối hợp với Hội Khuyến học tỉnh"]),
            Assignment("Hội Khuyến học tỉnh", "support", []),
        ],
        signer=Signer("Đặng Xuân Trường", "Phó Chủ tịch Thường trực", "KT. Chủ tịch"),
        evidence={
            "number": ev("Số: 167 /KH-UBND"),
            "theme": ev("Chủ đề của Tuần lễ: Xây dựng năng lực tự học trong kỷ nguyên số."),
        },
    )


def seed_004() -> Plan:
    """District plan, 2024 (004_7258124ebd54530a.txt): a draft, number and date blank."""
    title = "Tổ chức Tuần lễ “Hưởng ứng học tập suốt đời năm 2024” trên địa bàn Quận 7"
    return make_plan(
        "7258124ebd54530a",
        source=SourceInfo(path="documents/seeds/004_7258124ebd54530a.txt", format="txt", pages=1, size=30000),
        number=None,
        issued_place="Quận 7",
        issued_date=None,
        issuer=Issuer("Ủy ban nhân dân Quận 7", "district", "778", ["Hồ Chí Minh", "Quận 7"]),
        title=title,
        year=2024,
        theme="Phát triển văn hóa đọc thúc đẩy học tập suốt đời",
        legal_basis=[
            cit(
                "5701/KH-UBND",
                "2024-09-25",
                "Ủy ban nhân dân Thành phố Hồ Chí Minh",
                sentence="Thực hiện Kế hoạch số 5701/KH-UBND ngày 25 tháng 9 năm 2024 của Ủy ban nhân dân Thành phố Hồ Chí Minh",
            ),
            cit(
                "6228/KH-SGDĐT",
                "2024-09-27",
                "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
                sentence="Thực hiện Kế hoạch số 6228/KH-SGDĐT ngày 27 tháng 9 năm 2024 của Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
            ),
        ],
        references=[
            cit("14/CT-TTg", "2021-05-25", "Thủ tướng Chính phủ", role="reference", kind="Chỉ thị"),
            cit("2646/QĐ-BGDĐT", "2021-08-23", "Bộ Giáo dục và Đào tạo", role="reference", kind="Quyết định"),
        ],
        period=Period("2024-10-03", "2024-10-09"),
        events=[Event("Diễu hành xe tuyên truyền lưu động", "2024-10-04")],
        deadlines=[Deadline("2024-10-11", "báo cáo kết quả thực hiện", "Ủy ban nhân dân quận")],
        activities=[Activity("Tổ chức Ngày Hội sách để giới thiệu sách mới", "reading", "II.2")],
        assignments=[
            Assignment("Phòng Tài chính - Kế hoạch quận", "assignee", ["Thẩm định, tham mưu UBND quận"]),
            Assignment("Phòng Nội vụ", "assignee", []),
        ],
        signer=Signer("Châu Xuân Đại Thắng", "Phó Chủ tịch", "KT. Chủ tịch"),
        evidence={
            "number": ev("Số           /KH-UBND"),
            "issued_date": ev("Quận 7, ngày       tháng       năm 2024"),
            "period": ev("từ ngày 03 tháng 10 năm 2024 đến hết ngày 09 tháng  10 năm 2024"),
        },
    )


def city_plan_5701() -> Plan:
    """The city plan seed 004 cites (built from the citation; not in the corpus)."""
    return make_plan(
        "5701000000000000",
        number="5701/KH-UBND",
        issued_date="2024-09-25",
        issuer=Issuer("Ủy ban nhân dân Thành phố Hồ Chí Minh", "province", "79", ["Hồ Chí Minh"]),
        title="Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2024 trên địa bàn Thành phố Hồ Chí Minh",
        year=2024,
        theme="Phát triển văn hóa đọc thúc đẩy học tập suốt đời",
        legal_basis=[cit("5201/BGDĐT-GDTX", "2024-09-09", "Bộ Giáo dục và Đào tạo", kind="Công văn")],
        period=Period("2024-10-01", "2024-10-07"),
        deadlines=[Deadline("2024-10-20", "báo cáo kết quả", "Sở Giáo dục và Đào tạo")],
    )


def city_plan_6228() -> Plan:
    """The city education department plan seed 004 cites (built from the citation)."""
    return make_plan(
        "6228000000000000",
        number="6228/KH-SGDĐT",
        issued_date="2024-09-27",
        issuer=Issuer("Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh", "province", "79", ["Hồ Chí Minh"]),
        title="Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2024 của ngành Giáo dục và Đào tạo Thành phố",
        year=2024,
        theme="Phát triển văn hóa đọc thúc đẩy học tập suốt đời",
        legal_basis=[
            cit("5201/BGDĐT-GDTX", "2024-09-09", "Bộ Giáo dục và Đào tạo", kind="Công văn"),
            cit("5701/KH-UBND", "2024-09-25", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
        ],
        period=Period("2024-10-01", "2024-10-07"),
    )


def error_plan(doc_id: str = "eeee000000000000") -> Plan:
    """An error row as batch writes it for a bad file."""
    from pipeline.records import ErrorInfo

    return make_plan(doc_id, status="error", doc_type=None, error=ErrorInfo("empty_file", "file is empty"))


def archive() -> list[Plan]:
    """The three seeds, the two city parents, a compliant plan and an error row."""
    return [
        seed_001(),
        seed_003(),
        seed_004(),
        city_plan_5701(),
        city_plan_6228(),
        compliant_plan(),
        error_plan(),
    ]


def clone(plan: Plan) -> Plan:
    return copy.deepcopy(plan)
