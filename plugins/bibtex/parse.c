/* SPDX-License-Identifier: MIT */
/* parse.c: BibTeX syntax, one entry at a time.
 *
 * Two small passes per entry.  The scanner copies the entry's text, from
 * '@' to its closing delimiter, into a buffer: it only counts braces,
 * quotes (between fields of a parenthesised entry) and '%' comments
 * between fields.  The entry parser then reads type, key and fields from
 * that buffer, expanding @string macros.  Text outside entries, and '%'
 * lines there, is skipped as BibTeX does.
 *
 * Recovery: an entry that never closes is cut at the next line that starts
 * a new entry ("@word{" at the start of a line, outside any value), so one
 * missing brace costs one entry, not the rest of the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "bibtex.h"
#include "util.h"

#define MAX_ENTRY BT_MAX_ENTRY /* bytes of one entry's source */
#define MAX_VALUE BT_MAX_VALUE /* bytes of one expanded value or macro */
#define MAX_MACROS 100000
/* Bytes the @string table may take, overhead included */
#define MAX_MACRO_BYTES (64u * 1024 * 1024)
/* Macro text copied into values, over the whole input: 16 MiB, and 16
 * times the entries read so far.  Real files expand far less than they
 * read (journal names); without a bound, nested "#" doubles a value at
 * each level and 2 KB of @string make gigabytes. */
#define EXPAND_BASE (16u * 1024 * 1024)
#define EXPAND_RATIO 16
/* What one key costs in a bt_map (its copy, up to four slots) */
#define MAP_KEY_BYTES(len) ((len) + 1 + 16 + 4 * sizeof(bt_slot))
#define MAX_HEADER 256
#define STR_(x) #x
#define STR(x) STR_(x)

struct bt_parser {
  bcv_input *in;
  bcv_diag *diag;
  bt_buf body;         /* the current entry's source, from '@' */
  long line, col;      /* where body[0] stands */
  bt_buf val;          /* scratch for one expanded value */
  char *replay;        /* source to read again before the input */
  size_t rlen, roff;
  long rline, rcol;    /* where replay[roff] stands */
  size_t pos_off;      /* body_pos cache: body offset ... */
  long pos_line, pos_col; /* ... and where it stands */
  bt_map macros;
  size_t nmacros, errors;
  size_t macro_bytes;  /* what the @string table takes */
  size_t source;       /* bytes of entries read so far */
  size_t expanded;     /* bytes copied from macros into values so far */
  char *preamble;
  int in_comment;
};

typedef struct macro {
  size_t len;
  char text[];
} macro;

static size_t macro_cost(size_t nlen, size_t vlen) {
  return sizeof(macro) + vlen + 1 + 16 + MAP_KEY_BYTES(nlen);
}

static int define(bt_parser *p, const char *name, size_t nlen, const char *val, size_t vlen) {
  macro *m = malloc(sizeof *m + vlen + 1);
  if (!m)
    return BCV_ENOMEM;
  m->len = vlen;
  memcpy(m->text, val, vlen);
  m->text[vlen] = '\0';
  void *old;
  if (bt_map_put(&p->macros, name, nlen, m, &old)) {
    free(m);
    return BCV_ENOMEM;
  }
  p->macro_bytes += macro_cost(nlen, vlen);
  if (old) {
    p->macro_bytes -= macro_cost(nlen, ((macro *)old)->len);
    free(old);
  } else {
    p->nmacros++;
  }
  return BCV_OK;
}

bt_parser *bt_parser_new(bcv_input *in, bcv_diag *diag) {
  bt_parser *p = calloc(1, sizeof *p);
  if (!p)
    return NULL;
  p->in = in;
  p->diag = diag;
  /* The standard styles define the month macros; every BibTeX user
   * expects them, so they are predefined as the styles spell them. */
  for (int i = 0; i < 12; i++)
    if (define(p, bt_month_abbr[i], 3, bt_month_name[i], strlen(bt_month_name[i]))) {
      bt_parser_free(p);
      return NULL;
    }
  return p;
}

void bt_parser_free(bt_parser *p) {
  if (!p)
    return;
  bt_buf_free(&p->body);
  bt_buf_free(&p->val);
  free(p->replay);
  free(p->preamble);
  bt_map_free(&p->macros, free);
  free(p);
}

size_t bt_parser_errors(const bt_parser *p) { return p->errors; }

/* ---- the byte source: replayed text first, then the input ---- */

static const char *src_chunk(bt_parser *p, size_t *n) {
  if (p->replay && p->roff < p->rlen) {
    *n = p->rlen - p->roff;
    return p->replay + p->roff;
  }
  return bcv_input_chunk(p->in, n);
}

static void src_advance(bt_parser *p, size_t n) {
  if (p->replay && p->roff < p->rlen) {
    bcv_text_advance(p->replay + p->roff, n, &p->rline, &p->rcol);
    p->roff += n;
    if (p->roff == p->rlen) {
      free(p->replay);
      p->replay = NULL;
    }
    return;
  }
  bcv_input_advance(p->in, n);
}

static void src_pos(bt_parser *p, long *line, long *col) {
  if (p->replay && p->roff < p->rlen) {
    *line = p->rline;
    *col = p->rcol;
  } else {
    *line = bcv_input_line(p->in);
    *col = bcv_input_column(p->in);
  }
}

/* Position of body offset off.  Fields are visited in order, so the
 * position is carried forward from the last one asked for. */
static void body_pos(bt_parser *p, size_t off, long *line, long *col) {
  if (off < p->pos_off || p->pos_line == 0) {
    p->pos_off = 0;
    p->pos_line = p->line;
    p->pos_col = p->col;
  }
  bcv_text_advance(p->body.p + p->pos_off, off - p->pos_off, &p->pos_line, &p->pos_col);
  p->pos_off = off;
  *line = p->pos_line;
  *col = p->pos_col;
}

static void report(bt_parser *p, bcv_severity sev, size_t off, const char *key, size_t klen,
                   const char *fmt, const char *arg) {
  long line, col;
  body_pos(p, off, &line, &col);
  char msg[512];
  snprintf(msg, sizeof msg, fmt, arg ? arg : "");
  if (klen)
    bcv_diag_report(p->diag, sev, NULL, line, col, "entry '%.*s': %s", (int)(klen > 200 ? 200 : klen),
                    key, msg);
  else
    bcv_diag_report(p->diag, sev, NULL, line, col, "%s", msg);
  if (sev == BCV_SEV_ERROR)
    p->errors++;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
/* Characters of field names, macro names and entry types, as btparse
 * allows them (it is more lenient than BibTeX, and real files need it). */
static int is_ident(char c) {
  static const unsigned char punct[128] = {
      ['!'] = 1, ['$'] = 1, ['&'] = 1, ['*'] = 1, ['+'] = 1, ['-'] = 1, ['.'] = 1, ['/'] = 1,
      [':'] = 1, [';'] = 1, ['<'] = 1, ['>'] = 1, ['?'] = 1, ['['] = 1, [']'] = 1, ['^'] = 1,
      ['_'] = 1, ['`'] = 1, ['|'] = 1, ['~'] = 1, ['\''] = 1};
  unsigned char u = (unsigned char)c;
  return is_alpha(c) || is_digit(c) || u >= 0x80 || punct[u];
}

/* ---- the scanner ---- */

/* Skip to the next '@' outside entries (and outside '%' comment lines).
 * Returns 1 when one is at the current position, 0 at end of input. */
static int skip_to_at(bt_parser *p) {
  for (;;) {
    size_t n;
    const char *c = src_chunk(p, &n);
    if (!c || n == 0)
      return 0;
    size_t i = 0;
    for (; i < n; i++) {
      char ch = c[i];
      if (p->in_comment) {
        if (ch == '\n')
          p->in_comment = 0;
      } else if (ch == '@') {
        break;
      } else if (ch == '%') {
        p->in_comment = 1;
      }
    }
    src_advance(p, i);
    if (i < n)
      return 1;
  }
}

/* Does body hold, at offset i, the start of an entry ("@word" then '{' or
 * '(')? */
static int looks_like_entry(const char *s, size_t i, size_t n) {
  if (i >= n || s[i] != '@')
    return 0;
  i++;
  while (i < n && is_space(s[i]))
    i++;
  size_t start = i;
  while (i < n && is_alpha(s[i]))
    i++;
  if (i == start)
    return 0;
  while (i < n && is_space(s[i]))
    i++;
  return i < n && (s[i] == '{' || s[i] == '(');
}

/* The first line inside body (after `from`) that starts a new entry. */
static size_t find_restart(const bt_parser *p, size_t from) {
  const char *s = p->body.p;
  size_t n = p->body.len;
  for (size_t i = from; i < n; i++) {
    if (s[i] != '\n')
      continue;
    size_t j = i + 1;
    while (j < n && (s[j] == ' ' || s[j] == '\t'))
      j++;
    if (looks_like_entry(s, j, n))
      return j;
  }
  return 0;
}

/* Put body[from..] back in front of the input, to be read again. */
static int replay_from(bt_parser *p, size_t from) {
  size_t rest = p->body.len - from;
  char *old = p->replay;
  size_t old_left = old ? p->rlen - p->roff : 0;
  char *nr = malloc(rest + old_left + 1);
  if (!nr)
    return BCV_ENOMEM;
  memcpy(nr, p->body.p + from, rest);
  if (old_left)
    memcpy(nr + rest, old + p->roff, old_left);
  body_pos(p, from, &p->rline, &p->rcol);
  free(old);
  p->replay = nr;
  p->rlen = rest + old_left;
  p->roff = 0;
  return BCV_OK;
}

enum scan_result { SCAN_OK, SCAN_EOF, SCAN_BAD_HEADER, SCAN_TOO_BIG, SCAN_CUT };

/* The bytes the body scan stops at: inside a value, and between fields
 * (where ')' may close a parenthesised entry). */
static const unsigned char in_value[256] = {['{'] = 1, ['}'] = 1, ['"'] = 1};
static const unsigned char between_fields[256] = {['{'] = 1, ['}'] = 1, ['"'] = 1, [')'] = 1,
                                                  ['%'] = 1, ['@'] = 1};

/* Whether only blanks stand between the last newline and c[i]: the
 * chunk's bytes before i, then `before` (the same said of the end of the
 * text before this chunk).  The walk back stops at the first other byte,
 * so it costs no more than the blanks it crosses. */
static int at_line_start(const char *c, size_t i, int before) {
  while (i > 0 && (c[i - 1] == ' ' || c[i - 1] == '\t'))
    i--;
  return i > 0 ? c[i - 1] == '\n' : before;
}

/* Copy one entry, from the '@' at the current position, into body.  On
 * SCAN_OK body holds "@type{...}" with its closing delimiter; *open is
 * the offset of the opening delimiter. */
static int scan_entry(bt_parser *p, size_t *open, int *err) {
  p->body.len = 0;
  p->pos_line = 0; /* a new entry: the position cache starts again */
  src_pos(p, &p->line, &p->col);
  *err = BCV_OK;
  /* the header: '@', the type, its opening delimiter */
  int have_type = 0;
  char close = 0;
  size_t n;
  const char *c;
  while (!close) {
    c = src_chunk(p, &n);
    if (!c || n == 0)
      return SCAN_BAD_HEADER;
    size_t i = 0;
    for (; i < n; i++) {
      char ch = c[i];
      if (p->body.len + i == 0 && ch == '@') {
        continue;
      } else if (is_alpha(ch) || (have_type && (is_digit(ch) || ch == '_' || ch == '-' || ch == ':'))) {
        if (have_type == 2)
          break;
        have_type = 1;
      } else if (is_space(ch)) {
        if (have_type)
          have_type = 2;
      } else if (have_type && (ch == '{' || ch == '(')) {
        close = ch == '{' ? '}' : ')';
        i++;
        break;
      } else {
        break;
      }
    }
    if ((*err = bt_buf_put(&p->body, c, i)))
      return SCAN_BAD_HEADER;
    src_advance(p, i);
    if (!close && (i < n || p->body.len > MAX_HEADER))
      return SCAN_BAD_HEADER;
  }
  *open = p->body.len - 1;
  /* @comment's content is skipped brace-balanced, as BibTeX does: quotes
   * and '%' mean nothing there */
  int comment = 0;
  {
    size_t t = 1;
    while (t < *open && is_space(p->body.p[t]))
      t++;
    comment = *open - t >= 7 && strncasecmp(p->body.p + t, "comment", 7) == 0 &&
              (t + 7 == *open || !is_alpha(p->body.p[t + 7]));
  }
  /* The body.  Inside a value only braces (and, at depth 0, a quote)
   * matter, between fields also the closing delimiter, '%' and '@', so
   * the loop skips everything else a table lookup at a time. */
  long depth = 0;
  int in_quote = 0, in_comment = 0, skipping = 0, line_start = 0;
  for (;;) {
    c = src_chunk(p, &n);
    if (!c || n == 0)
      return skipping ? SCAN_TOO_BIG : SCAN_EOF;
    size_t i = 0;
    int done = 0, cut = 0;
    while (i < n) {
      if (in_comment) {
        const char *nl = memchr(c + i, '\n', n - i);
        if (!nl) {
          i = n;
          break;
        }
        i = (size_t)(nl - c) + 1;
        in_comment = 0;
        continue;
      }
      const unsigned char *stop = depth || in_quote ? in_value : between_fields;
      while (i < n && !stop[(unsigned char)c[i]])
        i++;
      if (i == n)
        break;
      char ch = c[i];
      if (depth == 0 && !in_quote) {
        if (ch == close) {
          i++;
          done = 1;
          break;
        }
        if (ch == '@' && at_line_start(c, i, line_start)) {
          cut = 1;
          break;
        }
        if (ch == '%' && !comment) {
          in_comment = 1;
          i++;
          continue;
        }
      }
      if (ch == '{')
        depth++;
      else if (ch == '}' && depth > 0)
        depth--;
      else if (ch == '"' && depth == 0 && !comment)
        in_quote = !in_quote;
      i++;
    }
    line_start = at_line_start(c, i, line_start);
    if (!skipping) {
      if (p->body.len + i > MAX_ENTRY) {
        skipping = 1;
      } else if ((*err = bt_buf_put(&p->body, c, i))) {
        return SCAN_TOO_BIG;
      }
    }
    src_advance(p, i);
    if (done)
      return skipping ? SCAN_TOO_BIG : SCAN_OK;
    if (cut)
      return skipping ? SCAN_TOO_BIG : SCAN_CUT;
  }
}

/* ---- the entry parser, over body ---- */

typedef struct cursor {
  bt_parser *p;
  const char *s;
  size_t i, end;
  const char *key; /* for messages */
  size_t klen;
} cursor;

static void skip_ws(cursor *k) {
  while (k->i < k->end) {
    char ch = k->s[k->i];
    if (is_space(ch)) {
      k->i++;
    } else if (ch == '%') {
      while (k->i < k->end && k->s[k->i] != '\n')
        k->i++;
    } else {
      break;
    }
  }
}

static void err(cursor *k, const char *fmt, const char *arg) {
  report(k->p, BCV_SEV_ERROR, k->i, k->key, k->klen, fmt, arg);
}

/* One part of a value, appended to p->val. */
static int value_part(cursor *k, const char *field) {
  bt_parser *p = k->p;
  char ch = k->s[k->i];
  size_t start;
  if (ch == '{' || ch == '"') {
    long depth = 0;
    start = ++k->i;
    for (; k->i < k->end; k->i++) {
      while (k->i < k->end && !in_value[(unsigned char)k->s[k->i]])
        k->i++;
      if (k->i >= k->end)
        break;
      char c = k->s[k->i];
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0 && ch == '{')
          break;
        depth--;
      } else if (c == '"' && ch == '"' && depth == 0) {
        break;
      }
    }
    if (k->i >= k->end) {
      k->i = start - 1;
      err(k, ch == '{' ? "unbalanced braces in field '%s'" : "unterminated string in field '%s'",
          field);
      return BCV_ESYNTAX;
    }
    size_t len = k->i - start;
    k->i++;
    if (p->val.len + len > MAX_VALUE) {
      err(k, "value of field '%s' is too long", field);
      return BCV_ELIMIT;
    }
    return bt_buf_put(&p->val, k->s + start, len);
  }
  start = k->i;
  if (is_digit(ch)) {
    while (k->i < k->end && is_digit(k->s[k->i]))
      k->i++;
    return bt_buf_put(&p->val, k->s + start, k->i - start);
  }
  if (is_ident(ch)) {
    while (k->i < k->end && is_ident(k->s[k->i]))
      k->i++;
    size_t len = k->i - start;
    const macro *m = bt_map_get(&p->macros, k->s + start, len);
    if (!m) {
      char name[128];
      snprintf(name, sizeof name, "%.*s", (int)(len > 100 ? 100 : len), k->s + start);
      report(p, BCV_SEV_WARNING, start, k->key, k->klen,
             "undefined macro '%s'; its name is kept as the text", name);
      return bt_buf_put(&p->val, k->s + start, len);
    }
    if (p->val.len + m->len > MAX_VALUE) {
      err(k, "value of field '%s' is too long", field);
      return BCV_ELIMIT;
    }
    if (p->expanded + m->len > EXPAND_BASE + EXPAND_RATIO * (p->source + p->body.len)) {
      char msg[160];
      snprintf(msg, sizeof msg,
               "expanding '%%s' takes macros past 16 MiB and 16 times the input read so "
               "far; %s",
               k->klen ? "entry skipped" : "@string not defined");
      char name[128];
      snprintf(name, sizeof name, "%.*s", (int)(len > 100 ? 100 : len), k->s + start);
      err(k, msg, name);
      return BCV_ELIMIT;
    }
    p->expanded += m->len;
    return bt_buf_put(&p->val, m->text, m->len);
  }
  err(k, "expected a value for field '%s'", field);
  return BCV_ESYNTAX;
}

/* A value: parts joined with '#'.  Leaves it in p->val. */
static int value(cursor *k, const char *field) {
  k->p->val.len = 0;
  if (bt_buf_reserve(&k->p->val, 0))
    return BCV_ENOMEM;
  k->p->val.p[0] = '\0';
  for (;;) {
    skip_ws(k);
    if (k->i >= k->end) {
      err(k, "expected a value for field '%s'", field);
      return BCV_ESYNTAX;
    }
    int rc = value_part(k, field);
    if (rc)
      return rc;
    skip_ws(k);
    if (k->i < k->end && k->s[k->i] == '#') {
      k->i++;
      continue;
    }
    return BCV_OK;
  }
}

/* A field or macro name, lower-cased into buf.  A name with inner spaces
 * (Scopus writes "funding_text 1") is read with '_' for the spaces. */
static size_t name(cursor *k, char *buf, size_t cap, int *spaced) {
  size_t n = 0;
  *spaced = 0;
  for (;;) {
    while (k->i < k->end && is_ident(k->s[k->i])) {
      char c = k->s[k->i++];
      if (c >= 'A' && c <= 'Z')
        c += 32;
      if (n + 1 < cap)
        buf[n++] = c;
    }
    size_t j = k->i;
    while (j < k->end && (k->s[j] == ' ' || k->s[j] == '\t'))
      j++;
    if (n && j > k->i && j < k->end && is_ident(k->s[j]) && !is_digit(buf[0])) {
      /* more name after a space: only if an '=' follows the name */
      size_t m = j;
      while (m < k->end && (is_ident(k->s[m]) || k->s[m] == ' ' || k->s[m] == '\t'))
        m++;
      if (m < k->end && k->s[m] == '=') {
        if (n + 1 < cap)
          buf[n++] = '_';
        *spaced = 1;
        k->i = j;
        continue;
      }
    }
    break;
  }
  buf[n] = '\0';
  return n;
}

static int parse_fields(cursor *k, bt_entry *e) {
  bt_parser *p = k->p;
  for (;;) {
    skip_ws(k);
    if (k->i >= k->end)
      return BCV_OK;
    if (k->s[k->i] == ',') {
      k->i++;
      continue;
    }
    size_t at = k->i;
    char fname[256];
    int spaced;
    size_t nlen = name(k, fname, sizeof fname, &spaced);
    if (!nlen) {
      err(k, "expected a field name, found '%s'", (char[]){k->s[k->i], 0});
      return BCV_ESYNTAX;
    }
    skip_ws(k);
    if (k->i >= k->end || k->s[k->i] != '=') {
      err(k, "expected '=' after field name '%s'", fname);
      return BCV_ESYNTAX;
    }
    k->i++;
    if (spaced)
      report(p, BCV_SEV_WARNING, at, k->key, k->klen, "field name with spaces read as '%s'", fname);
    int rc = value(k, fname);
    if (rc)
      return rc;
    skip_ws(k);
    if (k->i < k->end && k->s[k->i] != ',') {
      err(k, "expected ',' or the end of the entry after field '%s'", fname);
      return BCV_ESYNTAX;
    }
    if (bt_entry_get(e, fname, NULL)) {
      report(p, BCV_SEV_WARNING, at, k->key, k->klen,
             "duplicate field '%s'; the first one is kept", fname);
      continue;
    }
    if (e->text.len + p->val.len > MAX_ENTRY) {
      k->i = at;
      err(k, "larger than 64 MiB once its macros are expanded, at field '%s'; entry skipped",
          fname);
      return BCV_ELIMIT;
    }
    long line, col;
    body_pos(p, at, &line, &col);
    if ((rc = bt_entry_add(e, fname, nlen, p->val.p, p->val.len, line, col)) == BCV_ELIMIT) {
      k->i = at;
      err(k, "more than " STR(BT_MAX_FIELDS) " fields; entry skipped%s", NULL);
    }
    if (rc)
      return rc;
  }
}

static int add_preamble(bt_parser *p, const char *s, size_t n) {
  size_t old = p->preamble ? strlen(p->preamble) : 0;
  char *np = realloc(p->preamble, old + n + 2);
  if (!np)
    return BCV_ENOMEM;
  if (old)
    np[old++] = '\n';
  memcpy(np + old, s, n);
  np[old + n] = '\0';
  p->preamble = np;
  return BCV_OK;
}

/* Parse body as an entry.  Returns 1 for a regular entry in e, 0 for a
 * command (@string, @preamble, @comment) or a skipped entry, or an error
 * code that stops reading. */
static int parse_entry(bt_parser *p, size_t open, bt_entry *e) {
  const char *s = p->body.p;
  size_t t = 1;
  while (is_space(s[t]))
    t++;
  size_t te = t;
  while (te < open && !is_space(s[te]))
    te++;
  char type[64];
  size_t tl = te - t < sizeof type - 1 ? te - t : sizeof type - 1;
  for (size_t i = 0; i < tl; i++)
    type[i] = (char)(s[t + i] >= 'A' && s[t + i] <= 'Z' ? s[t + i] + 32 : s[t + i]);
  type[tl] = '\0';
  cursor k = {p, s, open + 1, p->body.len - 1, NULL, 0};
  int rc;

  if (strcmp(type, "comment") == 0)
    return 0;
  if (strcmp(type, "preamble") == 0) {
    if ((rc = value(&k, "@preamble")))
      return rc < 0 && rc != BCV_ESYNTAX && rc != BCV_ELIMIT ? rc : 0;
    return add_preamble(p, p->val.p, p->val.len) ? BCV_ENOMEM : 0;
  }
  if (strcmp(type, "string") == 0) {
    skip_ws(&k);
    char mname[256];
    int spaced;
    size_t ml = name(&k, mname, sizeof mname, &spaced);
    skip_ws(&k);
    if (!ml || spaced || k.i >= k.end || s[k.i] != '=') {
      err(&k, "expected 'name = value' in @string%s", NULL);
      return 0;
    }
    k.i++;
    if ((rc = value(&k, mname)))
      return rc == BCV_ENOMEM ? rc : 0;
    if (p->nmacros >= MAX_MACROS && !bt_map_get(&p->macros, mname, ml)) {
      err(&k, "too many @string macros; '%s' is not defined", mname);
      return 0;
    }
    if (p->macro_bytes + macro_cost(ml, p->val.len) > MAX_MACRO_BYTES) {
      err(&k, "the @string macros would take more than 64 MiB; '%s' is not defined", mname);
      return 0;
    }
    return define(p, mname, ml, p->val.p, p->val.len) ? BCV_ENOMEM : 0;
  }

  bt_entry_reset(e);
  e->line = p->line;
  e->col = p->col;
  if (bt_entry_set(e, &e->type, &e->tlen, type, tl))
    return BCV_ENOMEM;
  /* the key: up to the first comma; a key-less entry starts with a field */
  skip_ws(&k);
  size_t ks = k.i;
  while (k.i < k.end && s[k.i] != ',' && !is_space(s[k.i]) && s[k.i] != '=' && s[k.i] != '}')
    k.i++;
  size_t ke = k.i;
  skip_ws(&k);
  if (k.i < k.end && s[k.i] == '=') {
    k.i = ks;
    ke = ks;
  }
  if (bt_entry_set(e, &e->key, &e->klen, s + ks, ke - ks))
    return BCV_ENOMEM;
  k.key = s + ks;
  k.klen = ke - ks;
  if (ke == ks)
    report(p, BCV_SEV_WARNING, ks, NULL, 0, "@%s entry without a citation key", type);
  else if (k.i < k.end && s[k.i] != ',') {
    err(&k, "expected ',' after the citation key%s", NULL);
    return 0;
  }
  rc = parse_fields(&k, e);
  if (rc == BCV_ENOMEM)
    return rc;
  if (rc)
    return 0;
  if (p->preamble) {
    e->preamble = p->preamble;
    p->preamble = NULL;
  }
  return 1;
}

int bt_parser_next(bt_parser *p, bt_entry *e) {
  for (;;) {
    if (!skip_to_at(p))
      return bcv_input_failed(p->in) ? BCV_EIO : 0;
    size_t open = 0;
    int err_code;
    int sr = scan_entry(p, &open, &err_code);
    if (err_code)
      return err_code;
    if (sr == SCAN_BAD_HEADER) {
      /* a lone '@' in text between entries is allowed; an '@' followed
       * by a word and no brace is a broken entry */
      while (p->body.len > 1 && (p->body.p[p->body.len - 1] == ' ' ||
                                 p->body.p[p->body.len - 1] == '\t' ||
                                 p->body.p[p->body.len - 1] == '\n'))
        p->body.p[--p->body.len] = '\0';
      if (p->body.len > 1)
        report(p, BCV_SEV_WARNING, 0, NULL, 0,
               "'%s' is not followed by '{' or '('; ignored as text between entries",
               p->body.p);
      continue;
    }
    /* key, for messages about the whole entry */
    size_t ks = open + 1;
    while (ks < p->body.len && is_space(p->body.p[ks]))
      ks++;
    size_t ke = ks;
    while (ke < p->body.len && p->body.p[ke] != ',' && !is_space(p->body.p[ke]) &&
           p->body.p[ke] != '}' && p->body.p[ke] != ')' && ke - ks < 200)
      ke++;
    if (sr == SCAN_TOO_BIG) {
      report(p, BCV_SEV_ERROR, 0, p->body.p + ks, ke - ks,
             "larger than 64 MiB; skipped%s", NULL);
      continue;
    }
    if (sr == SCAN_EOF || sr == SCAN_CUT) {
      /* Reported where the next entry was met inside this one, as
       * JabRef does: that is where a brace or quote went missing, and
       * where reading starts again. */
      size_t restart = sr == SCAN_CUT ? p->body.len : find_restart(p, open);
      char from[32];
      snprintf(from, sizeof from, "%ld", p->line);
      if (restart)
        report(p, BCV_SEV_ERROR, restart, p->body.p + ks, ke - ks,
               "not closed before the next entry (it starts at line %s); skipped", from);
      else
        report(p, BCV_SEV_ERROR, 0, p->body.p + ks, ke - ks,
               "not closed before the end of the input; skipped%s", NULL);
      if (sr == SCAN_EOF && restart && replay_from(p, restart))
        return BCV_ENOMEM;
      continue;
    }
    int rc = parse_entry(p, open, e);
    p->source += p->body.len;
    if (rc != 0)
      return rc;
  }
}
