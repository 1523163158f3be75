"""The spaCy institution pipeline: patterns, gazetteer, normalisation, acronym maps."""

from __future__ import annotations

import json

import pytest

from extractors.acronyms import document_acronyms
from extractors.institutions import nlp
from extractors.institutions.rules import institutions_from_cell, make_institution
from pipeline.pdf.reader import read_pdf
from tests.conftest import SAMPLES


def found(text: str, lang: str = "en", **kw) -> list[tuple[str, str, str]]:
    return [(f.text, f.canonical_name, f.type) for f in nlp.find_institutions(text, lang, **kw)]


def test_pipelines_are_built_once_per_language():
    assert nlp.build_pipeline("en") is nlp.build_pipeline("en")
    names = nlp.build_pipeline("en").pipe_names
    assert names == ["sentencizer", "naplog_institution_ruler", "naplog_institution_normalizer"]


def test_french_uses_the_trained_pipeline_when_installed():
    pytest.importorskip("fr_core_news_sm")
    assert "ner" in nlp.build_pipeline("fr").pipe_names
    assert "ner" not in nlp.build_pipeline("es").pipe_names  # blank Spanish + rules


def test_english_rules_on_a_blank_pipeline():
    text = ("The Ministry of Gender, Children and Social Protection (MGCSP) works with the National Police of "
            "Tamora, the National Assembly, the Independent Electoral Commission, UN Women and civil society "
            "organisations. The Ministry of Justice leads.")
    assert found(text, trained=False) == [
        ("Ministry of Gender, Children and Social Protection (MGCSP)",
         "Ministry of Gender, Children and Social Protection", "government"),
        ("National Police of Tamora", "National Police of Tamora", "security"),
        ("National Assembly", "National Assembly", "parliament"),
        ("Independent Electoral Commission", "Independent Electoral Commission", "government"),
        ("UN Women", "UN Women", "un"),
        ("civil society organisations", "Civil society organisations", "cso"),
        ("Ministry of Justice", "Ministry of Justice", "government"),
    ]


def test_french_spanish_portuguese_patterns_and_gazetteer():
    fr = found("Le Ministère du Genre, Enfant et Famille coordonne avec le Ministère de l'Intérieur, la Police "
               "Nationale Congolaise, les FARDC, l'ONUFEMMES et le PNUD.", "fr")
    assert fr == [
        ("Ministère du Genre, Enfant et Famille", "Ministère du Genre, Famille et Enfant", "government"),
        ("Ministère de l'Intérieur", "Ministère de l'Intérieur", "government"),
        ("Police Nationale Congolaise", "Police Nationale Congolaise", "security"),
        ("FARDC", "Forces Armées de la République Démocratique du Congo", "security"),
        ("ONUFEMMES", "UN Women", "un"),
        ("PNUD", "United Nations Development Programme", "un"),
    ]
    assert found("El Ministerio de Relaciones Exteriores y la Policía Nacional, con ONU Mujeres.", "es") == [
        ("Ministerio de Relaciones Exteriores", "Ministerio de Relaciones Exteriores", "government"),
        ("Policía Nacional", "Policía Nacional", "security"),
        ("ONU Mujeres", "UN Women", "un"),
    ]
    assert found("O Ministério da Mulher e da Família e as Forças Armadas.", "pt") == [
        ("Ministério da Mulher e da Família", "Ministério da Mulher e da Família", "government"),
        ("Forças Armadas", "Forças Armadas", "security"),
    ]


def test_normalisation_one_canonical_body_per_way_of_writing_it():
    acr = {"MoWA": "Ministry of Women's Affairs", "PNC": "Programme National de Cohésion"}
    a = nlp.normalize_institution("MoWA", acr)
    b = nlp.normalize_institution("Ministry of Women's Affairs (MoWA)", acr)
    assert (a.canonical_name, a.acronym, a.type) == ("Ministry of Women's Affairs", "MoWA", "government")
    assert (b.canonical_name, b.acronym) == (a.canonical_name, a.acronym)
    assert "MoWA" in a.aliases
    # The document's own acronym list wins over the gazetteer's meaning of an acronym.
    assert nlp.normalize_institution("PNC", acr).canonical_name == "Programme National de Cohésion"
    assert nlp.normalize_institution("PNC").canonical_name == "Police Nationale Congolaise"
    un = nlp.normalize_institution("ONU Femmes")
    assert (un.canonical_name, un.type) == ("UN Women", "un") and "ONU Mujeres" in un.aliases
    assert nlp.normalize_institution("Ministry of Defence").type == "security"


def test_make_institution_routes_through_the_normaliser():
    inst = make_institution("SEI", "lead", {"SEI": "Secretary of State for Equality and Inclusion"})
    assert (inst.canonical_name, inst.acronym, inst.type, inst.role) == (
        "Secretary of State for Equality and Inclusion", "SEI", "government", "lead")
    names = [(i.name, i.canonical_name, i.type) for i in institutions_from_cell("PNUD, OSC et Ministère de la Santé",
                                                                                 "partner")]
    assert names == [("PNUD", "United Nations Development Programme", "un"),
                     ("OSC", "Civil society organisations", "cso"),
                     ("Ministère de la Santé", "Ministère de la Santé", "government")]


def test_users_extend_the_gazetteer(tmp_path, monkeypatch):
    extra = tmp_path / "more.json"
    extra.write_text(json.dumps({"institutions": [
        {"canonical": "Marenza Defence Force", "acronym": "MDF", "type": "security", "aliases": ["FDM"]}]}))
    monkeypatch.setenv("NAPLOG_GAZETTEER", str(extra))
    for f in (nlp.load_gazetteer, nlp._alias_index, nlp._normalize, nlp.build_pipeline, nlp._rules_pipeline):
        f.cache_clear()
    try:
        assert nlp.normalize_institution("FDM").canonical_name == "Marenza Defence Force"
        assert found("Troops of the FDM", trained=False) == [("FDM", "Marenza Defence Force", "security")]
    finally:
        monkeypatch.delenv("NAPLOG_GAZETTEER")
        for f in (nlp.load_gazetteer, nlp._alias_index, nlp._normalize, nlp.build_pipeline, nlp._rules_pipeline):
            f.cache_clear()


def test_acronym_list_continued_on_the_next_page_and_two_pairs_per_line():
    en = document_acronyms(read_pdf(SAMPLES / "en_narrative_plan.pdf").pages)
    expected = json.loads((SAMPLES / "en_narrative_plan.expected.json").read_text())["acronyms"]
    assert en == expected  # MoJ, MoH, MDF continue the list at the top of the next page; NGMC is in the text
    fr = document_acronyms(read_pdf(SAMPLES / "fr_narrative_plan.pdf").pages)
    assert fr == json.loads((SAMPLES / "fr_narrative_plan.expected.json").read_text())["acronyms"]


def test_spacy_is_imported_without_its_command_line_interface():
    """extractors/institutions/spacy_import.py: the extraction imports none of spaCy's commands (typer, weasel,
    0.4 s of each worker's start), spaCy 3.8 needs none of them, and ``spacy.info`` and
    ``spacy.cli`` still work when asked for."""
    import subprocess
    import sys

    code = (
        "import sys, extractors.institutions.nlp as n\n"
        "print(sorted(m for m in ('spacy.cli', 'spacy.cli.info', 'weasel', 'typer') if m in sys.modules))\n"
        "print(n.normalize_institution('Ministry of Gender and Family Promotion').type)\n"
        "print(n.find_institutions('The Ministry of Defence and UN Women will report.')[0].type)\n"
        "import spacy\n"
        "print(spacy.info(silent=True)['spacy_version'] == spacy.__version__)\n"
        "import spacy.cli\n"
        "print(callable(spacy.cli.download), 'typer' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["[]", "government", "security", "True", "True True"]


def test_acronyms_defined_in_running_text():
    """"Long Form (ACR)" in prose, across line breaks and unusual spaces; a text without such a
    parenthesis, or with none before it, defines nothing (the quick check before the slow pattern)."""
    from extractors.acronyms import acronyms_in_text

    text = ("The Secretariat for Equality and Inclusion\n(SEI) leads; the Policia Nacional de\u00a0Timor-Leste\u2003(PNTL) "
            "and the Ministry of Justice (MJ) report.")
    assert acronyms_in_text(text) == {"SEI": "Secretariat for Equality and Inclusion",
                                      "PNTL": "Policia Nacional de Timor-Leste", "MJ": "Ministry of Justice"}
    assert acronyms_in_text("The Ministry of Justice(MJ) and the Police (the police).") == {}
    assert acronyms_in_text("") == {}
