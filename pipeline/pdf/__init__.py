"""Bytes to pages: everything that reads a PDF file.

``preflight`` checks a file before it is parsed (type, size, encryption, bombs, text layer) and reads
it within the input limits; ``triage`` reads every page cheaply with PDFium and picks the pages that
may hold a table, which ``pdfium_reader`` reads in full (``pdfplumber_reader`` is the reference it is
tested against); ``words`` builds words from characters as pdfplumber does, ``lines`` groups them in
lines, ``furniture`` takes running headers, footers and page numbers off; ``model`` holds the types
(``PdfDocument``, ``PageLayout``, ``Word``, ``Edge``, ``Line``). ``reader.read_pdf`` is the entry
point. Nothing here knows what a logframe is beyond the header vocabulary of ``pipeline.text``.
"""
