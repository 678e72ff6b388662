"""Rebuild examples/crawl.warc.gz, the small crawl the README's ``warta spark`` line reads: the
example page (page.html) and the two self-written or excerpted example articles wrapped in a
minimal HTML page each, as WARC response records (with their requests), gzipped per record.

    .venv/bin/python examples/make_crawl.py

Needs warcio (a dependency of Warta). The capture dates are fixed, so the file is the same on
every run apart from the record ids.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
CAPTURED = "2019-09-10T09:00:00Z"


def wrapped(text: str) -> str:
    """A plain-text article (title, blank line, paragraphs) as a minimal HTML page."""
    title, _, body = text.strip().partition("\n\n")
    paras = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in body.split("\n\n") if p.strip())
    return (
        f'<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>\n'
        f"<body><article><h1>{html.escape(title)}</h1>\n{paras}\n</article></body></html>\n"
    )


def pages() -> list[tuple[str, str]]:
    return [
        ("https://news.contoh.example/read/2019/09/10/jembatan-cikapundung-ditutup", (HERE / "page.html").read_text()),
        ("https://news.contoh.example/read/2019/12/09/harga-beras-naik", wrapped((HERE / "other.txt").read_text())),
        (
            "https://rbth.example/id/2016/12/04/bahas-aleppo-lavrov",
            wrapped((HERE / "articles" / "aleppo-rbth-id.txt").read_text()),
        ),
    ]


def main() -> None:
    out = HERE / "crawl.warc.gz"
    with out.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, page in pages():
            body = page.encode("utf-8")
            req = writer.create_warc_record(
                url,
                "request",
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", url.split("/")[2])], is_http_request=True),
                warc_headers_dict={"WARC-Date": CAPTURED},
            )
            headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
            resp = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Date": CAPTURED},
            )
            writer.write_record(req)
            writer.write_record(resp)
    print(f"wrote {out} ({out.stat().st_size} bytes, {len(pages())} pages)")


if __name__ == "__main__":
    main()
