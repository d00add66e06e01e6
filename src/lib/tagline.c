/* SPDX-License-Identifier: MIT */
/* tagline.c: the scanner of tag-per-line formats (tagline.h).
 *
 * A record's tags and values go into one buffer, "TAG\0VALUE\0" per
 * field, and an index of fields beside it; both are kept from record to
 * record and grow only to the largest record read, which the dialect's
 * limits bound.  A continuation line appends to the last value, which is
 * always at the buffer's end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bibconv/tagline.h"
#include "bibconv/record.h"

#define DEFAULT_MAX_BYTES ((size_t)16 << 20)
#define DEFAULT_MAX_FIELDS ((size_t)100000)

struct bcv_tagline {
  const bcv_tagline_dialect *d;
  bcv_diag *diag;
  size_t slen, elen;          /* of the start and end tags (0: none) */
  size_t max_bytes, max_fields;
  char *text;
  size_t tlen, tcap;
  bcv_tagline_field *f;
  size_t nf, fcap;
  long start;      /* first line of the record */
  char join;       /* join byte of the open field (0: not asked yet) */
  int in_record;   /* stream: inside a record */
  int junk;        /* stream: text outside records already warned about */
  int over;        /* the record passed a limit: the rest is dropped */
  int too_many;    /* ... the limit of fields */
  int eof;
  /* bcv_tagline_keep's scratch: fields by tag, and a joined value */
  struct bytag *bt;
  size_t btcap;
  char *val;
  size_t vcap;
  /* stream: a start tag that ended the previous record, read again next */
  char *held;
  size_t hlen, hcap;
  long hline;
  int has_held;
};

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_alnum(char c) { return is_upper(c) || (c >= '0' && c <= '9'); }
static int is_blank(char c) { return c == ' ' || c == '\t'; }

/* offsets are unsigned: a record stays below 4 GiB whatever the dialect says */
static size_t max_bytes(const bcv_tagline_dialect *d) {
  size_t m = d->max_bytes ? d->max_bytes : DEFAULT_MAX_BYTES;
  return m < (size_t)0xFFFFFFF0u ? m : (size_t)0xFFFFFFF0u;
}

/* Inlined into the scanner's loop; bcv_tagline_split is its public name. */
static inline int split(const bcv_tagline_dialect *d, const char *s, size_t len,
                        bcv_tagline_tag *t) {
  size_t i;
  t->tag = 0;
  t->row = -1;
  switch (d->shape) {
  case BCV_TAGLINE_DASHED:
    if (len < 5 || !is_upper(s[0]) || !is_alnum(s[1]))
      return 0;
    for (i = 2; i < 5 && s[i] == ' '; i++)
      ;
    if (i == 2 || s[i] != '-')
      return 0;
    t->tlen = 2;
    t->value = i + 1 + (i + 1 < len && s[i + 1] == ' ');
    return 1;
  case BCV_TAGLINE_PADDED:
    if (len < 5 || s[4] != '-' || !is_upper(s[0]))
      return 0;
    for (i = 1; i < 4 && is_alnum(s[i]); i++)
      ;
    t->tlen = i;
    for (; i < 4; i++)
      if (s[i] != ' ')
        return 0;
    t->value = 5 + (len > 5 && s[5] == ' ');
    return 1;
  case BCV_TAGLINE_SPACED:
    if (len < 2 || !is_upper(s[0]) || !is_alnum(s[1]) || (len > 2 && s[2] != ' '))
      return 0;
    t->tlen = 2;
    t->value = len > 2 ? 3 : 2;
    return 1;
  case BCV_TAGLINE_PERCENT:
    if (len < 2 || s[0] != '%' || s[1] <= ' ' || s[1] > '~' || (len > 2 && s[2] != ' '))
      return 0;
    t->tag = 1;
    t->tlen = 1;
    t->value = len > 2 ? 3 : 2;
    return 1;
  case BCV_TAGLINE_CUSTOM:
    if (!d->split || !d->split(s, len, t))
      return 0;
    return t->tlen <= 0xFFFF && t->tag + t->tlen <= len && t->value <= len;
  }
  return 0;
}

int bcv_tagline_split(const bcv_tagline_dialect *d, const char *s, size_t len,
                      bcv_tagline_tag *t) {
  return split(d, s, len, t);
}

/* tag (tlen bytes) is name (nlen bytes, 0: no such tag); tags are short,
 * so bytes are compared here rather than by a call */
static inline int tag_is(const char *name, size_t nlen, const char *tag, size_t tlen) {
  if (!nlen || nlen != tlen)
    return 0;
  for (size_t i = 0; i < tlen; i++)
    if (name[i] != tag[i])
      return 0;
  return 1;
}

/* tag is one of the space-separated list */
static int tag_in(const char *list, const char *tag, size_t tlen) {
  for (const char *p = list; p && *p;) {
    size_t n = strcspn(p, " ");
    if (n == tlen && memcmp(p, tag, tlen) == 0)
      return 1;
    p += n;
    p += *p == ' ';
  }
  return 0;
}

bcv_tagline *bcv_tagline_new(const bcv_tagline_dialect *d, bcv_diag *diag) {
  bcv_tagline *t = calloc(1, sizeof *t);
  /* never NULL, so text + offset stays defined when every value is empty */
  char *text = malloc(4096);
  if (!t || !text) {
    free(t);
    free(text);
    return NULL;
  }
  t->d = d;
  t->diag = diag;
  t->slen = d->start ? strlen(d->start) : 0;
  t->elen = d->end ? strlen(d->end) : 0;
  t->max_bytes = max_bytes(d);
  t->max_fields = d->max_fields ? d->max_fields : DEFAULT_MAX_FIELDS;
  t->text = text;
  t->tcap = 4096;
  return t;
}

void bcv_tagline_free(bcv_tagline **tp) {
  if (!tp || !*tp)
    return;
  bcv_tagline *t = *tp;
  free(t->text);
  free(t->f);
  free(t->held);
  free(t->bt);
  free(t->val);
  free(t);
  *tp = NULL;
}

/* The record passed a limit: report it once and drop what follows. */
static void overflow(bcv_tagline *t) {
  if (t->too_many)
    bcv_diag_report(t->diag, BCV_SEV_ERROR, NULL, t->start, 1,
                    "record of more than %zu fields; skipped", t->max_fields);
  else
    bcv_diag_report(t->diag, BCV_SEV_ERROR, NULL, t->start, 1,
                    "record longer than %zu bytes; skipped", t->max_bytes);
  t->over = 1;
  t->tlen = 0;
  t->nf = 0;
}

static int grow(bcv_tagline *t, size_t n) {
  size_t cap = t->tcap * 2;
  while (cap < t->tlen + n)
    cap *= 2;
  char *p = realloc(t->text, cap);
  if (!p)
    return BCV_ENOMEM;
  t->text = p;
  t->tcap = cap;
  return BCV_OK;
}

/* Room for n more bytes of text and the index of nf fields, within the
 * limit (BCV_ELIMIT past it). */
static inline int room(bcv_tagline *t, size_t n, size_t nf) {
  if (t->tlen + n + nf * sizeof *t->f > t->max_bytes)
    return BCV_ELIMIT;
  return t->tlen + n <= t->tcap ? BCV_OK : grow(t, n);
}

static void put(bcv_tagline *t, const char *s, size_t n) {
  if (n)
    memcpy(t->text + t->tlen, s, n);
  t->tlen += n;
}

static inline void trim(const char **s, size_t *len) {
  while (*len && is_blank((*s)[0])) {
    (*s)++;
    (*len)--;
  }
  while (*len && is_blank((*s)[*len - 1]))
    (*len)--;
}

/* Characters in s[0..n) (UTF-8 continuation bytes are not counted). */
static size_t chars(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++)
    c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}

static int add_field(bcv_tagline *t, const char *s, size_t len, const bcv_tagline_tag *tg,
                     long line) {
  if (t->nf == t->fcap) {
    size_t cap = t->fcap ? t->fcap * 2 : 64;
    bcv_tagline_field *p = realloc(t->f, cap * sizeof *p);
    if (!p)
      return BCV_ENOMEM;
    t->f = p;
    t->fcap = cap;
  }
  const char *v = s + tg->value;
  size_t vl = len - tg->value;
  if (t->d->flags & BCV_TAGLINE_TRIM)
    trim(&v, &vl);
  if (t->nf >= t->max_fields) {
    t->too_many = 1;
    return BCV_ELIMIT;
  }
  int rc = room(t, tg->tlen + vl + 2, t->nf + 1);
  if (rc)
    return rc;
  bcv_tagline_field *f = &t->f[t->nf++];
  /* the shapes' tags and separators are ASCII: a byte is a column */
  size_t col = 1 + (t->d->shape == BCV_TAGLINE_CUSTOM ? chars(s, (size_t)(v - s)) : (size_t)(v - s));
  char *o = t->text + t->tlen;
  f->line = line;
  f->tag = (unsigned)t->tlen;
  f->tlen = (unsigned short)tg->tlen;
  for (size_t i = 0; i < tg->tlen; i++)
    o[i] = s[tg->tag + i];
  o[tg->tlen] = '\0';
  f->value = (unsigned)(t->tlen + tg->tlen + 1);
  f->len = (unsigned)vl;
  f->column = col <= 0xFFFF ? (unsigned short)col : 0;
  f->row = tg->row;
  f->lines = 0;
  if (vl)
    memcpy(o + tg->tlen + 1, v, vl);
  t->tlen = f->value + vl;
  t->text[t->tlen++] = '\0';
  t->join = 0;
  return BCV_OK;
}

/* A continuation line of the last field. */
static int add_more(bcv_tagline *t, const char *s, size_t len) {
  bcv_tagline_field *f = &t->f[t->nf - 1];
  char sep = '\n';
  if (t->d->flags & BCV_TAGLINE_TRIM) {
    trim(&s, &len);
    if (!len)
      return BCV_OK;
    if (!t->join)
      t->join = t->d->join ? t->d->join(t->text + f->tag, f->tlen) : t->d->join_byte;
    sep = t->join ? t->join : '\n';
    if (!f->len)
      sep = 0;
  } else if (!len) {
    return BCV_OK;
  }
  int rc = room(t, len + 1, t->nf);
  if (rc)
    return rc;
  t->tlen--; /* the value's NUL, last in the text */
  if (sep)
    t->text[t->tlen++] = sep;
  put(t, s, len);
  f->len = (unsigned)(t->tlen - f->value);
  t->text[t->tlen++] = '\0';
  f->lines++;
  return BCV_OK;
}

static void reset(bcv_tagline *t, long line) {
  t->tlen = 0;
  t->nf = 0;
  t->start = line;
  t->over = 0;
  t->too_many = 0;
  t->join = 0;
}

static void finish(bcv_tagline *t, bcv_tagline_record *rec, bcv_tagline_ending end) {
  rec->text = t->text;
  rec->fields = t->f;
  rec->n = t->nf;
  rec->line = t->start;
  rec->end = end;
}

/* A field or a continuation added, or the limit passed (then reported). */
static int added(bcv_tagline *t, int rc) {
  if (rc == BCV_ELIMIT) {
    overflow(t);
    return BCV_OK;
  }
  return rc;
}

void bcv_tagline_begin(bcv_tagline *t, long line) { reset(t, line); }

int bcv_tagline_feed(bcv_tagline *t, const char *s, size_t len, long line) {
  bcv_tagline_tag tg;
  int tag = split(t->d, s, len, &tg);
  int kind = tag ? BCV_TAGLINE_FIELD : t->nf || t->over ? BCV_TAGLINE_MORE : BCV_TAGLINE_LOOSE;
  if (t->over || kind == BCV_TAGLINE_LOOSE)
    return kind;
  int rc = added(t, tag ? add_field(t, s, len, &tg, line) : add_more(t, s, len));
  return rc ? rc : kind;
}

int bcv_tagline_end(bcv_tagline *t, bcv_tagline_record *rec) {
  finish(t, rec, BCV_TAGLINE_END_EOF);
  return t->over ? BCV_ELIMIT : BCV_OK;
}

/* Outside a record: whether this tag line starts one. */
static int starts(const bcv_tagline *t, const char *tag, size_t tlen) {
  if (tag_is(t->d->start, t->slen, tag, tlen))
    return 1;
  return (t->d->flags & BCV_TAGLINE_ANY_STARTS) && !tag_is(t->d->end, t->elen, tag, tlen) &&
         !tag_in(t->d->skip, tag, tlen);
}

static int blank_line(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (!is_blank(s[i]))
      return 0;
  return 1;
}

int bcv_tagline_next(bcv_tagline *t, bcv_input *in, bcv_tagline_record *rec) {
  const bcv_tagline_dialect *d = t->d;
  for (;;) {
    long line;
    size_t len;
    const char *s;
    if (t->has_held) {
      t->has_held = 0;
      s = t->held;
      len = t->hlen;
      line = t->hline;
    } else {
      if (t->eof)
        return BCV_DONE;
      line = bcv_input_line(in);
      s = bcv_input_getline(in, &len);
      if (!s) {
        if (bcv_input_failed(in))
          return BCV_EIO;
        t->eof = 1;
        if (t->in_record && !t->over) {
          t->in_record = 0;
          finish(t, rec, BCV_TAGLINE_END_EOF);
          return BCV_OK;
        }
        return BCV_DONE;
      }
    }
    bcv_tagline_tag tg;
    int tag = split(d, s, len, &tg);
    const char *tn = s + tg.tag;
    if (!t->in_record) {
      if (tag && starts(t, tn, tg.tlen)) {
        reset(t, line);
        t->in_record = 1;
        t->junk = 0;
        int rc = added(t, add_field(t, s, len, &tg, line));
        if (rc)
          return rc;
        continue;
      }
      if (blank_line(s, len))
        t->junk = 0;
      else if (!(tag && tag_in(d->skip, tn, tg.tlen)) && !t->junk) {
        if (d->outside)
          bcv_diag_report(t->diag, BCV_SEV_WARNING, NULL, line, 1, "%s", d->outside);
        t->junk = 1;
      }
      continue;
    }
    if (tag && tag_is(d->start, t->slen, tn, tg.tlen) && (t->nf || t->over)) {
      /* a new record without the end of the old one: the old ends here,
       * and this line is read again as the new one's first */
      if (t->hcap < len + 1) {
        char *p = realloc(t->held, len + 1);
        if (!p)
          return BCV_ENOMEM;
        t->held = p;
        t->hcap = len + 1;
      }
      if (s != t->held)
        memcpy(t->held, s, len);
      t->hlen = len;
      t->hline = line;
      t->has_held = 1;
      t->in_record = 0;
      if (t->over)
        continue;
      finish(t, rec, BCV_TAGLINE_END_START);
      return BCV_OK;
    }
    if (tag && tag_is(d->end, t->elen, tn, tg.tlen)) {
      t->in_record = 0;
      if (t->over)
        continue;
      finish(t, rec, BCV_TAGLINE_END_TAG);
      return BCV_OK;
    }
    if ((d->flags & BCV_TAGLINE_BLANK_ENDS) && blank_line(s, len)) {
      t->in_record = 0;
      t->junk = 0;
      if (t->over)
        continue;
      finish(t, rec, BCV_TAGLINE_END_BLANK);
      return BCV_OK;
    }
    if (t->over)
      continue;
    int rc = added(t, tag ? add_field(t, s, len, &tg, line) : add_more(t, s, len));
    if (rc)
      return rc;
  }
}

/* ---- fields kept as extras ---- */

typedef struct bytag {
  const char *tag;
  size_t i;     /* the field's index */
  size_t first; /* the index of its tag's first field, once grouped */
} bytag;

static int cmp_tag(const void *a, const void *b) {
  const bytag *x = a, *y = b;
  int c = strcmp(x->tag, y->tag);
  return c ? c : (x->i > y->i) - (x->i < y->i);
}

static int cmp_first(const void *a, const void *b) {
  const bytag *x = a, *y = b;
  if (x->first != y->first)
    return (x->first > y->first) - (x->first < y->first);
  return (x->i > y->i) - (x->i < y->i);
}

int bcv_tagline_keep(bcv_tagline *t, const bcv_tagline_record *rec, size_t *idx, size_t n,
                     const char *ns, struct bcv_record *r) {
  size_t m = 0;
  if (n > t->btcap) {
    bytag *p = realloc(t->bt, n * sizeof *p);
    if (!p)
      return BCV_ENOMEM;
    t->bt = p;
    t->btcap = n;
  }
  for (size_t k = 0; k < n; k++)
    if (idx[k] < rec->n && rec->fields[idx[k]].len)
      t->bt[m++] = (bytag){rec->text + rec->fields[idx[k]].tag, idx[k], 0};
  if (!m)
    return BCV_OK; /* t->bt may be NULL, which qsort must not be given */
  /* by tag, then each group under its first line's index, by that */
  qsort(t->bt, m, sizeof *t->bt, cmp_tag);
  for (size_t k = 0; k < m; k++)
    t->bt[k].first = k && !strcmp(t->bt[k].tag, t->bt[k - 1].tag) ? t->bt[k - 1].first : t->bt[k].i;
  qsort(t->bt, m, sizeof *t->bt, cmp_first);
  for (size_t k = 0; k < m; k++)
    idx[k] = t->bt[k].i;
  size_t nsl = strlen(ns);
  for (size_t k = 0; k < m;) {
    size_t e = k, need = nsl + 2 + strlen(t->bt[k].tag) + 1;
    for (; e < m && t->bt[e].first == t->bt[k].first; e++)
      need += rec->fields[t->bt[e].i].len + 1;
    if (need > t->vcap) {
      char *p = realloc(t->val, need);
      if (!p)
        return BCV_ENOMEM;
      t->val = p;
      t->vcap = need;
    }
    /* "NS.TAG\0" then the value */
    size_t kl = (size_t)sprintf(t->val, "%s.%s", ns, t->bt[k].tag) + 1, vl = 0;
    char *v = t->val + kl;
    for (size_t x = k; x < e; x++) {
      const bcv_tagline_field *f = &rec->fields[t->bt[x].i];
      if (x > k)
        v[vl++] = '\n';
      memcpy(v + vl, rec->text + f->value, f->len);
      vl += f->len;
    }
    int rc = bcv_record_add_extra(r, t->val, v, vl, 0);
    if (rc)
      return rc;
    k = e;
  }
  return BCV_OK;
}
