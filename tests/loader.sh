#!/bin/sh
# loader.sh: broken modules are reported, each with its own reason, and
# the others still load.
. "${top_srcdir:?}/tests/lib.sh"
B="$BIBCONV"
BR="$top_builddir/tests/broken"
PL="$top_builddir/plugins"

run 3 "broken modules give exit 3" "$B" --plugin-dir "$PL" --plugin-dir "$BR" --list-formats
has "$TMP/err" "bad-magic.so: error: cannot load plugin: bad magic number" "bad magic"
has "$TMP/err" "old-abi.so: error: cannot load plugin: built for plugin ABI 0.0, this bibconv has ABI 1.1; rebuild it" "old ABI"
has "$TMP/err" "no-descriptor.so: error: cannot load plugin: no bcv_plugin descriptor (symbol no_descriptor_LTX_bcv_plugin)" "missing descriptor symbol"
has "$TMP/err" "undefined-symbol.so: error: cannot load plugin:" "unresolved function"
has "$TMP/err" "undefined symbol: bcv_test_no_such_function" "with the loader's real reason"
has "$TMP/err" "wrong-name.so: error: cannot load plugin: descriptor names the module 'some-other-name' but the file is 'wrong-name'" "name mismatch"
has "$TMP/err" "dup-format.so: error: cannot load plugin: format 'csl-json' is already provided by" "duplicate format"
[ "$(grep -c 'cannot load plugin' "$TMP/err")" -eq 6 ]
ok $? "exactly six failures"
grep -Eq '^csl-json +rw ' "$TMP/out"
ok $? "the good module still loads"

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
[ $? -eq 3 ]
ok $? "modules in the current directory are not loaded (exit 3: no module at all)"
has "$TMP/err" "bibconv: error: no format module found; looked in no directory (\$BIBCONV_PLUGIN_SYSTEM_PATH is empty" "and the user is told where it looked"

# A module anyone could have replaced is not opened (its constructors
# would run): neither in a directory writable by others nor writable
# itself.  The test module's constructor leaves a mark when it runs.
mkdir "$TMP/pub"
cp "$top_builddir/tests/ctor/.libs/ctor.so" "$TMP/pub/"
chmod 755 "$TMP/pub" && chmod 644 "$TMP/pub/ctor.so"
for how in "777 644 directory writable by anyone" "775 644 directory writable by its group" \
  "755 666 module file writable by anyone" "755 664 module file writable by its group"; do
  set -- $how
  chmod "$1" "$TMP/pub" && chmod "$2" "$TMP/pub/ctor.so"
  d=$1
  shift 2
  rm -f "$TMP/mark"
  BCV_TEST_MARK="$TMP/mark" BIBCONV_PLUGIN_PATH="$TMP/pub" run 3 "a $* is refused" "$B" --list-formats
  [ ! -e "$TMP/mark" ]
  ok $? "before it is opened"
  case $d in
  755) has "$TMP/err" "ctor.so: error: cannot load plugin: the file $TMP/pub/ctor.so is writable by" "the user is told which file and why" ;;
  *) has "$TMP/err" "error: cannot load plugins: the directory $TMP/pub is writable by" "the user is told which directory and why" ;;
  esac
  grep -q '^ctor ' "$TMP/out"
  [ $? -ne 0 ]
  ok $? "and its format is not offered"
done
if [ "$(id -u)" -eq 0 ] && chown nobody "$TMP/pub/ctor.so" 2>/dev/null; then
  rm -f "$TMP/mark"
  BCV_TEST_MARK="$TMP/mark" BIBCONV_PLUGIN_PATH="$TMP/pub" run 3 "a module file owned by another user is refused" "$B" --list-formats
  [ ! -e "$TMP/mark" ]
  ok $? "before it is opened"
  has "$TMP/err" "is owned by uid $(id -u nobody), neither you nor root" "and the owner is named"
  chown 0 "$TMP/pub/ctor.so"
else
  ok 0 "a module of another user # SKIP not root"
fi
chmod 1777 "$TMP/pub" && chmod 644 "$TMP/pub/ctor.so"
BIBCONV_PLUGIN_PATH="$TMP/pub" run 3 "a sticky world-writable directory (like /tmp) is refused too" "$B" --list-formats
chmod 755 "$TMP/pub" && rm -f "$TMP/mark"
BCV_TEST_MARK="$TMP/mark" BIBCONV_PLUGIN_PATH="$TMP/pub" run 0 "the same module, safe, loads" "$B" --list-formats
[ -e "$TMP/mark" ] && grep -q '^ctor ' "$TMP/out"
ok $? "and its constructor ran (so the test above sees it)"

if command -v nm >/dev/null 2>&1; then
  syms=$(nm -D --defined-only "$PL/.libs/csl-json.so" | awk '$2 ~ /^[A-Z]$/ {print $3}' | grep -v '^_' | sort | tr '\n' ' ')
  [ "$syms" = "csl_json_LTX_bcv_plugin " ]
  ok $? "the module exports only its descriptor ($syms)"
  bad=$(nm -D --defined-only "$top_builddir/src/lib/.libs/libbibconv.so" | awk '$2 ~ /^[TDRB]$/ {print $3}' | grep -v '^bcv_[a-z]' | grep -v '^_' | tr '\n' ' ')
  [ -z "$bad" ]
  ok $? "libbibconv exports only bcv_ symbols ($bad)"
  # src/lib/libbibconv.map: each one under the interface's version node,
  # and the modules linked against it record that version
  if command -v objdump >/dev/null 2>&1; then
    unversioned=$(objdump -T "$top_builddir/src/lib/.libs/libbibconv.so" | awk '/ bcv_/ && $(NF-1) != "BIBCONV_0" {print $NF}' | tr '\n' ' ')
    n=$(objdump -T "$top_builddir/src/lib/.libs/libbibconv.so" | grep -c ' BIBCONV_0 *bcv_')
    [ -z "$unversioned" ] && [ "$n" -gt 100 ]
    ok $? "libbibconv's $n symbols are versioned BIBCONV_0 (not: $unversioned)"
    objdump -T "$PL/.libs/csl-json.so" | grep -q '(BIBCONV_0) *bcv_'
    ok $? "a module records the version of what it uses"
  else
    echo "ok - symbol versions # SKIP objdump not found"
  fi
else
  echo "ok - exports # SKIP nm not found"
fi
finish
