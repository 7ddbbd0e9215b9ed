"""The CLI is a thin, documented layer: every command has help with an example."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]


def test_there_are_commands():
    assert {"extract", "report", "version"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert f"kehoach {name}" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name):
    assert f"kehoach {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_version_prints_the_pipeline_version():
    from pipeline.records import PIPELINE_VERSION

    result = CliRunner().invoke(app, ["version"])
    assert result.exit_code == 0
    assert result.output.strip() == PIPELINE_VERSION
