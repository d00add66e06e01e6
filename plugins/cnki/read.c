/* SPDX-License-Identifier: MIT */
/* read.c: the cnki reader: cuts the input into records and hands each to
 * its dialect.
 *
 * Three kinds of input, by their first line that is not blank:
 *  - tagged exports: a record starts on a recognisable line ("RT ",
 *    "%0 ", "{Reference Type}", "DataType:") and ends where the next
 *    starts;
 *  - GB/T 7714 lists ("[1]..." or, under a 参考文献 heading, entries with
 *    or without numbers): one record per entry; a line without a number
 *    continues the entry above (a wrapped entry), or, with a type code in
 *    the other language, is that entry's translation;
 *  - pasted pages: a page ends where the next one's head is (a menu or
 *    breadcrumb, a source line) or where a label a page has once comes
 *    again (then the lines after the last labelled one begin the next
 *    page); a 参考文献 heading turns the rest into a list.
 * The reader holds one record's lines at a time, so memory stays flat
 * however many records a paste holds.  CNKI's API joins lines with a
 * literal "<br>"; those are line breaks here. */
#include <stdlib.h>
#include <string.h>
#include "cnki.h"

/* One record's text; beyond this it is reported and skipped. */
#define RECORD_MAX ((size_t)8 << 20)

typedef enum mode { M_EXPORT, M_PAGE, M_LIST } mode;

typedef struct reader {
  bcv_input *in;
  bcv_diag *diag;
  cn_builder *b;
  cn_tagged *tagged;
  cn_buf text;  /* the lines held, '\n'-terminated */
  size_t *off;  /* where each line starts in text */
  long *lineno; /* and its line number */
  size_t n, cap;
  mode mode;        /* how the lines held are read */
  cn_dialect cur;   /* M_EXPORT: the dialect of the record held */
  size_t cut;       /* lines [0, cut) are a record, ready to build */
  mode cut_mode;
  cn_dialect cut_dialect;
  int too_big, cut_big; /* the record held / the one cut grew too long */
  cn_buf entry;         /* a GB/T entry's lines joined */
  /* M_PAGE: what the lines held say */
  int content;          /* a source line or a label a page has once */
  unsigned long seen[4]; /* anchor labels met */
  size_t after_label;   /* lines before this are a labelled value */
  int alone;            /* the last label is alone: its value follows */
  /* M_LIST */
  int numbered;         /* the list numbers its entries (-1: not known yet) */
  /* a physical line still being cut at "<br>" */
  const char *rest;
  size_t restlen;
  long restline;
  int eof;
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

static int blank(const char *s, size_t len) {
  cn_trim(&s, &len);
  return len == 0;
}

static const char *line_at(const reader *r, size_t i, size_t *len) {
  size_t e = i + 1 < r->n ? r->off[i + 1] : r->text.len;
  *len = e - r->off[i] - 1;
  return r->text.p + r->off[i];
}

static int keep_line(reader *r, const char *s, size_t len, long line) {
  if (r->too_big)
    return BCV_OK;
  if (r->text.len + len + 1 > RECORD_MAX) {
    if (!r->too_big)
      bcv_diag_report(r->diag, BCV_SEV_ERROR, NULL, r->n ? r->lineno[0] : line, 1,
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
    size_t *o = realloc(r->off, cap * sizeof *o);
    if (!o)
      return BCV_ENOMEM;
    r->off = o;
    r->cap = cap;
  }
  r->off[r->n] = r->text.len;
  r->lineno[r->n++] = line;
  if (cn_buf_put(&r->text, s, len) || cn_buf_putc(&r->text, '\n'))
    return BCV_ENOMEM;
  return BCV_OK;
}

/* ---- pages ---- */

static void page_reset(reader *r) {
  r->content = 0;
  memset(r->seen, 0, sizeof r->seen);
  r->after_label = 0;
  r->alone = 0;
}

/* Take note of line i of a page (held already). */
static void page_observe(reader *r, size_t i, int kind, size_t anchor) {
  /* what makes a page: a site's name or notice above the next page's
   * menu is not one */
  if (kind == CN_PL_SOURCE || anchor != (size_t)-1)
    r->content = 1;
  if (anchor != (size_t)-1 && anchor < 256)
    r->seen[anchor / 64] |= 1ul << (anchor % 64);
  if (kind == CN_PL_LABEL || kind == CN_PL_ALONE || (r->alone && kind == CN_PL_CONTENT))
    r->after_label = i + 1;
  if (kind != CN_PL_NONE)
    r->alone = kind == CN_PL_ALONE;
}

static int page_seen(const reader *r, size_t anchor) {
  return anchor < 256 && (r->seen[anchor / 64] >> (anchor % 64) & 1);
}

/* ---- lists ---- */

/* "[12]", "［12］", "12.", "12、", "(12)" before an entry: its length, or 0. */
static size_t entry_number(const char *s, size_t len) {
  size_t i = 0, close = 0;
  if (len && (s[0] == '[' || s[0] == '('))
    i = 1;
  else if (cn_starts(s, len, "［") || cn_starts(s, len, "（"))
    i = 3;
  size_t d = i;
  while (i < len && i - d < 6 && s[i] >= '0' && s[i] <= '9')
    i++;
  if (i == d || i >= len)
    return 0;
  if (d) {
    if (s[i] == ']' || s[i] == ')')
      close = 1;
    else if (cn_starts(s + i, len - i, "］") || cn_starts(s + i, len - i, "）"))
      close = 3;
    return close ? i + close : 0;
  }
  if (s[i] == '.' && i + 1 < len && !(s[i + 1] >= '0' && s[i + 1] <= '9'))
    return i + 1;
  if (cn_starts(s + i, len - i, "、"))
    return i + 3;
  return 0;
}

/* The digits after a GB/T string's type code (year, volume, issue,
 * pages, DOI), runs separated by a blank, into out. */
static int numbers_after_code(const char *s, size_t len, char *out, size_t cap) {
  size_t i = 1, o = 0;
  while (i < len && !(s[i] == ']' && s[i - 1] >= 'A' && s[i - 1] <= 'Z'))
    i++;
  int in = 0;
  for (; i < len && o + 2 < cap; i++) {
    if (s[i] >= '0' && s[i] <= '9') {
      out[o++] = s[i];
      in = 1;
    } else if (in) {
      out[o++] = ' ';
      in = 0;
    }
  }
  out[o] = '\0';
  return (int)o;
}

/* Whether line b is the translation of entry a (gbt7714 -O bilingual):
 * the other language, the same numbers after the code. */
static int translation(const char *a, size_t al, const char *b, size_t bl) {
  char na[96], nb[96];
  int za = strcmp(cn_lang_of(a, al), "zh") == 0, zb = strcmp(cn_lang_of(b, bl), "zh") == 0;
  if (za == zb || numbers_after_code(a, al, na, sizeof na) < 4)
    return 0;
  numbers_after_code(b, bl, nb, sizeof nb);
  return strcmp(na, nb) == 0;
}

/* ---- records ---- */

/* The record held so far ends before line i. */
static void cut_before(reader *r, size_t i) {
  r->cut = i;
  r->cut_mode = r->mode;
  r->cut_dialect = r->cur;
  r->cut_big = r->too_big;
  r->too_big = 0;
}

/* Feed one line; it may end the record before it. */
static int feed(reader *r, const char *s, size_t len, long line) {
  int rc;
  const char *t = s;
  size_t tl = len;
  cn_trim(&t, &tl);
  if (r->mode == M_EXPORT) {
    cn_dialect d = cn_record_start(s, len);
    if (!r->n) {
      if (!tl)
        return BCV_OK;
      if (d == CN_NONE) {
        bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, line, 1, "text outside a record; skipped");
        return BCV_OK;
      }
      r->cur = d;
    } else if (d != CN_NONE) {
      cut_before(r, r->n);
      r->cur = d;
    }
    return keep_line(r, s, len, line);
  }
  size_t anchor = (size_t)-1;
  int kind = tl ? cn_page_line(t, tl, &anchor) : CN_PL_NONE;
  if (kind == CN_PL_REFS || (kind == CN_PL_ENTRY && r->mode == M_PAGE)) {
    /* the heading (or a numbered entry) ends a page; the list below is
     * records of its own */
    if (r->n)
      cut_before(r, r->n);
    r->mode = M_LIST;
    r->numbered = -1;
    if (kind == CN_PL_REFS)
      return BCV_OK;
  }
  if (r->mode == M_LIST) {
    if (kind == CN_PL_HEAD || kind == CN_PL_SOURCE) {
      /* a new page after the list */
      if (r->n)
        cut_before(r, r->n);
      r->mode = M_PAGE;
      page_reset(r);
      if ((rc = keep_line(r, s, len, line)))
        return rc;
      page_observe(r, r->n - 1, kind, anchor);
      return BCV_OK;
    }
    if (!tl)
      return BCV_OK;
    size_t num = entry_number(t, tl);
    int code = cn_gbt_entry(t + num, tl - num);
    if (r->numbered < 0 && (num || code))
      r->numbered = num > 0;
    /* a numbered list numbers every entry: a line without a number is a
     * wrapped one or the translation of the entry above; in a list
     * without numbers an entry is a line with a type code, unless it
     * is the translation of the one above (another language, the same
     * numbers: year, volume, issue, pages) */
    int starts = r->numbered > 0 ? num > 0 : code;
    if (starts && !num && r->n) {
      size_t l0;
      const char *e0 = line_at(r, 0, &l0);
      if (translation(e0, l0, t, tl))
        starts = 0;
    }
    if (starts) {
      if (r->n)
        cut_before(r, r->n);
    } else if (!r->n) {
      if (kind == CN_PL_NONE)
        return BCV_OK; /* chrome between entries */
      bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, line, 1,
                      "text in a reference list that is not an entry; skipped");
      return BCV_OK;
    } else if (kind == CN_PL_NONE) {
      return BCV_OK;
    }
    return keep_line(r, s, len, line);
  }
  /* M_PAGE */
  if ((kind == CN_PL_HEAD || kind == CN_PL_SOURCE) && r->content) {
    cut_before(r, r->n);
    page_reset(r);
  } else if (anchor != (size_t)-1 && page_seen(r, anchor)) {
    /* a second abstract: the next page began after the last labelled
     * line of this one */
    size_t at = r->after_label ? r->after_label : r->n;
    cut_before(r, at);
    page_reset(r);
    for (size_t i = at; i < r->n; i++) {
      size_t l, a;
      const char *p = line_at(r, i, &l);
      cn_trim(&p, &l);
      int k = l ? cn_page_line(p, l, &a) : CN_PL_NONE;
      page_observe(r, i, k, a);
    }
  }
  if (!r->n && !tl)
    return BCV_OK;
  if ((rc = keep_line(r, s, len, line)))
    return rc;
  page_observe(r, r->n - 1, kind, anchor);
  return BCV_OK;
}

/* Drop the lines of the record built; the rest begin the next one. */
static void compact(reader *r) {
  if (!r->cut)
    return;
  size_t from = r->cut < r->n ? r->off[r->cut] : r->text.len;
  memmove(r->text.p, r->text.p + from, r->text.len - from);
  r->text.len -= from;
  for (size_t i = r->cut; i < r->n; i++) {
    r->off[i - r->cut] = r->off[i] - from;
    r->lineno[i - r->cut] = r->lineno[i];
  }
  r->n -= r->cut;
  r->after_label = r->after_label > r->cut ? r->after_label - r->cut : 0;
  r->cut = 0;
}

/* A GB/T entry: its first line and those continuing it are the entry, a
 * line in the other language with its own type code is its translation,
 * "摘要：" lines (CNKI's 查新 export) its abstract. */
static int read_gbt(reader *r, size_t n) {
  int rc = BCV_OK;
  size_t len0;
  const char *first = line_at(r, 0, &len0);
  cn_buf *entry = &r->entry;
  entry->len = 0;
  if (cn_buf_put(entry, first, len0))
    return BCV_ENOMEM;
  size_t twin = n;
  for (size_t i = 1; i < n && !rc; i++) {
    size_t len;
    const char *s = line_at(r, i, &len);
    cn_trim(&s, &len);
    if (!len)
      continue;
    if (cn_starts(s, len, "摘要：") || cn_starts(s, len, "摘要:")) {
      size_t k = s[6] == ':' ? 7 : 9;
      rc = cn_put(r->b, CN_ABSTRACT, NULL, s + k, len - k, r->lineno[i], 1);
      continue;
    }
    /* a line with a code of its own after an entry that has one is its
     * translation; before, it is the rest of a wrapped entry */
    if (twin == n && cn_gbt_entry(s, len) && cn_gbt_entry(entry->p, entry->len)) {
      twin = i;
      continue;
    }
    if (twin < n)
      continue;
    /* a wrapped line: English words keep their space, Han text none */
    char last = entry->len ? entry->p[entry->len - 1] : ' ';
    if ((unsigned char)last < 0x80 && (unsigned char)s[0] < 0x80 && last != '/' &&
        cn_buf_putc(entry, ' '))
      rc = BCV_ENOMEM;
    if (!rc && cn_buf_put(entry, s, len))
      rc = BCV_ENOMEM;
  }
  if (!rc)
    rc = cn_read_gbt(r->b, entry->p, entry->len, r->lineno[0], 0);
  if (!rc && twin < n) {
    size_t len;
    const char *s = line_at(r, twin, &len);
    rc = cn_read_gbt(r->b, s, len, r->lineno[twin], 1);
  }
  return rc;
}

static int build(reader *r, size_t n, mode m, cn_dialect d, bcv_record **out) {
  int rc = cn_builder_start(r->b, r->lineno[0], 1);
  if (rc)
    return rc;
  size_t end = n < r->n ? r->off[n] : r->text.len;
  cn_lines l = {r->text.p, end, r->lineno, n};
  if (m == M_PAGE)
    rc = cn_read_page(r->b, &l);
  else if (m == M_LIST || d == CN_GBT)
    rc = read_gbt(r, n);
  else
    rc = cn_read_tagged(r->tagged, r->b, d, &l);
  if (rc)
    return rc;
  *out = cn_builder_finish(r->b, &rc);
  return rc;
}

static int r_next(void *state, bcv_record **out) {
  reader *r = state;
  *out = NULL;
  for (;;) {
    compact(r);
    int rc;
    while (!r->cut && !r->eof) {
      const char *s;
      size_t len;
      long line;
      rc = next_line(r, &s, &len, &line);
      if (rc == BCV_DONE) {
        r->eof = 1;
        break;
      }
      if (rc)
        return rc;
      if ((rc = feed(r, s, len, line)))
        return rc;
    }
    if (!r->cut) {
      if (!r->n)
        return BCV_DONE;
      cut_before(r, r->n);
    }
    size_t n = r->cut;
    int big = r->cut_big, empty = 1;
    for (size_t i = 0; i < n && empty; i++) {
      size_t l;
      const char *p = line_at(r, i, &l);
      empty = blank(p, l);
    }
    if (big || empty)
      continue;
    rc = build(r, n, r->cut_mode, r->cut_dialect, out);
    /* a page of chrome only; a record of too many fields (reported) */
    if (rc == BCV_DONE || rc == BCV_ELIMIT)
      continue;
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
  /* The first line that is not blank decides: an export record, a GB/T
   * list, or a page. */
  size_t hl;
  const char *h = bcv_input_peek(in, 8192, &hl);
  if (!h) {
    cn_builder_free(r->b);
    cn_tagged_free(r->tagged);
    free(r);
    return BCV_EIO;
  }
  r->mode = M_PAGE;
  int first = 1, entries = 0, labels = 0;
  for (size_t i = 0; i < hl;) {
    const char *e = memchr(h + i, '\n', hl - i);
    size_t n = e ? (size_t)(e - (h + i)) : hl - i;
    const char *t = h + i;
    size_t tl = n, a;
    i += n + 1;
    cn_trim(&t, &tl);
    if (!tl)
      continue;
    if (first) {
      size_t br = cn_find(t, tl, "<br>");
      cn_dialect d = cn_record_start(t, br == (size_t)-1 ? tl : br);
      if (d == CN_GBT) {
        r->mode = M_LIST;
        break;
      }
      if (d != CN_NONE) {
        r->mode = M_EXPORT;
        break;
      }
      if (!cn_gbt_entry(t, tl))
        break;
      first = 0;
    }
    /* GB/T strings without numbers or heading: a list, unless the head
     * holds a page's labels (a page that opens with its citation) */
    int k = cn_page_line(t, tl, &a);
    labels += k == CN_PL_LABEL || k == CN_PL_ALONE;
    entries += cn_gbt_entry(t, tl);
  }
  if (!first && entries && !labels)
    r->mode = M_LIST;
  r->numbered = -1;
  *state = r;
  return BCV_OK;
}

static void r_close(void *state) {
  reader *r = state;
  cn_builder_free(r->b);
  cn_tagged_free(r->tagged);
  cn_buf_free(&r->text);
  cn_buf_free(&r->entry);
  free(r->lineno);
  free(r->off);
  free(r);
}

const bcv_reader_ops cn_reader = {r_open, r_next, r_close, NULL};
