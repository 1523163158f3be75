# Two commands on a fresh machine: `make demo` (set up, ingest samples/, print the summary)
# and `make test` (set up, run the test suite).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.naplog-installed
# An editable install compiles no bytecode, and where PYTHONDONTWRITEBYTECODE is set Python never
# writes it: every naplog process would compile the project's modules again as it starts (0.1 s of
# a re-run's 0.6 s). compileall writes it once; a module edited later is compiled in memory.
BYTECODE = $(BIN)/python -m compileall -q pipeline extractors flows benchmarks

.PHONY: demo test bench samples clean pdfjs

# `naplog review` draws pages with PDF.js (Mozilla, Apache-2.0) embedded in the review, so they stay
# sharp at any zoom. It is vendored here from the npm registry, at this pinned version, and checked
# against pipeline/outputs/vendor/pdfjs.sha256; nothing is fetched when a review is written or opened.
# Without npm the step says so and the review embeds page images instead.
PDFJS_VERSION := 6.5.438
PDFJS_DIR := pipeline/outputs/vendor/pdfjs
pdfjs:
	@if (cd $(PDFJS_DIR) 2>/dev/null && sha256sum -c --quiet ../pdfjs.sha256 2>/dev/null); then :; \
	elif command -v npm >/dev/null; then \
	  tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent pdfjs-dist@$(PDFJS_VERSION) >/dev/null) \
	  && tar -xzf $$tmp/pdfjs-dist-$(PDFJS_VERSION).tgz -C $$tmp \
	     package/build/pdf.min.mjs package/build/pdf.worker.min.mjs package/LICENSE \
	  && mkdir -p $(PDFJS_DIR) && cp $$tmp/package/build/*.mjs $$tmp/package/LICENSE $(PDFJS_DIR)/ \
	  && rm -rf $$tmp && (cd $(PDFJS_DIR) && sha256sum -c --quiet ../pdfjs.sha256) \
	  || { rm -rf $(PDFJS_DIR); echo "PDF.js $(PDFJS_VERSION) could not be vendored (see above)"; exit 1; }; \
	else echo "npm not found: naplog review will embed page images instead of drawing pages with PDF.js"; fi

# setup.py builds pipeline/pdf/_pdfium_bulk.c and pipeline/pdf/_lines.c (optional: without a C compiler
# naplog does the same in Python).
$(STAMP): pyproject.toml setup.py pipeline/pdf/_pdfium_bulk.c pipeline/pdf/_lines.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BYTECODE)
	touch $(STAMP)

demo: $(STAMP) pdfjs
	$(BIN)/naplog ingest samples/
	$(BIN)/naplog documents

test: $(STAMP) pdfjs
	$(BIN)/python -m pytest -q

# Accuracy first (it must not drop), then throughput (.bench/throughput.json); the bench extra adds
# camelot-py, a peer the throughput benchmark compares against.
bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BYTECODE)
	$(BIN)/python -m benchmarks.accuracy
	$(BIN)/python -m benchmarks.throughput

# Regenerating the Word samples needs LibreOffice (Debian: libreoffice-writer-nogui);
# the generated PDFs are committed, so tests never need it.
samples: $(STAMP)
	$(BIN)/python -m samples.generate

clean:
	rm -rf $(VENV) naplog.db naplog.db-wal naplog.db-shm
