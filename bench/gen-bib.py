#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# gen-bib.py N: write N BibTeX entries of realistic shape (articles, books,
# chapters; accents, braces, page ranges, DOIs, abstracts) to stdout, for
# the benchmark.  Deterministic: the same N gives the same bytes.
import random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
rnd = random.Random(7)
families = ["M{\\\"u}ller", "Garc{\\'\\i}a", "Smith", "van der Waals", "O'Neil", "Nguyen",
            "{\\AA}str{\\\"o}m", "Kowalski", "Dupont", "Rossi", "Tanaka", "Li"]
givens = ["Anna", "J.-P.", "Maria", "John Q.", "Wei", "Fran{\\c c}ois", "Olga", "Ravi"]
words = ("analysis of the {DNA} structure in large systems with \\emph{novel} methods for "
         "measuring adaptive response under stress a study on networks and $\\alpha$ "
         "coefficients").split()
out = sys.stdout
for i in range(n):
    kind = rnd.choice(["article", "article", "article", "book", "incollection", "inproceedings"])
    authors = " and ".join("%s, %s" % (rnd.choice(families), rnd.choice(givens))
                           for _ in range(rnd.randint(1, 6)))
    title = " ".join(rnd.choice(words) for _ in range(rnd.randint(6, 14))).capitalize()
    y = rnd.randint(1950, 2024)
    out.write("@%s{key%d,\n  author = {%s},\n  title = {%s},\n" % (kind, i, authors, title))
    if kind == "article":
        out.write("  journal = {Journal of %s},\n  volume = %d,\n  number = %d,\n"
                  % (rnd.choice(words).capitalize(), rnd.randint(1, 80), rnd.randint(1, 12)))
    elif kind == "book":
        out.write("  publisher = {Springer},\n  address = {Berlin},\n")
    else:
        out.write("  booktitle = {Proceedings of the %s Conference},\n  editor = {%s, %s},\n"
                  % (rnd.choice(words).capitalize(), rnd.choice(families), rnd.choice(givens)))
    p = rnd.randint(1, 900)
    out.write("  pages = {%d--%d},\n  year = %d,\n  month = %s,\n" % (p, p + rnd.randint(2, 40), y,
              rnd.choice(["jan", "feb", "mar", "apr", "may", "jun"])))
    out.write("  doi = {10.%d/x.%d.%d},\n" % (rnd.randint(1000, 9999), y, i))
    if rnd.random() < 0.5:
        out.write("  abstract = {%s.},\n" % " ".join(rnd.choice(words) for _ in range(60)))
    out.write("  keywords = {%s, %s},\n}\n\n" % (rnd.choice(words), rnd.choice(words)))
