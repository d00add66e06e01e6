# lib.sh: TAP helpers for the shell tests; sourced, not run.
# Needs BIBCONV, top_srcdir, top_builddir (set by make check).
set -u
: "${BIBCONV:?run through make check}"
tap_n=0
# the JATS Archiving 1.2 DTD, kept in the tree, for xmllint --dtdvalid
JATS_DTD=$top_srcdir/tests/jats-dtd/JATS-Archiving-1-2-MathML3-DTD/JATS-archivearticle1-mathml3.dtd
tap_failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/bcv-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

ok() { # ok STATUS DESCRIPTION
  tap_n=$((tap_n + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $tap_n - $2"
  else
    echo "not ok $tap_n - $2"
    tap_failed=$((tap_failed + 1))
  fi
}

# run EXPECTED_RC DESCRIPTION CMD...: run, capture stdout/stderr in
# $TMP/out and $TMP/err, and check the exit status.
run() {
  want=$1
  desc=$2
  shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  got=$?
  [ "$got" -eq "$want" ]
  st=$?
  ok $st "$desc (exit $want)"
  if [ $st -ne 0 ]; then
    echo "#   got exit $got; stderr:"
    sed 's/^/#   /' "$TMP/err" | head -20
  fi
}

# has FILE TEXT DESCRIPTION: FILE contains the fixed string TEXT.
has() {
  grep -qF -- "$2" "$1"
  st=$?
  ok $st "$3"
  if [ $st -ne 0 ]; then
    echo "#   '$2' not found in:"
    sed 's/^/#   /' "$1" | head -20
  fi
}

# skip DESCRIPTION REASON: a test point that could not run (TAP's SKIP
# directive), counted as skipped by make check, never as passed.
skip() {
  tap_n=$((tap_n + 1))
  echo "ok $tap_n - $1 # SKIP $2"
}

finish() {
  echo "1..$tap_n"
  [ "$tap_failed" -eq 0 ]
}

# citationjs: citation.js (an independent reader, used by the tests only
# as an oracle): its core and its BibTeX and RIS input plugins, from
# $CITATIONJS_DIR or installed once from the npm registry into
# $top_builddir/npm (one install at a time: tests run in parallel).
# Sets CJS to the directory holding node_modules; returns 1 without node
# or when the packages cannot be had.
citationjs() {
  command -v node >/dev/null 2>&1 || return 1
  CJS=${CITATIONJS_DIR:-$top_builddir/npm}
  cjs_have() {
    [ -d "$CJS/node_modules/@citation-js/plugin-ris" ] &&
      [ -d "$CJS/node_modules/@citation-js/plugin-bibtex" ]
  }
  cjs_have && return 0
  command -v npm >/dev/null 2>&1 && mkdir -p "$CJS" || return 1
  (
    command -v flock >/dev/null 2>&1 && { flock 9 || exit 1; }
    cjs_have || timeout 300 npm install --prefix "$CJS" --no-audit --no-fund --silent \
      @citation-js/core@0.7 @citation-js/plugin-ris@0.7 @citation-js/plugin-bibtex@0.7 \
      >"$TMP/npm.log" 2>&1
  ) 9>"$CJS/.lock"
  cjs_have
}
