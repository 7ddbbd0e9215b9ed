"""Closing fields: signer (fields_signer.py) and recipients (fields_recipients.py)."""

import re

import pytest

from pipeline import fields_recipients as fr
from pipeline import fields_signer as fs
from pipeline.fields_common import Doc
from pipeline.records import Segmentation, Text


def _doc(s: str) -> Doc:
    return Doc(text=Text.of(s), seg=Segmentation())


@pytest.mark.parametrize(
    "text,name,title,authority",
    [
        # seed 003
        (
            "Nơi nhận:\n- Bộ GD&ĐT;\n- Lưu: VT.\n\nPvk.KH07\n\n**KT. CHỦ TỊCH  \nPHÓ CHỦ TỊCH THƯỜNG TRỰC**\n\n\n\n**Đặng Xuân Trường**",
            "Đặng Xuân Trường",
            "Phó Chủ tịch Thường trực",
            "KT. Chủ tịch",
        ),
        # seed 004 (tabs, blank lines before the name, annex after it)
        (
            "\tNơi nhận:\n· UBND 10 phường;\n· Lưu: VT.\n\tKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\nChâu Xuân Đại Thắng\n\n\nPHỤ LỤC",
            "Châu Xuân Đại Thắng",
            "Phó Chủ tịch",
            "KT. Chủ tịch",
        ),
        # docs/029: flattened table cell
        (
            "| Nơi nhận: - Như trên; - Lưu: VT, KGVX (3) Th. | KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM Nguyễn Khắc Định |",
            "Nguyễn Khắc Định",
            "Phó Chủ nhiệm",
            "KT. Bộ trưởng, Chủ nhiệm",
        ),
        # written: TM. of a collective, no KT.
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLò Văn Hùng\n",
            "Lò Văn Hùng",
            "Chủ tịch",
            "TM. Ủy ban nhân dân",
        ),
        # written: a director signing in his own name
        (
            "Nơi nhận:\n- Các phòng GD&ĐT;\n- Lưu: VT.\nGIÁM ĐỐC\n\n\nTrần Thị Mai Anh\n",
            "Trần Thị Mai Anh",
            "Giám đốc",
            None,
        ),
    ],
)
def test_signer(text, name, title, authority):
    doc = _doc(text)
    s = fs.extract_signer(doc)
    assert (s.name, s.title, s.authority) == (name, title, authority)
    ev = doc.evidence["signer.name"]
    assert text[ev.start : ev.end] == ev.text == name


@pytest.mark.parametrize(
    "text,items",
    [
        # seed 003
        (
            "#### **Nơi nhận:**\n\n- Bộ Giáo dục và Đào tạo (b/c);\n- CT UBND tỉnh (b/c);\n- Lưu: VT, KGVX.\n\nPvk.KH07.GDDĐT\n\n**KT. CHỦ TỊCH",
            ["Bộ Giáo dục và Đào tạo (b/c)", "CT UBND tỉnh (b/c)"],
        ),
        # seed 004: middle-dot bullets, trailing comma
        (
            "\tNơi nhận:\n· Sở GD&ĐT TP.HCM; HKH TP;\n· Các cơ quan, đơn vị, phòng, ban thuộc quận,\n· Lưu: VT.\n\tKT. CHỦ TỊCH",
            ["Sở GD&ĐT TP.HCM; HKH TP", "Các cơ quan, đơn vị, phòng, ban thuộc quận"],
        ),
        # docs/033: flattened crawled line split on " - "
        (
            "| Nơi nhận: - Như trên; - UBND tỉnh Hà Tĩnh; - Phó TCTr Cao Anh Tuấn để b/c; - Lưu: VT, CS (2b). | TL. TỔNG CỤC TRƯỞNG",
            ["Như trên", "UBND tỉnh Hà Tĩnh", "Phó TCTr Cao Anh Tuấn để b/c"],
        ),
        # written
        (
            "Nơi nhận:\n- Sở Nội vụ tỉnh Gia Lai;\n- Phòng Văn hóa - Thông tin;\n- Lưu VT\nCHỦ TỊCH",
            ["Sở Nội vụ tỉnh Gia Lai", "Phòng Văn hóa - Thông tin"],
        ),
    ],
)
def test_recipients(text, items):
    doc = _doc(text)
    assert fr.extract_recipients(doc) == items
    for i in range(len(items)):
        ev = doc.evidence[f"recipients[{i}]"]
        assert text[ev.start : ev.end] == ev.text


@pytest.mark.parametrize(
    "text,name,title,authority",
    [
        # docs/014: stacked TM. + KT. on one flattened line → both authority lines kept
        (
            "Nơi nhận: - Như Điều 3; - Lưu: VT.\n\n\nTM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Huy Tưởng",
            "Nguyễn Huy Tưởng",
            "Phó Chủ tịch",
            "TM. Ủy ban nhân dân KT. Chủ tịch",
        ),
        # written: the same stack, one line each, for the Government
        (
            "Nơi nhận:\n- Các bộ;\n- Lưu: VT.\nTM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\nTrần Văn Bình\n",
            "Trần Văn Bình",
            "Phó Thủ tướng",
            "TM. Chính phủ KT. Thủ tướng",
        ),
        # docs/033: TL. over KT., the KT. position heads a unit
        (
            "Nơi nhận: - Như trên; - Lưu: VT, CS (2b).\n\n\nTL. TỔNG CỤC TRƯỞNG KT. VỤ TRƯỞNG VỤ CHÍNH SÁCH PHÓ VỤ TRƯỞNG Ngô Văn Độ",
            "Ngô Văn Độ",
            "Phó Vụ trưởng",
            "TL. Tổng cục trưởng KT. Vụ trưởng Vụ Chính sách",
        ),
        # docs/017: TL. and a title naming the unit it heads
        (
            "Nơi nhận: - Như trên; - Lưu: VT, Vụ KHTC.\n\n\nTL. BỘ TRƯỞNG VỤ TRƯỞNG VỤ KẾ HOẠCH - TÀI CHÍNH Phạm Quang Phụng\n\n\nTHUYẾT MINH",
            "Phạm Quang Phụng",
            "Vụ trưởng Vụ Kế hoạch - Tài chính",
            "TL. Bộ trưởng",
        ),
        # written: TL. of a provincial chairman, Chánh Văn phòng signs
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nLê Thị Hồng Nhung\n",
            "Lê Thị Hồng Nhung",
            "Chánh Văn phòng",
            "TL. Chủ tịch",
        ),
        # docs/010: "KT." alone on its line; the attached form's capitals follow the name
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT, GSQL(03b).\nKT.\nTỔNG CỤC TRƯỞNG PHÓ TỔNG CỤC TRƯỞNG Vũ Ngọc Anh TÊN ĐƠN VỊ CUNG CẤP:……….\n",
            "Vũ Ngọc Anh",
            "Phó Tổng cục trưởng",
            "KT. Tổng cục trưởng",
        ),
        # docs/007: two positions joined by a comma are one title; "Trung Anh" (typist) is not the signer
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT, ĐMDN (2b). Trung Anh BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng",
            "Mai Tiến Dũng",
            "Bộ trưởng, Chủ nhiệm",
            None,
        ),
        # docs/018: TM. of "UỶ BAN NHÂN DÂN TỈNH", the chairman signs
        (
            "Nơi nhận: - Văn phòng Chính phủ; - Lưu VT, VX.\n\n\nTM. UỶ BAN NHÂN DÂN TỈNH CHỦ TỊCH Chẩu Văn Lâm\n\n\nQUY ĐỊNH",
            "Chẩu Văn Lâm",
            "Chủ tịch",
            "TM. Ủy ban nhân dân tỉnh",
        ),
        # excerpts/E09: cut after "KT. CHỦ TỊCH"; the next document's header is no title
        (
            "Quyết định này có hiệu lực thi hành kể từ ngày ký./.\nKT. CHỦ TỊCH\n\n\nHỘI KHUYẾN HỌC VIỆT NAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 38/KH-HKHVL",
            None,
            None,
            "KT. Chủ tịch",
        ),
        # pdf/tt_21_bct_fuel.pdf (OCR): "KT," for "KT.", name not legible
        (
            "các tổ chức phản ánh về Bộ Công Thương để xem xét, giải quyết./.\n\nKT, BỘ TRƯỞNG .\n\nNơi nhận: `\n\n- Văn phòng Quốc hội;\n- Lưu: VT, TTTN.\n",
            None,
            None,
            "KT. Bộ trưởng",
        ),
        # excerpts/E06: "THỦ TƯỚNG" inside an ALL-CAPS title, no signature at all
        (
            "Số: 154/KH-UBND\n\nTHỰC HIỆN CHỈ THỊ SỐ 20/CT-TTG NGÀY 01/11/2022 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ ĐẨY MẠNH\nThực hiện Chỉ thị số 20/CT-TTg",
            None,
            None,
            None,
        ),
        # written: an enacting line in capitals is not a signature
        (
            "QUYẾT ĐỊNH\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\n\nCăn cứ Luật Tổ chức chính quyền địa phương;",
            None,
            None,
            None,
        ),
    ],
)
def test_signer_stacks_and_layouts(text, name, title, authority):
    s = fs.extract_signer(_doc(text))
    assert (s.name, s.title, s.authority) == (name, title, authority)


@pytest.mark.parametrize(
    "text,name",
    [
        (
            "Nơi nhận: - Như Điều 4; - Lưu: VT, TTHC(htd).\n\n\nCHỦ TỊCH Đặ ng Văn Minh\n\n\nFILE ĐƯỢC ĐÍNH KÈM",
            "Đặng Văn Minh",
        ),  # docs/024
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nHoà ng Thị Lan\n",
            "Hoàng Thị Lan",
        ),  # written
    ],
)
def test_signer_name_crawl_spacing_joined(text, name):
    doc = _doc(text)
    assert fs.extract_signer(doc).name == name
    ev = doc.evidence["signer.name"]
    assert text[ev.start : ev.end].replace(" ", "") == name.replace(" ", "")


def test_signer_two_column_ocr():
    # pdf/nq_115_ba_vi.pdf: the signature column interleaved with the Nơi nhận bullets
    text = (
        "chịu trách nhiệm thi hành Nghị quyết này./.\n\nNơi nhận: TM. CHÍNH PHỦ\n"
        "- Ban Bí thư Trung ương Đảng; KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\n"
        "- Thủ tướng, các Phó Thủ tướng Chính phủ;\n- Kiểm toán nhà nước; Ga „\n"
        "- Ủy ban trung ương Mặt trận Tổ quốc Việt Nam; Hồ Quốc Dũng\n"
        "- VPCP: BTCN, các PCN, Công báo;\n— ~ Lưu: VT,NN (0).\n60"
    )
    doc = _doc(text)
    s = fs.extract_signer(doc)
    assert (s.name, s.title, s.authority) == ("Hồ Quốc Dũng", "Phó Thủ tướng", "TM. Chính phủ KT. Thủ tướng")
    assert fr.extract_recipients(doc) == [
        "Ban Bí thư Trung ương Đảng",
        "Thủ tướng, các Phó Thủ tướng Chính phủ",
        "Kiểm toán nhà nước",
        "Ủy ban trung ương Mặt trận Tổ quốc Việt Nam",
        "VPCP: BTCN, các PCN, Công báo",
    ]


def test_signer_two_column_written():
    # written: another two-column reading, KT. of a provincial chairman
    text = (
        "Nơi nhận: KT. CHỦ TỊCH\n- Sở Tài chính; PHÓ CHỦ TỊCH\n- Kho bạc Nhà nước tỉnh;\n"
        "- UBND các huyện; Lò Thị Xuân\n- Lưu: VT.\n"
    )
    doc = _doc(text)
    s = fs.extract_signer(doc)
    assert (s.name, s.title, s.authority) == ("Lò Thị Xuân", "Phó Chủ tịch", "KT. Chủ tịch")
    assert fr.extract_recipients(doc) == ["Sở Tài chính", "Kho bạc Nhà nước tỉnh", "UBND các huyện"]


@pytest.mark.parametrize(
    "text,items",
    [
        # docs/014: flattened items whose note "(để báo cáo)" closes them before " - "
        (
            "Nơi nhận: - Như Điều 3; - Bộ LĐTB&XH; (để báo cáo) - TT Thành ủy; TT HĐND TP; (để báo cáo) - Các đ/c PCT UBND TP; - Lưu: VT.\n\n\nTM. ỦY BAN NHÂN DÂN",
            [
                "Như Điều 3",
                "Bộ LĐTB&XH; (để báo cáo)",
                "TT Thành ủy; TT HĐND TP; (để báo cáo)",
                "Các đ/c PCT UBND TP",
            ],
        ),
        # written
        (
            "Nơi nhận: - Bộ Tài chính; (b/c) - Sở Y tế; (thực hiện) - Cục Kiểm tra văn bản - Bộ Tư pháp; - Lưu VT.\n\nCHỦ TỊCH",
            ["Bộ Tài chính; (b/c)", "Sở Y tế; (thực hiện)", "Cục Kiểm tra văn bản - Bộ Tư pháp"],
        ),
    ],
)
def test_recipients_flat_items_closed_by_a_note(text, items):
    assert fr.extract_recipients(_doc(text)) == items


@pytest.mark.parametrize(
    "text,name,title,authority",
    [
        # written: a markdown table cell with <br> line breaks (DOCX/HTML conversion)
        (
            "Nơi nhận:\n- Như trên;\n| | **KT. CHỦ TỊCH**<br>**PHÓ CHỦ TỊCH**<br><br>**Trần Minh Khoa** |",
            "Trần Minh Khoa",
            "Phó Chủ tịch",
            "KT. Chủ tịch",
        ),
        # written: the name closed by a period
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Văn Dũng.\n",
            "Nguyễn Văn Dũng",
            "Phó Giám đốc",
            "KT. Giám đốc",
        ),
    ],
)
def test_signer_markup_and_punctuation(text, name, title, authority):
    s = fs.extract_signer(_doc(text))
    assert (s.name, s.title, s.authority) == (name, title, authority)


@pytest.mark.parametrize(
    "text,items",
    [
        # docs/036 as a text-PDF page: a flattened Nơi nhận cell wrapped over several lines
        (
            "Nơi nhận: - Như trên; - UB các vấn đề XH của QH;\n(để báo cáo) - Ban Dân nguyện của QH; (để báo\n"
            "cáo) - Bộ Y tế; (để phối hợp) - TW Hội\nCCB; - Các Thứ trưởng; -\nLưu: VT, Cục NCC.\n"
            "KT. BỘ TRƯỞNG THỨ TRƯỞNG Bùi Hồng Lĩnh",
            [
                "Như trên",
                "UB các vấn đề XH của QH; (để báo cáo)",
                "Ban Dân nguyện của QH; (để báo cáo)",
                "Bộ Y tế; (để phối hợp)",
                "TW Hội CCB",
                "Các Thứ trưởng",
            ],
        ),
        # docs/018 as a text-PDF page: a wrap right after a hyphen inside an item
        (
            "Nơi nhận: - Văn phòng Chính phủ; - Bộ Lao động -\nTB và XH; (báo cáo) - Thường trực Tỉnh uỷ;\n"
            "- Như Điều 2; (thực hiện)\n- Lưu: VT.\nTM. UỶ BAN NHÂN DÂN TỈNH\nCHỦ TỊCH\nChẩu Văn Lâm",
            [
                "Văn phòng Chính phủ",
                "Bộ Lao động - TB và XH; (báo cáo)",
                "Thường trực Tỉnh uỷ",
                "Như Điều 2; (thực hiện)",
            ],
        ),
        # written: one bullet per line, a long item hard-wrapped at 70 characters
        (
            "Nơi nhận:\n- Như trên;\n- Sở Kế hoạch và Đầu tư, Sở Tài chính, Kho bạc Nhà nước tỉnh Lào\nCai (để phối hợp);\n"
            "- Lưu: VT, TH.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLò Văn Sơn",
            ["Như trên", "Sở Kế hoạch và Đầu tư, Sở Tài chính, Kho bạc Nhà nước tỉnh Lào Cai (để phối hợp)"],
        ),
    ],
)
def test_recipients_wrapped_items(text, items):
    assert fr.extract_recipients(_doc(text)) == items


@pytest.mark.parametrize(
    "text,name,title,authority",
    [
        # docs/015 as a text-PDF page: the name wrapped in the narrow signature cell
        (
            "Nơi nhận:\n- Lưu: VT.\nKT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Sinh\nHùng",
            "Nguyễn Sinh Hùng",
            "Phó Thủ tướng",
            "KT. Thủ tướng",
        ),
        # docs/018: a three-letter last word ("Lâm") is a name, not OCR dirt
        (
            "Nơi nhận:\n- Lưu: VT.\nTM. UỶ BAN NHÂN DÂN TỈNH CHỦ TỊCH Chẩu Văn\nLâm",
            "Chẩu Văn Lâm",
            "Chủ tịch",
            "TM. Ủy ban nhân dân tỉnh",
        ),
        # docs/023 hard-wrapped at 70 characters: only the family name on the caps line
        ("Nơi nhận:\n- Lưu: VT.\nCHỦ TỊCH Nguyễn\nVăn Sơn", "Nguyễn Văn Sơn", "Chủ tịch", None),
        # docs/018 hard-wrapped: the authority's unit wrapped onto the position's line
        (
            "Nơi nhận:\n- Lưu: VT.\nTM. UỶ BAN NHÂN DÂN\nTỈNH CHỦ TỊCH Chẩu Văn Lâm",
            "Chẩu Văn Lâm",
            "Chủ tịch",
            "TM. Ủy ban nhân dân tỉnh",
        ),
        # docs/037 hard-wrapped: the position's unit wrapped
        (
            "Nơi nhận:\n- Lưu: VT.\nTL. BỘ TRƯỞNG CỤC TRƯỞNG CỤC\nNGƯỜI CÓ CÔNG Hoàng Công Thái",
            "Hoàng Công Thái",
            "Cục trưởng Cục Người có công",
            "TL. Bộ trưởng",
        ),
        # written: stacked lines stay separate authorities
        (
            "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHà Thị\nMai",
            "Hà Thị Mai",
            "Phó Chủ tịch",
            "TM. Ủy ban nhân dân KT. Chủ tịch",
        ),
    ],
)
def test_signer_wrapped(text, name, title, authority):
    s = fs.extract_signer(_doc(text))
    assert (s.name, s.title, s.authority) == (name, title, authority)


@pytest.mark.parametrize(
    "text, name, title, authority",
    [
        # renditions/scan of docs/038: OCR reads "TRƯỞNG" as "TRƯỜNG" in the signature
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. BỘ TRƯỜNG THỨ TRƯỜNG Bùi Hồng Lĩnh\n",
            "Bùi Hồng Lĩnh",
            "Thứ trưởng",
            "KT. Bộ trưởng",
        ),
        # written: another agency, two-line signature
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CỤC TRƯỜNG\nPHÓ CỤC TRƯỜNG\nTrần Văn Nam\n",
            "Trần Văn Nam",
            "Phó Cục trưởng",
            "KT. Cục trưởng",
        ),
        # renditions/scan of docs/008: OCR reads "TL." as "TL:"
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTL:\n\nBỘ TRƯỞNG CHÁNH VĂN PHÒNG Nguyễn Đức Tâm\n",
            "Nguyễn Đức Tâm",
            "Chánh Văn phòng",
            "TL. Bộ trưởng",
        ),
    ],
)
def test_signer_ocr_misreadings(text, name, title, authority):
    s = fs.extract_signer(_doc(text))
    assert (s.name, s.title, s.authority) == (name, title, authority)


def test_school_word_is_not_repaired_outside_a_position():
    # written: "TRƯỜNG" (school) after a non-position word stays as read
    toks = [
        ("TM.", 0, 3, 0),
        ("BAN", 4, 7, 0),
        ("TRƯỜNG", 8, 14, 0),
        ("BỘ", 15, 17, 0),
        ("TRƯỜNG", 18, 24, 0),
    ]
    assert [w for w, *_ in fs._repair_positions(toks)] == ["TM.", "BAN", "TRƯỜNG", "BỘ", "TRƯỞNG"]


@pytest.mark.parametrize(
    "text,name,title,authority",
    [
        # written: the "(Đã ký)" a portal puts where the signature was (thuvienphapluat style)
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nNguyễn Văn An\n",
            "Nguyễn Văn An",
            "Phó Chủ tịch",
            "TM. Ủy ban nhân dân KT. Chủ tịch",
        ),
        # written: bracketed, in a flattened table
        (
            "| Nơi nhận: - Như trên; - Lưu: VT. | CHỦ TỊCH [đã ký] Nguyễn Đức Trung |",
            "Nguyễn Đức Trung",
            "Chủ tịch",
            None,
        ),
        # written: "Q." is the signer's acting position, not a delegation
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nQ. GIÁM ĐỐC\n\nTrịnh Văn Hải\n",
            "Trịnh Văn Hải",
            "Quyền Giám đốc",
            None,
        ),
        (
            "Nơi nhận:\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nQ. PHÓ GIÁM ĐỐC\n\nLê Văn Cường\n",
            "Lê Văn Cường",
            "Quyền Phó Giám đốc",
            "KT. Giám đốc",
        ),
    ],
)
def test_signer_past_signed_markers_and_acting_titles(text, name, title, authority):
    doc = _doc(text)
    s = fs.extract_signer(doc)
    assert (s.name, s.title, s.authority) == (name, title, authority)
    for key, ev in doc.evidence.items():
        if key.startswith("signer"):
            assert text[ev.start : ev.end] == ev.text


@pytest.mark.parametrize(
    "text,items",
    [
        # renditions/scan of docs/036: OCR wrapped the flattened Nơi nhận cell, blank lines
        # between its paragraphs; the "(để báo cáo)" note opens the next paragraph
        (
            "Nơi nhận: - Như trên; - UB các vấn đề XH của QH;\n\n\n(để báo cáo) - Ban Dân nguyện của QH; (để báo\n"
            "cáo) - Văn phòng Chính phủ; (để báo cáo) - TW Hội\nCCB; - Sở LĐTBXH các tỉnh, TP (để thực hiện); -\n"
            "Lưu: VT, Cục NCC.\n\n\nKT. BỘ TRƯỞNG THỨ TRƯỞNG Bùi Hồng Lĩnh",
            [
                "Như trên",
                "UB các vấn đề XH của QH; (để báo cáo)",
                "Ban Dân nguyện của QH; (để báo cáo)",
                "Văn phòng Chính phủ; (để báo cáo)",
                "TW Hội CCB",
                "Sở LĐTBXH các tỉnh, TP (để thực hiện)",
            ],
        ),
        # written: another flattened list, a paragraph gap right after a finished item
        (
            "Nơi nhận: - Như Điều 4; - Sở Tài chính;\n\n- Kho bạc Nhà nước tỉnh; (để phối hợp) - UBND các\n\n"
            "huyện, thành phố; - Lưu: VT, KT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn Bình",
            [
                "Như Điều 4",
                "Sở Tài chính",
                "Kho bạc Nhà nước tỉnh; (để phối hợp)",
                "UBND các huyện, thành phố",
            ],
        ),
        # written: a blank line after a finished item still ends the list when the next
        # paragraph is not a flattened list line
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGhi chú: gửi kèm bản mềm.\n\nGIÁM ĐỐC\nTrần Văn Hòa",
            ["Như trên"],
        ),
    ],
)
def test_recipients_flat_list_wrapped_over_paragraphs(text, items):
    doc = _doc(text)
    assert fr.extract_recipients(doc) == items
    for i in range(len(items)):
        ev = doc.evidence[f"recipients[{i}]"]
        assert text[ev.start : ev.end] == ev.text


@pytest.mark.parametrize(
    "text,items,signer",
    [
        # renditions/scan of docs/037: two-column OCR reads the signature cell's lines
        # between the paragraphs of the flattened Nơi nhận cell
        (
            "Nơi nhận: - Như trên; - Bộ trưởng Phạm Thị Hải\n\n\nChuyền; (để b/c); - Thứ trưởng Bùi Hồng Lĩnh; (để\n\n\n"
            "TL. BỘ TRƯỞNG CỤC TRƯỞNG CỤC NGƯỜI CÓ\n\n\nb/c); - Tổng cục Chính trị, QĐNDVN; - Tổng cục\n"
            "XDLLCAND, Bộ CA; - Lưu: VT.\n\n\nCÔNG Hoàng Công Thái",
            [
                "Như trên",
                "Bộ trưởng Phạm Thị Hải Chuyền; (để b/c)",
                "Thứ trưởng Bùi Hồng Lĩnh; (để b/c)",
                "Tổng cục Chính trị, QĐNDVN",
                "Tổng cục XDLLCAND, Bộ CA",
            ],
            ("Hoàng Công Thái", "Cục trưởng Cục Người có công", "TL. Bộ trưởng"),
        ),
        # written: a provincial department, the signature column read in two pieces
        (
            "Nơi nhận: - Như trên; - UBND tỉnh (để b/c); - Các\n\nKT. GIÁM ĐỐC\n\n"
            "phòng, ban thuộc Sở; - Lưu: VT, VP.\n\nPHÓ GIÁM ĐỐC Đinh Thị Hạnh",
            ["Như trên", "UBND tỉnh (để b/c)", "Các phòng, ban thuộc Sở"],
            ("Đinh Thị Hạnh", "Phó Giám đốc", "KT. Giám đốc"),
        ),
    ],
)
def test_two_column_ocr_of_a_flattened_list(text, items, signer):
    doc = _doc(text)
    s = fs.extract_signer(doc)
    assert (s.name, s.title, s.authority) == signer
    assert fr.extract_recipients(doc) == items
    for key, ev in doc.evidence.items():
        assert text[ev.start : ev.end] == ev.text, key


@pytest.mark.parametrize(
    "text,name,title,authority",
    [
        # renditions/scan of docs/043: "TƯỚNG" read "TƯỜNG", the name misread ("Tấn Dũng")
        # → the title is kept, the name left unread
        (
            "Nơi nhận:\n- Văn phòng Quốc hội; -\nLưu: Văn thư, KGVX (5b)\n\n\nTHỦ TƯỜNG Nguyễn gần Dùng",
            None,
            "Thủ tướng",
            None,
        ),
        # written: a minister signing in his own name, "TRƯỞNG" read "TRƯỜNG", a name misread
        ("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nBỘ TRƯỜNG\n\nPhạm vản Hùng", None, "Bộ trưởng", None),
        # renditions/scan of docs/014: "PHÓ" read without its accent ("PHO")
        (
            "Nơi nhận: - Như Điều 3; - Lưu: VT.\n\n\n2\n2\nˆ\nˆ\nTM. UY BAN NHÂN DÂN KT. CHỦ TỊCH PHO CHỦ\nTỊCH Nguyễn Huy Tưởng",
            "Nguyễn Huy Tưởng",
            "Phó Chủ tịch",
            "TM. Ủy ban nhân dân KT. Chủ tịch",  # "UY BAN" read on the folded key (gold 014)
        ),
        # written: the same misreading before another position
        (
            "Nơi nhận:\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHO GIÁM ĐỐC\n\nVõ Thị Thu",
            "Võ Thị Thu",
            "Phó Giám đốc",
            "KT. Giám đốc",
        ),
    ],
)
def test_signer_ocr_damaged_position_or_name(text, name, title, authority):
    doc = _doc(text)
    s = fs.extract_signer(doc)
    assert (s.name, s.title, s.authority) == (name, title, authority)
    assert "signer.title" in doc.evidence


@pytest.mark.parametrize(
    "text,title",
    [
        # header probe round 5 (a Chi cục's công văn): the position is "CHI CỤC TRƯỞNG", not "CỤC TRƯỞNG"
        ("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHI CỤC TRƯỞNG\n\nLê Văn Bình", "Chi cục trưởng"),
        (
            "Nơi nhận:\n- Lưu: VT.\n\nKT. CHI CỤC TRƯỞNG\nPHÓ CHI CỤC TRƯỞNG\n\nĐinh Thị Hoa",
            "Phó Chi cục trưởng",
        ),  # written
    ],
)
def test_signer_chi_cuc_truong(text, title):
    assert fs.extract_signer(_doc(text)).title == title


@pytest.mark.parametrize(
    "text",
    [
        # docs/043's misread signature line with no Nơi nhận above it: not a signature block
        "Điều 8. Quyết định này có hiệu lực từ ngày ký.\n\nTHỦ TƯỜNG Nguyễn gần Dùng",
        # written: a bare position after Nơi nhận followed by running text, not a name
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nđã ký và đóng dấu theo quy định",
    ],
)
def test_bare_position_without_a_name_is_no_signer(text):
    s = fs.extract_signer(_doc(text))
    assert (s.name, s.title, s.authority) == (None, None, None)


def test_signer_mark_codes_agree_with_authority():
    # the authority codes are written twice in body.yaml: both lists must stay the same
    from pipeline import patterns

    def codes(rule_id: str) -> set[str]:
        src = patterns.regex("body", rule_id).pattern
        return set(re.search(r"\(\?P<auth>([^)]*)\)", src).group(1).split("|"))

    assert codes("signer_mark") == codes("signer_authority")
    assert fs._is_noise("Ga „") and not fs._is_noise("KT.") and not fs._is_noise("TL:")


# ----------------------------------------------------------------------- two-column closing layouts
# The whole chain (normalize → segment → fields) runs here: DOCX table rows are split into
# their cells and a side-by-side .txt loses its column gap in normalize, and the annex cut of
# segment decides where the closing block ends.


def _full(raw: str) -> Doc:
    from pipeline.normalize import normalize
    from pipeline.segment import segment

    text = normalize(raw)
    return Doc(text=text, seg=segment(text))


@pytest.mark.parametrize(
    "raw,items,signer",
    [
        # probe document (no such layout in the corpus): DOCX, Nơi nhận and the signature in
        # one two-column table read row by row; recipients after the name's row
        (
            "Trên đây là Kế hoạch chuyển đổi số năm 2024./.\nNơi nhận: | KT. CHỦ TỊCH\n"
            "- UBND thành phố Cần Thơ; | PHÓ CHỦ TỊCH\n- Sở Thông tin và Truyền thông; | (Đã ký)\n"
            "- TT. Quận ủy, TT. HĐND quận; | Trần Thị Ánh Tuyết\n- CT, các PCT UBND quận;\n"
            "- Các phòng, ban, ngành quận;\n- UBND 07 phường;\n- Lưu: VT.",
            ["UBND thành phố Cần Thơ", "Sở Thông tin và Truyền thông", "TT. Quận ủy, TT. HĐND quận",
             "CT, các PCT UBND quận", "Các phòng, ban, ngành quận", "UBND 07 phường"],
            ("Trần Thị Ánh Tuyết", "Phó Chủ tịch", "KT. Chủ tịch"),
        ),
        # written: TL., an unbracketed "Đã ký", the name on the row before the last recipient
        (
            "Yêu cầu các đơn vị thực hiện./.\nNơi nhận: | TL. GIÁM ĐỐC\n- Như trên; | CHÁNH VĂN PHÒNG\n"
            "- Ban Giám đốc Sở; | Đã ký\n- Các phòng chuyên môn; | Lê Thị Hồng Nhung\n- Lưu: VT, VP.",
            ["Như trên", "Ban Giám đốc Sở", "Các phòng chuyên môn"],
            ("Lê Thị Hồng Nhung", "Chánh Văn phòng", "TL. Giám đốc"),
        ),
        # probe document: an Ê Đê name ("Y …") in the right-hand cell
        (
            "Trên đây là Kế hoạch./.\nNơi nhận: | TM. BAN THƯỜNG VỤ THÀNH ĐOÀN\n- Tỉnh đoàn (b/c); | BÍ THƯ\n"
            "- TT Thành ủy (b/c); | Y Thuận Niê\n- Các cơ sở Đoàn trực thuộc;\n- Lưu VP.",
            ["Tỉnh đoàn (b/c)", "TT Thành ủy (b/c)", "Các cơ sở Đoàn trực thuộc"],
            ("Y Thuận Niê", "Bí thư", "TM. Ban Thường vụ thành đoàn"),
        ),
        # probe document: text-PDF, the name on the line of the last recipient
        (
            "Trên đây là Kế hoạch./.\nNơi nhận: KT. GIÁM ĐỐC\n- Bộ Y tế (b/c); PHÓ GIÁM ĐỐC\n- UBND tỉnh (b/c);\n"
            "- Trung tâm KSBT tỉnh;\n- TTYT các huyện, thị xã, thành phố;\n- Lưu: VT, NVY. Lê Đức Thịnh",
            ["Bộ Y tế (b/c)", "UBND tỉnh (b/c)", "Trung tâm KSBT tỉnh", "TTYT các huyện, thị xã, thành phố"],
            ("Lê Đức Thịnh", "Phó Giám đốc", "KT. Giám đốc"),
        ),
        # probe document: the bare position on the Nơi nhận line, the name on the Lưu line
        (
            "2. Phòng Hành chính - Tổng hợp: bảo đảm kinh phí, hậu cần.\nNơi nhận: GIÁM ĐỐC\n"
            "- Sở LĐ-TB&XH (b/c);\n- UBND các huyện, thành phố;\n- Các doanh nghiệp trên địa bàn;\n"
            "- Lưu: VT, TVGTVL. Đoàn Thị Kim Ngân",
            ["Sở LĐ-TB&XH (b/c)", "UBND các huyện, thành phố", "Các doanh nghiệp trên địa bàn"],
            ("Đoàn Thị Kim Ngân", "Giám đốc", None),
        ),
        # written: a decision of a provincial committee
        (
            "Điều 3. Thủ trưởng các cơ quan chịu trách nhiệm thi hành Quyết định này./.\n"
            "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như Điều 3; CHỦ TỊCH\n- Sở Tài chính;\n- Lưu: VT, TH. Phan Thị Hoa",
            ["Như Điều 3", "Sở Tài chính"],
            ("Phan Thị Hoa", "Chủ tịch", "TM. Ủy ban nhân dân"),
        ),
        # probe document: side-by-side .txt, a recipient wrapped under the acting title, "Đã ký"
        # without brackets, the name after the last item's ";"
        (
            "3. Trưởng các thôn: vận động hộ gia đình.\n\nNơi nhận:                               TM. ỦY BAN NHÂN DÂN\n"
            "- Sở Nông nghiệp và Môi trường                 Q. CHỦ TỊCH\n  Hà Nội (để b/c);\n"
            "- Chi cục Chăn nuôi, Thủy sản và Thú y;            Đã ký\n- TT Đảng ủy, TT HĐND xã;\n"
            "- Các thôn;                                     Đỗ Văn Ước\n- Lưu: VT, KT.\n",
            ["Sở Nông nghiệp và Môi trường Hà Nội (để b/c)", "Chi cục Chăn nuôi, Thủy sản và Thú y",
             "TT Đảng ủy, TT HĐND xã", "Các thôn"],
            ("Đỗ Văn Ước", "Quyền Chủ tịch", "TM. Ủy ban nhân dân"),
        ),
        # written: the same with a plain position and the name beside "- Lưu: VT."
        (
            "Trên đây là Kế hoạch của Sở./.\nNơi nhận:                               KT. GIÁM ĐỐC\n"
            "- Ủy ban nhân dân tỉnh                  PHÓ GIÁM ĐỐC\n  Bắc Giang (để b/c);\n"
            "- Các phòng thuộc Sở;                     (Đã ký)\n- Lưu: VT.                                 Ngô Văn Tám\n",
            ["Ủy ban nhân dân tỉnh Bắc Giang (để b/c)", "Các phòng thuộc Sở"],
            ("Ngô Văn Tám", "Phó Giám đốc", "KT. Giám đốc"),
        ),
        # probe round 4 p09: side-by-side .txt of a Party notice, items ending in ",", the slash
        # authority on the Nơi nhận line, the position after an item's comma
        (
            "Ban Thường vụ Thành ủy thông báo để các tổ chức cơ sở đảng biết, thực hiện.\n\n"
            "Nơi nhận:                                          T/M BAN THƯỜNG VỤ\n"
            "- Ban Tổ chức Tỉnh ủy (b/c),                          PHÓ BÍ THƯ\n"
            "- Các đồng chí Thành ủy viên,\n- Các đảng ủy phường, xã,\n- Lưu Văn phòng Thành ủy.\n\n"
            "                                                  Nông Thị Bích Huệ\n",
            ["Ban Tổ chức Tỉnh ủy (b/c)", "Các đồng chí Thành ủy viên", "Các đảng ủy phường, xã"],
            ("Nông Thị Bích Huệ", "Phó Bí thư", "TM. Ban Thường vụ"),
        ),
        # written: a Youth Union plan, "T/M" and "BÍ THƯ" the same way
        (
            "Trên đây là Kế hoạch của Ban Thường vụ Huyện đoàn./.\n"
            "Nơi nhận:                        T/M BAN THƯỜNG VỤ HUYỆN ĐOÀN\n"
            "- Tỉnh đoàn (b/c),                         BÍ THƯ\n- Các chi đoàn,\n- Lưu VP.\n\n"
            "                                  Lò Văn Phong\n",
            ["Tỉnh đoàn (b/c)", "Các chi đoàn"],
            ("Lò Văn Phong", "Bí thư", "TM. Ban Thường vụ huyện đoàn"),
        ),
    ],
)  # fmt: skip
def test_two_column_closing_layouts(raw, items, signer):
    doc = _full(raw)
    s = fs.extract_signer(doc)
    assert (s.name, s.title, s.authority) == signer
    assert fr.extract_recipients(doc) == items


@pytest.mark.parametrize(
    "item,expected",
    [
        # probe variant of doc14: "Đã ký" with no brackets after the item's ";"
        ("Chi cục Chăn nuôi, Thủy sản và Thú y;             Đã ký", ["Chi cục Chăn nuôi, Thủy sản và Thú y"]),
        # written
        ("Phòng Văn hóa - Thông tin; đã ký", ["Phòng Văn hóa - Thông tin"]),
    ],
)
def test_unbracketed_signed_marker_is_not_a_recipient(item, expected):
    raw = f"Nơi nhận:      TM. ỦY BAN NHÂN DÂN\n- Như trên;     CHỦ TỊCH\n- {item}\n- Lưu: VT.     Trần Văn Bình\n"
    assert fr.extract_recipients(_full(raw)) == ["Như trên", *expected]


@pytest.mark.parametrize(
    "name_line,name,title",
    [
        ("Y Thuận Niê", "Y Thuận Niê", "Chủ tịch"),  # probe document doc06 (Ê Đê man's name)
        ("H’Hen Niê", "H’Hen Niê", "Chủ tịch"),  # probe variant (Ê Đê woman's name)
        ("H'Yim Kđoh", "H'Yim Kđoh", "Chủ tịch"),  # written, ASCII apostrophe
        ("Y Biêr Niê", "Y Biêr Niê", "Chủ tịch"),  # written
    ],
)
def test_signer_names_with_y_and_h_prefix(name_line, name, title):
    doc = _doc(f"Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n{name_line}")
    s = fs.extract_signer(doc)
    assert (s.name, s.title) == (name, title)


@pytest.mark.parametrize(
    "caps,name,title",
    [
        # "Y" of "SỞ Y TẾ" (capitals follow) stays in the position; written
        ("GIÁM ĐỐC SỞ Y TẾ", "Nguyễn Văn An", "Giám đốc Sở Y tế"),
        ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC SỞ Y TẾ", "Lê Thị Bình", "Phó Giám đốc Sở Y tế"),
    ],
)
def test_y_of_a_unit_is_not_a_name(caps, name, title):
    s = fs.extract_signer(_doc(f"Nơi nhận:\n- Như trên;\n- Lưu: VT.\n{caps}\n\n{name}"))
    assert (s.name, s.title) == (name, title)


# ----------------------------------------------------------------------- enacting-authority line
# A decision names who enacts it on a line in capitals between its title and "Căn cứ"
# ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"): a position, but not the signature block, which
# follows the body.

_E09_HEAD = (  # excerpts/E09.txt (head and closing of a QĐ of a provincial Chairman)
    "UỶ BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
    "Số: 733/QĐ-UBND | Vĩnh Long, ngày 19 tháng 5 năm 2014 |\n"
    "CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH VĨNH LONG\n"
    "Căn cứ Luật Tổ chức Hội đồng nhân dân và Uỷ ban nhân dân ngày 26 tháng 11 năm 2003;\n"
    "Xét Tờ trình số 39/THKHVL, ngày 14 tháng 5 năm 2014 của Chủ tịch Hội Khuyến học tỉnh,\n"
    "QUYẾT ĐỊNH:\nĐiều 1. Phê duyệt Kế hoạch của Hội Khuyến học tỉnh.\n"
    "Quyết định này có hiệu lực thi hành kể từ ngày ký./.\n"
)


@pytest.mark.parametrize(
    "text,name,title,authority,items",
    [
        # excerpts/E09.txt, its closing completed with a name (the excerpt stops at KT.)
        (
            _E09_HEAD + "| KT. CHỦ TỊCH |\n| PHÓ CHỦ TỊCH |\n| Trần Văn Rón |",
            "Trần Văn Rón",
            "Phó Chủ tịch",
            "KT. Chủ tịch",
            [],
        ),
        # probe round 2 doc21 (marked: probe phrasing): "Nơi nhận:" and the position on one line
        (
            "QUYẾT ĐỊNH\nVề việc thành lập Ban Tổ chức Ngày hội\n------------------\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ PLEIKU\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
            "Xét đề nghị của Trưởng phòng Văn hóa và Thông tin thành phố,\n\nQUYẾT ĐỊNH:\n\n"
            "Điều 1. Thành lập Ban Tổ chức.\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký./.\n\n"
            "Nơi nhận: CHỦ TỊCH\n- Như Điều 2;\n- UBND tỉnh (b/c);\n"
            "- TT Thành ủy, TT HĐND thành phố; (Đã ký)\n- Lưu: VT, VHTT.\nĐặng Ân Khôi",
            "Đặng Ân Khôi",
            "Chủ tịch",
            None,
            ["Như Điều 2", "UBND tỉnh (b/c)", "TT Thành ủy, TT HĐND thành phố"],
        ),
        # written: a Director's decision, flattened enacting line, TM./KT. closing beside the list
        (
            "QUYẾT ĐỊNH\nVề việc giao chỉ tiêu tuyển sinh năm học 2024-2025\n"
            "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO Căn cứ Quyết định số 12/2021/QĐ-UBND;\n"
            "Theo đề nghị của Trưởng phòng Giáo dục Trung học,\nQUYẾT ĐỊNH:\n"
            "Điều 1. Giao chỉ tiêu tuyển sinh.\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký./.\n"
            "Nơi nhận: KT. GIÁM ĐỐC\n- Như Điều 2; PHÓ GIÁM ĐỐC\n- Lưu: VT, GDTrH.\nLê Thị Mai Hương",
            "Lê Thị Mai Hương",
            "Phó Giám đốc",
            "KT. Giám đốc",
            ["Như Điều 2"],
        ),
    ],
)
def test_enacting_authority_line_is_not_the_signer(text, name, title, authority, items):
    for doc in (_doc(text), _full(text)):  # unsegmented, and through normalize → segment
        s = fs.extract_signer(doc)
        assert (s.name, s.title, s.authority) == (name, title, authority)
        assert doc.evidence["signer.name"].start > doc.t.index("QUYẾT ĐỊNH:")
        if items:
            assert fr.extract_recipients(doc) == items


@pytest.mark.parametrize(
    "text,name,title,authority",
    [
        # probe round 2 doc31 (marked: probe phrasing, OCR of bold capitals)
        (
            "Nơi nhận:\n- Sở Y tế (b/c);\n- Lưu: VT, KSBT.\n\n\nKT. GIÁM ĐÔC\nPHO GIAM ĐỌC\nVõ Thị Ánh Hằng",
            "Võ Thị Ánh Hằng",
            "Phó Giám đốc",
            "KT. Giám đốc",
        ),
        # written: a commune's TM./KT. block with every accent lost
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. UY BAN NHAN DAN\nKT. CHU TICH\nPHO CHU TICH\nNguyễn Văn Hòa",
            "Nguyễn Văn Hòa",
            "Phó Chủ tịch",
            "TM. Ủy ban nhân dân KT. Chủ tịch",
        ),
        # written: a bare position, no mark, found only on the folded key below Nơi nhận
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIAM ĐÔC\n\nPhan Thanh Long",
            "Phan Thanh Long",
            "Giám đốc",
            None,
        ),
    ],
)
def test_signer_position_read_without_diacritics(text, name, title, authority):
    doc = _doc(text)
    s = fs.extract_signer(doc)
    assert (s.name, s.title, s.authority) == (name, title, authority)
    assert "signer.title" in doc.evidence


def test_folded_position_is_not_looked_for_outside_the_signature_block():
    # written: "GIAM DOC" folded in running text above Nơi nhận is never a signature
    text = "Điều 2. GIAM DOC Trung tâm chịu trách nhiệm thi hành.\n\nTrần Văn Nam ký thay."
    assert fs.extract_signer(_doc(text)) == fs.Signer()


# ---------------------------------------------------------------- probe round 3


@pytest.mark.parametrize(
    "item,expected",
    [
        # probe round 3 h13 (a phường decision, two columns read without accents by OCR / an old font)
        ("Như Điều 3; PHO CHU TICH", ["Như Điều 3"]),
        # written: no ";" before the position, another title
        ("Sở Tài chính (b/c) PHO GIAM DOC", ["Sở Tài chính (b/c)"]),
        # written: lower-case words are an item, never a folded position
        ("Phòng Giáo dục và Đào tạo;", ["Phòng Giáo dục và Đào tạo"]),
    ],
)
def test_position_without_accents_is_not_a_recipient(item, expected):
    raw = f"Nơi nhận:        TM. UY BAN NHAN DAN\n- UBND quận (b/c);      KT. CHU TICH\n- {item}\n- Lưu: VT.\n\n        Trần Thị Mỹ Lệ\n"
    assert fr.extract_recipients(_full(raw)) == ["UBND quận (b/c)", *expected]


@pytest.mark.parametrize(
    "text,name,title,authority",
    [
        # probe round 3 h09 (Huyện ủy decision): Party authority mark with a slash
        (
            "Nơi nhận:\n- Ban Thường vụ Tỉnh ủy (b/c),\n- Lưu Văn phòng Huyện ủy.\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nNguyễn Quang Hưng\n",
            "Nguyễn Quang Hưng",
            "Phó Bí thư",
            "TM. Ban Thường vụ",
        ),
        # written: an older State letter, "K/T"
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nK/T GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nLê Văn Hòa\n",
            "Lê Văn Hòa",
            "Phó Giám đốc",
            "KT. Giám đốc",
        ),
        # probe round 3 h05 (school report): a middle name written as its initial
        (
            "Nơi nhận:\n- Sở GD&ĐT (b/c);\n- Lưu: VT.\nKT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\n\nVũ T. Minh Ngọc\n",
            "Vũ T. Minh Ngọc",
            "Phó Hiệu trưởng",
            "KT. Hiệu trưởng",
        ),
        # written: Youth Union plan, initial in the middle of a four-word name
        (
            "Nơi nhận:\n- Lưu VP.\nTM. BAN THƯỜNG VỤ TỈNH ĐOÀN\nPHÓ BÍ THƯ\n\nNguyễn T. Hồng Nhung\n",
            "Nguyễn T. Hồng Nhung",
            "Phó Bí thư",
            "TM. Ban Thường vụ Tỉnh Đoàn",
        ),
    ],
)
def test_signer_slash_authority_and_initials(text, name, title, authority):
    doc = _full(text)
    s = fs.extract_signer(doc)
    # "Bí thư" and "Ban Thường vụ" are positions of the lexicon (agencies.yaml): the title
    # and the collective keep their capitals; the locality after it is compared case-folded
    assert (s.name, s.title) == (name, title)
    assert s.authority.casefold() == authority.casefold()
    assert (
        s.authority.startswith(authority.split(" ", 3)[0] + " Ban Thường vụ")
        or "Ban Thường vụ" not in authority
    )
    ev = doc.evidence["signer.name"]
    assert doc.text.originals[0][ev.start : ev.end] == name


# ----------------------------------------------------------------------- joint documents
# Two bodies sign side by side; normalize collapses the column gap of a .txt, so one line
# holds both columns. The signer is the lead body's (named first in the header), read from
# the original lines, which keep the gap. No joint document in the corpus: probe rows.
_JOINT = (
    "{h1}       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{h2}       Độc lập - Tự do - Hạnh phúc\n\n"
    "Số: {num}        {place}, ngày 11 tháng 01 năm 2025\n\nKẾ HOẠCH LIÊN TỊCH\n{title}\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n- Tổ chức thiết thực, tiết kiệm.\n\n"
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\n{sig}"
)


def _joint_signer(raw: str):
    from pipeline.normalize import normalize
    from pipeline.records import PageText, RawDocument, SourceInfo
    from pipeline.segment import segment

    doc = RawDocument("joint", SourceInfo(path="x.txt", format="txt"), [PageText(0, raw, "text")])
    text = normalize(doc)
    return fs.extract_signer(Doc(text=text, seg=segment(text)))


@pytest.mark.parametrize(
    "fill,signer",
    [
        # probe round 4 p04: the lead (Phòng, first in the header) signs on the right; its
        # column names it only by the position's head word ("TRƯỞNG PHÒNG")
        (
            {
                "h1": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO - HỘI KHUYẾN HỌC",
                "h2": "         HUYỆN ĐẮK GLONG",
                "num": "15/KHLT-PGDĐT-HKH",
                "place": "Đắk Glong",
                "title": 'Tổ chức Hội thi "Gia đình hiếu học" năm 2023',
                "sig": "TM. BAN THƯỜNG VỤ HỘI KHUYẾN HỌC               KT. TRƯỞNG PHÒNG\n"
                "          CHỦ TỊCH                               PHÓ TRƯỞNG PHÒNG\n\n"
                "          (Đã ký)                                    (Đã ký)\n\n"
                "       Trần Văn Lực                              Hà Thị Minh Nguyệt\n",
            },
            ("Hà Thị Minh Nguyệt", "Phó Trưởng phòng", "KT. Trưởng phòng"),
        ),
        # probe round 5 q09: the right column names the lead ("SỞ Y TẾ"); a hard-wrapped row
        # (messy text) leaves "TẾ" and the name's last word at the start of the next line
        (
            {
                "h1": "SỞ Y TẾ - HỘI CHỮ THẬP ĐỎ",
                "h2": "       TỈNH PHÚ YÊN",
                "num": "21/KHLT-SYT-HCTĐ",
                "place": "Phú Yên",
                "title": "Tổ chức Lễ hội Xuân hồng năm 2025",
                "sig": "TM. BAN THƯỜNG VỤ HỘI CHỮ THẬP ĐỎ                  KT. GIÁM ĐỐC SỞ Y TẾ\n"
                "        CHỦ TỊCH                                      PHÓ GIÁM ĐỐC\n\n"
                "     Phan Thị Lệ Thu                               Trương Minh Hoàng\nLong\n",
            },
            ("Trương Minh Hoàng Long", "Phó Giám đốc", "KT. Giám đốc Sở Y tế"),
        ),
        # written: the lead (Ủy ban nhân dân, first in the header) signs on the left
        (
            {
                "h1": "ỦY BAN NHÂN DÂN XÃ AN BÌNH - ỦY BAN MTTQ VIỆT NAM XÃ AN BÌNH",
                "h2": "",
                "num": "03/KHLT-UBND-MTTQ",
                "place": "An Bình",
                "title": "Vận động ủng hộ Quỹ Vì người nghèo năm 2025",
                "sig": "TM. ỦY BAN NHÂN DÂN                  TM. BAN THƯỜNG TRỰC ỦY BAN MTTQ\n"
                "      CHỦ TỊCH                                 CHỦ TỊCH\n\n"
                "    Đinh Công Sáu                           Lê Thị Hồng Vân\n",
            },
            ("Đinh Công Sáu", "Chủ tịch", "TM. Ủy ban nhân dân"),
        ),
    ],
)
def test_joint_signature_side_by_side_is_the_lead_body(fill, signer):
    s = _joint_signer(_JOINT.format(**fill))
    assert (s.name, s.title, s.authority) == signer


def test_one_signature_with_a_wide_gap_is_left_alone():
    # written: a single signer whose block a crawl indented; no second authority column
    raw = _JOINT.format(
        h1="UBND HUYỆN TAM NÔNG",
        h2="PHÒNG Y TẾ",
        num="5/KH-PYT",
        place="Tam Nông",
        title="Tiêm chủng năm 2025",
        sig="                    KT. TRƯỞNG PHÒNG\n                    PHÓ TRƯỞNG PHÒNG\n\n                    Lê Văn Tám\n",
    )
    s = _joint_signer(raw)
    assert (s.name, s.title, s.authority) == ("Lê Văn Tám", "Phó Trưởng phòng", "KT. Trưởng phòng")


@pytest.mark.parametrize(
    "caps,cased",
    [
        # corpus docs/010: the longer position wins over the one inside it
        ("PHÓ TỔNG CỤC TRƯỞNG", "Phó Tổng cục trưởng"),
        # probe round 5 q18 (a Chi cục under a Sở): not "Chi Cục trưởng"
        ("CHI CỤC TRƯỞNG", "Chi cục trưởng"),
        # written
        ("PHÓ CHI CỤC TRƯỞNG", "Phó Chi cục trưởng"),
    ],
)
def test_position_inside_a_longer_position_is_cased_whole(caps, cased):
    assert fs._case_position(caps) == cased
