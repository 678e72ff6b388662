"""Every command of the README, as a newcomer would copy it (issue 20): the shell lines of its
code blocks in order, in a fresh folder holding a copy of ``examples/``, and its Python block.
Each must exit 0. Lines that set up a machine, need ../shared/data for minutes to hours, or
serve forever are named below with the reason; the server is started, asked for ``/api/`` and
stopped.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
TIMEOUT = 600

# (pattern, reason): README lines not run here
NOT_RUN = [
    (r"^make (demo|test)\b", "sets up the machine and runs what the other lines run (or the whole suite)"),
    (r"^make stop-db\b", "would stop the test database other test runs on this machine use"),
    (r"\.\./shared/", "needs ../shared/data and minutes to hours (bench/dates.py samples the CLICK-ID ingest)"),
    (r"^warta eval (article|ner|quotes|times|quantities)\b", "an evaluation on ../shared/data (test_pinned_figures)"),
    (r"^(pip install|warta train)\b", "trains a model for hours"),
]
SPARK = re.compile(r"^warta (spark|load-parquet)\b")


def readme_blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def shell_lines() -> list[str]:
    """The commands of the README's shell blocks, comments cut (a '#' after two spaces)."""
    out = []
    for block in readme_blocks("sh"):
        for line in block.splitlines():
            cmd = re.split(r"\s{2,}#", line)[0].strip()
            if cmd and not cmd.startswith("#"):
                out.append(cmd)
    return out


COMMANDS = shell_lines()


def reason_not_run(cmd: str) -> str | None:
    return next((why for rx, why in NOT_RUN if re.search(rx, cmd)), None)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh folder with the README's sample files and a .venv/bin that holds this warta."""
    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "examples", work / "examples")
    bin_dir = work / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    here = Path(sys.executable).parent
    activate = f'export PATH="{here}:$PATH"\n'
    (bin_dir / "activate").write_text(activate, encoding="utf-8")
    return work


def env() -> dict[str, str]:
    src = str(ROOT / "src")
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{src}:{path}" if path else src, "WARTA_DB": "warta.db"}


def shell(cmd: str, cwd: Path, timeout: int = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """``cmd`` in bash after the README's activation line, as a newcomer's shell runs it."""
    script = f". .venv/bin/activate\n{cmd}\n"
    return subprocess.run(
        ["bash", "-c", script], cwd=cwd, env=env(), capture_output=True, text=True, timeout=timeout, check=False
    )


def test_the_readme_has_the_commands_it_promises() -> None:
    assert any(c.startswith("warta extract examples/page.html examples/other.txt -") for c in COMMANDS)
    assert any(c.startswith(". .venv/bin/activate") for c in COMMANDS)
    assert "make stop-db" in README.read_text(encoding="utf-8")
    for sample in ("page.html", "other.txt", "crawl.warc.gz"):
        assert (ROOT / "examples" / sample).is_file(), sample
    for cmd in COMMANDS:
        for path in re.findall(r"(examples/[\w./-]+)", cmd):
            assert (ROOT / path).exists(), f"{cmd!r} names {path}, which is not shipped"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_briefly(cmd: str, cwd: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        ["bash", "-c", f". .venv/bin/activate\nexec {cmd} --port {port}\n"],
        cwd=cwd,
        env=env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/", timeout=5) as r:
                    assert r.status == 200 and b'"endpoints"' in r.read()
                    return
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out, err = proc.communicate()
                    pytest.fail(f"{cmd!r} did not serve: exit {proc.returncode}: {err[-2000:]}")
                time.sleep(0.5)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.parametrize("cmd", COMMANDS)
def test_readme_command_runs(cmd: str, workdir: Path) -> None:
    why = reason_not_run(cmd)
    if why:
        pytest.skip(why)
    if SPARK.match(cmd):
        if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
            pytest.skip("Spark needs Java")
        pytest.importorskip("pyspark")
    if cmd.startswith("warta serve"):
        serve_briefly(cmd, workdir)
        return
    proc = shell(cmd, workdir)
    assert proc.returncode == 0, f"{cmd!r} exited {proc.returncode}:\n{proc.stderr[-3000:]}"
    assert "Traceback" not in proc.stderr
    if cmd.startswith("warta quotes --text"):
        assert "no quotations found" not in proc.stdout, "the README's quotation search finds nothing"
    if cmd.startswith("warta search"):
        assert "no articles found" not in proc.stdout


@pytest.mark.slow
def test_readme_python_example_runs(workdir: Path) -> None:
    blocks = readme_blocks("python")
    assert blocks
    for block in blocks:
        (workdir / "example.py").write_text(block, encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "example.py"], cwd=workdir, env=env(), capture_output=True, text=True, timeout=TIMEOUT
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
