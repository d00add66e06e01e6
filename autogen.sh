#!/bin/sh
# Regenerate the build system (configure, Makefile.in, build-aux/) from git.
set -e
cd "$(dirname "$0")"
if ! command -v pkg-config >/dev/null 2>&1 || ! ls /usr/share/aclocal/pkg.m4 >/dev/null 2>&1; then
  echo "autogen.sh: pkg-config and its pkg.m4 are needed (Debian: apt-get install pkg-config)" >&2
  exit 1
fi
autoreconf -fi
