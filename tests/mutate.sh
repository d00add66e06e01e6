#!/bin/sh
# mutate.sh: no bytes make a reader or a writer crash.  Every golden input
# of each reader's format is mutated (its syntax's delimiters inserted,
# runs deleted or repeated, bytes changed), and each result goes through
# every writer: the exit status must be 0 or 1 (records rejected, never a
# usage, plugin or I/O failure), and nothing may come from a sanitizer.
# The mutations are seeded, so a failure is reproducible; its input is
# kept in the build directory.  Under the ASan+UBSan build this is the
# memory-safety check of the readers and writers on hostile input.
. "${top_srcdir:?}/tests/lib.sh"
py=${PYTHON3:-python3}
command -v "$py" >/dev/null 2>&1 || { echo "1..0 # SKIP python3 not installed"; exit 0; }
"$py" - "$top_srcdir" "$top_builddir" "$BIBCONV" "$TMP" "${MUTATIONS:-40}" <<'PY'
import glob, os, random, subprocess, sys

top, build, exe, tmp, per_format = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
common = [b'\n', b'\r\n', b'\x00', b'\xff', b'\xe4\xb8\xad', b'\xc3', b'\t', b' ']
formats = {
    'bibtex': (['*.bib'], [b'{', b'}', b'"', b'@', b'%', b'#', b',', b'=', b'\\', b'$', b'@string{',
                           b' and ', b"{\\'", b'_en', b'crossref = {', b'~', b'--', b'@misc{x,']),
    'csl-json': (['*.json'], [b'{', b'}', b'[', b']', b'"', b',', b':', b'\\u0007', b'null',
                              b'"custom": {"csl.a": 1, "a": {"x": [1.5e300]}}, ',
                              b'"author": [{"family": "A", "csl.q": [1]}], ', b'"language": "zh", ',
                              b'{"alt": [{"family": "F", "lang": "en"}]}', b'"etal": "x", ']),
    'ris': (['*.ris'], [b'TY  - JOUR\n', b'ER  - \n', b'AU  - ', b'N1  - author[en]: ', b'PY  - ',
                        b'KW  - ', b'  - ', b'TT  - ']),
    'cnki': (['*.txt', '*.net'], ['摘要'.encode(), '关键词'.encode(), b'%A ', b'RT ', b'#br#', b'<br>',
                                  b'Key words:', '作者'.encode(), b'[J]', b'1,2', b'DOI:']),
    'medline': (['*.nbib'], [b'PMID- ', b'FAU - ', b'AU  - ', b'AD  - ', b'DP  - ', b'PG  - ', b'LID - ',
                             b' [doi]', b'IS  - ', b'TI  - ', b'MH  - ', b'PT  - ', b'\n\n', b'      ']),
    'isi': (['*.isi'], [b'PT J\n', b'ER\n', b'EF\n', b'AU ', b'AF ', b'C1 [', b'] ', b'; ', b'PD ',
                        b'PY ', b'BP ', b'/sub ', b'   ', b'DT ']),
    'endnote': (['*.enw'], [b'%0 ', b'%A ', b'%H ', b'%Q ', b'%D ', b'%8 ', b'%K ', b'%+ ', b'%@ ', b'%R ',
                            b'\n\n', b'%', b', ']),
    'jats': (['*.xml', '*.nxml'], [b'<ref>', b'</ref>', b'<element-citation>', b'&amp;', b'&#0;',
                                   b'<![CDATA[', b'<!ENTITY x "y">', b'<name>', b'</name>', b'<', b'>']),
    'mods': (['*.xml'], [b'<mods>', b'</mods>', b'<name>', b'</name>', b'<relatedItem type="host">',
                         b'</relatedItem>', b'<titleInfo>', b'altRepGroup="n1" ', b'&amp;', b'<', b'>']),
    'pubmed-xml': (['*.xml'], [b'<PubmedArticle>', b'</PubmedArticle>', b'<Author>', b'</Author>',
                               b'<MedlineDate>', b'&amp;', b'<i>', b'</i>', b'<![CDATA[', b'<', b'>']),
    'endnote-xml': (['*.xml'], [b'<record>', b'</record>', b'<author>', b'</author>', b'<style face="bold italic">',
                                b'</style>', b'&#xD;', b'<ref-type name="Book">6</ref-type>', b'translated-',
                                b'notes>author[en]: A, B; C', b'&amp;', b'<', b'>']),
}
writers = ['csl-json', 'bibtex', 'biblatex', 'ris', 'jats', 'cnki', 'gbt7714', 'mods', 'endnote-xml', 'medline',
           'isi', 'endnote']
marks = ('ERROR: AddressSanitizer', 'ERROR: LeakSanitizer', ': runtime error:')
n = 0
failed = 0
for fmt, (pats, tokens) in formats.items():
    files = sorted(f for p in pats for f in glob.glob(os.path.join(top, 'tests', 'golden', fmt, p)))
    seeds = [open(f, 'rb').read() for f in files]
    seeds = [s for s in seeds if s]
    rnd = random.Random('bibconv-' + fmt)  # the same mutations every run
    tokens = tokens + common
    bad = {w: [] for w in writers}
    for i in range(per_format):
        s = bytearray(rnd.choice(seeds))
        for _ in range(rnd.randint(1, 12)):
            op, p = rnd.random(), rnd.randrange(len(s) + 1)
            if op < 0.4:
                s[p:p] = rnd.choice(tokens)
            elif op < 0.7 and len(s) > 1:
                del s[p:p + rnd.randint(1, 20)]
            elif op < 0.85 and len(s) > 1:
                s[rnd.randrange(len(s))] = rnd.randrange(256)
            else:
                a = rnd.randrange(len(s) + 1)
                s[p:p] = s[a:a + rnd.randint(1, 200)]
        path = os.path.join(tmp, 'mutated')
        with open(path, 'wb') as f:
            f.write(s)
        for w in writers:
            opts = ['-O', 'front'] if w == 'jats' and i % 2 else []
            if w == 'gbt7714' and i % 2:
                opts = ['-O', 'style=author-year', '-O', 'bilingual', '-O', 'fullwidth']
            try:
                r = subprocess.run([exe, '-q', '-f', fmt, '-t', w] + opts + [path],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
                err = r.stderr.decode('utf-8', 'replace')
                why = None if r.returncode in (0, 1) and not any(m in err for m in marks) else \
                    'exit %d: %s' % (r.returncode, err.strip().splitlines()[-1] if err.strip() else '')
            except subprocess.TimeoutExpired:
                why = 'no end after 120 s'
            if why:
                keep = os.path.join(build, 'tests', 'mutate-%s-%d.in' % (fmt, i))
                with open(keep, 'wb') as f:
                    f.write(s)
                bad[w].append('%s (kept as %s)' % (why, keep))
    for w in writers:
        n += 1
        print('%s %d - %d mutated %s inputs -> %s: no crash, no sanitizer report'
              % ('not ok' if bad[w] else 'ok', n, per_format, fmt, w))
        for b in bad[w][:3]:
            print('#   ' + b)
        failed += bool(bad[w])
print('1..%d' % n)
sys.exit(1 if failed else 0)
PY
