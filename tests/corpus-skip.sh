#!/bin/sh
# corpus-skip.sh: every test that reads ../shared (the corpus, which is not
# distributed) says SKIP when it is not there, so that a run without it is
# counted as skipped and never passes silently.  Each such test (any
# tests/*.sh naming shared/corpus) is run with the corpus unreachable: it
# must succeed and report a SKIP naming the missing path.
. "${top_srcdir:?}/tests/lib.sh"
gone="$TMP/no-such-dir/corpus"
# consumers.sh judges the goldens with every consumer in its own run; here
# only whether it runs and skips matters, so the fast consumers suffice
CONSUMERS=${CONSUMERS:-xmllint,bibtex,citation.js}
export CONSUMERS
for t in "$top_srcdir"/tests/*.sh; do
  name=$(basename "$t")
  [ "$name" = corpus-skip.sh ] && continue
  grep -q 'shared/corpus' "$t" || continue
  BIBCONV_CORPUS=$gone sh "$t" >"$TMP/tap" 2>"$TMP/err"
  st=$?
  ok $st "$name runs without the corpus"
  [ $st -eq 0 ] || grep '^not ok' "$TMP/tap" | head -5 | sed 's/^/#   /'
  grep -Eq "^(ok [0-9]+ .*|1\.\.0 )# SKIP .*$gone" "$TMP/tap"
  ok $? "$name reports what needed the corpus as skipped"
  # automake's TAP driver calls a result out of order an ERROR
  awk '/^(not )?ok [0-9]/ { num = $1 == "not" ? $3 : $2; if (num != ++n) bad = 1 } END { exit bad }' "$TMP/tap"
  ok $? "$name numbers its results in order"
done
[ "$tap_n" -ge 18 ]
ok $? "the tests that read the corpus were found ($((tap_n / 3)))"
finish
