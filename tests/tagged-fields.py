#!/usr/bin/env python3
"""tagged-fields.py: field by field, real Web of Science and EndNote files.

Usage: tagged-fields.py BIBCONV CORPUS

JabRef has no expected BibTeX beside its Web of Science (.isi) and EndNote
(.enw, Refer) test files, so tests/importers.py can only count their
records. The table EXPECT below was written by reading those files (not
our output): for a few records of each, the type, title, authors (family
and given), container, year, volume, issue, pages and DOI their tags say.
Each file is converted with `BIBCONV -t csl-json` (no -f: detection is
part of the test) and every listed field compared. A field given as None
must be absent. Given names are compared without white space ("R.V." and
"R. V." are one person's initials), a container without case (Web of
Science writes journal names in capitals; we title-case them), the rest
exactly. Prints TAP.
"""
import json
import os
import subprocess
import sys

ISI = "jabref-importers/IsiImporter/"
ENW = "realworld/enw/"
SUB = "<sub>%s</sub>"

# file -> (record count, {record number (from 1): {field: value}})
EXPECT = {
    ISI + "IsiImporterTest1.isi": (1, {
        1: {"type": "article-journal",
            # INSPEC's LiNbO/sub 3/, the title over two lines
            "title": "Optical properties of MgO doped LiNbO" + SUB % "3" + " single crystals",
            "author": [("Brown", "James"), ("Brown", "James Marc"), ("Brown", "J. M."),
                       ("Brown", "J."), ("Brown", "J. M."), ("Brown", "J.")],
            "container": "Optical Materials", "year": 2006, "volume": "28", "issue": "5",
            "page": "467-472", "DOI": None},
    }),
    ISI + "IsiImporterTest2.isi": (3, {
        # "DI 467-72" is no DOI; "AU" with nothing after it is no author
        3: {"type": "article-journal", "author": None, "year": 2006, "volume": "28",
            "issue": "5", "DOI": None},
    }),
    ISI + "IsiImporterTestInspec.isi": (2, {
        1: {"type": "article-journal",
            "title": "Second harmonic generation of continuous wave ultraviolet light and "
                     "production of beta -BaB" + SUB % "2" + "O" + SUB % "4" + " optical waveguides",
            "author": [("Degl'Innocenti", "R."), ("Guarino", "A."), ("Poberaj", "G."),
                       ("Gunter", "P.")],
            "container": "Applied Physics Letters", "year": 2006, "volume": "89", "issue": "4",
            # BP 41103-1, EP 41103-41103-3 (INSPEC repeats the article
            # number), PS 41103-1-3: pages 1 to 3 of article 41103
            "page": "41103-1-41103-3",
            # INSPEC's ID holds its item identifiers, the DOI among them
            "DOI": "10.1063/1.2234275"},
        2: {"type": "article-journal",
            "title": "Optical and photoelectric spectroscopy of photorefractive Sn" + SUB % "2"
                     + "P" + SUB % "2" + "S" + SUB % "6" + " crystals",
            "author": [("Gamernyk", "R.V."), ("Gnatenko", "Yu.P."), ("Bukivskij", "P.M."),
                       ("Skubenko", "P.A."), ("Slivka", "V.Y.")],
            "container": "Journal of Physics: Condensed Matter", "year": 2006, "volume": "18",
            "issue": "23", "page": "5323-5331", "DOI": "10.1088/0953-8984/18/23/006"},
    }),
    ISI + "IsiImporterTestMedline.isi": (2, {
        1: {"type": "article-journal",
            "title": "Effects of modafinil on cognitive performance and alertness during sleep "
                     "deprivation.",
            "author": [("Wesensten", "Nancy J")],
            "container": "Curr Pharm Des", "year": 2006, "volume": "12", "issue": "20",
            "page": "2457-2471", "DOI": None},
        2: {"type": "article-journal",
            "author": [("Joffe", "Hadine"), ("Hall", "Janet E"), ("Gruber", "Staci"),
                       ("Sarmiento", "Ingrid A"), ("Cohen", "Lee S"), ("Yurgelun-Todd", "Deborah"),
                       ("Martin", "Kathryn A")],
            "container": "Menopause", "year": 2006, "volume": "13", "issue": "3",
            "page": "411-422", "DOI": None},
    }),
    ISI + "IsiImporterTestWOS.isi": (2, {
        1: {"type": "article-journal",
            "title": "Optical and photoelectric spectroscopy of photorefractive Sn2P2S6 crystals",
            "author": [("Gamernyk", "R. V."), ("Gnatenko", "Y. P."), ("Bukivskij", "P. M."),
                       ("Skubenko", "P. A."), ("Slivka", "V. Y.")],
            "container": "JOURNAL OF PHYSICS-CONDENSED MATTER", "year": 2006, "volume": "18",
            "issue": "23", "page": "5323-5331", "DOI": None},
        2: {"type": "article-journal",
            "title": "Optical waveguides in Sn2P2S6 by low fluence MeV He+ ion implantation",
            "author": [("Guarino", "A."), ("Jazbinsek", "M."), ("Herzog", "C."),
                       ("Degl'Innocenti", "R."), ("Poberaj", "G."), ("Gunter", "P.")],
            "container": "OPTICS EXPRESS", "year": 2006, "volume": "14", "issue": "6",
            "page": "2344-2358", "DOI": None},
    }),
    ENW + "jabref-Endnote.book.example.enw": (1, {
        1: {"type": "book",
            "title": "Git : dezentrale Versionsverwaltung im Team : Grundlagen und Workflows",
            "author": [("Preißel", "René"), ("Stachmann", "Bjørn")],
            "container": None, "year": 2016, "volume": None, "issue": None,
            # a book's %P is EndNote's "Number of Pages", not a page range
            "page": None, "number-of-pages": "XX, 327",
            "DOI": None, "ISBN": "978-3-86490-311-3", "publisher": "dpunkt.verlag",
            "edition": "3., aktualisierte und erweiterte Auflage"},
    }),
    ENW + "jabref-Endnote.entries.enw": (5, {
        # "%0" with no name: Generic
        1: {"type": "document", "title": "testT", "author": [("testA0", None), ("testA1", None)],
            "editor": [("testE0", None), ("testE1", None)]},
        5: {"type": "thesis", "title": None, "author": None, "volume": "testV", "issue": "testN",
            # a thesis's %P is its number of pages, as a book's
            "page": None, "number-of-pages": "testP", "publisher": "testI1",
            # "%R testRw" is no DOI; "%R doi:testR" says it is one
            "DOI": "testR"},
    }),
    ENW + "jabref-refer.bibIX.ref": (4, {
        1: {"type": "book", "title": "TitleTest", "author": [("AuthorL", "AuthorsF I")],
            "container": None, "volume": "Volume", "publisher": "Publisher", "ISBN": "I-S-B-N",
            "edition": "Ed", "DOI": None},
        2: {"type": "paper-conference", "title": "PTitle",
            "author": [("AuthorL", "AuthorsF I"), ("ContributorL", "ContributorF I"),
                       ("Series EditorL", "SeriesF I")],
            "editor": [("EditorL", "EditorF I")], "container": "Proceedings Title",
            "volume": "Volume", "page": "Pages", "DOI": None},
        3: {"type": "entry-encyclopedia", "title": "Title", "container": "Encyclopedia Title",
            "page": "Pages", "edition": "Edition"},
        4: {"type": "thesis", "title": "Title", "author": [("AuthorL", "AuthorsF I"),
                                                            ("ContributorL", "ContributorF I")],
            "publisher": "University", "DOI": None},
    }),
}


def names(v):
    if v is None:
        return None
    return [(n.get("family", n.get("literal")),
             None if n.get("given") is None else "".join(n["given"].split())) for n in v]


def got(rec, field):
    if field == "container":
        v = rec.get("container-title")
        return v.casefold() if isinstance(v, str) else v
    if field == "year":
        try:
            return rec["issued"]["date-parts"][0][0]
        except (KeyError, IndexError, TypeError):
            return None
    if field in ("author", "editor"):
        return names(rec.get(field))
    return rec.get(field)


def want(field, v):
    if field == "container" and isinstance(v, str):
        return v.casefold()
    if field in ("author", "editor") and v is not None:
        return [(f, None if g is None else "".join(g.split())) for f, g in v]
    return v


def main():
    bibconv, corpus = sys.argv[1], sys.argv[2]
    n = failed = 0

    def ok(cond, msg, extra=""):
        nonlocal n, failed
        n += 1
        failed += not cond
        print("%s %d - %s" % ("ok" if cond else "not ok", n, msg))
        if not cond and extra:
            print("#   " + extra)

    for rel, (count, records) in EXPECT.items():
        path = os.path.join(corpus, rel)
        p = subprocess.run([bibconv, "-q", "-t", "csl-json", path], capture_output=True)
        try:
            data = json.loads(p.stdout.decode("utf-8"))
        except ValueError:
            data = None
        ok(isinstance(data, list) and len(data) == count, "%s: %d records" % (rel, count),
           "got %s" % (len(data) if isinstance(data, list) else p.stderr.decode()[:200]))
        if not isinstance(data, list):
            continue
        for num, fields in records.items():
            rec = data[num - 1] if num <= len(data) else {}
            for field, v in fields.items():
                g, w = got(rec, field), want(field, v)
                ok(g == w, "%s #%d: %s" % (rel, num, field),
                   "got %s, want %s" % (json.dumps(g, ensure_ascii=False),
                                        json.dumps(w, ensure_ascii=False)))
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
