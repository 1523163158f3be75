"""Extractors turn pages into records: one module per strategy behind one interface (``base``).

- ``logframe.TableStrategy``: results-framework tables, their grids found by ``ruled`` (cells from
  ruling lines) or ``unruled`` (columns from text alignment); ``columns`` gives columns their roles
  in four languages; ``tables`` holds the table model (``Grid``, ``Row``, ``Cell``);
- ``cards.CardStrategy``: action cards and programme sheets (a two-column card per sector, programme
  or action: part labels on the left or above, values beside or below);
- ``narrative.NarrativeStrategy``: objectives and actions stated in prose;
- ``report.ReportStrategy``: a progress report's figures, lessons and recommendations: its tables of
  figures (``report_tables``, grids from ``ruled`` and ``unruled`` read through ``tables.tidy``), the
  figures of its sentences (``report_text``), its lists and pillar sections (``report_sections``);
- ``cells``, ``values``, ``institutions``, ``acronyms`` and ``metadata`` read what is inside cells
  and on the cover.

``EXTRACTOR_VERSION`` is part of the store's idempotence key: bump it whenever a change can alter
what is extracted, so documents are re-extracted on the next ingest.
"""

EXTRACTOR_VERSION = "0.10.0"
