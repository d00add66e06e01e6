#!/bin/sh
# realworld.sh: the real files of ../shared/corpus/realworld and
# ../shared/corpus/jabref-importers (bibliographies and exports other people
# wrote) in the formats we read, through every writer: no crash, the record
# count their own structure gives, schema-valid CSL-JSON.  The work is in
# realworld.py.  Skipped when ../shared is absent (it is not distributed).
: "${BIBCONV:?run through make check}"
corpus=${BIBCONV_CORPUS:-${top_srcdir:?}/../shared/corpus}
py=${PYTHON3:-python3}
if [ ! -d "$corpus/realworld" ] || [ ! -d "$corpus/jabref-importers" ]; then
  echo "1..0 # SKIP $corpus/realworld not present"
  exit 0
fi
command -v "$py" >/dev/null 2>&1 || { echo "1..0 # SKIP python3 not installed"; exit 0; }
exec "$py" "$top_srcdir/tests/realworld.py" "$BIBCONV" "$corpus" "$top_srcdir/tests/data/csl-data.json"
