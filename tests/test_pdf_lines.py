"""pipeline.pdf_lines: paragraph ends and run-ons of a PDF text layer, from the glyph boxes;
and how normalize uses them."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.ingest import ingest
from pipeline.normalize import normalize
from pipeline.pdf_lines import line_breaks
from pipeline.records import PageText, RawDocument, SourceInfo

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

# seed 004 II.1: a heading one word short of the margin above a capitalised paragraph
SEED_HEADING = "1. Công tác tuyên truyền (đính kèm Phụ lục khẩu hiệu tuyên truyền)"
SEED_PARAGRAPH = (
    "Đẩy mạnh và đổi mới các hoạt động thông tin, tuyên truyền trên các phương tiện thông tin đại "
    "chúng, các cổng thông tin điện tử của đơn vị, tổ chức liên quan, các trang mạng xã hội về tầm "
    "quan trọng và vai trò của việc xây dựng năng lực tự học góp phần hoàn thiện của mỗi cá nhân."
)
# written: another heading and paragraph, a first-line indent, a narrower font size
OWN_HEADING = "3. Phòng Văn hóa và Thông tin huyện Phú Lương (chủ trì, phối hợp)"
OWN_PARAGRAPH = (
    "Xây dựng chuyên mục tuyên truyền trên Cổng thông tin điện tử của huyện, đưa tin về các hoạt "
    "động hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam tại các xã, thị trấn; phối hợp với Trung tâm "
    "Văn hóa, Thể thao và Truyền thông treo băng rôn tại các tuyến đường chính của huyện."
)


def _pdf(path: Path, blocks: list[tuple[str, str]], size: int = 12, indent: str = "") -> Path:
    """Each block is (heading, paragraph); the paragraph is justified, as in a Word export."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=size)
    pdf.add_page()
    for heading, paragraph in blocks:
        pdf.multi_cell(0, 7, heading, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 7, indent + paragraph, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _classified(path: Path) -> tuple[list[str], set[int], set[int]]:
    page = pdfium.PdfDocument(str(path))[0]
    textpage = page.get_textpage()
    raw = textpage.get_text_range()
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    lb = line_breaks(textpage, raw)
    lines, pos, ends, wraps = [], 0, set(), set()
    for i, line in enumerate(text.split("\n")):
        lines.append(line)
        pos += len(line)
        if pos in lb.ends:
            ends.add(i)
        if pos in lb.wraps:
            wraps.add(i)
        pos += 1
    return lines, ends, wraps


@pytest.mark.parametrize(
    "heading,paragraph,size,indent",
    [(SEED_HEADING, SEED_PARAGRAPH, 12, ""), (OWN_HEADING, OWN_PARAGRAPH, 11, "      ")],
)
def test_heading_ends_and_justified_lines_run_on(tmp_path, heading, paragraph, size, indent):
    lines, ends, wraps = _classified(
        _pdf(tmp_path / "a.pdf", [(heading, paragraph), (heading, paragraph)], size, indent)
    )
    heads = [i for i, line in enumerate(lines) if line == heading]
    assert len(heads) == 2, lines  # the heading fits on one line in both fonts
    assert all(h in ends for h in heads)  # the next word would have fitted after it
    body = list(range(heads[0] + 1, heads[1] - 1))  # the paragraph's lines but the last
    assert body and all(i in wraps and i not in ends for i in body)
    assert heads[1] - 1 in ends  # the paragraph's last line stops short


def test_heading_stays_off_the_paragraph_after_normalize(tmp_path):
    path = _pdf(tmp_path / "a.pdf", [(SEED_HEADING, SEED_PARAGRAPH), (OWN_HEADING, OWN_PARAGRAPH)])
    text = normalize(ingest(str(path))).text
    assert f"{SEED_HEADING}\nĐẩy mạnh" in text
    assert f"{OWN_HEADING}\nXây dựng" in text
    assert SEED_PARAGRAPH in text and OWN_PARAGRAPH in text


def _raw(text: str, breaks: list[int], wraps: list[int]) -> RawDocument:
    page = PageText(index=0, text=text, method="text", breaks=breaks, wraps=wraps)
    return RawDocument(doc_id="0" * 16, source=SourceInfo(path="x.pdf", format="pdf"), pages=[page])


def test_normalize_glues_a_sentence_end_only_across_a_layout_wrap():
    # seed 004 II.2 (text-PDF): one paragraph whose line happens to end a sentence
    a = "- Tăng cường ứng dụng công nghệ số để triển khai các hoạt động xây dựng quận học tập."
    b = "Tuyên truyền, quảng bá mục đích, ý nghĩa của học tập suốt đời đến từng khu phố."
    text = f"{a}\n{b}"
    assert normalize(_raw(text, [], [len(a)])).text == f"{a} {b}"
    assert normalize(_raw(text, [], [])).text == text  # without the layout: two lines
    # written: a title in capitals, a header line and a list item never run on, wrap or not
    for first, second in [
        ("KẾ HOẠCH TỔ CHỨC NGÀY SÁCH VÀ VĂN HÓA ĐỌC.", "Thực hiện Công văn số 12/SVHTT."),
        ("Số: 15/KH-UBND.", "Phú Lương, ngày 02 tháng 3 năm 2025"),
        ("Tổ chức hội sách tại nhà văn hóa xã.", "- Treo băng rôn tại trụ sở."),
    ]:
        assert normalize(_raw(f"{first}\n{second}", [], [len(first)])).text == f"{first}\n{second}"


def test_normalize_keeps_a_capitalised_line_off_a_layout_end():
    # written: "… của" would be glued by the text rules anyway; a short line is not
    a = "3. Trung tâm Văn hóa, Thể thao và Truyền thông huyện"
    b = "Xây dựng chuyên mục tuyên truyền trên sóng phát thanh của huyện và các xã, thị trấn."
    text = f"{a}\n{b}"
    assert normalize(_raw(text, [len(a)], [])).text == text
    open_end = "Thực hiện Kế hoạch số 15/KH-UBND ngày 02/3/2025 của"
    joined = normalize(_raw(f"{open_end}\nỦy ban nhân dân huyện.", [len(open_end)], [])).text
    assert joined == f"{open_end} Ủy ban nhân dân huyện."
