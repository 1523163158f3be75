"""naplog: National Action Plans (PDF) turned into logframes that can be checked, queried and compared.

One path for data, one direction of imports (each layer imports only the layers below it; the
import-linter contract in pyproject.toml is checked by the test suite):

    pipeline.cli                  the command line: the only module that imports ``flows``
    flows                         Prefect orchestration of the batch (thin; calls ``pipeline.extract``)
    pipeline.outputs              review, compare, scorecard, export, the corrections workbook
    pipeline.batch                plain-Python ingestion: find files, extract, load, remember failures
    pipeline.store                the SQL store: schema, migrations, record keys, corrections, linking
    pipeline.extract              parse -> classify -> extract -> validate, written once
    extractors                    pages -> records: one module per strategy (ruled, unruled, narrative, report)
    pipeline.pdf                  bytes -> pages: preflight, PDFium and pdfplumber readers, words, lines, furniture
    pipeline.text                 folding and the vocabularies (header words, WPS keywords)
    pipeline.records, .settings,  the kernel: pydantic records, settings and limits, errors
    pipeline.errors

Nothing below ``flows`` needs Prefect.
"""

__version__ = "0.1.0"
