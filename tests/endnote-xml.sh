#!/bin/sh
# endnote-xml.sh: the EndNote XML writer's output is well-formed, stable
# and lossless for what EndNote XML holds, and bibutils reads it.
#  - every golden input of every format written as endnote-xml is
#    well-formed (xmllint; EndNote publishes no schema) and endnote-xml ->
#    endnote-xml -> endnote-xml is stable after the first pass;
#  - endnote-xml -> endnote-xml gives the records endnote-xml -> csl-json
#    gives; our own EndNote XML goldens and every CSL type
#    (csl-json/all-types.json) come back whole through endnote-xml (extras
#    compared whatever their order: EndNote's order of elements is not
#    the input's);
#  - bibutils' endx2xml reads each output with the same number of records
#    and no warning but the two kinds bibutils 7.2 gives for what its
#    tables lack (listed below, and in the README), and what it reads
#    (its MODS, read back with our mods reader) agrees with what we read
#    on each record's title, year, DOI and first author's family name
#    (skipped without bibutils).
. "${top_srcdir:?}/tests/lib.sh"
command -v xmllint >/dev/null 2>&1 || { echo "1..0 # SKIP xmllint not installed"; exit 0; }
py=${PYTHON3:-python3}
command -v "$py" >/dev/null 2>&1 || { echo "1..0 # SKIP python3 not installed"; exit 0; }
g=$top_srcdir/tests/golden

# same A.json B.json: the same records, a record's extras in any order
same() {
  "$py" -c '
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
sys.exit(0 if json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True) else 1)' "$1" "$2"
}

# EndNote types bibutils 7.2 has no table for (it reads them as Generic),
# and the tags it reads EndNote elements into but never writes out.
unknown_types="Aggregated Database|Ancient Text|Blog|Catalog|Dataset|Dictionary|Electronic Article|Electronic Book|Electronic Book Section|Encyclopedia|Equation|Figure|Government Document|Grant|Legal Rule or Regulation|Music|Online Database|Online Multimedia|Pamphlet|Serial|Standard|Interview|Zeitschriftenartikel|Stone Tablet"
unused_tags="SHORTTITLE|2ND_TITLE|VERSION|CODE|ADDRESS|ACADEMIC_DEPARTMENT|PUBLISHED_SOURCE|INTERNAL_TYPE|CUSTOM2|BILLNUMBER"

# bibutils_ok ERR: endx2xml's stderr holds no warning but those
bibutils_ok() {
  "$py" - "$1" "$unknown_types" "$unused_tags" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding='utf-8', errors='replace').read().splitlines()
types, tags = set(sys.argv[2].split('|')), set(sys.argv[3].split('|'))
bad = []
for l in lines:
    m = re.match(r"endx2xml: Did not recognize type '(.*)' of refnum", l)
    if m:
        if m.group(1) not in types:
            bad.append(l)
        continue
    m = re.match(r"endx2xml:\s+'([^']*)', '.*', \d+$", l)
    if m:
        if m.group(1) not in tags:
            bad.append(l)
        continue
    if re.match(r"\tDefaulting to Generic\.$|Did not identify reference type '|Defaulting to journal article type$"
                r"|endx2xml: Reference \d+ has unused tags\.$"
                r"|endx2xml:    (Author\(s\)|Year|Title|Unused entries)|endx2xml:               \S"
                r"|endx2xml: Processed \d+ references\.$", l):
        continue
    bad.append(l)
for l in bad[:3]:
    print('# ' + l)
sys.exit(1 if bad else 0)
PY
}

# agree OURS.json THEIRS.json: title, year, DOI, first author's family
# name of each record, where ours has one.  The author is compared where
# ours has a family and a given name and bibutils has a name at all:
# bibutils 7.2 reads an institution ("World Health Organization,") as a
# person, leaves out a name of one word ("Aristotle") and reads no
# authors of some types (Bill, Hearing)
agree() {
  "$py" - "$1" "$2" <<'PY'
import json, re, sys
ours, theirs = (json.load(open(f)) for f in sys.argv[1:3])
def norm(s):
    s = re.sub(r'</?(i|b|sc|sup|sub|span)( [^>]*)?>', '', s or '')
    return re.sub(r'[\W_]+', ' ', s).strip().casefold()
def fields(r):
    d = {'title': norm(r.get('title')), 'DOI': (r.get('DOI') or '').lower()}
    y = r.get('issued', {}).get('date-parts', [[None]])[0][0]
    d['year'] = y
    a = (r.get('author') or r.get('editor') or [{}])[0]
    d['author'] = norm(' '.join(filter(None, (a.get('non-dropping-particle'), a.get('family'))))) \
        if a.get('given') else None
    return d
bad = 0
for i, (o, t) in enumerate(zip(ours, theirs)):
    fo, ft = fields(o), fields(t)
    for k, v in fo.items():
        if v and v != ft[k] and not (k == 'author' and ft[k] is None):
            bad += 1
            if bad <= 3:
                print('# record %d: %s %r, bibutils %r' % (i + 1, k, v, ft[k]))
sys.exit(1 if bad or len(ours) != len(theirs) else 0)
PY
}

for f in "$g"/csl-json/*.json "$g"/bibtex/*.bib "$g"/ris/*.ris "$g"/jats/*.xml "$g"/jats/*.nxml \
         "$g"/cnki/*.txt "$g"/pubmed-xml/*.xml "$g"/mods/*.xml "$g"/medline/*.nbib "$g"/endnote-xml/*.xml; do
  name=${f#"$g"/}
  case $name in */xxe.xml|*/billion-laughs.xml|*/empty.xml|*/bad-*.json) continue ;; esac
  "$BIBCONV" -q -t endnote-xml "$f" >"$TMP/once.xml" 2>/dev/null
  xmllint --nonet --noout "$TMP/once.xml" 2>"$TMP/wf"
  ok $? "$name -> endnote-xml: well-formed"
  "$BIBCONV" -q -f endnote-xml -t endnote-xml "$TMP/once.xml" >"$TMP/twice.xml" 2>/dev/null
  "$BIBCONV" -q -f endnote-xml -t endnote-xml "$TMP/twice.xml" >"$TMP/thrice.xml" 2>/dev/null
  cmp -s "$TMP/twice.xml" "$TMP/thrice.xml"
  ok $? "$name -> endnote-xml -> endnote-xml -> endnote-xml: stable after the first pass"
  "$BIBCONV" -q -f endnote-xml -t csl-json "$TMP/once.xml" >"$TMP/a.json" 2>/dev/null
  "$BIBCONV" -q -f endnote-xml -t csl-json "$TMP/twice.xml" >"$TMP/b.json" 2>/dev/null
  cmp -s "$TMP/a.json" "$TMP/b.json"
  ok $? "$name -> endnote-xml -> endnote-xml: the same records"
  [ $? -eq 0 ] || diff "$TMP/a.json" "$TMP/b.json" | head -10 | sed 's/^/# /'
  case $name in
    endnote-xml/*|csl-json/all-types.json)
      "$BIBCONV" -q -t csl-json "$f" >"$TMP/direct.json" 2>/dev/null
      same "$TMP/direct.json" "$TMP/a.json"
      ok $? "$name -> endnote-xml: nothing lost"
      ;;
  esac
  # repeats.xml repeats elements EndNote writes once, which bibutils says
  if command -v endx2xml >/dev/null 2>&1 && [ "$name" != endnote-xml/repeats.xml ]; then
    want=$(grep -c '^    <record>' "$TMP/once.xml")
    endx2xml "$TMP/once.xml" >"$TMP/mods.xml" 2>"$TMP/err"
    got=$(grep -c '^<mods[ >]' "$TMP/mods.xml")
    [ "$got" -eq "$want" ]
    ok $? "$name -> endnote-xml read by endx2xml: $want records (got $got)"
    bibutils_ok "$TMP/err"
    ok $? "$name -> endnote-xml read by endx2xml: no warning but for what bibutils 7.2 lacks"
    "$BIBCONV" -q -f mods -t csl-json "$TMP/mods.xml" >"$TMP/theirs.json" 2>/dev/null
    agree "$TMP/a.json" "$TMP/theirs.json"
    ok $? "$name -> endnote-xml read by endx2xml: title, year, DOI and first author as we read them"
  fi
done
finish
