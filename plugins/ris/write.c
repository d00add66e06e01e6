/* SPDX-License-Identifier: MIT */
/* write.c: RIS as EndNote, Zotero and Mendeley import it.
 *
 * TY first and "ER  - " last; one name per AU/A2/A3/A4 line as
 * "Family, Given, Suffix" (institutions as they are); PY with the year and
 * DA with the full date; SP and EP; one KW per keyword; TT for a title in
 * another language; LA.  No BOM; "\n" line ends unless -O crlf.
 * Extras "ris.<TAG>" are written back under their tag (and win over the
 * model's value of that tag: they hold the original spelling).  What RIS
 * has no tag for goes on N1 lines as "key: value" ("abstract[zh]: ...",
 * "cnki.fund: ..."), which the reader reads back.  RIS has no markup:
 * CSL's tags in the model's text are left out (an "ris." extra keeps its
 * input's spelling). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ris.h"

typedef struct writer {
  bcv_output *out;
  bcv_diag *diag;
  const char *eol;
  size_t count;
  /* the record being written, per variable: whether a value is untagged
   * or in the record's language, else the first value's language; and
   * its first title in another language (TT) */
  unsigned char has_plain[BCV_VAR_COUNT];
  const char *first_lang[BCV_VAR_COUNT];
  const bcv_field *tt;
  char *plain; /* a value without its markup (RIS has none), reused */
  size_t plain_cap;
} writer;

static int w_begin(bcv_output *out, const bcv_options *opts, bcv_diag *diag, void **state) {
  writer *w = calloc(1, sizeof *w);
  if (!w)
    return BCV_ENOMEM;
  w->out = out;
  w->diag = diag;
  w->eol = bcv_options_get(opts, "crlf") ? "\r\n" : "\n";
  *state = w;
  return BCV_OK;
}

/* One tag line; line breaks inside a value become spaces, except in
 * abstracts and notes, whose continuation lines RIS readers join. */
static int line(writer *w, const char *tag, const char *v, size_t len, int multi) {
  /* readers trim what ends a value; so does the writer, to be stable */
  while (len && (v[len - 1] == ' ' || v[len - 1] == '\n' || v[len - 1] == '\r' || v[len - 1] == '\t'))
    len--;
  int rc = bcv_output_printf(w->out, "%s  - ", tag);
  size_t st = 0;
  for (size_t i = 0; i <= len && !rc; i++) {
    if (i < len && v[i] != '\n' && v[i] != '\r')
      continue;
    rc = bcv_output_write(w->out, v + st, i - st);
    if (!rc && i < len)
      rc = multi ? bcv_output_puts(w->out, w->eol) : bcv_output_puts(w->out, " ");
    st = i + 1;
  }
  return rc ? rc : bcv_output_puts(w->out, w->eol);
}

static int line_s(writer *w, const char *tag, const char *v) {
  return line(w, tag, v, strlen(v), 0);
}

/* The model's text without CSL's markup, in the writer's buffer; NULL
 * when out of memory.  *len: in, the length of v; out, of the result. */
static const char *plain(writer *w, const char *v, size_t *len) {
  if (*len > w->plain_cap) {
    size_t cap = *len > 2 * w->plain_cap ? *len : 2 * w->plain_cap;
    char *p = realloc(w->plain, cap);
    if (!p)
      return NULL;
    w->plain = p;
    w->plain_cap = cap;
  }
  *len = bcv_markup_strip(v, *len, w->plain);
  return w->plain;
}

/* A line of the model's text: its markup goes (extras, which hold an RIS
 * input's own spelling, are written with line()). */
static int text_line(writer *w, const char *tag, const char *v, int multi) {
  size_t len = strlen(v);
  const char *p = plain(w, v, &len);
  return p ? line(w, tag, p, len, multi) : BCV_ENOMEM;
}

/* Whether the record keeps the input's own spelling of tag (a DOI as a
 * URL, LA as "English", DA as "DEC"), which is then written instead of
 * the model's value.  Other ris.* extras (a second AB, a T2 that lost to
 * JF) are written in addition. */
static unsigned has_extra_tag(const bcv_record *r, const char *tag) {
  static const char spelled[] = "LA DA PY Y2 SP EP ID ";
  char two[4] = {tag[0], tag[1], ' ', '\0'};
  const char *at = tag[0] && tag[1] && !tag[2] ? strstr(spelled, two) : NULL;
  if (!at)
    return 0;
  char key[8];
  snprintf(key, sizeof key, "ris.%s", tag);
  /* a bit of its own for each tag, so that the caller can mark it written */
  return bcv_record_extra(r, key) ? 1u << ((at - spelled) / 3) : 0;
}

static int plain_lang(const bcv_field *f, const char *rec_lang) {
  return !f->lang || (rec_lang && strcmp(f->lang, rec_lang) == 0);
}

/* The value that gets the tag: untagged or in the record's language; when
 * a variable has none such, its first value (as the CSL-JSON writer does).
 * Worked out once per record (study_record), so that a record with many
 * values of one variable is not walked once per value. */
static int is_primary_in(const writer *w, const bcv_field *f, const char *rec_lang) {
  if (plain_lang(f, rec_lang))
    return 1;
  const char *first = w->first_lang[f->var];
  return !w->has_plain[f->var] && first && strcmp(first, f->lang) == 0;
}
#define is_primary(f, rec_lang) is_primary_in(w, (f), (rec_lang))

static void study_record(writer *w, const bcv_record *r, const char *rec_lang) {
  memset(w->has_plain, 0, sizeof w->has_plain);
  memset(w->first_lang, 0, sizeof w->first_lang);
  for (const bcv_field *f = bcv_record_fields(r); f; f = f->next) {
    if (f->kind != BCV_FIELD_TEXT)
      continue;
    if (plain_lang(f, rec_lang))
      w->has_plain[f->var] = 1;
    else if (!w->first_lang[f->var])
      w->first_lang[f->var] = f->lang;
  }
  w->tt = NULL;
  for (const bcv_field *f = bcv_record_fields(r); f && !w->tt; f = f->next)
    if (f->kind == BCV_FIELD_TEXT && f->var == BCV_VAR_TITLE && !is_primary(f, rec_lang))
      w->tt = f;
}

/* The value of an "N1  - key: " line, on that line. */
static int rest_n(writer *w, const char *v, size_t len) {
  int rc = BCV_OK;
  while (len && (v[len - 1] == ' ' || v[len - 1] == '\n' || v[len - 1] == '\r' || v[len - 1] == '\t'))
    len--;
  for (size_t i = 0; i < len && !rc; i++)
    rc = bcv_output_write(w->out, v[i] == '\n' || v[i] == '\r' ? " " : v + i, 1);
  return rc ? rc : bcv_output_puts(w->out, w->eol);
}

static int rest(writer *w, const char *v) {
  return rest_n(w, v, strlen(v));
}

/* rest() for the model's text, without its markup. */
static int rest_text(writer *w, const char *v) {
  size_t len = strlen(v);
  const char *p = plain(w, v, &len);
  return p ? rest_n(w, p, len) : BCV_ENOMEM;
}

static int name_line(writer *w, const char *tag, const bcv_name *n) {
  char buf[1024];
  int k;
  if (n->literal)
    /* EndNote's convention for an institution: a comma after the name */
    k = snprintf(buf, sizeof buf, "%s,", n->literal);
  else
    k = snprintf(buf, sizeof buf, "%s%s%s%s%s%s%s%s%s",
                 n->non_dropping_particle ? n->non_dropping_particle : "",
                 n->non_dropping_particle ? " " : "", n->family ? n->family : "",
                 n->given || n->suffix ? ", " : "", n->given ? n->given : "",
                 n->dropping_particle ? " " : "", n->dropping_particle ? n->dropping_particle : "",
                 n->suffix ? ", " : "", n->suffix ? n->suffix : "");
  if (k < 0)
    return BCV_EIO;
  size_t len = bcv_markup_strip(buf, (size_t)k < sizeof buf ? (size_t)k : sizeof buf - 1, buf);
  return line(w, tag, buf, len, 0);
}

/* "Deng, Zhengyang; Xiang, Fang": the other-language forms in order. */
static int alt_names(writer *w, const bcv_record *r, const bcv_field *f) {
  bcv_langs langs = {0};
  for (const bcv_name *n = f->names; n; n = n->next)
    for (const bcv_name *a = n->alt; a; a = a->alt)
      if (a->lang)
        bcv_langs_add(&langs, a->lang);
  if (langs.over)
    bcv_diag_langs_dropped(w->diag, r, "ris", bcv_var_name(f->var));
  for (size_t k = 0; k < langs.n; k++) {
    const char *lang = langs.tag[k];
    int rc = bcv_output_printf(w->out, "N1  - %s[%s]: ", bcv_var_name(f->var), lang);
    int first = 1;
    for (const bcv_name *n = f->names; n && !rc; n = n->next) {
      const bcv_name *a;
      for (a = n->alt; a && !(a->lang && !strcmp(a->lang, lang)); a = a->alt)
        ;
      if (a && a->literal) /* an institution, with EndNote's comma as on AU lines */
        rc = bcv_output_printf(w->out, "%s%s,", first ? "" : "; ", a->literal);
      else
        rc = bcv_output_printf(w->out, "%s%s%s%s", first ? "" : "; ", a && a->family ? a->family : "",
                               a && a->given ? ", " : "", a && a->given ? a->given : "");
      first = 0;
    }
    if (!rc)
      rc = bcv_output_puts(w->out, w->eol);
    if (rc)
      return rc;
  }
  return BCV_OK;
}

static int date_lines(writer *w, const bcv_record *r) {
  const bcv_field *f = bcv_record_field(r, BCV_VAR_ISSUED);
  int rc = BCV_OK;
  if (f && f->date->from.parts) {
    const bcv_date_part *p = &f->date->from;
    char buf[64];
    if (!has_extra_tag(r, "PY")) {
      snprintf(buf, sizeof buf, "%04d", p->year);
      rc = line_s(w, "PY", buf);
    }
    if (!rc && !has_extra_tag(r, "DA") && p->parts > 1) {
      if (p->parts == 3)
        snprintf(buf, sizeof buf, "%04d/%02d/%02d/", p->year, p->month, p->day);
      else
        snprintf(buf, sizeof buf, "%04d/%02d//", p->year, p->month);
      rc = line_s(w, "DA", buf);
    }
  } else if (f && f->date->literal && *f->date->literal) {
    /* "in press": PY and DA want digits; a note our reader takes back */
    rc = bcv_output_printf(w->out, "N1  - issued: ") || rest(w, f->date->literal);
  }
  f = bcv_record_field(r, BCV_VAR_ACCESSED);
  if (!rc && f && f->date->from.parts && !has_extra_tag(r, "Y2")) {
    const bcv_date_part *p = &f->date->from;
    char buf[64];
    snprintf(buf, sizeof buf, "%04d/%02d/%02d/", p->year, p->month, p->day);
    if (p->parts < 3)
      snprintf(buf, sizeof buf, p->parts == 2 ? "%04d/%02d//" : "%04d///", p->year, p->month);
    rc = line_s(w, "Y2", buf);
  }
  return rc;
}

static int pages(writer *w, const bcv_record *r) {
  const char *pg = bcv_record_text(r, BCV_VAR_PAGE, NULL);
  if (!pg || has_extra_tag(r, "SP"))
    return BCV_OK;
  const char *dash = strchr(pg, '-');
  /* "1106-1111, 1117": a discontinuous range stays whole in SP */
  if (!dash || strchr(pg, ',') || strchr(dash + 1, '-'))
    return line_s(w, "SP", pg);
  int rc = line(w, "SP", pg, (size_t)(dash - pg), 0);
  if (!rc && !has_extra_tag(r, "EP"))
    rc = line_s(w, "EP", dash + 1);
  return rc;
}

/* Variables written by name lists, dates or pages, or never written. */
static int special(bcv_var v) {
  return v == BCV_VAR_ISSUED || v == BCV_VAR_ACCESSED || v == BCV_VAR_PAGE ||
         v == BCV_VAR_KEYWORD || bcv_var_kind(v) == BCV_KIND_NAMES;
}

/* The order text variables are written in: what a reader of the file
 * looks for first. */
static const bcv_var order[] = {
    BCV_VAR_TITLE,         BCV_VAR_TITLE_SHORT,     BCV_VAR_CONTAINER_TITLE,
    BCV_VAR_CONTAINER_TITLE_SHORT, BCV_VAR_COLLECTION_TITLE, BCV_VAR_EVENT_TITLE,
    BCV_VAR_VOLUME,        BCV_VAR_ISSUE,           BCV_VAR_EDITION,
    BCV_VAR_NUMBER_OF_VOLUMES, BCV_VAR_SECTION,     BCV_VAR_PUBLISHER,
    BCV_VAR_PUBLISHER_PLACE, BCV_VAR_EVENT_PLACE,   BCV_VAR_ISSN,
    BCV_VAR_ISBN,          BCV_VAR_DOI,             BCV_VAR_URL,
    BCV_VAR_CALL_NUMBER,   BCV_VAR_LANGUAGE,        BCV_VAR_ARCHIVE,
    BCV_VAR_ABSTRACT,      BCV_VAR_NOTE,
};

static int in_order(bcv_var v) {
  for (size_t i = 0; i < sizeof order / sizeof *order; i++)
    if (order[i] == v)
      return 1;
  return 0;
}

/* One text value: under its tag when it is in the record's language, the
 * first other-language title as TT, anything else as an N1 note. */
static int text_field(writer *w, const bcv_record *r, const bcv_field *f, unsigned cls,
                      const char *rec_lang) {
  int rc;
  const char *tag = rs_tag_for(f->var, cls);
  if (f == w->tt && !has_extra_tag(r, "TT"))
    return text_line(w, "TT", f->text, 0);
  if (tag && is_primary(f, rec_lang))
    return has_extra_tag(r, tag) ? BCV_OK /* the extra holds its spelling */
                                 : text_line(w, tag, f->text,
                                             f->var == BCV_VAR_ABSTRACT || f->var == BCV_VAR_NOTE);
  char key[64];
  if (f->lang && !is_primary(f, rec_lang))
    snprintf(key, sizeof key, "%s[%s]", bcv_var_name(f->var), f->lang);
  else
    snprintf(key, sizeof key, "%s", bcv_var_name(f->var));
  rc = bcv_output_printf(w->out, "N1  - %s: ", key);
  return rc ? rc : rest_text(w, f->text);
}

static int w_write(void *state, const bcv_record *r) {
  writer *w = state;
  int rc = BCV_OK;
  const rs_type *t = rs_type_by_csl(bcv_record_type(r));
  const bcv_field *ty = bcv_record_extra(r, "ris.TY");
  unsigned cls = t->cls;
  const char *rec_lang = bcv_record_lang(r);
  study_record(w, r, rec_lang);
  if (w->count++ && (rc = bcv_output_puts(w->out, w->eol)))
    return rc;
  /* the input's own code when it is one (EJOUR, not "Journal Article") */
  const rs_type *own = ty ? rs_type_by_code(ty->text, strlen(ty->text)) : NULL;
  if (own && (own->cls & RS_ALIAS))
    own = NULL;
  if ((rc = line_s(w, "TY", own ? own->code : t->code)))
    return rc;
  /* names, in the model's order of variables */
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind != BCV_FIELD_NAMES)
      continue;
    const char *tag = rs_tag_for(f->var, cls);
    if (!tag) {
      bcv_diag_dropped(w->diag, r, "ris", bcv_var_name(f->var));
      continue;
    }
    for (const bcv_name *n = f->names; n && !rc; n = n->next)
      rc = name_line(w, tag, n);
    if (!rc && f->etal)
      rc = bcv_output_printf(w->out, "N1  - ris.etal: %s%s", bcv_var_name(f->var), w->eol);
  }
  /* the variables with a tag in a reading order, then the others as notes */
  for (size_t i = 0; i < sizeof order / sizeof *order && !rc; i++)
    for (int pass = 0; pass < 2; pass++) /* the record's language first */
      for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
        if (f->kind == BCV_FIELD_TEXT && f->var == order[i] && is_primary(f, rec_lang) == !pass)
          rc = text_field(w, r, f, cls, rec_lang);
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
    if (f->kind == BCV_FIELD_TEXT && !special(f->var) && !in_order(f->var))
      rc = text_field(w, r, f, cls, rec_lang);
  if (!rc)
    rc = date_lines(w, r);
  if (!rc)
    rc = pages(w, r);
  for (int pass = 0; pass < 2; pass++)
    for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
      if (f->kind == BCV_FIELD_TEXT && f->var == BCV_VAR_KEYWORD && is_primary(f, rec_lang) == !pass) {
        if (!pass)
          rc = text_line(w, "KW", f->text, 0);
        else
          rc = bcv_output_printf(w->out, "N1  - keyword[%s]: ", f->lang) || rest_text(w, f->text);
      }
  /* other dates */
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
    if (f->kind == BCV_FIELD_DATE && f->var != BCV_VAR_ISSUED && f->var != BCV_VAR_ACCESSED) {
      char buf[64];
      bcv_date_format_edtf(f->date, buf, sizeof buf);
      const char *v = f->date->from.parts ? buf : f->date->literal;
      if (v && *v)
        rc = bcv_output_printf(w->out, "N1  - %s: ", bcv_var_name(f->var)) || rest(w, v);
      else
        bcv_diag_dropped(w->diag, r, "ris", bcv_var_name(f->var));
    }
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
    if (f->kind == BCV_FIELD_NAMES)
      rc = alt_names(w, r, f);
  if (!rc && bcv_record_id(r) && !has_extra_tag(r, "ID"))
    rc = line_s(w, "ID", bcv_record_id(r));
  /* extras: our own tags back under their tag, the others as notes */
  unsigned spelled_done = 0; /* the spelled tags written, by has_extra_tag's bit */
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind != BCV_FIELD_EXTRA)
      continue;
    const char *k = f->key;
    if (!strcmp(k, "bibtex.preamble")) { /* the .bib file's, not this record's */
      bcv_diag_dropped(w->diag, r, "ris", k);
      continue;
    }
    const rs_type *code = strcmp(k, "ris.TY") ? NULL : rs_type_by_code(f->text, strlen(f->text));
    if (code && !(code->cls & RS_ALIAS))
      continue; /* written as TY */
    /* a tag of its own (M1, L2, C1...) goes back under it, and the
     * input's spelling of a date, page or language once; a synonym that
     * lost (a T2 beside JF), a second PY (citation.js refuses a record
     * with two: "Failed to convert DA,PY to issued") or an unknown type
     * code goes in a note, so that no reader takes it for the value that
     * won */
    int tag = !strncmp(k, "ris.", 4) && strlen(k) == 6 && k[4] >= 'A' && k[4] <= 'Z';
    unsigned bit = tag ? has_extra_tag(r, k + 4) : 0;
    if (tag && (bit ? !(bit & spelled_done) : !rs_rule_for(k + 4, ~0u)) && strcmp(k + 4, "TY")) {
      spelled_done |= bit;
      rc = line(w, k + 4, f->text, strlen(f->text), 1);
    } else if (!strncmp(k, "ris.", 4))
      rc = bcv_output_printf(w->out, "N1  - %s: ", k) || rest(w, f->text);
    else /* another reader's extra is the model's text */
      rc = bcv_output_printf(w->out, "N1  - %s: ", k) || rest_text(w, f->text);
  }
  if (!rc)
    rc = bcv_output_printf(w->out, "ER  - %s", w->eol);
  return rc;
}

static int w_end(void *state, int ok) {
  (void)ok;
  writer *w = state;
  free(w->plain);
  free(w);
  return BCV_OK;
}

static const bcv_option_desc writer_options[] = {
    {"crlf", "end lines with CR LF, as the RIS specification says (default: LF)"},
    {NULL, NULL},
};

const bcv_writer_ops rs_writer = {w_begin, w_write, w_end, writer_options};
