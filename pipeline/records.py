"""Record types passed between stages. Every stage takes and returns these.

Offsets: a document's original text is kept page by page (``RawDocument.pages[i].text``).
Every extracted value carries an :class:`Evidence` whose ``page`` is 1-based and whose
``start``/``end`` index into that page's *original* text, so that
``raw.pages[ev.page - 1].text[ev.start:ev.end] == ev.text`` always holds.

Stages work on :class:`Text` (the normalized text) and use ``Text.evidence(start, end)``
to turn normalized offsets into original ones.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

PIPELINE_VERSION = "0.1.0"


# --------------------------------------------------------------------------- ingest


@dataclass
class PageText:
    """One page as read from the file, before any cleaning."""

    index: int  # 0-based page index
    text: str  # original text of the page (text layer, OCR output, or file text)
    method: str  # "text" | "ocr"
    confidence: float | None = None  # mean Tesseract word confidence (0-100), OCR pages only
    # offsets in ``text`` of line breaks the page layout shows to end a paragraph (a PDF line
    # that stopped short of the margin) and to run on (a full line of a justified page);
    # normalize never glues a capitalised line across the first, and glues across the second
    breaks: list[int] = field(default_factory=list)
    wraps: list[int] = field(default_factory=list)


@dataclass
class SourceInfo:
    path: str
    format: str  # "txt" | "md" | "html" | "docx" | "doc" | "pdf" | "image" | extension of an unsupported file
    method: str = "text"  # "text" | "ocr" | "mixed"
    pages: int = 0
    encoding: str | None = None  # for text files: "utf-8", "utf-8-sig", "utf-16", "cp1258", "tcvn3", "vni"
    size: int = 0


@dataclass
class ErrorInfo:
    code: str  # stable code, e.g. "empty_file", "pdf_encrypted" (see docs/errors.md)
    message: str  # one line


@dataclass
class RawDocument:
    doc_id: str  # first 16 hex of sha256 of the file bytes
    source: SourceInfo
    pages: list[PageText]
    warnings: list[str] = field(default_factory=list)
    language: str | None = None  # "vi" or a guess at the other language


# ----------------------------------------------------------------------- normalize


@dataclass
class Evidence:
    page: int  # 1-based page number
    start: int  # offset into that page's original text
    end: int
    text: str  # == original page text[start:end]
    rule: str | None = None  # id of the rule / layer that produced the value


@dataclass
class Text:
    """Normalized text plus a map from each normalized character to the original.

    ``src[i]`` is the offset, in the *concatenated* original (pages joined by
    ``PAGE_SEP``), of the original character that normalized character ``i`` came
    from. ``src`` has ``len(text) + 1`` entries; the last is the end of the original.
    """

    text: str
    src: list[int]
    originals: list[str]  # original text per page

    PAGE_SEP = "\f"

    @classmethod
    def of(cls, s: str) -> Text:
        """A one-page Text that is its own original (no cleaning): every offset maps to itself."""
        return cls(text=s, src=list(range(len(s) + 1)), originals=[s])

    def page_starts(self) -> list[int]:
        starts, pos = [], 0
        for page in self.originals:
            starts.append(pos)
            pos += len(page) + len(self.PAGE_SEP)
        return starts

    def evidence(self, start: int, end: int, rule: str | None = None) -> Evidence:
        """Evidence for normalized span [start, end), clipped to the page of ``start``."""
        end = max(end, start)
        o_start = self.src[start]
        o_end = self.src[end - 1] + 1 if end > start else o_start
        starts = self.page_starts()
        page = max(0, bisect.bisect_right(starts, o_start) - 1)
        p_start = starts[page]
        p_len = len(self.originals[page])
        s = min(max(o_start - p_start, 0), p_len)
        e = min(max(o_end - p_start, s), p_len)
        page_text = self.originals[page]
        while e < p_len and unicodedata.combining(page_text[e]):  # NFD accents belong to their letter
            e += 1
        return Evidence(page=page + 1, start=s, end=e, text=self.originals[page][s:e], rule=rule)


# ------------------------------------------------------------------------ segment


@dataclass
class Section:
    """A block of the normalized text. ``start``/``end`` index into ``Text.text``."""

    kind: str  # noise | banner | header | title | preamble | body | heading | closing | recipients | signature | annex
    start: int
    end: int
    label: str | None = None  # numbering as written: "I.", "2.1.", "a)", "-", "+"
    title: str | None = None  # heading text, when the section has one
    level: int = 0  # depth in the numbering tree (0 = top)
    parent: int | None = None  # index of the parent section in Segmentation.sections
    annex: bool = False  # True inside an annex (PHỤ LỤC, MẪU BÁO CÁO ...)


@dataclass
class Segmentation:
    sections: list[Section] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Section]:
        return [s for s in self.sections if s.kind == kind]

    def annex_start(self) -> int | None:
        """Offset where the first annex begins, if any."""
        starts = [s.start for s in self.sections if s.kind == "annex"]
        return min(starts) if starts else None


# ------------------------------------------------------------------------ extract


@dataclass
class DateMention:
    """A date, date range, time or deadline found in text. Offsets index the text searched."""

    start: int
    end: int
    kind: str  # "date" | "range" | "deadline"
    date: str | None  # ISO YYYY-MM-DD (range: first day); None when blank ("ngày   tháng   năm 2024")
    end_date: str | None = None  # ranges only
    time: str | None = None  # "07:00" when a time is attached ("7h00 ngày 06/10/2022")
    weekday: int | None = None  # as written: "(thứ 5)" → 5; "Chủ nhật" → 8
    raw: str = ""


@dataclass
class Citation:
    kind: str | None  # "Công văn", "Kế hoạch", "Quyết định", "Luật", "Nghị định", ...
    number: str | None  # normalized: spaces removed, "747/CV-PGDĐT-GDTX", "49-KL/TW"
    date: str | None  # ISO YYYY-MM-DD
    issuer: str | None  # full name, abbreviations expanded
    role: str  # parent | proposal | basis | reference
    evidence: Evidence | None = None
    title: str | None = None  # "về việc ..." when present
    resolved_to: str | None = None  # set by link: doc_id in the archive or "registry:<id>"


@dataclass
class Issuer:
    name: str | None = None  # "Ủy ban nhân dân tỉnh Sơn La"
    level: str | None = None  # central | province | district | commune
    admin_code: str | None = None  # GSO code of the administrative unit
    admin_path: list[str] = field(default_factory=list)  # province → district → commune names


@dataclass
class Event:
    name: str
    date: str | None = None
    time: str | None = None  # "07:00"
    place: str | None = None


@dataclass
class Deadline:
    date: str | None
    action: str | None = None
    to: str | None = None


@dataclass
class Activity:
    text: str
    category: str  # see docs/schema.md taxonomy
    section: str | None = None  # label/title of the section it came from


@dataclass
class Assignment:
    agency: str
    role: str  # lead | support | assignee
    tasks: list[str] = field(default_factory=list)


@dataclass
class Signer:
    name: str | None = None
    title: str | None = None  # "Phó Chủ tịch Thường trực"
    authority: str | None = None  # "KT. Chủ tịch", "TM. Ủy ban nhân dân"


@dataclass
class Period:
    start: str | None = None
    end: str | None = None


@dataclass
class Plan:
    """The record written to plans.jsonl — one per input file."""

    doc_id: str
    source: SourceInfo
    status: str = "ok"  # ok | error
    error: ErrorInfo | None = None
    doc_type: str | None = None
    number: str | None = None
    issued_place: str | None = None
    issued_date: str | None = None
    issuer: Issuer = field(default_factory=Issuer)
    title: str | None = None
    year: int | None = None
    theme: str | None = None
    legal_basis: list[Citation] = field(default_factory=list)
    references: list[Citation] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    period: Period = field(default_factory=Period)
    events: list[Event] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    recipients: list[str] = field(default_factory=list)
    budget: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)  # field path → Evidence / list
    warnings: list[str] = field(default_factory=list)
    language: str | None = None
    pages: list[dict[str, Any]] = field(default_factory=list)  # per page: method, confidence
    sections: list[Section] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ------------------------------------------------------------------ link / check


@dataclass
class Finding:
    doc_id: str
    rule: str  # id from models/rules/compliance.yaml
    severity: str  # error | review | info
    message_vi: str
    message_en: str
    evidence: Evidence | None = None


@dataclass
class Edge:
    child: str  # doc_id
    parent: str  # doc_id in the archive or "registry:<id>"; unresolved citations have no edge
    number: str | None
    rank: int  # 0 = primary parent
    via: str  # "archive" | "registry"


class PipelineError(Exception):
    """A failure that becomes an error row: a stable ``code`` and a one-line message."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def info(self) -> ErrorInfo:
        return ErrorInfo(code=self.code, message=self.message)
