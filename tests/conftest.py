from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def aleppo_text() -> str:
    return (EXAMPLES / "aleppo-rbth-id.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def aleppo(aleppo_text):
    import warta

    return warta.extract(aleppo_text, published="2016-12-04")
