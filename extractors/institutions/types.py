"""What kind of body an institution is (government, security, parliament, CSO, UN, development
partner, other), from words in its name: the types of ``pipeline.records.InstitutionType``."""

from __future__ import annotations

import re

from pipeline.text.fold import fold

UN_BODIES = {
    "UN WOMEN": "UN Women", "ONU FEMMES": "UN Women", "ONU MUJERES": "UN Women", "ONU MULHERES": "UN Women",
    "UNDP": "United Nations Development Programme", "PNUD": "United Nations Development Programme",
    "UNFPA": "United Nations Population Fund", "FNUAP": "United Nations Population Fund",
    "UNICEF": "United Nations Children's Fund", "OHCHR": "Office of the UN High Commissioner for Human Rights",
    "UNHCR": "UN High Commissioner for Refugees", "HCR": "UN High Commissioner for Refugees",
    "IOM": "International Organization for Migration", "OIM": "International Organization for Migration",
    "WFP": "World Food Programme", "PAM": "World Food Programme", "FAO": "Food and Agriculture Organization",
    "WHO": "World Health Organization", "OMS": "World Health Organization", "UNESCO": "UNESCO",
    "UNEP": "UN Environment Programme", "PNUE": "UN Environment Programme", "UNODC": "UNODC",
    "MONUSCO": "MONUSCO", "MINUSCA": "MINUSCA", "UNMISS": "UNMISS",
}

TYPE_RULES: list[tuple[str, str]] = [
    ("un", r"\b(un|onu|united nations|nations unies|naciones unidas|nacoes unidas|unicef|undp|pnud|unfpa|fnuap|"
           r"ohchr|unhcr|hcr|iom|oim|wfp|fao|who|oms|unesco|unep|unodc|monusco|minusca|unmiss|un women|"
           r"onu femmes|onu mujeres|onu mulheres)\b"),
    ("security", r"\b(police|policia|army|armed forces|forces armees|fuerzas armadas|forcas armadas|military|"
                 r"militaire|militar|gendarmerie|defen[cs]e|defensa|defesa|pntl|f-fdtl|fardc|pnc|fds|fdsi|"
                 r"security forces|forces de (defense|securite)|border|immigration|correctional|prison)\b"),
    ("parliament", r"\b(parliament|parlement|parlamento|national assembly|assemblee nationale|asamblea|"
                   r"assembleia|congress|congreso|senate|senat|senado|mps|members of parliament|deputes)\b"),
    ("cso", r"\b(cso|csos|ngo|ngos|osc|oscs|ong|ongs|civil society|societe civile|sociedad civil|"
            r"sociedade civil|women'?s (groups|organi[sz]ations|networks)|associations?|asociacion|"
            r"associacao|community-based|faith-based|religious leaders|traditional leaders|media|"
            r"academia|universit)"),
    ("development_partner", r"\b(development partners?|donors?|partenaires techniques et financiers|ptf|"
                            r"world bank|banque mondiale|banco mundial|european union|union europeenne|"
                            r"union europea|uniao europeia|\beu\b|usaid|giz|afd|jica|sida|dfid|fcdo|"
                            r"african development bank|bad|afdb|gef|gcf|green climate fund|fonds vert)\b"),
    ("government", r"\b(ministry|ministries|ministere|ministerio|minister|ministro|government|gouvernement|"
                   r"gobierno|governo|department|directorate|direction|secretariat|secretary of state|"
                   r"secretaria|office|agency|agence|agencia|authority|autorite|commission|council|conseil|"
                   r"county|municipal|municipality|prefecture|province|provincial|governor|district|"
                   r"local authorities|collectivites|national|court|judiciary|tribunal|mo[a-z]{1,4}\b|"
                   r"min[a-z]{2,8}\b)"),
]


def institution_type(name: str, canonical: str | None = None) -> str | None:
    folded = fold(f"{name} {canonical or ''}")
    for kind, pattern in TYPE_RULES:
        if re.search(pattern, folded):
            return kind
    return "other"
