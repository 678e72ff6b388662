"""Extractors, one module per kind of fact: entities, quotes, times, quantities, sources.

``warta.extract`` is also the public API function (``warta.extract(text, published=...)``).
Python binds a sub-package to its parent's attribute on import, which would shadow that function
as soon as any extractor module is imported; so this package module is made callable and
forwards calls to :func:`warta.pipeline.extract`.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallablePackage(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from warta.pipeline import extract

        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
