#!/bin/sh
# tagged.sh: the tag-per-line formats (medline, isi, endnote) written
# back as themselves.  For every golden input of each (and, when
# ../shared/corpus is there, the JabRef importer files of the format):
# X -> X is stable from the first pass (X -> X -> X gives the same bytes)
# and loses nothing the format holds (X -> csl-json and X -> X ->
# csl-json give the same records, compared as JSON); X -> X is exit 0
# with no diagnostic beyond those reading X gave.  Then each format's
# writer on every golden input of every other format: read back, the
# same number of records.  Last, each format's files are detected as it
# without -f, and a generic EndNote file is not taken for CNKI's.
. "${top_srcdir:?}/tests/lib.sh"
py=${PYTHON3:-python3}
command -v "$py" >/dev/null 2>&1 || { echo "1..0 # SKIP python3 not installed"; exit 0; }
corpus=${BIBCONV_CORPUS:-$top_srcdir/../shared/corpus}
# the goldens are tested either way; the corpus files only when it is here
[ -d "$corpus" ] || skip "the JabRef importer and realworld files of each format" "$corpus not present"

# same_json A B: the two files hold the same JSON value
same_json() {
  "$py" -c 'import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
sys.exit(0 if a == b else 1)' "$1" "$2"
}

# files of a format: its goldens, and its files of the corpus
inputs() {
  for f in "$top_srcdir"/tests/golden/"$1"/*; do
    case $f in *.expected | *.stderr | *.rc | *.args | */README*) continue ;; esac
    [ -f "$f" ] && echo "$f"
  done
  case $1 in
  medline) pat="jabref-importers/MedlinePlainImporter/*.txt jabref-importers/NbibImporter/*.nbib realworld/ris/asreview_baseline_pubmed.ris" ;;
  isi) pat="jabref-importers/IsiImporter/IsiImporterTest[0-9A-Z]*.isi" ;;
  endnote) pat="realworld/enw/*" ;;
  esac
  [ -d "$corpus" ] || return 0
  for p in $pat; do
    for f in "$corpus"/$p; do [ -f "$f" ] && echo "$f"; done
  done
}

for fmt in medline isi endnote; do
  for f in $(inputs $fmt); do
    name=${f#"$top_srcdir"/tests/golden/}
    name=${name#"$corpus"/}
    "$BIBCONV" -f $fmt -t $fmt "$f" >"$TMP/a" 2>/dev/null
    "$BIBCONV" -f $fmt -t $fmt "$TMP/a" >"$TMP/b" 2>"$TMP/err"
    rc=$?
    cmp -s "$TMP/a" "$TMP/b"
    ok $? "$name -> $fmt -> $fmt: stable"
    [ $rc -eq 0 ] && ! grep -q ': error: ' "$TMP/err"
    ok $? "$name -> $fmt: read back without an error (exit $rc)"
    "$BIBCONV" -q -f $fmt -t csl-json "$f" >"$TMP/x.json" 2>/dev/null
    "$BIBCONV" -q -f $fmt -t csl-json "$TMP/a" >"$TMP/y.json" 2>/dev/null
    same_json "$TMP/x.json" "$TMP/y.json"
    st=$?
    ok $st "$name -> $fmt: the same records as the input (through csl-json)"
    [ $st -eq 0 ] || diff "$TMP/x.json" "$TMP/y.json" | head -20 | sed 's/^/#   /'
  done
done

# every format's golden inputs through each writer: read back, as many records
for fmt in medline isi endnote; do
  for dir in "$top_srcdir"/tests/golden/*/; do
    from=$(basename "$dir")
    for f in "$dir"*; do
      case $f in *.expected | *.stderr | *.rc | *.args | */README*) continue ;; esac
      [ -f "$f" ] || continue
      "$BIBCONV" -q -f "$from" -t csl-json "$f" >"$TMP/x.json" 2>/dev/null || [ $? -eq 1 ] || continue
      # a record with nothing the format holds is rejected, and said so
      "$BIBCONV" -q -f "$from" -t $fmt "$f" >"$TMP/a" 2>"$TMP/err"
      rejected=$(grep -c "cannot be written as $fmt" "$TMP/err")
      "$BIBCONV" -q -f $fmt -t csl-json "$TMP/a" >"$TMP/y.json" 2>/dev/null
      "$py" -c 'import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
sys.exit(0 if len(a) == len(b) + int(sys.argv[3]) else 1)' "$TMP/x.json" "$TMP/y.json" "$rejected"
      ok $? "$from/$(basename "$f") -> $fmt: read back, as many records ($rejected rejected)"
    done
  done
done

# without -f: each format's files are detected as that format (CNKI's
# own EndNote export stays cnki's, tests/cnki.sh)
for fmt in medline isi endnote; do
  for f in $(inputs $fmt); do
    name=${f#"$top_srcdir"/tests/golden/}
    name=${name#"$corpus"/}
    "$BIBCONV" -v -t csl-json "$f" 2>&1 >/dev/null | grep -q ": note: reading as $fmt\$"
    ok $? "$name: detected as $fmt"
  done
done
# a generic EndNote file is not CNKI's: one %A line is one person, %7
# the edition (the cnki reader took them for two names and cnki.7)
"$BIBCONV" -q -t csl-json "$top_srcdir/tests/golden/endnote/names-dates.enw" >"$TMP/x.json" 2>/dev/null
"$py" -c 'import json, sys
a = json.load(open(sys.argv[1]))
sys.exit(0 if a[0]["author"][0] == {"family": "Preißel", "given": "René"} and
         a[1]["edition"] == "3., aktualisierte Auflage" else 1)' "$TMP/x.json"
ok $? "endnote/names-dates.enw without -f: '%A Preißel, René' one person, %7 the edition"
finish
