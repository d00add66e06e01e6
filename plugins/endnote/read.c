/* SPDX-License-Identifier: MIT */
/* read.c: the EndNote (Refer) tagged reader.
 *
 * The shared tag-line scanner (bibconv/tagline.h) cuts the input into
 * records: "%0" starts one (also without a blank line before it), any
 * other tag line starts one after a blank line (Refer has no %0), a blank
 * line ends it; an untagged line continues the value before it (the
 * paragraphs of %X and %Z, one keyword a line after %K).  This file maps
 * one record through the table of map.c: one name a %A/%E/%Y/%? line,
 * %H and %Q their other-language forms, %D and %8 one date, %@ an ISBN or
 * ISSN by its shape.  Tags without a row are kept as "endnote.<TAG>". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <bibconv/tagline.h>
#include "endnote.h"

static char join(const char *tag, size_t tlen) {
  (void)tlen;
  return strchr("XZK+", tag[0]) ? '\n' : ' ';
}

static const bcv_tagline_dialect dialect = {
    .shape = BCV_TAGLINE_PERCENT,
    .flags = BCV_TAGLINE_TRIM | BCV_TAGLINE_BLANK_ENDS | BCV_TAGLINE_ANY_STARTS,
    .start = "0",
    .join = join,
    .outside = "text outside a record; skipped",
};

typedef struct reader {
  bcv_input *in;
  bcv_diag *diag;
  bcv_tagline *sc;
  bcv_tagline_record rec;
  size_t *xi; /* the fields kept as extras, by index */
  size_t nx, xcap;
} reader;

#define TAG(f) (r->rec.text + (f)->tag)
#define VAL(f) (r->rec.text + (f)->value)

static int is_digit(char c) { return c >= '0' && c <= '9'; }

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

static int has_han(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (bcv_utf8_is_han(s + i, len - i))
      return 1;
  return 0;
}

/* "Preißel, René", "Smith, John, Jr.", "World Health Organization,"
 * (EndNote's mark of an institution), "邓正阳", "James Brown". */
static int parse_name(bcv_record *rec, const char *s, size_t len, bcv_name *n) {
  return bcv_name_parse(rec, s, len, BCV_NAME_PARSE_COMMA_LITERAL, n);
}

/* ---- dates ---- */

static int month_word(const char *s, size_t len) {
  static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
  size_t w = 0;
  while (w < len && ((s[w] | 0x20) >= 'a' && (s[w] | 0x20) <= 'z'))
    w++;
  if (w < 3)
    return 0;
  for (int k = 0; k < 12; k++)
    if (!strncasecmp(s, months[k], 3))
      return k + 1;
  return 0;
}

/* Numbers and month names of a date, in order: "2016-06-14",
 * "2016/06/14", "20151028", "June 14", "14 June 2016", "October 28,
 * 2015", "6/14/2016".  year 0 when the text has none. */
static int parse_date(const char *s, size_t len, bcv_date *d) {
  memset(d, 0, sizeof *d);
  int num[3], nn = 0, month = 0, year = 0, day = 0;
  size_t digits[3] = {0, 0, 0};
  for (size_t i = 0; i < len;) {
    if (is_digit(s[i])) {
      size_t j = i;
      int v = 0;
      while (j < len && is_digit(s[j]) && j - i < 9)
        v = v * 10 + (s[j++] - '0');
      if (j < len && is_digit(s[j]))
        return 0;
      if (nn == 3)
        return 0;
      digits[nn] = j - i;
      num[nn++] = v;
      i = j;
    } else if ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') {
      int m = month_word(s + i, len - i);
      if (!m || month)
        return 0;
      month = m;
      while (i < len && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
        i++;
      if (i < len && s[i] == '.')
        i++;
    } else if (strchr(" ,-/.", s[i])) {
      i++;
    } else {
      return 0;
    }
  }
  if (nn == 1 && digits[0] == 8 && !month) {
    /* 20151028 */
    year = num[0] / 10000;
    month = num[0] / 100 % 100;
    day = num[0] % 100;
  } else {
    for (int k = 0; k < nn; k++) {
      if (digits[k] == 4 && !year)
        year = num[k];
      else if (!month && digits[k] <= 2 && num[k] >= 1 && num[k] <= 12 &&
               !(k == 0 && nn == 3 && digits[2] == 4 && !year && num[1] > 12))
        month = num[k]; /* Y-M-D, M/D/Y */
      else if (!day && digits[k] <= 2 && num[k] >= 1 && num[k] <= 31)
        day = num[k];
      else
        return 0;
    }
  }
  if ((day && !month) || month > 12 || day > 31)
    return 0;
  d->from.year = year;
  d->from.month = month;
  d->from.day = day;
  d->from.parts = day ? 3 : month ? 2 : year ? 1 : 0;
  return d->from.parts > 0;
}

/* ---- one record ---- */

static int map_record(reader *r, bcv_record **out) {
  *out = NULL;
  const bcv_tagline_field *ty = r->rec.n && TAG(&r->rec.fields[0])[0] == '0' ? &r->rec.fields[0] : NULL;
  size_t data = 0;
  for (size_t i = 0; i < r->rec.n; i++)
    data += r->rec.fields[i].len && &r->rec.fields[i] != ty;
  if (!data) {
    bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, r->rec.line, 1,
                    "record with nothing but its type; skipped");
    return BCV_OK;
  }
  bcv_record *rec = bcv_record_new();
  if (!rec)
    return BCV_ENOMEM;
  bcv_record_set_pos(rec, r->rec.line, 1);
  int rc = BCV_OK;
  r->nx = 0;
  bcv_type type = BCV_TYPE_DOCUMENT;
  if (ty && ty->len) {
    type = en_type_of(VAL(ty), ty->len);
    if (type == BCV_TYPE_COUNT) {
      bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, ty->line, ty->column,
                      "unknown reference type '%s'; read as Generic", VAL(ty));
      type = BCV_TYPE_DOCUMENT;
      rc = keep(r, 0);
    } else if (strcmp(en_type_name(type), VAL(ty)) &&
               !(strlen(en_type_name(type)) == ty->len && !strcasecmp(en_type_name(type), VAL(ty)))) {
      rc = keep(r, 0); /* "Edited Book": a book, but EndNote's own name back */
    }
  }
  bcv_record_set_type(rec, type);
  /* the container: %J for periodicals, %B for books and proceedings;
   * the other one, when both are there, is kept */
  char first = en_periodical(type) ? 'J' : 'B', second = first == 'J' ? 'B' : 'J';
  const bcv_tagline_field *cont = NULL, *fd = NULL, *f8 = NULL;
  for (size_t i = 0; i < r->rec.n && !cont; i++)
    if (TAG(&r->rec.fields[i])[0] == first && r->rec.fields[i].len)
      cont = &r->rec.fields[i];
  for (size_t i = 0; i < r->rec.n && !cont; i++)
    if (TAG(&r->rec.fields[i])[0] == second && r->rec.fields[i].len)
      cont = &r->rec.fields[i];
  int has_lang = 0, has_doi = 0;
  size_t naddr = 0;
  for (size_t i = ty ? 1 : 0; i < r->rec.n && !rc; i++) {
    const bcv_tagline_field *f = &r->rec.fields[i];
    const char *v = VAL(f);
    size_t len = f->len;
    if (!len)
      continue;
    const en_tag *t = en_tag_for(TAG(f)[0]);
    if (!t) {
      rc = keep(r, i);
      continue;
    }
    bcv_name n;
    switch (t->how) {
    case EN_TEXT:
      if (t->var == BCV_VAR_PAGE && en_whole_work(type))
        rc = bcv_record_add_text(rec, BCV_VAR_NUMBER_OF_PAGES, NULL, v, len);
      else
        rc = bcv_record_add_text(rec, t->var, NULL, v, len);
      break;
    case EN_TYPE:
      rc = keep(r, i); /* a second %0 cannot be: the scanner starts a record */
      break;
    case EN_NAME:
      if (!(rc = parse_name(rec, v, len, &n)) && !bcv_record_add_name(rec, t->var, &n))
        rc = BCV_ENOMEM;
      break;
    case EN_ALT_NAME:
    case EN_ADDRESS:
      if (t->how == EN_ADDRESS)
        naddr++;
      rc = keep(r, i); /* paired with the names below */
      break;
    case EN_ALT_TITLE:
      rc = bcv_record_add_text(rec, BCV_VAR_TITLE, has_han(v, len) ? "zh" : "en", v, len);
      break;
    case EN_YEAR:
      if (!fd)
        fd = f;
      else
        rc = keep(r, i);
      break;
    case EN_DATE:
      if (!f8)
        f8 = f;
      else
        rc = keep(r, i);
      break;
    case EN_ACCESSED: {
      bcv_date d;
      if (parse_date(v, len, &d) && d.from.year && !bcv_record_field(rec, t->var))
        rc = bcv_record_add_date(rec, t->var, &d);
      else
        rc = keep(r, i);
      break;
    }
    case EN_KEYWORD:
      for (size_t a = 0; a < len && !rc;) {
        size_t b = a;
        while (b < len && v[b] != '\n')
          b++;
        rc = bcv_record_add_text(rec, BCV_VAR_KEYWORD, NULL, v + a, b - a);
        a = b + 1;
      }
      break;
    case EN_ISXN: {
      int issn = len == 9 && v[4] == '-';
      for (size_t k = 0; k < len && issn; k++)
        issn = k == 4 || is_digit(v[k]) || (k == 8 && (v[k] == 'X' || v[k] == 'x'));
      rc = bcv_record_add_text(rec, issn ? BCV_VAR_ISSN : BCV_VAR_ISBN, NULL, v, len);
      break;
    }
    case EN_DOI: {
      size_t dl;
      const char *d = bcv_doi_strip(v, len, &dl);
      /* a DOI by its prefix ("doi:x") or its shape */
      if (!has_doi && dl && (d != v || bcv_doi_shape(d, dl))) {
        rc = bcv_record_add_text(rec, BCV_VAR_DOI, NULL, d, dl);
        has_doi = 1;
      } else {
        rc = keep(r, i);
      }
      break;
    }
    case EN_LANG: {
      const char *tag = en_lang_tag(v, len);
      if (has_lang) {
        rc = keep(r, i);
      } else {
        rc = bcv_record_add_text(rec, BCV_VAR_LANGUAGE, NULL, tag ? tag : v, tag ? strlen(tag) : len);
        /* its spelling, when the tag does not give it back */
        if (!rc && tag && strcmp(tag, v) && !(en_lang_name(tag) && !strcasecmp(en_lang_name(tag), v)))
          rc = keep(r, i);
      }
      has_lang = 1;
      break;
    }
    case EN_ID:
      if (!bcv_record_id(rec))
        rc = bcv_record_set_id(rec, v, len);
      else
        rc = keep(r, i);
      break;
    case EN_CONTAINER:
      if (f == cont)
        rc = bcv_record_add_text(rec, t->var, NULL, v, len);
      else
        rc = keep(r, i);
      break;
    }
  }
  /* %D the year (or a date), %8 the rest of it */
  if (!rc && (fd || f8)) {
    bcv_date d, e;
    int year = 0;
    memset(&d, 0, sizeof d);
    if (fd && parse_date(VAL(fd), fd->len, &d) && d.from.year)
      year = d.from.year;
    if (f8 && parse_date(VAL(f8), f8->len, &e) && (!e.from.year || !year || e.from.year == year) &&
        (year || e.from.year) && d.from.parts <= 1) {
      if (!e.from.year)
        e.from.year = year;
      d = e;
      f8 = NULL;
    }
    if (!year && !d.from.parts && fd) {
      bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, fd->line, fd->column,
                      "%%D: year '%s' not understood; kept as text", VAL(fd));
      memset(&d, 0, sizeof d);
      if (!(d.literal = bcv_record_strndup(rec, VAL(fd), fd->len)))
        rc = BCV_ENOMEM;
    }
    if (!rc && (d.from.parts || d.literal))
      rc = bcv_record_add_date(rec, BCV_VAR_ISSUED, &d);
    if (!rc && f8)
      rc = keep(r, (size_t)(f8 - r->rec.fields));
  }
  /* %H: the authors' names in another language, in order; %+: their
   * addresses, when there is one a name */
  const bcv_field *au = bcv_record_field(rec, BCV_VAR_AUTHOR);
  size_t nau = 0;
  for (const bcv_name *n = au ? au->names : NULL; n; n = n->next)
    nau++;
  bcv_name *alt = au ? (bcv_name *)au->names : NULL, *addr = naddr == nau ? alt : NULL;
  size_t nalt = 0, spare = 0;
  long spare_line = 0;
  for (size_t k = 0; k < r->nx && !rc; k++) {
    const bcv_tagline_field *f = &r->rec.fields[r->xi[k]];
    char tag = TAG(f)[0];
    if (tag == '+' && addr) {
      rc = bcv_name_add_affiliation(rec, addr, VAL(f), f->len);
      addr = (bcv_name *)addr->next;
    } else if (tag == 'H') {
      nalt++;
      if (!alt) {
        spare++;
        spare_line = spare_line ? spare_line : f->line;
        continue;
      }
      bcv_name n;
      if (!(rc = parse_name(rec, VAL(f), f->len, &n))) {
        n.lang = has_han(VAL(f), f->len) ? "zh" : "en";
        rc = bcv_name_add_alt(rec, alt, &n);
      }
      alt = (bcv_name *)alt->next;
      r->xi[k] = (size_t)-1; /* not an extra */
    }
  }
  if (spare)
    bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, spare_line, 1,
                    "%%H: %zu more name%s than the record's %zu author%s; kept as endnote.H", spare,
                    spare == 1 ? "" : "s", nau, nau == 1 ? "" : "s");
  size_t w = 0;
  for (size_t k = 0; k < r->nx; k++)
    if (r->xi[k] != (size_t)-1)
      r->xi[w++] = r->xi[k];
  r->nx = w;
  if (!rc)
    rc = bcv_tagline_keep(r->sc, &r->rec, r->xi, r->nx, "endnote", rec);
  if (rc) {
    bcv_record_free(&rec);
    return rc;
  }
  *out = rec;
  return BCV_OK;
}

static int r_next(void *state, bcv_record **out) {
  reader *r = state;
  for (;;) {
    int rc = bcv_tagline_next(r->sc, r->in, &r->rec);
    if (rc)
      return rc;
    if ((rc = map_record(r, out)) || *out)
      return rc;
  }
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
  free(r->xi);
  free(r);
}

const bcv_reader_ops en_reader = {r_open, r_next, r_close, NULL};
