"""What analysts see and take away: ``review`` (a self-contained HTML page of a document's records
over its page images), ``compare`` (plans side by side, generations diffed), ``scorecard`` (the
elements of a high-impact NAP, with their evidence), ``export`` (JSON, JSONL, CSV) and ``workbook``
(the corrections spreadsheet, written and read back)."""
