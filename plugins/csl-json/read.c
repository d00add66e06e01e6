/* SPDX-License-Identifier: MIT */
/* read.c: the CSL-JSON reader.
 *
 * It streams: a small scanner splits the top-level array into items
 * (tracking strings and nesting only), and jansson decodes one item at a
 * time, so memory stays at the size of the largest item however long the
 * array.  A bad item is reported at its line and column and skipped. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csl-json.h"

#define MAX_ITEM (64u * 1024 * 1024) /* bytes in one item */
#define MAX_DEPTH 512                /* nesting inside one item */
/* Values in one item: jansson's tree takes 160 to 250 bytes a value, so
 * 64 MiB of "[]," would take 3 GB; this keeps an item within ~125 MB,
 * and real items (a Crossref work citing thousands) hold tens of
 * thousands. */
#define MAX_VALUES 500000
/* The item buffer kept from one item to the next. */
#define BUF_KEEP (1u << 20)
/* A string longer than this is decoded out of the item's text (see
 * struct big_string). */
#define BIG_STRING (256u * 1024)
/* The placeholder left in the text: U+F8FF (private use) "bcv", the
 * reader's nonce and the string's index, which no real value matches. */
#define BIG_MARK "\xef\xa3\xbf" "bcv"

typedef struct reader {
  bcv_input *in;
  bcv_diag *diag;
  int started, single, finished, need_comma, saw_comma;
  char *buf;
  size_t len, cap;
  size_t taken; /* bytes the last take_value consumed (len stays 0 when not kept) */
  /* Strings of the current item longer than BIG_STRING, decoded out of
   * buf as the scanner meets their end (buf keeps a placeholder), so that
   * jansson never holds a second and third copy of a 50 MB abstract. */
  struct big_string {
    char *p;
    size_t len;
  } *bigs;
  size_t n_bigs, cap_bigs;
  long line, col; /* where the current item starts */
} reader;

static int r_open(bcv_input *in, const bcv_options *opts, bcv_diag *diag, void **state) {
  reader *r = calloc(1, sizeof *r);
  if (!r)
    return BCV_ENOMEM;
  r->in = in;
  r->diag = diag;
  *state = r;
  return BCV_OK;
}

static void free_bigs(reader *r) {
  for (size_t i = 0; i < r->n_bigs; i++)
    free(r->bigs[i].p);
  r->n_bigs = 0;
}

static void r_close(void *state) {
  reader *r = state;
  free(r->buf);
  free_bigs(r);
  free(r->bigs);
  free(r);
}

static void err_at(reader *r, long line, long col, const char *msg) {
  bcv_diag_report(r->diag, BCV_SEV_ERROR, NULL, line, col, "%s", msg);
}

/* Skip white space; returns the next byte without consuming it, or -1. */
static int peek_nonspace(reader *r) {
  for (;;) {
    size_t n;
    const char *c = bcv_input_chunk(r->in, &n);
    if (!c || n == 0)
      return -1;
    size_t i = 0;
    while (i < n && (c[i] == ' ' || c[i] == '\t' || c[i] == '\n'))
      i++;
    bcv_input_advance(r->in, i);
    if (i < n)
      return (unsigned char)c[i];
  }
}

static int append(reader *r, const char *p, size_t n) {
  if (r->len + n > MAX_ITEM)
    return 0;
  if (r->len + n + 1 > r->cap) {
    size_t nc = r->cap ? r->cap : 4096;
    while (nc < r->len + n + 1)
      nc *= 2;
    char *nb = realloc(r->buf, nc);
    if (!nb)
      return 0;
    r->buf = nb;
    r->cap = nc;
  }
  memcpy(r->buf + r->len, p, n);
  r->len += n;
  r->buf[r->len] = '\0';
  return 1;
}

static int hex4(const char *p, unsigned *v) {
  *v = 0;
  for (int i = 0; i < 4; i++) {
    char c = p[i];
    unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                 : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                 : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;
    if (d > 15)
      return 0;
    *v = *v << 4 | d;
  }
  return 1;
}

/* Decode the body of a JSON string (between its quotes) into a new buffer,
 * as jansson would.  0 when it is not valid JSON (a bad escape, a control
 * character, a lone surrogate): then it stays in the text for jansson to
 * report. */
static int decode_string(const char *s, size_t n, struct big_string *out) {
  char *d = malloc(n + 1);
  if (!d)
    return 0;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20)
      goto bad;
    if (c != '\\') {
      d[k++] = (char)c;
      continue;
    }
    if (++i >= n)
      goto bad;
    unsigned u, lo;
    switch (s[i]) {
    case '"': d[k++] = '"'; break;
    case '\\': d[k++] = '\\'; break;
    case '/': d[k++] = '/'; break;
    case 'b': d[k++] = '\b'; break;
    case 'f': d[k++] = '\f'; break;
    case 'n': d[k++] = '\n'; break;
    case 'r': d[k++] = '\r'; break;
    case 't': d[k++] = '\t'; break;
    case 'u':
      if (n - i < 5 || !hex4(s + i + 1, &u))
        goto bad;
      i += 4;
      if (u >= 0xDC00 && u <= 0xDFFF)
        goto bad;
      if (u >= 0xD800 && u <= 0xDBFF) { /* a pair: \uD83D\uDE00, six bytes out of twelve */
        if (n - i < 7 || s[i + 1] != '\\' || s[i + 2] != 'u' || !hex4(s + i + 3, &lo) || lo < 0xDC00 ||
            lo > 0xDFFF)
          goto bad;
        i += 6;
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
      }
      if (u == 0) /* jansson refuses NUL without JSON_ALLOW_NUL */
        goto bad;
      if (u < 0x80) {
        d[k++] = (char)u;
      } else if (u < 0x800) {
        d[k++] = (char)(0xC0 | u >> 6);
        d[k++] = (char)(0x80 | (u & 0x3F));
      } else if (u < 0x10000) {
        d[k++] = (char)(0xE0 | u >> 12);
        d[k++] = (char)(0x80 | (u >> 6 & 0x3F));
        d[k++] = (char)(0x80 | (u & 0x3F));
      } else {
        d[k++] = (char)(0xF0 | u >> 18);
        d[k++] = (char)(0x80 | (u >> 12 & 0x3F));
        d[k++] = (char)(0x80 | (u >> 6 & 0x3F));
        d[k++] = (char)(0x80 | (u & 0x3F));
      }
      break;
    default:
      goto bad;
    }
  }
  d[k] = '\0';
  out->p = d;
  out->len = k;
  return 1;
bad:
  free(d);
  return 0;
}

/* The string whose body starts at r->buf + off and runs to the end of buf
 * is long: keep it decoded aside and leave its placeholder in buf. */
static void set_aside(reader *r, size_t off) {
  struct big_string b;
  if (r->n_bigs == r->cap_bigs) {
    size_t nc = r->cap_bigs ? 2 * r->cap_bigs : 8;
    struct big_string *nb = realloc(r->bigs, nc * sizeof *nb);
    if (!nb)
      return; /* then jansson decodes it, at three times the memory */
    r->bigs = nb;
    r->cap_bigs = nc;
  }
  if (!decode_string(r->buf + off, r->len - off, &b))
    return;
  r->len = off;
  r->bigs[r->n_bigs++] = b;
  char mark[64];
  int m = snprintf(mark, sizeof mark, BIG_MARK "%lx:%zu", (unsigned long)(uintptr_t)r, r->n_bigs - 1);
  append(r, mark, (size_t)m);
}

/* The string set aside that e is the placeholder of, as a new jansson
 * string (its copy freed), or NULL when e is not one. */
static json_t *big_of(reader *r, json_t *e) {
  unsigned long nonce;
  size_t idx;
  if (!json_is_string(e) || strncmp(json_string_value(e), BIG_MARK, sizeof BIG_MARK - 1) != 0 ||
      sscanf(json_string_value(e) + sizeof BIG_MARK - 1, "%lx:%zu", &nonce, &idx) != 2 ||
      nonce != (unsigned long)(uintptr_t)r || idx >= r->n_bigs || !r->bigs[idx].p)
    return NULL;
  json_t *v = json_stringn_nocheck(r->bigs[idx].p, r->bigs[idx].len);
  free(r->bigs[idx].p);
  r->bigs[idx].p = NULL;
  return v;
}

/* Put the strings set aside back into jansson's tree of the item, in place
 * of their placeholders. */
static void restore_bigs(reader *r, json_t *v) {
  size_t i;
  const char *k;
  json_t *e, *big;
  void *tmp;
  if (json_is_object(v)) {
    json_object_foreach_safe(v, tmp, k, e) {
      if ((big = big_of(r, e)))
        json_object_set_new_nocheck(v, k, big);
      else
        restore_bigs(r, e);
    }
  } else if (json_is_array(v)) {
    json_array_foreach(v, i, e) {
      if ((big = big_of(r, e)))
        json_array_set_new(v, i, big);
      else
        restore_bigs(r, e);
    }
  }
}

/* Consume one JSON value starting at the current byte into r->buf.
 * Returns 1 when the value is complete, 0 at end of input inside it.
 * *too_big / *too_deep / *too_many tell that it was not kept whole. */
static int take_value(reader *r, int *too_big, int *too_deep, int *too_many) {
  int depth = 0, in_str = 0, esc = 0, scalar = -1;
  size_t values = 0; /* each '{', '[' and ',' starts one */
  size_t str_off = 0; /* where the open string's body starts in buf */
  r->len = 0;
  r->taken = 0;
  free_bigs(r);
  *too_big = *too_deep = *too_many = 0;
  for (;;) {
    size_t n;
    const char *c = bcv_input_chunk(r->in, &n);
    if (!c || n == 0)
      return scalar == 1 && depth == 0;
    size_t i = 0, end = n, base = r->len;
    int done = 0, aside = 0;
    for (; i < n; i++) {
      char ch = c[i];
      if (scalar < 0)
        scalar = !(ch == '{' || ch == '[');
      if (in_str) {
        if (esc) {
          esc = 0;
        } else if (ch == '\\') {
          esc = 1;
        } else if (ch == '"') {
          if (base + i - str_off > BIG_STRING && !scalar) {
            /* take the body into buf, set it aside, and come back to
             * this quote with the placeholder in its place */
            end = i;
            aside = 1;
            break;
          }
          in_str = 0;
        }
        continue;
      }
      if (ch == '"') {
        in_str = 1;
        str_off = base + i + 1;
      } else if (ch == '{' || ch == '[') {
        if (++depth > MAX_DEPTH)
          *too_deep = 1;
        if (++values > MAX_VALUES)
          *too_many = 1;
      } else if (ch == ',' && depth > 0) {
        if (++values > MAX_VALUES)
          *too_many = 1;
      } else if (ch == '}' || ch == ']') {
        if (depth == 0) { /* end of a scalar, at the array's close */
          end = i;
          done = 1;
          break;
        }
        if (--depth == 0 && !scalar) {
          end = i + 1;
          done = 1;
          break;
        }
      } else if (scalar && depth == 0 && (ch == ',' || ch == ' ' || ch == '\n' || ch == '\t')) {
        end = i;
        done = 1;
        break;
      }
    }
    if (!*too_big && !*too_deep && !*too_many && !append(r, c, end))
      *too_big = 1;
    bcv_input_advance(r->in, end);
    r->taken += end;
    if (aside && !*too_big && !*too_deep && !*too_many) {
      set_aside(r, str_off);
      str_off = r->len; /* done with: the quote comes again */
    }
    if (done)
      return 1;
  }
}

/* ---- JSON item -> record ---- */

typedef struct conv {
  reader *rd;
  bcv_record *rec;
  long line, col;
  const char *id;
} conv;

static void warn(conv *cv, const char *fmt, const char *a, const char *b) {
  char msg[600];
  snprintf(msg, sizeof msg, fmt, a, b);
  bcv_diag_report(cv->rd->diag, BCV_SEV_WARNING, NULL, cv->line, cv->col, "%s%s%s%s", cv->id ? "item '" : "",
                  cv->id ? cv->id : "", cv->id ? "': " : "", msg);
}

/* A scalar as text: strings as they are, numbers printed. */
static int scalar_text(json_t *v, char *buf, size_t n, const char **out) {
  if (json_is_string(v)) {
    *out = json_string_value(v);
    return 1;
  }
  if (json_is_integer(v)) {
    snprintf(buf, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    *out = buf;
    return 1;
  }
  if (json_is_real(v)) {
    snprintf(buf, n, "%.15g", json_real_value(v));
    *out = buf;
    return 1;
  }
  return 0;
}

static int add_extra_json(conv *cv, const char *key, json_t *v) {
  char full[300];
  snprintf(full, sizeof full, "%s%s", strchr(key, '.') ? "" : CSL_NS, key);
  if (json_is_string(v))
    return bcv_record_add_extra(cv->rec, full, json_string_value(v), json_string_length(v), 0);
  char *dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
  if (!dump)
    return BCV_ENOMEM;
  int rc = bcv_record_add_extra(cv->rec, full, dump, strlen(dump), BCV_EXTRA_JSON);
  free(dump);
  return rc;
}

/* A JSON value as a name extra: strings as they are, anything else as
 * compact JSON text.  Keys without a namespace get csl.'s. */
static void add_name_extra_json(conv *cv, bcv_name *n, const char *key, json_t *e) {
  char full[300];
  snprintf(full, sizeof full, "%s%s", strchr(key, '.') ? "" : CSL_NS, key);
  if (json_is_string(e)) {
    bcv_name_add_extra(cv->rec, n, full, json_string_value(e), 0);
    return;
  }
  char *dump = json_dumps(e, JSON_COMPACT | JSON_ENCODE_ANY);
  if (dump)
    bcv_name_add_extra(cv->rec, n, full, dump, BCV_EXTRA_JSON);
  free(dump);
}

/* keyword is one string in CSL, a list in the model: split it. */
static void add_keywords(conv *cv, const char *lang, const char *s) {
  while (*s) {
    size_t k = strcspn(s, ",;");
    bcv_record_add_text(cv->rec, BCV_VAR_KEYWORD, lang, s, k);
    s += k;
    if (*s)
      s++;
  }
}

static void add_text_value(conv *cv, bcv_var v, const char *key, const char *lang, json_t *val) {
  char num[64];
  const char *s;
  if (json_is_null(val))
    return;
  if (json_is_array(val)) {
    size_t i;
    json_t *e;
    json_array_foreach(val, i, e) {
      if (!json_is_array(e) && !json_is_object(e))
        add_text_value(cv, v, key, lang, e);
      else
        warn(cv, "'%s' holds a nested value; kept in custom", key, NULL), add_extra_json(cv, key, val);
    }
    return;
  }
  if (!scalar_text(val, num, sizeof num, &s)) {
    warn(cv, "'%s' should be a string; kept in custom", key, NULL);
    add_extra_json(cv, key, val);
    return;
  }
  if (v == BCV_VAR_KEYWORD)
    add_keywords(cv, lang, s);
  else
    bcv_record_add_text(cv->rec, v, lang, s, strlen(s));
}

static int truthy(json_t *v) {
  if (json_is_string(v)) {
    const char *s = json_string_value(v);
    return *s && strcmp(s, "0") != 0 && strcmp(s, "false") != 0;
  }
  return json_is_true(v) || (json_is_integer(v) && json_integer_value(v) != 0);
}

static int season_of(json_t *v) {
  static const char *const names[] = {"spring", "summer", "autumn", "winter"};
  if (json_is_integer(v)) {
    json_int_t k = json_integer_value(v);
    return k >= 1 && k <= 4 ? (int)k : k >= 21 && k <= 24 ? (int)k - 20 : 0;
  }
  if (json_is_string(v)) {
    const char *s = json_string_value(v);
    if (s[0] >= '1' && s[0] <= '4' && !s[1])
      return s[0] - '0';
    for (int i = 0; i < 4; i++)
      if (strcasecmp(s, names[i]) == 0)
        return i + 1;
    if (strcasecmp(s, "fall") == 0)
      return 3;
  }
  return 0;
}

/* One date-parts array into p.  Returns 0 when it holds no usable year. */
static int date_part(conv *cv, const char *key, json_t *arr, bcv_date_part *p, int *season) {
  size_t n = json_array_size(arr);
  if (n > 3)
    warn(cv, "date '%s' has more than 3 parts; the rest is ignored", key, NULL);
  int vals[3] = {0, 0, 0};
  size_t got = 0;
  for (size_t i = 0; i < n && i < 3; i++) {
    json_t *e = json_array_get(arr, i);
    long long x;
    char *end;
    if (json_is_integer(e)) {
      x = json_integer_value(e);
    } else if (json_is_string(e) && *json_string_value(e)) {
      x = strtoll(json_string_value(e), &end, 10);
      if (*end)
        return 0;
    } else {
      break;
    }
    if (x < -999999 || x > 999999)
      return 0;
    vals[got++] = (int)x;
  }
  if (got == 0)
    return 0;
  p->year = vals[0];
  p->parts = 1;
  if (got >= 2) {
    int m = vals[1];
    if (m >= 13 && m <= 16) /* CSL's seasons in the month slot */
      *season = m - 12;
    else if (m >= 21 && m <= 24) /* EDTF's */
      *season = m - 20;
    else if (m >= 1 && m <= 12) {
      p->month = m;
      p->parts = 2;
      if (got == 3 && vals[2] >= 1 && vals[2] <= 31) {
        p->day = vals[2];
        p->parts = 3;
      }
    } else {
      return 0;
    }
  }
  return 1;
}

static void add_date(conv *cv, bcv_var v, const char *key, json_t *val) {
  bcv_date d;
  memset(&d, 0, sizeof d);
  const char *raw = NULL;
  if (json_is_string(val)) {
    raw = json_string_value(val);
  } else if (json_is_integer(val)) {
    d.from.year = (int)json_integer_value(val);
    d.from.parts = 1;
  } else if (json_is_object(val)) {
    const char *k;
    json_t *e;
    int bad_parts = 0;
    json_object_foreach(val, k, e) {
      if (strcmp(k, "date-parts") == 0) {
        size_t n = json_array_size(e);
        json_t *a0 = json_array_get(e, 0), *a1 = json_array_get(e, 1);
        if (n < 1 || !json_is_array(a0) || !date_part(cv, key, a0, &d.from, &d.season)) {
          bad_parts = 1;
        } else if (n >= 2 && json_is_array(a1) && json_array_size(a1) > 0) {
          int s2 = 0;
          if (date_part(cv, key, a1, &d.to, &s2))
            d.flags |= BCV_DATE_RANGE;
          else
            bad_parts = 1;
        }
      } else if (strcmp(k, "season") == 0) {
        d.season = season_of(e);
        if (!d.season)
          warn(cv, "date '%s' has a season CSL does not know; ignored", key, NULL);
      } else if (strcmp(k, "circa") == 0) {
        if (truthy(e))
          d.flags |= BCV_DATE_CIRCA;
      } else if (strcmp(k, "literal") == 0 && json_is_string(e)) {
        d.literal = json_string_value(e);
      } else if (strcmp(k, "raw") == 0 && json_is_string(e)) {
        raw = json_string_value(e);
      } else {
        warn(cv, "date '%s': unknown key '%s' ignored", key, k);
      }
    }
    if (bad_parts && !raw && !d.literal) {
      warn(cv, "date '%s' has empty or unusable date-parts; date ignored", key, NULL);
      return;
    }
  } else if (!json_is_null(val)) {
    warn(cv, "date '%s' is neither an object nor a string; ignored", key, NULL);
    return;
  }
  if (raw && !d.from.parts) {
    bcv_date p;
    if (bcv_date_parse_edtf(raw, strlen(raw), &p) == BCV_OK) {
      p.flags |= d.flags;
      if (!p.season)
        p.season = d.season;
      p.literal = d.literal;
      d = p;
    } else if (!d.literal) {
      d.literal = raw;
    }
  }
  if (d.from.parts || d.literal || (d.flags & BCV_DATE_OPEN_START))
    bcv_record_add_date(cv->rec, v, &d);
}

/* A CSL name object (or a bare string, taken as a literal name). */
static bcv_name *add_name(conv *cv, bcv_var v, const char *key, json_t *val) {
  bcv_name n;
  memset(&n, 0, sizeof n);
  if (json_is_string(val)) {
    n.literal = json_string_value(val);
    return bcv_record_add_name(cv->rec, v, &n);
  }
  if (!json_is_object(val)) {
    warn(cv, "a name in '%s' is not an object; ignored", key, NULL);
    return NULL;
  }
  const char *k;
  json_t *e;
  json_object_foreach(val, k, e) {
    const char **slot = strcmp(k, "family") == 0                  ? &n.family
                        : strcmp(k, "given") == 0                 ? &n.given
                        : strcmp(k, "dropping-particle") == 0     ? &n.dropping_particle
                        : strcmp(k, "non-dropping-particle") == 0 ? &n.non_dropping_particle
                        : strcmp(k, "suffix") == 0                ? &n.suffix
                        : strcmp(k, "literal") == 0               ? &n.literal
                                                                  : NULL;
    if (slot && json_is_string(e) && json_string_length(e))
      *slot = json_string_value(e);
    else if (strcmp(k, "comma-suffix") == 0 && truthy(e))
      n.flags |= BCV_NAME_COMMA_SUFFIX;
    else if (strcmp(k, "static-ordering") == 0 && truthy(e))
      n.flags |= BCV_NAME_STATIC_ORDER;
  }
  if (n.family && bcv_utf8_is_han(n.family, strlen(n.family)))
    n.flags |= BCV_NAME_EASTERN;
  bcv_name *stored = bcv_record_add_name(cv->rec, v, &n);
  if (!stored)
    return NULL;
  /* Everything else about the name (Crossref's affiliation, ORCID,
   * sequence; parse-names) is kept on the name. */
  json_object_foreach(val, k, e) {
    if (strcmp(k, "affiliation") == 0 && json_is_array(e)) {
      size_t i;
      json_t *a;
      json_array_foreach(e, i, a) {
        json_t *nm = json_is_object(a) ? json_object_get(a, "name") : a;
        if (json_is_string(nm) && json_string_length(nm))
          bcv_name_add_affiliation(cv->rec, stored, json_string_value(nm), json_string_length(nm));
      }
    } else if (strcmp(k, "family") && strcmp(k, "given") && strcmp(k, "dropping-particle") &&
               strcmp(k, "non-dropping-particle") && strcmp(k, "suffix") && strcmp(k, "literal") &&
               strcmp(k, "comma-suffix") && strcmp(k, "static-ordering")) {
      add_name_extra_json(cv, stored, k, e);
    }
  }
  return stored;
}

static void add_names(conv *cv, bcv_var v, const char *key, json_t *val) {
  if (json_is_array(val)) {
    size_t i;
    json_t *e;
    json_array_foreach(val, i, e) add_name(cv, v, key, e);
  } else if (json_is_string(val) || json_is_object(val)) {
    warn(cv, "'%s' should be an array of names; read as one name", key, NULL);
    add_name(cv, v, key, val);
  } else if (!json_is_null(val)) {
    warn(cv, "'%s' is not a name list; kept in custom", key, NULL);
    add_extra_json(cv, key, val);
  }
}

static void add_var(conv *cv, const char *key, const char *lang, json_t *val) {
  bcv_var v = bcv_var_from_name(key, strlen(key));
  if (v == BCV_VAR_NONE) {
    add_extra_json(cv, key, val);
    return;
  }
  switch (bcv_var_kind(v)) {
  case BCV_KIND_NAMES: add_names(cv, v, key, val); break;
  case BCV_KIND_DATE: add_date(cv, v, key, val); break;
  default: add_text_value(cv, v, key, lang, val); break;
  }
}

/* One other-language form from custom.names: a JSON object of name parts. */
static int alt_from_json(json_t *a, bcv_name *alt) {
  if (!json_is_object(a))
    return 0;
  memset(alt, 0, sizeof *alt);
  json_t *x;
#define GET(f, key_)                                                                     \
  if ((x = json_object_get(a, key_)) && json_is_string(x) && json_string_length(x)) \
    alt->f = json_string_value(x);
  GET(family, "family") GET(given, "given") GET(literal, "literal")
  GET(dropping_particle, "dropping-particle")
  GET(non_dropping_particle, "non-dropping-particle") GET(suffix, "suffix")
  GET(lang, "lang")
#undef GET
  if ((x = json_object_get(a, "eastern")) && truthy(x))
    alt->flags |= BCV_NAME_EASTERN;
  if ((x = json_object_get(a, "generated")) && truthy(x))
    alt->flags |= BCV_NAME_GENERATED;
  return 1;
}

/* Attach what custom.names holds for one name to n.  skip_alt: the first
 * alt form, already made n itself. */
static void merge_name(conv *cv, bcv_name *n, json_t *o, int skip_alt) {
  const char *k;
  json_t *e;
  json_object_foreach(o, k, e) {
    if (strcmp(k, "affiliation") == 0) {
      size_t j;
      json_t *a;
      json_array_foreach(e, j, a) if (json_is_string(a))
          bcv_name_add_affiliation(cv->rec, n, json_string_value(a), json_string_length(a));
    } else if (strcmp(k, "lang") == 0 && json_is_string(e)) {
      n->lang = bcv_record_strndup(cv->rec, json_string_value(e), json_string_length(e));
    } else if (strcmp(k, "eastern") == 0) {
      if (truthy(e))
        n->flags |= BCV_NAME_EASTERN;
    } else if (strcmp(k, "alt") == 0 && json_is_array(e)) {
      size_t j;
      json_t *a;
      bcv_name alt;
      json_array_foreach(e, j, a) if ((j > 0 || !skip_alt) && alt_from_json(a, &alt))
          bcv_name_add_alt(cv->rec, n, &alt);
    } else {
      add_name_extra_json(cv, n, k, e);
    }
  }
}

/* custom.names.VAR[i]: merge into the i-th stored name of VAR.  An entry
 * past the last name (a name known only in another language) becomes a
 * name of its own, its first other-language form the name itself, and is
 * reported: it is never dropped silently. */
static void merge_names(conv *cv, json_t *names) {
  const char *var;
  json_t *list;
  json_object_foreach(names, var, list) {
    bcv_var v = bcv_var_from_name(var, strlen(var));
    const bcv_field *f = v == BCV_VAR_NONE ? NULL : bcv_record_field(cv->rec, v);
    if ((f && f->kind != BCV_FIELD_NAMES) || !json_is_array(list) ||
        (!f && (v == BCV_VAR_NONE || bcv_var_kind(v) != BCV_KIND_NAMES))) {
      warn(cv, "custom.names.%s does not match a name list; ignored", var, NULL);
      continue;
    }
    bcv_name *n = f ? (bcv_name *)f->names : NULL;
    size_t i, extra = 0, lost = 0;
    json_t *o;
    json_array_foreach(list, i, o) {
      if (!json_is_object(o)) {
        if (!n)
          lost++;
      } else if (n) {
        merge_name(cv, n, o, 0);
      } else {
        json_t *alts = json_object_get(o, "alt");
        bcv_name base;
        bcv_name *made;
        if (json_is_array(alts) && alt_from_json(json_array_get(alts, 0), &base) &&
            (made = bcv_record_add_name(cv->rec, v, &base))) {
          merge_name(cv, made, o, 1);
          extra++;
        } else {
          lost++;
        }
      }
      if (n)
        n = (bcv_name *)n->next;
    }
    char msg[160];
    if (extra) {
      snprintf(msg, sizeof msg, "%zu name%s past the last of %s, known only in another language", extra,
               extra == 1 ? "" : "s", var);
      warn(cv, "custom.names.%s: %s; kept as names of their own", var, msg);
    }
    if (lost) {
      snprintf(msg, sizeof msg, "%zu entr%s past the last name of %s with no name form", lost,
               lost == 1 ? "y" : "ies", var);
      warn(cv, "custom.names.%s: %s; ignored", var, msg);
    }
  }
}

static void read_custom(conv *cv, json_t *custom, json_t **names_out) {
  if (!json_is_object(custom)) {
    warn(cv, "'custom' should be an object; kept as it is", NULL, NULL);
    add_extra_json(cv, "custom", custom);
    return;
  }
  const char *k;
  json_t *e;
  json_object_foreach(custom, k, e) {
    if (strcmp(k, CSL_MULTI) == 0 && json_is_object(json_object_get(e, CSL_MULTI_KEYS))) {
      const char *var;
      json_t *langs;
      json_object_foreach(json_object_get(e, CSL_MULTI_KEYS), var, langs) {
        const char *lang;
        json_t *s;
        json_object_foreach(langs, lang, s) {
          /* The writer repeats here the language of a value it had to
           * put in the CSL variable itself; tag that value, don't add a
           * second copy. */
          bcv_var v = bcv_var_from_name(var, strlen(var));
          bcv_field *same = NULL;
          for (const bcv_field *f = bcv_record_fields(cv->rec); f && json_is_string(s); f = f->next)
            if (f->kind == BCV_FIELD_TEXT && f->var == v && !f->lang && v != BCV_VAR_KEYWORD &&
                strcmp(f->text, json_string_value(s)) == 0)
              same = (bcv_field *)f;
          if (same)
            same->lang = bcv_record_strndup(cv->rec, lang, strlen(lang));
          else
            add_var(cv, var, lang, s);
        }
      }
    } else if (strcmp(k, CSL_NAMES) == 0 && json_is_object(e)) {
      *names_out = e; /* after all names are in */
    } else if (strcmp(k, CSL_ETAL) == 0 && json_is_array(e)) {
      size_t i;
      json_t *s;
      json_array_foreach(e, i, s) {
        bcv_var v = json_is_string(s) ? bcv_var_from_name(json_string_value(s), json_string_length(s))
                                      : BCV_VAR_NONE;
        if (v != BCV_VAR_NONE)
          bcv_record_set_etal(cv->rec, v);
      }
    } else {
      add_extra_json(cv, k, e);
    }
  }
}

static bcv_record *convert(reader *rd, json_t *item, long line, long col) {
  conv cv = {rd, bcv_record_new(), line, col, NULL};
  if (!cv.rec)
    return NULL;
  bcv_record_set_pos(cv.rec, line, col);
  json_t *id = json_object_get(item, "id");
  char num[64];
  const char *ids;
  if (id && scalar_text(id, num, sizeof num, &ids)) {
    bcv_record_set_id(cv.rec, ids, strlen(ids));
    cv.id = bcv_record_id(cv.rec);
  } else if (id) {
    warn(&cv, "'id' should be a string or a number; ignored", NULL, NULL);
  }
  json_t *type = json_object_get(item, "type");
  if (json_is_string(type)) {
    bcv_type t = bcv_type_from_name(json_string_value(type), json_string_length(type));
    if (t == BCV_TYPE_COUNT) {
      warn(&cv, "unknown type '%s'; read as document", json_string_value(type), NULL);
      bcv_record_add_extra(cv.rec, CSL_NS "type", json_string_value(type), json_string_length(type), 0);
      t = BCV_TYPE_DOCUMENT;
    }
    bcv_record_set_type(cv.rec, t);
  } else {
    warn(&cv, "no 'type'; read as document", NULL, NULL);
  }
  const char *k;
  json_t *v;
  json_t *custom = NULL, *names = NULL;
  json_object_foreach(item, k, v) {
    if (strcmp(k, "id") == 0 || strcmp(k, "type") == 0)
      continue;
    if (strcmp(k, "custom") == 0) {
      custom = v; /* after the variables, so custom.multi adds to them */
      continue;
    }
    add_var(&cv, k, NULL, v);
  }
  if (custom)
    read_custom(&cv, custom, &names);
  if (names)
    merge_names(&cv, names);
  return cv.rec;
}

static int r_next(void *state, bcv_record **out) {
  reader *r = state;
  *out = NULL;
  if (!r->started) {
    r->started = 1;
    int c = peek_nonspace(r);
    if (c == '[') {
      bcv_input_advance(r->in, 1);
    } else if (c == '{') {
      r->single = 1;
    } else if (c < 0) {
      r->finished = 1;
      return BCV_DONE;
    } else {
      err_at(r, bcv_input_line(r->in), bcv_input_column(r->in),
             "CSL-JSON must be an array of items (or one item object)");
      r->finished = 1;
      return BCV_DONE;
    }
  }
  while (!r->finished) {
    int c = peek_nonspace(r);
    long line = bcv_input_line(r->in), col = bcv_input_column(r->in);
    if (c < 0) {
      if (!r->single)
        err_at(r, line, col, "unexpected end of input: the array is not closed with ']'");
      r->finished = 1;
      break;
    }
    if (r->single && r->need_comma) {
      err_at(r, line, col, "data after the item; ignored");
      r->finished = 1;
      break;
    }
    if (c == ']' && !r->single) {
      if (r->saw_comma && !r->need_comma)
        bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, line, col, "',' before ']' is not JSON; ignored");
      bcv_input_advance(r->in, 1);
      r->finished = 1;
      int t = peek_nonspace(r);
      if (t >= 0)
        bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, bcv_input_line(r->in),
                        bcv_input_column(r->in), "data after the closing ']'; ignored");
      break;
    }
    if (c == ',') {
      if (!r->need_comma)
        err_at(r, line, col, "unexpected ','");
      r->need_comma = 0;
      r->saw_comma = 1;
      bcv_input_advance(r->in, 1);
      continue;
    }
    if (r->need_comma && !r->single)
      err_at(r, line, col, "missing ',' between items");
    if (c != '{') {
      /* Not an item: step over the value (a number, string, array). */
      int big, deep, many;
      take_value(r, &big, &deep, &many);
      if (r->taken == 0) /* a stray '}' */
        bcv_input_advance(r->in, 1);
      r->need_comma = 1;
      err_at(r, line, col, "array element is not an object; skipped");
      continue;
    }
    int big, deep, many;
    int complete = take_value(r, &big, &deep, &many);
    r->need_comma = 1;
    if (complete && r->len == 0 && !big && !many && !deep) {
      /* A stray '}' or ']': nothing was consumed, so step over it. */
      err_at(r, line, col, "unexpected character; skipped");
      bcv_input_advance(r->in, 1);
      continue;
    }
    if (!complete) {
      err_at(r, line, col, "unexpected end of input inside this item (a '}' or '\"' is missing)");
      r->finished = 1;
      break;
    }
    if (big) {
      err_at(r, line, col, "item larger than 64 MiB or out of memory; skipped");
      continue;
    }
    if (deep) {
      err_at(r, line, col, "item nested deeper than 512 levels; skipped");
      continue;
    }
    if (many) {
      err_at(r, line, col, "item of more than 500000 values; skipped");
      continue;
    }
    json_error_t je;
    json_t *item = json_loadb(r->buf, r->len, JSON_REJECT_DUPLICATES, &je);
    /* The item's text is no longer needed once jansson holds it: a big one
     * is let go now, so that no two of its text, the strings set aside,
     * jansson's copy and the record's live at once but in pairs (a value
     * costs at most twice its bytes), and no item's size is kept for the
     * rest of the run. */
    if (r->cap > BUF_KEEP) {
      free(r->buf);
      r->buf = NULL;
      r->cap = r->len = 0;
    }
    if (item && r->n_bigs)
      restore_bigs(r, item);
    free_bigs(r);
    if (!item) {
      long el = line + (je.line > 0 ? je.line - 1 : 0);
      long ec = je.line <= 1 ? col + (je.column > 0 ? je.column - 1 : 0) : je.column;
      bcv_diag_report(r->diag, BCV_SEV_ERROR, NULL, el, ec, "invalid JSON: %s; item skipped", je.text);
      continue;
    }
    if (!json_is_object(item)) {
      err_at(r, line, col, "array element is not an object; skipped");
      json_decref(item);
      continue;
    }
    bcv_record *rec = convert(r, item, line, col);
    json_decref(item);
    if (!rec)
      return BCV_ENOMEM;
    *out = rec;
    return BCV_OK;
  }
  return bcv_input_failed(r->in) ? BCV_EIO : BCV_DONE;
}

const bcv_reader_ops csljson_reader = {r_open, r_next, r_close, NULL};
