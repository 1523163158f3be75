"""Serve the deployments of ``prefect.yaml`` from one process, without a work pool or worker.

    python -m flows.serve                       # both deployments, as prefect.yaml defines them
    python -m flows.serve --only naplog-inbox --inbox /data/inbox --db /data/naplog.db

The process registers the deployments (names, schedules, parameters from ``prefect.yaml``) with
the Prefect server at ``PREFECT_API_URL``, runs the scheduled inbox ingestion on time and any run
triggered from the UI or with ``prefect deployment run``, until it is stopped (Ctrl-C).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.resources
from pathlib import Path
from typing import Any

import yaml
from prefect import Flow, serve
from prefect.client.schemas.schedules import CronSchedule
from prefect.deployments.runner import RunnerDeployment

# Package data (pyproject's [tool.setuptools.package-data]), so that an installed wheel has it too;
# the project's ./prefect.yaml, for `prefect deploy --all`, links to it.
PREFECT_YAML = Path(str(importlib.resources.files("flows").joinpath("prefect.yaml")))


def deployment_specs(path: Path = PREFECT_YAML) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["deployments"]


def load_flow(entrypoint: str) -> Flow:
    """``flows/ingest.py:ingest_inbox`` -> the flow object (imported as a module of this package)."""
    file, name = entrypoint.split(":")
    module = importlib.import_module(file.removesuffix(".py").replace("/", "."))
    return getattr(module, name)


def runner_deployments(path: Path = PREFECT_YAML, only: list[str] | None = None,
                       overrides: dict[str, Any] | None = None, cron: str | None = None) -> list[RunnerDeployment]:
    """RunnerDeployments built from ``prefect.yaml``; ``overrides`` replace parameters the flow accepts."""
    deployments = []
    for spec in deployment_specs(path):
        if only and spec["name"] not in only:
            continue
        flow = load_flow(spec["entrypoint"])
        accepted = set(flow.parameters.properties)
        parameters = dict(spec.get("parameters") or {})
        parameters.update({k: v for k, v in (overrides or {}).items() if v is not None and k in accepted})
        schedules = [CronSchedule(cron=cron or s["cron"], timezone=s.get("timezone"))
                     for s in spec.get("schedules") or [] if s.get("active", True)]
        deployments.append(flow.to_deployment(
            name=spec["name"], description=spec.get("description"), tags=spec.get("tags"),
            parameters=parameters, schedules=schedules or None,
            concurrency_limit=spec.get("concurrency_limit"),
        ))
    return deployments


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", help="serve only this deployment (repeatable)")
    parser.add_argument("--inbox", help="inbox folder for naplog-inbox (default: prefect.yaml's)")
    parser.add_argument("--db", help="store for both deployments (default: prefect.yaml's)")
    parser.add_argument("--cache-dir", help="extraction cache folder (default: $NAPLOG_CACHE_DIR)")
    parser.add_argument("--cron", help="replace the schedules' cron expression")
    args = parser.parse_args(argv)
    overrides = {"inbox": args.inbox, "db": args.db, "cache_dir": args.cache_dir}
    deployments = runner_deployments(only=args.only, overrides=overrides, cron=args.cron)
    if not deployments:
        parser.error(f"no deployment named {args.only} in {PREFECT_YAML}")
    serve(*deployments)


if __name__ == "__main__":
    main()
