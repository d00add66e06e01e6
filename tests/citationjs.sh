#!/bin/sh
# citationjs.sh: RIS written by bibconv, read by citation.js (an
# independent RIS reader, used here only as an oracle), gives the same
# titles, authors, years and containers as bibconv's own CSL-JSON.  Skipped
# (a "1..0 # SKIP" plan, exit 0) without node, or when citation.js is
# neither in $CITATIONJS_DIR nor installable from the npm registry
# (lib.sh's citationjs).
. "${top_srcdir:?}/tests/lib.sh"
command -v node >/dev/null 2>&1 || { echo "1..0 # SKIP node not installed"; exit 0; }
citationjs || { echo "1..0 # SKIP @citation-js (npm) not available"; exit 0; }
dir=$CJS

# One line per record: title | authors | year | container.  Names are
# compared as their words (RIS cannot mark a name as an institution, so
# "Barnes and Noble, Inc." comes back split at its comma, with the same
# words).  citation.js reads TT as the title (the spec means a translated
# title), so TT lines are left out of what it is given; it reads a
# conference's PY as the event's date and a newspaper's AU as reporters.
# RIS books, reports, web pages, datasets and the like have no container
# tag (a book's T2 is its series): bibconv keeps their container in a
# note, so it is not compared for them.  An open-start date has no year.
cat >"$TMP/oracle.js" <<'JS'
const { plugins } = require('@citation-js/core');
require('@citation-js/plugin-ris');
const text = require('fs').readFileSync(process.argv[2], 'utf8');
const noContainer = new Set(process.argv[3].split(','));
const words = a => (a.literal || [a['non-dropping-particle'], a.family, a.given, a['dropping-particle']].filter(Boolean).join(' '))
  .replace(/,/g, ' ').split(/\s+/).filter(Boolean).join(' ');
for (const d of plugins.input.chain(text, { forceType: '@ris/file', generateGraph: false })) {
  const date = d.issued || d['event-date'];
  const y = date && date['date-parts'] ? date['date-parts'][0][0] : '';
  const c = noContainer.has(d.type) ? '' : d['container-title'] || '';
  let names = d.author || d.reporter || [];
  if (typeof names === 'string') names = [{ literal: names }];
  console.log([d.title || '', names.map(words).join('; '), y, c].join(' | '));
}
JS
cat >"$TMP/ours.py" <<'PY'
import json, re, sys
no_container = set(sys.argv[2].split(','))
# RIS has no markup: the writer leaves CSL's tags out
tags = re.compile(r'</?(?:i|b|sc|sup|sub)>|<span class="nocase">|<span style="font-variant:small-caps;">|</span>')
def plain(s):
    return tags.sub('', s)
def words(a):
    s = a.get('literal') or ' '.join(x for x in [a.get('non-dropping-particle'), a.get('family'), a.get('given'), a.get('dropping-particle')] if x)
    return ' '.join(plain(s).replace(',', ' ').split())
for d in json.load(open(sys.argv[1])):
    dt = d.get('issued', {})
    y = dt['date-parts'][0][0] if dt.get('date-parts') and dt['date-parts'][0] else ''
    if y == '' and dt.get('raw'):
        m = re.match(r'(\d{4})', dt['raw'])
        y = int(m.group(1)) if m else ''
    c = '' if d['type'] in no_container else d.get('container-title', '')
    print(' | '.join([plain(d.get('title', '')), '; '.join(words(a) for a in d.get('author', [])), str(y), plain(c)]))
PY
# CSL types whose RIS code (map.c) has no container tag
nocont=book,report,webpage,software,map,manuscript,classic,entry,collection,dataset,graphic,figure,personal_communication,standard,hearing,legal_case,regulation,interview,treaty
for f in "$top_srcdir"/tests/golden/bibtex/*.bib "$top_srcdir"/tests/golden/csl-json/*.json \
         "$top_srcdir"/tests/golden/cnki/*.txt "$top_srcdir"/tests/golden/ris/*.ris; do
  name=$(basename "$f")
  # one item of every CSL type: citation.js reads AU as a sponsor, director
  # or composer for some of them; it is there for the type table (README, RIS)
  [ "$name" = all-types.json ] && continue
  "$BIBCONV" -q -t csl-json "$f" >"$TMP/ours.json" 2>/dev/null || continue
  "$BIBCONV" -q -t ris "$f" >"$TMP/out.ris" 2>/dev/null
  "${PYTHON3:-python3}" "$TMP/ours.py" "$TMP/ours.json" "$nocont" >"$TMP/want" 2>/dev/null
  grep -v '^TT  - ' "$TMP/out.ris" >"$TMP/no-tt.ris"
  NODE_PATH="$dir/node_modules" node "$TMP/oracle.js" "$TMP/no-tt.ris" "$nocont" >"$TMP/got" 2>"$TMP/err"
  cmp -s "$TMP/want" "$TMP/got"
  st=$?
  ok $st "$name -> ris read by citation.js: same titles, authors, years, containers"
  [ $st -eq 0 ] || diff "$TMP/want" "$TMP/got" | head -10 | sed 's/^/# /'
done
finish
