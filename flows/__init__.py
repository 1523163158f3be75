"""Prefect orchestration of the plain-Python pipeline (``pipeline/``, ``extractors/``).

- ``flows.ingest``: the ``naplog-ingest`` (batch) and ``naplog-ingest-inbox`` (scheduled) flows;
- ``flows.tasks``: the tasks (parse, classify, extract, validate inside a cached extract-document
  task; check-store, load, record-failure in the flow process);
- ``flows.runners``: the task runner (process pool, or Dask);
- ``flows.serve``: serves the deployments of ``prefect.yaml`` without a work pool.

Nothing in ``pipeline/`` or ``extractors/`` imports Prefect.
"""

import os as _os

# No network at run time: a Prefect server started from here (ephemeral mode, tests) must not
# try to send telemetry. An explicit setting in the environment still wins.
_os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
