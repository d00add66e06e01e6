#!/bin/sh
# importers.sh: JabRef's importer tests as a judge of our readers.
# ../shared/corpus/jabref-importers holds the inputs of JabRef's importer
# test suite, most beside the BibTeX JabRef expects from them (MIT, not
# copied here). tests/importers.py reads each input with the format
# detected, reads the expected .bib with our BibTeX reader, and compares
# the record counts and title, year, DOI and first author's family name
# (at least 95 % of them equal per format). Its table ROWS has one row per
# format and folder. Skipped when ../shared is absent.
: "${BIBCONV:?run through make check}" "${top_srcdir:?}"
corpus=${BIBCONV_CORPUS:-$top_srcdir/../shared/corpus}
[ -d "$corpus/jabref-importers" ] || { echo "1..0 # SKIP $corpus/jabref-importers not present"; exit 0; }
command -v "${PYTHON3:-python3}" >/dev/null 2>&1 || { echo "1..0 # SKIP python3 not installed"; exit 0; }
exec "${PYTHON3:-python3}" "$top_srcdir/tests/importers.py" "$BIBCONV" "$corpus"
