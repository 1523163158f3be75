"""Import spaCy without its command-line interface.

``import spacy`` runs ``from .cli.info import info`` to offer ``spacy.info()``, and importing
``spacy.cli`` imports every spaCy command: typer, weasel, the download, training and project
commands, 365 modules in all, 0.4 s of the 1.3 s that importing spaCy takes on our 2-core machine.
naplog never runs a spaCy command, but each extraction worker and every ``naplog extract`` pays
that import as it starts.

So while spaCy's package is first imported, ``spacy.cli`` and ``spacy.cli.info`` are placeholders
in ``sys.modules``, removed as soon as the import is done: ``spacy.info`` then imports spaCy's own
``info`` when it is called, and ``import spacy.cli`` imports the real package. Nothing else in
spaCy 3.8 imports ``spacy.cli``, which the tests check (``tests/test_institutions_nlp.py``).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: spaCy's own, imported when it is called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> ModuleType:
    """The ``spacy`` module, imported without ``spacy.cli`` if it is not imported yet."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli = ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so that the submodule below resolves
    info = ModuleType("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    placeholders = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(placeholders)
    try:
        import spacy
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy
