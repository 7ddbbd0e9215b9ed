"""pipeline.ocr_tables: a ruled table of a scan comes out one row a line, " | " between
cells, as a text PDF's (pipeline.pdf_tables) and a DOCX table's (pipeline.office) do.

Most tests build Tesseract TSV word rows and the rules ocr_rules finds by hand (no OCR);
one page is drawn with Pillow and read by Tesseract.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline import ocr
from pipeline.ocr import ocr_page
from pipeline.ocr_layout import layout
from pipeline.ocr_rules import erase_rules
from pipeline.ocr_tables import table_rows

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
_LEFT, _RIGHT = 100, 1500  # the table's outer edges (px)


def _tsv(pieces: list[tuple[int, int, str]], skew: float = 0.0, conf: float = 93.0) -> str:
    """TSV word rows, each piece (left, top, text) one Tesseract line of its own: 17 px a
    character, 10 px a space, 32 px high; ``skew`` moves a word down by that share of x."""
    out = [_HEADER]
    for block, (left, top, text) in enumerate(pieces, 1):
        out.append(f"4\t1\t{block}\t1\t1\t0\t{left}\t{top}\t100\t32\t-1\t")
        for k, word in enumerate(text.split(), 1):
            width, y = 17 * len(word), round(top + skew * left)
            out.append(f"5\t1\t{block}\t1\t1\t{k}\t{left}\t{y}\t{width}\t32\t{conf:f}\t{word}")
            left += width + 10
    return "\n".join(out) + "\n"


def _floor(y: int, skew: float = 0.0, left: int = _LEFT, right: int = _RIGHT) -> tuple[int, int, int, int]:
    return (left, right, round(y + skew * left), round(y + skew * right))


def _grid(ys: list[int], xs: list[int], skew: float = 0.0):
    """Floors at ``ys`` across the table, walls at ``xs`` from the top floor to the bottom."""
    floors = [_floor(y, skew) for y in ys]
    walls = [(x, round(ys[0] + skew * x), round(ys[-1] + skew * x)) for x in xs]
    return walls, floors


# A plan's schedule of activities (second phrasing, written for these tests: a district
# education office, 2023); the activity cell wraps over two lines
_SCHEDULE = [
    (120, 115, "TT"),
    (320, 115, "Nội dung hoạt động"),
    (1120, 115, "Thời gian"),
    (120, 175, "1"),
    (320, 175, "Tổ chức hội thảo chuyên đề"),
    (320, 215, "cho giáo viên cốt cán"),
    (1120, 175, "05/10/2023"),
    (120, 275, "2"),
    (320, 275, "Trưng bày sách mới"),
]
_SCHEDULE_ROWS = [
    "TT | Nội dung hoạt động | Thời gian",
    "1 | Tổ chức hội thảo chuyên đề cho giáo viên cốt cán | 05/10/2023",
    "2 | Trưng bày sách mới",  # the empty last cell dropped, as pdf_tables and office do
]


@pytest.mark.parametrize("skew", [0.0, 0.012])  # 0.7°, the most the scan renditions turn
def test_rows_of_a_ruled_table(skew: float) -> None:
    walls, floors = _grid([100, 160, 260, 320], [_LEFT, 300, 1100, _RIGHT], skew)
    rest, rows = table_rows(_tsv(_SCHEDULE, skew), walls, floors)
    assert [r.text for r in rows] == _SCHEDULE_ROWS
    assert not [ln for ln in rest.split("\n") if ln.startswith("5\t")]  # no word of the table left
    assert [r.top for r in rows] == sorted(r.top for r in rows)


def test_layout_puts_the_rows_between_the_text_around_them() -> None:
    walls, floors = _grid([100, 160, 260, 320], [_LEFT, 300, 1100, _RIGHT])
    pieces = [(100, 40, "3. Nội dung và lịch hoạt động"), *_SCHEDULE, (100, 360, "4. Tổ chức thực hiện")]
    rest, rows = table_rows(_tsv(pieces), walls, floors)
    text, conf, breaks = layout(rest, walls, rows)
    assert text == "\n".join(
        ["3. Nội dung và lịch hoạt động", "", *_SCHEDULE_ROWS, "", "4. Tổ chức thực hiện"]
    )
    assert conf == 93.0
    # the breaks between rows end a paragraph: normalize never glues two rows
    between = [i for i, ch in enumerate(text) if ch == "\n" and text[i - 1] != "\n" and text[i + 1] != "\n"]
    assert len(between) == 2 and set(between) <= set(breaks.ends)
    assert not set(between) & set(breaks.wraps)


def test_a_page_holding_only_a_table() -> None:
    walls, floors = _grid([100, 160, 260, 320], [_LEFT, 300, 1100, _RIGHT])
    rest, rows = table_rows(_tsv(_SCHEDULE), walls, floors)
    text, conf, _ = layout(rest, walls, rows)
    assert text == "\n".join(_SCHEDULE_ROWS) and conf == 93.0


def test_cell_spanning_rows_leaves_an_empty_cell_below() -> None:
    # the number cell spans rows 1 and 2: the floor between them stops at its wall; its
    # text, centred, lies below that floor's height
    walls, floors = _grid([100, 160, 320], [_LEFT, 300, 1100, _RIGHT])
    floors.append(_floor(240, left=300))
    pieces = [
        (120, 115, "TT"),
        (320, 115, "Hoạt động"),
        (1120, 115, "Đơn vị"),
        (120, 230, "1"),
        (320, 180, "Ra mắt mô hình"),
        (1120, 180, "Hội Khuyến học"),
        (320, 260, "Tọa đàm"),
        (1120, 260, "Đoàn Thanh niên"),
    ]
    _, rows = table_rows(_tsv(pieces), walls, floors)
    assert [r.text for r in rows] == [
        "TT | Hoạt động | Đơn vị",
        "1 | Ra mắt mô hình | Hội Khuyến học",
        " | Tọa đàm | Đoàn Thanh niên",
    ]


def test_cell_spanning_columns_is_one_cell() -> None:
    # corpus/documents/docs/012.txt: a group row of a list of procedures, its title
    # spanning the columns right of the number ("I | LĨNH VỰC CHỨNG THỰC (17 TTHC)")
    ys = [100, 160, 220, 280]
    walls, floors = _grid(ys, [_LEFT, 220, _RIGHT])
    walls += [(700, 100, 160), (700, 220, 280)]  # the inner wall stops at the group row
    pieces = [
        (120, 115, "TT"),
        (240, 115, "Mã số TTHC"),
        (720, 115, "Tên TTHC"),
        (120, 175, "I"),
        (240, 175, "LĨNH VỰC CHỨNG THỰC (17 TTHC)"),
        (120, 235, "1"),
        (240, 235, "2.000815"),
        (720, 235, "Thủ tục chứng thực bản sao"),
    ]
    _, rows = table_rows(_tsv(pieces), walls, floors)
    assert [r.text for r in rows] == [
        "TT | Mã số TTHC | Tên TTHC",
        "I | LĨNH VỰC CHỨNG THỰC (17 TTHC)",
        "1 | 2.000815 | Thủ tục chứng thực bản sao",
    ]


def test_traces_of_erased_rules_are_dropped() -> None:
    walls, floors = _grid([100, 160, 260], [_LEFT, 300, _RIGHT])
    pieces = [(120, 115, "Ngày"), (320, 115, "Nội dung"), (120, 175, "12/3 |"), (320, 175, "[ Mít tinh")]
    _, rows = table_rows(_tsv(pieces), walls, floors)
    assert [r.text for r in rows] == ["Ngày | Nội dung", "12/3 | Mít tinh"]


def _word(
    key: tuple[int, int, int], left: int, top: int, width: int, height: int, conf: float, text: str
) -> str:
    return f"5\t1\t{key[0]}\t{key[1]}\t{key[2]}\t1\t{left}\t{top}\t{width}\t{height}\t{conf:f}\t{text}"


@pytest.mark.parametrize(
    "first, speck, second, expected",
    [
        # a scan of a probe plan's schedule (a provincial health centre, 2023): Tesseract put
        # the cell's second line after a speck read as "-" between the two lines, and the
        # word "trụ", a little higher than "sở cơ quan", on the same Tesseract line
        (
            "Treo băng rôn, khẩu hiệu tại",
            (839, 1365, 6, 5, 54.0, "-"),
            [
                (768, 1368, 38, 26, "trụ"),
                (819, 1372, 32, 17, "sở"),
                (861, 1372, 33, 17, "cơ"),
                (904, 1372, 71, 23, "quan"),
            ],
            "Treo băng rôn, khẩu hiệu tại trụ sở cơ quan",
        ),
        (
            "Tập huấn kỹ năng số cho",
            (900, 1366, 5, 4, 58.0, "."),
            [(768, 1372, 40, 17, "cán"), (820, 1368, 36, 26, "bộ"), (868, 1369, 60, 24, "thôn")],
            "Tập huấn kỹ năng số cho cán bộ thôn",
        ),
    ],
)
def test_a_cell_reads_line_by_line(first: str, speck: tuple, second: list[tuple], expected: str) -> None:
    walls, floors = _grid([1270, 1412, 1625], [_LEFT, 750, 1240, _RIGHT])
    rows = [_HEADER, _word((1, 1, 1), 120, 1290, 30, 26, 95.0, "1")]
    left = 767
    for word in first.split():
        rows.append(_word((2, 1, 1), left, 1295, 17 * len(word), 27, 95.0, word))
        left += 17 * len(word) + 12
    rows.append(_word((3, 1, 1), *speck))  # on the line of the next cell's words
    rows.append(_word((3, 1, 1), 1256, 1333, 147, 25, 96.0, "05/6/2023"))
    rows += [_word((3, 1, 2), *box, 96.0, text) for *box, text in second]
    rows.append(_word((3, 1, 3), 120, 1440, 30, 26, 95.0, "2"))
    _, out = table_rows("\n".join(rows), walls, floors)
    assert [r.text for r in out] == [f"1 | {expected} | 05/6/2023", "2"]


@pytest.mark.parametrize(
    "date, wrapped",
    [
        # the date of a schedule broken after its slash in a narrow column, as pdf_tables
        # joins it (tests/test_pdf_tables.py: "19/11/" over "2021")
        (["19/11/", "2021"], "19/11/2021"),
        (["05/10/", "2023"], "05/10/2023"),
        (["Tháng 10/", "năm 2023"], "Tháng 10/ năm 2023"),  # no date: a space
    ],
)
def test_a_date_broken_after_its_slash_is_one_word(date: list[str], wrapped: str) -> None:
    walls, floors = _grid([100, 160, 260], [_LEFT, 300, 700, _RIGHT])
    pieces = [(120, 115, "TT"), (320, 115, "Thời gian"), (720, 115, "Nội dung")]
    pieces += [(120, 175, "1"), (320, 175, date[0]), (320, 215, date[1]), (720, 175, "Hội nghị tổng kết")]
    _, rows = table_rows(_tsv(pieces), walls, floors)
    assert rows[1].text == f"1 | {wrapped} | Hội nghị tổng kết"


def test_one_row_of_three_cells_is_a_table_cut_by_the_page_end() -> None:
    # a probe plan (a ward's Family Day, 2024): the last row of the schedule starts at the
    # foot of the page and goes on on the next one; a text PDF gives it as one row too
    walls, floors = _grid([3184, 3420], [_LEFT, 240, 1060, 1300, _RIGHT])
    pieces = [
        (120, 3200, "3"),
        (260, 3200, "Giao lưu văn nghệ"),
        (260, 3244, 'chủ đề "Gia đình'),
        (1080, 3200, "19h00 ngày"),
        (1320, 3200, "Sân khấu"),
    ]
    _, rows = table_rows(_tsv(pieces), walls, floors)
    assert [r.text for r in rows] == ['3 | Giao lưu văn nghệ chủ đề "Gia đình | 19h00 ngày | Sân khấu']


@pytest.mark.parametrize(
    "ys, xs, first",
    [
        # one row: a signature box, "Nơi nhận" beside the signature: left to the layout
        ([100, 400], [_LEFT, 800, _RIGHT], "Nơi nhận:"),
        # one column: a framed paragraph
        ([100, 160, 260], [_LEFT, _RIGHT], "Ghi chú:"),
        # a ruled header block (corpus/documents/docs/012.txt: issuer | national motto)
        ([100, 160, 260], [_LEFT, 800, _RIGHT], "ỦY BAN NHÂN DÂN TỈNH"),
    ],
)
def test_no_table_leaves_the_words_to_the_layout(ys: list[int], xs: list[int], first: str) -> None:
    walls, floors = _grid(ys, xs)
    pieces = [(120, 115, first), (820, 115, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), (120, 175, "Số: 15/KH")]
    tsv = _tsv(pieces)
    assert table_rows(tsv, walls, floors) == (tsv, [])


def test_a_failure_falls_back_to_the_plain_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    walls, floors = _grid([100, 160, 260, 320], [_LEFT, 300, 1100, _RIGHT])
    tsv = _tsv(_SCHEDULE)

    def broken(*_args):
        raise IndexError("no row")

    monkeypatch.setattr(ocr, "table_rows", broken)
    assert ocr._laid_out(tsv, walls, floors) == layout(tsv, walls)
    assert "Tổ chức hội thảo chuyên đề" in ocr._laid_out(tsv, walls, floors)[0]


# ------------------------------------------------------------------------ real Tesseract


def _table_page() -> Image.Image:
    """A plan's schedule drawn as a ruled table (second phrasing: a commune's cultural
    week, 2019), a heading above it and a paragraph below."""
    img = Image.new("L", (1700, 820), 255)
    draw, font = ImageDraw.Draw(img), ImageFont.truetype(FONT, 30)
    draw.text((100, 40), "2. Lịch tổ chức các hoạt động", fill=0, font=font)
    xs, ys = [100, 540, 1200, 1640], [120, 190, 330, 400, 540]
    cells = [
        ["Thời gian", "Nội dung", "Chủ trì"],
        ["8h00 ngày 15/5/2019", "Khai mạc Tuần văn hóa và|trưng bày ảnh tư liệu", "UBND xã"],
        ["16/5/2019", "Hội thi kể chuyện theo sách", "Đoàn xã"],
        ["17 - 18/5/2019", "Giao lưu văn nghệ giữa các|thôn, tổ dân phố", "Hội Phụ nữ"],
    ]
    for r, row in enumerate(cells):
        for c, cell in enumerate(row):
            for k, line in enumerate(cell.split("|")):
                draw.text((xs[c] + 18, ys[r] + 18 + 44 * k), line, fill=0, font=font)
    for y in ys:
        draw.line((xs[0], y, xs[-1], y), fill=0, width=3)
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=0, width=3)
    draw.text((100, 600), "3. Kinh phí thực hiện từ nguồn ngân sách xã.", fill=0, font=font)
    return img


def test_erase_rules_finds_the_table_floors() -> None:
    pixels = np.asarray(_table_page())
    _, walls, floors = erase_rules(pixels, pixels < 160)
    assert sorted(round(f[2] / 10) for f in floors) == [12, 19, 33, 40, 54]
    assert sorted(w[0] for w in walls) == pytest.approx([100, 540, 1200, 1640], abs=3)


@pytest.mark.slow
def test_ocr_reads_a_ruled_table_one_row_a_line() -> None:
    text, _, _ = ocr_page(_table_page(), 60, "page 1")
    lines = [ln for ln in text.split("\n") if ln.strip()]
    rows = [ln for ln in lines if " | " in ln]
    assert len(rows) == 4 and all(ln.count(" | ") == 2 for ln in rows)
    assert rows[0] == "Thời gian | Nội dung | Chủ trì"
    # a wrapped cell is one cell, its lines in order
    assert rows[1].split(" | ")[1] == "Khai mạc Tuần văn hóa và trưng bày ảnh tư liệu"
    assert rows[3].split(" | ")[1] == "Giao lưu văn nghệ giữa các thôn, tổ dân phố"
    assert lines[0].startswith("2. Lịch tổ chức") and lines[-1].startswith("3. Kinh phí")
    assert lines.index(rows[0]) == 1 and lines.index(rows[-1]) == 4
