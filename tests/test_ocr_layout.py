"""pipeline.ocr: closing blocks (Nơi nhận + signature) of scans, bordered or not.

Real scans of Vietnamese official documents end with the recipient list bottom-left and the
signature bottom-right, often borderless, sometimes in a bordered two-cell table. The text
must give the whole left column, then the whole right column.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.ocr import ocr_page
from pipeline.ocr_layout import _edge, _junk, _mark, _Seg
from pipeline.ocr_layout import layout as _layout
from pipeline.ocr_rules import erase_rules as _erase_rules
from pipeline.pdf_lines import LineBreaks

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"

# the recipient list of a real decision rendered as a scan (corpus/renditions/scan/015.pdf,
# last page), wrapped as in its left cell
_LEFT_015 = [
    "Nơi nhận: - Ban Bí thư Trung ương Đảng; - Thủ",
    "tướng, các Phó Thủ tướng Chính phủ; - Các Bộ, cơ",
    "quan ngang Bộ, cơ quan thuộc Chính phủ; - VP",
    "phòng Chủ tịch nước; - Hội đồng Dân tộc và các",
    "Ủy ban của Quốc hội; - Văn phòng Quốc hội; - Tòa",
    "án nhân dân tối cao; - Viện kiểm sát nhân dân tối",
    "cao; - Kiểm toán Nhà nước; - Ủy ban Giám sát tài",
    "Chính sách Xã hội; - Ngân hàng Phát triển Việt",
    "các Vụ, Cục, đơn vị trực thuộc, Công báo; - Lưu:",
    "Văn thư, KGVX (10).",
]


def _rows(block: int, line: int, left: int, top: int, text: str, conf: float = 95.0) -> list[str]:
    """TSV word rows of one line, 17 px per character plus a 10 px space, 32 px high."""
    out = []
    for k, word in enumerate(text.split()):
        out.append(f"5\t1\t{block}\t1\t{line}\t{k}\t{left}\t{top}\t{17 * len(word)}\t32\t{conf:f}\t{word}")
        left += 17 * len(word) + 10
    return out


def _lines(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln.strip()]


# ------------------------------------------------------------------- _layout (no OCR)


def test_bordered_closing_left_column_then_signature() -> None:
    # 015: the signature cell, centred in its row, starts beside the fifth line of the list;
    # only 40 px of white (about one word height) are left beside the erased table rule
    rows = [_HEADER]
    for i, text in enumerate(_LEFT_015):
        rows += _rows(1, i + 1, 280, 250 + 72 * i, text)
    # the right cell starts 40 px right of the end of the list lines beside it
    beside = max(280 + sum(17 * len(w) + 10 for w in _LEFT_015[i].split()) - 10 for i in (4, 5))
    rows += _rows(2, 1, beside + 40, 252 + 72 * 4, "KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Sinh")
    rows += _rows(2, 2, beside + 40, 252 + 72 * 5, "Hùng")
    wall = (beside + 20, 230, 250 + 72 * 10)
    lines = _lines(_layout("\n".join(rows), [wall])[0])
    assert lines == [*_LEFT_015, "KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Sinh", "Hùng"]


def test_borderless_closing_signature_between_list_lines() -> None:
    # own phrasing: a long list, the signature set between two list lines (its band touches
    # neither), the list line after "Lưu:" going on in capitals
    left = [
        "Nơi nhận: - Như trên; - Sở Kế hoạch và Đầu tư; - Sở",
        "Tài chính; - UBND các huyện, thị xã, thành phố; -",
        "Đài Phát thanh và Truyền hình tỉnh; - Lưu:",
        "VT, KGVX.",
    ]
    rows = [_HEADER]
    rows += _rows(1, 1, 280, 1000, "Giám đốc các sở, ngành chịu trách nhiệm thi hành Quyết định này.")
    for i, text in enumerate(left):
        rows += _rows(2, i + 1, 280, 1150 + 72 * i, text)
    rows += _rows(3, 1, 1500, 1150 + 72 + 33, "TM. ỦY BAN NHÂN DÂN")  # 1 px below line 2
    rows += _rows(3, 2, 1500, 1150 + 72 * 4, "Lê Văn An")
    lines = _lines(_layout("\n".join(rows))[0])
    assert lines[0].startswith("Giám đốc")
    assert lines[1:] == [*left, "TM. ỦY BAN NHÂN DÂN", "Lê Văn An"]


def test_header_rows_stay_apart_from_the_closing_rules() -> None:
    # the left-open rule must not pull a header row into the issuer cell: own phrasing of
    # a header whose number line sits at the left margin under the issuer
    rows = [_HEADER]
    rows += _rows(1, 1, 500, 700, "ỦY BAN NHÂN DÂN")
    rows += _rows(1, 1, 1300, 700, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    rows += _rows(1, 2, 540, 770, "TỈNH BẮC KẠN")
    rows += _rows(1, 2, 1350, 770, "Độc lập - Tự do - Hạnh phúc")
    rows += _rows(2, 1, 300, 900, "Số: 58/KH-UBND")
    rows += _rows(2, 2, 300, 970, "Bắc Kạn, ngày 8 tháng 5 năm 2020")
    lines = _lines(_layout("\n".join(rows))[0])
    assert lines[:4] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH BẮC KẠN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert lines[4:] == ["Số: 58/KH-UBND", "Bắc Kạn, ngày 8 tháng 5 năm 2020"]


@pytest.mark.parametrize(
    "text,conf,junk",
    [
        ("Hùng", 44.0, False),  # a name wrapped under the signature (renditions/scan/045.pdf)
        ("Bình", 35.0, False),  # own
        ("TT#rữ)", 40.0, True),  # a received-stamp (documents/pdf/nq_115_ba_vi.pdf)
        ("š", 40.0, True),  # a speck read as one letter
        ("Knuiônge", 0.0, True),  # a rule line read as letters (renditions/scan/E03.pdf)
    ],
)
def test_lone_low_confidence_word(text: str, conf: float, junk: bool) -> None:
    assert _junk(_Seg((1, 1), [(0, 0, 50, 30, text, conf)])) is junk


# --------------------------------------------------------------------- rule erasure


def _closing_image(bordered: bool) -> Image.Image:
    """A small page foot: a five-line Nơi nhận cell left, a signature cell right."""
    img = Image.new("L", (1700, 520), 255)
    draw, font = ImageDraw.Draw(img), ImageFont.truetype(FONT, 30)
    left = [
        "Nơi nhận: - Như trên; - Bộ trưởng",
        "(để báo cáo); - Sở Lao động - Thương",
        "binh và Xã hội các tỉnh; - Cục Người",
        "có công; - Vụ Kế hoạch - Tài chính;",
        "- Lưu: VT, Cục NCC.",
    ]
    for i, line in enumerate(left):
        draw.text((70, 60 + 60 * i), line, fill=0, font=font)
    right_x = 800 if bordered else 980
    for i, line in enumerate(["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Trần Văn Hòa"]):
        draw.text((right_x + 40, 150 + 60 * i), line, fill=0, font=font)
    if bordered:
        draw.rectangle((50, 40, 1650, 380), outline=0, width=3)
        draw.line((right_x, 40, right_x, 380), fill=0, width=3)
    return img


def test_erase_rules_whitens_table_borders_only() -> None:
    img = _closing_image(bordered=True)
    pixels = np.asarray(img)
    erased, walls, floors = _erase_rules(pixels, pixels < 160)
    out = np.asarray(erased)
    assert (out[38:43, 50:1650] == 255).all() and (out[40:380, 798:803] == 255).all()
    # the text is kept: about as much ink as the same page drawn without borders
    ink = (out < 160).sum()
    plain = (np.asarray(_closing_image(bordered=False)) < 160).sum()
    assert abs(int(ink) - int(plain)) < 0.05 * plain
    assert any(abs(x - 800) <= 3 and y0 <= 60 and y1 >= 360 for x, y0, y1 in walls)
    # the box's top and bottom rules, as straight lines across it (no text line among them)
    assert sorted((round(ya / 10), round(yb / 10)) for _, _, ya, yb in floors) == [(4, 4), (38, 38)]
    assert all(x0 <= 52 and x1 >= 1648 for x0, x1, _, _ in floors)


def test_erase_rules_leaves_a_page_without_table() -> None:
    img = _closing_image(bordered=False)
    pixels = np.asarray(img)
    assert _erase_rules(pixels, pixels < 160) is None
    # a header rule alone (no vertical rule) is no table either
    draw = ImageDraw.Draw(img)
    draw.line((100, 450, 900, 450), fill=0, width=3)
    pixels = np.asarray(img)
    assert _erase_rules(pixels, pixels < 160) is None


def test_erase_rules_check_is_cheap_on_a_page_without_table() -> None:
    pixels = np.full((3508, 2482), 255, np.uint8)
    pixels[300:3200:60, 250:2200] = 0  # one dark row every 60 px: text-like, no rule cut in
    pixels[300:3200:60, 250:2200:40] = 255
    t0 = time.perf_counter()
    assert _erase_rules(pixels, pixels < 160) is None
    assert time.perf_counter() - t0 < 0.2


# ------------------------------------------------------------------------ real Tesseract


@pytest.mark.parametrize("bordered", [True, False])
def test_ocr_closing_block_left_column_then_signature(bordered: bool) -> None:
    text, *_ = ocr_page(_closing_image(bordered), 60, "page 1")
    assert "Nơi nhận" in text and "Trần Văn Hòa" in text and "Lưu" in text
    # the whole recipient list comes before the signature, the name after the title
    assert text.index("Lưu") < text.index("KT. BỘ TR") < text.index("Trần Văn Hòa")
    assert "|" not in text


# ------------------------------------------------------------------ paragraph ends

_LEFT, _RIGHT, _PITCH = 200, 1700, 56  # px: text edges and line pitch of the pages below


def _page(lines: list[tuple[int, bool, int, str]], skew: float = 0.0) -> str:
    """TSV of a one-column page: (indent px, reaches the right edge, extra white above px,
    text) a line, 17 px per character, 32 px high; a full line's spaces are stretched to
    the right edge (justified). ``skew`` px of left shift per px down the page."""
    rows, top = [_HEADER], 300
    for n, (indent, full, extra, text) in enumerate(lines):
        top += extra + (_PITCH if n else 0)
        words = text.split()
        ink = sum(17 * len(w) for w in words)
        left0 = _LEFT + indent - round(skew * top)
        space = (_RIGHT - round(skew * top) - left0 - ink) / max(len(words) - 1, 1) if full else 10
        left = float(left0)
        for k, word in enumerate(words):
            rows.append(f"5\t1\t1\t{n + 1}\t1\t{k}\t{round(left)}\t{top}\t{17 * len(word)}\t32\t95.0\t{word}")
            left += 17 * len(word) + space
    return "\n".join(rows) + "\n"


# own phrasing: a provincial health department's plan, Word-made (first-line indents)
_OWN = [
    (60, True, 0, "Căn cứ Kế hoạch số 45/KH-UBND ngày 12 tháng 3 năm 2021 của Ủy ban"),
    (0, True, 0, "nhân dân tỉnh về phòng, chống dịch bệnh trên địa bàn tỉnh Quảng Trị."),
    (0, False, 0, "Sở Y tế ban hành kế hoạch như sau:"),
    (60, True, 0, "Bảo đảm sự phối hợp chặt chẽ giữa các cơ quan, đơn vị và tổ chức chính trị"),
    (0, True, 0, "- xã hội trong công tác phòng, chống dịch bệnh và chăm sóc sức khỏe"),
    (0, False, 0, "cho người dân."),
    (0, True, 20, "Các đơn vị báo cáo kết quả thực hiện về Sở Y tế trước ngày 15 hằng"),
    (0, True, 0, "tháng để tổng hợp, báo cáo Ủy ban nhân dân tỉnh theo quy định hiện"),
    (0, False, 0, "hành."),
    (0, True, 0, "2. Các đơn vị y tế trên địa bàn tỉnh chịu trách nhiệm tổ chức thực hiện"),
    (0, False, 0, "kế hoạch này."),
]
_REAL = (Path(__file__).parent / "data" / "ocr_tsv_004_page4.tsv").read_text(encoding="utf-8")


def _after(text: str, breaks: LineBreaks, line_end: str) -> str:
    """How the line ending with ``line_end`` ends: "end", "wrap" or "open"."""
    at = text.index(line_end + "\n") + len(line_end)
    return "end" if at in breaks.ends else "wrap" if at in breaks.wraps else "open"


@pytest.mark.parametrize(
    "tsv,line_end,expected",
    [
        # corpus/renditions/scan/004_7258124ebd54530a.pdf, page 4 (Tesseract TSV as read): a
        # full justified line ending a sentence runs on into the same list item …
        (_REAL, "triển khai các hoạt động xây dựng quận học tập.", "wrap"),
        (_REAL, "tập huấn, hướng dẫn về kỹ năng tìm kiếm, khai thác sử dụng thông tin", "wrap"),
        # … which ends short of the edge, before the next "- " item
        (_REAL, "các cơ quan, đơn vị từ quận đến phường.", "end"),
        (_REAL, "trực tiếp, cụ thể:", "end"),  # above "+ Thời gian: …"
        # own phrasing (_OWN)
        (_page(_OWN), "trên địa bàn tỉnh Quảng Trị.", "wrap"),  # a sentence ends at the edge
        (_page(_OWN), "Sở Y tế ban hành kế hoạch như sau:", "end"),  # the next line is indented
        (_page(_OWN), "chính trị", "wrap"),  # "chính trị" / "- xã hội": no list item
        (_page(_OWN), "cho người dân.", "end"),  # paragraph spacing above the next line
        (_page(_OWN), "hành.", "end"),  # a numbered item below ("2. Các đơn vị …")
        (_page(_OWN * 3, skew=0.012), "trên địa bàn tỉnh Quảng Trị.", "wrap"),  # a skewed scan
    ],
)
def test_paragraph_ends_from_word_boxes(tsv: str, line_end: str, expected: str) -> None:
    text, _, breaks = _layout(tsv)
    assert _after(text, breaks, line_end) == expected
    # one blank line between paragraphs, none inside one
    at = text.index(line_end + "\n") + len(line_end)
    gap = "\n\n" if expected == "end" else "\n"
    assert text[at : at + len(gap)] == gap and text[at + len(gap)] != "\n"


def test_real_page_keeps_a_list_item_whole() -> None:
    # corpus/renditions/scan/004_7258124ebd54530a.pdf, page 4: the item cut in two at a
    # sentence end falling at a line end
    text, _, breaks = _layout(_REAL)
    item = text[text.index("- Tăng cường") : text.index("- Đa dạng hóa")]
    assert "\n\n" not in item.rstrip("\n") and item.endswith("phường.\n\n")
    inside = [i for i, c in enumerate(item.rstrip("\n")) if c == "\n"]
    start = text.index("- Tăng cường")
    assert [start + i for i in inside] == [b for b in breaks.wraps if start < b < start + len(item) - 2]
    assert all(text[b] == "\n" for b in breaks.ends + breaks.wraps)


def test_edges_follow_the_skew() -> None:
    # a scan turned 0.7° (renditions/scan: up to 40 px of drift down an A4 page): the right
    # edge is fitted along the page, so a full line at the foot still reaches it
    segs = []
    for n in range(40):
        top = 300 + 77 * n
        width = 1900 if n % 4 else 900  # every fourth line a paragraph's short last line
        segs.append(_Seg((1, n), [(300 - round(0.012 * top), top, width, 45, "chữ", 95.0)]))
    right = _edge(segs, lambda s: s.x1, 0.9, 45)
    left = _edge(segs, lambda s: s.x0, 0.1, 45)
    for seg in (segs[1], segs[-1]):
        assert abs(right(seg.y0) - seg.x1) < 5 and abs(left(seg.y0) - seg.x0) < 5


def test_centred_title_lines_stay_open() -> None:
    # own phrasing: a two-line subtitle centred under the document type, above the body
    lines = [
        (560, False, 0, "KẾ HOẠCH"),
        (330, False, 0, "Triển khai công tác phòng, chống thiên tai"),
        (440, False, 0, "năm 2025 trên địa bàn huyện"),
        (60, True, 40, "Thực hiện Chỉ thị số 08/CT-UBND ngày 02 tháng 4 năm 2025 của Ủy ban"),
        (0, True, 0, "nhân dân tỉnh, Ủy ban nhân dân huyện ban hành Kế hoạch triển khai"),
        (0, False, 0, "như sau:"),
    ]
    text, _, breaks = _layout(_page(lines))
    assert _after(text, breaks, "Triển khai công tác phòng, chống thiên tai") == "open"
    assert "thiên tai\nnăm 2025" in text  # no blank line: normalize joins by the text
    assert _after(text, breaks, "năm 2025 trên địa bàn huyện") == "end"


@pytest.mark.parametrize(
    "line,mark",
    [
        ("- Tăng cường ứng dụng công nghệ thông tin", True),  # renditions/scan/004, page 4
        ("+ Thời gian: 8 giờ 00, ngày 03 tháng 10 năm 2024.", True),  # renditions/scan/004
        ("2.1 Hoạt động cấp quận", False),  # no "." after the number: left to the indent rule
        ("1. Đồng ý chủ trương chuyển giao", True),  # documents/pdf/nq_115_ba_vi.pdf
        ("II. NỘI DUNG THỰC HIỆN", True),  # renditions/scan/004
        ("a) Chi cục Hải quan nơi đăng ký", True),  # renditions/scan/010
        ("- xã hội trong công tác phòng, chống dịch", False),  # own: "chính trị" / "- xã hội"
        ("2024. Tạo điều kiện cho Nhân dân", False),  # own: a year wrapped to the line start
        ("b) Sở Tài chính bố trí kinh phí", True),  # own
    ],
)
def test_list_marks(line: str, mark: bool) -> None:
    assert _mark(line) is mark
