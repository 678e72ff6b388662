"""Claims against the hand-labelled archive samples: the same as ``warta eval claims``.

    python bench/claims.py [--json] [--sample bench/claims/sample.jsonl]

Prints precision, recall and F1 of the claims query (quantities inside quotations, less the
claim rules) on ``bench/claims/sample.jsonl`` (the sample the rules were written from) and
``bench/claims/heldout.jsonl`` (drawn after them), with every rule off, as shipped, and with each
rule off in turn. ``bench/claims_draw.py`` draws a sample; ``docs/claims.md`` says how to label.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warta.evaluate import claims  # noqa: E402

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd")
    claims.register(sub)
    sys.exit(claims.run(ap.parse_args(["claims", *sys.argv[1:]])))
