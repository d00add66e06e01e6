/* SPDX-License-Identifier: MIT */
/* write.c: MEDLINE text, as PubMed exports it (and reads back here).
 *
 * Tags in NLM's order, padded to four characters, "- ", one value per
 * line (no wrapping: readers join continuation lines anyway), a blank
 * line between records.  Names as FAU "Family, Given" and AU "Family
 * Initials" (the input's AU when it was not the derived one), AUID and AD
 * after each; a group as CN.  The "medline.*" extras go back under their
 * tags; the first "medline.mesh" keywords are MH lines, the others OT.
 * What MEDLINE has no tag for is reported as dropped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "medline.h"

typedef struct writer {
  bcv_output *out;
  bcv_diag *diag;
  size_t count;
  char *rb; /* the record's lines, written out once it is whole */
  size_t rlen, rcap;
  char *plain;
  size_t plain_cap;
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

static int emit(writer *w, const char *s, size_t n) {
  if (w->rlen + n > w->rcap) {
    size_t cap = w->rcap ? w->rcap : 4096;
    while (cap < w->rlen + n)
      cap *= 2;
    char *p = realloc(w->rb, cap);
    if (!p)
      return BCV_ENOMEM;
    w->rb = p;
    w->rcap = cap;
  }
  memcpy(w->rb + w->rlen, s, n);
  w->rlen += n;
  return BCV_OK;
}

/* "TAG - value", line breaks in the value as spaces. */
static int line_n(writer *w, const char *tag, const char *v, size_t len) {
  while (len && (v[len - 1] == ' ' || v[len - 1] == '\n' || v[len - 1] == '\t'))
    len--;
  while (len && (*v == ' ' || *v == '\n' || *v == '\t'))
    v++, len--;
  if (!len)
    return BCV_OK;
  char head[16];
  int hl = snprintf(head, sizeof head, "%-4s- ", tag);
  int rc = emit(w, head, hl > 0 && (size_t)hl < sizeof head ? (size_t)hl : 0);
  size_t st = 0;
  for (size_t i = 0; i <= len && !rc; i++) {
    if (i < len && v[i] != '\n' && v[i] != '\r')
      continue;
    rc = emit(w, v + st, i - st);
    if (!rc && i < len)
      rc = emit(w, " ", 1);
    st = i + 1;
  }
  return rc ? rc : emit(w, "\n", 1);
}

static int line(writer *w, const char *tag, const char *v) { return line_n(w, tag, v, strlen(v)); }

/* The model's text without CSL's markup (MEDLINE has none). */
static int text_line(writer *w, const char *tag, const char *v) {
  size_t len = strlen(v);
  if (len > w->plain_cap) {
    size_t cap = len > 2 * w->plain_cap ? len : 2 * w->plain_cap;
    char *p = realloc(w->plain, cap);
    if (!p)
      return BCV_ENOMEM;
    w->plain = p;
    w->plain_cap = cap;
  }
  len = bcv_markup_strip(v, len, w->plain);
  return line_n(w, tag, w->plain, len);
}

/* A value's lines as lines of the tag (an extra's repeated lines, an
 * abstract's paragraphs). */
static int lines(writer *w, const char *tag, const char *v, int markup) {
  int rc = BCV_OK;
  for (const char *p = v; !rc;) {
    const char *e = strchr(p, '\n');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (markup) {
      char *piece = strndup(p, n);
      if (!piece)
        return BCV_ENOMEM;
      rc = text_line(w, tag, piece);
      free(piece);
    } else {
      rc = line_n(w, tag, p, n);
    }
    if (!e)
      break;
    p = e + 1;
  }
  return rc;
}

static int is_primary(const bcv_field *f, const char *rec_lang) {
  return !f->lang || (rec_lang && !strcmp(f->lang, rec_lang));
}

/* Every value of v in the record's language as lines of tag; values in
 * other languages are reported, MEDLINE having no place for them. */
static int var_lines(writer *w, const bcv_record *r, bcv_var v, const char *tag) {
  const char *rl = bcv_record_lang(r);
  int rc = BCV_OK, other = 0;
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind != BCV_FIELD_TEXT || f->var != v)
      continue;
    if (!is_primary(f, rl)) {
      other = 1;
      continue;
    }
    rc = v == BCV_VAR_ABSTRACT ? lines(w, tag, f->text, 1) : text_line(w, tag, f->text);
  }
  if (other)
    bcv_diag_dropped(w->diag, r, "medline", bcv_var_name(v));
  return rc;
}

static const char *extra(const bcv_record *r, const char *tag) {
  char key[24];
  snprintf(key, sizeof key, "medline.%s", tag);
  const bcv_field *f = bcv_record_extra(r, key);
  return f ? f->text : NULL;
}

static int extra_lines(writer *w, const bcv_record *r, const char *tag) {
  const char *x = extra(r, tag);
  return x ? lines(w, tag, x, 0) : BCV_OK;
}

static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const seasons[] = {"Spring", "Summer", "Fall", "Winter"};

/* DP: "2018 Apr 15", "2018 Spring", "2018 Apr-Jun", "1998 Dec-1999 Jan" */
static int dp_line(writer *w, const bcv_record *r) {
  const bcv_field *f = bcv_record_field(r, BCV_VAR_ISSUED);
  if (!f)
    return BCV_OK;
  const bcv_date *d = f->date;
  if (!d->from.parts)
    return d->literal ? line(w, "DP", d->literal) : BCV_OK;
  char buf[96];
  size_t k = 0;
  const bcv_date_part *a = &d->from, *b = &d->to;
  k += (size_t)snprintf(buf + k, sizeof buf - k, "%d", a->year);
  if (a->parts >= 2 && a->month >= 1 && a->month <= 12)
    k += (size_t)snprintf(buf + k, sizeof buf - k, " %s", months[a->month - 1]);
  else if (d->season >= 1 && d->season <= 4)
    k += (size_t)snprintf(buf + k, sizeof buf - k, " %s", seasons[d->season - 1]);
  if (a->parts >= 3)
    k += (size_t)snprintf(buf + k, sizeof buf - k, " %d", a->day);
  if ((d->flags & BCV_DATE_RANGE) && b->parts) {
    k += (size_t)snprintf(buf + k, sizeof buf - k, "-");
    int same_year = b->year == a->year, same_month = same_year && b->month == a->month;
    if (!same_year)
      k += (size_t)snprintf(buf + k, sizeof buf - k, "%d%s", b->year, b->parts >= 2 ? " " : "");
    if (b->parts >= 2 && b->month >= 1 && b->month <= 12 && !(same_month && b->parts >= 3))
      k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", months[b->month - 1],
                            b->parts >= 3 ? " " : "");
    if (b->parts >= 3)
      k += (size_t)snprintf(buf + k, sizeof buf - k, "%d", b->day);
  }
  if (d->flags & (BCV_DATE_CIRCA | BCV_DATE_UNCERTAIN | BCV_DATE_OPEN_START | BCV_DATE_OPEN_END))
    bcv_diag_dropped(w->diag, r, "medline", "a date's uncertainty or open end");
  return line(w, "DP", buf);
}

static int ymd_line(writer *w, const bcv_record *r, bcv_var v, const char *tag) {
  const bcv_field *f = bcv_record_field(r, v);
  if (!f)
    return BCV_OK;
  const bcv_date_part *p = &f->date->from;
  if (p->parts < 3) {
    bcv_diag_dropped(w->diag, r, "medline", bcv_var_name(v));
    return BCV_OK;
  }
  char buf[32];
  snprintf(buf, sizeof buf, "%04d%02d%02d", p->year, p->month, p->day);
  return line(w, tag, buf);
}

static const char *name_extra(const bcv_name *n, const char *key) {
  for (const bcv_pair *p = n->extras; p; p = p->next)
    if (!strcmp(p->key, key))
      return p->value;
  return NULL;
}

/* The family name with its particle, "Family, Given, Suffix" (full) or
 * MEDLINE's "Family Initials" (short). */
static void name_text(const bcv_name *n, int full, char *buf, size_t cap) {
  if ((n->flags & BCV_NAME_EASTERN) && n->family && bcv_utf8_is_han(n->family, strlen(n->family))) {
    snprintf(buf, cap, "%s%s", n->family, n->given ? n->given : ""); /* 邓正阳 */
    return;
  }
  size_t k = (size_t)snprintf(buf, cap, "%s%s%s", n->non_dropping_particle ? n->non_dropping_particle : "",
                              n->non_dropping_particle ? " " : "", n->family ? n->family : "");
  if (k >= cap)
    return;
  if (full) {
    snprintf(buf + k, cap - k, "%s%s%s%s", n->given ? ", " : "", n->given ? n->given : "",
             n->suffix ? ", " : "", n->suffix ? n->suffix : "");
    return;
  }
  int start = 1, any = 0;
  for (const char *g = n->given; g && *g && k + 6 < cap;) {
    size_t cl = 1; /* a whole UTF-8 character */
    while (((unsigned char)g[cl] & 0xC0) == 0x80)
      cl++;
    if (*g == ' ' || *g == '-' || *g == '.') {
      start = 1;
    } else if (start) {
      if (!any)
        buf[k++] = ' ';
      any = 1;
      memcpy(buf + k, g, cl);
      k += cl;
      start = 0;
    }
    g += cl;
  }
  if (n->suffix && k + strlen(n->suffix) + 2 < cap) /* "Smith J Jr" */
    k += (size_t)sprintf(buf + k, " %s", n->suffix);
  buf[k] = '\0';
}

/* A name known only by its initials ("J. M.", as an AU line gives it)
 * is written as AU alone, as older records have it. */
static int initials_only(const char *g) {
  if (!g || !*g)
    return 0;
  for (; *g; g++)
    if (!((*g >= 'A' && *g <= 'Z') && g[1] == '.') || (g[2] && g[2] != ' '))
      return 0;
    else
      g += g[2] ? 2 : 1;
  return 1;
}

/* FAU, AU, AUID, AD of each name (FED, ED for editors); a group's CN. */
static int names(writer *w, const bcv_record *r, bcv_var v, const char *full, const char *abbr) {
  const bcv_field *f = bcv_record_field(r, v);
  int rc = BCV_OK;
  char buf[1024];
  for (const bcv_name *n = f ? f->names : NULL; n && !rc; n = n->next) {
    if (n->literal && v != BCV_VAR_AUTHOR) {
      bcv_diag_dropped(w->diag, r, "medline", "an institution as editor");
      continue;
    }
    if (n->literal) {
      rc = text_line(w, "CN", n->literal);
    } else {
      name_text(n, 1, buf, sizeof buf);
      /* FAU, but for a name an AU line alone gives back: initials, or
       * no given name and a comma in the family one */
      if (!initials_only(n->given) && (n->given || !n->family || !strchr(n->family, ',')))
        rc = text_line(w, full, buf);
      const char *au = name_extra(n, v == BCV_VAR_EDITOR ? "medline.ED" : "medline.AU");
      if (!au)
        name_text(n, 0, buf, sizeof buf);
      if (!rc)
        rc = text_line(w, abbr, au ? au : buf);
    }
    for (const bcv_pair *p = n->extras; p && !rc; p = p->next)
      if (!strcmp(p->key, "medline.AUID"))
        rc = line(w, "AUID", p->value);
    for (const bcv_affil *a = n->affiliations; a && !rc; a = a->next)
      rc = text_line(w, "AD", a->text);
  }
  return rc;
}

static size_t mesh_count(const bcv_record *r) {
  const char *m = extra(r, "mesh");
  return m ? (size_t)strtoul(m, NULL, 10) : 0;
}

static int keywords(writer *w, const bcv_record *r, int mh) {
  size_t k = 0, mesh = mesh_count(r);
  int rc = BCV_OK;
  const char *rl = bcv_record_lang(r);
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
    if (f->kind == BCV_FIELD_TEXT && f->var == BCV_VAR_KEYWORD && is_primary(f, rl)) {
      if ((k < mesh) == mh)
        rc = text_line(w, mh ? "MH" : "OT", f->text);
      k++;
    }
  return rc;
}

/* The DOI as "[doi]" under LID and AID. */
static int ids(writer *w, const bcv_record *r, const char *tag) {
  const char *doi = bcv_record_text(r, BCV_VAR_DOI, NULL);
  int rc = BCV_OK;
  if (doi) {
    char *buf = malloc(strlen(doi) + 8);
    if (!buf)
      return BCV_ENOMEM;
    sprintf(buf, "%s [doi]", doi);
    rc = line(w, tag, buf);
    free(buf);
  }
  return rc;
}

/* Variables written under a tag of their own (the rest are reported). */
static const bcv_var written[] = {
    BCV_VAR_PMID, BCV_VAR_PMCID, BCV_VAR_TITLE, BCV_VAR_CONTAINER_TITLE,
    BCV_VAR_COLLECTION_TITLE, BCV_VAR_VOLUME_TITLE, BCV_VAR_ORIGINAL_TITLE, BCV_VAR_ABSTRACT,
    BCV_VAR_AUTHOR, BCV_VAR_EDITOR, BCV_VAR_VOLUME, BCV_VAR_ISSUE, BCV_VAR_PAGE, BCV_VAR_ISSUED,
    BCV_VAR_AVAILABLE_DATE, BCV_VAR_DOI, BCV_VAR_ISSN, BCV_VAR_ISBN, BCV_VAR_LANGUAGE,
    BCV_VAR_CONTAINER_TITLE_SHORT, BCV_VAR_PUBLISHER_PLACE, BCV_VAR_PUBLISHER, BCV_VAR_EDITION,
    BCV_VAR_NOTE, BCV_VAR_KEYWORD,
};

static int is_written(bcv_var v) {
  for (size_t i = 0; i < sizeof written / sizeof *written; i++)
    if (written[i] == v)
      return 1;
  return 0;
}

static int tag_slot(writer *w, const bcv_record *r, const char *tag) {
  bcv_type type = bcv_record_type(r);
  int book = type == BCV_TYPE_BOOK, chapter = type == BCV_TYPE_CHAPTER;
  if (!strcmp(tag, "PMID"))
    return var_lines(w, r, BCV_VAR_PMID, tag);
  if (!strcmp(tag, "IS")) /* the lines as they were, with their kinds */
    return extra(r, "IS") ? BCV_OK : var_lines(w, r, BCV_VAR_ISSN, tag);
  if (!strcmp(tag, "ISBN")) {
    /* an ISBN kept on an IS line is written there */
    const char *is = extra(r, "IS");
    int rc = BCV_OK;
    for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
      if (f->kind == BCV_FIELD_TEXT && f->var == BCV_VAR_ISBN && !(is && strstr(is, f->text)))
        rc = text_line(w, tag, f->text);
    return rc;
  }
  if (!strcmp(tag, "VI"))
    return var_lines(w, r, BCV_VAR_VOLUME, tag);
  if (!strcmp(tag, "IP"))
    return var_lines(w, r, BCV_VAR_ISSUE, tag);
  if (!strcmp(tag, "DP"))
    return dp_line(w, r);
  if (!strcmp(tag, "TI"))
    return book ? BCV_OK : var_lines(w, r, BCV_VAR_TITLE, tag);
  if (!strcmp(tag, "BTI")) {
    return book ? var_lines(w, r, BCV_VAR_TITLE, tag)
                : chapter ? var_lines(w, r, BCV_VAR_CONTAINER_TITLE, tag) : BCV_OK;
  }
  if (!strcmp(tag, "CTI"))
    return var_lines(w, r, BCV_VAR_COLLECTION_TITLE, tag);
  if (!strcmp(tag, "VTI"))
    return var_lines(w, r, BCV_VAR_VOLUME_TITLE, tag);
  if (!strcmp(tag, "TT"))
    return var_lines(w, r, BCV_VAR_ORIGINAL_TITLE, tag);
  if (!strcmp(tag, "PG"))
    return var_lines(w, r, BCV_VAR_PAGE, tag);
  if (!strcmp(tag, "LID") || !strcmp(tag, "AID"))
    return ids(w, r, tag);
  if (!strcmp(tag, "AB"))
    return var_lines(w, r, BCV_VAR_ABSTRACT, tag);
  if (!strcmp(tag, "FAU"))
    return names(w, r, BCV_VAR_AUTHOR, "FAU", "AU");
  if (!strcmp(tag, "FED"))
    return names(w, r, BCV_VAR_EDITOR, "FED", "ED");
  if (!strcmp(tag, "AU") || !strcmp(tag, "AUID") || !strcmp(tag, "CN") || !strcmp(tag, "ED"))
    return BCV_OK; /* with the names */
  if (!strcmp(tag, "LA")) {
    const char *rl = bcv_record_lang(r);
    const char *code = rl ? md_lang_code(rl) : NULL;
    return rl ? line(w, tag, code ? code : rl) : BCV_OK;
  }
  if (!strcmp(tag, "PT")) { /* the types as they were, or the CSL type's */
    if (extra(r, "PT"))
      return BCV_OK;
    /* none where the reader tells the type without one: a journal's
     * article by its journal, a book or a chapter by BTI */
    int journal = !chapter && (bcv_record_text(r, BCV_VAR_CONTAINER_TITLE, NULL) ||
                               bcv_record_text(r, BCV_VAR_CONTAINER_TITLE_SHORT, NULL));
    bcv_type seen = journal ? BCV_TYPE_ARTICLE_JOURNAL
                    : book ? BCV_TYPE_BOOK
                    : chapter && bcv_record_text(r, BCV_VAR_CONTAINER_TITLE, NULL) ? BCV_TYPE_CHAPTER
                    : BCV_TYPE_DOCUMENT;
    if (seen == type)
      return BCV_OK;
    const char *pt = md_type_name(type);
    if (!pt)
      bcv_diag_dropped(w->diag, r, "medline", "the record's type");
    return pt ? line(w, tag, pt) : BCV_OK;
  }
  if (!strcmp(tag, "DEP"))
    return ymd_line(w, r, BCV_VAR_AVAILABLE_DATE, tag);
  if (!strcmp(tag, "PL"))
    return var_lines(w, r, BCV_VAR_PUBLISHER_PLACE, tag);
  if (!strcmp(tag, "PB"))
    return var_lines(w, r, BCV_VAR_PUBLISHER, tag);
  if (!strcmp(tag, "EN"))
    return var_lines(w, r, BCV_VAR_EDITION, tag);
  if (!strcmp(tag, "TA"))
    return var_lines(w, r, BCV_VAR_CONTAINER_TITLE_SHORT, tag);
  if (!strcmp(tag, "JT"))
    return chapter ? BCV_OK : var_lines(w, r, BCV_VAR_CONTAINER_TITLE, tag);
  if (!strcmp(tag, "MH") || !strcmp(tag, "OT"))
    return keywords(w, r, tag[0] == 'M');
  if (!strcmp(tag, "GN"))
    return var_lines(w, r, BCV_VAR_NOTE, tag);
  if (!strcmp(tag, "PMC"))
    return var_lines(w, r, BCV_VAR_PMCID, tag);
  return BCV_OK;
}

static int w_write(void *state, const bcv_record *r) {
  writer *w = state;
  int rc = BCV_OK;
  w->rlen = 0;
  /* each tag: what the model has for it, then the lines kept of it */
  for (size_t i = 0; i < md_norder && !rc; i++)
    if (!(rc = tag_slot(w, r, md_order[i])))
      rc = extra_lines(w, r, md_order[i]);
  /* the record's other MEDLINE tags, then what MEDLINE has no tag for */
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind == BCV_FIELD_EXTRA) {
      const char *k = f->key;
      if (!strncmp(k, "medline.", 8) && strcmp(k + 8, "mesh")) {
        if (md_tag_order(k + 8) == md_norder)
          rc = lines(w, k + 8, f->text, 0);
      } else if (strcmp(k, "medline.mesh")) {
        bcv_diag_dropped(w->diag, r, "medline", k);
      }
    } else if (!is_written(f->var)) {
      bcv_diag_dropped(w->diag, r, "medline", bcv_var_name(f->var));
    }
  }
  if (rc)
    return rc;
  /* a record with nothing MEDLINE holds would be no record at all (its
   * lines are what make one): rejected, and said so, by the caller */
  if (!w->rlen)
    return BCV_EINVAL;
  if (w->count++ && (rc = bcv_output_puts(w->out, "\n")))
    return rc;
  return bcv_output_write(w->out, w->rb, w->rlen);
}

static int w_end(void *state, int ok) {
  (void)ok;
  writer *w = state;
  free(w->plain);
  free(w->rb);
  free(w);
  return BCV_OK;
}

const bcv_writer_ops md_writer = {w_begin, w_write, w_end, NULL};
