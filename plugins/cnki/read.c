/* SPDX-License-Identifier: MIT */
/* read.c: the cnki reader: cuts the input into records and hands each to
 * its dialect.
 *
 * Tagged exports and GB/T strings start a record on a recognisable line,
 * so a record ends where the next one starts and the reader holds one
 * record's lines at a time.  Text that starts with no such line is a
 * pasted page: everything up to the end (or up to the next Magtech
 * breadcrumb) is one record.  CNKI's API joins lines with a literal
 * "<br>"; those are line breaks here. */
#include <stdlib.h>
#include <string.h>
#include "cnki.h"

/* One record's text; beyond this it is reported and skipped. */
#define RECORD_MAX ((size_t)8 << 20)

typedef struct reader {
  bcv_input *in;
  bcv_diag *diag;
  cn_builder *b;
  cn_tagged *tagged;
  cn_buf text;     /* the record's lines, '\n'-terminated */
  long *lineno;
  size_t n, cap;
  int page;        /* the input is a pasted page, not an export */
  cn_dialect cur;  /* dialect of the record being collected */
  long start_line;
  int too_big;
  /* a physical line still being cut at "<br>" */
  const char *rest;
  size_t restlen;
  long restline;
  /* the line that began the next record */
  cn_buf held;
  long held_line;
  cn_dialect held_d;
  int has_held, eof;
} reader;

static int next_line(reader *r, const char **s, size_t *len, long *line) {
  if (!r->rest) {
    long ln = bcv_input_line(r->in);
    const char *p = bcv_input_getline(r->in, len);
    if (!p)
      return bcv_input_failed(r->in) ? BCV_EIO : BCV_DONE;
    r->rest = p;
    r->restlen = *len;
    r->restline = ln;
  }
  size_t br = cn_find(r->rest, r->restlen, "<br>");
  *s = r->rest;
  *line = r->restline;
  if (br == (size_t)-1) {
    *len = r->restlen;
    r->rest = NULL;
  } else {
    *len = br;
    r->rest += br + 4;
    r->restlen -= br + 4;
  }
  return BCV_OK;
}

static int keep_line(reader *r, const char *s, size_t len, long line) {
  if (r->too_big)
    return BCV_OK;
  if (r->text.len + len + 1 > RECORD_MAX) {
    bcv_diag_report(r->diag, BCV_SEV_ERROR, NULL, r->start_line, 1,
                    "record longer than %zu bytes; skipped", RECORD_MAX);
    r->too_big = 1;
    return BCV_OK;
  }
  if (r->n == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 64;
    long *p = realloc(r->lineno, cap * sizeof *p);
    if (!p)
      return BCV_ENOMEM;
    r->lineno = p;
    r->cap = cap;
  }
  r->lineno[r->n++] = line;
  if (cn_buf_put(&r->text, s, len) || cn_buf_putc(&r->text, '\n'))
    return BCV_ENOMEM;
  return BCV_OK;
}

static void reset(reader *r, cn_dialect d, long line) {
  r->text.len = 0;
  r->n = 0;
  r->cur = d;
  r->start_line = line;
  r->too_big = 0;
}

/* A Magtech breadcrumb, "Journal ›› 2024, Vol. 26 ›› Issue (2): 69-80." */
static int breadcrumb(const char *s, size_t len) {
  return cn_find(s, len, "››") != (size_t)-1 &&
         (cn_find(s, len, "Vol.") != (size_t)-1 || cn_find(s, len, "Issue") != (size_t)-1);
}

static int blank(const char *s, size_t len) {
  cn_trim(&s, &len);
  return len == 0;
}

/* A GB/T entry is its first line; CNKI's 查新 export follows it with
 * "摘要：" lines, and anything else after it is kept as a note. */
static int read_gbt(cn_builder *b, const cn_lines *l) {
  const char *nl = memchr(l->text, '\n', l->len);
  size_t first = nl ? (size_t)(nl - l->text) : l->len;
  int rc = cn_read_gbt(b, l->text, first, l->lineno[0], 0);
  const char *p = l->text + first + 1;
  for (size_t i = 1; i < l->n && !rc; i++) {
    const char *e = memchr(p, '\n', (size_t)(l->text + l->len - p));
    size_t len = (size_t)(e - p);
    const char *s = p;
    p = e + 1;
    cn_trim(&s, &len);
    if (!len)
      continue;
    if (cn_starts(s, len, "摘要：") || cn_starts(s, len, "摘要:")) {
      size_t k = s[6] == ':' ? 7 : 9;
      rc = cn_put(b, CN_ABSTRACT, NULL, s + k, len - k, l->lineno[i], 1);
    } else {
      rc = cn_put(b, CN_NOTE, NULL, s, len, l->lineno[i], 1);
    }
  }
  return rc;
}

static int build(reader *r, bcv_record **out) {
  int rc = cn_builder_start(r->b, r->start_line, 1);
  if (rc)
    return rc;
  cn_lines l = {r->text.p ? r->text.p : "", r->text.len, r->lineno, r->n};
  if (r->page)
    rc = cn_read_page(r->b, &l);
  else if (r->cur == CN_GBT)
    rc = read_gbt(r->b, &l);
  else
    rc = cn_read_tagged(r->tagged, r->b, r->cur, &l);
  if (rc)
    return rc;
  *out = cn_builder_finish(r->b, &rc);
  return rc;
}

static int r_next(void *state, bcv_record **out) {
  reader *r = state;
  *out = NULL;
  for (;;) {
    if (r->eof)
      return BCV_DONE;
    int rc;
    if (r->has_held) {
      reset(r, r->held_d, r->held_line);
      r->has_held = 0;
      if ((rc = keep_line(r, r->held.p, r->held.len, r->held_line)))
        return rc;
    }
    const char *s;
    size_t len;
    long line;
    for (;;) {
      rc = next_line(r, &s, &len, &line);
      if (rc == BCV_DONE) {
        r->eof = 1;
        break;
      }
      if (rc)
        return rc;
      cn_dialect d = r->page ? (breadcrumb(s, len) && r->n && !blank(r->text.p, r->text.len)
                                    ? CN_PAGE
                                    : CN_NONE)
                             : cn_record_start(s, len);
      if (d != CN_NONE && r->n) {
        r->held.len = 0;
        if (cn_buf_put(&r->held, s, len))
          return BCV_ENOMEM;
        r->held_line = line;
        r->held_d = d;
        r->has_held = 1;
        break;
      }
      if (!r->n) {
        if (blank(s, len))
          continue;
        if (!r->page && d == CN_NONE) {
          bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, line, 1,
                          "text outside a record; skipped");
          continue;
        }
        reset(r, r->page ? CN_PAGE : d, line);
      }
      if ((rc = keep_line(r, s, len, line)))
        return rc;
    }
    if (!r->n || r->too_big || blank(r->text.p, r->text.len))
      continue;
    rc = build(r, out);
    if (rc != BCV_ELIMIT) /* else reported, and skipped */
      return rc;
  }
}

static int r_open(bcv_input *in, const bcv_options *opts, bcv_diag *diag, void **state) {
  (void)opts;
  reader *r = calloc(1, sizeof *r);
  if (!r || !(r->b = cn_builder_new(diag)) || !(r->tagged = cn_tagged_new(diag))) {
    if (r)
      cn_builder_free(r->b);
    free(r);
    return BCV_ENOMEM;
  }
  r->in = in;
  r->diag = diag;
  /* The first line that is not blank decides: an export record, or a page. */
  size_t hl;
  const char *h = bcv_input_peek(in, 8192, &hl);
  if (!h) {
    cn_builder_free(r->b);
    cn_tagged_free(r->tagged);
    free(r);
    return BCV_EIO;
  }
  r->page = 1;
  for (size_t i = 0; i < hl;) {
    const char *e = memchr(h + i, '\n', hl - i);
    size_t n = e ? (size_t)(e - (h + i)) : hl - i;
    if (!blank(h + i, n)) {
      size_t br = cn_find(h + i, n, "<br>");
      r->page = cn_record_start(h + i, br == (size_t)-1 ? n : br) == CN_NONE;
      break;
    }
    i += n + 1;
  }
  *state = r;
  return BCV_OK;
}

static void r_close(void *state) {
  reader *r = state;
  cn_builder_free(r->b);
  cn_tagged_free(r->tagged);
  cn_buf_free(&r->text);
  cn_buf_free(&r->held);
  free(r->lineno);
  free(r);
}

const bcv_reader_ops cn_reader = {r_open, r_next, r_close, NULL};
