"""Train the NER layer here (``make train``): weak labels from the rule layer plus the
entity strings of the gold annotations, on the bundled corpus. Fixed seed.

    python -m pipeline.train --out models/ner
    python -m pipeline.evaluate --lodo       # held-out extraction scores (see lodo)

Labels: ORG (issuing bodies, agencies), PER (signers). Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import time
import unicodedata
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = 20241001
_CHUNK = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")  # paragraphs: lines up to a blank line


def _documents() -> list[tuple[str, str, dict]]:
    """(stem, text, gold) for every text document of the corpus (gold may be {})."""
    gold = {}
    for path in sorted((CORPUS / "gold").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[Path(data.get("file", path.stem)).stem] = data
    docs = []
    for path in sorted((CORPUS / "documents").rglob("*")):
        if path.suffix.lower() not in {".txt", ".md"}:
            continue
        text = _clean(path.read_text(encoding="utf-8", errors="replace"))
        docs.append((path.stem, text, gold.get(path.stem, {})))
    return docs


def _clean(text: str) -> str:
    try:
        from .normalize import normalize

        return normalize(text).text
    except Exception:  # the normalizer is optional for training: NFC is the floor
        return unicodedata.normalize("NFC", text).replace("\u00d0", "Đ")


def _gold_entities(gold: dict) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    signer = (gold.get("signer") or {}).get("name")
    if signer:
        found.append((signer, "PER"))
    for item in gold.get("assignments") or []:
        if item.get("agency"):
            found.append((item["agency"], "ORG"))
    for key in ("legal_basis", "references"):
        for item in gold.get(key) or []:
            if item.get("issuer"):
                found.append((item["issuer"], "ORG"))
    issuer = (gold.get("issuer") or {}).get("name")
    if issuer:
        found.append((issuer, "ORG"))
    return found


def _examples(nlp, docs: Iterable[tuple[str, str, dict]]):
    """spaCy Examples: each paragraph labelled by the rule layer + gold strings."""
    from spacy.training import Example
    from spacy.util import filter_spans

    from .nlp import load_nlp

    rules = load_nlp("rules")
    examples = []
    for _stem, text, gold in docs:
        strings = _gold_entities(gold)
        for match in _CHUNK.finditer(text):
            chunk = match.group()
            if len(chunk) > 1500:
                chunk = chunk[:1500]
            ruled = rules(chunk)
            doc = nlp.make_doc(chunk)
            spans = []
            for ent in ruled.ents:
                span = doc.char_span(ent.start_char, ent.end_char, ent.label_, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
            for value, label in strings:
                for hit in re.finditer(re.escape(value), chunk):
                    span = doc.char_span(hit.start(), hit.end(), label, alignment_mode="expand")
                    if span is not None:
                        spans.append(span)
            ents = filter_spans(spans)
            offsets = [(s.start_char, s.end_char, s.label_) for s in ents]
            examples.append(Example.from_dict(doc, {"entities": offsets}))
    return examples


def train(out: Path | None = None, exclude: frozenset[str] = frozenset(), epochs: int = 12):
    """Train on every corpus document except ``exclude``; save to ``out`` when given."""
    from spacy.util import fix_random_seed, minibatch

    from .nlp import LABELS, blank

    fix_random_seed(SEED)
    rng = random.Random(SEED)
    docs = [d for d in _documents() if d[0] not in exclude]
    nlp = blank()
    ner = nlp.add_pipe("ner")
    for label in LABELS:
        ner.add_label(label)
    examples = _examples(nlp, docs)
    positives = [e for e in examples if e.reference.ents]
    negatives = [e for e in examples if not e.reference.ents]
    rng.shuffle(negatives)
    data = positives + negatives[: len(positives)]
    optimizer = nlp.initialize(lambda: data)
    losses: dict[str, float] = {}
    for _epoch in range(epochs):
        rng.shuffle(data)
        losses = {}
        for batch in minibatch(data, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        nlp.meta["name"] = "kehoach_ner"
        nlp.meta["kehoach"] = {
            "seed": SEED,
            "epochs": epochs,
            "examples": len(data),
            "documents": [d[0] for d in docs],
            "final_loss": round(losses.get("ner", 0.0), 3),
        }
        nlp.to_disk(out)
    return nlp


def lodo(golds: dict, files: dict, workdir: Path, folds: int | None = None, epochs: int = 6) -> dict:
    """Held-out extraction for every gold document: stem → plans.jsonl row.

    Documents are split into ``folds`` groups (``KEHOACH_LODO_FOLDS``, default 5; 0 or the
    number of documents = true leave-one-document-out); for each group a model is trained
    on every other corpus document (gold strings and weak labels of the held-out group
    excluded) and the group is extracted with it. Folds hold out more than one document,
    so the figures are, if anything, pessimistic next to leave-one-out.
    """
    from . import nlp as nlpmod
    from .extract import extract
    from .ingest import ingest

    stems = sorted(files)
    if folds is None:
        folds = int(os.environ.get("KEHOACH_LODO_FOLDS", "5"))
    k = len(stems) if folds <= 0 else min(folds, len(stems))
    groups = [stems[i::k] for i in range(k)]
    rows: dict = {}
    saved = nlpmod.NER_DIR
    try:
        for i, group in enumerate(groups):
            model = Path(workdir) / f"fold{i}"
            train(model, exclude=frozenset(group), epochs=epochs)
            nlpmod.NER_DIR = model
            nlpmod.load_nlp.cache_clear()
            for stem in group:
                rows[stem] = extract(ingest(str(files[stem])), layers="combined").to_dict()
    finally:
        nlpmod.NER_DIR = saved
        nlpmod.load_nlp.cache_clear()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "ner")
    parser.add_argument("--epochs", type=int, default=12)
    args = parser.parse_args()
    started = time.time()
    nlp = train(args.out, epochs=args.epochs)
    print(f"trained {nlp.meta['kehoach']['examples']} examples in {time.time() - started:.0f}s → {args.out}")


if __name__ == "__main__":
    main()
