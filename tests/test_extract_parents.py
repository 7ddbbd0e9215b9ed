"""Schema: a plan's parent is what it implements — "Thực hiện …", or "Căn cứ …" + a directive
of a body above the plan's issuer (rule superior_directive in models/rules/citations.yaml)."""

import pytest

from pipeline.extract import extract
from pipeline.ingest import ingest

HEADER = "{issuer}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/KH-UBND\n{place}, ngày 02 tháng 10 năm 2024\n\nKẾ HOẠCH\nTổ chức Tuần lễ năm 2024\n\n"


@pytest.mark.parametrize(
    "issuer,place,preamble,parents",
    [
        # excerpts/E08 (province plan): "Căn cứ Công văn … của Bộ Giáo dục và Đào tạo" → parent;
        # its own province's earlier plan stays basis
        (
            "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI",
            "Gia Lai",
            "Căn cứ Công văn số 1106/BGDĐT-GDTrH ngày 20/3/2019 của Bộ Giáo dục và Đào tạo về việc biên soạn;\n"
            "Căn cứ Kế hoạch số 2088/KH-UBND ngày 23/9/2019 của Ủy ban nhân dân tỉnh Gia Lai về việc biên soạn.",
            ["1106/BGDĐT-GDTrH"],
        ),
        # written: a commune plan under its district's plan
        (
            "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP",
            "Tân Lập",
            "Căn cứ Kế hoạch số 211/KH-UBND ngày 20/9/2024 của Ủy ban nhân dân huyện Đan Phượng về tổ chức Tuần lễ;",
            ["211/KH-UBND"],
        ),
        # written: laws, decisions and Party documents under "Căn cứ" are not parents
        (
            "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN",
            "Nghệ An",
            "Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;\n"
            "Căn cứ Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ phê duyệt Đề án;\n"
            "Căn cứ Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư về công tác khuyến học;",
            [],
        ),
        # probe plan (citations probe, third round): a district plan under "Căn cứ" + the
        # plan of "UBND tỉnh" written without the province's name
        (
            "ỦY BAN NHÂN DÂN\nHUYỆN HẢI LĂNG",
            "Hải Lăng",
            "Căn cứ Kế hoạch số 178/KH-UBND ngày 05/9/2024 của UBND tỉnh về tổ chức Tuần lễ;",
            ["178/KH-UBND"],
        ),
        # written: a commune plan, "Ủy ban nhân dân huyện" without its name
        (
            "ỦY BAN NHÂN DÂN\nXÃ NA SẦM",
            "Na Sầm",
            "Căn cứ Kế hoạch số 88/KH-UBND ngày 16/9/2025 của Ủy ban nhân dân huyện về tổ chức Tuần lễ;",
            ["88/KH-UBND"],
        ),
        # citations probe round 5: a school plan under its Phòng's plan (same district level)
        (
            "PHÒNG GD&ĐT THỊ XÃ HOÀNG MAI\nTRƯỜNG THCS QUỲNH THIỆN",
            "Hoàng Mai",
            "Căn cứ Kế hoạch số 112/KH-PGDĐT ngày 15/9/2024 của Phòng Giáo dục và Đào tạo thị xã Hoàng Mai;",
            ["112/KH-PGDĐT"],
        ),
        # written: a school under "Căn cứ" + another school's plan stays basis
        (
            "PHÒNG GD&ĐT HUYỆN TÂN YÊN\nTRƯỜNG TIỂU HỌC CAO XÁ",
            "Tân Yên",
            "Căn cứ Kế hoạch số 20/KH-THCS ngày 15/9/2024 của Trường Trung học cơ sở Cao Xá;",
            [],
        ),
        # written: "Thực hiện" makes a parent whatever the level
        (
            "ỦY BAN NHÂN DÂN\nHUYỆN MÈO VẠC",
            "Mèo Vạc",
            "Thực hiện Kế hoạch số 15/KH-UBND ngày 12/9/2024 của Ủy ban nhân dân tỉnh Hà Giang về tổ chức Tuần lễ;",
            ["15/KH-UBND"],
        ),
    ],
)
def test_superior_directive_under_can_cu_is_a_parent(tmp_path, issuer, place, preamble, parents):
    path = tmp_path / "kh.txt"
    path.write_text(
        HEADER.format(issuer=issuer, place=place) + preamble + "\n\nI. MỤC ĐÍCH\nNâng cao nhận thức.\n",
        encoding="utf-8",
    )
    plan = extract(ingest(path))
    assert plan.doc_type == "KH"
    assert plan.parents == parents


PARTY_HEADER = "{issuer}\n***\nSố: {number}\n{motto}\n{place}, ngày 10 tháng 01 năm 2022\n\nKẾ HOẠCH\nTriển khai nhiệm vụ năm 2022\n\n"


@pytest.mark.parametrize(
    "issuer,number,motto,place,preamble,parents",
    [
        # header probe round 6: a Huyện Đoàn plan (numbered the Party way) under its Tỉnh Đoàn's plan
        (
            "BCH ĐOÀN TỈNH QUẢNG NAM\nBCH ĐOÀN HUYỆN THĂNG BÌNH",
            "12-KH/ĐTN",
            "ĐOÀN TNCS HỒ CHÍ MINH",
            "Thăng Bình",
            "Căn cứ Kế hoạch số 45-KH/TĐTN-TNXP ngày 28/12/2021 của Ban Thường vụ Tỉnh Đoàn Quảng Nam về việc "
            "tuổi trẻ tham gia bảo đảm trật tự an toàn giao thông năm 2022;",
            ["45-KH/TĐTN-TNXP"],
        ),
        # written: a commune Party committee's plan under its district Party committee's plan
        (
            "ĐẢNG BỘ HUYỆN YÊN THÀNH\nĐẢNG ỦY XÃ HỢP THÀNH",
            "05-KH/ĐU",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Hợp Thành",
            "Căn cứ Kế hoạch số 120-KH/HU ngày 15/12/2021 của Ban Thường vụ Huyện ủy Yên Thành về học tập "
            "và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2022;",
            ["120-KH/HU"],
        ),
    ],
)
def test_party_numbered_plan_takes_its_superiors_plan_as_parent(
    tmp_path, issuer, number, motto, place, preamble, parents
):
    path = tmp_path / "kh.txt"
    path.write_text(
        PARTY_HEADER.format(issuer=issuer, number=number, motto=motto, place=place)
        + preamble
        + "\n\nI. MỤC ĐÍCH\nNâng cao nhận thức.\n",
        encoding="utf-8",
    )
    plan = extract(ingest(path))
    assert plan.doc_type == "KH" and plan.number == number
    assert plan.parents == parents
