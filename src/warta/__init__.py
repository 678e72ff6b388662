"""Warta: structured, source-linked records from raw Indonesian news articles."""

from warta.article import Article
from warta.errors import InputError, UsageError, WartaError
from warta.pipeline import Pipeline, extract

__all__ = ["Article", "InputError", "Pipeline", "UsageError", "WartaError", "extract"]
__version__ = "0.1.0"
