/* SPDX-License-Identifier: MIT */
/* tagged.c: CNKI's tagged export formats, one table each.
 *
 *   RefWorks     "RT Journal Article" ... "DS CNKI"      two-letter tags
 *   EndNote      "%0 Journal Article" ... "%W CNKI"      %-tags
 *   NoteExpress  "{Reference Type}: Journal Article"    braced tags, : or ：
 *   E-Study      "DataType: 1", "Title-题名: ..."        English-中文 labels
 *
 * A line that does not start with a tag continues the previous value
 * (wrapped abstracts, an address broken by CRLF).  The lines of a record,
 * cut out by read.c, go through the shared tag-line scanner
 * (bibconv/tagline.h) with each dialect's split function below; what is
 * CNKI's own is how continuation lines join and the tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bibconv/tagline.h>
#include "cnki.h"

const cn_tag cn_refworks_tags[] = {
    {"RT", CN_TYPE, NULL},          {"SR", CN_IGNORE, NULL},       {"A1", CN_AUTHORS, NULL},
    {"A2", CN_ORGANIZER, NULL},     {"A3", CN_SUPERVISOR, NULL},   {"AD", CN_AFFILS, NULL},
    {"T1", CN_TITLE, NULL},         {"OT", CN_TITLE_EN, NULL},     {"T2", CN_SECONDARY, NULL},
    {"JF", CN_CONTAINER, NULL},     {"JO", CN_CONTAINER, NULL},    {"YR", CN_YEAR, NULL},
    {"FD", CN_DATE, NULL},          {"VO", CN_VOLUME, NULL},       {"vo", CN_VOLUME, NULL},
    {"IS", CN_ISSUE, NULL},         {"OP", CN_PAGES, NULL},        {"SP", CN_PAGES, NULL},
    {"K1", CN_KEYWORDS, NULL},      {"AB", CN_ABSTRACT, NULL},     {"SN", CN_ISXN, NULL},
    {"CN", CN_CN, NULL},            {"LA", CN_LANG, NULL},         {"PB", CN_PUBLISHER, NULL},
    {"PP", CN_PLACE, NULL},         {"CL", CN_DEGREE, NULL},       {"ID", CN_NUMBER, NULL},
    {"C1", CN_NUMBER, NULL},        {"U4", CN_EXTRA, "cnki.implemented"},
    {"DB", CN_EXTRA, "cnki.database"}, {"DS", CN_IGNORE, NULL},   {"LK", CN_URL, NULL},
    {"UL", CN_URL, NULL},           {"URL", CN_URL, NULL},         {"DO", CN_DOI, NULL},
    {"NO", CN_NOTE, NULL},          {NULL, CN_IGNORE, NULL},
};

static const cn_tag endnote_tags[] = {
    {"0", CN_TYPE, NULL},       {"A", CN_AUTHORS, NULL},    {"+", CN_AFFILS, NULL},
    {"T", CN_TITLE, NULL},      {"J", CN_CONTAINER, NULL},  {"D", CN_DATE, NULL},
    {"V", CN_VOLUME, NULL},     {"N", CN_ISSUE, NULL},      {"K", CN_KEYWORDS, NULL},
    {"X", CN_ABSTRACT, NULL},   {"P", CN_PAGES, NULL},      {"@", CN_ISXN, NULL},
    {"L", CN_CN, NULL},         {"U", CN_URL, NULL},        {"R", CN_DOI, NULL},
    {"Y", CN_SUPERVISOR, NULL}, {"9", CN_DEGREE, NULL},     {"I", CN_PUBLISHER, NULL},
    {"B", CN_SECONDARY, NULL},  {"C", CN_PLACE, NULL},      {"?", CN_ORGANIZER, NULL},
    {"8", CN_DATE, NULL},       {"~", CN_EXTRA, "cnki.database"}, {"W", CN_EXTRA, "cnki.provider"},
    {"G", CN_LANG, NULL},       {"Z", CN_NOTE, NULL},       {NULL, CN_IGNORE, NULL},
};

static const cn_tag noteexpress_tags[] = {
    {"Reference Type", CN_TYPE, NULL},       {"Title", CN_TITLE, NULL},
    {"Translated Title", CN_TITLE_EN, NULL}, {"Author", CN_AUTHORS, NULL},
    {"Translated Author", CN_AUTHORS_EN, NULL}, {"Author Address", CN_AFFILS, NULL},
    {"Journal", CN_CONTAINER, NULL},         {"Translated Journal", CN_CONTAINER_EN, NULL},
    {"Year", CN_YEAR, NULL},                 {"Volume", CN_VOLUME, NULL},
    {"Issue", CN_ISSUE, NULL},               {"Pages", CN_PAGES, NULL},
    {"Keywords", CN_KEYWORDS, NULL},         {"Abstract", CN_ABSTRACT, NULL},
    {"ISBN/ISSN", CN_ISXN, NULL},            {"Notes", CN_CN, NULL},
    {"Database Provider", CN_EXTRA, "cnki.provider"}, {"Tertiary Author", CN_SUPERVISOR, NULL},
    {"Publisher", CN_PUBLISHER, NULL},       {"Type of Work", CN_DEGREE, NULL},
    {"Tertiary Title", CN_CONTAINER, NULL},  {"Secondary Title", CN_SECONDARY, NULL},
    {"Place Published", CN_PLACE, NULL},     {"Subsidiary Author,", CN_ORGANIZER, NULL},
    {"Subsidiary Author", CN_ORGANIZER, NULL}, {"Date", CN_DATE, NULL},
    {"图书印刷版ISBN", CN_ISBN, NULL},        {"SrcDatabase", CN_EXTRA, "cnki.database"},
    {"ISBN", CN_ISXN, NULL},                 {"TryDate", CN_EXTRA, "cnki.implemented"},
    {"Subject", CN_EXTRA, "cnki.claims"},    {"URL", CN_URL, NULL},
    {"DOI", CN_DOI, NULL},                   {"Language", CN_LANG, NULL},
    {NULL, CN_IGNORE, NULL},
};

/* E-Study labels are "English-中文"; the English half decides, except where
 * CNKI reuses it (Organ-机构 are affiliations, Organ-出版者 a publisher). */
static const cn_tag estudy_tags[] = {
    {"DataType", CN_DATATYPE, NULL},    {"Title", CN_TITLE, NULL},
    {"Author", CN_AUTHORS, NULL},       {"Source", CN_CONTAINER, NULL},
    {"Year", CN_YEAR, NULL},            {"PubTime", CN_ONLINE, NULL},
    {"Keyword", CN_KEYWORDS, NULL},     {"Summary", CN_ABSTRACT, NULL},
    {"Period", CN_ISSUE, NULL},         {"Roll", CN_VOLUME, NULL},
    {"Volume", CN_VOLUME, NULL},        {"PageCount", CN_NPAGES, NULL},
    {"Page", CN_PAGES, NULL},           {"SrcDatabase", CN_EXTRA, "cnki.database"},
    {"Organ-出版者", CN_PUBLISHER, NULL}, {"Organ", CN_AFFILS, NULL},
    {"Link", CN_URL, NULL},             {"URL", CN_URL, NULL},
    {"ISSN", CN_ISSN, NULL},            {"DOI", CN_DOI, NULL},
    {"CLC", CN_EXTRA, "cnki.clc"},      {"Fund", CN_EXTRA, "cnki.fund"},
    {"FirstDuty", CN_EXTRA, "cnki.first-duty"},
    {NULL, CN_IGNORE, NULL},
};

static const cn_tag *find_tag(const cn_tag *t, const char *s, size_t len) {
  for (; t->tag; t++)
    if (strlen(t->tag) == len && memcmp(t->tag, s, len) == 0)
      return t;
  return NULL;
}

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* A field's row is its table's number times 256 plus its index there, so
 * that EndNote lines can carry E-Study rows too; -1 for a tag we do not
 * know. */
enum { T_REFWORKS, T_ENDNOTE, T_NOTEEXPRESS, T_ESTUDY };
static const cn_tag *const tables[] = {cn_refworks_tags, endnote_tags, noteexpress_tags,
                                       estudy_tags};

static int row_in(int table, const cn_tag *row) {
  return row ? table * 256 + (int)(row - tables[table]) : -1;
}

static const cn_tag *row_of(int row) {
  return row < 0 ? NULL : &tables[row / 256][row % 256];
}

static int refworks_line(const char *s, size_t len, bcv_tagline_tag *t) {
  size_t n = cn_starts(s, len, "URL") ? 3 : 2;
  if (len < n)
    return 0;
  const cn_tag *row = find_tag(cn_refworks_tags, s, n);
  /* "A1林行众": CNKI sometimes leaves out the space before a Han value */
  if (!row || (len > n && s[n] != ' ' && (unsigned char)s[n] < 0x80))
    return 0;
  *t = (bcv_tagline_tag){0, n, n, row_in(T_REFWORKS, row)};
  return 1;
}

static int estudy_line(const char *s, size_t len, bcv_tagline_tag *t) {
  size_t i = 0;
  while (i < len && is_alpha(s[i]))
    i++;
  if (i == 0 || i > 24)
    return 0;
  size_t eng = i;
  if (i < len && s[i] == '-') {
    i++;
    while (i < len && s[i] != ':' && s[i] != ' ' && !cn_starts(s + i, len - i, "："))
      i += cn_u8len(s + i, len - i);
  }
  size_t full = i;
  if (i < len && s[i] == ':')
    i++;
  else if (cn_starts(s + i, len - i, "："))
    i += 3;
  else if (!(i < len && s[i] == ' ' && full > eng))
    return 0; /* "Label value" only with the Chinese half ("PageCount-页码 0") */
  const cn_tag *row = find_tag(estudy_tags, s, full);
  if (!row)
    row = find_tag(estudy_tags, s, eng);
  if (!row && full == eng)
    return 0; /* "Word:" alone is text, not a label */
  *t = (bcv_tagline_tag){0, full, i, row_in(T_ESTUDY, row)};
  return 1;
}

static int endnote_line(const char *s, size_t len, bcv_tagline_tag *t) {
  if (len < 2 || s[0] != '%' || (len > 2 && s[2] != ' ' && (unsigned char)s[2] < 0x80))
    return estudy_line(s, len, t);
  *t = (bcv_tagline_tag){1, 1, 2, row_in(T_ENDNOTE, find_tag(endnote_tags, s + 1, 1))};
  return 1;
}

static int noteexpress_line(const char *s, size_t len, bcv_tagline_tag *t) {
  if (!len || s[0] != '{')
    return 0;
  size_t close = cn_find(s, len, "}");
  if (close == (size_t)-1 || close > 64)
    return 0;
  size_t v = close + 1;
  if (v < len && s[v] == ':')
    v++;
  else if (cn_starts(s + v, len - v, "："))
    v += 3;
  else
    return 0;
  *t = (bcv_tagline_tag){1, close - 1, v,
                         row_in(T_NOTEEXPRESS, find_tag(noteexpress_tags, s + 1, close - 1))};
  return 1;
}

/* Values are kept as written, continuation lines after a '\n': how they
 * join is decided below, by the field's slot.  read.c bounds a record's
 * text (8 MiB); these limits only bound the index of its fields. */
#define DIALECT(fn)                                                                  \
  {.shape = BCV_TAGLINE_CUSTOM, .split = fn, .max_bytes = (size_t)48 << 20,          \
   .max_fields = 1000000}
static const bcv_tagline_dialect dialects[] = {
    [CN_REFWORKS] = DIALECT(refworks_line),
    [CN_ENDNOTE] = DIALECT(endnote_line),
    [CN_NOTEEXPRESS] = DIALECT(noteexpress_line),
    [CN_ESTUDY] = DIALECT(estudy_line),
};

cn_dialect cn_record_start(const char *s, size_t len) {
  if (cn_starts(s, len, "RT ") && len > 3)
    return CN_REFWORKS;
  if (cn_starts(s, len, "%0 "))
    return CN_ENDNOTE;
  if (cn_starts(s, len, "{Reference Type}"))
    return CN_NOTEEXPRESS;
  if (cn_starts(s, len, "DataType:"))
    return CN_ESTUDY;
  if (len > 3 && s[0] == '[' && s[1] >= '0' && s[1] <= '9') {
    size_t i = 1;
    while (i < len && s[i] >= '0' && s[i] <= '9')
      i++;
    if (i < len && s[i] == ']' && i + 1 < len)
      return CN_GBT;
  }
  return CN_NONE;
}

struct cn_tagged {
  bcv_diag *diag;
  bcv_tagline *sc[sizeof dialects / sizeof *dialects];
  cn_buf val; /* a value joined from its lines */
};

cn_tagged *cn_tagged_new(bcv_diag *diag) {
  cn_tagged *t = calloc(1, sizeof *t);
  if (t)
    t->diag = diag;
  return t;
}

void cn_tagged_free(cn_tagged *t) {
  if (!t)
    return;
  for (size_t i = 0; i < sizeof t->sc / sizeof *t->sc; i++)
    bcv_tagline_free(&t->sc[i]);
  cn_buf_free(&t->val);
  free(t);
}

/* A value continued on more lines: paragraphs of an abstract stay
 * paragraphs; a wrapped address or title joins without a gap, or with
 * a space between two Latin letters. */
static int join_lines(cn_buf *b, const cn_tag *row, const char *v, size_t len) {
  const char *nl = memchr(v, '\n', len);
  b->len = 0;
  int rc = cn_buf_put(b, v, (size_t)(nl - v));
  int para = row && (row->slot == CN_ABSTRACT || row->slot == CN_ABSTRACT_EN);
  for (const char *p = nl + 1, *end = v + len; p <= end && !rc;) {
    const char *e = memchr(p, '\n', (size_t)(end - p));
    if (!e)
      e = end;
    const char *c = p;
    size_t cl = (size_t)(e - p);
    cn_trim(&c, &cl);
    if (cl) {
      char last = b->len ? b->p[b->len - 1] : '\0';
      if (para)
        rc = cn_buf_putc(b, '\n');
      else if (is_alpha(last) && is_alpha(c[0]))
        rc = cn_buf_putc(b, ' ');
      if (!rc)
        rc = cn_buf_put(b, c, cl);
    }
    p = e + 1;
  }
  return rc;
}

static int put_field(cn_tagged *t, cn_builder *b, const bcv_tagline_record *r,
                     const bcv_tagline_field *f) {
  const cn_tag *row = row_of(f->row);
  const char *v = bcv_tagline_value_of(r, f);
  size_t len = f->len;
  if (f->lines) {
    int rc = join_lines(&t->val, row, v, len);
    if (rc)
      return rc;
    v = t->val.p;
    len = t->val.len;
  }
  if (row)
    return cn_put(b, row->slot, row->key, v, len, f->line, 1);
  /* a tag we have no row for is still data: "cnki.<its letters>" */
  const char *tag = bcv_tagline_tag_of(r, f);
  size_t tl = f->tlen < 71 ? f->tlen : 71;
  char key[96];
  size_t k = 0;
  for (size_t i = 0; i < tl && k + 1 < sizeof key - 5; i++)
    if ((unsigned char)tag[i] >= 0x80 || is_alpha(tag[i]) || (tag[i] >= '0' && tag[i] <= '9') ||
        tag[i] == '-')
      key[k++] = tag[i];
  key[k] = '\0';
  char full[112];
  snprintf(full, sizeof full, "cnki.%s", k ? key : "tag");
  return cn_put(b, CN_EXTRA, full, v, len, f->line, 1);
}

/* EndNote from CNKI's API runs "%A a%A b" together on one line. */
static size_t glued_tag(const char *s, size_t len) {
  for (size_t i = 1; i + 2 < len; i++)
    if (s[i] == '%' && s[i - 1] != ' ' && strchr("AKYI", s[i + 1]) && s[i + 2] == ' ')
      return i;
  return len;
}

int cn_read_tagged(cn_tagged *t, cn_builder *b, cn_dialect d, const cn_lines *l) {
  if (!t->sc[d] && !(t->sc[d] = bcv_tagline_new(&dialects[d], t->diag)))
    return BCV_ENOMEM;
  bcv_tagline *sc = t->sc[d];
  bcv_tagline_begin(sc, l->n ? l->lineno[0] : 0);
  const char *p = l->text;
  for (size_t i = 0; i < l->n; i++) {
    const char *nl = memchr(p, '\n', (size_t)(l->text + l->len - p));
    size_t len = (size_t)(nl - p);
    const char *s = p;
    p = nl + 1;
    long line = l->lineno[i];
    while (len) {
      size_t part = d == CN_ENDNOTE ? glued_tag(s, len) : len;
      int kind = bcv_tagline_feed(sc, s, part, line);
      if (kind < 0)
        return kind;
      if (kind == BCV_TAGLINE_LOOSE) {
        const char *c = s;
        size_t cl = part;
        cn_trim(&c, &cl);
        if (cl)
          bcv_diag_report(cn_builder_diag(b), BCV_SEV_WARNING, NULL, line, 1,
                          "line without a tag before the first field; ignored");
      }
      s += part;
      len -= part;
    }
  }
  bcv_tagline_record r;
  int rc = bcv_tagline_end(sc, &r);
  for (size_t i = 0; i < r.n && !rc; i++)
    rc = put_field(t, b, &r, &r.fields[i]);
  return rc;
}
