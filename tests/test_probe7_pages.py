"""Page furniture of multi-page documents (probe round 7): page numbers, digital-signature
stamps, running headers/footers and footnotes are taken out of the text by
``normalize.strip_page_furniture``; body text that merely repeats stays."""

from __future__ import annotations

import re

import pytest

from pipeline.normalize import normalize, strip_page_furniture

# (text, lines that must go, lines that must stay)
DROPPED = [
    # corpus pdf/tt_21_bct_fuel.pdf (OCR of the real scan): Decree 30 page number at the top of page 2
    (
        "Điều 2. Hiệu lực thi hành\n1. Thông tư này có hiệu lực thi hành kể từ ngày 29 tháng 4 năm 2026.\f"
        "2\n\n2. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các tổ chức phản\nánh về Bộ Công Thương",
        ["2"],
        ["2. Trong quá trình thực hiện"],
    ),
    # written: "- 2 -" at a page foot, the paragraph running on over the break
    (
        "Kế hoạch\n- Đề nghị Sở Giáo dục và Đào tạo phối hợp chỉ đạo các cơ sở giáo\n\n- 2 -\f"
        "dục tham gia các hoạt động của Tuần lễ.",
        ["- 2 -"],
        ["phối hợp chỉ đạo các cơ sở giáo"],
    ),
    # written: "Trang 2/5" in a messy text export, and a bare "3/5" at the foot of page 3
    (
        "Phần một\nnội dung trang một.\n\nTrang 1/5\fNội dung trang hai\n\nTrang 2/5\fNội dung trang ba\n3/5",
        ["Trang 1/5", "Trang 2/5", "3/5"],
        ["Nội dung trang ba"],
    ),
]


@pytest.mark.parametrize("text,gone,kept", DROPPED)
def test_page_numbers_dropped(text: str, gone: list[str], kept: list[str]) -> None:
    out = strip_page_furniture(text).split("\n")
    for line in gone:
        assert line not in out
    for line in kept:
        assert any(line in o for o in out)


def test_page_break_sentence_rejoined() -> None:
    # written: a list item cut by a page break with the page number between its halves
    text = (
        "3. Đề nghị Sở Giáo dục và Đào tạo phối hợp chỉ đạo các cơ sở giáo\n\n- 2 -\f"
        "Hội Khuyến học tỉnh Hà Giang\ndục, Trung tâm học tập cộng đồng tham gia.\n\n- 3 -\f"
        "Hội Khuyến học tỉnh Hà Giang\nNơi nhận:"
    )
    t = normalize(text).text
    assert "các cơ sở giáo dục, Trung tâm học tập cộng đồng tham gia." in t
    assert "Hội Khuyến học tỉnh Hà Giang" not in t


STAMP = "Ký bởi: Sở Giáo dục và Đào tạo\nEmail: sgddt@quangbinh.gov.vn\nCơ quan: Tỉnh Quảng Bình\nThời gian ký: 12.09.2024 08:31:15 +07:00"


@pytest.mark.parametrize(
    "text,left",
    [
        # written: the stamp on page 2, between two recipients lines
        (
            "UBND TỈNH\nnội dung\nNơi nhận:\n- Như trên;\f" + STAMP + "\n- Website Sở;\n- Lưu: VT.",
            "- Website Sở;",
        ),
        # written: OCR spaces the stamp's lines apart; "Signed by" variant
        (
            "Nội dung\f\nSigned by: UBND HUYEN A\n\nEmail: ubnd@a.gov.vn\n\nThời gian ký: 03.01.2019 09:00 +07:00\n\nTiếp theo",
            "Tiếp theo",
        ),
    ],
)
def test_signature_stamp_dropped(text: str, left: str) -> None:
    out = strip_page_furniture(text)
    assert "Email:" not in out and "Thời gian ký" not in out and "by:" not in out
    assert left in out


def test_leading_stamp_kept_for_banner() -> None:
    # written, as tests/test_segment.py's banner row: a stamp opening the text is the banner
    text = "Người ký: Cổng Thông tin điện tử\nThời gian ký: 23.04.2026 16:35:42 +07:00\nCHÍNH PHỦ\nNội dung"
    assert strip_page_furniture(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "Nơi ban hành: Tỉnh Khánh Hòa Người ký: Đinh Văn Thiệu",  # excerpts/E02 portal attribute panel
        "Người ký: Nguyễn Văn A",  # written: a panel line alone is no stamp
        "Email: vanthu@hanoi.gov.vn",  # written: a contact line in a công văn, no stamp anchor
    ],
)
def test_attribute_lines_kept(line: str) -> None:
    text = f"Nội dung\n{line}\nTiếp"
    assert line in strip_page_furniture(text)


def test_running_header_dropped_keeps_page_one() -> None:
    # written: issuer short name as a running header on pages 2 and 3; a URL footer on every page
    text = (
        "HỘI KHUYẾN HỌC TỈNH HÀ GIANG\nSố: 27/KH-KH\nNội dung một\nhttps://hoikhuyenhoc.hagiang.gov.vn\f"
        "Hội Khuyến học tỉnh Hà Giang\nNội dung hai\nhttps://hoikhuyenhoc.hagiang.gov.vn\f"
        "Hội Khuyến học tỉnh Hà Giang\nNội dung ba\nhttps://hoikhuyenhoc.hagiang.gov.vn"
    )
    out = strip_page_furniture(text)
    assert out.startswith("HỘI KHUYẾN HỌC TỈNH HÀ GIANG\nSố: 27/KH-KH")
    assert "Hội Khuyến học tỉnh Hà Giang" not in out and "https://" not in out


def test_number_line_as_running_header_two_pages() -> None:
    # written: a two-page plan repeating its number ("Số 112-KH/TĐTN-PT") at the top of page 2
    text = "ĐOÀN TNCS HỒ CHÍ MINH\nSố: 112-KH/TĐTN-PT\nKẾ HOẠCH\n2. Hoạt động tại cơ sở\fSố 112-KH/TĐTN-PT\nCác huyện đoàn tổ chức."
    out = strip_page_furniture(text)
    assert "Số: 112-KH/TĐTN-PT" in out and "Số 112-KH/TĐTN-PT" not in out


@pytest.mark.parametrize(
    "text,line",
    [
        # corpus renditions/textpdf/018: "đồng/người." ends a wrapped line at the foot of two pages
        (
            "1.1. Nhóm số 2: 500.000\nđồng/người.\f1.2. Nhóm số 6: 400.000\nđồng/người.\f1.3. Nhóm số 1: 300.000\nđồng/người.",
            "đồng/người.",
        ),
        # corpus renditions/textpdf/010: the same list item at the edge of two pages
        (
            "Nội dung\n- Nhập chứng từ qua KVGS\fBước hai\n- Nhập chứng từ qua KVGS\fBước ba",
            "- Nhập chứng từ qua KVGS",
        ),
        # written: a table row repeated at page tops is left to the table readers
        (
            "TT | Nội dung | Thời gian\n1 | A | Quý I\fTT | Nội dung | Thời gian\n2 | B | Quý II\fTT | Nội dung | Thời gian\n3 | C",
            "TT | Nội dung | Thời gian",
        ),
    ],
)
def test_repeated_body_lines_kept(text: str, line: str) -> None:
    assert strip_page_furniture(text).count(line) == text.count(line)


@pytest.mark.parametrize(
    "text,kept",
    [
        # corpus seeds/004 (docx table cells): bare numbers without page breaks stay
        ("STT\n1\nBồi dưỡng nâng cao tay nghề\n2\nHọc nghề cho lao động nông thôn", ["1", "2"]),
        # written: a bare number in the middle of a page, and one that is not the page's number
        ("Nội dung\n2\nTiếp\fTrang hai\n7", ["2", "7"]),
    ],
)
def test_bare_numbers_kept(text: str, kept: list[str]) -> None:
    out = strip_page_furniture(text).split("\n")
    for k in kept:
        assert k in out


def test_footnotes_move_to_end() -> None:
    # written: footnote at the foot of page 1 between a heading and its list
    text = (
        "Căn cứ Quyết định số 281/QĐ-TTg về Đề án¹;\nIII. NỘI DUNG\n1. Tuyên truyền\n"
        "¹ Sau đây gọi tắt là Đề án 281.\n\n- 2 -\f- Phối hợp với Báo tỉnh mở chuyên mục.\nNơi nhận:\n- Lưu: VT."
    )
    t = normalize(text)
    assert "1. Tuyên truyền\n- Phối hợp với Báo tỉnh mở chuyên mục." in t.text
    assert t.text.endswith("¹ Sau đây gọi tắt là Đề án 281.")
    start = t.text.index("¹ Sau")
    assert t.evidence(start, len(t.text)).text == "¹ Sau đây gọi tắt là Đề án 281."


def test_superscript_line_without_marker_kept() -> None:
    # written: a line opening with "²" that no marker in the text refers to (m² in a table)
    text = "Diện tích\n² sàn xây dựng 120\n- 2 -\fTiếp"
    assert "² sàn xây dựng 120" in re.split(r"[\n\f]", strip_page_furniture(text))


@pytest.mark.parametrize(
    "text,gone",
    [
        # written: a two-page report whose footer ends with the page number
        (
            "UBND HUYỆN A\nSố: 96/BC-PGDĐT\nNội dung\fTRƯỞNG PHÒNG\nY Khu Niê\nBC 96/BC-PGDĐT - Trang 2/2",
            "Trang 2/2",
        ),
        # written: a running header carrying the page number, on pages 2-3 of three
        (
            "SỞ A\nNội dung một\fSở VHTTDL Lâm Đồng 2\nNội dung hai\fSở VHTTDL Lâm Đồng 3\nNội dung ba",
            "Sở VHTTDL Lâm Đồng",
        ),
    ],
)
def test_footer_with_page_number_dropped(text: str, gone: str) -> None:
    assert gone not in strip_page_furniture(text)


@pytest.mark.parametrize(
    "text,kept",
    [
        # written: an article heading at the top of pages 2 and 3 is no running header
        ("Nội dung\fĐiều 2\nA\fĐiều 3\nB", ["Điều 2", "Điều 3"]),
        # written: "Trang 3" that is not the page's number stays
        ("Nội dung\fXem phụ lục tại Trang 3\nTiếp", ["Xem phụ lục tại Trang 3"]),
    ],
)
def test_numbered_edge_lines_kept(text: str, kept: list[str]) -> None:
    out = re.split(r"[\n\f]", strip_page_furniture(text))
    for k in kept:
        assert k in out


def test_docx_running_header_next_to_page_numbers() -> None:
    # written: a PDF-to-Word file, no page breaks: header line and page number inline, twice
    text = (
        "Nội dung một\nSố 45/KH-UBND\n- 2 -\nnội dung hai tiếp theo\nđồng/người.\n- 3 -\n"
        "Số 45/KH-UBND\nđồng/người.\nhết"
    )
    out = strip_page_furniture(text).split("\n")
    assert "Số 45/KH-UBND" not in out and "- 2 -" not in out
    assert out.count("đồng/người.") == 2


def test_ocr_footnotes_move_to_end() -> None:
    # written: OCR of a scanned page (probe round 7 scan): "¹" read as "1", "²" as "?"
    text = (
        "Căn cứ Quyết định số 281/QĐ-TTg … cộng đồng đến năm 2020”1;\n\n"
        "góp phần thực hiện Nghị quyết số 29-NQ/TW … giáo dục và đào tạo?.\n\n"
        "III. NỘI DUNG HOẠT ĐỘNG\n\n1. Tuyên truyền\n\n1 Sau đây gọi tắt là Đề án 281.\n\n"
        "? Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương khóa XI.\f"
        "- Phối hợp với Báo tỉnh mở chuyên mục."
    )
    out = strip_page_furniture(text)
    assert "1. Tuyên truyền\f- Phối hợp" in out
    assert out.endswith(
        "1 Sau đây gọi tắt là Đề án 281.\n\n? Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương khóa XI."
    )


@pytest.mark.parametrize(
    "text",
    [
        # written: a numbered line with no glued marker in the text before it stays
        "Điều 1. Phê duyệt.\nĐiều 2 có hiệu lực.\n1 Văn phòng Ủy ban nhân dân tỉnh\fTiếp",
        # corpus renditions/textpdf/012 (an older table reading): a heading label "I.2" is no
        # footnote marker, so the unpiped table row "2 Không có mã số" at the page foot stays
        "Thông tư số 226/2016/TT-BTC của Bộ Tài chính.\nI.2 Thủ tục hành chính\nchứng nhận\n2 Không có mã số\fTiếp",
        # written: body paragraphs after a blank line are no footnote continuation
        "Theo Quyết định 12”1; nội dung.\n\n1 Sau đây gọi tắt.\n\nNội dung tiếp của trang.\fTiếp",
    ],
)
def test_ocr_numbered_lines_kept(text: str) -> None:
    assert strip_page_furniture(text) == text
