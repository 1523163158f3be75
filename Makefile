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

.PHONY: demo test bench samples clean

# setup.py builds pipeline/pdf/_pdfium_bulk.c and pipeline/pdf/_lines.c (optional: without a C compiler
# naplog does the same in Python).
$(STAMP): pyproject.toml setup.py pipeline/pdf/_pdfium_bulk.c pipeline/pdf/_lines.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BYTECODE)
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/naplog ingest samples/
	$(BIN)/naplog documents

test: $(STAMP)
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
