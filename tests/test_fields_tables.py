"""pipeline.fields_tables: the rows of a table of activities as a reader takes them —
split rows joined across a page break, a repeated header dropped, group and totals rows
left out, a two-row header, DOCX / PDF rows opening with an empty cell, headerless tables."""

from __future__ import annotations

import pytest

from pipeline import fields_body as fb
from pipeline import fields_schedule as fs
from pipeline.fields_common import Doc, clean
from pipeline.fields_tables import table_rows
from pipeline.normalize import normalize
from pipeline.records import PageText, RawDocument, Segmentation, SourceInfo


def _doc(*pages: str, fmt: str = "pdf") -> Doc:
    raw = RawDocument(
        doc_id="0" * 16,
        source=SourceInfo(path=f"x.{fmt}", format=fmt, method="text", pages=len(pages), size=1),
        pages=[PageText(index=i, text=p, method="text") for i, p in enumerate(pages)],
    )
    return Doc(text=normalize(raw), seg=Segmentation())


def _read(
    doc: Doc, lo: int = 0, hi: int | None = None
) -> tuple[list[str], list[list[str | None]], int | None]:
    names, rows, col = table_rows(doc, lo, len(doc.t) if hi is None else hi)
    cells = [
        [(getattr(c, "text", None) or clean(doc.t[c[0] : c[1]].strip(" |"))) if c else None for c in r]
        for r in rows
    ]
    return names, cells, col


def _activities(doc: Doc) -> list[str]:
    _, rows, col = _read(doc)
    return [r[col] for r in rows] if col is not None else []


# ------------------------------------------------------------------ group and totals rows


@pytest.mark.parametrize(
    ("group_rows", "total_row"),
    [
        # corpus docs/023.txt "| A. | Danh mục thủ tục hành chính cấp tỉnh |  |" and docs/012.txt
        # "| I.1 | Thủ tục hành chính áp dụng chung (06 TTHC) |" (group rows of a numbered table)
        (
            [
                "| A. | Danh mục thủ tục hành chính cấp tỉnh |  |  |",
                "| I.1 | Thủ tục hành chính áp dụng chung (06 TTHC) |  |  |",
            ],
            "| Tổng cộng |  |  | 120.000.000 |",
        ),
        # written (a Sở Tư pháp plan for Ngày Pháp luật; a thị xã festival with a budget column)
        (["| I | CÔNG TÁC TUYÊN TRUYỀN |  |  |", "| B | PHẦN HỘI |  |  |"], "|  | Tổng cộng |  | 375 |"),
    ],
)
def test_group_and_totals_rows_are_no_activities(group_rows, total_row):
    text = (
        "III. NỘI DUNG\n\n| STT | Nội dung | Thời gian | Kinh phí (đồng) |\n|---|---|---|---|\n"
        f"{group_rows[0]}\n| 1 | Treo băng rôn, khẩu hiệu tại trụ sở | Tháng 10/2022 | 5.000.000 |\n"
        f"{group_rows[1]}\n| 1 | Tổ chức tọa đàm về pháp luật | 14 giờ 00 ngày 04/11/2022 | 10.000.000 |\n"
        f"{total_row}\n\nIV. TỔ CHỨC THỰC HIỆN\n"
    )
    assert _activities(_doc(text, fmt="md")) == [
        "Treo băng rôn, khẩu hiệu tại trụ sở",
        "Tổ chức tọa đàm về pháp luật",
    ]


def test_group_row_of_a_docx_table_drops_its_empty_cells_too():
    # written (DOCX: the trailing empty cells of a row are dropped, a totals label spans columns)
    text = (
        "III. NỘI DUNG\nSTT | Nội dung | Thời gian | Địa điểm | Kinh phí\nA | PHẦN LỄ\n"
        "1 | Lễ khai mạc Lễ hội | 8 giờ 30 ngày 15/3/2016 | Quảng trường | 150\nTổng cộng | 150\n"
    )
    assert _activities(_doc(text, fmt="docx")) == ["Lễ khai mạc Lễ hội"]


# ------------------------------------------------------------------ rows opening with an empty cell


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # written (a THPT school week: the date cell spans the rows of its day)
        (
            "Ngày | Thời gian | Nội dung | Địa điểm\n05/9/2026 | 7h00 - 8h30 | Lễ khai giảng năm học | Sân trường\n"
            " | 9h00 - 10h30 | Sinh hoạt lớp đầu năm | Các phòng học\n",
            ["Lễ khai giảng năm học", "Sinh hoạt lớp đầu năm"],
        ),
        # written (a huyện plan: the place cell of the first row left empty)
        (
            "STT | Nội dung | Thời gian\n1 | Tuyên truyền trên Đài Truyền thanh | Tháng 4/2021\n"
            " | Tập huấn kiến thức an toàn thực phẩm | 20/4/2021\n",
            ["Tuyên truyền trên Đài Truyền thanh", "Tập huấn kiến thức an toàn thực phẩm"],
        ),
    ],
)
def test_docx_row_opening_with_an_empty_cell_keeps_its_columns(rows, expected):
    doc = _doc(f"III. LỊCH HOẠT ĐỘNG\n{rows}IV. TỔ CHỨC THỰC HIỆN\n", fmt="docx")
    assert _activities(doc) == expected


def test_markdown_row_keeps_its_leading_border():
    # corpus docs/023.txt style: a markdown row's leading "|" is a border, not an empty cell
    text = "III. NỘI DUNG\n\n| STT | Nội dung | Thời gian |\n|---|---|---|\n| 1 | Lễ phát động | 01/6/2019 |\n\nIV. KINH PHÍ\n"
    names, rows, col = _read(_doc(text, fmt="md"))
    assert names == ["stt", "nội dung", "thời gian"] and rows == [["1", "Lễ phát động", "01/6/2019"]]


# ------------------------------------------------------------------ page breaks


# rows of a table of activities split by a page break: (end of page 1, top of page 2, the
# whole activity)
SPLIT_ROWS = [
    # written (a phường HIV/AIDS month plan: the tail of a numbered row opens page 2)
    (
        "3 | Phát thanh tuyên truyền trên hệ thống loa truyền thanh về phòng, chống | Từ ngày 10/11 đến ngày 31/12/2018",
        " | HIV/AIDS, kết hợp phát tờ rơi tại các khu dân cư",
        "Phát thanh tuyên truyền trên hệ thống loa truyền thanh về phòng, chống HIV/AIDS, kết hợp phát tờ rơi tại các khu dân cư",
    ),
    # written (a Sở NN&PTNT tree-planting plan: header row repeated, then the row's tail)
    (
        "3 | Vận động tổ chức, cá nhân, doanh nghiệp | Tháng 02 - 3/2020",
        "STT | Nội dung công việc | Thời gian\n | tài trợ cây giống, kinh phí trồng cây phân tán",
        "Vận động tổ chức, cá nhân, doanh nghiệp tài trợ cây giống, kinh phí trồng cây phân tán",
    ),
    # written (a page number printed above the row's tail on page 2)
    (
        "3 | Tổ chức tư vấn, xét nghiệm HIV | Từ ngày 15/11 đến",
        "- 2 -\n | tự nguyện miễn phí cho người dân | ngày 15/12/2018",
        "Tổ chức tư vấn, xét nghiệm HIV tự nguyện miễn phí cho người dân",
    ),
]


def _split_pages(page1_tail: str, page2_head: str) -> tuple[str, str]:
    page1 = (
        "II. NỘI DUNG\nSTT | Nội dung công việc | Thời gian\n1 | Xây dựng kế hoạch | Tháng 01/2020\n"
        f"2 | Tuyên truyền trên Báo tỉnh | Tháng 02/2020\n{page1_tail}\n"
    )
    page2 = f"{page2_head}\n4 | Kiểm tra, đánh giá tỷ lệ cây sống | Tháng 9/2020\nIII. TỔ CHỨC THỰC HIỆN\n"
    return page1, page2


@pytest.mark.parametrize(("page1_tail", "page2_head", "joined"), SPLIT_ROWS)
def test_row_split_by_a_page_break_is_one_row(page1_tail, page2_head, joined):
    assert _activities(_doc(*_split_pages(page1_tail, page2_head))) == [
        "Xây dựng kế hoạch",
        "Tuyên truyền trên Báo tỉnh",
        joined,
        "Kiểm tra, đánh giá tỷ lệ cây sống",
    ]


def test_split_cell_keeps_the_span_of_its_first_piece():
    page1 = (
        "II. NỘI DUNG\nSTT | Nội dung | Thời gian\n1 | Tổ chức tư vấn, xét nghiệm HIV | Từ ngày 15/11 đến\n"
    )
    page2 = " | tự nguyện miễn phí cho người dân | ngày 15/12/2018\nIII. TỔ CHỨC THỰC HIỆN\n"
    doc = _doc(page1, page2)
    _, rows, col = table_rows(doc, 0, len(doc.t))
    cell = rows[0][col]
    assert doc.t[cell[0] : cell[1]] == "Tổ chức tư vấn, xét nghiệm HIV"
    assert cell.text == "Tổ chức tư vấn, xét nghiệm HIV tự nguyện miễn phí cho người dân"


def test_full_row_without_number_at_a_page_top_is_its_own_row():
    # written: the number cell spans two rows, and the second opens page 2 with all its cells
    page1 = "II. NỘI DUNG\nSTT | Nội dung | Thời gian | Địa điểm\n1 | Lễ dâng hương | 7 giờ 00 ngày 15/3/2016 | Đền Và\n"
    page2 = " | Lễ khai mạc Lễ hội | 8 giờ 30 ngày 15/3/2016 | Quảng trường\nIII. KINH PHÍ\n"
    assert _activities(_doc(page1, page2)) == ["Lễ dâng hương", "Lễ khai mạc Lễ hội"]


def test_unnumbered_table_joins_a_lower_case_tail_only():
    # written (a Liên đoàn Lao động plan without a number column, its time column first)
    page1 = (
        "III. CÁC HOẠT ĐỘNG\nThời gian | Nội dung | Địa điểm\n"
        "28/4/2017 | Gặp mặt, tặng quà đoàn viên | Hội trường\nTháng 5/2017 | Tổ chức giải bóng đá nam công nhân | Sân vận động\n"
    )
    page2 = " | lao động mở rộng\n19/5/2017 | Đối thoại với công nhân lao động | Hội trường\nIV. TỔ CHỨC THỰC HIỆN\n"
    assert _activities(_doc(page1, page2)) == [
        "Gặp mặt, tặng quà đoàn viên",
        "Tổ chức giải bóng đá nam công nhân lao động mở rộng",
        "Đối thoại với công nhân lao động",
    ]
    page2 = " | Tuyên truyền an toàn lao động | Khu công nghiệp\nIV. TỔ CHỨC THỰC HIỆN\n"
    assert _activities(_doc(page1, page2))[-1] == "Tuyên truyền an toàn lao động"


# ------------------------------------------------------------------ two-row header


@pytest.mark.parametrize(
    ("sub", "row", "when"),
    [
        # written (a Phòng GD&ĐT plan for Ngày Nhà giáo: "Thời gian" over "Bắt đầu | Kết thúc")
        (
            " |  | Bắt đầu | Kết thúc",
            "1 | Tổ chức Hội thi Tiết học tốt | 08/11/2021 | 12/11/2021 | Phòng GD&ĐT",
            "08/11/2021 12/11/2021",
        ),
        # written (a Sở plan: "Từ ngày | Đến ngày"; the same date twice is one date)
        (
            " |  | Từ ngày | Đến ngày",
            "1 | Lễ kỷ niệm Ngày Nhà giáo | 19/11/2021 | 19/11/2021 | Phòng GD&ĐT",
            "19/11/2021",
        ),
    ],
)
def test_header_over_two_rows_makes_one_time_cell(sub, row, when):
    text = f"III. NỘI DUNG\nSTT | Nội dung | Thời gian |  | Đơn vị thực hiện\n{sub}\n{row}\nIV. TỔ CHỨC THỰC HIỆN\n"
    names, rows, col = _read(_doc(text, fmt="docx"))
    assert names == ["stt", "nội dung", "thời gian", "đơn vị thực hiện"]
    assert len(rows) == 1 and " ".join(rows[0][2].split()) == when and rows[0][3] == "Phòng GD&ĐT"


# ------------------------------------------------------------------ no header row


def test_table_without_header_row_is_read_by_its_columns():
    # written (a xã plan for Tháng hành động vì trẻ em: the table starts with its first row)
    text = (
        "III. CÁC HOẠT ĐỘNG CHỦ YẾU\nCác hoạt động cụ thể như sau:\n\n"
        "| 1 | Treo băng rôn, khẩu hiệu hưởng ứng Tháng hành động vì trẻ em | Từ ngày 01/6 đến ngày 30/6/2019 | Công chức Văn hóa - Xã hội |\n"
        "|---|---|---|---|\n"
        "| 2 | Tổ chức Lễ phát động Tháng hành động vì trẻ em | 7 giờ 30 ngày 01/6/2019 | Đoàn Thanh niên xã |\n"
        "| 3 | Vận động các doanh nghiệp, nhà hảo tâm ủng hộ Quỹ Bảo trợ trẻ em | Tháng 6/2019 | Hội Liên hiệp Phụ nữ xã |\n"
        "\nIV. KINH PHÍ\n"
    )
    names, rows, col = _read(_doc(text, fmt="md"))
    assert names[col] == "nội dung" and names[2] == "thời gian"
    assert [r[col] for r in rows] == [
        "Treo băng rôn, khẩu hiệu hưởng ứng Tháng hành động vì trẻ em",
        "Tổ chức Lễ phát động Tháng hành động vì trẻ em",
        "Vận động các doanh nghiệp, nhà hảo tâm ủng hộ Quỹ Bảo trợ trẻ em",
    ]


def test_caption_above_a_headerless_table_names_its_columns():
    # written (a huyện trade-union plan: the caption lists the columns)
    text = (
        "III. CÁC HOẠT ĐỘNG\nLịch tổ chức các hoạt động (nội dung, thời gian, địa điểm, đơn vị thực hiện):\n"
        "Gặp mặt, tặng quà đoàn viên có hoàn cảnh khó khăn | 9 giờ 00 ngày 28/4/2017 | Hội trường Liên đoàn | Ban Thường vụ\n"
        "Đối thoại giữa Chủ tịch UBND huyện với công nhân | 14 giờ 00 ngày 19/5/2017 | Hội trường UBND huyện | Liên đoàn Lao động\n"
        "IV. TỔ CHỨC THỰC HIỆN\n"
    )
    names, rows, col = _read(_doc(text, fmt="docx"))
    assert names == ["nội dung", "thời gian", "địa điểm", "đơn vị thực hiện"] and col == 0
    assert [r[2] for r in rows] == ["Hội trường Liên đoàn", "Hội trường UBND huyện"]


@pytest.mark.parametrize(
    "rows",
    [
        # corpus docs/023.txt: a list of procedures has no column of dates
        "| 1 | 1.010696 | Cấp giấy tiếp nhận thông báo kinh doanh xăng dầu bằng thiết bị bán xăng dầu quy mô nhỏ |\n"
        "| 2 | 2.000674 | Cấp Giấy xác nhận đủ điều kiện làm tổng đại lý kinh doanh xăng dầu |\n",
        # written: two columns (a signature block laid out as a table) are no table of activities
        "| Nơi nhận: - UBND huyện; | TM. ỦY BAN NHÂN DÂN CHỦ TỊCH |\n| - Lưu: VT. | Ngày 05/6/2019 |\n",
    ],
)
def test_headerless_table_without_a_date_column_is_none(rows):
    doc = _doc(f"III. NỘI DUNG\n\n{rows}\nIV. KINH PHÍ\n", fmt="md")
    assert table_rows(doc, 0, len(doc.t)) == ([], [], None)


def test_header_cell_glued_to_the_heading_line_is_read():
    # normalize may glue the header row's first cell to the heading ("III. NỘI DUNG STT"):
    # the table is read from the start of the line holding ``lo``
    text = "III. NỘI DUNG\nSTT | Nội dung | Thời gian\nI | CÔNG TÁC TUYÊN TRUYỀN\n1 | Treo băng rôn | Tháng 10/2022\n"
    doc = _doc(text, fmt="docx")
    lo = doc.t.index("STT") + len("STT")  # the end of the heading line, as a glued heading has it
    names, rows, col = _read(doc, lo)
    assert names[0] == "stt" and [r[col] for r in rows] == ["Treo băng rôn"]


@pytest.mark.parametrize(
    ("header", "rows"),
    [
        # written (a THPT school week: "Ngày" merged down the rows of each day)
        (
            "Ngày | Thời gian | Nội dung | Địa điểm",
            "05/9/2026 | 7h00 - 8h30 | Lễ khai giảng năm học | Sân trường\n"
            " | 9h00 - 10h30 | Sinh hoạt lớp đầu năm | Các phòng học\n"
            "06/9/2026 | 7h30 - 10h00 | Tập huấn kỹ năng phòng cháy, chữa cháy | Sân trường\n",
        ),
        # written (a xã festival programme: "Thứ, ngày | Giờ | Nội dung")
        (
            "Thứ, ngày | Giờ | Nội dung | Địa điểm",
            "Thứ Bảy, 05/9/2026 | 19h30 | Lễ khai mạc Hội làng | Sân đình\n"
            " | 21h00 | Hát quan họ giao duyên | Sân đình\n"
            "Chủ nhật, 06/9/2026 | 8h00 | Thi đấu vật dân tộc | Bãi vật\n",
        ),
    ],
)
def test_day_cell_merged_down_holds_for_the_rows_under_it(header, rows):
    doc = _doc(f"III. LỊCH HOẠT ĐỘNG\n{header}\n{rows}IV. TỔ CHỨC THỰC HIỆN\n", fmt="docx")
    names, cells, col = _read(doc)
    days = [r[0] for r in cells]
    assert len(cells) == 3 and days[0] == days[1] != days[2]
    assert "05/9/2026" in days[1] and "06/9/2026" in days[2]


def test_empty_cell_of_another_column_is_not_carried_down():
    # written (a huyện plan: the place cell of the second row is really empty)
    text = (
        "III. NỘI DUNG\nSTT | Nội dung | Thời gian | Địa điểm\n1 | Lễ phát động | 01/6/2019 | Hội trường\n"
        "2 | Tuyên truyền trên Đài Truyền thanh | Tháng 6/2019\nIV. KINH PHÍ\n"
    )
    names, cells, col = _read(_doc(text, fmt="docx"))
    assert cells[1] == ["2", "Tuyên truyền trên Đài Truyền thanh", "Tháng 6/2019", None]


def test_two_row_header_and_a_split_row_together():
    # written (a Phòng GD&ĐT plan: a two-row header, then a row split by the page break)
    page1 = (
        "III. NỘI DUNG\nSTT | Nội dung | Thời gian |  | Đơn vị\n |  | Bắt đầu | Kết thúc\n"
        "1 | Phát động phong trào thi đua | 01/11/2021 | 20/11/2021 | Các trường\n"
        "2 | Tổ chức thăm hỏi, tặng quà nhà giáo | 15/11/2021 | 18/11/2021 | Công đoàn ngành\n"
    )
    page2 = " | lão thành\n3 | Lễ kỷ niệm Ngày Nhà giáo | 19/11/2021 | 19/11/2021 | Phòng GD&ĐT\nIV. TỔ CHỨC THỰC HIỆN\n"
    assert _activities(_doc(page1, page2)) == [
        "Phát động phong trào thi đua",
        "Tổ chức thăm hỏi, tặng quà nhà giáo lão thành",
        "Lễ kỷ niệm Ngày Nhà giáo",
    ]


# ------------------------------------------------------------------ callers read a split cell's text


@pytest.mark.parametrize(("page1_tail", "page2_head", "joined"), SPLIT_ROWS)
def test_activity_split_by_a_page_break_keeps_its_whole_text(page1_tail, page2_head, joined):
    texts = [a.text for a in fb.extract_activities(_doc(*_split_pages(page1_tail, page2_head)))]
    assert texts == [
        "Xây dựng kế hoạch",
        "Tuyên truyền trên Báo tỉnh",
        joined,
        "Kiểm tra, đánh giá tỷ lệ cây sống",
    ]


@pytest.mark.parametrize(
    ("page1_row", "page2_tail", "name"),
    [
        # written (probe6 tables: a Liên đoàn Lao động huyện plan, the contest's name runs onto page 2)
        (
            "2 | Hội thi an toàn, vệ sinh viên giỏi trong công nhân | 8h00 ngày 12/5/2017 | Nhà văn hóa huyện",
            " | lao động khu công nghiệp",
            "Hội thi an toàn, vệ sinh viên giỏi trong công nhân lao động khu công nghiệp",
        ),
        # written (a school plan: the festival's name wrapped over the page break)
        (
            "2 | Ngày hội đọc sách dành cho học sinh | 7 giờ 30 ngày 21/4/2025 | Sân trường",
            " | khối lớp 4 và lớp 5",
            "Ngày hội đọc sách dành cho học sinh khối lớp 4 và lớp 5",
        ),
    ],
)
def test_event_split_by_a_page_break_keeps_its_whole_name(page1_row, page2_tail, name):
    page1 = (
        "II. NỘI DUNG\nSTT | Nội dung | Thời gian | Địa điểm\n"
        f"1 | Tuyên truyền trên Đài Truyền thanh | Tháng 5/2017 | Các xã\n{page1_row}\n"
    )
    page2 = (
        f"{page2_tail}\n3 | Kiểm tra, đánh giá kết quả | Tháng 6/2017 | Các đơn vị\nIII. TỔ CHỨC THỰC HIỆN\n"
    )
    events = fs.extract_events(_doc(page1, page2))
    assert [e.name for e in events] == [name]
    assert events[0].place and events[0].date


@pytest.mark.parametrize(
    ("header", "rows", "expected"),
    [
        # written (probe6 tables: a THPT school week, "Ngày" merged down, hours in "Thời gian")
        (
            "Ngày | Thời gian | Nội dung | Địa điểm",
            "05/9/2026 | 7h00 - 8h30 | Lễ khai giảng năm học 2026 - 2027 | Sân trường\n"
            " | 14h00 - 16h00 | Hội diễn văn nghệ chào đón học sinh lớp 10 | Hội trường\n",
            [
                ("Lễ khai giảng năm học 2026 - 2027", "2026-09-05", "07:00"),
                ("Hội diễn văn nghệ chào đón học sinh lớp 10", "2026-09-05", "14:00"),
            ],
        ),
        # written (a xã festival programme: "Thứ, ngày" with the weekday before the date)
        (
            "Thứ, ngày | Thời gian | Nội dung | Địa điểm",
            "Thứ Bảy, 12/4/2025 | 19h30 | Liên hoan văn nghệ quần chúng | Sân vận động xã\n"
            "Chủ nhật, 13/4/2025 | 8h00 | Hội thi kéo co giữa các thôn | Sân vận động xã\n",
            [
                ("Liên hoan văn nghệ quần chúng", "2025-04-12", "19:30"),
                ("Hội thi kéo co giữa các thôn", "2025-04-13", "08:00"),
            ],
        ),
    ],
)
def test_event_date_from_the_day_column_when_the_time_cell_holds_only_hours(header, rows, expected):
    doc = _doc(f"III. LỊCH HOẠT ĐỘNG\n{header}\n{rows}IV. TỔ CHỨC THỰC HIỆN\n", fmt="docx")
    assert [(e.name, e.date, e.time) for e in fs.extract_events(doc)] == expected


def test_time_cell_with_its_own_date_beats_the_day_column():
    # written: the time cell names its own date ("7h30 ngày 06/9/2026"), so the day cell is not read
    text = (
        "III. LỊCH HOẠT ĐỘNG\nNgày | Thời gian | Nội dung | Địa điểm\n"
        "05/9/2026 | 7h30 ngày 06/9/2026 | Hội thi rung chuông vàng | Hội trường\nIV. TỔ CHỨC THỰC HIỆN\n"
    )
    assert [(e.name, e.date) for e in fs.extract_events(_doc(text, fmt="docx"))] == [
        ("Hội thi rung chuông vàng", "2026-09-06")
    ]


@pytest.mark.parametrize(
    ("pages", "fmt"),
    [
        # written (a THPT school-week schedule, DOCX): each day heads its rows with a row of
        # its own, the merged cell's text alone on its line; the rows below give hours
        (
            (
                "III. LỊCH HOẠT ĐỘNG\nThời gian | Nội dung | Địa điểm\nThứ Bảy, ngày 05/9/2026\n"
                "7h00 - 8h30 | Lễ khai giảng năm học 2026 - 2027 | Sân trường\n"
                "14h00 - 16h00 | Giao lưu văn nghệ chào đón học sinh lớp 10 | Hội trường\n"
                "Chủ nhật, ngày 06/9/2026\n7h30 - 10h00 | Tập huấn kỹ năng phòng cháy | Sân trường\n"
                "IV. TỔ CHỨC THỰC HIỆN\n",
            ),
            "docx",
        ),
        # written (a Đoàn xã summer programme, markdown): the day row's other cells empty
        (
            (
                "II. CHƯƠNG TRÌNH\n| STT | Thời gian | Nội dung | Địa điểm |\n|---|---|---|---|\n"
                "| Ngày 05/9/2026 | | | |\n| 1 | 7h00 - 8h30 | Lễ khai giảng năm học 2026 - 2027 | Sân trường |\n"
                "| 2 | 14h00 - 16h00 | Giao lưu văn nghệ chào đón học sinh lớp 10 | Hội trường |\n"
                "| Ngày 06/9/2026 | | | |\n| 3 | 7h30 - 10h00 | Tập huấn kỹ năng phòng cháy | Sân trường |\n\n"
                "III. KINH PHÍ\n",
            ),
            "md",
        ),
    ],
)
def test_day_rows_give_the_date_of_the_rows_below(pages, fmt):
    doc = _doc(*pages, fmt=fmt)
    names, cells, col = _read(doc)
    assert names[-1] == "ngày"
    assert [(r[col], r[-1]) for r in cells] == [
        (
            "Lễ khai giảng năm học 2026 - 2027",
            "Thứ Bảy, ngày 05/9/2026" if fmt == "docx" else "Ngày 05/9/2026",
        ),
        (
            "Giao lưu văn nghệ chào đón học sinh lớp 10",
            "Thứ Bảy, ngày 05/9/2026" if fmt == "docx" else "Ngày 05/9/2026",
        ),
        ("Tập huấn kỹ năng phòng cháy", "Chủ nhật, ngày 06/9/2026" if fmt == "docx" else "Ngày 06/9/2026"),
    ]
    events = [(e.date, e.time) for e in fs.extract_events(doc)]
    assert events == [("2026-09-05", "07:00"), ("2026-09-05", "14:00"), ("2026-09-06", "07:30")]


def test_a_paragraph_between_two_tables_is_no_day_row():
    # written: a dated sentence right below a table is not one of its rows
    doc = _doc(
        "II. NỘI DUNG\nThời gian | Nội dung | Địa điểm\n7h00 ngày 05/9/2026 | Lễ khai giảng | Sân trường\n"
        "Các đơn vị báo cáo kết quả trước ngày 15/9/2026.\nIII. TỔ CHỨC THỰC HIỆN\n",
        fmt="docx",
    )
    names, cells, _ = _read(doc)
    assert names == ["thời gian", "nội dung", "địa điểm"]
    assert len(cells) == 1
