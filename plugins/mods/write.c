/* SPDX-License-Identifier: MIT */
/* write.c: MODS 3.7 with xmlTextWriter, streaming: a modsCollection of
 * one <mods> per record.
 *
 * The record's own data at the top level (titles in every language,
 * names with their roles, genre, originInfo, language, abstract, notes,
 * subjects, identifiers, location, part), its container as relatedItem
 * type="host" (with the genre that tells bibutils and catalogues what the
 * record is in), the collection as type="series", the original and the
 * reviewed work as type="original" and "reviewOf".  Variables and extras
 * MODS has no element for go into <extension> as bibconv's own elements
 * (namespace MODS_BCV_NS), which other readers ignore and ours reads back.
 * MODS has no inline markup: CSL's tags are left out of the text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "bcvxml.h"
#include "mods.h"

#define X(s) BAD_CAST(s)
#define CK(call)                                                                                   \
  do {                                                                                             \
    if ((call) < 0)                                                                                \
      return BCV_EIO;                                                                              \
  } while (0)

typedef struct writer {
  bcv_output *out;
  bcv_diag *diag;
  xmlTextWriterPtr w;
  size_t replaced;
  int failed;
  bx_buf t;
  unsigned long group; /* altRepGroup numbers */
  const char *lost; /* a name's extra the record's names could not carry */
  /* which variables the current record's elements wrote */
  unsigned char done[BCV_VAR_COUNT];
} writer;

/* Text without CSL's markup, in w->t; a line break (a paragraph) is a
 * blank line, which the reader takes back as one. */
static const char *plain(writer *w, const char *s) {
  size_t n = strlen(s);
  w->t.len = 0;
  if (bx_put(&w->t, s, n))
    return NULL;
  n = bcv_markup_strip(w->t.p, n, w->t.p);
  w->t.p[n] = '\0';
  if (!memchr(w->t.p, '\n', n)) {
    w->t.len = n;
    return w->t.p;
  }
  /* again, behind the stripped copy, with each "\n" doubled */
  size_t from = n + 1;
  w->t.len = from;
  for (size_t i = 0; i < n; i++) {
    char c = w->t.p[i];
    if (bx_put(&w->t, &c, 1) || (c == '\n' && bx_put(&w->t, "\n", 1)))
      return NULL;
  }
  return w->t.p + from;
}

static int el(writer *w, const char *name, const char *text) {
  if (!text || !*text)
    return BCV_OK;
  const char *s = plain(w, text);
  if (!s)
    return BCV_ENOMEM;
  CK(xmlTextWriterWriteElement(w->w, X(name), X(s)));
  return BCV_OK;
}

static int start(writer *w, const char *name) {
  return xmlTextWriterStartElement(w->w, X(name)) < 0 ? BCV_EIO : BCV_OK;
}

static int end(writer *w) {
  return xmlTextWriterEndElement(w->w) < 0 ? BCV_EIO : BCV_OK;
}

static int attr(writer *w, const char *name, const char *value) {
  return value && xmlTextWriterWriteAttribute(w->w, X(name), X(value)) < 0 ? BCV_EIO : BCV_OK;
}

static int is_primary(const bcv_field *f, const char *rec_lang) {
  return !f->lang || (rec_lang && !strcmp(f->lang, rec_lang));
}

/* ---- titles ---- */

/* The titles of v: the primary one untyped, the others translated with
 * their language; short (title-short) abbreviated. */
/* One titleInfo: untyped (primary), translated or abbreviated. */
static int title_info(writer *w, const bcv_field *f, int primary, int abbreviated, const char *number) {
  int rc = start(w, "titleInfo");
  if (!rc && abbreviated)
    rc = attr(w, "type", "abbreviated");
  else if (!rc && !primary)
    rc = attr(w, "type", "translated");
  if (!rc && f->lang)
    rc = attr(w, "xml:lang", f->lang);
  if (!rc)
    rc = el(w, "title", f->text);
  if (!rc && number)
    rc = el(w, "partNumber", number);
  return rc ? rc : end(w);
}

static int titles(writer *w, const bcv_record *r, bcv_var v, bcv_var shortv, const char *part_number) {
  const char *rec_lang = bcv_record_lang(r);
  int rc = BCV_OK;
  /* the title in the record's language first (readers take the first
   * titleInfo for the title), then the others in their order */
  const bcv_field *lead = NULL;
  for (const bcv_field *f = bcv_record_fields(r); f && !lead; f = f->next)
    if (f->kind == BCV_FIELD_TEXT && f->var == v && is_primary(f, rec_lang))
      lead = f;
  if (lead)
    rc = title_info(w, lead, 1, 0, part_number);
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f == lead || f->kind != BCV_FIELD_TEXT)
      continue;
    if (f->var == v)
      rc = title_info(w, f, 0, 0, NULL);
    else if (shortv != BCV_VAR_NONE && f->var == shortv)
      rc = title_info(w, f, 1, 1, NULL);
  }
  w->done[v] = 1;
  if (shortv != BCV_VAR_NONE)
    w->done[shortv] = 1;
  return rc;
}

/* ---- names ---- */

/* role/roleTerm: the marcrelator code when there is one, and the text */
static int role(writer *w, bcv_var v) {
  int rc = start(w, "role");
  const char *code = md_role_code(v);
  if (!rc && code) {
    rc = start(w, "roleTerm");
    if (!rc)
      rc = attr(w, "authority", "marcrelator");
    if (!rc)
      rc = attr(w, "type", "code");
    if (!rc)
      rc = xmlTextWriterWriteString(w->w, X(code)) < 0 ? BCV_EIO : BCV_OK;
    if (!rc)
      rc = end(w);
  }
  if (!rc) {
    rc = start(w, "roleTerm");
    if (!rc && code)
      rc = attr(w, "authority", "marcrelator");
    if (!rc)
      rc = attr(w, "type", "text");
    if (!rc)
      rc = xmlTextWriterWriteString(w->w, X(md_role_text(v))) < 0 ? BCV_EIO : BCV_OK;
    if (!rc)
      rc = end(w);
  }
  return rc ? rc : end(w);
}

static int one_name(writer *w, const bcv_name *n, bcv_var v, const char *group) {
  int rc = start(w, "name");
  if (!rc)
    rc = attr(w, "type", n->literal ? "corporate" : "personal");
  if (!rc && group)
    rc = attr(w, "altRepGroup", group);
  if (!rc && n->lang)
    rc = attr(w, "xml:lang", n->lang);
  if (n->literal) {
    if (!rc)
      rc = el(w, "namePart", n->literal);
  } else {
    /* particles have no namePart of their own: they stay with the
     * family name (van Gogh) or the given names (Charles de) */
    char fam[1024], giv[1024];
    snprintf(fam, sizeof fam, "%s%s%s", n->non_dropping_particle ? n->non_dropping_particle : "",
             n->non_dropping_particle ? " " : "", n->family ? n->family : "");
    snprintf(giv, sizeof giv, "%s%s%s", n->given ? n->given : "",
             n->given && n->dropping_particle ? " " : "", n->dropping_particle ? n->dropping_particle : "");
    if (!rc && *fam) {
      rc = start(w, "namePart");
      if (!rc)
        rc = attr(w, "type", "family");
      if (!rc)
        CK(xmlTextWriterWriteString(w->w, X(fam)));
      if (!rc)
        rc = end(w);
    }
    if (!rc && *giv) {
      rc = start(w, "namePart");
      if (!rc)
        rc = attr(w, "type", "given");
      if (!rc)
        CK(xmlTextWriterWriteString(w->w, X(giv)));
      if (!rc)
        rc = end(w);
    }
    if (!rc && n->suffix) {
      rc = start(w, "namePart");
      if (!rc)
        rc = attr(w, "type", "termsOfAddress");
      if (!rc)
        rc = xmlTextWriterWriteString(w->w, X(n->suffix)) < 0 ? BCV_EIO : BCV_OK;
      if (!rc)
        rc = end(w);
    }
  }
  for (const bcv_affil *a = n->affiliations; a && !rc; a = a->next)
    rc = el(w, "affiliation", a->text);
  for (const bcv_pair *p = n->extras; p && !rc; p = p->next) {
    size_t kl = strlen(p->key);
    if (!strcmp(p->key, "mods.date")) { /* a person's dates, as read */
      rc = start(w, "namePart");
      if (!rc)
        rc = attr(w, "type", "date");
      if (!rc)
        rc = xmlTextWriterWriteString(w->w, X(p->value)) < 0 ? BCV_EIO : BCV_OK;
      if (!rc)
        rc = end(w);
      continue;
    }
    if (kl < 5 || strcasecmp(p->key + kl - 5, "orcid")) {
      w->lost = p->key; /* a name's other data: MODS has no place for it */
      continue;
    }
    {
      rc = start(w, "nameIdentifier");
      if (!rc)
        rc = attr(w, "type", "orcid");
      if (!rc)
        rc = xmlTextWriterWriteString(w->w, X(p->value)) < 0 ? BCV_EIO : BCV_OK;
      if (!rc)
        rc = end(w);
    }
  }
  if (!rc)
    rc = role(w, v);
  if (!rc)
    rc = end(w); /* name */
  return rc;
}

/* The names of v, as role `as` (the host's author is an author there). */
static int names(writer *w, const bcv_record *r, bcv_var v, bcv_var as) {
  const bcv_field *f = bcv_record_field(r, v);
  w->done[v] = 1;
  int rc = BCV_OK;
  for (const bcv_name *n = f ? f->names : NULL; n && !rc; n = n->next) {
    char group[32];
    const char *g = NULL;
    if (n->alt) {
      snprintf(group, sizeof group, "n%lu", ++w->group);
      g = group;
    }
    rc = one_name(w, n, as, g);
    for (const bcv_name *a = n->alt; a && !rc; a = a->alt)
      rc = one_name(w, a, as, g);
  }
  if (!rc && f && f->etal) {
    /* "and others": MODS 3.6's <etal/> in a name of that role */
    rc = start(w, "name");
    if (!rc)
      rc = start(w, "etal");
    if (!rc)
      rc = end(w);
    if (!rc)
      rc = role(w, as);
    if (!rc)
      rc = end(w);
  }
  return rc;
}

/* ---- dates ---- */

/* A date as MODS writes it: w3cdtf when it is a day, month or year (a
 * range as point="start"/"end", circa and uncertain as a qualifier),
 * EDTF for seasons and open ranges, text for a literal date. */
static int date_el(writer *w, const char *name, const bcv_date *d) {
  char buf[128];
  if (d->literal && !d->from.parts)
    return el(w, name, d->literal);
  int simple = !d->season && !(d->flags & (BCV_DATE_OPEN_START | BCV_DATE_OPEN_END)) &&
               (d->flags & (BCV_DATE_CIRCA | BCV_DATE_UNCERTAIN)) != (BCV_DATE_CIRCA | BCV_DATE_UNCERTAIN);
  const char *q = d->flags & BCV_DATE_CIRCA       ? "approximate"
                  : d->flags & BCV_DATE_UNCERTAIN ? "questionable"
                                                  : NULL;
  int range = simple && (d->flags & BCV_DATE_RANGE);
  for (int e = 0; e <= range; e++) {
    bcv_date one = *d;
    if (simple) {
      one.flags &= ~(unsigned)(BCV_DATE_RANGE | BCV_DATE_CIRCA | BCV_DATE_UNCERTAIN);
      if (e)
        one.from = d->to;
    }
    bcv_date_format_edtf(&one, buf, sizeof buf);
    int rc = start(w, name);
    if (!rc)
      rc = attr(w, "encoding", simple ? "w3cdtf" : "edtf");
    if (!rc && !strcmp(name, "dateIssued") && !e)
      rc = attr(w, "keyDate", "yes");
    if (!rc && range)
      rc = attr(w, "point", e ? "end" : "start");
    if (!rc && simple)
      rc = attr(w, "qualifier", q);
    if (!rc)
      rc = xmlTextWriterWriteString(w->w, X(buf)) < 0 ? BCV_EIO : BCV_OK;
    if (!rc)
      rc = end(w);
    if (rc)
      return rc;
  }
  return BCV_OK;
}

static const bcv_date *date_of(const bcv_record *r, bcv_var v) {
  const bcv_field *f = bcv_record_field(r, v);
  return f ? f->date : NULL;
}

/* ---- the record ---- */

/* Every value of a text variable as element name (with xml:lang for the
 * other languages when lang_attr). */
static int texts(writer *w, const bcv_record *r, bcv_var v, const char *name, int lang_attr) {
  const char *rec_lang = bcv_record_lang(r);
  int rc = BCV_OK;
  w->done[v] = 1;
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind != BCV_FIELD_TEXT || f->var != v)
      continue;
    if (lang_attr && !is_primary(f, rec_lang)) {
      const char *s = plain(w, f->text);
      if (!s)
        return BCV_ENOMEM;
      rc = start(w, name);
      if (!rc)
        rc = attr(w, "xml:lang", f->lang);
      if (!rc)
        rc = xmlTextWriterWriteString(w->w, X(s)) < 0 ? BCV_EIO : BCV_OK;
      if (!rc)
        rc = end(w);
    } else {
      rc = el(w, name, f->text);
    }
  }
  return rc;
}

static int genre(writer *w, const char *spec) {
  if (!spec)
    return BCV_OK;
  const char *colon = strchr(spec, ':');
  char auth[32];
  snprintf(auth, sizeof auth, "%.*s", (int)(colon - spec), spec);
  int rc = start(w, "genre");
  if (!rc)
    rc = attr(w, "authority", auth);
  if (!rc)
    rc = xmlTextWriterWriteString(w->w, X(colon + 1)) < 0 ? BCV_EIO : BCV_OK;
  return rc ? rc : end(w);
}

/* Whether the genres a type's row writes read back as that type. */
static int genres_say(const md_type_out *o) {
  bcv_type main_t = BCV_TYPE_COUNT, host_t = BCV_TYPE_COUNT;
  for (int i = 0; i < 2; i++) {
    if (o->genre[i] && main_t == BCV_TYPE_COUNT)
      main_t = md_genre_in(strchr(o->genre[i], ':') + 1, 0);
    if (o->host_genre[i] && host_t == BCV_TYPE_COUNT)
      host_t = md_genre_in(strchr(o->host_genre[i], ':') + 1, 1);
  }
  bcv_type t = main_t;
  if (host_t != BCV_TYPE_COUNT && (t == BCV_TYPE_COUNT || t == BCV_TYPE_BOOK || t == BCV_TYPE_PERIODICAL ||
                                   (t == BCV_TYPE_ARTICLE_JOURNAL && host_t != BCV_TYPE_CHAPTER)))
    t = host_t;
  return t == o->type;
}

static int has_text(const bcv_record *r, bcv_var v) {
  return bcv_record_text(r, v, NULL) != NULL;
}

/* The container: its titles, authors and editors (of a book), genre and
 * issuance, ISSN. */
static int host(writer *w, const bcv_record *r, const md_type_out *o) {
  int chapter_like = o->host_genre[0] && strcmp(o->issuance ? o->issuance : "", "continuing");
  if (!has_text(r, BCV_VAR_CONTAINER_TITLE) && !bcv_record_field(r, BCV_VAR_CONTAINER_AUTHOR) &&
      !o->host_genre[0])
    return BCV_OK;
  int rc = start(w, "relatedItem");
  if (!rc)
    rc = attr(w, "type", "host");
  if (!rc)
    rc = titles(w, r, BCV_VAR_CONTAINER_TITLE, BCV_VAR_CONTAINER_TITLE_SHORT, NULL);
  if (!rc)
    rc = names(w, r, BCV_VAR_CONTAINER_AUTHOR, BCV_VAR_AUTHOR);
  if (!rc && chapter_like)
    rc = names(w, r, BCV_VAR_EDITOR, BCV_VAR_EDITOR);
  if (!rc && o->host_genre[0] && o->issuance) {
    rc = start(w, "originInfo");
    if (!rc)
      rc = el(w, "issuance", o->issuance);
    if (!rc)
      rc = end(w);
  }
  for (int i = 0; i < 2 && !rc; i++)
    rc = genre(w, o->host_genre[i]);
  if (!rc && o->issuance && !strcmp(o->issuance, "continuing")) {
    w->done[BCV_VAR_ISSN] = 1;
    for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
      if (f->kind == BCV_FIELD_TEXT && f->var == BCV_VAR_ISSN) {
        rc = start(w, "identifier");
        if (!rc)
          rc = attr(w, "type", "issn");
        if (!rc)
          rc = xmlTextWriterWriteString(w->w, X(f->text)) < 0 ? BCV_EIO : BCV_OK;
        if (!rc)
          rc = end(w);
      }
  }
  return rc ? rc : end(w);
}

/* relatedItem of a kind: title, names (of role), and an originInfo */
static int related(writer *w, const bcv_record *r, const char *type, bcv_var title, const char *number,
                   bcv_var who, bcv_var as, bcv_var date, bcv_var pub, bcv_var place) {
  const bcv_date *d = date != BCV_VAR_NONE ? date_of(r, date) : NULL;
  if (!has_text(r, title) && !bcv_record_field(r, who) && !d &&
      (pub == BCV_VAR_NONE || !has_text(r, pub)))
    return BCV_OK;
  int rc = start(w, "relatedItem");
  if (!rc)
    rc = attr(w, "type", type);
  if (!rc)
    rc = titles(w, r, title, BCV_VAR_NONE, number);
  if (!rc)
    rc = names(w, r, who, as);
  if (!rc && (d || (pub != BCV_VAR_NONE && (has_text(r, pub) || has_text(r, place))))) {
    rc = start(w, "originInfo");
    if (!rc && d)
      rc = date_el(w, "dateIssued", d);
    if (!rc && pub != BCV_VAR_NONE)
      rc = texts(w, r, pub, "publisher", 0);
    if (!rc && pub != BCV_VAR_NONE && has_text(r, place)) {
      rc = start(w, "place");
      if (!rc)
        rc = start(w, "placeTerm");
      if (!rc)
        rc = attr(w, "type", "text");
      if (!rc)
        rc = xmlTextWriterWriteString(w->w, X(bcv_record_text(r, place, NULL))) < 0 ? BCV_EIO : BCV_OK;
      if (!rc)
        rc = end(w);
      if (!rc)
        rc = end(w);
      w->done[place] = 1;
    }
    if (!rc)
      rc = end(w);
  }
  if (date != BCV_VAR_NONE)
    w->done[date] = 1;
  return rc ? rc : end(w);
}

static int detail(writer *w, const bcv_record *r, bcv_var v) {
  const char *s = bcv_record_text(r, v, NULL);
  w->done[v] = 1;
  if (!s)
    return BCV_OK;
  int rc = start(w, "detail");
  if (!rc)
    rc = attr(w, "type", md_detail_out(v));
  if (!rc)
    rc = el(w, "number", s);
  return rc ? rc : end(w);
}

/* part: volume, issue, chapter..., pages (start/end or a list), total */
static int part(writer *w, const bcv_record *r) {
  static const bcv_var vars[] = {BCV_VAR_VOLUME, BCV_VAR_ISSUE, BCV_VAR_CHAPTER_NUMBER,
                                 BCV_VAR_SECTION, BCV_VAR_PART, BCV_VAR_SUPPLEMENT};
  int any = has_text(r, BCV_VAR_PAGE) || has_text(r, BCV_VAR_NUMBER_OF_PAGES);
  for (size_t i = 0; i < sizeof vars / sizeof *vars; i++)
    any |= has_text(r, vars[i]);
  if (!any)
    return BCV_OK;
  int rc = start(w, "part");
  for (size_t i = 0; i < sizeof vars / sizeof *vars && !rc; i++)
    rc = detail(w, r, vars[i]);
  const char *pg = bcv_record_text(r, BCV_VAR_PAGE, NULL), *total = bcv_record_text(r, BCV_VAR_NUMBER_OF_PAGES, NULL);
  w->done[BCV_VAR_PAGE] = w->done[BCV_VAR_NUMBER_OF_PAGES] = 1;
  if (!rc && (pg || total)) {
    rc = start(w, "extent");
    if (!rc)
      rc = attr(w, "unit", "pages");
    if (!rc && pg) {
      /* "10-20" is a start and an end; anything else a list */
      const char *dash = strchr(pg, '-');
      int range = dash && dash > pg && dash[1] && !strchr(dash + 1, '-') && !strchr(pg, ',');
      if (range) {
        char a[256];
        snprintf(a, sizeof a, "%.*s", (int)(dash - pg), pg);
        rc = el(w, "start", a);
        if (!rc)
          rc = el(w, "end", dash + 1);
      } else {
        rc = el(w, "list", pg);
      }
    }
    if (!rc && total)
      rc = el(w, "total", total);
    if (!rc)
      rc = end(w);
  }
  return rc ? rc : end(w);
}

static int identifier(writer *w, const char *type, const char *value) {
  int rc = start(w, "identifier");
  if (!rc)
    rc = attr(w, "type", type);
  if (!rc)
    rc = xmlTextWriterWriteString(w->w, X(value)) < 0 ? BCV_EIO : BCV_OK;
  return rc ? rc : end(w);
}

/* Everything no element above took, in <extension>: variables as
 * bcv:field, extras as bcv:extra. */
static int extension(writer *w, const bcv_record *r) {
  int open = 0, rc = BCV_OK;
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind == BCV_FIELD_NAMES || (f->kind != BCV_FIELD_EXTRA && w->done[f->var]))
      continue;
    if (!open) {
      rc = start(w, "extension");
      if (!rc)
        rc = xmlTextWriterStartElementNS(w->w, X("bcv"), X("fields"), X(MODS_BCV_NS)) < 0 ? BCV_EIO : BCV_OK;
      open = 1;
      if (rc)
        return rc;
    }
    char buf[128];
    const char *value = f->text;
    if (f->kind == BCV_FIELD_DATE) {
      if (f->date->literal && !f->date->from.parts)
        value = f->date->literal;
      else {
        bcv_date_format_edtf(f->date, buf, sizeof buf);
        value = buf;
      }
    }
    rc = xmlTextWriterStartElementNS(w->w, X("bcv"), X(f->kind == BCV_FIELD_EXTRA ? "extra" : "field"), NULL) < 0
             ? BCV_EIO
             : BCV_OK;
    if (!rc && f->kind == BCV_FIELD_EXTRA)
      rc = attr(w, "key", f->key);
    else if (!rc)
      rc = attr(w, "name", bcv_var_name(f->var));
    if (!rc && f->lang)
      rc = attr(w, "lang", f->lang);
    if (!rc && (f->flags & BCV_EXTRA_JSON))
      rc = attr(w, "json", "yes");
    if (!rc)
      rc = xmlTextWriterWriteString(w->w, X(value ? value : "")) < 0 ? BCV_EIO : BCV_OK;
    if (!rc)
      rc = end(w);
  }
  if (!rc && open) {
    rc = end(w); /* bcv:fields */
    if (!rc)
      rc = end(w);
  }
  return rc;
}

static int record(writer *w, const bcv_record *r) {
  memset(w->done, 0, sizeof w->done);
  w->lost = NULL;
  bcv_type type = bcv_record_type(r);
  const md_type_out *o = md_type_out_of(type);
  int has_host = o->host_genre[0] || has_text(r, BCV_VAR_CONTAINER_TITLE);
  int chapter_like = o->host_genre[0] && strcmp(o->issuance ? o->issuance : "", "continuing");
  int rc = start(w, "mods");
  const char *id = bcv_record_id(r);
  if (!rc && id)
    rc = attr(w, "ID", id);
  if (!rc)
    rc = titles(w, r, BCV_VAR_TITLE, BCV_VAR_TITLE_SHORT, NULL);
  /* the names of the record itself; a book's editors are the container's
   * for a chapter */
  for (int v = 0; v < BCV_VAR_COUNT && !rc; v++) {
    if (bcv_var_kind((bcv_var)v) != BCV_KIND_NAMES || v == BCV_VAR_CONTAINER_AUTHOR ||
        v == BCV_VAR_COLLECTION_EDITOR || v == BCV_VAR_ORIGINAL_AUTHOR || v == BCV_VAR_REVIEWED_AUTHOR ||
        (v == BCV_VAR_EDITOR && chapter_like))
      continue;
    rc = names(w, r, (bcv_var)v, (bcv_var)v);
  }
  if (!rc && o->resource)
    rc = el(w, "typeOfResource", o->resource);
  for (int i = 0; i < 2 && !rc; i++)
    rc = genre(w, o->genre[i]);
  if (!rc && !genres_say(o)) {
    char spec[64];
    snprintf(spec, sizeof spec, "csl:%s", bcv_type_name(type));
    rc = genre(w, spec);
  }
  /* originInfo: dates, publisher, place, edition, issuance of a whole */
  const bcv_date *issued = date_of(r, BCV_VAR_ISSUED), *accessed = date_of(r, BCV_VAR_ACCESSED);
  w->done[BCV_VAR_ISSUED] = w->done[BCV_VAR_ACCESSED] = 1;
  if (!rc && (issued || accessed || has_text(r, BCV_VAR_PUBLISHER) || has_text(r, BCV_VAR_PUBLISHER_PLACE) ||
              has_text(r, BCV_VAR_EDITION) || (!has_host && o->issuance))) {
    rc = start(w, "originInfo");
    if (!rc && issued)
      rc = date_el(w, "dateIssued", issued);
    if (!rc)
      rc = texts(w, r, BCV_VAR_PUBLISHER, "publisher", 0);
    for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
      if (f->kind == BCV_FIELD_TEXT && f->var == BCV_VAR_PUBLISHER_PLACE) {
        rc = start(w, "place");
        if (!rc)
          rc = start(w, "placeTerm");
        if (!rc)
          rc = attr(w, "type", "text");
        const char *s = plain(w, f->text);
        if (!rc)
          rc = s && xmlTextWriterWriteString(w->w, X(s)) >= 0 ? BCV_OK : BCV_EIO;
        if (!rc)
          rc = end(w);
        if (!rc)
          rc = end(w);
      }
    w->done[BCV_VAR_PUBLISHER_PLACE] = 1;
    if (!rc)
      rc = texts(w, r, BCV_VAR_EDITION, "edition", 0);
    if (!rc && !has_host && o->issuance)
      rc = el(w, "issuance", o->issuance);
    if (!rc && accessed)
      rc = date_el(w, "dateCaptured", accessed);
    if (!rc)
      rc = end(w);
  }
  const char *lang = bcv_record_lang(r);
  w->done[BCV_VAR_LANGUAGE] = 1;
  if (!rc && lang) {
    rc = start(w, "language");
    if (!rc)
      rc = start(w, "languageTerm");
    const char *b = bx_lang_639(lang);
    if (!rc)
      rc = attr(w, "type", "code");
    if (!rc)
      rc = attr(w, "authority", b && strlen(lang) <= 3 ? "iso639-2b" : "rfc5646");
    if (!rc)
      rc = xmlTextWriterWriteString(w->w, X(b && strlen(lang) <= 3 ? b : lang)) < 0 ? BCV_EIO : BCV_OK;
    if (!rc)
      rc = end(w);
    if (!rc)
      rc = end(w);
  }
  if (!rc && has_text(r, BCV_VAR_MEDIUM)) {
    rc = start(w, "physicalDescription");
    if (!rc)
      rc = texts(w, r, BCV_VAR_MEDIUM, "form", 0);
    if (!rc)
      rc = end(w);
  }
  if (!rc)
    rc = texts(w, r, BCV_VAR_ABSTRACT, "abstract", 1);
  if (!rc)
    rc = texts(w, r, BCV_VAR_NOTE, "note", 1);
  w->done[BCV_VAR_KEYWORD] = 1;
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind != BCV_FIELD_TEXT || f->var != BCV_VAR_KEYWORD)
      continue;
    rc = start(w, "subject");
    if (!rc && !is_primary(f, lang))
      rc = attr(w, "xml:lang", f->lang);
    if (!rc)
      rc = el(w, "topic", f->text);
    if (!rc)
      rc = end(w);
  }
  if (!rc)
    rc = texts(w, r, BCV_VAR_CALL_NUMBER, "classification", 0);
  if (!rc)
    rc = host(w, r, o);
  if (!rc)
    rc = related(w, r, "series", BCV_VAR_COLLECTION_TITLE, bcv_record_text(r, BCV_VAR_COLLECTION_NUMBER, NULL),
                 BCV_VAR_COLLECTION_EDITOR, BCV_VAR_EDITOR, BCV_VAR_NONE, BCV_VAR_NONE, BCV_VAR_NONE);
  if (has_text(r, BCV_VAR_COLLECTION_TITLE))
    w->done[BCV_VAR_COLLECTION_NUMBER] = 1;
  if (!rc)
    rc = related(w, r, "original", BCV_VAR_ORIGINAL_TITLE, NULL, BCV_VAR_ORIGINAL_AUTHOR, BCV_VAR_AUTHOR,
                 BCV_VAR_ORIGINAL_DATE, BCV_VAR_ORIGINAL_PUBLISHER, BCV_VAR_ORIGINAL_PUBLISHER_PLACE);
  if (!rc)
    rc = related(w, r, "reviewOf", BCV_VAR_REVIEWED_TITLE, NULL, BCV_VAR_REVIEWED_AUTHOR, BCV_VAR_AUTHOR,
                 BCV_VAR_NONE, BCV_VAR_NONE, BCV_VAR_NONE);
  static const bcv_var idv[] = {BCV_VAR_DOI, BCV_VAR_ISBN, BCV_VAR_ISSN, BCV_VAR_PMID, BCV_VAR_PMCID};
  for (size_t i = 0; i < sizeof idv / sizeof *idv && !rc; i++) {
    if (w->done[idv[i]])
      continue;
    w->done[idv[i]] = 1;
    for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
      if (f->kind == BCV_FIELD_TEXT && f->var == idv[i])
        rc = identifier(w, md_id_out(idv[i]), f->text);
  }
  if (!rc && has_text(r, BCV_VAR_URL)) {
    rc = start(w, "location");
    if (!rc)
      rc = texts(w, r, BCV_VAR_URL, "url", 0);
    if (!rc)
      rc = end(w);
  }
  if (!rc && (has_text(r, BCV_VAR_ARCHIVE) || has_text(r, BCV_VAR_ARCHIVE_LOCATION))) {
    rc = start(w, "location");
    if (!rc)
      rc = texts(w, r, BCV_VAR_ARCHIVE, "physicalLocation", 0);
    if (!rc)
      rc = texts(w, r, BCV_VAR_ARCHIVE_LOCATION, "shelfLocator", 0);
    if (!rc)
      rc = end(w);
  }
  if (!rc)
    rc = part(w, r);
  if (!rc)
    rc = extension(w, r);
  if (!rc)
    rc = end(w); /* mods */
  if (!rc && w->lost)
    bcv_diag_dropped(w->diag, r, "mods", w->lost);
  return rc;
}

static int w_begin(bcv_output *out, const bcv_options *opts, bcv_diag *diag, void **state) {
  (void)opts;
  writer *w = calloc(1, sizeof *w);
  if (!w)
    return BCV_ENOMEM;
  w->out = out;
  w->diag = diag;
  w->w = bx_writer_new(out, &w->replaced);
  if (!w->w) {
    free(w);
    return BCV_ENOMEM;
  }
  *state = w;
  if (xmlTextWriterStartDocument(w->w, NULL, "UTF-8", NULL) < 0 ||
      xmlTextWriterStartElement(w->w, X("modsCollection")) < 0 ||
      xmlTextWriterWriteAttribute(w->w, X("xmlns"), X(MODS_NS)) < 0 ||
      xmlTextWriterWriteAttribute(w->w, X("xmlns:xsi"), X("http://www.w3.org/2001/XMLSchema-instance")) < 0 ||
      xmlTextWriterWriteAttribute(w->w, X("xsi:schemaLocation"),
                                  X(MODS_NS " http://www.loc.gov/standards/mods/v3/mods-3-7.xsd")) < 0)
    return BCV_EIO;
  return BCV_OK;
}

static int w_write(void *state, const bcv_record *r) {
  writer *w = state;
  if (w->failed)
    return BCV_EIO;
  size_t replaced = w->replaced;
  int rc = record(w, r);
  if (!rc && xmlTextWriterFlush(w->w) < 0)
    rc = BCV_EIO;
  if (rc) {
    w->failed = 1;
    return rc;
  }
  if (w->replaced != replaced)
    bcv_diag_report(w->diag, BCV_SEV_WARNING, NULL, bcv_record_line(r), bcv_record_column(r),
                    "record '%s': %zu control characters XML cannot hold written as U+FFFD",
                    bcv_record_id(r) ? bcv_record_id(r) : "", w->replaced - replaced);
  return BCV_OK;
}

static int w_end(void *state, int ok) {
  writer *w = state;
  int rc = BCV_OK;
  if (ok && !w->failed) {
    if (xmlTextWriterEndDocument(w->w) < 0 || xmlTextWriterFlush(w->w) < 0)
      rc = BCV_EIO;
  }
  xmlFreeTextWriter(w->w);
  free(w->t.p);
  free(w);
  return rc;
}

const bcv_writer_ops md_writer = {w_begin, w_write, w_end, NULL};
