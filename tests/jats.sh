#!/bin/sh
# jats.sh: the JATS writer's output is DTD-valid, and the reader is safe.
#  - JATS written from every golden input of every format (references, and
#    the CNKI pages and JATS articles as front matter) validates against the
#    JATS Archiving 1.2 DTD in tests/jats-dtd/, offline;
#  - JATS -> JATS -> JATS is stable after the first pass;
#  - the corpus articles give the article record plus every reference;
#  - a document with an external entity never reads the file it names, and
#    a billion-laughs document is refused, both with an error.
. "${top_srcdir:?}/tests/lib.sh"
dtd=$JATS_DTD
command -v xmllint >/dev/null 2>&1 || { echo "1..0 # SKIP xmllint not installed"; exit 0; }

valid() { # FILE DESCRIPTION
  xmllint --nonet --noout --dtdvalid "$dtd" "$1" >"$TMP/v" 2>&1
  st=$?
  ok $st "$2"
  [ $st -eq 0 ] || grep -v 'failed to load external entity\|archivearticle1-mathml3.dtd">\|^ *^$' "$TMP/v" |
    head -5 | sed 's/^/# /'
}

for f in "$top_srcdir"/tests/golden/bibtex/*.bib "$top_srcdir"/tests/golden/csl-json/*.json \
         "$top_srcdir"/tests/golden/ris/*.ris "$top_srcdir"/tests/golden/cnki/*.txt \
         "$top_srcdir"/tests/golden/cnki/*.net "$top_srcdir"/tests/golden/jats/*.xml \
         "$top_srcdir"/tests/golden/jats/*.nxml; do
  name=$(basename "$f")
  case $name in xxe.xml|billion-laughs.xml|empty.xml|bad-*.json) continue ;; esac
  "$BIBCONV" -q -t jats "$f" >"$TMP/out.xml" 2>/dev/null
  valid "$TMP/out.xml" "$name -> jats: DTD-valid"
  case $name in *.txt|*.xml|*.nxml)
    "$BIBCONV" -q -t jats -O front "$f" >"$TMP/front.xml" 2>/dev/null
    valid "$TMP/front.xml" "$name -> jats -O front: DTD-valid" ;;
  esac
done

for f in "$top_srcdir"/tests/golden/jats/*.xml "$top_srcdir"/tests/golden/jats/*.nxml; do
  name=$(basename "$f")
  case $name in xxe.xml|billion-laughs.xml|empty.xml) continue ;; esac
  "$BIBCONV" -q -f jats -t jats "$f" >"$TMP/once.xml" 2>/dev/null
  "$BIBCONV" -q -f jats -t jats "$TMP/once.xml" >"$TMP/twice.xml" 2>/dev/null
  "$BIBCONV" -q -f jats -t jats "$TMP/twice.xml" >"$TMP/thrice.xml" 2>/dev/null
  cmp -s "$TMP/twice.xml" "$TMP/thrice.xml"
  ok $? "$name -> jats -> jats -> jats: stable after the first pass"
  "$BIBCONV" -q -f jats -t csl-json "$TMP/once.xml" >"$TMP/a.json" 2>/dev/null
  "$BIBCONV" -q -f jats -t csl-json "$TMP/twice.xml" >"$TMP/b.json" 2>/dev/null
  cmp -s "$TMP/a.json" "$TMP/b.json"
  ok $? "$name -> jats -> jats: the same records"
done

# A collaboration's front matter: 300 authors with 300 affiliations, each
# affiliation once with its own id ("Shared", first met with the first
# author, is aff2 for all of them); and a title in 70 languages, of which
# 64 are carried and the rest reported.
"${PYTHON3:-python3}" -c '
import json, sys
rec = {"id": "x", "type": "article-journal", "title": "T", "language": "en",
       "author": [{"family": "F%d" % i, "given": "G"} for i in range(300)],
       "custom": {"names": {"author": [{"affiliation": ["Institute %d" % i, "Shared"]} for i in range(300)]},
                  "multi": {"_keys": {"title": {"l%02d" % i: "t%d" % i for i in range(70)}}}}}
json.dump([rec], sys.stdout)' >"$TMP/collab.json"
"$BIBCONV" -v -f csl-json -t jats -O front "$TMP/collab.json" >"$TMP/collab.xml" 2>"$TMP/err"
valid "$TMP/collab.xml" "300 authors with 301 affiliations -> jats -O front: DTD-valid"
[ "$(grep -c '<aff id=' "$TMP/collab.xml")" -eq 301 ] &&
  [ "$(grep -o 'rid="aff[0-9]*"' "$TMP/collab.xml" | sort -u | wc -l)" -eq 301 ] &&
  [ "$(grep -c 'rid="aff2"' "$TMP/collab.xml")" -eq 300 ]
ok $? "each of 301 affiliations written once, every xref pointing at one"
[ "$(grep -c '<trans-title-group' "$TMP/collab.xml")" -eq 64 ]
ok $? "64 languages of the title carried"
has "$TMP/err" "jats has no room for title in more than 64 languages (the rest); dropped" \
  "and the rest reported"

count() { # FILE WANT
  n=$("$BIBCONV" -q -f jats -t csl-json "$1" 2>/dev/null | grep -c '^    "type"')
  [ "$n" -eq "$2" ]
  ok $? "$(basename "$1"): $2 records, the article and its references (got $n)"
}
g=$top_srcdir/tests/golden/jats
count "$g/elife-kitchen-sink.xml" 54
count "$g/pmc-ehp.nxml" 59
count "$g/pmc-pntd-mixed.nxml" 33
count "$g/pmc-legacy-citation.nxml" 32
count "$g/micropub.xml" 9
count "$g/elife-reviewed-preprint.xml" 13

# hostile documents: an entity naming a local file, and billion laughs
printf 'secret-%s\n' "$$" >"$TMP/secret.txt"
cat >"$TMP/xxe.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE article [ <!ENTITY s SYSTEM "file://$TMP/secret.txt"> ]>
<article><front><article-meta><title-group><article-title>x &s; y</article-title></title-group></article-meta></front></article>
XML
"$BIBCONV" -f jats -t csl-json "$TMP/xxe.xml" >"$TMP/out" 2>"$TMP/err"
rc=$?
! grep -q "secret-$$" "$TMP/out" "$TMP/err"
ok $? "external entity: the file it names is never read"
[ $rc -eq 1 ] && grep -q "refused" "$TMP/err"
ok $? "external entity: reported as an error (exit 1)"
"$BIBCONV" -f jats -t csl-json "$g/billion-laughs.xml" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 1 ] && grep -q "expands into itself or too far" "$TMP/err" && [ "$(wc -c <"$TMP/out")" -lt 100 ]
ok $? "billion laughs: refused with an error, nothing expanded"
finish
