#!/bin/sh
# hostile.sh: generated worst cases convert correctly, in time linear in
# their size.  Each input is big enough that a quadratic path in the
# reader or the writer takes minutes (one entry of 80k fields took 4.5 s
# before the entry's name index), while the linear code takes a few
# seconds at most, under ASan; the timeout only turns such a hang into a
# failure.  Speed itself is measured by bench/, not here.
. "${top_srcdir:?}/tests/lib.sh"
py=${PYTHON3:-python3}
command -v "$py" >/dev/null 2>&1 || { echo "1..0 # SKIP python3 not installed"; exit 0; }
limit=${HOSTILE_TIMEOUT:-60}

# gen NAME PYTHON: write $TMP/NAME from a python expression printing it
gen() { "$py" -c "import sys; sys.stdout.write($2)" >"$TMP/$1"; }

# conv FROM TO FILE DESCRIPTION: convert under the time limit (exit 0)
conv() {
  timeout "$limit" "$BIBCONV" -q -f "$1" -t "$2" "$TMP/$3" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  ok $rc "$4 (exit 0 within ${limit}s)"
  [ $rc -eq 0 ] || { echo "#   exit $rc"; head -5 "$TMP/err" | sed 's/^/#   /'; }
}

count() { grep -c -- "$1" "$TMP/out"; }

# 1. ten entries of 100000 distinct fields (duplicate check, name
#    lookups); quadratic, each entry took 7 s
gen many.bib "''.join('@misc{k%d,\n' % k + ''.join('f%d = {v},\n' % i for i in range(100000)) + '}\n' for k in range(10))"
conv bibtex csl-json many.bib "ten entries of 100000 fields to CSL-JSON"
[ "$(count '"bibtex.f[0-9]*": "v"')" -eq 1000000 ]
ok $? "all 1000000 fields reach custom"
conv bibtex bibtex many.bib "ten entries of 100000 fields to BibTeX"
[ "$(count '^  f[0-9]* = {v},*$')" -eq 1000000 ]
ok $? "all 1000000 fields written back"

# 2. past the cap: the entry is reported and skipped, the next one read
gen toomany.bib "'@misc{k,\n' + ''.join('f%d = {v},\n' % i for i in range(100001)) + '}\n@misc{ok, title={fine}}\n'"
timeout "$limit" "$BIBCONV" -f bibtex -t csl-json "$TMP/toomany.bib" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ]
ok $? "an entry of more than 100000 fields is rejected (exit 1)"
has "$TMP/err" "toomany.bib:100002:1: error: entry 'k': more than 100000 fields; entry skipped" \
  "the rejection names the entry and the field that crossed the limit"
has "$TMP/out" '"id": "ok"' "the entry after it is converted"

# 3. five entries of 99999 languages of one variable, to every writer
#    (the reader's per-language check, custom.multi's groups, and the
#    writers' per-language passes, which carry at most 64 languages)
gen langs.bib "''.join('@misc{k%d,\n  title = {t},\n' % k + ''.join('title_en-x%d = {v%d},\n' % (i, i) for i in range(99999)) + '}\n' for k in range(5))"
conv bibtex csl-json langs.bib "five entries of 99999 languages of one title to CSL-JSON"
[ "$(count '"en-x[0-9]*": "v[0-9]*"')" -eq 499995 ]
ok $? "every language kept in custom.multi"
for to in bibtex biblatex ris jats cnki gbt7714; do
  conv bibtex $to langs.bib "five entries of 99999 languages of one title to $to"
done
for to in biblatex cnki jats; do # RIS has a line per value: it carries them all
  opt=; [ $to = jats ] && opt="-O front" # the front matter holds the translated titles
  # shellcheck disable=SC2086 # an option and its value
  timeout "$limit" "$BIBCONV" -v -f bibtex -t $to $opt "$TMP/langs.bib" >/dev/null 2>"$TMP/err"
  has "$TMP/err" "langs.bib:1:1: note: record 'k0': $to has no room for title in more than 64 languages (the rest); dropped" \
    "the $to writer says what it cannot carry past 64 languages"
done
gen alts.bib "'@misc{k,\n  author = {Deng, Zhengyang},\n' + ''.join('author_en-x%d = {Deng%d, Z},\n' % (i, i) for i in range(99997)) + '  keywords = {a},\n' + ''.join('keywords_en-x%d = {k%d},\n' % (i, i) for i in range(1)) + '}\n'"
for to in csl-json bibtex biblatex ris jats cnki gbt7714; do
  conv bibtex $to alts.bib "99997 language forms of one author to $to"
done

# 3b. 150000 other-language forms of one name, from CSL-JSON, to every
#     writer (the core appends each in constant time: test-model checks
#     that with 300000, where a walk of the chain per form took minutes)
gen alts.json "'[{\"id\": \"x\", \"type\": \"book\", \"author\": [{\"family\": \"A\"}], \"custom\": {\"names\": {\"author\": [{\"alt\": [' + ', '.join('{\"family\": \"F%d\", \"lang\": \"en\"}' % i for i in range(150000)) + ']}]}}}]'"
conv csl-json csl-json alts.json "150000 forms of one name"
[ "$(count '"family": "F[0-9]*"')" -eq 150000 ] &&
  [ "$(grep -o '"family": "F[0-9]*"' "$TMP/out" | sed -n '1p;$p' | tr '\n' ' ')" = '"family": "F0" "family": "F149999" ' ]
ok $? "every form kept, in order"
for to in bibtex biblatex ris jats cnki gbt7714; do
  conv csl-json $to alts.json "150000 forms of one name to $to"
done

# 3c. an item of more values than the CSL-JSON reader builds a tree of
#     (3 million empty arrays in 9 MB would take 480 MB): refused at once
gen values.json "'[{\"id\": \"x\", \"type\": \"book\", \"custom\": {\"a\": [' + ','.join('[]' for i in range(3000000)) + ']}}, {\"id\": \"y\", \"type\": \"book\"}]'"
timeout "$limit" "$BIBCONV" -f csl-json -t csl-json "$TMP/values.json" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ] && grep -q '"id": "y"' "$TMP/out"
ok $? "an item of 3 million values is skipped (exit 1), the next one read"
has "$TMP/err" "values.json:1:2: error: item of more than 500000 values; skipped" "and reported"

# 4. 50000 extras whose custom keys collide pairwise ("csl.aN" and "aN")
gen keys.json "'[{\"id\": \"x\", \"type\": \"book\", \"custom\": {' + ', '.join('\"csl.a%d\": 1, \"a%d\": 2' % (i, i) for i in range(50000)) + '}}]'"
conv csl-json csl-json keys.json "50000 colliding custom keys"
[ "$(count '"a[0-9]*": 2')" -eq 50000 ]
ok $? "each key written once, with its last value"

# 4b. a record with more fields than a BibTeX entry may hold (150000
#     extras): the BibTeX writers reject that record, say so, and go on;
#     the other writers carry it
gen big.json "'[{\"id\": \"x\", \"type\": \"book\", \"custom\": {' + ', '.join('\"k%d\": \"v\"' % i for i in range(150000)) + '}}, {\"id\": \"y\", \"type\": \"book\", \"title\": \"fine\"}]'"
timeout "$limit" "$BIBCONV" -f csl-json -t biblatex "$TMP/big.json" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ] && grep -q '^@book{y,' "$TMP/out"
ok $? "biblatex: the record too big for an entry is skipped (exit 1), the next one written"
has "$TMP/err" "big.json:1:2: error: record 'x': cannot be written as biblatex (limit exceeded); skipped" \
  "and the skipped record is named"
for to in csl-json ris jats cnki gbt7714; do
  conv csl-json $to big.json "150000 extras to $to"
done

# 4c. an author list longer than the BibTeX reader takes (16 MiB): the
#     BibTeX writers refuse the record rather than write what no reader
#     of theirs would read back
gen longnames.json "'[{\"id\": \"x\", \"type\": \"book\", \"author\": [' + ', '.join('{\"family\": \"F%0100d\"}' % i for i in range(170000)) + ']}, {\"id\": \"y\", \"type\": \"book\"}]'"
for to in bibtex biblatex; do
  timeout "$limit" "$BIBCONV" -f csl-json -t $to "$TMP/longnames.json" >"$TMP/out" 2>"$TMP/err"
  [ $? -eq 1 ] && grep -q '^@book{y,' "$TMP/out" && ! grep -q '^@book{x,' "$TMP/out"
  ok $? "$to: a record with an author field of 18 MB is skipped (exit 1), the next one written"
  has "$TMP/err" "longnames.json:1:2: warning: field 'author' would be 18019995 bytes, more than the 16777216 a reader takes" \
    "$to: the field is named"
done

# 5. 200000 authors on one line
gen authors.bib "'@article{k, author = {' + ' and '.join('Family%d, Given' % i for i in range(200000)) + '}}\n'"
conv bibtex csl-json authors.bib "200000 authors"
[ "$(count '"family": "Family')" -eq 200000 ]
ok $? "every author kept"
conv bibtex gbt7714 authors.bib "200000 authors to gbt7714"
has "$TMP/out" "[1] FAMILY0 G, FAMILY1 G, FAMILY2 G, et al." "gbt7714: the first three, then et al."
# 5b. an author-year list keeps every reference's text to sort them all:
#     100000 references, sorted and lettered in time
gen refs.json "'[' + ', '.join('{\"id\": \"i%d\", \"type\": \"book\", \"title\": \"T%d\", \"author\": [{\"family\": \"F%d\"}], \"issued\": {\"date-parts\": [[%d]]}}' % (i, i, i % 5000, 1990 + i % 2) for i in range(100000)) + ']'"
timeout "$limit" "$BIBCONV" -q -f csl-json -t gbt7714 -O style=author-year "$TMP/refs.json" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 0 ] && [ "$(wc -l <"$TMP/out")" -eq 100000 ] && [ "$(head -1 "$TMP/out")" = "F0, 1990a. T0[M]. [S.l.: s.n.]." ]
ok $? "gbt7714 author-year: 100000 references sorted, one author's works of a year lettered"
# 6. an unclosed entry whose next "@" line starts exactly where the
#    first 64 KiB read ends, and one blank later: the scan that finds a
#    line start carries it from one chunk to the next
for pad in 0 1; do
  gen edge$pad.bib "(lambda h, t: h + 'y' * (65536 - $pad - len(h) - len(t)) + t + ' ' * $pad + '@misc{b, title={B}}\\n')('@misc{a,\\n  title = {x},\\n  note = {', '},\\n')"
  timeout "$limit" "$BIBCONV" -f bibtex -t csl-json "$TMP/edge$pad.bib" >"$TMP/out" 2>"$TMP/err"
  [ $? -eq 1 ] && grep -q '"id": "b"' "$TMP/out"
  ok $? "an entry cut at the 64 KiB read boundary ($pad blank before '@'): the next entry is read"
  has "$TMP/err" "edge$pad.bib:4:$((pad + 1)): error: entry 'a': not closed before the next entry (it starts at line 1); skipped" \
    "and the cut entry is reported"
done
# 7. XML readers: every one opens its input through plugins/xml, and each
#    is attacked the same ways.  One row per reader: the document around a
#    title, with @ where the title's text goes.
printf 'secret-%s\n' "$$" >"$TMP/secret.txt"
while read -r fmt doc; do
  root=$(echo "$doc" | sed 's/^<\([a-zA-Z]*\).*/\1/')
  xml() { # NAME DOCTYPE-SUBSET TITLE-PYTHON: write $TMP/NAME
    "$py" - "$doc" "$root" "$2" "$3" >"$TMP/$1" <<'PY'
import sys
doc, root, subset, title = sys.argv[1:5]
head = '<?xml version="1.0"?>\n' + ('<!DOCTYPE %s [\n%s\n]>\n' % (root, subset) if subset else '')
sys.stdout.write(head + doc.replace('@', eval(title)) + '\n')
PY
  }
  # an external entity, general and parameter: the file is never read
  xml xxe.xml "<!ENTITY s SYSTEM \"file://$TMP/secret.txt\">" "'x &s; y'"
  xml xxe-pe.xml "<!ENTITY % p SYSTEM \"file://$TMP/secret.txt\"> %p;" "'x y'"
  for f in xxe.xml xxe-pe.xml; do
    timeout "$limit" "$BIBCONV" -f "$fmt" -t csl-json "$TMP/$f" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ $rc -eq 1 ] && ! grep -q "secret-$$" "$TMP/out" "$TMP/err" &&
      grep -q ":3:1: error: the document type declares the external entity '[sp]' (file://$TMP/secret.txt): refused, never loaded" "$TMP/err"
    ok $? "$fmt: $f: reported at its declaration (exit 1), the file it names never read"
  done
  # billion laughs: refused by libxml2's loop check
  prev=a
  xml laughs.xml "$(printf '<!ENTITY a "aaaaaaaaaa">'; for e in b c d e f g h i j; do
    printf '<!ENTITY %s "%s">' $e "$(printf '&%s;' $prev $prev $prev $prev $prev $prev $prev $prev $prev $prev)"; prev=$e; done)" "'&j;'"
  timeout "$limit" "$BIBCONV" -f "$fmt" -t csl-json "$TMP/laughs.xml" >"$TMP/out" 2>"$TMP/err"
  [ $? -eq 1 ] && grep -q "expands into itself or too far" "$TMP/err" && [ "$(wc -c <"$TMP/out")" -lt 1000 ]
  ok $? "$fmt: billion laughs refused (exit 1), nothing expanded"
  # quadratic blowup: a 50 KB entity 4000 times (200 MB), under libxml2's
  # checks: stopped by the expansion budget
  xml blowup.xml "<!ENTITY e \"$("$py" -c "print('x' * 50000)")\">" "'&e;' * 4000"
  timeout "$limit" "$BIBCONV" -f "$fmt" -t csl-json "$TMP/blowup.xml" >"$TMP/out" 2>"$TMP/err"
  [ $? -eq 1 ] && grep -q "internal entities expand to more than" "$TMP/err" && [ "$(wc -c <"$TMP/out")" -lt 5000000 ]
  ok $? "$fmt: 4000 references to a 50 KB entity: stopped by the budget (exit 1), output bounded"
  # nesting 100000 deep in the title: reading stops with an error
  xml deep.xml "" "'<i>' * 100000 + 'x' + '</i>' * 100000"
  timeout "$limit" "$BIBCONV" -f "$fmt" -t csl-json "$TMP/deep.xml" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  [ $rc -eq 1 ] || [ $rc -eq 4 ]
  ok $? "$fmt: elements nested 100000 deep: refused with an error (exit $rc)"
  # a text node past libxml2's limit (10 MB): refused, not held
  xml huge.xml "" "'x' * 12000000"
  timeout "$limit" "$BIBCONV" -f "$fmt" -t csl-json "$TMP/huge.xml" >"$TMP/out" 2>"$TMP/err"
  [ $? -eq 1 ] && grep -qi "huge" "$TMP/err"
  ok $? "$fmt: a 12 MB text node: refused with an error (exit 1)"
done <<'ROWS'
jats <article><front><article-meta><title-group><article-title>@</article-title></title-group></article-meta></front></article>
mods <modsCollection xmlns="http://www.loc.gov/mods/v3"><mods><titleInfo><title>@</title></titleInfo></mods></modsCollection>
pubmed-xml <PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>@</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
endnote-xml <xml><records><record><ref-type name="Journal Article">17</ref-type><titles><title><style face="normal">@</style></title></titles></record></records></xml>
ROWS

# 8. JATS: 40000 contributors, each pointing at an affiliation listed after
#    them (each contrib walked the name list twice, each xref every
#    contrib: minutes); linear now
gen contribs.xml "'<article><front><article-meta><title-group><article-title>T</article-title></title-group><contrib-group>' + ''.join('<contrib contrib-type=\"author\"><name><surname>S%d</surname><given-names>G</given-names></name><xref ref-type=\"aff\" rid=\"a%d\"/></contrib>' % (i, i % 50) for i in range(40000)) + ''.join('<aff id=\"a%d\">Inst %d</aff>' % (i, i) for i in range(50)) + '</contrib-group></article-meta></front></article>'"
conv jats csl-json contribs.xml "JATS: 40000 contributors with affiliations by xref"
[ "$(count '"family": "S')" -eq 40000 ] && [ "$(count '"Inst [0-9]*"')" -eq 40000 ]
ok $? "every contributor kept, each with its affiliation"

# 9. a million RIS AU lines in one record (168 MB of names before the
#    per-record limit counted fields): reported and skipped, the next
#    record read, in flat memory; a record just under the limit is read
#    whole.  Peak RSS is measured (not time); the sanitizers' own
#    allocator needs more, so their bound is wider.
maxrss() { # maxrss CMD...: the command's peak RSS in MB (its output thrown away)
  "$py" -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)' "$@"
}
rss_bound=64
grep -q '^SAN_CFLAGS = -fsanitize' "$top_builddir/Makefile" 2>/dev/null && rss_bound=96
gen au.ris "'TY  - JOUR\nTI  - big\n' + ''.join('AU  - A%d\n' % i for i in range(1000000)) + 'ER  - \nTY  - JOUR\nTI  - after\nER  - \n'"
timeout "$limit" "$BIBCONV" -f ris -t csl-json "$TMP/au.ris" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ] && grep -q '"title": "after"' "$TMP/out" && ! grep -q '"title": "big"' "$TMP/out"
ok $? "RIS: a record of a million AU lines is skipped (exit 1), the next one read"
has "$TMP/err" "au.ris:1:1: error: record of more than 100000 fields; skipped" "and reported at its start"
mb=$(maxrss timeout "$limit" "$BIBCONV" -f ris -t csl-json "$TMP/au.ris")
[ "$mb" -le $rss_bound ]
ok $? "RIS: reading it takes at most $rss_bound MB (took $mb MB)"
gen au99k.ris "'TY  - JOUR\nTI  - big\n' + ''.join('AU  - A%d\n' % i for i in range(99998)) + 'ER  - \n'"
conv ris csl-json au99k.ris "RIS: a record of 100000 fields (the limit) is read"
[ "$(count '"family": "A[0-9]*"')" -eq 99998 ]
ok $? "with every author"

# 10. other-language forms of names beyond the AU lines (or with none)
#    have no name to go with: kept as a note, and said
printf 'TY  - JOUR\nTI  - x\nAU  - Deng, Z\nN1  - author[en]: A, B; C, D;  E, F\nER  - \nTY  - JOUR\nTI  - y\nN1  - author[zh]: 邓正阳\nER  - \n' >"$TMP/alt.ris"
timeout "$limit" "$BIBCONV" -f ris -t ris "$TMP/alt.ris" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 0 ] && grep -qx 'N1  - author\[en\]: C, D;  E, F' "$TMP/out" && grep -qx 'N1  - author\[zh\]: 邓正阳' "$TMP/out" &&
  grep -qx 'N1  - author\[en\]: A, B' "$TMP/out"
ok $? "RIS: N1 author[lang] forms past the AU lines are kept as notes"
has "$TMP/err" "alt.ris:4:1: warning: N1 author[en]: 2 more names than the record's 1; kept as a note" \
  "RIS: and reported (fewer AU lines)"
has "$TMP/err" "alt.ris:8:1: warning: N1 author[zh]: 1 more name than the record's 0; kept as a note" \
  "RIS: and reported (no AU line)"
# 11. a 40 MB abstract in CSL-JSON: its text, jansson's string and the
#    record's copy were all alive at once (3x, 125 MB); long strings are
#    now decoded aside as the scanner meets them, so no more than two
#    copies live at a time.  The sanitizers' quarantine keeps freed
#    memory, so the bound is checked only in the plain build.
gen abstract.json "'[{\"id\": \"a\", \"type\": \"article\", \"title\": \"t\", \"abstract\": \"' + 'b' * 40000000 + 'a\\\\u00e9\\\\ud83d\\\\ude00' * 1000 + '\"}]'"
conv csl-json csl-json abstract.json "CSL-JSON: an item with a 40 MB abstract"
"$py" -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))[0]["abstract"] != "b" * 40000000 + "a\u00e9\U0001F600" * 1000)' "$TMP/out"
ok $? "the abstract comes out whole"
gen badesc.json "'[{\"id\": \"c\", \"type\": \"book\", \"title\": \"' + 'y' * 300000 + '\\\\q\"},\\n{\"id\": \"d\", \"type\": \"book\", \"title\": \"ok\"}]'"
timeout "$limit" "$BIBCONV" -f csl-json -t csl-json "$TMP/badesc.json" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ] && grep -q '"id": "d"' "$TMP/out" && ! grep -q '"id": "c"' "$TMP/out"
ok $? "CSL-JSON: a bad escape at the end of a long string rejects its item (exit 1), the next is read"
has "$TMP/err" "badesc.json:1:300041: error: invalid JSON: invalid escape; item skipped" \
  "and jansson reports it where it is, as for a short string"
if grep -q '^SAN_CFLAGS = -fsanitize' "$top_builddir/Makefile" 2>/dev/null; then
  echo "ok $((tap_n += 1)) - CSL-JSON: peak memory of a 40 MB value # SKIP the sanitizers keep freed memory"
else
  mb=$(maxrss timeout "$limit" "$BIBCONV" -f csl-json -t csl-json "$TMP/abstract.json")
  [ "$mb" -le 100 ]
  ok $? "CSL-JSON: a 40 MB value takes at most twice its size, 100 MB with the program (took $mb MB)"
fi

# peak_under KB DESCRIPTION FROM TO FILE: the conversion's peak memory
# is under KB, by GNU time (a child of Python or of this shell's python
# would start with that process's own size); not measured under the
# sanitizers, whose own memory would drown it
peak_under() {
  if grep -q 'define BCV_SANITIZED 1' "${top_builddir:?}/config.h" || ! [ -x /usr/bin/time ]; then
    ok 0 "# SKIP $2: peak memory, under the sanitizers or without GNU time"
    return
  fi
  kb=$(/usr/bin/time -f %M "$BIBCONV" -q -f "$3" -t "$4" "$TMP/$5" 2>&1 >/dev/null | tail -n 1)
  [ "$kb" -lt "$1" ]
  ok $? "$2 (peak $kb KB, less than $1)"
}

# 12. names made unique: the search for a free suffix must not start again
#    at the first one for every repeat (each of these took 3 to 10
#    minutes, quadratic)
# 40000 RIS records without an id whose generated keys collide
gen samekey.ris "''.join('TY  - JOUR\nAU  - Smith, John\nPY  - 2020\nTI  - Same title %d\nER  - \n\n' % i for i in range(40000))"
for to in bibtex biblatex; do
  conv ris $to samekey.ris "40000 records with the same generated key to $to"
  [ "$(grep '^@' "$TMP/out" | sort -u | wc -l)" -eq 40000 ] &&
    grep -q '^@article{smith2020same,$' "$TMP/out" && grep -q '^@article{smith2020samez,$' "$TMP/out" &&
    grep -q '^@article{smith2020same39998,$' "$TMP/out"
  ok $? "$to: 40000 distinct keys, smith2020same, ...same[a-z], ...same26 on"
done
# 40000 ids differing only in case: one BibTeX key, to BibTeX and biblatex
gen samecase.bib "''.join('@misc{%s, title={T}}\n' % ''.join(c.upper() if (i >> b) & 1 else c for b, c in enumerate('abcdefghijklmnop')) for i in range(40000))"
conv bibtex bibtex samecase.bib "40000 keys differing only in case"
[ "$(grep '^@' "$TMP/out" | tr A-Z a-z | sort -u | wc -l)" -eq 40000 ]
ok $? "40000 keys distinct ignoring case, as BibTeX compares them"
# 40000 ids that are one XML id once cleaned, to JATS
gen sameid.json "'[' + ', '.join('{\"id\": \"x%s\", \"type\": \"book\", \"title\": \"T\"}' % (chr(0x4e00 + i // 200) + chr(0x4e00 + i % 200)) for i in range(40000)) + ']'"
conv csl-json jats sameid.json "40000 ids that are one XML id once cleaned"
[ "$(grep -c '<ref id=' "$TMP/out")" -eq 40000 ] && [ "$(grep '<ref id=' "$TMP/out" | sort -u | wc -l)" -eq 40000 ]
ok $? "40000 distinct ref ids"
# the driver's repeated ids: id-2 ... id-20001 taken by records of their
# own, then 20000 records of that id
gen repeated.bib "''.join('@misc{a-%d, title={T}}\n' % (i + 2) for i in range(20000)) + ''.join('@misc{a, title={T}}\n' for i in range(20000))"
timeout "$limit" "$BIBCONV" -f bibtex -t csl-json "$TMP/repeated.bib" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 0 ] && [ "$(grep '"id": ' "$TMP/out" | sort -u | wc -l)" -eq 40000 ]
ok $? "20000 repeats of an id whose id-N names are taken: 40000 distinct ids (exit 0)"
has "$TMP/err" "repeated.bib:20002:1: warning: record 'a': the id is used before, at line 20001; kept as 'a-20002'" \
  "the first repeat is kept under the first free name"
# what the keys written cost: 300000 records took 57 MB to bibtex, 31 MB
# to jats and 14 MB to csl-json (the driver's set alone); hashes of at most
# 16 bytes a key leave about 10 MB of the program's own
gen keys300k.bib "''.join('@misc{k%d, title={t}}\n' % i for i in range(300000))"
for to in bibtex jats; do
  peak_under 20000 "300000 keys written as $to" bibtex $to keys300k.bib
done
peak_under 12000 "300000 ids checked by the driver" bibtex csl-json keys300k.bib
# a million: the sets' tables were in malloc's heap, where the smaller
# ones they grew from stayed resident (23 MB to csl-json, 34 to bibtex,
# 35 to jats), and all grew at once, so that at some counts the sets were
# just 3/4 full; now they hold 15 bytes a record with positions, 10
# without, which keeps a million records within the 32 MB of the README
gen keys1m.bib "''.join('@misc{k%d, title={t}}\n' % i for i in range(1000000))"
for to in bibtex jats; do
  peak_under 32768 "a million keys written as $to" bibtex $to keys1m.bib
done
peak_under 22000 "a million ids checked by the driver" bibtex csl-json keys1m.bib

# 13. inheritance: an entry naming 50000 @xdata entries that come after
#    it (each one that came re-checked the whole list: over 5 minutes)
gen xdata.bib "'@misc{c, title={T}, xdata={' + ','.join('x%d' % i for i in range(50000)) + '}}\n' + ''.join('@xdata{x%d, f%d={v}}\n' % (i, i) for i in range(50000))"
conv bibtex csl-json xdata.bib "an entry naming 50000 @xdata entries after it"
[ "$(count '"bibtex.f[0-9]*": "v"')" -eq 50000 ]
ok $? "every field of the 50000 inherited"
# parents naming parents: c names p 20000 times, p names 20000 entries;
# resolving c would visit 400 million fields (timed out): cut, and said
gen web.bib "'@misc{c, title={T}, xdata={' + ','.join('p' for i in range(20000)) + '}}\n@xdata{p, xdata={' + ','.join('q%d' % i for i in range(20000)) + '}}\n' + ''.join('@xdata{q%d, f%d={v}}\n' % (i, i) for i in range(20000))"
timeout "$limit" "$BIBCONV" -f bibtex -t csl-json "$TMP/web.bib" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 0 ] && [ "$(count '"bibtex.f[0-9]*": "v"')" -eq 20000 ]
ok $? "a web of 20000 x 20000 parents: what one pass gives is inherited (exit 0)"
has "$TMP/err" "web.bib:1:1: warning: entry 'c': its parents and theirs hold more than 1000000 fields in all; the rest is not inherited" \
  "and the cut is reported"

# 14. 100000 children before their parents (BibTeX's own order, pushed
#    to the extreme): what the reader holds is bounded (300 MB before);
#    each child either inherits or is reported, none silently
gen kids.bib "''.join('@inbook{c%d, crossref = {p%d}, title = {Chapter %d}}\n' % (i, i, i) for i in range(100000)) + ''.join('@book{p%d, title = {Book %d}, publisher = {Pub}}\n' % (i, i) for i in range(100000))"
timeout "$limit" "$BIBCONV" -f bibtex -t csl-json "$TMP/kids.bib" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 0 ] && [ "$(count '"id": ')" -eq 200000 ]
ok $? "100000 children before their parents: every entry converted (exit 0)"
inherited=$(($(count '"publisher": "Pub"') - 100000))
reported=$(grep -c "has not come yet, and the entries held for inheritance fill the reader's 64 MiB; converted without it, nothing inherited" "$TMP/err")
[ $((inherited + reported)) -eq 100000 ] && [ "$reported" -gt 0 ]
ok $? "each child inherited ($inherited) or was reported ($reported)"
peak_under 160000 "the reader holds at most its 64 MiB" bibtex csl-json kids.bib

# 15. nested @string concatenation: 1 KB of macros doubling at each level
#     wrote 419 MB (1.7 GB of memory); expansion is bounded by the input
gen amp.bib "'@string{s0 = \"' + 'x' * 64 + '\"}\n' + ''.join('@string{s%d = s%d # s%d}\n' % (i, i - 1, i - 1) for i in range(1, 19)) + '@misc{a,\n' + ''.join('  f%d = s18,\n' % i for i in range(25)) + '}\n@misc{b, title = {fine}}\n'"
timeout "$limit" "$BIBCONV" -f bibtex -t bibtex "$TMP/amp.bib" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ] && [ "$(wc -c <"$TMP/out")" -lt 100000 ] && grep -q '^@misc{a,' "$TMP/out" &&
  grep -q '^@misc{b,' "$TMP/out"
ok $? "macros doubling 18 times: no 419 MB of output (exit 1), the entries converted"
has "$TMP/err" "amp.bib:19:18: error: expanding 's17' takes macros past 16 MiB and 16 times the input read so far; @string not defined" \
  "the macro that crossed the bound is named"
peak_under 100000 "no 1.7 GB of memory for it" bibtex bibtex amp.bib
# 16. MEDLINE: a record of 45000 authors (FAU and AU lines, each AU the
#     one derived from its FAU: nothing kept beside the names), a record
#     of 49990 distinct unknown tags kept as extras (grouped by tag in
#     n log n), both to every writer; and a record past the limit of lines
gen authors.nbib "'PMID- 1\nTI  - many\n' + ''.join('FAU - Family%d, Given\nAU  - Family%d G\n' % (i, i) for i in range(45000)) + 'JT  - J\n\nPMID- 2\n' + ''.join('%s%s- v\n' % ('QX'[i // 46656], ''.join('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i % 46656 // 36 ** k % 36] for k in (2, 1, 0))) for i in range(49990))"
conv medline csl-json authors.nbib "MEDLINE: 45000 authors, 49990 unknown tags"
[ "$(count '"family": "Family')" -eq 45000 ] && [ "$(count '"medline\.[QX][0-9A-Z]*": "v"')" -eq 49990 ] &&
  ! grep -q '"medline.AU"' "$TMP/out"
ok $? "MEDLINE: every author paired with its AU, every tag kept"
for to in medline ris bibtex jats; do
  conv medline $to authors.nbib "MEDLINE: those to $to"
done
gen toolong.nbib "'PMID- 3\n' + 'MH  - term\n' * 100001 + '\nPMID- 4\nTI  - after\n'"
timeout "$limit" "$BIBCONV" -f medline -t csl-json "$TMP/toolong.nbib" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ] && grep -q '"title": "after"' "$TMP/out" && [ "$(count '"PMID"')" -eq 1 ]
ok $? "MEDLINE: a record of 100002 lines is skipped (exit 1), the next one read"
has "$TMP/err" "toolong.nbib:1:1: error: record of more than 100000 fields; skipped" "and reported"
# 17. cnki: a 10 MB paste of the same article page, chrome and all, again
#     and again: one record a page, in linear time and flat memory (the
#     reader holds one page at a time); and a GB/T 7714 list of 100000
#     lines under its heading: one record an entry
page="'首页 | 期刊 | 学位论文 | 会议 | 报纸\\n首页 > 期刊 > 钢铁 > 2021年第5期\\n钢铁 . 2021 ,56 (05) : 1-7   北大核心  CSCD\\n高炉富氢冶炼对焦炭反应性的影响\\n张建良1,2 刘征建1\\n1. 北京科技大学冶金与生态工程学院 2. 北京科技大学钢铁冶金新技术国家重点实验室\\n摘要：研究了高炉富氢条件下焦炭的反应性。' + '结果表明氢气浓度升高时焦炭反应性增大。' * 20 + '\\n关键词：高炉；富氢冶炼；焦炭；\\nDOI：10.13228/j.boyuan.issn0449-749x.20200511\\n下载：1265 页码：1-7 页数：7 大小：2356K\\n引用  收藏  分享  打印\\n'"
gen pages.txt "($page) * 7000"
gen pages1.txt "($page) * 700"
conv cnki csl-json pages.txt "a 10 MB paste of 7000 pages"
[ "$(count '"title": "高炉富氢冶炼对焦炭反应性的影响"')" -eq 7000 ]
ok $? "each page its own record"
# peak memory of the 10 MB paste against one tenth of it: flat (ASan's
# quarantine of freed memory is turned off, or it would grow with the input)
rss() { # FILE: the peak resident size in MB of reading FILE
  maxrss env ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=0:thread_local_quarantine_size_kb=0" \
    timeout "$limit" "$BIBCONV" -q -f cnki -t csl-json "$1"
}
small=$(rss "$TMP/pages1.txt")
big=$(rss "$TMP/pages.txt")
[ "$big" -le $((small + 8)) ]
ok $? "memory flat: 7000 pages peak at $big MB, 700 at $small MB"
gen refs.txt "'参考文献\\n' + ''.join('[%d]张福锁,王激清,张卫峰,等.中国主要粮食作物肥料利用率现状与提高途径%d[J].土壤学报,2008,45(5):915-924.\\n' % (i, i) for i in range(1, 100001))"
conv cnki csl-json refs.txt "a GB/T 7714 list of 100000 entries under 参考文献"
[ "$(count '"container-title": "土壤学报"')" -eq 100000 ]
ok $? "each entry its own record"
# one page that repeats a label 100000 times: the builder keeps the first
# value of a field without looking it up again
gen labels.txt "'题名\\n' + 'DOI：10.1000/x\\n' * 100000"
conv cnki csl-json labels.txt "a page that repeats a label 100000 times"

# 18. EndNote XML: one record of 100000 keywords, then 100000 repeated
#    <volume>s and 100000 notes lines naming authors' other forms (each
#    repeat looked through the record's fields for a value: minutes), and
#    100000 authors of as many affiliations written back (each one was
#    looked for among those written: minutes)
gen many-en.xml "'<xml><records><record><ref-type name=\"Journal Article\">17</ref-type><contributors><authors>' + ''.join('<author>F%d, G</author>' % i for i in range(100000)) + '</authors></contributors><titles><title>T</title></titles><keywords>' + ''.join('<keyword>k%d</keyword>' % i for i in range(100000)) + '</keywords><volume>1</volume>' + ''.join('<volume>%d</volume>' % i for i in range(100000)) + '<notes>' + '&#xD;'.join('author[en]: E%d, H' % i for i in range(100000)) + '</notes></record></records></xml>'"
conv endnote-xml csl-json many-en.xml "EndNote XML: a record of 100000 authors, keywords, volumes and notes lines"
grep -q '"keyword": "k0, k1, ' "$TMP/out" && [ "$(count '"family": "E[0-9]*"')" -eq 100000 ] &&
  grep -q '"endnote.volume": "0' "$TMP/out"
ok $? "every keyword, every other form of a name and every repeated volume kept"
gen affs.json "'[{\"id\": \"a\", \"type\": \"article-journal\", \"author\": [' + ','.join('{\"family\": \"F%d\", \"affiliation\": [\"Institute %d\"]}' % (i, i) for i in range(100000)) + ']}]'"
conv csl-json endnote-xml affs.json "EndNote XML: 100000 authors of 100000 affiliations written"
grep -q 'Institute 0&#13;Institute 1&#13;' "$TMP/out" && [ "$(count '<author>')" -eq 100000 ]
ok $? "every author written, every affiliation once in <auth-address>"
# 19. EndNote: a record of 24000 authors, each with a %H form and a %+
#     address (paired in order), 24000 keywords (96000 fields of the
#     100000 a record may have) and an abstract of 45000 lines; to
#     every writer; and a record past the limit of lines
gen authors.enw "'%0 Journal Article\n%T many\n' + ''.join('%%A Family%d, Given\n' % i for i in range(24000)) + ''.join('%%H Alt%d, Given\n' % i for i in range(24000)) + ''.join('%%+ Address %d\n' % i for i in range(24000)) + ''.join('%%K kw%d\n' % i for i in range(24000)) + '%X ' + ''.join('line %d\n' % i for i in range(45000))"
conv endnote csl-json authors.enw "EndNote: 24000 authors with %H and %+, 24000 keywords, 45000 lines of abstract"
[ "$(count '"family": "Family')" -eq 24000 ] && [ "$(count '"family": "Alt')" -eq 24000 ] &&
  [ "$(count '"Address [0-9]*"')" -eq 24000 ]
ok $? "EndNote: every author paired with its %H form and its address"
for to in endnote ris bibtex jats; do
  conv endnote $to authors.enw "EndNote: those to $to"
done
gen toolong.enw "'%0 Book\n' + '%K term\n' * 100001 + '\n%0 Book\n%T after\n'"
timeout "$limit" "$BIBCONV" -f endnote -t csl-json "$TMP/toolong.enw" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ] && grep -q '"title": "after"' "$TMP/out" && [ "$(count '"type"')" -eq 1 ]
ok $? "EndNote: a record of 100002 lines is skipped (exit 1), the next one read"
has "$TMP/err" "toolong.enw:1:1: error: record of more than 100000 fields; skipped" "and reported"
# 20. Web of Science: a record of 45000 authors (AU and AF continuation
#     lines), one C1 line naming them all and 45000 C1 lines naming one
#     each (found by bisection), 45000 cited references; CSL-JSON of
#     45000 authors sharing 100 addresses to isi (C1 grouped in n log n)
gen authors.isi "'FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU ' + '\n   '.join('Family%d, G' % i for i in range(45000)) + '\nAF ' + '\n   '.join('Family%d, Given' % i for i in range(45000)) + '\nTI many\nC1 [' + '; '.join('Family%d, Given' % i for i in range(45000)) + '] Everyone Univ.\n   ' + '\n   '.join('[Family%d, Given] Univ %d.' % (i, i) for i in range(45000)) + '\nCR ' + '\n   '.join('REF %d' % i for i in range(45000)) + '\nER\n\nEF\n'"
conv isi csl-json authors.isi "Web of Science: 45000 authors, C1 naming them, 45000 references"
[ "$(count '"family": "Family')" -eq 45000 ] && [ "$(count '"Everyone Univ\."')" -eq 45000 ] &&
  [ "$(count '"Univ [0-9]*\."')" -eq 45000 ] && ! grep -q '"isi.AU"' "$TMP/out"
ok $? "Web of Science: every author paired with its AU, each given the addresses that name it"
for to in isi ris bibtex jats; do
  conv isi $to authors.isi "Web of Science: those to $to"
done
gen affils.json "'[{\"id\": \"a\", \"type\": \"article-journal\", \"title\": \"t\", \"author\": [' + ', '.join('{\"family\": \"F%d\", \"given\": \"G\"}' % i for i in range(45000)) + '], \"custom\": {\"names\": {\"author\": [' + ', '.join('{\"affiliation\": [\"Univ %d\"]}' % (i % 100) for i in range(45000)) + ']}}}]'"
conv csl-json isi affils.json "CSL-JSON: 45000 authors sharing 100 addresses to Web of Science"
[ "$(count '^\(C1\|  \) \[F[0-9]*, G;')" -eq 100 ]
ok $? "Web of Science: C1 writes each of the 100 addresses once, after its authors"
finish
