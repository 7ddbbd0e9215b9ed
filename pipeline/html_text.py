"""The text of an HTML page, laid out as a plain-text document.

Crawled archives hold web pages: a document portal's page saved as ``.html``, or saved
under the name of the PDF it linked to. A page becomes lines the way a browser shows it:
block elements (``p``, ``div``, ``br``, ``li``, headings …) end a line, runs of white space
inside text are one space (except in ``pre``), ``script``/``style``/``head`` are left out,
and each table row is one line with " | " between its cells, the form DOCX and text-PDF
tables take (:mod:`pipeline.office`, :mod:`pipeline.pdf_tables`).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "center", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
}  # fmt: skip
_HIDDEN = {"head", "script", "style", "noscript", "template", "svg"}
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")


def html_text(markup: str) -> str:
    """The visible text of ``markup`` (an HTML page or fragment), one block a line."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = [line.strip() for line in "".join(parser.out).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.hidden = 0  # depth inside script/style/head …
        self.pre = 0
        self.row: list[str] | None = None  # cells of the open table row
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "pre":
            self.pre += 1
        if tag == "tr":
            self._end_row()
            self.row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self.row is None:
                self.row = []
            self.cell = []
        elif tag in _BLOCK:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()
            self._break()
        elif tag in _BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if not self.pre:
            data = _SPACES.sub(" ", data)
        if self.cell is not None:
            self.cell.append(data)
        else:
            self.out.append(data.replace("\xa0", " "))

    def close(self) -> None:
        super().close()
        self._end_row()

    def _break(self) -> None:
        if self.cell is not None:
            self.cell.append(" ")
        else:
            self.out.append("\n")

    def _end_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            self.row.append(_SPACES.sub(" ", "".join(self.cell)).strip())
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row and any(self.row):
            self.out.append("\n" + " | ".join(self.row) + "\n")
        self.row = None
