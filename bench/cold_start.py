"""Cold start: ``warta extract`` on one article, as a ratio to ``import spacy; spacy.blank("xx")``.

    .venv/bin/python bench/cold_start.py [--reps 5] [--input examples/articles/aleppo-rbth-id.txt]

Each repetition runs the baseline and ``warta extract`` as fresh processes, one after the other
(alternating, so load on a shared machine falls on both alike), and takes the wall time of each.
The ratio of the medians is compared with the target of issue 18 (at most 2x the baseline). A
third command, ``python -c "import warta.cli"``, shows what importing the CLI alone costs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 2.0
BASELINE = [sys.executable, "-c", "import spacy; spacy.blank('xx')"]


def wall(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--reps", type=int, default=5, help="repetitions of each command (default 5)")
    p.add_argument("--input", type=Path, default=ROOT / "examples" / "articles" / "aleppo-rbth-id.txt")
    args = p.parse_args(argv)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    commands = {
        "spacy.blank('xx')": BASELINE,
        "warta extract": [sys.executable, "-m", "warta.cli", "extract", str(args.input)],
        "import warta.cli": [sys.executable, "-c", "import warta.cli"],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    wall(BASELINE, env)  # the first run of any process fills the OS file cache
    for _ in range(args.reps):
        for name, cmd in commands.items():
            times[name].append(wall(cmd, env))
    base = statistics.median(times["spacy.blank('xx')"])
    print(f"{'command':<20} {'median s':>9} {'x baseline':>11}   runs (s)")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"{name:<20} {med:>9.2f} {med / base:>11.2f}   {' '.join(f'{t:.2f}' for t in ts)}")
    ratio = statistics.median(times["warta extract"]) / base
    met = ratio <= TARGET
    print(f"warta extract / spacy.blank('xx') = {ratio:.2f} (target <= {TARGET:.1f}): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
