"""The compiled modules: pipeline/pdf/_pdfium_bulk.c (see pipeline/pdf/pdfium_bulk.py) and
pipeline/pdf/_lines.c (see extractors.tables.group_lines). Everything else is declared in
pyproject.toml. ``optional``: without a C compiler the install goes on, and naplog does the same
work in Python, more slowly."""

from setuptools import Extension, setup

# -ffp-contract=off: no fused multiply-adds, so that every float is computed as Python computes it
# (the tests compare the two halves to the last bit).
setup(ext_modules=[Extension(name, [source], optional=True, extra_compile_args=["-ffp-contract=off"])
                   for name, source in (("pipeline.pdf._pdfium_bulk", "pipeline/pdf/_pdfium_bulk.c"),
                                        ("pipeline.pdf._lines", "pipeline/pdf/_lines.c"))])
