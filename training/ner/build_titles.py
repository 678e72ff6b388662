"""Write ``src/warta/lang/id/titles.txt`` from mined and checked title phrases.

Inputs: the reviewed phrases mined from the labelled corpora (``MINED`` below, picked from the
output of ``mine_titles.py``), the counts that script printed (``--mined-counts``), and role
words to check on the raw text (``title_candidates.txt``); each is counted before a capitalised
word in the tokenized raw news text (``--raw``, written by ``warta.training.ner.raw_sentences``).

    python training/ner/mine_titles.py > /tmp/title-candidates.tsv
    python training/ner/build_titles.py --mined-counts /tmp/title-candidates.tsv --raw /tmp/ner-raw.txt
"""

import argparse
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ap = argparse.ArgumentParser()
ap.add_argument("--mined-counts", type=Path, required=True)
ap.add_argument("--raw", type=Path, required=True)
ap.add_argument("--out", type=Path, default=HERE.parents[1] / "src/warta/lang/id/titles.txt")
args = ap.parse_args()

MINED = [
    "Presiden",
    "Wakil Presiden",
    "Menteri Keuangan",
    "Menpora",
    "Pak",
    "Menteri",
    "Sekretaris Kabinet",
    "Jenderal",
    "Bapak",
    "Menteri Agama",
    "Menteri PUPR",
    "Menteri Perindustrian",
    "Menteri Perhubungan",
    "pelatih",
    "Ketua Umum",
    "Ibu",
    "presiden",
    "Menteri Sosial",
    "AKBP",
    "Gubernur",
    "Perdana Menteri",
    "Wapres",
    "Menteri ESDM",
    "anggota",
    "Menhub",
    "Menteri LHK",
    "aktor",
    "Menkeu",
    "sutradara",
    "Prof",
    "Mendagri",
    "Jaksa Agung",
    "mendiang",
    "Menteri Kesehatan",
    "Menag",
    "Menteri Ketenagakerjaan",
    "H.",
    "Pelatih",
    "musisi",
    "Bu",
    "Menpupera",
    "Presiden terpilih",
    "presiden terpilih",
    "Menteri Koordinator Bidang Kemaritiman",
    "Menteri Koordinator bidang Kemaritiman",
    "Staf Khusus Presiden",
    "Koordinator Staf Khusus Presiden",
    "mantan Presiden",
    "Mantan Presiden",
    "Dr.",
    "Menlu",
    "Ketum",
    "Menko Polhukam",
    "Irjen",
    "Mensos",
    "Almarhum",
    "Mbak",
    "Kyai",
    "Pilot",
    "Ketua",
    "Rektor",
    "Menteri Tenaga Kerja",
    "Menkominfo",
    "Menko Kemaritiman",
    "Menhan",
    "Dubes",
    "Aktris",
    "Sekjen",
    "Mensesneg",
    "CEO",
    "Manajer",
    "manajer",
    "Presiden Direktur",
    "Mbah",
    "artis",
    "Menteri Dalam Negeri",
    "Menteri Luar Negeri",
    "Kapolri Jenderal",
    "Panglima TNI Jenderal",
    "Kepala Bappenas",
    "Kepala Badan Intelijen Negara",
    "Kepala BIN",
    "Wakil Ketua DPR",
    "Wakil Ketua DPR RI",
    "Ketua DPR",
    "Ketua DPR RI",
    "Ketua MPR",
    "Ketua KPK",
    "Ketua MK",
    "Menteri BUMN",
    "Menteri KKP",
    "Ketua Umum Partai Golkar",
    "Ketua Umum Partai Demokrat",
    "Ketua Umum Partai Gerindra",
    "Menteri Perdagangan",
    "Presiden keenam",
    "Presiden ketiga",
    "Sultan",
    "istri",
    "suami",
    "mantan istri",
    "putra",
    "putri",
    "kekasih",
    "Ibu Negara",
]
counts = {}
for row in args.mined_counts.read_text(encoding="utf-8").splitlines():
    n, p = row.split("\t")
    counts[p] = int(n)
raw = [x.strip() for x in (HERE / "title_candidates.txt").read_text(encoding="utf-8").splitlines() if x.strip()]
exclude = {
    "Sutopo",
    "Humas",
    "juru bicara Kementerian Pertahanan",
    "Kepala Negara",
    "Imam",
    "Mas",
    "Bang",
    "Tuan",
    "mantan",
    "Koordinator",
    "Sekretaris",
    "Direktur",
    "Kepala",
    "Komisaris",
    "Deputi",
    "Anggota",
    "Kapten",
    "Mayor",
    "Haji",
    "Raja",
    "Ratu",
    "Pangeran",
    "Sultan",
    "kapten",
    "KH",
    "Pj",
    "Plt",
    "Senator",
    "Gus",  # "Gus Dur", "Gus Ipul": the honorific is how the person is named
}
phrases = [p for p in dict.fromkeys(MINED + raw) if p not in exclude]
want = {tuple(p.split()): p for p in phrases}
L = max(len(k) for k in want)
rc = Counter()
for line in args.raw.read_text(encoding="utf-8").splitlines():
    w = line.split()
    for i in range(len(w)):
        for n in range(1, L + 1):
            if i + n < len(w):
                k = tuple(w[i : i + n])
                if k in want and w[i + n][:1].isupper() and w[i + n][1:2].islower():
                    rc[want[k]] += 1
rows = []
seen = set()
for p in phrases:
    if p.lower() in seen:
        continue
    if rc[p] + counts.get(p, 0) < 3:
        continue
    seen.add(p.lower())
    rows.append((p, counts.get(p, 0), rc[p]))
out = [
    "# Titles, ranks and roles that stand before (or after) a person's name in Indonesian news.",
    "# Built by training/ner/mine_titles.py from the labelled NER corpora (phrases directly before",
    "# PER spans, seen >= 3 times, reviewed by hand) plus role words checked on the raw news text",
    "# (CLICK-ID, IndoSum). Kept when seen >= 3 times in all. After each phrase: count before a PER",
    "# span in the labelled corpora / count before a capitalised word in the raw text.",
    "# Matching is case-insensitive and longest-first. Titles are never part of a name. A role",
    "# followed by an organisation or place (Menteri Luar Negeri AS) is listed without it: the",
    "# entities stage reads the affiliation separately; common compounds (Ketua DPR) are kept as",
    "# a fallback for when the organisation is not recognised.",
    "",
]
# titles the annotation guidelines name ("Dr.", "Prof." are never part of a name), also when the
# news drops the full stop ("Dr Suwondo", "Prof Mahfud"), whatever their counts
GUIDELINES = ["Dr", "Prof"]
rows = [r for r in rows if r[0] not in GUIDELINES]
for p, mc, r in sorted([*rows, *((g, -1, -1) for g in GUIDELINES)], key=lambda r: r[0].lower()):
    out.append(f"{p}  # annotation guidelines" if mc < 0 else f"{p}  # {mc}/{r}")
args.out.write_text("\n".join(out) + "\n", encoding="utf-8")
print(len(rows), [p for p in phrases if p.lower() not in seen][:50])
