"""Plan kinds and country codes in the store: migration 0007, round trip, `naplog documents`."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, select
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.store.database import Store
from pipeline.store.migrations import alembic_config
from pipeline.store.schema import ActivityRow, DocumentRow, GoalRow
from tests.test_store import count, make_logframe


def adaptation_plan(version: str = "1.0"):
    lf = make_logframe(sha="c" * 64, version=version, path="/plans/cd.pdf")
    lf.document.kind = "adaptation_plan"
    lf.document.country, lf.document.country_code = "Democratic Republic of the Congo", "CD"
    return lf


def test_kind_and_country_code_round_trip(db_url):
    store = Store(db_url)
    doc_id = store.load(adaptation_plan()).document_id
    back = store.logframe(doc_id).document
    assert (back.kind, back.country, back.country_code) == ("adaptation_plan", "Democratic Republic of the Congo",
                                                            "CD")
    store.dispose()


def test_migration_0007_keeps_every_record(db_url):
    """Down to 0005 and up again: on SQLite batch mode rebuilds ``documents``, and with foreign keys
    on that deleted every goal, output and activity under it (ON DELETE CASCADE)."""
    store = Store(db_url)
    store.load(make_logframe())
    doc_id = store.load(adaptation_plan()).document_id
    before = (count(store, GoalRow), count(store, ActivityRow))
    cfg = alembic_config(store.engine)

    command.downgrade(cfg, "0005")
    assert "country_code" not in {c["name"] for c in inspect(store.engine).get_columns("documents")}
    assert (count(store, GoalRow), count(store, ActivityRow)) == before
    with store.session() as s:  # the kinds of 0005: every plan was a "nap"
        assert s.scalar(select(DocumentRow.kind).where(DocumentRow.id == doc_id)) == "nap"

    command.upgrade(cfg, "head")
    assert (count(store, GoalRow), count(store, ActivityRow)) == before
    assert store.load(adaptation_plan("2.0")).status == "replaced"  # the new kinds are accepted again
    assert store.logframe(doc_id).document.country_code == "CD"
    store.dispose()


def test_documents_lists_kind_and_iso_code(tmp_path):
    db = str(tmp_path / "k.db")
    store = Store(db)
    store.load(make_logframe())
    store.load(adaptation_plan())
    store.dispose()
    listed = CliRunner().invoke(app, ["documents", "--db", db], env={"COLUMNS": "160"})
    assert listed.exit_code == 0, listed.output
    assert "adaptation_plan" in listed.stdout and "CD Democratic Republic of the Congo" in listed.stdout
    assert "nap (gen. 2)" in listed.stdout
    assert "adaptation_plan = climate adaptation plan" in listed.stdout
