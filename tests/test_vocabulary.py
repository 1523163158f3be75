"""``header_role`` answers as the plain search over every role's phrases does, with its short cuts."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.pdf.lines import group_lines, split_line_at_gaps
from pipeline.pdf.reader import read_pdf
from pipeline.text import vocabulary

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def plain_header_role(text: str) -> tuple[str | None, str | None]:
    """The rule as written before its short cuts: every role's phrases searched, then the tests."""
    folded = vocabulary.fold(text)
    if not folded or len(folded) > 60:
        return None, None
    if vocabulary.YEAR_HEADER.match(folded):
        return "year", folded
    if len(folded.split()) > 8:
        return None, None
    horizon = vocabulary._HORIZON.search(folded)
    if horizon is not None:
        around = folded[:horizon.start()] + " " + folded[horizon.end():]
        rest = " ".join(vocabulary._NOT_LETTERS.sub(" ", around).split())
        if rest in ("", "a", "au", "horizon", "time horizon", "horizon temporel", "horizonte"):
            return "timeline", horizon.group()
        folded = rest
    best = None
    for role, pattern in vocabulary._ROLE_PATTERNS:
        for m in pattern.finditer(folded):
            key = (m.start(), -len(m.group(1)))
            if best is None or key < (best[0], -len(best[2])):
                best = (m.start(), role, m.group(1))
    if best is None:
        return None, None
    core = " ".join(vocabulary._NOT_LETTERS.sub(" ", folded).split())
    if len(folded.split()) > 8 or len(best[2]) < 0.35 * max(len(core), 1):
        return None, None
    return best[1], best[2]


def sample_cells() -> list[str]:
    cells: set[str] = set()
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        for page in read_pdf(pdf).pages:
            for line in group_lines(page.words):
                cells.add(line.text)
                cells.update(part.text for part in split_line_at_gaps(line, 12.0))
    return sorted(cells)


HEADERS = ["Activities", "Key activities", "Indicateurs de résultat", "Résultats attendus", "Responsable",
           "Institución responsable", "Meios de verificação", "Orçamento (USD)", "Calendrier de mise en œuvre",
           "2026", "2025/26", "Lead agency", "Partners", "Means of verification", "Baseline", "Target 2027",
           "the needs and priorities of women", "Outputs and activities of the national action plan ahead"]


@pytest.mark.parametrize("text", HEADERS)
def test_known_headers(text: str):
    assert vocabulary.header_role(text) == plain_header_role(text)


@pytest.mark.parametrize(("text", "role"), [
    ("SHORT-, MEDIUM- AND LONG-TERM ADAPTATION OBJECTIVES", "goal"),  # the horizon only qualifies
    ("Long-term outcomes", "goal"),
    ("Short-, medium- or long-term", "timeline"),  # a horizon alone heads the timeline column
    ("Court, moyen ou long terme", "timeline"),
    ("À court terme", "timeline"),
    ("A corto, mediano y largo plazo", "timeline"),
    ("Curto, médio e longo prazo", "timeline"),
    ("Term", None),
    ("Long-term vision of the sector and the needs of women", None),
    # The World Bank results framework's monitoring columns.
    ("Data sources", "mov"),
    ("Data collection method", "mov"),
    ("Entity responsible for data collection", "lead"),
    ("Responsable de la collecte des données", "lead"),
    # A table of measures by climate risk: the risk names the row; "Risks" beside indicators is a
    # logframe's assumptions column.
    ("Climate risks", "pillar"),
    ("Risques climatiques", "pillar"),
    ("Risks", "assumption"),
    # Plural and qualified forms of an area or sector column ("Areas affected | Proposed measures").
    ("Areas affected", "pillar"),
    ("Secteurs", "pillar"),
    ("Priority areas", "pillar"),
    # The development sectors NAPs are organised by (Burkina Faso's summary tables, p12 and p103).
    ("Development sector", "pillar"),
    ("Development sectors", "pillar"),
    # The UNFCCC NAP guidelines' "adaptation measures" (Burkina Faso's Table 12, p62-67).
    ("Recommended adaptation measures", "activity"),
    ("Mesures d'adaptation proposées", "activity"),
])
def test_time_horizons_and_monitoring_columns(text: str, role: str | None):
    assert vocabulary.header_role(text)[0] == role
    assert vocabulary.header_role(text) == plain_header_role(text)


def test_every_cell_of_the_samples():
    cells = sample_cells()
    assert len(cells) > 1000
    named = 0
    for text in cells:
        expected = plain_header_role(text)
        assert vocabulary.header_role(text) == expected, text
        named += expected[0] is not None
    assert named >= 50  # the samples' headers are among them


def test_the_cells_passed_over_name_no_role():
    """``may_name_a_role`` turns away only cells in which the search over every phrase finds
    none: on every phrase, cut at each letter and glued to letters, digits, spaces and signs."""
    import random

    phrases = [p for _, ps in vocabulary.ROLE_PHRASES for p in ps]
    glue = ["", " ", "s", "x", "1", "-", "/", "(", "#", "é", "de "]
    rng = random.Random(7)
    texts = []
    for p in phrases:
        for cut in range(len(p) + 1):
            texts.append(p[:cut])
            texts.append(p[cut:])
        for _ in range(6):
            texts.append(vocabulary.fold(rng.choice(glue) + p + rng.choice(glue) + rng.choice(phrases)[:rng.randint(0, 9)]))
    found = 0
    for text in texts:
        if vocabulary._ANY_ROLE.search(text):
            found += 1
            assert vocabulary.may_name_a_role(text), text
    assert found > 2000
    assert not any(map(vocabulary.may_name_a_role, ["women and girls", "violence against women", "2 500 households"]))


def _plain_fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("œ", "oe").replace("Œ", "oe")
    return " ".join(text.lower().split())


def _plain_lfold(text: str) -> str:
    import unicodedata

    out = []
    for ch in text:
        if ch == "’":
            out.append("'")
            continue
        base = unicodedata.normalize("NFD", ch)[0].lower()
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


FOLD_TEXTS = ["Ministère de la Promotion de la Femme", "Políticas públicas – Ação nº 3", "ÉGALITÉ ﬁnancière",
              "Œuvre d’art", "İstanbul", "straße", "Ελληνικά", "العربية", "日本語のテキスト", "a\u0301\u0327 combined",
              "x\u20dd enclosed", "Ñandú (año 2025)", "¼ ½ ²", "\u00a0non-breaking\u2003spaces"]


def test_fold_and_lfold_as_character_by_character():
    """The translate tables give what folding each character in Python gives."""
    import random

    from pipeline.text import fold as text_fold
    from pipeline.text.fold import fold_same_length as lfold

    rng = random.Random(3)
    texts = list(FOLD_TEXTS)
    for _ in range(300):
        texts.append("".join(chr(rng.choice([rng.randrange(32, 0x250), rng.randrange(0x300, 0x370),
                                              rng.randrange(0x370, 0x3000)])) for _ in range(rng.randrange(1, 40))))
    for text in texts:
        assert text_fold._fold(text) == _plain_fold(text), text
        assert lfold(text) == _plain_lfold(text), text
        assert len(lfold(text)) == len(text)


def test_measures_under_a_pillar_column_make_a_results_table():
    assert vocabulary.names_logframe(frozenset({"pillar", "activity"}))
    assert not vocabulary.names_logframe(frozenset({"assumption", "activity"}))
    assert not vocabulary.names_logframe(frozenset({"pillar", "indicator"}))  # no level


def test_a_programme_numbered_in_its_cell_is_a_level_label():
    from extractors.content_roles import cell_kind
    from pipeline.text.vocabulary import strip_level_label

    assert strip_level_label("Programme national 3 : Amélioration de l’accès à l’eau potable") == (
        "Programme national", "3", "Amélioration de l’accès à l’eau potable")
    assert strip_level_label("Programme 2: Coastal protection") == ("Programme", "2", "Coastal protection")
    assert cell_kind("Programme national 5 : Amélioration de l’accès à l’eau potable en milieux urbains") \
        == "level:goal"
    # a programme named in a sentence is no label
    assert strip_level_label("Programme national d’investissement agricole")[0] is None


@pytest.mark.parametrize(("text", "split"), [
    ("SO 1: Restore the fertility of degraded soils", ("SO", "1", "Restore the fertility of degraded soils")),
    ("OS 3 : Améliorer la recherche", ("OS", "3", "Améliorer la recherche")),
    ("SO2. Reduce emissions", ("SO", "2", "Reduce emissions")),
    ("So: the measures below", (None, None, "So: the measures below")),
    ("Os 2 : text", ("Os", "2", "text")),
    ("Outcome 1.2 - Women lead", ("Outcome", "1.2", "Women lead")),
    # No space after the separator before a capital, as typed (Burkina p99, Cameroon p73).
    ("SO 2:Improve water resource protection", ("SO", "2", "Improve water resource protection")),
    ("Mesure 7.1.Élaborer des plans d'action", ("Mesure", "7.1", "Élaborer des plans d'action")),
    ("Objective 1:the", (None, None, "Objective 1:the")),
])
def test_abbreviated_level_labels_only_before_a_number(text, split):
    # "SO 1:" (specific objective) numbers a logframe's entries as "Objective 1:" does; "So:" is a word.
    assert vocabulary.strip_level_label(text) == split
