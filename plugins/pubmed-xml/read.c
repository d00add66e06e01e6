/* SPDX-License-Identifier: MIT */
/* read.c: the PubMed XML reader.
 *
 * Each PubmedArticle and PubmedBookArticle is expanded alone (the rest of
 * the set streams past) and walked: an element the table of map.c names
 * is read by its action, any other is read through when it holds elements
 * and kept as the extra pubmed.<Element> when it holds text.  Extras of
 * one key are joined with "; " (a record keeps one value a key).
 *
 * Decisions:
 *   - a PubmedArticle is a journal article unless a publication type says
 *     otherwise (Preprint, Dataset...); a PubmedBookArticle is a chapter
 *     when it has an ArticleTitle (its BookTitle the container), else a
 *     book;
 *   - an ArticleTitle in brackets is PubMed's English translation of a
 *     title in another language: the brackets go, and it is the title in
 *     "en" when the article's Language is another; a VernacularTitle is
 *     the title in the article's language;
 *   - MedlinePgn "335-9" is the page range 335-339, as MEDLINE means it;
 *   - MeSH headings are keywords as MEDLINE's MH lines write them:
 *     "Descriptor/Qualifier", "*" before a major topic;
 *   - an Author with ValidYN="N" (PubMed keeps misspelt names so marked)
 *     is left out, with a warning. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bcvxml.h"
#include "pubmed.h"

typedef struct reader {
  bcv_diag *diag;
  bx_reader *x;
  bcv_record *rec;
  const char *lang;   /* the record's language (BCP 47), or NULL */
  int chapter;        /* a book article with an ArticleTitle */
  int chapter_authors; /* and an AuthorList of its own */
  int vernacular;     /* a VernacularTitle is there */
  int have_type;
  bx_extras ex; /* the record's extras, gathered */
  bx_buf t;     /* scratch */
} reader;

static const bx_mark marks[] = {
    {"i", "<i>", "</i>"},       {"b", "<b>", "</b>"}, {"sup", "<sup>", "</sup>"},
    {"sub", "<sub>", "</sub>"}, {NULL, NULL, NULL},
};
static const bx_style rich = {marks, NULL, NULL, NULL, 0, 0};
static const bx_style plain = {NULL, NULL, NULL, NULL, 0, 0};

static const char *text(reader *r, xmlNodePtr n) {
  return bx_text(r->x, n, &plain);
}

static int add(reader *r, bcv_var v, const char *lang, const char *s) {
  return *s ? bcv_record_add_text(r->rec, v, lang, s, strlen(s)) : BCV_OK;
}

/* An element's name as an extra's key: "DateCompleted" date-completed,
 * "ISSNLinking" issn-linking (field names every writer takes as they
 * are). */
static void kebab(const char *s, char *out, size_t size) {
  size_t o = 0;
  for (size_t i = 0; s[i] && o + 2 < size; i++) {
    char c = s[i];
    int up = c >= 'A' && c <= 'Z';
    if (up && i > 0 && o && out[o - 1] != '-' && out[o - 1] != '.' &&
        ((s[i - 1] >= 'a' && s[i - 1] <= 'z') || (s[i - 1] >= '0' && s[i - 1] <= '9') ||
         (s[i - 1] >= 'A' && s[i - 1] <= 'Z' && s[i + 1] >= 'a' && s[i + 1] <= 'z')))
      out[o++] = '-';
    out[o++] = up ? (char)(c + 32) : c;
  }
  out[o] = '\0';
}

/* Keep value as the extra pubmed.<name> (kebab-case), repeats joined
 * with sep; with once, an equal value is kept once (a pii in ELocationID
 * and ArticleIdList). */
static int keep(reader *r, const char *name, const char *value, const char *sep, int once) {
  char key[64] = "pubmed.";
  kebab(name, key + 7, sizeof key - 7);
  return bx_extras_add(&r->ex, r->diag, bcv_record_line(r->rec), key, value, sep, once);
}

static int acc(reader *r, const char *name, const char *value, const char *sep) {
  return keep(r, name, value, sep, 0);
}

/* An id of var: the record's when it has none, the same value once, a
 * different one kept as an extra. */
static int add_id(reader *r, bcv_var v, const char *key, const char *s) {
  if (!*s)
    return BCV_OK;
  const char *have = bcv_record_text(r->rec, v, NULL);
  if (!have)
    return add(r, v, NULL, s);
  return strcmp(have, s) ? keep(r, key, s, "; ", 1) : BCV_OK;
}

/* ---- dates ---- */

static int num(const char *s, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return n ? v : -1;
}

/* MedlineDate: "1998 Dec-1999 Jan", "2000 Spring", "1999-2000",
 * "2018 Apr 15", "2018 Apr-Jun".  0 when it says more than a date can. */
static int medline_date(const char *s, bcv_date *d) {
  static const char *const seasons[] = {"Spring", "Summer", "Fall", "Winter", "Autumn"};
  memset(d, 0, sizeof *d);
  bcv_date_part *p = &d->from;
  int year = 0;
  while (*s) {
    while (*s == ' ' || *s == ',')
      s++;
    if (!*s)
      break;
    if (*s == '-') {
      if (p == &d->to || !d->from.parts)
        return 0;
      d->flags |= BCV_DATE_RANGE;
      p = &d->to;
      s++;
      continue;
    }
    size_t n = 0;
    while (s[n] && s[n] != ' ' && s[n] != '-' && s[n] != ',')
      n++;
    int v = num(s, n), m = pm_month(s, n), season = 0;
    for (int i = 0; i < 5 && !m; i++)
      if (n == strlen(seasons[i]) && !strncmp(s, seasons[i], n))
        season = i < 4 ? i + 1 : 3;
    if (n == 4 && v > 0) {
      p->year = year = v, p->parts = 1;
    } else if (m && n >= 3 && p->parts <= 1 && (p->parts || year)) {
      p->year = year, p->month = m, p->parts = 2;
    } else if (v > 0 && v <= 31 && p->parts == 2) {
      p->day = v, p->parts = 3;
    } else if (season && p == &d->from && d->from.parts == 1 && !d->season) {
      d->season = season;
    } else {
      return 0;
    }
    s += n;
  }
  if (d->to.parts && d->to.year == 0)
    d->to.year = year;
  return d->from.parts > 0;
}

/* A date element with Year, Month, Day, Season or MedlineDate. */
static int date_of(reader *r, xmlNodePtr e, bcv_date *d) {
  memset(d, 0, sizeof *d);
  xmlNodePtr md = bx_child(e, "MedlineDate");
  if (md)
    return medline_date(text(r, md), d);
  const char *y = text(r, bx_child(e, "Year"));
  int year = num(y, strlen(y));
  if (year <= 0)
    return 0;
  d->from.year = year, d->from.parts = 1;
  const char *m = text(r, bx_child(e, "Month"));
  int month = pm_month(m, strlen(m));
  if (month) {
    d->from.month = month, d->from.parts = 2;
    const char *dd = text(r, bx_child(e, "Day"));
    int day = num(dd, strlen(dd));
    if (day >= 1 && day <= 31)
      d->from.day = day, d->from.parts = 3;
  } else {
    const char *s = text(r, bx_child(e, "Season"));
    static const char *const seasons[] = {"Spring", "Summer", "Fall", "Winter"};
    for (int i = 0; i < 4; i++)
      if (!strcmp(s, seasons[i]))
        d->season = i + 1;
  }
  return 1;
}

static int date_extra(reader *r, const char *key, xmlNodePtr e) {
  bcv_date d;
  char iso[64];
  if (!date_of(r, e, &d)) {
    const char *s = text(r, e);
    return acc(r, key, s, "; ");
  }
  bcv_date_format_edtf(&d, iso, sizeof iso);
  return acc(r, key, iso, "; ");
}

/* ---- parts ---- */

/* "335-9" is 335-339; "1234-45, 1250" 1234-1245, 1250. */
static int pagination(reader *r, xmlNodePtr e) {
  xmlNodePtr mp = bx_child(e, "MedlinePgn");
  if (!mp) {
    const char *sp = text(r, bx_child(e, "StartPage"));
    char pg[256];
    snprintf(pg, sizeof pg, "%s", sp);
    const char *ep = text(r, bx_child(e, "EndPage"));
    if (*ep && *pg && strcmp(pg, ep))
      snprintf(pg + strlen(pg), sizeof pg - strlen(pg), "-%s", ep);
    return add(r, BCV_VAR_PAGE, NULL, pg);
  }
  const char *s = text(r, mp);
  bx_buf out = {0};
  int rc = BCV_OK;
  while (*s && !rc) {
    const char *comma = strchr(s, ',');
    size_t n = comma ? (size_t)(comma - s) : strlen(s);
    const char *dash = memchr(s, '-', n);
    size_t a = dash ? (size_t)(dash - s) : n, b = dash ? n - a - 1 : 0;
    const char *to = dash ? dash + 1 : NULL;
    if (out.len && bx_put(&out, ", ", 2))
      rc = BCV_ENOMEM;
    if (!rc && dash && b < a && num(s, a) >= 0 && num(to, b) >= 0) {
      /* the end written by its last digits */
      if (bx_put(&out, s, a) || bx_put(&out, "-", 1) || bx_put(&out, s, a - b) || bx_put(&out, to, b))
        rc = BCV_ENOMEM;
    } else if (!rc && bx_put(&out, s, n)) {
      rc = BCV_ENOMEM;
    }
    s += n;
    while (*s == ',' || *s == ' ')
      s++;
  }
  if (!rc && out.len)
    rc = add(r, BCV_VAR_PAGE, NULL, out.p);
  free(out.p);
  return rc;
}

/* ArticleTitle: English, PubMed's translation (in brackets, which go)
 * when the article is in another language.  With a VernacularTitle beside
 * it, that one is the title in the article's language. */
static int title(reader *r, xmlNodePtr e) {
  const char *s = bx_text(r->x, e, &rich);
  size_t n = strlen(s), st = 0;
  if (n > 2 && s[0] == '[' && (s[n - 1] == ']' || (n > 3 && s[n - 2] == ']' && s[n - 1] == '.'))) {
    st = 1;
    n = s[n - 1] == ']' ? n - 1 : n - 2;
  }
  int other = r->lang && strcmp(r->lang, "en");
  const char *lang = other && (st || r->vernacular) ? "en" : NULL;
  return n > st ? bcv_record_add_text(r->rec, BCV_VAR_TITLE, lang, s + st, n - st) : BCV_OK;
}

/* VernacularTitle: the title in the article's language; when that is
 * English too (or unknown), in a language not named. */
static int vernacular(reader *r, xmlNodePtr e) {
  int other = r->lang && strcmp(r->lang, "en");
  return add(r, BCV_VAR_TITLE, other ? NULL : "und", bx_text(r->x, e, &rich));
}

/* Abstract is English (MEDLINE's AB), whatever the article's language;
 * OtherAbstract says its language. */
static int abstract(reader *r, xmlNodePtr e) {
  const char *lang = r->lang && strcmp(r->lang, "en") ? "en" : NULL;
  const char *l = bx_is(e, "OtherAbstract") ? bx_attr(e, "Language") : NULL;
  if (l) {
    lang = bx_lang_tag(l);
    if (!lang)
      lang = l;
    if (r->lang && !strcmp(lang, r->lang))
      lang = NULL;
  }
  bx_buf b = {0};
  int rc = BCV_OK;
  for (xmlNodePtr c = e->children; c && !rc; c = c->next) {
    if (bx_is(c, "AbstractText")) {
      const char *label = bx_attr(c, "Label");
      const char *s = bx_text(r->x, c, &rich);
      if (!*s)
        continue;
      if ((b.len && bx_put(&b, "\n", 1)) || (label && *label && (bx_put(&b, label, strlen(label)) ||
                                                                  bx_put(&b, ": ", 2))) ||
          bx_put(&b, s, strlen(s)))
        rc = BCV_ENOMEM;
    } else if (bx_is(c, "CopyrightInformation")) {
      rc = acc(r, "CopyrightInformation", text(r, c), "; ");
    }
  }
  if (!rc && b.len)
    rc = bcv_record_add_text(r->rec, BCV_VAR_ABSTRACT, lang, b.p, b.len);
  free(b.p);
  return rc;
}

/* Initials as MEDLINE writes them ("JR") as a given name ("J. R."). */
static char *initials(reader *r, const char *s) {
  char buf[64];
  size_t o = 0;
  while (*s) {
    unsigned char c = (unsigned char)*s;
    size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2; /* one letter */
    if (c == ' ' || c == '.') {
      s++;
      continue;
    }
    if (strnlen(s, n) < n || o + n + 3 > sizeof buf)
      break;
    if (o)
      buf[o++] = ' ';
    memcpy(buf + o, s, n);
    o += n;
    buf[o++] = '.';
    s += n;
  }
  return o ? bcv_record_strndup(r->rec, buf, o) : NULL;
}

static int authors(reader *r, xmlNodePtr list, bcv_var v) {
  const char *type = bx_attr(list, "Type");
  if (type && !strcmp(type, "editors"))
    v = BCV_VAR_EDITOR;
  /* the book's authors, beside a chapter's own: the container's */
  else if (v == BCV_VAR_AUTHOR && r->chapter && r->chapter_authors && bx_is(list->parent, "Book"))
    v = BCV_VAR_CONTAINER_AUTHOR;
  int rc = BCV_OK;
  const char *complete = bx_attr(list, "CompleteYN");
  if (complete && !strcmp(complete, "N"))
    rc = bcv_record_set_etal(r->rec, v);
  for (xmlNodePtr a = list->children; a && !rc; a = a->next) {
    if (!bx_is(a, "Author") && !bx_is(a, "Investigator"))
      continue;
    const char *valid = bx_attr(a, "ValidYN");
    bcv_name n;
    memset(&n, 0, sizeof n);
    xmlNodePtr cn = bx_child(a, "CollectiveName");
#define DUP(field, node)                                                                           \
  do {                                                                                             \
    const char *s_ = text(r, (node));                                                              \
    n.field = *s_ ? bcv_record_strndup(r->rec, s_, strlen(s_)) : NULL;                             \
  } while (0)
    if (cn) {
      DUP(literal, cn);
    } else {
      DUP(family, bx_child(a, "LastName"));
      DUP(given, bx_child(a, "ForeName"));
      if (!n.given)
        n.given = initials(r, text(r, bx_child(a, "Initials")));
      DUP(suffix, bx_child(a, "Suffix"));
    }
#undef DUP
    if (!n.family && !n.given && !n.literal)
      continue;
    if (valid && !strcmp(valid, "N")) {
      bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, bx_line(a), 0,
                      "an author PubMed marks as not valid (ValidYN=\"N\": %s%s%s) left out",
                      n.family ? n.family : n.literal ? n.literal : "", n.given ? ", " : "",
                      n.given ? n.given : "");
      continue;
    }
    bcv_name *stored = bcv_record_add_name(r->rec, v, &n);
    if (!stored)
      return BCV_ENOMEM;
    for (xmlNodePtr c = a->children; c && !rc; c = c->next) {
      if (bx_is(c, "AffiliationInfo")) {
        const char *s = text(r, bx_child(c, "Affiliation"));
        if (*s)
          rc = bcv_name_add_affiliation(r->rec, stored, s, strlen(s));
      } else if (bx_is(c, "Identifier")) {
        const char *src = bx_attr(c, "Source");
        const char *s = text(r, c);
        char key[64];
        snprintf(key, sizeof key, "pubmed.%s", src && !strcmp(src, "ORCID") ? "orcid" : "identifier");
        if (*s)
          rc = bcv_name_add_extra(r->rec, stored, key, s, 0);
      }
    }
  }
  return rc;
}

/* MeSH headings as MEDLINE's MH lines: "*Neoplasms/drug therapy". */
static int mesh(reader *r, xmlNodePtr list) {
  int rc = BCV_OK;
  for (xmlNodePtr h = list->children; h && !rc; h = h->next) {
    if (!bx_is(h, "MeshHeading"))
      continue;
    bx_buf *b = &r->t;
    b->len = 0;
    for (xmlNodePtr c = h->children; c && !rc; c = c->next) {
      int d = bx_is(c, "DescriptorName"), q = bx_is(c, "QualifierName");
      if (!d && !q)
        continue;
      const char *major = bx_attr(c, "MajorTopicYN");
      const char *s = text(r, c);
      /* s is in the reader's text buffer, not in r->t */
      if ((q && bx_put(b, "/", 1)) || (major && !strcmp(major, "Y") && bx_put(b, "*", 1)) ||
          bx_put(b, s, strlen(s)))
        return BCV_ENOMEM;
    }
    if (b->len)
      rc = bcv_record_add_text(r->rec, BCV_VAR_KEYWORD, NULL, b->p, b->len);
  }
  return rc;
}

/* Texts of the named children (grandchildren with sub) of e, each under
 * key; fields of one child joined with sep. */
static int list_extra(reader *r, xmlNodePtr e, const char *key, const char *const *parts,
                      const char *sep) {
  int rc = BCV_OK;
  for (xmlNodePtr c = e->children; c && !rc; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    bx_buf *b = &r->t;
    b->len = 0;
    for (const char *const *p = parts; *p && !rc; p++) {
      if (**p == '@') {
        const char *a = bx_attr(c, *p + 1);
        if (a && *a && ((b->len && bx_put(b, sep, strlen(sep))) || bx_put(b, a, strlen(a))))
          return BCV_ENOMEM;
        continue;
      }
      for (xmlNodePtr f = bx_child(c, *p); f; f = bx_next_sibling(f, *p)) {
        const char *s = text(r, f);
        if (*s && ((b->len && bx_put(b, sep, strlen(sep))) || bx_put(b, s, strlen(s))))
          return BCV_ENOMEM;
      }
    }
    if (b->len)
      rc = acc(r, key, b->p, "; ");
  }
  return rc;
}

static int ids(reader *r, xmlNodePtr list) {
  int rc = BCV_OK;
  for (xmlNodePtr c = list->children; c && !rc; c = c->next) {
    if (!bx_is(c, "ArticleId"))
      continue;
    const char *t = bx_attr(c, "IdType");
    const char *s = text(r, c);
    if (!t)
      t = "id";
    if (!strcmp(t, "doi"))
      rc = add_id(r, BCV_VAR_DOI, "doi", s);
    else if (!strcmp(t, "pubmed"))
      rc = add_id(r, BCV_VAR_PMID, "pmid", s);
    else if (!strcmp(t, "pmc"))
      rc = add_id(r, BCV_VAR_PMCID, "pmc", s);
    else if (!strcmp(t, "url"))
      rc = add_id(r, BCV_VAR_URL, "url", s);
    else
      rc = keep(r, t, s, "; ", 1);
  }
  return rc;
}

static int history(reader *r, xmlNodePtr e) {
  int rc = BCV_OK;
  for (xmlNodePtr c = e->children; c && !rc; c = c->next) {
    if (!bx_is(c, "PubMedPubDate"))
      continue;
    const char *st = bx_attr(c, "PubStatus");
    bcv_date d;
    if (st && !strcmp(st, "received") && !bcv_record_field(r->rec, BCV_VAR_SUBMITTED) &&
        date_of(r, c, &d)) {
      rc = bcv_record_add_date(r->rec, BCV_VAR_SUBMITTED, &d);
    } else {
      char key[64];
      snprintf(key, sizeof key, "history.%s", st ? st : "date");
      rc = date_extra(r, key, c);
    }
  }
  return rc;
}

static int walk(reader *r, xmlNodePtr e, int depth);

/* One element of the record by its row. */
static int element(reader *r, xmlNodePtr c, int depth) {
  const char *name = (const char *)c->name;
  const pm_row *row = pm_row_of(name);
  bcv_date d;
  if (!row) {
    /* not in the table: read through, or kept as pubmed.<Element> */
    for (xmlNodePtr k = c->children; k; k = k->next)
      if (k->type == XML_ELEMENT_NODE)
        return walk(r, c, depth + 1);
    return acc(r, name, text(r, c), "; ");
  }
  switch (row->act) {
  case PM_DESCEND:
    for (const char *p = row->key; p && *p;) {
      char attr[32];
      size_t n = strcspn(p, " ");
      snprintf(attr, sizeof attr, "%.*s", (int)n, p);
      const char *v = bx_attr(c, attr);
      if (v) {
        int rc = acc(r, attr, v, "; ");
        if (rc)
          return rc;
      }
      p += n + (p[n] == ' ');
    }
    return walk(r, c, depth + 1);
  case PM_TEXT:
    return add(r, row->var, NULL, text(r, c));
  case PM_EXTRA:
    return acc(r, row->key, text(r, c), "; ");
  case PM_DATE_EXTRA:
    return date_extra(r, row->key, c);
  case PM_PMID:
    return add_id(r, BCV_VAR_PMID, "pmid", text(r, c));
  case PM_TITLE:
    return title(r, c);
  case PM_VERNACULAR:
    return vernacular(r, c);
  case PM_BOOKTITLE:
    return add(r, r->chapter ? BCV_VAR_CONTAINER_TITLE : BCV_VAR_TITLE, NULL, bx_text(r->x, c, &rich));
  case PM_ISSN:
    return add(r, BCV_VAR_ISSN, NULL, text(r, c));
  case PM_PUBDATE:
    if (bcv_record_field(r->rec, BCV_VAR_ISSUED))
      return date_extra(r, "PubDate", c);
    if (!date_of(r, c, &d)) {
      /* "Summer-Fall 1990": kept as PubMed wrote it */
      memset(&d, 0, sizeof d);
      d.literal = text(r, c);
      if (!*d.literal)
        return BCV_OK;
    }
    return bcv_record_add_date(r->rec, BCV_VAR_ISSUED, &d);
  case PM_ARTICLEDATE:
    if (!bcv_record_field(r->rec, BCV_VAR_AVAILABLE_DATE) && date_of(r, c, &d))
      return bcv_record_add_date(r->rec, BCV_VAR_AVAILABLE_DATE, &d);
    return date_extra(r, "ArticleDate", c);
  case PM_PAGINATION:
    return pagination(r, c);
  case PM_ELOCATION: {
    const char *t = bx_attr(c, "EIdType");
    const char *s = text(r, c);
    if (t && !strcmp(t, "doi"))
      return add_id(r, BCV_VAR_DOI, "doi", s);
    return keep(r, t ? t : "ELocationID", s, "; ", 1);
  }
  case PM_ABSTRACT:
    return abstract(r, c);
  case PM_AUTHORS:
    return authors(r, c, row->var);
  case PM_LANGUAGE: {
    const char *s = text(r, c);
    const char *tag = bx_lang_tag(s);
    if (bcv_record_text(r->rec, BCV_VAR_LANGUAGE, NULL))
      return acc(r, "Language", s, "; ");
    return add(r, BCV_VAR_LANGUAGE, NULL, tag ? tag : s);
  }
  case PM_PUBTYPES: {
    int rc = BCV_OK;
    for (xmlNodePtr p = c->children; p && !rc; p = p->next) {
      if (!bx_is(p, "PublicationType"))
        continue;
      const char *s = text(r, p);
      bcv_type t = pm_pubtype(s);
      /* the first that says something other than a journal article */
      if (t != BCV_TYPE_COUNT && !r->have_type && bcv_record_type(r->rec) == BCV_TYPE_ARTICLE_JOURNAL &&
          t != BCV_TYPE_ARTICLE_JOURNAL) {
        bcv_record_set_type(r->rec, t);
        r->have_type = 1;
      }
      rc = acc(r, row->key, s, "; ");
    }
    return rc;
  }
  case PM_MESH:
    return mesh(r, c);
  case PM_KEYWORDS: {
    int rc = BCV_OK;
    for (xmlNodePtr k = bx_child(c, "Keyword"); k && !rc; k = bx_next_sibling(k, "Keyword"))
      rc = add(r, BCV_VAR_KEYWORD, NULL, text(r, k));
    return rc;
  }
  case PM_CHEMICALS: {
    static const char *const parts[] = {"NameOfSubstance", NULL};
    return list_extra(r, c, row->key, parts, " ");
  }
  case PM_COMMENTS: {
    static const char *const parts[] = {"@RefType", "RefSource", "PMID", NULL};
    return list_extra(r, c, row->key, parts, " ");
  }
  case PM_GRANTS: {
    static const char *const parts[] = {"GrantID", "Acronym", "Agency", "Country", NULL};
    return list_extra(r, c, row->key, parts, "/");
  }
  case PM_SUBJECTS: {
    /* the people an article is about (an obituary's) are not its authors */
    static const char *const parts[] = {"LastName", "ForeName", "Suffix", NULL};
    return list_extra(r, c, row->key, parts, ", ");
  }
  case PM_HISTORY:
    return history(r, c);
  case PM_IDS:
    return ids(r, c);
  case PM_REFERENCES: {
    int rc = BCV_OK;
    for (xmlNodePtr ref = bx_child(c, "Reference"); ref && !rc; ref = bx_next_sibling(ref, "Reference"))
      rc = acc(r, row->key, text(r, bx_child(ref, "Citation")), "\n");
    return rc;
  }
  case PM_PUBLISHER: {
    int rc = add(r, BCV_VAR_PUBLISHER, NULL, text(r, bx_child(c, "PublisherName")));
    return rc ? rc : add(r, BCV_VAR_PUBLISHER_PLACE, NULL, text(r, bx_child(c, "PublisherLocation")));
  }
  case PM_SECTIONS: {
    int rc = BCV_OK;
    for (xmlNodePtr s = bx_child(c, "Section"); s && !rc; s = bx_next_sibling(s, "Section"))
      rc = acc(r, row->key, text(r, bx_child(s, "SectionTitle")), "; ");
    return rc;
  }
  case PM_LOCATION: {
    const char *t = bx_attr(c, "Type");
    if (t && !strcmp(t, "chapter") && !bcv_record_text(r->rec, BCV_VAR_CHAPTER_NUMBER, NULL))
      return add(r, BCV_VAR_CHAPTER_NUMBER, NULL, text(r, c));
    return acc(r, "LocationLabel", text(r, c), "; ");
  }
  case PM_MEDLINE_TA:
    if (!bcv_record_text(r->rec, BCV_VAR_CONTAINER_TITLE_SHORT, NULL))
      return add(r, BCV_VAR_CONTAINER_TITLE_SHORT, NULL, text(r, c));
    return add_id(r, BCV_VAR_CONTAINER_TITLE_SHORT, "MedlineTA", text(r, c));
  case PM_QUIET:
    return BCV_OK;
  }
  return BCV_OK;
}

static int walk(reader *r, xmlNodePtr e, int depth) {
  if (depth > 64)
    return BCV_OK;
  int rc = BCV_OK;
  for (xmlNodePtr c = e->children; c && !rc; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      rc = element(r, c, depth);
  return rc;
}

/* The article's own Language, for the languages of its titles. */
static const char *record_lang(reader *r, xmlNodePtr art, int bare) {
  xmlNodePtr doc = bx_child(art, "BookDocument");
  xmlNodePtr at = doc ? doc : bx_child(bare ? art : bx_child(art, "MedlineCitation"), "Article");
  const char *s = text(r, bx_child(at, "Language"));
  return bx_lang_tag(s);
}

/* One PubmedArticle or PubmedBookArticle (or a bare MedlineCitation). */
static int article(reader *r, xmlNodePtr art, int bare, bcv_record **out) {
  r->rec = bcv_record_new();
  if (!r->rec)
    return BCV_ENOMEM;
  bcv_record_set_pos(r->rec, bx_line(art), 0);
  bx_extras_reset(&r->ex);
  r->have_type = 0;
  r->lang = record_lang(r, art, bare);
  xmlNodePtr doc = bx_child(art, "BookDocument");
  r->chapter = doc && bx_child(doc, "ArticleTitle");
  r->chapter_authors = doc && bx_child(doc, "AuthorList");
  xmlNodePtr at = doc ? doc : bx_child(bare ? art : bx_child(art, "MedlineCitation"), "Article");
  r->vernacular = bx_child(at, "VernacularTitle") != NULL;
  bcv_record_set_type(r->rec, !doc ? BCV_TYPE_ARTICLE_JOURNAL
                                   : r->chapter ? BCV_TYPE_CHAPTER : BCV_TYPE_BOOK);
  int rc = bare ? element(r, art, 0) : walk(r, art, 0);
  if (!rc)
    rc = bx_extras_flush(&r->ex, r->rec);
  if (!rc && !bcv_record_fields(r->rec)) {
    bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, bx_line(art), 0, "%s with nothing in it; skipped",
                    (const char *)art->name);
    bcv_record_free(&r->rec);
    return BCV_OK;
  }
  if (rc) {
    bcv_record_free(&r->rec);
    return rc;
  }
  *out = r->rec;
  r->rec = NULL;
  return BCV_OK;
}

static int r_next(void *state, bcv_record **out) {
  reader *r = state;
  *out = NULL;
  int ret;
  while ((ret = bx_next(r->x)) == 1) {
    const char *name = bx_name(r->x);
    int whole = !strcmp(name, "PubmedArticle") || !strcmp(name, "PubmedBookArticle");
    /* a bare MedlineCitation (MedlineCitationSet, the old licensed files) */
    int bare = !strcmp(name, "MedlineCitation") && bx_depth(r->x) <= 1;
    if (!whole && !bare && strcmp(name, "DeleteCitation"))
      continue;
    xmlNodePtr n = bx_expand(r->x);
    int rc = BCV_OK;
    if (n && !strcmp(name, "DeleteCitation")) {
      bcv_diag_report(r->diag, BCV_SEV_NOTE, NULL, bx_line(n), 0,
                      "DeleteCitation (PMIDs to delete from a database) is no record; skipped");
    } else if (n && bare) {
      rc = article(r, n, 1, out);    } else if (n) {
      rc = article(r, n, 0, out);
    }
    bx_skip(r->x);
    if (rc)
      return rc;
    if (*out)
      return BCV_OK;
  }
  return ret < 0 ? ret : BCV_DONE;
}

static int r_open(bcv_input *in, const bcv_options *opts, bcv_diag *diag, void **state) {
  (void)opts;
  reader *r = calloc(1, sizeof *r);
  if (!r)
    return BCV_ENOMEM;
  r->diag = diag;
  r->x = bx_open(in, diag);
  if (!r->x) {
    free(r);
    return BCV_ENOMEM;
  }
  *state = r;
  return BCV_OK;
}

static void r_close(void *state) {
  reader *r = state;
  bx_close(r->x);
  bcv_record_free(&r->rec);
  bx_extras_free(&r->ex);
  free(r->t.p);
  free(r);
}

const bcv_reader_ops pm_reader = {r_open, r_next, r_close, NULL};
