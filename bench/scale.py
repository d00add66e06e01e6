#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# scale.py BIBCONV WORKDIR N...: how time and peak memory grow with the
# number of records.  For each N: a BibTeX file of N generated entries
# (gen-bib.py) through bibtex -> every writer, and every reader's own text
# (made from the same entries by bibconv, streamed through a pipe, so that
# no copy of the input is kept on disk per format) -> csl-json.  Then the
# pathological shapes that once were quadratic or grew memory, each at two
# sizes, so that linear time shows as a constant time per unit.  Not a
# test: it prints tables.  CPU time is the measure: the machine may be
# shared, and a piped stage's wall time includes its producer's.
# BENCH_TABLES names the tables to print (default "records dedupe shapes").
import os, subprocess, sys, time

exe, work = sys.argv[1], sys.argv[2]
# the program itself, not libtool's wrapper script around it
real = os.path.join(os.path.dirname(exe), ".libs", os.path.basename(exe))
if os.access(real, os.X_OK):
    lib = os.path.join(os.path.dirname(exe), "src", "lib", ".libs")
    os.environ["LD_LIBRARY_PATH"] = lib + (":" + os.environ["LD_LIBRARY_PATH"] if "LD_LIBRARY_PATH" in os.environ else "")
    exe = real
sizes = [int(x) for x in sys.argv[3:]] or [10000, 100000, 1000000]
here = os.path.dirname(os.path.abspath(__file__))
NULL = open(os.devnull, "wb")
CANDIDATES = ["csl-json", "bibtex", "biblatex", "ris", "jats", "cnki", "endnote", "medline",
              "isi", "mods", "pubmed-xml", "endnote-xml", "gbt7714"]


def usable(args):
    """Whether bibconv accepts these format options (exit 2: unknown format
    or a direction the module does not have)."""
    p = subprocess.run([exe, "-q"] + args, stdin=subprocess.DEVNULL, stdout=NULL, stderr=NULL)
    return p.returncode != 2


writers = [f for f in CANDIDATES if usable(["-f", "csl-json", "-t", f])]
readers = [f for f in CANDIDATES if usable(["-f", f, "-t", "csl-json"])]


def run(args, stdin=None):
    """Run bibconv, return (exit, cpu seconds, wall seconds, peak RSS MB).
    Through GNU time when there is one: a child forked from this Python
    inherits its resident size, which would hide anything smaller."""
    timing = os.path.join(work, "time.out")
    pre = ["/usr/bin/time", "-q", "-f", "%e %U %S %M", "-o", timing] if os.access("/usr/bin/time", os.X_OK) else []
    t0 = time.time()
    # a run past the limit (a quadratic path) shows as exit 124
    limit = ["timeout", os.environ.get("BENCH_TIMEOUT", "600")]
    p = subprocess.Popen(limit + pre + [exe, "-q"] + args, stdin=stdin, stdout=NULL, stderr=NULL)
    if stdin is not None and stdin is not subprocess.DEVNULL:
        stdin.close()
    _, st, ru = os.wait4(p.pid, 0)
    rc = os.waitstatus_to_exitcode(st)
    wall, cpu, rss = time.time() - t0, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024
    if pre and rc != 124:
        with open(timing) as f:
            last = f.read().split("\n")[-2].split()  # after "Command exited with..."
        wall, cpu, rss = float(last[0]), float(last[1]) + float(last[2]), int(last[3]) / 1024
    return rc, cpu, wall, rss


def row(label, n, size, res):
    rc, cpu, wall, rss = res
    if rc == 124:
        print("%-24s %10d %9.1f  past the time limit (BENCH_TIMEOUT)" % (label, n, size / 1e6), flush=True)
        return
    per = cpu / n * 1e6 if n else 0
    print("%-24s %10d %9.1f %8.2f %8.2f %9.2f %8.1f %4d" % (label, n, size / 1e6, cpu, wall, per, rss, rc),
          flush=True)


def header(title, unit):
    print("\n%s\n%-24s %10s %9s %8s %8s %9s %8s %4s" % (title, "conversion", unit, "MB", "CPU s", "wall s",
                                                       "us/" + unit[:-1], "RSS MB", "exit"), flush=True)


tables = os.environ.get("BENCH_TABLES", "records dedupe shapes").split()


made = set()  # the inputs this run wrote: only those are deleted after


def bib_file(n):
    """The BibTeX file of n generated entries, made once."""
    bib = os.path.join(work, "scale-%d.bib" % n)
    if not os.path.exists(bib):
        made.add(bib)
        with open(bib + ".tmp", "wb") as f:
            subprocess.run([sys.executable, os.path.join(here, "gen-bib.py"), str(n)], stdout=f, check=True)
        os.rename(bib + ".tmp", bib)
    return bib


# BENCH_PAIRS picks the conversions of the records table ("ris:bibtex
# csl-json:bibtex ..."; a reader other than bibtex gets its input made on
# the fly); by default bibtex into every writer and every reader into
# csl-json.
pairs = [tuple(p.split(":", 1)) for p in os.environ.get("BENCH_PAIRS", "").split()]
pairs = [(r, w) for r, w in pairs if r in readers and w in writers] if pairs else \
    [("bibtex", w) for w in writers] + [(r, "csl-json") for r in readers if r != "bibtex"]
if "records" in tables:
    header("Records: each conversion at each size", "records")
for n in sizes if "records" in tables else []:
    bib = bib_file(n)
    size = os.path.getsize(bib)
    for r, w in pairs:
        if r == "bibtex":
            row("bibtex -> " + w, n, size, run(["-f", "bibtex", "-t", w, bib]))
            continue
        # the reader's input made on the fly by the bibtex reader and r's writer
        prod = subprocess.Popen([exe, "-q", "-f", "bibtex", "-t", r, bib], stdout=subprocess.PIPE,
                                stderr=NULL)
        res = run(["-f", r, "-t", w, "-"], stdin=prod.stdout)
        prod.wait()
        row(r + " -> " + w, n, 0, res)
    if n >= 10000000 and "dedupe" not in tables and bib in made:
        os.unlink(bib)  # 6 GB

# --dedupe: the file given twice, so that every record of the second copy
# is a duplicate (by its DOI, or by title, year and first author), against
# the same run without --dedupe (where the repeated ids are renamed).  The
# filter keeps a hash and a position per work, never the record.
if "dedupe" in tables:
    header("Dedupe: the BibTeX file twice -> csl-json, with and without --dedupe", "records")
for n in sizes if "dedupe" in tables else []:
    bib = bib_file(n)
    # the same entries without their DOIs: the key is then the title (NFKC
    # case-folded with ICU), the year and the first author
    nodoi = bib[:-4] + "-nodoi.bib"
    if not os.path.exists(nodoi):
        with open(bib, "rb") as src, open(nodoi + ".tmp", "wb") as dst:
            dst.writelines(line for line in src if not line.startswith(b"  doi = {"))
        os.rename(nodoi + ".tmp", nodoi)
    for label, path in (("", bib), (", no DOIs", nodoi)):
        size = 2 * os.path.getsize(path)
        row("twice" + label, 2 * n, size, run(["-f", "bibtex", "-t", "csl-json", path, path]))
        row("twice --dedupe" + label, 2 * n, size,
            run(["--dedupe", "-f", "bibtex", "-t", "csl-json", path, path]))
    if n >= 10000000:
        if bib in made:
            os.unlink(bib)
        os.unlink(nodoi)


# The shapes: (label, unit, generator of the input for k units, -f, -t).
def dup_keys(k):
    return "".join("@misc{dup, title={t%d}}\n" % i for i in range(k))


def xdata(k):
    keys = ",".join("x%d" % i for i in range(k))
    return "@misc{child, xdata={%s}}\n" % keys + "".join("@xdata{x%d, note={n}}\n" % i for i in range(k))


def children_first(k):
    return "".join("@inbook{c%d, crossref={p%d}, title={t}}\n" % (i, i) for i in range(k)) + \
        "".join("@book{p%d, title={b}, author={A, B}}\n" % i for i in range(k))


def string_cat(k):
    # each macro is the previous one twice: k levels, 2^k bytes if expanded
    s = "@string{s0 = {ab}}\n" + "".join("@string{s%d = s%d # s%d}\n" % (i + 1, i, i) for i in range(k))
    return s + "@misc{m, title = s%d}\n" % k


def ris_authors(k):
    return "TY  - JOUR\nTI  - t\n" + "".join("AU  - Family%d, Given\n" % i for i in range(k)) + "ER  - \n"


def jats_contribs(k):
    c = "".join("<contrib contrib-type=\"author\"><name><surname>S%d</surname><given-names>G</given-names>"
                "</name></contrib>" % i for i in range(k))
    return ("<article><front><article-meta><title-group><article-title>t</article-title></title-group>"
            "<contrib-group>%s</contrib-group></article-meta></front></article>\n" % c)


def csl_abstract(k):
    return '[{"id": "x", "type": "article", "title": "t", "abstract": "%s"}]\n' % ("a" * k)


def ris_key_collisions(k):
    return "".join("TY  - JOUR\nAU  - Smith, John\nPY  - 2020\nTI  - Same title %d\nER  - \n" % i for i in range(k))


shapes = [
    ("bibtex keys all 'dup'", "entries", dup_keys, [40000, 160000], "bibtex", "bibtex"),
    ("xdata list", "keys", xdata, [100000, 400000], "biblatex", "csl-json"),
    ("children before parents", "pairs", children_first, [100000, 400000], "biblatex", "csl-json"),
    ("@string # doubling", "levels", string_cat, [24, 30], "bibtex", "csl-json"),
    ("RIS AU lines", "names", ris_authors, [1000000, 4000000], "ris", "csl-json"),
    ("RIS colliding keys", "records", ris_key_collisions, [20000, 80000], "ris", "bibtex"),
    ("JATS contribs", "contribs", jats_contribs, [40000, 160000], "jats", "csl-json"),
    ("CSL-JSON abstract", "bytes", csl_abstract, [10000000, 50000000], "csl-json", "csl-json"),
]
if "shapes" in tables:
    print("\nShapes: the same shape at two sizes (linear: the same CPU per unit)")
    print("%-24s %10s %9s %8s %8s %9s %8s %4s" % ("shape", "units", "MB", "CPU s", "wall s", "us/unit", "RSS MB",
                                                  "exit"))
for label, unit, gen, ks, src, dst in shapes if "shapes" in tables else []:
    if src not in readers or dst not in writers:
        continue
    for k in ks:
        path = os.path.join(work, "shape.in")
        with open(path, "w") as f:
            f.write(gen(k))
        row(label, k, os.path.getsize(path), run(["-f", src, "-t", dst, path]))
    os.unlink(path)
