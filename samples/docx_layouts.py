"""Sample NAP logframes made the way most real plans are made: a Word document saved as PDF.

Each sample is built with python-docx from one Python data structure, converted to PDF by
LibreOffice (headless, private profile), and the expected-record file
(docs/json-contract.md, "Expected-record files") is generated from the same data, so the
two cannot drift. The ``page`` of every goal / output / activity is not guessed: after the
conversion the PDF is searched with pdfplumber for the first words of the row's cell, inside
that cell's column, and the search must find exactly one place.

    python samples/docx_layouts.py          # builds into samples/

Samples
  fr_docx_cadre_logique   French "Cadre logique", two repeated header rows, grouped year
                          columns with X / check marks, pillar banners, vertically merged
                          objective and result cells, a row that breaks across pages,
                          "Sigles et abréviations" table that is not a logframe.
  pt_docx_quadro_logico   Portuguese "Quadro lógico" in a landscape section, wrapped header
                          repeated on each page, Eixo banners, Wingdings / square bullets,
                          Prazo periods ("2025-2026", "Contínuo"), budget in Kz.
  en_docx_merged_outcomes English table whose header appears once, outcomes merged across
                          outputs, outputs merged across activities, one blank output cell
                          meaning "same as above", baseline / target columns.
"""
from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess
import tempfile
import uuid

import pdfplumber
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

PT_PER_CM = 72 / 2.54
WINGDINGS_BULLET = "\uf0a7"  # what Word exports for a Wingdings square bullet

# --------------------------------------------------------------------------------------
# Sample data.  Printed cell text is built from these fields; so is the expected JSON.
# Activity fields:
#   code, text                      -> printed "code text"
#   indicators: list of dicts       -> text (+ baseline / target / unit where printed)
#   lead / partners: (cell text as printed, [names after splitting])
#   years: [int] ; marks: {year: "X" | "✓"} (French year columns)
#   timeline: cell text or None ; budget: (as_written, amount) or None
# --------------------------------------------------------------------------------------

FR = {
    "name": "fr_docx_cadre_logique",
    "language": "fr",
    "country": "Sanouga",
    "plan_period": {"start": 2025, "end": 2029},
    "currency": "XOF",
    "notes": (
        "Word table 'Cadre logique'. Objectif spécifique -> goal (level_name 'Objectif spécifique'), "
        "Résultat attendu -> output ('Résultat attendu'), Activités -> activity ('Activité'). "
        "Banner rows 'PILIER n ...' give pillar. Years from X / check marks under the grouped "
        "'Calendrier de mise en œuvre' columns (timeline null). Budget column 'Budget (FCFA)': "
        "currency XOF (West African CFA franc; the country is a fictional ECOWAS member). "
        "Responsable -> lead, Partenaires -> partner. The row of activity 2.1.2 breaks across a "
        "page break and continues under the repeated two-row header (the merged cells of objective "
        "2 and result 2.1 continue there, empty); page is where the row starts. The "
        "'Sigles et abréviations' table is not a logframe."
    ),
    "pillars": [
        {
            "banner": "PILIER 1 : PARTICIPATION",
            "goals": [
                {
                    "code": "1",
                    "label": "1.",
                    "text": "Accroître la participation significative des femmes aux instances de prise "
                    "de décision et aux processus de paix et de sécurité",
                    "outputs": [
                        {
                            "code": "1.1",
                            "text": "La représentation des femmes dans les institutions nationales et locales "
                            "de gouvernance est renforcée",
                            "activities": [
                                {
                                    "code": "1.1.1",
                                    "text": "Organiser des sessions de formation en leadership et en prise de parole "
                                    "publique pour les femmes candidates aux élections locales et législatives",
                                    "indicators": [
                                        {"text": "Nombre de femmes candidates formées en leadership politique"},
                                        {"text": "Proportion de femmes élues aux conseils municipaux et régionaux"},
                                    ],
                                    "bullet": "- ",
                                    "lead": ("MFFE", ["MFFE"]),
                                    "partners": ("ONU Femmes, PNUD et OSC", ["ONU Femmes", "PNUD", "OSC"]),
                                    "marks": {2025: "X", 2026: "X", 2027: "X"},
                                    "budget": ("25 000 000", 25000000.0),
                                },
                                {
                                    "code": "1.1.2",
                                    "text": "Plaider auprès des partis politiques pour l'application effective de la "
                                    "loi sur la parité dans les fonctions électives et nominatives",
                                    "indicators": [
                                        {"text": "Nombre de partis politiques ayant adopté une charte interne sur la parité"},
                                    ],
                                    "bullet": "- ",
                                    "lead": ("MFFE, CNDH", ["MFFE", "CNDH"]),
                                    "partners": ("OSC féminines et médias", ["OSC féminines", "médias"]),
                                    "marks": {2025: "X", 2026: "X", 2027: "X", 2028: "X", 2029: "X"},
                                    "budget": ("12 500 000", 12500000.0),
                                },
                            ],
                        },
                        {
                            "code": "1.2",
                            "text": "Les femmes participent activement aux mécanismes de médiation, de dialogue "
                            "et de consolidation de la paix",
                            "activities": [
                                {
                                    "code": "1.2.1",
                                    "text": "Mettre en place un réseau national de femmes médiatrices et former ses "
                                    "membres aux techniques de négociation et de médiation communautaire",
                                    "indicators": [
                                        {"text": "Un réseau national de femmes médiatrices est créé et opérationnel"},
                                        {"text": "Nombre de femmes médiatrices formées et déployées dans les comités locaux de paix"},
                                    ],
                                    "bullet": "• ",
                                    "lead": ("MFFE", ["MFFE"]),
                                    "partners": (
                                        "ONU Femmes, OSC et leaders communautaires",
                                        ["ONU Femmes", "OSC", "leaders communautaires"],
                                    ),
                                    "marks": {2025: "✓", 2026: "✓", 2027: "✓", 2028: "✓"},
                                    "budget": ("48 000 000", 48000000.0),
                                },
                                {
                                    "code": "1.2.2",
                                    "text": "Appuyer la participation des organisations de femmes aux dialogues "
                                    "politiques nationaux et aux négociations de paix",
                                    "indicators": [
                                        {"text": "Nombre de femmes membres des délégations aux négociations de paix"},
                                        {"text": "Nombre de recommandations des organisations de femmes prises en compte dans les accords"},
                                    ],
                                    "bullet": "- ",
                                    "lead": ("Ministère de la Réconciliation nationale", ["Ministère de la Réconciliation nationale"]),
                                    "partners": ("CEDEAO, UA et ONU Femmes", ["CEDEAO", "UA", "ONU Femmes"]),
                                    "marks": {2026: "✓", 2027: "✓", 2028: "✓", 2029: "✓"},
                                    "budget": ("30 000 000", 30000000.0),
                                },
                            ],
                        },
                    ],
                }
            ],
        },
        {
            "banner": "PILIER 2 - PRÉVENTION",
            "goals": [
                {
                    "code": "2",
                    "label": "2.",
                    "text": "Prévenir les conflits et les violences basées sur le genre en intégrant la "
                    "dimension genre dans les mécanismes d'alerte précoce et de sécurité",
                    "outputs": [
                        {
                            "code": "2.1",
                            "text": "Les mécanismes d'alerte précoce intègrent des indicateurs sensibles au genre",
                            "activities": [
                                {
                                    "code": "2.1.1",
                                    "text": "Réviser les outils du système national d'alerte précoce afin d'y intégrer "
                                    "des indicateurs de risque propres aux femmes et aux filles",
                                    "indicators": [
                                        {"text": "Les outils révisés du système d'alerte précoce sont validés"},
                                        {"text": "Nombre d'indicateurs sensibles au genre intégrés"},
                                    ],
                                    "bullet": "- ",
                                    "lead": ("Ministère de l'Administration territoriale", ["Ministère de l'Administration territoriale"]),
                                    "partners": ("PNUD et OSC", ["PNUD", "OSC"]),
                                    "marks": {2025: "X", 2026: "X"},
                                    "budget": ("18 000 000", 18000000.0),
                                },
                                {
                                    "code": "2.1.2",
                                    "text": "Former les points focaux communautaires à la collecte, à l'analyse et à la "
                                    "transmission des données d'alerte ventilées par sexe et par âge, organiser des "
                                    "exercices de simulation avec les autorités administratives et les forces de "
                                    "sécurité, puis mettre en place un numéro vert gratuit permettant aux femmes de "
                                    "signaler les menaces et les violences dont elles sont témoins ou victimes",
                                    "indicators": [
                                        {"text": "Nombre de points focaux communautaires formés, dont au moins la moitié de femmes"},
                                        {"text": "Nombre d'exercices de simulation organisés avec les autorités locales"},
                                        {"text": "Le numéro vert est opérationnel dans toutes les régions"},
                                        {"text": "Nombre d'alertes signalées par des femmes ayant donné lieu à une intervention"},
                                    ],
                                    "bullet": "• ",
                                    "lead": ("MFFE", ["MFFE"]),
                                    "partners": ("ONG locales et radios communautaires", ["ONG locales", "radios communautaires"]),
                                    "marks": {2026: "✓", 2027: "✓", 2028: "✓"},
                                    "budget": ("9 750 000", 9750000.0),
                                    "must_split": True,
                                },
                            ],
                        },
                        {
                            "code": "2.2",
                            "text": "Les forces de défense et de sécurité prennent en compte la protection des "
                            "femmes et des filles dans leurs interventions",
                            "activities": [
                                {
                                    "code": "2.2.1",
                                    "text": "Intégrer un module obligatoire sur la Résolution 1325 et les violences "
                                    "sexuelles liées aux conflits dans les programmes des écoles de police et de "
                                    "gendarmerie",
                                    "indicators": [
                                        {"text": "Le module est intégré dans les programmes de formation initiale"},
                                        {"text": "Nombre d'agents des FDS formés sur la Résolution 1325"},
                                    ],
                                    "bullet": "• ",
                                    "lead": ("MDN, PNS", ["MDN", "PNS"]),
                                    "partners": ("ONU Femmes et CICR", ["ONU Femmes", "CICR"]),
                                    "marks": {2025: "✓", 2026: "✓", 2027: "✓"},
                                    "budget": ("35 000 000", 35000000.0),
                                },
                                {
                                    "code": "2.2.2",
                                    "text": "Mettre en place des cellules genre au sein des commissariats de police "
                                    "et des brigades de gendarmerie des chefs-lieux de région",
                                    "indicators": [
                                        {"text": "Nombre de cellules genre fonctionnelles"},
                                        {"text": "Proportion de plaintes pour violences basées sur le genre traitées"},
                                    ],
                                    "bullet": "- ",
                                    "lead": ("PNS", ["PNS"]),
                                    "partners": ("MFFE et OSC", ["MFFE", "OSC"]),
                                    "marks": {2027: "X", 2028: "X", 2029: "X"},
                                    "budget": ("22 000 000", 22000000.0),
                                },
                            ],
                        },
                    ],
                }
            ],
        },
        {
            "banner": "PILIER 3 : PROTECTION",
            "goals": [
                {
                    "code": "3",
                    "label": "3.",
                    "text": "Renforcer la protection des femmes et des filles contre les violences sexuelles "
                    "et garantir leur accès à la justice et aux services de prise en charge",
                    "outputs": [
                        {
                            "code": "3.1",
                            "text": "Les survivantes de violences basées sur le genre bénéficient d'une prise en "
                            "charge holistique de qualité",
                            "activities": [
                                {
                                    "code": "3.1.1",
                                    "text": "Créer des centres de prise en charge intégrée offrant une assistance "
                                    "médicale, psychosociale, juridique et judiciaire dans les chefs-lieux de région",
                                    "indicators": [
                                        {"text": "Nombre de centres de prise en charge intégrée fonctionnels"},
                                        {"text": "Nombre de survivantes prises en charge chaque année"},
                                    ],
                                    "bullet": "- ",
                                    "lead": ("Ministère de la Santé, MFFE", ["Ministère de la Santé", "MFFE"]),
                                    "partners": ("UNFPA, OMS et OSC", ["UNFPA", "OMS", "OSC"]),
                                    "marks": {2025: "X", 2026: "X", 2027: "X", 2028: "X", 2029: "X"},
                                    "budget": ("150 000 000", 150000000.0),
                                },
                            ],
                        },
                        {
                            "code": "3.2",
                            "text": "L'impunité des auteurs de violences sexuelles liées aux conflits est réduite",
                            "activities": [
                                {
                                    "code": "3.2.1",
                                    "text": "Former les magistrats, les officiers de police judiciaire et les "
                                    "auxiliaires de justice au traitement des dossiers de violences sexuelles",
                                    "indicators": [
                                        {"text": "Nombre de magistrats et d'officiers de police judiciaire formés"},
                                        {"text": "Proportion de dossiers de violences sexuelles jugés dans l'année"},
                                    ],
                                    "bullet": "• ",
                                    "lead": ("MJDH", ["MJDH"]),
                                    "partners": ("PNUD, barreau et cliniques juridiques",
                                                 ["PNUD", "barreau", "cliniques juridiques"]),
                                    "marks": {2026: "✓", 2027: "✓", 2028: "✓"},
                                    "budget": ("27 000 000", 27000000.0),
                                },
                                {
                                    "code": "3.2.2",
                                    "text": "Vulgariser les textes de loi réprimant les violences basées sur le genre "
                                    "auprès des leaders religieux et traditionnels",
                                    "indicators": [
                                        {"text": "Nombre de sessions de vulgarisation organisées"},
                                    ],
                                    "bullet": "- ",
                                    "lead": ("MJDH, MFFE", ["MJDH", "MFFE"]),
                                    "partners": ("OSC", ["OSC"]),
                                    "marks": {2025: "X", 2027: "X", 2029: "X"},
                                    "budget": ("8 000 000", 8000000.0),
                                },
                            ],
                        },
                    ],
                }
            ],
        },
    ],
}

PT = {
    "name": "pt_docx_quadro_logico",
    "language": "pt",
    "country": "Ondala",
    "plan_period": {"start": 2025, "end": 2030},
    "currency": "AOA",
    "notes": (
        "Word table 'Quadro lógico' in a landscape section. Banner rows 'Eixo n: ...' give pillar; "
        "'Objetivo n: ...' cells (merged vertically) are goals (level_name 'Objetivo'); Resultados "
        "esperados -> output ('Resultado esperado'); Ações -> activity ('Ação'). Entidade responsável "
        "-> lead (the MASFAMU name contains a comma but is one institution). Orçamento (Kz): "
        "currency AOA (kwanza). Prazo: a period gives years, 'Contínuo' gives no years; the "
        "timeline is the cell as written. Bullets are Word's Wingdings private-use character (U+F0A7) "
        "or '▪'. The merged cell of objective 3 continues on the next page under the repeated header."
    ),
    "pillars": [
        {
            "banner": "Eixo 1: Participação",
            "goals": [
                {
                    "code": "1",
                    "label": "Objetivo 1:",
                    "text": "Aumentar a participação das mulheres nos órgãos de decisão e nos processos de "
                    "paz e segurança",
                    "outputs": [
                        {
                            "code": "1.1",
                            "text": "Aumentada a representação das mulheres nas forças de defesa e segurança "
                            "e nos órgãos de administração local",
                            "activities": [
                                {
                                    "code": "1.1.1",
                                    "text": "Realizar campanhas de recrutamento dirigidas às mulheres para a Polícia "
                                    "Nacional e as Forças Armadas",
                                    "indicators": [
                                        {"text": "Percentagem de mulheres recrutadas pela Polícia Nacional"},
                                        {"text": "Número de campanhas de recrutamento realizadas nas províncias"},
                                    ],
                                    "bullet": WINGDINGS_BULLET,
                                    "lead": ("Polícia Nacional e OSC", ["Polícia Nacional", "OSC"]),
                                    "budget": ("45.000.000,00", 45000000.0),
                                    "timeline": "2025-2026",
                                    "years": [2025, 2026],
                                },
                                {
                                    "code": "1.1.2",
                                    "text": "Criar um programa de mentoria para mulheres em cargos de chefia na "
                                    "administração local e nas comissões de moradores",
                                    "indicators": [
                                        {"text": "Número de mulheres beneficiárias do programa de mentoria"},
                                    ],
                                    "bullet": WINGDINGS_BULLET,
                                    "lead": (
                                        "Ministério da Acção Social, Família e Promoção da Mulher (MASFAMU)",
                                        ["Ministério da Acção Social, Família e Promoção da Mulher (MASFAMU)"],
                                    ),
                                    "budget": ("28.500.000,00", 28500000.0),
                                    "timeline": "Contínuo",
                                    "years": [],
                                },
                            ],
                        },
                        {
                            "code": "1.2",
                            "text": "Reforçada a participação das organizações de mulheres nos mecanismos de "
                            "diálogo e reconciliação",
                            "activities": [
                                {
                                    "code": "1.2.1",
                                    "text": "Capacitar as organizações da sociedade civil de mulheres em técnicas de "
                                    "mediação e resolução pacífica de conflitos comunitários",
                                    "indicators": [
                                        {"text": "Número de mediadoras capacitadas por província"},
                                        {"text": "Número de conflitos comunitários mediados por mulheres"},
                                    ],
                                    "bullet": "▪",
                                    "lead": (
                                        "Ministério da Acção Social, Família e Promoção da Mulher (MASFAMU)",
                                        ["Ministério da Acção Social, Família e Promoção da Mulher (MASFAMU)"],
                                    ),
                                    "budget": ("32.000.000,00", 32000000.0),
                                    "timeline": "2025-2030",
                                    "years": [2025, 2026, 2027, 2028, 2029, 2030],
                                },
                            ],
                        },
                    ],
                }
            ],
        },
        {
            "banner": "Eixo 2: Prevenção",
            "goals": [
                {
                    "code": "2",
                    "label": "Objetivo 2:",
                    "text": "Prevenir a violência baseada no género e os conflitos, integrando a perspectiva "
                    "de género nos sistemas de alerta precoce",
                    "outputs": [
                        {
                            "code": "2.1",
                            "text": "Sistema nacional de alerta precoce sensível ao género em funcionamento",
                            "activities": [
                                {
                                    "code": "2.1.1",
                                    "text": "Incluir indicadores sensíveis ao género no sistema nacional de alerta "
                                    "precoce e de resposta a conflitos",
                                    "indicators": [
                                        {"text": "Número de indicadores sensíveis ao género adotados"},
                                    ],
                                    "bullet": WINGDINGS_BULLET,
                                    "lead": ("Ministérios do Interior e da Justiça", ["Ministério do Interior", "Ministério da Justiça"]),
                                    "budget": ("15.000.000,00", 15000000.0),
                                    "timeline": "2026",
                                    "years": [2026],
                                },
                                {
                                    "code": "2.1.2",
                                    "text": "Formar os comités comunitários de paz na recolha e comunicação de "
                                    "informações sobre riscos de violência contra mulheres e raparigas",
                                    "indicators": [
                                        {"text": "Número de comités comunitários formados"},
                                        {"text": "Percentagem de alertas comunicados que resultaram numa resposta"},
                                    ],
                                    "bullet": WINGDINGS_BULLET,
                                    "lead": ("Polícia Nacional e OSC", ["Polícia Nacional", "OSC"]),
                                    "budget": ("21.750.000,00", 21750000.0),
                                    "timeline": "2025-2027",
                                    "years": [2025, 2026, 2027],
                                },
                            ],
                        },
                        {
                            "code": "2.2",
                            "text": "Reduzida a tolerância social à violência baseada no género nas comunidades",
                            "activities": [
                                {
                                    "code": "2.2.1",
                                    "text": "Promover campanhas de sensibilização nas rádios comunitárias e nas "
                                    "escolas sobre a igualdade de género e a cultura de paz",
                                    "indicators": [
                                        {"text": "Número de programas de rádio difundidos em línguas nacionais"},
                                        {"text": "Número de escolas abrangidas pelas campanhas"},
                                    ],
                                    "bullet": "▪",
                                    "lead": (
                                        "Ministério da Acção Social, Família e Promoção da Mulher (MASFAMU)",
                                        ["Ministério da Acção Social, Família e Promoção da Mulher (MASFAMU)"],
                                    ),
                                    "budget": ("12.300.000,00", 12300000.0),
                                    "timeline": "Contínuo",
                                    "years": [],
                                },
                            ],
                        },
                    ],
                }
            ],
        },
        {
            "banner": "Eixo 3: Proteção",
            "goals": [
                {
                    "code": "3",
                    "must_split": True,
                    "label": "Objetivo 3:",
                    "text": "Proteger os direitos das mulheres e raparigas e garantir o acesso à justiça às "
                    "sobreviventes de violência",
                    "outputs": [
                        {
                            "code": "3.1",
                            "text": "Melhorado o acesso das sobreviventes de violência a serviços integrados "
                            "de apoio e à justiça",
                            "activities": [
                                {
                                    "code": "3.1.1",
                                    "text": "Instalar centros de atendimento integrado às vítimas de violência nas "
                                    "capitais provinciais, com apoio psicossocial, jurídico e médico",
                                    "indicators": [
                                        {"text": "Número de centros de atendimento integrado em funcionamento"},
                                        {"text": "Número de sobreviventes atendidas por ano"},
                                    ],
                                    "bullet": WINGDINGS_BULLET,
                                    "lead": ("Ministérios do Interior e da Justiça", ["Ministério do Interior", "Ministério da Justiça"]),
                                    "budget": ("120.000.000,00", 120000000.0),
                                    "timeline": "2026-2029",
                                    "years": [2026, 2027, 2028, 2029],
                                },
                                {
                                    "code": "3.1.2",
                                    "text": "Formar magistrados, procuradores e agentes da Polícia Nacional no "
                                    "tratamento dos casos de violência sexual",
                                    "indicators": [
                                        {"text": "Número de magistrados e agentes formados"},
                                    ],
                                    "bullet": WINGDINGS_BULLET,
                                    "lead": ("Polícia Nacional e OSC", ["Polícia Nacional", "OSC"]),
                                    "budget": ("18.400.000,00", 18400000.0),
                                    "timeline": "2025-2026",
                                    "years": [2025, 2026],
                                },
                            ],
                        },
                    ],
                }
            ],
        },
    ],
}

EN = {
    "name": "en_docx_merged_outcomes",
    "language": "en",
    "country": "Kelora",
    "plan_period": {"start": 2025, "end": 2029},
    "notes": (
        "Word table whose header row is printed once (page 2 only). Outcome -> goal (level_name "
        "'Outcome'), Output -> output ('Output'), Activity -> activity ('Activity'). Banner rows "
        "'Pillar n: ...' give pillar. Outcome cells are merged across outputs and outputs across "
        "activities; the output cell of activity 2.1.2 is left blank (not merged) and means 'same "
        "as above' (output 2.1). Indicator, Baseline and Target are one indicator per activity row "
        "(unit given). Lead -> lead, Partners -> partner. Timeframe: a period gives years, "
        "'Ongoing' gives none; timeline is the cell as written. No budget column. Activity 4.1.1 "
        "and outcome 4 continue on the next page, which has no header."
    ),
    "pillars": [
        {
            "banner": "Pillar 1: Participation",
            "goals": [
                {
                    "code": "1",
                    "label": "Outcome 1:",
                    "text": "Women participate meaningfully in decision making on peace and security at "
                    "national and local levels",
                    "outputs": [
                        {
                            "code": "1.1",
                            "text": "Increased number of women appointed to leadership positions in the security "
                            "sector and in local councils",
                            "activities": [
                                {
                                    "code": "1.1.1",
                                    "text": "Review recruitment and promotion policies of the police and armed forces "
                                    "to remove barriers to the advancement of women",
                                    "indicators": [
                                        {"text": "Percentage of senior police and military posts held by women",
                                         "baseline": "0", "target": "30%", "unit": "percentage"},
                                    ],
                                    "lead": ("Ministries of Interior, Justice and Defence",
                                             ["Ministry of Interior", "Ministry of Justice", "Ministry of Defence"]),
                                    "partners": ("UN Women, UNDP & CSOs", ["UN Women", "UNDP", "CSOs"]),
                                    "timeline": "2025-2027",
                                    "years": [2025, 2026, 2027],
                                },
                                {
                                    "code": "1.1.2",
                                    "text": "Establish a mentoring programme linking women officers with senior leaders "
                                    "in the security institutions",
                                    "indicators": [
                                        {"text": "Number of women officers enrolled in the mentoring programme",
                                         "baseline": "12", "target": "150", "unit": "number"},
                                    ],
                                    "lead": ("Kelora National Police", ["Kelora National Police"]),
                                    "partners": ("Women Police Network", ["Women Police Network"]),
                                    "timeline": "2026-2028",
                                    "years": [2026, 2027, 2028],
                                },
                            ],
                        },
                        {
                            "code": "1.2",
                            "text": "Women's organisations are represented in peace negotiations and national "
                            "dialogue processes",
                            "activities": [
                                {
                                    "code": "1.2.1",
                                    "text": "Train women leaders from civil society in negotiation, mediation and "
                                    "conflict analysis skills",
                                    "indicators": [
                                        {"text": "Percentage of delegates to national dialogue processes who are women",
                                         "baseline": "0", "target": "30%", "unit": "percentage"},
                                    ],
                                    "lead": ("Ministry of Gender Equality", ["Ministry of Gender Equality"]),
                                    "partners": ("UN Women, CSOs and academia", ["UN Women", "CSOs", "academia"]),
                                    "timeline": "Ongoing",
                                    "years": [],
                                },
                            ],
                        },
                    ],
                }
            ],
        },
        {
            "banner": "Pillar 2: Prevention",
            "goals": [
                {
                    "code": "2",
                    "label": "Outcome 2:",
                    "text": "Conflict prevention and early warning systems address the specific risks faced by "
                    "women and girls",
                    "outputs": [
                        {
                            "code": "2.1",
                            "text": "Gender-sensitive indicators are integrated into the national early warning "
                            "and response system",
                            "merge": False,
                            "activities": [
                                {
                                    "code": "2.1.1",
                                    "text": "Revise the early warning data collection tools to capture threats "
                                    "against women human rights defenders",
                                    "indicators": [
                                        {"text": "Existence of revised early warning tools that include gender indicators",
                                         "baseline": "No", "target": "Yes", "unit": "text"},
                                    ],
                                    "lead": ("Office of National Security", ["Office of National Security"]),
                                    "partners": ("UNDP", ["UNDP"]),
                                    "timeline": "2025",
                                    "years": [2025],
                                },
                                {
                                    "code": "2.1.2",
                                    "text": "Train community focal points in collecting and reporting early warning "
                                    "information disaggregated by sex and age",
                                    "indicators": [
                                        {"text": "Number of community focal points trained, of whom at least half are women",
                                         "baseline": "0", "target": "400", "unit": "number"},
                                    ],
                                    "lead": ("Office of National Security", ["Office of National Security"]),
                                    "partners": ("CSOs and local councils", ["CSOs", "local councils"]),
                                    "timeline": "2025-2026",
                                    "years": [2025, 2026],
                                },
                            ],
                        },
                    ],
                }
            ],
        },
        {
            "banner": "Pillar 3: Protection",
            "goals": [
                {
                    "code": "3",
                    "label": "Outcome 3:",
                    "text": "Women and girls affected by conflict are protected from sexual and gender-based "
                    "violence and have access to justice",
                    "outputs": [
                        {
                            "code": "3.1",
                            "text": "Survivors of sexual and gender-based violence have access to quality "
                            "multisectoral services",
                            "activities": [
                                {
                                    "code": "3.1.1",
                                    "text": "Establish one-stop centres offering medical, psychosocial and legal "
                                    "support in each district hospital",
                                    "indicators": [
                                        {"text": "Percentage of districts with a functioning one-stop centre",
                                         "baseline": "0", "target": "30%", "unit": "percentage"},
                                    ],
                                    "lead": ("Ministry of Health", ["Ministry of Health"]),
                                    "partners": ("UNFPA, WHO & CSOs", ["UNFPA", "WHO", "CSOs"]),
                                    "timeline": "2025-2029",
                                    "years": [2025, 2026, 2027, 2028, 2029],
                                },
                                {
                                    "code": "3.1.2",
                                    "text": "Deploy specialised prosecutors and train judges on the handling of "
                                    "sexual violence cases",
                                    "indicators": [
                                        {"text": "Number of judges and prosecutors trained on sexual violence cases",
                                         "baseline": "25", "target": "120", "unit": "number"},
                                    ],
                                    "lead": ("Ministry of Justice", ["Ministry of Justice"]),
                                    "partners": ("Bar Association and UNDP", ["Bar Association", "UNDP"]),
                                    "timeline": "2026-2027",
                                    "years": [2026, 2027],
                                },
                            ],
                        },
                        {
                            "code": "3.2",
                            "text": "Security sector institutions have accountability mechanisms for misconduct "
                            "against women",
                            "activities": [
                                {
                                    "code": "3.2.1",
                                    "text": "Set up a confidential complaints mechanism for sexual exploitation and "
                                    "abuse within the security forces",
                                    "indicators": [
                                        {"text": "Percentage of complaints investigated within 90 days",
                                         "baseline": "0", "target": "30%", "unit": "percentage"},
                                    ],
                                    "lead": ("Ministry of Defence", ["Ministry of Defence"]),
                                    "partners": ("Human Rights Commission", ["Human Rights Commission"]),
                                    "timeline": "2027",
                                    "years": [2027],
                                },
                            ],
                        },
                    ],
                }
            ],
        },
        {
            "banner": "Pillar 4: Relief and Recovery",
            "goals": [
                {
                    "code": "4",
                    "label": "Outcome 4:",
                    "text": "Relief and recovery programmes respond to the needs and priorities of women and "
                    "girls",
                    "outputs": [
                        {
                            "code": "4.1",
                            "text": "Women participate in the design and monitoring of humanitarian and "
                            "recovery programmes",
                            "activities": [
                                {
                                    "must_split": True,
                                    "code": "4.1.1",
                                    "text": "Include women's organisations in the coordination clusters of the "
                                    "national disaster management agency",
                                    "indicators": [
                                        {"text": "Percentage of cluster members who represent women's organisations",
                                         "baseline": "0", "target": "30%", "unit": "percentage"},
                                    ],
                                    "lead": ("National Disaster Management Agency", ["National Disaster Management Agency"]),
                                    "partners": ("OCHA, UN Women and CSOs", ["OCHA", "UN Women", "CSOs"]),
                                    "timeline": "Ongoing",
                                    "years": [],
                                },
                                {
                                    "code": "4.1.2",
                                    "text": "Provide livelihood grants and vocational training to women heads of "
                                    "households in areas affected by conflict",
                                    "indicators": [
                                        {"text": "Number of women heads of households receiving livelihood grants",
                                         "baseline": "0", "target": "2,000", "unit": "number"},
                                    ],
                                    "lead": ("Ministry of Social Welfare", ["Ministry of Social Welfare"]),
                                    "partners": ("World Bank, WFP and NGOs", ["World Bank", "WFP", "NGOs"]),
                                    "timeline": "2026-2029",
                                    "years": [2026, 2027, 2028, 2029],
                                },
                            ],
                        },
                    ],
                }
            ],
        },
    ],
}

# --------------------------------------------------------------------------------------
# python-docx helpers
# --------------------------------------------------------------------------------------


def _el(tag: str, **attrs: str):
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(k), v)
    return e


def _new_document(lang: str, font: str = "Arial", size: float = 10) -> Document:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), font)
    rpr.append(_el("w:lang", **{"w:val": lang}))
    normal.paragraph_format.space_after = Pt(6)
    # no automatic hyphenation anywhere in the document (elements put where the schema wants them)
    normal.element.get_or_add_pPr().insert_element_before(
        _el("w:suppressAutoHyphens"), "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
        "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
        "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
        "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
        "w:sectPr", "w:pPrChange")
    settings = doc.settings.element
    for old in settings.findall(qn("w:autoHyphenation")):
        settings.remove(old)
    anchor = settings.find(qn("w:defaultTabStop"))
    hyph = _el("w:autoHyphenation", **{"w:val": "false"})
    if anchor is not None:
        anchor.addnext(hyph)
    else:
        settings.insert(0, hyph)
    for name in ("Heading 1", "Heading 2", "Title"):
        st = doc.styles[name]
        st.font.name = font
        st.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        st_rfonts = st.element.get_or_add_rPr().find(qn("w:rFonts"))
        if st_rfonts is not None:
            for attr in list(st_rfonts.attrib):
                del st_rfonts.attrib[attr]
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                st_rfonts.set(qn(attr), font)
    return doc


def _margins(section, top=2.0, bottom=2.0, left=2.0, right=2.0, landscape=False) -> None:
    """A4 page (python-docx's template is US Letter) with the given margins."""
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.left_margin, section.right_margin = Cm(left), Cm(right)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)


def _footer(section, before: str, after: str = "") -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(before)
    run.font.size = Pt(8)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = p.add_run()
        r.font.size = Pt(8)
        if kind:
            r._r.append(_el("w:fldChar", **{"w:fldCharType": kind}))
        elif text == " PAGE ":
            it = _el("w:instrText")
            it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            it.text = text
            r._r.append(it)
        else:
            r.text = text
    if after:
        p.add_run(after).font.size = Pt(8)


def _page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _para(doc, text: str, *, size=None, bold=False, align=None, space_after=None, style=None, color=None):
    p = doc.add_paragraph(style=style)
    r = p.add_run(text)
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    if color:
        r.font.color.rgb = RGBColor.from_string(color)
    if align is not None:
        p.alignment = align
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    return p


def _shade(cell, fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    tcPr.append(_el("w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": fill}))


def _row_flags(row, *, header=False, cant_split=False) -> None:
    trPr = row._tr.get_or_add_trPr()
    if cant_split:
        trPr.append(_el("w:cantSplit"))
    if header:
        trPr.append(_el("w:tblHeader"))


def _table(doc, widths_cm: list[float], n_rows: int):
    table = doc.add_table(rows=n_rows, cols=len(widths_cm))
    table.style = doc.styles["Table Grid"]
    table.autofit = False  # fixed layout
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
        gc.set(qn("w:w"), str(int(round(w * 567))))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm):
            cell.width = Cm(w)
    tblPr = table._tbl.tblPr
    tblW = tblPr.find(qn("w:tblW"))
    if tblW is not None:
        tblW.set(qn("w:type"), "dxa")
        tblW.set(qn("w:w"), str(int(round(sum(widths_cm) * 567))))
    return table


def _write(cell, paras, *, size=8, bold=False, align=None, color=None) -> None:
    """Fill a cell. paras: list of str, or of (bullet, bullet_font, text) for bulleted items."""
    first = True
    for item in paras:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        pf = p.paragraph_format
        pf.space_after = Pt(2)
        pf.space_before = Pt(0)
        if align is not None:
            p.alignment = align
        runs: list[tuple[str, str | None]]
        if isinstance(item, tuple):
            bullet, bfont, text = item
            runs = [(bullet, bfont), ("\t" + text if bfont or bullet in ("▪", "•") else text, None)]
            if bfont or bullet in ("▪", "•"):
                pf.left_indent = Cm(0.35)
                pf.first_line_indent = Cm(-0.35)
                pf.tab_stops.add_tab_stop(Cm(0.35))
        else:
            runs = [(item, None)]
        for text, font in runs:
            r = p.add_run(text)
            r.font.size = Pt(size)
            r.bold = bold
            if color:
                r.font.color.rgb = RGBColor.from_string(color)
            if font:
                r.font.name = font
                r._r.get_or_add_rPr().find(qn("w:rFonts")).set(qn("w:cs"), font)


def _bullets(items: list[dict], bullet: str) -> list:
    if bullet == WINGDINGS_BULLET:
        return [(WINGDINGS_BULLET, "Wingdings", it["text"]) for it in items]
    if bullet in ("▪", "•"):
        return [(bullet, None, it["text"]) for it in items]
    return [bullet + it["text"] for it in items]  # "- " typed by hand


def _printed(label: str, text: str) -> str:
    return f"{label} {text}"


# --------------------------------------------------------------------------------------
# Logframe table: rows for one sample, with merges.  Returns, for each record, where its
# first words are printed (column index, printed text) so its page can be found later.
# --------------------------------------------------------------------------------------


def _logframe_table(doc, spec: dict, columns: dict) -> list[tuple[dict, int, str]]:
    """columns: widths, header builder, activity cell writer, merge flags."""
    widths = columns["widths"]
    n_cols = len(widths)
    n_header = columns["header_rows"]
    rows_needed = n_header
    for pillar in spec["pillars"]:
        rows_needed += 1
        for goal in pillar["goals"]:
            rows_needed += sum(len(o["activities"]) for o in goal["outputs"])
    table = _table(doc, widths, rows_needed)
    columns["header"](table)
    for i in range(n_header):
        _row_flags(table.rows[i], header=columns["repeat_header"], cant_split=True)

    locate: list[tuple[dict, int, str]] = []
    r = n_header
    body = columns["body_size"]
    for pillar in spec["pillars"]:
        banner = table.rows[r].cells[0].merge(table.rows[r].cells[n_cols - 1])
        _shade(banner, columns["banner_fill"])
        _write(banner, [pillar["banner"]], size=body + 1, bold=True, color=columns.get("banner_color"))
        _row_flags(table.rows[r], cant_split=True)
        r += 1
        for goal in pillar["goals"]:
            g_rows = sum(len(o["activities"]) for o in goal["outputs"])
            gcell = table.cell(r, 0)
            if g_rows > 1:
                gcell = gcell.merge(table.cell(r + g_rows - 1, 0))
            _shade(gcell, columns["goal_fill"])
            printed = _printed(goal["label"], goal["text"])
            _write(gcell, [printed], size=body, bold=True)
            locate.append((goal, 0, printed))
            for out in goal["outputs"]:
                o_rows = len(out["activities"])
                ocell = table.cell(r, 1)
                if o_rows > 1 and out.get("merge", True):
                    ocell = ocell.merge(table.cell(r + o_rows - 1, 1))
                printed = _printed(out["code"], out["text"])
                _write(ocell, [printed], size=body)
                locate.append((out, 1, printed))
                for act in out["activities"]:
                    printed = _printed(act["code"], act["text"])
                    _write(table.cell(r, 2), [printed], size=body)
                    locate.append((act, 2, printed))
                    columns["activity"](table.rows[r], act)
                    r += 1
    for row in table.rows:
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    return locate


# ---- French -------------------------------------------------------------------------

FR_YEARS = [2025, 2026, 2027, 2028, 2029]


def _fr_header(table) -> None:
    h0, h1 = table.rows[0], table.rows[1]
    labels = ["Objectif spécifique", "Résultat attendu", "Activités", "Indicateurs", "Responsable", "Partenaires"]
    for i, lab in enumerate(labels):
        c = h0.cells[i].merge(h1.cells[i])
        _write(c, [lab], size=8, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, color="FFFFFF")
        _shade(c, "1F3A5F")
    cal = h0.cells[6].merge(h0.cells[10])
    _write(cal, ["Calendrier de mise en œuvre"], size=8, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, color="FFFFFF")
    _shade(cal, "1F3A5F")
    for j, y in enumerate(FR_YEARS):
        c = table.cell(1, 6 + j)
        _write(c, [str(y)], size=7, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, color="FFFFFF")
        _shade(c, "2E5C8A")
    b = table.cell(0, 11).merge(table.cell(1, 11))
    _write(b, ["Budget (FCFA)"], size=8, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, color="FFFFFF")
    _shade(b, "1F3A5F")


def _fr_activity(row, act) -> None:
    c = row.cells
    _write(c[3], _bullets(act["indicators"], act["bullet"]), size=8)
    _write(c[4], [act["lead"][0]], size=8)
    _write(c[5], [act["partners"][0]], size=8)
    for j, y in enumerate(FR_YEARS):
        mark = act["marks"].get(y)
        if mark:
            _write(c[6 + j], [mark], size=8, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            _shade(c[6 + j], "D9E2F3")
    _write(c[11], [act["budget"][0]], size=8, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _build_fr(spec: dict):
    doc = _new_document("fr-FR")
    sec = doc.sections[0]
    _margins(sec, top=1.8, bottom=1.8, left=1.6, right=1.6)
    _footer(sec, "PAN 1325 de la Sanouga (2025-2029) – page ")
    _para(doc, "RÉPUBLIQUE DE SANOUGA", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=2)
    _para(doc, "Unité – Travail – Progrès", size=10, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4)
    _para(doc, "Ministère de la Femme, de la Famille et de l'Enfant", size=11, align=WD_ALIGN_PARAGRAPH.CENTER,
          space_after=120)
    _para(doc, "Plan d'action national pour la mise en œuvre de la Résolution 1325 (2025-2029)",
          size=22, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=18, color="1F3A5F")
    _para(doc, "Femmes, paix et sécurité", size=14, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=160)
    _para(doc, "Version validée par l'atelier national de validation", size=10, align=WD_ALIGN_PARAGRAPH.CENTER)
    _page_break(doc)

    doc.add_heading("Sigles et abréviations", level=1)
    sigles = [
        ("CEDEAO", "Communauté économique des États de l'Afrique de l'Ouest"),
        ("CICR", "Comité international de la Croix-Rouge"),
        ("CNDH", "Commission nationale des droits de l'homme"),
        ("FDS", "Forces de défense et de sécurité"),
        ("MDN", "Ministère de la Défense nationale"),
        ("MFFE", "Ministère de la Femme, de la Famille et de l'Enfant"),
        ("MJDH", "Ministère de la Justice et des Droits humains"),
        ("OMS", "Organisation mondiale de la santé"),
        ("ONU Femmes", "Entité des Nations Unies pour l'égalité des sexes et l'autonomisation des femmes"),
        ("OSC", "Organisations de la société civile"),
        ("PAN", "Plan d'action national"),
        ("PNS", "Police nationale sanougaise"),
        ("PNUD", "Programme des Nations Unies pour le développement"),
        ("UA", "Union africaine"),
        ("UNFPA", "Fonds des Nations Unies pour la population"),
        ("VBG", "Violences basées sur le genre"),
    ]
    t = _table(doc, [3.5, 12.0], len(sigles) + 1)
    _write(t.cell(0, 0), ["Sigle"], size=9, bold=True)
    _write(t.cell(0, 1), ["Signification"], size=9, bold=True)
    _shade(t.cell(0, 0), "D9E2F3")
    _shade(t.cell(0, 1), "D9E2F3")
    for i, (s, m) in enumerate(sigles, start=1):
        _write(t.cell(i, 0), [s], size=9, bold=True)
        _write(t.cell(i, 1), [m], size=9)
    _para(doc, "", space_after=6)
    doc.add_heading("Introduction", level=1)
    for txt in (
        "Le présent Plan d'action national (PAN) traduit l'engagement du Gouvernement de la Sanouga à "
        "mettre en œuvre la Résolution 1325 du Conseil de sécurité des Nations Unies et les résolutions "
        "connexes sur les femmes, la paix et la sécurité. Il s'appuie sur les leçons tirées du premier "
        "plan et sur les consultations menées dans les huit régions du pays.",
        "Le PAN est structuré autour de piliers thématiques. Pour chaque pilier, le cadre logique ci-après "
        "précise les objectifs spécifiques, les résultats attendus, les activités, les indicateurs, les "
        "structures responsables, le calendrier de mise en œuvre et le budget estimatif.",
    ):
        _para(doc, txt, align=WD_ALIGN_PARAGRAPH.LEFT)

    land = doc.add_section(WD_SECTION.NEW_PAGE)
    _margins(land, top=1.6, bottom=1.6, left=1.5, right=1.5, landscape=True)
    doc.add_heading("Cadre logique", level=1)
    _para(doc, "Tableau 2 : Cadre logique du PAN 1325 (2025-2029)", size=9, bold=True, space_after=4)
    columns = {
        "widths": [2.9, 3.0, 4.4, 4.1, 2.6, 2.6, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0],
        "header_rows": 2,
        "repeat_header": True,
        "header": _fr_header,
        "activity": _fr_activity,
        "body_size": 8,
        "banner_fill": "F4B183",
        "goal_fill": "FBE5D6",
        "cells": lambda a: [(3, i["text"]) for i in a["indicators"]]
        + [(4, a["lead"][0]), (5, a["partners"][0]), (11, a["budget"][0])],
    }
    locate = _logframe_table(doc, spec, columns)
    _para(doc, "", space_after=6)
    _para(doc, "Le budget total estimatif du cadre logique est présenté en francs CFA (FCFA).", size=9)
    return doc, columns, locate


# ---- Portuguese ---------------------------------------------------------------------


def _pt_header(table) -> None:
    labels = ["Eixo/Objetivo", "Resultados esperados", "Ações", "Indicadores de desempenho",
              "Entidade responsável", "Orçamento (Kz)", "Prazo"]
    for i, lab in enumerate(labels):
        c = table.cell(0, i)
        _write(c, [lab], size=10, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _shade(c, "C5E0B4")


def _pt_activity(row, act) -> None:
    c = row.cells
    _write(c[3], _bullets(act["indicators"], act["bullet"]), size=8)
    _write(c[4], [act["lead"][0]], size=8)
    _write(c[5], [act["budget"][0]], size=8, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _write(c[6], [act["timeline"]], size=8, align=WD_ALIGN_PARAGRAPH.CENTER)


def _build_pt(spec: dict):
    doc = _new_document("pt-PT")
    sec = doc.sections[0]
    _margins(sec, top=2.0, bottom=2.0, left=2.5, right=2.0)
    _footer(sec, "Plano de Acção Nacional 1325 – ")
    _para(doc, "REPÚBLICA DE ONDALA", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4)
    _para(doc, "Ministério da Acção Social, Família e Promoção da Mulher", size=11,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=140)
    _para(doc, "Plano de Acção Nacional para a Implementação da Resolução 1325 do Conselho de Segurança "
               "das Nações Unidas sobre Mulheres, Paz e Segurança", size=20, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=14, color="385723")
    _para(doc, "2025-2030", size=16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=170)
    _para(doc, "Kalundo, Março de 2025", size=10, align=WD_ALIGN_PARAGRAPH.CENTER)
    _page_break(doc)
    doc.add_heading("1. Introdução", level=1)
    for txt in (
        "O presente Plano de Acção Nacional (PAN) define as prioridades do Executivo da República de Ondala "
        "para a implementação da Agenda Mulheres, Paz e Segurança no período de 2025 a 2030. O PAN foi "
        "elaborado de forma participativa, com contributos das províncias, das organizações da sociedade "
        "civil (OSC) e dos parceiros de cooperação.",
        "O PAN está organizado em três eixos estratégicos: Participação, Prevenção e Proteção. Para cada "
        "eixo, o quadro lógico apresentado na secção seguinte define os objetivos, os resultados esperados, "
        "as ações, os indicadores de desempenho, as entidades responsáveis, o orçamento e o prazo.",
        "A coordenação da implementação cabe ao Ministério da Acção Social, Família e Promoção da Mulher "
        "(MASFAMU), que preside ao Comité Nacional de Seguimento e apresenta um relatório anual ao Conselho "
        "de Ministros.",
    ):
        _para(doc, txt)
    doc.add_heading("2. Metodologia de seguimento e avaliação", level=1)
    _para(doc, "Os indicadores de desempenho serão recolhidos anualmente pelos pontos focais de género dos "
               "ministérios e consolidados pelo MASFAMU. Uma avaliação intercalar terá lugar em 2027 e uma "
               "avaliação final em 2030.")

    land = doc.add_section(WD_SECTION.NEW_PAGE)
    _margins(land, top=1.8, bottom=1.8, left=1.8, right=1.8, landscape=True)
    doc.add_heading("3. Quadro lógico", level=1)
    _para(doc, "Quadro 1 – Quadro lógico do Plano de Acção Nacional 2025-2030", size=9, bold=True, space_after=4)
    columns = {
        "widths": [3.6, 4.0, 5.4, 4.4, 2.6, 2.5, 2.0],
        "header_rows": 1,
        "repeat_header": True,
        "header": _pt_header,
        "activity": _pt_activity,
        "body_size": 8,
        "banner_fill": "A9D18E",
        "goal_fill": "E2F0D9",
        "cells": lambda a: [(3, i["text"]) for i in a["indicators"]]
        + [(4, a["lead"][0]), (5, a["budget"][0]), (6, a["timeline"])],
    }
    locate = _logframe_table(doc, spec, columns)
    return doc, columns, locate


# ---- English ------------------------------------------------------------------------


def _en_header(table) -> None:
    labels = ["Outcome", "Output", "Activity", "Indicator", "Baseline", "Target", "Lead", "Partners", "Timeframe"]
    for i, lab in enumerate(labels):
        c = table.cell(0, i)
        _write(c, [lab], size=7.5, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, color="FFFFFF")
        _shade(c, "7030A0")


def _en_activity(row, act) -> None:
    c = row.cells
    ind = act["indicators"][0]
    _write(c[3], [ind["text"]], size=7.5)
    _write(c[4], [ind["baseline"]], size=7.5, align=WD_ALIGN_PARAGRAPH.CENTER)
    _write(c[5], [ind["target"]], size=7.5, align=WD_ALIGN_PARAGRAPH.CENTER)
    _write(c[6], [act["lead"][0]], size=7.5)
    _write(c[7], [act["partners"][0]], size=7.5)
    _write(c[8], [act["timeline"]], size=7.5, align=WD_ALIGN_PARAGRAPH.CENTER)


def _build_en(spec: dict):
    doc = _new_document("en-GB")
    sec = doc.sections[0]
    _margins(sec, top=2.0, bottom=2.0, left=1.4, right=1.4)
    _footer(sec, "Kelora National Action Plan on Women, Peace and Security | ")
    _para(doc, "REPUBLIC OF KELORA", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=150)
    _para(doc, "National Action Plan on Women, Peace and Security 2025-2029", size=22, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12, color="7030A0")
    _para(doc, "Implementing United Nations Security Council Resolution 1325 and related resolutions", size=12,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    _para(doc, "Ministry of Gender Equality", size=11, align=WD_ALIGN_PARAGRAPH.CENTER)
    _page_break(doc)
    doc.add_heading("Results Framework", level=1)
    _para(doc, "The results framework below sets out the outcomes, outputs and activities of the National "
               "Action Plan under each of its four pillars, with the indicators, baselines and targets that the "
               "National Steering Committee will use to monitor progress each year.", space_after=8)
    columns = {
        "widths": [2.1, 2.3, 2.6, 2.4, 1.5, 1.3, 2.1, 2.0, 1.9],
        "header_rows": 1,
        "repeat_header": False,
        "header": _en_header,
        "activity": _en_activity,
        "body_size": 7.5,
        "banner_fill": "D9C3E9",
        "goal_fill": "F2EAF8",
        "cells": lambda a: [(3, a["indicators"][0]["text"]), (4, a["indicators"][0]["baseline"]),
                            (5, a["indicators"][0]["target"]), (6, a["lead"][0]), (7, a["partners"][0]),
                            (8, a["timeline"])],
    }
    locate = _logframe_table(doc, spec, columns)
    _para(doc, "", space_after=6)
    doc.add_heading("Monitoring and reporting", level=1)
    _para(doc, "Line ministries report on their activities to the Ministry of Gender Equality every six months. "
               "A mid-term review will be conducted in 2027 and a final evaluation in 2029.")
    return doc, columns, locate


BUILDERS = {"fr_docx_cadre_logique": (FR, _build_fr), "pt_docx_quadro_logico": (PT, _build_pt),
            "en_docx_merged_outcomes": (EN, _build_en)}

# --------------------------------------------------------------------------------------
# Conversion and page location
# --------------------------------------------------------------------------------------


def _convert(docx_path: pathlib.Path, out_dir: pathlib.Path) -> pathlib.Path:
    profile = pathlib.Path(tempfile.gettempdir()) / f"naplog_lo_{uuid.uuid4().hex}"
    try:
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=240,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / (docx_path.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice did not produce {pdf}")
    return pdf


def write_sample(name: str, doc, expected: dict, out_dir: pathlib.Path) -> pathlib.Path:  # noqa: ANN001 - a Document
    """Save ``doc`` as ``out_dir/name.pdf`` through LibreOffice, and ``expected`` beside it as
    ``name.expected.json``; the PDF's path."""
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="naplog_docx_") as tmp:
        docx_path = pathlib.Path(tmp) / f"{name}.docx"
        doc.save(str(docx_path))
        pdf = out_dir / f"{name}.pdf"
        shutil.copyfile(_convert(docx_path, pathlib.Path(tmp)), pdf)
    (out_dir / f"{name}.expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return pdf


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


class _PdfIndex:
    """Words of every page, and the x position of the logframe table's columns."""

    def __init__(self, pdf_path: pathlib.Path, widths_cm: list[float], header_word: str):
        self.pages = []
        with pdfplumber.open(pdf_path) as pdf:
            for page in pdf.pages:
                words = page.extract_words()
                tables = page.find_tables()
                x0 = None
                for t in tables:
                    if len(t.columns) >= len(widths_cm) - 1:
                        x0 = t.bbox[0]
                self.pages.append({"words": words, "height": page.height, "x0": x0})
        self.widths = [w * PT_PER_CM for w in widths_cm]
        self.header_word = header_word

    def column_words(self, page_no: int, col: int) -> list[dict]:
        """Words of one column of the logframe table on a page, in reading order, header and
        footer left out."""
        pg = self.pages[page_no]
        if pg["x0"] is None:
            return []
        left = pg["x0"] + sum(self.widths[:col])
        right = left + self.widths[col]
        words = [w for w in pg["words"] if left - 1 <= (w["x0"] + w["x1"]) / 2 <= right + 1]
        header_bottom = min((w["bottom"] for w in pg["words"] if w["text"] == self.header_word), default=None)
        if header_bottom is not None:
            words = [w for w in words if w["top"] > header_bottom + 1]
        words = [w for w in words if w["bottom"] < pg["height"] - 1.5 * PT_PER_CM]
        words.sort(key=lambda w: w["top"])
        lines: list[list[dict]] = []
        for w in words:
            if lines and abs(w["top"] - lines[-1][0]["top"]) < 2.5:
                lines[-1].append(w)
            else:
                lines.append([w])
        out = []
        for line in lines:
            line.sort(key=lambda v: v["x0"])
            for k, w in enumerate(line):
                out.append(dict(w, line_end=k == len(line) - 1))
        return out

    def column_stream(self, col: int) -> tuple[list[str], list[int]]:
        """Tokens of a column over all pages; a compound word broken after its hyphen at the
        end of a line ("Gender-" / "sensitive") is one token again, as the contract joins it."""
        tokens, pages, glue = [], [], False
        for p in range(len(self.pages)):
            for w in self.column_words(p, col):
                if glue:
                    tokens[-1] += w["text"]
                else:
                    tokens.append(w["text"])
                    pages.append(p + 1)
                glue = w["line_end"] and len(w["text"]) > 1 and w["text"].endswith("-")
        return tokens, pages

    def find(self, col: int, printed: str, unique: bool = True) -> tuple[int, int]:
        """(first page, last page) of a cell whose text is `printed`; asserts exactly one match
        (at least one when not `unique`)."""
        want = _norm(printed).split(" ")
        tokens, pages = self.column_stream(col)
        hits = [i for i in range(len(tokens) - len(want) + 1) if tokens[i:i + len(want)] == want]
        if len(hits) != 1 and (unique or not hits):
            raise AssertionError(f"{len(hits)} matches in column {col} for {printed!r}")
        i = hits[0]
        return pages[i], pages[i + len(want) - 1]


# --------------------------------------------------------------------------------------
# Expected JSON
# --------------------------------------------------------------------------------------


def _institutions(act: dict) -> list[dict]:
    out = [{"name": n, "role": "lead"} for n in act["lead"][1]]
    if "partners" in act:
        out += [{"name": n, "role": "partner"} for n in act["partners"][1]]
    return out


def _indicator(ind: dict) -> dict:
    d = {"text": ind["text"]}
    for k in ("baseline", "target", "unit"):
        if k in ind:
            d[k] = ind[k]
    return d


def _expected(spec: dict, pages: dict[int, int], level_names: tuple[str, str, str]) -> dict:
    goals = []
    for pillar in spec["pillars"]:
        for goal in pillar["goals"]:
            g = {"code": goal["code"], "text": goal["text"], "level_name": level_names[0],
                 "pillar": pillar["banner"], "page": pages[id(goal)], "indicators": [], "institutions": [],
                 "outputs": []}
            for out in goal["outputs"]:
                o = {"code": out["code"], "text": out["text"], "level_name": level_names[1],
                     "page": pages[id(out)], "indicators": [], "institutions": [], "activities": []}
                for act in out["activities"]:
                    if "marks" in act:
                        years = sorted(act["marks"])
                    else:
                        years = list(act["years"])
                    budget = None
                    if act.get("budget"):
                        budget = {"amount": act["budget"][1], "currency": spec["currency"],
                                  "as_written": act["budget"][0]}
                    o["activities"].append({
                        "code": act["code"], "text": act["text"], "level_name": level_names[2],
                        "page": pages[id(act)],
                        "indicators": [_indicator(i) for i in act["indicators"]],
                        "institutions": _institutions(act),
                        "years": years,
                        "timeline": act.get("timeline"),
                        "budget": budget,
                    })
                g["outputs"].append(o)
            goals.append(g)
    return {
        "file": f"{spec['name']}.pdf",
        "scope_pages": None,
        "document": {"kind": "nap", "language": spec["language"], "country": spec["country"],
                     "plan_period": spec["plan_period"]},
        "goals": goals,
        "notes": spec["notes"],
    }


LEVEL_NAMES = {
    "fr_docx_cadre_logique": ("Objectif spécifique", "Résultat attendu", "Activité"),
    "pt_docx_quadro_logico": ("Objetivo", "Resultado esperado", "Ação"),
    "en_docx_merged_outcomes": ("Outcome", "Output", "Activity"),
}
HEADER_LAST_WORD = {  # a word of the header row's lowest line, to skip repeated headers
    "fr_docx_cadre_logique": "2029",
    "pt_docx_quadro_logico": "Prazo",
    "en_docx_merged_outcomes": "Timeframe",
}


def build_one(name: str, out_dir: pathlib.Path) -> pathlib.Path:
    spec, builder = BUILDERS[name]
    doc, columns, locate = builder(spec)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="naplog_docx_") as tmp:
        tmp_dir = pathlib.Path(tmp)
        docx_path = tmp_dir / f"{name}.docx"
        doc.save(str(docx_path))
        pdf_tmp = _convert(docx_path, tmp_dir)
        index = _PdfIndex(pdf_tmp, columns["widths"], HEADER_LAST_WORD[name])
        pages: dict[int, int] = {}
        for record, col, printed in locate:
            first, last = index.find(col, printed)
            pages[id(record)] = first
            if record.get("must_split"):
                assert last > first, f"{record['code']} was meant to break across pages"
        # every indicator, institution, budget and timeline cell is in the text layer too, whole
        for record, col, printed in locate:
            if "indicators" in record:
                for c, text in columns["cells"](record):
                    index.find(c, text, unique=False)
        pdf = out_dir / f"{name}.pdf"
        shutil.copyfile(pdf_tmp, pdf)
    expected = _expected(spec, pages, LEVEL_NAMES[name])
    (out_dir / f"{name}.expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return pdf


def build_all(out_dir: pathlib.Path) -> list[pathlib.Path]:
    out_dir = pathlib.Path(out_dir)
    return [build_one(name, out_dir) for name in BUILDERS]


if __name__ == "__main__":
    for p in build_all(pathlib.Path(__file__).resolve().parent):
        print(p)
