#!/bin/sh
# bibutils.sh: bibutils reads what our writers write.  Each row of ROWS
# names one of our formats, the bibutils program that reads it into MODS,
# and how a record starts in our output; every golden input of every
# format is written in that format and given to the program: it must
# read every record (as many MODS records out) and say nothing but, for
# the types listed in the row, that it does not know the type (bibutils
# 7.2 knows fewer EndNote types than EndNote 20; README, EndNote).
# Skipped without bibutils.
. "${top_srcdir:?}/tests/lib.sh"

# format | program | a record's first line in our output (grep -E) |
# the types it does not know | the tags it has no place for (it says so)
ROWS='endnote|end2xml|^%0 |Dataset,Dictionary,Encyclopedia,Figure,Standard,Blog,Interview,Music,Classical Work,Legal Rule or Regulation,Pamphlet,Serial,Conference Paper,Electronic Article,Electronic Book,Electronic Book Section,Government Document,Unpublished Work,Ancient Text,Online Database,Aggregated Database,Online Multimedia,Catalog,Grant,Equation,Discussion Forum,Social Media,Multimedia Application,Podcast,Television Episode,Press Release|TRANSLATEDTITLE,ADDRESS:AUTHOR,ACCESSDATE,DATE:MONTH,DATE:DAY,DATABASE,LASTMODDATE,INTERNAL_TYPE'

g=$top_srcdir/tests/golden
while IFS='|' read -r fmt prog start unknown unused; do
  [ -n "$fmt" ] || continue
  if ! command -v "$prog" >/dev/null 2>&1; then
    ok 0 "$fmt: read by $prog # SKIP bibutils not installed"
    continue
  fi
  for f in "$g"/*/*; do
    case $f in *.expected | *.stderr | *.rc | *.args | */README*) continue ;; esac
    # hostile and malformed inputs are not what this checks
    case $f in */xxe.xml | */xxe-*.xml | */billion-laughs.xml | */empty.xml | */bad-* | */tolerance.*) continue ;; esac
    from=$(basename "$(dirname "$f")")
    "$BIBCONV" -q -f "$from" -t "$fmt" "$f" >"$TMP/out" 2>/dev/null
    want=$(grep -cE "$start" "$TMP/out")
    [ "$want" -gt 0 ] || continue
    "$prog" "$TMP/out" >"$TMP/mods" 2>"$TMP/err"
    rc=$?
    got=$(grep -c '<mods ID=' "$TMP/mods")
    # what it said, but for the types it does not know
    "${PYTHON3:-python3}" - "$TMP/err" "$unknown" "$prog" "$unused" >"$TMP/said" <<'PY'
import re, sys
err, unknown, prog, unused = sys.argv[1:5]
lines = open(err, encoding='utf-8', errors='replace').read().splitlines()
unknown, unused = set(unknown.split(',')), set(unused.split(','))
i = 0
while i < len(lines):
    l = lines[i]
    m = re.search(r"Did not recognize type '([^']*)'|Did not identify reference type '([^']*)'", l)
    if m and (m.group(1) or m.group(2)) in unknown:
        i += 2  # and its "Defaulting to ..." line
        continue
    if re.fullmatch(r"%s: Processed \d+ references\." % re.escape(prog), l):
        i += 1
        continue
    if re.match(r"%s: Reference \d+ has unused tags\." % re.escape(prog), l):
        # the block names the record, then each tag it did not use
        j = i + 1
        while j < len(lines) and lines[j].startswith(prog + ":   "):
            j += 1
        tags = re.findall(r"^%s:        '([^']*)'," % re.escape(prog), "\n".join(lines[i:j]), re.M)
        if tags and set(tags) <= unused:
            i = j
            continue
    print(l)
    i += 1
PY
    [ $rc -eq 0 ] && [ "$got" -eq "$want" ] && [ ! -s "$TMP/said" ]
    ok $? "${f#"$g"/} -> $fmt read by $prog: $want records (got $got), nothing said"
    [ -s "$TMP/said" ] && head -3 "$TMP/said" | sed 's/^/#   /'
  done
done <<ROWS
$ROWS
ROWS
finish
