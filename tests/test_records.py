import pytest
from pydantic import ValidationError

from pipeline.records import (
    Activity,
    Budget,
    Document,
    Goal,
    Indicator,
    Institution,
    Logframe,
    PlanPeriod,
)

SHA = "a" * 64


def test_codes_are_kept_and_normalised():
    act = Activity(code="1.1.2.", text="Undertake advocacy", page=3)
    assert act.code == "1.1.2"


@pytest.mark.parametrize("code", ["1..2", "one point two", "1.1.1.1.1.1.1.1"])
def test_bad_codes_are_rejected(code):
    with pytest.raises(ValidationError, match="hierarchy code"):
        Activity(code=code, text="x", page=1)


def test_page_is_one_based():
    with pytest.raises(ValidationError):
        Goal(text="g", page=0)


def test_bbox_must_be_ordered():
    with pytest.raises(ValidationError, match="bbox"):
        Goal(text="g", page=1, bbox=(100, 10, 50, 20))


def test_confidence_range():
    with pytest.raises(ValidationError):
        Goal(text="g", page=1, confidence=1.5)


def test_years_sorted_unique_and_bounded():
    assert Activity(text="a", page=1, years=[2026, 2024, 2026]).years == [2024, 2026]
    with pytest.raises(ValidationError, match="outside"):
        Activity(text="a", page=1, years=[3024])


def test_quarters_format():
    assert Activity(text="a", page=1, quarters=["2025-Q2"]).quarters == ["2025-Q2"]
    with pytest.raises(ValidationError, match="quarter"):
        Activity(text="a", page=1, quarters=["Q2 2025"])


def test_budget_currency_is_iso():
    assert Budget(amount=10.0, currency="USD", as_written="USD 10").currency == "USD"
    with pytest.raises(ValidationError, match="ISO 4217"):
        Budget(amount=10.0, currency="dollars", as_written="10 dollars")
    with pytest.raises(ValidationError):
        Budget(amount=-1, as_written="-1")


def test_institution_role_and_type():
    assert Institution(name="MoWA", role="partner").role == "partner"
    with pytest.raises(ValidationError):
        Institution(name="MoWA", role="owner")
    with pytest.raises(ValidationError):
        Institution(name="MoWA", type="church")


def test_plan_period_order():
    with pytest.raises(ValidationError, match="before it starts"):
        PlanPeriod(start=2028, end=2024)


def test_document_sha_and_kind():
    with pytest.raises(ValidationError):
        Document(source_path="x.pdf", sha256="nothex", pages=1, extractor_version="1")
    with pytest.raises(ValidationError):
        Document(source_path="x.pdf", sha256=SHA, kind="manual", pages=1, extractor_version="1")


def test_unknown_fields_are_rejected():
    with pytest.raises(ValidationError, match="Extra inputs"):
        Indicator(text="x", page=1, colour="red")


def test_text_whitespace_is_collapsed():
    assert Indicator(text="  # and %\n of women ", page=1).text == "# and % of women"


def test_counts_ignore_placeholder_levels():
    lf = Logframe(
        document=Document(source_path="x.pdf", sha256=SHA, pages=2, extractor_version="1"),
        goals=[Goal(text=None, page=1, outputs=[
            {"text": "o", "page": 1, "activities": [{"text": "a", "page": 1, "indicators": [{"text": "i", "page": 1}]}]}
        ])],
    )
    assert lf.counts() == {"goals": 0, "outputs": 1, "activities": 1, "indicators": 1, "institutions": 0}


def test_schema_file_is_current():
    import json
    from pathlib import Path

    schema_file = Path(__file__).resolve().parent.parent / "docs" / "logframe.schema.json"
    assert json.loads(schema_file.read_text()) == Logframe.model_json_schema(), \
        "docs/logframe.schema.json is stale: run `naplog schema -o docs/logframe.schema.json`"
