/* SPDX-License-Identifier: MIT */
/* read.c: the MEDLINE reader.
 *
 * The shared tag-line scanner (bibconv/tagline.h) cuts the input into
 * records: a tag line starts one, a blank line ends it, and PMID always
 * starts a new one; an untagged line (indented, or not) continues the
 * value before it.  This file maps one record's fields through the table
 * of map.c: FAU full names paired with the AU initials after them, AD and
 * AUID with the name before them, DP dates, PG ranges expanded, LID/AID
 * identifiers, IS with its kind, publication types to a CSL type.  Tags
 * without a row are kept as "medline.<TAG>" (bcv_tagline_keep: a tag's
 * lines joined by '\n'). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <bibconv/tagline.h>
#include "medline.h"

static const bcv_tagline_dialect dialect = {
    .shape = BCV_TAGLINE_PADDED,
    .flags = BCV_TAGLINE_TRIM | BCV_TAGLINE_BLANK_ENDS | BCV_TAGLINE_ANY_STARTS,
    .start = "PMID",
    .join_byte = ' ',
    .outside = "text outside a record; skipped",
};

typedef struct reader {
  bcv_input *in;
  bcv_diag *diag;
  bcv_tagline *sc;
  bcv_tagline_record rec;
  char *buf; /* a value being joined */
  size_t blen, bcap;
  size_t *xi; /* the fields kept as extras, by index */
  size_t nx, xcap;
} reader;

#define TAG(f) (r->rec.text + (f)->tag)
#define VAL(f) (r->rec.text + (f)->value)

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }

static int put(reader *r, const char *s, size_t n) {
  if (r->blen + n + 1 > r->bcap) {
    size_t cap = r->bcap ? r->bcap : 256;
    while (cap < r->blen + n + 1)
      cap *= 2;
    char *p = realloc(r->buf, cap);
    if (!p)
      return BCV_ENOMEM;
    r->buf = p;
    r->bcap = cap;
  }
  memcpy(r->buf + r->blen, s, n);
  r->blen += n;
  r->buf[r->blen] = '\0';
  return BCV_OK;
}

static int keep(reader *r, size_t i) {
  if (r->nx == r->xcap) {
    size_t cap = r->xcap ? r->xcap * 2 : 64;
    size_t *p = realloc(r->xi, cap * sizeof *p);
    if (!p)
      return BCV_ENOMEM;
    r->xi = p;
    r->xcap = cap;
  }
  r->xi[r->nx++] = i;
  return BCV_OK;
}

/* ---- names ---- */

/* "Long, Vicky", "Smith, John, Jr", "Selvamani", "邓正阳" */
static int full_name(bcv_record *rec, const char *s, size_t len, bcv_name *n) {
  return bcv_name_parse(rec, s, len, BCV_NAME_PARSE_WHOLE, n);
}

/* "Long V", "Brown JM", "Selvamani": the family name, then the initials
 * as one word of capitals ("J. M." in the model) */
static int short_name(bcv_record *rec, const char *s, size_t len, bcv_name *n) {
  memset(n, 0, sizeof *n);
  size_t sp = len;
  while (sp > 0 && s[sp - 1] != ' ')
    sp--;
  size_t il = len - sp, caps = 0;
  for (size_t i = sp; i < len; i++)
    caps += is_upper(s[i]);
  if (!sp || !il || caps != il || il > 4) {
    if (bcv_utf8_is_han(s, len) && !memchr(s, ' ', len))
      return bcv_name_split_han(rec, s, len, n);
    n->family = bcv_record_strndup(rec, s, len);
    return n->family ? BCV_OK : BCV_ENOMEM;
  }
  char g[16];
  size_t k = 0;
  for (size_t i = sp; i < len; i++) {
    if (k)
      g[k++] = ' ';
    g[k++] = s[i];
    g[k++] = '.';
  }
  n->family = bcv_record_strndup(rec, s, sp - 1);
  n->given = bcv_record_strndup(rec, g, k);
  return n->family && n->given ? BCV_OK : BCV_ENOMEM;
}

/* The AU form MEDLINE derives from a full name: the family name and the
 * first letter of each given name ("Shruthi BS", "Preißel R"). */
static size_t derived_short(const bcv_name *n, char *buf, size_t cap) {
  int k;
  if ((n->flags & BCV_NAME_EASTERN) && n->family && bcv_utf8_is_han(n->family, strlen(n->family))) {
    k = snprintf(buf, cap, "%s%s", n->family, n->given ? n->given : ""); /* 邓正阳 */
    return k < 0 || (size_t)k >= cap ? cap : (size_t)k;
  }
  k = snprintf(buf, cap, "%s", n->family ? n->family : "");
  if (k < 0 || (size_t)k >= cap)
    return cap;
  size_t len = (size_t)k;
  int start = 1, any = 0;
  for (const char *g = n->given; g && *g;) {
    size_t cl = 1; /* a whole UTF-8 character */
    while (((unsigned char)g[cl] & 0xC0) == 0x80)
      cl++;
    if (*g == ' ' || *g == '-' || *g == '.') {
      start = 1;
    } else if (start) {
      if (len + cl + 2 >= cap)
        return cap;
      if (!any)
        buf[len++] = ' ';
      any = 1;
      memcpy(buf + len, g, cl);
      len += cl;
      start = 0;
    }
    g += cl;
  }
  if (n->suffix) { /* "Smith J Jr" */
    int x = snprintf(buf + len, cap - len, " %s", n->suffix);
    if (x < 0 || (size_t)x >= cap - len)
      return cap;
    len += (size_t)x;
  }
  buf[len] = '\0';
  return len;
}

/* ---- dates ---- */

static int month_name(const char *s, size_t len, int *season) {
  static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
  static const char *const seasons[] = {"spring", "summer", "fall", "winter", "autumn"};
  *season = 0;
  if (len >= 3)
    for (int k = 0; k < 12; k++)
      if (strncasecmp(s, months[k], 3) == 0)
        return k + 1;
  for (int k = 0; k < 5; k++)
    if (strlen(seasons[k]) == len && strncasecmp(s, seasons[k], len) == 0) {
      *season = k == 4 ? 3 : k + 1;
      return 0;
    }
  return -1;
}

/* One end of "2018 Apr 15": year (when want_year), month or season, day;
 * words are separated by spaces.  Returns the bytes used, 0 on none. */
static size_t date_end(const char *s, size_t len, int want_year, bcv_date_part *p, int *season) {
  size_t i = 0;
  memset(p, 0, sizeof *p);
  *season = 0;
  for (int word = 0; i < len && word < 3; word++) {
    while (i < len && s[i] == ' ')
      i++;
    size_t b = i;
    while (i < len && s[i] != ' ' && s[i] != '-')
      i++;
    size_t n = i - b;
    if (!n)
      break;
    if (is_digit(s[b])) {
      int v = 0;
      for (size_t k = b; k < i; k++) {
        if (!is_digit(s[k]) || v > 9999)
          return 0;
        v = v * 10 + (s[k] - '0');
      }
      if (n == 4 && !p->parts && want_year) {
        p->year = v;
        p->parts = 1;
      } else if (p->parts == 1 && !*season && n <= 2 && v >= 1 && v <= 12) {
        p->month = v;
        p->parts = 2;
      } else if (p->parts == 2 && n <= 2 && v >= 1 && v <= 31) {
        p->day = v;
        p->parts = 3;
      } else if (!want_year && !p->parts && n <= 2 && v >= 1 && v <= 31) {
        p->day = v; /* "5-11": a day range, the month is the start's */
        p->parts = 3;
      } else {
        return 0;
      }
    } else {
      int se;
      int m = month_name(s + b, n, &se);
      if (m < 0 || p->parts >= 2 || *season || (want_year && !p->parts))
        return 0;
      if (se) {
        *season = se;
      } else {
        p->month = m;
        p->parts = 2;
      }
    }
  }
  return i;
}

/* DP: "2009", "2018 Apr", "2018 Apr 15", "2018 Spring", "2018 Apr-Jun",
 * "2000 Jan 5-11", "1998 Dec-1999 Jan" */
static int parse_dp(const char *s, size_t len, bcv_date *d) {
  memset(d, 0, sizeof *d);
  int season, season2;
  size_t i = date_end(s, len, 1, &d->from, &season);
  if (!i || !d->from.parts)
    return 0;
  if (season && d->from.parts > 1)
    return 0;
  d->season = season;
  while (i < len && s[i] == ' ')
    i++;
  if (i == len)
    return 1;
  if (s[i] != '-' || season)
    return 0;
  i++;
  bcv_date_part to;
  int y = i + 4 <= len && is_digit(s[i]) && is_digit(s[i + 3]) && (i + 4 == len || s[i + 4] == ' ');
  size_t k = date_end(s + i, len - i, y, &to, &season2);
  if (!k || season2 || i + k != len)
    return 0;
  if (!y) {
    /* the end inherits what it leaves out: "Apr-Jun", "5-11" */
    int month = to.month, day = to.day;
    to = d->from;
    if (month) {
      to.month = month;
      to.day = day;
      to.parts = day ? 3 : 2;
      if (d->from.parts != to.parts)
        return 0;
    } else if (day && d->from.parts == 3) {
      to.day = day;
    } else {
      return 0;
    }
  } else if (to.parts != d->from.parts) {
    return 0;
  }
  d->to = to;
  d->flags |= BCV_DATE_RANGE;
  return 1;
}

/* "20160419" (also "2016-04-19", "2016/04/19") */
static int parse_ymd(const char *s, size_t len, bcv_date *d) {
  memset(d, 0, sizeof *d);
  char v[8];
  size_t k = 0;
  for (size_t i = 0; i < len; i++) {
    if (is_digit(s[i]) && k < 8)
      v[k++] = s[i];
    else if (!(len == 10 && (i == 4 || i == 7) && (s[i] == '-' || s[i] == '/') && s[i] == s[4]))
      return 0;
  }
  if (k != 8)
    return 0;
  d->from.year = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
  d->from.month = (v[4] - '0') * 10 + (v[5] - '0');
  d->from.day = (v[6] - '0') * 10 + (v[7] - '0');
  d->from.parts = 3;
  return d->from.month >= 1 && d->from.month <= 12 && d->from.day >= 1 && d->from.day <= 31;
}

/* ---- pages ---- */

/* "335-9" -> "335-339", "S12-5" -> "S12-S15", each range of a list
 * ("1-10; discussion 11-2"); other text as it is. */
static int expand_pages(reader *r, const char *s, size_t len) {
  r->blen = 0;
  size_t i = 0;
  int rc = BCV_OK;
  while (i < len && !rc) {
    /* a range: [prefix]digits-digits, the second shorter */
    size_t a = i;
    while (a < len && !is_digit(s[a]) && s[a] != '-' && s[a] != ';' && s[a] != ',' && s[a] != ' ')
      a++;
    size_t d1 = a;
    while (d1 < len && is_digit(s[d1]))
      d1++;
    size_t d2 = d1 + 1;
    while (d2 < len && is_digit(s[d2]))
      d2++;
    size_t n1 = d1 - a, n2 = d2 - d1 - 1;
    int boundary = d2 == len || !((s[d2] >= 'a' && s[d2] <= 'z') || (s[d2] >= 'A' && s[d2] <= 'Z') || is_digit(s[d2]));
    if (n1 && d1 < len && s[d1] == '-' && n2 && n2 < n1 && boundary) {
      rc = put(r, s + i, d1 + 1 - i);
      if (!rc)
        rc = put(r, s + i, a - i); /* the prefix again */
      if (!rc)
        rc = put(r, s + a, n1 - n2);
      if (!rc)
        rc = put(r, s + d1 + 1, n2);
      i = d2;
      continue;
    }
    size_t e = d1 > i ? d1 : i + 1;
    rc = put(r, s + i, e - i);
    i = e;
  }
  return rc;
}

/* ---- one record ---- */

typedef struct names {
  bcv_name *cur;   /* the last name: AD and AUID are its */
  bcv_var var;
  int full, paired; /* it came from FAU/FED; its AU/ED was met */
} names;

static int add_name(reader *r, bcv_record *rec, names *ns, const md_tag *t, const char *v,
                    size_t len) {
  bcv_name n;
  if (t->how == MD_SHORT && ns->cur && ns->var == t->var && ns->full && !ns->paired) {
    /* the AU of the FAU before: kept only when it is not the one MEDLINE
     * derives from the full name */
    char d[256];
    size_t dl = derived_short(ns->cur, d, sizeof d);
    ns->paired = 1;
    if (dl == len && !memcmp(d, v, len))
      return BCV_OK;
    char *x = bcv_record_strndup(rec, v, len);
    return x ? bcv_name_add_extra(rec, ns->cur, t->var == BCV_VAR_EDITOR ? "medline.ED" : "medline.AU",
                                  x, 0)
             : BCV_ENOMEM;
  }
  int rc;
  if (t->how == MD_CORP) {
    memset(&n, 0, sizeof n);
    rc = (n.literal = bcv_record_strndup(rec, v, len)) ? BCV_OK : BCV_ENOMEM;
  } else {
    rc = t->how == MD_FULL ? full_name(rec, v, len, &n) : short_name(rec, v, len, &n);
  }
  if (rc)
    return rc;
  if (!(ns->cur = bcv_record_add_name(rec, t->var, &n)))
    return BCV_ENOMEM;
  ns->var = t->var;
  ns->full = t->how == MD_FULL;
  ns->paired = t->how != MD_FULL;
  (void)r;
  return BCV_OK;
}

/* "VALUE [kind]": the value's length and the kind ("doi", "pii"). */
static size_t id_kind(const char *s, size_t len, const char **kind, size_t *klen) {
  *kind = NULL;
  *klen = 0;
  if (len > 3 && s[len - 1] == ']') {
    size_t b = len - 1;
    while (b > 0 && s[b - 1] != '[')
      b--;
    if (b > 1 && s[b - 2] == ' ') {
      *kind = s + b;
      *klen = len - 1 - b;
      return b - 2;
    }
  }
  return len;
}

static int add_date(reader *r, bcv_record *rec, const md_tag *t, const bcv_tagline_field *f) {
  bcv_date d;
  const char *v = VAL(f);
  if (!(t->how == MD_DATE ? parse_dp(v, f->len, &d) : parse_ymd(v, f->len, &d))) {
    bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, f->line, f->column,
                    "%s: date '%s' not understood; kept as text", TAG(f), v);
    memset(&d, 0, sizeof d);
    if (!(d.literal = bcv_record_strndup(rec, v, f->len)))
      return BCV_ENOMEM;
  }
  return bcv_record_add_date(rec, t->var, &d);
}

static int map_record(reader *r, bcv_record **out) {
  bcv_record *rec = bcv_record_new();
  if (!rec)
    return BCV_ENOMEM;
  bcv_record_set_pos(rec, r->rec.line, 1);
  int rc = BCV_OK;
  names ns = {NULL, BCV_VAR_NONE, 0, 0};
  const bcv_tagline_field *bti = NULL;
  bcv_type type = BCV_TYPE_DOCUMENT;
  int rank = 0, has_ti = 0, has_journal = 0, has_doi = 0, has_lang = 0;
  size_t mesh = 0, title_at = 0, abstract_at = 0;
  r->nx = 0;
  struct span {
    const char *s;
    size_t len;
  } issn[8]; /* the numbers of the IS lines met (a record has a few) */
  size_t nissn = 0;
  /* the title's parts and the abstract's paragraphs, joined at the end */
  size_t tl = 0, al = 0;
  for (size_t i = 0; i < r->rec.n && !rc; i++) {
    const bcv_tagline_field *f = &r->rec.fields[i];
    const char *v = VAL(f);
    size_t len = f->len;
    if (!len)
      continue; /* "FAU -": nothing */
    const md_tag *t = md_tag_for(TAG(f), f->tlen);
    if (!t) {
      rc = keep(r, i);
      continue;
    }
    switch (t->how) {
    case MD_TEXT:
      rc = bcv_record_add_text(rec, t->var, NULL, v, len);
      has_journal |= t->var == BCV_VAR_CONTAINER_TITLE || t->var == BCV_VAR_CONTAINER_TITLE_SHORT;
      break;
    case MD_TITLE:
      has_ti = 1;
      title_at = title_at ? title_at : i + 1;
      tl += len + 2;
      break;
    case MD_BOOK:
      if (!bti)
        bti = f;
      else
        rc = keep(r, i);
      break;
    case MD_ABSTRACT:
      abstract_at = abstract_at ? abstract_at : i + 1;
      al += len + 1;
      break;
    case MD_FULL:
    case MD_SHORT:
    case MD_CORP:
      rc = add_name(r, rec, &ns, t, v, len);
      break;
    case MD_AFFIL:
      if (ns.cur)
        rc = bcv_name_add_affiliation(rec, ns.cur, v, len);
      else
        rc = keep(r, i);
      break;
    case MD_AUID:
      if (ns.cur)
        rc = bcv_name_add_extra(rec, ns.cur, "medline.AUID", v, 0);
      else
        rc = keep(r, i);
      break;
    case MD_DATE:
    case MD_YMD:
      if (bcv_record_field(rec, t->var))
        rc = keep(r, i);
      else
        rc = add_date(r, rec, t, f);
      break;
    case MD_PAGE:
      if ((rc = expand_pages(r, v, len)) == BCV_OK)
        rc = bcv_record_add_text(rec, t->var, NULL, r->buf, r->blen);
      break;
    case MD_AID: {
      const char *kind;
      size_t kl, vl = id_kind(v, len, &kind, &kl);
      int doi = kind ? kl == 3 && !strncasecmp(kind, "doi", 3)
                     : (len > 4 && !strncasecmp(v, "doi:", 4)) || (len > 3 && !strncmp(v, "10.", 3));
      if (doi && !kind && !strncasecmp(v, "doi:", 4))
        v += 4, vl -= 4;
      while (vl && *v == ' ')
        v++, vl--;
      const char *had = bcv_record_text(rec, BCV_VAR_DOI, NULL);
      if (doi && !has_doi) {
        rc = bcv_record_add_text(rec, BCV_VAR_DOI, NULL, v, vl);
        has_doi = 1;
      } else if (!(doi && had && strlen(had) == vl && !strncmp(had, v, vl))) {
        rc = keep(r, i); /* a pii, another DOI */
      }
      break;
    }
    case MD_ISSN: {
      /* "0955-2359 (Print)": the number an ISSN (or an ISBN), the line
       * kept whole with its kind */
      const char *p = memchr(v, ' ', len);
      size_t nl = p ? (size_t)(p - v) : len;
      bcv_var var = nl > 9 ? BCV_VAR_ISBN : BCV_VAR_ISSN;
      /* the same number again under another kind (Print, Linking) once */
      int seen = 0;
      for (size_t k = 0; k < nissn && !seen; k++)
        seen = issn[k].len == nl && !memcmp(issn[k].s, v, nl);
      if (!seen && nissn < sizeof issn / sizeof *issn)
        issn[nissn++] = (struct span){v, nl};
      if (!seen)
        rc = bcv_record_add_text(rec, var, NULL, v, nl);
      if (!rc)
        rc = keep(r, i);
      break;
    }
    case MD_LANG: {
      const char *tag = md_lang_tag(v, len);
      if (has_lang)
        rc = keep(r, i);
      else
        rc = tag ? bcv_record_add_text(rec, BCV_VAR_LANGUAGE, NULL, tag, strlen(tag))
                 : bcv_record_add_text(rec, BCV_VAR_LANGUAGE, NULL, v, len);
      has_lang = 1;
      break;
    }
    case MD_MESH:
      mesh++;
      /* fall through */
    case MD_KEYWORD:
      rc = bcv_record_add_text(rec, BCV_VAR_KEYWORD, NULL, v, len);
      break;
    case MD_TYPE: {
      bcv_type ty;
      int k = md_type_rank(v, len, &ty);
      if (k && (!rank || k < rank)) {
        rank = k;
        type = ty;
      }
      rc = keep(r, i); /* all of them, as the record has them */
      break;
    }
    case MD_EXTRA:
      rc = keep(r, i);
      break;
    }
  }
  /* several TI lines are parts of one title: joined with ": " unless the
   * part before ends in punctuation, as JabRef joins them */
  if (!rc && has_ti) {
    r->blen = 0;
    for (size_t i = title_at - 1; i < r->rec.n && !rc; i++) {
      const bcv_tagline_field *f = &r->rec.fields[i];
      if (!f->len || f->tlen != 2 || strcmp(TAG(f), "TI"))
        continue;
      if (r->blen) {
        char last = r->buf[r->blen - 1];
        rc = put(r, strchr(".:?!", last) ? " " : ": ", strchr(".:?!", last) ? 1 : 2);
      }
      if (!rc)
        rc = put(r, VAL(f), f->len);
    }
    if (!rc)
      rc = bcv_record_add_text(rec, BCV_VAR_TITLE, NULL, r->buf, r->blen);
  }
  (void)tl;
  if (!rc && abstract_at) {
    r->blen = 0;
    for (size_t i = abstract_at - 1; i < r->rec.n && !rc; i++) {
      const bcv_tagline_field *f = &r->rec.fields[i];
      if (!f->len || f->tlen != 2 || strcmp(TAG(f), "AB"))
        continue;
      if (r->blen)
        rc = put(r, "\n", 1);
      if (!rc)
        rc = put(r, VAL(f), f->len);
    }
    if (!rc)
      rc = bcv_record_add_text(rec, BCV_VAR_ABSTRACT, NULL, r->buf, r->blen);
  }
  (void)al;
  /* a book's title: the record's when it has no TI, else the book it is
   * a chapter of */
  if (!rc && bti) {
    if (!has_ti)
      rc = bcv_record_add_text(rec, BCV_VAR_TITLE, NULL, VAL(bti), bti->len);
    else if (!has_journal)
      rc = bcv_record_add_text(rec, BCV_VAR_CONTAINER_TITLE, NULL, VAL(bti), bti->len);
    else
      rc = keep(r, (size_t)(bti - r->rec.fields));
  }
  if (!rank)
    type = has_journal ? BCV_TYPE_ARTICLE_JOURNAL : bti ? BCV_TYPE_BOOK : BCV_TYPE_DOCUMENT;
  if (type == BCV_TYPE_BOOK && bti && has_ti && !has_journal)
    type = BCV_TYPE_CHAPTER;
  bcv_record_set_type(rec, type);
  if (!rc && mesh) {
    char n[24];
    snprintf(n, sizeof n, "%zu", mesh);
    rc = bcv_record_add_extra(rec, "medline.mesh", n, strlen(n), 0);
  }
  if (!rc)
    rc = bcv_tagline_keep(r->sc, &r->rec, r->xi, r->nx, "medline", rec);
  if (rc) {
    bcv_record_free(&rec);
    return rc;
  }
  *out = rec;
  return BCV_OK;
}



static int r_next(void *state, bcv_record **out) {
  reader *r = state;
  *out = NULL;
  int rc = bcv_tagline_next(r->sc, r->in, &r->rec);
  return rc ? rc : map_record(r, out);
}

static int r_open(bcv_input *in, const bcv_options *opts, bcv_diag *diag, void **state) {
  (void)opts;
  reader *r = calloc(1, sizeof *r);
  if (!r || !(r->sc = bcv_tagline_new(&dialect, diag))) {
    free(r);
    return BCV_ENOMEM;
  }
  r->in = in;
  r->diag = diag;
  *state = r;
  return BCV_OK;
}

static void r_close(void *state) {
  reader *r = state;
  bcv_tagline_free(&r->sc);
  free(r->buf);
  free(r->xi);
  free(r);
}

const bcv_reader_ops md_reader = {r_open, r_next, r_close, NULL};
