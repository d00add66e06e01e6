#!/bin/sh
# roundtrip.sh: reading a .bib, writing it as bibtex or biblatex and reading
# that back must give the same records: every variable, name part, date
# and extra, compared as CSL-JSON (which shows all of them).  Also:
# writing the written file again changes nothing (stable after one pass).
. "${top_srcdir:?}/tests/lib.sh"
# tests/golden/biblatex is read as biblatex: its literal lists must come
# back as lists from the biblatex writer
for f in "$top_srcdir"/tests/golden/bibtex/*.bib "$top_srcdir"/tests/golden/biblatex/*.bib; do
  name=$(basename "$f")
  from=$(basename "$(dirname "$f")")
  # an entry without a key gets one from each writer, so its id differs
  [ "$name" = nokey.bib ] && continue
  "$BIBCONV" -q -f "$from" -t csl-json "$f" >"$TMP/first.json" 2>/dev/null
  for d in bibtex biblatex; do
    # classic BibTeX has no lists: its reader keeps "London and New York"
    # whole, so only the biblatex writer gives biblatex's lists back
    [ "$from/$d" = biblatex/bibtex ] && continue
    "$BIBCONV" -q -f "$from" -t "$d" "$f" >"$TMP/once.bib" 2>/dev/null
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

# Other formats through BibTeX: X -> bibtex -> X (and biblatex) keeps
# every extra of X's own namespaces ("ris.AD", "cnki.fund", "jats.license",
# CSL-JSON's own custom keys with their JSON values), compared record by
# record as the extras CSL-JSON shows.
extras() { # JSON: one line per record: its non-bibtex extras, sorted
  "${PYTHON3:-python3}" -c '
import json, sys
for rec in json.load(open(sys.argv[1])):
    c = rec.get("custom", {})
    print(json.dumps(sorted((k, v) for k, v in c.items() if k not in ("multi", "names")
                            and not k.startswith("bibtex.")), ensure_ascii=False))
' "$1"
}
for f in "$top_srcdir"/tests/golden/ris/*.ris "$top_srcdir"/tests/golden/jats/*.xml \
         "$top_srcdir"/tests/golden/jats/*.nxml "$top_srcdir"/tests/golden/cnki/*.txt \
         "$top_srcdir"/tests/golden/cnki/*.net "$top_srcdir"/tests/golden/csl-json/*.json; do
  name=$(basename "$f")
  case $name in xxe.xml|billion-laughs.xml|bad-*.json) continue ;; esac
  "$BIBCONV" -q -t csl-json "$f" >"$TMP/first.json" 2>/dev/null
  extras "$TMP/first.json" >"$TMP/first.x"
  for d in bibtex biblatex; do
    "$BIBCONV" -q -t "$d" "$f" >"$TMP/once.bib" 2>/dev/null
    "$BIBCONV" -q -f "$d" -t csl-json "$TMP/once.bib" >"$TMP/again.json" 2>/dev/null
    extras "$TMP/again.json" >"$TMP/again.x"
    st=0
    cmp -s "$TMP/first.x" "$TMP/again.x" || st=1
    ok $st "$name -> $d -> csl-json: the same extras"
    [ $st -eq 0 ] || diff -u "$TMP/first.x" "$TMP/again.x" | head -20 | sed 's/^/# /'
  done
done
finish
