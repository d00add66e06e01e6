#!/bin/sh
# cli.sh: the driver's options, exit statuses and file handling.
. "${top_srcdir:?}/tests/lib.sh"
G="$top_srcdir/tests/golden/csl-json"
B="$BIBCONV"

run 0 "--version" "$B" --version
has "$TMP/out" "bibconv 0.1.0" "--version prints the version"
run 0 "--help" "$B" --help
has "$TMP/out" "Exit status" "--help documents the exit statuses"
run 0 "--list-formats" "$B" --list-formats
grep -Eq '^csl-json +rw +[.]json,[.]csl,[.]csljson +json,csljson,csl$' "$TMP/out"
ok $? "csl-json can read and write; its extensions and aliases"
has "$TMP/out" "modules in $top_builddir/plugins (installed plugin directory):" "modules by the directory they came from"
has "$TMP/out" "  .libs/csl-json.so: csl-json" "each module file relative to it, with its formats"
awk 'length($0) > 79 && !/^modules in / {bad = bad $0 "\n"} END {printf "%s", bad}' "$TMP/out" >"$TMP/long"
[ ! -s "$TMP/long" ]
ok $? "no line of the table is longer than 79 columns"
# Where no module is found, no empty table and exit 0: where it looked, exit 3.
mkdir "$TMP/nomod" && chmod 755 "$TMP/nomod"
BIBCONV_PLUGIN_SYSTEM_PATH="$TMP/nomod" run 3 "--list-formats with no module found" "$B" --list-formats
[ ! -s "$TMP/out" ]
ok $? "prints no table"
has "$TMP/err" "bibconv: error: no format module found; looked in $TMP/nomod (installed plugin directory)" "says where it looked"
# a module with a long description and long aliases, and one built
# against the ABI 1.0 headers (shorter structs, two formats)
run 0 "--list-formats with the test modules" "$B" --plugin-dir "$top_builddir/tests/abi" --list-formats
awk 'length($0) > 79 && !/^modules in / {bad = bad $0 "\n"} END {printf "%s", bad}' "$TMP/out" >"$TMP/long"
[ ! -s "$TMP/long" ]
ok $? "a long description is wrapped"
grep -q '^    long description$' "$TMP/out"
ok $? "and shown whole"
grep -Eq '^abi10-a +r- ' "$TMP/out" && grep -Eq '^abi10-b +r- +[.]abi10b ' "$TMP/out"
ok $? "a module built for ABI 1.0 still loads, both of its formats read right"
has "$TMP/out" "  .libs/abi10.so: abi10-a abi10-b" "listed under its module"
has "$TMP/err" "ris.so: warning: format 'ris' takes the name that $top_builddir/tests/abi/.libs/alias.so gave format 'alias' as an alias" "an alias that is another format's name is reported"
run 0 "and the name wins over the alias" "$B" --plugin-dir "$top_builddir/tests/abi" -t RIS "$G/names.json"
has "$TMP/out" "TY  - CHAP" "RIS, in capitals, is the ris writer"
run 0 "a module's alias, in any case" "$B" --plugin-dir "$top_builddir/tests/abi" -f ALIAS-A -t json /dev/null
run 0 "a 1.0 module's format is used" "$B" --plugin-dir "$top_builddir/tests/abi" -f abi10-b -t csl-json /dev/null

# Format names in any case, and the modules' aliases.
for t in json csljson csl CSL-JSON Json; do
  run 0 "-t $t is csl-json" "$B" -t $t "$G/names.json"
  cmp -s "$TMP/out" "$G/names.csl-json.expected"
  ok $? "-t $t writes CSL-JSON"
done
run 0 "-t bib is bibtex" "$B" -t bib -f JSON "$G/names.json"
has "$TMP/out" "@incollection{names," "BibTeX"
run 0 "-t RIS" "$B" -t RIS "$G/names.json"
has "$TMP/out" "TY  - CHAP" "RIS"

# The output format from -o's extension when -t is absent.
run 0 "-o refs.json: csl-json" "$B" "$G/names.json" -o "$TMP/refs.json"
cmp -s "$TMP/refs.json" "$G/names.csl-json.expected"
ok $? "written as CSL-JSON"
run 0 "-o refs.RIS: ris, the extension in any case" "$B" "$G/names.json" -o "$TMP/refs.RIS"
has "$TMP/refs.RIS" "TY  - CHAP" "written as RIS"
run 0 "-o refs.bib: bibtex, the first of the module that writes .bib" "$B" "$G/names.json" -o "$TMP/refs.bib"
"$B" -t bibtex "$G/names.json" 2>/dev/null | cmp -s - "$TMP/refs.bib"
ok $? "written as BibTeX, not BibLaTeX"
run 2 "-o refs.xml" "$B" "$G/names.json" -o "$TMP/refs.xml"
has "$TMP/err" "bibconv: error: $TMP/refs.xml: .xml does not say which format (endnote-xml, jats, mods write it); name one with -t" "names the XML formats that write it"
run 2 "-o refs.txt" "$B" "$G/names.json" -o "$TMP/refs.txt"
has "$TMP/err" ".txt does not say which format" "is no format either"
run 2 "-o refs.foo" "$B" "$G/names.json" -o "$TMP/refs.foo"
has "$TMP/err" "no format writes .foo files; name one with -t" "an unknown extension"
run 2 "-o refs" "$B" "$G/names.json" -o "$TMP/refs"
has "$TMP/err" "no extension to tell the output format by" "no extension"
[ ! -e "$TMP/refs.xml" ] && [ ! -e "$TMP/refs" ]
ok $? "and nothing is written"
run 2 "a reader-only module's extension names no writer" "$B" --plugin-dir "$top_builddir/tests/abi" "$G/names.json" -o "$TMP/x.abi10b"
has "$TMP/err" "no format writes .abi10b files" "it is only read"

run 2 "no -t and no -o is a usage error" "$B" "$G/empty.json"
has "$TMP/err" "no output format; use -t FORMAT, or -o FILE with the format's extension" "and says so"
run 2 "unknown output format" "$B" -t nosuch "$G/empty.json"
has "$TMP/err" "unknown output format 'nosuch'; known: bibtex biblatex cnki csl-json" "names the known formats"
run 2 "unknown input format" "$B" -f nosuch -t csl-json "$G/empty.json"
run 2 "unknown writer option" "$B" -t csl-json -O nosuch "$G/empty.json"
has "$TMP/err" "-O nosuch: format 'csl-json' has no such option" "names the option"
run 2 "unknown command-line option" "$B" --nosuch
run 2 "unknown encoding" "$B" -t csl-json --encoding NOPE "$G/empty.json"
has "$TMP/err" "unknown encoding 'NOPE'" "names the encoding"

run 4 "missing input file" "$B" -t csl-json "$TMP/nonexistent.json"
has "$TMP/err" "nonexistent.json: error: cannot open: No such file or directory" "says which file and why"

# Several files make one output; stdin works.
run 0 "two files into one output" "$B" -t csl-json "$G/single-object.json" "$G/types.json"
[ "$(grep -c '^    "id"' "$TMP/out")" -eq 6 ]
ok $? "both files' items are in the one array"
"$B" -t csl-json <"$G/types.json" >"$TMP/stdin.json" 2>/dev/null
cmp -s "$TMP/stdin.json" "$G/types.csl-json.expected"
ok $? "standard input is read when no file is given"

# Detection.
cp "$G/names.json" "$TMP/names.txt"
run 0 "detected without -f, whatever the extension" "$B" -t csl-json "$TMP/names.txt"
printf 'Just some text.\n' >"$TMP/plain.dat"
run 2 "undetectable input" "$B" -t csl-json "$TMP/plain.dat"
has "$TMP/err" "cannot tell the input format; name it with -f" "asks for -f"
# A header comment longer than 8 KiB before the first entry (Beebe's %%%
# headers in TeX Live's bibliographies) is passed over.
{ i=0; while [ $i -lt 200 ]; do echo "%%% a header line of a TeX Live bibliography, number $i, padded"; i=$((i+1)); done
  printf '@Book{k, title = {T}, year = 2000}\n'; } >"$TMP/beebe"
run 0 "the first entry is found after 12 KiB of comment" "$B" -t csl-json "$TMP/beebe"
has "$TMP/out" '"id": "k"' "and read"
# classic BibTeX or biblatex: by biblatex's field names and entry types,
# not by words in comments or in other names (Beebe's "%%% date = ..."
# header and his bibdate field; a classic file keeps "Faber and Faber"
# one publisher)
{ printf '%%%%%%  date = "24 December 2022",\n\n'
  printf '@Book{k, publisher = "Faber and Faber", bibdate = "Mon May 20 1996", year = 2000}\n'; } >"$TMP/beebe2"
run 0 "a date in a comment and bibdate make no biblatex" "$B" -v -t csl-json "$TMP/beebe2"
has "$TMP/err" "reading as bibtex" "it is classic BibTeX"
has "$TMP/out" '"publisher": "Faber and Faber"' "with the publisher whole"
printf '@Book{k, publisher = "Faber and Faber",\n  Date = {2000}}\n' >"$TMP/date"
run 0 "a date field is biblatex's" "$B" -v -t csl-json "$TMP/date"
has "$TMP/err" "reading as biblatex" "in any case"
# JabRef writes UTF-16 with a byte order mark
printf '\377\376@\000b\000o\000o\000k\000{\000u\000,\000t\000i\000t\000l\000e\000=\000{\000\351\000}\000}\000' >"$TMP/utf16"
run 0 "UTF-16LE with a BOM is detected and converted" "$B" -t csl-json "$TMP/utf16"
has "$TMP/out" '"title": "é"' "to UTF-8"
# When no reader claims the content, the extension decides.
: >"$TMP/empty.bib"
run 0 "an empty .bib is zero records" "$B" -t csl-json "$TMP/empty.bib"
printf '\n\n' >"$TMP/blank"
run 0 "so is a blank input of no known extension" "$B" -t ris "$TMP/blank"
printf 'Entries to come.\n' >"$TMP/prose.bib"
run 1 "prose in a .bib is read as BibTeX, and no record is exit 1" "$B" -t csl-json "$TMP/prose.bib"
has "$TMP/err" "prose.bib: error: no record read as bibtex; name its format with -f" "naming the format the extension chose"
printf '@book{a, title={T}}\n' >"$TMP/a.bib"
run 1 "-f ris on a BibTeX file: no record, exit 1" "$B" -f ris -t csl-json "$TMP/a.bib"
has "$TMP/err" "a.bib: error: no record read as ris (-f); leave -f out to detect the format, or name another with -f" "suggesting detection"
printf '%% Encoding: UTF-8\n\n' >"$TMP/jabref-empty.bib"
run 0 "a .bib of comments only (JabRef's empty database) is zero records: exit 0" "$B" -t csl-json "$TMP/jabref-empty.bib"
printf '%% Encoding: UTF-8\n' >"$TMP/comments"
run 2 "but comments alone, without the extension, are no known format" "$B" -t csl-json "$TMP/comments"
printf '@string{j = {J}}\n' >"$TMP/strings.bib"
run 0 "a file of @string only is BibTeX with no record: exit 0" "$B" -t csl-json "$TMP/strings.bib"
run 2 "ambiguous detection" "$B" --plugin-dir "$top_builddir/tests/extra" -t csl-json "$TMP/names.txt"
has "$TMP/err" "ambiguous: it could be fake-json, csl-json; name it with -f" "names the candidates"
run 0 "-f settles an ambiguity" "$B" --plugin-dir "$top_builddir/tests/extra" -f csl-json -t csl-json "$TMP/names.txt"
run 0 "the .json extension settles a tie between equally sure readers" \
  "$B" -v --plugin-dir "$top_builddir/tests/extra" -t csl-json "$G/names.json"
has "$TMP/err" "reading as csl-json" "in favour of the format that claims .json"

# Bad bytes: reported with the position, record kept, exit 1.
printf '[\n  {"id": "x", "type": "book", "title": "caf\351"}\n]\n' >"$TMP/latin1.json"
run 1 "invalid UTF-8 gives exit 1" "$B" -t csl-json "$TMP/latin1.json"
has "$TMP/err" "latin1.json:2:44: error: invalid UTF-8 byte 0xE9; replaced by U+FFFD" "with its line and column"
run 0 "--encoding latin1 reads it" "$B" -t csl-json --encoding latin1 "$TMP/latin1.json"
has "$TMP/out" '"title": "café"' "converted to UTF-8"
printf '[{"id": "x", "type": "book", "title": "\301\365\300\366\300\362"}]' >"$TMP/gb.json"
run 0 "--encoding GB18030" "$B" -t csl-json --encoding GB18030 "$TMP/gb.json"
has "$TMP/out" '"title": "刘丽莉"' "GB18030 converted"
# GB18030 (GBK) without --encoding: CNKI's and NoteExpress's exports.
# The head decides; a note says so with -v; --encoding still rules.
C="$top_srcdir/tests/golden/cnki"
for f in refworks.txt noteexpress-crlf.net gbt.txt; do
  iconv -f UTF-8 -t GBK "$C/$f" >"$TMP/gbk-$f"
  "$B" -t csl-json "$C/$f" >"$TMP/utf8.json" 2>/dev/null
  run "$(cat "$C/$f.csl-json.rc" 2>/dev/null || echo 0)" "GBK $f without --encoding" "$B" -v -t csl-json "$TMP/gbk-$f"
  cmp -s "$TMP/out" "$TMP/utf8.json"
  ok $? "GBK $f: the same records as from its UTF-8 form"
  has "$TMP/err" "$TMP/gbk-$f: note: not UTF-8; read as GB18030" "GBK $f: said in a note"
done
run 0 "the note only with -v" "$B" -t csl-json "$TMP/gbk-refworks.txt"
[ ! -s "$TMP/err" ]
ok $? "nothing on stderr without -v"
run 1 "--encoding UTF-8 forbids the guess" "$B" -t csl-json --encoding UTF-8 "$TMP/gbk-refworks.txt"
has "$TMP/err" "invalid UTF-8 byte" "and the bytes are errors"
printf '@book{m,\n  author = {M\374ller, J\374rgen},\n  title = {\334ber Gr\366\337e und Stra\337e f\374r alle}\n}\n' >"$TMP/de.bib"
run 1 "German in Latin-1 is not taken for GBK" "$B" -t csl-json "$TMP/de.bib"
has "$TMP/err" "de.bib:2:14: error: invalid UTF-8 byte 0xFC; replaced by U+FFFD (if the file is not UTF-8, name its encoding with --encoding" "the clear error of today"
# What a file declares of its own encoding when it is not UTF-8: an XML
# declaration (libxml2 is handed UTF-8), JabRef's "% Encoding:" header.
run 0 "an XML file declared ISO-8859-1" "$B" -v -t csl-json "$top_srcdir/tests/golden/mods/latin1-declared.xml"
has "$TMP/err" "latin1-declared.xml: note: not UTF-8; read as ISO-8859-1, as its XML declaration says" "said in a note"
has "$TMP/out" '"title": "Ökologie der Meereisgrenzfläche"' "its Ö read as Ö"
run 0 "JabRef's % Encoding: header" "$B" -v -t csl-json "$top_srcdir/tests/golden/bibtex/jabref-windows-1252.bib"
has "$TMP/err" "jabref-windows-1252.bib: note: not UTF-8; read as windows-1252, as its JabRef header says" "said in a note"
has "$TMP/out" '"title": "Water at 25° C"' "its degree sign read as one"
run 1 "--encoding UTF-8 overrides a declaration" "$B" -t csl-json --encoding UTF-8 "$top_srcdir/tests/golden/bibtex/jabref-windows-1252.bib"
has "$TMP/err" "invalid UTF-8 byte 0xFC" "and the bytes are errors"
printf '<?xml version="1.0" encoding="ISO-8859-1"?>\n<modsCollection xmlns="http://www.loc.gov/mods/v3"><mods><titleInfo><title>Ökologie</title></titleInfo></mods></modsCollection>\n' >"$TMP/utf8-declared.xml"
run 0 "UTF-8 that declares ISO-8859-1" "$B" -t csl-json "$TMP/utf8-declared.xml"
has "$TMP/out" '"title": "Ökologie"' "is read as the UTF-8 it is"
run 0 "--encoding latin1 reads it" "$B" -t csl-json --encoding latin1 "$TMP/de.bib"
has "$TMP/out" '"title": "Über Größe und Straße für alle"' "converted"
printf '\357\273\277[{"id": "x",\r\n "type": "book"}]\r\n' >"$TMP/bom.json"
run 0 "BOM and CRLF" "$B" -t csl-json "$TMP/bom.json"

# Output files: replaced only when the run succeeds.
echo "precious" >"$TMP/keep.json"
run 4 "unreadable input with -o" "$B" -t csl-json -o "$TMP/keep.json" "$G/names.json" "$TMP/nonexistent.json"
has "$TMP/keep.json" "precious" "-o file left untouched"
[ "$(ls -A "$TMP" | grep -c '^\.keep')" -eq 0 ]
ok $? "no temporary file left behind"
run 1 "--strict stops at the first rejected record" "$B" --strict -t csl-json -o "$TMP/keep.json" "$G/bad-syntax.json"
has "$TMP/keep.json" "precious" "--strict failure leaves -o untouched"
run 1 "rejected records: the rest is written" "$B" -t csl-json -o "$TMP/keep.json" "$G/bad-syntax.json"
[ "$(grep -c '^    "id"' "$TMP/keep.json")" -eq 4 ]
ok $? "the 4 good items were written"
run 0 "-o replaces a good file" "$B" -t csl-json -o "$TMP/keep.json" "$G/names.json"
cmp -s "$TMP/keep.json" "$G/names.csl-json.expected"
ok $? "with the right content"
run 4 "standard output on a full disk" sh -c "'$B' -t csl-json '$G/names.json' >/dev/full"
has "$TMP/err" "No space left on device" "says why"
run 4 "-o /dev/full" "$B" -t csl-json -o /dev/full "$G/names.json"
ls -l /dev/full | grep -q '^c'
ok $? "/dev/full is still a device"
# A file size limit makes the write itself fail on a regular file.
echo "precious" >"$TMP/keep.json"
run 4 "write failure on a regular file" sh -c "trap '' XFSZ; ulimit -f 1; '$B' -t csl-json -o '$TMP/keep.json' '$top_srcdir/tests/golden/csl-json/manubot-crossref-deep-review.json'"
has "$TMP/keep.json" "precious" "and the old file is intact"
mkdir "$TMP/ro" && chmod 555 "$TMP/ro"
if [ "$(id -u)" -ne 0 ]; then
  run 4 "unwritable directory" "$B" -t csl-json -o "$TMP/ro/x.json" "$G/names.json"
else
  run 4 "nonexistent directory" "$B" -t csl-json -o "$TMP/nodir/x.json" "$G/names.json"
fi

# -o through a symbolic link: the file it points to is replaced, the
# link stays; a link to nothing is refused, as cp refuses it.
echo "precious" >"$TMP/real.json"
ln -s real.json "$TMP/link.json"
run 0 "-o onto a symbolic link" "$B" -q -t csl-json -o "$TMP/link.json" "$G/names.json"
[ -L "$TMP/link.json" ] && cmp -s "$TMP/real.json" "$G/names.csl-json.expected"
ok $? "the link is kept and the file it points to gets the output"
[ "$(ls -A "$TMP" | grep -c '^\.real')" -eq 0 ]
ok $? "no temporary file left beside the target"
ln -s nothing "$TMP/dangling.json"
run 4 "-o onto a link to nothing" "$B" -q -t csl-json -o "$TMP/dangling.json" "$G/names.json"
has "$TMP/err" "dangling.json: error: a symbolic link to a file that does not exist; not written through it" "is refused"
[ -L "$TMP/dangling.json" ] && [ ! -e "$TMP/nothing" ]
ok $? "and nothing is created"

# the number of a signal (dash's kill -l does not take a name)
signum() { case $1 in HUP) echo 1 ;; INT) echo 2 ;; TERM) echo 15 ;; esac; }

# A signal during the run removes the -o temporary and still kills.  The
# input is a pipe held open, so the run is waiting when the signal comes.
for sig in INT TERM HUP; do
  mkdir "$TMP/sig$sig" && echo "precious" >"$TMP/sig$sig/out.json"
  rm -f "$TMP/fifo" && mkfifo "$TMP/fifo"
  # a background job of sh starts with SIGINT ignored: give it back
  env --default-signal="$sig" "$B" -t csl-json -f csl-json -o "$TMP/sig$sig/out.json" <"$TMP/fifo" 2>/dev/null &
  pid=$!
  exec 3>"$TMP/fifo"
  printf '[{"id": "a", "type": "book"},' >&3
  i=0
  while [ $i -lt 200 ] && [ "$(ls -A "$TMP/sig$sig" | grep -c '^\.out')" -eq 0 ]; do
    sleep 0.05
    i=$((i + 1))
  done
  [ "$(ls -A "$TMP/sig$sig" | grep -c '^\.out')" -eq 1 ]
  ok $? "SIG$sig: the temporary is there while the run waits"
  kill -"$sig" $pid
  wait $pid
  st=$?
  exec 3>&-
  [ $st -eq $((128 + $(signum "$sig"))) ]
  ok $? "SIG$sig: the run dies of the signal (exit $st)"
  has "$TMP/sig$sig/out.json" "precious" "SIG$sig: the old file is kept"
  [ "$(ls -A "$TMP/sig$sig")" = out.json ]
  ok $? "SIG$sig: and the temporary is removed"
done

# Write failures give the system's reason, also when the last bytes are
# only written as the writer ends (about 100 KB of CSL-JSON).
"${PYTHON3:-python3}" -c "import sys; sys.stdout.write('[' + ', '.join('{\"id\": \"k%d\", \"type\": \"book\", \"title\": \"%s\"}' % (i, 'x' * 50) for i in range(1200)) + ']')" >"$TMP/mid.json"
run 4 "standard output on a full disk, failing at the end" sh -c "'$B' -t csl-json '$TMP/mid.json' >/dev/full"
has "$TMP/err" "bibconv: error: writing csl-json stopped: No space left on device" "says why"
run 4 "-o /dev/full, failing mid-run" "$B" -q -t csl-json -o /dev/full "$G/manubot-crossref-deep-review.json"
has "$TMP/err" "bibconv: error: writing csl-json stopped: No space left on device" "says why"
grep -q "left unchanged" "$TMP/err"
[ $? -ne 0 ]
ok $? "and does not claim the device was left unchanged"

# A run that stops writes nothing more to standard output (what is still
# buffered is dropped): no lone "[" of a document never finished.
for to in csl-json jats; do
  run 4 "an unreadable input after a good one, to $to on standard output" "$B" -q -t $to "$G/names.json" "$TMP/nonexistent.json"
  [ ! -s "$TMP/out" ]
  ok $? "nothing on standard output ($to)"
done

# Undecodable input keeps the -o file: its records would carry U+FFFD
# where the text was; a wrong encoding is better noticed before.
echo "precious" >"$TMP/keep.json"
run 1 "GB18030 read as UTF-8, with -o" "$B" -q -t csl-json -o "$TMP/keep.json" "$TMP/gb.json"
has "$TMP/keep.json" "precious" "the -o file is kept"
has "$TMP/err" "bibconv: error: 6 bytes of the input could not be decoded; $TMP/keep.json left unchanged" "and the user is told why"
echo "precious" >"$TMP/keep.json"
run 1 "the same with --strict" "$B" -q --strict -t csl-json -o "$TMP/keep.json" "$TMP/gb.json"
has "$TMP/keep.json" "precious" "the -o file is kept"
[ "$(ls -A "$TMP" | grep -c '^\.keep')" -eq 0 ]
ok $? "no temporary file left behind"

# --output-dir: one output per input, named after it with the writer's
# first extension, each replaced only when its own run succeeds; a failing
# input does not stop the others, the exit status is the worst, and a
# summary line names the inputs that failed.
mkdir "$TMP/in" "$TMP/in/sub"
cp "$G/names.json" "$TMP/in/a.json"
cp "$G/bad-syntax.json" "$TMP/in/bad.json"
printf '@book{k, title={T}, year=2000}\n' >"$TMP/in/sub/b.bib"
run 4 "--output-dir: four inputs, one unreadable" "$B" -t ris --output-dir "$TMP/outdir" \
  "$TMP/in/a.json" "$TMP/in/bad.json" "$TMP/in/none.json" "$TMP/in/sub/b.bib"
[ -d "$TMP/outdir" ] && [ "$(ls -A "$TMP/outdir" | tr '\n' ' ')" = "a.ris b.ris bad.ris " ]
ok $? "the directory is made; a.json, bad.json and sub/b.bib give a.ris, bad.ris, b.ris, nothing else"
"$B" -t ris "$TMP/in/a.json" 2>/dev/null | cmp -s - "$TMP/outdir/a.ris"
ok $? "each output is what a run of its own writes"
[ "$(grep -c '^TY  - ' "$TMP/outdir/bad.ris")" -eq 4 ] && [ "$(grep -c '^TY  - ' "$TMP/outdir/b.ris")" -eq 1 ]
ok $? "the rejected records' input keeps the rest; the input after the unreadable one is converted"
has "$TMP/err" "bibconv: 2 of 4 inputs failed: $TMP/in/bad.json (exit 1), $TMP/in/none.json (exit 4)" "a summary line names what failed"
[ ! -s "$TMP/out" ]
ok $? "nothing on standard output"
echo "precious" >"$TMP/outdir/a.ris"
echo "precious" >"$TMP/outdir/bad.ris"
run 1 "--output-dir with --strict" "$B" -q --strict -t ris --output-dir "$TMP/outdir" "$TMP/in/bad.json" "$TMP/in/a.json"
has "$TMP/outdir/bad.ris" "precious" "the failing input's output is left as it was"
"$B" -t ris "$TMP/in/a.json" 2>/dev/null | cmp -s - "$TMP/outdir/a.ris"
ok $? "and the next input is still converted"
[ "$(ls -A "$TMP/outdir" | grep -c '^\.')" -eq 0 ]
ok $? "no temporary file left behind"
has "$TMP/err" "bibconv: 1 of 2 inputs failed: $TMP/in/bad.json (exit 1)" "the summary line is there with -q too"
run 0 "-t csl-json: the first of its extensions" "$B" -t CSL --output-dir "$TMP/outdir" "$TMP/in/sub/b.bib"
[ -f "$TMP/outdir/b.json" ]
ok $? "sub/b.bib gives b.json"
run 0 "a writer that lists no extension" "$B" -t gbt7714 --output-dir "$TMP/outdir" "$TMP/in/sub/b.bib"
[ -s "$TMP/outdir/b.gbt7714" ]
ok $? "names the file after the format"
cp "$TMP/in/sub/b.bib" "$TMP/in/b.bib"
run 2 "two inputs of one output name" "$B" -t ris --output-dir "$TMP/outdir" "$TMP/in/sub/b.bib" "$TMP/in/b.bib"
has "$TMP/err" "$TMP/in/b.bib: error: its output $TMP/outdir/b.ris is that of $TMP/in/sub/b.bib already; not converted" "the second is refused, not written over the first"
printf 'TY  - BOOK\nTI  - Mine\nER  - \n' >"$TMP/in/c.ris"
cp "$TMP/in/c.ris" "$TMP/c.ris.orig"
run 2 "an output that is an input" "$B" -t ris --output-dir "$TMP/in" "$TMP/in/c.ris"
has "$TMP/err" "its output $TMP/in/c.ris is an input of this run; not converted" "is refused"
cp "$TMP/in/sub/b.bib" "$TMP/in/c.bib"
run 2 "or an input converted later" "$B" -t ris --output-dir "$TMP/in" "$TMP/in/c.bib" "$TMP/in/c.ris"
cmp -s "$TMP/in/c.ris" "$TMP/c.ris.orig"
ok $? "the input is left as it was"
run 2 "standard input has no name" "$B" -t ris --output-dir "$TMP/outdir" - <"$TMP/in/a.json"
has "$TMP/err" "standard input has no name to name its output after" "says so"
run 2 "--output-dir without inputs" "$B" -t ris --output-dir "$TMP/outdir"
run 2 "--output-dir and -o" "$B" -t ris --output-dir "$TMP/outdir" -o "$TMP/x.ris" "$TMP/in/a.json"
has "$TMP/err" "-o and --output-dir exclude each other" "exclude each other"
run 2 "--output-dir without -t" "$B" --output-dir "$TMP/outdir" "$TMP/in/a.json"
has "$TMP/err" "--output-dir needs -t FORMAT" "asks for -t"
run 4 "--output-dir that is a file" "$B" -t ris --output-dir "$TMP/in/a.json" "$TMP/in/sub/b.bib"
has "$TMP/err" "a.json: error: not a directory" "says so"
run 0 "-v names each output" "$B" -v -t ris --output-dir "$TMP/outdir" "$TMP/in/a.json"
has "$TMP/err" "a.json: note: written to $TMP/outdir/a.ris" "with -v"
# a signal during the second input removes that input's temporary; the
# first input's output is there
mkdir "$TMP/sigdir"
rm -f "$TMP/in/fifo" && mkfifo "$TMP/in/fifo"
env --default-signal=TERM "$B" -f csl-json -t csl-json --output-dir "$TMP/sigdir" "$TMP/in/a.json" "$TMP/in/fifo" 2>/dev/null &
pid=$!
exec 3>"$TMP/in/fifo"
printf '[{"id": "a", "type": "book"},' >&3
i=0
while [ $i -lt 200 ] && [ "$(ls -A "$TMP/sigdir" | grep -c '^\.fifo')" -eq 0 ]; do
  sleep 0.05
  i=$((i + 1))
done
kill -TERM $pid
wait $pid
st=$?
exec 3>&-
[ $st -eq $((128 + $(signum TERM))) ] && [ "$(ls -A "$TMP/sigdir")" = a.json ]
ok $? "--output-dir: SIGTERM on the second input removes its temporary, the first output stays"
rm -f "$TMP/in/fifo"

# The man pages: rendered without a warning, every option of --help and
# every format of --list-formats described, the installation directories
# put in.
for page in bibconv.1 bibconv-plugin.7; do
  mp="$top_builddir/man/$page"
  [ -s "$mp" ]
  ok $? "man page $page is built"
  if command -v groff >/dev/null 2>&1; then
    groff -ww -z -man "$mp" >"$TMP/out" 2>"$TMP/err"
    st=$?
    [ $st -eq 0 ] && [ ! -s "$TMP/err" ]
    ok $? "groff -ww -z renders $page without a warning"
    sed 's/^/#   /' "$TMP/err" | head -10
  else
    skip "groff -ww -z renders $page without a warning" "groff not installed (Debian: groff-base)"
  fi
  if command -v man >/dev/null 2>&1 && command -v groff >/dev/null 2>&1; then
    MANWIDTH=80 MAN_KEEP_FORMATTING= man --warnings=w -l "$mp" >"$TMP/out" 2>"$TMP/err"
    [ $? -eq 0 ] && [ ! -s "$TMP/err" ] && grep -q '^SYNOPSIS' "$TMP/out"
    ok $? "man -l renders $page without a warning"
  else
    skip "man -l renders $page" "man not installed"
  fi
  grep -n '@[a-zA-Z_]*@' "$mp" >"$TMP/left"
  [ ! -s "$TMP/left" ]
  ok $? "$page: every @dir@ replaced"
done
mp="$top_builddir/man/bibconv.1"
"$B" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u >"$TMP/opts"
# the OPTIONS section's item lines (.TP, then .B/.BR/.BI naming the option)
awk '/^\.SH / {on = ($2 == "OPTIONS")} on && prev == ".TP" {print} {prev = $0}' "$mp" |
  sed 's/\\-/-/g' >"$TMP/items"
missing=
for o in $(cat "$TMP/opts"); do
  grep -qE -- "$o([^a-z-]|$)" "$TMP/items" || missing="$missing $o"
done
[ -s "$TMP/opts" ] && [ -z "$missing" ]
ok $? "bibconv(1)'s OPTIONS has an item for every long option of --help${missing:+ (missing:$missing)}"
"$B" --list-formats | awk 'NR > 1 && /^[^ (]/ {print $1} /^$/ {exit}' >"$TMP/fmts"
missing=
for f in $(cat "$TMP/fmts"); do
  grep -qxF -- ".B $(printf '%s' "$f" | sed 's/-/\\-/g')" "$mp" || missing="$missing $f"
done
[ -s "$TMP/fmts" ] && [ -z "$missing" ]
ok $? "bibconv(1)'s FORMATS describes every format of this build${missing:+ (missing:$missing)}"
missing=
for sect in SYNOPSIS OPTIONS FORMATS "FORMAT DETECTION" "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "THE CNKI WORKFLOW"; do
  grep -qx ".SH $sect" "$mp" || missing="$missing $sect"
done
[ -z "$missing" ]
ok $? "bibconv(1) has its sections${missing:+ (missing:$missing)}"

# Bash completion: options, format names (readers after -f, writers after
# -t, aliases too, from --list-formats of the bibconv being completed),
# format options, files.
if command -v bash >/dev/null 2>&1; then
  cat >"$TMP/comp.bash" <<'END'
. "$top_srcdir/completion/bibconv"
comp() {
  COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
  _bibconv
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '; echo
}
comp "$BIBCONV" -t c
comp "$BIBCONV" -f p
comp "$BIBCONV" -t p
comp "$BIBCONV" --to = ri
comp "$BIBCONV" --out
comp "$BIBCONV" -t gbt -O ""
comp "$BIBCONV" --plugin-dir "$top_builddir/tests/abi" -f abi
comp "$BIBCONV" "$D/a.j"
comp "$BIBCONV" --output-dir "$D/su"
complete -p bibconv
comp "$BIBCONV" -f jats -I ""
END
  D="$TMP/in" bash "$TMP/comp.bash" >"$TMP/comp" 2>"$TMP/err"
  ok $? "the completion script loads in bash"
  sed -n 1p "$TMP/comp" | grep -qx "cnki csl csl-json csljson "
  ok $? "-t c: the writers' names and aliases (got: $(sed -n 1p "$TMP/comp"))"
  sed -n 2p "$TMP/comp" | grep -qx "pubmed-xml "
  ok $? "-f p: a reader-only format"
  sed -n 3p "$TMP/comp" | grep -qx " "
  ok $? "-t p: it is not offered to write (got: $(sed -n 3p "$TMP/comp"))"
  sed -n 4p "$TMP/comp" | grep -qx "ris "
  ok $? "--to=ri (got: $(sed -n 4p "$TMP/comp"))"
  sed -n 5p "$TMP/comp" | grep -qx -- "--output --output-dir "
  ok $? "options (got: $(sed -n 5p "$TMP/comp"))"
  sed -n 6p "$TMP/comp" | grep -qx "bilingual fullwidth style "
  ok $? "-O after -t gbt: the options of gbt7714, by its alias (got: $(sed -n 6p "$TMP/comp"))"
  sed -n 7p "$TMP/comp" | grep -qx "abi10-a abi10-b "
  ok $? "a --plugin-dir typed before brings its modules' formats (got: $(sed -n 7p "$TMP/comp"))"
  sed -n 8p "$TMP/comp" | grep -qx "$TMP/in/a.json "
  ok $? "files (got: $(sed -n 8p "$TMP/comp"))"
  sed -n 9p "$TMP/comp" | grep -qx "$TMP/in/sub "
  ok $? "--output-dir: directories (got: $(sed -n 9p "$TMP/comp"))"
  grep -q "complete -F _bibconv bibconv" "$TMP/comp"
  ok $? "it is registered for bibconv"
  sed -n 11p "$TMP/comp" | grep -qx "part pinyin "
  ok $? "-I after -f jats: its options and every reader's (got: $(sed -n 11p "$TMP/comp"))"
  "$B" --list-formats | grep -q '^(any)'
  ok $? "(--list-formats lists every reader's options under (any))"
else
  skip "bash completion" "bash not installed"
fi

# examples/: the C API example and the out-of-tree module, built against
# this build tree (make installcheck builds them against the installed
# bibconv.pc alone).
if command -v "${CC:-cc}" >/dev/null 2>&1; then
  lib="$top_builddir/src/lib/.libs"
  # shellcheck disable=SC2086 # flags are words
  ${CC:-cc} ${SAN_CFLAGS:-} -std=gnu11 -Wall -Wextra -Werror -I"$top_srcdir/include" -o "$TMP/convert" \
    "$top_srcdir/examples/convert.c" -L"$lib" -Wl,-rpath,"$lib" -lbibconv 2>"$TMP/err"
  ok $? "examples/convert.c builds without a warning"
  sed 's/^/#   /' "$TMP/err" | head -5
  run 0 "it converts" "$TMP/convert" csl-json "$TMP/conv.json" "$G/names.json"
  cmp -s "$TMP/conv.json" "$G/names.csl-json.expected"
  ok $? "as bibconv -t csl-json does"
  run 2 "an unknown format" "$TMP/convert" nosuch "$TMP/conv.json" "$G/names.json"
  [ "$(wc -l <"$top_srcdir/examples/convert.c")" -le 45 ]
  ok $? "in about 30 lines"
  mkdir "$TMP/plug"
  # shellcheck disable=SC2086
  ${CC:-cc} ${SAN_CFLAGS:-} -std=gnu11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror \
    -shared -fPIC -I"$top_srcdir/include" -o "$TMP/plug/tsv.so" "$top_srcdir/examples/plugin/tsv.c" \
    -L"$lib" -lbibconv 2>"$TMP/err"
  ok $? "examples/plugin/tsv.c builds without a warning"
  sed 's/^/#   /' "$TMP/err" | head -5
  run 0 "bibconv loads it from --plugin-dir" "$B" --plugin-dir "$TMP/plug" --list-formats
  grep -Eq '^tsv +-w +[.]tsv +tab$' "$TMP/out"
  ok $? "a writer of .tsv, alias tab"
  GOLDEN_DIR="$top_srcdir/examples/plugin/golden" BIBCONV_PLUGIN_PATH="$TMP/plug" \
    sh "$top_srcdir/tests/run-golden.sh" >"$TMP/golden" 2>&1
  st=$?
  [ $st -eq 0 ] && [ "$(grep -c '^ok ' "$TMP/golden")" -ge 12 ]
  ok $? "its golden files pass through tests/run-golden.sh with GOLDEN_DIR"
  grep '^not ok' "$TMP/golden" | head -5 | sed 's/^/#   /'
  run 0 "-o refs.tsv names the drop-in writer" "$B" --plugin-dir "$TMP/plug" "$G/names.json" -o "$TMP/refs.tsv"
  head -1 "$TMP/refs.tsv" | grep -q "^id	type	title	authors	year	DOI$"
  ok $? "and writes TSV"
  run 1 "--strict: tsv drops fields" "$B" --strict --plugin-dir "$TMP/plug" -t tsv "$G/names.json"
  has "$TMP/err" "tsv has no room for editor" "reported as the module reports it"
else
  skip "examples/: the C API example and the tsv module" "no C compiler"
fi

# The README, the plugin guide and the examples go under $(docdir); the man
# pages under $(mandir); the completion where bash-completion looks.
mk=${MAKE:-make}
if command -v "$mk" >/dev/null 2>&1; then
  env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "$mk" -s -C "$top_builddir" DESTDIR="$TMP/inst" \
    install-dist_docDATA install-nobase_dist_docDATA install-man install-dist_bashcompletionDATA \
    >"$TMP/out" 2>"$TMP/err"
  ok $? "make install of the documents, man pages and completion"
  for f in share/doc/bibconv/README.md share/doc/bibconv/examples/plugin/README.md \
      share/doc/bibconv/examples/plugin/tsv.c share/doc/bibconv/examples/convert.c \
      share/man/man1/bibconv.1 share/man/man7/bibconv-plugin.7 share/bash-completion/completions/bibconv; do
    [ -n "$(find "$TMP/inst" -path "*/$f")" ]
    ok $? "installs $f"
  done
else
  skip "make install of the documents" "make not found"
fi

# Verbosity.
run 0 "-q hides warnings" "$B" -q -t csl-json "$G/types.json"
[ ! -s "$TMP/err" ]
ok $? "nothing on stderr with -q"
run 0 "-v" "$B" -v -t csl-json "$G/types.json"
has "$TMP/err" "bibconv: 5 records read, 5 written, 0 rejected, 0 duplicates dropped, 0 fields dropped; 5 warnings" "-v prints a summary"
has "$TMP/err" "record has no id; wrote 'muller2020no-1'" "-v shows notes"
# --dedupe: a later record of the same work is dropped, with both places.
cat >"$TMP/a.json" <<'END'
[
{"id": "doi1", "type": "article-journal", "title": "First", "DOI": "10.1000/ABC.1", "issued": {"date-parts": [[2020]]}},
{"id": "pm1", "type": "article-journal", "title": "Second", "PMID": "123456"},
{"id": "t1", "type": "article-journal", "title": "The <i>Effect</i> of Dinosaurs: a Study.",
 "author": [{"family": "van den Hoven", "given": "A."}], "issued": {"date-parts": [[2014]]}},
{"id": "doiX", "type": "article-journal", "title": "Shared title", "DOI": "10.1000/x",
 "author": [{"family": "Roe"}], "issued": {"date-parts": [[2001]]}}
]
END
cat >"$TMP/b.ris" <<'END'
TY  - JOUR
TI  - First, as another export has it
DO  - https://doi.org/10.1000/abc.1
ER  - 

TY  - JOUR
TI  - Second
AN  - 123456
ER  - 

TY  - JOUR
TI  - ＴＨＥ ＥＦＦＥＣＴ  OF DINOSAURS — A STUDY
AU  - Hoven, A. van den
PY  - 2014
ER  - 

TY  - JOUR
TI  - The effect of dinosaurs: a study
AU  - van den Hoven, A.
PY  - 2015
ER  - 

TY  - JOUR
TI  - Shared title
AU  - Roe
PY  - 2001
DO  - 10.1000/y
ER  - 

TY  - JOUR
TI  - No key at all is never a duplicate
ER  - 
END
run 0 "--dedupe over two exports" "$B" -v --dedupe -t csl-json "$TMP/a.json" "$TMP/b.ris"
[ "$(grep -c '^    "id"' "$TMP/out")" -eq 8 ]
ok $? "10 records, 2 dropped, 8 written"
has "$TMP/err" "b.ris:1: note: duplicate of $TMP/a.json:2 (same DOI); dropped" "a DOI in another case, from a doi.org link: the same work, both places named"
has "$TMP/err" "b.ris:11: note: duplicate of $TMP/a.json:4 (same title, year and first author); dropped" "NFKC, case, punctuation, markup and particles do not matter"
grep -q '"title": "The <i>Effect</i> of Dinosaurs: a Study."' "$TMP/out" && grep -q '"title": "First"' "$TMP/out"
ok $? "the first record of a work is the one kept"
grep -q '"title": "The effect of dinosaurs: a study"' "$TMP/out"
ok $? "another year is another work"
grep -q '"DOI": "10.1000/y"' "$TMP/out"
ok $? "two DOIs are two works, whatever the title"
has "$TMP/out" "No key at all is never a duplicate" "a record without DOI, PMID or title is kept"
grep -q '"title": "Second"' "$TMP/out" && [ "$(grep -c '"title": "Second"' "$TMP/out")" -eq 2 ]
ok $? "RIS's AN is an accession number, not a PMID: a PMID is not matched against it"
printf '[{"id": "pm2", "type": "book", "title": "Other", "PMID": " 123456 "}]\n' >"$TMP/c.json"
run 0 "the same PMID" "$B" -v --dedupe -t csl-json "$TMP/a.json" "$TMP/c.json"
has "$TMP/err" "c.json:1: note: duplicate of $TMP/a.json:3 (same PMID); dropped" "is the same work"
run 0 "without --dedupe nothing is dropped" "$B" -t csl-json "$TMP/a.json" "$TMP/b.ris"
[ "$(grep -c '^    "id"' "$TMP/out")" -eq 10 ]
ok $? "all 10 written"
printf '[{"id": "doi1", "type": "book", "title": "First", "DOI": "doi:10.1000/abc.1"}]\n' >"$TMP/d.json"
run 0 "a dropped duplicate takes no id" "$B" -v --dedupe -t csl-json "$TMP/a.json" "$TMP/d.json"
has "$TMP/err" "d.json:1: note: duplicate of $TMP/a.json:2 (same DOI); dropped" "a doi: prefix is no part of the DOI"
grep -q "the id is used before" "$TMP/err"
[ $? -ne 0 ]
ok $? "its id is not reported as repeated"
run 0 "-q hides the notes" "$B" -q --dedupe -t csl-json "$TMP/a.json" "$TMP/d.json"
[ ! -s "$TMP/err" ]
ok $? "nothing on stderr"
corpus=${BIBCONV_CORPUS:-$top_srcdir/../shared/corpus}/realworld/ris
if [ -f "$corpus/asreview_baseline.ris" ]; then
  run 0 "--dedupe: asreview's baseline and its Citavi export" "$B" --dedupe -t csl-json "$corpus/asreview_baseline.ris" "$corpus/asreview_baseline_citavi.ris"
  [ "$(grep -c '^    "id"' "$TMP/out")" -eq 100 ]
  ok $? "are the same 100 works"
else
  skip "--dedupe on asreview's exports" "$corpus not present"
fi
# --keys: the core's key for each record without an id, unique in the
# run and beside the ids kept, the same in every writer.
cat >"$TMP/keys.ris" <<'END'
TY  - JOUR
ID  - Shannon1948mathematical
AU  - Shannon, Claude E.
TI  - The mathematical theory of communication, part two
PY  - 1948
ER  - 

TY  - JOUR
AU  - Shannon, Claude E.
TI  - A mathematical theory of communication
PY  - 1948
ER  - 

TY  - JOUR
AU  - Shannon, Claude E.
TI  - Mathematical communication
PY  - 1948
ER  - 

TY  - JOUR
TI  - 
ER  - 
END
run 0 "--keys to RIS" "$B" --keys -t ris "$TMP/keys.ris"
[ "$(grep '^ID' "$TMP/out" | tr '\n' ' ')" = "ID  - Shannon1948mathematical ID  - shannon1948mathematicala ID  - shannon1948mathematicalb ID  - ref " ]
ok $? "each record without an ID gets one, none equal to the kept ID in any case (got: $(grep '^ID' "$TMP/out" | tr '\n' ' '))"
run 0 "without --keys" "$B" -t ris "$TMP/keys.ris"
[ "$(grep -c '^ID' "$TMP/out")" -eq 1 ]
ok $? "RIS gets only the ID it had"
run 0 "--keys=all to BibTeX" "$B" --keys=all -t bibtex "$TMP/keys.ris"
[ "$(grep '^@' "$TMP/out" | tr '\n' ' ')" = "@article{shannon1948mathematical, @article{shannon1948mathematicala, @article{shannon1948mathematicalb, @article{ref, " ]
ok $? "every key made anew (got: $(grep '^@' "$TMP/out" | tr '\n' ' '))"
run 0 "--keys=all to CSL-JSON" "$B" --keys=all -t csl-json "$TMP/keys.ris"
[ "$(grep '^    "id"' "$TMP/out" | tr -d ' ' | tr '\n' ' ')" = '"id":"shannon1948mathematical", "id":"shannon1948mathematicala", "id":"shannon1948mathematicalb", "id":"ref", ' ]
ok $? "CSL-JSON gets the same keys"
"${PYTHON3:-python3}" -c "import sys; sys.stdout.write(''.join('TY  - JOUR\nAU  - Smith, A\nTI  - Same\nPY  - 2000\nER  - \n\n' for i in range(800)))" >"$TMP/many.ris"
run 0 "--keys on 800 records of one key" "$B" --keys -t ris "$TMP/many.ris"
[ "$(grep '^ID' "$TMP/out" | sort -u | wc -l)" -eq 800 ] && grep -qx 'ID  - smith2000sameads' "$TMP/out"
ok $? "800 distinct keys, the last with the suffix ads ($(grep '^ID' "$TMP/out" | tail -n 1))"
run 2 "--keys=some" "$B" --keys=some -t ris "$TMP/keys.ris"
has "$TMP/err" "bibconv: error: --keys is 'missing' (the default) or 'all', not 'some'" "says what --keys takes"
# The summary line counts what was read, written, rejected, dropped.
run 1 "-v on rejected records" "$B" -v -t csl-json "$G/bad-syntax.json"
grep -Eq '^bibconv: [0-9]+ records read, 4 written, [1-9][0-9]* rejected, 0 duplicates dropped, 0 fields dropped; ' "$TMP/err"
ok $? "the summary counts the rejected"
run 0 "-v with dropped fields and duplicates" "$B" -v --dedupe -t bibtex "$G/names.json" "$G/names.json"
has "$TMP/err" "bibconv: 2 records read, 1 written, 0 rejected, 1 duplicate dropped, 1 field dropped; 2 warnings" "the summary counts both"
# --strict: a field the writer has no room for is an error too.
echo "precious" >"$TMP/keep.bib"
run 0 "a lossy conversion is exit 0" "$B" -t bibtex -o "$TMP/keep.bib" "$G/names.json"
echo "precious" >"$TMP/keep.bib"
run 1 "but with --strict, exit 1" "$B" --strict -t bibtex -o "$TMP/keep.bib" "$G/names.json"
has "$TMP/err" "names.json:2:3: error: record 'names': bibtex has no room for name affiliations and identifiers; dropped" "the dropped field is an error"
has "$TMP/keep.bib" "precious" "and nothing is written"
run 0 "--strict where nothing is dropped" "$B" --strict -t csl-json "$G/names.json"
# On a terminal, a run long enough to show progress ends with the summary
# even without -v.  The input comes in two halves a second apart, so the
# progress line is due when the second comes.
if command -v script >/dev/null 2>&1; then
  "${PYTHON3:-python3}" -c "import sys; sys.stdout.write('[' + ', '.join('{\"id\": \"k%d\", \"type\": \"book\"}' % i for i in range(1100)) + ',')" >"$TMP/half1"
  "${PYTHON3:-python3}" -c "import sys; sys.stdout.write(', '.join('{\"id\": \"m%d\", \"type\": \"book\"}' % i for i in range(1100)) + ']')" >"$TMP/half2"
  rm -f "$TMP/fifo" && mkfifo "$TMP/fifo"
  { cat "$TMP/half1"; sleep 1.5; cat "$TMP/half2"; } >"$TMP/fifo" &
  script -qec "'$B' -f csl-json -t ris -o '$TMP/tty.ris' '$TMP/fifo'" /dev/null >"$TMP/tty.out" 2>&1
  wait
  tr -d '\r' <"$TMP/tty.out" | grep -q "bibconv: 2200 records read, 2200 written, 0 rejected, 0 duplicates dropped, 0 fields dropped; 0 warnings"
  ok $? "a long run on a terminal ends with the summary line"
  cat "$TMP/half1" "$TMP/half2" >"$TMP/whole.json"
  "$B" -f csl-json -t ris -o "$TMP/tty.ris" "$TMP/whole.json" 2>"$TMP/err" >/dev/null
  [ ! -s "$TMP/err" ]
  ok $? "not when stderr is no terminal"
else
  skip "summary on a terminal" "script (util-linux) not installed"
fi
finish
