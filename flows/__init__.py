"""Prefect orchestration of the plain-Python pipeline (``pipeline/``, ``extractors/``).

- ``flows.ingest``: the ``naplog-ingest`` (batch) and ``naplog-ingest-inbox`` (scheduled) flows;
- ``flows.tasks``: the tasks (parse, classify, extract, validate inside a cached extract-document
  task; check-store, load, record-failure in the flow process);
- ``flows.runners``: the task runner (process pool, or Dask);
- ``flows.serve``: serves the deployments of ``prefect.yaml`` without a work pool;
- ``flows.server``: ``naplog server start|stop|status``, the long-lived local server ``naplog ingest``
  reuses, and the command's own temporary server started early (Prefect-free, imported before Prefect).

Nothing in ``pipeline/`` or ``extractors/`` imports Prefect.
"""

import os as _os

# No network at run time: a Prefect server started from here (ephemeral mode, tests) must not
# try to send telemetry. An explicit setting in the environment still wins.
_os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# Prefect waits 20 s for its ephemeral server, less than the server's own first start on a fresh
# machine, where it creates and migrates its database (28 s on a 2-core machine with a cold disk
# cache; 7 s afterwards): `make demo` failed there with "Timed out while attempting to connect to
# ephemeral Prefect API server". Set before Prefect is imported, so Prefect's settings see it too.
EPHEMERAL_STARTUP_TIMEOUT_S = 180
_os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", str(EPHEMERAL_STARTUP_TIMEOUT_S))
