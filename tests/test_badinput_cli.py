"""Bad inputs through the command line: one clear line each, no traceback, the rest still processed.

Runs ``warta extract`` as a user would (a subprocess), so it checks exit codes, stdout and stderr
as they are seen; each run has a wall-clock bound.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = (
    "Polisi Tangkap Dua Pemasok Sabu di Anambas\n"
    "ANAMBAS, KOMPAS.com - Polisi menangkap dua pemasok sabu di Jl. Tanjung Unggat, Tanjungpinang.\n"
    "“Keduanya diduga sebagai pemasok sabu,” kata Zulmi melalui telepon, Selasa (10/9/2019).\n"
    "Baca juga: Polisi Sita 5 Kilogram Sabu di Batam\n"
    "Editor: Farid Assifa\n"
)
TIMEOUT = 300  # seconds for a whole run: bounded, generous for a loaded machine


def warta_cmd() -> list[str]:
    script = Path(sys.executable).with_name("warta")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "warta.cli"]


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*warta_cmd(), "extract", *args],
        input=stdin,
        capture_output=True,
        timeout=TIMEOUT,
        cwd=cwd,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def stderr_lines(proc: subprocess.CompletedProcess[bytes]) -> list[str]:
    err = proc.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in err
    return [line for line in err.splitlines() if line.strip()]


def records(proc: subprocess.CompletedProcess[bytes]) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines() if line.strip()]


def assert_good(record: dict) -> None:
    assert record["title"] == "Polisi Tangkap Dua Pemasok Sabu di Anambas"
    assert record["language"]["code"] == "id"
    assert record["dateline"]["outlet"] == "KOMPAS.com"
    kinds = {r["kind"] for r in record["removed"]}
    assert {"read_also", "editor_credit"} <= kinds
    assert "Baca juga" not in record["text"] and "Editor:" not in record["text"]
    assert "“Keduanya diduga sebagai pemasok sabu,” kata Zulmi" in record["text"]


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "good1": tmp_path / "good1.txt",
        "empty": tmp_path / "empty.txt",
        "png": tmp_path / "image.png",
        "badutf8": tmp_path / "bad-utf8.txt",
        "huge": tmp_path / "huge.txt",
        "good2": tmp_path / "good2.txt",
    }
    paths["good1"].write_text(GOOD, encoding="utf-8")
    paths["empty"].write_bytes(b"")
    paths["png"].write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
        b"\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    # invalid UTF-8 with no valid multi-byte character at all: a legacy single-byte file
    paths["badutf8"].write_bytes(b"Harga Kopi Naik\nHarga kopi di caf\xe9 itu naik \xff\xfe persen.\n")
    # 50 MB on one line, no newline at all
    chunk = b"kata yang panjang sekali dan terus berulang tanpa titik "
    with paths["huge"].open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
    paths["good2"].write_bytes(codecs.BOM_UTF16_LE + GOOD.replace("\n", "\r\n").encode("utf-16-le"))
    return paths


def test_a_batch_with_bad_inputs(inputs: dict[str, Path], tmp_path: Path):
    empty_dir = tmp_path / "empty-dir"
    empty_dir.mkdir()
    order = ["good1", "empty", "png", "badutf8", "huge", "good2"]
    proc = run(*(str(inputs[k]) for k in order), str(empty_dir), str(tmp_path / "missing.txt"))
    assert proc.returncode == 1
    errors = stderr_lines(proc)
    out = records(proc)

    # one line per failed input, naming it, with a reason a user understands
    def error_for(path: Path) -> str:
        lines = [line for line in errors if str(path) in line]
        assert len(lines) == 1, (path, errors)
        return lines[0].lower()

    assert "empty" in error_for(inputs["empty"])
    assert "binary" in error_for(inputs["png"])
    assert "limit" in error_for(inputs["huge"])
    assert "no such file" in error_for(tmp_path / "missing.txt")
    assert str(empty_dir) in " ".join(errors)  # an empty directory gives nothing to read: said once
    assert len(errors) == 5

    # the good inputs and the legacy-encoded one are processed, in order
    assert [r["input"]["name"] for r in out] == [str(inputs["good1"]), str(inputs["badutf8"]), str(inputs["good2"])]
    assert_good(out[0])
    assert_good(out[2])
    assert out[2]["input"]["encoding"] == "utf-16" and out[2]["input"]["newlines"] == "CRLF"
    legacy = out[1]
    assert legacy["input"]["encoding"] in ("cp1252", "latin-1") and legacy["input"]["encoding_guessed"]
    assert any("encoding" in w for w in legacy["warnings"])
    assert "café" in legacy["text"]


def test_a_directory_as_file_is_read_or_refused_in_one_line(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    proc = run(str(folder))
    errors = stderr_lines(proc)
    if proc.returncode == 0:  # directories are read (recursively): the article inside is processed
        out = records(proc)
        assert len(out) == 1
        assert_good(out[0])
    else:
        assert proc.returncode == 1 and len(errors) == 1 and str(folder) in errors[0]


def test_huge_input_on_stdin_is_refused_quickly():
    proc = run("-", stdin=b"x" * (50 * 1024 * 1024))
    assert proc.returncode == 1
    errors = stderr_lines(proc)
    assert len(errors) == 1 and "limit" in errors[0]
    assert proc.stdout == b""


def test_stdin_text_is_processed():
    proc = run("-", "--published", "2019-09-10", stdin=GOOD.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    (record,) = records(proc)
    assert_good(record)
    assert record["published"]["value"] == "2019-09-10"


def test_nul_and_control_characters_through_the_cli(tmp_path: Path):
    path = tmp_path / "controls.txt"
    path.write_bytes(GOOD.encode("utf-8").replace(b"menangkap", b"menang\x00kap\x07"))
    proc = run(str(path))
    assert proc.returncode == 0, proc.stderr
    (record,) = records(proc)
    assert record["input"]["control_chars_removed"] == 2
    assert "menangkap dua pemasok" in record["text"]


@pytest.mark.parametrize("args", [["--published", "32/13/2019"], []])
def test_usage_errors_exit_2_in_one_line(tmp_path: Path, args: list[str]):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    proc = run(*args, *([str(path)] if args else []))
    assert proc.returncode == 2
    errors = stderr_lines(proc)
    assert errors and len(errors[-1]) < 300
