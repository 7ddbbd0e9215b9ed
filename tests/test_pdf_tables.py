"""pipeline.pdf_tables: ruled tables of a PDF text layer one row a line, cells joined by
" | "; and how ingest stores them (text, paragraph-break hints)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline import ingest as ingest_module
from pipeline.ingest import ingest
from pipeline.pdf_tables import table_text

ROOT = Path(__file__).resolve().parent.parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_SPEC = importlib.util.spec_from_file_location("make_renditions", ROOT / "scripts" / "make_renditions.py")
_mr = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_mr)

HEADER = (
    "ỦY BAN NHÂN DÂN\nHUYỆN CHÂU THÀNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nSố: 87/KH-UBND\nChâu Thành, ngày 06 tháng 4 năm 2021\n\n"
    "**KẾ HOẠCH**\n\nTriển khai Tháng hành động năm 2021\n\n"
)
# corpus docs/023.txt: the list of procedures (header row, a row spanning its columns, a
# long cell wrapped over several lines)
REAL_TABLE = (
    "| STT | Mã TTHC gốc | Tên thủ tục hành chính |\n|---|---|---|\n"
    "| A. | Danh mục thủ tục hành chính cấp tỉnh |  |\n"
    "| 1 | 1.010696 | Cấp giấy tiếp nhận thông báo kinh doanh xăng dầu bằng thiết bị bán xăng dầu quy mô nhỏ |\n"
)
REAL_ROWS = [
    "STT | Mã TTHC gốc | Tên thủ tục hành chính",
    "A. | Danh mục thủ tục hành chính cấp tỉnh",
    "1 | 1.010696 | Cấp giấy tiếp nhận thông báo kinh doanh xăng dầu bằng thiết bị bán xăng dầu quy mô nhỏ",
]
# written: an activity table with other columns, a cell over three lines and an empty cell
OWN_TABLE = (
    "| TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |\n|---|---|---|---|---|\n"
    "| 1 | Tuyên truyền, vận động cán bộ, công chức, đoàn viên, hội viên và nhân dân trên địa bàn "
    "xã tích cực tham gia Ngày chạy | Đài Truyền thanh xã |  | 20/3/2024 |\n"
    "| 2 | Tổ chức Lễ phát động | Ban Tổ chức | Đoàn Thanh niên xã | 7h00 ngày 27/3/2024 |\n"
)
OWN_ROWS = [
    "TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian",
    "1 | Tuyên truyền, vận động cán bộ, công chức, đoàn viên, hội viên và nhân dân trên địa bàn "
    "xã tích cực tham gia Ngày chạy | Đài Truyền thanh xã |  | 20/3/2024",
    "2 | Tổ chức Lễ phát động | Ban Tổ chức | Đoàn Thanh niên xã | 7h00 ngày 27/3/2024",
]
BEFORE = "III. NỘI DUNG HOẠT ĐỘNG"
AFTER = "IV. KINH PHÍ"


def _render(tmp_path: Path, markdown: str, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(_mr.render_textpdf(_mr.read_blocks(markdown)))
    return path


def _pages(path: Path):
    pdf = pdfium.PdfDocument(str(path))
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        yield page, textpage, textpage.get_text_range()


@pytest.mark.parametrize(
    ("table", "rows"),
    [(REAL_TABLE, REAL_ROWS), (OWN_TABLE, OWN_ROWS)],
    ids=["corpus-023", "written"],
)
def test_rows_one_line_each_in_reading_order(tmp_path, table, rows):
    path = _render(tmp_path, f"{HEADER}{BEFORE}\n\n{table}\n{AFTER}\n\nKinh phí từ ngân sách huyện.\n")
    page, textpage, raw = next(_pages(path))
    out = table_text(page, textpage, raw)
    assert out is not None and out.tables == 1
    lines = out.text.split("\n")
    start = lines.index(BEFORE) + 1
    assert lines[start : start + len(rows)] == rows
    assert lines[start + len(rows)] == AFTER
    # the lines outside the table are the text layer's own lines, unchanged
    plain = raw.replace("\r\n", "\n").split("\n")
    assert lines[:start] == plain[: plain.index(BEFORE) + 1]
    assert lines[start + len(rows) :] == plain[plain.index(AFTER) :]
    # every kept break and every row end is a line break of the new text
    assert all(out.text[o] == "\n" for o in [*out.moved.values(), *out.rows])


@pytest.mark.parametrize(
    "body",
    [
        # corpus docs/023.txt: plain paragraphs under a borderless header block
        "Căn cứ Quyết định số 1340/QĐ-BCT ngày 21/6/2022 của Bộ trưởng Bộ Công Thương;\n\n"
        "Theo đề nghị của Giám đốc Sở Công Thương.\n",
        # written: a list under a heading
        "I. MỤC ĐÍCH\n\n- Nâng cao nhận thức của người dân.\n\n- Phòng ngừa ngộ độc thực phẩm.\n",
    ],
)
def test_page_without_ruled_table_is_left_alone(tmp_path, body):
    path = _render(tmp_path, HEADER + body)
    page, textpage, raw = next(_pages(path))
    assert table_text(page, textpage, raw) is None
    raw_doc = ingest(path)
    assert raw_doc.pages[0].text == raw.replace("\r\n", "\n").replace("\r", "\n")


def _word_like(path: Path, header_ruled: bool = True) -> Path:
    """A table ruled with single line segments, its text written line k of every cell, then
    line k+1 (as Word exports it); a ruled header block holding the motto; a borderless
    closing block; the last row runs over the page break."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_page()
    pdf.set_font("DejaVu", "", 11)
    if header_ruled:
        pdf.rect(20, 15, 80, 20)
        pdf.rect(100, 15, 90, 20)
    pdf.text(30, 22, "ỦY BAN NHÂN DÂN")
    pdf.text(30, 28, "PHƯỜNG BẾN NGHÉ")
    pdf.text(105, 22, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    pdf.text(115, 28, "Độc lập - Tự do - Hạnh phúc")
    pdf.text(20, 60, "I. CÁC HOẠT ĐỘNG")
    cols = [20, 32, 102, 142, 190]
    rows = [
        (["STT"], ["Nội dung"], ["Thời gian"], ["Địa điểm"]),
        (
            ["1"],
            ["Hội thi nấu ăn giữa các", "tổ dân phố trong phường", "nhân Ngày Gia đình"],
            ["8h00 ngày", "28/6/2024"],
            ["Nhà văn hóa", "phường"],
        ),
        (["2"], ["Triển lãm ảnh"], [""], ["Sân phường"]),
    ]
    y = 65.0
    for row in rows:
        h = 6 * max(len(c) for c in row) + 2
        pdf.line(cols[0], y, cols[-1], y)
        for x in cols:
            pdf.line(x, y, x, y + h)
        for k in range(max(len(c) for c in row)):
            for j, cell in enumerate(row):
                if k < len(cell) and cell[k]:
                    pdf.text(cols[j] + 1.5, y + 5 + 6 * k, cell[k])
        y += h
    pdf.line(cols[0], y, cols[-1], y)
    pdf.text(20, y + 10, "II. TỔ CHỨC THỰC HIỆN")
    # a row that starts at the page foot and runs onto the next page
    for x in cols:
        pdf.line(x, 270, x, 290)
    pdf.line(cols[0], 270, cols[-1], 270)
    pdf.line(cols[0], 290, cols[-1], 290)
    pdf.text(cols[0] + 1.5, 275, "3")
    pdf.text(cols[1] + 1.5, 275, "Giao lưu văn nghệ")
    pdf.text(cols[2] + 1.5, 275, "19h00 ngày")
    pdf.text(cols[3] + 1.5, 275, "Sân khấu")
    pdf.add_page()
    for x in cols:
        pdf.line(x, 15, x, 27)
    pdf.line(cols[0], 15, cols[-1], 15)
    pdf.line(cols[0], 27, cols[-1], 27)
    pdf.text(cols[1] + 1.5, 20, "chủ đề Gia đình")
    pdf.text(cols[2] + 1.5, 20, "28/6/2024")
    pdf.text(20, 65, "Nơi nhận:")
    pdf.text(130, 65, "TM. ỦY BAN NHÂN DÂN")
    pdf.text(20, 71, "- UBND quận;")
    pdf.text(140, 71, "CHỦ TỊCH")
    pdf.output(str(path))
    return path


def test_word_like_table_header_block_and_closing(tmp_path):
    path = _word_like(tmp_path / "word.pdf")
    (p0, t0, raw0), (p1, t1, raw1) = list(_pages(path))
    first = table_text(p0, t0, raw0)
    assert first is not None
    lines = first.text.split("\n")
    # the ruled header block holds the motto: its lines stay as the text layer gave them
    assert lines[:4] == raw0.replace("\r\n", "\n").split("\n")[:4]
    assert "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in first.text
    at = lines.index("I. CÁC HOẠT ĐỘNG")
    assert lines[at + 1 : at + 5] == [
        "STT | Nội dung | Thời gian | Địa điểm",
        "1 | Hội thi nấu ăn giữa các tổ dân phố trong phường nhân Ngày Gia đình | 8h00 ngày 28/6/2024 "
        "| Nhà văn hóa phường",
        "2 | Triển lãm ảnh |  | Sân phường",  # an empty cell keeps its place
        "II. TỔ CHỨC THỰC HIỆN",
    ]
    assert lines[-1] == "3 | Giao lưu văn nghệ | 19h00 ngày | Sân khấu"
    # the row's part on the next page is a row of its own, its first cell empty
    second = table_text(p1, t1, raw1)
    assert second is not None
    assert second.text.split("\n")[0] == " | chủ đề Gia đình | 28/6/2024"
    # the borderless closing block is not a table
    assert "Nơi nhận:" in second.text and "Nơi nhận: |" not in second.text


def test_frame_without_columns_is_not_a_table(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", "", 12)
    pdf.add_page()
    pdf.multi_cell(
        0,
        7,
        "DỰ THẢO\nVăn bản lấy ý kiến các sở, ngành trước khi trình ký ban hành.",
        border=1,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.multi_cell(0, 7, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    path = tmp_path / "frame.pdf"
    pdf.output(str(path))
    page, textpage, raw = next(_pages(path))
    assert table_text(page, textpage, raw) is None


def test_ingest_keeps_break_hints_consistent(tmp_path):
    md = f"{HEADER}{BEFORE}\n\n{OWN_TABLE}\n{AFTER}\n\nKinh phí từ ngân sách huyện.\n"
    path = _render(tmp_path, md)
    page = ingest(path).pages[0]
    assert all(page.text[o] == "\n" for o in page.breaks + page.wraps)
    lines = page.text.split("\n")
    at = lines.index(BEFORE)
    offset = sum(len(x) + 1 for x in lines[: at + 1]) - 1
    row_ends = [offset + sum(len(x) + 1 for x in lines[at + 1 : at + 1 + k]) for k in range(4)]
    assert set(row_ends) <= set(page.breaks)  # before the table and after every row
    # lines above the table keep the hints they had
    _, textpage, raw = next(_pages(path))
    from pipeline.pdf_lines import line_breaks

    before = [b for b in line_breaks(textpage, raw).ends if b < offset]
    assert [b for b in page.breaks if b < offset] == before


def test_broken_drawing_costs_only_the_table(tmp_path, monkeypatch):
    path = _render(tmp_path, f"{HEADER}{BEFORE}\n\n{OWN_TABLE}\n")

    def boom(*args):
        raise ValueError("bad path")

    monkeypatch.setattr(ingest_module, "table_text", boom)
    raw_doc = ingest(path)
    assert BEFORE in raw_doc.pages[0].text and " | " not in raw_doc.pages[0].text
    assert any(w.startswith("pdf_tables: page 1") for w in raw_doc.warnings)


@pytest.mark.parametrize(
    ("lines", "cell"),
    [
        # written (a Phòng GD&ĐT plan: a narrow "Bắt đầu" column breaks the date after its slash)
        (["19/11/", "2021"], "19/11/2021"),
        # written (a thị xã festival: a time and a date in a narrow column; the words keep their space)
        (["8 giờ 30 ngày 15/3/", "2016"], "8 giờ 30 ngày 15/3/2016"),
        # written: a slash that ends a word ("Sở VH/") is not a broken date
        (["Phòng VH/", "TT huyện"], "Phòng VH/ TT huyện"),
    ],
)
def test_date_broken_after_its_slash_is_joined_again(tmp_path, lines, cell):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_page()
    pdf.set_font("DejaVu", "", 10)
    pdf.text(20, 40, "III. NỘI DUNG")
    cols = [20, 32, 120, 160]
    pdf.line(cols[0], 45, cols[-1], 45)
    pdf.line(cols[0], 53, cols[-1], 53)
    pdf.line(cols[0], 70, cols[-1], 70)
    for x in cols:
        pdf.line(x, 45, x, 70)
    for j, head in enumerate(["STT", "Nội dung", "Thời gian"]):
        pdf.text(cols[j] + 1.5, 50, head)
    pdf.text(cols[0] + 1.5, 58, "1")
    pdf.text(cols[1] + 1.5, 58, "Lễ kỷ niệm Ngày Nhà giáo")
    for k, line in enumerate(lines):
        pdf.text(cols[2] + 1.5, 58 + 5 * k, line)
    path = tmp_path / "narrow.pdf"
    pdf.output(str(path))
    page, textpage, raw = next(_pages(path))
    out = table_text(page, textpage, raw)
    assert out is not None
    assert f"1 | Lễ kỷ niệm Ngày Nhà giáo | {cell}" in out.text.split("\n")


@pytest.mark.parametrize(
    ("narrow", "lines", "cell"),
    [
        # probe round 6 (a THPT school-week schedule in a Word-like PDF): a "Ngày" column
        # narrower than the word breaks it inside its letters, and the date inside its digits
        ("Ngà", ["Ngà", "y"], "Ngày"),
        ("05/9", ["05/9", "/202", "6"], "05/9/2026"),
        # written (a xã budget table): an amount broken after a thousands dot
        ("120.000.", ["120.000.", "000"], "120.000.000"),
        # written: a word filling the column, the next one wrapped — two syllables stay apart
        ("Thường", ["Thường", "xuyên"], "Thường xuyên"),
        # written: a short word then a wrap (the line does not fill the column)
        ("trường", ["Sân", "trường"], "Sân trường"),
        # written: two numbers on two lines that make no date ("Lớp 10" over "11/2")
        ("Lớp 10", ["Lớp 10", "11/2"], "Lớp 10 11/2"),
    ],
)
def test_word_broken_inside_a_narrow_cell_is_joined_again(tmp_path, narrow, lines, cell):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_page()
    pdf.set_font("DejaVu", "", 10)
    pdf.text(20, 40, "III. LỊCH HOẠT ĐỘNG")
    pad = 1.5
    width = pdf.get_string_width(narrow) + 2 * pad  # the column just holds ``narrow``
    cols = [20, 20 + width, 110, 150]
    for y in (45, 53, 75):
        pdf.line(cols[0], y, cols[-1], y)
    for x in cols:
        pdf.line(x, 45, x, 75)
    for j, head in enumerate(["Cột", "Nội dung", "Địa điểm"]):
        pdf.text(cols[j] + pad, 50, head[:3] if j == 0 else head)
    for k, line in enumerate(lines):
        pdf.text(cols[0] + pad, 58 + 5 * k, line)
    pdf.text(cols[1] + pad, 58, "Tập huấn kỹ năng phòng cháy")
    pdf.text(cols[2] + pad, 58, "Sân trường")
    path = tmp_path / "narrow_word.pdf"
    pdf.output(str(path))
    page, textpage, raw = next(_pages(path))
    out = table_text(page, textpage, raw)
    assert out is not None
    assert f"{cell} | Tập huấn kỹ năng phòng cháy | Sân trường" in out.text.split("\n")
