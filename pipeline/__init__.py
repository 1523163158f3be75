"""naplog core: PDF reading, records, store, export and the command line.

Nothing here needs Prefect: ``flows/`` orchestrates these functions.
"""

__version__ = "0.1.0"
