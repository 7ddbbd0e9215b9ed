"""Every rule table under models/rules: ids, NFC, no duplicates, regexes match their examples."""

import unicodedata

import pytest

from pipeline import patterns

TABLES = patterns.table_names()


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


def _raw_yaml(name):
    return (patterns.RULES_DIR / f"{name}.yaml").read_text(encoding="utf-8")


def test_there_are_tables():
    assert "entities" in TABLES


@pytest.mark.parametrize("name", TABLES)
def test_table_entries_have_unique_ids(name):
    entries = patterns.table(name)
    assert entries, f"{name} is empty"
    ids = [e.get("id") for e in entries]
    assert all(isinstance(i, str) and i for i in ids), f"{name}: entry without id"
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes, f"{name}: duplicate ids {dupes}"


@pytest.mark.parametrize("name", TABLES)
def test_table_keys_are_field_names(name):
    # an unquoted comma inside a flow mapping splits a value into a new key with no value
    # ("{…, expansion: Văn hóa, Thể thao và Du lịch, …}" gave "Văn hóa" and a key
    # "Thể thao và Du lịch"): every key is a plain field name
    for entry in patterns.table(name):
        bad = [k for k in entry if not (isinstance(k, str) and k.isidentifier() and k.isascii())]
        assert not bad, f"{name}/{entry.get('id')}: keys {bad} (quote a value holding a comma)"


@pytest.mark.parametrize("name", TABLES)
def test_table_file_is_nfc(name):
    raw = _raw_yaml(name)
    assert unicodedata.normalize("NFC", raw) == raw, f"{name}.yaml is not NFC"
    assert "\u00d0" not in raw or name.startswith(("normalize", "legacy")), f"{name}: U+00D0 in a table"


@pytest.mark.parametrize(
    "name,entry",
    [(n, e) for n in TABLES for e in patterns.table(n) if "regex" in e],
    ids=lambda v: v if isinstance(v, str) else v.get("id", "?"),
)
def test_regex_matches_its_examples(name, entry):
    compiled = patterns.compile_entry(entry)
    examples = entry.get("examples") or []
    assert examples, f"{name}:{entry['id']} has no examples"
    for example in examples:
        assert compiled.search(example), f"{name}:{entry['id']} does not match {example!r}"
