#!/bin/sh
# check.sh: build and run the whole test suite twice, as it is and under
# AddressSanitizer + UndefinedBehaviorSanitizer, then print one line
# "N passed, N failed".  Exit status 0 only when nothing failed.
cd "$(dirname "$0")/.." || exit 1
status=0
for flavour in plain sanitizers; do
  if [ $flavour = plain ]; then dir=_build; flags=; else dir=_build-asan; flags=--enable-sanitizers; fi
  echo "check: $flavour build in $dir/" >&2
  BUILD_DIR=$dir CONFIGURE_FLAGS=$flags sh tests/setup-debian.sh || { status=1; continue; }
  make -s -C "$dir" -j"$(nproc 2>/dev/null || echo 2)" check >"$dir/check.log" 2>&1 || status=1
  grep -E '^(FAIL|ERROR|XPASS):' "$dir/check.log" >&2
  grep -E '^# (TOTAL|PASS|SKIP|FAIL|ERROR):' "$dir/check.log" | sed "s/^/check: $flavour: /" >&2
done
passed=$(cat _build/tests/*.trs _build/tests/unit/*.trs _build-asan/tests/*.trs _build-asan/tests/unit/*.trs 2>/dev/null | grep -c '^:test-result: PASS')
failed=$(cat _build/tests/*.trs _build/tests/unit/*.trs _build-asan/tests/*.trs _build-asan/tests/unit/*.trs 2>/dev/null | grep -cE '^:test-result: (FAIL|ERROR|XPASS)')
skipped=$(cat _build/tests/*.trs _build/tests/unit/*.trs _build-asan/tests/*.trs _build-asan/tests/unit/*.trs 2>/dev/null | grep -c '^:test-result: SKIP')
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
