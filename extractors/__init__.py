"""Extractors turn pages into logframe records: one module per strategy behind one path.

- ``ruled`` and ``unruled`` find tables (cells from ruling lines, or columns from text alignment);
- ``headers`` gives columns their roles in four languages;
- ``logframe`` turns rows into goals, outputs, activities, indicators, institutions, years, budgets;
- ``acronyms``, ``institutions``, ``values``, ``cell_text`` and ``metadata`` handle what is inside cells.

``EXTRACTOR_VERSION`` is part of the store's idempotence key: bump it whenever a change can alter
what is extracted, so documents are re-extracted on the next ingest.
"""

EXTRACTOR_VERSION = "0.4.0"
