/* SPDX-License-Identifier: MIT */
/* write.c: Web of Science's plain-text export.
 *
 * "FN Clarivate Analytics Web of Science" and "VR 1.0" first, each record
 * from PT to ER, a blank line after it, "EF" last.  Tags in the order of
 * Web of Science's own exports; a value of several items (AU, AF, C1, CR)
 * one item a line, the lines after the first indented by three spaces.
 * Names: AU "Brown, JM" (the input's own when it was not the derived
 * one) and AF "Brown, James M.".  C1 as the input had it, else made from
 * the authors' affiliations ("[Brown, James M.; Smith, Anna] Inst.").
 * Keywords: the last "isi.keywords-plus" of them as ID, the others DE.
 * The "isi.*" extras go back under their tags; what Web of Science has
 * no tag for is reported as dropped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "isi.h"

typedef struct writer {
  bcv_output *out;
  bcv_diag *diag;
  int started;
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

/* Room for n bytes in the scratch buffer. */
static char *scratch(writer *w, size_t n) {
  if (n > w->cap) {
    size_t cap = n > 2 * w->cap ? n : 2 * w->cap;
    char *p = realloc(w->buf, cap);
    if (!p)
      return NULL;
    w->buf = p;
    w->cap = cap;
  }
  return w->buf;
}

/* "TG value": with items, each line of v an item on a line of its own
 * (indented); else line breaks are spaces. */
static int tag_n(writer *w, const char *tag, const char *v, size_t len, int items) {
  int rc = BCV_OK, first = 1;
  for (size_t i = 0; i < len && !rc;) {
    size_t j = i;
    while (j < len && !(items && v[j] == '\n'))
      j++;
    const char *s = v + i;
    size_t n = j - i;
    while (n && (*s == ' ' || *s == '\n' || *s == '\t'))
      s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t'))
      n--;
    i = j + 1;
    if (!n)
      continue;
    rc = bcv_output_puts(w->out, first ? tag : "  ");
    if (!rc)
      rc = bcv_output_puts(w->out, " ");
    for (size_t k = 0; k < n && !rc;) {
      size_t e = k;
      while (e < n && s[e] != '\n' && s[e] != '\r')
        e++;
      rc = bcv_output_write(w->out, s + k, e - k);
      if (!rc && e < n)
        rc = bcv_output_puts(w->out, " ");
      k = e + 1;
    }
    if (!rc)
      rc = bcv_output_puts(w->out, "\n");
    first = 0;
  }
  return rc;
}

static int tag_s(writer *w, const char *tag, const char *v, int items) {
  return tag_n(w, tag, v, strlen(v), items);
}

/* Text without CSL's markup, but <sub> and <sup> in INSPEC's notation
 * ("/sub 3/"), as the reader reads it back. */
static int tag_text(writer *w, const char *tag, const char *v, int subsup) {
  size_t len = strlen(v);
  char *o = scratch(w, len * 2 + 16);
  if (!o)
    return BCV_ENOMEM;
  size_t k = 0;
  for (size_t i = 0; i < len;) {
    bcv_mark m;
    int closing;
    size_t t = v[i] == '<' ? bcv_markup_tag(v + i, len - i, &m, &closing) : 0;
    if (!t) {
      o[k++] = v[i++];
      continue;
    }
    if (subsup && (m == BCV_MARK_SUB || m == BCV_MARK_SUP)) {
      const char *s = closing ? "/" : m == BCV_MARK_SUB ? "/sub " : "/sup ";
      memcpy(o + k, s, strlen(s));
      k += strlen(s);
    }
    i += t;
  }
  return tag_n(w, tag, o, k, 0);
}

static const char *extra(const bcv_record *r, const char *tag) {
  char key[24];
  snprintf(key, sizeof key, "isi.%s", tag);
  const bcv_field *f = bcv_record_extra(r, key);
  return f ? f->text : NULL;
}

/* An extra back under its tag: the lines of an item tag as its items,
 * another tag's (its repeated lines, joined when read) each a line. */
static int extra_out(writer *w, const char *tag, const char *x) {
  if (is_item_tag(tag, strlen(tag)))
    return tag_s(w, tag, x, 1);
  int rc = BCV_OK;
  for (const char *p = x; p && !rc;) {
    const char *e = strchr(p, '\n');
    rc = tag_n(w, tag, p, e ? (size_t)(e - p) : strlen(p), 0);
    p = e ? e + 1 : NULL;
  }
  return rc;
}

static int is_primary(const bcv_field *f, const char *rl) {
  return !f->lang || (rl && !strcmp(f->lang, rl));
}

/* The values of v in the record's language (the others are reported),
 * as one tag: Web of Science has one of each, so the values of a list
 * (biblatex's "Berlin and New York") are joined with "; " as CSL-JSON
 * joins them. */
static int var_tag(writer *w, const bcv_record *r, bcv_var v, const char *tag) {
  size_t others;
  long n = bcv_record_join_text(r, v, "; ", &w->join, &w->jcap, &others);
  if (n < 0)
    return BCV_ENOMEM;
  int rc = n ? tag_text(w, tag, w->join, v == BCV_VAR_TITLE || v == BCV_VAR_ABSTRACT) : BCV_OK;
  if (others)
    bcv_diag_dropped(w->diag, r, "isi", bcv_var_name(v));
  return rc;
}

static const char *name_extra(const bcv_name *n, const char *key) {
  for (const bcv_pair *p = n->extras; p; p = p->next)
    if (!strcmp(p->key, key))
      return p->value;
  return NULL;
}

/* AU (full 0) or AF (full 1) of a name variable: one name a line. */
static int names(writer *w, const bcv_record *r, bcv_var v, const char *tag, int full) {
  const bcv_field *f = bcv_record_field(r, v);
  size_t n = 0;
  for (const bcv_name *nm = f ? f->names : NULL; nm; nm = nm->next)
    if (!nm->literal)
      n++;
  if (!n)
    return BCV_OK;
  int rc = BCV_OK, first = 1;
  char one[1024];
  for (const bcv_name *nm = f->names; nm && !rc; nm = nm->next) {
    if (nm->literal)
      continue;
    const char *au = full ? NULL : name_extra(nm, "isi.AU");
    size_t k = au ? (size_t)snprintf(one, sizeof one, "%s", au) : is_name_text(nm, full, one, sizeof one);
    if (!k || k >= sizeof one)
      continue;
    rc = bcv_output_printf(w->out, "%s %s\n", first ? tag : "  ", one);
    first = 0;
  }
  return rc;
}

static int groups(writer *w, const bcv_record *r, bcv_var v, const char *tag) {
  const bcv_field *f = bcv_record_field(r, v);
  int rc = BCV_OK, first = 1;
  for (const bcv_name *nm = f ? f->names : NULL; nm && !rc; nm = nm->next)
    if (nm->literal) {
      rc = bcv_output_printf(w->out, "%s %s\n", first ? tag : "  ", nm->literal);
      first = 0;
    }
  return rc;
}

/* BE: one editor a line, "Family, Given". */
static int editors(writer *w, const bcv_record *r) {
  const bcv_field *f = bcv_record_field(r, BCV_VAR_EDITOR);
  int rc = BCV_OK, first = 1;
  char one[1024];
  for (const bcv_name *nm = f ? f->names : NULL; nm && !rc; nm = nm->next) {
    const char *s = nm->literal;
    if (!s) {
      if (!is_name_text(nm, 1, one, sizeof one))
        continue;
      s = one;
    }
    rc = bcv_output_printf(w->out, "%s %s\n", first ? "BE" : "  ", s);
    first = 0;
  }
  return rc;
}

/* C1 from the authors' affiliations: each address once, after the names
 * of its authors, in the order the addresses first come.  The (address,
 * author) pairs are sorted by address to group them: n log n, however
 * many authors share an address. */
typedef struct pair {
  const char *addr;
  size_t author, first; /* the author's place; the first of its address's */
  const bcv_name *name;
} pair;

static int cmp_addr(const void *a, const void *b) {
  const pair *x = a, *y = b;
  int c = strcmp(x->addr, y->addr);
  return c ? c : (x->author > y->author) - (x->author < y->author);
}

static int cmp_first(const void *a, const void *b) {
  const pair *x = a, *y = b;
  if (x->first != y->first)
    return (x->first > y->first) - (x->first < y->first);
  return (x->author > y->author) - (x->author < y->author);
}

static int addresses(writer *w, const bcv_record *r) {
  const bcv_field *f = bcv_record_field(r, BCV_VAR_AUTHOR);
  size_t n = 0, k = 0;
  for (const bcv_name *a = f ? f->names : NULL; a; a = a->next)
    for (const bcv_affil *af = a->affiliations; af; af = af->next)
      n++;
  if (!n)
    return BCV_OK;
  pair *p = malloc(n * sizeof *p);
  if (!p)
    return BCV_ENOMEM;
  size_t i = 0;
  for (const bcv_name *a = f->names; a; a = a->next, i++)
    for (const bcv_affil *af = a->affiliations; af; af = af->next)
      p[k++] = (pair){af->text, i, 0, a};
  qsort(p, n, sizeof *p, cmp_addr);
  for (k = 0; k < n; k++)
    p[k].first = k && !strcmp(p[k].addr, p[k - 1].addr) ? p[k - 1].first : p[k].author;
  qsort(p, n, sizeof *p, cmp_first);
  int rc = BCV_OK;
  char one[1024];
  for (k = 0; k < n && !rc;) {
    size_t e = k;
    rc = bcv_output_printf(w->out, "%s [", k ? "  " : "C1");
    for (int m = 0; e < n && p[e].first == p[k].first && !rc; e++) {
      if (e > k && p[e].author == p[e - 1].author)
        continue; /* the same address twice for one author */
      const char *s = p[e].name->literal;
      if (!s)
        s = is_name_text(p[e].name, 1, one, sizeof one) ? one : "";
      rc = bcv_output_printf(w->out, "%s%s", m++ ? "; " : "", s);
    }
    if (!rc)
      rc = bcv_output_printf(w->out, "] %s\n", p[k].addr);
    k = e;
  }
  free(p);
  return rc;
}

static size_t plus_count(const bcv_record *r) {
  const char *p = extra(r, "keywords-plus");
  return p ? (size_t)strtoul(p, NULL, 10) : 0;
}

/* DE (plus 0) or ID (plus 1): the keywords, "; "-separated. */
static int keywords(writer *w, const bcv_record *r, int plus) {
  const char *rl = bcv_record_lang(r);
  size_t total = 0, k = 0, np = plus_count(r);
  for (const bcv_field *f = bcv_record_fields(r); f; f = f->next)
    total += f->kind == BCV_FIELD_TEXT && f->var == BCV_VAR_KEYWORD && is_primary(f, rl);
  if (np > total)
    np = total;
  int rc = BCV_OK, first = 1;
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind != BCV_FIELD_TEXT || f->var != BCV_VAR_KEYWORD || !is_primary(f, rl))
      continue;
    if ((k++ >= total - np) != plus)
      continue;
    size_t len = strlen(f->text);
    char *o = scratch(w, len + 1);
    if (!o)
      return BCV_ENOMEM;
    len = bcv_markup_strip(f->text, len, o);
    for (size_t i = 0; i < len; i++)
      if (o[i] == '\n' || o[i] == ';')
        o[i] = ' ';
    rc = bcv_output_printf(w->out, "%s", first ? (plus ? "ID " : "DE ") : "; ");
    if (!rc)
      rc = bcv_output_write(w->out, o, len);
    first = 0;
  }
  return !first && !rc ? bcv_output_puts(w->out, "\n") : rc;
}

static const char *const months[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                     "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
static const char *const seasons[] = {"SPR", "SUM", "FAL", "WIN"};

/* PD ("JUN 14", "MAY-JUN", "SPR") and PY. */
static int date_tags(writer *w, const bcv_record *r, int pd) {
  const bcv_field *f = bcv_record_field(r, BCV_VAR_ISSUED);
  if (!f)
    return BCV_OK;
  const bcv_date *d = f->date;
  if (!d->from.parts) {
    if (!pd && d->literal)
      bcv_diag_dropped(w->diag, r, "isi", "issued");
    return BCV_OK;
  }
  char buf[64];
  if (!pd) {
    snprintf(buf, sizeof buf, "%d", d->from.year);
    return tag_s(w, "PY", buf, 0);
  }
  const bcv_date_part *a = &d->from, *b = &d->to;
  size_t k = 0;
  if (a->parts >= 2 && a->month >= 1 && a->month <= 12)
    k += (size_t)snprintf(buf + k, sizeof buf - k, "%s", months[a->month - 1]);
  else if (d->season >= 1 && d->season <= 4)
    k += (size_t)snprintf(buf + k, sizeof buf - k, "%s", seasons[d->season - 1]);
  else
    return BCV_OK;
  if (a->parts >= 3)
    k += (size_t)snprintf(buf + k, sizeof buf - k, " %d", a->day);
  if ((d->flags & BCV_DATE_RANGE) && b->parts >= 2 && b->year == a->year) {
    if (b->month != a->month && b->month >= 1 && b->month <= 12)
      k += (size_t)snprintf(buf + k, sizeof buf - k, "-%s", months[b->month - 1]);
    if (b->parts >= 3)
      k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%d", b->month != a->month ? " " : "-", b->day);
  }
  return tag_s(w, "PD", buf, 0);
}

/* BP and EP from the page range. */
static int pages(writer *w, const bcv_record *r, int end) {
  const char *p = bcv_record_text(r, BCV_VAR_PAGE, NULL);
  if (!p)
    return BCV_OK;
  const char *dash = strchr(p, '-');
  if (!end)
    return tag_n(w, "BP", p, dash ? (size_t)(dash - p) : strlen(p), 0);
  return dash ? tag_s(w, "EP", dash + 1, 0) : BCV_OK;
}

/* What each variable is written as (the rest is reported). */
static const struct {
  const char *tag;
  bcv_var var;
} text_tags[] = {
    {"TI", BCV_VAR_TITLE},          {"SE", BCV_VAR_COLLECTION_TITLE},
    {"CT", BCV_VAR_EVENT_TITLE},    {"CL", BCV_VAR_EVENT_PLACE},
    {"AB", BCV_VAR_ABSTRACT},       {"PU", BCV_VAR_PUBLISHER},
    {"PI", BCV_VAR_PUBLISHER_PLACE}, {"BN", BCV_VAR_ISBN},
    {"J9", BCV_VAR_JOURNAL_ABBREVIATION}, {"JI", BCV_VAR_CONTAINER_TITLE_SHORT},
    {"VL", BCV_VAR_VOLUME},         {"IS", BCV_VAR_ISSUE},
    {"PN", BCV_VAR_PART},           {"SU", BCV_VAR_SUPPLEMENT},
    {"AR", BCV_VAR_NUMBER},         {"DI", BCV_VAR_DOI},
    {"PG", BCV_VAR_NUMBER_OF_PAGES}, {"PM", BCV_VAR_PMID},
};

static int handled(bcv_var v) {
  for (size_t i = 0; i < sizeof text_tags / sizeof *text_tags; i++)
    if (text_tags[i].var == v)
      return 1;
  return v == BCV_VAR_AUTHOR || v == BCV_VAR_CONTAINER_AUTHOR || v == BCV_VAR_EDITOR ||
         v == BCV_VAR_CONTAINER_TITLE || v == BCV_VAR_LANGUAGE || v == BCV_VAR_KEYWORD ||
         v == BCV_VAR_ISSN || v == BCV_VAR_ISSUED || v == BCV_VAR_PAGE;
}

static int slot(writer *w, const bcv_record *r, const char *tag) {
  bcv_type type = bcv_record_type(r);
  for (size_t i = 0; i < sizeof text_tags / sizeof *text_tags; i++)
    if (!strcmp(text_tags[i].tag, tag))
      return var_tag(w, r, text_tags[i].var, tag);
  if (!strcmp(tag, "PT") || !strcmp(tag, "DT")) {
    if (extra(r, "PT") || extra(r, "DT"))
      return BCV_OK; /* as the input had them */
    const char *v = tag[0] == 'P' ? is_pt_for(type) : is_dt_for(type);
    if (!v && tag[0] == 'P') {
      if (type != BCV_TYPE_DOCUMENT)
        bcv_diag_dropped(w->diag, r, "isi", "the record's type");
      v = "J";
    }
    return v ? tag_s(w, tag, v, 0) : BCV_OK;
  }
  if (!strcmp(tag, "AU"))
    return names(w, r, BCV_VAR_AUTHOR, tag, 0);
  if (!strcmp(tag, "AF"))
    return names(w, r, BCV_VAR_AUTHOR, tag, 1);
  if (!strcmp(tag, "BA"))
    return names(w, r, BCV_VAR_CONTAINER_AUTHOR, tag, 0);
  if (!strcmp(tag, "BF"))
    return names(w, r, BCV_VAR_CONTAINER_AUTHOR, tag, 1);
  if (!strcmp(tag, "CA"))
    return groups(w, r, BCV_VAR_AUTHOR, tag);
  if (!strcmp(tag, "GP"))
    return groups(w, r, BCV_VAR_CONTAINER_AUTHOR, tag);
  if (!strcmp(tag, "BE"))
    return editors(w, r);
  if (!strcmp(tag, "SO"))
    return extra(r, "SO") ? BCV_OK : var_tag(w, r, BCV_VAR_CONTAINER_TITLE, tag);
  if (!strcmp(tag, "LA")) {
    const char *rl = bcv_record_lang(r);
    const char *name = rl ? is_lang_name(rl) : NULL;
    return rl ? tag_s(w, tag, name ? name : rl, 0) : BCV_OK;
  }
  if (!strcmp(tag, "DE") || !strcmp(tag, "ID"))
    return keywords(w, r, tag[0] == 'I');
  if (!strcmp(tag, "C1"))
    return extra(r, "C1") ? BCV_OK : addresses(w, r);
  if (!strcmp(tag, "SN") || !strcmp(tag, "EI")) {
    /* the first ISSN is SN, the one the input had as EI is EI */
    const char *ei = extra(r, "EI");
    int rc = BCV_OK, n = 0;
    for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next)
      if (f->kind == BCV_FIELD_TEXT && f->var == BCV_VAR_ISSN) {
        int is_ei = ei ? !strcmp(ei, f->text) : n++ > 0;
        if (is_ei == (tag[0] == 'E'))
          rc = tag_s(w, tag, f->text, 0);
      }
    return rc;
  }
  if (!strcmp(tag, "PD") || !strcmp(tag, "PY"))
    return date_tags(w, r, tag[1] == 'D');
  if (!strcmp(tag, "BP") || !strcmp(tag, "EP"))
    return pages(w, r, tag[0] == 'E');
  return BCV_OK;
}

static int w_write(void *state, const bcv_record *r) {
  writer *w = state;
  int rc = BCV_OK;
  if (!w->started++ && (rc = bcv_output_puts(w->out, "FN Clarivate Analytics Web of Science\nVR 1.0\n")))
    return rc;
  for (size_t i = 0; i < is_norder && !rc; i++) {
    const char *x;
    rc = slot(w, r, is_order[i]);
    if (!rc && strcmp(is_order[i], "EI") && (x = extra(r, is_order[i])))
      rc = extra_out(w, is_order[i], x);
  }
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind == BCV_FIELD_EXTRA) {
      const char *k = f->key;
      if (!strncmp(k, "isi.", 4) && strlen(k) == 6 && k[4] >= 'A' && k[4] <= 'Z') {
        if (is_tag_order(k + 4) == is_norder)
          rc = extra_out(w, k + 4, f->text);
      } else if (strcmp(k, "isi.keywords-plus")) {
        bcv_diag_dropped(w->diag, r, "isi", k);
      }
    } else if (!handled(f->var)) {
      bcv_diag_dropped(w->diag, r, "isi", bcv_var_name(f->var));
    }
  }
  return rc ? rc : bcv_output_puts(w->out, "ER\n\n");
}

static int w_end(void *state, int ok) {
  writer *w = state;
  int rc = ok && w->started ? bcv_output_puts(w->out, "EF\n") : BCV_OK;
  free(w->buf);
  free(w->join);
  free(w);
  return rc;
}

const bcv_writer_ops is_writer = {w_begin, w_write, w_end, NULL};
