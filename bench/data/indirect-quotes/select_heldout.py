"""Select the HELD-OUT IndoSum paragraphs for hand annotation (selection only, no extraction).

Same rules as select_paragraphs.py (the first set), applied to the IndoSum "tajuk utama" articles
that the first set did not use: every article_id in indirect.jsonl is excluded, the shuffle uses
another fixed seed, and one paragraph per article is picked that holds a speech word and at least
12 words, preferring paragraphs without quotation marks.

Usage: python select_heldout.py OUT.json > paragraphs.txt   (run from the repository root; needs
../shared/data/indosum)
"""

from __future__ import annotations

import ast
import glob
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
N_PARAGRAPHS = 250
SEED = 20261201  # not the first set's seed (20261129)


def _reuse_first_set_rules() -> dict:
    """The detokenizer and cue patterns of select_paragraphs.py, taken from its source.

    That file is a script (it reads sys.argv and writes at import), so only its definitions
    (`CUE`, `INDIRECT`, `NOSP_BEFORE`, `detok`) are executed here, unchanged.
    """
    tree = ast.parse((HERE / "select_paragraphs.py").read_text(encoding="utf-8"))
    keep = [
        node
        for node in tree.body
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef))
        or (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id in {"CUE", "INDIRECT", "NOSP_BEFORE"} for t in node.targets)
        )
    ]
    ns: dict = {}
    exec(compile(ast.Module(body=keep, type_ignores=[]), "select_paragraphs.py", "exec"), ns)
    return ns


def main(out: str) -> None:
    rules = _reuse_first_set_rules()
    cue, indirect, detok = rules["CUE"], rules["INDIRECT"], rules["detok"]
    used = {
        json.loads(line)["article_id"]
        for line in (HERE / "indirect.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    arts: dict[str, dict] = {}
    for f in sorted(glob.glob("../shared/data/indosum/*.jsonl")):
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            a = json.loads(line)
            if a["category"] != "tajuk utama" or a["id"] in used:
                continue
            arts.setdefault(a["id"], a)
    ids = sorted(arts)
    random.seed(SEED)
    random.shuffle(ids)
    picked = []
    for aid in ids:
        a = arts[aid]
        pars = [detok(p) for p in a["paragraphs"]]
        cand = [
            k for k, p in enumerate(pars) if cue.search(p) and len(p.split()) >= 12 and not p.startswith("Baca juga")
        ]
        if not cand:
            continue
        noq = [k for k in cand if not re.search('["“”]', pars[k]) and indirect.search(pars[k])]
        k = random.choice(noq) if noq and random.random() < 0.93 else random.choice(cand)
        picked.append({"article": aid, "source": a["source"], "url": a["source_url"], "pars": pars, "k": k})
        if len(picked) >= N_PARAGRAPHS:
            break
    assert not {p["article"] for p in picked} & used
    Path(out).write_text(json.dumps(picked, ensure_ascii=False), encoding="utf-8")
    for n, p in enumerate(picked):
        prev = " ".join(p["pars"][max(0, p["k"] - 2) : p["k"]])
        print(f"#P{n} [{p['source']}] CTX: …{prev[-220:]}")
        print(f"  >> {p['pars'][p['k']]}")
        print()


if __name__ == "__main__":
    main(sys.argv[1])
