"""docs/tables.md documents every column of every exported table, in order, with its type."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from pipeline.compliance import check
from pipeline.export import SCHEMA, export
from pipeline.link import link
from tests import factories as f

DOC = Path(__file__).resolve().parent.parent / "docs" / "tables.md"
_TYPES = {"string": "string", "int64": "int", "double": "float", "bool": "bool"}


def _documented() -> dict[str, list[tuple[str, str]]]:
    tables: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^## (\w+)\s*$", line)
        if m:
            current = m.group(1)
            continue
        m = re.match(r"^\| `(\w+)` \| (\w+) \|", line)
        if m and current:
            tables.setdefault(current, []).append((m.group(1), m.group(2)))
    return tables


def test_every_table_is_documented_in_order_with_types():
    docs = _documented()
    assert set(docs) == set(SCHEMA)
    for name, cols in SCHEMA.items():
        assert docs[name] == [(c, _TYPES[str(t)]) for c, t in cols], name


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    plans = f.archive()
    links = link(plans)
    export(plans, links, check(plans, links), out)
    return out


def test_written_columns_match_docs(exported):
    docs = _documented()
    for name in SCHEMA:
        with open(exported / f"{name}.csv", encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == [c for c, _ in docs[name]], name


def test_every_table_has_doc_id():
    assert all(cols[0][0] == "doc_id" for cols in SCHEMA.values())
