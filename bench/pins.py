"""The pinned quality figures: the gold standard (dev and test) and the public-corpus figures the
model cards quote, gathered from the evaluation commands themselves.

    python bench/pins.py                 # print today's figures beside the pinned ones
    python bench/pins.py --write         # re-pin (commit bench/pinned.json with a message saying why)
    python bench/pins.py --only gold     # one group: gold, ner, quotes, times

``tests/test_pinned_figures.py`` fails when a figure moves by more than ``TOLERANCE`` from
``bench/pinned.json``. Every figure is a command's own output: ``warta eval article --format
json``, ``warta eval ner --system stage --json``, ``warta eval quotes ... --json``, ``warta eval
times|quantities --folds 1`` (fold 1 is the shipped model's held-out fold).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PINNED = ROOT / "bench" / "pinned.json"
TOLERANCE = 0.005
GROUPS = ("gold", "ner", "quotes", "times")


def _cli(argv: list[str]) -> str:
    from warta.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = main(argv)
    if rc:
        raise RuntimeError(f"warta {' '.join(argv)} exited {rc}")
    return buf.getvalue()


def gold(data: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for split in ("dev", "test"):
        figs = json.loads(_cli(["eval", "article", "--data", str(data), "--split", split, "--format", "json"]))
        for key, val in figs.items():
            if isinstance(val, dict):
                for k, v in val.items():
                    if k in ("p", "r", "f1", "accuracy", "accuracy_all", "wrong_rate"):
                        out[f"gold.{split}.{key}.{k}"] = v
                    elif key == "geo" and isinstance(v, dict):  # places: country/province/regency right
                        out[f"gold.{split}.geo.{k}.accuracy"] = v["accuracy"]
    return out


def ner(data: Path) -> dict[str, float]:
    res = json.loads(_cli(["eval", "ner", "--data", str(data), "--system", "stage", "--json"]))
    return {
        f"ner.stage.{corpus}.{typ}.{m}": round(v[m], 4)
        for corpus, by_type in res["stage"].items()
        for typ, v in by_type.items()
        if not typ.startswith("_")
        for m in ("p", "r", "f")
    }


def quotes(data: Path) -> dict[str, float]:
    text = _cli(
        [
            "eval", "quotes", "--pfsa", str(data / "pfsa-id" / "dev-40.txt"),
            "--indirect", str(ROOT / "bench" / "data" / "indirect-quotes" / "indirect.jsonl"), "--json",
        ]
    )  # fmt: skip
    res = json.loads(text[text.index("\n{") + 1 :] if not text.startswith("{") else text)
    out = {}
    for name, figs in res.items():
        slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
        for m in ("overlap_f1", "exact_f1", "speaker_acc"):
            if m in figs:
                out[f"quotes.{slug}.{m}"] = round(figs[m], 4)
    return out


def times(data: Path) -> dict[str, float]:
    out = {}
    for what in ("times", "quantities"):
        text = _cli(["eval", what, "--data", str(data / "indolem-nerugm"), "--folds", "1"])
        m = re.search(r"^\s*all: P ([\d.]+) R ([\d.]+) F1 ([\d.]+)", text, re.M)
        if not m:
            raise RuntimeError(f"eval {what}: no figures in {text[:200]!r}")
        for k, v in zip(("p", "r", "f1"), m.groups(), strict=True):
            out[f"{what}.nerugm.fold1.{k}"] = float(v)
        n = re.search(r"(\d+)/(\d+) = ([\d.]+) resolved right", text)
        if n:
            out[f"{what}.normalisation.accuracy"] = round(int(n.group(1)) / int(n.group(2)), 4)
    return out


def collect(data: Path, only: list[str] | None = None) -> dict[str, float]:
    fns = {"gold": gold, "ner": ner, "quotes": quotes, "times": times}
    out: dict[str, float] = {}
    for g in only or GROUPS:
        out.update(fns[g](data))
    return out


def group_of(key: str) -> str:
    head = key.split(".")[0]
    return "times" if head == "quantities" else head


def compare(now: dict[str, float], pinned: dict[str, float]) -> list[str]:
    """One line per figure that moved by more than the tolerance (or appeared/disappeared)."""
    bad = []
    for k in sorted(set(now) | set(pinned)):
        if k not in pinned:
            bad.append(f"{k}: {now[k]} is not pinned")
        elif k not in now:
            bad.append(f"{k}: pinned {pinned[k]} but not measured")
        elif abs(now[k] - pinned[k]) > TOLERANCE:
            bad.append(f"{k}: {now[k]:.4f}, pinned {pinned[k]:.4f}")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--only", action="append", choices=GROUPS)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    now = collect(args.data, args.only)
    pinned = json.loads(PINNED.read_text(encoding="utf-8")) if PINNED.exists() else {}
    if args.write:
        merged = {**pinned, **now}
        PINNED.write_text(json.dumps(dict(sorted(merged.items())), indent=1) + "\n", encoding="utf-8")
        print(f"{len(now)} figures pinned in {PINNED}")
        return 0
    sub = {k: v for k, v in pinned.items() if group_of(k) in (args.only or GROUPS)}
    for line in compare(now, sub):
        print(line)
    print(f"{len(now)} figures measured")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
