#!/bin/sh
# setup-debian.sh: install what bibconv needs on Debian 12 (only what is
# missing; apt-get as root, or through sudo), then build it in _build/.
# The build log goes to _build/build.log; only a failure prints it.
set -e
cd "$(dirname "$0")/.."
pkgs="gcc make autoconf automake libtool libltdl-dev pkg-config libjansson-dev libxml2-dev libicu-dev libxml2-utils python3 python3-jsonschema python3-yaml time groff-base"
missing=
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "setup: installing$missing" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
build=${BUILD_DIR:-_build}
mkdir -p "$build"
log="$build/build.log"
if ! {
  { [ -x configure ] || ./autogen.sh; } &&
    cd "$build" && { [ -f Makefile ] || ../configure $CONFIGURE_FLAGS; } &&
    make -j"$(nproc 2>/dev/null || echo 2)"
} >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "setup: build failed; the whole log is in $log" >&2
  exit 1
fi
echo "setup: built in $build/" >&2
