#!/bin/sh
# run.sh: speed and peak memory of bibconv on generated inputs.  Not a
# test: it prints figures.  Run from a build: make bench, or sh bench/run.sh
# after tests/setup-debian.sh.
#   BENCH_MB   size of the CSL-JSON array (default 1024; 100 for a quick run)
#   BENCH_BIB  entries in the BibTeX file (default 100000)
#   BENCH_SCALE  record counts of the scaling tables (default
#              "10000 100000 1000000"; add 10000000 for the full table, about
#              6 GB of BibTeX in BENCH_DIR and an hour of CPU); "" skips them
#   BENCH_TABLES which of them (default "records dedupe shapes")
#   BENCH_PAIRS  the conversions of the records table ("ris:bibtex ...";
#              default bibtex into every writer, every reader into csl-json)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$top/_build}
mb=${BENCH_MB:-1024}
nbib=${BENCH_BIB:-100000}
py=/usr/bin/python3
[ -x "$py" ] || py=python3
work=${BENCH_DIR:-${TMPDIR:-/tmp}/bibconv-bench}
mkdir -p "$work"
csl="$work/csl-$mb.json"
bib="$work/bib-$nbib.bib"
[ -s "$csl" ] || "$py" "$here/gen-csl.py" "$mb" >"$csl"
[ -s "$bib" ] || "$py" "$here/gen-bib.py" "$nbib" >"$bib"
# the same entries in the other formats, made by bibconv itself
export BIBCONV_PLUGIN_SYSTEM_PATH="$build/plugins"
for f in ris jats cnki; do
  [ -s "$bib.$f" ] || "$build/bibconv" -q -f bibtex -t "$f" "$bib" >"$bib.$f"
done
"$py" - "$build/bibconv" "$csl" "$bib" <<'PY'
import os, sys, time
exe, csl, bib = sys.argv[1:4]
cases = [("csl-json", "csl-json", csl), ("bibtex", "csl-json", bib),
         ("bibtex", "biblatex", bib), ("bibtex", "bibtex", bib),
         ("bibtex", "ris", bib), ("bibtex", "jats", bib), ("bibtex", "cnki", bib),
         ("ris", "csl-json", bib + ".ris"), ("jats", "csl-json", bib + ".jats"),
         ("cnki", "csl-json", bib + ".cnki")]
status = 0
for src, dst, path in cases:
    size = os.path.getsize(path)
    t0 = time.time()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.execv(exe, [exe, "-q", "-f", src, "-t", dst, path])
    _, st, ru = os.wait4(pid, 0)
    dt = time.time() - t0
    rc = os.waitstatus_to_exitcode(st)
    status |= rc
    # CPU time as well as wall time: on a shared machine the wall clock
    # also measures the neighbours
    cpu = ru.ru_utime + ru.ru_stime
    print("%-8s -> %-8s %7.0f MB in %6.2f s = %6.1f MB/s (CPU %5.2f s = %6.1f MB/s), peak RSS %5.1f MB, exit %d"
          % (src, dst, size / 1e6, dt, size / 1e6 / dt, cpu, size / 1e6 / max(cpu, 1e-9),
             ru.ru_maxrss / 1024, rc))
sys.exit(1 if status else 0)
PY
# how time and memory grow with the number of records, every reader and
# writer, and the shapes that once were quadratic
scale=${BENCH_SCALE-10000 100000 1000000}
if [ -n "$scale" ]; then
  # shellcheck disable=SC2086 # the sizes are words
  "$py" "$here/scale.py" "$build/bibconv" "$work" $scale
fi
