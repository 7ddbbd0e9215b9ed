"""spaCy on real Vietnamese words: underthesea segmentation as the tokenizer, a span
ruler whose patterns are data (``models/rules/entities.yaml``), and an NER model trained
here (``make train`` → ``models/ner``).

    nlp = load_nlp()                 # tokenizer + entity_ruler (+ ner when trained)
    doc = nlp("Bộ Giáo dục và Đào tạo ban hành ...")
    [(e.text, e.label_, e.ent_id_) for e in doc.ents]

Layers run in a configured order and overlaps are settled by a named merge policy
(:data:`MERGE_POLICIES`), so which layer wins is a function one can swap.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry
from spacy.vocab import Vocab

from .patterns import table

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
NER_DIR = MODELS_DIR / "ner"
LABELS = ("ORG", "PER", "LOC")


class UnderTheSeaTokenizer:
    """A spaCy tokenizer producing underthesea words; no character is ever lost.

    underthesea returns words whose syllables are joined by single spaces; each word is
    located back in the text (any run of whitespace may stand between syllables), so
    ``doc.text == text`` always. Whitespace other than one trailing space becomes a
    whitespace token, as spaCy does.
    """

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = _align(text, _segment(text))
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy serializes the tokenizer with the pipeline; nothing to store.
    def to_bytes(self, **_kwargs) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs) -> UnderTheSeaTokenizer:
        return self

    def to_disk(self, _path, **_kwargs) -> None:
        return None

    def from_disk(self, _path, **_kwargs) -> UnderTheSeaTokenizer:
        return self


def _segment(text: str) -> list[str]:
    from underthesea import word_tokenize

    return word_tokenize(text) if text.strip() else []


def _align(text: str, tokens: Iterable[str]) -> tuple[list[str], list[bool]]:
    """Locate each token in ``text`` in order; return spaCy words and trailing-space flags."""
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0

    def add_gap(gap: str) -> None:
        # Text the segmenter changed or dropped comes back as whitespace-split words.
        for piece in re.finditer(r"\S+|\s+", gap):
            chunk = piece.group()
            if chunk.isspace():
                if words and not spaces[-1] and chunk[0] == " ":
                    spaces[-1] = True
                    chunk = chunk[1:]
                if not chunk:
                    continue
            words.append(chunk)
            spaces.append(False)

    for token in tokens:
        parts = token.split()
        if not parts:
            continue
        pattern = r"\s+".join(re.escape(p) for p in parts)
        match = re.compile(pattern).search(text, pos)
        if match is None:  # underthesea rewrote the token ("hoá" → "hóa"): keep the original
            continue
        add_gap(text[pos : match.start()])
        words.append(match.group())
        spaces.append(False)
        pos = match.end()
    add_gap(text[pos:])
    return words, spaces


# ----------------------------------------------------------------- rule patterns


def ruler_patterns() -> list[dict]:
    """spaCy entity_ruler patterns from ``models/rules/entities.yaml``.

    Each table entry: ``{id, label, phrase | tokens}``; ``phrase`` entries become phrase
    patterns (matched on LOWER), ``tokens`` entries are spaCy token patterns.
    """
    patterns = []
    for entry in table("entities"):
        variants = _phrase_variants(entry["phrase"]) if "phrase" in entry else [entry["tokens"]]
        for pattern in variants:
            patterns.append({"label": entry["label"], "pattern": pattern, "id": entry["id"]})
    return patterns


# underthesea segments a phrase differently by context ("Ủy ban nhân dân" may come out
# as one word or as "Ủy" + "ban nhân dân"), so a phrase is tokenized in a few typical
# contexts and every distinct segmentation becomes a pattern.
_CONTEXTS = ("{}", "của {} về việc", "Giao {} chủ trì", "Thực hiện văn bản của {}")


def _phrase_variants(phrase: str) -> list[list[dict]]:
    phrase = unicodedata.normalize("NFC", phrase)
    target = phrase.split()
    seen: list[list[dict]] = []
    for context in _CONTEXTS:
        text = context.format(phrase)
        words = _segment(text)
        # keep the run of words that spells exactly the phrase
        for i in range(len(words)):
            syllables: list[str] = []
            for j in range(i, len(words)):
                syllables += words[j].split()
                if syllables == target:
                    pattern = [{"LOWER": w.lower()} for w in words[i : j + 1]]
                    if pattern not in seen:
                        seen.append(pattern)
                if len(syllables) >= len(target):
                    break
    return seen or [[{"LOWER": w.lower()} for w in target]]


# ----------------------------------------------------------------- merge policies


def _prefer_rules(rule_spans: list[Span], ner_spans: list[Span]) -> list[Span]:
    """Rule spans win every overlap; NER fills the gaps."""
    taken = list(rule_spans)
    for span in ner_spans:
        if not any(span.start < t.end and t.start < span.end for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def _prefer_ner(rule_spans: list[Span], ner_spans: list[Span]) -> list[Span]:
    return _prefer_rules(ner_spans, rule_spans)


def _longest(rule_spans: list[Span], ner_spans: list[Span]) -> list[Span]:
    """The longest span wins an overlap, whichever layer found it."""
    return filter_spans([*rule_spans, *ner_spans])


MERGE_POLICIES: dict[str, Callable[[list[Span], list[Span]], list[Span]]] = {
    "prefer_rules": _prefer_rules,
    "prefer_ner": _prefer_ner,
    "longest": _longest,
}

LAYER_CONFIGS = {
    "rules": ("rules",),
    "ner": ("ner",),
    "combined": ("rules", "ner"),
}


@Language.factory("kehoach_merge", default_config={"policy": "prefer_rules"})
def _make_merge(nlp: Language, name: str, policy: str):
    return _Merge(policy)


class _Merge:
    """Runs last: merges the rule layer (doc.spans['rules']) with the NER layer's ents."""

    def __init__(self, policy: str):
        self.policy = MERGE_POLICIES[policy]

    def __call__(self, doc: Doc) -> Doc:
        rules = list(doc.spans.get("rules", []))
        ner = list(doc.spans.get("ner", []))
        doc.ents = filter_spans(self.policy(rules, ner))
        return doc


@Language.component("kehoach_keep_ner")
def _keep_ner(doc: Doc) -> Doc:
    doc.spans["ner"] = list(doc.ents)
    doc.ents = []
    return doc


@Language.component("kehoach_keep_rules")
def _keep_rules(doc: Doc) -> Doc:
    doc.spans["rules"] = list(doc.ents)
    doc.ents = []
    return doc


@registry.tokenizers("kehoach.underthesea.v1")
def _tokenizer_factory() -> Callable[[Language], UnderTheSeaTokenizer]:
    def make(nlp: Language) -> UnderTheSeaTokenizer:
        return UnderTheSeaTokenizer(nlp.vocab)

    return make


TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "kehoach.underthesea.v1"}}}


def blank() -> Language:
    """A blank Vietnamese pipeline with the underthesea tokenizer."""
    import spacy

    return spacy.blank("vi", config=TOKENIZER_CONFIG)


@cache
def load_nlp(layers: str = "combined", policy: str = "prefer_rules") -> Language:
    """The pipeline for ``layers`` ("rules", "ner" or "combined") and merge ``policy``.

    Without a trained model in ``models/ner`` the NER layer is skipped (the rule layer
    still runs) and ``nlp.meta['kehoach_skipped']`` says so.
    """
    import spacy

    order = LAYER_CONFIGS[layers]
    skipped: list[str] = []
    if "ner" in order and (NER_DIR / "meta.json").exists():
        nlp = spacy.load(NER_DIR)
        nlp.add_pipe("kehoach_keep_ner", after="ner")
    else:
        nlp = blank()
        if "ner" in order:
            skipped.append("ner: no trained model in models/ner (run `make train`)")
    if "rules" in order:
        ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
        ruler.add_patterns(ruler_patterns())
        nlp.add_pipe("kehoach_keep_rules")
    nlp.add_pipe("kehoach_merge", config={"policy": policy})
    nlp.meta["kehoach_layers"] = list(order)
    nlp.meta["kehoach_skipped"] = skipped
    return nlp
