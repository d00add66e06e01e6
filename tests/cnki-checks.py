"""cnki-checks.py CHECKS DIR: the field checks of the CNKI page fixtures.

CHECKS is a table, one check a line: fixture, a path into the fixture's
CSL-JSON record (keys and list indexes joined by "/"), the value wanted
(a JSON value when it starts with "[" or "{", else the text).  Each
fixture of DIR is converted with bibconv; prints each check that fails
and "N of M field checks hold"; exit 1 unless all hold.
"""
import json
import os
import subprocess
import sys


def get(x, path):
    for k in path.split('/'):
        if isinstance(x, list):
            if not k.isdigit() or int(k) >= len(x):
                return None
            x = x[int(k)]
        elif isinstance(x, dict):
            if k not in x:
                return None
            x = x[k]
        else:
            return None
    return x


def main():
    checks, where = sys.argv[1], sys.argv[2]
    records, held, total = {}, 0, 0
    for line in open(checks, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        name, path, want = line.split('\t', 2)
        if name not in records:
            out = subprocess.run([os.environ['BIBCONV'], '-q', '-t', 'csl-json',
                                  os.path.join(where, name)], capture_output=True)
            try:
                records[name] = json.loads(out.stdout.decode())
            except ValueError:
                records[name] = []
        got = get(records[name][0], path) if records[name] else None
        wanted = json.loads(want) if want[:1] in '[{' else want
        if isinstance(got, (int, float)):
            got = str(got)
        total += 1
        if got == wanted:
            held += 1
        else:
            print('%s: %s is %s, not %s' % (name, path, json.dumps(got, ensure_ascii=False),
                                            json.dumps(wanted, ensure_ascii=False)))
    print('%d of %d field checks hold' % (held, total))
    return 0 if held == total else 1


if __name__ == '__main__':
    sys.exit(main())
