"""Values in logframe cells: budgets, years and periods, indicator units."""

from __future__ import annotations

import re

from pipeline.records import Budget
from pipeline.text.fold import fold
from pipeline.text.vocabulary import YES_MARKS

# Currency words as written in plans, with their ISO 4217 code.
CURRENCIES: list[tuple[str, str]] = [
    (r"us\s?\$|usd|us dollars?|dollars? us|dolares|dolares americanos|dollars?|\$", "USD"),
    (r"eur|euros?|€", "EUR"),
    (r"fcfa|f\s?cfa|cfa", "XOF"),
    (r"xaf", "XAF"),
    (r"xof", "XOF"),
    (r"kz|kwanzas?|aoa", "AOA"),
    (r"lkr|rs\.?|rupees?|sl\s?rs", "LKR"),
    (r"kes|ksh\.?|kshs\.?", "KES"),
    (r"lek|leke|all", "ALL"),
    (r"gbp|£", "GBP"),
    (r"mzn|meticais|metical", "MZN"),
    (r"brl|r\$|reais", "BRL"),
    (r"cop|pesos? colombianos?", "COP"),
    (r"mxn|pesos? mexicanos?", "MXN"),
    (r"php|pesos? filipinos?|₱", "PHP"),
    (r"cdf|francs? congolais", "CDF"),
    (r"xof", "XOF"),
]
_CURRENCY_RES = [(re.compile(r"(?<![a-z])(" + pat + r")(?![a-z])"), code) for pat, code in CURRENCIES]
# FCFA is the franc of two zones; Central African countries use the XAF one.
CEMAC = {"cameroon", "cameroun", "central african republic", "republique centrafricaine", "chad", "tchad",
         "congo", "republic of the congo", "gabon", "equatorial guinea", "guinee equatoriale"}
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "mille": 1e3, "mil": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6,
                "millions": 1e6, "millones": 1e6, "milhoes": 1e6, "millon": 1e6, "milhao": 1e6,
                "bn": 1e9, "billion": 1e9, "billions": 1e9, "milliard": 1e9, "milliards": 1e9}
_NUMBER = re.compile(r"\d[\d\s.,'’\u202f\u00a0]*\d|\d")
# Years 1900-2100: the records accept 1990-2100 (years_in keeps those), so 2100 must be readable too
# (it was not: found by tests/test_fuzz.py).
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d|2100)(?!\d)")
RANGE_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|/|to|à|a|au|al|até|hasta)\s*((?:19|20)?\d\d|2100)(?!\d)",
                      re.IGNORECASE)


def currency_in(text: str, country: str | None = None) -> str | None:
    folded = fold(text)
    for pattern, code in _CURRENCY_RES:
        if pattern.search(folded):
            if code == "XOF" and country and fold(country) in CEMAC:
                return "XAF"
            return code
    return None


def parse_number(text: str) -> float | None:
    """A written amount: 150,000 / 150.000 / 25 000 000 / 1,5 million / USD 2.5M."""
    m = _NUMBER.search(text)
    if not m:
        return None
    raw = re.sub(r"[\s\u202f\u00a0'’]", "", m.group(0))
    if "," in raw and "." in raw:
        dec = "," if raw.rfind(",") > raw.rfind(".") else "."
        raw = raw.replace("." if dec == "," else ",", "").replace(dec, ".")
    elif "," in raw or "." in raw:
        sep = "," if "," in raw else "."
        parts = raw.split(sep)
        # 150.000 and 1,250,000 group thousands; 1,5 and 2.5 are decimals.
        if len(parts) > 2 or (len(parts) == 2 and len(parts[1]) == 3):
            raw = raw.replace(sep, "")
        else:
            raw = raw.replace(sep, ".")
    try:
        value = float(raw)
    except ValueError:
        return None
    tail = fold(text[m.end():]).split()
    if tail:
        word = tail[0].strip(".")
        if word in _MULTIPLIERS:
            value *= _MULTIPLIERS[word]
    return value


def header_multiplier(header: str) -> float:
    """ "Budget (Rs. Millions)", "Cost (USD '000)": the unit the column's amounts are in."""
    folded = fold(header)
    if re.search(r"\b(millions?|millones|milhoes|mn|m)\b", folded):
        return 1e6
    if re.search(r"\b(thousands?|milliers|miles|'000|000s)\b|'000", folded):
        return 1e3
    return 1.0


def parse_budget(text: str, header_currency: str | None = None, country: str | None = None,
                 multiplier: float = 1.0) -> Budget | None:
    text = " ".join(text.split())
    if not text or text in {"-", "–", "—"}:
        return None
    amount = parse_number(text) if re.search(r"\d", text) else None
    if amount is not None and multiplier != 1.0 and not re.search(r"[a-z]", fold(text)):
        amount *= multiplier
    if amount is not None and YEAR_RE.fullmatch(text.strip()):
        amount = None
    currency = currency_in(text, country) or header_currency
    return Budget(amount=amount, currency=currency, as_written=text)


def years_in(text: str) -> list[int]:
    """Years named by a timeline cell: single years and ranges such as 2025-2027."""
    years: set[int] = set()
    for m in RANGE_RE.finditer(text):
        start = int(m.group(1))
        end_raw = m.group(2)
        end = int(end_raw) if len(end_raw) == 4 else (start // 100) * 100 + int(end_raw)
        if start <= end <= start + 30:
            years.update(range(start, end + 1))
    years.update(int(y) for y in YEAR_RE.findall(text))
    return sorted(y for y in years if 1990 <= y <= 2100)


# A rating on a scale (a vulnerability or priority table's cells: "High", "High to moderate",
# "Très élevé", "Media"): it grades something, it never states a goal, output or activity.
_RATING_WORD = (r"(?:very |tres |muy |muito |extremely )?(?:high|higher|medium|moderate|low|lower|strong|weak|"
                r"critical|significant|elevee?|eleve|moyenn?e?|faible|forte?|modere?e?|alt[oa]|medi[oa]|"
                r"baj[oa]|baix[oa]|moderad[oa]|fuerte|debil|fraca?)")
RATING = re.compile(rf"^{_RATING_WORD}(?:\s*(?:to|a|-|–|/)\s*{_RATING_WORD})?$")


def is_rating(text: str) -> bool:
    return bool(RATING.match(" ".join(fold(text).split())))


def is_mark(text: str) -> bool:
    """A cell marking that an activity runs in a year column (x, tick, bullet, shading)."""
    t = text.strip()
    return bool(t) and (t in YES_MARKS or t.lower() in YES_MARKS or set(t) <= set("xX✓✔√●•■▪ "))


_PERCENT = re.compile(r"%|percent|pourcent|porcentaje|percentagem|porcentagem|proportion|proporcion|proporcao|"
                      r"\btaux\b|\btasa\b|\btaxa\b|\brate\b|\bshare\b|\bpart\b")
_NUMBER_IND = re.compile(r"^#|\bnumber\b|\bnombre\b|\bnumero\b|\bno\. of\b|\bquantity\b|\bcantidad\b|\bquantidade\b|"
                         r"\bamount\b|\bmontant\b|\bmonto\b|\bcount\b")
_RATIO = re.compile(r"\bratio\b|\bratio de\b|\brazao\b|\brazon\b")
_DISAGG = [
    ("sex", r"by sex|by gender|sex-disaggregated|sex disaggregated|par sexe|por sexo|women and men|men and women|"
            r"femmes et hommes|hommes et femmes|mujeres y hombres|hombres y mujeres|mulheres e homens|homens e mulheres"),
    ("age", r"by age|par age|por edad|por idade|age group"),
    ("disability", r"disabilit|handicap|discapacidad|deficiencia"),
    ("location", r"by region|by province|by district|par province|par region|por region|por provincia|"
                 r"urban/rural|rural/urban|by municipality|par commune"),
]


def indicator_unit(text: str) -> str:
    folded = fold(text)
    if _RATIO.search(folded):
        return "ratio"
    if _PERCENT.search(folded):
        return "percentage"
    if _NUMBER_IND.search(folded):
        return "number"
    return "text"


def disaggregation(text: str) -> list[str]:
    folded = fold(text)
    return [name for name, pat in _DISAGG if re.search(pat, folded)]
