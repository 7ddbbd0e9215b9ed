"""Train the NER layer here (``make train``): weak labels from the rule layer plus the
entity strings of the gold annotations, on the bundled corpus. Fixed seed.

    python -m pipeline.train --out models/ner
    python -m pipeline.train --lodo          # leave-one-document-out entity scores

Labels: ORG (issuing bodies, agencies), PER (signers). Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
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


def _score(nlp, docs) -> dict[str, float]:
    """Entity P/R/F1 of ``nlp`` against the weak+gold labels of ``docs``."""
    tp = fp = fn = 0
    for example in _examples(nlp, docs):
        pred = {(e.start_char, e.end_char, e.label_) for e in nlp(example.reference.text).ents}
        gold = {(e.start_char, e.end_char, e.label_) for e in example.reference.ents}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "support": tp + fn}


def lodo(epochs: int = 6, limit: int | None = None) -> dict:
    """Leave-one-document-out: train without each gold document, score NER on it."""
    docs = [d for d in _documents() if d[2]]
    if limit:
        docs = docs[:limit]
    per_doc = {}
    for stem, text, gold in docs:
        nlp = train(None, exclude=frozenset({stem}), epochs=epochs)
        per_doc[stem] = _score(nlp, [(stem, text, gold)])
    support = sum(v["support"] for v in per_doc.values()) or 1
    micro_r = sum(v["recall"] * v["support"] for v in per_doc.values()) / support
    return {"documents": per_doc, "recall_micro": micro_r}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "ner")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--lodo", action="store_true", help="leave-one-document-out scores")
    args = parser.parse_args()
    started = time.time()
    if args.lodo:
        result = lodo()
        print(json.dumps(result, indent=1, ensure_ascii=False))
        return
    nlp = train(args.out, epochs=args.epochs)
    print(f"trained {nlp.meta['kehoach']['examples']} examples in {time.time() - started:.0f}s → {args.out}")


if __name__ == "__main__":
    main()
