/* SPDX-License-Identifier: MIT */
/* write.c: EndNote's tagged format, as EndNote exports it and its import
 * filter (and bibutils' end2xml) reads it.
 *
 * "%0 Reference Type" first, then the tags in EndNote's own order, a
 * blank line after each record.  One name a line, "Family, Given" (an
 * institution with EndNote's trailing comma); %Q the title in another
 * language and %H the authors' names in it; one keyword a %K line; the
 * lines of an abstract or a note as lines (a line that would read as a
 * tag gets a space before it).  The "endnote.*" extras go back under
 * their tags; what EndNote has no tag for is reported as dropped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "endnote.h"

typedef struct writer {
  bcv_output *out;
  bcv_diag *diag;
  size_t count;
  char *buf;
  size_t cap;
  char *join; /* a variable's values, joined (bcv_record_join_text) */
  size_t jcap;
} writer;

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

/* "%T value"; with lines, each line of v a line of the file, else line
 * breaks are spaces.  A blank line would end the record: none is
 * written. */
static int tag_n(writer *w, char tag, const char *v, size_t len, int lines) {
  while (len && (v[len - 1] == ' ' || v[len - 1] == '\n' || v[len - 1] == '\t'))
    len--;
  while (len && (*v == ' ' || *v == '\n' || *v == '\t'))
    v++, len--;
  if (!len)
    return BCV_OK;
  int rc = bcv_output_printf(w->out, "%%%c ", tag);
  for (size_t i = 0; i < len && !rc;) {
    size_t j = i;
    while (j < len && v[j] != '\n' && v[j] != '\r')
      j++;
    if (i > 0) {
      /* the next line; one that starts like a tag ("%5 of ...") is kept
       * from being read as one */
      const char *s = v + i;
      size_t n = j - i;
      while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
      if (!n) {
        i = j + 1;
        continue;
      }
      rc = bcv_output_puts(w->out, lines ? "\n" : " ");
      if (!rc && lines && s[0] == '%')
        rc = bcv_output_puts(w->out, " ");
      if (!rc)
        rc = bcv_output_write(w->out, s, n);
    } else {
      rc = bcv_output_write(w->out, v, j);
    }
    i = j + 1;
  }
  return rc ? rc : bcv_output_puts(w->out, "\n");
}

/* The model's text without CSL's markup (EndNote's tagged format has none). */
static int tag_text(writer *w, char tag, const char *v, int lines) {
  size_t len = strlen(v);
  if (len + 1 > w->cap) {
    size_t cap = len + 1 > 2 * w->cap ? len + 1 : 2 * w->cap;
    char *p = realloc(w->buf, cap);
    if (!p)
      return BCV_ENOMEM;
    w->buf = p;
    w->cap = cap;
  }
  len = bcv_markup_strip(v, len, w->buf);
  return tag_n(w, tag, w->buf, len, lines);
}

static const char *extra(const bcv_record *r, char tag) {
  char key[16];
  snprintf(key, sizeof key, "endnote.%c", tag);
  const bcv_field *f = bcv_record_extra(r, key);
  return f ? f->text : NULL;
}

/* An extra's lines, each a line of its tag (as it was read). */
static int extra_lines(writer *w, char tag, const char *x) {
  int rc = BCV_OK;
  for (const char *p = x; p && !rc;) {
    const char *e = strchr(p, '\n');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    rc = tag_n(w, tag, p, n, 0);
    p = e ? e + 1 : NULL;
  }
  return rc;
}

static int is_primary(const bcv_field *f, const char *rl) {
  return !f->lang || (rl && !strcmp(f->lang, rl));
}

/* The values of v in the record's language (others: %Q for a title,
 * else reported), as one line: EndNote has one field of each, so the
 * values of a list (biblatex's "Berlin and New York") are joined with
 * "; " as CSL-JSON joins them; an abstract's or a note's values are the
 * paragraphs of one, a line each. */
static int var_tag(writer *w, const bcv_record *r, bcv_var v, char tag) {
  int para = v == BCV_VAR_ABSTRACT || v == BCV_VAR_NOTE;
  size_t others;
  long n = bcv_record_join_text(r, v, para ? "\n" : "; ", &w->join, &w->jcap, &others);
  if (n < 0)
    return BCV_ENOMEM;
  int rc = n ? tag_text(w, tag, w->join, para) : BCV_OK;
  if (others && v != BCV_VAR_TITLE)
    bcv_diag_dropped(w->diag, r, "endnote", bcv_var_name(v));
  return rc;
}

static size_t name_text(const bcv_name *n, char *buf, size_t cap) {
  int k;
  if (n->literal)
    k = snprintf(buf, cap, "%s,", n->literal);
  else
    k = snprintf(buf, cap, "%s%s%s%s%s%s%s", n->non_dropping_particle ? n->non_dropping_particle : "",
                 n->non_dropping_particle ? " " : "", n->family ? n->family : "",
                 n->given || n->suffix ? ", " : "", n->given ? n->given : "", n->suffix ? ", " : "",
                 n->suffix ? n->suffix : "");
  return k < 0 || (size_t)k >= cap ? 0 : (size_t)k;
}

static int names(writer *w, const bcv_record *r, bcv_var v, char tag) {
  const bcv_field *f = bcv_record_field(r, v);
  int rc = BCV_OK;
  char buf[1024];
  for (const bcv_name *n = f ? f->names : NULL; n && !rc; n = n->next)
    if (name_text(n, buf, sizeof buf))
      rc = tag_text(w, tag, buf, 0);
  return rc;
}

/* %H: the authors' names in the first other language they have, in
 * order (a name without one leaves its line empty... so none is left
 * out: the form or, failing it, nothing is written past it). */
static int alt_names(writer *w, const bcv_record *r) {
  const bcv_field *f = bcv_record_field(r, BCV_VAR_AUTHOR);
  const char *lang = NULL;
  for (const bcv_name *n = f ? f->names : NULL; n && !lang; n = n->next)
    for (const bcv_name *a = n->alt; a && !lang; a = a->alt)
      lang = a->lang;
  if (!lang)
    return BCV_OK;
  int rc = BCV_OK, more = 0;
  char buf[1024];
  for (const bcv_name *n = f->names; n && !rc; n = n->next) {
    const bcv_name *a = n->alt;
    while (a && !(a->lang && !strcmp(a->lang, lang)))
      a = a->alt;
    for (const bcv_name *b = n->alt; b; b = b->alt)
      more |= b != a;
    if (!a) {
      /* %H pairs by position: a gap would shift the names after it */
      bcv_diag_dropped(w->diag, r, "endnote", "the other-language forms of the names after a name without one");
      break;
    }
    if (name_text(a, buf, sizeof buf))
      rc = tag_text(w, 'H', buf, 0);
  }
  if (more)
    bcv_diag_dropped(w->diag, r, "endnote", "names in a second other language");
  return rc;
}

/* %Q: the first title in another language. */
static int alt_title(writer *w, const bcv_record *r) {
  const char *rl = bcv_record_lang(r);
  int n = 0, rc = BCV_OK;
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
    if (f->kind == BCV_FIELD_TEXT && f->var == BCV_VAR_TITLE && !is_primary(f, rl) && !n++)
      rc = tag_text(w, 'Q', f->text, 0);
  if (n > 1)
    bcv_diag_dropped(w->diag, r, "endnote", "title in a third language");
  return rc;
}

static const char *const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};

/* %D the year, %8 the month and day ("June 14"), %[ "2015/10/28" */
static int dates(writer *w, const bcv_record *r, char tag) {
  const bcv_field *f = bcv_record_field(r, tag == '[' ? BCV_VAR_ACCESSED : BCV_VAR_ISSUED);
  if (!f)
    return BCV_OK;
  const bcv_date *d = f->date;
  char buf[64];
  if (!d->from.parts) {
    if (tag == 'D' && d->literal)
      return tag_text(w, 'D', d->literal, 0);
    return BCV_OK;
  }
  if (tag == 'D') {
    snprintf(buf, sizeof buf, "%d", d->from.year);
    if ((d->flags & BCV_DATE_RANGE) || d->season || (d->flags & (BCV_DATE_CIRCA | BCV_DATE_UNCERTAIN)))
      bcv_diag_dropped(w->diag, r, "endnote", "a date range, season or uncertainty");
    return tag_n(w, 'D', buf, strlen(buf), 0);
  }
  if (tag == '[') {
    int k = snprintf(buf, sizeof buf, "%04d", d->from.year);
    if (d->from.parts >= 2)
      k += snprintf(buf + k, sizeof buf - (size_t)k, "/%02d", d->from.month);
    if (d->from.parts >= 3)
      snprintf(buf + k, sizeof buf - (size_t)k, "/%02d", d->from.day);
    return tag_n(w, '[', buf, strlen(buf), 0);
  }
  if (d->from.parts < 2 || d->from.month < 1 || d->from.month > 12)
    return BCV_OK;
  if (d->from.parts >= 3)
    snprintf(buf, sizeof buf, "%s %d", months[d->from.month - 1], d->from.day);
  else
    snprintf(buf, sizeof buf, "%s", months[d->from.month - 1]);
  return tag_n(w, '8', buf, strlen(buf), 0);
}

/* %+: the authors' addresses, one a name, when each has one. */
static int addresses(writer *w, const bcv_record *r) {
  const bcv_field *f = bcv_record_field(r, BCV_VAR_AUTHOR);
  int all = f && f->names, rc = BCV_OK, any = 0;
  for (const bcv_name *n = f ? f->names : NULL; n; n = n->next) {
    all &= n->affiliations && !n->affiliations->next;
    any |= n->affiliations != NULL;
  }
  if (!all) {
    if (any)
      bcv_diag_dropped(w->diag, r, "endnote", "affiliations (not one an author)");
    return BCV_OK;
  }
  for (const bcv_name *n = f->names; n && !rc; n = n->next)
    rc = tag_text(w, '+', n->affiliations->text, 0);
  return rc;
}

/* The variables of a tag of their own (the others are reported). */
static const struct {
  char tag;
  bcv_var var;
} text_tags[] = {
    {'T', BCV_VAR_TITLE},        {'S', BCV_VAR_COLLECTION_TITLE},
    {'O', BCV_VAR_CONTAINER_TITLE_SHORT}, {'!', BCV_VAR_TITLE_SHORT},
    {'C', BCV_VAR_PUBLISHER_PLACE}, {'I', BCV_VAR_PUBLISHER},
    {'V', BCV_VAR_VOLUME},       {'N', BCV_VAR_ISSUE},
    {'7', BCV_VAR_EDITION},
    {'6', BCV_VAR_NUMBER_OF_VOLUMES}, {'&', BCV_VAR_SECTION},
    {'9', BCV_VAR_GENRE},        {'X', BCV_VAR_ABSTRACT},
    {'Z', BCV_VAR_NOTE},         {'U', BCV_VAR_URL},
    {'L', BCV_VAR_CALL_NUMBER},
    {'~', BCV_VAR_ARCHIVE},      {'(', BCV_VAR_ORIGINAL_TITLE},
    {'*', BCV_VAR_REVIEWED_TITLE}, {'@', BCV_VAR_ISBN},
    {'@', BCV_VAR_ISSN},
};

/* %R: a DOI, with "doi:" before it when it does not start "10." (the
 * reader takes only such values for DOIs). */
static int doi_tag(writer *w, const bcv_record *r) {
  const char *d = bcv_record_text(r, BCV_VAR_DOI, NULL);
  if (!d)
    return BCV_OK;
  if (bcv_doi_shape(d, strlen(d)))
    return tag_text(w, 'R', d, 0);
  char *p = malloc(strlen(d) + 5);
  if (!p)
    return BCV_ENOMEM;
  sprintf(p, "doi:%s", d);
  int rc = tag_text(w, 'R', p, 0);
  free(p);
  return rc;
}

/* %P: pages, but a book's or thesis's number of pages (EndNote's
 * "Number of Pages"; its pages when it has none) */
static bcv_var p_var(const bcv_record *r) {
  return en_whole_work(bcv_record_type(r)) && bcv_record_text(r, BCV_VAR_NUMBER_OF_PAGES, NULL)
             ? BCV_VAR_NUMBER_OF_PAGES
             : BCV_VAR_PAGE;
}

static int handled(const bcv_record *r, bcv_var v) {
  for (size_t i = 0; i < sizeof text_tags / sizeof *text_tags; i++)
    if (text_tags[i].var == v)
      return 1;
  if (v == BCV_VAR_PAGE || v == BCV_VAR_NUMBER_OF_PAGES)
    return v == p_var(r);
  return v == BCV_VAR_AUTHOR || v == BCV_VAR_EDITOR || v == BCV_VAR_COLLECTION_EDITOR || v == BCV_VAR_DOI ||
         v == BCV_VAR_TRANSLATOR || v == BCV_VAR_CONTAINER_TITLE || v == BCV_VAR_ISSUED ||
         v == BCV_VAR_ACCESSED || v == BCV_VAR_KEYWORD || v == BCV_VAR_LANGUAGE;
}

static int slot(writer *w, const bcv_record *r, char tag) {
  int rc = BCV_OK;
  for (size_t i = 0; i < sizeof text_tags / sizeof *text_tags && !rc; i++)
    if (text_tags[i].tag == tag)
      rc = var_tag(w, r, text_tags[i].var, tag);
  switch (tag) {
  case '0': {
    if (extra(r, '0'))
      return rc; /* EndNote's own name, as the input had it */
    bcv_type t = bcv_record_type(r);
    const char *name = en_type_name(t);
    if (!name)
      name = "Generic";
    /* a type EndNote has no name for is written as the nearest one */
    if (en_type_of(name, strlen(name)) != t)
      bcv_diag_dropped(w->diag, r, "endnote", "the record's type");
    return tag_n(w, '0', name, strlen(name), 0);
  }
  case 'P': return var_tag(w, r, p_var(r), tag);
  case 'A': return names(w, r, BCV_VAR_AUTHOR, tag);
  case 'E': return names(w, r, BCV_VAR_EDITOR, tag);
  case 'Y': return names(w, r, BCV_VAR_COLLECTION_EDITOR, tag);
  case '?': return names(w, r, BCV_VAR_TRANSLATOR, tag);
  case 'H': return alt_names(w, r);
  case 'Q': return alt_title(w, r);
  case 'J':
  case 'B': {
    /* the container: %B the book of a chapter and the proceedings of a
     * paper, %J every other (EndNote imports both as the Secondary
     * Title; bibutils' end2xml takes %J for every type, %B for few) */
    bcv_type t = bcv_record_type(r);
    int book = t == BCV_TYPE_CHAPTER || t == BCV_TYPE_PAPER_CONFERENCE;
    if ((tag == 'B') == book)
      return var_tag(w, r, BCV_VAR_CONTAINER_TITLE, tag);
    return rc;
  }
  case 'D':
  case '8':
  case '[': return dates(w, r, tag);
  case 'K': {
    const char *rl = bcv_record_lang(r);
    for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
      if (f->kind == BCV_FIELD_TEXT && f->var == BCV_VAR_KEYWORD && is_primary(f, rl))
        rc = tag_text(w, 'K', f->text, 0);
    return rc;
  }
  case 'G': {
    const char *rl = bcv_record_lang(r);
    if (!rl || extra(r, 'G'))
      return rc;
    const char *name = en_lang_name(rl);
    return tag_n(w, 'G', name ? name : rl, strlen(name ? name : rl), 0);
  }
  case 'F': {
    const char *id = bcv_record_id(r);
    return id ? tag_n(w, 'F', id, strlen(id), 0) : rc;
  }
  case '+': return extra(r, '+') ? rc : addresses(w, r);
  case 'R': return doi_tag(w, r);
  }
  return rc;
}

static int w_write(void *state, const bcv_record *r) {
  writer *w = state;
  int rc = BCV_OK;
  if (w->count++ && (rc = bcv_output_puts(w->out, "\n")))
    return rc;
  for (const char *t = en_order; *t && !rc; t++) {
    const char *x;
    if (!(rc = slot(w, r, *t)) && (x = extra(r, *t)))
      rc = extra_lines(w, *t, x);
  }
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind == BCV_FIELD_EXTRA) {
      const char *k = f->key;
      if (!strncmp(k, "endnote.", 8) && k[8] && !k[9]) {
        if (!strchr(en_order, k[8]))
          rc = extra_lines(w, k[8], f->text);
      } else {
        bcv_diag_dropped(w->diag, r, "endnote", k);
      }
    } else if (!handled(r, f->var)) {
      bcv_diag_dropped(w->diag, r, "endnote", bcv_var_name(f->var));
    }
  }
  return rc;
}

static int w_end(void *state, int ok) {
  (void)ok;
  writer *w = state;
  free(w->buf);
  free(w->join);
  free(w);
  return BCV_OK;
}

const bcv_writer_ops en_writer = {w_begin, w_write, w_end, NULL};
