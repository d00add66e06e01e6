#!/bin/sh
# tagged-fields.sh: the fields we read from real Web of Science and
# EndNote files, against what their tags say (tests/tagged-fields.py has
# the table, written by reading the files). The files are JabRef's test
# inputs in ../shared/corpus (MIT, not copied here); skipped when absent.
: "${BIBCONV:?run through make check}" "${top_srcdir:?}"
corpus=${BIBCONV_CORPUS:-$top_srcdir/../shared/corpus}
[ -d "$corpus/jabref-importers/IsiImporter" ] && [ -d "$corpus/realworld/enw" ] ||
  { echo "1..0 # SKIP $corpus/jabref-importers/IsiImporter or realworld/enw not present"; exit 0; }
command -v "${PYTHON3:-python3}" >/dev/null 2>&1 || { echo "1..0 # SKIP python3 not installed"; exit 0; }
exec "${PYTHON3:-python3}" "$top_srcdir/tests/tagged-fields.py" "$BIBCONV" "$corpus"
