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
has "$TMP/out" "csl-json     rw" "csl-json can read and write"
has "$TMP/out" "plugins/.libs/csl-json.so" "--list-formats names the module file"

run 2 "no -t is a usage error" "$B" "$G/empty.json"
has "$TMP/err" "no output format" "and says so"
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
printf 'Just some text.\n' >"$TMP/plain.txt"
run 2 "undetectable input" "$B" -t csl-json "$TMP/plain.txt"
has "$TMP/err" "cannot tell the input format; name it with -f" "asks for -f"
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
printf '[{"id": "x", "type": "book", "title": "\xc1\xf5\xc0\xf6\xc0\xf2"}]' >"$TMP/gb.json"
run 0 "--encoding GB18030" "$B" -t csl-json --encoding GB18030 "$TMP/gb.json"
has "$TMP/out" '"title": "刘丽莉"' "GB18030 converted"
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

# Verbosity.
run 0 "-q hides warnings" "$B" -q -t csl-json "$G/types.json"
[ ! -s "$TMP/err" ]
ok $? "nothing on stderr with -q"
run 0 "-v" "$B" -v -t csl-json "$G/types.json"
has "$TMP/err" "5 records written; 0 errors, 5 warnings" "-v prints a summary"
has "$TMP/err" "record has no id; wrote 'muller2020-1'" "-v shows notes"
finish
