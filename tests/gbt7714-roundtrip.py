"""gbt7714-roundtrip.py FILE.json...: a GB/T 7714 list read back by the cnki reader.

Each CSL-JSON file is written with -t gbt7714 and that list read back with
-f cnki; for every record the type (as the GB/T code the writer gives it),
title, authors, container, year, volume, issue and pages must come back.
Names are compared as GB/T 7714 writes them (FAMILY and initials, Han
names run together, the first three and whether more follow).  Prints TAP,
one test per record; any record that does not come back whole fails (there
is no list of expected failures).
"""
import json
import os
import re
import subprocess
import sys

BIBCONV = os.environ.get('BIBCONV', 'bibconv')

# the type code and a carrier other than online ([CP/DK]); /OL is the URL
# and access date, which are not compared
CODE = re.compile(r'\[([A-Z]{1,2}(?:/(?:CD|DK|MT))?)(?:/OL)?\]')
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


# an event date as the writer writes it (2012-12-28, 2012-12-28/30) or as
# the reader may give it back
ISO_DATE = re.compile(r'\d{4}(?:-\d{2}){0,2}(?:/[\d-]+)?')


def event_parts(item):
    parts = [text(item, 'event-title') or text(item, 'event'), text(item, 'event-place')]
    d = item.get('event-date') or {}
    parts.append(d.get('literal') or d.get('raw'))
    return [p for p in parts if p]


def same_host(want, got, item):
    """A conference paper's proceedings title (or whole proceedings' title)
    comes back with the conference as its other title information, which
    GB/T 7714 has no place of its own for: what follows the title must be
    the conference's name, place and date, nothing else."""
    if want == got or not event_parts(item) or got is None:
        return want == got
    if want and not got.startswith(want):
        return False
    rest = got[len(want or ''):]
    for p in event_parts(item):
        rest = rest.replace(p, '', 1)
    return re.fullmatch(r'[\s:,]*', ISO_DATE.sub('', rest)) is not None


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
            wrong = sorted(k for k in fa if fa[k] != fb[k] and
                           not (k in ('title', 'container') and same_host(fa[k], fb[k], a)))
            rid = a.get('id', str(i + 1))
            desc = '%s: %s read back with the same %s' % (base, rid, ', '.join(fa))
            if wrong:
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
