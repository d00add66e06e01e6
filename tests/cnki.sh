#!/bin/sh
# cnki.sh: the cnki reader beyond the golden files.
#  - detection: every CNKI input here is read as cnki without -f, and no
#    BibTeX, CSL-JSON, RIS or JATS file is;
#  - the page fixtures give the same record with and without the site's
#    chrome (tests/data/cnki-bare/), and their field checks hold
#    (tests/data/cnki-checks.tsv, tests/cnki-checks.py);
#  - round trip: cnki -> cnki gives the same records and is stable;
#  - the real CNKI exports of ../shared/corpus (when present: some are
#    under licences that keep them out of this repository) give the
#    expected number of records and no diagnostics.
. "${top_srcdir:?}/tests/lib.sh"
corpus=${BIBCONV_CORPUS:-$top_srcdir/../shared/corpus}

detected() { # FILE: the format bibconv reads FILE as
  "$BIBCONV" -v -t csl-json "$1" 2>&1 >/dev/null | sed -n 's/.*note: reading as \([a-z-]*\)$/\1/p'
}

for f in "$top_srcdir"/tests/golden/cnki/*.txt "$top_srcdir"/tests/golden/cnki/*.net \
         "$top_srcdir"/samples/cnki/*.txt "$top_srcdir"/samples/cnki/*.net; do
  [ "$(detected "$f")" = cnki ]
  ok $? "$(basename "$f") is detected as cnki"
done

# pasted text has no file name: the content alone says it is cnki
for f in "$top_srcdir"/tests/golden/cnki/*.txt "$top_srcdir"/tests/data/cnki-bare/*.txt; do
  [ "$("$BIBCONV" -v -t csl-json - <"$f" 2>&1 >/dev/null | sed -n 's/.*note: reading as \([a-z0-9-]*\)$/\1/p')" = cnki ]
  ok $? "$(basename "$f") on stdin is detected as cnki"
done

others="$top_srcdir/tests/golden/bibtex/*.bib $top_srcdir/tests/golden/csl-json/*.json"
if [ -d "$corpus" ]; then
  others="$others $corpus/bibtex/* $corpus/csl-json/*.json $corpus/ris/* $corpus/jats/*.xml"
else
  skip "the corpus's BibTeX, CSL-JSON, RIS and JATS files are not taken for cnki" "$corpus not present"
fi
for f in $others; do
  [ -f "$f" ] || continue
  [ "$(detected "$f")" != cnki ]
  ok $? "$(basename "$f") is not taken for cnki"
done

for f in "$top_srcdir"/tests/golden/cnki/*.txt "$top_srcdir"/tests/golden/cnki/*.net; do
  name=$(basename "$f")
  "$BIBCONV" -q -f cnki -t csl-json "$f" >"$TMP/first.json" 2>/dev/null
  "$BIBCONV" -q -f cnki -t cnki "$f" >"$TMP/once.txt" 2>/dev/null
  "$BIBCONV" -q -f cnki -t csl-json "$TMP/once.txt" >"$TMP/again.json" 2>/dev/null
  st=0
  cmp -s "$TMP/first.json" "$TMP/again.json" || st=1
  ok $st "$name -> cnki -> csl-json: same records"
  [ $st -eq 0 ] || diff -u "$TMP/first.json" "$TMP/again.json" | head -30 | sed 's/^/# /'
  "$BIBCONV" -q -f cnki -t cnki "$TMP/once.txt" >"$TMP/twice.txt" 2>/dev/null
  cmp -s "$TMP/once.txt" "$TMP/twice.txt"
  ok $? "$name -> cnki -> cnki: stable after the first pass"
done

# the page fixtures: the same fields whether the site's chrome (menus,
# breadcrumbs, buttons, footers) was pasted with them or not
for f in "$top_srcdir"/tests/data/cnki-bare/*.txt; do
  name=$(basename "$f")
  [ "$(detected "$f")" = cnki ]
  ok $? "$name without its chrome is detected as cnki"
  "$BIBCONV" -q -t csl-json "$top_srcdir/tests/golden/cnki/$name" >"$TMP/with.json" 2>/dev/null
  "$BIBCONV" -q -t csl-json "$f" >"$TMP/without.json" 2>/dev/null
  cmp -s "$TMP/with.json" "$TMP/without.json"
  st=$?
  ok $st "$name: the same record with and without the site's chrome"
  [ $st -eq 0 ] || diff -u "$TMP/without.json" "$TMP/with.json" | head -20 | sed 's/^/# /'
done

# the field checks of the page fixtures (tests/data/cnki-checks.tsv)
"${PYTHON3:-python3}" "$top_srcdir/tests/cnki-checks.py" "$top_srcdir/tests/data/cnki-checks.tsv" \
  "$top_srcdir/tests/golden/cnki" >"$TMP/checks" 2>&1
st=$?
ok $st "page fixtures: $(tail -1 "$TMP/checks")"
[ $st -eq 0 ] || sed 's/^/# /' "$TMP/checks" | head -20

count() { # FILE WANT
  "$BIBCONV" -f cnki -t cnki "$1" >"$TMP/out" 2>"$TMP/err"
  n=$(grep -c '^RT ' "$TMP/out")
  [ "$n" -eq "$2" ]
  ok $? "$(basename "$1"): $2 records (got $n)"
  [ ! -s "$TMP/err" ]
  ok $? "$(basename "$1"): no diagnostics"
  [ -s "$TMP/err" ] && sed 's/^/# /' "$TMP/err" | head -5
}

# every value of every export line comes back (tests/cnki-fields.py)
exports="$top_srcdir/tests/golden/cnki/refworks.txt $top_srcdir/tests/golden/cnki/endnote-40.txt
  $top_srcdir/tests/golden/cnki/endnote-api.txt $top_srcdir/tests/golden/cnki/estudy.txt"
for f in $exports "$top_srcdir"/tests/golden/cnki/*.net; do
  "${PYTHON3:-python3}" "$top_srcdir/tests/cnki-fields.py" "$f" >"$TMP/lost" 2>&1
  st=$?
  ok $st "$(basename "$f"): no field lost"
  [ $st -eq 0 ] || sed 's/^/# /' "$TMP/lost" | head -5
done

if [ -d "$corpus/cnki" ]; then
  "${PYTHON3:-python3}" "$top_srcdir/tests/cnki-fields.py" "$corpus/cnki/estudy-20records.txt" >"$TMP/lost" 2>&1
  ok $? "estudy-20records.txt: no field lost"
  count "$corpus/cnki/estudy-20records.txt" 20
  count "$corpus/cnki/endnote-40records-crlf.txt" 40
  count "$corpus/cnki/noteexpress-15types.net" 15
  count "$corpus/cnki/noteexpress-classic5.net" 5
  # the translators' test strings, one file per export format
  for kind in refworks endnote; do
    "${PYTHON3:-python3}" -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.stdout.write("".join(c["input"] + "\r\n\r\n" for c in d["cases"]))
print(len(d["cases"]), file=sys.stderr)' "$corpus/cnki/$kind-cases.json" >"$TMP/$kind.txt" 2>"$TMP/n" &&
      count "$TMP/$kind.txt" "$(cat "$TMP/n")"
    "${PYTHON3:-python3}" "$top_srcdir/tests/cnki-fields.py" "$TMP/$kind.txt" >"$TMP/lost" 2>&1
    ok $? "$kind-cases.json: no field lost"
  done
else
  skip "the real CNKI exports: record counts, no field lost" "$corpus/cnki not present"
fi
finish
