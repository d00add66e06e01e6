#!/usr/bin/env python3
"""importers.py: our readers against JabRef's importer test suite.

Usage: importers.py BIBCONV CORPUS

CORPUS/jabref-importers holds the inputs of JabRef's importer tests, most
beside the BibTeX JabRef's maintainers expect from them (MIT; not copied
here). Each input of a row of ROWS is converted with `BIBCONV -v -t
csl-json` (no -f: the format must be detected, and `-v` names it), the
expected .bib with `BIBCONV -f bibtex -t csl-json` (our own BibTeX reader),
and the two compared: the record count, then four fields of each record
in order (title, year, DOI, the first author's family name). A field is
counted where JabRef's entry has it: it agrees when ours is equal (text
with markup left out, white space collapsed, case folded; the year as a
number; a DOI in lower case without its resolver; an institution of ours
agrees with JabRef's first name written out whole, since JabRef leaves
institutions unbraced and BibTeX splits them). Every format must
agree on 95 % of its fields or more; fields where we differ on purpose
are listed in DECISIONS with the reason, printed, and not counted. Prints TAP; the fields that differ
are listed.

Adding a format is one row of ROWS (and its count rows for inputs that
have no .bib beside them). A row whose format the build has no reader for
is skipped, so rows may land before their module.
"""
import fnmatch
import glob
import json
import os
import re
import subprocess
import sys

# (format, path under CORPUS with glob patterns, expectation): "bib" takes
# each matching input that has a .bib of the same stem beside it (count and
# fields); a number is the record count JabRef's test asserts for an input
# that has none (count only).  Inputs are compared in sorted order.
ROWS = [
    ("medline", "jabref-importers/MedlinePlainImporter/*.txt", "bib"),
    ("medline", "jabref-importers/MedlinePlainImporter/MedlinePlainImporterTestMultipleEntries.txt", 7),
    ("medline", "jabref-importers/NbibImporter/*.nbib", "bib"),
    ("isi", "jabref-importers/IsiImporter/IsiImporterTest1.isi", 1),
    ("isi", "jabref-importers/IsiImporter/IsiImporterTest2.isi", 3),
    ("isi", "jabref-importers/IsiImporter/IsiImporterTestInspec.isi", 2),
    ("isi", "jabref-importers/IsiImporter/IsiImporterTestMedline.isi", 2),
    ("isi", "jabref-importers/IsiImporter/IsiImporterTestWOS.isi", 2),
    ("isi", "jabref-importers/IsiImporter/IsiImporterTestEmpty.isi", 0),
    ("endnote", "realworld/enw/jabref-Endnote.book.example.enw", 1),
    ("endnote", "realworld/enw/jabref-Endnote.entries.enw", 5),
    ("endnote", "realworld/enw/jabref-refer.bibIX.ref", 4),
    ("pubmed-xml", "jabref-importers/MedlineImporter/*.xml", "bib"),
    ("pubmed-xml", "jabref-importers/MedlineImporter/MedlineImporterTestMalformedEntry.xml", 0),
    ("mods", "jabref-importers/MODSImporter/*.xml", "bib"),
    ("endnote-xml", "jabref-importers/EndnoteXmlImporter/*.xml", "bib"),
]

MINIMUM = 95.0

# Fields where we differ from JabRef on purpose: (input, record number,
# field) -> why.  They are not counted, but listed; one that no longer
# differs fails, so the list stays true.
DECISIONS = {
    ("jabref-importers/MedlineImporter/MedlineImporterTestBookArticleSet.xml", 1, "title"):
        "a PubmedBookArticle with an ArticleTitle is a chapter: its title is the ArticleTitle, "
        "the BookTitle its container-title (JabRef: title = BookTitle)",
    ("jabref-importers/MedlineImporter/MedlineImporterTestKeywordSingleEntry.xml", 1, "author"):
        "a PersonalNameSubject is whom the article is about (an obituary's subject), not its "
        "author: kept as pubmed.personal-name-subject (JabRef: author)",
    ("jabref-importers/MODSImporter/MODSImporterTestAllFields.xml", 1, "title"):
        "the untyped titleInfo is the title; the one of type=\"alternative\" after it is kept as "
        "mods.title-alternative (JabRef: the last titleInfo read wins)",
    ("jabref-importers/MODSImporter/MODSImporterTestModsCollection.xml", 3, "author"):
        "names whose role is editor are the book's editors (JabRef: authors)",
}
FIELDS = ("title", "year", "DOI", "author")
MARKUP = re.compile(r"</?(i|b|sc|sup|sub|span)( [^>]*)?>")


def text(v):
    if isinstance(v, list):
        v = " ".join(str(x) for x in v)
    s = MARKUP.sub("", str(v))
    return " ".join(s.split()).casefold()


def year(item):
    d = item.get("issued")
    if not isinstance(d, dict):
        return None
    parts = d.get("date-parts")
    if parts and parts[0]:
        return int(parts[0][0])
    m = re.search(r"-?\d{1,4}", str(d.get("raw") or d.get("literal") or ""))
    return int(m.group(0)) if m else None


def doi(v):
    s = str(v).strip().lower()
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", s)


def first_family(item):
    names = item.get("author")
    if not names:
        return None
    n = names[0]
    return text(n.get("family") or n.get("literal") or "")


def whole_first(item):
    """The first author written out whole, for a literal on our side:
    JabRef's .bib leaves an institution unbraced ("National Collaborating
    Centre for Chronic Conditions (UK)"), which BibTeX splits into a given
    name, a von part and a family name no reader means."""
    names = item.get("author")
    if not names:
        return None
    n = names[0]
    parts = [n.get(k) for k in ("given", "dropping-particle", "non-dropping-particle", "family", "literal")]
    return text(" ".join(p for p in parts if p))


def literal_first(item):
    names = item.get("author")
    return text(names[0]["literal"]) if names and names[0].get("literal") else None


def field(item, name):
    """The comparable value of one of FIELDS, or None when absent."""
    if name == "year":
        return year(item)
    if name == "author":
        return first_family(item)
    v = item.get(name)
    if v is None or v == "":
        return None
    return doi(v) if name == "DOI" else text(v)


def convert(bibconv, args):
    p = subprocess.run([bibconv] + args, capture_output=True)
    try:
        data = json.loads(p.stdout.decode("utf-8") or "[]")
    except ValueError:
        data = None
    return p.returncode, data, p.stderr.decode("utf-8", "replace")


def readers(bibconv):
    out = subprocess.run([bibconv, "--list-formats"], capture_output=True).stdout.decode()
    return {l.split()[0] for l in out.splitlines()[1:]
            if l and not l.startswith(" ") and len(l.split()) > 1 and l.split()[1].startswith("r")}


def main():
    bibconv, corpus = sys.argv[1], sys.argv[2]
    have = readers(bibconv)
    n = 0
    failed = 0
    tally = {}  # format -> [equal, total, [differences], [differences by decision]]
    used = set()

    def report(ok, desc, detail=()):
        nonlocal n, failed
        n += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", n, desc))
        if not ok:
            failed += 1
            for d in detail:
                print("#   " + d)

    for fmt, pattern, expect in ROWS:
        paths = sorted(glob.glob(os.path.join(corpus, pattern)))
        if expect == "bib":
            paths = [p for p in paths if os.path.exists(os.path.splitext(p)[0] + ".bib")]
        if fmt not in have:
            n += 1
            print("ok %d - %s # SKIP no %s reader in this build" % (n, pattern, fmt))
            continue
        if not paths:
            report(False, "%s: no input found" % pattern)
            continue
        for path in paths:
            rel = os.path.relpath(path, corpus)
            rc, got, err = convert(bibconv, ["-v", "-t", "csl-json", path])
            m = re.search(r": note: reading as (\S+)", err)
            report(m is not None and m.group(1) == fmt and rc in (0, 1) and got is not None,
                   "%s: detected as %s and read (exit %d)" % (rel, fmt, rc),
                   ["read as %s" % (m.group(1) if m else "nothing")] +
                   [l for l in err.splitlines() if "error" in l][:5])
            got = got or []
            if expect != "bib":
                report(len(got) == expect, "%s: %d records, as JabRef's test says" % (rel, expect),
                       ["got %d" % len(got)])
                continue
            _, want, _ = convert(bibconv, ["-q", "-f", "bibtex", "-t", "csl-json",
                                           os.path.splitext(path)[0] + ".bib"])
            want = want or []
            report(len(got) == len(want), "%s: %d records, as JabRef's .bib has" % (rel, len(want)),
                   ["got %d" % len(got)])
            t = tally.setdefault(fmt, [0, 0, [], []])
            for i, w in enumerate(want):
                ours = got[i] if i < len(got) else {}
                for name in FIELDS:
                    wv = field(w, name)
                    if wv is None:
                        continue
                    t[1] += 1
                    ov = field(ours, name)
                    decision = DECISIONS.get((rel, i + 1, name))
                    if ov == wv or (name == "author" and literal_first(ours) is not None and
                                    literal_first(ours) == whole_first(w)):
                        t[0] += 1
                    elif decision:
                        t[1] -= 1
                        used.add((rel, i + 1, name))
                        t[3].append("%s #%d %s: JabRef %s, ours %s: %s"
                                    % (rel, i + 1, name, json.dumps(wv, ensure_ascii=False),
                                       json.dumps(ov, ensure_ascii=False), decision))
                    else:
                        t[2].append("%s #%d %s: JabRef %s, ours %s"
                                    % (rel, i + 1, name, json.dumps(wv, ensure_ascii=False),
                                       json.dumps(ov, ensure_ascii=False)))
    for fmt in sorted(tally):
        equal, total, diffs, decided = tally[fmt]
        pct = 100.0 * equal / total if total else 100.0
        report(pct >= MINIMUM, "%s: %d of %d fields agree with JabRef (%.1f %%, at least %g %%)%s"
               % (fmt, equal, total, pct, MINIMUM,
                  ", %d more differ by a decision" % len(decided) if decided else ""), diffs)
        if pct >= MINIMUM:
            for d in diffs:
                print("#   " + d)
        for d in decided:
            print("#   by decision: " + d)
    for key in sorted(set(DECISIONS) - used):
        fmt = next((f for f, p, e in ROWS if fnmatch.fnmatch(key[0], p)), None)
        if fmt in have:
            report(False, "%s #%d %s: listed in DECISIONS but no longer differs" % key)
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
