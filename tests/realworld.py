# realworld.py: the body of tests/realworld.sh (run by it; TAP on stdout).
#
# Every file of CORPUS/realworld and CORPUS/jabref-importers in a format we
# read is converted, with the format detected, to every writer: no crash
# (no signal, no sanitizer report), exit 0 or 1 (1 when the file itself has
# errors or no record), the number of records the file's own structure
# gives (counted here, independently of bibconv), and CSL-JSON output that
# is valid CSL 1.0.2.  At the end, a table of the diagnostics by message.
import collections
import concurrent.futures
import json
import os
import re
import subprocess
import sys

bibconv, corpus, schema_path = sys.argv[1:4]
WRITERS = ["csl-json", "bibtex", "biblatex", "ris", "jats", "cnki"]  # csl-json first

# Files where the structure count above is naive and bibconv is right;
# the reason is the test's documentation.  path -> (count, reason)
KNOWN = {
    "realworld/bibtex/bbt-Some_bibtex_entries_quietly_discarded_on_import_from_bib_file_873.bib":
        (987, "the last entry, Thiebaux:93, opens a brace it never closes (Thi\\{'ebaux):"
              " it is rejected with an error, as BibTeX too fails on it"),
    "realworld/bibtex/jabref-CitaviXmlImporterTest2.bib":
        (57, "the last entry's comment field opens a brace it never closes: rejected"
             " with an error"),
    "realworld/ris/asreview_baseline_pubmed.ris":
        (50, "PubMed's MEDLINE text under a .ris name (its 50 PMID- records): the"
             " content decides, and the medline reader reads it"),
}

# "@type{" at the start of a line; Mendeley writes types like @web_page
BIB_ENTRY = re.compile(r"^[ \t]*@[ \t]*([A-Za-z][^\s{(]*)[ \t]*[{(]", re.M)


def count_bibtex(text):
    return sum(1 for m in BIB_ENTRY.finditer(text)
               if m.group(1).lower() not in ("string", "comment", "preamble"))


def count_ris(text):
    return len(re.findall(r"^\ufeff?TY  - ", text, re.M))


def count_jats(text):
    # the article, then each <ref> of its reference list
    return 1 + len(re.findall(r"<ref[ >]", text))


def count_csl(text):
    data = json.loads(text)
    return len(data) if isinstance(data, list) else 1


def decode(raw):
    for bom, enc in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                     (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            raw = raw[len(bom):].decode(enc, "replace")
            break
    else:
        raw = raw.decode("utf-8", "replace")
    return raw.replace("\r\n", "\n").replace("\r", "\n")


# (folder pattern, extension) -> format and counter; anything else is skipped
def classify(rel):
    ext = rel.rsplit(".", 1)[-1].lower()
    if ext == "bib":
        return "bibtex", count_bibtex
    if ext == "ris":
        return "ris", count_ris
    if ext == "json" and "csl-json" in rel:
        return "csl-json", count_csl
    if ext in ("nxml", "xml") and "/jats/" in "/" + rel:
        return "jats", count_jats
    return None, None


files = []
for top in ("realworld", "jabref-importers"):
    for root, dirs, names in os.walk(os.path.join(corpus, top)):
        dirs[:] = sorted(d for d in dirs if d not in ("dtd", "schema"))
        for n in sorted(names):
            path = os.path.join(root, n)
            rel = os.path.relpath(path, corpus)
            fmt, counter = classify(rel)
            if fmt:
                files.append((rel, path, fmt, counter))

schema = None
try:
    import jsonschema
    schema = jsonschema.Draft7Validator(json.load(open(schema_path)))
except ImportError:
    pass

LOC = re.compile(r"^.*?:(\d+:\d+:)? ?(error|warning|note): ")


def run(paths, writer):
    p = subprocess.run([bibconv, "-t", writer] + paths, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def crashed(rc, err):
    return rc < 0 or rc >= 2 or "Sanitizer" in err or "runtime error" in err


# Each file alone to CSL-JSON: the count, the schema, the diagnostics.
def check(item):
    rel, path, fmt, counter = item
    results = []  # (ok, description, detail)
    want = counter(decode(open(path, "rb").read()))
    if rel in KNOWN:
        want = KNOWN[rel][0]
    rc, out, err = run([path], "csl-json")
    bad = crashed(rc, err)
    results.append((not bad, "%s -> csl-json: no crash (exit %d)" % (rel, rc),
                    err.strip().splitlines()[-3:] if bad else []))
    try:
        data = json.loads(out.decode("utf-8"))
    except ValueError as e:
        results.append((False, "%s: CSL-JSON output parses" % rel, [str(e)]))
        return rel, want, results, []
    got = len(data)
    results.append((got == want, "%s: %d records (as its structure gives)" % (rel, want),
                    ["got %d" % got]))
    if want == 0:
        # nothing read: from a blank file, or a .bib of % comments only
        # (JabRef's empty database), that is success; else exit 1
        text = decode(open(path, "rb").read())
        lines = [l for l in text.splitlines() if l.strip()]
        empty = not lines or (fmt == "bibtex" and all(l.lstrip().startswith("%") for l in lines))
        want_rc = 0 if empty else 1
        results.append((rc == want_rc, "%s: no record, exit %d" % (rel, want_rc), ["exit %d" % rc]))
    if schema is not None:
        errs = list(schema.iter_errors(data))
        results.append((not errs, "%s: valid CSL 1.0.2" % rel,
                        ["/".join(map(str, e.absolute_path)) + ": " + e.message[:120]
                         for e in errs[:3]]))
    return rel, want, results, err.splitlines()


# The other writers take the files of a format in batches (one start-up
# per batch keeps the test fast); a batch that fails is run file by file
# to name the culprit.
def batch(job):
    fmt, writer, group = job
    rc, _, err = run([g[1] for g in group], writer)
    if not crashed(rc, err):
        return [(True, "%d %s files -> %s: no crash (exit %d)" % (len(group), fmt, writer, rc), [])]
    results = []
    for rel, path, _, _ in group:
        rc, _, err = run([path], writer)
        bad = crashed(rc, err)
        results.append((not bad, "%s -> %s: no crash (exit %d)" % (rel, writer, rc),
                        err.strip().splitlines()[-3:] if bad else []))
    return results


jobs = []
for fmt in sorted(set(f[2] for f in files)):
    group = [f for f in files if f[2] == fmt]
    for writer in WRITERS[1:]:
        for i in range(0, len(group), 60):
            jobs.append((fmt, writer, group[i:i + 60]))

n = 0
failed = 0
records = 0
by_message = collections.Counter()
with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    for rel, want, results, diags in pool.map(check, files):
        records += want
        for ok, desc, detail in results:
            n += 1
            print("%s %d - %s" % ("ok" if ok else "not ok", n, desc))
            if not ok:
                failed += 1
                for d in detail:
                    print("#   " + d)
        for d in diags:
            m = LOC.match(d)
            if not m:
                continue
            msg = d[m.end():]
            # the message's kind, without the names and values it quotes
            msg = re.sub(r"'[^']*'", "'…'", msg)
            msg = re.sub(r"\d+", "N", msg)
            by_message[m.group(2) + ": " + msg] += 1
    for results in pool.map(batch, jobs):
        for ok, desc, detail in results:
            n += 1
            print("%s %d - %s" % ("ok" if ok else "not ok", n, desc))
            if not ok:
                failed += 1
                for d in detail:
                    print("#   " + d)
print("# %d files, %d records (by their structure)" % (len(files), records))
print("# diagnostics of the CSL-JSON runs, by message:")
for msg, k in sorted(by_message.items(), key=lambda x: (-x[1], x[0])):
    print("# %6d  %s" % (k, msg))
if schema is None:
    n += 1
    print("ok %d - CSL-JSON schema # SKIP python3-jsonschema not installed" % n)
print("1..%d" % n)
sys.exit(1 if failed else 0)
