"""Write the normalized tables: ``export(plans, links, findings, outdir) -> dict[str, Path]``.

Tables (docs/tables.md documents every column): plans, citations, assignments, activities,
events, deadlines, findings, edges, registry — each as ``<name>.parquet`` and ``<name>.csv``,
plus ``kehoach.duckdb`` holding the same tables and ``graph.dot`` / ``graph.svg`` (the parent
chains; the SVG only when Graphviz ``dot`` is installed). The only module that imports pandas.

Output is deterministic: rows sorted by key, a fixed column order and types per table, list
values joined with `` | ``, no timestamps — two runs on the same input give identical files.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .link import Links
from .records import Evidence, Finding, Plan
from .registry import Registry

SEP = " | "
DOT_MAX_NODES = 3000  # larger graphs: DOT only (layout would take minutes)

_S, _I, _F, _B = pa.string(), pa.int64(), pa.float64(), pa.bool_()
_EV = [("ev_page", _I), ("ev_start", _I), ("ev_end", _I), ("ev_text", _S)]

SCHEMA: dict[str, list[tuple[str, pa.DataType]]] = {
    "plans": [
        ("doc_id", _S),
        ("source_path", _S),
        ("source_format", _S),
        ("source_method", _S),
        ("pages", _I),
        ("status", _S),
        ("error_code", _S),
        ("error_message", _S),
        ("doc_type", _S),
        ("number", _S),
        ("issued_place", _S),
        ("issued_date", _S),
        ("issuer_name", _S),
        ("issuer_level", _S),
        ("issuer_admin_code", _S),
        ("issuer_admin_path", _S),
        ("title", _S),
        ("year", _I),
        ("theme", _S),
        ("theme_norm", _S),
        ("theme_score", _F),
        ("in_programme", _B),
        ("period_start", _S),
        ("period_end", _S),
        ("primary_parent", _S),
        ("n_citations", _I),
        ("n_findings", _I),
        ("signer_name", _S),
        ("signer_title", _S),
        ("signer_authority", _S),
        ("recipients", _S),
        ("budget", _S),
        ("language", _S),
        ("warnings", _S),
    ],
    "citations": [
        ("doc_id", _S),
        ("idx", _I),
        ("role", _S),
        ("kind", _S),
        ("number", _S),
        ("number_key", _S),
        ("date", _S),
        ("issuer", _S),
        ("title", _S),
        ("resolved_to", _S),
        ("via", _S),
        ("reason", _S),
        ("cited_level", _S),
        ("cited_year", _I),
        *_EV,
    ],
    "assignments": [
        ("doc_id", _S),
        ("idx", _I),
        ("agency", _S),
        ("role", _S),
        ("tasks", _S),
        ("n_tasks", _I),
    ],
    "activities": [("doc_id", _S), ("idx", _I), ("category", _S), ("section", _S), ("text", _S)],
    "events": [("doc_id", _S), ("idx", _I), ("name", _S), ("date", _S), ("time", _S), ("place", _S)],
    "deadlines": [("doc_id", _S), ("idx", _I), ("date", _S), ("action", _S), ("to_agency", _S)],
    "findings": [
        ("doc_id", _S),
        ("idx", _I),
        ("rule", _S),
        ("severity", _S),
        ("message_vi", _S),
        ("message_en", _S),
        *_EV,
    ],
    "edges": [("doc_id", _S), ("child", _S), ("parent", _S), ("number", _S), ("rank", _I), ("via", _S)],
    "registry": [
        ("doc_id", _S),
        ("id", _S),
        ("year", _I),
        ("number", _S),
        ("number_aliases", _S),
        ("date", _S),
        ("issuer", _S),
        ("theme", _S),
        ("theme_variants", _S),
        ("week_start", _S),
        ("week_end", _S),
        ("opening", _S),
        ("confidence", _S),
        ("source", _S),
    ],
}
_SEVERITY = {"error": 0, "review": 1, "info": 2}


def export(plans: list[Plan], links: Links, findings: list[Finding], outdir: str | Path) -> dict[str, Path]:
    """Write every table to ``outdir`` (Parquet, CSV, DuckDB) and the parent graph; return paths."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    rows = _rows(plans, links, findings)
    paths: dict[str, Path] = {}
    for name, cols in SCHEMA.items():
        table = pa.Table.from_pylist(rows[name], schema=pa.schema(cols))
        pq.write_table(table, out / f"{name}.parquet", compression="zstd")
        df = table.to_pandas(types_mapper={_I: pd.Int64Dtype(), _B: pd.BooleanDtype()}.get)
        df.to_csv(out / f"{name}.csv", index=False, lineterminator="\n", encoding="utf-8")
        paths[f"{name}.parquet"] = out / f"{name}.parquet"
        paths[f"{name}.csv"] = out / f"{name}.csv"
    paths["kehoach.duckdb"] = _duckdb(out)
    paths.update(_graph(rows, out))
    return paths


# ------------------------------------------------------------------------- rows


def _ev(value: Any) -> dict[str, Any]:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = Evidence(value.get("page"), value.get("start"), value.get("end"), value.get("text"))
    if isinstance(value, Evidence):
        return {"ev_page": value.page, "ev_start": value.start, "ev_end": value.end, "ev_text": value.text}
    return {"ev_page": None, "ev_start": None, "ev_end": None, "ev_text": None}


def _join(values: list[Any]) -> str | None:
    return SEP.join(str(v) for v in values) if values else None


def _rows(plans: list[Plan], links: Links, findings: list[Finding]) -> dict[str, list[dict[str, Any]]]:
    reg = links.registry
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMA}
    plans = sorted(plans, key=lambda p: (p.doc_id, p.source.path))
    ids = {p.doc_id for p in plans}
    by_doc: dict[str, list[Finding]] = {}
    for f in findings:
        if f.doc_id in ids:
            by_doc.setdefault(f.doc_id, []).append(f)
    primary = {e.child: e.parent for e in links.edges if e.rank == 0}
    for p in plans:
        cits = Links.citations_of(p)
        ok = p.status == "ok"
        rows["plans"].append(
            {
                "doc_id": p.doc_id,
                "source_path": p.source.path,
                "source_format": p.source.format,
                "source_method": p.source.method,
                "pages": p.source.pages,
                "status": p.status,
                "error_code": p.error.code if p.error else None,
                "error_message": p.error.message if p.error else None,
                "doc_type": p.doc_type,
                "number": p.number,
                "issued_place": p.issued_place,
                "issued_date": p.issued_date,
                "issuer_name": p.issuer.name,
                "issuer_level": links.levels.get(p.doc_id) or p.issuer.level,
                "issuer_admin_code": p.issuer.admin_code,
                "issuer_admin_path": _join(p.issuer.admin_path),
                "title": p.title,
                "year": p.year,
                "theme": p.theme,
                "theme_norm": Registry.theme_key(p.theme) or None,
                "theme_score": reg.theme_score(p.theme, p.year),
                "in_programme": reg.in_programme(p.title, p.theme) if ok else None,
                "period_start": p.period.start,
                "period_end": p.period.end,
                "primary_parent": primary.get(p.doc_id),
                "n_citations": len(cits),
                "n_findings": len(by_doc.get(p.doc_id, [])),
                "signer_name": p.signer.name,
                "signer_title": p.signer.title,
                "signer_authority": p.signer.authority,
                "recipients": _join(p.recipients),
                "budget": p.budget,
                "language": p.language,
                "warnings": _join(p.warnings),
            }
        )
        for i, c in enumerate(cits):
            res = links.resolutions.get((p.doc_id, i))
            rows["citations"].append(
                {
                    "doc_id": p.doc_id,
                    "idx": i,
                    "role": c.role,
                    "kind": c.kind,
                    "number": c.number,
                    "number_key": reg.number_key(c.number),
                    "date": c.date,
                    "issuer": c.issuer,
                    "title": c.title,
                    "resolved_to": c.resolved_to,
                    "via": res.via if res else None,
                    "reason": res.reason if res else None,
                    "cited_level": res.level if res else None,
                    "cited_year": res.year if res else None,
                    **_ev(c.evidence),
                }
            )
        for i, a in enumerate(p.assignments):
            rows["assignments"].append(
                {
                    "doc_id": p.doc_id,
                    "idx": i,
                    "agency": a.agency,
                    "role": a.role,
                    "tasks": _join(a.tasks),
                    "n_tasks": len(a.tasks),
                }
            )
        for i, a in enumerate(p.activities):
            rows["activities"].append(
                {"doc_id": p.doc_id, "idx": i, "category": a.category, "section": a.section, "text": a.text}
            )
        for i, e in enumerate(p.events):
            rows["events"].append(
                {
                    "doc_id": p.doc_id,
                    "idx": i,
                    "name": e.name,
                    "date": e.date,
                    "time": e.time,
                    "place": e.place,
                }
            )
        for i, d in enumerate(p.deadlines):
            rows["deadlines"].append(
                {"doc_id": p.doc_id, "idx": i, "date": d.date, "action": d.action, "to_agency": d.to}
            )
        ordered = sorted(
            by_doc.get(p.doc_id, []), key=lambda f: (_SEVERITY.get(f.severity, 9), f.rule, f.message_en)
        )
        for i, f in enumerate(ordered):
            rows["findings"].append(
                {
                    "doc_id": p.doc_id,
                    "idx": i,
                    "rule": f.rule,
                    "severity": f.severity,
                    "message_vi": f.message_vi,
                    "message_en": f.message_en,
                    **_ev(f.evidence),
                }
            )
    for e in sorted(links.edges, key=lambda e: (e.child, e.rank, e.parent)):
        if e.child in ids:
            rows["edges"].append(
                {
                    "doc_id": e.child,
                    "child": e.child,
                    "parent": e.parent,
                    "number": e.number,
                    "rank": e.rank,
                    "via": e.via,
                }
            )
    for d in reg.entries:
        rows["registry"].append(
            {
                "doc_id": f"registry:{d.id}",
                **d.to_dict(),
                "number_aliases": _join(d.number_aliases),
                "theme_variants": _join(d.theme_variants),
            }
        )
    return rows


# ---------------------------------------------------------------------- outputs


def _duckdb(out: Path) -> Path:
    import duckdb

    path = out / "kehoach.duckdb"
    for stale in (path, out / "kehoach.duckdb.wal"):
        stale.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    try:
        for name in SCHEMA:
            src = str(out / f"{name}.parquet").replace("'", "''")
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{src}')")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


def _esc(text: Any) -> str:
    return str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def _q(text: Any) -> str:
    return f'"{_esc(text)}"'


def _label(*parts: Any) -> str:
    """A DOT label: parts on separate lines (DOT's ``\\n``), each escaped."""
    return '"' + "\\n".join(_esc(p) for p in parts) + '"'


def _graph(rows: dict[str, list[dict[str, Any]]], out: Path) -> dict[str, Path]:
    """graph.dot (always) and graph.svg (when Graphviz ``dot`` is on PATH and the graph is small)."""
    plans = {r["doc_id"]: r for r in rows["plans"]}
    registry = {r["doc_id"]: r for r in rows["registry"]}
    nodes = sorted({e["child"] for e in rows["edges"]} | {e["parent"] for e in rows["edges"]})
    lines = ["digraph kehoach {", "  rankdir=TB;", '  node [shape=box, fontname="DejaVu Sans", fontsize=10];']
    for n in nodes:
        if n in registry:
            r = registry[n]
            label = _label(r["number"] or r["id"], r["issuer"], r["year"])
            lines.append(f"  {_q(n)} [label={label}, style=filled, fillcolor=lightgrey];")
        else:
            r = plans.get(n, {})
            label = _label(r.get("number") or "(không số)", r.get("issuer_name") or "?", r.get("year") or "")
            lines.append(f"  {_q(n)} [label={label}];")
    for e in rows["edges"]:
        style = "solid" if e["rank"] == 0 else "dashed"
        lines.append(
            f"  {_q(e['parent'])} -> {_q(e['child'])} [style={style}, label={_q(e['number'] or '')}, fontsize=8];"
        )
    lines.append("}")
    dot_path = out / "graph.dot"
    dot_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths = {"graph.dot": dot_path}
    svg_path = out / "graph.svg"
    svg_path.unlink(missing_ok=True)
    exe = shutil.which("dot")
    if exe and len(nodes) <= DOT_MAX_NODES:
        try:
            subprocess.run(
                [exe, "-Tsvg", "-o", str(svg_path), str(dot_path)],
                check=True,
                timeout=120,
                capture_output=True,
            )
            paths["graph.svg"] = svg_path
        except (subprocess.SubprocessError, OSError):
            svg_path.unlink(missing_ok=True)
    return paths
