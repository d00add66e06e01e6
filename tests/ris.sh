#!/bin/sh
# ris.sh: RIS -> RIS keeps every record and every tag.
#  - the records read back are the ones read first (compared as CSL-JSON,
#    which shows every variable, name part, date and extra);
#  - a second pass changes no byte;
#  - every tag of the input is in the output, legacy tags as their 2011
#    equivalents (A1 -> AU, T1 -> TI, N2 -> AB, Y1 -> PY/DA, JF/JO -> T2,
#    JA/J1 -> J2, ED -> A2);
#  - the real exports of ../shared/corpus/ris (GPL-3 ones cannot be copied
#    here) give their record counts;
#  - RIS and CNKI written from the corpus's BibTeX, CSL-JSON and JATS carry
#    none of CSL's markup tags.
. "${top_srcdir:?}/tests/lib.sh"
corpus=${BIBCONV_CORPUS:-$top_srcdir/../shared/corpus}

tags() { # FILE: the distinct tags with a value in a RIS file, legacy ones
  # renamed; a tag kept in a note ("N1  - ris.T2: ...") counts as kept
  tr '\r' '\n' <"$1" | sed -n 's/^N1  - ris\.\([A-Z][A-Z0-9]\): .*/\1/p; s/^\([A-Z][A-Z0-9]\)  *- *[^ ].*/\1/p' | sed 's/^A1$/AU/; s/^T1$/TI/; s/^N2$/AB/;
    s/^Y1$/PY/; s/^DA$/PY/; s/^JF$/T2/; s/^JO$/T2/; s/^JA$/J2/; s/^J1$/J2/; s/^ED$/A2/; s/^BT$/T2/; s/^CT$/TI/' |
    sort -u
}

check() { # FILE
  name=$(basename "$1")
  "$BIBCONV" -q -f ris -t csl-json "$1" >"$TMP/first.json" 2>/dev/null
  "$BIBCONV" -q -f ris -t ris "$1" >"$TMP/once.ris" 2>/dev/null
  "$BIBCONV" -q -f ris -t csl-json "$TMP/once.ris" >"$TMP/again.json" 2>/dev/null
  st=0
  cmp -s "$TMP/first.json" "$TMP/again.json" || st=1
  ok $st "$name -> ris -> csl-json: same records"
  [ $st -eq 0 ] || diff -u "$TMP/first.json" "$TMP/again.json" | head -20 | sed 's/^/# /'
  "$BIBCONV" -q -f ris -t ris "$TMP/once.ris" >"$TMP/twice.ris" 2>/dev/null
  cmp -s "$TMP/once.ris" "$TMP/twice.ris"
  ok $? "$name -> ris -> ris: stable after the first pass"
  tags "$1" >"$TMP/in.tags"
  tags "$TMP/once.ris" >"$TMP/out.tags"
  lost=$(comm -23 "$TMP/in.tags" "$TMP/out.tags" | tr '\n' ' ')
  [ -z "$lost" ]
  ok $? "$name -> ris: no tag dropped${lost:+ (lost: $lost)}"
}

for f in "$top_srcdir"/tests/golden/ris/*.ris; do check "$f"; done

# RIS written from the other formats reads back into the same records
for f in "$top_srcdir"/tests/golden/bibtex/*.bib "$top_srcdir"/tests/golden/cnki/*.txt; do
  name=$(basename "$f")
  "$BIBCONV" -q -t csl-json "$f" >"$TMP/first.json" 2>/dev/null
  "$BIBCONV" -q -t ris "$f" >"$TMP/once.ris" 2>/dev/null
  "$BIBCONV" -q -f ris -t ris "$TMP/once.ris" >"$TMP/twice.ris" 2>/dev/null
  cmp -s "$TMP/once.ris" "$TMP/twice.ris"
  ok $? "$name -> ris -> ris: stable"
done

count() { # FILE WANT
  n=$("$BIBCONV" -q -f ris -t ris "$1" 2>/dev/null | grep -c '^ER  - ')
  [ "$n" -eq "$2" ]
  ok $? "$(basename "$1"): $2 records (got $n)"
}
if [ -d "$corpus/ris" ]; then
  for f in "$corpus"/ris/*.ris; do check "$f"; done
  count "$corpus/ris/scopus-92.ris" 92
  count "$corpus/ris/scopus-example.ris" 3
  count "$corpus/ris/citesource-bom.ris" 17
  count "$corpus/ris/ovid-example.ris" 4
  count "$corpus/ris/ebsco-asp-crlf.ris" 4
  # real exports are clean: no diagnostics but for Ovid's text between records
  for f in scopus-92 scopus-example citesource-bom ebsco-asp-crlf; do
    "$BIBCONV" -f ris -t csl-json "$corpus/ris/$f.ris" >/dev/null 2>"$TMP/err"
    [ ! -s "$TMP/err" ]
    ok $? "$f.ris: no diagnostics"
  done
else
  skip "the real RIS exports: round trips, record counts, no diagnostics" "$corpus/ris not present"
fi

# RIS and CNKI RefWorks have no markup: none of CSL's tags (which the
# BibTeX, CSL-JSON and JATS readers put in titles) reaches their output
tagged() { # FILE: how many of CSL's tags
  grep -oE '</?(i|b|sc|sup|sub)>|<span class="nocase">|<span style="font-variant:small-caps;">|</span>' "$1" | wc -l
}
if [ -f "$corpus/bibtex/biblatex-examples.bib" ]; then
  for f in "$corpus"/bibtex/*.bib "$corpus"/csl-json/*.json "$corpus"/jats/*.xml "$corpus"/jats/*.nxml; do
    [ -f "$f" ] || continue
    for to in ris cnki; do
      "$BIBCONV" -q -t $to "$f" >"$TMP/out" 2>/dev/null
      n=$(tagged "$TMP/out")
      [ "$n" -eq 0 ]
      ok $? "$(basename "$f") -> $to: no markup tags (got $n)"
    done
  done
else
  skip "no markup tags in RIS and CNKI written from the corpus" "$corpus/bibtex not present"
fi
finish
