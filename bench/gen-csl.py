#!/usr/bin/env python3
"""gen-csl.py: write a CSL-JSON array of about SIZE_MB megabytes to stdout,
items shaped like Crossref's (names with affiliations, dates, arrays,
unknown keys, a bilingual item every tenth)."""
import json, sys

size = int(sys.argv[1]) * 1024 * 1024 if len(sys.argv) > 1 else 1024 * 1024 * 1024
out = sys.stdout
template = {
    "type": "article-journal",
    "title": "A study of item {n} in a generated benchmark corpus",
    "container-title": "Journal of Generated Results",
    "author": [{"family": "Family%d" % k, "given": "Given Name", "affiliation": [{"name": "Some University"}],
                "sequence": "additional"} for k in range(6)],
    "issued": {"date-parts": [[2018, 4, 7]]},
    "volume": "12", "issue": 3, "page": "100-120",
    "DOI": "10.1000/bench.{n}",
    "ISSN": ["1234-5678", "8765-4321"],
    "abstract": "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 8,
    "reference-count": 42,
    "indexed": {"date-parts": [[2020, 1, 1]], "timestamp": 1577836800000},
}
bilingual = dict(template, language="zh", title="生成的基准语料中的第{n}篇研究",
                 custom={"multi": {"_keys": {"title": {"en": "Study {n} of a generated corpus"}}}})
texts = [json.dumps(t, ensure_ascii=False, indent=2) for t in (template, bilingual)]
written = out.write("[\n")
n = 0
while written < size:
    t = texts[1 if n % 10 == 9 else 0].replace("{n}", str(n))
    chunk = ("" if n == 0 else ",\n") + '{\n  "id": "item%d",' % n + t[1:]
    written += len(chunk.encode())
    out.write(chunk)
    n += 1
out.write("\n]\n")
sys.stderr.write("%d items, %d bytes\n" % (n, written))
