#!/bin/sh
# pandoc-suite.sh: pandoc's own biblatex tests as a second judge.
# ../shared/corpus/citeproc-biblatex holds 123 cases from pandoc's
# test/command/biblatex-*.md (GPL, so not copied here): each .bib beside the
# CSL YAML pandoc's maintainers expect.  tests/pandoc-suite.py converts each
# with -f biblatex -I bibstrings=en -t csl-json (pandoc prints localisation
# keys in its document language) and compares field by field (text ignoring
# case and markup, languages by primary subtag, names and dates by parts,
# title-short left out); every item count must be right and at least 97 %
# of the fields equal.  The differing fields are printed by field name; the
# README lists why the rest differ.  Skipped without ../shared or PyYAML.
: "${BIBCONV:?run through make check}" "${top_srcdir:?}"
corpus=${BIBCONV_CORPUS:-$top_srcdir/../shared/corpus}/citeproc-biblatex
[ -d "$corpus" ] || { echo "1..0 # SKIP $corpus not present"; exit 0; }
"${PYTHON3:-python3}" -c 'import yaml' 2>/dev/null ||
  { echo "1..0 # SKIP python3 has no yaml module (Debian: python3-yaml)"; exit 0; }
exec "${PYTHON3:-python3}" "$top_srcdir/tests/pandoc-suite.py" "$BIBCONV" "$corpus" 97
