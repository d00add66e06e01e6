# consumers.py: the body of tests/consumers.sh (run by it; TAP on stdout).
#
# The real consumers judge what we write.  Every input (the goldens of
# tests/golden/*, the files of CORPUS/<format> for each format we read,
# CORPUS/jabref-importers/*, CORPUS/realworld/* and samples/*) is converted
# by every writer (a crash or a sanitizer's report is a failure), and each
# consumer reads what it takes:
#   pandoc      -f bibtex / -f biblatex / -f csljson: the same number of
#               records, exit 0, nothing on stderr (no warning);
#   citation.js its BibTeX, RIS and CSL-JSON inputs: the same number, no
#               error;
#   bibtex      plain.bst on an .aux citing *: one \bibitem a record, no
#               more errors and warnings than the original file gives when
#               it was BibTeX, entry by entry (else none but plain.bst's
#               own about the record's data: a missing field, author and
#               editor both);
#   biber       --tool --validate-datamodel on our biblatex: every record,
#               no error, warnings only about fields the source had (its
#               own fields, or another format's extras and other-language
#               values, which biblatex's data model has no field for);
#   jabref      its command-line import (BibTeX, RIS): the same number;
#   bibutils    ris2xml, bib2xml: the same number, no "unknown type";
#   xmllint     --dtdvalid on our JATS (tests/jats.sh's DTD).
# A cell of the table is consumer x input group x writer, accepted/given
# in files; a file that fails is named with the reason.  KNOWN lists the
# files a consumer is wrong about, each with why (the README says it too);
# a known failure that passes is a failure, so the list stays true.
#
# Time: every consumer's work is cut into jobs that one pool of two
# workers runs, longest first.  Consumers that start slowly read many files
# at once: citation.js many in one node process, pandoc, biber and JabRef
# many outputs put together as one file, each output's keys (RIS IDs)
# prefixed "fN-" so that what they read is counted output by output, and
# halved until a problem names its output.  An input byte-identical to one
# before it is converted once.  Under ASan+UBSan (BIBCONV_SANITIZERS set
# by make check's sanitizer build) pandoc, biber and JabRef are left to
# the plain build: the conversions are what that build checks.
#
# Environment: CONSUMERS=pandoc,biber runs only those, INPUTS=REGEX only
# the inputs whose group/file it matches (golden/ris/, realworld/); KEEP=1
# keeps the scratch directory and says where.
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback

bibconv, srcdir, corpus, cjs_dir, jats_dtd = sys.argv[1:6]
TMP = tempfile.mkdtemp(prefix="bcv-consumers.")
JOBS = 2
ONLY = set(filter(None, os.environ.get("CONSUMERS", "").split(",")))
ONLY_INPUTS = os.environ.get("INPUTS", "")

# Failures that are not our output's fault: (consumer, writers, input
# file or None for any, pattern of the failure or None, why).  The README
# says the same; each matched failure is counted as not accepted, marked
# "known", and one that no longer fails is an error, so the list stays true.
KNOWN = [
    ("pandoc", "biblatex", "golden/bibtex/types.bib", "0 of|52 of 53",
     "@commentary (a biblatex type) is read as a @comment by pandoc 2.17: the entry is lost"),
    ("citation.js", "biblatex", "golden/bibtex/types.bib", "52 of 53",
     "@commentary is read as a @comment by citation.js 0.7: the entry is lost"),
    ("pandoc", "bibtex biblatex", "golden/bibtex/inherit.bib", "timed out",
     "the input's crossref cycle (cycle-a, cycle-b), kept as written: pandoc 2.17 loops forever"),
    ("citation.js", "bibtex biblatex", "golden/bibtex/inherit.bib", "call stack",
     "the input's crossref cycle (cycle-a, cycle-b), kept as written: citation.js overflows its stack"),
    ("citation.js", "bibtex biblatex", "golden/bibtex/dates.bib", "convert date to issued",
     "citation.js 0.7 throws on an open-start EDTF date (date = {../1997}), which biber reads, and drops the file"),
    ("citation.js", "bibtex biblatex", None, "convert bookauthor to container-author",
     "citation.js 0.7 throws when a crossref parent has no author for the child's bookauthor"),
    ("bibutils", "ris", None, r"^\d+ of \d+ records; (ris2xml: Did not recognize type '(ART|BILL|BLOG|"
     r"CHART|CLSWK|CPAPER|CTLG|DATA|DBASE|DICT|EBOOK|ECHAP|EDBOOK|EJOUR|ENCYC|EQUA|FIGURE|GOVDOC|"
     r"GRANT|INPR|JFULL|LEGAL|MANSCPT|MULTI|MUSIC|SER|SLIDE|SOUND|STAND|VIDEO|AGGR|ANCIENT)' "
     r"of refnum \d+ \([^)]*\)\.(; |$))+$",
     "ris2xml 7.2 knows only the RIS codes before 2011; it reads the others as generic (README, RIS)"),
    ("bibutils", "bibtex", None, r"Did not recognize type '(preamble)?' of refnum 1 ",
     "bib2xml 7.2 takes @preamble for an entry of type 'preamble' (of no type when the "
     "preamble holds a '\"')"),
    ("jabref", "ris", None, r"held back: \d+ records with an unbalanced brace",
     "JabRef 3.8 never ends reading an RIS value with an unbalanced brace (RIS has no braces): "
     "the record is not given to it"),
    ("biber", "biblatex",
     "realworld/bibtex/bbt-Maintain_the_JabRef_group_and_subgroup_structure_when_importing_a_BibTeX_db_97.bib",
     r"^WARN - BibTeX subsystem: .*warning: possible runaway string started at line \d+$",
     "biber's parser takes a line of a value that starts like a field (the source's abstract's "
     "'Kp = const p O2', after a paragraph break) for a runaway string: a warning, as on the source"),
    ("citation.js", "bibtex biblatex", "realworld/bibtex/bbt-Unabbreviate_on_import_1436-3.bib",
     r'expected "lbrace", got "command"',
     "citation.js 0.7 cannot parse \\_ in a formula (the source's title has $>\\$\\_\\lbrace$) and "
     "throws, as it does on the source"),
    ("citation.js", "bibtex biblatex", "golden/csl-json/formula-tags.json", r'expected "lbrace", got "command"',
     "citation.js 0.7 cannot parse \\_ in a formula (the title of bbt-Unabbreviate_on_import_1436-3.bib)"),
    ("biber", "biblatex", "realworld/bibtex/bbt-Some_bibtex_entries_quietly_discarded_on_import_from_bib_file_873.bib",
     r"^986 of 987 records; ERROR - Name \"Miller, D\., \{Firby, J\.\}\" has too many commas",
     "the source's author = \"Miller, D., Firby, J. and Dean, T.\" has three commas in one name; "
     "biber skips that entry, as it does reading the source"),
]

# Failures that are our output's fault, not fixed yet: the same shape,
# printed as TAP TODO (they do not fail the test; one that passes does).
TODO = [
]

# inputs that are not their folder's format: group/file -> why
NOT_INPUTS = {
    "corpus/cnki/endnote-cases.json": "a JSON file of test cases (translators_CN), not an export",
    "corpus/cnki/refworks-cases.json": "a JSON file of test cases (translators_CN), not an export",
}

# ---- inputs ----


def formats():
    out = subprocess.run([bibconv, "--list-formats"], stdout=subprocess.PIPE,
                         universal_newlines=True).stdout
    readers, writers = [], []
    for line in out.splitlines()[1:]:
        m = re.match(r"^(\S+)\s+([r-]?)([w-]?)\s", line)
        if m and m.group(2) == "r":
            readers.append(m.group(1))
        if m and m.group(3) == "w":
            writers.append(m.group(1))
    return readers, writers


READERS, WRITERS = formats()
SKIP_NAMES = re.compile(r"\.(expected|stderr|rc|args)$|^(README\.md|MANIFEST\.tsv)$")


def files_in(d):
    return sorted(os.path.join(d, n) for n in os.listdir(d)
                  if os.path.isfile(os.path.join(d, n)) and not SKIP_NAMES.search(n))


def subdirs(d):
    return sorted(n for n in os.listdir(d) if os.path.isdir(os.path.join(d, n))) \
        if os.path.isdir(d) else []


groups = []  # (group, directory, format or None: detected)
for d in subdirs(os.path.join(srcdir, "tests", "golden")):
    groups.append(("golden/" + d, os.path.join(srcdir, "tests", "golden", d),
                   d if d in READERS else None))
for d in subdirs(corpus):
    if d in READERS:
        groups.append(("corpus/" + d, os.path.join(corpus, d), d))
for d in subdirs(os.path.join(corpus, "jabref-importers")):
    groups.append(("jabref-importers/" + d, os.path.join(corpus, "jabref-importers", d), None))
for d in subdirs(os.path.join(corpus, "realworld")):
    groups.append(("realworld/" + d, os.path.join(corpus, "realworld", d), None))
for d in subdirs(os.path.join(srcdir, "samples")):
    groups.append(("samples/" + d, os.path.join(srcdir, "samples", d), None))

inputs = []  # (group, name, path, format)
seen = set()
for g, d, fmt in groups:
    for p in files_in(d):
        name = os.path.basename(p)
        with open(p, "rb") as f:
            digest = (hashlib.sha1(f.read()).hexdigest(), fmt)
        if g + "/" + name in NOT_INPUTS or digest in seen or \
                (ONLY_INPUTS and not re.search(ONLY_INPUTS, g + "/" + name)):
            continue
        seen.add(digest)
        inputs.append((g, name, p, fmt))

# ---- our outputs ----

BIB_ENTRY = re.compile(r"^@([A-Za-z][\w-]*)\{", re.M)


def count(writer, text):
    if writer in ("bibtex", "biblatex"):
        return sum(1 for m in BIB_ENTRY.finditer(text)
                   if m.group(1).lower() not in ("preamble", "string", "comment"))
    if writer == "ris":
        return len(re.findall(r"^TY  - ", text, re.M))
    if writer == "csl-json":
        try:
            return len(json.loads(text))
        except ValueError:
            return 0
    return 1 if text.strip() else 0


class Out:
    """One input converted by one writer."""

    def __init__(self, group, name, src, fmt, writer, n):
        self.group, self.name, self.src, self.fmt, self.writer = group, name, src, fmt, writer
        self.path = os.path.join(TMP, "out", "%d.%s" % (n, writer))
        self.records = 0
        self.size = 0
        self.crash = None

    @property
    def cell(self):
        return self.group + "/" + self.name

    @property
    def source_bib(self):
        return self.fmt in ("bibtex", "biblatex") or \
            (self.fmt is None and self.src.lower().endswith(".bib"))


def first_lines(text, n=3):
    return [l[:200] for l in text.strip().splitlines()[:n]]


def convert(o):
    args = [bibconv, "-q", "-t", o.writer, "-o", o.path]
    if o.fmt:
        args += ["-f", o.fmt]
    p = subprocess.run(args + [o.src], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.decode("utf-8", "replace")
    # 1 is rejected records, 2 an input no reader takes; a sanitizer's
    # report or a signal is a bug of ours, whatever the status
    if p.returncode < 0 or p.returncode > 2 or "Sanitizer" in err or "runtime error:" in err:
        o.crash = "exit %d; %s" % (p.returncode, " ".join(first_lines(err, 2)))
    if os.path.exists(o.path):
        with open(o.path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        o.records, o.size = count(o.writer, text), len(text)
    return o


os.makedirs(os.path.join(TMP, "out"))
outs = [Out(g, name, path, fmt, w, i * len(WRITERS) + k)
        for i, (g, name, path, fmt) in enumerate(inputs) for k, w in enumerate(WRITERS)]
with concurrent.futures.ThreadPoolExecutor(max_workers=JOBS) as pool:
    outs = list(pool.map(convert, outs))
crashes = [o for o in outs if o.crash]
outs = [o for o in outs if o.records and not o.crash]


def of(*writers):
    return [o for o in outs if o.writer in writers]


def run(args, timeout, **kw):
    """(exit status, stdout, stderr); status None on a timeout."""
    try:
        p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, timeout=timeout, **kw)
        return (p.returncode, p.stdout.decode("utf-8", "replace"),
                p.stderr.decode("utf-8", "replace"))
    except subprocess.TimeoutExpired:
        return None, "", "timed out after %d s" % timeout


def batches(items, most):
    """items in runs of at most `most` records (a bigger one alone)."""
    run_, n = [], 0
    for o in items:
        if run_ and n + o.records > most:
            yield run_
            run_, n = [], 0
        run_.append(o)
        n += o.records
    if run_:
        yield run_


def each(fn, items):
    """One job per output: fn(o) -> (accepted, why)."""
    return [(o.records, lambda o=o: {o: fn(o)}) for o in items]


# ---- key prefixes: many outputs as one file ----

BIB_KEY = re.compile(r"^(@[A-Za-z][\w-]*\{)([^,\n]*),", re.M)
BIB_LINK = re.compile(r"^(  (?:crossref|xref|xdata|related|set|entryset) = \{)([^}\n]*)(\},?)$", re.M)


def prefix_bib(text, p):
    def key(m):
        if m.group(1).lower() in ("@preamble{", "@string{", "@comment{"):
            return m.group(0)
        return "%s%s%s," % (m.group(1), p, m.group(2))

    def link(m):
        return m.group(1) + ",".join(p + k.strip() for k in m.group(2).split(",")) + m.group(3)
    return BIB_LINK.sub(link, BIB_KEY.sub(key, text))


def prefixed(text, i, writer, ids):
    """The i-th output, to share a file with others: BibTeX keys prefixed
    "fI-", or each RIS record given the ID "fI-N", N from ids (every
    record an ID: a JATS article may have none)."""
    if writer == "ris":
        text = re.sub(r"^ID  - .*\n", "", text, flags=re.M)
        text = re.sub(r"^TY  - .*\n", lambda m: "%sID  - f%d-%d\n" % (m.group(0), i, next(ids)),
                      text, flags=re.M)
    else:
        text = prefix_bib(text, "f%d-" % i)
    return text.rstrip("\n") + "\n\n"


def combine(items, path):
    """items as one file, the keys (RIS IDs) of the i-th prefixed "fI-"."""
    with open(path, "w", encoding="utf-8") as f:
        for i, o in enumerate(items):
            with open(o.path, encoding="utf-8") as g:
                f.write(prefixed(g.read(), i, o.writer, iter(range(1 << 30))))


def item_of_key(key):
    m = re.match(r"f(\d+)-", key or "")
    return int(m.group(1)) if m else None


# ---- the consumers: each gives jobs (cost, fn() -> {Out: (accepted, why)}) ----


def alone(name, items):
    """The outputs a KNOWN or TODO rule names by file, which may hang or
    stop their consumer, apart from the others."""
    named = set(cell for rules in (KNOWN, TODO) for c, _, cell, _, _ in rules if c == name and cell)
    return [o for o in items if o.cell in named], [o for o in items if o.cell not in named]


def pandoc():
    """Many outputs of one writer a run (their keys prefixed), halved
    until each problem names its output."""
    fmts = {"bibtex": "bibtex", "biblatex": "biblatex", "csl-json": "csljson"}

    def job(items, where, hangs=False):
        writer = items[0].writer
        path = where + "." + writer
        if writer == "csl-json":
            array = []
            for i, o in enumerate(items):
                with open(o.path, encoding="utf-8") as f:
                    for rec in json.load(f):
                        rec["id"] = "f%d-%s" % (i, rec.get("id", ""))
                        array.append(rec)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(array, f, ensure_ascii=False)
        else:
            combine(items, path)
        # a few seconds do a file; a known hang (a crossref cycle) is not waited for long
        rc, out, err = run(["pandoc", "-f", fmts[writer], "-t", "csljson", path],
                           30 if hangs else 60 + sum(o.records for o in items) // 50)
        got = {}
        try:
            for rec in json.loads(out) if rc == 0 else []:
                i = item_of_key(str(rec.get("id", "")))
                got[i] = got.get(i, 0) + 1
        except ValueError:
            pass
        if len(items) == 1:  # alone, every record is its: a note "ID: x" is an id to pandoc
            got = {0: sum(got.values())}
        good = rc == 0 and not err.strip() and not got.get(None) and \
            all(got.get(i, 0) == o.records for i, o in enumerate(items))
        if not good and len(items) > 1:
            h = len(items) // 2
            return {**job(items[:h], where + "a"), **job(items[h:], where + "b")}
        if rc is None:
            return {o: (False, err) for o in items}
        return {o: (good, "" if good else "exit %s, %d of %d records; %s" % (
            rc, got.get(i, 0), o.records, " ".join(first_lines(err, 2)))) for i, o in enumerate(items)}

    jobs = []
    for writer in fmts:
        apart, together = alone("pandoc", of(writer))
        for k, b in enumerate([[o] for o in apart] + list(batches(together, 3000))):
            where = os.path.join(TMP, "pandoc-%s-%d" % (writer, k))
            jobs.append((sum(o.records for o in b), lambda b=b, where=where, h=b[0] in apart: job(b, where, h)))
    return jobs


CJS = r"""
const core = require('@citation-js/core');
require('@citation-js/plugin-bibtex');
require('@citation-js/plugin-ris');
const fs = require('fs');
const types = { bibtex: '@biblatex/text', biblatex: '@biblatex/text', ris: '@ris/file',
                'csl-json': '@else/json' };
for (const line of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (!line) continue;
  const [i, writer, path] = JSON.parse(line);
  let n = -1, error = '';
  try {
    n = core.plugins.input.chain(fs.readFileSync(path, 'utf8'),
                                 { forceType: types[writer], generateGraph: false }).length;
  } catch (e) {
    error = String(e && e.message || e).split('\n')[0].slice(0, 200);
  }
  fs.writeSync(1, JSON.stringify([i, n, error]) + '\n');
}
"""


def citationjs():
    script = os.path.join(TMP, "cjs.js")
    with open(script, "w") as f:
        f.write(CJS)
    env = dict(os.environ, NODE_PATH=os.path.join(cjs_dir, "node_modules"))

    def job(items, k):
        results = {}
        todo = list(range(len(items)))
        while todo:
            lst = os.path.join(TMP, "cjs-%d.list" % k)
            with open(lst, "w") as f:
                for i in todo:
                    f.write(json.dumps([i, items[i].writer, items[i].path]) + "\n")
            rc, out, err = run(["node", script, lst], 300, env=env)
            done = set()
            for line in out.splitlines():
                i, n, error = json.loads(line)
                o = items[i]
                done.add(i)
                ok = not error and n == o.records
                results[o] = (ok, "" if ok else "%d of %d records%s" % (
                    max(n, 0), o.records, "; " + error if error else ""))
            rest = [i for i in todo if i not in done]
            if rest:  # the first one left stopped node (a crash, or the time ran out)
                results[items[rest[0]]] = (False, "node stopped: " + " ".join(first_lines(err, 2)))
                rest = rest[1:]
            todo = rest
        return results
    return [(sum(o.records for o in b), lambda b=b, k=k: job(b, k))
            for k, b in enumerate(batches(of("bibtex", "biblatex", "ris", "csl-json"), 3000))]


# plain.bst's warnings about a record's own data (a field it lacks, two it
# cannot use together): what a record from another format may well give
PLAIN_BST_SAYS = re.compile(r"^Warning--(empty |can't use both |there's a number but no |"
                            r"to sort, need |page numbers missing|need key to make)")
BIBTEX_ERROR = re.compile(r"^(I was expecting|I'm skipping|A bad cross reference|"
                          r"I couldn't open|Too many commas|Illegal|Sorry|.*---line \d+ of file)")


def bibtex_run(bib, where):
    """bibtex with plain.bst on bib citing *: (exit, \\bibitem count,
    {entry key or None: [warnings and errors]})."""
    os.makedirs(where, exist_ok=True)
    shutil.copyfile(bib, os.path.join(where, "x.bib"))
    with open(os.path.join(where, "x.aux"), "w") as f:
        f.write("\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{x}\n")
    rc, out, err = run(["bibtex", "x"], 120, cwd=where)
    said = {}
    if os.path.exists(os.path.join(where, "x.blg")):
        with open(os.path.join(where, "x.blg"), encoding="latin-1") as f:
            lines = f.read().splitlines()
        for k, line in enumerate(lines):
            if line.startswith("Warning--") or BIBTEX_ERROR.match(line):
                m = re.search(r" in (\S+)$", line) if line.startswith("Warning--") else None
                if line.startswith("A bad cross reference") and k + 1 < len(lines):
                    line += " " + lines[k + 1]  # refers to entry "...", which doesn't exist
                said.setdefault(m.group(1) if m else None, []).append(line)
    items = 0
    if os.path.exists(os.path.join(where, "x.bbl")):
        with open(os.path.join(where, "x.bbl"), encoding="latin-1") as f:
            items = len(re.findall(r"^\\bibitem", f.read(), re.M))
    return rc, items, said


# a field of the original entry that says what plain.bst's field says
SAME_FIELD = {"year": ("date",), "journal": ("journaltitle",), "address": ("location",),
              "school": ("institution",), "institution": ("school",)}


def has_entry(path, key):
    with open(path, encoding="utf-8", errors="replace") as f:
        return re.search(r"^\s*@\s*\w+\s*[{(]\s*" + re.escape(key) + r"\s*,", f.read(), re.M | re.I)


def entry_fields(path):
    """{key: set of field names} of a .bib file, read crudely."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    fields = {}
    for m in re.finditer(r"^\s*@\s*\w+\s*[{(]\s*([^,\s]*)\s*,(.*?)(?=^\s*@)", text + "\n@", re.M | re.S):
        # "funding_text 1 =" (Scopus) is the field our reader calls funding_text_1
        fields.setdefault(m.group(1), set()).update(  # a key twice, or none: all they have
            n.lower().replace(" ", "_") for n in
            re.findall(r"^\s*,?\s*([\w:.-]+(?: [\w:.-]+)*)\s*=", m.group(2), re.M))
    return fields


def bibtex():
    def one(o):
        where = os.path.join(TMP, "bibtex", os.path.basename(o.path))
        rc, items, said = bibtex_run(o.path, where)
        if rc is None or items != o.records:
            return False, "%d \\bibitem of %d records; exit %s" % (items, o.records, rc)
        theirs, had = ({}, {}) if not o.source_bib else \
            (bibtex_run(o.src, where + ".orig")[2], entry_fields(o.src))
        bad = []
        for key, lines in said.items():
            for line in lines:
                m = re.match(r"Warning--empty (\w+) in ", line)
                lost = m and key in had and (m.group(1) in had[key] or any(
                    x in had[key] for x in SAME_FIELD.get(m.group(1), ())))
                if key is not None and PLAIN_BST_SAYS.match(line) and not lost:
                    continue  # about the record's data, which may lack what plain.bst wants
                if line in theirs.get(key, []) and lines.count(line) <= theirs[key].count(line):
                    continue  # the original says it too
                m = re.search(r'refers to entry "([^"]*)", which', line)
                if m and o.source_bib and not has_entry(o.src, m.group(1)):
                    continue  # a parent the original lacks too
                bad.append(line + (" (the original has the field)" if lost else ""))
        return not bad, "; ".join(bad[:3])[:300]
    return each(one, of("bibtex"))


def carried(field):
    """A field our writers make for data biblatex has no field for: another
    format's extra (ns:key), a value in another language (title_en), or a
    CSL variable biblatex lacks, under its CSL name (pmid, archive)."""
    return ":" in field or re.search(r"_[a-z]{2,3}(-[a-z0-9]+)*$", field) is not None or \
        field in CSL_VARIABLES or field == "entrytype"  # a type biblatex lacks


CSL_VARIABLES = set("""abstract accessed annote archive archive-place archive_collection
archive_location authority available-date call-number categories chair chapter-number
citation-key citation-label citation-number collection-editor collection-number
collection-title compiler composer container-author container-title
container-title-short contributor curator dimensions director division doi edition
editor editorial-director event event-date event-place event-title executive-producer
first-reference-note-number genre guest host illustrator interviewer isbn issn issue
issued journalabbreviation jurisdiction keyword language locator medium narrator note
number number-of-pages number-of-volumes organizer original-author original-date
original-publisher original-publisher-place original-title page page-first part
part-title performer pmcid pmid printing producer publisher publisher-place recipient
references reviewed-author reviewed-genre reviewed-title scale script-writer section
series-creator shorttitle source status submitted supplement title title-short
translator url version volume volume-title volume-title-short year-suffix""".split())

# biber's words for what a record lacks, or what its data are; the field
# or value they name, when it matters, is checked against the source
BIBER_LACKS = re.compile(r"Missing mandatory field '([^']*)'|Missing mandatory field - one of")
BIBER_UNKNOWN = re.compile(r"Field '([^']*)' invalid in data model")
BIBER_VALUE = re.compile(r"Invalid format '([^']*)' of date field|legacy (?:year|month) field '(.*)' in entry")
BIBER_LINK = re.compile(r"I didn't find a database entry for [\w ]*'([^']*)'")
BIBER_DATA = re.compile(r"Invalid field '[^']*' for entrytype|Invalid IS[SB]N in value|"
                        r"Invalid value of field '[^']*' must be datatype|ISBN '.*' in entry .* is invalid|"
                        r"Overwriting field 'year' with year value from field 'date'")


def biber_bad(line, o, fields, anyone, text):
    """Why a line of biber's says our output is wrong, or None.  fields:
    the source entry's, or None when no entry has the key (one we made:
    none, "O'Hara_1999", a second "x" is "x-2"); anyone: every entry's."""
    if fields is None:
        fields, known = anyone, False
    else:
        known = True
    if line.startswith("ERROR"):
        return line
    m = BIBER_LACKS.search(line)
    if m:  # lacking what the source had would be a loss
        f = (m.group(1) or "").lower()
        return line + " (the source has it)" if f and known and f in fields else None
    m = BIBER_UNKNOWN.search(line)
    if m:
        f = m.group(1).lower()
        return None if carried(f) or f in fields else line
    m = BIBER_VALUE.search(line)
    if m:  # a date written as the source spelled it, or one we made up
        v = m.group(1) or m.group(2)
        return None if v in text else line
    m = re.search(r"Overwriting field '(month)' with month value from field 'date'|"
                  r"Range field '(\w+)' in entry '[^']*' is malformed", line)
    if m:  # a month beside a date with another, a range like "--": the source's
        return None if (m.group(1) or m.group(2)) in fields else line
    m = re.search(r"Entry alias '([^']*)' already has an alias", line)
    if m:  # two entries with one alias (ids): the source's
        return None if len(re.findall(r"^\s*ids\s*=.*\b%s\b" % re.escape(m.group(1)), text,
                                      re.M | re.I)) > 1 else line
    m = BIBER_LINK.search(line)
    if m:  # a parent, set member or related entry that the source lacks too
        return line if re.search(r"^\s*@\s*\w+\s*[{(]\s*" + re.escape(m.group(1)) + r"\s*,",
                                 text, re.M) else None  # biber's keys have case: xampl's WHOLE-JOURNAL
    return None if BIBER_DATA.search(line) else line


def biber():
    def one_run(items, where):
        os.makedirs(where)
        combine(items, os.path.join(where, "all.bib"))
        rc, out, err = run(["biber", "--tool", "--validate-datamodel", "--nolog",
                            "--output-file=out.bib", "all.bib"], 900, cwd=where)
        got, said, unplaced = {}, {}, []
        if os.path.exists(os.path.join(where, "out.bib")):
            with open(os.path.join(where, "out.bib"), encoding="utf-8", errors="replace") as f:
                for m in BIB_KEY.finditer(f.read()):
                    i = item_of_key(m.group(2))
                    got[i] = got.get(i, 0) + 1
        for line in (out + err).splitlines():
            if not re.match(r"^(WARN|ERROR)", line):
                continue
            # "Entry 'fN-key'", or a key elsewhere ("Entry alias 'x' already
            # has an alias 'fN-key'")
            m = re.search(r"[Ee]ntry '([^']*)'", line) or re.search(r"'(f\d+-[^']*)'", line)
            i = item_of_key(m.group(1)) if m else None
            if i is None:
                unplaced.append(line)
            else:
                said.setdefault(i, []).append(re.sub(r"f%d-" % i, "", line))
        return rc, err, got, said, unplaced

    def job(items, where):
        rc, err, got, said, unplaced = one_run(items, where)
        if len(items) > 1 and (unplaced or (rc is not None and not got)):
            # an error stops biber's output, and some lines name no entry:
            # halves, until they name their output
            h = len(items) // 2
            return {**job(items[:h], where + "a"), **job(items[h:], where + "b")}
        results = {}
        for i, o in enumerate(items):
            entries, text, anyone = {}, "", set()
            if said.get(i):
                entries = entry_fields(o.src) if o.source_bib else {}
                anyone = set().union(*entries.values())
                with open(o.src, encoding="utf-8", errors="replace") as f:
                    text = f.read()
            bad = []
            for line in said.get(i, []):
                m = re.search(r"[Ee]ntry '([^']*)'", line)
                key = m.group(1) if m else None
                fields = entries.get(key, entries.get(re.sub(r"-\d+$", "", key or "")))
                why = biber_bad(line, o, fields if m else set(), anyone, text)
                if why:
                    bad.append(why)
            if got.get(i, 0) != o.records:
                bad.insert(0, "%d of %d records" % (got.get(i, 0), o.records))
            if rc is None:
                bad.insert(0, "biber " + err)
            results[o] = (not bad and not unplaced, "; ".join((bad + unplaced)[:2])[:300])
        return results
    apart, together = alone("biber", of("biblatex"))
    return [(12 * sum(o.records for o in b), lambda b=b, k=k: job(b, os.path.join(TMP, "biber-%d" % k)))
            for k, b in enumerate([[o] for o in apart] + list(batches(together, 1500)))]


# JabRef 3.8 reads an RIS file in time that grows faster than its size
# (measured: 400 KB in 10 s, 1.4 MB in 40 s, 2.7 MB in 4 minutes), and
# never ends on a value with an unbalanced brace ("One literal { brace", a
# title of golden/bibtex/braces.bib): RIS has no braces, JabRef's
# conversion to BibTeX loops.  So RIS is given to it record by record in
# batches of at most 400 KB, the outputs' pieces side by side; a record
# with an unbalanced brace is held back and its output marked (KNOWN).
JABREF_RIS_MAX = 400 * 1024
RIS_RECORD = re.compile(r"^TY  - .*?^ER  -[^\n]*\n?", re.M | re.S)


def unbalanced(text):
    return any(line.count("{") != line.count("}") for line in text.splitlines())


def jabref():
    one_jabref = threading.Lock()
    home = os.path.join(TMP, "jabref-home")
    os.makedirs(home)
    env = dict(os.environ, HOME=home, JABREF_JAVA_OPTS=(
        "--add-opens=java.desktop/java.awt=ALL-UNNAMED -Djava.awt.headless=true "
        "-Djava.util.prefs.userRoot=%s/prefs -Djava.util.prefs.systemRoot=%s/prefs" % (home, home)))

    def import_(pieces, writer, where):
        """pieces: [(i, text)], as one file; {i: entries read}, or None
        when JabRef did not finish."""
        src = where + (".ris" if writer == "ris" else ".bib")
        dst = where + ".out.bib"
        ids = iter(range(1 << 30))  # one count for the file: IDs unique
        with open(src, "w", encoding="utf-8") as f:
            for i, text in pieces:
                f.write(prefixed(text, i, writer, ids))
        with one_jabref:  # two at once talk to each other (its remote port), and one gives up
            rc, out, err = run(["jabref", "-n", "-i", src + "," + ("ris" if writer == "ris" else "bibtex"),
                                "-o", dst], 600, env=env)
        if rc is None:
            return None
        text = ""
        if os.path.exists(dst):
            with open(dst, encoding="utf-8", errors="replace") as f:
                text = f.read()
        if writer == "ris":
            keys = re.findall(r"^\s*refid\s*=\s*\{([^}]*)\}", text, re.M)
        else:
            keys = [m.group(2) for m in BIB_KEY.finditer(text)
                    if m.group(1).lower() not in ("@comment{", "@preamble{", "@string{")]
        got = {None: len(re.findall(r"^@(?!(?:comment|preamble|string)\{)[a-z][\w-]*\{", text, re.M | re.I)) - len(keys)}
        for key in keys:
            i = item_of_key(key)
            got[i] = got.get(i, 0) + 1
        return got

    def job(pieces, writer, where):
        """{i: (entries read, why none can be counted, or "")} of a batch."""
        got = import_(pieces, writer, where)
        if got is None and len(pieces) > 1:  # a hang: halves, until it names its output
            h = len(pieces) // 2
            return merge(job(pieces[:h], writer, where + "a"), job(pieces[h:], writer, where + "b"))
        if got is None:
            why = "jabref did not finish (600 s)"
        elif got[None]:
            why = "%d entries of no output in its batch" % got[None]
        else:
            why = ""
        return {i: ((got or {}).get(i, 0), why) for i, _ in pieces}

    def merge(a, b):
        none = (0, "")
        return {i: (a.get(i, none)[0] + b.get(i, none)[0], a.get(i, none)[1] or b.get(i, none)[1])
                for i in set(a) | set(b)}

    def batch_job(items, writer, k):
        held, pieces = {}, []
        for i, o in enumerate(items):
            with open(o.path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            if writer != "ris":
                pieces.append((i, text))
                continue
            for rec in RIS_RECORD.findall(text):
                if unbalanced(rec):
                    held[i] = held.get(i, 0) + 1
                else:
                    pieces.append((i, rec))
        # batches of at most JABREF_RIS_MAX bytes (BibTeX: one)
        runs, size = [[]], 0
        for piece in pieces:
            if writer == "ris" and runs[-1] and size + len(piece[1]) > JABREF_RIS_MAX:
                runs.append([])
                size = 0
            runs[-1].append(piece)
            size += len(piece[1])
        got = {}
        for r, run_ in enumerate(runs):
            got = merge(got, job(run_, writer, os.path.join(TMP, "jabref-%d-%d" % (k, r))))
        results = {}
        for i, o in enumerate(items):
            n, why = got.get(i, (0, ""))
            if i in held:
                why = "held back: %d records with an unbalanced brace" % held[i]
            results[o] = (not why and n == o.records, "%d of %d records%s" % (
                n, o.records, "; " + why if why else ""))
        return results

    jobs = []
    for writer in ("bibtex", "biblatex", "ris"):
        items = of(writer)
        # RIS in a few jobs of whole outputs (a job's batches run one after another)
        groups = [items] if writer != "ris" else [items[k::3] for k in range(3)]
        for g in groups:
            k = len(jobs)
            jobs.append((3000 + sum(o.records for o in g),
                         lambda g=g, writer=writer, k=k: batch_job(g, writer, k)))
    return jobs


def bibutils():
    progs = {"ris": "ris2xml", "bibtex": "bib2xml"}

    def one(o):
        rc, out, err = run([progs[o.writer], o.path], 120)
        got = len(re.findall(r"<mods[ >]", out))
        unknown = [l for l in err.splitlines() if re.search(r"(?i)unknown|did not recognize", l)]
        if rc != 0 or got != o.records or unknown:
            return False, "%d of %d records; %s" % (got, o.records, "; ".join(unknown[:2]) or
                                                   " ".join(first_lines(err, 1)))
        return True, ""
    return each(one, [o for o in of("ris", "bibtex") if shutil.which(progs[o.writer])])


def xmllint():
    def job(items):
        rc, out, err = run(["xmllint", "--nonet", "--noout", "--dtdvalid", jats_dtd] +
                           [o.path for o in items], 300)
        results = {}
        for o in items:
            said = [l for l in err.splitlines() if
                    re.match(re.escape(o.path) + r":\d+: .*error", l) or
                    l.startswith("Document " + o.path + " does not validate")]
            results[o] = (rc is not None and not said,
                          " ".join(l.replace(o.path, "") for l in said[:2])[:300])
        return results
    items = of("jats")
    return [(len(b), lambda b=b: job(b)) for b in (items[k:k + 100] for k in range(0, len(items), 100))]


CONSUMERS = [  # name, programs it needs, jobs
    ("pandoc", ["pandoc"], pandoc),
    ("citation.js", ["node"], citationjs),
    ("bibtex", ["bibtex", "kpsewhich"], bibtex),
    ("biber", ["biber"], biber),
    ("jabref", ["jabref"], jabref),
    ("bibutils", ["ris2xml", "bib2xml"], bibutils),
    ("xmllint", ["xmllint"], xmllint),
]


def missing(name, needs):
    gone = [p for p in needs if not shutil.which(p)]
    if name == "citation.js" and not gone and not cjs_dir:
        gone = ["@citation-js (npm)"]
    if name == "bibtex" and not gone and not run(["kpsewhich", "plain.bst"], 30)[1].strip():
        gone = ["plain.bst"]
    if name == "xmllint" and not os.path.exists(jats_dtd):
        gone = [jats_dtd]
    return gone


# ---- run them all, then the table ----

n = 1
failed = bool(crashes)
print("%s 1 - bibconv converts %d inputs by %d writers without a crash or a sanitizer's report" % (
    "not ok" if crashes else "ok", len(inputs), len(WRITERS)))
for o in crashes:
    print("#   %s -> %s: %s" % (o.cell, o.writer, o.crash))
if not os.path.isdir(corpus):  # goldens and samples only (tests/corpus-skip.sh)
    n += 1
    print("ok %d - the corpus's inputs # SKIP %s not present" % (n, corpus))
# Under ASan+UBSan (make check's second build) the conversions are what
# is checked; the output is the plain build's, so the slow consumers
# judge it once, there.
SLOW = {"pandoc", "biber", "jabref"} if os.environ.get("BIBCONV_SANITIZERS") else set()
jobs = []  # (cost, consumer, fn)
for name, needs, fn in CONSUMERS:
    if ONLY and name not in ONLY:
        continue
    gone = missing(name, needs)
    if gone or name in SLOW:
        n += 1
        print("ok %d - %s # SKIP %s" % (n, name, "judged in the plain build" if not gone
                                          else ", ".join(gone) + " not installed"))
        continue
    jobs += [(cost, name, f) for cost, f in fn()]


def guarded(job):
    """A job's results, or the exception that stopped it (a bug of this
    script, reported as a failure rather than losing every other result)."""
    start = time.monotonic()
    try:
        return job[2](), None
    except Exception:
        return {}, traceback.format_exc().strip().splitlines()[-1]
    finally:
        spent[job[1]] = spent.get(job[1], 0) + time.monotonic() - start


results = {}  # consumer -> {Out: (accepted, why)}
crashed = []
spent = {}  # consumer -> seconds of its jobs (printed, never asserted)
jobs.sort(key=lambda j: -j[0])
with concurrent.futures.ThreadPoolExecutor(max_workers=JOBS) as pool:
    for name, (got, error) in zip([j[1] for j in jobs], pool.map(guarded, jobs)):
        results.setdefault(name, {}).update(got)
        if error:
            crashed.append("%s: %s" % (name, error))
for line in crashed:
    n += 1
    failed += 1
    print("not ok %d - a job of %s raised" % (n, line))

def listed(rules, name, o, why):
    for consumer, writers, cell, pattern, reason in rules:
        if consumer == name and o.writer in writers.split() and cell in (None, o.cell) and \
                (pattern is None or re.search(pattern, why)):
            return reason
    return None


def could_be(rules, name, o):
    """Whether a rule names this very file (a rule for any file or a
    pattern cannot say that a pass is news)."""
    return any(c == name and o.writer in w.split() and cell == o.cell
               for c, w, cell, _, _ in rules)


table = {}  # (consumer, group) -> {writer: (accepted, given)}
totals = [0, 0]
for name, _, _ in CONSUMERS:
    cells = {}
    for o, (accepted, why) in results.get(name, {}).items():
        cells.setdefault((o.group, o.writer), []).append((o, accepted, why))
    for (group, writer), rows in sorted(cells.items()):
        rows.sort(key=lambda r: r[0].name)
        good = sum(1 for r in rows if r[1])
        table.setdefault((name, group), {})[writer] = (good, len(rows))
        totals[0] += good
        totals[1] += len(rows)
        notes, new, todo = [], [], []
        for o, accepted, why in rows:
            if accepted:
                if could_be(KNOWN, name, o) or could_be(TODO, name, o):
                    new.append("%s now passes: take it out of KNOWN or TODO" % o.name)
                continue
            k = listed(KNOWN, name, o, why)
            t = None if k else listed(TODO, name, o, why)
            if k:
                notes.append("known %s: %s" % (o.name, k))
            elif t:
                todo.append("todo %s: %s (%s)" % (o.name, t, why))
            else:
                new.append("FAILS %s: %s" % (o.name, why))
        n += 1
        status = "not ok" if new or todo else "ok"
        print("%s %d - %s reads %s written from %s: %d/%d%s%s" % (
            status, n, name, writer, group, good, len(rows),
            " (%d known)" % len(notes) if notes else "",
            " # TODO %d to fix" % len(todo) if todo and not new else ""))
        failed += bool(new)
        for line in new + todo + notes:
            print("#   " + line)

print("#")
print("# accepted/given, in files: consumer x input x writer")
width = max([len(g) for _, g in table] + [5])
print("# %-12s %-*s %s" % ("", width, "", " ".join("%-9s" % w for w in WRITERS)))
order = [c[0] for c in CONSUMERS]
for (name, group), row in sorted(table.items(), key=lambda x: (order.index(x[0][0]), x[0][1])):
    print("# %-12s %-*s %s" % (name, width, group, " ".join(
        "%-9s" % ("%d/%d" % row[w] if w in row else "-") for w in WRITERS)))
print("# total: %d/%d accepted" % tuple(totals))
print("# time spent, in seconds: " + ", ".join("%s %d" % (c, spent[c]) for c in order if c in spent))
print("1..%d" % n)
if os.environ.get("KEEP"):
    print("# scratch kept in " + TMP)
else:
    shutil.rmtree(TMP, ignore_errors=True)
sys.exit(1 if failed else 0)
