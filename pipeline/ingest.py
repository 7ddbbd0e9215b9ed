"""Read any file an archive holds into a :class:`RawDocument` (pages of original text).

Formats: ``.txt``/``.md`` (UTF-8, UTF-8 BOM, UTF-16, cp1258, TCVN3, VNI), ``.html``/``.htm``
(the page's visible text; both through :mod:`pipeline.text_files`), ``.docx``
(paragraphs and tables in document order), ``.doc`` (through ``antiword`` or LibreOffice),
``.pdf`` (text layer page by page; pages with no usable text layer are OCRed) and images
(``.png .jpg .jpeg .jfif .tif .tiff .bmp .gif .webp``; one page per TIFF or GIF frame).
OCR is :func:`pipeline.ocr.ocr_page` (Tesseract ``vie``, one process per page, killed at
the per-page timeout).

Every bad input raises :class:`PipelineError` with a stable code (docs/errors.md); no
other exception leaves :func:`ingest`.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from .legacy import _plausibility, convert_legacy
from .ocr import ocr_page
from .office import read_office
from .pdf_lines import LineBreaks, line_breaks
from .pdf_tables import table_text
from .records import PageText, PipelineError, RawDocument, SourceInfo
from .text_files import BAD_CHARS, VI_LETTERS, read_text

MAX_FILE_BYTES = int(float(os.environ.get("KEHOACH_MAX_FILE_MB", "200")) * 1024 * 1024)
MAX_IMAGE_PIXELS = 120_000_000  # per image / TIFF frame; larger → image_too_large
# A file's text is read up to this many characters and a PDF / TIFF up to this many pages
# (a book or a whole bound register, not a plan): the rest is left out with a `truncated:`
# warning, so one such file cannot hold a worker for hours or take gigabytes of memory.
MAX_TEXT_CHARS = int(os.environ.get("KEHOACH_MAX_TEXT_CHARS", "1000000"))
MAX_PAGES = int(os.environ.get("KEHOACH_MAX_PAGES", "500"))

_EXT_FORMAT = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".doc": "doc",
    ".pdf": "pdf",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".jfif": "image",  # a JPEG as Windows saves it
    ".tif": "image",
    ".tiff": "image",
    ".bmp": "image",
    ".gif": "image",
    ".webp": "image",
}
_CORRUPT = {
    "txt": "text_undecodable",
    "md": "text_undecodable",
    "html": "text_undecodable",
    "docx": "docx_corrupt",
    "doc": "doc_convert_failed",
    "pdf": "pdf_corrupt",
    "image": "image_corrupt",
}
_MAGIC = [
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"GIF8", "gif"),
    (b"BM", "bmp"),
    (b"{\\rtf", "rtf"),
]
_IMAGE_KINDS = {"png", "jpeg", "tiff", "gif", "bmp", "webp"}
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "for", "that", "with", "on", "this", "are", "be", "by"},
    "fr": {"le", "la", "les", "de", "des", "et", "est", "une", "un", "pour", "que", "dans", "du", "sur"},
}


def ingest(
    path: str | os.PathLike[str], *, ocr_timeout: float = 60.0, max_bytes: int | None = None
) -> RawDocument:
    """Read ``path`` into a :class:`RawDocument`; raise :class:`PipelineError` on bad input.

    ``ocr_timeout`` is the limit in seconds for OCR of one page; ``max_bytes`` overrides
    the file size limit (default 200 MB, env ``KEHOACH_MAX_FILE_MB``).
    """
    p = Path(path)
    data = _read(p, MAX_FILE_BYTES if max_bytes is None else max_bytes)
    doc_id = hashlib.sha256(data).hexdigest()[:16]
    ext = p.suffix.lower()
    declared = _EXT_FORMAT.get(ext)
    kind = _sniff(data)
    if declared is None:
        seen = f" (content looks like {kind})" if kind else ""
        raise PipelineError("unsupported_format", f"extension {ext or '(none)'} is not supported{seen}")
    fmt, warnings = _route(declared, kind, ext)
    try:
        pages, encoding, more = _READERS[fmt](data, p, ocr_timeout)
    except PipelineError:
        raise
    except MemoryError:
        raise PipelineError("file_too_large", "not enough memory to read the file") from None
    except Exception as exc:  # a library choked on the content
        raise PipelineError(_CORRUPT[fmt], f"cannot read {fmt}: {type(exc).__name__}: {exc}"[:300]) from None
    warnings += more
    pages, cut = _within_budget(pages)
    warnings += cut
    if not any(page.text.strip() for page in pages):
        raise PipelineError("empty_document", f"no text found on {len(pages)} page(s)")
    methods = {page.method for page in pages if page.text.strip()}
    source = SourceInfo(
        path=str(p),
        format="image" if fmt == "image" else fmt,
        method=methods.pop() if len(methods) == 1 else "mixed",
        pages=len(pages),
        encoding=encoding,
        size=len(data),
    )
    language, reason = _language("\n".join(page.text for page in pages))
    if reason:
        warnings.append(f"not_vietnamese: {reason}")
    return RawDocument(doc_id=doc_id, source=source, pages=pages, warnings=warnings, language=language)


# ------------------------------------------------------------------ file and routing


def _within_budget(pages: list[PageText]) -> tuple[list[PageText], list[str]]:
    """The pages cut to :data:`MAX_TEXT_CHARS` characters in all (at a line end), and a
    ``truncated:`` warning when anything was cut."""
    total = sum(len(page.text) for page in pages)
    if total <= MAX_TEXT_CHARS:
        return pages, []
    kept, room = [], MAX_TEXT_CHARS
    for page in pages:
        if room <= 0:
            break
        if len(page.text) > room:
            end = page.text.rfind("\n", 0, room) + 1 or (0 if kept else room)
            if not end:
                break  # not one whole line of this page fits
            page = PageText(
                index=page.index,
                text=page.text[:end],
                method=page.method,
                confidence=page.confidence,
                breaks=[b for b in page.breaks if b < end],
                wraps=[w for w in page.wraps if w < end],
            )
        kept.append(page)
        room -= len(page.text)
    read = sum(len(page.text) for page in kept)
    return kept, [f"truncated: the text has {total} characters; fields are read from the first {read}"]


def _read(p: Path, limit: int) -> bytes:
    try:
        st = p.stat()
    except OSError as exc:
        raise PipelineError("unreadable", f"cannot stat file: {exc.strerror or exc}") from None
    if not p.is_file():
        raise PipelineError("unreadable", "not a regular file")
    if st.st_size == 0:
        raise PipelineError("empty_file", "file is 0 bytes")
    if st.st_size > limit:
        raise PipelineError("file_too_large", f"{st.st_size} bytes > limit {limit}")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise PipelineError("unreadable", f"cannot read file: {exc.strerror or exc}") from None
    if not data:
        raise PipelineError("empty_file", "file is 0 bytes")
    return data


def _sniff(data: bytes) -> str | None:
    head = data[:1024]
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if b"%PDF-" in head:  # junk before the header is tolerated by readers
        return "pdf"
    return _sniff_text(data[:4096])


_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def _sniff_text(head: bytes) -> str | None:
    """ "html" or "text" when the first bytes are Unicode text (a BOM, or UTF-8 with hardly
    any control bytes): a web page or a text file saved under another extension."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) and not head.startswith(
        b"\xff\xfe\x00\x00"
    ):
        sample = head.decode("utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig", "ignore")
    else:
        try:
            sample = head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 3:  # only a character cut at the end of the sample is allowed
                return None
            sample = head[: exc.start].decode("utf-8")
    if not sample.strip() or len(BAD_CHARS.findall(sample)) > 0.01 * len(sample):
        return None
    return "html" if _HTML_START.match(sample.encode("utf-8")) else "text"


def _route(declared: str, kind: str | None, ext: str) -> tuple[str, list[str]]:
    """Pick the reader by content when the extension lies; warn when it does."""
    actual = _CONTENT_FORMAT.get(kind or "")
    if not actual or actual == declared or actual not in _REROUTE[declared] or kind == "rtf":
        return declared, []
    return actual, [f"extension_mismatch: {ext} file holds {kind} content, read as {actual}"]


_CONTENT_FORMAT = {
    "pdf": "pdf",
    "zip": "docx",
    "ole": "doc",
    "rtf": "doc",
    "html": "html",
    "text": "txt",
    **dict.fromkeys(_IMAGE_KINDS, "image"),
}
_REROUTE = {  # declared format → formats its content may be read as instead
    "txt": {"pdf", "docx", "doc", "image", "html"},
    "md": {"pdf", "docx", "doc", "image", "html"},
    "html": {"pdf", "docx", "doc", "image"},
    "pdf": {"image", "docx", "doc", "html", "txt"},
    "docx": {"pdf", "doc", "image", "html", "txt"},
    "doc": {"pdf", "docx", "image", "html", "txt"},
    "image": {"pdf", "docx", "doc", "html", "txt"},
}


# ------------------------------------------------------------------------------- pdf


def _read_pdf(data: bytes, p: Path, ocr_timeout: float) -> tuple[list[PageText], None, list[str]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        # PDFium's error code is process-global and can be stale; ask pdfminer why.
        code = _pdf_failure(data)
        message = {"pdf_encrypted": "PDF is encrypted with a password", "pdf_no_pages": "PDF has 0 pages"}
        raise PipelineError(code, message.get(code, f"cannot open PDF: {exc}")) from None
    n = len(pdf)
    if n == 0:
        raise PipelineError("pdf_no_pages", "PDF has 0 pages")
    pages, warnings = [], []
    for i in range(n):
        if i >= MAX_PAGES or sum(len(page.text) for page in pages) >= MAX_TEXT_CHARS:
            warnings.append(f"truncated: read {i} of {n} pages")
            break
        page = pdf[i]
        textpage = page.get_textpage()
        raw = textpage.get_text_range()
        text = plain = raw.replace("\r\n", "\n").replace("\r", "\n")
        converted, legacy = convert_legacy(text)
        if legacy:
            text = converted
            warnings.append(f"legacy_encoding: page {i + 1} {legacy} converted to Unicode")
        if _usable_text(text):
            # paragraph ends are offsets into the text as read; a conversion that changed
            # the length would move them
            lb = line_breaks(textpage, raw) if len(text) == len(plain) else LineBreaks()
            try:
                tables = table_text(page, textpage, raw)
            except Exception as exc:  # a malformed drawing must not cost the page its text
                tables = None
                warnings.append(
                    f"pdf_tables: page {i + 1} tables not read: {type(exc).__name__}: {exc}"[:300]
                )
            if tables is not None:
                # ruled tables one row a line: the kept lines' breaks move with them, every
                # row ends its paragraph
                text = plain = tables.text
                converted, legacy = convert_legacy(text)
                text = converted if legacy else text
                lb = (
                    LineBreaks(
                        ends=sorted(
                            {tables.moved[b] for b in lb.ends if b in tables.moved} | set(tables.rows)
                        ),
                        wraps=[tables.moved[b] for b in lb.wraps if b in tables.moved],
                    )
                    if len(text) == len(plain)
                    else LineBreaks()
                )
            pages.append(PageText(index=i, text=text, method="text", breaks=lb.ends, wraps=lb.wraps))
            continue
        ocr_text, conf, lb = ocr_page(page, ocr_timeout, f"page {i + 1}")
        pages.append(
            PageText(index=i, text=ocr_text, method="ocr", confidence=conf, breaks=lb.ends, wraps=lb.wraps)
        )
    return pages, None, warnings


def _pdf_failure(data: bytes) -> str:
    """Error code for a PDF that PDFium would not open (it also refuses 0-page PDFs)."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        count = int(resolve1(resolve1(document.catalog["Pages"])["Count"]))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        return "pdf_encrypted"
    except Exception:
        return "pdf_encrypted" if re.search(rb"/Encrypt\s*\d+\s+\d+\s+R", data[-4096:]) else "pdf_corrupt"
    return "pdf_no_pages" if count == 0 else "pdf_corrupt"


def _usable_text(text: str) -> bool:
    """Is a text layer real text (enough letters, few junk characters, word-like)?"""
    stripped = "".join(text.split())
    letters = sum(1 for c in stripped if c.isalpha())
    if letters < 20:
        return False
    if len(BAD_CHARS.findall(stripped)) > 0.05 * len(stripped):
        return False
    if letters < 0.5 * len(stripped):
        return False
    words = re.findall(r"[^\W\d_]+", text)
    vowels = set("aeiouyAEIOUY")
    wordlike = sum(1 for w in words if any(unicodedata.normalize("NFD", c)[0] in vowels for c in w))
    return wordlike >= 0.6 * len(words)


# ----------------------------------------------------------------------------- image


def _read_image(data: bytes, p: Path, ocr_timeout: float) -> tuple[list[PageText], None, list[str]]:
    from PIL import Image, ImageSequence

    try:
        with _pillow_limit(Image):
            img = Image.open(io.BytesIO(data))
            frames, warnings = [], []
            for i, frame in enumerate(ImageSequence.Iterator(img)):
                if i >= MAX_PAGES:
                    warnings.append(f"truncated: read the first {MAX_PAGES} frames")
                    break
                if frame.width * frame.height > MAX_IMAGE_PIXELS:
                    raise PipelineError(
                        "image_too_large",
                        f"frame {i + 1} is {frame.width}x{frame.height} px > {MAX_IMAGE_PIXELS} px",
                    )
                frames.append(frame.convert("L"))
    except PipelineError:
        raise
    except Image.DecompressionBombError as exc:
        raise PipelineError("image_too_large", str(exc)[:200]) from None
    except Exception as exc:
        raise PipelineError(
            "image_corrupt", f"cannot decode image: {type(exc).__name__}: {exc}"[:300]
        ) from None
    pages = []
    for i, frame in enumerate(frames):
        text, conf, lb = ocr_page(frame, ocr_timeout, f"frame {i + 1}")
        pages.append(
            PageText(index=i, text=text, method="ocr", confidence=conf, breaks=lb.ends, wraps=lb.wraps)
        )
    return pages, None, warnings


class _pillow_limit:
    """Temporarily set Pillow's decompression-bomb limit to :data:`MAX_IMAGE_PIXELS`."""

    def __init__(self, image_module):
        self.image = image_module

    def __enter__(self):
        self.saved = self.image.MAX_IMAGE_PIXELS
        self.image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS

    def __exit__(self, *exc):
        self.image.MAX_IMAGE_PIXELS = self.saved
        return False


# -------------------------------------------------------------------------- language


def _language(text: str) -> tuple[str, str | None]:
    """("vi" | "en" | "fr" | "unknown", reason for a not_vietnamese warning or None). The
    text is taken in NFC: a decomposed (NFD) file, as macOS writes them, is still Vietnamese."""
    text = unicodedata.normalize("NFC", text.replace("\u00d0", "Đ").replace("\u00f0", "đ"))
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return "unknown", None
    letters = sum(len(w) for w in words)
    vi_share = len(VI_LETTERS.findall(text)) / max(letters, 1)
    if vi_share >= 0.03 and _plausibility(text) >= 0.5:
        return "vi", None
    counts = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    lang = max(counts, key=lambda k: counts[k])
    if counts[lang] >= max(2, 0.08 * len(words)):
        return lang, f"language looks like {lang} ({counts[lang]}/{len(words)} common {lang} words)"
    if len(words) >= 20:
        return "unknown", f"few Vietnamese letters ({vi_share:.1%}) in {len(words)} words"
    return "unknown", None


_READERS: dict[str, Callable[[bytes, Path, float], tuple[list[PageText], str | None, list[str]]]] = {
    "txt": lambda data, p, ocr_timeout: read_text(data, "txt"),
    "md": lambda data, p, ocr_timeout: read_text(data, "md"),
    "html": lambda data, p, ocr_timeout: read_text(data, "html"),
    "docx": lambda data, p, ocr_timeout: read_office(data, "docx"),
    "doc": lambda data, p, ocr_timeout: read_office(data, "doc"),
    "pdf": _read_pdf,
    "image": _read_image,
}
