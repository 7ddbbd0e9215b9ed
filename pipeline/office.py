"""Read office files: ``.docx`` (paragraphs, tables and text boxes in document order) and
legacy ``.doc`` (through ``antiword``, else LibreOffice). Called by :func:`pipeline.ingest.ingest`,
which turns any exception other than :class:`PipelineError` into the format's corrupt code.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from .legacy import convert_legacy
from .records import PageText, PipelineError

DOCX_MAX_UNCOMPRESSED = 300 * 1024 * 1024  # total of all zip members
DOCX_MAX_RATIO = 100  # per member larger than 1 MB uncompressed
DOC_CONVERT_TIMEOUT = 120.0


def read_office(data: bytes, fmt: str) -> tuple[list[PageText], None, list[str]]:
    """Pages, encoding (always None: the container says it) and warnings of a ``docx``
    or ``doc`` file's bytes; raise :class:`PipelineError` on a bomb, a corrupt archive or a
    missing/failed converter."""
    return _read_docx(data) if fmt == "docx" else _read_doc(data)


# ------------------------------------------------------------------------------ docx


def _read_docx(data: bytes) -> tuple[list[PageText], None, list[str]]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PipelineError("docx_corrupt", f"not a zip archive: {exc}") from None
    total = sum(i.file_size for i in infos)
    if total > DOCX_MAX_UNCOMPRESSED:
        raise PipelineError("docx_bomb", f"uncompressed size {total} bytes > {DOCX_MAX_UNCOMPRESSED}")
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > DOCX_MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise PipelineError("docx_bomb", f"{info.filename} expands {ratio}x")
    if "word/document.xml" not in zf.namelist():
        raise PipelineError("docx_corrupt", "zip has no word/document.xml")
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []

    def para_lines(el) -> list[str]:
        out = [_paragraph_text(el)]
        # text boxes (not under mc:Fallback, which repeats the mc:Choice content)
        for box in el.iter(_W + "txbxContent"):
            if any(a.tag == _MC + "Fallback" for a in box.iterancestors()):
                continue
            out += [_paragraph_text(bp) for bp in box.iter(_W + "p")]
        return out

    def block_lines(el) -> list[str]:
        if el.tag == _W + "p":
            return para_lines(el)
        if el.tag == _W + "tbl":
            return table_lines(Table(el, document))
        if el.tag == _W + "sdt":  # content control: its content blocks
            content = el.find(_W + "sdtContent")
            return [ln for child in (content if content is not None else []) for ln in block_lines(child)]
        return []

    def table_lines(table: Table) -> list[str]:
        out = []
        for row in table._tbl.tr_lst:
            cells = []
            for tc in row.tc_lst:
                cell = [ln for child in tc.iterchildren() for ln in block_lines(child)]
                cells.append([ln for ln in cell if ln.strip()] or [""])
            height = max((len(c) for c in cells), default=0)
            for k in range(height):
                out.append(" | ".join(c[k] if k < len(c) else "" for c in cells).rstrip(" |"))
        return out

    for child in document.element.body.iterchildren():
        lines += block_lines(child)
    text, legacy = convert_legacy("\n".join(lines))
    warnings = [f"legacy_encoding: {legacy} converted to Unicode"] if legacy else []
    return [PageText(index=0, text=text, method="text")], None, warnings


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIPPED = {_W + "del", _W + "moveFrom", _W + "txbxContent", _MC + "Fallback"}


def _paragraph_text(p) -> str:
    """The text of a ``w:p`` as Word shows it with tracked changes accepted: every run of the
    paragraph, also the runs python-docx's ``Paragraph.text`` leaves out (inside ``w:ins``,
    ``w:moveTo``, an inline content control ``w:sdt``, ``w:smartTag``, ``w:customXml``,
    ``w:fldSimple``), but not deleted or moved-away runs (``w:del``, ``w:moveFrom``) nor the
    paragraphs of a text box (read on their own lines)."""
    parts = []
    for run in p.iter(_W + "r"):
        ancestor = run.getparent()
        while ancestor is not None and ancestor is not p and ancestor.tag not in _SKIPPED:
            ancestor = ancestor.getparent()
        if ancestor is p:
            parts.append(run.text)  # python-docx's CT_R.text: w:t, tabs, breaks
    return "".join(parts)


# ------------------------------------------------------------------------------- doc


def _read_doc(data: bytes) -> tuple[list[PageText], None, list[str]]:
    antiword = shutil.which("antiword")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not antiword and not office:
        raise PipelineError(
            "doc_converter_missing", "reading .doc needs antiword or LibreOffice (soffice) on PATH"
        )
    with tempfile.TemporaryDirectory(prefix="kehoach-doc-") as tmp:
        src = Path(tmp) / "in.doc"
        src.write_bytes(data)
        try:
            if antiword and data.startswith(b"\xd0\xcf\x11\xe0"):
                proc = subprocess.run(
                    [antiword, "-m", "UTF-8.txt", "-w", "0", str(src)],
                    capture_output=True,
                    timeout=DOC_CONVERT_TIMEOUT,
                )
                text = proc.stdout.decode("utf-8", errors="replace")
                if proc.returncode != 0 and not office:
                    raise PipelineError(
                        "doc_convert_failed", proc.stderr.decode(errors="replace")[:200].strip()
                    )
            else:
                text = ""
            if not text.strip() and office:
                cmd = [
                    office,
                    "--headless",
                    "--convert-to",
                    "txt:Text (encoded):UTF8",
                    "--outdir",
                    tmp,
                    str(src),
                ]
                subprocess.run(cmd, capture_output=True, timeout=DOC_CONVERT_TIMEOUT)
                out = Path(tmp) / "in.txt"
                if not out.exists():
                    raise PipelineError("doc_convert_failed", "LibreOffice produced no text")
                text = out.read_bytes().decode("utf-8-sig", errors="replace")
        except subprocess.TimeoutExpired:
            raise PipelineError(
                "doc_convert_failed", f"converter timed out after {DOC_CONVERT_TIMEOUT:.0f}s"
            ) from None
    text, legacy = convert_legacy(text.replace("\r\n", "\n"))
    warnings = [f"legacy_encoding: {legacy} converted to Unicode"] if legacy else []
    parts = text.split("\f")
    if len(parts) > 1 and not parts[-1].strip():
        parts.pop()
    return [PageText(index=i, text=t, method="text") for i, t in enumerate(parts)], None, warnings
