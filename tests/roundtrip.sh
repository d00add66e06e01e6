#!/bin/sh
# roundtrip.sh: reading a .bib, writing it as bibtex or biblatex and reading
# that back must give the same records: every variable, name part, date
# and extra, compared as CSL-JSON (which shows all of them).  Also:
# writing the written file again changes nothing (stable after one pass).
. "${top_srcdir:?}/tests/lib.sh"
for f in "$top_srcdir"/tests/golden/bibtex/*.bib; do
  name=$(basename "$f")
  # an entry without a key gets one from each writer, so its id differs
  [ "$name" = nokey.bib ] && continue
  "$BIBCONV" -q -f bibtex -t csl-json "$f" >"$TMP/first.json" 2>/dev/null
  for d in bibtex biblatex; do
    "$BIBCONV" -q -f bibtex -t "$d" "$f" >"$TMP/once.bib" 2>/dev/null
    "$BIBCONV" -q -f "$d" -t csl-json "$TMP/once.bib" >"$TMP/again.json" 2>/dev/null
    st=0
    cmp -s "$TMP/first.json" "$TMP/again.json" || st=1
    ok $st "$name -> $d -> csl-json: same records as $name -> csl-json"
    [ $st -eq 0 ] || diff -u "$TMP/first.json" "$TMP/again.json" | head -30 | sed 's/^/# /'
    "$BIBCONV" -q -f "$d" -t "$d" "$TMP/once.bib" >"$TMP/twice.bib" 2>/dev/null
    cmp -s "$TMP/once.bib" "$TMP/twice.bib"
    ok $? "$name -> $d -> $d: stable after the first pass"
  done
done
finish
