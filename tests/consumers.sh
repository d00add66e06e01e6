#!/bin/sh
# consumers.sh: what every writer writes, read by the tools people feed it
# to (pandoc, citation.js, BibTeX, biber, JabRef, bibutils, xmllint), for
# every golden, corpus and sample input; a table of consumer x input x
# writer, accepted/given.  The work is in consumers.py.  A consumer that
# is not installed is skipped; .ci/run installs them all.
. "${top_srcdir:?}/tests/lib.sh"
py=${PYTHON3:-python3}
command -v "$py" >/dev/null 2>&1 || { echo "1..0 # SKIP python3 not installed"; exit 0; }
cjs=
citationjs && cjs=$CJS
"$py" "$top_srcdir/tests/consumers.py" "$BIBCONV" "$top_srcdir" \
  "${BIBCONV_CORPUS:-$top_srcdir/../shared/corpus}" "$cjs" "$JATS_DTD"
