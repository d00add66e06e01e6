#!/bin/sh
# texlive.sh: Nelson Beebe's bibliographies in TeX Live (texlive-bibtex-extra,
# texmf-dist/bibtex/bib/beebe: long "%%%" headers, bibdate and keyword
# fields, committees as authors).  Each is detected as classic BibTeX (but
# font.bib, which has a biblatex date field: date = "15/05/84"), gives
# one record per entry (counted here from the file's own "@type{" lines),
# with no error, and bibtex -> bibtex changes no entry on a second pass
# (387 of tugboat.bib's 4839 did once).  Skipped without the package
# ($TEXLIVE_BIB names another texmf-dist/bibtex/bib).
. "${top_srcdir:?}/tests/lib.sh"
bib=${TEXLIVE_BIB:-}
if [ -z "$bib" ]; then
  f=$(kpsewhich tugboat.bib 2>/dev/null) || f=
  bib=$(dirname "${f:-/usr/share/texlive/texmf-dist/bibtex/bib/beebe/tugboat.bib}")
  bib=$(dirname "$bib")
fi
if [ ! -f "$bib/beebe/tugboat.bib" ]; then
  echo "1..0 # SKIP TeX Live's bibtex/bib/beebe not present (Debian: texlive-bibtex-extra)"
  exit 0
fi
changed=0
for f in "$bib"/beebe/*.bib; do
  name=$(basename "$f")
  want=$(grep -ciE '^[[:space:]]*@[[:space:]]*[a-z]+[[:space:]]*[{(]' "$f")
  defs=$(grep -ciE '^[[:space:]]*@[[:space:]]*(string|preamble|comment)[[:space:]]*[{(]' "$f")
  want=$((want - defs))
  dialect=bibtex
  [ "$name" = font.bib ] && dialect=biblatex
  "$BIBCONV" -v -t bibtex -o "$TMP/once.bib" "$f" >"$TMP/out" 2>"$TMP/err"
  st=$?
  grep -q "note: reading as $dialect\$" "$TMP/err" && [ "$st" -eq 0 ] && ! grep -q ': error: ' "$TMP/err"
  ok $? "$name: detected as $dialect, read with no error"
  [ $st -eq 0 ] || sed 's/^/#   /' "$TMP/err" | grep -v ': warning: ' | head -5
  got=$(grep -c '^@[a-z]*{[^,]*,$' "$TMP/once.bib")
  [ "$got" -eq "$want" ]
  ok $? "$name: $want entries, $got records"
  "$BIBCONV" -q -t bibtex -o "$TMP/twice.bib" "$TMP/once.bib" 2>/dev/null
  # entries are separated by one blank line: count those that differ
  n=$("${PYTHON3:-python3}" -c '
import sys
a, b = (open(p, encoding="utf-8").read().split("\n\n@") for p in sys.argv[1:3])
print(sum(x != y for x, y in zip(a, b)) + abs(len(a) - len(b)))' "$TMP/once.bib" "$TMP/twice.bib")
  changed=$((changed + n))
done
[ "$changed" -eq 0 ]
ok $? "bibtex -> bibtex -> bibtex: $changed entries change on the second pass"
finish
