#!/bin/sh
# replay.sh: the inputs the fuzz harnesses once failed on
# (tests/fuzz/crashers/FORMAT/*) convert to every writer without a crash
# or a sanitizer report (exit 0 or 1).  Under the ASan+UBSan build this
# replays each finding as the harness found it.
. "${top_srcdir:?}/tests/lib.sh"
marks='ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:'
writers=$("$BIBCONV" --list-formats | awk 'NR > 1 && $0 !~ /^ / && $2 ~ /w$/ {print $1}')
for dir in "$top_srcdir"/tests/fuzz/crashers/*/; do
  [ -d "$dir" ] || continue
  fmt=$(basename "$dir")
  for f in "$dir"*; do
    [ -f "$f" ] || continue
    for to in $writers; do
      timeout 120 "$BIBCONV" -q -f "$fmt" -t "$to" "$f" >/dev/null 2>"$TMP/err"
      rc=$?
      [ $rc -le 1 ] && ! grep -qE "$marks" "$TMP/err"
      ok $? "$fmt/$(basename "$f") -> $to (exit $rc)"
    done
  done
done
[ $tap_n -gt 0 ] || ok 0 "no kept findings # SKIP tests/fuzz/crashers is empty"
finish
