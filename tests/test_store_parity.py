"""PostgreSQL equal to SQLite (issue 23): every text takes any length on both (migration 0009), the
one limit left (an institution's name, unique in an index) is the records' on both, a refused value
is one line, and the whole corpus loads into both stores alike."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlalchemy import text

from pipeline.errors import StoreError
from pipeline.records import MAX_NAME_CHARS, Institution, Logframe, Observation
from pipeline.store.database import Store
from pipeline.store.schema import RunRow
from tests.conftest import CORPUS, IN_CI, pg_url
from tests.test_store import make_logframe


def long_logframe() -> Logframe:
    """Texts longer than the VARCHAR limits PostgreSQL enforced before migration 0009 (SQLite never did)."""
    lf = make_logframe()
    lf.document.country = "République " + "très " * 40  # was VARCHAR(120)
    lf.document.acronyms = {"A" * 60: "an acronym of sixty letters"}  # was VARCHAR(40)
    goal = lf.goals[0]
    # The Albania plan's level name: 260 characters of a table's header row (was VARCHAR(120)).
    goal.level_name = ("Priority area / Strategic goal / Specific objective / Activity / Output / Responsible "
                       "institution / Indicative cost / Timeline / Source of financing / ") * 2
    assert len(goal.level_name) > 250
    institution = goal.outputs[0].activities[0].institutions[0]
    institution.canonical_name = "Ministry of " + "Tourism and Environment " * 15  # was VARCHAR(300)
    institution.acronym = "MTE" * 20  # was VARCHAR(40)
    lf.observations = [Observation(indicator="Women in parliament", value=33.0, period="2019-2020 " * 6, page=2)]
    return lf


def _as_stored(store: Store, document_id: int) -> dict:
    back = store.logframe(document_id).model_dump()
    back["document"]["id"] = None
    return back


def test_texts_of_any_length_load_on_both(db_url):
    store = Store(db_url)
    lf = long_logframe()
    result = store.load(lf)
    assert result.status == "loaded"
    expected = lf.model_dump()
    expected["document"]["id"] = None
    back = _as_stored(store, result.document_id)
    # Observations are read back with their link to the plan, which this plan has none of.
    assert back["goals"] == expected["goals"]
    assert back["document"] == expected["document"]
    assert [o["period"] for o in back["observations"]] == [o.period for o in lf.observations]
    store.dispose()


def test_a_long_correction_author_is_kept_on_both(db_url, tmp_path):
    from pipeline.outputs.workbook import apply_workbook, write_workbook
    from tests.test_corrections import _set

    store = Store(db_url)
    doc = store.load(make_logframe()).document_id
    path = write_workbook(store, [doc], tmp_path / "w.xlsx")
    with store.session() as s:
        key = s.scalar(text("SELECT record_key FROM activities"))
    _set(path, "activities", key, "text", "Undertake advocacy")
    author = "Direction générale de la planification, du suivi et de l'évaluation, " * 3  # was VARCHAR(120)
    report = apply_workbook(store, path, author=author)
    assert len(report.applied) == 1
    with store.session() as s:
        assert s.scalar(text("SELECT author FROM corrections")) == author
    store.dispose()


def test_an_institution_name_past_the_index_limit_is_refused_by_the_records():
    with pytest.raises(ValidationError, match=f"at most {MAX_NAME_CHARS} characters"):
        Institution(name="x" * (MAX_NAME_CHARS + 1))
    assert Institution(name="x", aliases=["y" * (MAX_NAME_CHARS + 1), "z"]).aliases == ["z"]


def test_a_paragraph_read_as_an_institution_is_no_name_and_loses_nothing_else():
    # A column of prose taken for institutions (its header unknown) once gave a "name" past the
    # limit, and the whole document failed validation: the paragraph is dropped, the names kept.
    from extractors.institutions.rules import institutions_from_cell

    found = institutions_from_cell("Ministry of Health; " + "the plan will be carried out " * 30 + "; UNDP", "lead")
    assert "UNDP" in [i.name for i in found] and all(len(i.name) <= MAX_NAME_CHARS for i in found)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_refused_value_is_one_line(db_url):
    """PostgreSQL's refusal (here a text that is no integer, 5 kB long) as one short line naming the
    store, not SQLAlchemy's copy of the statement and its parameters (SQLite casts it to 0)."""
    store = Store(db_url)
    with pytest.raises(StoreError) as caught:
        with store.session() as s:
            s.execute(text("SELECT CAST(:v AS integer)"), {"v": "x" * 5000})
    message = str(caught.value)
    assert "\n" not in message and len(message) < 500 and "SELECT" not in message
    assert "invalid input syntax for type integer" in message
    store.dispose()


# ---- the whole corpus into both stores ------------------------------------------------------------

CORPUS_FILES = sorted((CORPUS / "plans").glob("*.pdf")) + sorted((CORPUS / "wps-reports").glob("*.pdf"))


@pytest.fixture(scope="module")
def corpus_logframes() -> list[Logframe]:
    from pipeline.extract import extract_file

    if not CORPUS.is_dir():
        pytest.skip(f"real documents not found at {CORPUS} (the shared corpus folder is absent)")
    if not pg_url():
        if IN_CI:
            pytest.fail("CI=true but NAPLOG_TEST_PG is not set: .ci/run must start PostgreSQL")
        pytest.skip("PostgreSQL not configured (set NAPLOG_TEST_PG=postgresql://...)")
    return [extract_file(path) for path in CORPUS_FILES]


def _store_contents(store: Store) -> list[dict]:
    """Every stored document as it reads back, its record keys and its runs, without store ids."""
    out = []
    for doc in store.documents():
        back = _as_stored(store, doc.id)
        keys = sorted(store.record_keys(doc.id).values())
        prefix = f"{doc.id}:"
        out.append({"logframe": back, "keys": [k.removeprefix(prefix) for k in keys]})
    with store.session(readonly=True) as s:
        runs = sorted((r.source_path, r.status, r.message or "") for r in s.query(RunRow))
    return sorted(out, key=lambda d: d["logframe"]["document"]["sha256"]) + [{"runs": runs}]


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_the_whole_corpus_loads_alike_into_sqlite_and_postgresql(corpus_logframes, db_url, tmp_path):
    stores = {"sqlite": Store(str(tmp_path / "corpus.db")), "postgresql": Store(db_url)}
    for name, store in stores.items():
        for lf in corpus_logframes:
            assert store.load(lf).status == "loaded", (name, lf.document.source_path)
    sqlite, postgresql = (_store_contents(s) for s in stores.values())
    assert len(sqlite) == len(CORPUS_FILES) + 1
    assert postgresql == sqlite
    for store in stores.values():
        store.dispose()


def test_a_constraint_the_records_break_is_one_line_on_both(db_url):
    """A record that escaped validation (here a kind set without it) breaks a CHECK constraint on
    both databases: the load fails with one line naming the store, the statement left out (it was
    SQLAlchemy's IntegrityError with the whole INSERT and its values)."""
    store = Store(db_url)
    lf = make_logframe()
    object.__setattr__(lf.document, "kind", "bogus")  # past validate_assignment
    with pytest.raises(StoreError) as caught:
        store.load(lf)
    message = str(caught.value)
    assert message.startswith("store ") and "refused the data" in message
    assert "\n" not in message and "INSERT" not in message and len(message) < 500
    assert store.documents() == []
    store.dispose()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_read_only_command_makes_no_store_of_an_empty_database(db_url):
    """A PostgreSQL database that holds no naplog store is an error for a command that only reads:
    no table is created in it."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    res = CliRunner().invoke(app, ["documents", "--db", db_url])
    assert res.exit_code == 2 and "no naplog store in" in res.output, res.output
    store = Store(db_url, migrate=False)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))\
            .scalar() == 0
    store.dispose()
