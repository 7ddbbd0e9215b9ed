"""The afternoon baseline: what a user would assemble with off-the-shelf tools.

* text: pdfplumber for PDFs (pytesseract ``vie`` when a page has no text layer),
  python-docx for .docx, a plain read for text files;
* ``number``: one regex, first match in the text = the document's own number;
* ``issuer.name``: first ORG entity of ``underthesea.ner``;
* ``issued_date``: first date of ``dateparser.search.search_dates(text, languages=["vi"])``
  (``year`` = its year);
* ``theme``: first quoted string.

Everything else stays empty. The output has the shape of ``Plan.to_dict()`` so
``pipeline.evaluate`` scores it with the same scorer:

    python benchmarks/baseline.py corpus/documents/seeds/003_6c6551002ead6284.txt
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.records import ErrorInfo, Plan, SourceInfo  # noqa: E402  (only for the record shape)

# "Số: 167/KH-UBND", "49/2012/QĐ-UBND", "2739/VPCP-ĐMDN" — one regex, as found on a forum.
NUMBER = re.compile(r"\b\d+(?:/\d{4})?\s*/\s*[A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐa-z0-9&]+)*")
QUOTED = re.compile(r"[“\"]([^”\"\n]{3,300})[”\"]")
HEAD_CHARS = 4000  # dates and the issuer are at the top; NER on a whole decree takes minutes


def _text(path: Path) -> tuple[str, str, int]:
    """(text, method, pages) of a file."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pdfplumber

        parts, method = [], "text"
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                text = page.extract_text() or ""
                if not text.strip():
                    import pytesseract

                    image = page.to_image(resolution=300).original
                    text = pytesseract.image_to_string(image, lang="vie")
                    method = "ocr"
                parts.append(text)
        return "\n".join(parts), method, len(parts)
    if suffix == ".docx":
        import docx

        d = docx.Document(str(path))
        lines = [p.text for p in d.paragraphs]
        for table in d.tables:
            for row in table.rows:
                lines.extend(cell.text for cell in row.cells)
        return "\n".join(lines), "text", 1
    return path.read_text(encoding="utf-8", errors="replace"), "text", 1


def _first_org(text: str) -> str | None:
    from underthesea import ner

    for line in text[:HEAD_CHARS].splitlines():
        if not line.strip():
            continue
        words: list[str] = []
        for token in ner(line):
            word, tag = token[0], token[-1]
            if tag == "B-ORG" or (tag == "I-ORG" and words):
                words.append(word)
            elif words:
                return " ".join(words)
        if words:
            return " ".join(words)
    return None


def _first_date(text: str) -> str | None:
    from dateparser.search import search_dates

    found = search_dates(text[:HEAD_CHARS], languages=["vi"]) or []
    return found[0][1].date().isoformat() if found else None


def baseline_extract(path: str) -> dict[str, Any]:
    """One file → a dict shaped like ``Plan.to_dict()`` (status error when unreadable)."""
    p = Path(path)
    data = p.read_bytes() if p.exists() else b""
    source = SourceInfo(path=str(path), format=p.suffix.lower().lstrip(".") or "txt", size=len(data))
    plan = Plan(doc_id=hashlib.sha256(data).hexdigest()[:16], source=source)
    try:
        text, source.method, source.pages = _text(p)
    except Exception as exc:  # an afternoon script: any failure is an error row
        plan.status, plan.error = "error", ErrorInfo("baseline_read_failed", f"{type(exc).__name__}: {exc}")
        return plan.to_dict()
    text = unicodedata.normalize("NFC", text)
    if m := NUMBER.search(text):
        plan.number = re.sub(r"\s+", "", m.group(0))
    plan.issuer.name = _first_org(text)
    plan.issued_date = _first_date(text)
    plan.year = int(plan.issued_date[:4]) if plan.issued_date else None
    if m := QUOTED.search(text):
        plan.theme = m.group(1).strip()
    return plan.to_dict()


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(json.dumps(baseline_extract(arg), ensure_ascii=False))
