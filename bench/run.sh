#!/bin/sh
# run.sh: speed and peak memory of csl-json -> csl-json on a generated
# array (default 1024 MB; BENCH_MB=100 for a quick run).  Not a test: it
# prints figures.  Run from a build: make bench, or sh bench/run.sh after
# tests/setup-debian.sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$top/_build}
mb=${BENCH_MB:-1024}
py=/usr/bin/python3
[ -x "$py" ] || py=python3
work=${BENCH_DIR:-${TMPDIR:-/tmp}/bibconv-bench}
mkdir -p "$work"
input="$work/csl-$mb.json"
[ -s "$input" ] || "$py" "$here/gen-csl.py" "$mb" >"$input"
BIBCONV_PLUGIN_SYSTEM_PATH="$build/plugins" "$py" - "$build/bibconv" "$input" <<'PY'
import os, resource, subprocess, sys, time
exe, path = sys.argv[1], sys.argv[2]
size = os.path.getsize(path)
t0 = time.time()
with open(os.devnull, "w") as null:
    rc = subprocess.call([exe, "-q", "-f", "csl-json", "-t", "csl-json", path], stdout=null)
dt = time.time() - t0
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print("csl-json -> csl-json: %.0f MB in %.2f s = %.1f MB/s, peak RSS %.1f MB, exit %d"
      % (size / 1e6, dt, size / 1e6 / dt, rss, rc))
sys.exit(rc)
PY
