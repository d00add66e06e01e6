"""gbt7714-roundtrip.py FILE.json...: a GB/T 7714 list read back by the cnki reader.

Each CSL-JSON file is written with -t gbt7714 and that list read back with
-f cnki; for every record the type (as the GB/T code the writer gives it),
title, authors, container, year, volume, issue and pages must come back.
Names are compared as GB/T 7714 writes them (FAMILY and initials, Han
names run together, the first three and whether more follow).  Prints TAP,
one test per record.  Where the cnki reader is known to read the standard's
own layout wrongly the record is an expected failure (TAP TODO) with the
reason and the fields it gets wrong: should it start passing, or fail in
another field, the test fails, so the list below stays true.
"""
import json
import os
import re
import subprocess
import sys

BIBCONV = os.environ.get('BIBCONV', 'bibconv')

# (file, id) -> (fields the cnki reader gets wrong, why).  Each is a
# mistake of plugins/cnki/page.c's cn_read_gbt on the standard's layout.
# Why, in the words of the standard's layout (cn_read_gbt in plugins/cnki/page.c):
OL = 'only [J/OL] of the /OL codes has a type ([M/OL] [D/OL] [N/OL] [P/OL] [R/OL] [S/OL] have none)'
CODES = 'no type for the codes A, G, R/OL, EB, CP, DS, DB, CM ([Z] is read as no type either)'
IMPRINT = "a whole work's '出版地: 出版者, 年' is read as the container (only M and D read a place)"
PART = "'//' is not read: the book's editors, title and imprint of a part become its container and pages"
ACCESS = "'[引用日期]. URL' after the pages stays in the pages (and zeros in the URL are stripped)"
NUMBER = "a number after the title (': GB/T 2659—1986', ': 01128777.2', ': PB 91-194001') stays in the title"
RESP = "other responsibility ('谢远涛, 译.') or an edition ('2nd ed.') before the imprint is read as the container"
COMMA = "a comma in the place or publisher ('Ames, Iowa', 'Longmans, Green') splits the imprint there"
CORP = "a Latin-script corporate author is read as a personal name ('WORLD H O')"
DOT = "a full stop inside an author ('U.S. Department', 'Inc.') ends the author part"
PARTICLE = "a family name of several words ('DE MORGAN A', 'VAN DER WAALS J D') is cut after its first word"
SUFFIX = "a suffix ('PEEBLES P Z, Jr') is read as another author"
ETAL = "'et al.' ending an English name list is read as an author ('ET A')"
DATE = "a date right after the code ('[P]. 2006-12-13.', '[EB/OL]. (2001-12-19)', '[Z]. 1989.') gives no year"
NEWS = "an online newspaper's '2013-01-12(2)[2013-03-20]' is read as an issue and pages"


def why(*reasons):
    return '; '.join(reasons)


XFAIL = {
    ('bilingual.json', 'cnnic2012'): (['type', 'year'], why(CODES, DATE)),
    ('letters.json', 'n1'): (['container', 'page', 'year'], RESP),
    ('problems.json', 'film'): (['year'], DATE),
    ('problems.json', 'lines'): (['author'], PARTICLE),
    ('problems.json', 'etal'): (['author'], ETAL),
    ('standard.json', 'hlswedl'): (['container', 'page', 'year'], RESP),
    ('standard.json', 'nzm'): (['container'], IMPRINT),
    ('standard.json', 'zgdylsdag'): (['container', 'type'], why(CODES, IMPRINT)),
    ('standard.json', 'ybj'): (['container', 'page', 'type'], why(OL, IMPRINT, ACCESS)),
    ('standard.json', 'zxg'): (['container', 'page', 'type'], why(OL, IMPRINT, ACCESS)),
    ('standard.json', 'peebles'): (['author'], SUFFIX),
    ('standard.json', 'sommers'): (['container', 'page', 'type', 'year'], why(OL, RESP, COMMA, ACCESS)),
    ('standard.json', 'ifla'): (['author'], CORP),
    ('standard.json', 'obrien'): (['container', 'page', 'year'], why(RESP, COMMA)),
    ('standard.json', 'morgan'): (['author', 'page', 'year'], why(PARTICLE, COMMA)),
    ('standard.json', 'zgzgjy'): (['container', 'type'], why(CODES, IMPRINT)),
    ('standard.json', 'babu'): (['container'], IMPRINT),
    ('standard.json', 'cgw'): (['container', 'page', 'year'], PART),
    ('standard.json', 'cjb'): (['container'], PART),
    ('standard.json', 'jdq'): (['container'], PART),
    ('standard.json', 'weinstein'): (['container', 'page', 'year'], PART),
    ('standard.json', 'gjbzj'): (['container', 'title'], why(PART, NUMBER)),
    ('standard.json', 'lml'): (['container', 'page', 'type'], why(OL, PART, ACCESS)),
    ('standard.json', 'zhyxh'): (['container'], IMPRINT),
    ('standard.json', 'yjb'): (['issue', 'page', 'type'], why(OL, NEWS, ACCESS)),
    ('standard.json', 'lbm'): (['page'], ACCESS),
    ('standard.json', 'wll'): (['page'], ACCESS),
    ('standard.json', 'frese'): (['page'], ACCESS),
    ('standard.json', 'myburg'): (['page'], ACCESS),
    ('standard.json', 'dyg'): (['title', 'year'], why(NUMBER, DATE)),
    ('standard.json', 'xadz'): (['title', 'type', 'year'], why(OL, NUMBER, DATE)),
    ('standard.json', 'tachibana'): (['title', 'type', 'year'], why(OL, NUMBER, DATE)),
    ('standard.json', 'cnnic'): (['type', 'year'], why(CODES, DATE)),
    ('standard.json', 'bjsrmzf'): (['title', 'type', 'year'], why(CODES, NUMBER, DATE)),
    ('standard.json', 'bawden'): (['type', 'year'], why(CODES, DATE)),
    ('standard.json', 'oclc'): (['author', 'type'], why(CODES, CORP, DOT)),
    ('standard.json', 'xiaoyu'): (['type', 'year'], why(CODES, DATE)),
    ('standard.json', 'mh'): (['container', 'page', 'type'], why(OL, IMPRINT, ACCESS)),
    ('standard.json', 'udtfha'): (['author', 'container', 'title'], why(DOT, IMPRINT, NUMBER)),
    ('standard.json', 'calkin'): (['container', 'title'], why(IMPRINT, NUMBER)),
    ('standard.json', 'who'): (['author', 'container'], why(CORP, IMPRINT)),
    ('standard.json', 'qgxx'): (['container', 'title'], why(IMPRINT, NUMBER)),
    ('standard.json', 'gjhj'): (['container', 'page', 'title', 'type'], why(OL, IMPRINT, NUMBER, ACCESS)),
    ('standard.json', 'scitor'): (['author', 'container', 'page', 'type', 'year'], why(CODES, CORP, IMPRINT, COMMA)),
    ('standard.json', 'tjsjk'): (['container', 'page', 'type'], why(CODES, IMPRINT, ACCESS)),
    ('standard.json', 'cnkidb'): (['type', 'year'], why(CODES, DATE)),
    ('standard.json', 'zgdt'): (['container', 'type'], why(CODES, IMPRINT)),
    ('standard.json', 'letter'): (['year'], DATE),
}

CODE = re.compile(r'\[([A-Z]{1,2})(?:/OL)?\]')
INITIAL_SPLIT = re.compile(r'[\s.\-]+')


def run(args, data=None):
    p = subprocess.run([BIBCONV] + args, input=data, capture_output=True)
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr.decode('utf-8', 'replace'))
        raise SystemExit('bibconv %s: exit %d' % (' '.join(args), p.returncode))
    return p.stdout


def cjk(s):
    return any('\u2e80' <= ch <= '\u9fff' or '\uf900' <= ch <= '\uffef' for ch in s)


def strip_markup(s):
    return re.sub(r'</?(i|b|sc|sup|sub)>|<span[^>]*>|</span>', '', s)


def name_key(n):
    if 'literal' in n:
        return n['literal'].strip()
    fam = n.get('family', '')
    giv = n.get('given', '')
    if cjk(fam) or (not fam and cjk(giv)):
        return fam + giv
    parts = [n.get('dropping-particle', ''), n.get('non-dropping-particle', ''), fam]
    fam = ' '.join(p for p in parts if p).upper()
    ini = ' '.join(w[0].upper() for w in INITIAL_SPLIT.split(giv) if w)
    return (fam + ' ' + ini).strip()


def names(item):
    # a whole work's editors stand where its authors would
    lst = item.get('author') or []
    var = 'author'
    if not lst and not item.get('container-title') and item.get('editor'):
        lst, var = item['editor'], 'editor'
    etal = var in (item.get('custom', {}).get('etal') or [])
    return [name_key(n) for n in lst[:3]], etal or len(lst) > 3


def year(item):
    d = item.get('issued') or {}
    try:
        return int(d['date-parts'][0][0])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def text(item, key):
    v = item.get(key)
    if v is None:
        return None
    v = re.sub(r'\s+', ' ', strip_markup(str(v))).strip()
    return v.replace('\u2013', '-') or None


def fields(item, code):
    return {
        'type': code,
        'title': text(item, 'title'),
        'author': names(item),
        'container': text(item, 'container-title'),
        'year': year(item),
        'volume': text(item, 'volume'),
        'issue': text(item, 'issue'),
        'page': text(item, 'page'),
    }


def codes(lines):
    out = []
    for line in lines:
        m = CODE.search(line)
        out.append(m.group(1) if m else None)
    return out


def main(files):
    n = 0
    failed = 0
    for path in files:
        base = os.path.basename(path)
        src = json.loads(run(['-q', '-f', 'csl-json', '-t', 'csl-json', path]))
        listing = run(['-q', '-f', 'csl-json', '-t', 'gbt7714', path])
        back = json.loads(run(['-q', '-f', 'cnki', '-t', 'csl-json', '-'], listing))
        again = run(['-q', '-f', 'csl-json', '-t', 'gbt7714', '-'], json.dumps(back).encode())
        src_codes = codes(listing.decode().splitlines())
        back_codes = codes(again.decode().splitlines())
        if len(back) != len(src):
            n += 1
            failed += 1
            print('not ok %d - %s: %d records read back from %d' % (n, base, len(back), len(src)))
            continue
        for i, (a, b) in enumerate(zip(src, back)):
            n += 1
            fa = fields(a, src_codes[i])
            fb = fields(b, back_codes[i])
            wrong = sorted(k for k in fa if fa[k] != fb[k])
            rid = a.get('id', str(i + 1))
            xf = XFAIL.get((base, rid))
            desc = '%s: %s read back with the same %s' % (base, rid, ', '.join(fa))
            if xf:
                want, why = xf
                ok = wrong == sorted(want)
                # an expected failure that fails as expected is TODO; any
                # other outcome is a real failure
                if ok:
                    print('not ok %d - %s # TODO %s' % (n, desc, why))
                else:
                    failed += 1
                    print('not ok %d - %s: expected to get %s wrong (%s), got %s wrong' %
                          (n, desc, ', '.join(want), why, ', '.join(wrong) or 'none'))
            elif wrong:
                failed += 1
                print('not ok %d - %s' % (n, desc))
            else:
                print('ok %d - %s' % (n, desc))
            for k in wrong:
                print('#   %s: wrote %r, read back %r' % (k, fa[k], fb[k]))
    print('1..%d' % n)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
