"""Build indirect.jsonl from the selected paragraphs and the hand annotations.

Usage: python build_jsonl.py PICKED.json annotations.txt indirect.jsonl [ID_PREFIX]
(the held-out set: `python build_jsonl.py PICKED.json annotations-heldout.txt heldout.jsonl indosum-ho`,
PICKED.json from select_paragraphs.py --heldout; ID_PREFIX defaults to `indosum`)
annotations.txt: one quotation a line, `paragraph|speaker (- for none)|cue|content`, where the
content may be abbreviated `first words ... last words`.
"""

import json
import re
import sys
from pathlib import Path

P = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
PREFIX = sys.argv[4] if len(sys.argv) > 4 else "indosum"
ann = {}
for line in Path(sys.argv[2]).read_text(encoding="utf-8").splitlines():
    line = line.rstrip("\n")
    if not line.strip():
        continue
    n, spk, cue, content = line.split("|", 3)
    ann.setdefault(int(n), []).append((None if spk == "-" else spk, cue, content))


def frag_re(f):
    return r"\s+".join(re.escape(w) for w in f.split())


out = []
problems = 0
for n, p in enumerate(P):
    pars = p["pars"][: p["k"] + 1]
    context = "\n\n".join(pars)
    lo = len(context) - len(pars[-1])
    hi = len(context)
    para = pars[-1]
    base = {
        "context_id": f"{PREFIX}-{n:03d}",
        "source": "IndoSum (Kurniawan & Louvan 2018), CC BY-SA 4.0",
        "article_id": p["article"],
        "outlet": p["source"],
        "url": p["url"],
        "context": context,
        "scope_start": lo,
        "scope_end": hi,
    }
    items = ann.get(n, [])
    if not items:
        out.append(
            {
                "id": f"{PREFIX}-{n:03d}-none",
                **base,
                "start": None,
                "end": None,
                "content": None,
                "speaker": None,
                "cue": None,
            }
        )
        continue
    pos_used = 0
    for k, (spk, cue, content) in enumerate(items):
        if " ... " in content:
            a, b = content.split(" ... ")
            m = re.search(frag_re(a) + r".*?" + frag_re(b), para, re.S)
        else:
            m = re.search(frag_re(content), para)
        if not m:
            print("NOT FOUND", n, content)
            problems += 1
            continue
        s, e = m.start() + lo, m.end() + lo
        # the cue: nearest whole-word occurrence of the cue word to the content, measured from the
        # cue's END to the content's start for a cue before it (from its start, a long cue word
        # lost to the next sentence's: `X mengatakan ... . Y mengatakan`)
        cands = [
            (s - (c.end() + lo) if c.start() + lo < s else abs(c.start() + lo - e), c.start() + lo, c.end() + lo)
            for c in re.finditer(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", para, re.I)
        ]
        if not cands:
            print("CUE NOT FOUND", n, cue)
            problems += 1
            continue
        _, cs, ce = min(cands)
        out.append(
            {
                "id": f"{PREFIX}-{n:03d}-{k}",
                **base,
                "start": s,
                "end": e,
                "content": context[s:e],
                "speaker": spk,
                "cue": context[cs:ce],
                "cue_start": cs,
                "cue_end": ce,
            }
        )
with open(sys.argv[3], "w", encoding="utf-8") as fh:
    for r in out:
        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
print(
    len(out),
    "records;",
    sum(1 for r in out if r["start"] is not None),
    "quotations;",
    len({r["context_id"] for r in out}),
    "contexts; problems",
    problems,
)
