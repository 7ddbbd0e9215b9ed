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
