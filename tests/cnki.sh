#!/bin/sh
# cnki.sh: the cnki reader beyond the golden files.
#  - detection: every CNKI input here is read as cnki without -f, and no
#    BibTeX, CSL-JSON, RIS or JATS file is;
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
