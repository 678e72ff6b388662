"""The entities stage's named rules (``warta rules --stage entities``)."""

from __future__ import annotations

from warta.rules import Registry

RULES = Registry("entities")
