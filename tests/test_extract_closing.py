"""Closing fields: signer and recipients (fields_closing.py)."""

import pytest

from pipeline import fields_closing as fc
from pipeline.fields_header import Doc
from pipeline.records import Segmentation, Text


def _doc(s: str) -> Doc:
    return Doc(text=Text(text=s, src=list(range(len(s) + 1)), originals=[s]), seg=Segmentation())


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
    s = fc.extract_signer(doc)
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
    assert fc.extract_recipients(doc) == items
    for i in range(len(items)):
        ev = doc.evidence[f"recipients[{i}]"]
        assert text[ev.start : ev.end] == ev.text
