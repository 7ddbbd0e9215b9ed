"""docs/schema.md matches pipeline/records.py: every field documented, every documented field real."""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path

import pytest

from pipeline import records
from pipeline.records import Plan

DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"
TAXONOMY = Path(__file__).resolve().parent.parent / "models" / "rules" / "activity_taxonomy.yaml"


def _reachable(cls: type) -> dict[str, type]:
    """Every dataclass reachable from ``cls`` through its field types (Evidence through Citation…)."""
    seen: dict[str, type] = {}
    todo = [cls]
    while todo:
        c = todo.pop()
        if c.__name__ in seen:
            continue
        seen[c.__name__] = c
        hints = typing.get_type_hints(c, vars(records))
        for hint in hints.values():
            for name in re.findall(r"[A-Za-z_]+", str(hint)):
                obj = getattr(records, name, None)
                if dataclasses.is_dataclass(obj) and obj.__name__ not in seen:
                    todo.append(obj)
    return seen


def _doc_tables() -> dict[str, list[str]]:
    """``### Name`` heading → field names in the first column of its table."""
    tables: dict[str, list[str]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^###\s+`?(\w+)`?\s*$", line):
            current = m.group(1)
            tables[current] = []
        elif line.startswith("## "):
            current = None
        elif current and line.startswith("| `"):
            tables[current].append(re.match(r"\|\s*`([^`]+)`", line).group(1))
    return tables


CLASSES = _reachable(Plan)
TABLES = _doc_tables()


def test_reachable_classes_include_nested_ones():
    # a check that the walk itself works: these are only reachable through other classes
    assert {"Evidence", "Citation", "Section", "Issuer", "SourceInfo", "ErrorInfo"} <= set(CLASSES)


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_every_field_is_documented(name):
    assert name in TABLES, f"docs/schema.md has no '### {name}' table"
    fields = [f.name for f in dataclasses.fields(CLASSES[name])]
    missing = [f for f in fields if f not in TABLES[name]]
    assert not missing, f"{name}: undocumented fields {missing}"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_documented_field_exists(name):
    assert name in CLASSES, f"docs/schema.md documents '{name}', which is not reachable from Plan"
    fields = {f.name for f in dataclasses.fields(CLASSES[name])}
    extra = [f for f in TABLES[name] if f not in fields]
    assert not extra, f"{name}: documented but not in records.py: {extra}"
    assert len(TABLES[name]) == len(set(TABLES[name])), f"{name}: a field is documented twice"


def test_taxonomy_ids_match_rules():
    import yaml

    text = DOC.read_text(encoding="utf-8").split("## Activity categories", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\|\s*`(\w+)`", text, flags=re.M)
    assert documented[-1] == "khac" and len(documented) == 9
    if TAXONOMY.exists():
        ids = [e["id"] for e in yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))]
        assert ids == documented


def test_error_codes_pointer():
    assert "errors.md" in DOC.read_text(encoding="utf-8")
