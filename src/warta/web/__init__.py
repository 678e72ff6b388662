"""The web UI and HTTP API over the store: ``warta serve`` runs :func:`create_app`."""

from __future__ import annotations

from warta.web.app import create_app

__all__ = ["create_app"]
