"""The one compiled module, pipeline/_pdfium_bulk.c (see pipeline/pdfium_bulk.py). Everything else
is declared in pyproject.toml. ``optional``: without a C compiler the install goes on, and naplog
reads the same values through ctypes, more slowly."""

from setuptools import Extension, setup

# -ffp-contract=off: no fused multiply-adds, so that every float is computed as Python computes it
# (the tests compare the two halves to the last bit).
setup(ext_modules=[Extension("pipeline._pdfium_bulk", ["pipeline/_pdfium_bulk.c"], optional=True,
                             extra_compile_args=["-ffp-contract=off"])])
