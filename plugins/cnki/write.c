/* SPDX-License-Identifier: MIT */
/* write.c: records as CNKI's RefWorks export, so that tools which import
 * CNKI files take bibconv's output, and cnki -> cnki keeps every datum.
 *
 * The tags are CNKI's own (RT, A1 with ';' between names, AD, T1, JF, YR,
 * IS, OP, K1, AB, SN, CN, DS CNKI, LK, DO ...).  What RefWorks has no tag
 * for (the English title has OT; the English abstract, keywords, journal
 * and names do not; the online date; CNKI's extras) goes on NO (notes)
 * lines as "key: value", which RefWorks keeps as notes and this reader
 * reads back: a CSL variable with its language ("abstract[en]: ...") or a
 * namespaced extra ("cnki.fund: ..."). */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "cnki.h"

typedef struct writer {
  bcv_output *out;
  bcv_diag *diag;
  cn_buf line;
  cn_buf text; /* a value without its markup, reused */
  size_t count;
} writer;

static const struct {
  bcv_type type;
  const char *rt;
} rts[] = {
    {BCV_TYPE_ARTICLE_JOURNAL, "Journal Article"},
    {BCV_TYPE_THESIS, "Dissertation/Thesis"},
    {BCV_TYPE_PAPER_CONFERENCE, "Conference Proceeding"},
    {BCV_TYPE_ARTICLE_NEWSPAPER, "Newspaper Article"},
    {BCV_TYPE_PATENT, "Patent"},
    {BCV_TYPE_STANDARD, "Standard"},
    {BCV_TYPE_REPORT, "Other Article"},
    /* RefWorks's own names, as Zotero's RefWorks Tagged export writes them */
    {BCV_TYPE_BOOK, "Book, Whole"},
    {BCV_TYPE_CHAPTER, "Book, Section"},
    {BCV_TYPE_WEBPAGE, "Web Page"},
    {BCV_TYPE_SOFTWARE, "Computer Program"},
    {BCV_TYPE_MAP, "Map"},
};

/* Variables with a tag of their own, in the order CNKI writes them.  The
 * value in the record's language gets the tag; other languages go to NO. */
static const struct {
  const char *tag;
  bcv_var var;
} tags[] = {
    {"T1", BCV_VAR_TITLE},     {"JF", BCV_VAR_CONTAINER_TITLE}, {"VO", BCV_VAR_VOLUME},
    {"IS", BCV_VAR_ISSUE},     {"OP", BCV_VAR_PAGE},            {"K1", BCV_VAR_KEYWORD},
    {"AB", BCV_VAR_ABSTRACT},  {"SN", BCV_VAR_ISSN},            {"SN", BCV_VAR_ISBN},
    {"PB", BCV_VAR_PUBLISHER}, {"PP", BCV_VAR_PUBLISHER_PLACE}, {"PP", BCV_VAR_EVENT_PLACE},
    {"CL", BCV_VAR_GENRE},     {"ID", BCV_VAR_NUMBER},          {"LA", BCV_VAR_LANGUAGE},
    {"LK", BCV_VAR_URL},       {"DO", BCV_VAR_DOI},
};

/* Extras CNKI has a tag for. */
static const struct {
  const char *key;
  const char *tag;
} extra_tags[] = {
    {"cnki.cn", "CN"},
    {"cnki.database", "DB"},
    {"cnki.implemented", "U4"},
};

static int w_begin(bcv_output *out, const bcv_options *opts, bcv_diag *diag, void **state) {
  (void)opts;
  writer *w = calloc(1, sizeof *w);
  if (!w)
    return BCV_ENOMEM;
  w->out = out;
  w->diag = diag;
  *state = w;
  return BCV_OK;
}

/* One tagged line; line breaks inside a value only where RefWorks allows
 * continuation (the abstract). */
static int put(writer *w, const char *tag, const char *v, size_t len, int multiline) {
  w->line.len = 0;
  if (cn_buf_puts(&w->line, tag) || cn_buf_putc(&w->line, ' '))
    return BCV_ENOMEM;
  for (size_t i = 0; i < len; i++)
    if (cn_buf_putc(&w->line, v[i] == '\n' && !multiline ? ' ' : v[i]))
      return BCV_ENOMEM;
  if (cn_buf_putc(&w->line, '\n'))
    return BCV_ENOMEM;
  return bcv_output_write(w->out, w->line.p, w->line.len);
}

static int puts_tag(writer *w, const char *tag, const char *v) {
  return put(w, tag, v, strlen(v), 0);
}

/* The model's text appended to b without CSL's markup: RefWorks has none
 * ("cnki." extras keep their input's spelling and are written as they are). */
static int buf_plain(cn_buf *b, const char *s) {
  size_t at = b->len, n = strlen(s);
  if (cn_buf_put(b, s, n))
    return BCV_ENOMEM;
  if (n) /* b->p is NULL until something is written */
    b->len = at + bcv_markup_strip(b->p + at, n, b->p + at);
  return BCV_OK;
}

static int put_text(writer *w, const char *tag, const char *v) {
  w->text.len = 0;
  int rc = buf_plain(&w->text, v);
  return rc ? rc : put(w, tag, w->text.p, w->text.len, 0);
}

static int is_primary(const char *lang, const char *rec) {
  return !lang || (rec && strcmp(lang, rec) == 0);
}

/* A name as CNKI prints it: Han names run together, others "Family, Given". */
static int name_text(cn_buf *b, const bcv_name *n) {
  if (n->literal)
    return cn_buf_puts(b, n->literal);
  if (n->flags & BCV_NAME_EASTERN)
    return cn_buf_puts(b, n->family ? n->family : "") || cn_buf_puts(b, n->given ? n->given : "");
  int rc = BCV_OK;
  if (n->non_dropping_particle)
    rc = cn_buf_puts(b, n->non_dropping_particle) || cn_buf_putc(b, ' ');
  if (!rc && n->family)
    rc = cn_buf_puts(b, n->family);
  if (!rc && n->given)
    rc = cn_buf_puts(b, ", ") || cn_buf_puts(b, n->given);
  if (!rc && n->dropping_particle)
    rc = cn_buf_putc(b, ' ') || cn_buf_puts(b, n->dropping_particle);
  if (!rc && n->suffix)
    rc = cn_buf_puts(b, ", ") || cn_buf_puts(b, n->suffix);
  return rc;
}

/* A ';'-joined list; a trailing ';' when a name holds a comma, so that a
 * reader never splits "Du, Li" at its comma. */
static int names_line(writer *w, const char *tag, const bcv_field *f, int alt, const char *lang) {
  cn_buf b = {0};
  int comma = 0, any = 0, rc = BCV_OK;
  for (const bcv_name *n = f->names; n && !rc; n = n->next) {
    const bcv_name *x = n;
    if (alt)
      for (x = n->alt; x && !(x->lang && strcmp(x->lang, lang) == 0); x = x->alt)
        ;
    if (!x)
      continue;
    size_t at = b.len;
    rc = (any && cn_buf_putc(&b, ';')) || name_text(&b, x);
    if (!rc && b.len > at) /* b.p is NULL until something is written */
      b.len = at + bcv_markup_strip(b.p + at, b.len - at, b.p + at);
    comma |= b.len > at && cn_find(b.p + at, b.len - at, ",") != (size_t)-1;
    any = 1;
  }
  if (!rc && any) {
    if (comma)
      rc = cn_buf_putc(&b, ';');
    if (!rc && tag[0] == 'N' && lang) {
      char key[48];
      snprintf(key, sizeof key, "NO %s[%s]:", bcv_var_name(f->var), lang);
      rc = put(w, key, b.p, b.len, 0);
    } else if (!rc) {
      rc = put(w, tag, b.p, b.len, 0);
    }
  }
  cn_buf_free(&b);
  return rc;
}

/* Each unit once, in the order of first mention; the check is quadratic,
 * so past a few hundred units (never seen in real data) every mention is
 * written. */
enum { DEDUP_MAX = 256 };

static int affiliations(writer *w, const bcv_field *f) {
  cn_buf b = {0};
  int rc = BCV_OK;
  size_t total = 0;
  for (const bcv_name *n = f->names; n; n = n->next)
    for (const bcv_affil *a = n->affiliations; a; a = a->next)
      total++;
  for (const bcv_name *n = f->names; n && !rc; n = n->next)
    for (const bcv_affil *a = n->affiliations; a && !rc; a = a->next) {
      int dup = total > DEDUP_MAX;
      if (dup) {
        rc = cn_buf_puts(&b, a->text) || cn_buf_putc(&b, ';');
        continue;
      }
      for (const bcv_name *m = f->names; m != n && !dup; m = m->next)
        for (const bcv_affil *c = m->affiliations; c && !dup; c = c->next)
          dup = strcmp(c->text, a->text) == 0;
      for (const bcv_affil *c = n->affiliations; c != a && !dup; c = c->next)
        dup = strcmp(c->text, a->text) == 0;
      if (!dup)
        rc = cn_buf_puts(&b, a->text) || cn_buf_putc(&b, ';');
    }
  if (!rc && b.len)
    rc = put(w, "AD", b.p, b.len, 0);
  /* who belongs where, unless every author has the one same unit */
  size_t units = 0;
  for (size_t i = 0; i < b.len; i++)
    units += b.p[i] == ';';
  int uniform = units == 1;
  for (const bcv_name *n = f->names; n && uniform; n = n->next)
    uniform = n->affiliations && !n->affiliations->next;
  if (!rc && b.len && !uniform && units <= 9) {
    cn_buf links = {0};
    for (const bcv_name *n = f->names; n && !rc; n = n->next) {
      if (n != f->names)
        rc = cn_buf_putc(&links, ';');
      for (const bcv_affil *a = n->affiliations; a && !rc; a = a->next) {
        /* the unit's position in AD */
        size_t pos = 1, at = 0, len = strlen(a->text);
        while (at < b.len && !(memcmp(b.p + at, a->text, len) == 0 && b.p[at + len] == ';')) {
          at = (size_t)((char *)memchr(b.p + at, ';', b.len - at) - b.p) + 1;
          pos++;
        }
        rc = (a != n->affiliations && cn_buf_putc(&links, ',')) || cn_buf_putc(&links, (char)('0' + pos));
      }
    }
    if (!rc)
      rc = put(w, "NO cnki.affiliation-links:", links.p ? links.p : "", links.len, 0);
    cn_buf_free(&links);
  }
  cn_buf_free(&b);
  return rc;
}

/* Other-language forms of names, "NO author[en]: Deng, Zhengyang;Xiang, Fang;" */
static int alt_names(writer *w, const bcv_record *r, const bcv_field *f) {
  bcv_langs langs = {0};
  for (const bcv_name *n = f->names; n; n = n->next)
    for (const bcv_name *a = n->alt; a; a = a->alt)
      if (a->lang)
        bcv_langs_add(&langs, a->lang);
  if (langs.over)
    bcv_diag_langs_dropped(w->diag, r, "cnki", bcv_var_name(f->var));
  for (size_t k = 0; k < langs.n; k++) {
    int rc = names_line(w, "NO", f, 1, langs.tag[k]);
    if (rc)
      return rc;
  }
  return BCV_OK;
}

/* Values of v: the primary-language ones under tag (joined by ';' for
 * lists), the others as NO lines. */
static int text_var(writer *w, const bcv_record *r, const char *tag, bcv_var v, const char *rec) {
  cn_buf b = {0}, note = {0};
  int rc = BCV_OK, list = bcv_var_kind(v) == BCV_KIND_LIST, done_tag = 0;
  bcv_langs langs = {0};
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind != BCV_FIELD_TEXT || f->var != v)
      continue;
    if (is_primary(f->lang, rec) || (!rec && !done_tag)) {
      if (!list && done_tag)
        continue;
      rc = (b.len && cn_buf_putc(&b, ';')) || buf_plain(&b, f->text);
      done_tag = 1;
    } else {
      bcv_langs_add(&langs, f->lang);
    }
  }
  if (langs.over)
    bcv_diag_langs_dropped(w->diag, r, "cnki", bcv_var_name(v));
  if (!rc && b.len) {
    /* the English title has RefWorks's own tag */
    rc = put(w, tag, b.p, b.len, v == BCV_VAR_ABSTRACT);
  }
  for (size_t k = 0; k < langs.n && !rc; k++) {
    const char *lang = langs.tag[k];
    note.len = 0;
    for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
      if (f->kind == BCV_FIELD_TEXT && f->var == v && f->lang && strcmp(f->lang, lang) == 0) {
        if (!list && note.len)
          continue;
        rc = (note.len && cn_buf_putc(&note, ';')) || buf_plain(&note, f->text);
      }
    if (rc)
      break;
    if (v == BCV_VAR_TITLE && strcmp(lang, "en") == 0) {
      rc = put(w, "OT", note.p, note.len, 0);
    } else {
      char key[64];
      snprintf(key, sizeof key, "NO %s[%s]:", bcv_var_name(v), lang);
      rc = put(w, key, note.p, note.len, 0);
    }
  }
  cn_buf_free(&b);
  cn_buf_free(&note);
  return rc;
}

/* Variables whose tag would be read back as another in this record: a
 * conference's publisher place (PP is where it was held), a standard's
 * page (OP is its page count in CNKI's exports).  They go to NO. */
static int on_note(const bcv_record *r, bcv_var v) {
  bcv_type t = bcv_record_type(r);
  if (v == BCV_VAR_PUBLISHER_PLACE)
    return t == BCV_TYPE_PAPER_CONFERENCE;
  if (v == BCV_VAR_EVENT_PLACE)
    return t != BCV_TYPE_PAPER_CONFERENCE;
  return v == BCV_VAR_PAGE && t == BCV_TYPE_STANDARD;
}

static int handled_var(const bcv_record *r, bcv_var v) {
  if (on_note(r, v))
    return 0;
  for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
    if (tags[i].var == v)
      return 1;
  return v == BCV_VAR_AUTHOR || v == BCV_VAR_CONTRIBUTOR || v == BCV_VAR_ORGANIZER ||
         v == BCV_VAR_ISSUED;
}

static int w_write(void *state, const bcv_record *r) {
  writer *w = state;
  int rc;
  const char *rec = bcv_record_lang(r);
  const char *rt = "Generic";
  for (size_t i = 0; i < sizeof rts / sizeof *rts; i++)
    if (rts[i].type == bcv_record_type(r))
      rt = rts[i].rt;
  if (w->count++ && (rc = bcv_output_puts(w->out, "\n")))
    return rc;
  if ((rc = puts_tag(w, "RT", rt)) || (rc = puts_tag(w, "SR", "1")))
    return rc;
  /* a type RefWorks has no name for: CSL's, on a note this reader reads */
  if (strcmp(rt, "Generic") == 0 && bcv_record_type(r) != BCV_TYPE_DOCUMENT &&
      (rc = puts_tag(w, "NO type:", bcv_type_name(bcv_record_type(r)))))
    return rc;
  const bcv_field *au = bcv_record_field(r, BCV_VAR_AUTHOR);
  if (au && ((rc = names_line(w, "A1", au, 0, NULL)) || (rc = affiliations(w, au))))
    return rc;
  const bcv_field *org = bcv_record_field(r, BCV_VAR_ORGANIZER);
  if (org && (rc = names_line(w, "A2", org, 0, NULL)))
    return rc;
  const bcv_field *con = bcv_record_field(r, BCV_VAR_CONTRIBUTOR);
  if (con && (rc = names_line(w, "A3", con, 0, NULL)))
    return rc;
  for (size_t i = 0; i < 2; i++)
    if ((rc = text_var(w, r, tags[i].tag, tags[i].var, rec)))
      return rc;
  const bcv_field *iss = bcv_record_field(r, BCV_VAR_ISSUED);
  if (iss && iss->date->from.parts) {
    char buf[64];
    snprintf(buf, sizeof buf, "%04d", iss->date->from.year);
    if ((rc = puts_tag(w, "YR", buf)))
      return rc;
    if (iss->date->from.parts > 1 || (iss->date->flags & BCV_DATE_RANGE)) {
      bcv_date_format_edtf(iss->date, buf, sizeof buf);
      if ((rc = puts_tag(w, "FD", buf)))
        return rc;
    }
  } else if (iss && iss->date->literal && *iss->date->literal) {
    /* "in press": RefWorks' FD is free text */
    if ((rc = puts_tag(w, "FD", iss->date->literal)))
      return rc;
  }
  for (size_t i = 2; i < sizeof tags / sizeof *tags; i++)
    if (!on_note(r, tags[i].var) && (rc = text_var(w, r, tags[i].tag, tags[i].var, rec)))
      return rc;
  for (const bcv_field *f = bcv_record_fields(r); f; f = f->next) {
    if (f->kind != BCV_FIELD_EXTRA)
      continue;
    if (strcmp(f->key, "bibtex.preamble") == 0) { /* the .bib file's, not this record's */
      bcv_diag_dropped(w->diag, r, "cnki", f->key);
      continue;
    }
    size_t k;
    for (k = 0; k < sizeof extra_tags / sizeof *extra_tags; k++)
      if (strcmp(f->key, extra_tags[k].key) == 0)
        break;
    if (k < sizeof extra_tags / sizeof *extra_tags)
      rc = puts_tag(w, extra_tags[k].tag, f->text);
    else if (strcmp(f->key, "cnki.applicant") == 0)
      rc = puts_tag(w, "A2", f->text);
    else {
      char key[160];
      snprintf(key, sizeof key, "NO %s:", f->key);
      /* another reader's extra is the model's text */
      rc = strncmp(f->key, "cnki.", 5) ? put_text(w, key, f->text)
                                       : put(w, key, f->text, strlen(f->text), 0);
    }
    if (rc)
      return rc;
  }
  /* everything else as "NO variable[lang]: value" */
  for (const bcv_field *f = bcv_record_fields(r); f; f = f->next) {
    if (f->kind == BCV_FIELD_EXTRA || handled_var(r, f->var))
      continue;
    /* a book's editors, translators: "NO editor: 许厚泽;赵其国" */
    if (f->kind == BCV_FIELD_NAMES && (f->var == BCV_VAR_EDITOR || f->var == BCV_VAR_TRANSLATOR)) {
      char tag[48];
      snprintf(tag, sizeof tag, "NO %s:", bcv_var_name(f->var));
      if ((rc = names_line(w, tag, f, 0, NULL)))
        return rc;
      continue;
    }
    char key[64], buf[64];
    if (f->kind == BCV_FIELD_DATE) {
      bcv_date_format_edtf(f->date, buf, sizeof buf);
      snprintf(key, sizeof key, "NO %s:", bcv_var_name(f->var));
      rc = puts_tag(w, key, buf);
    } else if (f->kind == BCV_FIELD_TEXT) {
      if (f->lang && !is_primary(f->lang, rec))
        snprintf(key, sizeof key, "NO %s[%s]:", bcv_var_name(f->var), f->lang);
      else
        snprintf(key, sizeof key, "NO %s:", bcv_var_name(f->var));
      rc = put_text(w, key, f->text);
    } else {
      bcv_diag_dropped(w->diag, r, "cnki", bcv_var_name(f->var));
    }
    if (rc)
      return rc;
  }
  if (au && (rc = alt_names(w, r, au)))
    return rc;
  if (au && au->etal && (rc = puts_tag(w, "NO", "cnki.etal: true")))
    return rc;
  return puts_tag(w, "DS", "CNKI");
}

static int w_end(void *state, int ok) {
  (void)ok;
  writer *w = state;
  cn_buf_free(&w->line);
  cn_buf_free(&w->text);
  free(w);
  return BCV_OK;
}

const bcv_writer_ops cn_writer = {w_begin, w_write, w_end, NULL};
