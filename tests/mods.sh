#!/bin/sh
# mods.sh: the MODS writer's output is well-formed, stable and lossless
# for what MODS holds, and bibutils reads it.
#  - every golden input of every format written as MODS is well-formed
#    (xmllint; no MODS schema is packaged for Debian, so the schema is not
#    checked) and mods -> mods -> mods is stable after the first pass;
#  - mods -> mods -> csl-json gives the records mods -> csl-json gives;
#  - bibutils' xml2bib reads each output with the same record count and
#    no warning (skipped without bibutils).
. "${top_srcdir:?}/tests/lib.sh"
command -v xmllint >/dev/null 2>&1 || { echo "1..0 # SKIP xmllint not installed"; exit 0; }
g=$top_srcdir/tests/golden
for f in "$g"/csl-json/*.json "$g"/bibtex/*.bib "$g"/ris/*.ris "$g"/jats/*.xml "$g"/jats/*.nxml \
         "$g"/cnki/*.txt "$g"/pubmed-xml/*.xml "$g"/mods/*.xml; do
  name=${f#"$g"/}
  case $name in */xxe.xml|*/billion-laughs.xml|*/empty.xml|*/bad-*.json) continue ;; esac
  "$BIBCONV" -q -t mods "$f" >"$TMP/once.xml" 2>/dev/null
  xmllint --nonet --noout "$TMP/once.xml" 2>"$TMP/wf"
  ok $? "$name -> mods: well-formed"
  "$BIBCONV" -q -f mods -t mods "$TMP/once.xml" >"$TMP/twice.xml" 2>/dev/null
  "$BIBCONV" -q -f mods -t mods "$TMP/twice.xml" >"$TMP/thrice.xml" 2>/dev/null
  cmp -s "$TMP/twice.xml" "$TMP/thrice.xml"
  ok $? "$name -> mods -> mods -> mods: stable after the first pass"
  "$BIBCONV" -q -f mods -t csl-json "$TMP/once.xml" >"$TMP/a.json" 2>/dev/null
  "$BIBCONV" -q -f mods -t csl-json "$TMP/twice.xml" >"$TMP/b.json" 2>/dev/null
  cmp -s "$TMP/a.json" "$TMP/b.json"
  ok $? "$name -> mods -> mods: the same records"
  [ $? -eq 0 ] || diff "$TMP/a.json" "$TMP/b.json" | head -10 | sed 's/^/# /'
  if command -v xml2bib >/dev/null 2>&1; then
    want=$(grep -c '^  <mods[ >]' "$TMP/once.xml")
    xml2bib "$TMP/once.xml" >"$TMP/bib" 2>"$TMP/err"
    got=$(sed '1s/^\xEF\xBB\xBF//' "$TMP/bib" | grep -c '^@')  # xml2bib starts with a BOM
    warn=$(grep -v '^xml2bib: Processed [0-9]* references\.$' "$TMP/err")
    [ "$got" -eq "$want" ] && [ -z "$warn" ]
    ok $? "$name -> mods read by xml2bib: $want records, no warning"
    [ -z "$warn" ] || echo "$warn" | head -3 | sed 's/^/# /'
  fi
done
finish
