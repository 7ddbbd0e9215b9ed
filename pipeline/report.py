"""A self-contained HTML report of an exported folder: ``report(outdir) -> Path``.

Reads the CSV tables written by :func:`pipeline.export.export` (no pandas) and writes
``outdir/report.html``: inline CSS, no scripts, no external assets. Archive overview first
(counts by status, level, year; findings by rule; the parent graph when ``graph.svg`` exists),
then one section per plan: header fields, parent chain, findings with severity and evidence.
Every value from a document is HTML-escaped.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from html import escape
from pathlib import Path

SVG_MAX_BYTES = 2_000_000  # inline the graph only below this size

_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:1.5rem auto;max-width:72rem;color:#222;line-height:1.4}
h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}h3{font-size:1rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;vertical-align:top;text-align:left}
th{background:#f3f3f3}.grid{display:flex;flex-wrap:wrap;gap:1.5rem}
.sev{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.8rem;color:#fff}
.sev-error{background:#b3261e}.sev-review{background:#a15c00}.sev-info{background:#3566a8}
.ev{color:#555;font-style:italic;margin:.2rem 0 .6rem 1rem}.plan{border-left:4px solid #ddd;padding-left:1rem;margin:1.5rem 0}
.muted{color:#777}.chain a{text-decoration:none}svg{max-width:100%;height:auto}
"""


def report(outdir: str | Path) -> Path:
    """Write ``outdir/report.html`` from the exported tables; return its path."""
    out = Path(outdir)
    t = {name: _read(out / f"{name}.csv") for name in ("plans", "findings", "edges", "registry", "citations")}
    plans = sorted(t["plans"], key=lambda r: (r.get("source_path") or "", r["doc_id"]))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Kehoach — báo cáo kho văn bản / archive report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Kehoach — báo cáo kho văn bản / archive report</h1>",
        _overview(plans, t["findings"], t["edges"]),
        _graph(out),
        "<h2>Văn bản / Documents</h2>",
    ]
    findings_by: dict[str, list[dict[str, str]]] = {}
    for f in t["findings"]:
        findings_by.setdefault(f["doc_id"], []).append(f)
    edges_by: dict[str, list[dict[str, str]]] = {}
    for e in t["edges"]:
        edges_by.setdefault(e["child"], []).append(e)
    by_id = {p["doc_id"]: p for p in plans}
    registry = {r["doc_id"]: r for r in t["registry"]}
    for p in plans:
        parts.append(_plan(p, findings_by.get(p["doc_id"], []), edges_by, by_id, registry))
    parts.append("</body></html>")
    path = out / "report.html"
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return path


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def _counts(title: str, counter: Counter) -> str:
    rows = "".join(f"<tr><td>{_e(k or '—')}</td><td>{v}</td></tr>" for k, v in sorted(counter.items()))
    return f"<table><tr><th>{_e(title)}</th><th>n</th></tr>{rows}</table>"


def _overview(
    plans: list[dict[str, str]], findings: list[dict[str, str]], edges: list[dict[str, str]]
) -> str:
    rule_rows = Counter((f["rule"], f["severity"]) for f in findings)
    rules = "".join(
        f'<tr><td>{_e(r)}</td><td><span class="sev sev-{_e(s)}">{_e(s)}</span></td><td>{n}</td></tr>'
        for (r, s), n in sorted(rule_rows.items())
    )
    return "".join(
        [
            '<h2 id="overview">Tổng quan / Archive overview</h2>',
            f"<p>{len(plans)} văn bản / documents · {len(findings)} phát hiện / findings · "
            f"{len(edges)} liên kết cấp trên / parent links</p>",
            '<div class="grid">',
            _counts("status", Counter(p["status"] for p in plans)),
            _counts("cấp / level", Counter(p["issuer_level"] for p in plans if p["status"] == "ok")),
            _counts("năm / year", Counter(p["year"] for p in plans if p["status"] == "ok")),
            _counts("liên kết / via", Counter(e["via"] for e in edges)),
            f"<table><tr><th>quy tắc / rule</th><th>mức / severity</th><th>n</th></tr>{rules}</table>",
            "</div>",
        ]
    )


def _graph(out: Path) -> str:
    svg = out / "graph.svg"
    if svg.exists() and svg.stat().st_size <= SVG_MAX_BYTES:
        text = svg.read_text(encoding="utf-8")
        start = text.find("<svg")
        body = re.sub(r"<!--.*?-->", "", text[start:], flags=re.DOTALL) if start >= 0 else ""
        return f'<h2 id="graph">Chuỗi văn bản / Parent chains</h2><div role="img">{body}</div>'
    if (out / "graph.dot").exists():
        return (
            '<h2 id="graph">Chuỗi văn bản / Parent chains</h2><p class="muted">graph.dot only (no SVG).</p>'
        )
    return ""


def _node(target: str, by_id: dict[str, dict[str, str]], registry: dict[str, dict[str, str]]) -> str:
    if target in registry:
        r = registry[target]
        return f"{_e(r['number'] or r['id'])} · {_e(r['issuer'])} · {_e(r['year'])} (registry)"
    p = by_id.get(target)
    if p is None:
        return _e(target)
    label = f"{p['number'] or '(không số)'} · {p['issuer_name'] or '?'} · {p['year']}"
    return f'<a href="#doc-{_e(target)}">{_e(label)}</a>'


def _chain(doc_id: str, edges_by: dict, by_id: dict, registry: dict) -> str:
    """The primary chain upwards (rank-0 parents), cycle-safe; other parents listed after."""
    links, seen, cur = [], {doc_id}, doc_id
    while True:
        prim = [e for e in edges_by.get(cur, []) if e["rank"] == "0"]
        if not prim or prim[0]["parent"] in seen:
            break
        cur = prim[0]["parent"]
        seen.add(cur)
        links.append(_node(cur, by_id, registry))
    chain = " ← ".join(["(văn bản này)", *links]) if links else '<span class="muted">không có / none</span>'
    others = [e for e in edges_by.get(doc_id, []) if e["rank"] != "0"]
    extra = ""
    if others:
        extra = "<br>Khác / also: " + "; ".join(_node(e["parent"], by_id, registry) for e in others)
    return f'<p class="chain"><b>Cấp trên / parents:</b> {chain}{extra}</p>'


def _plan(
    p: dict[str, str], findings: list[dict[str, str]], edges_by: dict, by_id: dict, registry: dict
) -> str:
    head = f"{p['number'] or '(không số)'} — {p['title'] or p['source_path']}"
    out = [f'<section class="plan" id="doc-{_e(p["doc_id"])}"><h3>{_e(head)}</h3>']
    if p["status"] != "ok":
        out.append(
            f"<p><b>error</b> {_e(p['error_code'])}: {_e(p['error_message'])} — {_e(p['source_path'])}</p>"
        )
        return "".join([*out, "</section>"])
    fields = [
        ("Nguồn / source", p["source_path"]),
        ("Loại / type", p["doc_type"]),
        ("Cơ quan / issuer", p["issuer_name"]),
        ("Cấp / level", p["issuer_level"]),
        ("Ngày / date", p["issued_date"]),
        ("Năm / year", p["year"]),
        ("Chủ đề / theme", p["theme"]),
        ("Thời gian / period", f"{p['period_start'] or '?'} – {p['period_end'] or '?'}"),
    ]
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in fields)
    out.append(f"<table>{rows}</table>")
    out.append(_chain(p["doc_id"], edges_by, by_id, registry))
    if findings:
        out.append("<ul>")
        for f in findings:
            ev = (
                f'<div class="ev">“{_e(f["ev_text"])}” (tr. {_e(f["ev_page"])})</div>' if f["ev_text"] else ""
            )
            out.append(
                f'<li><span class="sev sev-{_e(f["severity"])}">{_e(f["severity"])}</span> '
                f"<code>{_e(f['rule'])}</code> {_e(f['message_vi'])}<br>"
                f'<span class="muted">{_e(f["message_en"])}</span>{ev}</li>'
            )
        out.append("</ul>")
    else:
        out.append('<p class="muted">Không có phát hiện / no findings.</p>')
    return "".join([*out, "</section>"])
