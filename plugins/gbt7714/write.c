/* SPDX-License-Identifier: MIT */
/* write.c: records as a GB/T 7714-2015 reference list, one reference a
 * line, plain UTF-8.
 *
 * 顺序编码制 (the default): "[1] " and the reference, in input order,
 * written as each record comes.  著者-出版年制 (-O style=author-year): the
 * year follows the authors, the list is sorted by language, author and
 * year, and one author's works of one year get letters (2011a, 2011b).
 * Sorting needs every record first: each is rendered as it comes and only
 * its text is kept (a few hundred bytes, never the record), at most
 * AY_MAX_REFS references and AY_MAX_BYTES of text; a record past either is
 * rejected (exit 1) and the list written without it.
 *
 * The layout of each type is the standard's clause for it (gb_shape, the
 * table in map.c); the punctuation is its 8.x "前置符" rules: ". " before
 * each element, ": " before other title information, a publisher, pages
 * and a patent or standard number, ", " between names and before the year,
 * "(期)", "//" before the book a part is in, "[代码]" and "[引用日期]". */
#define _GNU_SOURCE /* qsort_r */
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "gbt7714.h"

enum {
  AY_MAX_REFS = 500000,
  AY_MAX_BYTES = 64 * 1024 * 1024,
  NO_POS = -1
};

typedef struct entry {
  size_t text, len;   /* the reference, in the pool */
  long year_at;       /* where its year letter goes, or NO_POS */
  size_t text2, len2; /* its English line (-O bilingual), len2 0: none */
  long year2_at;
  size_t key, klen;   /* authors as they sort */
  size_t auth, alen;  /* authors as written: the same ones get year letters */
  size_t title, tlen;
  int group;          /* 0 Chinese, 1 other languages */
  int year, has_year;
  size_t idx;
} entry;

typedef struct writer {
  bcv_output *out;
  bcv_diag *diag;
  int ay;        /* author-year */
  int bilingual;
  int fullwidth; /* 1: Chinese references, 2: every line */
  size_t count;
  gb_buf line, line2, key;
  gb_buf pool; /* author-year: every reference's text */
  entry *ents;
  size_t n, cap;
} writer;

/* One line being rendered. */
typedef struct ctx {
  writer *w;
  const bcv_record *r;
  const char *lang; /* NULL: the record's own values; "en": its English form */
  int cjk;          /* Chinese conventions: 等, 译, 版, 出版地不详 */
  const char *comma, *colon, *lpar, *rpar;
  gb_buf *b;
  long year_at;
  size_t auth_end;
  int sorting; /* the sort key: Han institutions in pinyin too */
  bcv_name py; /* a Han name in pinyin, for the English line and sorting */
  char py_family[64], py_given[256];
  unsigned char used[BCV_VAR_COUNT];
} ctx;

/* ---- UTF-8 helpers ---- */

static unsigned cp_at(const char *s, size_t *len) {
  const unsigned char *u = (const unsigned char *)s;
  if (u[0] < 0x80) {
    *len = 1;
    return u[0];
  }
  if ((u[0] & 0xE0) == 0xC0 && (u[1] & 0xC0) == 0x80) {
    *len = 2;
    return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
  }
  if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
    *len = 3;
    return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
  }
  if ((u[0] & 0xF8) == 0xF0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
      (u[3] & 0xC0) == 0x80) {
    *len = 4;
    return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) |
           (u[3] & 0x3Fu);
  }
  *len = 1;
  return 0xFFFD;
}

static int put_cp(gb_buf *b, unsigned c) {
  char o[4];
  size_t n;
  if (c < 0x80) {
    o[0] = (char)c;
    n = 1;
  } else if (c < 0x800) {
    o[0] = (char)(0xC0 | (c >> 6));
    o[1] = (char)(0x80 | (c & 0x3F));
    n = 2;
  } else if (c < 0x10000) {
    o[0] = (char)(0xE0 | (c >> 12));
    o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[2] = (char)(0x80 | (c & 0x3F));
    n = 3;
  } else {
    o[0] = (char)(0xF0 | (c >> 18));
    o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    n = 4;
  }
  return gb_put(b, o, n);
}

/* Capitals of Latin letters (ASCII, Latin-1, Latin Extended-A); other
 * scripts are left as they are. */
static unsigned upper(unsigned c) {
  if (c >= 'a' && c <= 'z')
    return c - 32;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
    return c - 32;
  if (c == 0xFF)
    return 0x178;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
    return c & 1 ? c - 1 : c;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
    return c & 1 ? c : c - 1;
  return c;
}

static int put_upper(gb_buf *b, const char *s) {
  for (size_t i = 0, n; s[i]; i += n)
    if (put_cp(b, upper(cp_at(s + i, &n))))
      return BCV_ENOMEM;
  return BCV_OK;
}

/* CJK scripts (radicals, kana, Han, Hangul, full-width forms): their names
 * run family and given together. */
static int cjk_cp(unsigned c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

static int starts_cjk(const char *s) {
  size_t n;
  return s && *s && cjk_cp(cp_at(s, &n));
}

static int has_cjk(const char *s) {
  for (size_t i = 0, n; s && s[i]; i += n)
    if (cjk_cp(cp_at(s + i, &n)))
      return 1;
  return 0;
}

/* ---- the pieces of a line ---- */

/* A value without CSL's markup, on one line. */
static int put_text(ctx *c, const char *s) {
  gb_buf *b = c->b;
  size_t at = b->len, n = strlen(s);
  if (gb_put(b, s, n))
    return BCV_ENOMEM;
  b->len = at + bcv_markup_strip(b->p + at, n, b->p + at);
  b->p[b->len] = '\0';
  for (size_t i = at; i < b->len; i++)
    if (b->p[i] == '\n' || b->p[i] == '\r' || b->p[i] == '\t')
      b->p[i] = ' ';
  return BCV_OK;
}

/* Pages with the hyphen the standard prints (CSL data often has an en dash). */
static int put_pages(ctx *c, const char *s) {
  for (size_t i = 0, n; s[i]; i += n) {
    unsigned cp = cp_at(s + i, &n);
    if (cp == 0x2013 || cp == 0x2014 || cp == 0x2212 || cp == '~' || cp == 0xFF5E)
      cp = '-';
    if (cp == '\n' || cp == '\t')
      cp = ' ';
    if (put_cp(c->b, cp))
      return BCV_ENOMEM;
  }
  return BCV_OK;
}

static int last_is(const gb_buf *b, char ch) {
  return b->len && b->p[b->len - 1] == ch;
}

/* ". " before an element; after text that already ends in a full stop
 * ("Inc.", "2nd ed.") only the space. */
static int period(ctx *c) {
  return last_is(c->b, '.') ? gb_putc(c->b, ' ') : gb_puts(c->b, ". ");
}

static int is_en(const char *lang) {
  return lang && (strcmp(lang, "en") == 0 || strncmp(lang, "en-", 3) == 0);
}

/* The value of v this line shows: the English one on the English line when
 * there is one, else the record's own. */
static const char *txt(ctx *c, bcv_var v) {
  c->used[v] = 1;
  const char *s = NULL;
  if (c->lang)
    for (const bcv_field *f = bcv_record_fields(c->r); f && !s; f = f->next)
      if (f->kind == BCV_FIELD_TEXT && f->var == v && is_en(f->lang))
        s = f->text;
  if (!s)
    s = bcv_record_text(c->r, v, NULL);
  return s && *s ? s : NULL;
}

static const bcv_date *date_of(ctx *c, bcv_var v) {
  c->used[v] = 1;
  const bcv_field *f = bcv_record_field(c->r, v);
  return f && f->date ? f->date : NULL;
}

static int has_year(const bcv_date *d) {
  return d && d->from.parts >= 1;
}

/* "2013", "2013-01", "2013-01-12"; without_year: "01-12" (author-year
 * newspapers, whose year is written after the authors). */
static int put_date(ctx *c, const bcv_date *d, int without_year) {
  char buf[48];
  const bcv_date_part *p = &d->from;
  if (!p->parts)
    return d->literal ? put_text(c, d->literal) : BCV_OK;
  if (without_year) {
    if (p->parts < 2)
      return BCV_OK;
    if (p->parts == 2)
      snprintf(buf, sizeof buf, "%02d", p->month);
    else
      snprintf(buf, sizeof buf, "%02d-%02d", p->month, p->day);
  } else if (p->parts == 1) {
    snprintf(buf, sizeof buf, "%d", p->year);
  } else if (p->parts == 2) {
    snprintf(buf, sizeof buf, "%d-%02d", p->year, p->month);
  } else {
    snprintf(buf, sizeof buf, "%d-%02d-%02d", p->year, p->month, p->day);
  }
  return gb_puts(c->b, buf);
}

static int put_year(ctx *c, const bcv_date *d) {
  char buf[16];
  if (!has_year(d))
    return d && d->literal ? put_text(c, d->literal) : BCV_OK;
  snprintf(buf, sizeof buf, "%d", d->from.year);
  return gb_puts(c->b, buf);
}

/* ---- names ---- */

/* A Han name in pinyin (GB/T 28039, as CNKI writes English forms: Deng
 * Zhengyang), in c->py; 0 when it has no reading.  An institution is
 * romanised only for sorting: its pinyin is no English name. */
static int romanise(ctx *c, const bcv_name *n) {
  memset(&c->py, 0, sizeof c->py);
  unsigned fl = c->sorting ? BCV_PINYIN_ASCII : 0;
  if (n->literal) {
    size_t need = c->sorting && starts_cjk(n->literal)
                      ? bcv_pinyin_given(n->literal, strlen(n->literal), fl, c->py_given,
                                         sizeof c->py_given)
                      : 0;
    if (!need || need >= sizeof c->py_given)
      return 0;
    c->py.literal = c->py_given;
    return 1;
  }
  if (!n->family || !starts_cjk(n->family))
    return 0;
  size_t f = bcv_pinyin_family(n->family, strlen(n->family), fl, c->py_family, sizeof c->py_family);
  if (!f || f >= sizeof c->py_family)
    return 0;
  c->py.family = c->py_family;
  if (n->given && *n->given) {
    size_t g = bcv_pinyin_given(n->given, strlen(n->given), fl, c->py_given, sizeof c->py_given);
    if (!g || g >= sizeof c->py_given)
      return 0;
    c->py.given = c->py_given;
  }
  return 1;
}

/* The form of n this line shows, and whether it is a romanised Chinese
 * name (given name written out: "DENG Zhengyang", as the standard's
 * "LI Jiangning"): on the English line the record's own English form of
 * the name, else its pinyin. */
static const bcv_name *form(ctx *c, const bcv_name *n, int *roman) {
  int eastern_latin = (n->flags & BCV_NAME_EASTERN) && n->family && !starts_cjk(n->family);
  *roman = eastern_latin;
  if (!c->lang)
    return n;
  for (const bcv_name *a = n->alt; a; a = a->alt)
    if (is_en(a->lang)) {
      *roman = eastern_latin || starts_cjk(n->family) || starts_cjk(n->literal) ||
               (a->flags & BCV_NAME_EASTERN);
      return a;
    }
  if (romanise(c, n)) {
    *roman = 1;
    return &c->py;
  }
  return n;
}

/* Given names as initials without full stops: "Geoffrey E." -> "G E". */
static int initials(ctx *c, const char *g) {
  int first = 1, start = 1;
  for (size_t i = 0, n; g[i]; i += n) {
    unsigned cp = cp_at(g + i, &n);
    if (cp == ' ' || cp == '.' || cp == '-' || cp == 0xA0) {
      start = 1;
      continue;
    }
    if (!start)
      continue;
    start = 0;
    if ((!first && gb_putc(c->b, ' ')) || put_cp(c->b, upper(cp)))
      return BCV_ENOMEM;
    first = 0;
  }
  return BCV_OK;
}

static int name_out(ctx *c, const bcv_name *n, int roman) {
  if (n->literal)
    return put_text(c, n->literal);
  const char *fam = n->family ? n->family : "", *giv = n->given ? n->given : "";
  if (starts_cjk(fam) || (!*fam && starts_cjk(giv)))
    return put_text(c, fam) || put_text(c, giv);
  if (!*fam) /* a single name ("Plato"): no initial of it */
    return put_text(c, giv);
  int rc = BCV_OK;
  /* particles belong to the family name in the standard ("DE MORGAN A") */
  if (n->dropping_particle)
    rc = put_upper(c->b, n->dropping_particle) || gb_putc(c->b, ' ');
  if (!rc && n->non_dropping_particle)
    rc = put_upper(c->b, n->non_dropping_particle) || gb_putc(c->b, ' ');
  if (!rc)
    rc = put_upper(c->b, fam);
  if (!rc && *giv) {
    rc = (*fam && gb_putc(c->b, ' '));
    if (!rc)
      rc = roman ? put_text(c, giv) : initials(c, giv);
  }
  /* "NORD G L, Jr" (the standard's example) */
  if (!rc && n->suffix)
    rc = gb_puts(c->b, c->comma) || put_text(c, n->suffix);
  return rc;
}

/* At most three names, then 等 or et al. (8.1.2.2). */
static int names(ctx *c, const bcv_field *f) {
  size_t k = 0;
  int more = f->etal;
  c->used[f->var] = 1;
  for (const bcv_name *n = f->names; n; n = n->next) {
    if (k == 3) {
      more = 1;
      break;
    }
    int roman;
    const bcv_name *x = form(c, n, &roman);
    if ((k && gb_puts(c->b, c->comma)) || name_out(c, x, roman))
      return BCV_ENOMEM;
    k++;
  }
  if (more && ((k && gb_puts(c->b, c->comma)) || gb_puts(c->b, c->cjk ? "等" : "et al.")))
    return BCV_ENOMEM;
  return BCV_OK;
}

static const bcv_field *name_list(ctx *c, bcv_var v) {
  const bcv_field *f = bcv_record_field(c->r, v);
  return f && (f->names || f->etal) ? f : NULL;
}

/* ---- the line ---- */

static int is_cjk_record(const bcv_record *r) {
  const char *lang = bcv_record_lang(r);
  if (lang && *lang)
    return strncmp(lang, "zh", 2) == 0 || strncmp(lang, "ja", 2) == 0 ||
           strncmp(lang, "ko", 2) == 0;
  return has_cjk(bcv_record_text(r, BCV_VAR_TITLE, NULL));
}

/* "GB/T 7714-2015" -> "GB/T 7714—2015": a Chinese standard's year follows
 * an em dash. */
static int put_number(ctx *c, const char *s, const char *code) {
  size_t n = strlen(s);
  int cn = strcmp(code, "S") == 0 && (strncmp(s, "GB", 2) == 0 || (s[0] >= 'A' && s[0] <= 'Z' &&
                                                                    s[1] >= 'A' && s[1] <= 'Z' &&
                                                                    s[2] == '/' && s[3] == 'T'));
  if (cn && n > 5 && s[n - 5] == '-' && s[n - 4] >= '0' && s[n - 4] <= '9' &&
      s[n - 1] >= '0' && s[n - 1] <= '9') {
    size_t at = c->b->len;
    if (put_text(c, s))
      return BCV_ENOMEM;
    if (c->b->len - at == n) {
      c->b->len -= 5;
      return gb_puts(c->b, "—") || gb_put(c->b, s + n - 4, 4);
    }
    return BCV_OK;
  }
  return put_text(c, s);
}

/* "2版", "2nd ed."; the first edition is not written (8.3). */
static int edition(ctx *c) {
  const char *e = txt(c, BCV_VAR_EDITION);
  if (!e)
    return BCV_OK;
  char *end;
  long v = strtol(e, &end, 10);
  if (*end || end == e)
    return period(c) || put_text(c, e);
  if (v <= 1)
    return BCV_OK;
  char buf[48];
  if (c->cjk)
    snprintf(buf, sizeof buf, "%ld版", v);
  else
    snprintf(buf, sizeof buf, "%ld%s ed.", v,
             v % 100 >= 11 && v % 100 <= 13 ? "th"
             : v % 10 == 1                   ? "st"
             : v % 10 == 2                   ? "nd"
             : v % 10 == 3                   ? "rd"
                                             : "th");
  return period(c) || gb_puts(c->b, buf);
}

/* Other responsibility: "谢远涛, 译" (8.1.3). */
static int translators(ctx *c) {
  const bcv_field *t = name_list(c, BCV_VAR_TRANSLATOR);
  if (!t)
    return BCV_OK;
  return period(c) || names(c, t) || gb_puts(c->b, c->comma) ||
         gb_puts(c->b, c->cjk ? "译" : "trans");
}

static int access_date(ctx *c, int online) {
  const bcv_date *a = date_of(c, BCV_VAR_ACCESSED);
  if (!online || !a || !a->from.parts)
    return BCV_OK;
  return gb_putc(c->b, '[') || put_date(c, a, 0) || gb_putc(c->b, ']');
}

/* 出版地: 出版者, 出版年: 页码 (8.1.5); a print work's unknown place or
 * publisher is said so (8.8.2, 8.9.2), an online one's left out. */
static int imprint(ctx *c, unsigned flags, int online) {
  const char *place = txt(c, BCV_VAR_PUBLISHER_PLACE);
  const char *pub = txt(c, BCV_VAR_PUBLISHER);
  const bcv_date *d = date_of(c, BCV_VAR_ISSUED);
  const char *page = txt(c, BCV_VAR_PAGE);
  int imp = (flags & GB_IMPRINT) != 0;
  int year = !c->w->ay && (has_year(d) || (d && d->literal));
  int show = place || pub || (imp && !online);
  if (!show && !year && !page)
    return BCV_OK;
  int rc = period(c);
  if (!rc && show) {
    if (!place && !pub)
      rc = c->cjk ? gb_puts(c->b, "[出版地不详") || gb_puts(c->b, c->colon) ||
                        gb_puts(c->b, "出版者不详]")
                  : gb_puts(c->b, "[S.l.: s.n.]");
    else if (imp)
      rc = (place ? put_text(c, place) : gb_puts(c->b, c->cjk ? "[出版地不详]" : "[S.l.]")) ||
           gb_puts(c->b, c->colon) ||
           (pub ? put_text(c, pub) : gb_puts(c->b, c->cjk ? "[出版者不详]" : "[s.n.]"));
    else
      rc = (place && put_text(c, place)) || (place && pub && gb_puts(c->b, c->colon)) ||
           (pub && put_text(c, pub));
  }
  if (!rc && year)
    rc = (show && gb_puts(c->b, c->comma)) || put_year(c, d);
  if (!rc && page)
    rc = ((show || year) && gb_puts(c->b, c->colon)) || put_pages(c, page);
  return rc;
}

/* The conference's name: event-title, or CSL 1.0's event. */
static const char *ev_title(ctx *c) {
  const char *e = txt(c, BCV_VAR_EVENT_TITLE);
  return e ? e : txt(c, BCV_VAR_EVENT);
}

/* An event's date as GB/T 7408 (ISO 8601) writes it: "2012-12-28", a
 * range with its end cut to what differs, "2012-12-28/30". */
static int put_event_date(ctx *c, const bcv_date *d) {
  const bcv_date_part *a = &d->from, *b = &d->to;
  if (!a->parts || !(d->flags & BCV_DATE_RANGE) || !b->parts)
    return put_date(c, d, 0);
  if (put_date(c, d, 0))
    return BCV_ENOMEM;
  if (b->parts == a->parts && b->year == a->year &&
      (a->parts == 1 || (b->month == a->month && (a->parts == 2 || b->day == a->day))))
    return BCV_OK; /* a range of one day */
  char buf[48];
  if (b->parts != a->parts || b->year != a->year || a->parts == 1)
    snprintf(buf, sizeof buf, b->parts == 1 ? "/%d" : b->parts == 2 ? "/%d-%02d" : "/%d-%02d-%02d",
             b->year, b->month, b->day);
  else if (b->month != a->month || a->parts == 2)
    snprintf(buf, sizeof buf, a->parts == 2 ? "/%02d" : "/%02d-%02d", b->month, b->day);
  else
    snprintf(buf, sizeof buf, "/%02d", b->day);
  return gb_puts(c->b, buf);
}

/* The conference as other title information of its proceedings (the
 * standard's "Geoecology and computers: proceedings of the Third
 * International Conference ..., Moscow, Russia, February 1-4, 2000[C]"):
 * 会议名, 地点, 日期 after host, the proceedings' title.  sep: what goes
 * before them (after a title ": ", or ", " when no name is written; ". "
 * after the host's editors; nothing right after "//").  What host says
 * already is not said twice: the conference's name or place in it (in any
 * case), or, when it names the conference, the year of its date (the
 * standard's Babu and Fourney examples). */
enum { EV_FIRST, EV_AFTER_TITLE, EV_AFTER_NAMES };
static int conference(ctx *c, const char *host, int sep) {
  const char *name = ev_title(c), *place = txt(c, BCV_VAR_EVENT_PLACE);
  const bcv_date *d = date_of(c, BCV_VAR_EVENT_DATE);
  if (d && !d->from.parts && !d->literal)
    d = NULL;
  int named = host && name && strcasestr(host, name);
  if (named)
    name = NULL;
  if (host && place && strcasestr(host, place))
    place = NULL;
  if (named && d && d->from.parts) {
    char y[16];
    snprintf(y, sizeof y, "%d", d->from.year);
    if (strstr(host, y))
      d = NULL;
  }
  if (!name && !place && !d)
    return BCV_OK;
  /* without a name of its own to write, the conference's place and date
   * go on from the title (the standard's Yufin and Fourney examples) */
  int rc = sep == EV_AFTER_TITLE ? gb_puts(c->b, name ? c->colon : c->comma)
           : sep == EV_AFTER_NAMES ? period(c)
                                   : BCV_OK;
  int any = 0;
  if (!rc && name) {
    rc = put_text(c, name);
    any = 1;
  }
  if (!rc && place) {
    rc = (any && gb_puts(c->b, c->comma)) || put_text(c, place);
    any = 1;
  }
  if (!rc && d)
    rc = (any && gb_puts(c->b, c->comma)) || put_event_date(c, d);
  return rc;
}

static int authors(ctx *c, gb_shape shape) {
  const bcv_field *a = name_list(c, BCV_VAR_AUTHOR);
  /* a whole work's editors are its main responsibility (the standard's
   * proceedings 牛志明, 斯温兰德, 雷光春. 综合湿地管理...[C]) */
  if (!a && shape != GB_PART && shape != GB_SERIAL && shape != GB_NEWSPAPER)
    a = name_list(c, BCV_VAR_EDITOR);
  if (!a && shape == GB_PATENT)
    a = name_list(c, BCV_VAR_CONTRIBUTOR);
  int rc = BCV_OK;
  if (a)
    rc = names(c, a);
  else if (c->w->ay) /* 8.1.2.4: 佚名 where the list is ordered by author */
    rc = gb_puts(c->b, c->cjk ? "佚名" : "Anon");
  c->auth_end = c->b->len;
  if (!rc && c->w->ay) {
    const bcv_date *d = date_of(c, BCV_VAR_ISSUED);
    if (has_year(d)) {
      rc = gb_puts(c->b, c->comma) || put_year(c, d);
      c->year_at = (long)c->b->len;
    }
  }
  if (!rc && c->b->len)
    rc = period(c);
  return rc;
}

static int render(ctx *c, const gb_kind *k, const char *code) {
  writer *w = c->w;
  const char *url = txt(c, BCV_VAR_URL);
  /* the carrier: the record's medium, when it names one of the standard's */
  const char *medium = gb_carrier_of(bcv_record_text(c->r, BCV_VAR_MEDIUM, NULL));
  int online = (url && ((k->flags & GB_OL) || date_of(c, BCV_VAR_ACCESSED))) ||
               (medium && strcmp(medium, "OL") == 0);
  /* a link to a work not cited as online (no access date) is not part of
   * the reference: said with the dropped fields */
  c->used[BCV_VAR_URL] = (unsigned char)(online && url);
  /* the copy cited online is online, whatever else the work came on: a
   * medium that says otherwise (or names no carrier) is said with the
   * dropped fields */
  const char *carrier = online ? "OL" : medium;
  if (medium && strcmp(medium, carrier) == 0)
    c->used[BCV_VAR_MEDIUM] = 1;
  const char *event = (k->flags & GB_EVENT) ? ev_title(c) : NULL;
  gb_shape shape = k->shape;
  /* a paper (it has authors; whole proceedings have editors) whose
   * proceedings have no title of their own is a part of its conference:
   * [C]//会议名, 地点, 日期 */
  if (event && !name_list(c, BCV_VAR_AUTHOR))
    event = NULL;
  if ((k->flags & GB_PART_IF_CONT) && (txt(c, BCV_VAR_CONTAINER_TITLE) || event))
    shape = GB_PART;
  /* a part of nothing known is written as a whole */
  if (shape == GB_PART && !txt(c, BCV_VAR_CONTAINER_TITLE) && !event &&
      !name_list(c, BCV_VAR_CONTAINER_AUTHOR) && !name_list(c, BCV_VAR_EDITOR))
    shape = GB_BOOK;
  /* an online work with no imprint ends as electronic resources do:
   * (更新日期)[引用日期] (the standard's R/OL and A/OL examples) */
  if (shape == GB_BOOK && online && !txt(c, BCV_VAR_PUBLISHER) &&
      !txt(c, BCV_VAR_PUBLISHER_PLACE))
    shape = GB_ONLINE;
  int rc = authors(c, shape);
  if (rc)
    return rc;

  /* 题名: 其他题名信息[代码/OL] */
  const char *title = txt(c, BCV_VAR_TITLE);
  if (title && (rc = put_text(c, title)))
    return rc;
  if (shape != GB_PART && (k->flags & GB_EVENT) &&
      (rc = conference(c, title, title ? EV_AFTER_TITLE : EV_FIRST)))
    return rc;
  const char *num = (k->flags & GB_NUMBER) ? txt(c, BCV_VAR_NUMBER) : NULL;
  if (num && ((rc = gb_puts(c->b, c->colon)) || (rc = put_number(c, num, code))))
    return rc;
  if ((rc = gb_putc(c->b, '[')) || (rc = gb_puts(c->b, code)) ||
      (carrier && ((rc = gb_putc(c->b, '/')) || (rc = gb_puts(c->b, carrier)))) ||
      (rc = gb_putc(c->b, ']')))
    return rc;

  const bcv_date *iss = date_of(c, BCV_VAR_ISSUED);
  switch (shape) {
  case GB_SERIAL: {
    const char *cont = txt(c, BCV_VAR_CONTAINER_TITLE);
    const char *vol = txt(c, BCV_VAR_VOLUME), *no = txt(c, BCV_VAR_ISSUE);
    const char *page = txt(c, BCV_VAR_PAGE);
    int year = !w->ay && (has_year(iss) || (iss && iss->literal));
    if (!cont && !year && !vol && !no && !page)
      break;
    rc = period(c);
    int any = 0;
    if (!rc && cont) {
      rc = put_text(c, cont);
      any = 1;
    }
    if (!rc && year) {
      rc = (any && gb_puts(c->b, c->comma)) || put_year(c, iss);
      any = 1;
    }
    if (!rc && vol) {
      rc = (any && gb_puts(c->b, c->comma)) || put_text(c, vol);
      any = 1;
    }
    if (!rc && no) {
      rc = gb_puts(c->b, c->lpar) || put_text(c, no) || gb_puts(c->b, c->rpar);
      any = 1;
    }
    if (!rc && page)
      rc = (any && gb_puts(c->b, c->colon)) || put_pages(c, page);
    if (!rc)
      rc = access_date(c, online);
    break;
  }
  case GB_NEWSPAPER: {
    const char *cont = txt(c, BCV_VAR_CONTAINER_TITLE), *page = txt(c, BCV_VAR_PAGE);
    rc = period(c);
    if (!rc && cont)
      rc = put_text(c, cont);
    size_t at = c->b->len;
    if (!rc && iss)
      rc = (cont && gb_puts(c->b, c->comma)) || put_date(c, iss, w->ay);
    if (!rc && w->ay && c->b->len == at + strlen(c->comma))
      c->b->len = at; /* no month and day: the year is after the authors */
    if (!rc && page)
      rc = gb_puts(c->b, c->lpar) || put_pages(c, page) || gb_puts(c->b, c->rpar);
    if (!rc)
      rc = access_date(c, online);
    break;
  }
  case GB_PATENT:
    if (iss || online)
      rc = period(c) || (iss && put_date(c, iss, 0)) || access_date(c, online);
    break;
  case GB_ONLINE: {
    const char *pub = txt(c, BCV_VAR_PUBLISHER), *place = txt(c, BCV_VAR_PUBLISHER_PLACE);
    const bcv_date *acc = date_of(c, BCV_VAR_ACCESSED);
    int full = iss && iss->from.parts >= 2;
    if (pub) {
      rc = period(c) || (place && (put_text(c, place) || gb_puts(c->b, c->colon))) || put_text(c, pub);
      if (!rc && !w->ay && has_year(iss))
        rc = gb_puts(c->b, c->comma) || put_year(c, iss);
      if (!rc && full)
        rc = gb_puts(c->b, c->lpar) || put_date(c, iss, 0) || gb_puts(c->b, c->rpar);
    } else if (iss && (iss->from.parts || iss->literal)) {
      rc = period(c) || gb_puts(c->b, c->lpar) || put_date(c, iss, 0) || gb_puts(c->b, c->rpar);
    } else if (online && acc && acc->from.parts) {
      rc = period(c);
    }
    if (!rc)
      rc = access_date(c, online);
    break;
  }
  case GB_PART: {
    /* //专著主要责任者. 专著题名 */
    const bcv_field *ca = name_list(c, BCV_VAR_CONTAINER_AUTHOR);
    if (!ca)
      ca = name_list(c, BCV_VAR_EDITOR);
    const char *cont = txt(c, BCV_VAR_CONTAINER_TITLE);
    if (!rc)
      rc = gb_puts(c->b, "//");
    if (!rc && ca)
      rc = names(c, ca) || (cont && period(c));
    if (!rc && cont)
      rc = put_text(c, cont);
    if (!rc && (cont || ca)) {
      const char *vt = txt(c, BCV_VAR_VOLUME_TITLE);
      if (vt)
        rc = gb_puts(c->b, c->colon) || put_text(c, vt);
    }
    if (!rc && (k->flags & GB_EVENT))
      rc = conference(c, cont, cont ? EV_AFTER_TITLE : ca ? EV_AFTER_NAMES : EV_FIRST);
    if (!rc)
      rc = edition(c);
    if (!rc)
      rc = imprint(c, k->flags, online);
    if (!rc)
      rc = access_date(c, online);
    break;
  }
  case GB_BOOK:
  default:
    rc = translators(c) || edition(c) || imprint(c, k->flags, online) ||
         access_date(c, online);
    break;
  }
  if (rc)
    return rc;
  if (online && url && (rc = period(c) || put_text(c, url)))
    return rc;
  const char *doi = txt(c, BCV_VAR_DOI);
  if (doi && (rc = period(c) || gb_puts(c->b, "DOI: ") || put_text(c, doi)))
    return rc;
  return last_is(c->b, '.') ? BCV_OK : gb_putc(c->b, '.');
}

static void punct(ctx *c, int full) {
  c->comma = full ? "，" : ", ";
  c->colon = full ? "：" : ": ";
  c->lpar = full ? "（" : "(";
  c->rpar = full ? "）" : ")";
}

/* A diagnostic naming the record: its id, or else the start of its title
 * (CNKI pages have no id). */
static void report(writer *w, const bcv_record *r, bcv_severity sev, const char *what) {
  const char *id = bcv_record_id(r);
  char name[64] = "";
  if (!id) {
    const char *t = bcv_record_text(r, BCV_VAR_TITLE, NULL);
    if (t) {
      size_t n = 0, k;
      while (t[n] && n < 40) { /* whole characters only */
        cp_at(t + n, &k);
        if (n + k > 40)
          break;
        n += k;
      }
      snprintf(name, sizeof name, "%.*s%s", (int)n, t, t[n] ? "..." : "");
      id = name;
    }
  }
  bcv_diag_report(w->diag, sev, NULL, bcv_record_line(r), bcv_record_column(r), "%s%s%s%s",
                  id ? "record '" : "", id ? id : "", id ? "': " : "", what);
}

/* Variables a reference list has no room for (abstract, keywords ...),
 * in one note per record (-v). */
static int dropped(writer *w, const bcv_record *r, const unsigned char *used) {
  gb_buf b = {0};
  unsigned char seen[BCV_VAR_COUNT] = {0};
  size_t extras = 0;
  int rc = BCV_OK;
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind == BCV_FIELD_EXTRA) {
      extras += strcmp(f->key, "gbt7714.code") != 0;
      continue;
    }
    if ((int)f->var < 0 || used[f->var] || seen[f->var] || f->var == BCV_VAR_LANGUAGE)
      continue;
    seen[f->var] = 1;
    rc = (b.len && gb_puts(&b, ", ")) || gb_puts(&b, bcv_var_name(f->var));
  }
  if (!rc && extras) {
    char buf[64];
    snprintf(buf, sizeof buf, "%s%zu extra%s", b.len ? ", " : "", extras, extras > 1 ? "s" : "");
    rc = gb_puts(&b, buf);
  }
  if (!rc && b.len)
    bcv_diag_dropped(w->diag, r, "gbt7714", b.p);
  gb_free(&b);
  return rc ? BCV_ENOMEM : BCV_OK;
}

static int has_en_title(const bcv_record *r) {
  for (const bcv_field *f = bcv_record_fields(r); f; f = f->next)
    if (f->kind == BCV_FIELD_TEXT && f->var == BCV_VAR_TITLE && is_en(f->lang))
      return 1;
  return 0;
}

/* The sort key of the authors: capitals, Han names by their English
 * forms, else in pinyin (so that 邓正阳 sorts under DENG, as the
 * standard's 汉语拼音字顺 asks), ü as u. */
static int sort_key(writer *w, const bcv_record *r, int cjk) {
  ctx c = {0};
  c.w = w;
  c.r = r;
  c.lang = "en";
  c.cjk = cjk;
  c.sorting = 1;
  c.b = &w->key;
  punct(&c, 0);
  w->key.len = 0;
  const bcv_field *a = name_list(&c, BCV_VAR_AUTHOR);
  if (!a)
    a = name_list(&c, BCV_VAR_EDITOR);
  if (a ? names(&c, a) : gb_puts(&w->key, "\xff")) /* 佚名 last */
    return BCV_ENOMEM;
  for (size_t i = 0; i < w->key.len; i++)
    if (w->key.p[i] >= 'a' && w->key.p[i] <= 'z')
      w->key.p[i] = (char)(w->key.p[i] - 32);
  return BCV_OK;
}

static int line_of(writer *w, const bcv_record *r, gb_buf *b, const char *lang, int cjk,
                   const gb_kind *k, const char *code, unsigned char *used, long *year_at,
                   size_t *auth_end) {
  ctx c = {0};
  c.w = w;
  c.r = r;
  c.lang = lang;
  c.cjk = cjk;
  c.b = b;
  c.year_at = NO_POS;
  punct(&c, w->fullwidth == 2 || (w->fullwidth == 1 && cjk));
  b->len = 0;
  int rc = render(&c, k, code);
  if (used)
    for (size_t i = 0; i < BCV_VAR_COUNT; i++)
      used[i] |= c.used[i];
  if (year_at)
    *year_at = c.year_at;
  if (auth_end)
    *auth_end = c.auth_end;
  return rc ? BCV_ENOMEM : BCV_OK; /* the pieces fail only for memory */
}

static int pool_add(writer *w, const char *s, size_t n, size_t *at) {
  *at = w->pool.len;
  return gb_put(&w->pool, s, n);
}

static int w_write(void *state, const bcv_record *r) {
  writer *w = state;
  int cjk = is_cjk_record(r);
  bcv_type t = bcv_record_type(r);
  const gb_kind *k = gb_kind_of(t);
  const char *code = k->code;
  const bcv_field *ov = bcv_record_extra(r, "gbt7714.code");
  if (ov) {
    const gb_kind *o = gb_kind_of_code(ov->text);
    if (o) {
      code = o->code;
      if (k->shape != GB_PART)
        k = o;
    } else {
      char msg[160];
      snprintf(msg, sizeof msg, "gbt7714.code '%.40s' is not a GB/T 7714 code; ignored", ov->text);
      report(w, r, BCV_SEV_WARNING, msg);
    }
  }
  if (!ov && (k->flags & GB_NO_CODE)) {
    char msg[160];
    snprintf(msg, sizeof msg, "type '%s' has no GB/T 7714 code; written as [Z]", bcv_type_name(t));
    report(w, r, BCV_SEV_NOTE, msg);
  }
  if (!bcv_record_text(r, BCV_VAR_TITLE, NULL))
    report(w, r, BCV_SEV_WARNING, "no title, which GB/T 7714 requires");
  const bcv_field *iss = bcv_record_field(r, BCV_VAR_ISSUED);
  const bcv_field *acc = bcv_record_field(r, BCV_VAR_ACCESSED);
  int dated = iss && iss->date && (iss->date->from.parts || iss->date->literal);
  if (!dated && !((k->flags & GB_OL) && acc))
    report(w, r, BCV_SEV_WARNING, "no year, which GB/T 7714 requires");

  unsigned char used[BCV_VAR_COUNT] = {0};
  long year_at, year2_at = NO_POS;
  size_t auth_end;
  int rc = line_of(w, r, &w->line, NULL, cjk, k, code, used, &year_at, &auth_end);
  int two = !rc && w->bilingual && cjk && has_en_title(r);
  if (two)
    rc = line_of(w, r, &w->line2, "en", 0, k, code, used, &year2_at, NULL);
  if (!rc)
    rc = dropped(w, r, used);
  if (rc)
    return rc;

  if (!w->ay) {
    char num[32];
    snprintf(num, sizeof num, "[%zu] ", ++w->count);
    if ((rc = bcv_output_puts(w->out, num)) ||
        (rc = bcv_output_write(w->out, w->line.p, w->line.len)) ||
        (rc = bcv_output_puts(w->out, "\n")))
      return rc;
    if (two && ((rc = bcv_output_write(w->out, w->line2.p, w->line2.len)) ||
                (rc = bcv_output_puts(w->out, "\n"))))
      return rc;
    return BCV_OK;
  }

  /* author-year: keep the text, sort at the end */
  if ((rc = sort_key(w, r, cjk)))
    return rc;
  const char *title = bcv_record_text(r, BCV_VAR_TITLE, NULL);
  size_t need = w->line.len + (two ? w->line2.len : 0) + w->key.len + auth_end +
                (title ? strlen(title) : 0);
  if (w->n >= AY_MAX_REFS || need > AY_MAX_BYTES - w->pool.len) {
    report(w, r, BCV_SEV_ERROR,
           "an author-year list holds at most 500000 references and 64 MiB of text; skipped");
    return BCV_OK;
  }
  if (w->n == w->cap) {
    size_t cap = w->cap ? w->cap * 2 : 64;
    entry *e = realloc(w->ents, cap * sizeof *e);
    if (!e)
      return BCV_ENOMEM;
    w->ents = e;
    w->cap = cap;
  }
  entry *e = &w->ents[w->n];
  memset(e, 0, sizeof *e);
  e->idx = w->n;
  e->group = cjk ? 0 : 1;
  e->has_year = iss && iss->date && iss->date->from.parts;
  e->year = e->has_year ? iss->date->from.year : 0;
  e->year_at = year_at;
  e->year2_at = year2_at;
  if ((rc = pool_add(w, w->line.p, w->line.len, &e->text)) ||
      (rc = pool_add(w, w->line.p, auth_end, &e->auth)) ||
      (rc = pool_add(w, w->key.p, w->key.len, &e->key)) ||
      (title && (rc = pool_add(w, title, strlen(title), &e->title))) ||
      (two && (rc = pool_add(w, w->line2.p, w->line2.len, &e->text2))))
    return rc;
  e->len = w->line.len;
  e->alen = auth_end;
  e->klen = w->key.len;
  e->tlen = title ? strlen(title) : 0;
  e->len2 = two ? w->line2.len : 0;
  w->n++;
  return BCV_OK;
}

static int cmp_bytes(const char *a, size_t an, const char *b, size_t bn) {
  int d = memcmp(a, b, an < bn ? an : bn);
  return d ? d : (an > bn) - (an < bn);
}

static int cmp_entry(const void *pa, const void *pb, void *pool) {
  const entry *a = pa, *b = pb;
  const char *g_pool = pool;
  if (a->group != b->group)
    return a->group - b->group;
  int d = cmp_bytes(g_pool + a->key, a->klen, g_pool + b->key, b->klen);
  if (d)
    return d;
  if (a->has_year != b->has_year)
    return a->has_year - b->has_year; /* no year first, as "n.d." */
  if (a->year != b->year)
    return a->year < b->year ? -1 : 1;
  d = cmp_bytes(g_pool + a->title, a->tlen, g_pool + b->title, b->tlen);
  if (d)
    return d;
  return (a->idx > b->idx) - (a->idx < b->idx);
}

static int same_author_year(const writer *w, const entry *a, const entry *b) {
  return a->has_year && b->has_year && a->year == b->year && a->year_at != NO_POS &&
         b->year_at != NO_POS &&
         cmp_bytes(w->pool.p + a->auth, a->alen, w->pool.p + b->auth, b->alen) == 0;
}

static int put_with_letter(writer *w, size_t text, size_t len, long at, const char *letter) {
  int rc;
  if (at == NO_POS || !*letter)
    rc = bcv_output_write(w->out, w->pool.p + text, len);
  else if (!(rc = bcv_output_write(w->out, w->pool.p + text, (size_t)at)) &&
           !(rc = bcv_output_puts(w->out, letter)))
    rc = bcv_output_write(w->out, w->pool.p + text + at, len - (size_t)at);
  return rc ? rc : bcv_output_puts(w->out, "\n");
}

static int write_sorted(writer *w) {
  if (!w->n)
    return BCV_OK;
  qsort_r(w->ents, w->n, sizeof *w->ents, cmp_entry, w->pool.p);
  int rc = BCV_OK;
  for (size_t i = 0; i < w->n && !rc;) {
    size_t j = i + 1;
    while (j < w->n && same_author_year(w, &w->ents[i], &w->ents[j]))
      j++;
    for (size_t k = i; k < j && !rc; k++) {
      char letter[8] = "";
      size_t m = k - i;
      if (j - i > 1) {
        if (m < 26)
          snprintf(letter, sizeof letter, "%c", (char)('a' + m));
        else
          snprintf(letter, sizeof letter, "%c%c", (char)('a' + (m / 26 - 1) % 26), (char)('a' + m % 26));
      }
      const entry *e = &w->ents[k];
      rc = put_with_letter(w, e->text, e->len, e->year_at, letter);
      if (!rc && e->len2)
        rc = put_with_letter(w, e->text2, e->len2, e->year2_at, letter);
    }
    i = j;
  }
  return rc;
}

static int w_begin(bcv_output *out, const bcv_options *opts, bcv_diag *diag, void **state) {
  const char *style = bcv_options_get(opts, "style");
  const char *fw = bcv_options_get(opts, "fullwidth");
  int ay = 0, full = 0;
  if (style && strcmp(style, "author-year") == 0)
    ay = 1;
  else if (style && strcmp(style, "numeric") != 0) {
    bcv_diag_report(diag, BCV_SEV_ERROR, NULL, 0, 0,
                    "gbt7714: unknown style '%s' (numeric or author-year)", style);
    return BCV_EINVAL;
  }
  if (fw && (*fw == '\0' || strcmp(fw, "zh") == 0))
    full = 1;
  else if (fw && strcmp(fw, "all") == 0)
    full = 2;
  else if (fw) {
    bcv_diag_report(diag, BCV_SEV_ERROR, NULL, 0, 0,
                    "gbt7714: -O fullwidth takes no value or 'all', not '%s'", fw);
    return BCV_EINVAL;
  }
  writer *w = calloc(1, sizeof *w);
  if (!w)
    return BCV_ENOMEM;
  w->out = out;
  w->diag = diag;
  w->ay = ay;
  w->fullwidth = full;
  w->bilingual = bcv_options_get(opts, "bilingual") != NULL;
  *state = w;
  return BCV_OK;
}

static int w_end(void *state, int ok) {
  writer *w = state;
  int rc = ok && w->ay ? write_sorted(w) : BCV_OK;
  gb_free(&w->line);
  gb_free(&w->line2);
  gb_free(&w->key);
  gb_free(&w->pool);
  free(w->ents);
  free(w);
  return rc;
}

static const bcv_option_desc options[] = {
    {"style", "numeric (顺序编码制, the default) or author-year (著者-出版年制: sorted, 2011a)"},
    {"bilingual", "after a Chinese reference with an English title, its English form on the next line"},
    {"fullwidth", "full-width ，：（） in Chinese references; =all in every reference"},
    {NULL, NULL},
};

const bcv_writer_ops gb_writer = {w_begin, w_write, w_end, options};
