"""Numerals, in digits and in words, to numbers.

Our own parser: no maintained library reads Indonesian number words ("dua puluh lima ribu",
"sebelas", "setengah") and Indonesian separators ("80.000", "1,5 juta") together. The vocabulary is
the language pack's ``numbers.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from warta.extract.time.lexicon import PackLike, pack_of
from warta.lang import LanguagePack

MAX_DIGITS = 18  # longer digit strings are identifiers or nonsense, not amounts


@dataclass(frozen=True)
class Lexicon:
    units: dict[str, float]
    teen: str
    small: dict[str, float]
    large: dict[str, float]
    plural: dict[str, float]
    fractions: dict[str, float]
    data: dict[str, Any]
    prefix_one: str  # "one" glued to a unit or a multiplier ("sehari"), never a numeral alone
    prefix_ordinal: str  # "ke-80"
    glued_currency: str  # a currency written against its digits ("Rp290,9")


def lexicon(pack: PackLike = None) -> Lexicon:
    """The number vocabulary of ``pack`` (the default pack when None)."""
    return _lexicon(pack_of(pack))


@cache
def _lexicon(pack: LanguagePack) -> Lexicon:
    d = pack.toml("numbers")
    prefixes = d.get("prefixes", {})
    return Lexicon(
        units={k: float(v) for k, v in d.get("units", {}).items()},
        teen=str(d.get("teen", {}).get("word", "")),
        small={k: float(v) for k, v in d.get("small_multipliers", {}).items()},
        large={k: float(v) for k, v in d.get("large_multipliers", {}).items()},
        plural={k: float(v) for k, v in d.get("plural_multipliers", {}).items()},
        fractions={k: float(v) for k, v in d.get("fractions", {}).items()},
        data=d,
        prefix_one=str(prefixes.get("one", "")),
        prefix_ordinal=str(prefixes.get("ordinal", "")),
        glued_currency=str(prefixes.get("glued_currency", "")),
    )


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# digits: "80.000", "1.234.567,89", "1,5", "30.2", "2,000", "1000"
DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"


def number_pattern(pack: PackLike = None) -> str:
    """A regex (no groups) for one numeral: digits or words, with an optional large multiplier."""
    return _number_pattern(pack_of(pack))


@cache
def _number_pattern(pack: LanguagePack) -> str:
    lx = _lexicon(pack)
    word_units = [w for w in lx.units if w != lx.prefix_one]
    word = _alt(word_units + [lx.teen] + list(lx.small) + list(lx.fractions))
    large = _alt(list(lx.large))
    words_seq = rf"(?:{word})(?:[ ](?:{word}|{large}))*"
    digits = rf"(?:{DIGITS})(?:[ ]?(?:{large})\b)*"
    # digits may follow a currency written without a space ("Rp290,9", "US$5"), never a letter,
    # a separator or a slash ("32/13" is a date-like pair, not two amounts)
    cur = re.escape(lx.glued_currency)
    before = rf"(?:(?<=\b{cur})|(?<=\b{cur}\.)|(?<=\$)|(?<![\w.,/]))"
    return rf"(?:{before}{digits}(?![\w]|[.,/]\d)|\b{words_seq}\b|\b(?:{_alt(list(lx.plural))})\b)"


def parse_digits(text: str, *, next_word: str = "", pack: PackLike = None) -> float | None:
    """Value of a digit string with Indonesian separators; None when it is not a plausible amount."""
    t = text.strip()
    if not re.fullmatch(r"[\d.,]+", t) or not any(c.isdigit() for c in t):
        return None
    if sum(c.isdigit() for c in t) > MAX_DIGITS:
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", t):  # 80.000 / 1.234,5
        return float(t.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+\.\d+", t):  # English 1,234.5
        return float(t.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", t):  # English 1,234,567
        return float(t.replace(",", ""))
    if re.fullmatch(r"\d{1,3},\d{3}", t):
        # Indonesian decimal comma ("1,725 persen") unless a count follows ("2,615 penderita")
        lx = lexicon(pack)
        units = set(lx.data.get("units_after", {})) | set(lx.large)
        if next_word and next_word.lower() not in units and not next_word[:1].isdigit():
            return float(t.replace(",", ""))
        return float(t.replace(",", "."))
    if re.fullmatch(r"\d+,\d+", t):
        return float(t.replace(",", "."))
    if re.fullmatch(r"\d+\.\d+", t):
        return float(t)  # "30.2 juta", "2.5 persen": a decimal point (3-digit groups caught above)
    if re.fullmatch(r"\d+", t):
        return float(int(t))
    return None


def parse_words(words: list[str], pack: PackLike = None) -> float | None:
    """Value of a sequence of number words ("dua puluh lima ribu"); None if not a number."""
    lx = lexicon(pack)
    total = 0.0
    group = 0.0
    unit = 0.0
    frac = 0.0
    seen = False
    for raw in words:
        w = raw.lower()
        if w in lx.plural:
            return lx.plural[w] if not seen else None
        if w in lx.fractions:
            frac += lx.fractions[w]
            seen = True
        elif w == lx.teen:
            group += (unit or 1) + 10
            unit = 0
        elif w in lx.small:
            group += (unit or 1) * lx.small[w]
            unit = 0
        elif w in lx.large:
            total += (group + unit + frac or 1) * lx.large[w]
            group = unit = frac = 0
        elif w in lx.units:
            v = lx.units[w]
            if v >= 1000:
                total += v
            elif v >= 10:
                group += v
            else:
                if unit:
                    group += unit
                unit = v
            seen = True
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + group + unit + frac


def parse_number(text: str, *, next_word: str = "", pack: PackLike = None) -> float | None:
    """Value of a numeral as matched by ``number_pattern``: "80 ribu", "1,5 juta", "sebelas"."""
    lx = lexicon(pack)
    parts = text.split()
    if not parts:
        return None
    m = re.match(rf"^({DIGITS})(?![\d.,])(.*)$", text.strip())
    if m and m.group(1):
        rest = m.group(2).split()
        base = parse_digits(m.group(1), next_word=rest[0] if rest else next_word, pack=pack)
        if base is None:
            return None
        for w in rest:
            mult = lx.large.get(w.lower())
            if mult is None:
                return None
            base *= mult
        return base
    return parse_words(parts, pack)
