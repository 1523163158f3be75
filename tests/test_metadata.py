"""What a cover says about a document: its kind, the country it names first (ISO 3166 names in
en/fr/es/pt), its period and title; checked on covers written here and on the real documents."""

from __future__ import annotations

import functools
import random
import re

import pytest

from extractors.metadata import (
    REPUBLIC_OF,
    country_table,
    detect_country,
    detect_kind,
    detect_plan_period,
    detect_title,
    find_country,
    fold,
)
from pipeline.extract import classify
from pipeline.pdf.model import PageLayout, Word
from pipeline.pdf.reader import read_pdf
from pipeline.records import KIND_LABELS, Document, is_plan, kind_label
from tests.conftest import CORPUS


@functools.cache
def _name_patterns() -> list[tuple[str, re.Pattern, str]]:
    names, _, _ = country_table()
    return [(" ".join(t), re.compile(r"(?<![a-z0-9])" + re.escape(" ".join(t)) + r"(?![a-z0-9])"), code)
            for t, code in names.items()]


def plain_country(front_text: str) -> tuple[str, str | None] | None:
    """The rule written plainly: every known name's matches as whole words, the earliest, then the
    longest; else the name in "Republic of X"."""
    _, english, _ = country_table()
    folded = " ".join(re.findall(r"[a-z0-9]+", fold(front_text)))
    hits = []
    for key, pattern, code in _name_patterns():
        if key not in folded:
            continue
        for m in pattern.finditer(folded):
            hits.append((m.start(), -len(key), code))
    if hits:
        code = min(hits)[2]
        return english[code], code
    m = REPUBLIC_OF.search(front_text)
    if m is None:
        return None
    name = " ".join(m.group("name").split())
    return (name.title() if name.isupper() else name), None


def found(text: str) -> tuple[str, str | None] | None:
    c = find_country(text)
    return (c.name, c.code) if c else None


@pytest.mark.parametrize("text,country,code", [
    ("National Action Plan of the Democratic Republic of the Congo 2019-2022", "Democratic Republic of the Congo",
     "CD"),
    ("Plan d'action national de la République Démocratique du Congo", "Democratic Republic of the Congo", "CD"),
    ("République du Congo : plan d'action", "Congo", "CG"),
    ("TIMOR-LESTE National Action Plan", "Timor-Leste", "TL"),
    # Countries with WPS NAPs the hand-written list did not know, in the four languages.
    ("Germany's National Action Plan 1325", "Germany", "DE"),
    ("Plan d'action national de l'Allemagne", "Germany", "DE"),
    ("Ireland's Third National Action Plan for Women, Peace and Security", "Ireland", "IE"),
    ("Plan de Acción Nacional de Japón", "Japan", "JP"),
    ("Canada's National Action Plan on Women, Peace and Security", "Canada", "CA"),
    ("Plano de Ação Nacional da Noruega", "Norway", "NO"),
    ("Plan d'action national du Liban pour la résolution 1325", "Lebanon", "LB"),
    ("Plan de Acción Nacional del Líbano", "Lebanon", "LB"),
    ("National Action Plan of the State of Palestine", "State of Palestine", "PS"),
    ("Yemen National Action Plan 2020-2022", "Yemen", "YE"),
    ("Plano de Ação Nacional de Moçambique", "Mozambique", "MZ"),
    ("Plan National d'Adaptation du Cameroun", "Cameroon", "CM"),
    ("Saint Lucia’s National Adaptation Plan", "Saint Lucia", "LC"),
    ("St. Lucia National Adaptation Plan", "Saint Lucia", "LC"),
    ("Plan d'action national de la Côte d’Ivoire", "Côte d'Ivoire", "CI"),
    ("Plano de Ação Nacional da Costa do Marfim", "Côte d'Ivoire", "CI"),
    ("South Sudan's National Action Plan", "South Sudan", "SS"),
    ("Plan for Nigeria and Niger", "Nigeria", "NG"),
    # Names plans use that ISO 3166-1 does not give.
    ("LOGFRAME, POLICE-COMMUNITY DIALOGUE AND COMMUNITY SAFETY IN PUNTLAND", "Somalia", "SO"),
    ("Kosovo Action Plan 2023-2025", "Kosovo", "XK"),
    ("Rapport de la RDC", "Democratic Republic of the Congo", "CD"),
    # A country ISO does not know ("Republic of X" on the samples' covers).
    ("Plan for the Republic of Nowhere", "Nowhere", None),
    ("A plan for peace", None, None),
    ("A plan for Korea", None, None),  # two Koreas: no guess
])
def test_the_country_named_first(text: str, country: str | None, code: str | None):
    expected = (country, code) if country else None
    assert found(text) == expected == plain_country(text)
    assert detect_country(text) == country


def test_the_country_table_names_every_iso_country_in_four_languages():
    names, english, _ = country_table()
    assert len({c for c in names.values()}) >= 249
    for name in ("alemania", "allemagne", "alemanha", "germany"):
        assert names[(name,)] == "DE"
    assert english["CD"] == "Democratic Republic of the Congo" and english["TZ"] == "Tanzania"


def test_the_country_is_the_one_the_plain_rule_finds():
    """On covers made of known names (some inside others: "congo" in "democratic republic of the
    congo", "niger" in "nigeria"), cut, glued to letters or not, in any order."""
    names, _, _ = country_table()
    keys = sorted(" ".join(t) for t in names)
    glue = [" ", "", "-", " and ", "s ", ", the ", "x"]
    rng = random.Random(5)
    for _ in range(1500):
        parts = []
        for _ in range(rng.randint(0, 4)):
            key = rng.choice(keys)
            if rng.random() < 0.2:
                key = key[rng.randint(0, len(key) - 1):]
            parts.append(key.title() if rng.random() < 0.5 else key)
            parts.append(rng.choice(glue))
        text = "".join(parts)
        assert found(text) == plain_country(text), text


@pytest.mark.parametrize("cover,kind", [
    ("Republic of Tamora\nNational Action Plan on Women, Peace and Security 2024-2028", "nap"),
    ("Plan d'action national pour la mise en œuvre de la Résolution 1325", "nap"),
    ("Plan de Acción Nacional sobre Mujeres, Paz y Seguridad", "nap"),
    ("Plano de Ação Nacional sobre Mulheres, Paz e Segurança", "nap"),
    ("ASEAN Regional Plan of Action on Women, Peace and Security", "wps_regional_plan"),
    ("Plan d'action régional de la CEDEAO pour la mise en œuvre de la résolution 1325", "wps_regional_plan"),
    ("Kilifi County Action Plan on Women, Peace and Security 2024-2028", "wps_local_plan"),
    ("Plan d'action provincial 1325 du Nord-Kivu", "wps_local_plan"),
    ("Plan local de acción: mujeres, paz y seguridad", "wps_local_plan"),
    ("NATIONAL ADAPTATION PLAN TO CLIMATE CHANGE (2022-2026)", "adaptation_plan"),
    ("PLAN NATIONAL INITIAL D'ADAPTATION AUX CHANGEMENTS CLIMATIQUES", "adaptation_plan"),
    ("Plan Nacional de Adaptación al Cambio Climático", "adaptation_plan"),
    ("Plano Nacional de Adaptação à Mudança do Clima", "adaptation_plan"),
    ("Kenya Third Medium Term Plan: National Development Plan 2018-2022", "development_plan"),
    ("Plan National de Développement 2018-2025", "development_plan"),
    ("LOGFRAME, POLICE-COMMUNITY DIALOGUE AND COMMUNITY SAFETY IN PUNTLAND", "project_logframe"),
    ("Cadre logique du projet d'appui aux coopératives", "project_logframe"),
    ("National Biodiversity Strategy and Action Plan", "other_plan"),
    ("First Annual Progress Report on the National Action Plan on Women, Peace and Security", "report"),
    ("Informe de progreso 2026 - Plan de Acción Nacional sobre Mujeres, Paz y Seguridad", "report"),
])
def test_the_kind_the_cover_names(cover: str, kind: str):
    assert detect_kind(cover) == kind
    assert kind in KIND_LABELS and is_plan(kind) == (kind != "report")


def test_a_plan_kind_named_only_after_the_cover():
    """A cover that names no kind (a title and a ministry): the first pages say what it is."""
    cover = "Republic of Tamora\nMinistry of Gender"
    assert detect_kind(cover, cover + "\nThis plan implements Resolution 1325 (2000).") == "nap"
    assert detect_kind(cover, cover) == "other_plan"


def test_kind_labels():
    assert kind_label("nap", 2) == "WPS national action plan (2nd generation)"
    assert kind_label("adaptation_plan", 1) == "climate adaptation plan"
    assert kind_label("report") == "progress report"


def test_kind_is_a_plain_string_in_the_json():
    doc = Document(source_path="x.pdf", sha256="0" * 64, kind="adaptation_plan", country_code="CD", pages=1,
                   extractor_version="x")
    assert doc.model_dump(mode="json")["kind"] == "adaptation_plan"
    with pytest.raises(ValueError):
        Document(source_path="x.pdf", sha256="0" * 64, kind="leaflet", pages=1, extractor_version="x")


def _page(lines: list[str], number: int = 1) -> PageLayout:
    words = []
    for i, line in enumerate(lines):
        x = 50.0
        for text in line.split():
            words.append(Word(text=text, x0=x, top=100.0 + 20 * i, x1=x + 8 * len(text), bottom=112.0 + 20 * i,
                              size=12.0, bold=False))
            x += 8 * len(text) + 4
    return PageLayout(number=number, width=600.0, height=800.0, words=words, edges=[])


def test_the_plan_period_is_the_covers_not_a_table_of_contents_line():
    toc = _page(["Contents", "Mainstreaming for the NSDI 2014 – 2020 ........................ 24",
                 "Principles for NAP ........ 17"])
    assert detect_plan_period([toc]) is None
    cover = _page(["LIBERIA", "NATIONAL ADAPTATION PLAN", "2020 – 2030"])
    assert (detect_plan_period([cover]).start, detect_plan_period([cover]).end) == (2020, 2030)
    # A cover drawn as an image: the title page after it states the period.
    assert detect_plan_period([_page([], 1), _page(["National Adaptation Plan", "2016 - 2025"], 2)]).end == 2025


def test_a_title_printed_twice_over_itself_is_read_once():
    """The Cameroon plan's cover draws "National" over "ational", "d’" over "d’Adaptation"."""
    def w(text: str, x0: float, x1: float, top: float = 328.0) -> Word:
        return Word(text=text, x0=x0, top=top, x1=x1, bottom=top + 19, size=18.8, bold=False)
    words = [w("Plan", 120.4, 157.0), w("National", 161.6, 230.7), w("ational", 175.3, 230.7), w("d’", 235.3, 252.1),
             w("d’Adaptation", 235.4, 343.1), w("aux", 347.8, 377.0), w("Changements", 381.7, 491.3),
             w("hangements", 395.2, 491.3), w("Climatiques", 199.2, 296.5, 350.0),
             w("limatiques", 212.9, 296.5, 350.0), w("du", 301.2, 322.1, 350.0), w("Cameroun", 326.8, 412.6, 350.0),
             w("24", 251.0, 269.9, 502.6), w("JUIN", 274.7, 318.6, 502.6), w("2015", 323.2, 360.8, 502.6)]
    page = PageLayout(number=1, width=595.0, height=842.0, words=words, edges=[])
    assert detect_title(page) == "Plan National d’Adaptation aux Changements Climatiques du Cameroun"


# What each real document's cover and first pages say, read on the pages (pdftoppm): its kind, its
# country's ISO code and the period its cover states (None where the cover states none).
CORPUS_COVERS = {
    "plans/adaptation_plan_albania.pdf": ("adaptation_plan", "AL", None),
    "plans/adaptation_plan_benin.pdf": ("adaptation_plan", "BJ", None),
    "plans/adaptation_plan_burkina_faso.pdf": ("adaptation_plan", "BF", None),
    "plans/adaptation_plan_cameroon.pdf": ("adaptation_plan", "CM", None),
    "plans/adaptation_plan_central_african_republic.pdf": ("adaptation_plan", "CF", None),
    "plans/adaptation_plan_democratic_republic_of_congo.pdf": ("adaptation_plan", "CD", (2022, 2026)),
    "plans/adaptation_plan_liberia.pdf": ("adaptation_plan", "LR", (2020, 2030)),
    "plans/adaptation_plan_madagascar.pdf": ("adaptation_plan", "MG", None),
    "plans/adaptation_plan_saint_lucia.pdf": ("adaptation_plan", "LC", (2018, 2028)),
    "plans/adaptation_plan_sri_lanka.pdf": ("adaptation_plan", "LK", (2016, 2025)),
    "plans/kenya_kilifi_risk_preparedness_plan.pdf": ("adaptation_plan", "KE", (2025, 2030)),
    "plans/somalia_ddg_project_logframe.pdf": ("project_logframe", "SO", None),
    "wps-reports/drc_rapport_pays_2022.pdf": ("report", "CD", ...),
    "wps-reports/drc_rapport_pays_20_ans_2020.pdf": ("report", "CD", ...),
    "wps-reports/drc_rapport_ua.pdf": ("report", "CD", ...),
    "wps-reports/kenya_cosme_logframe_progress.pdf": ("report", "KE", ...),
}


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(CORPUS_COVERS))
def test_real_documents_kind_country_and_period(name: str):
    if not CORPUS.is_dir():
        pytest.skip(f"real documents not found at {CORPUS}")
    kind, code, period = CORPUS_COVERS[name]
    doc = classify(read_pdf(CORPUS / name, pages=set(range(1, 13))))
    assert (doc.kind, doc.country_code) == (kind, code)
    if period is not ...:  # a report's period is another matter (extractors.metadata.detect_period)
        assert (doc.plan_period and (doc.plan_period.start, doc.plan_period.end)) == period
    if name.endswith("cameroon.pdf"):
        assert doc.title == "Plan National d’Adaptation aux Changements Climatiques du Cameroun"
