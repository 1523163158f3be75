"""`naplog review`: anomalies, the HTML it writes, and that HTML in a real browser.

The browser tests drive Debian's Chromium (/usr/bin/chromium) through the Python `playwright`
driver; nothing is downloaded (`playwright install` is never run). They skip locally when Chromium
or the driver is missing, and fail under CI=true, where .ci/run installs Chromium.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.batch import ingest_file
from pipeline.cli import app
from pipeline.outputs.review import anomalies, build_review_html, text_problems
from pipeline.records import (
    Activity,
    Budget,
    Document,
    Goal,
    Indicator,
    Institution,
    Logframe,
    Output,
    Pillar,
)
from pipeline.store.database import Store
from tests.conftest import IN_CI, SAMPLES

SAMPLE = SAMPLES / "en_ruled_repeated_header.pdf"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SCRIPT = "<script>window.__pwned=1</script>"
IMG = "<img src=x onerror=\"window.__pwned=2\">"
ATTR = "\" onmouseover=\"window.__pwned=3\" x=\""
runner = CliRunner()


# ---- fixtures ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> tuple[Path, Store]:
    """The ruled sample ingested into a fresh SQLite store and reviewed with `naplog review 1`."""
    tmp = tmp_path_factory.mktemp("review")
    db = str(tmp / "naplog.db")
    store = Store(db)
    assert ingest_file(store, SAMPLE).status == "loaded"
    out = tmp / "review.html"
    result = runner.invoke(app, ["review", "1", "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, store


def _malicious_logframe(source: Path) -> Logframe:
    doc = Document(source_path=str(source), sha256="ab" * 32, kind="nap", country=f"Tamora {SCRIPT}",
                   title=IMG, language="en", pages=4, extractor_version=f"test{SCRIPT}",
                   acronyms={"SEI": IMG})
    act = Activity(code="1.1.1", text=f"Train {SCRIPT} women {IMG} leaders", page=3,
                   bbox=(125.1, 182.1, 231.0, 247.7), timeline=SCRIPT,
                   budget=Budget(amount=1.0, currency="USD", as_written=IMG),
                   institutions=[Institution(name=f"SEI {IMG}", canonical_name=SCRIPT, role="lead")],
                   indicators=[Indicator(text=f"# of {SCRIPT}", baseline=IMG, page=3,
                                         bbox=(241.1, 182.1, 352.7, 209.3))])
    out = Output(code="1.1", text=f"Output {ATTR} end", level_name=SCRIPT, page=3,
                 bbox=(43.1, 182.1, 112.1, 266.9), activities=[act])
    goal = Goal(code="1", text=f"Goal {IMG}", pillar=f"Pillar {SCRIPT}", page=3,
                bbox=(40.1, 119.5, 555.1, 146.9), outputs=[out])
    pillar = Pillar(name=IMG, text=f"Pillar {SCRIPT}", page=3, bbox=(40.1, 100.0, 555.1, 115.0))
    return Logframe(document=doc, pillars=[pillar], goals=[goal])


@pytest.fixture(scope="module")
def browser():
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "the playwright Python package is not installed (pip install -e '.[dev]')"
    if reason is None and not Path(CHROMIUM).exists():
        reason = "Debian's chromium is not installed (apt-get install chromium; .ci/run does this)"
    if reason:
        if IN_CI:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    p = browser.new_page(viewport={"width": 1400, "height": 1000})
    p.set_default_timeout(10_000)
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.js_errors = errors  # type: ignore[attr-defined]
    yield p
    p.close()


# ---- anomalies -----------------------------------------------------------------------


def _act(code: str, text: str, **kw) -> Activity:
    return Activity(code=code, text=text, page=1, **kw)


def test_anomalies_flags_each_kind_and_respects_inherited_leads():
    lead = [Institution(name="SEI", role="lead")]
    ind = [Indicator(text="Number of women trained", page=1)]
    lf = Logframe(
        document=Document(source_path="x.pdf", sha256="0" * 64, pages=1, extractor_version="t"),
        goals=[
            Goal(code="1", text="Participation of women", page=1, outputs=[
                Output(code="1.1", text="Women elected", page=1, activities=[
                    _act("1.1.1", "Train women candidates", bbox=(0, 0, 10, 10)),
                    _act("1.1.2", "Hold hearings", institutions=[Institution(name="CSOs", role="partner")],
                         bbox=(0, 20, 10, 30)),
                ]),
            ]),
            Goal(code="2", text="Prevention of violence", page=1, institutions=lead, outputs=[
                Output(code="2.1", text="Police respond to reports", page=1, activities=[
                    _act("2.1.1", "Train police officers and", indicators=ind, bbox=(0, 40, 10, 50)),
                    _act("2.1.2", "Open desks in every station.Train staff", bbox=(0, 60, 10, 70)),
                    _act("2.1.3", "Review the policeRegulations on recruitment", confidence=0.4,
                         bbox=(0, 0, 100, 100)),
                ]),
            ]),
        ],
    )
    got = {(a.kind, a.rid) for a in anomalies(lf)}
    assert ("activity_without_lead", "g1-o1-a1") in got
    assert ("activity_without_lead", "g1-o1-a2") in got  # a partner is not a lead
    # leads stated on the goal count for its activities
    assert not any(k == "activity_without_lead" and r.startswith("g2") for k, r in got)
    assert ("output_without_indicators", "g1-o1") in got
    assert ("output_without_indicators", "g2-o1") not in got  # an activity has one
    assert ("text_cut", "g2-o1-a1") in got
    assert ("text_run_together", "g2-o1-a2") in got
    assert ("text_run_together", "g2-o1-a3") in got
    assert ("low_confidence", "g2-o1-a3") in got
    assert ("box_covers_others", "g2-o1-a3") in got
    assert ("no_position", "g1") in got  # the goal has no bbox
    partners = [a for a in anomalies(lf) if a.rid == "g1-o1-a2" and a.kind == "activity_without_lead"]
    assert "partners only: CSOs" in partners[0].message


@pytest.mark.parametrize("text", [
    "Increased representation of women in decision-making positions.",
    "Number of women (disaggregated by age) trained",
    "# and % of women elected",
])
def test_clean_text_is_not_flagged(text):
    assert text_problems(text, "activity") == []


@pytest.mark.parametrize("text,kind", [
    ("Strengthen the capacity of the", "text_cut"),
    ("Train women leaders (at suco level", "text_cut"),
    ("and national levels.", "text_cut"),
    ("Conduct training at local levels.Conduct campaigns", "text_run_together"),
    ("Train police 1.1.3 Develop modules", "text_run_together"),
])
def test_text_problems(text, kind):
    assert kind in {k for k, _ in text_problems(text, "activity")}


# ---- HTML without a browser ----------------------------------------------------------


def test_review_html_from_the_store(reviewed):
    out, store = reviewed
    text = out.read_text(encoding="utf-8")
    lf = store.logframe(1)
    assert text.count("data:image/png;base64,") == len({e.page for e in lf.activities()})
    assert 'class="box t-activity' in text and 'class="box t-goal' in text
    assert 'data-rid="g1-o1-a1"' in text
    assert "<h2>Flags: " in text
    # one file, nothing fetched: the only URLs are data: images
    assert not re.search(r'(src|href)="(?!data:)', text)
    assert len(text) < 2_000_000


def test_review_with_a_missing_pdf_still_writes_tree_and_flags(reviewed, tmp_path):
    _, store = reviewed
    lf = store.logframe(1)
    text = build_review_html(lf, tmp_path / "gone.pdf")
    assert "Page images are unavailable" in text and "gone.pdf was not found" in text
    assert "<img" not in text
    assert 'data-rid="g1-o1-a1"' in text and "Flags: " in text
    assert "Conduct leadership, negotiation and public speaking" in text


def test_review_command_warns_when_the_pdf_has_moved(tmp_path):
    moved = tmp_path / "plan.pdf"
    shutil.copy(SAMPLE, moved)
    db = str(tmp_path / "n.db")
    store = Store(db)
    ingest_file(store, moved)
    moved.unlink()
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["review", "1", "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "no page images" in result.output
    assert "Page images are unavailable" in out.read_text(encoding="utf-8")
    bad = runner.invoke(app, ["review", "9", "--db", db, "-o", str(out)])
    assert bad.exit_code == 2 and "no document with id 9" in bad.output


def test_extracted_text_is_escaped(tmp_path):
    text = build_review_html(_malicious_logframe(SAMPLE), None)
    assert "<script>window.__pwned" not in text
    assert "<img src=x" not in text
    assert 'onmouseover="window' not in text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text
    assert text.count("<script>") == 1  # the review's own script


# ---- in Chromium ---------------------------------------------------------------------


def test_click_highlights_box_and_tree_item(reviewed, page, tmp_path):
    out, store = reviewed
    lf = store.logframe(1)
    page.goto(out.as_uri())
    rid = "g1-o1-a2"  # activity 1.1.2 on page 3
    page.click(f'.tree .rec[data-rid="{rid}"]')
    box = page.locator(f'.box[data-rid="{rid}"]')
    assert "hl" in box.get_attribute("class").split()
    highlighted = page.locator(".hl").evaluate_all("els => els.map(e => e.getAttribute('data-rid'))")
    assert len(highlighted) >= 2 and set(highlighted) == {rid}  # the tree item and the box, nothing else

    # the box sits where the record's bbox is on the page image
    sheet = page.locator('#page-3 .sheet img').bounding_box()
    bb = box.bounding_box()
    act = lf.goals[0].outputs[0].activities[1]
    x0, top, x1, bottom = act.bbox
    scale = sheet["width"] / 595.2756
    assert abs(bb["x"] - (sheet["x"] + x0 * scale)) < 2
    assert abs(bb["y"] - (sheet["y"] + top * scale)) < 2
    assert abs(bb["width"] - (x1 - x0) * scale) < 2
    assert abs(bb["height"] - (bottom - top) * scale) < 2

    shot = tmp_path / "review.png"
    page.screenshot(path=str(shot))
    assert shot.is_file() and shot.stat().st_size > 20_000
    from PIL import Image

    with Image.open(shot) as im:
        assert im.size == (1400, 1000)
        assert len(im.convert("RGB").getcolors(maxcolors=1 << 20) or []) > 50  # not a blank page

    # the reverse: click a box, its tree item is highlighted (and the previous one no longer)
    other = "g1-o1-a1-i1"  # the first indicator of activity 1.1.1
    page.click(f'.box[data-rid="{other}"]')
    item = page.locator(f'.tree .rec[data-rid="{other}"]')
    assert "hl" in item.get_attribute("class").split()
    assert "hl" not in box.get_attribute("class").split()
    assert page.locator("#selection").inner_text().startswith("Indicator # and % of women participating")
    assert page.js_errors == []


def test_clicking_a_flag_selects_its_record(reviewed, page):
    out, _ = reviewed
    page.goto(out.as_uri())
    flag = page.locator("#flags .rec[data-rid]").first
    rid = flag.get_attribute("data-rid")
    flag.click()
    assert "hl" in page.locator(f'.tree .rec[data-rid="{rid}"]').get_attribute("class").split()
    assert page.js_errors == []


def test_malicious_cell_text_does_not_run(tmp_path, page):
    db = str(tmp_path / "x.db")
    store = Store(db)
    doc_id = store.load(_malicious_logframe(SAMPLE)).document_id
    out = tmp_path / "x.html"
    result = runner.invoke(app, ["review", str(doc_id), "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    page.goto(out.as_uri())
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # hovering and clicking the records does not run anything either
    page.hover('.box[data-rid="g1-o1"]')
    page.click('.tree .rec[data-rid="g1-o1-a1"]')
    page.click('.box[data-rid="g1-o1-a1-i1"]')
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # shown as text, not markup: no image element other than the page images
    srcs = page.locator("img").evaluate_all("els => els.map(e => e.getAttribute('src').slice(0, 11))")
    assert srcs == ["data:image/"]
    assert SCRIPT in page.locator('.tree .rec[data-rid="g1-o1-a1"]').inner_text()
    assert IMG in page.locator('.tree .rec[data-rid="g1"]').inner_text()
    assert "sha256 differs" in page.locator("header").inner_text()
    assert page.js_errors == []
