#!/bin/sh
# schema.sh: everything the csl-json writer emits for the golden inputs of
# every format validates against CSL 1.0.2's csl-data.json, and reading
# CSL-JSON output again gives the same bytes.
. "${top_srcdir:?}/tests/lib.sh"
py=
for p in "${PYTHON3:-}" /usr/bin/python3 python3; do
  if [ -n "$p" ] && "$p" -c 'import jsonschema' 2>/dev/null; then py=$p; break; fi
done
# valid FILE DESCRIPTION: FILE validates against csl-data.json.
valid() {
  if [ -z "$py" ]; then
    echo "ok - $2 # SKIP python3-jsonschema not installed"
    return
  fi
  "$py" - "$top_srcdir/tests/data/csl-data.json" "$1" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
errors = list(jsonschema.Draft7Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
for e in errors[:5]:
    print("#   " + "/".join(map(str, e.absolute_path)) + ": " + e.message[:150])
sys.exit(1 if errors else 0)
PY
  ok $? "$2"
}
for f in "$top_srcdir"/tests/golden/csl-json/*.json; do
  b=$(basename "$f")
  "$BIBCONV" -q -f csl-json -t csl-json "$f" >"$TMP/a.json" 2>/dev/null
  "$BIBCONV" -q -f csl-json -t csl-json "$TMP/a.json" >"$TMP/b.json" 2>/dev/null
  cmp -s "$TMP/a.json" "$TMP/b.json"
  ok $? "$b: output read again gives the same output"
  valid "$TMP/a.json" "$b: output is valid CSL 1.0.2 (csl-data.json)"
done
# the CSL-JSON that every other reader's golden tests expect
for f in "$top_srcdir"/tests/golden/*/*.csl-json.expected; do
  case $f in */golden/csl-json/*) continue ;; esac
  b=$(basename "$(dirname "$f")")/$(basename "$f")
  valid "$f" "$b: valid CSL 1.0.2 (csl-data.json)"
done
finish
