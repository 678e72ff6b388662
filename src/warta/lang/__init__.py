"""Language packs: lexicons and rules as data files under ``warta/lang/<code>/``.

A pack holds no logic. Code asks for a named resource: ``get("id").toml("boilerplate")`` or
``get("id").lines("abbreviations")``. Packs may declare a ``fallback`` (e.g. Indonesian rules
plus the English notices) in ``pack.toml``.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

SUPPORTED = ("id", "en")
CODE = re.compile(r"[a-z]{2,3}")  # what a pack's code looks like: nothing else reaches the file system
DEFAULT = "id"  # the pack used when an article's language has no pack of its own


class LanguagePack:
    def __init__(self, code: str) -> None:
        self.code = code
        self.root = Path(str(resources.files("warta.lang").joinpath(code)))
        if not self.root.is_dir():
            raise KeyError(f"no language pack for {code!r}")

    @property
    def extracts(self) -> bool:
        """Does this pack carry the data of the extraction stages (not only cleaning rules)?"""
        return self.has("speech_verbs.toml")

    def path(self, name: str) -> Path:
        return self.root / name

    def has(self, name: str) -> bool:
        return (self.root / name).exists()

    @cache  # noqa: B019 - packs are process-wide singletons
    def toml(self, name: str) -> dict[str, Any]:
        p = self.root / f"{name}.toml"
        if not p.exists():
            return {}
        with p.open("rb") as fh:
            return tomllib.load(fh)

    @cache  # noqa: B019
    def table(self, name: str) -> tuple[dict[str, str], ...]:
        """Rows of ``<name>.tsv`` (comment lines skipped; the first other line names the columns)."""
        p = self.root / f"{name}.tsv"
        if not p.exists():
            return ()
        lines = [ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
        if not lines:
            return ()
        cols = lines[0].split("\t")
        return tuple(dict(zip(cols, ln.split("\t"), strict=False)) for ln in lines[1:])

    @cache  # noqa: B019
    def lines(self, name: str) -> tuple[str, ...]:
        """Non-empty, non-comment lines of ``<name>.txt``."""
        p = self.root / f"{name}.txt"
        if not p.exists():
            return ()
        out = []
        for line in p.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
        return tuple(out)


@cache
def get(code: str) -> LanguagePack:
    """The pack of a language code. A code is a name inside this package, never a path: anything
    but two or three lower-case letters is refused (KeyError) before a file is looked for."""
    if not isinstance(code, str) or not CODE.fullmatch(code):
        raise KeyError(f"no language pack {code!r}")
    return LanguagePack(code)


def require_supported(code: str) -> str:
    """``code`` when it is one of the installed packs (:data:`SUPPORTED`), else an InputError."""
    if code not in SUPPORTED:
        from warta.errors import InputError

        shown = code if len(code) <= 20 else code[:20] + "..."
        raise InputError(f"unknown language {shown!r}: the installed language packs are {', '.join(SUPPORTED)}")
    return code


def for_code(code: str | None) -> LanguagePack:
    """The pack for a language code, the default pack when there is none."""
    return get(code if code in SUPPORTED else DEFAULT)


def reads(article: Any) -> bool:
    """Do the extraction stages' data read the article's language? Yes for the languages the
    pack they use names in its ``reads`` (pack.toml), and when the language is unknown."""
    lang = getattr(article, "language", None)
    if lang is None or lang.code in ("und", ""):
        return True
    pack = for_article(article)
    return lang.code in pack.toml("pack").get("reads", [pack.code])


def skip_unread(article: Any, what: str) -> bool:
    """True (and a warning in ``article.warnings``) when the extraction stages' data do not read
    the article's language, so that the stage extracting ``what`` leaves it out rather than
    report what rules and a model made for another language find in it."""
    if reads(article):
        return False
    name = for_article(article).toml("pack").get("name", DEFAULT)
    article.warnings.append(
        f"{what}: not extracted: the {name} language data does not read {article.language.code!r} text yet"
    )
    return True


def for_article(article: Any) -> LanguagePack:
    """The pack the extraction stages use for an article: its detected language's when that pack
    carries extraction data (speech verbs, titles, ...), else the default pack (whose model and
    lexicons the stages then apply, with a warning from the stage)."""
    lang = getattr(article, "language", None)
    pack = for_code(lang.code if lang else None)
    return pack if pack.extracts else get(DEFAULT)
