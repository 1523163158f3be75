"""A self-contained HTML review of one extracted logframe.

``build_review_html(logframe, pdf_path, record_keys=...)`` returns one HTML file that opens offline:
the pages that hold records, each with every extracted record outlined and coloured by type, beside
the extracted tree and the flags (``pipeline.outputs.review_flags``: likely extraction errors first,
a flag most records share shown once as a trait of the document). Each record shows its record key
(the corrections workbook's), its confidence and its page, with the page number printed on it.

Pages are drawn by PDF.js (vendored at install time, ``make pdfjs``; see the Makefile) from a copy of
the PDF holding only those pages, embedded in the file: sharp at any zoom. Without PDF.js the pages
are embedded as images (``OutputSettings.review_dpi``). The page's script (``review_assets/review.js``)
keeps the tree and the pages in step as either scrolls, filters records by level, flag and
confidence, zooms, and moves from record to record and flag to flag with the keyboard.

Everything extracted from a PDF is untrusted text. Every value that reaches the HTML goes through
``html.escape``; records are tied to their boxes by ``data-rid`` attributes holding ids this module
makes (``g1-o2-a3``); the scripts are constants (the review's, PDF.js's) that interpolate nothing,
and a Content-Security-Policy allows only those scripts (by their hashes), so an injected
``<script>`` or ``onerror=`` handler could not run even if it slipped through.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.errors import NaplogError
from pipeline.outputs.csp import csp_meta
from pipeline.outputs.review_flags import (
    ANOMALY_NOTES,
    ANOMALY_TITLES,
    KINDS,
    Anomaly,
    Entry,
    FlagGroup,
    anomalies,
    entries,
    flag_groups,
    short,
    text_problems,
)
from pipeline.pdf.model import sha256_of
from pipeline.pdf.pages import open_pdf, page_sizes, page_subset, printed_page_numbers
from pipeline.records import Logframe
from pipeline.settings import output_settings

__all__ = ["anomalies", "build_review_html", "entries", "text_problems", "pdfjs_available", "Anomaly"]

ASSETS = Path(__file__).parent / "review_assets"
PDFJS = Path(__file__).parent / "vendor" / "pdfjs"
COLOURS = {
    "pillar": "#6b6b6b",
    "goal": "#1f6fb4",
    "output": "#238b3a",
    "activity": "#e07000",
    "indicator": "#8a3fb8",
}
KEYS_HELP = [
    ("j / k", "next / previous record (as the filters show them)"),
    ("n / p", "next / previous flagged record"),
    ("+ / − / 0", "zoom in / out / fit the pages to the width"),
    ("f", "show or hide the flags"),
    ("s", "keep the tree and the pages in step, or not"),
    ("Enter", "select the record in focus (Tab moves the focus)"),
    ("Esc", "clear the selection, close this help"),
    ("?", "this help"),
]


# ---- the scripts -----------------------------------------------------------------------


@dataclass(frozen=True)
class Script:
    code: str
    kind: str = "module"

    @property
    def hash(self) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(self.code.encode("utf-8")).digest()).decode("ascii")

    def html(self) -> str:
        return f'<script type="{self.kind}">{self.code}</script>\n'


@cache
def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


@cache
def _pdfjs() -> tuple[Script, Script] | None:
    """PDF.js's worker and library as module scripts, when vendored. The worker runs on the page's
    own thread (it sets ``globalThis.pdfjsWorker``): a module worker cannot start from a file://
    page, and the pages a review holds are few."""
    try:
        worker = (PDFJS / "pdf.worker.min.mjs").read_text(encoding="utf-8")
        lib = (PDFJS / "pdf.min.mjs").read_text(encoding="utf-8")
    except OSError:
        return None
    if "</script" in worker.lower() or "</script" in lib.lower():
        return None  # cannot be inlined as it is; no release so far contains it
    return Script(worker), Script(lib)


def pdfjs_available() -> bool:
    """PDF.js is installed beside naplog (``make pdfjs``)."""
    return _pdfjs() is not None


# ---- the pages ---------------------------------------------------------------------------


@dataclass
class Pages:
    """What the review knows of the pages that hold records."""

    sizes: dict[int, tuple[float, float]]  # points, as shown (after /Rotate)
    printed: dict[int, str]  # the page number printed on the page
    pdf_base64: str | None = None  # the pages as one PDF, drawn by PDF.js
    images: dict[int, tuple[str, int]] | None = None  # else: data URI and pixel width per page

    def index(self, number: int) -> int:
        """The page's place in the embedded PDF (0-based)."""
        return sorted(self.sizes).index(number)


def _read_pages(path: Path, wanted: set[int], use_pdfjs: bool, resolution: int | None,
                warnings: list[str]) -> Pages:
    doc = open_pdf(path)
    try:
        sizes = page_sizes(doc, wanted)
        warnings.extend(f"Page {n} is beyond the PDF's {len(doc)} pages." for n in sorted(wanted - set(sizes)))
        pages = Pages(sizes, printed_page_numbers(doc, sizes))
        if use_pdfjs:
            pages.pdf_base64 = base64.b64encode(page_subset(doc, sizes)).decode("ascii")
    finally:
        doc.close()
    if not use_pdfjs:
        pages.images, notes = render_pages(path, set(sizes), resolution)
        warnings.extend(f"Page image unavailable: {n}." for n in notes)
    return pages


def render_pages(pdf_path: Path, pages: set[int], resolution: int | None = None) -> tuple[dict[int, tuple[str, int]], list[str]]:
    """Images of the given 1-based pages (data URI, pixel width), and notes about pages not drawn."""
    # Deferred: pdfplumber (and its page rendering) is imported only when there are pages to draw.
    from pipeline.pdf.pdfplumber_reader import open_pdf as open_plumber

    images: dict[int, tuple[str, int]] = {}
    notes: list[str] = []
    with open_plumber(pdf_path) as pdf:
        for number in sorted(pages):
            page = pdf.pages[number - 1]
            try:
                im = page.to_image(resolution=resolution or output_settings().review_dpi).original.convert("RGB")
                images[number] = (_data_uri(im), im.size[0])
            except Exception as exc:  # noqa: BLE001 - a page that cannot be drawn must not stop the review
                notes.append(f"page {number} could not be drawn ({type(exc).__name__}: {exc})")
            finally:
                page.close()
    return images, notes


def _data_uri(im) -> str:  # noqa: ANN001 - a PIL image
    """PNG for vector pages (small), JPEG when smaller (scans)."""
    png, jpeg = io.BytesIO(), io.BytesIO()
    im.save(png, "PNG", optimize=True)
    im.save(jpeg, "JPEG", quality=80)
    mime, data = ("image/png", png.getvalue()) if png.tell() <= jpeg.tell() else ("image/jpeg", jpeg.getvalue())
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _pages_for(lf: Logframe, path: Path | None, wanted: set[int], use_pdfjs: bool,
               resolution: int | None) -> tuple[Pages | None, list[str]]:
    warnings: list[str] = []
    if path is None:
        return None, ["Page images are unavailable: no PDF was given. The tree and flags below are complete."]
    if not path.is_file():
        return None, [f"Page images are unavailable: the PDF {path} was not found. "
                      "The tree and flags below are complete."]
    try:
        if sha256_of(path) != lf.document.sha256:
            warnings.append(f"The PDF {path} is not the file that was extracted (its sha256 differs): "
                            "boxes may not match the pages.")
        return _read_pages(path, wanted, use_pdfjs, resolution, warnings), warnings
    except (NaplogError, OSError) as exc:
        warnings.append(f"Page images are unavailable: {exc}. The tree and flags below are complete.")
        return None, warnings


# ---- HTML -----------------------------------------------------------------------------


def esc(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def _css() -> str:
    kinds = "\n".join(
        f".t-{k} {{ --c: {c}; }}\nbody.hide-{k} .t-{k}[data-kind] {{ display: none; }}" for k, c in COLOURS.items()
    )
    return _asset("review.css") + kinds


@dataclass
class View:
    """Everything the HTML pieces share."""

    lf: Logframe
    entries: list[Entry]
    flags: dict[str, list[Anomaly]]  # by record id
    keys: dict[str, str]
    pages: Pages | None
    traits: set[str]  # flag kinds shown once as traits of the document: muted on each record

    def notable(self, rid: str) -> list[Anomaly]:
        return [a for a in self.flags.get(rid, []) if a.kind not in self.traits]

    def page_label(self, number: int) -> str:
        printed = self.pages.printed.get(number) if self.pages else None
        return f"p{number}" + (f" (printed {printed})" if printed else "")


def build_review_html(lf: Logframe, pdf_path: Path | str | None, *, resolution: int | None = None,
                      record_keys: dict[str, str] | None = None, use_pdfjs: bool | None = None) -> str:
    """One self-contained HTML page reviewing ``lf`` against the PDF at ``pdf_path``.

    ``record_keys`` maps record ids (``g1-o2-a3``) to the store's record keys
    (``Store.record_keys``). When the PDF is missing or unreadable the tree and flags are still
    written, with a message saying the pages are unavailable. ``use_pdfjs`` chooses how pages are
    drawn (default: with PDF.js when it is installed)."""
    all_entries = list(entries(lf))
    found = anomalies(lf)
    by_rid: dict[str, list[Anomaly]] = {}
    for a in found:
        by_rid.setdefault(a.rid, []).append(a)
    pdfjs = _pdfjs() if use_pdfjs is not False else None
    if use_pdfjs and pdfjs is None:
        raise NaplogError("PDF.js is not installed beside naplog (run `make pdfjs`)")
    path = Path(pdf_path) if pdf_path else None
    pages, warnings = _pages_for(lf, path, {e.record.page for e in all_entries}, pdfjs is not None, resolution)
    groups = flag_groups(lf, found)
    view = View(lf, all_entries, by_rid, record_keys or {}, pages, {g.kind for g in groups if g.trait})

    app = Script(_asset("review.js"))
    scripts = ([*pdfjs, app] if pdfjs and pages and pages.pdf_base64 else [app])
    csp_hashes = [s.hash for s in scripts]
    name = Path(lf.document.source_path).name
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        csp_meta(csp_hashes) + "\n",
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>naplog review – {esc(name)}</title>\n<style>{_css()}</style>\n</head>\n<body>\n",
        _header_html(view, found, warnings),
        "<main>\n", _flags_html(view, groups), _pages_html(view, warnings), _tree_html(view),
        "</main>\n", _help_html(),
        (f'<script type="text/plain" id="pdf-data">{pages.pdf_base64}</script>\n'
         if pages and pages.pdf_base64 and pdfjs else ""),
        "".join(s.html() for s in scripts),
        "</body>\n</html>\n",
    ])


def _header_html(view: View, found: list[Anomaly], warnings: list[str]) -> str:
    doc = view.lf.document
    period = f"{doc.plan_period.start}–{doc.plan_period.end}" if doc.plan_period else "period unknown"
    flag_options = "".join(
        f'<option value="{esc(k)}">{esc(t)} ({sum(a.kind == k for a in found)})</option>'
        for k, t in ANOMALY_TITLES.items() if any(a.kind == k for a in found))
    levels = "".join(
        f'<label class="t-{k}"><input type="checkbox" checked data-level="{k}"> <span class="swatch"></span> {k}</label>'
        for k in KINDS)
    return "".join([
        "<header>\n",
        f'<h1>Review of {esc(Path(doc.source_path).name)} <span class="kind" title="document kind as stored">'
        f"{esc(doc.kind)}</span></h1>\n",
        f'<div class="meta">{esc(doc.country or "country unknown")} · {esc(doc.language or "language unknown")}'
        f" · {esc(period)} · {esc(doc.pages)} pages · document id {esc(doc.id)} · extractor"
        f" {esc(doc.extractor_version)} · " + " · ".join(f"{esc(v)} {esc(k)}" for k, v in view.lf.counts().items())
        + "</div>\n",
        '<div class="toolbar">',
        f'<span class="levels">Levels: {levels}</span>',
        '<label>Flags <select id="flag-filter"><option value="">all records</option>'
        f'<option value="*">flagged records ({len(view.flags)})</option>{flag_options}</select></label>',
        '<label>Confidence ≤ <input type="range" id="conf-filter" min="0" max="1" step="0.05" value="1">'
        ' <output id="conf-value">1.00</output></label>',
        '<span id="shown" class="meta"></span>',
        '<span class="zoom"><button type="button" data-zoom="out" title="zoom out (−)">−</button>'
        '<output id="zoom-value">100%</output><button type="button" data-zoom="in" title="zoom in (+)">+</button>'
        '<button type="button" data-zoom="fit" title="fit the width (0)">fit width</button></span>',
        '<label title="s"><input type="checkbox" id="sync" checked> tree and pages in step</label>',
        '<button type="button" id="toggle-flags" title="f">flags</button>',
        '<button type="button" id="help-button" title="?">keys</button>',
        "</div>\n",
        '<div id="selection"><span id="sel-text">Click a record in the tree, a box on a page or a flag '
        '(or press j).</span> <code id="sel-key"></code></div>\n',
        "".join(f'<div class="warn">{esc(w)}</div>\n' for w in warnings),
        "</header>\n",
    ])


def _flag_item(view: View, a: Anomaly, by_rid: dict[str, Entry]) -> str:
    e = by_rid[a.rid]
    key = view.keys.get(a.rid)
    return (f'<li><span class="flag-rec t-{esc(e.kind)}" data-rid="{esc(a.rid)}" tabindex="0">'
            f"{esc(e.label())}</span> <span class=\"pg\">{esc(view.page_label(a.page))}</span>"
            + (f' <code class="key">{esc(key)}</code>' if key else "")
            + f'<div class="why">{esc(short(e.text, 110))} <span class="meta">— {esc(a.message)}</span></div></li>\n')


def _flag_group_html(view: View, g: FlagGroup, by_rid: dict[str, Entry]) -> str:
    share = f"{len(g.items)} of {g.applies_to} {g.noun}"
    head = (f'<details class="flag-group{" trait" if g.trait else ""}" data-flag="{esc(g.kind)}"'
            f'{"" if g.trait else " open"}><summary>{esc(g.title)} <span class="n">{len(g.items)}</span>'
            + (f' <span class="meta">({esc(share)})</span>' if g.trait else "") + "</summary>\n")
    note = ANOMALY_NOTES.get(g.kind, "")
    if g.trait:
        note = (f"{share}: a trait of this document or of how its tables were read rather than of one "
                f"record; check one or two. {note}")
    return (head + (f'<div class="note">{esc(note)}</div>\n' if note else "") + "<ul>\n"
            + "".join(_flag_item(view, a, by_rid) for a in g.items) + "</ul></details>\n")


def _flags_html(view: View, groups: list[FlagGroup]) -> str:
    by_rid = {e.rid: e for e in view.entries}
    single = [g for g in groups if not g.trait]
    traits = [g for g in groups if g.trait]
    total = sum(len(g.items) for g in groups)
    out = ['<aside id="flags">\n', f'<h2>Flags: {total} <span class="meta">on {len(view.flags)} records</span></h2>\n']
    if not groups:
        out.append('<p class="meta">Nothing flagged.</p>\n')
    if single:
        out.append('<p class="meta">Likely extraction errors first, then gaps; each in page order.</p>\n')
        out.extend(_flag_group_html(view, g, by_rid) for g in single)
    if traits:
        out.append('<h3>Across the document</h3>\n')
        out.extend(_flag_group_html(view, g, by_rid) for g in traits)
    out.append("</aside>\n")
    return "".join(out)


def _box_html(view: View, e: Entry, width: float, height: float) -> str:
    x0, top, x1, bottom = e.record.bbox
    flags = view.flags.get(e.rid, [])
    tip = f"{e.label()}: {short(e.text, 200)}"
    return (f'<div class="box t-{e.kind}{" flagged" if view.notable(e.rid) else ""}" data-rid="{esc(e.rid)}" '
            f'data-kind="{e.kind}" data-flags="{esc(" ".join(a.kind for a in flags))}" '
            f'data-conf="{e.record.confidence:.2f}" title="{esc(tip)}" '
            f'style="left:{100 * x0 / width:.3f}%;top:{100 * top / height:.3f}%;'
            f'width:{100 * (x1 - x0) / width:.3f}%;height:{100 * (bottom - top) / height:.3f}%"></div>\n')


def _pages_html(view: View, warnings: list[str]) -> str:
    out = ['<div id="pages" class="pages">\n']
    pages = view.pages
    if pages is None or not pages.sizes:
        out.append('<p class="warn">Pages are unavailable' + (": see the message above." if warnings else ".")
                   + "</p>\n</div>\n")
        return "".join(out)
    for number, (width, height) in sorted(pages.sizes.items()):
        image = pages.images.get(number) if pages.images is not None else None
        if pages.images is not None and image is None:
            continue
        on_page = [e for e in view.entries if e.record.page == number and e.record.bbox is not None]
        # Larger boxes first so smaller ones (drawn later) stay clickable on top.
        on_page.sort(key=lambda e: -(e.record.bbox[2] - e.record.bbox[0]) * (e.record.bbox[3] - e.record.bbox[1]))
        printed = pages.printed.get(number)
        out.append(f'<section class="page" id="page-{number}" data-page="{number}" data-index="{pages.index(number)}">'
                   f'<h2>Page {number}' + (f' <span class="printed">printed page {esc(printed)}</span>' if printed else "")
                   + f'</h2>\n<div class="sheet" style="aspect-ratio:{width:.2f}/{height:.2f}">'
                   + (f'<img src="{image[0]}" alt="page {number}">' if image else "") + "\n")
        out.extend(_box_html(view, e, width, height) for e in on_page)
        out.append("</div></section>\n")
    out.append("</div>\n")
    return "".join(out)


def _attrs(e: Entry) -> list[str]:
    r = e.record
    bits: list[str] = []
    if e.kind == "indicator":
        bits.extend(f"{k} {v}" for k, v in (("unit", r.unit), ("baseline", r.baseline), ("target", r.target)) if v)
    if e.kind == "activity":
        if r.years:
            bits.append("years " + ", ".join(map(str, r.years)))
        if r.quarters:
            bits.append("quarters " + ", ".join(r.quarters))
        if r.timeline:
            bits.append(f"timeline {r.timeline}")
        if r.budget:
            bits.append(f"budget {r.budget.as_written}")
    for role, title in (("lead", "Lead"), ("partner", "Partners")):
        names = [i.name + (f" ({i.canonical_name})" if i.canonical_name and i.canonical_name != i.name else "")
                 for i in getattr(r, "institutions", []) if i.role == role]
        if names:
            bits.append(f"{title}: " + ", ".join(names))
    return bits


def _rec_html(view: View, e: Entry) -> str:
    r = e.record
    flags = view.flags.get(e.rid, [])
    placeholder = e.placeholder
    cls = f"rec t-{e.kind}" + (" placeholder" if placeholder else "") + (" flagged" if flags else "")
    text = f"(the plan has no {e.kind} level here)" if placeholder else (e.text or "")
    low = r.confidence < output_settings().low_confidence
    meta = [f'<span class="pg">{esc(view.page_label(r.page))}{"" if r.bbox is not None else " · no box"}</span>']
    if not placeholder:
        meta.append(f'<span class="conf{" low" if low else ""}" title="confidence ({esc(r.method)})">'
                    f"conf {r.confidence:.2f}</span>")
    if view.keys.get(e.rid):
        meta.append(f'<code class="key">{esc(view.keys[e.rid])}</code>')
    notable = view.notable(e.rid)
    for cls_, shown in (("fl", notable), ("fl trait", [a for a in flags if a not in notable])):
        if shown:
            reasons = "; ".join(f"{a.title}: {a.message}" for a in shown)
            meta.append(f'<span class="{cls_}" title="{esc(reasons)}">⚑ '
                        f'{esc(", ".join(a.title.lower() for a in shown))}</span>')
    attrs = _attrs(e)
    return (f'<div class="{cls}" data-rid="{esc(e.rid)}" data-kind="{e.kind}" data-page="{r.page}" '
            f'data-flags="{esc(" ".join(a.kind for a in flags))}" data-conf="{r.confidence:.2f}" tabindex="0">'
            f'<span class="k">{esc(e.label())}</span> <span class="tx">{esc(text)}</span>'
            f'<div class="rm">{" · ".join(meta)}</div>'
            + (f'<div class="attrs">{esc(" · ".join(attrs))}</div>' if attrs else "") + "</div>")


def _tree_html(view: View) -> str:
    """Pillar banners, then goals > outputs > activities, each level's indicators under it."""
    out = ['<aside id="tree" class="tree"><h2>Extracted tree</h2>\n<ul>\n']
    pillars = {e.record.text: e for e in view.entries if e.kind == "pillar"}
    shown: set[str] = set()
    depth = {"goal": 0, "output": 1, "activity": 2}
    open_levels: list[str] = []
    last_pillar: str | None = None
    for e in view.entries:
        if e.kind == "pillar":
            continue
        if e.kind == "goal":
            pillar = e.record.pillar
            while open_levels:
                out.append("</ul></li>\n")
                open_levels.pop()
            if pillar and pillar != last_pillar:
                out.append("<li>" + (_rec_html(view, pillars[pillar]) if pillar in pillars
                                     else f'<div class="attrs"><b>Pillar</b> {esc(pillar)}</div>') + "</li>\n")
                shown.add(pillar)
            last_pillar = pillar
        if e.kind == "indicator":
            out.append("<li>" + _rec_html(view, e) + "</li>\n")
            continue
        while len(open_levels) > depth[e.kind]:
            out.append("</ul></li>\n")
            open_levels.pop()
        out.append("<li>" + _rec_html(view, e) + "<ul>\n")
        open_levels.append(e.kind)
    out.extend("</ul></li>\n" for _ in open_levels)
    out.extend("<li>" + _rec_html(view, e) + "</li>\n" for text, e in pillars.items() if text not in shown)
    if not view.lf.goals:
        out.append('<li class="meta">No logframe was extracted from this document.</li>\n')
    out.append("</ul></aside>\n")
    return "".join(out)


def _help_html() -> str:
    rows = "".join(f"<tr><th><kbd>{esc(k)}</kbd></th><td>{esc(v)}</td></tr>" for k, v in KEYS_HELP)
    return (f'<div id="help" hidden><h2>Keys</h2><table>{rows}</table>'
            '<p class="meta">Esc or ? closes this.</p></div>\n')
