"""A corpus for the throughput benchmark: generated NAPs and progress reports of realistic size.

    python -m benchmarks.bench_corpus [--docs N] [--scale K] [--out DIR]

Each generated document is 20 to 150 pages of prose in its language (English, French, Spanish or
Portuguese): a cover, a table of contents, acronyms, chapters on the context, the situation
analysis, the pillars, coordination, monitoring and evaluation and the budget, with headings,
paragraphs, bullet lists, a few prose-style tables (statistics, budget summaries), running
headers and numbered footers. A plan carries its results framework (logframe) on a few pages,
drawn with the sample generators' table engine (``samples.reportlab_layouts.TableEngine``) from the
logframe data of the samples (``samples.docx_layouts.EN/FR/PT`` and
``samples.reportlab_layouts._es_plan``); a progress report carries one or two indicator tables.

Generation is deterministic (seeded; reportlab ``invariant=1``): document ``i`` is always the same
bytes. Files are cached in ``.bench/corpus/v<GENERATOR_VERSION>/`` (git-ignored) and reused when
already built. ``--scale K`` builds K times as many documents (new documents ``N..K*N-1`` drawn
the same way, not copies), for the memory-versus-corpus-size run.

The real documents in ``../shared/corpus`` are not generated or copied here; see
``real_documents`` and ``scaled_copies`` (the benchmark's 10x corpus copies them, with a comment
appended so their sha256 differs, into a temporary folder removed after the run).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench" / "corpus"
REAL_CORPUS = ROOT.parent / "shared" / "corpus"

# Bump when the generated documents change: cached files of an older version are not reused.
GENERATOR_VERSION = 1
DEFAULT_DOCS = 12

LANGS = ("en", "fr", "es", "pt")


@dataclass
class DocInfo:
    path: str
    kind: str  # "nap" | "report" | "real"
    language: str
    pages: int
    group: str  # "generated" | "real"


# ---------------------------------------------------------------------------------------------
# Vocabulary: Women, Peace and Security prose in each language
# ---------------------------------------------------------------------------------------------

TEXT: dict[str, dict] = {
    "en": {
        "plan_title": "National Action Plan on Women, Peace and Security {start}-{end}",
        "report_title": "Progress Report on the Implementation of the National Action Plan on Women, "
                        "Peace and Security {start}-{end}",
        "report_period": "Reporting period: January to December {year}",
        "republic": "Republic of {country}",
        "ministry": "Ministry of Gender, Family and Social Affairs",
        "subtitle": "Implementing United Nations Security Council Resolution 1325 (2000) and the subsequent "
                    "resolutions on Women, Peace and Security",
        "toc": "Table of Contents",
        "acronyms": "Acronyms and Abbreviations",
        "page": "Page {n}",
        "annex": "Annex {n}: Results Framework",
        "annex_intro": "The results framework below sets out, for each pillar, the objectives, the expected "
                       "outputs, the activities, their indicators, the institutions responsible and the "
                       "timeframe of implementation.",
        "chapters": ["Foreword", "Executive Summary", "Introduction", "Country Context",
                     "Situation Analysis of Women, Peace and Security", "Lessons from the Previous Plan",
                     "Legal and Policy Framework", "Pillar 1: Participation", "Pillar 2: Prevention",
                     "Pillar 3: Protection", "Pillar 4: Relief and Recovery", "Coordination Mechanisms",
                     "Role of Civil Society", "Monitoring, Evaluation and Learning", "Resource Mobilisation",
                     "Risks and Mitigation Measures", "Communication Strategy", "Conclusion"],
        "report_chapters": ["Foreword", "Executive Summary", "Introduction", "Methodology",
                            "Progress under Pillar 1: Participation", "Progress under Pillar 2: Prevention",
                            "Progress under Pillar 3: Protection", "Progress under Pillar 4: Relief and Recovery",
                            "Coordination and Reporting", "Financing of the Plan", "Challenges",
                            "Lessons Learned", "Recommendations", "Conclusion"],
        "sections": ["Background", "Key issues", "Progress made", "Remaining gaps", "Priorities",
                     "Institutional arrangements", "Data and evidence"],
        "sentences": [
            "The Government of {country} reaffirms its commitment to the full, equal and meaningful participation "
            "of women in all efforts to prevent conflict and build sustainable peace.",
            "Women remain under-represented in the security sector, where they account for only {pct}% of "
            "police officers and {pct2}% of the armed forces.",
            "The first National Action Plan, adopted in {year0}, created an inter-ministerial steering committee "
            "chaired by the Ministry of Gender, Family and Social Affairs.",
            "Sexual and gender-based violence continues to affect women and girls in border areas, in camps for "
            "internally displaced persons and in communities recovering from conflict.",
            "Civil society organisations played a central role in the consultations that led to this plan, "
            "with {n} meetings held in all provinces between {year0} and {year}.",
            "The plan is aligned with the national development strategy, the gender equality policy and the "
            "commitments made under the Convention on the Elimination of All Forms of Discrimination against Women.",
            "Local peace committees will include at least {pct}% women members, and their chairs will be trained "
            "in mediation and conflict resolution.",
            "Survivors of violence need access to health care, psychosocial support, legal aid and economic "
            "reintegration services close to where they live.",
            "The monitoring and evaluation framework relies on sex-disaggregated data collected by the national "
            "statistics office and the line ministries.",
            "Climate change, displacement and the proliferation of small arms add new risks for the security of "
            "women and girls in rural areas.",
            "Each lead institution designates a gender focal point who reports every six months to the technical "
            "secretariat of the plan.",
            "The mid-term review conducted in {year} found that {pct}% of planned activities had started, but "
            "that funding remained the main constraint.",
            "Young women and women with disabilities face additional barriers to taking part in decision-making "
            "on peace and security.",
            "Development partners, including UN Women and UNDP, supported the drafting process and will "
            "contribute to the financing of priority activities.",
            "Traditional and religious leaders are key allies in changing the social norms that tolerate violence "
            "against women.",
            "The national budget allocated {amount} million to the implementation of the plan in {year}, "
            "about {pct}% of the estimated cost.",
            "Women's organisations reported that early warning systems rarely take into account the information "
            "they collect in their communities.",
            "Training curricula of the police academy and the military school will include modules on gender, "
            "human rights and the protection of civilians.",
            "The steering committee meets every quarter and publishes an annual progress report, which is "
            "presented to Parliament.",
            "Access to justice for women remains limited by distance, cost and the low number of women judges "
            "and prosecutors.",
        ],
        "bullets": [
            "strengthen the participation of women in peace negotiations and mediation;",
            "increase the number of women in the police, the armed forces and the justice sector;",
            "prevent sexual and gender-based violence in conflict and humanitarian settings;",
            "provide survivors with comprehensive medical, psychosocial and legal services;",
            "integrate gender into early warning and disaster risk reduction systems;",
            "ensure that relief and recovery programmes respond to the needs of women and girls;",
            "collect and publish sex-disaggregated data on peace and security;",
            "support women's organisations and networks of women peacebuilders;",
            "allocate dedicated resources in the national and local budgets;",
            "raise public awareness of the Women, Peace and Security agenda.",
        ],
        "stats_title": "Table {n}: Share of women in selected institutions (%)",
        "stats_rows": ["Parliament", "Cabinet", "National police", "Armed forces", "Judiciary",
                       "Local councils", "Diplomatic service", "Peace committees"],
        "stats_label": "Institution",
        "budget_title": "Table {n}: Estimated budget of the plan by pillar",
        "budget_header": ["Pillar", "Government", "Partners", "Total", "Share (%)"],
        "pillars": ["Participation", "Prevention", "Protection", "Relief and Recovery", "Coordination and M&E"],
        "ind_title": "Table {n}: Progress on the indicators of the plan in {year}",
        "ind_header": ["Indicator", "Baseline", "Target", "Achieved", "Source"],
        "source": ["Ministry of Gender", "National Police", "Statistics Office", "Ministry of Justice", "CSO report"],
        "acronym_list": [("CSO", "Civil Society Organisation"), ("GBV", "Gender-Based Violence"),
                         ("M&E", "Monitoring and Evaluation"), ("NAP", "National Action Plan"),
                         ("UNSCR", "United Nations Security Council Resolution"), ("WPS", "Women, Peace and Security"),
                         ("IDP", "Internally Displaced Person"), ("DDR", "Disarmament, Demobilisation and Reintegration")],
        "columns": ["Output", "Activities", "Indicators", "Lead", "Partners", "Timeframe"],
        "goal_word": "Outcome",
    },
    "fr": {
        "plan_title": "Plan d'Action National pour la mise en œuvre de la Résolution 1325 sur les Femmes, la Paix "
                      "et la Sécurité {start}-{end}",
        "report_title": "Rapport sur l'état d'avancement de la mise en œuvre du Plan d'Action National "
                        "{start}-{end}",
        "report_period": "Période couverte : janvier à décembre {year}",
        "republic": "République de {country}",
        "ministry": "Ministère de la Femme, de la Famille et de l'Enfant",
        "subtitle": "Mise en œuvre de la Résolution 1325 (2000) du Conseil de Sécurité des Nations Unies et des "
                    "résolutions connexes",
        "toc": "Table des matières",
        "acronyms": "Sigles et abréviations",
        "page": "Page {n}",
        "annex": "Annexe {n} : Cadre logique",
        "annex_intro": "Le cadre logique ci-dessous présente, pour chaque pilier, les objectifs, les résultats "
                       "attendus, les activités, les indicateurs, les responsables et le calendrier.",
        "chapters": ["Préface", "Résumé exécutif", "Introduction", "Contexte national",
                     "Analyse de la situation des femmes, de la paix et de la sécurité",
                     "Leçons tirées du premier plan", "Cadre juridique et politique", "Pilier 1 : Participation",
                     "Pilier 2 : Prévention", "Pilier 3 : Protection", "Pilier 4 : Relèvement",
                     "Mécanismes de coordination", "Rôle de la société civile", "Suivi et évaluation",
                     "Mobilisation des ressources", "Risques et mesures d'atténuation", "Stratégie de communication",
                     "Conclusion"],
        "report_chapters": ["Préface", "Résumé exécutif", "Introduction", "Méthodologie",
                            "Progrès du pilier 1 : Participation", "Progrès du pilier 2 : Prévention",
                            "Progrès du pilier 3 : Protection", "Progrès du pilier 4 : Relèvement",
                            "Coordination et rapportage", "Financement du plan", "Défis", "Leçons apprises",
                            "Recommandations", "Conclusion"],
        "sections": ["Contexte", "Enjeux principaux", "Progrès réalisés", "Lacunes", "Priorités",
                     "Dispositif institutionnel", "Données disponibles"],
        "sentences": [
            "Le Gouvernement de {country} réaffirme son engagement en faveur de la participation pleine, égale et "
            "significative des femmes à la prévention des conflits et à la consolidation de la paix.",
            "Les femmes restent sous-représentées dans le secteur de la sécurité, où elles ne représentent que "
            "{pct} % des effectifs de la police et {pct2} % des forces armées.",
            "Le premier Plan d'Action National, adopté en {year0}, a créé un comité de pilotage interministériel "
            "présidé par le Ministère de la Femme, de la Famille et de l'Enfant.",
            "Les violences basées sur le genre continuent de toucher les femmes et les filles dans les zones "
            "frontalières, dans les sites de déplacés et dans les communautés sortant de conflit.",
            "Les organisations de la société civile ont joué un rôle central dans les consultations, avec {n} "
            "ateliers tenus dans toutes les régions entre {year0} et {year}.",
            "Le plan est aligné sur la stratégie nationale de développement, la politique nationale genre et les "
            "engagements pris au titre de la Convention sur l'élimination de toutes les formes de discrimination "
            "à l'égard des femmes.",
            "Les comités locaux de paix compteront au moins {pct} % de femmes et leurs présidentes seront formées "
            "à la médiation et à la gestion des conflits.",
            "Les survivantes de violences doivent avoir accès à des soins de santé, à un soutien psychosocial, à "
            "une assistance juridique et à des services de réinsertion économique.",
            "Le dispositif de suivi et d'évaluation s'appuie sur des données ventilées par sexe collectées par "
            "l'institut national de la statistique et les ministères sectoriels.",
            "Les changements climatiques, les déplacements de population et la prolifération des armes légères "
            "créent de nouveaux risques pour la sécurité des femmes en milieu rural.",
            "Chaque institution responsable désigne un point focal genre qui rend compte tous les six mois au "
            "secrétariat technique du plan.",
            "L'évaluation à mi-parcours réalisée en {year} a montré que {pct} % des activités prévues avaient "
            "démarré, mais que le financement restait la principale contrainte.",
            "Les jeunes femmes et les femmes handicapées rencontrent des obstacles supplémentaires pour participer "
            "aux décisions en matière de paix et de sécurité.",
            "Les partenaires techniques et financiers, dont ONU Femmes et le PNUD, ont appuyé l'élaboration du "
            "plan et contribueront au financement des actions prioritaires.",
            "Les leaders traditionnels et religieux sont des alliés essentiels pour faire évoluer les normes "
            "sociales qui tolèrent les violences faites aux femmes.",
            "Le budget de l'État a alloué {amount} millions à la mise en œuvre du plan en {year}, soit environ "
            "{pct} % du coût estimé.",
        ],
        "bullets": [
            "renforcer la participation des femmes aux négociations de paix et à la médiation ;",
            "accroître le nombre de femmes dans la police, l'armée et la justice ;",
            "prévenir les violences sexuelles et basées sur le genre en situation de conflit ;",
            "offrir aux survivantes une prise en charge médicale, psychosociale et juridique ;",
            "intégrer le genre dans les systèmes d'alerte précoce ;",
            "garantir que les programmes de relèvement répondent aux besoins des femmes et des filles ;",
            "produire et publier des données ventilées par sexe ;",
            "soutenir les organisations et réseaux de femmes bâtisseuses de paix ;",
            "allouer des ressources spécifiques dans les budgets national et locaux.",
        ],
        "stats_title": "Tableau {n} : Proportion de femmes dans certaines institutions (%)",
        "stats_rows": ["Assemblée nationale", "Gouvernement", "Police nationale", "Forces armées", "Magistrature",
                       "Conseils communaux", "Diplomatie", "Comités de paix"],
        "stats_label": "Institution",
        "budget_title": "Tableau {n} : Budget estimatif du plan par pilier",
        "budget_header": ["Pilier", "État", "Partenaires", "Total", "Part (%)"],
        "pillars": ["Participation", "Prévention", "Protection", "Relèvement", "Coordination et suivi"],
        "ind_title": "Tableau {n} : Niveau des indicateurs du plan en {year}",
        "ind_header": ["Indicateur", "Référence", "Cible", "Réalisé", "Source"],
        "source": ["Ministère de la Femme", "Police nationale", "Institut de la statistique", "Ministère de la Justice",
                   "Rapport des OSC"],
        "acronym_list": [("OSC", "Organisations de la Société Civile"), ("VBG", "Violences Basées sur le Genre"),
                         ("PAN", "Plan d'Action National"), ("PNUD", "Programme des Nations Unies pour le Développement"),
                         ("FPS", "Femmes, Paix et Sécurité"), ("DDR", "Désarmement, Démobilisation et Réinsertion")],
        "columns": ["Résultat attendu", "Activités", "Indicateurs", "Responsable", "Partenaires", "Calendrier"],
        "goal_word": "Objectif spécifique",
    },
    "es": {
        "plan_title": "Plan de Acción Nacional sobre Mujeres, Paz y Seguridad {start}-{end}",
        "report_title": "Informe de progreso de la implementación del Plan de Acción Nacional sobre Mujeres, Paz "
                        "y Seguridad {start}-{end}",
        "report_period": "Período del informe: enero a diciembre de {year}",
        "republic": "República de {country}",
        "ministry": "Ministerio de la Mujer y Equidad de Género",
        "subtitle": "Implementación de la Resolución 1325 (2000) del Consejo de Seguridad de las Naciones Unidas y "
                    "de las resoluciones posteriores",
        "toc": "Índice",
        "acronyms": "Siglas y acrónimos",
        "page": "Página {n}",
        "annex": "Anexo {n}: Matriz de resultados",
        "annex_intro": "La matriz de resultados organiza las acciones del Estado por eje: objetivos, resultados, "
                       "actividades, indicadores, instituciones responsables, presupuesto y plazo.",
        "chapters": ["Presentación", "Resumen ejecutivo", "Introducción", "Contexto nacional",
                     "Diagnóstico de la situación de las mujeres, la paz y la seguridad",
                     "Lecciones del plan anterior", "Marco normativo", "Eje 1: Participación", "Eje 2: Prevención",
                     "Eje 3: Protección", "Eje 4: Socorro y recuperación", "Mecanismos de coordinación",
                     "Papel de la sociedad civil", "Seguimiento y evaluación", "Movilización de recursos",
                     "Riesgos y medidas de mitigación", "Estrategia de comunicación", "Conclusión"],
        "report_chapters": ["Presentación", "Resumen ejecutivo", "Introducción", "Metodología",
                            "Avances del eje 1: Participación", "Avances del eje 2: Prevención",
                            "Avances del eje 3: Protección", "Avances del eje 4: Socorro y recuperación",
                            "Coordinación e informes", "Financiamiento del plan", "Desafíos",
                            "Lecciones aprendidas", "Recomendaciones", "Conclusión"],
        "sections": ["Antecedentes", "Problemas principales", "Avances", "Brechas", "Prioridades",
                     "Arreglos institucionales", "Datos y evidencia"],
        "sentences": [
            "El Gobierno de {country} reafirma su compromiso con la participación plena, igualitaria y "
            "significativa de las mujeres en la prevención de conflictos y la construcción de paz.",
            "Las mujeres siguen subrepresentadas en el sector de seguridad, donde solo representan el {pct}% del "
            "personal policial y el {pct2}% de las fuerzas armadas.",
            "El primer Plan de Acción Nacional, aprobado en {year0}, creó un comité interinstitucional presidido "
            "por el Ministerio de la Mujer y Equidad de Género.",
            "La violencia basada en género sigue afectando a mujeres y niñas en las zonas fronterizas, en los "
            "albergues de población desplazada y en las comunidades que salen del conflicto.",
            "Las organizaciones de la sociedad civil participaron en las consultas, con {n} talleres realizados en "
            "todos los departamentos entre {year0} y {year}.",
            "El plan está alineado con la estrategia nacional de desarrollo, la política nacional de igualdad y "
            "los compromisos asumidos en la Convención sobre la eliminación de todas las formas de discriminación "
            "contra la mujer.",
            "Los comités locales de paz contarán con al menos un {pct}% de mujeres y sus presidentas recibirán "
            "formación en mediación y resolución de conflictos.",
            "Las sobrevivientes de violencia necesitan acceso a servicios de salud, apoyo psicosocial, asistencia "
            "jurídica y programas de autonomía económica cerca de sus comunidades.",
            "El sistema de seguimiento y evaluación se basa en datos desagregados por sexo recogidos por el "
            "instituto nacional de estadística y los ministerios sectoriales.",
            "El cambio climático, el desplazamiento y la proliferación de armas pequeñas generan nuevos riesgos "
            "para la seguridad de las mujeres en las zonas rurales.",
            "Cada institución responsable designa una persona de enlace de género que informa cada seis meses a "
            "la secretaría técnica del plan.",
            "La evaluación intermedia realizada en {year} constató que el {pct}% de las actividades previstas se "
            "habían iniciado, pero que el financiamiento seguía siendo la principal limitación.",
            "Las mujeres jóvenes y las mujeres con discapacidad enfrentan barreras adicionales para participar en "
            "las decisiones sobre paz y seguridad.",
            "La cooperación internacional, incluida ONU Mujeres y el PNUD, apoyó la elaboración del plan y "
            "contribuirá al financiamiento de las acciones prioritarias.",
            "El presupuesto nacional asignó {amount} millones a la implementación del plan en {year}, cerca del "
            "{pct}% del costo estimado.",
        ],
        "bullets": [
            "fortalecer la participación de las mujeres en las negociaciones de paz y la mediación;",
            "aumentar el número de mujeres en la policía, las fuerzas armadas y la justicia;",
            "prevenir la violencia sexual y basada en género en contextos de conflicto;",
            "brindar a las sobrevivientes atención médica, psicosocial y jurídica integral;",
            "integrar el enfoque de género en los sistemas de alerta temprana;",
            "asegurar que la ayuda humanitaria responda a las necesidades de mujeres y niñas;",
            "producir y publicar datos desagregados por sexo;",
            "apoyar a las organizaciones y redes de mujeres constructoras de paz.",
        ],
        "stats_title": "Cuadro {n}: Porcentaje de mujeres en instituciones seleccionadas (%)",
        "stats_rows": ["Asamblea Legislativa", "Gabinete", "Policía Nacional", "Fuerzas Armadas", "Poder Judicial",
                       "Concejos municipales", "Servicio exterior", "Comités de paz"],
        "stats_label": "Institución",
        "budget_title": "Cuadro {n}: Presupuesto estimado del plan por eje",
        "budget_header": ["Eje", "Estado", "Cooperación", "Total", "Parte (%)"],
        "pillars": ["Participación", "Prevención", "Protección", "Socorro y recuperación", "Coordinación"],
        "ind_title": "Cuadro {n}: Avance de los indicadores del plan en {year}",
        "ind_header": ["Indicador", "Línea base", "Meta", "Logrado", "Fuente"],
        "source": ["Ministerio de la Mujer", "Policía Nacional", "Instituto de Estadística", "Fiscalía General",
                   "Informe de OSC"],
        "acronym_list": [("OSC", "Organizaciones de la Sociedad Civil"), ("VBG", "Violencia Basada en Género"),
                         ("PAN", "Plan de Acción Nacional"), ("MPS", "Mujeres, Paz y Seguridad"),
                         ("PNUD", "Programa de las Naciones Unidas para el Desarrollo")],
        "columns": ["Resultado", "Actividades", "Indicadores", "Responsable", "Presupuesto (USD)", "Plazo"],
        "goal_word": "Objetivo estratégico",
    },
    "pt": {
        "plan_title": "Plano de Acção Nacional sobre Mulheres, Paz e Segurança {start}-{end}",
        "report_title": "Relatório de progresso da implementação do Plano de Acção Nacional sobre Mulheres, Paz e "
                        "Segurança {start}-{end}",
        "report_period": "Período abrangido: janeiro a dezembro de {year}",
        "republic": "República de {country}",
        "ministry": "Ministério da Acção Social, Família e Promoção da Mulher",
        "subtitle": "Implementação da Resolução 1325 (2000) do Conselho de Segurança das Nações Unidas e das "
                    "resoluções subsequentes",
        "toc": "Índice",
        "acronyms": "Siglas e abreviaturas",
        "page": "Página {n}",
        "annex": "Anexo {n}: Quadro lógico",
        "annex_intro": "O quadro lógico apresenta, para cada eixo, os objetivos, os resultados esperados, as "
                       "ações, os indicadores, as entidades responsáveis, o orçamento e o prazo.",
        "chapters": ["Prefácio", "Sumário executivo", "Introdução", "Contexto nacional",
                     "Análise da situação das mulheres, paz e segurança", "Lições do plano anterior",
                     "Quadro legal e político", "Eixo 1: Participação", "Eixo 2: Prevenção", "Eixo 3: Protecção",
                     "Eixo 4: Socorro e recuperação", "Mecanismos de coordenação", "Papel da sociedade civil",
                     "Monitoria e avaliação", "Mobilização de recursos", "Riscos e medidas de mitigação",
                     "Estratégia de comunicação", "Conclusão"],
        "report_chapters": ["Prefácio", "Sumário executivo", "Introdução", "Metodologia",
                            "Progressos do eixo 1: Participação", "Progressos do eixo 2: Prevenção",
                            "Progressos do eixo 3: Protecção", "Progressos do eixo 4: Recuperação",
                            "Coordenação e relatórios", "Financiamento do plano", "Desafios", "Lições aprendidas",
                            "Recomendações", "Conclusão"],
        "sections": ["Antecedentes", "Questões principais", "Progressos", "Lacunas", "Prioridades",
                     "Arranjos institucionais", "Dados e evidências"],
        "sentences": [
            "O Governo de {country} reafirma o seu compromisso com a participação plena, igual e significativa das "
            "mulheres na prevenção de conflitos e na construção da paz.",
            "As mulheres continuam sub-representadas no sector da segurança, onde representam apenas {pct}% do "
            "efectivo da polícia e {pct2}% das forças armadas.",
            "O primeiro Plano de Acção Nacional, aprovado em {year0}, criou um comité interministerial presidido "
            "pelo Ministério da Acção Social, Família e Promoção da Mulher.",
            "A violência baseada no género continua a afectar mulheres e raparigas nas zonas fronteiriças, nos "
            "centros de deslocados e nas comunidades que saem do conflito.",
            "As organizações da sociedade civil participaram nas consultas, com {n} encontros realizados em todas "
            "as províncias entre {year0} e {year}.",
            "O plano está alinhado com a estratégia nacional de desenvolvimento, a política nacional de género e "
            "os compromissos assumidos no âmbito da Convenção sobre a Eliminação de Todas as Formas de "
            "Discriminação contra as Mulheres.",
            "Os comités locais de paz terão pelo menos {pct}% de mulheres e as suas presidentes serão formadas em "
            "mediação e resolução de conflitos.",
            "As sobreviventes de violência precisam de acesso a cuidados de saúde, apoio psicossocial, assistência "
            "jurídica e programas de reinserção económica.",
            "O sistema de monitoria e avaliação baseia-se em dados desagregados por sexo recolhidos pelo instituto "
            "nacional de estatística e pelos ministérios sectoriais.",
            "As alterações climáticas, a deslocação e a proliferação de armas ligeiras criam novos riscos para a "
            "segurança das mulheres nas zonas rurais.",
            "Cada entidade responsável designa um ponto focal de género que informa semestralmente o secretariado "
            "técnico do plano.",
            "A avaliação intercalar realizada em {year} concluiu que {pct}% das ações previstas tinham começado, "
            "mas que o financiamento continuava a ser a principal limitação.",
            "O Orçamento Geral do Estado atribuiu {amount} milhões à implementação do plano em {year}, cerca de "
            "{pct}% do custo estimado.",
        ],
        "bullets": [
            "reforçar a participação das mulheres nas negociações de paz e na mediação;",
            "aumentar o número de mulheres na polícia, nas forças armadas e na justiça;",
            "prevenir a violência sexual e baseada no género em situações de conflito;",
            "garantir às sobreviventes assistência médica, psicossocial e jurídica;",
            "integrar o género nos sistemas de alerta precoce;",
            "assegurar que a ajuda humanitária responda às necessidades das mulheres e raparigas;",
            "produzir e publicar dados desagregados por sexo.",
        ],
        "stats_title": "Tabela {n}: Percentagem de mulheres em instituições seleccionadas (%)",
        "stats_rows": ["Assembleia Nacional", "Governo", "Polícia Nacional", "Forças Armadas", "Magistratura",
                       "Administrações municipais", "Serviço diplomático", "Comités de paz"],
        "stats_label": "Instituição",
        "budget_title": "Tabela {n}: Orçamento estimado do plano por eixo",
        "budget_header": ["Eixo", "Estado", "Parceiros", "Total", "Parte (%)"],
        "pillars": ["Participação", "Prevenção", "Protecção", "Socorro e recuperação", "Coordenação"],
        "ind_title": "Tabela {n}: Progresso dos indicadores do plano em {year}",
        "ind_header": ["Indicador", "Linha de base", "Meta", "Alcançado", "Fonte"],
        "source": ["MASFAMU", "Polícia Nacional", "Instituto de Estatística", "Ministério da Justiça",
                   "Relatório das OSC"],
        "acronym_list": [("OSC", "Organizações da Sociedade Civil"), ("VBG", "Violência Baseada no Género"),
                         ("PAN", "Plano de Acção Nacional"), ("MPS", "Mulheres, Paz e Segurança"),
                         ("MASFAMU", "Ministério da Acção Social, Família e Promoção da Mulher")],
        "columns": ["Resultados esperados", "Ações", "Indicadores", "Entidade responsável", "Orçamento (Kz)",
                    "Prazo"],
        "goal_word": "Objetivo",
    },
}


# ---------------------------------------------------------------------------------------------
# Logframe data, reused from the samples
# ---------------------------------------------------------------------------------------------


def _logframe_spec(lang: str) -> dict:
    """The results framework data of the sample in ``lang`` (docx_layouts' format)."""
    from samples import docx_layouts, reportlab_layouts

    if lang == "en":
        return copy.deepcopy(docx_layouts.EN)
    if lang == "fr":
        return copy.deepcopy(docx_layouts.FR)
    if lang == "pt":
        return copy.deepcopy(docx_layouts.PT)
    pillars = []
    for pillar, gcode, gtext, outputs in reportlab_layouts._es_plan():
        outs = []
        for ocode, otext, rows in outputs:
            acts = []
            for k, r in enumerate(rows, 1):
                text = r.acts[0] if len(r.acts) == 1 else " ".join(f"{chr(97 + j)}) {t}" for j, t in enumerate(r.acts))
                acts.append({"code": f"{ocode}.{k}", "text": text, "indicators": [{"text": t} for t in r.indicators],
                             "lead": (r.inst_printed, r.inst_names), "budget": (r.budget[0], r.budget[1]),
                             "timeline": r.plazo})
            outs.append({"code": ocode, "text": otext, "activities": acts})
        pillars.append({"banner": pillar, "goals": [{"code": gcode, "label": f"{gcode}.", "text": gtext,
                                                      "outputs": outs}]})
    return {"language": "es", "country": "Costa Serena", "plan_period": {"start": 2025, "end": 2029},
            "currency": "USD", "pillars": pillars}


def _indicators(spec: dict) -> list[str]:
    return [i["text"] for p in spec["pillars"] for g in p["goals"] for o in g["outputs"]
            for a in o["activities"] for i in a.get("indicators", [])]


# ---------------------------------------------------------------------------------------------
# The page writer
# ---------------------------------------------------------------------------------------------


class DocWriter:
    """Flowing pages with a running header and a numbered footer; hands the canvas to the
    samples' table engine for the logframe pages."""

    MARGIN = 62.0
    TOP_GAP = 70.0
    BOTTOM = 64.0

    def __init__(self, path: Path, title: str, author: str, running: str, page_label: str):
        from samples import reportlab_layouts as rl

        self.rl = rl
        self.c = rl.new_canvas(path, title, author)
        self.running = running
        self.page_label = page_label
        self.open = False
        self.W, self.H = rl.PORTRAIT
        self.y = 0.0
        self.font, self.bold = rl.TTF_REGULAR, rl.TTF_BOLD

    @property
    def page(self) -> int:
        return self.c.getPageNumber()

    def furniture(self, width: float, height: float) -> None:
        c = self.c
        c.setFont("Helvetica", 7.5)
        c.setFillGray(0.35)
        c.drawString(self.MARGIN if width < 700 else 40, height - 34, self.running)
        c.drawRightString(width - (self.MARGIN if width < 700 else 40), 30, self.page_label.format(n=self.page))
        c.setFillGray(0)

    def new_page(self) -> None:
        if self.open:
            self.furniture(self.W, self.H)
            self.c.showPage()
        self.c.setPageSize(self.rl.PORTRAIT)
        self.c.setPageRotation(0)
        self.open = True
        self.y = self.H - self.TOP_GAP

    def finish(self) -> None:
        if self.open:
            self.furniture(self.W, self.H)
            self.c.showPage()
            self.open = False
        self.c.save()

    def ensure(self, height: float) -> None:
        if not self.open or self.y - height < self.BOTTOM:
            self.new_page()

    def text_block(self, text: str, size: float = 10.0, bold: bool = False, indent: float = 0.0,
                   after: float = 6.0, marker: str | None = None, centre: bool = False) -> None:
        font = self.bold if bold else self.font
        width = self.W - 2 * self.MARGIN - indent - (14 if marker else 0)
        lines = self.rl.wrap_text(text, width, font, size)
        lead = size * 1.32
        keep = min(len(lines), 3)
        self.ensure(lead * keep)
        for i, ln in enumerate(lines):
            if self.y - lead < self.BOTTOM:
                self.new_page()
            self.y -= lead
            self.c.setFont(font, size)
            x = self.MARGIN + indent
            if centre:
                self.c.drawCentredString(self.W / 2, self.y, ln)
                continue
            if marker and i == 0:
                self.c.drawString(x, self.y, marker)
            self.c.drawString(x + (14 if marker else 0), self.y, ln)
        self.y -= after

    def heading(self, text: str, level: int = 1) -> None:
        size = {1: 15.0, 2: 12.0, 3: 10.5}[level]
        self.ensure(size * 1.4 + 60)  # keep with the next lines
        self.y -= 8 if level == 1 else 4
        self.text_block(text, size=size, bold=True, after=6 if level == 1 else 4)

    def table(self, title: str, header: list[str], rows: list[list[str]], widths: list[float],
              ruled: bool, size: float = 8.5) -> None:
        """A small prose-style table (statistics, budget): title, header, one line per row."""
        row_h = size * 1.55
        self.ensure(row_h * (len(rows) + 3))
        self.text_block(title, size=9.5, bold=True, after=3)
        c = self.c
        xs = [self.MARGIN]
        for w in widths:
            xs.append(xs[-1] + w)
        top = self.y
        for r, row in enumerate([header, *rows]):
            y0 = self.y - row_h
            c.setFont(self.bold if r == 0 else self.font, size)
            for i, (x, cell) in enumerate(zip(xs, row)):
                if i and cell.replace(".", "").replace(",", "").replace(" ", "").replace("%", "").isdigit():
                    c.drawRightString(xs[i + 1] - 4, y0 + size * 0.45, cell)
                else:
                    c.drawString(x + 4, y0 + size * 0.45, cell)
            if ruled:
                c.setLineWidth(0.4)
                c.line(xs[0], y0, xs[-1], y0)
            elif r == 0:
                c.setLineWidth(0.6)
                c.line(xs[0], y0, xs[-1], y0)
            self.y = y0
        if ruled:
            c.line(xs[0], top, xs[-1], top)
            for x in xs:
                c.line(x, top, x, self.y)
        self.y -= 12

    # --- the logframe pages, drawn by the samples' table engine -----------------------------
    def logframe(self, spec: dict, t: dict, style: str, heading: str) -> None:
        rl = self.rl
        if self.open:
            self.furniture(self.W, self.H)
            self.c.showPage()
            self.open = False
        mode = "portrait" if style == "grid-portrait" else "landscape"
        pw, ph = rl.PORTRAIT if mode == "portrait" else rl.LANDSCAPE
        cols = t["columns"]
        if mode == "portrait":
            widths = [88.0, 128.0, 112.0, 70.0, 62.0, 52.0]
        else:
            widths = [140.0, 210.0, 170.0, 112.0, 70.0, 60.0]
        x0 = (pw - sum(widths)) / 2
        header = [rl.HeaderCell(0, 0, i, i, [c]) for i, c in enumerate(cols)]
        cfg = rl.TableCfg(col_widths=widths, x0=x0, header=header, header_rows=1, size=7.5, leading=9.2,
                          rules="none" if style == "unruled-landscape" else "grid",
                          header_policy="first_only" if style == "unruled-landscape" else "every_page",
                          header_fill=None if style == "unruled-landscape" else rl.colors.HexColor("#c9c9c9"),
                          span_col=0, page_mode=mode, bottom_margin=48, top_margin=52)

        def footer(p) -> None:  # noqa: ANN001 - samples' Pager
            self.furniture(p.width, p.height)

        def page_top(p, first: bool) -> float:  # noqa: ANN001
            if not first:
                return p.height - 52
            p.c.setFont(self.bold, 13)
            p.c.drawString(x0, p.height - 58, heading)
            y = rl.draw_paragraph(p.c, t["annex_intro"], x0, p.height - 78, sum(widths), self.font, 9, 11.5)
            return y - 8

        items = []
        for pillar in spec["pillars"]:
            items.append(rl.Banner(pillar["banner"], size=9.5, keep_next=True, space_before=4.0,
                                   fill=None if style == "unruled-landscape" else rl.colors.HexColor("#e2e2e2")))
            for g in pillar["goals"]:
                items.append(rl.Banner(f"{t['goal_word']} {g['code']}: {g['text']}", size=8.5, keep_next=True))
                for o in g["outputs"]:
                    for k, a in enumerate(o["activities"]):
                        cells = {}
                        if k == 0:
                            cells[0] = rl.cell(f"{o['code']} {o['text']}")
                        code = a.get("code")
                        cells[1] = rl.cell(f"{code} {a['text']}" if code else a["text"])
                        inds = [i["text"] for i in a.get("indicators", [])]
                        if inds:
                            cells[2] = rl.cell(*inds, bullet="\u2022" if len(inds) > 1 else None)
                        cells[3] = rl.cell(a["lead"][0])
                        if style == "grid-portrait" or lang_has_partners(cols):
                            partners = a.get("partners")
                            if partners:
                                cells[4] = rl.cell(partners[0])
                        elif a.get("budget"):
                            cells[4] = rl.cell(a["budget"][0], align="right")
                        when = a.get("timeline") or _years_text(a)
                        if when:
                            cells[5] = rl.cell(when, align="center")
                        items.append(rl.DataRow(cells, group=f"{g['code']}/{o['code']}", space_before=2.0))
        pager = rl.Pager(self.c, footer)
        rl.TableEngine(pager, cfg, page_top).run(items)
        pager.finish_page()


def lang_has_partners(cols: list[str]) -> bool:
    return cols[4].lower().startswith(("partner", "partenaire"))


def _years_text(a: dict) -> str | None:
    years = a.get("years") or sorted(a.get("marks", {}))
    if not years:
        return None
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


# ---------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------


def _fill(s: str, rng: random.Random, country: str, year: int) -> str:
    return s.format(country=country, pct=rng.randint(4, 38), pct2=rng.randint(2, 19), n=rng.randint(12, 140),
                    year=year, year0=year - rng.randint(4, 9), amount=rng.randint(2, 90))


def _paragraph(rng: random.Random, t: dict, country: str, year: int) -> str:
    return " ".join(_fill(s, rng, country, year) for s in rng.sample(t["sentences"], rng.randint(3, 6)))


def _stats_table(w: DocWriter, rng: random.Random, t: dict, n: int, year: int) -> None:
    years = [str(year - k) for k in (6, 4, 2, 0)]
    rows = [[r, *[f"{rng.uniform(2, 40):.1f}" for _ in years]] for r in rng.sample(t["stats_rows"], rng.randint(5, 8))]
    w.table(t["stats_title"].format(n=n), [t["stats_label"], *years], rows, [180, 70, 70, 70, 70],
            ruled=rng.random() < 0.5)


def _budget_table(w: DocWriter, rng: random.Random, t: dict, n: int) -> None:
    rows, amounts = [], [rng.randint(200, 4000) * 1000 for _ in t["pillars"]]
    total = sum(amounts)
    for p, a in zip(t["pillars"], amounts):
        gov = int(a * rng.uniform(0.2, 0.6))
        rows.append([p, f"{gov:,}", f"{a - gov:,}", f"{a:,}", f"{100 * a / total:.1f}"])
    rows.append(["Total", "", "", f"{total:,}", "100.0"])
    w.table(t["budget_title"].format(n=n), t["budget_header"], rows, [170, 80, 80, 90, 50], ruled=rng.random() < 0.6)


def _indicator_table(w: DocWriter, rng: random.Random, t: dict, n: int, year: int, indicators: list[str]) -> None:
    """A progress report's table: one indicator per line (long names wrap onto the next lines)."""
    c = w.c
    size = 8.0
    widths = [220, 55, 55, 55, 85]
    chosen = rng.sample(indicators, min(len(indicators), rng.randint(5, 9)))
    w.ensure(size * 1.6 * 4)
    w.text_block(t["ind_title"].format(n=n, year=year), size=9.5, bold=True, after=3)
    xs = [w.MARGIN]
    for wd in widths:
        xs.append(xs[-1] + wd)
    w.y -= size * 1.5
    c.setFont(w.bold, size)
    for x, h in zip(xs, t["ind_header"]):
        c.drawString(x + 3, w.y, h)
    c.setLineWidth(0.6)
    c.line(xs[0], w.y - 4, xs[-1], w.y - 4)
    w.y -= 6
    for ind in chosen:
        lines = w.rl.wrap_text(ind, widths[0] - 8, w.font, size)
        if w.y - size * 1.3 * len(lines) < w.BOTTOM:
            w.new_page()
        w.y -= size * 1.4
        base, target = rng.randint(0, 40), rng.randint(40, 90)
        vals = [str(base), str(target), str(rng.randint(base, target)), rng.choice(t["source"])]
        c.setFont(w.font, size)
        c.drawString(xs[0] + 3, w.y, lines[0])
        for i, v in enumerate(vals, 1):
            if i < 4:
                c.drawRightString(xs[i + 1] - 6, w.y, v)
            else:
                c.drawString(xs[i] + 3, w.y, v)
        for ln in lines[1:]:
            w.y -= size * 1.25
            c.drawString(xs[0] + 3, w.y, ln)
    c.line(xs[0], w.y - 4, xs[-1], w.y - 4)
    w.y -= 14


def doc_plan(i: int, quick: bool = False) -> tuple[str, str, int, int]:
    """(kind, language, target pages, seed) of generated document ``i`` (``quick``: 6 to 10 pages,
    for the smoke test)."""
    rng = random.Random(7919 * i + 17)
    lang = LANGS[i % len(LANGS)]
    kind = "report" if i % 3 == 2 or (quick and i % 2 == 1) else "nap"
    if quick:
        pages = 6 + 2 * (i % 3)
    elif i == 0:
        pages = 150  # the single-document benchmark's plan
    elif kind == "nap":
        pages = rng.randint(40, 150)
    else:
        pages = rng.randint(20, 80)
    return kind, lang, pages, 1000 + i


def build_document(path: Path, kind: str, lang: str, target_pages: int, seed: int) -> int:
    """Write one generated plan or report; the number of pages written."""
    rng = random.Random(seed)
    t = TEXT[lang]
    spec = _logframe_spec(lang)
    country = spec["country"]
    start, end = spec["plan_period"]["start"], spec["plan_period"]["end"]
    year = start + rng.randint(1, end - start - 1) if kind == "report" else start - 1
    title = (t["report_title"] if kind == "report" else t["plan_title"]).format(start=start, end=end)
    w = DocWriter(path, title, t["republic"].format(country=country), title[:90], t["page"])
    # cover
    w.new_page()
    w.y = w.H - 150
    w.text_block(t["republic"].format(country=country).upper(), size=14, bold=True, centre=True, after=4)
    w.text_block(t["ministry"], size=11, centre=True, after=90)
    w.text_block(title, size=20, bold=True, centre=True, after=16)
    if kind == "report":
        w.text_block(t["report_period"].format(year=year), size=12, centre=True, after=12)
    w.text_block(t["subtitle"], size=11, centre=True)
    # table of contents (page numbers are estimates, as in a draft)
    chapters = t["report_chapters"] if kind == "report" else t["chapters"]
    chapters = chapters[:max(3, min(len(chapters), target_pages // 5))]
    w.new_page()
    w.heading(t["toc"], 1)
    per = max(1, target_pages // (len(chapters) + 2))
    for k, ch in enumerate(chapters):
        w.ensure(14)
        w.y -= 14
        w.c.setFont(w.font, 10)
        w.c.drawString(w.MARGIN, w.y, f"{k + 1}. {ch}")
        w.c.drawRightString(w.W - w.MARGIN, w.y, str(3 + k * per))
    # acronyms
    w.new_page()
    w.heading(t["acronyms"], 1)
    for acr, long in t["acronym_list"]:
        w.ensure(14)
        w.y -= 14
        w.c.setFont(w.bold, 10)
        w.c.drawString(w.MARGIN, w.y, acr)
        w.c.setFont(w.font, 10)
        w.c.drawString(w.MARGIN + 80, w.y, long)
    # chapters of prose until the target size; the logframe (plan) or indicator tables (report)
    body_target = target_pages - (4 if kind == "nap" else 0)
    styles = {"en": "grid-portrait", "fr": "grid-landscape", "es": "unruled-landscape", "pt": "grid-landscape"}
    logframe_at = rng.randint(len(chapters) // 2, len(chapters) - 1) if kind == "nap" else None
    report_tables = sorted(rng.sample(range(1, len(chapters)), min(len(chapters) - 1, rng.randint(1, 2)))) \
        if kind == "report" else []
    indicators = _indicators(spec)
    table_no = 1
    k = 0
    while k < len(chapters) or w.page < body_target:
        ch = chapters[k % len(chapters)]
        if k >= len(chapters):
            ch = f"{ch} ({k // len(chapters) + 1})"
        w.new_page()
        w.heading(f"{k + 1}. {ch}", 1)
        # enough text that the chapters fill the target size
        remaining = max(1, body_target - w.page)
        left = max(1, len(chapters) - k)
        pages_here = max(1, round(remaining / left)) if k < len(chapters) else 1
        stop = min(w.page + pages_here - 1, body_target)
        sec = 0
        while True:
            w.heading(f"{k + 1}.{sec + 1} {t['sections'][(k + sec) % len(t['sections'])]}", 2)
            for _ in range(rng.randint(1, 3)):
                w.text_block(_paragraph(rng, t, country, year))
            roll = rng.random()
            if roll < 0.3:
                for b in rng.sample(t["bullets"], rng.randint(3, 6)):
                    w.text_block(b, indent=12, marker="\u2022", after=2)
                w.y -= 4
            elif roll < 0.38:
                _stats_table(w, rng, t, table_no, year)
                table_no += 1
            elif roll < 0.43:
                _budget_table(w, rng, t, table_no)
                table_no += 1
            if k in report_tables and sec == 0:
                for _ in range(rng.randint(1, 2)):
                    _indicator_table(w, rng, t, table_no, year, indicators)
                    table_no += 1
            sec += 1
            if w.page >= stop and sec >= 2:
                break
        if k == logframe_at:
            w.logframe(spec, t, styles[lang], t["annex"].format(n=1))
        k += 1
    if kind == "nap" and logframe_at is None:  # pragma: no cover - logframe_at is always set for a plan
        w.logframe(spec, t, styles[lang], t["annex"].format(n=1))
    pages = w.page - (0 if w.open else 1)
    w.finish()
    return pages


def count_pages(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


# ---------------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------------


def corpus_dir(root: Path = CACHE) -> Path:
    return root / f"v{GENERATOR_VERSION}"


def generated(n_docs: int = DEFAULT_DOCS, root: Path = CACHE, quick: bool = False,
              log=print) -> list[DocInfo]:  # noqa: ANN001
    """Generated documents ``0..n_docs-1``, built once and reused (keyed by generator version);
    ``quick``: small ones (6 to 10 pages) in their own folder."""
    out = corpus_dir(root) / ("quick" if quick else "")
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    docs, built = [], 0
    for i in range(n_docs):
        kind, lang, pages, seed = doc_plan(i, quick)
        name = f"{i:04d}_{lang}_{kind}.pdf"
        path = out / name
        entry = manifest.get(name)
        if not (path.exists() and entry and entry.get("size") == path.stat().st_size):
            tmp = path.with_suffix(".tmp")
            build_document(tmp, kind, lang, pages, seed)
            os.replace(tmp, path)
            entry = {"kind": kind, "language": lang, "pages": count_pages(path), "size": path.stat().st_size}
            manifest[name] = entry
            built += 1
            if built % 10 == 0:
                manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True))
        docs.append(DocInfo(str(path), kind, lang, entry["pages"], "generated"))
    if built:
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True))
        log(f"built {built} generated documents in {out}")
    return docs


def real_documents(corpus: Path = REAL_CORPUS) -> list[DocInfo]:
    """The real PDFs in ../shared/corpus (when present), never copied."""
    if not corpus.is_dir():
        return []
    docs = []
    for p in sorted(corpus.rglob("*.pdf")):
        try:
            pages = count_pages(p)
        except Exception:  # noqa: BLE001 - an unreadable file is still part of the corpus
            pages = 0
        docs.append(DocInfo(str(p), "real", p.parent.name, pages, "real"))
    return docs


def scaled_copies(docs: list[DocInfo], copies: int, into: Path) -> list[DocInfo]:
    """``copies`` copies of each document with a PDF comment appended after ``%%EOF`` (so each
    copy's sha256 differs and the store treats it as a new document); for the real documents of
    the scaled corpus, written to a temporary folder, never into the repository."""
    into.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(copies):
        for d in docs:
            src = Path(d.path)
            dst = into / f"copy{k:02d}_{src.name}"
            if not dst.exists():
                shutil.copyfile(src, dst)
                with open(dst, "ab") as fh:
                    fh.write(f"\n%naplog-bench copy {k}\n".encode())
            out.append(DocInfo(str(dst), d.kind, d.language, d.pages, d.group))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the throughput benchmark's generated corpus.")
    ap.add_argument("--docs", type=int, default=DEFAULT_DOCS, help="generated documents in the 1x corpus")
    ap.add_argument("--scale", type=int, default=1, help="build K times as many documents")
    ap.add_argument("--quick", action="store_true", help="small documents (6 to 10 pages)")
    ap.add_argument("--out", type=Path, default=CACHE)
    args = ap.parse_args(argv)
    docs = generated(args.docs * args.scale, args.out, quick=args.quick)
    for d in docs:
        print(f"{d.pages:4d}  {d.kind:<6} {d.language}  {d.path}")
    print(f"{len(docs)} documents, {sum(d.pages for d in docs)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
