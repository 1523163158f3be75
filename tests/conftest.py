"""Shared fixtures: stores on SQLite and PostgreSQL, paths to samples and the real corpus."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pg_url() -> str | None:
    return os.environ.get("NAPLOG_TEST_PG")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A fresh, empty store URL on each database; PostgreSQL skips locally when not configured
    but fails in CI, where .ci/run always starts one."""
    if request.param == "sqlite":
        yield str(tmp_path / "naplog.db")
        return
    url = pg_url()
    if not url:
        if IN_CI:
            pytest.fail("CI=true but NAPLOG_TEST_PG is not set: .ci/run must start PostgreSQL")
        pytest.skip("PostgreSQL not configured (set NAPLOG_TEST_PG=postgresql://...)")
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    name = f"naplog_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001
        if IN_CI:
            pytest.fail(f"PostgreSQL at {url} is not reachable: {exc}")
        pytest.skip(f"PostgreSQL at {url} is not reachable: {exc}")
    test_url = url.rsplit("/", 1)[0] + "/" + name
    yield test_url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"real documents not found at {CORPUS} (the shared corpus folder is absent)")
    return CORPUS
