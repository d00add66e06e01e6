#!/bin/sh
# biber.sh: the biblatex writer's output of the biblatex examples must be
# accepted by biber in tool mode, data model checks on, without an error.
# Skipped when biber is not installed: under the TAP driver the "1..0 # SKIP"
# plan is the skip, and a non-zero exit (77 included) would be an ERROR.
command -v biber >/dev/null 2>&1 || { echo "1..0 # SKIP biber not installed"; exit 0; }
. "${top_srcdir:?}/tests/lib.sh"
for f in biblatex-examples xampl multilang names latex symbols; do
  "$BIBCONV" -q -f bibtex -t biblatex "$top_srcdir/tests/golden/bibtex/$f.bib" >"$TMP/$f.bib" 2>/dev/null
  (cd "$TMP" && biber --tool --validate-datamodel --output-file="$TMP/$f.out.bib" "$f.bib" \
    >"$TMP/$f.log" 2>&1)
  rc=$?
  grep -q '^ERROR' "$TMP/$f.log" && rc=1
  ok $rc "biber --tool accepts the biblatex writer's $f.bib"
  [ $rc -eq 0 ] || grep -E '^(ERROR|WARN)' "$TMP/$f.log" | head -10 | sed 's/^/# /'
done
finish
