#!/bin/sh
# run-golden.sh: every tests/golden/<from>/NAME.<ext> converted to each format
# with a NAME.<to>.expected file must give exactly that output (and that
# stderr and exit status).  REGEN=1 rewrites the expected files instead.
# TO may carry a variant, NAME.<to>+VARIANT.expected, for the same input
# through one writer with other options (NAME.<to>+VARIANT.args).  A folder
# whose inputs are another reader's (tests/golden/gbt7714, a writer only)
# names that reader in its file FROM.  GOLDEN_DIR names another folder of
# such folders: a module's own, built out of tree (examples/plugin).
. "${top_srcdir:?}/tests/lib.sh"
golden=$(cd "${GOLDEN_DIR:-$top_srcdir/tests/golden}" && pwd) || exit 1
for dir in "$golden"/*/; do
  from=$(basename "$dir")
  [ -f "$dir/FROM" ] && from=$(cat "$dir/FROM")
  cd "$dir"
  for exp in *.expected; do
    [ -e "$exp" ] || continue
    stem=${exp%.expected}         # NAME.TO
    to=${stem##*.}
    name=${stem%.*}
    input=
    for f in "$name".*; do
      case $f in *.expected|*.stderr|*.rc|*.args) ;; *) input=$f ;; esac
    done
    wantrc=0
    [ -f "$stem.rc" ] && wantrc=$(cat "$stem.rc")
    # NAME.TO.args: writer or reader options for this case ("-O front")
    args=
    [ -f "$stem.args" ] && args=$(cat "$stem.args")
    # shellcheck disable=SC2086 # options are words
    "$BIBCONV" -f "$from" -t "${to%%+*}" $args "$input" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ "${REGEN:-}" = 1 ]; then
      cp "$TMP/out" "$exp"
      if [ -s "$TMP/err" ]; then cp "$TMP/err" "$stem.stderr"; else rm -f "$stem.stderr"; fi
      if [ "$rc" -ne 0 ]; then echo "$rc" >"$stem.rc"; else rm -f "$stem.rc"; fi
      ok 0 "$from/$input -> $to regenerated"
      continue
    fi
    st=0
    cmp -s "$TMP/out" "$exp" || st=1
    ok $st "$from/$input -> $to: output as expected"
    [ $st -eq 0 ] || diff -u "$exp" "$TMP/out" | head -40 | sed 's/^/# /'
    if [ -f "$stem.stderr" ]; then want_err="$stem.stderr"; else want_err=/dev/null; fi
    st=0
    cmp -s "$TMP/err" "$want_err" || st=1
    ok $st "$from/$input -> $to: diagnostics as expected"
    [ $st -eq 0 ] || diff -u "$want_err" "$TMP/err" | head -20 | sed 's/^/# /'
    [ "$rc" -eq "$wantrc" ]
    ok $? "$from/$input -> $to: exit status $wantrc"
  done
done
finish
