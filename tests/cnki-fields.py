"""cnki-fields.py FILE...: no field of a CNKI export is lost.

For every tagged line of each export (RefWorks, EndNote, NoteExpress,
E-Study), every item of its value must reappear in what bibconv writes
back as CNKI RefWorks: Han text as a substring, Latin text word by word
(names come back "Family, Given", pages "1106-1111, 1117", lists joined
by ';').  Type and language lines are left out: they come back as
CNKI's type and BCP 47 codes.  Prints each missing item; exit 1 if any.
"""
import os
import re
import subprocess
import sys

SKIP = re.compile(r'^(RT|%0|\{Reference Type\}|DataType|LA|%G|\{Language\}|SR|DS|%W|\{Database Provider\})(?=[ :：]|$)')
TAG = re.compile(r'^(?:\{[^}]*\}[:：]|%\S ?|URL |[A-Za-z]+-[^:： ]+[:：]? ?|[A-Z][A-Z0-9] ?|vo )(.*)$')


def norm(s):
    """What bibconv does to any value: artefacts out, dashes one kind."""
    s = re.sub(r'<正>|〈正〉|Abstract\(#br\)|#br#', '', s)
    s = s.replace('(#br)', ' ').replace('&amp;', '&').replace('\u3000', ' ')
    s = re.sub(r'[~～\u2212]', '-', s)
    s = re.sub(r'(\d{4})/(\d\d)/(\d\d)', r'\1-\2-\3', s)
    return re.sub(r'\s+', ' ', s)


def words(s):
    return [w for w in re.split(r"[\s,;，；+~()（）]+", s) if w]


def main():
    missing = 0
    for path in sys.argv[1:]:
        out = subprocess.run([os.environ['BIBCONV'], '-q', '-f', 'cnki', '-t', 'cnki', path],
                             capture_output=True).stdout.decode()
        blob = norm(out)
        bag = set(words(blob))
        text = open(path, encoding='utf-8', newline='').read()
        # CNKI's API runs "%A a%A b" together on one line
        text = re.sub(r'([^\s])(%[AKYI] )', r'\1\n\2', text)
        for line in re.split(r'\r\n|\r|\n|<br>', text):
            if SKIP.match(line):
                continue
            m = TAG.match(line)
            if not m:
                continue
            for item in re.split(r';;|;|；|,(?=[\u4e00-\u9fff])|、', norm(m.group(1))):
                item = item.strip(' .,-')
                if not item or item in blob:
                    continue
                lost = [w for w in words(item) if w not in bag and w.lstrip('0') not in bag
                        and re.sub(r'^\d+\.', '', w) not in bag]
                if lost:
                    missing += 1
                    print('%s: lost %r' % (os.path.basename(path), item[:80]))
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
