"""Cold start: ``warta extract`` on one article, as a ratio to ``import spacy; spacy.blank("xx")``.

    .venv/bin/python bench/cold_start.py [--reps 5] [--input examples/articles/aleppo-rbth-id.txt]

Each repetition runs the baseline and ``warta extract`` as fresh processes, one after the other
(alternating, so load on a shared machine falls on both alike), and takes the wall time and the
CPU time (user + system) of each. The ratio of the median wall times is compared with the target
of issue 18 (at most 2x the baseline); the CPU ratio is printed too (steadier on a busy machine,
but it counts the language model's loading thread, which runs beside the main thread). A
third command, ``python -c "import warta.cli"``, shows what importing the CLI alone costs.

Warta's modules are byte-compiled first (``compileall``, as ``pip install`` does), so that an
environment with ``PYTHONDONTWRITEBYTECODE`` set does not compile them from source on every run
while spaCy, installed, loads its bytecode.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 2.0
BASELINE = [sys.executable, "-c", "import spacy; spacy.blank('xx')"]


def cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``cmd``."""
    t0, c0 = time.perf_counter(), cpu_children()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0, cpu_children() - c0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--reps", type=int, default=5, help="repetitions of each command (default 5)")
    p.add_argument("--input", type=Path, default=ROOT / "examples" / "articles" / "aleppo-rbth-id.txt")
    args = p.parse_args(argv)
    compileall.compile_dir(ROOT / "src" / "warta", quiet=1)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    commands = {
        "spacy.blank('xx')": BASELINE,
        "warta extract": [sys.executable, "-m", "warta.cli", "extract", str(args.input)],
        "import warta.cli": [sys.executable, "-c", "import warta.cli"],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    run(BASELINE, env)  # the first run of any process fills the OS file cache
    for _ in range(args.reps):
        for name, cmd in commands.items():
            w, c = run(cmd, env)
            times[name].append(w)
            cpu[name].append(c)
    base = statistics.median(times["spacy.blank('xx')"])
    base_cpu = statistics.median(cpu["spacy.blank('xx')"])
    print(f"{'command':<20} {'wall s':>7} {'x baseline':>11} {'CPU s':>7} {'x baseline':>11}   wall of each run (s)")
    for name, ts in times.items():
        med, mc = statistics.median(ts), statistics.median(cpu[name])
        runs = " ".join(f"{t:.2f}" for t in ts)
        print(f"{name:<20} {med:>7.2f} {med / base:>11.2f} {mc:>7.2f} {mc / base_cpu:>11.2f}   {runs}")
    print(f"CPU: warta extract / spacy.blank('xx') = {statistics.median(cpu['warta extract']) / base_cpu:.2f}")
    ratio = statistics.median(times["warta extract"]) / base
    met = ratio <= TARGET
    print(f"warta extract / spacy.blank('xx') = {ratio:.2f} (target <= {TARGET:.1f}): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
