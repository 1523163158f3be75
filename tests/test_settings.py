"""Settings come from defaults, an optional TOML file, NAPLOG_* variables and options, in that
order of precedence (lowest first), and the command line says which variable sets what."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.errors import NaplogError
from pipeline.settings import ExtractionSettings, Limits, OutputSettings, RunSettings


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    path = tmp_path / "naplog.toml"
    path.write_text('[extraction]\nx_tolerance_ratio = 0.1\nruled_paths = 30\n'
                    '[limits]\nmax_pages = 50\nmax_seconds = 30\n'
                    '[outputs]\nlow_confidence = 0.8\n'
                    '[run]\nworkers = 3\n')
    monkeypatch.setenv("NAPLOG_CONFIG", str(path))
    for var in ("NAPLOG_MAX_PAGES", "NAPLOG_MAX_SECONDS", "NAPLOG_WORKERS", "NAPLOG_RULED_PATHS"):
        monkeypatch.delenv(var, raising=False)
    return path


def test_defaults_then_file_then_environment_then_options(settings_file, monkeypatch):
    assert ExtractionSettings().x_tolerance_ratio == 0.1 and ExtractionSettings().ruled_paths == 30
    assert ExtractionSettings().y_tolerance == 3.0  # not in the file: the default
    assert Limits.from_env().max_pages == 50
    assert OutputSettings().low_confidence == 0.8 and RunSettings().workers == 3
    monkeypatch.setenv("NAPLOG_MAX_PAGES", "70")
    assert Limits.from_env().max_pages == 70
    assert Limits.from_env(max_pages=90).max_pages == 90 and Limits.from_env(max_pages=90).max_seconds == 30


def test_a_bad_settings_file_or_value_is_one_clear_error(tmp_path, monkeypatch):
    broken = tmp_path / "broken.toml"
    broken.write_text("[limits\nmax_pages = ")
    monkeypatch.setenv("NAPLOG_CONFIG", str(broken))
    with pytest.raises(NaplogError, match=r"broken\.toml: not a valid TOML settings file"):
        Limits.from_env()
    monkeypatch.setenv("NAPLOG_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(NaplogError, match=r"NAPLOG_CONFIG: .*missing\.toml: no such settings file"):
        Limits.from_env()
    monkeypatch.delenv("NAPLOG_CONFIG")
    monkeypatch.setenv("NAPLOG_MAX_SECONDS", "-1")
    with pytest.raises(NaplogError, match=r"^NAPLOG_MAX_SECONDS: expected a number >= 0"):
        Limits.from_env()


def test_extraction_settings_are_part_of_the_cache_and_failure_keys(monkeypatch):
    from pipeline.batch import input_key

    same = input_key(ExtractionSettings())
    assert input_key(ExtractionSettings(row_gap_lines=1.5)) != same
    monkeypatch.setenv("NAPLOG_ROW_GAP_LINES", "1.5")
    assert ExtractionSettings().row_gap_lines == 1.5
    assert hash(ExtractionSettings()) == hash(ExtractionSettings(row_gap_lines=1.5))  # frozen, hashable


def test_help_names_the_variable_of_each_option():
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", "--help"], capture_output=True,
                          text=True, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"}, timeout=60)
    assert done.returncode == 0, done.stderr
    for var in ("NAPLOG_DB", "NAPLOG_WORKERS", "NAPLOG_DASK_ADDRESS", "NAPLOG_CACHE_DIR", "NAPLOG_MAX_PAGES",
                "NAPLOG_MAX_SECONDS", "NAPLOG_OCR"):
        assert f"env var: {var}" in done.stdout, var


def test_prefect_background_services_are_library_logs():
    """Prefect's services log under their class names, outside the "prefect" tree: a one-file
    ingest printed "EventsWorker - Still processing items ..." as it exited, with -q. Run in a
    process of its own, as a command's is (other tests here configure logging their own way)."""
    code = ("import logging, os; os.environ['NAPLOG_LIBRARY_LOGS'] = 'hide'; import pipeline.settings; "
            "logging.basicConfig(); logging.getLogger('EventsWorker').warning('Still processing items'); "
            "logging.getLogger('naplog').warning('kept')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "Still processing items" not in done.stderr and "kept" in done.stderr, done.stderr
