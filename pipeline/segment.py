"""Segment: cut a normalized document into its administrative parts.

    >>> seg = segment(normalize(raw))
    >>> [s.kind for s in seg.sections]
    ['header', 'title', 'preamble', 'body', 'heading', ..., 'recipients', 'signature', 'annex', ...]

Kinds (offsets index ``Text.text``):

* ``noise``  — lines before the document proper: a crawler's page title, "Source: …", a portal
  banner. Kept as a section so nothing is silently dropped; never the header.
* ``banner`` — digital-signature stamp lines ("Người ký: …", "Thời gian ký: …"); never the issuer.
* ``header`` — issuer lines, quốc hiệu, motto, "Số: …", place and date. A công văn's
  "Số …" and place-date can sit on either side of its "V/v" line, so a document may have two
  header sections.
* ``title`` — the document-type word and the trích yếu lines after it; a "V/v …" line.
* ``preamble`` — Căn cứ / Thực hiện / Theo đề nghị / … lines up to "QUYẾT ĐỊNH:" or "… như sau:".
  **Decision:** a công văn's "Kính gửi: …" line belongs to the preamble (it precedes the body
  and often shares a line with the first sentence).
* ``body`` — the main text; numbered ``heading`` sections are its descendants (``parent``),
  nested by numbering scheme (``level`` 0 = top). A heading spans to the next heading of the
  same or a higher level.
* ``closing`` ("Trên đây là …"), ``recipients`` ("Nơi nhận:" and its list), ``signature``.
* ``annex`` — PHỤ LỤC / MẪU / "(Ban hành kèm theo …)" / an embedded template after the
  signature. Everything inside is segmented again (numbering restarts) with ``annex=True``
  and the annex as ``parent``.

Patterns: ``models/rules/segment.yaml``.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline import patterns
from pipeline.records import Section, Segmentation, Text

__all__ = ["segment"]

_TABLE = "segment"
Block = tuple[int, int, str]


@cache
def _rx(rule_id: str) -> re.Pattern[str]:
    return patterns.regex(_TABLE, rule_id)


def _is(rule_id: str, text: str) -> bool:
    return bool(_rx(rule_id).search(text))


@cache
def _heading_rules() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (e["scheme"], patterns.compile_entry(e)) for e in patterns.table(_TABLE) if e["kind"] == "heading"
    ]


@cache
def _split_rules() -> list[tuple[str, re.Pattern[str]]]:
    return [(e["id"], patterns.compile_entry(e)) for e in patterns.table(_TABLE) if e["kind"] == "split"]


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _blocks(text: str) -> list[Block]:
    """Non-empty lines, cut again where a crawler flattened several lines into one."""
    out: list[Block] = []
    for m in re.finditer(r"[^\n\f]+", text):
        cuts = {m.start(), m.end()}
        for rule_id, rx in _split_rules():
            if rule_id == "split_place_date" and _is("place_date", m.group(0)):
                continue  # the line already starts with the place ("Thái Nguyên, ngày")
            for s in rx.finditer(text, m.start(), m.end()):
                cuts.add(s.end())
                if rule_id == "split_place_date":
                    break  # the leftmost cut keeps a two-word place whole ("Hà Nội, ngày")
        points = sorted(cuts)
        for a, b in zip(points, points[1:], strict=False):
            piece = text[a:b]
            lead, trail = len(piece) - len(piece.lstrip()), len(piece) - len(piece.rstrip())
            if piece.strip():
                out.append((a + lead, b - trail, piece.strip()))
    return out


def _heading(text: str) -> tuple[str, str, str] | None:
    for scheme, rx in _heading_rules():
        m = rx.match(text)
        if m:
            label, title = m.group("label").strip(), m.group("title").strip()
            if scheme == "decimal":
                scheme = f"decimal{label.rstrip('.').count('.') + 1}"
            return scheme, label, _short_title(title)
    return None


def _short_title(title: str) -> str:
    m = re.search(r":(?:\s|$)|\.(?:\s|$)", title)
    if m and m.start() > 0:
        title = title[: m.start()]
    return title.strip(" .:;")[:200]


def _is_rule(t: str) -> bool:
    """A separator rule under the issuer / motto, or two of them side by side (the two
    columns of a text or PDF layer: "--------      ----------------------"), or the star
    a Party committee puts under its name ("*", "* * *")."""
    return bool(re.fullmatch(r"[-_–—=.…]{3,}(?:\s+[-_–—=.…]{3,})*|\*(?:\s*\*){0,2}", t))


def _headerish(t: str) -> bool:
    header_lines = ("quoc_hieu", "motto", "number_line", "place_date", "issuer")
    return any(_is(r, t) for r in header_lines) or _is_rule(t)


def _annex_start(t: str) -> bool:
    if _is("annex_citation", t):
        return False  # "Phụ lục 5 Thông tư …" wrapped to a line start: a citation, not an annex
    return _is("annex", t) and (_caps(t) or t.startswith("(") or t.startswith("Phụ lục"))


def _classify(blocks: list[Block], in_annex: bool) -> list[str]:
    """One kind per block, by a small state machine over the document's usual order."""
    kinds: list[str] = []
    anchor = 0 if in_annex else _doc_start(blocks)
    phase, after_type, name_seen = "top", False, False
    motto_seen = False  # a quốc hiệu/motto of this document's own header, or a signature
    list_intro = False  # a preamble clause ended with ":" and its list may follow
    for k, (_, _, t) in enumerate(blocks):
        kind = None
        if phase == "top":
            if _is("banner", t):
                kind = "banner"
            elif k < anchor or _is("noise", t):
                kind = "noise"
            else:
                phase = "header"
        if kind is None and phase == "header":
            if _is("doc_type", t) or _is("vv", t):
                kind, phase, after_type = "title", "title", _is("doc_type", t)
            elif _headerish(t) or (_caps(t) and kinds and kinds[-1] == "header" and not _heading(t)):
                kind = "header"
                motto_seen = motto_seen or _is("quoc_hieu", t) or _is("motto", t)
            else:
                phase = "preamble" if _is("preamble_start", t) else "body"
        elif kind is None and phase == "title":
            first = after_type
            after_type = False
            if first and not _is("preamble_start", t.replace("Thực hiện", "", 1)) and not _heading(t):
                kind = "title"  # the trích yếu right after the type word, even "Thực hiện …"
            elif not _is("preamble_start", t) and (
                any(_is(r, t) for r in ("number_line", "place_date", "quoc_hieu", "motto")) or _is_rule(t)
            ):
                kind = "header"  # a công văn's quốc hiệu, Số and date can follow its V/v line
                motto_seen = motto_seen or _is("quoc_hieu", t) or _is("motto", t)
            elif _caps_title_goes_on(kinds, blocks[k - 1][2], t):
                kind = "title"  # "… CỦA THỦ TƯỚNG" / "CHÍNH PHỦ VỀ ĐẨY MẠNH …": not an issuer line
            elif (
                _is("preamble_start", t) or _is("preamble_end", t) or _is("issuer", t) or _is("signature", t)
            ):
                phase = "preamble"
            elif _heading(t) or _is("closing", t) or _is("recipients", t):
                phase = "body"
            elif kinds.count("title") < 6 and not t.endswith((".", ";")):
                kind = "title"
            else:
                phase = "body"
        if kind is None and phase == "preamble":
            if _heading(t) or _is("closing", t) or _is("recipients", t):
                phase = "body"
            elif _is("preamble_end", t):
                kind, phase = "preamble", "body"
            elif (
                _is("preamble_start", t)
                or not kinds
                or kinds[-1] != "preamble"
                or t.endswith(":")
                or (_caps(t) and _is("issuer", t))
                or _open_clause(blocks[k - 1][2])
                or (list_intro and (blocks[k - 1][2].endswith(":") or _is("preamble_list_item", t)))
            ):  # … or the wrapped rest of an unfinished clause ("… của Văn phòng" / "Chính phủ …"),
                # or an item of a list a "Căn cứ các Quyết định …:" clause introduces
                kind = "preamble"
                phase = "body" if t.endswith(":") and not _is("preamble_start", t) else "preamble"
                intro = t.endswith(":") and not _is("addressee", t)
                list_intro = (list_intro or intro) and phase == "preamble"
            else:
                phase = "body"
        if kind is None and phase == "body":
            if _is("closing", t):
                phase = "closing"
            elif _is("recipients", t):
                phase = "recipients"
            elif _is("signature", t):
                phase = "signature"
            elif _annex_start(t) and not t.startswith("("):
                phase = "annex"
            elif _is("quoc_hieu", t) and motto_seen:
                phase = "annex"  # a second quốc hiệu: an attached document (template, decision)
            elif _is("quoc_hieu", t):
                # the first quốc hiệu after body text: the document's own header comes late
                kind, phase = "header", "header"
                motto_seen = True
            else:
                kind = "body"
        if kind is None and phase == "closing":
            if _is("recipients", t):
                phase = "recipients"
            elif _is("signature", t) or (_caps(t) and not _heading(t)):
                phase = "signature"
            else:
                kind = "closing"
        if kind is None and phase == "recipients":
            # a line of unit codes ("TTgCP, các Vụ: TCCV, TH, PL; …") still lists recipients
            if _is("signature", t) or (_caps(t) and not re.match(r"[-+·•*]", t) and ";" not in t):
                phase = "signature"
            else:
                kind = "recipients"
        if kind is None and phase == "signature":
            motto_seen = True
            if name_seen and _is("recipients", t):
                kind, phase = "recipients", "recipients"
            elif name_seen and re.match(r"[-+·•~]", t) or _is("list_line", t):
                # a Nơi nhận line beside or below the signature (bullet, or a flattened list's
                # "; - " boundary): never the name, never an annex
                kind = "recipients"
            elif _is("signed_marker", t):
                kind = "signature"  # "(Đã ký)" stands in for the signature, not for the name
            elif name_seen and _is("name_tail", t) and re.search(r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+$", blocks[k - 1][2]):
                kind = "signature"  # the name's last word(s) wrapped onto the next line
            elif name_seen:
                phase = "annex"
            else:
                kind = "signature"
                name_seen = _is("person_name", t) or bool(re.search(r"[a-zđà-ỹ]{2,}\s*$", t))
        if kind is None:
            kind = "annex" if phase == "annex" else "body"
            phase = "annex" if phase == "annex" else phase
        kinds.append(kind)
    return kinds


def _caps_title_goes_on(kinds: list[str], prev: str, t: str) -> bool:
    """An all-caps trích yếu wrapped right after the name of the body it cites ("… CỦA THỦ
    TƯỚNG" / "CHÍNH PHỦ VỀ …"): the next caps line goes on with it even though it opens
    like an issuer line."""
    return bool(
        kinds
        and kinds[-1] == "title"
        and _caps(prev)
        and _caps(t)
        and not _heading(t)
        and _is("caps_title_open_tail", prev)
        and not _is("preamble_start", t)
    )


def _open_clause(prev: str) -> bool:
    """A preamble clause cut by a wrap: it ends with no sentence or item end. The addressee
    ("Kính gửi: …") and the authority line in capitals carry no punctuation of their own."""
    return not prev.endswith((".", ";", ":", "!", "?")) and not _is("addressee", prev) and not _caps(prev)


_PRELUDE_MAX = 60  # blocks of crawler/portal text searched for the first quốc hiệu
_HEADER_BACK = 8  # issuer/number/V/v lines that may sit above the quốc hiệu


def _doc_start(blocks: list[Block]) -> int:
    """Index of the block where the document proper starts (blocks before it are noise).

    Its first header or type line, when among the first 4 blocks (a signature-title line is
    not a header). Otherwise the header cluster around the first quốc hiệu (issuer, rule,
    "Số", "V/v" and all-caps lines just above it), when nothing before that cluster looks like
    the document itself (headings, Căn cứ, closing, Nơi nhận, a signature).
    """
    first = next(
        (
            k
            for k, (_, _, t) in enumerate(blocks[:4])
            if (_headerish(t) or _is("doc_type", t)) and not _is("signature", t)
        ),
        None,
    )
    q = next((k for k, b in enumerate(blocks[:_PRELUDE_MAX]) if _is("quoc_hieu", b[2])), None)
    if q is None or (first is not None and first < q - _HEADER_BACK):
        return first or 0
    start = q
    while start > 0 and q - start < _HEADER_BACK:
        t = blocks[start - 1][2]
        if not (_headerish(t) or _is("vv", t) or (_caps(t) and not _heading(t))):
            break
        start -= 1
    for _, _, t in blocks[:start]:
        if _heading(t) or any(
            _is(r, t) for r in ("preamble_start", "preamble_end", "closing", "recipients", "signature")
        ):
            return first or 0
    return start if first is None else min(first, start)


def _annex_regions(blocks: list[Block], first: int) -> list[tuple[int, int]]:
    starts = [first]
    for k in range(first + 1, len(blocks)):
        t = blocks[k][2]
        if k - starts[-1] > 4 and (_annex_start(t) and not t.startswith("(")):
            starts.append(k)
    return [(s, e) for s, e in zip(starts, [*starts[1:], len(blocks)], strict=False)]


def _add_headings(blocks: list[Block], idx: list[int], body: int, out: list[Section], annex: bool) -> None:
    stack: list[tuple[str, int]] = []  # (scheme, section index)
    for k in idx:
        h = _heading(blocks[k][2])
        if not h:
            continue
        scheme, label, title = h
        schemes = [s for s, _ in stack]
        if scheme in schemes:
            del stack[schemes.index(scheme) :]
        parent = stack[-1][1] if stack else body
        out.append(
            Section(
                kind="heading",
                start=blocks[k][0],
                end=blocks[k][1],
                label=label,
                title=title,
                level=len(stack),
                parent=parent,
                annex=annex,
            )
        )
        stack.append((scheme, len(out) - 1))
    # a heading ends where the next heading of the same or a higher level starts
    body_end = out[body].end
    mine = [i for i in range(body + 1, len(out)) if out[i].kind == "heading"]
    for n, i in enumerate(mine):
        nxt = next((j for j in mine[n + 1 :] if out[j].level <= out[i].level), None)
        if nxt is None:
            out[i].end = body_end
        else:
            prev = max(b[1] for b in blocks if b[0] < out[nxt].start)
            out[i].end = max(out[i].end, prev)


def _segment_blocks(blocks: list[Block], out: list[Section], annex: bool, parent: int | None) -> None:
    if not blocks:
        return
    kinds = _classify(blocks, in_annex=annex)
    if "annex" in kinds and not annex:
        first = kinds.index("annex")
        main, rest = blocks[:first], blocks[first:]
        kinds = kinds[:first]
    else:
        main, rest = blocks, []
    k = 0
    while k < len(main):
        kind = kinds[k]
        j = k
        while j + 1 < len(main) and kinds[j + 1] == kind:
            j += 1
        out.append(Section(kind=kind, start=main[k][0], end=main[j][1], annex=annex, parent=parent))
        if kind == "body":
            _add_headings(main, list(range(k, j + 1)), len(out) - 1, out, annex)
        k = j + 1
    for s, e in _annex_regions(rest, 0) if rest else []:
        region = rest[s:e]
        intro = 1
        while (
            intro < len(region)
            and intro < 5
            and (_caps(region[intro][2]) or region[intro][2].startswith("("))
        ):
            if _headerish(region[intro][2]) and not region[intro][2].startswith(("MẪU", "PHỤ LỤC")):
                break
            intro += 1
        title = " ".join(b[2] for b in region[:intro])
        out.append(
            Section(kind="annex", start=region[0][0], end=region[-1][1], title=title[:200], annex=True)
        )
        _segment_blocks(region[intro:], out, annex=True, parent=len(out) - 1)


def segment(text: Text) -> Segmentation:
    """Sections of ``text`` (header, title, preamble, body/headings, closing, recipients,
    signature, annex, plus noise/banner for text that is not the document)."""
    sections: list[Section] = []
    _segment_blocks(_blocks(text.text), sections, annex=False, parent=None)
    return Segmentation(sections=sections)
