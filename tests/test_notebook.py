"""notebooks/themes_2022_2024.ipynb runs top to bottom on tables exported from factory plans."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.compliance import check
from pipeline.export import export
from pipeline.link import link
from tests import factories as f

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "themes_2022_2024.ipynb"


def _execute(out: Path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    old = os.environ.get("KEHOACH_OUT")
    os.environ["KEHOACH_OUT"] = str(out)  # the kernel inherits the environment
    try:
        client = nbclient.NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(out)}}
        )
        client.execute()
    finally:
        if old is None:
            os.environ.pop("KEHOACH_OUT", None)
        else:
            os.environ["KEHOACH_OUT"] = old
    return nb


def _text(nb) -> str:
    chunks = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            chunks.append(o.get("text", "") or str(o.get("data", {}).get("text/plain", "")))
    return "\n".join(chunks)


@pytest.mark.slow
def test_notebook_runs_on_factory_tables(tmp_path: Path):
    plans = f.archive()
    links = link(plans)
    export(plans, links, check(plans, links), tmp_path)
    nb = _execute(tmp_path)
    text = _text(nb)
    assert f"{len(plans)} documents" in text
    assert "week_mismatch" in text  # the findings crosstab
    assert "reading" in text  # an activity category


@pytest.mark.slow
def test_notebook_runs_on_an_empty_export(tmp_path: Path):
    export([], link([]), [], tmp_path)
    assert "0 documents" in _text(_execute(tmp_path))
