// naplog review: selection, filters, zoom, keys, the tree and the pages in step, and (when the review
// embeds the pages as a PDF) drawing them with PDF.js at the resolution the zoom needs.
// A constant: nothing is interpolated into this script (its hash is in the page's CSP).
const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
const pagesPane = $("#pages");
const treePane = $("#tree");
const selText = $("#sel-text");
const selKey = $("#sel-key");
const MAX_CANVAS_PIXELS = 1 << 24;  // about 16 million: sharp to about 5x the width of a laptop's pane

// ---- records and selection ---------------------------------------------------------------

const treeRecs = $$(".tree .rec[data-rid]");
const byRid = new Map();
$$("[data-rid]").forEach((el) => {
  const rid = el.getAttribute("data-rid");
  if (!byRid.has(rid)) byRid.set(rid, []);
  byRid.get(rid).push(el);
});
const boxOf = (rid) => (byRid.get(rid) || []).find((el) => el.classList.contains("box"));
const itemOf = (rid) => (byRid.get(rid) || []).find((el) => el.closest(".tree"));
let selected = null;

function describe(item) {
  if (!item) return "";
  const meta = $$(".rm .pg, .rm .conf, .rm .fl", item).map((el) => el.textContent);
  return `${$(".k", item).textContent} ${$(".tx", item).textContent} — ${meta.join(" · ")}`;
}

function select(rid, from) {
  $$(".hl").forEach((el) => el.classList.remove("hl"));
  selected = rid;
  if (!rid) {
    selText.textContent = "Click a record in the tree, a box on a page or a flag (or press j).";
    selKey.textContent = "";
    return;
  }
  (byRid.get(rid) || []).forEach((el) => el.classList.add("hl"));
  const box = boxOf(rid);
  const item = itemOf(rid);
  const key = item && $(".key", item);
  selText.textContent = describe(item);
  selKey.textContent = key ? key.textContent : "";
  quiet(() => {
    if (box && from !== "box") {
      box.scrollIntoView({block: "center", inline: "center"});
    } else if (!box && item && from !== "box") {
      const page = $(`#page-${item.getAttribute("data-page")}`);
      if (page) page.scrollIntoView({block: "start"});
    }
    if (item && from !== "tree") item.scrollIntoView({block: "nearest", inline: "nearest"});
  });
  if (item && from === "key") item.focus({preventScroll: true});
}

document.addEventListener("click", (ev) => {
  const el = ev.target.closest("[data-rid]");
  if (!el) return;
  ev.preventDefault();
  select(el.getAttribute("data-rid"),
         el.classList.contains("box") ? "box" : (el.closest(".tree") ? "tree" : "flag"));
});

// ---- filters: level, flag, confidence ----------------------------------------------------

const levelInputs = $$("input[data-level]");
const flagFilter = $("#flag-filter");
const confFilter = $("#conf-filter");
const confValue = $("#conf-value");
const shown = $("#shown");

function passes(el) {
  const flag = flagFilter.value;
  const flags = el.getAttribute("data-flags") || "";
  if (flag === "*" && !flags) return false;
  if (flag && flag !== "*" && !flags.split(" ").includes(flag)) return false;
  return parseFloat(el.getAttribute("data-conf")) <= parseFloat(confFilter.value) + 1e-9;
}

function levelShown(el) {
  return !document.body.classList.contains("hide-" + el.getAttribute("data-kind"));
}

const visible = (el) => levelShown(el) && !el.classList.contains("filtered");

function applyFilters() {
  levelInputs.forEach((input) => {
    document.body.classList.toggle("hide-" + input.getAttribute("data-level"), !input.checked);
  });
  confValue.textContent = parseFloat(confFilter.value).toFixed(2);
  let n = 0;
  $$("[data-kind][data-conf]").forEach((el) => {
    const ok = passes(el);
    el.classList.toggle("filtered", !ok);
    if (ok && el.closest(".tree") && levelShown(el)) n += 1;
  });
  shown.textContent = `${n} of ${treeRecs.length} records shown`;
}
levelInputs.forEach((input) => input.addEventListener("change", applyFilters));
flagFilter.addEventListener("change", applyFilters);
confFilter.addEventListener("input", applyFilters);

function step(delta, flaggedOnly) {
  // Placeholders (a level the plan does not have) hold nothing to check: the keys pass them by.
  const list = treeRecs.filter((el) => visible(el) && !el.classList.contains("placeholder")
    && (!flaggedOnly || el.getAttribute("data-flags")));
  if (!list.length) return;
  let at = list.findIndex((el) => el.getAttribute("data-rid") === selected);
  if (at < 0) {
    // From where the tree is scrolled to.
    const top = treePane.getBoundingClientRect().top;
    at = list.findIndex((el) => el.getBoundingClientRect().bottom > top) - (delta > 0 ? 1 : 0);
  }
  const next = list[Math.min(list.length - 1, Math.max(0, at + delta))];
  select(next.getAttribute("data-rid"), "key");
}

// ---- the tree and the pages in step -----------------------------------------------------------

const sync = $("#sync");
let driver = null;  // the pane the reader last scrolled, clicked or typed in
let quietUntil = 0;  // scrolls we make ourselves do not drive the other pane

function quiet(fn) {
  quietUntil = performance.now() + 400;
  fn();
}

[[pagesPane, "pages"], [treePane, "tree"]].forEach(([pane, name]) => {
  ["wheel", "pointerdown", "touchstart", "keydown"].forEach((type) => {
    pane.addEventListener(type, () => { driver = name; }, {passive: true});
  });
});

function currentBox() {
  // The record box nearest above a line a third of the way down the pages pane.
  const top = pagesPane.getBoundingClientRect().top;
  const line = top + pagesPane.clientHeight / 3;
  let best = null;
  let bestTop = -Infinity;
  let page = null;
  for (const section of $$(".page", pagesPane)) {
    const r = section.getBoundingClientRect();
    if (r.bottom < top) continue;
    if (r.top > line) break;
    page = section;
    $$(".box", section).forEach((b) => {
      const bt = b.getBoundingClientRect().top;
      if (visible(b) && bt <= line && bt > bestTop) { best = b; bestTop = bt; }
    });
  }
  if (!best && page) best = $$(".box", page).find(visible) || null;
  return {page, box: best};
}

function markPage(number) {
  $$(".page.current").forEach((el) => el.classList.remove("current"));
  $$(".rec.onpage").forEach((el) => el.classList.remove("onpage"));
  if (!number) return;
  const section = $(`#page-${number}`);
  if (section) section.classList.add("current");
  treeRecs.forEach((el) => { if (el.getAttribute("data-page") === number) el.classList.add("onpage"); });
}

function pagesScrolled() {
  const {page, box} = currentBox();
  const number = page && page.getAttribute("data-page");
  markPage(number);
  if (!sync.checked || driver !== "pages" || performance.now() < quietUntil) return;
  const item = (box && itemOf(box.getAttribute("data-rid")))
    || treeRecs.find((el) => el.getAttribute("data-page") === number && visible(el));
  if (item) treePane.scrollTop += item.getBoundingClientRect().top - treePane.getBoundingClientRect().top - 40;
}

function treeScrolled() {
  if (!sync.checked || driver !== "tree" || performance.now() < quietUntil) return;
  const top = treePane.getBoundingClientRect().top + 40;
  const item = treeRecs.find((el) => visible(el) && el.getBoundingClientRect().bottom > top);
  if (!item) return;
  const target = boxOf(item.getAttribute("data-rid")) || $(`#page-${item.getAttribute("data-page")}`);
  if (!target) return;
  const pane = pagesPane.getBoundingClientRect();
  pagesPane.scrollTop += target.getBoundingClientRect().top - pane.top - pagesPane.clientHeight / 3;
  markPage(item.getAttribute("data-page"));
}

function onFrame(fn) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fn(); });
  };
}
pagesPane.addEventListener("scroll", onFrame(pagesScrolled), {passive: true});
treePane.addEventListener("scroll", onFrame(treeScrolled), {passive: true});

// ---- zoom and drawing the pages ---------------------------------------------------------

const zoomSteps = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6];
let zoom = 1;
const zoomValue = $("#zoom-value");

function setZoom(value) {
  // Keep the point a third of the way down the pane where it is.
  const before = pagesPane.scrollHeight || 1;
  const anchor = pagesPane.scrollTop + pagesPane.clientHeight / 3;
  const ratio = anchor / before;
  zoom = Math.min(6, Math.max(0.5, value));
  pagesPane.style.setProperty("--zoom", zoom);
  zoomValue.textContent = `${Math.round(zoom * 100)}%`;
  quiet(() => { pagesPane.scrollTop = ratio * pagesPane.scrollHeight - pagesPane.clientHeight / 3; });
  redrawSoon();
}

function zoomBy(direction) {
  if (direction === 0) { setZoom(1); return; }
  const next = direction > 0 ? zoomSteps.find((z) => z > zoom + 1e-6) : [...zoomSteps].reverse().find((z) => z < zoom - 1e-6);
  if (next) setZoom(next);
}
$$("[data-zoom]").forEach((b) => b.addEventListener("click", () => {
  const what = b.getAttribute("data-zoom");
  zoomBy(what === "in" ? 1 : what === "out" ? -1 : 0);
}));

const pdfData = $("#pdf-data");
const lib = globalThis.pdfjsLib;
let pdfDoc = null;
const drawn = new Map();  // page section -> {width, task}
const inView = new Set();

async function draw(section) {
  const sheet = $(".sheet", section);
  const cssWidth = sheet.clientWidth;
  if (!pdfDoc || !cssWidth) return;
  const page = await pdfDoc.getPage(parseInt(section.getAttribute("data-index"), 10) + 1);
  const base = page.getViewport({scale: 1});
  let scale = (cssWidth * (window.devicePixelRatio || 1)) / base.width;
  const pixels = base.width * base.height * scale * scale;
  if (pixels > MAX_CANVAS_PIXELS) scale *= Math.sqrt(MAX_CANVAS_PIXELS / pixels);
  const want = Math.round(base.width * scale);
  const state = drawn.get(section);
  if (state && state.width === want) return;
  if (state && state.task) state.task.cancel();
  const viewport = page.getViewport({scale});
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(viewport.width);
  canvas.height = Math.round(viewport.height);
  const entry = {width: want, task: null};
  drawn.set(section, entry);
  entry.task = page.render({canvas, canvasContext: canvas.getContext("2d"), viewport});
  try {
    await entry.task.promise;
  } catch (err) {
    if (err && err.name === "RenderingCancelledException") return;
    throw err;
  }
  entry.task = null;
  const old = $("canvas", sheet);
  if (old) old.replaceWith(canvas); else sheet.prepend(canvas);
  section.setAttribute("data-drawn", String(canvas.width));
}

let redrawTimer = 0;
function redrawSoon() {
  clearTimeout(redrawTimer);
  redrawTimer = setTimeout(() => inView.forEach((s) => { draw(s); }), 150);
}

async function openPdf() {
  if (!pdfData || !lib) return;
  const raw = atob(pdfData.textContent.trim());
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  pdfDoc = await lib.getDocument({data: bytes, isEvalSupported: false, verbosity: 0}).promise;
  const seen = new IntersectionObserver((changes) => {
    changes.forEach((c) => {
      if (c.isIntersecting) { inView.add(c.target); draw(c.target); } else { inView.delete(c.target); }
    });
  }, {root: pagesPane, rootMargin: "600px 0px"});
  $$(".page", pagesPane).forEach((s) => seen.observe(s));
  window.addEventListener("resize", redrawSoon);
  document.body.setAttribute("data-pdfjs", "ready");
}

// ---- keys --------------------------------------------------------------------------------

const help = $("#help");
$("#help-button").addEventListener("click", () => { help.hidden = !help.hidden; });
$("#toggle-flags").addEventListener("click", () => document.body.classList.toggle("no-flags"));

document.addEventListener("keydown", (ev) => {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const t = ev.target;
  if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) {
    if (ev.key === "Escape") t.blur();
    return;
  }
  const focused = t && t.closest && t.closest("[data-rid]");
  const actions = {
    j: () => step(1, false), k: () => step(-1, false), n: () => step(1, true), p: () => step(-1, true),
    "+": () => zoomBy(1), "=": () => zoomBy(1), "-": () => zoomBy(-1), 0: () => zoomBy(0),
    f: () => document.body.classList.toggle("no-flags"),
    s: () => { sync.checked = !sync.checked; },
    "?": () => { help.hidden = !help.hidden; },
    Escape: () => { help.hidden = true; select(null); },
    Enter: () => focused && focused.click(),
    " ": () => focused && focused.click(),
  };
  const action = actions[ev.key];
  if (!action || ((ev.key === " " || ev.key === "Enter") && !focused)) return;
  ev.preventDefault();
  action();
});

applyFilters();
pagesScrolled();
openPdf().catch((err) => {
  document.body.setAttribute("data-pdfjs", "failed");
  selText.textContent = `The pages could not be drawn: ${err && err.message}`;
});
document.body.setAttribute("data-ready", "1");
