/* SPDX-License-Identifier: MIT */
/* write.c: JATS (Archiving 1.2) with xmlTextWriter, streaming.
 *
 * By default the records become the reference list of an article whose
 * front matter is an empty placeholder: back/ref-list/ref, one
 * element-citation each, following JATS4R (publication-type from its
 * vocabulary, person-group-type, pub-id-type, year with iso-8601-date,
 * never elocation-id beside fpage, unique ref ids).  With -O front the
 * first record is the article itself: title-group with trans-title-group,
 * contributors with name-alternatives for bilingual names, affiliations,
 * pub-date, abstract and trans-abstract, kwd-group per language, funding,
 * and the extras as custom-meta; further records become its references.
 * A first record that a JATS article gave as its own (it carries the
 * article's jats.article-type) is front matter without -O front too:
 * an article is not a reference of itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bcvxml.h"
#include "jats.h"

#define X(s) BAD_CAST(s)

typedef struct writer {
  bcv_output *out;
  bcv_diag *diag;
  xmlTextWriterPtr w;
  int front, in_back, failed;
  size_t replaced; /* control characters written as U+FFFD so far */
  int parts; /* children written into the current element-citation */
  size_t count;
  bcv_idset *ids; /* ids given so far (hashes) */
  /* the front matter's affiliations, each once, numbered as they come:
   * 1 + their index by text (open addressing) */
  const char **affs;
  size_t naffs, affs_cap;
  size_t *aff_slot;
  size_t aff_scap;
} writer;

/* every xmlTextWriter call returns < 0 on error */
#define CK(call)                                                                                   \
  do {                                                                                             \
    if ((call) < 0)                                                                                \
      return BCV_EIO;                                                                              \
  } while (0)

/* An element of plain text: CSL's markup, if any, left out. */
static int el(writer *w, const char *name, const char *text) {
  if (!text || !*text)
    return BCV_OK;
  w->parts++;
  if (!strchr(text, '<')) {
    CK(xmlTextWriterWriteElement(w->w, X(name), X(text)));
    return BCV_OK;
  }
  size_t n = strlen(text);
  char *plain = malloc(n + 1);
  if (!plain)
    return BCV_ENOMEM;
  plain[bcv_markup_strip(text, n, plain)] = '\0';
  int rc = xmlTextWriterWriteElement(w->w, X(name), X(plain)) < 0 ? BCV_EIO : BCV_OK;
  free(plain);
  return rc;
}

/* CSL's inline markup as JATS elements, by bcv_mark; a no-case span has
 * no JATS form. */
static const char *const marks[] = {
    [BCV_MARK_ITALIC] = "italic", [BCV_MARK_BOLD] = "bold", [BCV_MARK_SMALLCAPS] = "sc",
    [BCV_MARK_SUP] = "sup",       [BCV_MARK_SUB] = "sub",
};

/* How deep markup may nest; a tag deeper is dropped. */
enum { MARK_DEPTH = 32 };

/* Escaped text with CSL's markup turned into JATS elements, written raw so
 * that the writer's indentation never lands inside mixed content.  The
 * model's markup need not be balanced ("<i>x</b>"): a closing tag closes
 * the innermost open tag it matches and the ones inside it, one that
 * matches none is dropped, and what is still open at the end is closed,
 * so the XML is always well-formed. */
static int rich(writer *w, const char *s) {
  size_t len = strlen(s), cap = len * 2 + 64 + MARK_DEPTH * 10, o = 0;
  char *out = malloc(cap);
  if (!out)
    return BCV_ENOMEM;
  /* the open tags: their mark, and whether a span (closed by </span>) */
  struct {
    unsigned char mark, span;
  } open[MARK_DEPTH];
  size_t depth = 0;
  for (size_t i = 0; i < len;) {
    if (o + 64 + MARK_DEPTH * 10 > cap) { /* room for a tag and the closing ones */
      char *p = realloc(out, cap *= 2);
      if (!p) {
        free(out);
        return BCV_ENOMEM;
      }
      out = p;
    }
    bcv_mark m;
    int closing;
    size_t tl = s[i] == '<' ? bcv_markup_tag(s + i, len - i, &m, &closing) : 0;
    if (tl) {
      int span = !strncmp(s + i, "<span", 5) || m == BCV_MARK_SPAN_END;
      i += tl;
      if (!closing && depth < MARK_DEPTH) {
        open[depth].mark = (unsigned char)m;
        open[depth++].span = (unsigned char)span;
        if (m != BCV_MARK_NOCASE)
          o += (size_t)snprintf(out + o, cap - o, "<%s>", marks[m]);
      } else if (closing) {
        size_t k = depth;
        while (k && !(open[k - 1].span == span && (span || open[k - 1].mark == m)))
          k--;
        while (k && depth >= k) { /* closes what it matches and what is inside */
          depth--;
          if (open[depth].mark != BCV_MARK_NOCASE)
            o += (size_t)snprintf(out + o, cap - o, "</%s>", marks[open[depth].mark]);
        }
      }
      continue;
    }
    const char *esc = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" : NULL;
    if (esc) {
      memcpy(out + o, esc, strlen(esc));
      o += strlen(esc);
    } else {
      out[o++] = s[i];
    }
    i++;
  }
  while (depth--) /* cap held room for these */
    if (open[depth].mark != BCV_MARK_NOCASE)
      o += (size_t)snprintf(out + o, cap - o, "</%s>", marks[open[depth].mark]);
  out[o] = '\0';
  int rc = xmlTextWriterWriteRaw(w->w, X(out)) < 0 ? BCV_EIO : BCV_OK;
  free(out);
  return rc;
}

static int rich_el(writer *w, const char *name, const char *lang, const char *text) {
  if (!text || !*text)
    return BCV_OK;
  w->parts++;
  CK(xmlTextWriterStartElement(w->w, X(name)));
  if (lang)
    CK(xmlTextWriterWriteAttribute(w->w, X("xml:lang"), X(lang)));
  int rc = rich(w, text);
  if (rc)
    return rc;
  CK(xmlTextWriterEndElement(w->w));
  return BCV_OK;
}

static int is_primary(const bcv_field *f, const char *rec_lang) {
  return !f->lang || (rec_lang && !strcmp(f->lang, rec_lang));
}

/* The value of v in the record's language (or untagged, or the first). */
static const char *primary(const bcv_record *r, bcv_var v) {
  return bcv_record_text(r, v, NULL);
}

static int has_han(const char *s) {
  for (; s && *s; s++)
    if ((unsigned char)*s >= 0xE3 && (unsigned char)*s <= 0xE9)
      return 1;
  return 0;
}

static int one_name(writer *w, const bcv_name *n, const char *lang) {
  if (n->literal) {
    CK(xmlTextWriterStartElement(w->w, X("collab")));
    if (lang)
      CK(xmlTextWriterWriteAttribute(w->w, X("xml:lang"), X(lang)));
    int rc = rich(w, n->literal);
    if (rc)
      return rc;
    CK(xmlTextWriterEndElement(w->w));
    return BCV_OK;
  }
  CK(xmlTextWriterStartElement(w->w, X("name")));
  int eastern = (n->flags & BCV_NAME_EASTERN) || has_han(n->family);
  CK(xmlTextWriterWriteAttribute(w->w, X("name-style"), X(eastern ? "eastern" : "western")));
  if (lang)
    CK(xmlTextWriterWriteAttribute(w->w, X("xml:lang"), X(lang)));
  char fam[1024];
  snprintf(fam, sizeof fam, "%s%s%s", n->non_dropping_particle ? n->non_dropping_particle : "",
           n->non_dropping_particle ? " " : "", n->family ? n->family : "");
  char giv[1024];
  snprintf(giv, sizeof giv, "%s%s%s", n->given ? n->given : "", n->dropping_particle ? " " : "",
           n->dropping_particle ? n->dropping_particle : "");
  /* surname is required; a given-name-only person keeps it empty */
  CK(xmlTextWriterWriteElement(w->w, X("surname"), X(fam)));
  int rc = el(w, "given-names", giv);
  if (!rc)
    rc = el(w, "suffix", n->suffix);
  if (rc)
    return rc;
  CK(xmlTextWriterEndElement(w->w));
  return BCV_OK;
}

/* A name with its other-language forms: name-alternatives, or
 * collab-alternatives for an institution (name-alternatives holds names
 * only; a person's form beside an institution's is written as a collab). */
static int person(writer *w, const bcv_name *n, const char *rec_lang) {
  if (!n->alt)
    return one_name(w, n, NULL);
  CK(xmlTextWriterStartElement(w->w, X(n->literal ? "collab-alternatives" : "name-alternatives")));
  const char *l = n->lang ? n->lang : has_han(n->family) || has_han(n->literal) ? "zh" : rec_lang;
  int rc = one_name(w, n, l);
  for (const bcv_name *a = n->alt; a && !rc; a = a->alt) {
    bcv_name as = *a;
    char text[1024];
    if (!n->literal != !a->literal) { /* the form the element allows */
      if (a->literal) {
        as.literal = NULL;
        as.family = a->literal;
      } else {
        snprintf(text, sizeof text, "%s%s%s", a->given ? a->given : "", a->given ? " " : "",
                 a->family ? a->family : "");
        as.literal = text;
      }
    }
    rc = one_name(w, &as, a->lang);
  }
  if (rc)
    return rc;
  CK(xmlTextWriterEndElement(w->w));
  return BCV_OK;
}

static int date_attr(writer *w, const bcv_date *d) {
  char iso[64];
  if (d->from.parts && !(d->flags & BCV_DATE_RANGE)) {
    bcv_date plain = *d;
    plain.flags = 0;
    plain.season = 0;
    bcv_date_format_edtf(&plain, iso, sizeof iso);
    CK(xmlTextWriterWriteAttribute(w->w, X("iso-8601-date"), X(iso)));
  }
  return BCV_OK;
}

/* ---- references ---- */

static int valid_id_char(char c, int first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         (!first && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
}

static unsigned long hash(const char *s) {
  unsigned long h = 5381;
  while (*s)
    h = h * 33 + (unsigned char)*s++;
  return h;
}

/* A repeated id's suffixes: -2, -3 ... */
static size_t id_suffix(unsigned long i, char *out) {
  return (size_t)snprintf(out, BCV_IDSET_SUFFIX_MAX, "-%lu", i + 2);
}

/* An XML ID from the record's id (a name: no spaces, not starting with a
 * digit), unique within the document. */
static int ref_id(writer *w, const bcv_record *r, char *buf, size_t n) {
  const char *id = bcv_record_id(r);
  size_t k = 0;
  for (const char *p = id ? id : ""; *p && k + BCV_IDSET_SUFFIX_MAX < n; p++)
    if (valid_id_char(*p, k == 0))
      buf[k++] = *p;
    else if (k && valid_id_char('_', 0))
      buf[k++] = '_';
  if (!k)
    k = (size_t)snprintf(buf, n, "ref%zu", w->count);
  buf[k] = '\0';
  if (!w->ids && !(w->ids = bcv_idset_new()))
    return BCV_ENOMEM;
  return bcv_idset_add_unique(w->ids, buf, k, id_suffix, 0, 0) < 0 ? BCV_ENOMEM : BCV_OK;
}

static int person_groups(writer *w, const bcv_record *r) {
  for (const bcv_field *f = bcv_record_fields(r); f; f = f->next) {
    if (f->kind != BCV_FIELD_NAMES)
      continue;
    const char *role = jt_role_out(f->var);
    if (!role) {
      bcv_diag_dropped(w->diag, r, "jats", bcv_var_name(f->var));
      continue;
    }
    CK(xmlTextWriterStartElement(w->w, X("person-group")));
    CK(xmlTextWriterWriteAttribute(w->w, X("person-group-type"), X(role)));
    w->parts++;
    for (const bcv_name *n = f->names; n; n = n->next) {
      int rc = person(w, n, bcv_record_lang(r));
      if (rc)
        return rc;
    }
    if (f->etal)
      CK(xmlTextWriterWriteElement(w->w, X("etal"), X("")));
    CK(xmlTextWriterEndElement(w->w));
  }
  return BCV_OK;
}

static int pages(writer *w, const bcv_record *r) {
  const char *pg = primary(r, BCV_VAR_PAGE), *num = primary(r, BCV_VAR_NUMBER);
  int rc = BCV_OK;
  if (pg) {
    const char *dash = strchr(pg, '-');
    if (dash && !strchr(pg, ',') && !strchr(dash + 1, '-')) {
      char f[256];
      snprintf(f, sizeof f, "%.*s", (int)(dash - pg), pg);
      rc = el(w, "fpage", f);
      if (!rc)
        rc = el(w, "lpage", dash + 1);
    } else if (strchr(pg, ',') || strchr(pg, '-')) {
      rc = el(w, "page-range", pg);
    } else {
      rc = el(w, "fpage", pg);
    }
  } else if (num && bcv_record_type(r) != BCV_TYPE_PATENT && bcv_record_type(r) != BCV_TYPE_REPORT) {
    /* an article number; JATS4R: never together with fpage */
    rc = el(w, "elocation-id", num);
  }
  return rc;
}

static int w_ref(writer *w, const bcv_record *r) {
  char id[256];
  int rc = ref_id(w, r, id, sizeof id);
  if (rc)
    return rc;
  bcv_type t = bcv_record_type(r);
  const char *rec_lang = bcv_record_lang(r);
  CK(xmlTextWriterStartElement(w->w, X("ref")));
  CK(xmlTextWriterWriteAttribute(w->w, X("id"), X(id)));
  CK(xmlTextWriterStartElement(w->w, X("element-citation")));
  CK(xmlTextWriterWriteAttribute(w->w, X("publication-type"), X(jt_type_out(t))));
  w->parts = 0;
  if ((rc = person_groups(w, r)))
    return rc;
  /* a book's own title is its source; a part's title is the article-title */
  int whole = t == BCV_TYPE_BOOK || t == BCV_TYPE_THESIS || t == BCV_TYPE_REPORT ||
              t == BCV_TYPE_DATASET || t == BCV_TYPE_SOFTWARE || t == BCV_TYPE_STANDARD ||
              t == BCV_TYPE_PATENT || t == BCV_TYPE_WEBPAGE || t == BCV_TYPE_COLLECTION ||
              t == BCV_TYPE_CLASSIC || t == BCV_TYPE_DOCUMENT;
  const char *title = primary(r, BCV_VAR_TITLE), *cont = primary(r, BCV_VAR_CONTAINER_TITLE);
  if (whole && !cont) {
    rc = rich_el(w, t == BCV_TYPE_DATASET ? "data-title" : "source", NULL, title);
  } else {
    rc = rich_el(w, t == BCV_TYPE_CHAPTER ? "chapter-title" : t == BCV_TYPE_DATASET ? "data-title"
                                                                                     : "article-title",
                 NULL, title);
    if (!rc)
      rc = rich_el(w, "source", NULL, cont);
  }
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
    if (f->kind == BCV_FIELD_TEXT && !is_primary(f, rec_lang) && f->text != title &&
        (f->var == BCV_VAR_TITLE || f->var == BCV_VAR_CONTAINER_TITLE) &&
        f->text != cont)
      rc = rich_el(w, f->var == BCV_VAR_TITLE ? "trans-title" : "trans-source", f->lang, f->text);
  if (rc)
    return rc;
  const bcv_field *iss = bcv_record_field(r, BCV_VAR_ISSUED);
  if (iss && iss->date->from.parts) {
    char y[16];
    snprintf(y, sizeof y, "%04d", iss->date->from.year);
    CK(xmlTextWriterStartElement(w->w, X("year")));
    if ((rc = date_attr(w, iss->date)))
      return rc;
    CK(xmlTextWriterWriteString(w->w, X(y)));
    CK(xmlTextWriterEndElement(w->w));
  } else if (iss && iss->date->literal) {
    rc = el(w, "year", iss->date->literal);
  }
  static const struct {
    bcv_var var;
    const char *el;
  } simple[] = {
      {BCV_VAR_VOLUME, "volume"},       {BCV_VAR_ISSUE, "issue"},
      {BCV_VAR_EDITION, "edition"},     {BCV_VAR_PUBLISHER_PLACE, "publisher-loc"},
      {BCV_VAR_PUBLISHER, "publisher-name"}, {BCV_VAR_EVENT_TITLE, "conf-name"},
      {BCV_VAR_EVENT_PLACE, "conf-loc"}, {BCV_VAR_ISBN, "isbn"},
      {BCV_VAR_ISSN, "issn"},           {BCV_VAR_VERSION, "version"},
  };
  for (size_t i = 0; i < sizeof simple / sizeof *simple && !rc; i++) {
    rc = el(w, simple[i].el, primary(r, simple[i].var));
    if (!rc && i == 1)
      rc = pages(w, r);
  }
  static const bcv_var idvars[] = {BCV_VAR_DOI, BCV_VAR_PMID, BCV_VAR_PMCID};
  for (size_t i = 0; i < sizeof idvars / sizeof *idvars && !rc; i++) {
    const char *v = primary(r, idvars[i]);
    if (!v)
      continue;
    CK(xmlTextWriterStartElement(w->w, X("pub-id")));
    CK(xmlTextWriterWriteAttribute(w->w, X("pub-id-type"), X(jt_id_out(idvars[i]))));
    CK(xmlTextWriterWriteString(w->w, X(v)));
    CK(xmlTextWriterEndElement(w->w));
  }
  /* ids JATS names but the model has no variable for (accession, arxiv,
   * other): read as jats.pub-id.TYPE, written back as such */
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind != BCV_FIELD_EXTRA || strncmp(f->key, "jats.pub-id.", 12) || !f->key[12])
      continue;
    CK(xmlTextWriterStartElement(w->w, X("pub-id")));
    CK(xmlTextWriterWriteAttribute(w->w, X("pub-id-type"), X(f->key + 12)));
    CK(xmlTextWriterWriteString(w->w, X(f->text)));
    CK(xmlTextWriterEndElement(w->w));
    w->parts++;
  }
  const char *url = primary(r, BCV_VAR_URL);
  if (!rc && url) {
    CK(xmlTextWriterStartElement(w->w, X("uri")));
    CK(xmlTextWriterWriteAttribute(w->w, X("xlink:href"), X(url)));
    CK(xmlTextWriterWriteString(w->w, X(url)));
    CK(xmlTextWriterEndElement(w->w));
  }
  const bcv_field *acc = bcv_record_field(r, BCV_VAR_ACCESSED);
  if (!rc && acc && acc->date->from.parts) {
    char iso[64];
    bcv_date_format_edtf(acc->date, iso, sizeof iso);
    CK(xmlTextWriterStartElement(w->w, X("date-in-citation")));
    CK(xmlTextWriterWriteAttribute(w->w, X("content-type"), X("access-date")));
    if ((rc = date_attr(w, acc->date)))
      return rc;
    CK(xmlTextWriterWriteString(w->w, X(iso)));
    CK(xmlTextWriterEndElement(w->w));
  }
  if (!rc)
    rc = rich_el(w, "comment", NULL, primary(r, BCV_VAR_NOTE));
  if (rc)
    return rc;
  /* the DTD wants at least one child; a record with nothing JATS can
   * cite gets an empty source */
  if (!w->parts && !bcv_record_field(r, BCV_VAR_ISSUED))
    CK(xmlTextWriterWriteElement(w->w, X("source"), X("")));
  CK(xmlTextWriterEndElement(w->w)); /* element-citation */
  CK(xmlTextWriterEndElement(w->w)); /* ref */
  return BCV_OK;
}

/* ---- the article's front matter ---- */

static int custom_meta(writer *w, const char *name, const char *value) {
  CK(xmlTextWriterStartElement(w->w, X("custom-meta")));
  int rc = el(w, "meta-name", name);
  if (!rc)
    rc = el(w, "meta-value", value);
  if (rc)
    return rc;
  CK(xmlTextWriterEndElement(w->w));
  return BCV_OK;
}

static int pub_date(writer *w, const bcv_date *d, const char *format) {
  if (!d || !d->from.parts)
    return BCV_OK;
  CK(xmlTextWriterStartElement(w->w, X("pub-date")));
  CK(xmlTextWriterWriteAttribute(w->w, X("date-type"), X("pub")));
  CK(xmlTextWriterWriteAttribute(w->w, X("publication-format"), X(format)));
  int rc = date_attr(w, d);
  char s[16];
  if (!rc && d->from.parts > 2)
    snprintf(s, sizeof s, "%02d", d->from.day), rc = el(w, "day", s);
  if (!rc && d->from.parts > 1)
    snprintf(s, sizeof s, "%02d", d->from.month), rc = el(w, "month", s);
  if (!rc)
    snprintf(s, sizeof s, "%04d", d->from.year), rc = el(w, "year", s);
  if (rc)
    return rc;
  CK(xmlTextWriterEndElement(w->w));
  return BCV_OK;
}

/* Add to l the languages of v's text values other than the record's;
 * those past BCV_MAX_LANGS are reported. */
static void langs_of(writer *w, const bcv_record *r, bcv_var v, const char *rec_lang, bcv_langs *l) {
  for (const bcv_field *f = bcv_record_fields(r); f; f = f->next)
    if (f->kind == BCV_FIELD_TEXT && f->var == v && !is_primary(f, rec_lang))
      bcv_langs_add(l, f->lang);
  if (l->over)
    bcv_diag_langs_dropped(w->diag, r, "jats", bcv_var_name(v));
}

/* The number (1, 2 ...) of an affiliation of the front matter, given on
 * first sight; 0 when out of memory.  Hashed: a collaboration's thousand
 * affiliations, or a hostile record's 100k, cost no scan per author. */
static size_t aff_number(writer *w, const char *text) {
  if ((w->naffs + 1) * 2 > w->aff_scap) {
    size_t cap = w->aff_scap ? w->aff_scap * 2 : 64;
    size_t *slot = calloc(cap, sizeof *slot);
    if (!slot)
      return 0;
    for (size_t k = 0; k < w->naffs; k++) {
      size_t j = hash(w->affs[k]) % cap;
      while (slot[j])
        j = (j + 1) % cap;
      slot[j] = k + 1;
    }
    free(w->aff_slot);
    w->aff_slot = slot;
    w->aff_scap = cap;
  }
  size_t j = hash(text) % w->aff_scap;
  for (; w->aff_slot[j]; j = (j + 1) % w->aff_scap)
    if (!strcmp(w->affs[w->aff_slot[j] - 1], text))
      return w->aff_slot[j];
  if (w->naffs == w->affs_cap) {
    size_t cap = w->affs_cap ? w->affs_cap * 2 : 16;
    const char **a = realloc(w->affs, cap * sizeof *a);
    if (!a)
      return 0;
    w->affs = a;
    w->affs_cap = cap;
  }
  w->affs[w->naffs++] = text;
  return w->aff_slot[j] = w->naffs;
}

static int abstract(writer *w, const char *el_name, const char *lang, const char *text) {
  if (!text || !*text)
    return BCV_OK;
  CK(xmlTextWriterStartElement(w->w, X(el_name)));
  if (lang)
    CK(xmlTextWriterWriteAttribute(w->w, X("xml:lang"), X(lang)));
  /* one p per paragraph */
  for (const char *p = text; *p;) {
    const char *e = strchr(p, '\n');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (n) {
      char *para = strndup(p, n);
      if (!para)
        return BCV_ENOMEM;
      int rc = rich_el(w, "p", NULL, para);
      free(para);
      if (rc)
        return rc;
    }
    p += n + (e ? 1 : 0);
  }
  CK(xmlTextWriterEndElement(w->w));
  return BCV_OK;
}

static int w_front(writer *w, const bcv_record *r) {
  const char *rec_lang = bcv_record_lang(r);
  int rc = BCV_OK;
  CK(xmlTextWriterStartElement(w->w, X("front")));
  const char *cont = primary(r, BCV_VAR_CONTAINER_TITLE);
  if (cont || primary(r, BCV_VAR_ISSN) || primary(r, BCV_VAR_PUBLISHER)) {
    CK(xmlTextWriterStartElement(w->w, X("journal-meta")));
    if (cont) {
      CK(xmlTextWriterStartElement(w->w, X("journal-title-group")));
      rc = rich_el(w, "journal-title", NULL, cont);
      bcv_langs langs = {0};
      langs_of(w, r, BCV_VAR_CONTAINER_TITLE, rec_lang, &langs);
      for (size_t k = 0; k < langs.n && !rc; k++) {
        CK(xmlTextWriterStartElement(w->w, X("trans-title-group")));
        CK(xmlTextWriterWriteAttribute(w->w, X("xml:lang"), X(langs.tag[k])));
        rc = rich_el(w, "trans-title", NULL, bcv_record_text(r, BCV_VAR_CONTAINER_TITLE, langs.tag[k]));
        CK(xmlTextWriterEndElement(w->w));
      }
      if (!rc)
        rc = el(w, "abbrev-journal-title", primary(r, BCV_VAR_CONTAINER_TITLE_SHORT));
      CK(xmlTextWriterEndElement(w->w));
    }
    if (!rc)
      rc = el(w, "issn", primary(r, BCV_VAR_ISSN));
    if (!rc && primary(r, BCV_VAR_PUBLISHER)) {
      CK(xmlTextWriterStartElement(w->w, X("publisher")));
      rc = el(w, "publisher-name", primary(r, BCV_VAR_PUBLISHER));
      if (!rc)
        rc = el(w, "publisher-loc", primary(r, BCV_VAR_PUBLISHER_PLACE));
      CK(xmlTextWriterEndElement(w->w));
    }
    CK(xmlTextWriterEndElement(w->w));
  }
  if (rc)
    return rc;
  CK(xmlTextWriterStartElement(w->w, X("article-meta")));
  static const bcv_var idvars[] = {BCV_VAR_DOI, BCV_VAR_PMID, BCV_VAR_PMCID};
  for (size_t i = 0; i < sizeof idvars / sizeof *idvars; i++) {
    const char *v = primary(r, idvars[i]);
    if (!v)
      continue;
    CK(xmlTextWriterStartElement(w->w, X("article-id")));
    CK(xmlTextWriterWriteAttribute(w->w, X("pub-id-type"), X(jt_id_out(idvars[i]))));
    CK(xmlTextWriterWriteString(w->w, X(v)));
    CK(xmlTextWriterEndElement(w->w));
  }
  const char *section = primary(r, BCV_VAR_SECTION);
  if (section) {
    CK(xmlTextWriterStartElement(w->w, X("article-categories")));
    CK(xmlTextWriterStartElement(w->w, X("subj-group")));
    CK(xmlTextWriterWriteAttribute(w->w, X("subj-group-type"), X("heading")));
    if ((rc = el(w, "subject", section)))
      return rc;
    CK(xmlTextWriterEndElement(w->w));
    CK(xmlTextWriterEndElement(w->w));
  }
  CK(xmlTextWriterStartElement(w->w, X("title-group")));
  const char *title = primary(r, BCV_VAR_TITLE);
  CK(xmlTextWriterStartElement(w->w, X("article-title")));
  if (title && (rc = rich(w, title)))
    return rc;
  CK(xmlTextWriterEndElement(w->w));
  bcv_langs titles = {0};
  langs_of(w, r, BCV_VAR_TITLE, rec_lang, &titles);
  for (size_t k = 0; k < titles.n && !rc; k++) {
    CK(xmlTextWriterStartElement(w->w, X("trans-title-group")));
    CK(xmlTextWriterWriteAttribute(w->w, X("xml:lang"), X(titles.tag[k])));
    rc = rich_el(w, "trans-title", NULL, bcv_record_text(r, BCV_VAR_TITLE, titles.tag[k]));
    CK(xmlTextWriterEndElement(w->w));
  }
  if (rc)
    return rc;
  CK(xmlTextWriterEndElement(w->w)); /* title-group */
  /* contributors, each affiliation once with an id */
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    const char *role = f->kind == BCV_FIELD_NAMES ? jt_role_out(f->var) : NULL;
    if (!role)
      continue;
    CK(xmlTextWriterStartElement(w->w, X("contrib-group")));
    for (const bcv_name *n = f->names; n && !rc; n = n->next) {
      CK(xmlTextWriterStartElement(w->w, X("contrib")));
      CK(xmlTextWriterWriteAttribute(w->w, X("contrib-type"), X(role)));
      rc = person(w, n, rec_lang);
      for (const bcv_affil *a = n->affiliations; a && !rc; a = a->next) {
        size_t k = aff_number(w, a->text);
        if (!k)
          return BCV_ENOMEM;
        char rid[32];
        snprintf(rid, sizeof rid, "aff%zu", k);
        CK(xmlTextWriterStartElement(w->w, X("xref")));
        CK(xmlTextWriterWriteAttribute(w->w, X("ref-type"), X("aff")));
        CK(xmlTextWriterWriteAttribute(w->w, X("rid"), X(rid)));
        CK(xmlTextWriterEndElement(w->w));
      }
      CK(xmlTextWriterEndElement(w->w));
    }
    if (f->etal)
      CK(xmlTextWriterWriteElement(w->w, X("etal"), X("")));
    CK(xmlTextWriterEndElement(w->w));
  }
  for (size_t k = 0; k < w->naffs && !rc; k++) {
    char id[32];
    snprintf(id, sizeof id, "aff%zu", k + 1);
    CK(xmlTextWriterStartElement(w->w, X("aff")));
    CK(xmlTextWriterWriteAttribute(w->w, X("id"), X(id)));
    CK(xmlTextWriterWriteString(w->w, X(w->affs[k])));
    CK(xmlTextWriterEndElement(w->w));
  }
  if (rc)
    return rc;
  const bcv_field *iss = bcv_record_field(r, BCV_VAR_ISSUED);
  const bcv_field *onl = bcv_record_field(r, BCV_VAR_AVAILABLE_DATE);
  if ((rc = pub_date(w, iss ? iss->date : NULL, "print")) ||
      (rc = pub_date(w, onl ? onl->date : NULL, "electronic")))
    return rc;
  if ((rc = el(w, "volume", primary(r, BCV_VAR_VOLUME))) ||
      (rc = el(w, "issue", primary(r, BCV_VAR_ISSUE))) || (rc = pages(w, r)))
    return rc;
  const char *lic = bcv_record_extra(r, "jats.license") ? bcv_record_extra(r, "jats.license")->text : NULL;
  if (lic) {
    CK(xmlTextWriterStartElement(w->w, X("permissions")));
    CK(xmlTextWriterStartElement(w->w, X("license")));
    CK(xmlTextWriterWriteAttribute(w->w, X("xlink:href"), X(lic)));
    CK(xmlTextWriterWriteElement(w->w, X("license-p"), X(lic)));
    CK(xmlTextWriterEndElement(w->w));
    CK(xmlTextWriterEndElement(w->w));
  }
  if ((rc = abstract(w, "abstract", NULL, primary(r, BCV_VAR_ABSTRACT))))
    return rc;
  bcv_langs abstracts = {0};
  langs_of(w, r, BCV_VAR_ABSTRACT, rec_lang, &abstracts);
  for (size_t k = 0; k < abstracts.n && !rc; k++)
    rc = abstract(w, "trans-abstract", abstracts.tag[k],
                  bcv_record_text(r, BCV_VAR_ABSTRACT, abstracts.tag[k]));
  /* keywords: the record's language first, then each other language */
  bcv_langs kl = {0};
  bcv_langs_add(&kl, rec_lang);
  langs_of(w, r, BCV_VAR_KEYWORD, rec_lang, &kl);
  for (size_t k = 0; k < kl.n && !rc; k++) {
    int open = 0;
    for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
      if (f->kind != BCV_FIELD_TEXT || f->var != BCV_VAR_KEYWORD)
        continue;
      if (k == 0 ? !is_primary(f, rec_lang) : !(f->lang && !strcmp(f->lang, kl.tag[k])))
        continue;
      if (!open) {
        CK(xmlTextWriterStartElement(w->w, X("kwd-group")));
        if (kl.tag[k])
          CK(xmlTextWriterWriteAttribute(w->w, X("xml:lang"), X(kl.tag[k])));
        open = 1;
      }
      rc = rich_el(w, "kwd", NULL, f->text);
    }
    if (open)
      CK(xmlTextWriterEndElement(w->w));
  }
  const bcv_field *fund = bcv_record_extra(r, "cnki.fund");
  if (!fund)
    fund = bcv_record_extra(r, "jats.funding-statement");
  if (!fund)
    fund = bcv_record_extra(r, "jats.funding");
  if (!rc && fund) {
    CK(xmlTextWriterStartElement(w->w, X("funding-group")));
    rc = el(w, "funding-statement", fund->text);
    CK(xmlTextWriterEndElement(w->w));
  }
  const char *npages = primary(r, BCV_VAR_NUMBER_OF_PAGES);
  if (!rc && npages) {
    CK(xmlTextWriterStartElement(w->w, X("counts")));
    CK(xmlTextWriterStartElement(w->w, X("page-count")));
    CK(xmlTextWriterWriteAttribute(w->w, X("count"), X(npages)));
    CK(xmlTextWriterEndElement(w->w));
    CK(xmlTextWriterEndElement(w->w));
  }
  /* every other extra, so that the page's CNKI data (CLC, citations,
   * badges) travels with the article */
  int open = 0;
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind != BCV_FIELD_EXTRA || f == fund || !strcmp(f->key, "jats.license") ||
        !strcmp(f->key, "jats.article-type"))
      continue;
    if (!open) {
      CK(xmlTextWriterStartElement(w->w, X("custom-meta-group")));
      open = 1;
    }
    rc = custom_meta(w, f->key, f->text);
  }
  if (open)
    CK(xmlTextWriterEndElement(w->w));
  if (rc)
    return rc;
  CK(xmlTextWriterEndElement(w->w)); /* article-meta */
  CK(xmlTextWriterEndElement(w->w)); /* front */
  return BCV_OK;
}

static int placeholder_front(writer *w) {
  CK(xmlTextWriterStartElement(w->w, X("front")));
  CK(xmlTextWriterStartElement(w->w, X("article-meta")));
  CK(xmlTextWriterStartElement(w->w, X("title-group")));
  CK(xmlTextWriterWriteElement(w->w, X("article-title"), X("")));
  CK(xmlTextWriterEndElement(w->w));
  CK(xmlTextWriterEndElement(w->w));
  CK(xmlTextWriterEndElement(w->w));
  return BCV_OK;
}

static int open_back(writer *w) {
  if (w->in_back)
    return BCV_OK;
  CK(xmlTextWriterStartElement(w->w, X("back")));
  CK(xmlTextWriterStartElement(w->w, X("ref-list")));
  w->in_back = 1;
  return BCV_OK;
}

static int w_begin(bcv_output *out, const bcv_options *opts, bcv_diag *diag, void **state) {
  writer *w = calloc(1, sizeof *w);
  if (!w)
    return BCV_ENOMEM;
  w->out = out;
  w->diag = diag;
  w->front = bcv_options_get(opts, "front") != NULL;
  w->w = bx_writer_new(out, &w->replaced);
  if (!w->w) {
    free(w);
    return BCV_ENOMEM;
  }
  *state = w;
  if (xmlTextWriterStartDocument(w->w, NULL, "UTF-8", NULL) < 0 ||
      xmlTextWriterWriteDTD(w->w, X("article"),
                            X("-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD with MathML3 v1.2 20190208//EN"),
                            X("JATS-archivearticle1-mathml3.dtd"), NULL) < 0 ||
      xmlTextWriterStartElement(w->w, X("article")) < 0 ||
      xmlTextWriterWriteAttribute(w->w, X("xmlns:xlink"), X("http://www.w3.org/1999/xlink")) < 0 ||
      xmlTextWriterWriteAttribute(w->w, X("dtd-version"), X("1.2")) < 0)
    return BCV_EIO;
  return BCV_OK;
}

/* The article's own record, read from a JATS article. */
static const char *article_type(const bcv_record *r) {
  const bcv_field *t = bcv_record_extra(r, "jats.article-type");
  return t && t->text && *t->text ? t->text : NULL;
}

static int w_write(void *state, const bcv_record *r) {
  writer *w = state;
  size_t replaced = w->replaced;
  int rc;
  const char *at = w->count == 0 ? article_type(r) : NULL;
  if (w->count == 0 && (w->front || at)) {
    /* the article's type and language, once its first record is known */
    const char *l = bcv_record_lang(r);
    if ((at && xmlTextWriterWriteAttribute(w->w, X("article-type"), X(at)) < 0) ||
        (l && xmlTextWriterWriteAttribute(w->w, X("xml:lang"), X(l)) < 0))
      return BCV_EIO;
    rc = w_front(w, r);
  } else {
    if (w->count == 0 && placeholder_front(w))
      return BCV_EIO;
    rc = open_back(w);
    if (!rc)
      rc = w_ref(w, r);
  }
  w->count++;
  /* through to write_cb now, so that what it replaced is this record's */
  if (!rc && xmlTextWriterFlush(w->w) < 0)
    rc = BCV_EIO;
  if (w->replaced != replaced) {
    const char *id = bcv_record_id(r);
    bcv_diag_report(w->diag, BCV_SEV_NOTE, NULL, bcv_record_line(r), bcv_record_column(r),
                    "%s%s%scontrol characters written as U+FFFD (XML has no room for them)",
                    id ? "record '" : "", id ? id : "", id ? "': " : "");
  }
  if (rc)
    w->failed = 1;
  return rc;
}

static int w_end(void *state, int ok) {
  writer *w = state;
  int rc = BCV_OK;
  if (ok && !w->failed) {
    /* no record: the placeholder, and the empty reference list */
    if (w->count == 0 && (placeholder_front(w) || (!w->front && open_back(w))))
      rc = BCV_EIO;
    if (!rc && xmlTextWriterEndDocument(w->w) < 0)
      rc = BCV_EIO;
    if (!rc && xmlTextWriterFlush(w->w) < 0)
      rc = BCV_EIO;
  }
  xmlFreeTextWriter(w->w);
  bcv_idset_free(&w->ids);
  free(w->affs);
  free(w->aff_slot);
  free(w);
  return rc;
}

static const bcv_option_desc writer_options[] = {
    {"front", "write the first record as the article's front matter (title-group, contributors, "
              "abstracts, keywords per language); further records as its references"},
    {NULL, NULL},
};

const bcv_writer_ops jt_writer = {w_begin, w_write, w_end, writer_options};
