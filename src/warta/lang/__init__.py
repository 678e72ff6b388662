"""Language packs: lexicons and rules as data files under ``warta/lang/<code>/``.

A pack holds no logic. Code asks for a named resource: ``get("id").toml("boilerplate")`` or
``get("id").lines("abbreviations")``. Packs may declare a ``fallback`` (e.g. Indonesian rules
plus the English notices) in ``pack.toml``.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

SUPPORTED = ("id", "en")


class LanguagePack:
    def __init__(self, code: str) -> None:
        self.code = code
        self.root = Path(str(resources.files("warta.lang").joinpath(code)))
        if not self.root.is_dir():
            raise KeyError(f"no language pack for {code!r}")

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
    return LanguagePack(code)
