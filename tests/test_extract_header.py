"""Header fields: own number, place/date, doc type, title, issuer (fields_header.py).

Rows are real phrasings (source in the comment) plus phrasings written for another
province / year / agency, so no rule keys on one document.
"""

import pytest

from pipeline import fields_header as fh
from pipeline.records import Segmentation, Text


def _doc(s: str) -> fh.Doc:
    return fh.Doc(text=Text(text=s, src=list(range(len(s) + 1)), originals=[s]), seg=Segmentation())


@pytest.mark.parametrize(
    "text,number,code",
    [
        ("Số: 167 /KH-UBND\n", "167/KH-UBND", "KH-UBND"),  # seed 003
        ("Số           /KH-UBND\n", None, "KH-UBND"),  # seed 004 (blank draft)
        ("Số: 2739/VPCP-ĐMDN V/v quy định về quản trị\n", "2739/VPCP-ĐMDN", "VPCP-ĐMDN"),  # docs/007
        ("| Số: 49/2012/QĐ-UBND | Thành phố Hồ Chí Minh |", "49/2012/QĐ-UBND", "QĐ-UBND"),  # docs/011
        ("Số: 58/KH-UBND\n", "58/KH-UBND", "KH-UBND"),  # written: another plan
        ("Số:  1025  /QĐ-SGDĐT\n", "1025/QĐ-SGDĐT", "QĐ-SGDĐT"),  # written: spaced
        ("Số lượng học sinh tham gia 120 em\n", None, None),  # written: not a number line
    ],
)
def test_own_number(text, number, code):
    doc = _doc(text)
    assert fh.extract_number(doc) == (number, code)
    if number:
        ev = doc.evidence["number"]
        assert text[ev.start : ev.end] == ev.text


@pytest.mark.parametrize(
    "text,place,date",
    [
        ("Thái Nguyên, ngày 22 tháng 9 năm 2023\n", "Thái Nguyên", "2023-09-22"),  # seed 003
        ("Quận 7, ngày       tháng       năm 2024\n", "Quận 7", None),  # seed 004
        (
            "Hà Nội, ngày 05 tháng 04 năm 2019 Kính gửi: Bộ Kế hoạch và Đầu tư.",
            "Hà Nội",
            "2019-04-05",
        ),  # docs/007
        ("Vĩnh Phúc, ngày\n21 tháng 8 năm 2019", "Vĩnh Phúc", "2019-08-21"),  # excerpts/E05
        ("Đà Lạt, ngày 3 tháng 10 năm 2025\n", "Đà Lạt", "2025-10-03"),  # written
        ("Thị trấn Hát Lót, ngày ….. tháng ….. năm 2021", "Thị trấn Hát Lót", None),  # written, dotted blanks
    ],
)
def test_place_date(text, place, date):
    doc = _doc(text)
    assert fh.extract_place_date(doc) == (place, date)


def test_banner_date_is_a_fallback_with_warning():
    # written after the signed PDFs on datafiles.chinhphu.vn (banner only, no header date)
    doc = _doc("Người ký: Cổng Thông tin\nThời gian ký: 23.04.2026 09:15:02 +07:00\nNGHỊ QUYẾT\n")
    assert fh.extract_place_date(doc) == (None, "2026-04-23")
    assert any("banner" in w for w in doc.warnings)


@pytest.mark.parametrize(
    "text,doc_type,title",
    [
        # seed 003
        (
            "Số: 167 /KH-UBND\n\n## KẾ HOẠCH\n\n### Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023\n\nThực hiện Công văn",
            "KH",
            "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023",
        ),
        # seed 004: two title lines, trailing "trên địa bàn ..." kept
        (
            "KẾ HOẠCH\nTổ chức Tuần lễ “Hưởng ứng học tập suốt đời năm 2024” \ntrên địa bàn Quận 7\nThực hiện Kế hoạch số 5701",
            "KH",
            "Tổ chức Tuần lễ “Hưởng ứng học tập suốt đời năm 2024” trên địa bàn Quận 7",
        ),
        # docs/007: a công văn's trích yếu is its V/v line
        (
            "Số: 2739/VPCP-ĐMDN V/v quy định về quản trị doanh nghiệp\nHà Nội, ngày 05 tháng 04 năm 2019",
            "CV",
            "quy định về quản trị doanh nghiệp",
        ),
        # written: a decision with its issuer repeated before the preamble
        (
            "Số: 12/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc thành lập Ban tổ chức Ngày hội đọc sách\nỦY BAN NHÂN DÂN HUYỆN LÂM HÀ\nCăn cứ Luật",
            "QĐ",
            "Về việc thành lập Ban tổ chức Ngày hội đọc sách",
        ),
    ],
)
def test_doc_type_and_title(text, doc_type, title):
    doc = _doc(text)
    _, code = fh.extract_number(doc)
    assert fh.extract_doc_type(doc, code) == doc_type
    assert fh.extract_title(doc) == title


@pytest.mark.parametrize(
    "raw,name,level",
    [
        ("ỦY BAN NHÂN DÂN QUẬN 7", "Ủy ban nhân dân Quận 7", "district"),  # seed 004
        ("BỘ TÀI CHÍNH TỔNG CỤC THUẾ", "Tổng cục Thuế", "central"),  # docs/033 (lower unit kept)
        ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ", "central"),  # docs/007
        (
            "ỦY BAN NHÂN DÂN TỈNH KHÁNH H ÒA",
            "Ủy ban nhân dân tỉnh Khánh Hòa",
            "province",
        ),  # excerpts/E02 (broken word)
        (
            "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
            "Ủy ban nhân dân Thành phố Hồ Chí Minh",
            "province",
        ),  # docs/011
        ("BỘ CÔNG THƯƠNG", "Bộ Công Thương", "central"),  # excerpts/E17
        ("PHÒNG GD&ĐT HUYỆN ĐẠI TỪ", "Phòng Giáo dục và Đào tạo huyện Đại Từ", "district"),  # written
        (
            "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH LÀO CAI",
            "Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai",
            "province",
        ),  # written
        ("ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ", "Ủy ban nhân dân phường Bến Nghé", "commune"),  # written
    ],
)
def test_format_unit(raw, name, level):
    got_name, got_level, _ = fh.format_unit(raw, "Quận 1, Thành phố Hồ Chí Minh")
    assert (got_name, got_level) == (name, level)


def test_issuer_from_header_with_admin_code():
    # seed 004 header shape
    doc = _doc(" \t  ỦY BAN NHÂN DÂN QUẬN 7\n\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố           /KH-UBND\n")
    issuer = fh.extract_issuer(doc, "Quận 7")
    assert (issuer.name, issuer.level, issuer.admin_code) == ("Ủy ban nhân dân Quận 7", "district", "778")
    assert doc.evidence["issuer.name"].text == "ỦY BAN NHÂN DÂN QUẬN 7"


def test_issuer_from_table_header_cell():
    # docs/033: flattened table row, two-line issuer
    doc = _doc("| BỘ TÀI CHÍNH TỔNG CỤC THUẾ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n")
    assert fh.extract_issuer(doc, "Hà Nội").name == "Tổng cục Thuế"


@pytest.mark.parametrize(
    "text,place,name,level,code",
    [
        # seed 001: no header; the preamble names the issuer, the body names district and province
        (
            "Thực hiện Công văn số 747 của Phòng Giáo dục và Đào tạo huyện Đại Từ;\n"
            "Ủy ban nhân dân xã Hà Thượng xây dựng kế hoạch triển khai như sau:\nI. MỤC ĐÍCH\n"
            "Đảng bộ tỉnh Thái Nguyên",
            None,
            "Ủy ban nhân dân xã Hà Thượng",
            "commune",
            "05812",
        ),
        # seed 003: "UBND tỉnh ban hành" + place "Thái Nguyên"
        (
            "Thực hiện Công văn 4864/BGDĐT-GDTrX ngày 08/9/2023 của Bộ Giáo dục và Đào tạo; "
            "UBND tỉnh ban hành Kế hoạch tổ chức Tuần lễ như sau:\n1. Mục đích",
            "Thái Nguyên",
            "Ủy ban nhân dân tỉnh Thái Nguyên",
            "province",
            "19",
        ),
        # written: a cited document's issuer must not be taken
        (
            "Thực hiện Kế hoạch số 12/KH-UBND của Ủy ban nhân dân tỉnh Lâm Đồng xây dựng kế hoạch năm 2024;\n"
            "UBND huyện ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\nhuyện Lâm Hà",
            "Lâm Hà",
            "Ủy ban nhân dân huyện Lâm Hà",
            "district",
            "676",
        ),
    ],
)
def test_issuer_from_preamble(text, place, name, level, code):
    doc = _doc(text)
    issuer = fh.extract_issuer(doc, place)
    assert (issuer.name, issuer.level, issuer.admin_code) == (name, level, code)


def test_issuer_from_signature_collective():
    # written after excerpts/E09 ("TM. ỦY BAN NHÂN DÂN"), locality from the text
    doc = _doc(
        "Kế hoạch trên địa bàn tỉnh Bắc Kạn.\nNơi nhận:\n- Như trên;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A"
    )
    issuer = fh.extract_issuer(doc, None)
    assert (issuer.name, issuer.level, issuer.admin_code) == (
        "Ủy ban nhân dân tỉnh Bắc Kạn",
        "province",
        "06",
    )
