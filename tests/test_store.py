"""Store round trip, idempotence, replacement and atomicity on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pipeline.records import Document, Logframe
from pipeline.store.database import Store
from pipeline.store.schema import (
    ActivityRow,
    DocumentRow,
    GoalRow,
    IndicatorRow,
    InstitutionRow,
    RunRow,
)


def make_logframe(sha: str = "b" * 64, version: str = "1.0", path: str = "/plans/tl.pdf",
                  activity: str = "Undertake advocacy and lobbying") -> Logframe:
    return Logframe.model_validate({
        "document": {"source_path": path, "sha256": sha, "kind": "nap", "country": "Timor-Leste",
                     "language": "en", "plan_period": {"start": 2024, "end": 2028}, "generation": 2,
                     "pages": 4, "extractor_version": version, "acronyms": {"SEI": "Secretary of State for Equality"}},
        "pillars": [{"code": "1", "name": "Participation", "text": "Pillar 1: Participation", "page": 3}],
        "goals": [{
            "code": "1", "text": "Improving participation of women in decision making", "pillar": "Pillar 1: Participation",
            "page": 3, "bbox": [10, 20, 500, 40], "method": "ruled_table", "confidence": 0.9,
            "outputs": [{
                "code": "1.1", "text": "Increased representation of women", "page": 3,
                "indicators": [{"text": "# of laws reviewed", "page": 3, "unit": "number"}],
                "activities": [{
                    "code": "1.1.2", "text": activity, "page": 3, "bbox": [100, 50, 200, 120],
                    "indicators": [{"text": "# and % of women elected", "unit": "percentage", "baseline": "10%",
                                    "target": "30%", "disaggregation": ["sex"], "page": 3}],
                    "institutions": [{"name": "SEI", "canonical_name": "Secretary of State for Equality",
                                      "acronym": "SEI", "type": "government", "role": "lead"},
                                     {"name": "CSOs", "canonical_name": "CSOs", "type": "cso", "role": "partner"}],
                    "years": [2024, 2025], "quarters": ["2025-Q3"], "timeline": "2024-2025",
                    "budget": {"amount": 150000.0, "currency": "USD", "as_written": "USD 150,000"},
                }],
            }],
        }],
    })


def count(store: Store, row_type) -> int:  # noqa: ANN001
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(row_type))


def test_round_trip(db_url):
    store = Store(db_url)
    lf = make_logframe()
    result = store.load(lf)
    assert result.status == "loaded"
    back = store.logframe(result.document_id)
    expected = lf.model_dump()
    expected["document"]["id"] = result.document_id
    assert back.model_dump() == expected


def test_same_file_same_version_changes_nothing(db_url):
    store = Store(db_url)
    first = store.load(make_logframe())
    before = [count(store, t) for t in (DocumentRow, GoalRow, ActivityRow, IndicatorRow, RunRow)]
    second = store.load(make_logframe())
    assert second.status == "unchanged" and second.document_id == first.document_id
    assert [count(store, t) for t in (DocumentRow, GoalRow, ActivityRow, IndicatorRow, RunRow)] == before
    assert store.is_current("b" * 64, "1.0") == first.document_id
    assert store.is_current("b" * 64, "2.0") is None


def test_new_extractor_version_replaces_records_and_keeps_history(db_url):
    store = Store(db_url)
    first = store.load(make_logframe(version="1.0"))
    second = store.load(make_logframe(version="2.0", activity="Develop training modules"))
    assert second.status == "replaced" and second.document_id == first.document_id
    assert count(store, ActivityRow) == 1
    assert store.logframe(first.document_id).activities()[0].text == "Develop training modules"
    runs = store.runs()
    assert [(r.extractor_version, r.status) for r in runs] == [("1.0", "loaded"), ("2.0", "replaced")]


def test_changed_file_at_same_path_replaces_the_document(db_url):
    store = Store(db_url)
    first = store.load(make_logframe(sha="b" * 64))
    second = store.load(make_logframe(sha="c" * 64))
    assert second.status == "replaced" and second.document_id == first.document_id
    assert count(store, DocumentRow) == 1


def test_institutions_are_shared_across_documents(db_url):
    store = Store(db_url)
    store.load(make_logframe(sha="b" * 64, path="/a.pdf"))
    store.load(make_logframe(sha="d" * 64, path="/b.pdf"))
    assert count(store, DocumentRow) == 2
    assert count(store, InstitutionRow) == 2  # SEI and CSOs, once each


def test_failed_load_keeps_what_was_stored(db_url, monkeypatch):
    store = Store(db_url)
    first = store.load(make_logframe(version="1.0"))
    from pipeline.store import rows as store_records

    def boom(self, lf):  # noqa: ANN001
        raise RuntimeError("disk full halfway through")

    monkeypatch.setattr(store_records.RecordWriter, "write", boom)
    with pytest.raises(RuntimeError):
        store.load(make_logframe(version="2.0", activity="Something else"))
    monkeypatch.undo()
    kept = store.logframe(first.document_id)
    assert kept.document.extractor_version == "1.0"
    assert kept.activities()[0].text == "Undertake advocacy and lobbying"


def test_resolve_by_id_and_path(db_url, tmp_path):
    store = Store(db_url)
    pdf = tmp_path / "tl.pdf"
    pdf.write_bytes(b"%PDF-1.4 test")
    import hashlib

    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    result = store.load(make_logframe(sha=sha, path=str(pdf.resolve())))
    assert store.resolve(str(result.document_id)) == result.document_id
    assert store.resolve(str(pdf)) == result.document_id
    from pipeline.errors import StoreError

    with pytest.raises(StoreError, match="no document with id 999"):
        store.resolve("999")
    with pytest.raises(StoreError, match="no such document"):
        store.resolve(str(tmp_path / "other.pdf"))


def test_record_failure_keeps_run(db_url):
    store = Store(db_url)
    store.record_failure("/x.pdf", "e" * 64, "1.0", "/x.pdf: not a PDF")
    runs = store.runs()
    assert runs[-1].status == "failed" and "not a PDF" in runs[-1].message


def test_document_metadata_columns(db_url):
    store = Store(db_url)
    doc_id = store.load(make_logframe()).document_id
    row = next(d for d in store.documents() if d.id == doc_id)
    assert (row.country, row.period_start, row.period_end, row.generation) == ("Timor-Leste", 2024, 2028, 2)
    assert isinstance(Document.model_validate(store.logframe(doc_id).document.model_dump()), Document)
