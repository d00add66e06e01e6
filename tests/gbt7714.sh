#!/bin/sh
# gbt7714.sh: the GB/T 7714 writer beyond its golden files.
#  - every golden record written as GB/T 7714 and read back by the cnki
#    reader gives the same type, title, authors, container, year, volume,
#    issue and pages (tests/gbt7714-roundtrip.py), every one of them;
#  - the CNKI samples give a clean list, one line a record, and with
#    -O bilingual an English line after each record that has an English
#    title;
#  - a wrong option value is refused.
. "${top_srcdir:?}/tests/lib.sh"
B=$BIBCONV
G=$top_srcdir/tests/golden/gbt7714

"${PYTHON3:-python3}" "$top_srcdir/tests/gbt7714-roundtrip.py" "$G"/*.json >"$TMP/rt" 2>&1
st=$?
# renumber its TAP lines into ours
while IFS= read -r l; do
  case $l in
  "ok "*) tap_n=$((tap_n + 1)); echo "ok $tap_n - ${l#ok * - }" ;;
  "not ok "*) tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1)); echo "not ok $tap_n - ${l#not ok * - }" ;;
  "#"*) echo "$l" ;;
  "1.."*) ;;
  *) echo "# $l" ;;
  esac
done <"$TMP/rt"
[ $st -eq 0 ] || [ "$tap_failed" -gt 0 ] || { tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1)); echo "not ok $tap_n - gbt7714-roundtrip.py ran (exit $st)"; }
# every golden record came back, none skipped
golden=$(cat "$G"/*.json | "${PYTHON3:-python3}" -c 'import json, sys
d = json.JSONDecoder(); s = sys.stdin.read(); n = i = 0
while i < len(s):
    while i < len(s) and s[i].isspace(): i += 1
    if i == len(s): break
    v, i = d.raw_decode(s, i); n += len(v)
print(n)')
back=$(grep -c '^ok ' "$TMP/rt")
[ "$back" -eq "$golden" ] && [ "$golden" -gt 0 ]
ok $? "round trip: all $golden golden records read back whole (got $back)"

# the samples: a clean list
samples="$top_srcdir/samples/cnki/*.txt $top_srcdir/samples/cnki/*.net"
# shellcheck disable=SC2086 # a glob
run 0 "samples as gbt7714" "$B" -t gbt7714 $samples
cp "$TMP/out" "$TMP/list"
# shellcheck disable=SC2086
records=$("$B" -q -t csl-json $samples | "${PYTHON3:-python3}" -c 'import json,sys; print(len(json.load(sys.stdin)))')
lines=$(grep -c '^\[[0-9]*\] ' "$TMP/list")
[ "$lines" -eq "$records" ] && [ "$(wc -l <"$TMP/list")" -eq "$records" ]
ok $? "samples: one numbered line for each of the $records records (got $lines)"
grep -q '^\[1\] ' "$TMP/list" && ! grep -q '\[\]' "$TMP/list"
ok $? "samples: numbered from [1], every reference has its code"
# shellcheck disable=SC2086
run 0 "samples as gbt7714 -O bilingual" "$B" -t gbt7714 -O bilingual $samples
# shellcheck disable=SC2086
en=$("$B" -q -t csl-json $samples | "${PYTHON3:-python3}" -c '
import json, sys
n = 0
for it in json.load(sys.stdin):
    langs = it.get("custom", {}).get("multi", {}).get("_keys", {}).get("title", {})
    zh = it.get("language", "").startswith("zh")
    n += 1 if zh and "en" in langs else 0
print(n)')
extra=$(grep -vc '^\[[0-9]*\] ' "$TMP/out")
[ "$extra" -eq "$en" ] && [ "$en" -gt 0 ]
ok $? "samples: -O bilingual adds an English line for each of the $en bilingual records (got $extra)"
awk 'NR > 1 && !/^\[/ && prev !~ /^\[/ { bad = 1 } { prev = $0 } END { exit bad }' "$TMP/out"
ok $? "samples: each English line follows its Chinese reference"
has "$TMP/out" "DENG Zhengyang, XIANG Fang. Rebuilding Grassroots" "samples: the CQVIP page's English form with its English names"

# its other names, in any case
run 0 "-t GB7714 is gbt7714" "$B" -t GB7714 "$G/letters.json"
has "$TMP/out" "[1] KENNEDY W J, GARRISON R E. Morphology" "-t GB7714: the same list"

# options
run 4 "-O style=harvard refused" "$B" -t gbt7714 -O style=harvard "$G/standard.json"
has "$TMP/err" "unknown style 'harvard'" "-O style=harvard: says which styles there are"
run 4 "-O fullwidth=yes refused" "$B" -t gbt7714 -O fullwidth=yes "$G/standard.json"
run 2 "-O colour refused" "$B" -t gbt7714 -O colour "$G/standard.json"
finish
