"""The `kehoach` command: a thin layer over the library verbs."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(
    name="kehoach",
    help="Turn archives of Vietnamese plan documents into clean, linked tables.",
    no_args_is_help=True,
    add_completion=False,
)


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Files or folders (searched recursively)."),
    out: Path = typer.Option(Path("out"), "-o", "--out", help="Output folder."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0 = all cores)."),
    engine: str = typer.Option("local", help="local | dask"),
    scheduler: str | None = typer.Option(None, help="Dask scheduler address (engine dask)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar (for scripts)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore cached results."),
    timeout: float = typer.Option(300.0, help="Per-document time limit in seconds."),
    memory_mb: int = typer.Option(2048, help="Per-worker memory limit in MB."),
    cache_dir: Path | None = typer.Option(
        None,
        "--cache-dir",
        help="Folder of the raw-document (OCR) cache; default $KEHOACH_CACHE_DIR or OUT/.cache/raw.",
    ),
) -> None:
    """Extract every document under PATHS into OUT/plans.jsonl and tables.

    Example:

        kehoach extract corpus/documents -o out --jobs 2

    Writes one record per input file (status ok or error), then the linked
    tables (Parquet, CSV, DuckDB). Exit code 0 when the batch ran, even with
    error rows.
    """
    from .batch import run

    run(
        [str(p) for p in paths],
        str(out),
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        quiet=quiet,
        use_cache=not no_cache,
        timeout=timeout,
        memory_mb=memory_mb,
        raw_cache=str(cache_dir) if cache_dir else None,
    )


@app.command()
def report(
    outdir: Path = typer.Argument(Path("out"), help="A folder written by `kehoach extract`."),
) -> None:
    """Write OUTDIR/report.html, a self-contained compliance report.

    Example:

        kehoach report out && chromium out/report.html
    """
    from .report import report as _report

    path = _report(str(outdir))
    typer.echo(str(path))


@app.command()
def version() -> None:
    """Print the pipeline version.

    Example:

        kehoach version
    """
    from .records import PIPELINE_VERSION

    typer.echo(PIPELINE_VERSION)


if __name__ == "__main__":  # pragma: no cover
    app()
