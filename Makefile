# kehoach — a file DAG: corpus → train → run/eval. `make run` and `make test` install what they need.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
OUT     ?= out
JOBS    ?= 0
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export OMP_THREAD_LIMIT := 1

.PHONY: setup sysdeps run test eval eval-baseline bench corpus train lint clean

# System packages, installed only when missing (idempotent).
sysdeps:
	@missing=""; \
	{ command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie; } || missing="$$missing tesseract-ocr tesseract-ocr-vie"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	command -v antiword >/dev/null || missing="$$missing antiword"; \
	command -v chromium >/dev/null || missing="$$missing chromium chromium-driver"; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# Python environment with the pinned dependencies (rebuilt when pyproject.toml changes).
$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: sysdeps $(VENV)/.installed

# The NER model is trained here, never downloaded; rebuilt when gold or patterns change.
models/ner/meta.json: $(VENV)/.installed $(wildcard corpus/gold/*.json) $(wildcard models/rules/*)
	$(BIN)/python -m pipeline.train --out models/ner

train: setup models/ner/meta.json

# Main job: extract every document of the bundled corpus into $(OUT)/.
run: setup models/ner/meta.json
	$(BIN)/kehoach extract corpus/documents -o $(OUT) --jobs $(JOBS)

test: setup
	$(BIN)/python -m pytest -q

# Renditions of every gold document (not committed; fixed seed).
corpus: setup
	$(BIN)/python scripts/make_renditions.py --gold corpus/gold --out corpus/renditions

# Accuracy per field × rendition, baseline beside it, rules/NER layers, held-out NER folds.
# OCR results are cached in .cache/raw, so a rerun after a rule change does not re-OCR.
eval: setup corpus models/ner/meta.json
	KEHOACH_CACHE_DIR=.cache/raw $(BIN)/python -m pipeline.evaluate --gold corpus/gold \
	  --renditions corpus/renditions --out metrics/eval.json \
	  --baseline-metrics metrics/baseline-eval.json --layers --lodo $(EVAL_FLAGS)

# Record the current accuracy as the committed reference (then commit metrics/baseline-eval.json).
eval-baseline:
	$(MAKE) eval EVAL_FLAGS=--write-baseline

bench: setup corpus
	$(BIN)/python benchmarks/bench.py --out metrics/bench.json

lint: setup
	$(BIN)/ruff check pipeline tests benchmarks scripts
	$(BIN)/ruff format --check pipeline tests benchmarks scripts

clean:
	rm -rf $(OUT) .cache corpus/renditions
