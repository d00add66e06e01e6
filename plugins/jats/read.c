/* SPDX-License-Identifier: MIT */
/* read.c: the JATS reader.
 *
 * xmlTextReader pulls the document; the reader expands one subtree at a
 * time: journal-meta (its fields kept for the article), article-meta (the article's
 * record) and each ref of a ref-list (one record each).  Memory is one
 * subtree's, however long the reference list.
 *
 * The input is opened through plugins/xml (bcvxml.h), the XML modules'
 * one safe setup: no network, no external entity or DTD loaded, internal
 * entities expanded within a budget, errors at their place in the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>
#include "bcvxml.h"
#include "jats.h"

typedef struct reader {
  bcv_diag *diag;
  bx_reader *x;
  int part;          /* 1 article, 2 refs, 3 all */
  char *lang;        /* the article's xml:lang */
  char *article_type; /* its article-type: marks its record as the article's own */
  /* journal-meta's fields, for the article record */
  bcv_record *journal;
  /* the article's affiliations by id (find_aff) */
  xmlNodePtr *affs;
  size_t naffs, aff_cap;
  xmlNodePtr aff_scope;
  bx_buf t; /* scratch */
} reader;

/* ---- text ---- */

/* Inline markup the model keeps (CSL's). */
static const bx_mark marks[] = {
    {"italic", "<i>", "</i>"}, {"bold", "<b>", "</b>"}, {"sc", "<sc>", "</sc>"},
    {"sup", "<sup>", "</sup>"}, {"sub", "<sub>", "</sub>"}, {NULL, NULL, NULL},
};

/* The node's text, white space collapsed and trimmed, paragraphs kept,
 * skipping the named element; markup kept when asked.  Valid until the
 * next call. */
static const char *text(reader *r, xmlNodePtr n, int markup, const char *skip) {
  bx_style st = {markup ? marks : NULL, NULL, skip, "p", 0, 0};
  return bx_text(r->x, n, &st);
}

static int add_text(reader *r, bcv_record *rec, bcv_var v, const char *lang, xmlNodePtr n,
                    int markup) {
  if (!n)
    return BCV_OK;
  const char *s = text(r, n, markup, NULL);
  return *s ? bcv_record_add_text(rec, v, lang, s, strlen(s)) : BCV_OK;
}

static int extra(reader *r, bcv_record *rec, const char *key, xmlNodePtr n) {
  const char *s = n ? text(r, n, 0, NULL) : "";
  return *s ? bcv_record_add_extra(rec, key, s, strlen(s), 0) : BCV_OK;
}

/* A record's language tag for a value: none when it is the record's own. */
static const char *value_lang(const char *lang, const char *rec_lang) {
  if (!lang || (rec_lang && !strcmp(lang, rec_lang)))
    return NULL;
  return lang;
}

/* ---- names ---- */

static char *dup_text(reader *r, bcv_record *rec, xmlNodePtr n) {
  const char *s = text(r, n, 0, NULL);
  return *s ? bcv_record_strndup(rec, s, strlen(s)) : NULL;
}

/* Elements of a collab that are part of its name; the others (a nested
 * contrib-group of members, role, address, email, xref, fn...) are not. */
static int in_collab_name(xmlNodePtr c) {
  static const char *const inline_els[] = {
      "italic", "bold", "sc", "sup", "sub", "roman", "sans-serif", "monospace", "underline",
      "overline", "strike", "styled-content", "named-content", "abbrev", "inline-formula"};
  for (size_t i = 0; i < sizeof inline_els / sizeof *inline_els; i++)
    if (bx_is(c, inline_els[i]))
      return 1;
  return 0;
}

/* A group author's name: the collab's own text only ("eLife Editorial
 * Production Group"), never its members' names, affiliations and ORCIDs. */
static char *collab_name(reader *r, bcv_record *rec, xmlNodePtr collab) {
  static const bx_style plain = {NULL, NULL, NULL, "p", 0, 0};
  bx_buf *b = &r->t;
  b->len = 0;
  if (bx_put(b, "", 0))
    return NULL;
  for (xmlNodePtr c = collab->children; c; c = c->next) {
    int rc = 0;
    if (c->type == XML_ELEMENT_NODE && !in_collab_name(c)) {
      if (b->len && b->p[b->len - 1] != ' ')
        rc = bx_put(b, " ", 1); /* "Group<xref/>and" */
    } else {
      rc = bx_text_node(r->x, b, c, &plain);
    }
    if (rc)
      return NULL;
  }
  size_t st = 0, len = b->len;
  while (st < len && b->p[st] == ' ')
    st++;
  while (len > st && b->p[len - 1] == ' ')
    len--;
  return len > st ? bcv_record_strndup(rec, b->p + st, len - st) : NULL;
}

/* name, string-name or collab into n; 0 when the node is none of them */
static int one_name(reader *r, bcv_record *rec, xmlNodePtr c, bcv_name *n) {
  memset(n, 0, sizeof *n);
  if (bx_is(c, "name") || (bx_is(c, "string-name") && bx_child(c, "surname"))) {
    n->family = dup_text(r, rec, bx_child(c, "surname"));
    n->given = dup_text(r, rec, bx_child(c, "given-names"));
    n->suffix = dup_text(r, rec, bx_child(c, "suffix"));
    /* a prefix ("Dr.") is not a particle; CSL has no place for it */
    const char *style = bx_attr(c, "name-style");
    if (style && !strcmp(style, "eastern"))
      n->flags |= BCV_NAME_EASTERN;
    n->lang = bx_lang(c);
    if (!n->family && !n->given)
      n->literal = dup_text(r, rec, c);
    return 1;
  }
  if (bx_is(c, "string-name") || bx_is(c, "collab")) {
    n->literal = bx_is(c, "collab") ? collab_name(r, rec, c) : dup_text(r, rec, c);
    n->lang = bx_lang(c);
    const char *style = bx_attr(c, "name-style");
    if (style && !strcmp(style, "eastern"))
      n->flags |= BCV_NAME_EASTERN;
    return n->literal != NULL;
  }
  return 0;
}

/* The affiliations of article-meta and its contrib-groups by id, made
 * once per article (a lookup per xref was a walk of every contrib: 40k
 * contribs took seconds).  Open addressing; the first aff of an id in
 * document order wins, as a search from the top would find it. */
static uint64_t hash_id(const char *s, size_t len) {
  uint64_t h = 1469598103934665603u; /* FNV-1a */
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211u;
  return h;
}

static int index_affs(reader *r, xmlNodePtr scope, int depth) {
  for (xmlNodePtr c = scope->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    const char *id = bx_attr(c, "id");
    if (bx_is(c, "aff") && id) {
      if ((r->naffs + 1) * 2 > r->aff_cap) {
        size_t cap = r->aff_cap ? r->aff_cap * 2 : 64;
        xmlNodePtr *t = calloc(cap, sizeof *t);
        if (!t)
          return BCV_ENOMEM;
        for (size_t i = 0; i < r->aff_cap; i++) {
          if (!r->affs[i])
            continue;
          const char *k = bx_attr(r->affs[i], "id");
          size_t j = hash_id(k, strlen(k)) & (cap - 1);
          while (t[j])
            j = (j + 1) & (cap - 1);
          t[j] = r->affs[i];
        }
        free(r->affs);
        r->affs = t;
        r->aff_cap = cap;
      }
      size_t j = hash_id(id, strlen(id)) & (r->aff_cap - 1);
      while (r->affs[j] && strcmp(bx_attr(r->affs[j], "id"), id))
        j = (j + 1) & (r->aff_cap - 1);
      if (!r->affs[j]) {
        r->affs[j] = c;
        r->naffs++;
      }
    }
    if ((bx_is(c, "contrib-group") || bx_is(c, "aff-alternatives")) && depth < 32 &&
        index_affs(r, c, depth + 1))
      return BCV_ENOMEM;
  }
  return BCV_OK;
}

/* The aff with this id, in article-meta or the contrib-group. */
static xmlNodePtr find_aff(reader *r, xmlNodePtr meta, const char *id, size_t len) {
  if (r->aff_scope != meta) {
    if (r->aff_cap)
      memset(r->affs, 0, r->aff_cap * sizeof *r->affs);
    r->naffs = 0;
    r->aff_scope = meta;
    if (index_affs(r, meta, 0))
      return NULL;
  }
  if (!r->aff_cap)
    return NULL;
  for (size_t j = hash_id(id, len) & (r->aff_cap - 1); r->affs[j]; j = (j + 1) & (r->aff_cap - 1)) {
    const char *k = bx_attr(r->affs[j], "id");
    if (strlen(k) == len && !memcmp(k, id, len))
      return r->affs[j];
  }
  return NULL;
}

static int add_affil(reader *r, bcv_record *rec, bcv_name *stored, xmlNodePtr aff) {
  /* the label (a superscript number) is presentation */
  const char *s = text(r, aff, 0, "label");
  return *s ? bcv_name_add_affiliation(rec, stored, s, strlen(s)) : BCV_OK;
}

/* Names of a person-group or a contrib: name, string-name, collab,
 * name-alternatives or collab-alternatives (the first form the name, the
 * others its alternatives).  *stored gets the name added, when one is. */
static int add_person(reader *r, bcv_record *rec, bcv_var v, xmlNodePtr c, const char *rec_lang,
                      bcv_name **stored) {
  bcv_name n, *first = NULL;
  int rc = BCV_OK;
  if (bx_is(c, "name-alternatives") || bx_is(c, "collab-alternatives")) {
    for (xmlNodePtr a = c->children; a && !rc; a = a->next) {
      if (!one_name(r, rec, a, &n))
        continue;
      if (!first) {
        n.lang = value_lang(n.lang, rec_lang);
        if (!(first = bcv_record_add_name(rec, v, &n)))
          return BCV_ENOMEM;
        if (stored)
          *stored = first;
      } else {
        rc = bcv_name_add_alt(rec, first, &n);
      }
    }
    return rc;
  }
  if (!one_name(r, rec, c, &n))
    return BCV_OK;
  n.lang = value_lang(n.lang, rec_lang);
  if (!(first = bcv_record_add_name(rec, v, &n)))
    return BCV_ENOMEM;
  if (stored)
    *stored = first;
  return BCV_OK;
}

/* One contrib: its names, then its affiliations (inline or by xref) and
 * ids on the last name it added.  Linear in the contrib's size. */
static int add_contrib(reader *r, bcv_record *rec, xmlNodePtr contrib, xmlNodePtr meta,
                       const char *rec_lang) {
  const char *type = bx_attr(contrib, "contrib-type");
  bcv_var v = jt_role_in(type ? type : "author");
  if (v == BCV_VAR_NONE)
    v = BCV_VAR_CONTRIBUTOR;
  bcv_name *stored = NULL;
  int rc = BCV_OK;
  for (xmlNodePtr c = contrib->children; c && !rc; c = c->next)
    if (bx_is(c, "name") || bx_is(c, "string-name") || bx_is(c, "collab") ||
        bx_is(c, "name-alternatives") || bx_is(c, "collab-alternatives"))
      rc = add_person(r, rec, v, c, rec_lang, &stored);
  if (rc || !stored)
    return rc;
  for (xmlNodePtr c = contrib->children; c && !rc; c = c->next) {
    if (bx_is(c, "aff")) {
      rc = add_affil(r, rec, stored, c);
    } else if (bx_is(c, "xref")) {
      const char *t = bx_attr(c, "ref-type"), *rid = bx_attr(c, "rid");
      if (!t || strcmp(t, "aff") || !rid)
        continue;
      /* rid may name several: "aff1 aff2" */
      for (const char *p = rid; *p && !rc;) {
        while (*p == ' ')
          p++;
        const char *e = p;
        while (*e && *e != ' ')
          e++;
        xmlNodePtr aff = e > p ? find_aff(r, meta, p, (size_t)(e - p)) : NULL;
        if (aff)
          rc = add_affil(r, rec, stored, aff);
        p = e;
      }
    } else if (bx_is(c, "contrib-id")) {
      const char *t = bx_attr(c, "contrib-id-type");
      const char *s = text(r, c, 0, NULL);
      if (*s)
        rc = bcv_name_add_extra(rec, stored, t && !strcmp(t, "orcid") ? "jats.orcid" : "jats.contrib-id",
                                s, 0);
    }
  }
  return rc;
}

/* ---- dates ---- */

static int date_of(reader *r, xmlNodePtr d, bcv_date *out) {
  memset(out, 0, sizeof *out);
  const char *iso = bx_attr(d, "iso-8601-date");
  if (iso && bcv_date_parse_edtf(iso, strlen(iso), out) == BCV_OK)
    return 1;
  xmlNodePtr y = bx_child(d, "year");
  /* a citation's <year iso-8601-date="2020-05-01"> says more than its text */
  iso = y ? bx_attr(y, "iso-8601-date") : NULL;
  if (iso && bcv_date_parse_edtf(iso, strlen(iso), out) == BCV_OK)
    return 1;
  int year = y ? atoi(text(r, y, 0, NULL)) : 0;
  if (!year)
    return 0;
  out->from.year = year;
  out->from.parts = 1;
  xmlNodePtr m = bx_child(d, "month"), dd = bx_child(d, "day"), s = bx_child(d, "season");
  int month = m ? atoi(text(r, m, 0, NULL)) : 0;
  int day = dd ? atoi(text(r, dd, 0, NULL)) : 0;
  if (month >= 1 && month <= 12) {
    out->from.month = month;
    out->from.parts = 2;
    if (day >= 1 && day <= 31) {
      out->from.day = day;
      out->from.parts = 3;
    }
  } else if (s) {
    static const char *const seasons[] = {"spring", "summer", "autumn", "winter"};
    const char *t = text(r, s, 0, NULL);
    /* a season; "Jan-Feb" and the like leave the year alone */
    for (int i = 0; i < 4; i++)
      if (!strncasecmp(t, seasons[i], strlen(seasons[i])))
        out->season = i + 1;
  }
  return 1;
}

/* pub-date in both forms: @pub-type (ppub, epub, epub-ppub, collection)
 * and @date-type (pub, publication, collection) + @publication-format.
 * issued is the print date, else the online one, else the collection's
 * (often a bare year); the online date is also available-date when it is
 * not the issued one.  Update and correction dates are not publication. */
static int pub_dates(reader *r, bcv_record *rec, xmlNodePtr meta) {
  bcv_date best, online, d;
  int best_rank = 99, have_online = 0;
  for (xmlNodePtr c = meta->children; c; c = c->next) {
    if (!bx_is(c, "pub-date") || !date_of(r, c, &d))
      continue;
    const char *pt = bx_attr(c, "pub-type"), *dt = bx_attr(c, "date-type"),
               *fmt = bx_attr(c, "publication-format");
    int rank;
    if (pt)
      rank = !strcmp(pt, "ppub") ? 0 : !strcmp(pt, "epub-ppub") ? 1 : !strcmp(pt, "epub") ? 3
             : !strcmp(pt, "collection") ? 4 : 99;
    else if (!dt || !strcmp(dt, "pub") || !strcmp(dt, "publication"))
      rank = fmt && !strcmp(fmt, "electronic") ? 3 : 2;
    else
      rank = !strcmp(dt, "collection") ? 4 : 99;
    if (rank == 3 && !have_online)
      online = d, have_online = 1;
    if (rank < best_rank)
      best = d, best_rank = rank;
  }
  int rc = BCV_OK;
  if (best_rank < 99)
    rc = bcv_record_add_date(rec, BCV_VAR_ISSUED, &best);
  if (!rc && have_online && best_rank != 3)
    rc = bcv_record_add_date(rec, BCV_VAR_AVAILABLE_DATE, &online);
  return rc;
}

/* ---- the article ---- */

/* journal-meta's fields into rec (kept aside until the article's record
 * is made: it comes first) */
static int journal_meta(reader *r, bcv_record *rec, xmlNodePtr j) {
  int rc = BCV_OK;
  for (xmlNodePtr c = j->children; c && !rc; c = c->next) {
    if (bx_is(c, "journal-title-group")) {
      for (xmlNodePtr t = c->children; t && !rc; t = t->next)
        if (bx_is(t, "journal-title"))
          rc = add_text(r, rec, BCV_VAR_CONTAINER_TITLE, value_lang(bx_lang(t), r->lang), t, 0);
        else if (bx_is(t, "abbrev-journal-title") && !bcv_record_text(rec, BCV_VAR_CONTAINER_TITLE_SHORT, NULL))
          rc = add_text(r, rec, BCV_VAR_CONTAINER_TITLE_SHORT, NULL, t, 0);
    } else if (bx_is(c, "journal-title")) { /* NLM 2.x */
      rc = add_text(r, rec, BCV_VAR_CONTAINER_TITLE, NULL, c, 0);
    } else if (bx_is(c, "issn")) {
      rc = add_text(r, rec, BCV_VAR_ISSN, NULL, c, 0);
    } else if (bx_is(c, "publisher")) {
      rc = add_text(r, rec, BCV_VAR_PUBLISHER, NULL, bx_child(c, "publisher-name"), 0);
      if (!rc)
        rc = add_text(r, rec, BCV_VAR_PUBLISHER_PLACE, NULL, bx_child(c, "publisher-loc"), 0);
    }
  }
  return rc;
}

static int titles(reader *r, bcv_record *rec, xmlNodePtr tg) {
  int rc = BCV_OK;
  const char *lang = value_lang(bx_lang(tg), r->lang);
  xmlNodePtr t = bx_child(tg, "article-title"), sub = bx_child(tg, "subtitle");
  if (t) {
    /* CSL has no subtitle: "Title: Subtitle" */
    bx_buf b = {0};
    const char *s = text(r, t, 1, NULL);
    if (bx_put(&b, s, strlen(s)))
      return BCV_ENOMEM;
    if (sub) {
      s = text(r, sub, 1, NULL);
      if (*s && (bx_put(&b, ": ", 2) || bx_put(&b, s, strlen(s)))) {
        free(b.p);
        return BCV_ENOMEM;
      }
    }
    if (b.len)
      rc = bcv_record_add_text(rec, BCV_VAR_TITLE, lang, b.p, b.len);
    free(b.p);
  }
  for (xmlNodePtr c = tg->children; c && !rc; c = c->next)
    if (bx_is(c, "trans-title-group")) {
      const char *tl = bx_lang(c);
      rc = add_text(r, rec, BCV_VAR_TITLE, tl ? tl : "und", bx_child(c, "trans-title"), 1);
    } else if (bx_is(c, "alt-title")) {
      const char *at = bx_attr(c, "alt-title-type");
      if (at && !strcmp(at, "short"))
        rc = add_text(r, rec, BCV_VAR_TITLE_SHORT, NULL, c, 1);
    }
  return rc;
}

static int article_record(reader *r, xmlNodePtr meta, bcv_record **out) {
  bcv_record *rec = bcv_record_new();
  if (!rec)
    return BCV_ENOMEM;
  bcv_record_set_pos(rec, bx_line(meta), 0);
  bcv_record_set_type(rec, BCV_TYPE_ARTICLE_JOURNAL);
  int rc = BCV_OK, content = 0;
  if (r->lang)
    rc = bcv_record_add_text(rec, BCV_VAR_LANGUAGE, NULL, r->lang, strlen(r->lang));
  /* the writer makes this record its article's front matter again */
  if (!rc && r->article_type && *r->article_type)
    rc = bcv_record_add_extra(rec, "jats.article-type", r->article_type, strlen(r->article_type), 0);
  for (xmlNodePtr c = meta->children; c && !rc; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    const char *name = (const char *)c->name;
    if (!strcmp(name, "title-group")) {
      /* JATS 1.4 repeats title-group, one per language */
      rc = titles(r, rec, c);
    } else if (!strcmp(name, "contrib-group")) {
      for (xmlNodePtr k = c->children; k && !rc; k = k->next)
        if (bx_is(k, "contrib"))
          rc = add_contrib(r, rec, k, meta, r->lang);
    } else if (!strcmp(name, "article-id")) {
      const char *t = bx_attr(c, "pub-id-type");
      bcv_var v = jt_id_in(t);
      char key[64];
      snprintf(key, sizeof key, "jats.%s", t ? t : "article-id");
      /* eLife gives a second DOI, its version's (specific-use="version"):
       * the article has one DOI, and "a; b" is none */
      if (v != BCV_VAR_NONE && bcv_record_text(rec, v, NULL))
        v = BCV_VAR_NONE;
      rc = v != BCV_VAR_NONE ? add_text(r, rec, v, NULL, c, 0) : extra(r, rec, key, c);
    } else if (!strcmp(name, "abstract") || !strcmp(name, "trans-abstract")) {
      const char *at = bx_attr(c, "abstract-type");
      if (at && strcmp(at, "summary") && strcmp(at, "structured") && strcmp(at, "abstract")) {
        char key[64];
        snprintf(key, sizeof key, "jats.abstract-%s", at);
        rc = extra(r, rec, key, c);
      } else {
        rc = add_text(r, rec, BCV_VAR_ABSTRACT, value_lang(bx_lang(c), r->lang), c, 1);
      }
    } else if (!strcmp(name, "kwd-group")) {
      const char *kl = value_lang(bx_lang(c), r->lang);
      for (xmlNodePtr k = c->children; k && !rc; k = k->next)
        if (bx_is(k, "kwd"))
          rc = add_text(r, rec, BCV_VAR_KEYWORD, kl, k, 0);
    } else if (!strcmp(name, "volume")) {
      rc = add_text(r, rec, BCV_VAR_VOLUME, NULL, c, 0);
    } else if (!strcmp(name, "issue")) {
      rc = add_text(r, rec, BCV_VAR_ISSUE, NULL, c, 0);
    } else if (!strcmp(name, "fpage")) {
      xmlNodePtr l = bx_child(meta, "lpage");
      char pg[256];
      const char *f = text(r, c, 0, NULL);
      snprintf(pg, sizeof pg, "%s", f);
      if (l) {
        const char *ls = text(r, l, 0, NULL);
        if (*ls && strcmp(ls, pg))
          snprintf(pg + strlen(pg), sizeof pg - strlen(pg), "-%s", ls);
      }
      if (*pg)
        rc = bcv_record_add_text(rec, BCV_VAR_PAGE, NULL, pg, strlen(pg));
    } else if (!strcmp(name, "elocation-id")) {
      rc = add_text(r, rec, BCV_VAR_NUMBER, NULL, c, 0);
    } else if (!strcmp(name, "history")) {
      for (xmlNodePtr d = c->children; d && !rc; d = d->next) {
        bcv_date dt;
        const char *t = bx_attr(d, "date-type");
        if (bx_is(d, "date") && t && !strcmp(t, "received") && date_of(r, d, &dt))
          rc = bcv_record_add_date(rec, BCV_VAR_SUBMITTED, &dt);
      }
    } else if (!strcmp(name, "funding-group")) {
      bx_buf b = {0};
      for (xmlNodePtr a = c->children; a; a = a->next) {
        if (!bx_is(a, "award-group"))
          continue;
        const char *s = text(r, bx_child(a, "funding-source"), 0, NULL);
        if (b.len)
          bx_put(&b, "; ", 2);
        bx_put(&b, s, strlen(s));
        for (xmlNodePtr id = a->children; id; id = id->next)
          if (bx_is(id, "award-id")) {
            s = text(r, id, 0, NULL);
            bx_put(&b, " (", 2);
            bx_put(&b, s, strlen(s));
            bx_put(&b, ")", 1);
          }
      }
      if (b.len)
        rc = bcv_record_add_extra(rec, "jats.funding", b.p, b.len, 0);
      free(b.p);
      if (!rc)
        rc = extra(r, rec, "jats.funding-statement", bx_child(c, "funding-statement"));
    } else if (!strcmp(name, "counts")) {
      const char *pc = bx_attr(bx_child(c, "page-count"), "count");
      if (pc && *pc)
        rc = bcv_record_add_text(rec, BCV_VAR_NUMBER_OF_PAGES, NULL, pc, strlen(pc));
    } else if (!strcmp(name, "custom-meta-group")) {
      /* what our writer keeps there (cnki.clc ...), and any other meta */
      for (xmlNodePtr m = c->children; m && !rc; m = m->next) {
        if (!bx_is(m, "custom-meta"))
          continue;
        char key[128];
        const char *k = text(r, bx_child(m, "meta-name"), 0, NULL);
        snprintf(key, sizeof key, strchr(k, '.') ? "%s" : "jats.%s", *k ? k : "meta");
        rc = extra(r, rec, key, bx_child(m, "meta-value"));
      }
    } else if (!strcmp(name, "article-categories")) {
      xmlNodePtr g = bx_child(c, "subj-group");
      const char *gt = bx_attr(g, "subj-group-type");
      if (g && (!gt || !strcmp(gt, "heading") || !strcmp(gt, "display-channel")))
        rc = add_text(r, rec, BCV_VAR_SECTION, NULL, bx_child(g, "subject"), 0);
    } else if (!strcmp(name, "permissions")) {
      xmlNodePtr lic = bx_child(c, "license");
      const char *href = bx_attr_full(r->x, lic, "href");
      if (href)
        rc = bcv_record_add_extra(rec, "jats.license", href, strlen(href), 0);
    }
  }
  if (!rc)
    rc = pub_dates(r, rec, meta);
  for (const bcv_field *f = r->journal ? bcv_record_fields(r->journal) : NULL; f && !rc; f = f->next)
    rc = bcv_record_add_text(rec, f->var, f->lang, f->text, strlen(f->text));
  r->aff_scope = NULL; /* the subtree goes: its index with it */
  /* the placeholder front of a references-only file is no article */
  for (const bcv_field *f = bcv_record_fields(rec); f; f = f->next)
    content |= f->var != BCV_VAR_LANGUAGE;
  if (rc || !content) {
    bcv_record_free(&rec);
    return rc;
  }
  *out = rec;
  return BCV_OK;
}

/* ---- references ---- */

/* One citation element (element-citation, mixed-citation, citation) into
 * rec; with fill set, only what rec lacks. */
static int citation(reader *r, bcv_record *rec, xmlNodePtr cit, int fill) {
  int rc = BCV_OK, tagged = 0;
  const char *pt = bx_attr(cit, "publication-type");
  if (!pt)
    pt = bx_attr(cit, "citation-type");
  bcv_type t = jt_type_in(pt);
  int has_article_title = bx_child(cit, "article-title") || bx_child(cit, "chapter-title") ||
                          bx_child(cit, "data-title") || bx_child(cit, "part-title");
  if (!fill) {
    if (t == BCV_TYPE_COUNT) {
      if (pt)
        bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, bx_line(cit), 0,
                        "ref '%s': unknown publication-type '%s'; read as document",
                        bx_attr(cit->parent, "id") ? bx_attr(cit->parent, "id") : "", pt);
      t = BCV_TYPE_DOCUMENT;
    }
    /* a book reference with a chapter or article title is a chapter */
    if (t == BCV_TYPE_BOOK && has_article_title)
      t = BCV_TYPE_CHAPTER;
    bcv_record_set_type(rec, t);
    if (pt && strcmp(jt_type_out(t), pt))
      rc = bcv_record_add_extra(rec, "jats.publication-type", pt, strlen(pt), 0);
  }
#define NEED(v) (!fill || !bcv_record_text(rec, (v), NULL))
  int names_seen = bcv_record_field(rec, BCV_VAR_AUTHOR) || bcv_record_field(rec, BCV_VAR_EDITOR);
  char fp[128] = "", lp[128] = "";
  for (xmlNodePtr c = cit->children; c && !rc; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    const char *name = (const char *)c->name;
    /* a link alone tags nothing of the work: "INAM (2010) Available:
     * <ext-link>...</ext-link>" keeps its text below */
    if (strcmp(name, "ext-link") && strcmp(name, "uri"))
      tagged = 1;
    const char *lang = value_lang(bx_lang(c), NULL);
    if (!strcmp(name, "person-group")) {
      if (fill && names_seen)
        continue;
      const char *gt = bx_attr(c, "person-group-type");
      bcv_var v = jt_role_in(gt ? gt : "author");
      if (v == BCV_VAR_NONE) {
        if (gt && !strcmp(gt, "assignee")) {
          rc = extra(r, rec, "jats.assignee", c);
          continue;
        }
        v = BCV_VAR_CONTRIBUTOR;
      }
      for (xmlNodePtr p = c->children; p && !rc; p = p->next)
        if (bx_is(p, "etal"))
          rc = bcv_record_set_etal(rec, v);
        else
          rc = add_person(r, rec, v, p, NULL, NULL);
    } else if (!strcmp(name, "name") || !strcmp(name, "string-name") || !strcmp(name, "collab") ||
               !strcmp(name, "name-alternatives") || !strcmp(name, "collab-alternatives")) {
      /* legacy: names straight in the citation are its authors */
      if (!fill || !names_seen)
        rc = add_person(r, rec, BCV_VAR_AUTHOR, c, NULL, NULL);
    } else if (!strcmp(name, "etal")) {
      if (!fill || !names_seen)
        rc = bcv_record_set_etal(rec, BCV_VAR_AUTHOR);
    } else if (!strcmp(name, "article-title") || !strcmp(name, "chapter-title") ||
               !strcmp(name, "data-title")) {
      if (NEED(BCV_VAR_TITLE))
        rc = add_text(r, rec, BCV_VAR_TITLE, lang, c, 1);
    } else if (!strcmp(name, "trans-title")) {
      rc = add_text(r, rec, BCV_VAR_TITLE, lang ? lang : "und", c, 1);
    } else if (!strcmp(name, "source")) {
      bcv_var v = has_article_title || t == BCV_TYPE_ARTICLE_JOURNAL ||
                          t == BCV_TYPE_PAPER_CONFERENCE || t == BCV_TYPE_ARTICLE_NEWSPAPER ||
                          t == BCV_TYPE_ARTICLE_MAGAZINE
                      ? BCV_VAR_CONTAINER_TITLE
                      : BCV_VAR_TITLE;
      if (v == BCV_VAR_TITLE && bcv_record_text(rec, BCV_VAR_TITLE, NULL))
        v = BCV_VAR_CONTAINER_TITLE;
      if (NEED(v))
        rc = add_text(r, rec, v, lang, c, 1);
    } else if (!strcmp(name, "trans-source")) {
      rc = add_text(r, rec, BCV_VAR_CONTAINER_TITLE, lang ? lang : "und", c, 1);
    } else if (!strcmp(name, "year")) {
      bcv_date d;
      if (!bcv_record_field(rec, BCV_VAR_ISSUED) && date_of(r, cit, &d))
        rc = bcv_record_add_date(rec, BCV_VAR_ISSUED, &d);
      else if (!bcv_record_field(rec, BCV_VAR_ISSUED)) {
        const char *s = text(r, c, 0, NULL);
        memset(&d, 0, sizeof d);
        d.literal = s;
        if (*s)
          rc = bcv_record_add_date(rec, BCV_VAR_ISSUED, &d);
      }
    } else if (!strcmp(name, "date-in-citation")) {
      bcv_date d;
      const char *ct = bx_attr(c, "content-type");
      if (ct && !strcmp(ct, "access-date") && !bcv_record_field(rec, BCV_VAR_ACCESSED)) {
        const char *iso = bx_attr(c, "iso-8601-date");
        if (iso && bcv_date_parse_edtf(iso, strlen(iso), &d) == BCV_OK)
          rc = bcv_record_add_date(rec, BCV_VAR_ACCESSED, &d);
        else
          rc = extra(r, rec, "jats.access-date", c);
      } else if (!fill) {
        rc = extra(r, rec, "jats.date-in-citation", c);
      }
    } else if (!strcmp(name, "fpage")) {
      snprintf(fp, sizeof fp, "%s", text(r, c, 0, NULL));
      xmlNodePtr l;
      for (l = c->next; l && !bx_is(l, "lpage"); l = l->next)
        ;
      if (l)
        snprintf(lp, sizeof lp, "%s", text(r, l, 0, NULL));
    } else if (!strcmp(name, "pub-id")) {
      const char *it = bx_attr(c, "pub-id-type");
      bcv_var v = jt_id_in(it);
      char key[64];
      snprintf(key, sizeof key, "jats.pub-id.%s", it ? it : "other");
      if (v != BCV_VAR_NONE) {
        if (NEED(v))
          rc = add_text(r, rec, v, NULL, c, 0);
      } else if (!fill) {
        rc = extra(r, rec, key, c);
      }
    } else if (!strcmp(name, "uri") || !strcmp(name, "ext-link")) {
      const char *href = bx_attr_full(r->x, c, "href");
      if (NEED(BCV_VAR_URL)) {
        const char *s = href ? href : text(r, c, 0, NULL);
        if (*s)
          rc = bcv_record_add_text(rec, BCV_VAR_URL, NULL, s, strlen(s));
      }
    } else if (jt_simple(name) != BCV_VAR_NONE) {
      bcv_var v = jt_simple(name);
      /* a page range stands only where fpage does not */
      if (NEED(v) && !(v == BCV_VAR_PAGE && bx_child(cit, "fpage")))
        rc = add_text(r, rec, v, NULL, c, 0);
    } else if (jt_quiet(name)) {
      /* read with the year, or presentation */
    } else if (!fill) {
      char key[96];
      snprintf(key, sizeof key, "jats.%s", name);
      rc = extra(r, rec, key, c);
    }
  }
  if (!rc && *fp && NEED(BCV_VAR_PAGE)) {
    char pg[300];
    if (*lp && strcmp(fp, lp))
      snprintf(pg, sizeof pg, "%s-%s", fp, lp);
    else
      snprintf(pg, sizeof pg, "%s", fp);
    rc = bcv_record_add_text(rec, BCV_VAR_PAGE, NULL, pg, strlen(pg));
  }
  /* a mixed citation with nothing tagged but links: its text (the links
   * aside, they are the URL) is all there is */
  if (!rc && !tagged && !fill) {
    const char *s = text(r, cit, 1, "ext-link");
    if (*s)
      rc = bcv_record_add_text(rec, BCV_VAR_NOTE, NULL, s, strlen(s));
  }
#undef NEED
  return rc;
}

static int ref_record(reader *r, xmlNodePtr ref, bcv_record **out) {
  bcv_record *rec = bcv_record_new();
  if (!rec)
    return BCV_ENOMEM;
  bcv_record_set_pos(rec, bx_line(ref), 0);
  const char *id = bx_attr(ref, "id");
  int rc = id ? bcv_record_set_id(rec, id, strlen(id)) : BCV_OK;
  /* element-citation first; mixed-citation and citation fill the gaps */
  xmlNodePtr first = NULL;
  static const char *const kinds[] = {"element-citation", "mixed-citation", "citation", "nlm-citation"};
  for (size_t k = 0; k < sizeof kinds / sizeof *kinds && !rc; k++)
    for (xmlNodePtr c = ref->children; c && !rc; c = c->next) {
      if (!bx_is(c, kinds[k]))
        continue;
      rc = citation(r, rec, c, first != NULL);
      if (!first)
        first = c;
    }
  if (!rc && !first) {
    bcv_diag_report(r->diag, BCV_SEV_ERROR, NULL, bx_line(ref), 0,
                    "ref '%s' has no citation element; skipped", id ? id : "");
    bcv_record_free(&rec);
    return BCV_OK;
  }
  if (rc) {
    bcv_record_free(&rec);
    return rc;
  }
  *out = rec;
  return BCV_OK;
}

/* ---- the stream ---- */

static int r_next(void *state, bcv_record **out) {
  reader *r = state;
  *out = NULL;
  int ret;
  while ((ret = bx_next(r->x)) == 1) {
    const char *name = bx_name(r->x);
    if (!strcmp(name, "article") && !r->lang && !r->article_type) {
      r->lang = bx_attr_dup(r->x, "xml:lang");
      r->article_type = bx_attr_dup(r->x, "article-type");
      continue;
    }
    if (!strcmp(name, "sub-article") || !strcmp(name, "response")) {
      /* their front-stubs are not the article; their refs still count */
      continue;
    }
    int rc = BCV_OK;
    if (!strcmp(name, "journal-meta") && !r->journal) {
      xmlNodePtr n = bx_expand(r->x);
      if (n && !(r->journal = bcv_record_new()))
        return BCV_ENOMEM;
      if (n)
        rc = journal_meta(r, r->journal, n);
      bx_skip(r->x);
      if (rc)
        return rc;
      continue;
    }
    if (!strcmp(name, "article-meta")) {
      xmlNodePtr n = bx_expand(r->x);
      if (n && (r->part & 1))
        rc = article_record(r, n, out);
      /* only the first article-meta is the article's */
      r->part &= ~1;
      bx_skip(r->x);
      if (rc)
        return rc;
      if (*out)
        return BCV_OK;
      continue;
    }
    if (!strcmp(name, "ref") && (r->part & 2)) {
      xmlNodePtr n = bx_expand(r->x);
      if (n)
        rc = ref_record(r, n, out);
      bx_skip(r->x);
      if (rc)
        return rc;
      if (*out)
        return BCV_OK;
      continue;
    }
  }
  return ret < 0 ? ret : BCV_DONE;
}

static int r_open(bcv_input *in, const bcv_options *opts, bcv_diag *diag, void **state) {
  reader *r = calloc(1, sizeof *r);
  if (!r)
    return BCV_ENOMEM;
  r->diag = diag;
  r->part = 3;
  const char *part = bcv_options_get(opts, "part");
  if (part) {
    if (!strcmp(part, "article"))
      r->part = 1;
    else if (!strcmp(part, "refs"))
      r->part = 2;
    else if (strcmp(part, "all")) {
      bcv_diag_report(diag, BCV_SEV_ERROR, NULL, 0, 0,
                      "-I part=%s: expected article, refs or all", part);
      free(r);
      return BCV_EINVAL;
    }
  }
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
  bcv_record_free(&r->journal);
  free(r->affs);
  free(r->lang);
  free(r->article_type);
  free(r->t.p);
  free(r);
}

static const bcv_option_desc reader_options[] = {
    {"part", "article, refs or all (default): the article's own record, its references, or both"},
    {NULL, NULL},
};

const bcv_reader_ops jt_reader = {r_open, r_next, r_close, reader_options};
