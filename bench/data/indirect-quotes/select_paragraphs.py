"""Select IndoSum paragraphs with speech words for hand annotation (selection only, no extraction).

Usage: python select_paragraphs.py OUT.json > paragraphs.txt   (needs ../shared/data/indosum)
       python select_paragraphs.py --heldout OUT.json > paragraphs.txt
--heldout draws the held-out set: the same rules on the articles the first set (indirect.jsonl)
did not use, with another seed and 250 paragraphs.
"""

import glob
import json
import random
import re
import sys
from pathlib import Path

CUE = re.compile(
    r"\b(mengatakan|menurut|menurutnya|menjelaskan|menuturkan|menegaskan|menyebutkan|menyatakan|mengungkapkan|menyampaikan|menilai|menambahkan|memaparkan|berpendapat|mengakui|memastikan|katanya|ujarnya|kata|ujar|tuturnya|jelasnya|tegasnya)\b",
    re.I,
)
INDIRECT = re.compile(
    r"\\b(mengatakan|menurut|menurutnya|menjelaskan|menuturkan|menegaskan|menyebutkan|menyatakan|mengungkapkan|menyampaikan|menilai|menambahkan|memaparkan|berpendapat|mengakui|memastikan|katanya|ujarnya|tuturnya|jelasnya)\\b",
    re.I,
)
NOSP_BEFORE = {",", ".", ";", ":", "?", "!", ")", "%"}


def detok(par):
    out = []
    open_ = False
    for sent in par:
        for t in sent:
            if t in ('"', "“", "”"):
                if (t == '"' and open_) or t == "”":
                    out.append('"')
                    open_ = False
                else:
                    out.append((" " if out else "") + '"')
                    open_ = True
                    out.append("\x00")  # no space after
                continue
            if not out or out[-1] == "\x00":
                if out and out[-1] == "\x00":
                    out.pop()
                out.append(t)
                continue
            if t in NOSP_BEFORE or (out[-1].endswith("(")):
                out.append(t)
            elif t in ("/", "-") or out[-1] in ("/", "-"):
                out.append(t if not out[-1].endswith(" ") else t)
            else:
                out.append(" " + t)
    s = "".join(x for x in out if x != "\x00")
    s = re.sub(r"\s*/\s*", "/", s)
    s = re.sub(r"(\w) - (\w)", r"\1-\2", s)
    return s


def select(out: str, *, seed: int, n: int, exclude: frozenset[str] = frozenset()) -> None:
    arts = {}
    for f in sorted(glob.glob("../shared/data/indosum/dev.0*.jsonl")):
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            a = json.loads(line)
            if a["category"] != "tajuk utama" or a["id"] in exclude:
                continue
            arts.setdefault(a["id"], a)
    ids = sorted(arts)
    random.seed(seed)
    random.shuffle(ids)
    picked = []
    for aid in ids:
        a = arts[aid]
        pars = [detok(p) for p in a["paragraphs"]]
        cand = [
            k for k, p in enumerate(pars) if CUE.search(p) and len(p.split()) >= 12 and not p.startswith("Baca juga")
        ]
        if not cand:
            continue
        noq = [k for k in cand if not re.search('["“”]', pars[k]) and INDIRECT.search(pars[k])]
        if noq and random.random() < 0.93:
            k = random.choice(noq)
        else:
            k = random.choice(cand)
        picked.append({"article": aid, "source": a["source"], "url": a["source_url"], "pars": pars, "k": k})
        if len(picked) >= n:
            break
    Path(out).write_text(json.dumps(picked, ensure_ascii=False), encoding="utf-8")
    for i, p in enumerate(picked):
        prev = " ".join(p["pars"][max(0, p["k"] - 2) : p["k"]])
        print(f"#P{i} [{p['source']}] CTX: …{prev[-220:]}")
        print(f"  >> {p['pars'][p['k']]}")
        print()


if __name__ == "__main__":
    if sys.argv[1] == "--heldout":
        first = Path(__file__).resolve().parent / "indirect.jsonl"
        used = frozenset(json.loads(line)["article_id"] for line in first.read_text(encoding="utf-8").splitlines())
        select(sys.argv[2], seed=20261201, n=250, exclude=used)
    else:
        select(sys.argv[1], seed=20261129, n=275)
