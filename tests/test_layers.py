"""The layers of pipeline.__init__'s docstring hold: import-linter's contract (pyproject.toml)
passes with no exception listed, and no module imports a layer above it, even inside a function."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_layers_contract_is_kept():
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    assert contracts and all(not c.get("ignore_imports") for c in contracts), "no exception may be listed"
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_the_contract_would_catch_an_upward_import(tmp_path):
    """The contract is not vacuous: a copy of the tree in which the page model imports the store
    breaks it."""
    import shutil

    for name in ("pipeline", "extractors", "flows"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    model = tmp_path / "pipeline" / "pdf" / "model.py"
    model.write_text(model.read_text() + "\n\ndef _upward():\n    from pipeline.store import schema  # noqa: F401\n")
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert done.returncode != 0 and "pipeline.pdf is not allowed to import pipeline.store" in done.stdout, done.stdout
