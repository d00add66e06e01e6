/* SPDX-License-Identifier: MIT */
/* read.c: the Web of Science reader.
 *
 * The shared tag-line scanner (bibconv/tagline.h) cuts the input into
 * records, from PT to ER, the FN/VR/EF header lines aside; a value's
 * indented lines stay apart for the tags that hold one item a line (AU,
 * AF, C1, CR...) and are rewrapped for the others.  This file maps one
 * record through the table of map.c: AF full names over the AU ones of
 * the same place, C1 addresses as the named authors' affiliations, PY and
 * PD into one date, BP/EP pages, DE and ID keywords, PT and DT to a CSL
 * type.  Tags without a row are kept as "isi.<TAG>", a tag's repeated
 * lines joined by '\n'. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <bibconv/tagline.h>
#include "isi.h"

/* the lines of AU, AF, C1... are items; the others' wrap one value */
static char join(const char *tag, size_t tlen) { return is_item_tag(tag, tlen) ? '\n' : ' '; }

static const bcv_tagline_dialect dialect = {
    .shape = BCV_TAGLINE_SPACED,
    .flags = BCV_TAGLINE_TRIM | BCV_TAGLINE_ANY_STARTS,
    .start = "PT",
    .end = "ER",
    .skip = "FN VR EF",
    .join = join,
    .outside = "text outside a record; skipped",
};

typedef struct item {
  const char *s;
  size_t len;
} item;

typedef struct reader {
  bcv_input *in;
  bcv_diag *diag;
  bcv_tagline *sc;
  bcv_tagline_record rec;
  char *buf; /* a value being built */
  size_t blen, bcap;
  size_t *xi; /* the fields kept as extras, by index */
  size_t nx, xcap;
  item *items[2]; /* a record's short and full names */
  size_t nitems[2], icap[2];
  struct byname *idx; /* the names, sorted, for C1 */
  size_t icap2;
} reader;

#define TAG(f) (r->rec.text + (f)->tag)
#define VAL(f) (r->rec.text + (f)->value)

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }

static int grow(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap)
    return BCV_OK;
  size_t c = *cap ? *cap : 64;
  while (c < need)
    c *= 2;
  void *q = realloc(*p, c * size);
  if (!q)
    return BCV_ENOMEM;
  *p = q;
  *cap = c;
  return BCV_OK;
}

static int put(reader *r, const char *s, size_t n) {
  if (grow((void **)&r->buf, &r->bcap, r->blen + n + 1, 1))
    return BCV_ENOMEM;
  memcpy(r->buf + r->blen, s, n);
  r->blen += n;
  r->buf[r->blen] = '\0';
  return BCV_OK;
}

static int keep(reader *r, size_t i) {
  if (grow((void **)&r->xi, &r->xcap, r->nx + 1, sizeof *r->xi))
    return BCV_ENOMEM;
  r->xi[r->nx++] = i;
  return BCV_OK;
}

static void trim(const char **s, size_t *len) {
  while (*len && (**s == ' ' || **s == '\t'))
    (*s)++, (*len)--;
  while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
    (*len)--;
}

/* ---- names ---- */

/* "Brown, James M.", "Brown, JM" (Brown, J. M.), "Brown, J.M.", "James
 * Brown" */
static int parse_name(bcv_record *rec, const char *s, size_t len, bcv_name *n) {
  return bcv_name_parse(rec, s, len, BCV_NAME_PARSE_INITIALS, n);
}

/* The items of AU or AF: one a line, or "a; b; c" on one line. */
static int add_items(reader *r, int which, const char *v, size_t len) {
  int semi = memchr(v, '\n', len) == NULL && memchr(v, ';', len) != NULL;
  for (size_t i = 0; i < len;) {
    size_t j = i;
    while (j < len && v[j] != '\n' && !(semi && v[j] == ';'))
      j++;
    const char *s = v + i;
    size_t n = j - i;
    trim(&s, &n);
    if (n) {
      if (grow((void **)&r->items[which], &r->icap[which], r->nitems[which] + 1, sizeof(item)))
        return BCV_ENOMEM;
      r->items[which][r->nitems[which]++] = (item){s, n};
    }
    i = j + 1;
  }
  return BCV_OK;
}

/* The names of var from the AU (short) and AF (full) items of the same
 * place: the full one is the name, the short kept when it is not the one
 * derived from it. */
static int add_names(reader *r, bcv_record *rec, bcv_var var, const char *key) {
  size_t n = r->nitems[0] > r->nitems[1] ? r->nitems[0] : r->nitems[1];
  for (size_t i = 0; i < n; i++) {
    const item *sh = i < r->nitems[0] ? &r->items[0][i] : NULL;
    const item *fu = i < r->nitems[1] ? &r->items[1][i] : NULL;
    const item *use = fu ? fu : sh;
    bcv_name nm;
    int rc = parse_name(rec, use->s, use->len, &nm);
    if (rc)
      return rc;
    bcv_name *stored = bcv_record_add_name(rec, var, &nm);
    if (!stored)
      return BCV_ENOMEM;
    if (fu && sh) {
      char d[512];
      size_t dl = is_name_text(stored, 0, d, sizeof d);
      if (dl != sh->len || memcmp(d, sh->s, dl)) {
        char *x = bcv_record_strndup(rec, sh->s, sh->len);
        if (!x || bcv_name_add_extra(rec, stored, key, x, 0))
          return BCV_ENOMEM;
      }
    }
  }
  r->nitems[0] = r->nitems[1] = 0;
  return BCV_OK;
}

/* ---- addresses ---- */

typedef struct byname {
  const char *s; /* the name as AF (or AU) wrote it */
  size_t len;
  bcv_name *n;
} byname;

static int cmp_byname(const void *a, const void *b) {
  const byname *x = a, *y = b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->s, y->s, n);
  return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* C1: "[Brown, James M.; Smith, A] Inst, City, Country." gives the named
 * authors the address; a file with a single C1 line and no names in it
 * (older exports) gives it to every author.  The lines are also kept as
 * they were (isi.C1), since which author has which address cannot always
 * be told back. */
static int addresses(reader *r, bcv_record *rec, const bcv_tagline_field *f, size_t na) {
  const char *v = VAL(f);
  size_t len = f->len;
  const bcv_field *au = bcv_record_field(rec, BCV_VAR_AUTHOR);
  if (!au)
    return BCV_OK;
  if (!memchr(v, '[', len)) {
    if (memchr(v, '\n', len))
      return BCV_OK;
    for (bcv_name *n = (bcv_name *)au->names; n; n = (bcv_name *)n->next)
      if (bcv_name_add_affiliation(rec, n, v, len))
        return BCV_ENOMEM;
    return BCV_OK;
  }
  for (size_t i = 0; i < len;) {
    size_t j = i;
    while (j < len && v[j] != '\n')
      j++;
    const char *ln = v + i;
    size_t ll = j - i;
    i = j + 1;
    const char *close = ll && ln[0] == '[' ? memchr(ln, ']', ll) : NULL;
    if (!close)
      continue;
    const char *addr = close + 1;
    size_t al = ll - (size_t)(addr - ln);
    trim(&addr, &al);
    /* an address wrapped over lines: the lines up to the next "[" */
    if (i < len && v[i] != '[') {
      r->blen = 0;
      int rc = put(r, addr, al);
      while (!rc && i < len && v[i] != '[') {
        size_t e = i;
        while (e < len && v[e] != '\n')
          e++;
        rc = put(r, " ", 1) || put(r, v + i, e - i);
        i = e + 1;
      }
      if (rc)
        return BCV_ENOMEM;
      addr = r->buf;
      al = r->blen;
    }
    for (const char *p = ln + 1; p < close;) {
      const char *e = memchr(p, ';', (size_t)(close - p));
      if (!e)
        e = close;
      byname key = {p, (size_t)(e - p), NULL};
      trim(&key.s, &key.len);
      const byname *hit = bsearch(&key, r->idx, na, sizeof *r->idx, cmp_byname);
      if (hit && al && bcv_name_add_affiliation(rec, hit->n, addr, al))
        return BCV_ENOMEM;
      p = e + 1;
    }
  }
  return BCV_OK;
}

/* The authors sorted by the form AF (else AU) wrote each in, for C1's
 * bracketed names: their number. */
static int index_authors(reader *r, bcv_record *rec, size_t *na) {
  const bcv_field *au = bcv_record_field(rec, BCV_VAR_AUTHOR);
  size_t n = 0;
  for (const bcv_name *nm = au ? au->names : NULL; nm; nm = nm->next)
    n++;
  r->nitems[0] = r->nitems[1] = 0;
  int rc = BCV_OK;
  for (size_t k = 0; k < r->rec.n && !rc; k++) {
    const bcv_tagline_field *g = &r->rec.fields[k];
    if (!strcmp(TAG(g), "AU"))
      rc = add_items(r, 0, VAL(g), g->len);
    else if (!strcmp(TAG(g), "AF"))
      rc = add_items(r, 1, VAL(g), g->len);
  }
  if (rc || grow((void **)&r->idx, &r->icap2, n ? n : 1, sizeof *r->idx))
    return BCV_ENOMEM;
  size_t k = 0;
  for (bcv_name *nm = au ? (bcv_name *)au->names : NULL; nm; nm = (bcv_name *)nm->next, k++) {
    const item *it = k < r->nitems[1] ? &r->items[1][k] : k < r->nitems[0] ? &r->items[0][k] : NULL;
    r->idx[k] = (byname){it ? it->s : "", it ? it->len : 0, nm};
  }
  qsort(r->idx, n, sizeof *r->idx, cmp_byname);
  *na = n;
  return BCV_OK;
}

/* ---- dates ---- */

static int month_of(const char *s, size_t len, int *season) {
  static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
  static const char *const seasons[] = {"spr", "sum", "fal", "win", "aut"};
  *season = 0;
  if (len < 3)
    return 0;
  for (int k = 0; k < 12; k++)
    if (!strncasecmp(s, months[k], 3))
      return k + 1;
  for (int k = 0; k < 5; k++)
    if (!strncasecmp(s, seasons[k], 3)) {
      *season = k == 4 ? 3 : k + 1;
      return 0;
    }
  return 0;
}

/* PD, with the year of PY: "JUN 14", "JUN", "MAY-JUN", "SPR", "2006",
 * "2006 May-Jun", "04 2006" (INSPEC: month year), "JUN 14-16". */
static int parse_pd(const char *s, size_t len, int year, bcv_date *d) {
  memset(d, 0, sizeof *d);
  int y = 0, m[2] = {0, 0}, day[2] = {0, 0}, season = 0, end = 0;
  for (size_t i = 0; i < len;) {
    if (s[i] == ' ') {
      i++;
      continue;
    }
    if (s[i] == '-') {
      if (end || (!m[0] && !day[0] && !season))
        return 0;
      end = 1;
      i++;
      continue;
    }
    size_t j = i;
    while (j < len && s[j] != ' ' && s[j] != '-')
      j++;
    size_t n = j - i;
    if (is_digit(s[i])) {
      int v = 0;
      for (size_t k = i; k < j; k++) {
        if (!is_digit(s[k]) || v > 9999)
          return 0;
        v = v * 10 + (s[k] - '0');
      }
      /* a following 4-digit word makes a number before it a month */
      size_t nx = j;
      while (nx < len && s[nx] == ' ')
        nx++;
      int year_next = nx + 4 <= len && is_digit(s[nx]) && is_digit(s[nx + 3]) &&
                      (nx + 4 == len || s[nx + 4] == ' ');
      if (n == 4 && !end && !y)
        y = v;
      else if (!m[end] && year_next && v >= 1 && v <= 12)
        m[end] = v;
      else if ((m[end] || (end && m[0])) && !day[end] && v >= 1 && v <= 31)
        day[end] = v;
      else
        return 0;
    } else {
      int se, mo = month_of(s + i, n, &se);
      if (se && !end && !season && !m[0])
        season = se;
      else if (mo && !m[end] && !day[end])
        m[end] = mo;
      else
        return 0;
    }
    i = j;
  }
  if (y && year && y != year)
    return 0;
  d->from.year = y ? y : year;
  if (!d->from.year)
    return 0;
  d->season = season;
  d->from.month = m[0];
  d->from.day = m[0] ? day[0] : 0;
  d->from.parts = d->from.day ? 3 : m[0] ? 2 : 1;
  if (end) {
    if (season || !m[0])
      return 0;
    d->to = d->from;
    if (m[1])
      d->to.month = m[1];
    if (day[1])
      d->to.day = day[1];
    if ((m[1] && day[0] && !day[1]) || (!m[1] && !day[1]))
      return 0;
    d->to.parts = d->to.day ? 3 : 2;
    if (d->to.parts != d->from.parts)
      return 0;
    d->flags |= BCV_DATE_RANGE;
  }
  return 1;
}

/* ---- text ---- */

/* INSPEC's "LiNbO/sub 3/" and "He/sup +/": CSL's <sub> and <sup>. */
static int sub_sup(reader *r, const char *s, size_t len) {
  r->blen = 0;
  int rc = BCV_OK;
  for (size_t i = 0; i < len && !rc;) {
    if (i + 5 < len && s[i] == '/' && (!memcmp(s + i + 1, "sub ", 4) || !memcmp(s + i + 1, "sup ", 4))) {
      const char *e = memchr(s + i + 5, '/', len - i - 5);
      if (e && e > s + i + 5) {
        const char *t = s[i + 3] == 'b' ? "sub" : "sup";
        const char *x = s + i + 5;
        size_t xl = (size_t)(e - x);
        trim(&x, &xl);
        rc = put(r, "<", 1) || put(r, t, 3) || put(r, ">", 1) || put(r, x, xl) || put(r, "</", 2) ||
             put(r, t, 3) || put(r, ">", 1);
        i = (size_t)(e - s) + 1;
        continue;
      }
    }
    size_t j = i + 1;
    while (j < len && s[j] != '/')
      j++;
    rc = put(r, s + i, j - i);
    i = j;
  }
  return rc;
}

/* "JOURNAL OF PHYSICS-CONDENSED MATTER" -> "Journal of Physics-Condensed
 * Matter"; a name with a lower-case letter stays as it is.  0 when it
 * stays. */
static int title_case(reader *r, const char *s, size_t len) {
  static const char *const small[] = {"a", "an", "and", "at", "by", "de", "for", "from", "in",
                                      "of", "on", "or", "the", "to", "with", "und", "der", "des",
                                      "la", "le", "et", NULL};
  size_t letters = 0;
  for (size_t i = 0; i < len; i++) {
    if (is_lower(s[i]) || (unsigned char)s[i] >= 0x80)
      return 0;
    letters += is_upper(s[i]);
  }
  if (letters < 2)
    return 0;
  r->blen = 0;
  if (put(r, s, len))
    return -1;
  char *b = r->buf;
  int first = 1;
  for (size_t i = 0; i < len;) {
    if (!is_upper(b[i])) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < len && (is_upper(b[j]) || b[j] == '\''))
      j++;
    int lower = 0;
    for (const char *const *w = small; *w && !first; w++)
      if (strlen(*w) == j - i && !strncasecmp(*w, b + i, j - i))
        lower = 1;
    for (size_t k = lower ? i : i + 1; k < j; k++)
      if (is_upper(b[k]))
        b[k] = (char)(b[k] + 32);
    first = 0;
    i = j;
  }
  return 1;
}

/* "335-9" -> "335-339" (INSPEC's PS) */
static int expand_range(reader *r, const char *s, size_t len) {
  r->blen = 0;
  const char *dash = memchr(s, '-', len);
  size_t a = dash ? (size_t)(dash - s) : 0, b = dash ? len - a - 1 : 0;
  int digits = a && b && b < a;
  for (size_t i = 0; i < len && digits; i++)
    digits = i == a || is_digit(s[i]);
  if (!digits)
    return put(r, s, len);
  return put(r, s, a + 1) || put(r, s, a - b) || put(r, dash + 1, b) ? BCV_ENOMEM : BCV_OK;
}

/* ---- one record ---- */

/* INSPEC's records (UT INSPEC:...) use ID for INSPEC's item identifiers,
 * not Keywords Plus: "0003-6951/2006/...],[S0003-6951(06)22430-6],[10.1063/1.2234275]". */
static int is_inspec(const reader *r) {
  for (size_t i = 0; i < r->rec.n; i++) {
    const bcv_tagline_field *f = &r->rec.fields[i];
    if (!strcmp(TAG(f), "UT"))
      return f->len > 7 && !strncmp(VAL(f), "INSPEC:", 7);
  }
  return 0;
}

/* The DOI among INSPEC's identifiers: an item of the "],["-separated list
 * that is one. */
static int inspec_doi(bcv_record *rec, const char *v, size_t len) {
  for (size_t i = 0; i < len;) {
    while (i < len && (v[i] == '[' || v[i] == ']' || v[i] == ',' || v[i] == ' '))
      i++;
    size_t j = i;
    while (j < len && v[j] != ']' && v[j] != '[')
      j++;
    if (bcv_doi_shape(v + i, j - i))
      return bcv_record_add_text(rec, BCV_VAR_DOI, NULL, v + i, j - i);
    i = j;
  }
  return BCV_OK;
}

static int keywords(bcv_record *rec, const char *v, size_t len, size_t *n) {
  for (size_t i = 0; i < len;) {
    size_t j = i;
    while (j < len && v[j] != ';')
      j++;
    const char *s = v + i;
    size_t l = j - i;
    trim(&s, &l);
    if (l) {
      int rc = bcv_record_add_text(rec, BCV_VAR_KEYWORD, NULL, s, l);
      if (rc)
        return rc;
      ++*n;
    }
    i = j + 1;
  }
  return BCV_OK;
}

static const bcv_tagline_field *first_of(reader *r, const char *tag) {
  for (size_t i = 0; i < r->rec.n; i++)
    if (!strcmp(TAG(&r->rec.fields[i]), tag) && r->rec.fields[i].len)
      return &r->rec.fields[i];
  return NULL;
}

static int map_record(reader *r, bcv_record **out) {
  bcv_record *rec = bcv_record_new();
  if (!rec)
    return BCV_ENOMEM;
  bcv_record_set_pos(rec, r->rec.line, 1);
  int rc = BCV_OK;
  r->nx = 0;
  const bcv_tagline_field *pt = first_of(r, "PT"), *dt = first_of(r, "DT");
  const bcv_tagline_field *py = NULL, *pd = NULL, *bp = NULL, *ep = NULL, *ps = NULL, *ids = NULL;
  int inspec = is_inspec(r);
  size_t plus = 0, kw = 0;
  int has_lang = 0;
  bcv_record_set_type(rec, is_type_of(pt ? VAL(pt) : NULL, pt ? pt->len : 0,
                                      dt ? VAL(dt) : NULL, dt ? dt->len : 0));
  /* names first, so that C1 can find them: AU/AF of the authors, then
   * BA/BF of the book's */
  static const struct {
    const char *sh, *fu;
    bcv_var var;
  } lists[] = {{"AU", "AF", BCV_VAR_AUTHOR}, {"BA", "BF", BCV_VAR_CONTAINER_AUTHOR}};
  for (size_t l = 0; l < 2 && !rc; l++) {
    r->nitems[0] = r->nitems[1] = 0;
    for (size_t i = 0; i < r->rec.n && !rc; i++) {
      const bcv_tagline_field *f = &r->rec.fields[i];
      if (!strcmp(TAG(f), lists[l].sh))
        rc = add_items(r, 0, VAL(f), f->len);
      else if (!strcmp(TAG(f), lists[l].fu))
        rc = add_items(r, 1, VAL(f), f->len);
    }
    if (!rc)
      rc = add_names(r, rec, lists[l].var, "isi.AU");
  }
  for (size_t i = 0; i < r->rec.n && !rc; i++) {
    const bcv_tagline_field *f = &r->rec.fields[i];
    const char *v = VAL(f);
    size_t len = f->len;
    if (!len)
      continue;
    const is_tag *t = is_tag_for(TAG(f));
    if (!t) {
      rc = keep(r, i);
      continue;
    }
    switch (t->how) {
    case IS_TEXT:
      if (t->var == BCV_VAR_TITLE || t->var == BCV_VAR_ABSTRACT) {
        if (!(rc = sub_sup(r, v, len)))
          rc = bcv_record_add_text(rec, t->var, NULL, r->buf, r->blen);
      } else {
        rc = bcv_record_add_text(rec, t->var, NULL, v, len);
      }
      break;
    case IS_SOURCE: {
      int tc = title_case(r, v, len);
      if (tc < 0)
        rc = BCV_ENOMEM;
      else if (tc && !(rc = bcv_record_add_text(rec, t->var, NULL, r->buf, r->blen)))
        rc = keep(r, i); /* the capitals, for Web of Science back */
      else if (!tc)
        rc = bcv_record_add_text(rec, t->var, NULL, v, len);
      break;
    }
    case IS_SHORT:
    case IS_FULL:
      break; /* above */
    case IS_EDITOR:
    case IS_GROUP:
      for (size_t a = 0; a < len && !rc;) {
        size_t b = a;
        while (b < len && v[b] != '\n')
          b++;
        bcv_name n;
        if (t->how == IS_GROUP) {
          memset(&n, 0, sizeof n);
          rc = (n.literal = bcv_record_strndup(rec, v + a, b - a)) ? BCV_OK : BCV_ENOMEM;
        } else {
          rc = parse_name(rec, v + a, b - a, &n);
        }
        if (!rc && !bcv_record_add_name(rec, t->var, &n))
          rc = BCV_ENOMEM;
        a = b + 1;
      }
      break;
    case IS_ADDRESS:
      rc = keep(r, i);
      break;
    case IS_YEAR:
      if (!py)
        py = f;
      else
        rc = keep(r, i);
      break;
    case IS_MONTH:
      if (!pd)
        pd = f;
      else
        rc = keep(r, i);
      break;
    case IS_BEGIN:
      bp = bp ? bp : f;
      break;
    case IS_END:
      ep = ep ? ep : f;
      break;
    case IS_PAGES:
      ps = ps ? ps : f;
      break;
    case IS_KEYWORDS:
      rc = keywords(rec, v, len, &kw);
      break;
    case IS_PLUS:
      if (inspec) {
        ids = ids ? ids : f;
        rc = keep(r, i);
      } else {
        rc = keywords(rec, v, len, &plus);
      }
      break;
    case IS_DOI:
      if (bcv_doi_shape(v, len)) {
        rc = bcv_record_add_text(rec, BCV_VAR_DOI, NULL, v, len);
      } else {
        bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, f->line, f->column,
                        "DI: '%s' is no DOI; kept as isi.DI", v);
        rc = keep(r, i);
      }
      break;
    case IS_LANG: {
      const char *tag = is_lang_tag(v, len);
      if (has_lang)
        rc = keep(r, i);
      else if (tag)
        rc = bcv_record_add_text(rec, BCV_VAR_LANGUAGE, NULL, tag, strlen(tag));
      else
        rc = bcv_record_add_text(rec, BCV_VAR_LANGUAGE, NULL, v, len);
      has_lang = 1;
      break;
    }
    case IS_TYPE:
    case IS_DOCTYPE:
      rc = keep(r, i); /* as they were: the type is read from them */
      break;
    case IS_ISSN:
      rc = bcv_record_add_text(rec, BCV_VAR_ISSN, NULL, v, len);
      if (!rc && TAG(f)[0] == 'E')
        rc = keep(r, i); /* which one is the electronic one */
      break;
    }
  }
  /* C1: the authors' addresses, by the names AF (else AU) wrote */
  size_t na = 0;
  int indexed = 0;
  for (size_t i = 0; i < r->rec.n && !rc; i++) {
    const bcv_tagline_field *f = &r->rec.fields[i];
    if (strcmp(TAG(f), "C1") || !f->len)
      continue;
    if (!indexed++)
      rc = index_authors(r, rec, &na);
    if (!rc)
      rc = addresses(r, rec, f, na);
  }
  /* the date: PY's year, PD's month and day */
  if (!rc && (py || pd)) {
    int year = 0;
    if (py)
      for (size_t k = 0; k < py->len && is_digit(VAL(py)[k]) && year < 100000; k++)
        year = year * 10 + (VAL(py)[k] - '0');
    bcv_date d;
    memset(&d, 0, sizeof d);
    if (pd && parse_pd(VAL(pd), pd->len, year, &d)) {
      rc = bcv_record_add_date(rec, BCV_VAR_ISSUED, &d);
    } else {
      if (pd) {
        bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, pd->line, pd->column,
                        "PD: date '%s' not understood; kept as isi.PD", VAL(pd));
        rc = keep(r, (size_t)(pd - r->rec.fields));
      }
      if (!rc && year && py->len == 4) {
        d.from.year = year;
        d.from.parts = 1;
        rc = bcv_record_add_date(rec, BCV_VAR_ISSUED, &d);
      } else if (!rc && py) {
        rc = keep(r, (size_t)(py - r->rec.fields));
      }
    }
  }
  if (!rc && ids && !bcv_record_text(rec, BCV_VAR_DOI, NULL))
    rc = inspec_doi(rec, VAL(ids), ids->len);
  /* pages: BP-EP, else INSPEC's PS */
  if (!rc && bp) {
    r->blen = 0;
    rc = put(r, VAL(bp), bp->len);
    if (!rc && ep) {
      /* INSPEC's pages of an article number repeat the number in EP:
       * BP 41103-1, EP 41103-41103-3 are pages 41103-1 to 41103-3 */
      const char *e = VAL(ep);
      size_t el = ep->len;
      size_t pre = bp->len;
      while (pre > 0 && VAL(bp)[pre - 1] != '-')
        pre--;
      if (pre && el > pre && !memcmp(e, VAL(bp), pre) && memchr(e + pre, '-', el - pre))
        e += pre, el -= pre;
      rc = put(r, "-", 1) || put(r, e, el);
    }
    if (!rc)
      rc = bcv_record_add_text(rec, BCV_VAR_PAGE, NULL, r->buf, r->blen);
    if (!rc && ps)
      rc = keep(r, (size_t)(ps - r->rec.fields));
  } else if (!rc && ps) {
    if (!(rc = expand_range(r, VAL(ps), ps->len)))
      rc = bcv_record_add_text(rec, BCV_VAR_PAGE, NULL, r->buf, r->blen);
    if (!rc && ep)
      rc = keep(r, (size_t)(ep - r->rec.fields));
  } else if (!rc && ep) {
    rc = keep(r, (size_t)(ep - r->rec.fields));
  }
  if (!rc && plus) {
    char n[24];
    snprintf(n, sizeof n, "%zu", plus);
    rc = bcv_record_add_extra(rec, "isi.keywords-plus", n, strlen(n), 0);
  }
  if (!rc)
    rc = bcv_tagline_keep(r->sc, &r->rec, r->xi, r->nx, "isi", rec);
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
  if (rc)
    return rc;
  if (r->rec.end != BCV_TAGLINE_END_TAG)
    bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, r->rec.line, 1, "record not closed with 'ER'%s",
                    r->rec.end == BCV_TAGLINE_END_START ? " before the next 'PT'" : "");
  return map_record(r, out);
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
  free(r->items[0]);
  free(r->items[1]);
  free(r->idx);
  free(r);
}

const bcv_reader_ops is_reader = {r_open, r_next, r_close, NULL};
