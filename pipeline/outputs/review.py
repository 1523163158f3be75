"""A self-contained HTML review of one extracted logframe.

``build_review_html(logframe, pdf_path)`` returns one HTML file that opens offline: each page that
holds records is drawn as an embedded image with every extracted cell outlined and coloured by
record type, next to the extracted tree; clicking a record highlights its box and the reverse.
``anomalies(logframe)`` lists what a reviewer should look at first (low confidence, an activity
without a lead institution, an output without indicators, text that looks cut or run together);
the review shows them at the top with counts.

Everything extracted from a PDF is untrusted text. Every value that reaches the HTML goes through
``html.escape``; records are tied to their boxes by ``data-rid`` attributes holding ids this module
makes (``g1-o2-a3``); the one ``<script>`` block is a constant that interpolates nothing, and a
Content-Security-Policy allows only that script (by its hash), so an injected ``<script>`` or
``onerror=`` handler could not run even if it slipped through.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import NaplogError
from pipeline.pdf.model import sha256_of
from pipeline.records import Activity, Goal, Indicator, Logframe, Output, Pillar
from pipeline.settings import output_settings

# Records below ``OutputSettings.low_confidence`` are flagged (placeholders for a level the plan
# does not have are 0.5 by design and are not flagged: they hold no extracted text). Page images
# are drawn at ``OutputSettings.review_dpi``: 100 dpi keeps 8-point text legible at about 30-60 kB
# a page (PNG of vector pages).

KINDS = ("pillar", "goal", "output", "activity", "indicator")
COLOURS = {
    "pillar": "#6b6b6b",
    "goal": "#1f6fb4",
    "output": "#238b3a",
    "activity": "#e07000",
    "indicator": "#8a3fb8",
}

ANOMALY_TITLES = {
    "low_confidence": "Low confidence",
    "activity_without_lead": "Activity without a lead institution",
    "output_without_indicators": "Output without indicators",
    "text_cut": "Text that looks cut",
    "text_run_together": "Text that looks run together",
    "box_covers_others": "Box that covers other records' boxes",
    "no_position": "Record without a box on the page",
}
ANOMALY_NOTES = {
    "activity_without_lead": "A lead institution stated on the activity, on its output or on its goal counts: "
                             "plans often name the lead once per row for several activities.",
    "output_without_indicators": "Indicators on the output or on any of its activities count (and on its goal "
                                 "when the plan has no output level).",
    "text_cut": "Ends with a hyphen, comma or a word such as \"and\"/\"of\"/\"de\", has an unclosed bracket, or "
                "starts in lower case: part of the text may be in the next or previous cell.",
    "text_run_together": "A missing space after a full stop, a lower-case word running into a capitalised one, "
                         "an over-long word, or a hierarchy code inside the text: two cells or rows may be joined.",
    "box_covers_others": "The box covers most of other records of the same type on its page: rows may be joined, "
                         "or the box merges parts of a row continued on another page.",
}


# ---- records and ids ------------------------------------------------------------------


@dataclass
class Entry:
    """One record with a position: what the tree and the page boxes show."""

    rid: str
    kind: str
    record: Pillar | Goal | Output | Activity | Indicator
    parents: list = field(default_factory=list)  # goal / output above, nearest last

    @property
    def code(self) -> str | None:
        return getattr(self.record, "code", None)

    @property
    def text(self) -> str | None:
        return getattr(self.record, "text", None)

    def label(self) -> str:
        r = self.record
        if self.kind == "pillar":
            return "Pillar" + (f" {r.code}" if r.code else "")
        name = getattr(r, "level_name", None) or self.kind.capitalize()
        return f"{name} {self.code}" if self.code else name


def entries(lf: Logframe) -> Iterator[Entry]:
    """Every record with provenance, in document order, with stable ids made from positions."""
    for p, pillar in enumerate(lf.pillars, 1):
        yield Entry(f"p{p}", "pillar", pillar)
    for gi, g in enumerate(lf.goals, 1):
        grid = f"g{gi}"
        yield Entry(grid, "goal", g)
        yield from _indicators(grid, g, [g])
        for oi, o in enumerate(g.outputs, 1):
            orid = f"{grid}-o{oi}"
            yield Entry(orid, "output", o, [g])
            yield from _indicators(orid, o, [g, o])
            for ai, a in enumerate(o.activities, 1):
                arid = f"{orid}-a{ai}"
                yield Entry(arid, "activity", a, [g, o])
                yield from _indicators(arid, a, [g, o, a])


def _indicators(rid: str, level, parents: list) -> Iterator[Entry]:  # noqa: ANN001
    for ii, ind in enumerate(level.indicators, 1):
        yield Entry(f"{rid}-i{ii}", "indicator", ind, parents)


# ---- anomalies ------------------------------------------------------------------------


@dataclass(frozen=True)
class Anomaly:
    kind: str  # a key of ANOMALY_TITLES
    rid: str  # the record's id in the review (data-rid)
    record_kind: str  # goal, output, activity, indicator, pillar
    page: int
    message: str

    @property
    def title(self) -> str:
        return ANOMALY_TITLES[self.kind]


_END_WORDS = set(
    # en
    "and or of the a an to for in on with by at from as into than"
    # fr
    " et ou de des du la le les à au aux en pour par avec sur dans"
    # es
    " y o del el los las para por con al e"
    # pt
    " do da dos das os as em no na nos nas com pelo pela".split()
)
_MISSING_SPACE = re.compile(r"[a-zà-ÿ]{2,}[.;][A-ZÀ-Þ][a-zà-ÿ]")
_CAMEL_JOIN = re.compile(r"[a-zà-ÿ]{3,}[A-ZÀ-Þ][a-zà-ÿ]{2,}")
_LONG_WORD = re.compile(r"[^\W\d_]{28,}")
_INNER_CODE = re.compile(r"\S\s+\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+[A-ZÀ-Þ]")


def text_problems(text: str | None, kind: str) -> list[tuple[str, str]]:
    """(anomaly kind, reason) pairs for a text that looks cut or run together."""
    if not text:
        return []
    t = text.strip()
    found: list[tuple[str, str]] = []
    cut: list[str] = []
    last = t.split()[-1].lower() if t.split() else ""
    if t.endswith(("-", ",")):
        cut.append(f"ends with {t[-1]!r}")
    elif last in _END_WORDS:
        cut.append(f"ends with {last!r}")
    if t.count("(") > t.count(")") or t.count("[") > t.count("]"):
        cut.append("has an unclosed bracket")
    if kind in ("goal", "output", "activity") and t[0].islower():
        cut.append("starts in lower case")
    if len(t) < 3:
        cut.append("is shorter than 3 characters")
    if cut:
        found.append(("text_cut", "; ".join(cut)))
    joined: list[str] = []
    if m := _MISSING_SPACE.search(t):
        joined.append(f"no space after a full stop in {m.group(0)!r}")
    if m := _CAMEL_JOIN.search(t):
        joined.append(f"words run together in {m.group(0)!r}")
    if m := _LONG_WORD.search(t):
        joined.append(f"over-long word {m.group(0)[:40]!r}")
    if m := _INNER_CODE.search(t):
        joined.append(f"a hierarchy code inside the text ({m.group(0).strip()!r})")
    if joined:
        found.append(("text_run_together", "; ".join(joined)))
    return found


def _has_lead(*levels) -> bool:  # noqa: ANN002
    return any(i.role == "lead" for lv in levels if lv is not None for i in lv.institutions)


def anomalies(lf: Logframe) -> list[Anomaly]:
    """What a reviewer should check first, in document order."""
    found: list[Anomaly] = []
    all_entries = list(entries(lf))
    for e in all_entries:
        r = e.record
        placeholder = e.kind in ("goal", "output") and r.text is None

        def add(kind: str, message: str) -> None:
            found.append(Anomaly(kind, e.rid, e.kind, r.page, message))

        if not placeholder and r.confidence < output_settings().low_confidence:
            add("low_confidence", f"confidence {r.confidence:.2f} ({r.method})")
        if not placeholder and r.bbox is None:
            add("no_position", "the record has no bbox, so it cannot be outlined on the page")
        if e.kind == "activity":
            goal, output = e.parents
            if not _has_lead(r, output, goal):
                partners = [i.name for i in [*r.institutions, *output.institutions, *goal.institutions]]
                add("activity_without_lead",
                    "no lead institution on the activity, its output or its goal"
                    + (f" (partners only: {', '.join(partners)})" if partners else ""))
        if e.kind == "output":
            goal = e.parents[0]
            has = r.indicators or any(a.indicators for a in r.activities)
            if placeholder and not (has or goal.indicators):
                add("output_without_indicators", "no indicator under this goal (the plan has no output level)")
            elif not placeholder and not has:
                add("output_without_indicators", "no indicator on the output or on any of its activities")
        text = r.name if e.kind == "pillar" else r.text
        for kind, reason in text_problems(text, e.kind):
            add(kind, reason)
        covered = _covered(e, all_entries)
        if covered:
            add("box_covers_others", f"its box covers {len(covered)} other {e.kind} box(es) on page {r.page} "
                                     f"({', '.join(_name(c) for c in covered[:4])}{', …' if len(covered) > 4 else ''})")
    return found


def _name(e: Entry) -> str:
    return e.label() if e.code else f"{e.label()} “{_short(e.text, 30)}”"


def _area(b: tuple[float, float, float, float]) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _covered(e: Entry, all_entries: list[Entry]) -> list[Entry]:
    """Other records of the same type on the same page whose box lies mostly inside this larger box."""
    a = e.record.bbox
    if a is None:
        return []
    out = []
    for o in all_entries:
        b = o.record.bbox
        if o is e or o.kind != e.kind or o.record.page != e.record.page or b is None:
            continue
        inter = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
        if inter[0] < inter[2] and inter[1] < inter[3] and _area(a) > 1.2 * _area(b) \
                and _area(inter) >= 0.5 * _area(b):
            out.append(o)
    return out


# ---- page images ----------------------------------------------------------------------


@dataclass
class PageImage:
    number: int
    width: float  # points, as pdfplumber reports the page (after /Rotate)
    height: float
    data_uri: str
    pixel_width: int


def render_pages(pdf_path: Path, pages: set[int], resolution: int | None = None) -> tuple[dict[int, PageImage], list[str]]:
    """Images of the given 1-based pages, and notes about pages that could not be drawn."""
    # Deferred: pdfplumber (and its page rendering) is imported only when there are pages to draw.
    from pipeline.pdf.pdfplumber_reader import open_pdf

    images: dict[int, PageImage] = {}
    notes: list[str] = []
    pdf = open_pdf(pdf_path)
    try:
        count = len(pdf.pages)
        for number in sorted(pages):
            if number > count:
                notes.append(f"page {number} is beyond the PDF's {count} pages")
                continue
            page = pdf.pages[number - 1]
            try:
                im = page.to_image(resolution=resolution or output_settings().review_dpi).original.convert("RGB")
                images[number] = PageImage(number, float(page.width), float(page.height),
                                           _data_uri(im), im.size[0])
            except Exception as exc:  # noqa: BLE001 - a page that cannot be drawn must not stop the review
                notes.append(f"page {number} could not be drawn ({type(exc).__name__}: {exc})")
            finally:
                page.close()
    finally:
        pdf.close()
    return images, notes


def _data_uri(im) -> str:  # noqa: ANN001 - a PIL image
    """PNG for vector pages (small), JPEG when smaller (scans)."""
    png, jpeg = io.BytesIO(), io.BytesIO()
    im.save(png, "PNG", optimize=True)
    im.save(jpeg, "JPEG", quality=80)
    mime, data = ("image/png", png.getvalue()) if png.tell() <= jpeg.tell() else ("image/jpeg", jpeg.getvalue())
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


# ---- HTML -----------------------------------------------------------------------------


def esc(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def _short(text: str | None, n: int = 300) -> str:
    if not text:
        return ""
    return text if len(text) <= n else text[: n - 1] + "…"


_SCRIPT = r"""
(function () {
  "use strict";
  function withRid(rid) {
    return Array.prototype.filter.call(document.querySelectorAll("[data-rid]"), function (el) {
      return el.getAttribute("data-rid") === rid;
    });
  }
  function select(rid, from) {
    Array.prototype.forEach.call(document.querySelectorAll(".hl"), function (el) { el.classList.remove("hl"); });
    var status = document.getElementById("selection");
    if (!rid) { status.textContent = "Click a record in the tree or a box on a page."; return; }
    var els = withRid(rid), box = null, item = null;
    els.forEach(function (el) {
      el.classList.add("hl");
      if (el.classList.contains("box") && !box) { box = el; }
      if (el.closest(".tree") && !item) { item = el; }
    });
    status.textContent = item ? item.textContent.replace(/\s+/g, " ").trim() : "";
    if (box && from !== "box") { box.scrollIntoView({block: "center", inline: "nearest"}); }
    if (item && from !== "tree") { item.scrollIntoView({block: "nearest", inline: "nearest"}); }
    if (!box && from !== "flag") { status.textContent += " (no box on a page image)"; }
  }
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest("[data-rid]");
    if (!el) { return; }
    ev.preventDefault();
    select(el.getAttribute("data-rid"),
           el.classList.contains("box") ? "box" : (el.closest(".tree") ? "tree" : "flag"));
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { select(null); return; }
    var el = ev.target.closest && ev.target.closest("[data-rid]");
    if (el && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); el.click(); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("input[data-kind]"), function (input) {
    input.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + input.getAttribute("data-kind"), !input.checked);
    });
  });
})();
"""


def _css() -> str:
    kinds = "\n".join(
        f".t-{k} {{ --c: {c}; }}\nbody.hide-{k} .box.t-{k} {{ display: none; }}" for k, c in COLOURS.items()
    )
    return """
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; }
header, #flags { padding: 10px 16px; border-bottom: 1px solid #ddd; }
h1 { font-size: 18px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 8px 0; }
.meta { color: #555; }
.legend label { margin-right: 12px; white-space: nowrap; cursor: pointer; }
.swatch { display: inline-block; width: 12px; height: 12px; border: 2px solid var(--c);
          background: color-mix(in srgb, var(--c) 20%, transparent); vertical-align: -1px; }
#selection { margin-top: 6px; padding: 4px 8px; background: #fffbe0; border: 1px solid #e8dc8a;
             min-height: 1.6em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.warn { background: #fff0f0; border: 1px solid #e3a0a0; padding: 6px 10px; margin: 6px 0; }
table.counts { border-collapse: collapse; margin: 4px 0 8px; }
table.counts td, table.counts th { border: 1px solid #ddd; padding: 2px 8px; text-align: left; }
table.counts td.n { text-align: right; font-variant-numeric: tabular-nums; }
#flags details { margin: 4px 0; } #flags summary { cursor: pointer; font-weight: 600; }
#flags ul { margin: 4px 0 4px 8px; padding-left: 16px; max-height: 220px; overflow: auto; }
#flags .note { color: #555; margin: 2px 0 4px 16px; }
#flags li .rec { cursor: pointer; color: #0645ad; text-decoration: underline; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(300px, 2fr); height: 100vh; }
.pages { overflow: auto; padding: 8px 16px; background: #eceff1; }
.page { margin: 0 0 20px; }
.sheet { position: relative; width: 100%; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
.sheet img { display: block; width: 100%; height: auto; }
.box { position: absolute; border: 1.5px solid var(--c); background: color-mix(in srgb, var(--c) 8%, transparent);
       cursor: pointer; }
.box:hover { background: color-mix(in srgb, var(--c) 22%, transparent); }
.box.flagged { border-style: dashed; border-width: 2px; }
.box.hl { z-index: 1000; background: color-mix(in srgb, #ffd400 40%, transparent);
          outline: 3px solid #ffd400; box-shadow: 0 0 0 5px #000; }
.tree { overflow: auto; padding: 8px 12px; border-left: 1px solid #ccc; }
.tree ul { list-style: none; margin: 0; padding-left: 14px; }
.tree > ul { padding-left: 0; }
.tree li { margin: 2px 0; }
.rec { border-left: 4px solid var(--c); padding: 2px 6px; border-radius: 2px; cursor: pointer; }
.tree .rec:hover { background: color-mix(in srgb, var(--c) 12%, transparent); }
.rec.hl { background: #ffe866 !important; outline: 2px solid #000; }
.rec .k { font-weight: 600; color: var(--c); }
.rec .pg { color: #777; font-size: 12px; }
.rec .fl { color: #c00; font-weight: 700; }
.rec.placeholder { color: #777; font-style: italic; }
.attrs { color: #444; font-size: 12.5px; padding: 0 6px 0 10px; }
""" + kinds


def build_review_html(lf: Logframe, pdf_path: Path | str | None, *, resolution: int | None = None) -> str:
    """One self-contained HTML page reviewing ``lf`` against the PDF at ``pdf_path``.

    When the PDF is missing or unreadable the tree and flags are still written, with a message
    saying the page images are unavailable.
    """
    all_entries = list(entries(lf))
    found = anomalies(lf)
    by_rid: dict[str, list[Anomaly]] = {}
    for a in found:
        by_rid.setdefault(a.rid, []).append(a)

    pages = {e.record.page for e in all_entries}
    images: dict[int, PageImage] = {}
    warnings: list[str] = []
    path = Path(pdf_path) if pdf_path else None
    if path is None:
        warnings.append("Page images are unavailable: no PDF was given. The tree and flags below are complete.")
    elif not path.is_file():
        warnings.append(f"Page images are unavailable: the PDF {path} was not found. "
                        "The tree and flags below are complete.")
    else:
        try:
            if sha256_of(path) != lf.document.sha256:
                warnings.append(f"The PDF {path} is not the file that was extracted (its sha256 differs): "
                                "boxes may not match the page images.")
            images, notes = render_pages(path, pages, resolution)
            warnings.extend(f"Page image unavailable: {n}." for n in notes)
        except (NaplogError, OSError) as exc:
            warnings.append(f"Page images are unavailable: {exc}. The tree and flags below are complete.")

    doc = lf.document
    name = Path(doc.source_path).name
    period = f"{doc.plan_period.start}–{doc.plan_period.end}" if doc.plan_period else "period unknown"
    counts = lf.counts()
    script_hash = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'"

    parts: list[str] = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>naplog review – {esc(name)}</title>\n<style>{_css()}</style>\n</head>\n<body>\n",
        "<header>\n",
        f"<h1>Review of {esc(name)}</h1>\n",
        f'<div class="meta">document id {esc(doc.id)} · {esc(doc.kind)} · {esc(doc.country or "country unknown")}'
        f" · {esc(doc.language or 'language unknown')} · {esc(period)} · {esc(doc.pages)} pages"
        f" · extractor {esc(doc.extractor_version)} · source {esc(doc.source_path)}</div>\n",
        '<div class="meta">' + " · ".join(f"{esc(v)} {esc(k)}" for k, v in counts.items()) + "</div>\n",
        '<div class="legend">Boxes: '
        + "".join(
            f'<label class="t-{k}"><input type="checkbox" checked data-kind="{k}"> '
            f'<span class="swatch"></span> {k}</label>'
            for k in KINDS
        )
        + " <span class=\"meta\">(dashed: flagged)</span></div>\n",
        '<div id="selection">Click a record in the tree or a box on a page.</div>\n',
        "".join(f'<div class="warn">{esc(w)}</div>\n' for w in warnings),
        "</header>\n",
        _flags_html(found, {e.rid: e for e in all_entries}),
        "<main>\n",
        _pages_html(all_entries, images, by_rid, pages, warnings),
        _tree_html(lf, all_entries, by_rid),
        "</main>\n",
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _flags_html(found: list[Anomaly], by_rid: dict[str, Entry]) -> str:
    out = ['<section id="flags">\n', f"<h2>Flags: {len(found)}</h2>\n"]
    grouped: dict[str, list[Anomaly]] = {k: [] for k in ANOMALY_TITLES}
    for a in found:
        grouped[a.kind].append(a)
    out.append('<table class="counts"><tr><th>flag</th><th>records</th></tr>')
    for kind, title in ANOMALY_TITLES.items():
        out.append(f'<tr data-flag="{esc(kind)}"><td>{esc(title)}</td><td class="n">{len(grouped[kind])}</td></tr>')
    out.append("</table>\n")
    for kind, items in grouped.items():
        if not items:
            continue
        out.append(f'<details open data-flag="{esc(kind)}"><summary>{esc(ANOMALY_TITLES[kind])} '
                   f"({len(items)})</summary>\n")
        if kind in ANOMALY_NOTES:
            out.append(f'<div class="note">{esc(ANOMALY_NOTES[kind])}</div>\n')
        out.append("<ul>\n")
        for a in items:
            e = by_rid[a.rid]
            out.append(
                f'<li><span class="rec t-{esc(e.kind)}" data-rid="{esc(a.rid)}" tabindex="0">'
                f"{esc(e.label())}</span> p{esc(a.page)}: {esc(_short(e.text or getattr(e.record, 'name', ''), 120))}"
                f' <span class="meta">— {esc(a.message)}</span></li>\n'
            )
        out.append("</ul></details>\n")
    out.append("</section>\n")
    return "".join(out)


def _pages_html(all_entries: list[Entry], images: dict[int, PageImage], by_rid: dict[str, list[Anomaly]],
                pages: set[int], warnings: list[str]) -> str:
    out = ['<div class="pages">\n']
    if not images:
        out.append('<p class="warn">Page images are unavailable'
                   + (": see the message above." if warnings else ".") + "</p>\n")
    for number in sorted(pages):
        img = images.get(number)
        if img is None:
            continue
        on_page = [e for e in all_entries if e.record.page == number and e.record.bbox is not None]
        # Larger boxes first so smaller ones (drawn later) stay clickable on top.
        on_page.sort(key=lambda e: -(e.record.bbox[2] - e.record.bbox[0]) * (e.record.bbox[3] - e.record.bbox[1]))
        out.append(f'<section class="page" id="page-{number}" data-page="{number}">'
                   f"<h2>Page {number}</h2>\n"
                   f'<div class="sheet" style="max-width:{img.pixel_width}px">'
                   f'<img src="{img.data_uri}" alt="page {number}" width="{img.pixel_width}">\n')
        for e in on_page:
            x0, top, x1, bottom = e.record.bbox
            left, width = 100 * x0 / img.width, 100 * (x1 - x0) / img.width
            top_p, height = 100 * top / img.height, 100 * (bottom - top) / img.height
            flagged = " flagged" if e.rid in by_rid else ""
            tip = f"{e.label()}: {_short(e.text or getattr(e.record, 'name', ''), 200)}"
            out.append(
                f'<div class="box t-{e.kind}{flagged}" data-rid="{esc(e.rid)}" title="{esc(tip)}" '
                f'style="left:{left:.3f}%;top:{top_p:.3f}%;width:{width:.3f}%;height:{height:.3f}%"></div>\n'
            )
        out.append("</div></section>\n")
    out.append("</div>\n")
    return "".join(out)


def _rec_html(e: Entry, by_rid: dict[str, list[Anomaly]], placeholder_text: str | None = None) -> str:
    r = e.record
    flags = by_rid.get(e.rid, [])
    cls = f"rec t-{e.kind}" + (" placeholder" if placeholder_text else "") + (" flagged" if flags else "")
    flag = ""
    if flags:
        reasons = "; ".join(f"{a.title}: {a.message}" for a in flags)
        flag = f' <span class="fl" title="{esc(reasons)}">⚑</span>'
    text = placeholder_text or (r.name if e.kind == "pillar" else r.text) or ""
    nobox = "" if r.bbox is not None else " · no box"
    return (f'<div class="{cls}" data-rid="{esc(e.rid)}" tabindex="0"><span class="k">{esc(e.label())}</span> '
            f'{esc(text)} <span class="pg">p{esc(r.page)}{nobox}</span>{flag}</div>')


def _institutions_html(level) -> str:  # noqa: ANN001
    if not level.institutions:
        return ""
    bits = []
    for role, title in (("lead", "Lead"), ("partner", "Partners")):
        names = [i.name + (f" ({i.canonical_name})" if i.canonical_name and i.canonical_name != i.name else "")
                 for i in level.institutions if i.role == role]
        if names:
            bits.append(f"{title}: " + ", ".join(names))
    return f'<div class="attrs">{esc(" · ".join(bits))}</div>'


def _tree_html(lf: Logframe, all_entries: list[Entry], by_rid: dict[str, list[Anomaly]]) -> str:
    entry_of = {id(e.record): e for e in all_entries}
    pillars = {p.text: entry_of[id(p)] for p in lf.pillars}
    shown_pillars: set[str] = set()
    out = ['<aside class="tree"><h2>Extracted tree</h2>\n<ul>\n']

    def indicators(level) -> None:  # noqa: ANN001
        if level.indicators:
            out.append("<ul>")
            for ind in level.indicators:
                e = entry_of[id(ind)]
                extra = [f"{k} {v}" for k, v in (("unit", ind.unit), ("baseline", ind.baseline),
                                                  ("target", ind.target)) if v]
                out.append("<li>" + _rec_html(e, by_rid)
                           + (f'<div class="attrs">{esc(" · ".join(extra))}</div>' if extra else "") + "</li>")
            out.append("</ul>")

    last_pillar: str | None = None
    for g in lf.goals:
        if g.pillar and g.pillar != last_pillar:
            if g.pillar in pillars:
                out.append("<li>" + _rec_html(pillars[g.pillar], by_rid) + "</li>\n")
                shown_pillars.add(g.pillar)
            else:
                out.append(f'<li><div class="attrs"><b>Pillar</b> {esc(g.pillar)}</div></li>\n')
        last_pillar = g.pillar
        ge = entry_of[id(g)]
        out.append("<li>" + _rec_html(ge, by_rid, None if g.text else "(the plan has no goal level here)"))
        out.append(_institutions_html(g))
        indicators(g)
        out.append("<ul>\n")
        for o in g.outputs:
            oe = entry_of[id(o)]
            out.append("<li>" + _rec_html(oe, by_rid, None if o.text else "(the plan has no output level here)"))
            out.append(_institutions_html(o))
            indicators(o)
            out.append("<ul>\n")
            for a in o.activities:
                ae = entry_of[id(a)]
                bits = []
                if a.years:
                    bits.append("years " + ", ".join(map(str, a.years)))
                if a.quarters:
                    bits.append("quarters " + ", ".join(a.quarters))
                if a.timeline:
                    bits.append(f"timeline {a.timeline}")
                if a.budget:
                    bits.append(f"budget {a.budget.as_written}")
                out.append("<li>" + _rec_html(ae, by_rid))
                if bits:
                    out.append(f'<div class="attrs">{esc(" · ".join(bits))}</div>')
                out.append(_institutions_html(a))
                indicators(a)
                out.append("</li>\n")
            out.append("</ul></li>\n")
        out.append("</ul></li>\n")
    for text, e in pillars.items():
        if text not in shown_pillars:
            out.append("<li>" + _rec_html(e, by_rid) + "</li>\n")
    if not lf.goals:
        out.append('<li class="meta">No logframe was extracted from this document.</li>\n')
    out.append("</ul></aside>\n")
    return "".join(out)
