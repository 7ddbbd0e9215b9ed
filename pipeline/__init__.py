"""kehoach: Vietnamese administrative plan documents → linked tables.

Public verbs, one per stage (see docs/architecture.md)::

    raw  = ingest(path)            # file → RawDocument (pages, original text)
    text = normalize(raw)          # → Text (normalized, offsets map back)
    seg  = segment(text)           # → Segmentation
    plan = extract(raw)            # → Plan (all fields, with evidence)
    res  = link(plans)             # → edges, citations resolved
    fnd  = check(plans, res)       # → compliance findings
    export(plans, res, fnd, outdir)
    run(paths, outdir)             # the whole batch, parallel and resumable
"""

from .records import PIPELINE_VERSION

__version__ = PIPELINE_VERSION

_VERBS = {
    "ingest": "ingest",
    "normalize": "normalize",
    "segment": "segment",
    "extract": "extract",
    "link": "link",
    "check": "compliance",
    "export": "export",
    "run": "batch",
    "report": "report",
}

__all__ = [*_VERBS, "__version__"]


def __getattr__(name: str):
    # Lazy: importing the package must not load spaCy, Tesseract bindings or pandas.
    if name in _VERBS:
        import importlib

        module = importlib.import_module(f".{_VERBS[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(name)
