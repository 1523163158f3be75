"""`naplog review`: anomalies, the HTML it writes, and that HTML in a real browser.

The browser tests drive Debian's Chromium (/usr/bin/chromium) through the Python `playwright`
driver; nothing is downloaded (`playwright install` is never run). They skip locally when Chromium
or the driver is missing, and fail under CI=true, where .ci/run installs Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.batch import ingest_file
from pipeline.cli import app
from pipeline.outputs.review import (
    anomalies,
    build_review_html,
    entries,
    pdfjs_available,
    text_problems,
)
from pipeline.outputs.review_flags import flag_groups
from pipeline.pdf.pages import open_pdf, page_subset, printed_page_numbers
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
from tests.conftest import CORPUS, IN_CI, SAMPLES

SAMPLE = SAMPLES / "en_ruled_repeated_header.pdf"
DRC = CORPUS / "plans" / "adaptation_plan_democratic_republic_of_congo.pdf"
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


@pytest.fixture(scope="session")
def pdfjs() -> None:
    """PDF.js vendored beside naplog (`make pdfjs`, which `make test` runs); fails under CI=true."""
    if not pdfjs_available():
        reason = "PDF.js is not vendored in pipeline/outputs/vendor/pdfjs (run `make pdfjs`; it needs npm)"
        if IN_CI:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)


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


def test_names_with_inner_capitals_are_not_run_together():
    # WhatsApp, PowerPoint, MettelSat (DRC plan p58-60) are names, not two words run together.
    for text in ("Set up a WhatsApp group", "Train staff in PowerPoint", "Train 15 MettelSat agents"):
        assert "text_run_together" not in {k for k, _ in text_problems(text, "activity")}


def _plan(n_activities: int, *, lead_on: set[int] = frozenset(), output_text: str | None = "Women elected") -> Logframe:
    acts = [_act(f"1.1.{i}", f"Train group {i}", bbox=(0, 10 * i, 10, 10 * i + 5),
                 institutions=[Institution(name="SEI", role="lead")] if i in lead_on else [])
            for i in range(1, n_activities + 1)]
    return Logframe(
        document=Document(source_path="x.pdf", sha256="0" * 64, pages=1, extractor_version="t"),
        goals=[Goal(code="1", text="Participation of women", page=1, bbox=(0, 0, 1, 1), outputs=[
            Output(code="1.1" if output_text else None, text=output_text, page=1,
                   bbox=(0, 0, 1, 1) if output_text else None, confidence=1.0 if output_text else 0.5,
                   activities=acts)])])


def test_a_flag_most_records_share_is_shown_once_as_a_trait():
    lf = _plan(12, lead_on={1})
    lf.goals[0].outputs[0].activities[4].text = "Train police officers and"  # one cut text
    groups = {g.kind: g for g in flag_groups(lf, anomalies(lf))}
    lead = groups["activity_without_lead"]
    assert (len(lead.items), lead.applies_to, lead.trait) == (11, 12, True)
    assert groups["text_cut"].trait is False
    # likely extraction errors come before gaps
    assert [g.kind for g in flag_groups(lf, anomalies(lf))][:1] == ["text_cut"]
    # a few missing leads are flags one by one
    few = _plan(12, lead_on=set(range(1, 11)))
    assert not flag_groups(few, anomalies(few))[0].trait


def test_a_plan_without_an_output_level_is_flagged_on_its_goal_not_on_a_placeholder():
    lf = _plan(2, lead_on={1, 2}, output_text=None)
    got = {(a.kind, a.rid) for a in anomalies(lf)}
    assert got == {("goal_without_indicators", "g1")}
    lf.goals[0].outputs[0].activities[0].indicators = [Indicator(text="Number trained", page=1, bbox=(0, 0, 1, 1))]
    assert anomalies(lf) == []


# ---- record keys and pages -----------------------------------------------------------


def test_record_keys_by_position_are_the_workbooks(reviewed):
    _, store = reviewed
    keys = store.record_keys(1)
    lf = store.logframe(1)
    assert keys["g1"] == "1:g1" and keys["g1-o1"] == "1:g1/o1.1" and keys["g1-o1-a2"] == "1:g1/o1.1/a1.1.2"
    assert keys["g1-o1-a1-i1"].startswith("1:g1/o1.1/a1.1.1/i")
    rids = {e.rid for e in entries(lf) if e.kind != "pillar"}
    assert set(keys) == rids  # every goal, output, activity and indicator, nothing else
    from openpyxl import load_workbook

    from pipeline.outputs.workbook import write_workbook

    book = Path(store.safe_url.split("///", 1)[-1]).with_suffix(".xlsx")
    write_workbook(store, [1], book)
    wb = load_workbook(book, read_only=True)
    in_workbook = {row[0] for sheet in ("goals", "outputs", "activities", "indicators")
                   for row in wb[sheet].iter_rows(min_row=2, values_only=True) if row[0]}
    assert set(keys.values()) == in_workbook


@pytest.mark.corpus
def test_printed_page_numbers_of_real_plans(corpus):
    plans = corpus / "plans"
    # The DRC plan has page labels; Sri Lanka prints "49" after its running title; Kilifi "Page 8";
    # Liberia "40 | P a g e" (read on the page images).
    for name, pages, expected in [
        ("adaptation_plan_democratic_republic_of_congo.pdf", [58, 71], {58: "56", 71: "69"}),
        ("adaptation_plan_sri_lanka.pdf", [50, 51, 55], {50: "49", 51: "50", 55: "54"}),
        ("kenya_kilifi_risk_preparedness_plan.pdf", [12, 14], {12: "8", 14: "10"}),
        ("adaptation_plan_liberia.pdf", [26, 40], {26: "26", 40: "40"}),
    ]:
        doc = open_pdf(plans / name)
        assert printed_page_numbers(doc, pages) == expected, name
        doc.close()
    # A sample with no page numbers printed gets none (not its place in the file).
    doc = open_pdf(SAMPLE)
    assert printed_page_numbers(doc, [3, 4]) == {}
    doc.close()


def test_page_subset_holds_only_the_pages_asked(tmp_path):
    doc = open_pdf(SAMPLES / "en_rotated_tight.pdf")
    data = page_subset(doc, [3, 1, 9])
    doc.close()
    out = tmp_path / "subset.pdf"
    out.write_bytes(data)
    sub = open_pdf(out)
    assert len(sub) == 2
    assert [round(x) for x in sub[1].get_size()] == [595, 842]  # page 3, turned by /Rotate 90, as shown
    sub.close()


# ---- HTML without a browser ----------------------------------------------------------


def _scripts(text: str) -> list[tuple[str, str]]:
    return re.findall(r'<script type="([^"]+)"(?: id="[^"]*")?>(.*?)</script>', text, re.S)


def test_review_html_from_the_store(reviewed, pdfjs):
    out, store = reviewed
    text = out.read_text(encoding="utf-8")
    lf = store.logframe(1)
    assert 'class="box t-activity' in text and 'class="box t-goal' in text
    assert 'data-rid="g1-o1-a1"' in text
    assert "<h2>Flags: " in text
    assert '<code class="key">1:g1/o1.1/a1.1.2</code>' in text  # the workbook's record key
    assert 'title="document kind as stored">nap</span>' in text
    # one file, nothing fetched: no URL at all in the page's elements (the scripts' code aside)
    assert not re.search(r'(src|href)="', re.sub(r"<script[^>]*>.*?</script>", "", text, flags=re.S))
    # the pages that hold records, as one embedded PDF drawn by PDF.js
    scripts = _scripts(text)
    data = base64.b64decode(next(code for kind, code in scripts if kind == "text/plain"))
    embedded = out.with_name("embedded.pdf")
    embedded.write_bytes(data)
    doc = open_pdf(embedded)
    assert len(doc) == len({e.record.page for e in entries(lf)})
    doc.close()
    # the CSP allows exactly the page's module scripts, by their hashes
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1))
    modules = [code for kind, code in scripts if kind == "module"]
    assert len(modules) == 3  # PDF.js's worker and library, the review's
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    assert allowed == {base64.b64encode(hashlib.sha256(m.encode()).digest()).decode() for m in modules}
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp


def test_review_without_pdfjs_embeds_page_images(reviewed):
    _, store = reviewed
    lf = store.logframe(1)
    text = build_review_html(lf, SAMPLE, use_pdfjs=False)
    assert text.count("data:image/png;base64,") == len({e.page for e in lf.activities()})
    assert [kind for kind, _ in _scripts(text)] == ["module"]
    assert len(text) < 2_000_000


def test_review_with_a_missing_pdf_still_writes_tree_and_flags(reviewed, tmp_path):
    _, store = reviewed
    lf = store.logframe(1)
    text = build_review_html(lf, tmp_path / "gone.pdf")
    assert "Page images are unavailable" in text and "gone.pdf was not found" in text
    assert "<img" not in text and 'id="pdf-data"' not in text
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
    assert [kind for kind, _ in _scripts(text)] == ["module"]  # the review's own script only


# ---- in Chromium ---------------------------------------------------------------------


def _wait(page, js: str, timeout: float = 10.0) -> None:
    """Wait until ``js`` is true in the page (polled from here: the review's CSP forbids the
    string evaluation page.wait_for_function uses)."""
    for _ in range(int(timeout / 0.05)):
        if page.evaluate(js):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"still false after {timeout} s: {js}")


def _open(page, path: Path) -> None:
    page.goto(path.as_uri())
    _wait(page, "document.body.dataset.ready === '1'")


def _drawn(page) -> None:
    _wait(page, "document.body.dataset.pdfjs === 'ready' && document.querySelectorAll('.page[data-drawn]').length > 0")


def test_click_highlights_box_and_tree_item(reviewed, page, pdfjs, tmp_path):
    out, store = reviewed
    lf = store.logframe(1)
    _open(page, out)
    _drawn(page)
    rid = "g1-o1-a2"  # activity 1.1.2 on page 3
    page.click(f'.tree .rec[data-rid="{rid}"]')
    box = page.locator(f'.box[data-rid="{rid}"]')
    assert "hl" in box.get_attribute("class").split()
    highlighted = page.locator(".hl").evaluate_all("els => els.map(e => e.getAttribute('data-rid'))")
    assert len(highlighted) >= 2 and set(highlighted) == {rid}  # the tree item and the box, nothing else
    assert page.locator("#sel-key").inner_text() == "1:g1/o1.1/a1.1.2"

    # the box sits where the record's bbox is on the page PDF.js drew
    page.wait_for_selector("#page-3 canvas")
    sheet = page.locator("#page-3 canvas").bounding_box()
    bb = box.bounding_box()
    act = lf.goals[0].outputs[0].activities[1]
    x0, top, x1, bottom = act.bbox
    scale = sheet["width"] / 595.2756
    assert abs(sheet["height"] - 841.8898 * scale) < 2
    assert abs(bb["x"] - (sheet["x"] + x0 * scale)) < 2
    assert abs(bb["y"] - (sheet["y"] + top * scale)) < 2
    assert abs(bb["width"] - (x1 - x0) * scale) < 2
    assert abs(bb["height"] - (bottom - top) * scale) < 2

    shot = tmp_path / "review.png"
    page.screenshot(path=str(shot))
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
    assert page.locator("#sel-text").inner_text().startswith("Indicator # and % of women participating")
    assert page.js_errors == []


def _ink(page, selector: str) -> int:
    """Dark pixels on a canvas: the page was drawn, not left blank."""
    return page.eval_on_selector(selector, """c => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i] < 128 && d[i + 3] > 0) n++; } return n; }""")


def test_pages_are_redrawn_sharp_when_zoomed(reviewed, page, pdfjs):
    out, _ = reviewed
    _open(page, out)
    _drawn(page)
    page.wait_for_selector("#page-3[data-drawn]")
    before = int(page.get_attribute("#page-3", "data-drawn"))
    width = page.eval_on_selector("#page-3 .sheet", "s => s.clientWidth")
    assert abs(before - width) <= 2  # one canvas pixel per CSS pixel (device pixel ratio 1)
    assert _ink(page, "#page-3 canvas") > 5000
    for _ in range(3):
        page.keyboard.press("+")
    assert page.locator("#zoom-value").inner_text() == "200%"
    _wait(page, "parseInt(document.querySelector('#page-3').dataset.drawn) > %d" % (before * 1.8))
    zoomed = page.eval_on_selector("#page-3 .sheet", "s => s.clientWidth")
    assert abs(int(page.get_attribute("#page-3", "data-drawn")) - zoomed) <= 2
    page.keyboard.press("0")
    assert page.locator("#zoom-value").inner_text() == "100%"
    assert page.js_errors == []


def test_filters_by_level_flag_and_confidence(reviewed, page):
    out, store = reviewed
    _open(page, out)
    lf = store.logframe(1)
    found = anomalies(lf)
    shown = "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.dataset.rid)"
    every = page.locator(".tree .rec[data-rid]").evaluate_all(shown)
    assert len(every) == len(list(entries(lf)))
    kind = found[0].kind
    page.select_option("#flag-filter", kind)
    assert set(page.locator(".tree .rec[data-rid]").evaluate_all(shown)) == {a.rid for a in found if a.kind == kind}
    assert set(page.locator(".box").evaluate_all(shown)) <= {a.rid for a in found if a.kind == kind}
    page.select_option("#flag-filter", "")
    page.uncheck('input[data-level="indicator"]')
    assert not any(r.split("-")[-1].startswith("i") for r in page.locator(".tree .rec[data-rid]").evaluate_all(shown))
    assert page.locator(".box.t-indicator").evaluate_all(shown) == []
    page.check('input[data-level="indicator"]')
    page.fill("#conf-filter", "0.5")  # the placeholders only (0.5); no record of the sample is below
    assert set(page.locator(".tree .rec[data-rid]").evaluate_all(shown)) == {
        e.rid for e in entries(lf) if e.record.confidence <= 0.5}
    assert "of %d records shown" % len(every) in page.locator("#shown").inner_text()
    assert page.js_errors == []


def test_keys_move_from_record_to_record_and_flag_to_flag(reviewed, page):
    out, store = reviewed
    lf = store.logframe(1)
    _open(page, out)
    order = [e.rid for e in entries(lf) if e.kind != "pillar"]
    page.keyboard.press("j")
    first = page.locator(".tree .rec.hl").get_attribute("data-rid")
    page.keyboard.press("j")
    second = page.locator(".tree .rec.hl").get_attribute("data-rid")
    assert order.index(second) == order.index(first) + 1
    page.keyboard.press("k")
    assert page.locator(".tree .rec.hl").get_attribute("data-rid") == first
    page.keyboard.press("n")
    flagged = page.locator(".tree .rec.hl")
    assert flagged.get_attribute("data-flags")
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#help").is_visible() and page.locator(".hl").count() == 0
    page.keyboard.press("f")
    assert not page.locator("#flags").is_visible()
    assert page.js_errors == []


def test_clicking_a_flag_selects_its_record(reviewed, page):
    out, _ = reviewed
    _open(page, out)
    flag = page.locator("#flags .flag-rec[data-rid]").first
    rid = flag.get_attribute("data-rid")
    flag.click()
    assert "hl" in page.locator(f'.tree .rec[data-rid="{rid}"]').get_attribute("class").split()
    assert page.js_errors == []


def test_malicious_cell_text_does_not_run(tmp_path, page, pdfjs):
    db = str(tmp_path / "x.db")
    store = Store(db)
    doc_id = store.load(_malicious_logframe(SAMPLE)).document_id
    out = tmp_path / "x.html"
    result = runner.invoke(app, ["review", str(doc_id), "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    _open(page, out)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # hovering and clicking the records does not run anything either
    page.hover('.box[data-rid="g1-o1"]')
    page.click('.tree .rec[data-rid="g1-o1-a1"]')
    page.click('.box[data-rid="g1-o1-a1-i1"]')
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # shown as text, not markup: no image element at all (pages are drawn on canvases)
    assert page.locator("img").count() == 0
    assert SCRIPT in page.locator('.tree .rec[data-rid="g1-o1-a1"]').inner_text()
    assert IMG in page.locator('.tree .rec[data-rid="g1"]').inner_text()
    assert "sha256 differs" in page.locator("header").inner_text()
    assert page.js_errors == []


# ---- a real plan: the DRC adaptation plan --------------------------------------------


@pytest.fixture(scope="module")
def drc_review(tmp_path_factory) -> tuple[Path, Store]:
    if not DRC.is_file():
        pytest.skip(f"real documents not found at {CORPUS}")
    tmp = tmp_path_factory.mktemp("drc")
    store = Store(str(tmp / "naplog.db"))
    assert ingest_file(store, DRC).status == "loaded"
    out = tmp / "drc.html"
    result = runner.invoke(app, ["review", "1", "--db", str(tmp / "naplog.db"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, store


@pytest.mark.corpus
def test_drc_flags_worth_a_look_come_first(drc_review):
    _, store = drc_review
    lf = store.logframe(1)
    groups = flag_groups(lf, anomalies(lf))
    # no flag on a placeholder record: a plan without an output level is flagged on its goals
    placeholders = {e.rid for e in entries(lf) if e.placeholder}
    assert not any(a.rid in placeholders for g in groups for a in g.items)
    # outputs and goals without indicators are traits of this plan (its tables have no indicator
    # column), shown once, after the flags one by one
    traits = [g.kind for g in groups if g.trait]
    assert {"output_without_indicators", "goal_without_indicators"} <= set(traits)
    assert [g.trait for g in groups] == sorted(g.trait for g in groups)
    assert groups[0].kind == "text_cut" and not groups[0].trait
    # on the page and in the tree a trait is muted: the boxes of outputs flagged only for it are not dashed
    out, _ = drc_review
    text = out.read_text(encoding="utf-8")
    only_trait = [a.rid for a in anomalies(lf) if a.kind == "output_without_indicators"
                  and all(b.kind == a.kind for b in anomalies(lf) if b.rid == a.rid)]
    assert only_trait
    for rid in only_trait:
        assert re.search(rf'<div class="box t-output" data-rid="{rid}"', text), rid
        assert re.search(rf'data-rid="{rid}"[^>]*>.*?<span class="fl trait"', text), rid


@pytest.mark.corpus
def test_drc_review_in_chromium(drc_review, page, pdfjs):
    out, store = drc_review
    _open(page, out)
    _drawn(page)
    assert page.locator("#page-58 .printed").inner_text() == "printed page 56"
    first = page.locator("#flags details[open]").first
    assert "Text that looks cut" in first.locator("summary").inner_text()
    assert page.locator("#flags details.trait[open]").count() == 0  # traits folded
    # scrolling the pages brings the tree to the records of the page in view
    page.mouse.move(600, 600)
    for _ in range(6):
        page.mouse.wheel(0, 1200)
        page.wait_for_timeout(150)
    page.wait_for_timeout(300)
    current = page.locator(".page.current").get_attribute("data-page")
    top = page.evaluate("""() => { const t = document.querySelector('#tree').getBoundingClientRect().top + 40;
        return [...document.querySelectorAll('.tree .rec')].find(e => e.getBoundingClientRect().bottom > t).dataset.page; }""")
    assert current != "58" and abs(int(top) - int(current)) <= 1
    assert page.js_errors == []
