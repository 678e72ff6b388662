"""``warta serve`` loads the pipeline at startup (issue 18): the first ``POST /api/extract``
builds no pipeline and loads no model, it answers like the ones after it."""

from __future__ import annotations

import warnings

import pytest

import warta.pipeline
from store_helpers import target  # noqa: F401  (fixture: a SQLite file, and PostgreSQL when WARTA_TEST_PG is set)
from web_support import seed

with warnings.catch_warnings():  # starlette's TestClient warns about its httpx dependency
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from warta.web import create_app  # noqa: E402
from warta.web.app import app_from_env  # noqa: E402

TEXT = "Menteri Luar Negeri Rusia Sergey Lavrov di Moskow, Senin (5/12/2016), mengatakan AS siap berunding."


@pytest.fixture
def fresh_process(monkeypatch):
    """As in a new server process: no pipeline built, nothing warmed."""
    monkeypatch.setattr(warta.pipeline, "_default", None)
    monkeypatch.setattr(warta.pipeline, "_warmed", False)


def test_the_pipeline_is_loaded_before_the_first_request(target, fresh_process, monkeypatch):  # noqa: F811
    seed(target)
    app = create_app(target, token="", load_pipeline=True)
    assert warta.pipeline._default is None  # building the app loads nothing: startup does
    with TestClient(app) as c:
        assert warta.pipeline._warmed and warta.pipeline._default is not None

        def no_loading(*args, **kwargs):
            raise AssertionError("a request built a pipeline")

        monkeypatch.setattr(warta.pipeline.Pipeline, "default", no_loading)
        r = c.post("/api/extract", json={"text": TEXT, "published": "2016-12-05"})
        assert r.status_code == 200 and r.json()["entities"]


def test_without_the_option_startup_loads_nothing(target, fresh_process):  # noqa: F811
    seed(target)
    with TestClient(create_app(target, token="")):
        assert warta.pipeline._default is None and not warta.pipeline._warmed


def test_the_served_app_loads_at_startup(target, monkeypatch):  # noqa: F811
    seed(target)
    monkeypatch.setenv("WARTA_DB", str(target))
    assert app_from_env().state.load_pipeline
