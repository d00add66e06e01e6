#!/bin/sh
# run.sh SECONDS: run the fuzz harness once for every reader the build's
# modules offer, SECONDS each (make fuzz FUZZ_SECONDS=N).  Each reader's
# corpus starts from the goldens of its format and is
# kept in the build tree; its dictionary is tests/fuzz/dict/FORMAT.dict
# when there is one; the kept findings of tests/fuzz/crashers/FORMAT are
# run first.  Exit status 1 on any finding (crash, sanitizer report, leak,
# timeout); the input is kept in tests/fuzz/findings/FORMAT/ of the build.
# FUZZ_FORMATS (a list) limits the run to those readers.
set -u
secs=${1:-60}
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${top_builddir:-$(pwd)}
fz=$build/tests/fuzz
[ -x "$fz/fuzz-reader" ] || { echo "fuzz: $fz/fuzz-reader not built (configure CC=clang --enable-fuzzing)" >&2; exit 1; }
BIBCONV_PLUGIN_SYSTEM_PATH=$build/plugins
export BIBCONV_PLUGIN_SYSTEM_PATH
unset BIBCONV_PLUGIN_PATH BCV_FUZZ_FORMAT
# the formats with a reader
# ("(any)" is the row of the library's own options, not a reader)
list=$("$build/bibconv" --list-formats | awk 'NR > 1 && $0 !~ /^ / && $1 !~ /^\(/ && $2 ~ /^r/ {print $1}')
[ -n "$list" ] || { echo "fuzz: no readers found in $build/plugins" >&2; exit 1; }
status=0
echo "$list" | {
  while read -r fmt; do
    # FUZZ_FORMATS="ris jats": only those
    case " ${FUZZ_FORMATS:-$fmt} " in *" $fmt "*) ;; *) continue ;; esac
    ln -sf fuzz-reader "$fz/fuzz-$fmt"
    corpus=$fz/corpus/$fmt
    found=$fz/findings/$fmt
    mkdir -p "$corpus" "$found"
    seeds=$src/tests/golden/$fmt
    if [ -d "$seeds" ]; then
      for f in "$seeds"/*; do
        case $f in *.expected | *.stderr | *.rc | *.args | */README*) continue ;; esac
        [ -s "$f" ] && cp -n "$f" "$corpus/" 2>/dev/null
      done
    fi
    log=$fz/fuzz-$fmt.log
    : >"$log"
    kept=$src/tests/fuzz/crashers/$fmt
    if [ -d "$kept" ] && [ -n "$(ls -A "$kept")" ]; then
      "$fz/fuzz-$fmt" "$kept"/* >>"$log" 2>&1 || {
        echo "fuzz: $fmt: a kept finding of tests/fuzz/crashers/$fmt fails again (see $log)" >&2
        status=1
        continue
      }
    fi
    dict=
    [ -f "$src/tests/fuzz/dict/$fmt.dict" ] && dict=-dict=$src/tests/fuzz/dict/$fmt.dict
    # shellcheck disable=SC2086 # $dict is one word or none
    "$fz/fuzz-$fmt" -max_total_time="$secs" -max_len=16384 -timeout=25 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$found/" $dict "$corpus" >>"$log" 2>&1
    rc=$?
    done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(echo "$done_line" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$done_line" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    units=$(ls "$corpus" | wc -l)
    printf 'fuzz: %-10s %9s execs in %ss, cov %s, ft %s, corpus %s%s\n' "$fmt" "${execs:-?}" "$secs" \
      "${cov:-?}" "${ft:-?}" "$units" "$([ $rc -eq 0 ] || echo ', FINDING')"
    if [ $rc -ne 0 ]; then
      status=1
      grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|artifact_prefix|Test unit written)' "$log" | head -n 8 | sed 's/^/fuzz:   /' >&2
      echo "fuzz: $fmt: keep the input as a regression test: copy it into tests/fuzz/crashers/$fmt/" >&2
    fi
  done
  exit $status
}
