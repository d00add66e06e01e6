#!/bin/sh
# loader.sh: broken modules are reported, each with its own reason, and
# the others still load.
. "${top_srcdir:?}/tests/lib.sh"
B="$BIBCONV"
BR="$top_builddir/tests/broken"
PL="$top_builddir/plugins"

run 3 "broken modules give exit 3" "$B" --plugin-dir "$PL" --plugin-dir "$BR" --list-formats
has "$TMP/err" "bad-magic.so: error: cannot load plugin: bad magic number" "bad magic"
has "$TMP/err" "old-abi.so: error: cannot load plugin: built for plugin ABI 0.0, this bibconv has ABI 1.0; rebuild it" "old ABI"
has "$TMP/err" "no-descriptor.so: error: cannot load plugin: no bcv_plugin descriptor (symbol no_descriptor_LTX_bcv_plugin)" "missing descriptor symbol"
has "$TMP/err" "undefined-symbol.so: error: cannot load plugin:" "unresolved function"
has "$TMP/err" "undefined symbol: bcv_test_no_such_function" "with the loader's real reason"
has "$TMP/err" "wrong-name.so: error: cannot load plugin: descriptor names the module 'some-other-name' but the file is 'wrong-name'" "name mismatch"
has "$TMP/err" "dup-format.so: error: cannot load plugin: format 'csl-json' is already provided by" "duplicate format"
[ "$(grep -c 'cannot load plugin' "$TMP/err")" -eq 6 ]
ok $? "exactly six failures"
has "$TMP/out" "csl-json     rw" "the good module still loads"

run 3 "conversion still runs beside broken modules (exit 3)" \
  "$B" --plugin-dir "$PL" --plugin-dir "$BR" -t csl-json "$top_srcdir/tests/golden/csl-json/names.json"
cmp -s "$TMP/out" "$top_srcdir/tests/golden/csl-json/names.csl-json.expected"
ok $? "and its output is complete"

BIBCONV_PLUGIN_PATH="$BR" run 3 "BIBCONV_PLUGIN_PATH is searched" "$B" --list-formats
BIBCONV_PLUGIN_PATH="relative/dir" run 0 "a relative path entry" "$B" --list-formats
has "$TMP/err" "plugin path entry 'relative/dir' is not absolute; ignored" "is refused with a warning"

# Never the current directory: from inside the module directory, with no
# other path, nothing is found.
(cd "$PL/.libs" && BIBCONV_PLUGIN_SYSTEM_PATH= "$B" -t csl-json /dev/null) >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ]
ok $? "modules in the current directory are not loaded"
has "$TMP/err" "none (no plugins found; see --plugin-dir)" "and the user is told where to look"

if command -v nm >/dev/null 2>&1; then
  syms=$(nm -D --defined-only "$PL/.libs/csl-json.so" | awk '$2 ~ /^[A-Z]$/ {print $3}' | grep -v '^_' | sort | tr '\n' ' ')
  [ "$syms" = "csl_json_LTX_bcv_plugin " ]
  ok $? "the module exports only its descriptor ($syms)"
  bad=$(nm -D --defined-only "$top_builddir/src/lib/.libs/libbibconv.so" | awk '$2 ~ /^[TDRB]$/ {print $3}' | grep -v '^bcv_[a-z]' | grep -v '^_' | tr '\n' ' ')
  [ -z "$bad" ]
  ok $? "libbibconv exports only bcv_ symbols ($bad)"
else
  echo "ok - exports # SKIP nm not found"
fi
finish
