"""Patterns are data: load the rule tables kept under ``models/rules/``.

Every table is a YAML file holding a list of entries; each entry has an ``id`` so an
output value can say which rule found it. Regex entries carry ``regex`` (compiled here,
``flags`` optional) and ``examples`` (strings the regex must match — checked by
tests/test_patterns.py). Lexicon entries carry whatever keys their table documents.

    >>> table("doc_types")                  # list of dict entries
    >>> regex("citations", "doc_number")    # compiled re.Pattern
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).resolve().parent.parent / "models" / "rules"

_FLAGS = {"IGNORECASE": re.IGNORECASE, "MULTILINE": re.MULTILINE, "DOTALL": re.DOTALL, "VERBOSE": re.VERBOSE}


def table_names() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.yaml"))


@cache
def table(name: str) -> list[dict[str, Any]]:
    """Entries of ``models/rules/<name>.yaml`` (NFC-normalized strings)."""
    with open(RULES_DIR / f"{name}.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or []
    if isinstance(data, dict):
        data = data.get("entries", [])
    return [_nfc(entry) for entry in data]


@cache
def regex(name: str, rule_id: str) -> re.Pattern[str]:
    """The compiled regex of entry ``rule_id`` in table ``name``."""
    for entry in table(name):
        if entry.get("id") == rule_id:
            return compile_entry(entry)
    raise KeyError(f"{name}:{rule_id}")


# "{UPPER}" in a rule's regex or template: one capital letter of Vietnamese, precomposed
# (NFC). "[A-ZĐ]" alone misses the capitals with a diacritic ("Ủy ban", "Ô Môn", "Ấp").
UPPER = "[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]"


def expand(pattern: str) -> str:
    """A rule's pattern with its macros (``{UPPER}``) written out."""
    return pattern.replace("{UPPER}", UPPER)


def compile_entry(entry: dict[str, Any]) -> re.Pattern[str]:
    flags = 0
    for flag in entry.get("flags", []):
        flags |= _FLAGS[flag]
    return re.compile(expand(entry["regex"]), flags)


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value
