/* SPDX-License-Identifier: MIT */
/* read.c: the JATS reader.
 *
 * xmlTextReader pulls the document; the reader expands one subtree at a
 * time: journal-meta (kept for the article), article-meta (the article's
 * record) and each ref of a ref-list (one record each).  Memory is one
 * subtree's, however long the reference list.
 *
 * Safety (libxml2 2.9.14): NONET, no entity substitution, no DTD loading;
 * an entity the document declares outside itself is reported, never
 * loaded; libxml2's own entity-loop and depth limits stay on, and the
 * reader stops at a depth of its own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include "jats.h"

#define DEPTH_MAX 200

typedef struct buf {
  char *p;
  size_t len, cap;
} buf;

typedef struct reader {
  bcv_input *in;
  bcv_diag *diag;
  xmlTextReaderPtr xr;
  int part;          /* 1 article, 2 refs, 3 all */
  int failed, done, checked_dtd, positioned;
  int empty; /* nothing but white space: libxml2 would say "Extra content" */
  char *lang;        /* the article's xml:lang */
  char *article_type; /* its article-type: marks its record as the article's own */
  /* journal-meta, for the article record */
  xmlNodePtr journal; /* a copy of the expanded subtree */
  xmlDocPtr jdoc;
  buf t;             /* scratch text */
} reader;

/* ---- text ---- */

static int put(buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
      return -1;
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
  return 0;
}

static int is_el(xmlNodePtr n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static const char *attr(xmlNodePtr n, const char *name) {
  /* only elements have properties (the reader's text nodes are smaller) */
  if (!n || n->type != XML_ELEMENT_NODE)
    return NULL;
  for (xmlAttrPtr a = n->properties; a; a = a->next)
    if (!strcmp((const char *)a->name, name) && a->children && a->children->content)
      return (const char *)a->children->content;
  return NULL;
}

/* xml:lang, on the node or the nearest ancestor that has it */
static const char *lang_of(xmlNodePtr n) {
  for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    for (xmlAttrPtr a = n->properties; a; a = a->next)
      if (!strcmp((const char *)a->name, "lang") && a->ns && a->ns->prefix &&
          !strcmp((const char *)a->ns->prefix, "xml") && a->children)
        return (const char *)a->children->content;
  return NULL;
}

/* Inline markup the model keeps (CSL's). */
static const struct {
  const char *jats, *open, *close;
} marks[] = {
    {"italic", "<i>", "</i>"}, {"bold", "<b>", "</b>"}, {"sc", "<sc>", "</sc>"},
    {"sup", "<sup>", "</sup>"}, {"sub", "<sub>", "</sub>"},
};

/* Text of a node, white space collapsed, skipping the named children;
 * markup kept when asked. */
/* A text node's content, white space collapsed. */
static int text_node(buf *b, const char *s) {
  for (; s && *s; s++) {
    int sp = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
    if (sp) {
      if (b->len && b->p[b->len - 1] != ' ' && put(b, " ", 1))
        return -1;
    } else if (put(b, s, 1)) {
      return -1;
    }
  }
  return 0;
}

static int text_rec(reader *r, buf *b, xmlNodePtr n, int markup, const char *skip, int depth) {
  for (xmlNodePtr c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (text_node(b, (const char *)c->content))
        return -1;
    } else if (c->type == XML_ENTITY_REF_NODE) {
      /* never expanded here: an entity we did not load stays visible */
      bcv_diag_report(r->diag, BCV_SEV_ERROR, NULL, (long)xmlGetLineNo(c), 0,
                      "entity '&%s;' is not expanded (external and undefined entities are refused)",
                      (const char *)c->name);
    } else if (c->type == XML_ELEMENT_NODE && depth < DEPTH_MAX) {
      if (skip && !strcmp((const char *)c->name, skip))
        continue;
      const char *open = NULL, *close = NULL;
      for (size_t i = 0; markup && i < sizeof marks / sizeof *marks; i++)
        if (!strcmp((const char *)c->name, marks[i].jats))
          open = marks[i].open, close = marks[i].close;
      /* paragraphs of an abstract stay paragraphs */
      if (is_el(c, "p") && b->len && put(b, "\n", 1))
        return -1;
      if ((open && put(b, open, strlen(open))) || text_rec(r, b, c, markup, skip, depth + 1) ||
          (close && put(b, close, strlen(close))))
        return -1;
    }
  }
  return 0;
}

/* The node's text, trimmed, in r->t (valid until the next call). */
static const char *text(reader *r, xmlNodePtr n, int markup, const char *skip) {
  r->t.len = 0;
  if (put(&r->t, "", 0) || !n || text_rec(r, &r->t, n, markup, skip, 0))
    return "";
  char *s = r->t.p;
  size_t len = r->t.len;
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
    len--;
  s[len] = '\0';
  while (*s == ' ' || *s == '\n')
    s++;
  /* " \n" left by paragraphs */
  char *o = s;
  for (char *p = s; *p; p++) {
    if (*p == ' ' && p[1] == '\n')
      continue;
    if (*p == ' ' && o > s && o[-1] == '\n')
      continue;
    *o++ = *p;
  }
  *o = '\0';
  return s;
}

static xmlNodePtr child(xmlNodePtr n, const char *name) {
  for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
    if (is_el(c, name))
      return c;
  return NULL;
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
    if (is_el(c, inline_els[i]))
      return 1;
  return 0;
}

/* A group author's name: the collab's own text only ("eLife Editorial
 * Production Group"), never its members' names, affiliations and ORCIDs. */
static char *collab_name(reader *r, bcv_record *rec, xmlNodePtr collab) {
  buf *b = &r->t;
  b->len = 0;
  if (put(b, "", 0))
    return NULL;
  for (xmlNodePtr c = collab->children; c; c = c->next) {
    int rc = 0;
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      rc = text_node(b, (const char *)c->content);
    else if (c->type == XML_ELEMENT_NODE && in_collab_name(c))
      rc = text_rec(r, b, c, 0, NULL, 1);
    else if (c->type == XML_ELEMENT_NODE && b->len && b->p[b->len - 1] != ' ')
      rc = put(b, " ", 1); /* "Group<xref/>and" */
    else if (c->type == XML_ENTITY_REF_NODE)
      bcv_diag_report(r->diag, BCV_SEV_ERROR, NULL, (long)xmlGetLineNo(c), 0,
                      "entity '&%s;' is not expanded (external and undefined entities are refused)",
                      (const char *)c->name);
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
  if (is_el(c, "name") || (is_el(c, "string-name") && child(c, "surname"))) {
    n->family = dup_text(r, rec, child(c, "surname"));
    n->given = dup_text(r, rec, child(c, "given-names"));
    n->suffix = dup_text(r, rec, child(c, "suffix"));
    /* a prefix ("Dr.") is not a particle; CSL has no place for it */
    const char *style = attr(c, "name-style");
    if (style && !strcmp(style, "eastern"))
      n->flags |= BCV_NAME_EASTERN;
    n->lang = lang_of(c);
    if (!n->family && !n->given)
      n->literal = dup_text(r, rec, c);
    return 1;
  }
  if (is_el(c, "string-name") || is_el(c, "collab")) {
    n->literal = is_el(c, "collab") ? collab_name(r, rec, c) : dup_text(r, rec, c);
    n->lang = lang_of(c);
    const char *style = attr(c, "name-style");
    if (style && !strcmp(style, "eastern"))
      n->flags |= BCV_NAME_EASTERN;
    return n->literal != NULL;
  }
  return 0;
}

/* The aff with this id, in article-meta or the contrib-group. */
static xmlNodePtr find_aff(xmlNodePtr scope, const char *id, size_t len) {
  for (xmlNodePtr c = scope ? scope->children : NULL; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    const char *cid = attr(c, "id");
    if (is_el(c, "aff") && cid && strlen(cid) == len && !memcmp(cid, id, len))
      return c;
    if (is_el(c, "contrib-group") || is_el(c, "aff-alternatives")) {
      xmlNodePtr a = find_aff(c, id, len);
      if (a)
        return a;
    }
  }
  return NULL;
}

static int add_affil(reader *r, bcv_record *rec, bcv_name *stored, xmlNodePtr aff) {
  /* the label (a superscript number) is presentation */
  const char *s = text(r, aff, 0, "label");
  return *s ? bcv_name_add_affiliation(rec, stored, s, strlen(s)) : BCV_OK;
}

/* Names of a person-group or a contrib: name, string-name, collab,
 * name-alternatives (the first form the name, the others its alternatives). */
static int add_person(reader *r, bcv_record *rec, bcv_var v, xmlNodePtr c, xmlNodePtr scope,
                      const char *rec_lang) {
  bcv_name n;
  bcv_name *stored = NULL;
  int rc = BCV_OK;
  if (is_el(c, "name-alternatives")) {
    for (xmlNodePtr a = c->children; a && !rc; a = a->next) {
      if (!one_name(r, rec, a, &n))
        continue;
      if (!stored) {
        n.lang = value_lang(n.lang, rec_lang);
        stored = bcv_record_add_name(rec, v, &n);
        if (!stored)
          return BCV_ENOMEM;
      } else {
        rc = bcv_name_add_alt(rec, stored, &n);
      }
    }
    return rc;
  }
  if (!one_name(r, rec, c, &n))
    return BCV_OK;
  n.lang = value_lang(n.lang, rec_lang);
  stored = bcv_record_add_name(rec, v, &n);
  (void)scope;
  return stored ? BCV_OK : BCV_ENOMEM;
}

static int add_contrib(reader *r, bcv_record *rec, xmlNodePtr contrib, xmlNodePtr meta,
                       const char *rec_lang) {
  const char *type = attr(contrib, "contrib-type");
  bcv_var v = jt_role_in(type ? type : "author");
  if (v == BCV_VAR_NONE)
    v = BCV_VAR_CONTRIBUTOR;
  const bcv_field *before = bcv_record_field(rec, v);
  const bcv_name *last = NULL;
  for (const bcv_name *x = before ? before->names : NULL; x; x = x->next)
    last = x;
  int rc = BCV_OK;
  for (xmlNodePtr c = contrib->children; c && !rc; c = c->next)
    if (is_el(c, "name") || is_el(c, "string-name") || is_el(c, "collab") ||
        is_el(c, "name-alternatives"))
      rc = add_person(r, rec, v, c, meta, rec_lang);
  if (rc)
    return rc;
  const bcv_field *f = bcv_record_field(rec, v);
  bcv_name *stored = NULL;
  for (const bcv_name *x = f ? f->names : NULL; x; x = x->next)
    stored = (bcv_name *)x;
  if (!stored || stored == last)
    return BCV_OK;
  for (xmlNodePtr c = contrib->children; c && !rc; c = c->next) {
    if (is_el(c, "aff")) {
      rc = add_affil(r, rec, stored, c);
    } else if (is_el(c, "xref")) {
      const char *t = attr(c, "ref-type"), *rid = attr(c, "rid");
      if (!t || strcmp(t, "aff") || !rid)
        continue;
      /* rid may name several: "aff1 aff2" */
      for (const char *p = rid; *p && !rc;) {
        while (*p == ' ')
          p++;
        const char *e = p;
        while (*e && *e != ' ')
          e++;
        xmlNodePtr aff = e > p ? find_aff(meta, p, (size_t)(e - p)) : NULL;
        if (aff)
          rc = add_affil(r, rec, stored, aff);
        p = e;
      }
    } else if (is_el(c, "contrib-id")) {
      const char *t = attr(c, "contrib-id-type");
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
  const char *iso = attr(d, "iso-8601-date");
  if (iso && bcv_date_parse_edtf(iso, strlen(iso), out) == BCV_OK)
    return 1;
  xmlNodePtr y = child(d, "year");
  /* a citation's <year iso-8601-date="2020-05-01"> says more than its text */
  iso = y ? attr(y, "iso-8601-date") : NULL;
  if (iso && bcv_date_parse_edtf(iso, strlen(iso), out) == BCV_OK)
    return 1;
  int year = y ? atoi(text(r, y, 0, NULL)) : 0;
  if (!year)
    return 0;
  out->from.year = year;
  out->from.parts = 1;
  xmlNodePtr m = child(d, "month"), dd = child(d, "day"), s = child(d, "season");
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
    if (!is_el(c, "pub-date") || !date_of(r, c, &d))
      continue;
    const char *pt = attr(c, "pub-type"), *dt = attr(c, "date-type"),
               *fmt = attr(c, "publication-format");
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

static int journal_meta(reader *r, bcv_record *rec) {
  xmlNodePtr j = r->journal;
  if (!j)
    return BCV_OK;
  int rc = BCV_OK;
  for (xmlNodePtr c = j->children; c && !rc; c = c->next) {
    if (is_el(c, "journal-title-group")) {
      for (xmlNodePtr t = c->children; t && !rc; t = t->next)
        if (is_el(t, "journal-title"))
          rc = add_text(r, rec, BCV_VAR_CONTAINER_TITLE, value_lang(lang_of(t), r->lang), t, 0);
        else if (is_el(t, "abbrev-journal-title") && !bcv_record_text(rec, BCV_VAR_CONTAINER_TITLE_SHORT, NULL))
          rc = add_text(r, rec, BCV_VAR_CONTAINER_TITLE_SHORT, NULL, t, 0);
    } else if (is_el(c, "journal-title")) { /* NLM 2.x */
      rc = add_text(r, rec, BCV_VAR_CONTAINER_TITLE, NULL, c, 0);
    } else if (is_el(c, "issn")) {
      rc = add_text(r, rec, BCV_VAR_ISSN, NULL, c, 0);
    } else if (is_el(c, "publisher")) {
      rc = add_text(r, rec, BCV_VAR_PUBLISHER, NULL, child(c, "publisher-name"), 0);
      if (!rc)
        rc = add_text(r, rec, BCV_VAR_PUBLISHER_PLACE, NULL, child(c, "publisher-loc"), 0);
    }
  }
  return rc;
}

static int titles(reader *r, bcv_record *rec, xmlNodePtr tg) {
  int rc = BCV_OK;
  const char *lang = value_lang(lang_of(tg), r->lang);
  xmlNodePtr t = child(tg, "article-title"), sub = child(tg, "subtitle");
  if (t) {
    /* CSL has no subtitle: "Title: Subtitle" */
    buf b = {0};
    const char *s = text(r, t, 1, NULL);
    if (put(&b, s, strlen(s)))
      return BCV_ENOMEM;
    if (sub) {
      s = text(r, sub, 1, NULL);
      if (*s && (put(&b, ": ", 2) || put(&b, s, strlen(s)))) {
        free(b.p);
        return BCV_ENOMEM;
      }
    }
    if (b.len)
      rc = bcv_record_add_text(rec, BCV_VAR_TITLE, lang, b.p, b.len);
    free(b.p);
  }
  for (xmlNodePtr c = tg->children; c && !rc; c = c->next)
    if (is_el(c, "trans-title-group")) {
      const char *tl = lang_of(c);
      rc = add_text(r, rec, BCV_VAR_TITLE, tl ? tl : "und", child(c, "trans-title"), 1);
    } else if (is_el(c, "alt-title")) {
      const char *at = attr(c, "alt-title-type");
      if (at && !strcmp(at, "short"))
        rc = add_text(r, rec, BCV_VAR_TITLE_SHORT, NULL, c, 1);
    }
  return rc;
}

static int article_record(reader *r, xmlNodePtr meta, bcv_record **out) {
  bcv_record *rec = bcv_record_new();
  if (!rec)
    return BCV_ENOMEM;
  bcv_record_set_pos(rec, (long)xmlGetLineNo(meta), 0);
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
        if (is_el(k, "contrib"))
          rc = add_contrib(r, rec, k, meta, r->lang);
    } else if (!strcmp(name, "article-id")) {
      const char *t = attr(c, "pub-id-type");
      bcv_var v = jt_id_in(t);
      char key[64];
      snprintf(key, sizeof key, "jats.%s", t ? t : "article-id");
      rc = v != BCV_VAR_NONE ? add_text(r, rec, v, NULL, c, 0) : extra(r, rec, key, c);
    } else if (!strcmp(name, "abstract") || !strcmp(name, "trans-abstract")) {
      const char *at = attr(c, "abstract-type");
      if (at && strcmp(at, "summary") && strcmp(at, "structured") && strcmp(at, "abstract")) {
        char key[64];
        snprintf(key, sizeof key, "jats.abstract-%s", at);
        rc = extra(r, rec, key, c);
      } else {
        rc = add_text(r, rec, BCV_VAR_ABSTRACT, value_lang(lang_of(c), r->lang), c, 1);
      }
    } else if (!strcmp(name, "kwd-group")) {
      const char *kl = value_lang(lang_of(c), r->lang);
      for (xmlNodePtr k = c->children; k && !rc; k = k->next)
        if (is_el(k, "kwd"))
          rc = add_text(r, rec, BCV_VAR_KEYWORD, kl, k, 0);
    } else if (!strcmp(name, "volume")) {
      rc = add_text(r, rec, BCV_VAR_VOLUME, NULL, c, 0);
    } else if (!strcmp(name, "issue")) {
      rc = add_text(r, rec, BCV_VAR_ISSUE, NULL, c, 0);
    } else if (!strcmp(name, "fpage")) {
      xmlNodePtr l = child(meta, "lpage");
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
        const char *t = attr(d, "date-type");
        if (is_el(d, "date") && t && !strcmp(t, "received") && date_of(r, d, &dt))
          rc = bcv_record_add_date(rec, BCV_VAR_SUBMITTED, &dt);
      }
    } else if (!strcmp(name, "funding-group")) {
      buf b = {0};
      for (xmlNodePtr a = c->children; a; a = a->next) {
        if (!is_el(a, "award-group"))
          continue;
        const char *s = text(r, child(a, "funding-source"), 0, NULL);
        if (b.len)
          put(&b, "; ", 2);
        put(&b, s, strlen(s));
        for (xmlNodePtr id = a->children; id; id = id->next)
          if (is_el(id, "award-id")) {
            s = text(r, id, 0, NULL);
            put(&b, " (", 2);
            put(&b, s, strlen(s));
            put(&b, ")", 1);
          }
      }
      if (b.len)
        rc = bcv_record_add_extra(rec, "jats.funding", b.p, b.len, 0);
      free(b.p);
      if (!rc)
        rc = extra(r, rec, "jats.funding-statement", child(c, "funding-statement"));
    } else if (!strcmp(name, "counts")) {
      const char *pc = attr(child(c, "page-count"), "count");
      if (pc && *pc)
        rc = bcv_record_add_text(rec, BCV_VAR_NUMBER_OF_PAGES, NULL, pc, strlen(pc));
    } else if (!strcmp(name, "custom-meta-group")) {
      /* what our writer keeps there (cnki.clc ...), and any other meta */
      for (xmlNodePtr m = c->children; m && !rc; m = m->next) {
        if (!is_el(m, "custom-meta"))
          continue;
        char key[128];
        const char *k = text(r, child(m, "meta-name"), 0, NULL);
        snprintf(key, sizeof key, strchr(k, '.') ? "%s" : "jats.%s", *k ? k : "meta");
        rc = extra(r, rec, key, child(m, "meta-value"));
      }
    } else if (!strcmp(name, "article-categories")) {
      xmlNodePtr g = child(c, "subj-group");
      const char *gt = attr(g, "subj-group-type");
      if (g && (!gt || !strcmp(gt, "heading") || !strcmp(gt, "display-channel")))
        rc = add_text(r, rec, BCV_VAR_SECTION, NULL, child(g, "subject"), 0);
    } else if (!strcmp(name, "permissions")) {
      xmlNodePtr lic = child(c, "license");
      const char *href = NULL;
      for (xmlAttrPtr a = lic ? lic->properties : NULL; a; a = a->next)
        if (!strcmp((const char *)a->name, "href") && a->children)
          href = (const char *)a->children->content;
      if (href)
        rc = bcv_record_add_extra(rec, "jats.license", href, strlen(href), 0);
    }
  }
  if (!rc)
    rc = pub_dates(r, rec, meta);
  if (!rc)
    rc = journal_meta(r, rec);
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
  const char *pt = attr(cit, "publication-type");
  if (!pt)
    pt = attr(cit, "citation-type");
  bcv_type t = jt_type_in(pt);
  int has_article_title = child(cit, "article-title") || child(cit, "chapter-title") ||
                          child(cit, "data-title") || child(cit, "part-title");
  if (!fill) {
    if (t == BCV_TYPE_COUNT) {
      if (pt)
        bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, (long)xmlGetLineNo(cit), 0,
                        "ref '%s': unknown publication-type '%s'; read as document",
                        attr(cit->parent, "id") ? attr(cit->parent, "id") : "", pt);
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
    const char *lang = value_lang(lang_of(c), NULL);
    if (!strcmp(name, "person-group")) {
      if (fill && names_seen)
        continue;
      const char *gt = attr(c, "person-group-type");
      bcv_var v = jt_role_in(gt ? gt : "author");
      if (v == BCV_VAR_NONE) {
        if (gt && !strcmp(gt, "assignee")) {
          rc = extra(r, rec, "jats.assignee", c);
          continue;
        }
        v = BCV_VAR_CONTRIBUTOR;
      }
      for (xmlNodePtr p = c->children; p && !rc; p = p->next)
        if (is_el(p, "etal"))
          rc = bcv_record_set_etal(rec, v);
        else
          rc = add_person(r, rec, v, p, NULL, NULL);
    } else if (!strcmp(name, "name") || !strcmp(name, "string-name") || !strcmp(name, "collab") ||
               !strcmp(name, "name-alternatives")) {
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
      const char *ct = attr(c, "content-type");
      if (ct && !strcmp(ct, "access-date") && !bcv_record_field(rec, BCV_VAR_ACCESSED)) {
        const char *iso = attr(c, "iso-8601-date");
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
      for (l = c->next; l && !is_el(l, "lpage"); l = l->next)
        ;
      if (l)
        snprintf(lp, sizeof lp, "%s", text(r, l, 0, NULL));
    } else if (!strcmp(name, "pub-id")) {
      const char *it = attr(c, "pub-id-type");
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
      const char *href = NULL;
      for (xmlAttrPtr a = c->properties; a; a = a->next)
        if (!strcmp((const char *)a->name, "href") && a->children)
          href = (const char *)a->children->content;
      if (NEED(BCV_VAR_URL)) {
        const char *s = href ? href : text(r, c, 0, NULL);
        if (*s)
          rc = bcv_record_add_text(rec, BCV_VAR_URL, NULL, s, strlen(s));
      }
    } else if (jt_simple(name) != BCV_VAR_NONE) {
      bcv_var v = jt_simple(name);
      /* a page range stands only where fpage does not */
      if (NEED(v) && !(v == BCV_VAR_PAGE && child(cit, "fpage")))
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
  bcv_record_set_pos(rec, (long)xmlGetLineNo(ref), 0);
  const char *id = attr(ref, "id");
  int rc = id ? bcv_record_set_id(rec, id, strlen(id)) : BCV_OK;
  /* element-citation first; mixed-citation and citation fill the gaps */
  xmlNodePtr first = NULL;
  static const char *const kinds[] = {"element-citation", "mixed-citation", "citation", "nlm-citation"};
  for (size_t k = 0; k < sizeof kinds / sizeof *kinds && !rc; k++)
    for (xmlNodePtr c = ref->children; c && !rc; c = c->next) {
      if (!is_el(c, kinds[k]))
        continue;
      rc = citation(r, rec, c, first != NULL);
      if (!first)
        first = c;
    }
  if (!rc && !first) {
    bcv_diag_report(r->diag, BCV_SEV_ERROR, NULL, (long)xmlGetLineNo(ref), 0,
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

static void on_error(void *arg, xmlErrorPtr e) {
  reader *r = arg;
  /* after the first error that stops the parse, the rest is its echo */
  if (!e || r->failed)
    return;
  char msg[512];
  snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
    msg[--n] = '\0';
  long line = e->line, col = e->int2;
  if (!e->file) {
    /* Inside an entity's replacement text: libxml2 counts from that text's
     * start (1:7 of "&a;&a;..."), which is nowhere in the file.  The
     * document's own parser stands just past the reference. */
    line = xmlTextReaderGetParserLineNumber(r->xr);
    col = xmlTextReaderGetParserColumnNumber(r->xr);
    if (e->code == XML_ERR_ENTITY_LOOP)
      snprintf(msg, sizeof msg, "the entity reference that ends here expands into itself or "
                                "too far (an entity expansion attack?)");
  }
  bcv_diag_report(r->diag, e->level == XML_ERR_WARNING ? BCV_SEV_WARNING : BCV_SEV_ERROR, NULL,
                  line, col, "%s", msg);
  if (e->level >= XML_ERR_FATAL)
    r->failed = 1;
}

static int read_cb(void *ctx, char *out, int len) {
  bcv_input *in = ctx;
  size_t n;
  const char *p = bcv_input_chunk(in, &n);
  if (!p)
    return -1;
  if (n > (size_t)len)
    n = (size_t)len;
  memcpy(out, p, n);
  bcv_input_advance(in, n);
  return (int)n;
}

static int close_cb(void *ctx) {
  (void)ctx;
  return 0;
}

/* The document type node: report entities it declares outside itself.
 * (xmlTextReaderCurrentDoc would make the reader keep the whole tree.) */
static void check_dtd(reader *r) {
  xmlNodePtr dtd = xmlTextReaderCurrentNode(r->xr);
  r->checked_dtd = 1;
  if (!dtd || dtd->type != XML_DTD_NODE)
    return;
  for (xmlNodePtr c = dtd->children; c; c = c->next) {
    if (c->type != XML_ENTITY_DECL)
      continue;
    xmlEntityPtr e = (xmlEntityPtr)c;
    if (e->etype == XML_EXTERNAL_GENERAL_PARSED_ENTITY ||
        e->etype == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY || e->etype == XML_EXTERNAL_PARAMETER_ENTITY)
      /* without a position: the parser has read on past the document type
       * (to the end of a small file), and an entity keeps no line */
      bcv_diag_report(r->diag, BCV_SEV_ERROR, NULL, 0, 0,
                      "the document type declares the external entity '%s' (%s): refused, never loaded",
                      (const char *)e->name, e->SystemID ? (const char *)e->SystemID : "");
  }
}

/* Past the current element's subtree, onto its next sibling (or on up). */
static void skip(reader *r) {
  int ret = xmlTextReaderNext(r->xr);
  if (ret == 1)
    r->positioned = 1;
  else if (ret < 0)
    r->failed = 1;
}

static int r_next(void *state, bcv_record **out) {
  reader *r = state;
  *out = NULL;
  if (r->empty && !r->done) {
    bcv_diag_report(r->diag, BCV_SEV_ERROR, NULL, 0, 0, "the file is empty: no XML document");
    r->done = 1;
  }
  while (!r->done) {
    /* after xmlTextReaderNext the reader already stands on the next node */
    int ret = r->positioned ? 1 : xmlTextReaderRead(r->xr);
    r->positioned = 0;
    if (ret <= 0) {
      /* a document that is not well-formed: reported where it breaks;
       * the records before that point stand */
      r->done = 1;
      if (ret < 0 && !r->failed) {
        bcv_diag_report(r->diag, BCV_SEV_ERROR, NULL, xmlTextReaderGetParserLineNumber(r->xr),
                        xmlTextReaderGetParserColumnNumber(r->xr), "XML reading stopped");
      }
      break;
    }
    if (!r->checked_dtd && xmlTextReaderNodeType(r->xr) == XML_READER_TYPE_DOCUMENT_TYPE)
      check_dtd(r);
    if (xmlTextReaderDepth(r->xr) > DEPTH_MAX) {
      bcv_diag_report(r->diag, BCV_SEV_ERROR, NULL, xmlTextReaderGetParserLineNumber(r->xr), 0,
                      "elements nested deeper than %d; reading stops", DEPTH_MAX);
      r->done = 1;
      return BCV_ELIMIT;
    }
    if (xmlTextReaderNodeType(r->xr) != XML_READER_TYPE_ELEMENT)
      continue;
    const char *name = (const char *)xmlTextReaderConstLocalName(r->xr);
    if (!strcmp(name, "article") && !r->lang && !r->article_type) {
      xmlChar *l = xmlTextReaderGetAttribute(r->xr, BAD_CAST "xml:lang");
      if (l) {
        r->lang = strdup((const char *)l);
        xmlFree(l);
      }
      xmlChar *t = xmlTextReaderGetAttribute(r->xr, BAD_CAST "article-type");
      if (t) {
        r->article_type = strdup((const char *)t);
        xmlFree(t);
      }
      continue;
    }
    if (!strcmp(name, "sub-article") || !strcmp(name, "response")) {
      /* their front-stubs are not the article; their refs still count */
      continue;
    }
    int rc = BCV_OK;
    if (!strcmp(name, "journal-meta") && !r->journal) {
      xmlNodePtr n = xmlTextReaderExpand(r->xr);
      if (n) {
        r->jdoc = xmlNewDoc(BAD_CAST "1.0");
        r->journal = r->jdoc ? xmlDocCopyNode(n, r->jdoc, 1) : NULL;
        if (r->journal)
          xmlDocSetRootElement(r->jdoc, r->journal);
      }
      skip(r);
      continue;
    }
    if (!strcmp(name, "article-meta")) {
      xmlNodePtr n = xmlTextReaderExpand(r->xr);
      if (n && (r->part & 1))
        rc = article_record(r, n, out);
      /* only the first article-meta is the article's */
      r->part &= ~1;
      skip(r);
      if (rc)
        return rc;
      if (*out)
        return BCV_OK;
      continue;
    }
    if (!strcmp(name, "ref") && (r->part & 2)) {
      xmlNodePtr n = xmlTextReaderExpand(r->xr);
      if (n)
        rc = ref_record(r, n, out);
      skip(r);
      if (rc)
        return rc;
      if (*out)
        return BCV_OK;
      continue;
    }
  }
  return BCV_DONE;
}

static int r_open(bcv_input *in, const bcv_options *opts, bcv_diag *diag, void **state) {
  reader *r = calloc(1, sizeof *r);
  if (!r)
    return BCV_ENOMEM;
  r->in = in;
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
  size_t hl;
  const char *head = bcv_input_peek(in, 4096, &hl);
  if (head && hl < 4096) {
    size_t i = 0;
    while (i < hl && (head[i] == ' ' || head[i] == '\n' || head[i] == '\t'))
      i++;
    r->empty = i == hl;
  }
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
#ifdef XML_PARSE_NO_XXE
  options |= XML_PARSE_NO_XXE;
#endif
  /* the input layer has made the bytes UTF-8, whatever the declaration says */
  r->xr = xmlReaderForIO(read_cb, close_cb, in, bcv_input_name(in), "UTF-8", options);
  if (!r->xr) {
    free(r);
    return BCV_ENOMEM;
  }
  xmlTextReaderSetStructuredErrorHandler(r->xr, on_error, r);
  *state = r;
  return BCV_OK;
}

static void r_close(void *state) {
  reader *r = state;
  xmlFreeTextReader(r->xr);
  if (r->jdoc)
    xmlFreeDoc(r->jdoc);
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
