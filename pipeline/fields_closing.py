"""Closing fields: recipients (Nơi nhận) and signer. Helpers of :mod:`pipeline.extract`."""

from __future__ import annotations

import re

from .fields_header import Doc, clean, lexicon, rx
from .records import Signer

_TAIL = 4000  # when there is no "Nơi nhận", the signature is looked for in the last characters
_BLOCK = 400  # a signature block is at most this long


def _recipients_start(doc: Doc) -> re.Match[str] | None:
    found = None
    for m in rx("recipients_start").finditer(doc.t, 0, doc.main_end):
        found = m  # the last one before the annexes
    return found


def _signature_start(doc: Doc) -> int | None:
    """Offset of the signature block (authority or position in capitals), if any."""
    t, end = doc.t, doc.main_end
    rec = _recipients_start(doc)
    lo = rec.start() if rec else max(0, end - _TAIL)
    sig = doc.seg.of_kind("signature") if doc.seg else []
    sig = [s for s in sig if not s.annex]
    if sig:
        lo = min(lo, sig[0].start)
    best = None
    for name in ("signer_authority", "signer_position"):
        m = rx(name).search(t, lo, end)
        if m and (best is None or m.start() < best):
            best = m.start()
    return best


def extract_signer(doc: Doc) -> Signer:
    start = _signature_start(doc)
    if start is None:
        return Signer()
    t = doc.t
    stop = min(doc.main_end, start + _BLOCK)
    block = t[start:stop]
    # the block ends at the personal name: the first line (or trailing words) that is one
    name_m = None
    pos = 0
    for line in re.finditer(r"[^\n|]+", block):
        body = clean(line.group())
        if body is None:
            continue
        m = rx("person_name").match(body)
        if m and not _looks_like_position(body):
            off = line.start() + line.group().find(body[:3])
            name_m = (start + off, start + off + len(body), body)
            break
        tail = re.search(r"(?:[A-ZĐÂĂÊÔƠƯ][a-zà-ỹđ]+\s+){1,5}[A-ZĐÂĂÊÔƠƯ][a-zà-ỹđ]+\s*$", body)
        if tail and _is_caps_prefix(body[: tail.start()]):
            off = line.start() + line.group().find(body) + tail.start()
            name_m = (start + off, start + off + len(tail.group().rstrip()), tail.group().strip())
            break
        pos = line.end()
    caps_end = name_m[0] if name_m else start + pos
    caps = re.sub(r"[*#|]", " ", t[start:caps_end])
    caps = re.sub(r"\s+", " ", caps).strip()
    signer = Signer()
    if name_m:
        signer.name = name_m[2]
        doc.ev("signer.name", name_m[0], name_m[1], "signer.name")
    position = None
    for m in rx("signer_position").finditer(caps):
        position = m  # the last position is the signer's own
    auths = list(rx("signer_authority").finditer(caps))
    if position:
        signer.title = _case_position(position.group("pos"))
        _ev_in(doc, "signer.title", start, caps_end, position.group("pos"))
    if auths:
        a = auths[-1]
        a_end = position.start() if position and position.start() > a.start() else len(caps)
        auth_text = caps[a.start() : a_end].strip(" ,")
        if position and position.start() <= a.start():
            auth_text = caps[a.start() :].strip(" ,")
            signer.title = None
        if auth_text:
            signer.authority = (
                f"{a.group('auth')}. {_case_position(auth_text[a.end() - a.start() :])}".strip()
            )
            _ev_in(doc, "signer.authority", start, caps_end, auth_text)
    if signer.title is None and signer.authority and position is None:
        signer.title = signer.authority.split(". ", 1)[-1]
    return signer


def _ev_in(doc: Doc, key: str, lo: int, hi: int, value: str) -> None:
    words = [re.escape(w) for w in value.split()]
    m = re.search(r"[\s*#|]*".join(words), doc.t[lo:hi]) if words else None
    if m:
        doc.ev(key, lo + m.start(), lo + m.end(), key)


def _looks_like_position(s: str) -> bool:
    return bool(
        rx("signer_position").search(s.upper()) and rx("signer_position").search(s.upper()).start() == 0
    )


def _is_caps_prefix(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _case_position(s: str) -> str:
    """ "PHÓ CHỦ TỊCH THƯỜNG TRỰC" → "Phó Chủ tịch Thường trực"."""
    s = re.sub(r"\s+", " ", s).strip(" ,.")
    low = s.casefold()
    canon = {e["canonical"].casefold(): e["canonical"] for e in lexicon("position")}
    alternation = "|".join(re.escape(k) for k in sorted(canon, key=len, reverse=True))
    out = re.sub(rf"(?<![\wÀ-ỹ])(?:{alternation})(?![\wÀ-ỹ])", lambda m: canon[m.group()], low)
    return out[:1].upper() + out[1:]


def extract_recipients(doc: Doc) -> list[str]:
    m = _recipients_start(doc)
    if not m:
        return []
    t = doc.t
    sig = _signature_start(doc)
    end = sig if sig is not None and sig > m.end() else min(doc.main_end, m.end() + 3000)
    zone_start = m.end()
    zone = t[zone_start:end]
    items: list[tuple[int, int]] = []
    bullet = re.compile(r"(?m)^[ \t|]*[-·•+*–][ \t]*(?P<item>[^\n]*)$")
    found = list(bullet.finditer(zone))
    if found and len(found) >= 2 or (found and "\n" in zone.strip()):
        for b in found:
            for part in _split_flat(b.group("item"), zone_start + b.start("item")):
                items.append(part)
    else:  # flattened: "Nơi nhận: - Như trên; - UBND tỉnh Hà Tĩnh; - Lưu: VT."
        line = zone.split("\n\n")[0]
        for part in re.finditer(r"(?:^|\s)[-·•]\s+(?P<item>.+?)(?=(?<=[;,.])\s[-·•]\s|$|\|)", line):
            items.append((zone_start + part.start("item"), zone_start + part.end("item")))
    out: list[str] = []
    for s, e in items:
        value = clean(re.sub(r"\s*\|.*$", "", t[s:e]))
        if not value:
            continue
        value = value.rstrip(" ;,.")
        if rx("recipient_archive").match(value):
            continue
        doc.ev(f"recipients[{len(out)}]", s, s + len(t[s:e].split("|")[0]), "recipients")
        out.append(value)
    return out


def _split_flat(item: str, offset: int) -> list[tuple[int, int]]:
    """A bullet line that holds several flattened items " - a; - b" → their spans."""
    parts, pos = [], 0
    for m in re.finditer(r"(?<=[;,])\s+[-·•]\s", item):
        parts.append((offset + pos, offset + m.start()))
        pos = m.end()
    parts.append((offset + pos, offset + len(item)))
    return parts
