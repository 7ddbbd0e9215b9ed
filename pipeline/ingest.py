"""Read any file an archive holds into a :class:`RawDocument` (pages of original text).

Formats: ``.txt``/``.md`` (UTF-8, UTF-8 BOM, UTF-16, cp1258, TCVN3, VNI), ``.html``/``.htm``
(the page's visible text, :mod:`pipeline.html_text`), ``.docx``
(paragraphs and tables in document order), ``.doc`` (through ``antiword`` or LibreOffice),
``.pdf`` (text layer page by page; pages with no usable text layer are OCRed) and images
(``.png .jpg .jpeg .tif .tiff``; one page per TIFF frame). OCR is :func:`pipeline.ocr.ocr_page`
(Tesseract ``vie``, one process per page, killed at the per-page timeout).

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

from .html_text import html_text
from .legacy import _plausibility, convert_legacy
from .ocr import ocr_page
from .office import read_office
from .pdf_lines import LineBreaks, line_breaks
from .pdf_tables import table_text
from .records import PageText, PipelineError, RawDocument, SourceInfo

MAX_FILE_BYTES = int(float(os.environ.get("KEHOACH_MAX_FILE_MB", "200")) * 1024 * 1024)
MAX_IMAGE_PIXELS = 120_000_000  # per image / TIFF frame; larger → image_too_large

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
    ".tif": "image",
    ".tiff": "image",
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
_IMAGE_KINDS = {"png", "jpeg", "tiff", "gif", "bmp"}
_BAD_CHARS = re.compile(r"[\ufffd\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")  # not in text of any 8-bit code page
_VI_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)
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
    if not sample.strip() or len(_BAD_CHARS.findall(sample)) > 0.01 * len(sample):
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


# ------------------------------------------------------------------------ text files


def _read_text(data: bytes, p: Path, ocr_timeout: float) -> tuple[list[PageText], str, list[str]]:
    text, encoding, warnings = _decoded_text(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = text.split("\f")
    if len(parts) > 1 and not parts[-1].strip():
        parts.pop()
    return [PageText(index=i, text=t, method="text") for i, t in enumerate(parts)], encoding, warnings


def _read_html(data: bytes, p: Path, ocr_timeout: float) -> tuple[list[PageText], str, list[str]]:
    markup, encoding, warnings = _decoded_text(data)
    return [PageText(index=0, text=html_text(markup), method="text")], encoding, warnings


def _decoded_text(data: bytes) -> tuple[str, str, list[str]]:
    """The decoded text; ``text_undecodable`` when it is binary data, not text: more than
    10% control, private-use or undecodable characters, or (read through an 8-bit code page,
    which maps any byte to some letter) more than 3% control bytes, which no code page's
    text holds. A binary file named ``.txt`` is an error row, not a page of mojibake."""
    text, encoding, warnings = _decode(data)
    stripped = "".join(text.split())
    bad = len(_BAD_CHARS.findall(stripped)) / max(len(stripped), 1)
    sample = data[:65536]
    controls = 0.0 if encoding.startswith("utf") else len(_CONTROL_BYTES.findall(sample)) / len(sample)
    if bad > 0.1 or controls > 0.03:
        why = f"{bad:.0%} control or undecodable characters" if bad > 0.1 else f"{controls:.0%} control bytes"
        raise PipelineError("text_undecodable", f"content is binary, not text ({why})")
    return text, encoding, warnings


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    for bom, codec, name in (
        (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32", "utf-32"),
        (b"\xff\xfe", "utf-16", "utf-16"),
        (b"\xfe\xff", "utf-16", "utf-16"),
    ):
        if data.startswith(bom):
            return _legacy(data.decode(codec, errors="replace"), name, [])
    utf16 = _bomless_utf16(data)
    if utf16:
        try:
            return _legacy(data.decode(utf16), "utf-16", ["encoding: UTF-16 without BOM"])
        except UnicodeDecodeError:
            pass
    try:
        return _legacy(data.decode("utf-8"), "utf-8", [])
    except UnicodeDecodeError:
        pass
    # 8-bit: TCVN3 / VNI (read as Latin-1) against Windows-1258, best plausibility wins.
    latin = data.decode("latin-1")
    legacy_text, legacy_enc = convert_legacy(latin)
    cp1258 = data.decode("cp1258", errors="replace")
    if legacy_enc and _plausibility(legacy_text) >= _plausibility(cp1258):
        return legacy_text, legacy_enc, [f"legacy_encoding: {legacy_enc} converted to Unicode"]
    if _VI_LETTERS.search(unicodedata.normalize("NFC", cp1258)) and _plausibility(cp1258) >= 0.5:
        return cp1258, "cp1258", []
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding, [f"encoding_guess: {best.encoding}"]
    return latin, "latin-1", ["encoding_guess: latin-1"]


def _bomless_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    pairs = len(sample) // 2
    even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0) / pairs
    odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0) / pairs
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _legacy(text: str, encoding: str, warnings: list[str]) -> tuple[str, str, list[str]]:
    converted, legacy = convert_legacy(text)
    if legacy:
        return converted, legacy, [*warnings, f"legacy_encoding: {legacy} converted to Unicode"]
    return text, encoding, warnings


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
    if len(_BAD_CHARS.findall(stripped)) > 0.05 * len(stripped):
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
            frames = []
            for i, frame in enumerate(ImageSequence.Iterator(img)):
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
    return pages, None, []


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
    """("vi" | "en" | "fr" | "unknown", reason for a not_vietnamese warning or None)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return "unknown", None
    letters = sum(len(w) for w in words)
    vi_share = len(_VI_LETTERS.findall(text)) / max(letters, 1)
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
    "txt": _read_text,
    "md": _read_text,
    "html": _read_html,
    "docx": lambda data, p, ocr_timeout: read_office(data, "docx"),
    "doc": lambda data, p, ocr_timeout: read_office(data, "doc"),
    "pdf": _read_pdf,
    "image": _read_image,
}
