#!/usr/bin/env python3
"""pandoc-suite.py: bibconv's biblatex reader against pandoc's own tests.

Usage: pandoc-suite.py BIBCONV DIR [MIN_PERCENT]

DIR holds NAME.bib beside NAME.expected.yaml (the references pandoc's
maintainers expect from it). Each .bib is converted with
`BIBCONV -f biblatex -I bibstrings=en -t csl-json` (pandoc prints
localisation keys in its document language, English here) and compared with
the expected CSL, field by field: text case-insensitively (sentence case is
our documented choice) with markup left out, language tags by primary
subtag, names part by part, dates as their parts; title-short is not compared (it is derived, not read). Prints
TAP: every item count right, and the fields equal at MIN_PERCENT or more
(default 97), with the differing fields grouped by field name.
"""
import collections
import glob
import html
import json
import os
import re
import subprocess
import sys

import yaml

SKIP = {"id", "title-short"}
NAME_FIELDS = {"author", "editor", "translator", "container-author",
               "collection-editor", "composer", "director", "interviewer",
               "illustrator", "original-author", "recipient", "reviewed-author",
               "editorial-director", "compiler", "chair", "contributor",
               "curator", "executive-producer", "guest", "host", "narrator",
               "organizer", "performer", "producer", "script-writer",
               "series-creator"}
DATE_FIELDS = {"issued", "accessed", "event-date", "original-date",
               "submitted", "available-date"}


def text(v):
    """A value as comparable text: markup out, space collapsed, folded."""
    if isinstance(v, list):
        v = ", ".join(text(x) for x in v)
    s = str(v)
    s = re.sub(r"<[^>]*>", "", s)           # our CSL-JSON rich text
    s = html.unescape(s)
    s = re.sub(r"\[([^\]]*)\]\{[^}]*\}", r"\1", s)  # pandoc [x]{.nocase}
    s = re.sub(r"(?<!\\)([~^])([^~^\s]+)(?<!\\)\1", r"\2", s)  # ~sub~, ^sup^
    s = re.sub(r"\\(.)", r"\1", s)          # pandoc's markdown escapes
    s = re.sub(r"(?<!\w)[*_]+|[*_]+(?!\w)", "", s)
    s = re.sub(r"`([^`]*)`\{=\w+\}", r"\1", s)  # pandoc raw inline
    # pandoc's markdown is read with smart punctuation: -- is an en dash,
    # straight quotes are curly ones
    s = s.replace("---", "\u2014").replace("--", "\u2013")
    s = re.sub("[\u201c\u201d\u201e]", '"', s)
    s = re.sub("[\u2018\u2019]", "'", s)
    s = s.replace("\u00a0", " ")
    return " ".join(s.split()).casefold()


def name(n):
    if not isinstance(n, dict):
        return (("literal", text(n)),)
    return tuple(sorted((k, text(v)) for k, v in n.items()
                        if k in ("family", "given", "dropping-particle",
                                 "non-dropping-particle", "suffix", "literal")))


def date(v):
    """pandoc writes EDTF text (2004-05/2005, 1723~, 1999/ open, 2004-22 a
    season); we write date-parts, a CSL season, or raw EDTF (1999/.. open).
    Both become ((y, m, d), ...), circa, literal."""
    if isinstance(v, dict) and "raw" in v:
        v = v["raw"].replace("..", "")
    if isinstance(v, dict):
        parts = [list(int(x) for x in p) for p in v.get("date-parts", [])]
        if v.get("season") and parts and len(parts[0]) == 1:
            parts[0].append(20 + int(v["season"]))
        return (tuple(tuple(p) for p in parts), bool(v.get("circa")), text(v.get("literal", "")))
    s = str(v).replace("\\", "")
    circa = s.endswith("~") or s.endswith("?")
    s = s.rstrip("~?")
    parts = []
    for half in s.split("/"):
        if not half:
            continue
        m = re.fullmatch(r"(-?\d+)(?:-(\d+))?(?:-(\d+))?", half)
        if not m:
            return ((), False, text(v))
        parts.append(tuple(int(x) for x in m.groups() if x is not None))
    return (tuple(parts), circa, "")


def norm(field, v):
    if field in NAME_FIELDS:
        return tuple(name(n) for n in (v if isinstance(v, list) else [v]))
    if field in DATE_FIELDS:
        return date(v)
    if field == "language":
        return text(v).split("-")[0]
    return text(v)


def expected(path):
    refs = []
    with open(path, encoding="utf-8") as f:
        for doc in yaml.safe_load_all(f):
            if doc:
                refs.extend(doc.get("references") or [])
    return refs


def main():
    bibconv, corpus = sys.argv[1], sys.argv[2]
    minimum = float(sys.argv[3]) if len(sys.argv) > 3 else 97.0
    equal = total = 0
    bad_counts = []
    diffs = collections.defaultdict(list)
    cases = sorted(glob.glob(os.path.join(corpus, "*.bib")))
    for bib in cases:
        case = os.path.basename(bib)[:-4]
        want = expected(bib[:-4] + ".expected.yaml")
        # pandoc prints localisation keys in the document's language (its
        # locale, English in these tests), bibconv in each entry's own
        # unless told one: the same document language, like for like
        p = subprocess.run([bibconv, "-q", "-f", "biblatex", "-I", "bibstrings=en",
                            "-t", "csl-json", bib], capture_output=True)
        try:
            got = json.loads(p.stdout.decode("utf-8") or "[]")
        except ValueError:
            got = []
        if len(got) != len(want):
            bad_counts.append("%s: %d items, want %d" % (case, len(got), len(want)))
        # pandoc writes URL, DOI, ISBN, ISSN in lower case
        ours = {str(it.get("id")): {k.lower(): v for k, v in it.items()}
                for it in got}
        for ref in want:
            it = ours.get(str(ref.get("id")), {})
            for field, v in ref.items():
                if field in SKIP:
                    continue
                total += 1
                if field in it and norm(field, it[field]) == norm(field, v):
                    equal += 1
                else:
                    diffs[field].append((case, ref.get("id"), v, it.get(field)))
    pct = 100.0 * equal / total if total else 0.0
    print("1..2")
    print("%s 1 - every item count right (%d cases)%s"
          % ("not ok" if bad_counts else "ok", len(cases),
             "" if not bad_counts else ": %d wrong" % len(bad_counts)))
    for b in bad_counts:
        print("#   " + b)
    print("%s 2 - %d of %d fields equal (%.1f %%, at least %g %%)"
          % ("ok" if pct >= minimum else "not ok", equal, total, pct, minimum))
    for field in sorted(diffs, key=lambda f: (-len(diffs[f]), f)):
        print("# %s: %d differ" % (field, len(diffs[field])))
        for case, rid, want_v, got_v in diffs[field]:
            print("#   %s/%s: want %s, got %s"
                  % (case, rid, json.dumps(want_v, ensure_ascii=False, default=str),
                     json.dumps(got_v, ensure_ascii=False)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
