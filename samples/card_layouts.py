"""Sample plans whose results framework is laid out as action cards: one two-column card per action.

Four Word documents (python-docx, converted by LibreOffice as in ``samples.docx_layouts``), one per
language, and one unruled card layout drawn with reportlab. Each is built from one data structure,
and its expected records (docs/json-contract.md) from the same data; the page of every record is
found in the PDF afterwards (the first words of its text, which must be printed exactly once).

  en_docx_action_cards    English "Action cards": a title row across the card, labels in a shaded
                          left column, "•" bullets, "Budget (USD millions)" (the multiplier in the
                          label), a card whose activities continue on the next page.
  fr_docx_fiches_projets  French "Fiches projets": Symbol-font bullets (private-use glyphs in the text
                          layer), "Coût" in millions of FCFA, "Échéance".
  es_docx_fichas_accion   Spanish "Fichas de acción": "▪" bullets, "Presupuesto", "Plazo".
  pt_docx_fichas_acao     Portuguese "Fichas de ação": bullets typed as "- ", "Orçamento" in Kz.
  en_unruled_action_sheets  English programme sheets with no rules: a bold title, bold labels above
                          their values, "Lead: ..." labels inline with their values.

Mapping (docs/inventories.md): a card's title names the action and is the goal (its objective
statement restates it and is not a record), each expected result an output, each activity an
activity under a placeholder output with the card's timeframe and budget, indicators and
institutions the goal's.

    python -m samples.card_layouts          # builds into samples/
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import tempfile

import pdfplumber

TITLE = {"en": "National Action Plan on Women, Peace and Security 2025-2029",
         "fr": "Plan d'action national Femmes, paix et sécurité 2025-2029",
         "es": "Plan de Acción Nacional sobre Mujeres, Paz y Seguridad 2025-2029",
         "pt": "Plano de Ação Nacional sobre Mulheres, Paz e Segurança 2025-2029"}
LABELS = {
    "en": ("Objective", "Expected results", "Activities", "Indicators", "Responsible", "Partners", "Budget",
           "Timeframe"),
    "fr": ("Objectif", "Résultats attendus", "Activités", "Indicateurs", "Responsable", "Partenaires", "Coût",
           "Échéance"),
    "es": ("Objetivo", "Resultados esperados", "Acciones", "Indicadores", "Responsable", "Socios", "Presupuesto",
           "Plazo"),
    "pt": ("Objetivo", "Resultados esperados", "Ações", "Indicadores", "Responsável", "Parceiros", "Orçamento",
           "Prazo"),
}


def _card(title: str, objective: str, results: list[str], activities: list[str], indicators: list[str],
          lead: list[str], partners: list[str], budget: tuple[str, float, str], timeframe: str,
          budget_label: str | None = None) -> dict:
    return {"title": title, "objective": objective, "results": results, "activities": activities,
            "indicators": indicators, "lead": lead, "partners": partners, "budget": budget,
            "timeframe": timeframe, "budget_label": budget_label}


EN_CARDS = [
    _card("Action 1: Women in peace negotiations",
          "Increase the meaningful participation of women in peace negotiations and mediation",
          ["Women make up at least a third of every national negotiating delegation",
           "A roster of trained women mediators is used by the national mediation unit"],
          ["Train two hundred women leaders in negotiation and mediation skills",
           "Set up a national roster of women mediators with the peace commission",
           "Hold an annual dialogue between women's networks and negotiating parties"],
          ["Share of women in national negotiating delegations",
           "Number of women mediators deployed in local peace processes"],
          ["Ministry of Gender Equality"], ["UN Women", "National Peace Commission"],
          ("USD 2.5M", 2_500_000.0, "USD"), "2025-2027"),
    _card("Action 2: Protection of survivors of sexual violence",
          "Ensure that survivors of conflict-related sexual violence receive care and justice",
          ["One-stop centres for survivors operate in every province"],
          ["Open one-stop centres offering medical, legal and psychosocial care",
           "Train police investigators in survivor-centred investigation techniques",
           "Fund legal aid for survivors through the national bar association",
           "Run a radio campaign on the rights of survivors in local languages",
           "Establish a reparations fund managed with survivors' associations",
           "Publish an annual report on cases of sexual violence brought to court",
           "Create mobile courts to hear cases in remote districts",
           "Provide safe shelters for survivors and their children in each province",
           "Support community reintegration programmes for survivors and their families",
           "Review the penal code provisions on sexual violence with parliament"],
          ["Number of survivors receiving care in one-stop centres",
           "Share of reported cases that reach a court decision"],
          ["Ministry of Health"], ["National Police", "UNFPA"],
          ("1.8", 1_800_000.0, "USD"), "2025-2029", budget_label="Budget (USD millions)"),
]
FR_CARDS = [
    _card("Fiche projet 1 : Participation des femmes aux instances de décision",
          "Accroître la représentation des femmes dans les instances locales de prévention des conflits",
          ["Les comités locaux de paix comptent au moins trente pour cent de femmes",
           "Les femmes élues disposent d'un réseau national d'appui"],
          ["Former les femmes membres des comités locaux de paix à la médiation",
           "Créer un réseau national des femmes élues pour la paix",
           "Organiser des forums régionaux sur le leadership féminin"],
          ["Proportion de femmes dans les comités locaux de paix",
           "Nombre de femmes formées à la médiation communautaire"],
          ["Ministère de la Promotion de la Femme"], ["ONU Femmes", "PNUD"],
          ("150 millions FCFA", 150_000_000.0, "XOF"), "2025-2026"),
    _card("Fiche projet 2 : Prévention des violences basées sur le genre",
          "Réduire les violences basées sur le genre dans les zones de retour des déplacés",
          ["Les victimes de violences accèdent à une prise en charge gratuite"],
          ["Mettre en place des cellules d'écoute dans les sites de déplacés",
           "Sensibiliser les chefs traditionnels aux droits des femmes"],
          ["Nombre de victimes prises en charge par les cellules d'écoute"],
          ["Ministère de la Santé"], ["UNFPA"],
          ("80 millions FCFA", 80_000_000.0, "XOF"), "2026-2028"),
]
ES_CARDS = [
    _card("Acción 1: Mujeres en los procesos de paz",
          "Garantizar la participación de las mujeres en los diálogos de paz territoriales",
          ["Las mesas territoriales de paz cuentan con paridad de género"],
          ["Capacitar a lideresas comunitarias en resolución de conflictos",
           "Crear una red nacional de mediadoras de paz",
           "Financiar iniciativas locales de mujeres constructoras de paz"],
          ["Porcentaje de mujeres en las mesas territoriales de paz"],
          ["Ministerio de la Mujer"], ["ONU Mujeres", "Defensoría del Pueblo"],
          ("US$ 1.200.000", 1_200_000.0, "USD"), "2025-2027"),
    _card("Acción 2: Seguridad de las defensoras de derechos humanos",
          "Proteger a las defensoras de derechos humanos frente a amenazas y agresiones",
          ["Las defensoras amenazadas reciben medidas de protección en menos de un mes"],
          ["Establecer un protocolo de protección con enfoque de género",
           "Formar a la policía en la atención de denuncias de defensoras"],
          ["Número de defensoras con medidas de protección vigentes"],
          ["Ministerio del Interior"], ["Policía Nacional"],
          ("US$ 650.000", 650_000.0, "USD"), "2026-2029"),
]
PT_CARDS = [
    _card("Ação 1: Participação das mulheres na consolidação da paz",
          "Aumentar a participação das mulheres nos comités provinciais de paz e segurança",
          ["Os comités provinciais de paz têm pelo menos um terço de mulheres"],
          ["Formar mulheres líderes comunitárias em mediação de conflitos",
           "Criar uma rede nacional de mulheres mediadoras",
           "Realizar campanhas sobre o papel das mulheres na paz"],
          ["Percentagem de mulheres nos comités provinciais de paz"],
          ["Ministério da Ação Social, Família e Promoção da Mulher"], ["ONU Mulheres", "PNUD"],
          ("Kz 30 milhões", 30_000_000.0, "AOA"), "2025-2027"),
    _card("Ação 2: Proteção das mulheres deslocadas",
          "Proteger as mulheres e raparigas deslocadas contra a violência baseada no género",
          ["As mulheres deslocadas têm acesso a serviços de apoio psicossocial"],
          ["Instalar espaços seguros para mulheres nos campos de deslocados",
           "Capacitar agentes de polícia no atendimento às vítimas"],
          ["Número de mulheres atendidas nos espaços seguros"],
          ["Ministério do Interior"], ["UNFPA"],
          ("Kz 12 milhões", 12_000_000.0, "AOA"), "2026-2028"),
]
UNRULED_CARDS = [
    _card("Programme 1: Women's leadership in local peace committees",
          "Strengthen the leadership of women in local peace committees",
          ["Local peace committees are chaired by women in half of the districts"],
          ["Train women committee members in facilitation and conflict analysis",
           "Support exchange visits between women-led peace committees"],
          ["Number of local peace committees chaired by women"],
          ["Ministry of Local Government"], ["UN Women"],
          ("USD 900,000", 900_000.0, "USD"), "2025-2026"),
    _card("Programme 2: Gender-responsive security sector",
          "Make the security services responsive to the needs of women and girls",
          ["Gender desks operate in every regional police command"],
          ["Open gender desks in regional police commands",
           "Recruit and train women police officers for the gender desks"],
          ["Number of regional police commands with a gender desk"],
          ["Ministry of Internal Affairs"], ["National Police", "UNDP"],
          ("USD 1.4M", 1_400_000.0, "USD"), "2026-2028"),
]
SPECS = {
    # Context paragraphs before the cards push the second card over the page break: its activities
    # continue on the next page, in a row without a label.
    "en_docx_action_cards": {"language": "en", "country": "Tamora", "cards": EN_CARDS, "bullet": "•",
                             "heading": "Annex 1. Action cards", "context": 8},
    "fr_docx_fiches_projets": {"language": "fr", "country": "Sanouga", "cards": FR_CARDS, "bullet": "symbol",
                               "heading": "Annexe 1. Fiches projets"},
    "es_docx_fichas_accion": {"language": "es", "country": "Costa Serena", "cards": ES_CARDS, "bullet": "▪",
                              "heading": "Anexo 1. Fichas de acción"},
    "pt_docx_fichas_acao": {"language": "pt", "country": "Ondala", "cards": PT_CARDS, "bullet": "- ",
                            "heading": "Anexo 1. Fichas de ação"},
    "en_unruled_action_sheets": {"language": "en", "country": "Marenza", "cards": UNRULED_CARDS, "bullet": "•",
                                 "heading": "Part 3. Programme sheets"},
}
REPUBLIC = {"en": "Republic of {}", "fr": "République de {}", "es": "República de {}", "pt": "República de {}"}
INTRO = {
    "en": "This plan sets out its actions as cards. Each card names the objective of the action, the results "
          "expected, the activities, the indicators that measure progress and who is responsible.",
    "fr": "Le présent plan présente ses actions sous forme de fiches. Chaque fiche donne l'objectif du projet, "
          "les résultats attendus, les activités, les indicateurs et les responsables.",
    "es": "Este plan presenta sus acciones en fichas. Cada ficha indica el objetivo de la acción, los resultados "
          "esperados, las acciones, los indicadores y las instituciones responsables.",
    "pt": "Este plano apresenta as suas ações em fichas. Cada ficha indica o objetivo da ação, os resultados "
          "esperados, as ações, os indicadores e as instituições responsáveis.",
}

CONTEXT = ("The consultations held in the provinces brought together women's organisations, traditional "
           "leaders, the security services and local authorities, who described how the conflict has "
           "changed the lives of women and girls in their communities")


# ---- Word cards ----------------------------------------------------------------------------------

SYMBOL_BULLET = "\uf0b7"  # what Word exports for its default bullet, drawn in the Symbol font


def _bullet_paras(items: list[str], bullet: str) -> list:
    from samples.docx_layouts import WINGDINGS_BULLET

    if bullet == "wingdings":
        return [(WINGDINGS_BULLET, "Wingdings", it) for it in items]
    if bullet == "symbol":
        return [(SYMBOL_BULLET, "Symbol", it) for it in items]
    if bullet in ("•", "▪"):
        return [(bullet, None, it) for it in items]
    return [bullet + it for it in items]


def _build_docx(name: str, spec: dict):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from samples.docx_layouts import _margins, _new_document, _para, _shade, _table, _write

    lang = spec["language"]
    doc = _new_document(lang)
    _margins(doc.sections[0])
    _para(doc, TITLE[lang], size=18, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, REPUBLIC[lang].format(spec["country"]), size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, INTRO[lang])
    for n in range(spec.get("context", 0)):
        _para(doc, f"{CONTEXT} ({n + 1})")
    _para(doc, spec["heading"], size=13, bold=True)
    labels = LABELS[lang]
    for n, card in enumerate(spec["cards"]):
        if n:
            _para(doc, "")
        table = _table(doc, [4.0, 13.0], 9)
        title = table.rows[0].cells[0].merge(table.rows[0].cells[1])
        _write(title, [card["title"]], size=10, bold=True)
        _shade(title, "D9E2F3")
        values = [
            [card["objective"]],
            _bullet_paras(card["results"], spec["bullet"]),
            _bullet_paras(card["activities"], spec["bullet"]),
            _bullet_paras(card["indicators"], spec["bullet"]),
            [", ".join(card["lead"])],
            [", ".join(card["partners"])],
            [card["budget"][0]],
            [card["timeframe"]],
        ]
        for i, (label, value) in enumerate(zip(labels, values), start=1):
            if i == 7 and card["budget_label"]:
                label = card["budget_label"]
            left, right = table.rows[i].cells
            _write(left, [label], size=9, bold=True)
            _shade(left, "F2F2F2")
            _write(right, value, size=9)
    return doc


def _docx_pdf(name: str, spec: dict, tmp: pathlib.Path) -> pathlib.Path:
    from samples.docx_layouts import _convert

    docx_path = tmp / f"{name}.docx"
    _build_docx(name, spec).save(str(docx_path))
    return _convert(docx_path, tmp)


# ---- an unruled card layout (reportlab) ----------------------------------------------------------

def _unruled_pdf(name: str, spec: dict, tmp: pathlib.Path) -> pathlib.Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp / f"{name}.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    y = height - 72

    def line(text: str, *, bold: bool = False, size: float = 10, x: float = 72) -> None:
        nonlocal y
        if y < 80:
            c.showPage()
            y = height - 72
        c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        c.drawString(x, y, text)
        y -= size * 1.45

    lang = spec["language"]
    line(TITLE[lang], bold=True, size=16)
    line(REPUBLIC[lang].format(spec["country"]), size=12)
    y -= 10
    for chunk in _wrap(INTRO[lang], 95):
        line(chunk)
    y -= 10
    line(spec["heading"], bold=True, size=13)
    labels = LABELS[lang]
    for card in spec["cards"]:
        y -= 14
        line(card["title"], bold=True, size=11)
        y -= 4
        for label, items in ((labels[0], [card["objective"]]), (labels[1], card["results"]),
                             (labels[2], card["activities"]), (labels[3], card["indicators"])):
            line(label, bold=True)
            for item in items:
                bulleted = len(items) > 1 or label != labels[0]
                for k, chunk in enumerate(_wrap(item, 90)):
                    if bulleted and k == 0:
                        # The bullet drawn on its own: readers measure its width in a standard
                        # font's encoding differently, and the words after it would move.
                        c.setFont("Helvetica", 10)
                        c.drawString(84, y, "•")
                    line(chunk, x=94 if bulleted else 84)
        line(f"Lead: {', '.join(card['lead'])}")
        line(f"Partners: {', '.join(card['partners'])}")
        line(f"Budget: {card['budget'][0]}")
        line(f"Timeframe: {card['timeframe']}")
    c.save()
    return path


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


# ---- expected records ----------------------------------------------------------------------------

def _pages(pdf_path: pathlib.Path) -> list[str]:
    with pdfplumber.open(pdf_path) as pdf:
        return [_norm(p.extract_text() or "") for p in pdf.pages]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _years(timeframe: str) -> list[int]:
    first, last = (int(y) for y in timeframe.split("-"))
    return list(range(first, last + 1))


def _page_of(pages: list[str], text: str) -> int:
    """The page where a record's first words are printed; they must be printed exactly once."""
    probe = " ".join(text.split()[:6])
    found = [i + 1 for i, p in enumerate(pages) for _ in re.finditer(re.escape(probe), p)]
    assert len(found) == 1, f"{probe!r} printed {len(found)} times"
    return found[0]


def _expected(name: str, spec: dict, pages: list[str]) -> dict:
    goals = []
    for card in spec["cards"]:
        label, title = (part.strip() for part in card["title"].split(":", 1))
        level_name, code = label.rsplit(" ", 1)
        institutions = [{"name": n, "role": "lead"} for n in card["lead"]] + \
            [{"name": n, "role": "partner"} for n in card["partners"]]
        amount_written, amount, currency = card["budget"]
        activities = [{
            "code": None, "text": text, "page": _page_of(pages, text), "indicators": [], "institutions": [],
            "years": _years(card["timeframe"]), "quarters": [], "timeline": card["timeframe"],
            "budget": {"amount": amount, "currency": currency, "as_written": amount_written},
        } for text in card["activities"]]
        outputs = [{"code": None, "text": text, "page": _page_of(pages, text), "indicators": [],
                    "institutions": [], "activities": []} for text in card["results"]]
        outputs.append({"code": None, "text": None, "indicators": [], "institutions": [],
                        "activities": activities})
        goals.append({
            "code": code, "text": title, "level_name": level_name, "pillar": None, "page": _page_of(pages, title),
            "indicators": [{"text": t} for t in card["indicators"]], "institutions": institutions,
            "outputs": outputs,
        })
    return {
        "file": f"{name}.pdf",
        "scope_pages": None,
        "document": {"kind": "nap", "language": spec["language"], "country": spec["country"],
                     "plan_period": {"start": 2025, "end": 2029}},
        "goals": goals,
        "notes": "Generated by samples/card_layouts.py: one action card per action; the card's title names the "
                 "action and is the goal (its objective statement restates it and is not a record), each "
                 "expected result an output, each activity an activity under a placeholder output with the "
                 "card's timeframe and budget.",
    }


def build_one(name: str, out_dir: pathlib.Path) -> pathlib.Path:
    spec = SPECS[name]
    with tempfile.TemporaryDirectory(prefix="naplog_cards_") as tmp:
        tmp_dir = pathlib.Path(tmp)
        made = _unruled_pdf(name, spec, tmp_dir) if name.startswith("en_unruled") else _docx_pdf(name, spec, tmp_dir)
        pdf = out_dir / f"{name}.pdf"
        shutil.copyfile(made, pdf)
    expected = _expected(name, spec, _pages(pdf))
    (out_dir / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n",
                                                   encoding="utf-8")
    return pdf


def build_all(out_dir: pathlib.Path, word: bool = True) -> list[pathlib.Path]:
    """Every card sample; the Word ones only with ``word`` (they need LibreOffice)."""
    out_dir = pathlib.Path(out_dir)
    return [build_one(name, out_dir) for name in SPECS if word or name.startswith("en_unruled")]


if __name__ == "__main__":
    for p in build_all(pathlib.Path(__file__).resolve().parent):
        print(p)
