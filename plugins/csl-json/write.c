/* SPDX-License-Identifier: MIT */
/* write.c: the CSL-JSON writer.
 *
 * Output is an array of items, each validating against CSL 1.0.2's
 * csl-data.json: only schema keys at the top level and in name and date
 * objects; whatever the model holds beyond that goes to the item's
 * "custom" object (see csl-json.h), never to an invented key.  Keys come
 * in a fixed order: id, type, then the variables in ASCII order (as pandoc
 * writes them), then custom.  Two-space indentation, UTF-8, "\n".
 *
 * The JSON text is written here, into a buffer that goes to the output
 * whenever it fills: building a jansson tree per record and dumping it
 * was half the time of a BibTeX to CSL-JSON run.  The layout is the one
 * jansson's JSON_INDENT(2) gives, and jansson still writes the extras
 * that hold JSON text, so both read alike. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csl-json.h"

#define BUF_SIZE (64 * 1024)
#define MAX_DEPTH 16 /* the deepest the writer nests: item, custom, names, a name's alt */
#define SKIP SIZE_MAX

typedef struct key_ix {
  const char *key;
  size_t ix;
} key_ix;

typedef struct writer {
  bcv_output *out;
  bcv_diag *diag;
  unsigned long n;
  unsigned long generated;
  int failed;
  /* JSON text not yet handed to the output */
  char buf[BUF_SIZE];
  size_t len;
  /* open containers; has[d] says whether depth d has a member yet */
  int depth;
  unsigned char has[MAX_DEPTH];
  /* the record's fields sorted by variable, and the counting sort's buckets */
  const bcv_field **sorted;
  size_t sorted_cap;
  size_t bucket[BCV_VAR_COUNT + 2];
  /* scratch for members written once per key, and per-language groups */
  key_ix *keys;
  size_t *plan;
  const char **names;
  const void **vals;
  size_t scratch_cap;
} writer;

/* ---- the JSON text ---- */

static void flush(writer *w) {
  if (w->len && !w->failed && bcv_output_write(w->out, w->buf, w->len))
    w->failed = 1;
  w->len = 0;
}

static void put(writer *w, const void *s, size_t n) {
  if (n > BUF_SIZE - w->len) {
    flush(w);
    if (n > BUF_SIZE) { /* a long abstract: straight through */
      if (!w->failed && bcv_output_write(w->out, s, n))
        w->failed = 1;
      return;
    }
  }
  memcpy(w->buf + w->len, s, n);
  w->len += n;
}

static void putc_(writer *w, char c) {
  if (w->len == BUF_SIZE)
    flush(w);
  w->buf[w->len++] = c;
}

#define PUTS(w, lit) put((w), (lit), sizeof(lit) - 1)

/* A newline and the indent of depth, in one copy (depth < MAX_DEPTH). */
static void newline(writer *w, int depth) {
  static const char nl[] = "\n                                ";
  _Static_assert(sizeof nl - 2 >= 2 * MAX_DEPTH, "indent for every depth");
  put(w, nl, 1 + 2 * (size_t)depth);
}

/* The length of the valid UTF-8 sequence at p (jansson's rules: no
 * overlong forms, surrogates or code points past U+10FFFF), 0 if none. */
static size_t utf8_len(const unsigned char *p) {
  unsigned c = p[0];
  if (c >= 0xC2 && c <= 0xDF)
    return (p[1] & 0xC0) == 0x80 ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80 ? 4 : 0;
  }
  return 0;
}

/* A string's body, escaped as jansson escapes it.  The core hands us
 * UTF-8, but a byte that is not is written as U+FFFD rather than making
 * the whole file invalid JSON. */
static void escaped(writer *w, const char *s) {
  /* 1: ASCII written as it is (all but controls, '"' and '\\') */
  static const unsigned char as_is[256] = {[0x20 ... 0x21] = 1, [0x23 ... 0x5B] = 1,
                                           [0x5D ... 0x7F] = 1};
  const unsigned char *p = (const unsigned char *)s, *run = p;
  for (;;) {
    while (as_is[*p])
      p++;
    unsigned c = *p;
    size_t l = c >= 0x80 ? utf8_len(p) : 0;
    if (l) {
      p += l;
      continue;
    }
    put(w, run, (size_t)(p - run));
    if (!c)
      return;
    static const char hex[] = "0123456789ABCDEF";
    char e[6] = {'\\', 'u', '0', '0', hex[c >> 4 & 0xF], hex[c & 0xF]};
    switch (c) {
    case '"': PUTS(w, "\\\""); break;
    case '\\': PUTS(w, "\\\\"); break;
    case '\b': PUTS(w, "\\b"); break;
    case '\f': PUTS(w, "\\f"); break;
    case '\n': PUTS(w, "\\n"); break;
    case '\r': PUTS(w, "\\r"); break;
    case '\t': PUTS(w, "\\t"); break;
    default:
      if (c < 0x20)
        put(w, e, sizeof e);
      else
        PUTS(w, "\xEF\xBF\xBD");
    }
    run = ++p;
  }
}

static void string(writer *w, const char *s) {
  putc_(w, '"');
  escaped(w, s);
  putc_(w, '"');
}

static void integer(writer *w, long long v) {
  char d[24], *e = d + sizeof d, *p = e;
  unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
  do
    *--p = (char)('0' + u % 10);
  while (u /= 10);
  if (v < 0)
    *--p = '-';
  put(w, p, (size_t)(e - p));
}

/* Before a member of the innermost container: the comma and the indent. */
static void member(writer *w) {
  if (w->has[w->depth])
    putc_(w, ',');
  w->has[w->depth] = 1;
  newline(w, w->depth);
}

/* A key the writer names itself (a CSL variable, "family"): plain ASCII. */
static void key(writer *w, const char *k) {
  member(w);
  putc_(w, '"');
  put(w, k, strlen(k));
  PUTS(w, "\": ");
}

/* A key from the record (an extra's, a language tag): escaped. */
static void ukey(writer *w, const char *k) {
  member(w);
  string(w, k);
  PUTS(w, ": ");
}

static void push(writer *w, char c) {
  putc_(w, c);
  w->depth++;
  w->has[w->depth] = 0;
}

static void pop(writer *w, char c) {
  if (w->has[w->depth])
    newline(w, w->depth - 1);
  putc_(w, c);
  w->depth--;
}

/* An extra holding JSON text goes out as that JSON (laid out by jansson,
 * then indented to where it stands); anything else as a string. */
static void extra_value(writer *w, const char *value, unsigned flags) {
  if (flags & BCV_EXTRA_JSON) {
    json_t *j = json_loads(value, JSON_DECODE_ANY, NULL);
    char *s = j ? json_dumps(j, JSON_ENCODE_ANY | JSON_INDENT(2) | JSON_REAL_PRECISION(17)) : NULL;
    json_decref(j);
    if (s) {
      /* jansson's strings hold no raw newline: each one starts a line */
      const char *from = s, *nl;
      while ((nl = strchr(from, '\n'))) {
        put(w, from, (size_t)(nl - from));
        newline(w, w->depth);
        from = nl + 1;
      }
      put(w, from, strlen(from));
      free(s);
      return;
    }
  }
  string(w, value);
}

/* ---- members written once per key ---- */

static int grow_scratch(writer *w, size_t n) {
  if (n <= w->scratch_cap)
    return 1;
  size_t cap = w->scratch_cap ? w->scratch_cap : 16;
  while (cap < n)
    cap *= 2;
  key_ix *k = realloc(w->keys, cap * sizeof *k);
  if (k)
    w->keys = k;
  size_t *p = realloc(w->plan, cap * sizeof *p);
  if (p)
    w->plan = p;
  const char **nm = realloc(w->names, cap * sizeof *nm);
  if (nm)
    w->names = nm;
  const void **v = realloc(w->vals, cap * sizeof *v);
  if (v)
    w->vals = v;
  if (!k || !p || !nm || !v)
    return 0;
  w->scratch_cap = cap;
  return 1;
}

static int by_key(const void *a, const void *b) {
  const key_ix *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  return c ? c : x->ix < y->ix ? -1 : x->ix > y->ix;
}

/* Which of n members, keyed w->names[0..n), to write: a key given more
 * than once is written once, where it first came, with its last value
 * (what a jansson object did).  w->plan[i] is the member whose value goes
 * at i's place, or SKIP.  Sorting keeps a hostile record's 100k extras
 * n log n. */
static void plan_members(writer *w, size_t n) {
  for (size_t i = 0; i < n; i++)
    w->plan[i] = i;
  if (n < 2)
    return;
  for (size_t i = 0; i < n; i++)
    w->keys[i] = (key_ix){w->names[i], i};
  qsort(w->keys, n, sizeof *w->keys, by_key);
  for (size_t a = 0, b; a < n; a = b) {
    for (b = a + 1; b < n && strcmp(w->keys[b].key, w->keys[a].key) == 0; b++)
      w->plan[w->keys[b].ix] = SKIP;
    w->plan[w->keys[a].ix] = w->keys[b - 1].ix;
  }
}

/* ---- values ---- */

/* Values tagged with the record's language (or untagged) are the CSL
 * value; values in other languages go to custom.multi._keys. */
static int is_primary(const char *lang, const char *rec_lang, const char *first_lang) {
  if (!lang)
    return 1;
  if (rec_lang && strcmp(lang, rec_lang) == 0)
    return 1;
  return first_lang && strcmp(lang, first_lang) == 0;
}

static void date_json(writer *w, const bcv_date *d) {
  push(w, '{');
  int exotic = (d->flags & (BCV_DATE_OPEN_START | BCV_DATE_OPEN_END | BCV_DATE_UNCERTAIN)) != 0;
  if (d->from.parts && !exotic) {
    key(w, "date-parts");
    push(w, '[');
    const bcv_date_part *ends[2] = {&d->from, &d->to};
    for (int e = 0; e < ((d->flags & BCV_DATE_RANGE) && d->to.parts ? 2 : 1); e++) {
      member(w);
      push(w, '[');
      member(w), integer(w, ends[e]->year);
      if (ends[e]->parts >= 2)
        member(w), integer(w, ends[e]->month);
      if (ends[e]->parts >= 3)
        member(w), integer(w, ends[e]->day);
      pop(w, ']');
    }
    pop(w, ']');
    if (d->season)
      key(w, "season"), integer(w, d->season);
    if (d->flags & BCV_DATE_CIRCA)
      key(w, "circa"), PUTS(w, "true");
  } else if (d->from.parts || (d->flags & BCV_DATE_OPEN_START)) {
    /* Open ranges and uncertainty have no date-parts form; CSL takes the
     * EDTF string in "raw". */
    char buf[96];
    bcv_date_format_edtf(d, buf, sizeof buf);
    key(w, "raw"), string(w, buf);
  }
  if (d->literal)
    key(w, "literal"), string(w, d->literal);
  pop(w, '}');
}

static const char *custom_key(const char *key) {
  return strncmp(key, CSL_NS, strlen(CSL_NS)) == 0 ? key + strlen(CSL_NS) : key;
}

static int is_parse_names(const bcv_pair *p) { return strcmp(p->key, CSL_NS "parse-names") == 0; }

static void name_parts(writer *w, const bcv_name *n) {
  if (n->family)
    key(w, "family"), string(w, n->family);
  if (n->given)
    key(w, "given"), string(w, n->given);
  if (n->dropping_particle)
    key(w, "dropping-particle"), string(w, n->dropping_particle);
  if (n->non_dropping_particle)
    key(w, "non-dropping-particle"), string(w, n->non_dropping_particle);
  if (n->suffix)
    key(w, "suffix"), string(w, n->suffix);
  if (n->literal)
    key(w, "literal"), string(w, n->literal);
}

static void name_json(writer *w, const bcv_name *n) {
  push(w, '{');
  name_parts(w, n);
  if (n->flags & BCV_NAME_COMMA_SUFFIX)
    key(w, "comma-suffix"), PUTS(w, "true");
  if (n->flags & BCV_NAME_STATIC_ORDER)
    key(w, "static-ordering"), PUTS(w, "true");
  const bcv_pair *pn = NULL;
  for (const bcv_pair *p = n->extras; p; p = p->next)
    if (is_parse_names(p))
      pn = p; /* the last one, as a second set replaced the first */
  if (pn)
    key(w, "parse-names"), extra_value(w, pn->value, pn->flags);
  if (!n->family && !n->given && !n->literal)
    key(w, "literal"), PUTS(w, "\"\"");
  pop(w, '}');
}

/* A Han family name already says "family first"; other eastern-order
 * names (pinyin "DU Li") need saying. */
static int says_eastern(const bcv_name *n) {
  return (n->flags & BCV_NAME_EASTERN) && !(n->family && bcv_utf8_is_han(n->family, strlen(n->family)));
}

/* Whether CSL's name object leaves something of n for custom.names. */
static int has_custom(const bcv_name *n) {
  if (n->affiliations || n->lang || n->alt || says_eastern(n))
    return 1;
  for (const bcv_pair *p = n->extras; p; p = p->next)
    if (!is_parse_names(p))
      return 1;
  return 0;
}

/* What CSL's name object cannot hold: custom.names.VAR[i]. */
static int name_custom(writer *w, const bcv_record *r, const bcv_name *n) {
  push(w, '{');
  if (n->affiliations) {
    key(w, "affiliation");
    push(w, '[');
    for (const bcv_affil *f = n->affiliations; f; f = f->next)
      member(w), string(w, f->text);
    pop(w, ']');
  }
  if (n->lang)
    key(w, "lang"), string(w, n->lang);
  if (says_eastern(n))
    key(w, "eastern"), PUTS(w, "true");
  if (n->alt) {
    key(w, "alt");
    push(w, '[');
    for (const bcv_name *a = n->alt; a; a = a->alt) {
      member(w);
      push(w, '{');
      name_parts(w, a);
      if (a->lang)
        key(w, "lang"), string(w, a->lang);
      if (says_eastern(a))
        key(w, "eastern"), PUTS(w, "true");
      if (a->flags & BCV_NAME_GENERATED) /* -I pinyin's, not the input's */
        key(w, "generated"), PUTS(w, "true");
      pop(w, '}');
    }
    pop(w, ']');
  }
  size_t k = 0;
  for (const bcv_pair *p = n->extras; p; p = p->next)
    k += !is_parse_names(p);
  if (!grow_scratch(w, k))
    return BCV_ENOMEM;
  k = 0;
  for (const bcv_pair *p = n->extras; p; p = p->next)
    if (!is_parse_names(p))
      w->names[k] = custom_key(p->key), w->vals[k++] = p;
  plan_members(w, k);
  for (size_t i = 0; i < k; i++) {
    const bcv_pair *p = w->vals[i];
    const char *ck = w->names[i];
    if (w->plan[i] == SKIP ||
        (n->affiliations && strcmp(ck, "affiliation") == 0) || (n->lang && strcmp(ck, "lang") == 0) ||
        (n->alt && strcmp(ck, "alt") == 0) || (says_eastern(n) && strcmp(ck, "eastern") == 0)) {
      bcv_diag_dropped(w->diag, r, "csl-json", p->key);
      continue;
    }
    const bcv_pair *v = w->vals[w->plan[i]];
    ukey(w, ck), extra_value(w, v->value, v->flags);
  }
  pop(w, '}');
  return BCV_OK;
}

/* One CSL string of a variable's primary values, joined ("1742-5689;
 * 1742-5662"). */
static void joined(writer *w, const bcv_field **f, size_t n, const char *rec_lang,
                   const char *first_lang, const char *sep) {
  putc_(w, '"');
  int any = 0;
  for (size_t i = 0; i < n; i++) {
    if (!is_primary(f[i]->lang, rec_lang, first_lang))
      continue;
    if (any++)
      put(w, sep, strlen(sep));
    escaped(w, f[i]->text);
  }
  putc_(w, '"');
}

static const char *text_sep(bcv_var v) { return v == BCV_VAR_KEYWORD ? ", " : "; "; }

/* When no value is in the record's language, the language of the first
 * value is taken for the CSL variable (NULL otherwise). */
static const char *first_lang_of(const bcv_field **f, size_t n, const char *rec_lang) {
  for (size_t i = 0; i < n; i++)
    if (is_primary(f[i]->lang, rec_lang, NULL))
      return NULL;
  return f[0]->lang;
}

static void text_var(writer *w, const bcv_field **f, size_t n, const char *rec_lang) {
  bcv_var v = f[0]->var;
  const char *first_lang = first_lang_of(f, n, rec_lang);
  key(w, bcv_var_name(v));
  if (v == BCV_VAR_CATEGORIES) {
    push(w, '[');
    for (size_t i = 0; i < n; i++)
      if (is_primary(f[i]->lang, rec_lang, first_lang))
        member(w), string(w, f[i]->text);
    pop(w, ']');
  } else {
    joined(w, f, n, rec_lang, first_lang, text_sep(v));
  }
}

/* Whether a variable's values need custom.multi. */
static int needs_multi(const bcv_field **f, size_t n, const char *rec_lang) {
  const char *first_lang = first_lang_of(f, n, rec_lang);
  if (first_lang && f[0]->var != BCV_VAR_CATEGORIES)
    return 1;
  for (size_t i = 0; i < n; i++)
    if (!is_primary(f[i]->lang, rec_lang, first_lang))
      return 1;
  return 0;
}

/* custom.multi._keys.VAR: the language the CSL variable got, when it is
 * not the record's (so it is not taken for the record's language when
 * read back), then every other language, in the order they first come. */
static int multi_var(writer *w, const bcv_field **f, size_t n, const char *rec_lang) {
  bcv_var v = f[0]->var;
  const char *first_lang = first_lang_of(f, n, rec_lang), *sep = text_sep(v);
  key(w, bcv_var_name(v));
  push(w, '{');
  /* a categories array has no one string to name */
  if (first_lang && v != BCV_VAR_CATEGORIES)
    ukey(w, first_lang), joined(w, f, n, rec_lang, first_lang, sep);
  if (!grow_scratch(w, n))
    return BCV_ENOMEM;
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (!is_primary(f[i]->lang, rec_lang, first_lang))
      w->keys[k++] = (key_ix){f[i]->lang, i};
  /* group by language (sorted: no quadratic scan of a hostile record's
   * many languages); a group is written where its first value stands,
   * its values in record order (the sort's second key) */
  qsort(w->keys, k, sizeof *w->keys, by_key);
  size_t *head = w->plan; /* head[i]: 1 + the group's start in keys, when value i begins one */
  for (size_t i = 0; i < n; i++)
    head[i] = 0;
  for (size_t a = 0, b; a < k; a = b) {
    for (b = a + 1; b < k && strcmp(w->keys[b].key, w->keys[a].key) == 0; b++)
      ;
    head[w->keys[a].ix] = a + 1;
  }
  for (size_t i = 0; i < n; i++) {
    if (!head[i])
      continue;
    ukey(w, f[i]->lang);
    putc_(w, '"');
    const char *lang = f[i]->lang;
    for (size_t g = head[i] - 1; g < k && strcmp(w->keys[g].key, lang) == 0; g++) {
      if (g > head[i] - 1)
        put(w, sep, strlen(sep));
      escaped(w, f[w->keys[g].ix]->text);
    }
    putc_(w, '"');
  }
  pop(w, '}');
  return BCV_OK;
}

/* ---- citation keys for records without an id ---- */

/* The core's key with a running number, so that ids are unique without
 * a set: "deng2021congzheng-1"; "item-1" when there is nothing to make
 * a key of. */
static void make_id(writer *w, const bcv_record *r, char *buf, size_t n) {
  size_t k = bcv_record_key(r, buf, n);
  if (k == 0)
    k = (size_t)snprintf(buf, n, "item");
  w->generated++;
  snprintf(buf + k, n - k, "-%lu", w->generated);
}

/* ---- items ---- */

/* The fields by variable, extras first, each variable's values in record
 * order: a counting sort, linear however many fields a record has. */
static int sort_fields(writer *w, const bcv_record *r, size_t *count) {
  size_t nf = bcv_record_field_count(r);
  if (nf > w->sorted_cap) {
    const bcv_field **ns = realloc(w->sorted, nf * sizeof *ns);
    if (!ns)
      return BCV_ENOMEM;
    w->sorted = ns;
    w->sorted_cap = nf;
  }
  size_t *b = w->bucket; /* b[var + 1]: extras (var -1) in bucket 0 */
  memset(b, 0, sizeof w->bucket);
  size_t k = 0;
  for (const bcv_field *f = bcv_record_fields(r); f && k < nf; f = f->next, k++)
    b[f->var + 2]++;
  for (size_t v = 1; v < BCV_VAR_COUNT + 2; v++)
    b[v] += b[v - 1];
  k = 0;
  for (const bcv_field *f = bcv_record_fields(r); f && k < nf; f = f->next, k++)
    w->sorted[b[f->var + 1]++] = f;
  *count = k;
  return BCV_OK;
}

/* The extras' place in custom.  A key the writer itself fills there this
 * time (etal, names, multi) is the writer's; an extra that loses its key
 * to it or to a later extra is reported by its own key. */
static int custom_extras(writer *w, const bcv_record *r, const bcv_field **x, size_t n, int etal,
                         int names, int multi) {
  if (!grow_scratch(w, n))
    return BCV_ENOMEM;
  for (size_t i = 0; i < n; i++)
    w->names[i] = custom_key(x[i]->key);
  plan_members(w, n);
  for (size_t i = 0; i < n; i++) {
    const char *ck = w->names[i];
    if (w->plan[i] == SKIP || (etal && strcmp(ck, CSL_ETAL) == 0) || (names && strcmp(ck, CSL_NAMES) == 0) ||
        (multi && strcmp(ck, CSL_MULTI) == 0)) {
      bcv_diag_dropped(w->diag, r, "csl-json", x[i]->key);
      continue;
    }
    const bcv_field *v = x[w->plan[i]];
    ukey(w, ck), extra_value(w, v->text, v->flags);
  }
  return BCV_OK;
}

static int w_write(void *state, const bcv_record *r) {
  writer *w = state;
  size_t k;
  int rc = sort_fields(w, r, &k);
  if (rc != BCV_OK)
    return rc;
  const bcv_field **s = w->sorted;
  const char *id = bcv_record_id(r);
  char idbuf[BCV_KEY_SIZE + 24];
  if (!id) {
    make_id(w, r, idbuf, sizeof idbuf);
    id = idbuf;
    bcv_diag_report(w->diag, BCV_SEV_NOTE, NULL, bcv_record_line(r), bcv_record_column(r),
                    "record has no id; wrote '%s'", id);
  }
  const char *rec_lang = bcv_record_lang(r);
  member(w);
  push(w, '{');
  key(w, "id"), string(w, id);
  key(w, "type"), string(w, bcv_type_name(bcv_record_type(r)));

  /* The variables, one key each; note what custom will need. */
  size_t extras = 0;
  int etal = 0, names = 0, multi = 0;
  for (size_t i = 0, j; i < k; i = j) {
    const bcv_field *f = s[i];
    for (j = i + 1; j < k && s[j]->var == f->var; j++)
      ;
    if (f->kind == BCV_FIELD_EXTRA) {
      extras = j - i;
    } else if (f->kind == BCV_FIELD_NAMES) {
      key(w, bcv_var_name(f->var));
      push(w, '[');
      for (const bcv_name *n = f->names; n; n = n->next) {
        member(w), name_json(w, n);
        names |= has_custom(n);
      }
      pop(w, ']');
      etal |= f->etal;
    } else if (f->kind == BCV_FIELD_DATE) {
      key(w, bcv_var_name(f->var)), date_json(w, f->date);
      for (size_t x = i + 1; x < j; x++)
        bcv_diag_dropped(w->diag, r, "csl-json", "a second date of the same variable");
    } else {
      text_var(w, s + i, j - i, rec_lang);
      multi |= needs_multi(s + i, j - i, rec_lang);
    }
  }

  /* custom: the extras, etal, names, multi */
  if (extras || etal || names || multi) {
    key(w, "custom");
    push(w, '{');
    rc = custom_extras(w, r, s, extras, etal, names, multi);
    if (etal) {
      key(w, CSL_ETAL);
      push(w, '[');
      for (size_t i = extras; i < k; i++)
        if (s[i]->kind == BCV_FIELD_NAMES && s[i]->etal)
          member(w), string(w, bcv_var_name(s[i]->var));
      pop(w, ']');
    }
    if (names) {
      key(w, CSL_NAMES);
      push(w, '{');
      for (size_t i = extras; i < k && rc == BCV_OK; i++) {
        int any = 0;
        for (const bcv_name *n = s[i]->names; s[i]->kind == BCV_FIELD_NAMES && n && !any; n = n->next)
          any = has_custom(n);
        if (!any)
          continue;
        key(w, bcv_var_name(s[i]->var));
        push(w, '[');
        for (const bcv_name *n = s[i]->names; n && rc == BCV_OK; n = n->next) {
          member(w);
          if (has_custom(n))
            rc = name_custom(w, r, n);
          else
            PUTS(w, "{}");
        }
        pop(w, ']');
      }
      pop(w, '}');
    }
    if (multi) {
      key(w, CSL_MULTI);
      push(w, '{');
      key(w, CSL_MULTI_KEYS);
      push(w, '{');
      for (size_t i = extras, j; i < k && rc == BCV_OK; i = j) {
        for (j = i + 1; j < k && s[j]->var == s[i]->var; j++)
          ;
        if (s[i]->kind == BCV_FIELD_TEXT && needs_multi(s + i, j - i, rec_lang))
          rc = multi_var(w, s + i, j - i, rec_lang);
      }
      pop(w, '}');
      pop(w, '}');
    }
    pop(w, '}');
  }
  pop(w, '}');
  w->n++;
  if (rc == BCV_OK && w->failed)
    rc = BCV_EIO;
  return rc;
}

static int w_begin(bcv_output *out, const bcv_options *opts, bcv_diag *diag, void **state) {
  writer *w = calloc(1, sizeof *w);
  if (!w)
    return BCV_ENOMEM;
  w->out = out;
  w->diag = diag;
  *state = w;
  push(w, '[');
  return BCV_OK;
}

static int w_end(void *state, int ok) {
  writer *w = state;
  int rc = BCV_OK;
  /* an empty array still takes two lines, as it always has */
  if (ok) {
    PUTS(w, "\n]\n");
    flush(w);
  }
  if (ok && w->failed)
    rc = BCV_EIO;
  free(w->sorted);
  free(w->keys);
  free(w->plan);
  free(w->names);
  free(w->vals);
  free(w);
  return rc;
}

const bcv_writer_ops csljson_writer = {w_begin, w_write, w_end, NULL};
