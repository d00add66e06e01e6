/* SPDX-License-Identifier: MIT */
/* read.c: the EndNote XML reader.
 *
 * Each <record> (in <xml><records>, or in a Word field's <EndNote><Cite>)
 * is expanded alone, the rest of the document streamed past.  Its
 * <ref-type> is read first (by name, else by number): the type's class
 * says what the other elements mean (the rows of map.c).  Then every
 * element is walked: one holding elements other than <style> is read
 * through, any other is a leaf whose text (its <style> runs as CSL's
 * markup) goes where its row says, or is kept as the extra
 * endnote.<path>.
 *
 * Decisions:
 *   - a carriage return ("&#xD;", EndNote's line break inside a field) is
 *     a line break; a line feed is the indentation of pretty-printed
 *     files, white space;
 *   - <year> and <pub-dates><date> ("Mar 3", "March 3, 2015", "Spring",
 *     or an EDTF date) make one issued date; a date that says neither a
 *     month, a day nor a season is kept as it is written;
 *   - an author is "Family, Given[, Suffix]"; with a trailing comma
 *     ("World Health Organization,", EndNote's mark) an institution; a
 *     Han name without a space split by the Han rule; lower-case words
 *     before the family name are its particle ("van Gogh");
 *   - <label> is the record's id (bibutils' reading of EndNote's Label);
 *   - the "key: value" lines of <notes> that the writer adds for what
 *     EndNote has no element for are read back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bcvxml.h"
#include "endxml.h"

#define MAX_ALT 1024 /* translated authors paired with the authors */

typedef struct reader {
  bcv_diag *diag;
  bx_reader *x;
  bcv_record *rec;
  const ex_type *type;
  unsigned cls;
  const char *lang;        /* the record's language, or NULL */
  const xmlNode *lang_el;  /* the <language> that gave it */
  int have_url, alt_title;
  /* what the record has, so that a record of many fields is not searched
   * for each element: a value in its own language, a date or names of
   * each variable; the first name of each list; the text of the
   * variables with a mirror (the journal), to compare the mirror with */
  unsigned char have[BCV_VAR_COUNT];
  bcv_name *head[BCV_VAR_COUNT];
  const char *first[BCV_VAR_COUNT];
  const char *year, *pubdate; /* in the record's arena */
  long year_line, pubdate_line;
  bcv_name *alt;  /* translated authors, in order (scratch) */
  size_t nalt, alt_cap;
  size_t nnames[BCV_VAR_COUNT];
  bx_extras ex; /* the record's extras, gathered */
  bx_buf t, runs, run, path, note, line;
} reader;

/* ---- text ---- */

/* <style face="bold italic">: CSL's markup for EndNote's faces (underline
 * has none). */
enum { F_B = 1, F_I = 2, F_SUP = 4, F_SUB = 8, NFACES = 4 };
static const struct {
  unsigned bit;
  const char *name, *open, *close;
} face_tags[NFACES] = {
    {F_B, "bold", "<b>", "</b>"},
    {F_I, "italic", "<i>", "</i>"},
    {F_SUP, "superscript", "<sup>", "</sup>"},
    {F_SUB, "subscript", "<sub>", "</sub>"},
};

static unsigned faces(const char *f) {
  unsigned m = 0;
  while (f && *f) {
    while (*f == ' ')
      f++;
    const char *e = f;
    while (*e && *e != ' ')
      e++;
    for (int i = 0; i < NFACES; i++)
      if ((size_t)(e - f) == strlen(face_tags[i].name) && !strncmp(f, face_tags[i].name, (size_t)(e - f)))
        m |= face_tags[i].bit;
    f = e;
  }
  return m;
}

/* Text without markup, a carriage return a line break. */
static const bx_style plain_cr = {NULL, NULL, NULL, NULL, 0, 1};

/* Runs of white space at a style run's edge go outside its markup: "a
 * <i> b</i>" (indentation before a run that starts with a space) is "a
 * <i>b</i>".  From s (n bytes) into out. */
static int tidy(const char *s, size_t n, bx_buf *out) {
  out->len = 0;
  int rc = bx_put(out, "", 0);
  int space = 0; /* a space is due before the next text */
  for (size_t i = 0; i < n && !rc;) {
    bcv_mark mk;
    int closing;
    size_t tl = bcv_markup_tag(s + i, n - i, &mk, &closing);
    if (tl) {
      /* a closing tag's space goes after it, an opening one's before it */
      if (!closing && i + tl < n && s[i + tl] == ' ')
        space = 1;
      if (space && !closing && out->len && out->p[out->len - 1] != '\n' && out->p[out->len - 1] != ' ')
        rc |= bx_put(out, " ", 1);
      if (!closing)
        space = 0;
      rc |= bx_put(out, s + i, tl);
      i += tl;
      while (!closing && i < n && s[i] == ' ')
        i++;
      continue;
    }
    if (s[i] == ' ') {
      space = 1;
      i++;
      continue;
    }
    if (s[i] == '\n') {
      space = 0;
      while (out->len && out->p[out->len - 1] == ' ')
        out->len--;
    } else if (space && out->len && out->p[out->len - 1] != '\n') {
      rc |= bx_put(out, " ", 1);
    }
    space = 0;
    rc |= bx_put(out, s + i, 1);
    i++;
  }
  return rc ? BCV_ENOMEM : BCV_OK;
}

/* Close the innermost face of the stack. */
static int close_face(bx_buf *b, unsigned *stack, int *depth) {
  for (int i = 0; i < NFACES; i++)
    if (face_tags[i].bit == stack[*depth - 1]) {
      (*depth)--;
      return bx_put(b, face_tags[i].close, strlen(face_tags[i].close));
    }
  return -1;
}

/* A leaf's text, its <style> runs as CSL's markup, in r->t (valid until
 * the next call).  EndNote's runs are flat, one set of faces each; they
 * are nested back so that a face two runs share is one element: "italic"
 * then "bold italic" is "<i>a <b>b</b></i>", as the writer's runs of
 * that markup came.  A run of white space alone (the indentation between
 * runs) changes no face. */
static const char *text(reader *r, const xmlNode *n) {
  bx_buf *b = &r->runs;
  unsigned stack[NFACES];
  int depth = 0, rc = 0;
  b->len = 0;
  rc |= bx_put(b, "", 0);
  for (const xmlNode *c = n->children; c && !rc; c = c->next) {
    unsigned want = 0;
    if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "style"))
      want = faces(bx_attr(c, "face"));
    else if (c->type != XML_ELEMENT_NODE && c->type != XML_TEXT_NODE &&
             c->type != XML_CDATA_SECTION_NODE && c->type != XML_ENTITY_REF_NODE)
      continue;
    size_t at = b->len;
    if (bx_text_node(r->x, b, c, &plain_cr) < 0) {
      rc = -1;
      break;
    }
    if (!b->p[at + strspn(b->p + at, " \n")])
      continue;
    /* before the run: close the faces it has not, down to the first of
     * them; open those it has that are not open */
    bx_buf *tags = &r->run;
    tags->len = 0;
    rc |= bx_put(tags, "", 0);
    int keep = 0;
    while (keep < depth && (want & stack[keep]))
      keep++;
    while (depth > keep && !rc)
      rc |= close_face(tags, stack, &depth);
    for (int i = 0; i < NFACES; i++) {
      unsigned open = 0;
      for (int k = 0; k < depth; k++)
        open |= stack[k];
      if ((want & face_tags[i].bit) && !(open & face_tags[i].bit)) {
        rc |= bx_put(tags, face_tags[i].open, strlen(face_tags[i].open));
        stack[depth++] = face_tags[i].bit;
      }
    }
    size_t k = tags->len, len = b->len - at;
    if (!rc && k && !(rc = bx_put(b, tags->p, k))) {
      memmove(b->p + at + k, b->p + at, len);
      memcpy(b->p + at, tags->p, k);
    }
  }
  while (depth > 0 && !rc)
    rc |= close_face(b, stack, &depth);
  if (rc)
    return "";
  const char *s = bx_trim(b);
  return !s || tidy(s, strlen(s), &r->t) ? "" : r->t.p;
}

/* ---- keeping ---- */

static int keep_key(reader *r, long line, const char *key, const char *value) {
  return bx_extras_add(&r->ex, r->diag, line, key, value, "\n", 0);
}

/* The extra's key of the element at path, with its attribute attr (NULL
 * for its text): "endnote.urls.pdf-urls.url", "endnote.database.path". */
static void key_of(char *key, size_t size, const char *path, const char *attr) {
  int n = snprintf(key, size, EX_NS "%s%s%s", path, attr ? "." : "", attr ? attr : "");
  for (int i = 0; i < n && (size_t)i < size; i++)
    if (key[i] == '/')
      key[i] = '.';
}

/* The element at path as an extra, with its kept attributes. */
static int keep(reader *r, const xmlNode *n, const char *path, const char *value) {
  char key[256];
  long line = bx_line(n);
  key_of(key, sizeof key, path, NULL);
  int rc = keep_key(r, line, key, value);
  const char *const *attrs = ex_attrs(path);
  for (size_t i = 0; !rc && attrs && attrs[i]; i++) {
    const char *v = bx_attr(n, attrs[i]);
    if (v && !strcmp(attrs[i], "name") && !strcmp(v, value))
      continue;
    key_of(key, sizeof key, path, attrs[i]);
    rc = v ? keep_key(r, line, key, v) : BCV_OK;
  }
  return rc;
}

/* A text value; one in the record's language is noted in have[]. */
static int add(reader *r, bcv_var v, const char *lang, const char *s) {
  if (!*s)
    return BCV_OK;
  int rc = bcv_record_add_text(r->rec, v, lang, s, strlen(s));
  if (rc || (lang && !(r->lang && !strcmp(lang, r->lang))))
    return rc;
  if (!r->have[v] && ex_mirror_out(v, EX_ALL) && !(r->first[v] = bcv_record_strndup(r->rec, s, strlen(s))))
    return BCV_ENOMEM;
  r->have[v] = 1;
  return BCV_OK;
}

static int add_name(reader *r, bcv_var v, const bcv_name *nm) {
  bcv_name *n = bcv_record_add_name(r->rec, v, nm);
  if (!n)
    return BCV_ENOMEM;
  if (!r->head[v])
    r->head[v] = n;
  r->nnames[v]++;
  r->have[v] = 1;
  return BCV_OK;
}

static int add_date(reader *r, bcv_var v, const bcv_date *d) {
  r->have[v] = 1;
  return bcv_record_add_date(r->rec, v, d);
}

static int has_han(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s >= 0xE0 && bcv_utf8_is_han(s, strlen(s)))
      return 1;
  return 0;
}

/* The language of a translated title or name: Chinese when it holds Han
 * characters, else English; never the record's own. */
static const char *other_lang(reader *r, const char *s) {
  const char *l = has_han(s) ? "zh" : "en";
  return r->lang && !strcmp(r->lang, l) ? "und" : l;
}

/* ---- names ---- */

static void trim(const char **s, size_t *n) {
  while (*n && (**s == ' ' || **s == '\n'))
    (*s)++, (*n)--;
  while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\n'))
    (*n)--;
}

/* "Family, Given[, Suffix]" and EndNote's other forms, into n (strings in
 * the record's arena). */
static int parse_name(bcv_record *rec, const char *s, size_t len, bcv_name *n) {
  return bcv_name_parse(rec, s, len, BCV_NAME_PARSE_COMMA_LITERAL | BCV_NAME_PARSE_PARTICLES, n);
}

static int empty_name(const bcv_name *n) {
  return !n->family && !n->given && !n->literal;
}

/* ---- dates ---- */

static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

/* A date in words: "Mar 3", "March 3, 2015", "3 March 2015", "Jun 01",
 * "Spring", "2018/06/25".  Fills what it says into d (year only when
 * written); 0 when something in it is not a date. */
static int words_date(const char *s, bcv_date *d) {
  int month = 0, day = 0, year = 0, season = 0, nums = 0;
  size_t len = strlen(s);
  /* "2018/06/25", "2018/6/25" */
  if (len >= 8 && len <= 10 && is_digit(s[0]) && s[4] == '/') {
    char iso[16];
    size_t o = 0;
    for (size_t i = 0; i < len && o < 11; i++) {
      if (s[i] == '/') {
        /* pad a one-digit part */
        size_t k = i + 1;
        while (k < len && is_digit(s[k]))
          k++;
        iso[o++] = '-';
        if (k - i - 1 == 1)
          iso[o++] = '0';
      } else {
        iso[o++] = s[i];
      }
    }
    return bcv_date_parse_edtf(iso, o, d) == BCV_OK;
  }
  for (size_t i = 0; i < len;) {
    if (s[i] == ' ' || s[i] == ',' || s[i] == '.' || s[i] == '\n') {
      i++;
      continue;
    }
    size_t e = i;
    while (e < len && s[e] != ' ' && s[e] != ',' && s[e] != '\n')
      e++;
    const char *w = s + i;
    size_t n = e - i;
    if (is_digit(w[0])) {
      int v = 0;
      size_t k = 0;
      for (; k < n && is_digit(w[k]) && v < 100000; k++)
        v = v * 10 + (w[k] - '0');
      /* "3rd", "1st" */
      if (k < n && !(n - k == 2 && (!strncmp(w + k, "st", 2) || !strncmp(w + k, "nd", 2) ||
                                    !strncmp(w + k, "rd", 2) || !strncmp(w + k, "th", 2))))
        return 0;
      if (k == 4 && !year)
        year = v;
      else if (k <= 2 && v >= 1 && v <= 31 && !day)
        day = v;
      else
        return 0;
      nums++;
    } else if (!month && ex_month(w, n)) {
      month = ex_month(w, n);
    } else if (!season && ex_season(w, n)) {
      season = ex_season(w, n);
    } else {
      return 0;
    }
    i = e;
  }
  if ((day && !month) || (season && (month || day)) || (!month && !season && !year))
    return 0;
  memset(d, 0, sizeof *d);
  d->from.year = year;
  d->from.month = month;
  d->from.day = month ? day : 0;
  d->from.parts = month ? (day ? 3 : 2) : 1;
  d->season = season;
  (void)nums;
  return 1;
}

/* issued from <year> and <pub-dates><date>. */
static int issued(reader *r) {
  const char *y = r->year, *p = r->pubdate;
  bcv_date d, w;
  int rc = BCV_OK;
  if (!y && !p)
    return BCV_OK;
  /* a whole date in <date> (EDTF, "2015-03-03"), of the same year */
  if (p && bcv_date_parse_edtf(p, strlen(p), &d) == BCV_OK &&
      (!y || bcv_date_parse_edtf(y, strlen(y), &w) != BCV_OK || !d.from.parts || w.from.year == d.from.year))
    return add_date(r, BCV_VAR_ISSUED, &d);
  int have = 0;
  if (y && bcv_date_parse_edtf(y, strlen(y), &d) == BCV_OK) {
    have = 1;
  } else if (y) {
    /* "in press", "n.d.": the text as it is */
    memset(&d, 0, sizeof d);
    d.literal = y;
    rc = add_date(r, BCV_VAR_ISSUED, &d);
    return rc ? rc : p ? keep_key(r, r->pubdate_line, EX_NS "dates.pub-dates.date", p) : BCV_OK;
  }
  if (p && words_date(p, &w) && (!have || !w.from.year || w.from.year == d.from.year) &&
      (!have || (d.from.parts == 1 && !d.flags && !d.season))) {
    if (have)
      w.from.year = d.from.year;
    if (!w.from.year) {
      /* a month without a year is no date: kept as written */
      return keep_key(r, r->pubdate_line, EX_NS "dates.pub-dates.date", p);
    }
    return add_date(r, BCV_VAR_ISSUED, &w);
  }
  if (have)
    rc = add_date(r, BCV_VAR_ISSUED, &d);
  if (!rc && p)
    rc = keep_key(r, r->pubdate_line, EX_NS "dates.pub-dates.date", p);
  return rc;
}

/* ---- identifiers ---- */

static int is_issn(const char *s) {
  for (int i = 0; i < 9; i++) {
    char c = s[i];
    if (i == 4 ? c != '-' : !(is_digit(c) || (i == 8 && (c == 'X' || c == 'x'))))
      return 0;
  }
  return !s[9] || s[9] == ' ' || s[9] == '(';
}

/* One line of <isbn>: an ISSN by its shape (with what follows it, "(Electronic)"),
 * else an ISBN, else what the type's periodical class makes it. */
static int isxn(reader *r, const char *s, size_t n) {
  char line[512];
  if (n >= sizeof line)
    n = sizeof line - 1;
  memcpy(line, s, n);
  line[n] = '\0';
  const char *p = line;
  size_t l = n;
  trim(&p, &l);
  if (!l)
    return BCV_OK;
  int digits = 0;
  for (size_t i = 0; i < l && p[i] != ' '; i++)
    digits += is_digit(p[i]) || p[i] == 'X';
  bcv_var v = is_issn(p) ? BCV_VAR_ISSN
              : digits == 10 || digits == 13 ? BCV_VAR_ISBN
              : (r->cls & EX_SERIAL) ? BCV_VAR_ISSN
                                      : BCV_VAR_ISBN;
  return bcv_record_add_text(r->rec, v, NULL, p, l);
}

/* A DOI as EndNote users enter it: "10.1038/x", "doi:10...", a link. */
static const char *doi_of(const char *s) {
  static const char *const prefixes[] = {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                                         "http://dx.doi.org/", "doi:", "DOI:", "DOI ", NULL};
  for (int i = 0; prefixes[i]; i++)
    if (!strncmp(s, prefixes[i], strlen(prefixes[i]))) {
      s += strlen(prefixes[i]);
      break;
    }
  while (*s == ' ')
    s++;
  if (strncmp(s, "10.", 3) || !is_digit(s[3]) || !strchr(s, '/') || strchr(s, '\n') || strchr(s, ' '))
    return NULL;
  return s;
}

/* ---- notes ---- */

/* What note_line returns for a line that is a note like any other. */
#define NOT_MINE 2

/* Names "Family, Given; Family, Given" of a notes line; with lang, the
 * other-language forms of v's names in order (an empty place keeps its
 * name without one). */
static int names_line(reader *r, bcv_var v, const char *lang, const char *s) {
  bcv_name *to = lang ? r->head[v] : NULL;
  if (lang) {
    /* more forms than names: no name to hang them on, a note */
    size_t places = 1;
    for (const char *p = s; *p; p++)
      places += *p == ';';
    if (places > r->nnames[v])
      return NOT_MINE;
  }
  for (const char *p = s; p && *p;) {
    const char *e = strchr(p, ';');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    bcv_name nm;
    int rc = parse_name(r->rec, p, n, &nm);
    if (rc)
      return rc;
    if (lang) {
      if (!empty_name(&nm)) {
        nm.lang = lang;
        if ((rc = bcv_name_add_alt(r->rec, to, &nm)))
          return rc;
      }
      to = (bcv_name *)to->next;
    } else if (!empty_name(&nm) && (rc = add_name(r, v, &nm))) {
      return rc;
    }
    p = e ? e + 1 : NULL;
  }
  return BCV_OK;
}

/* A "key: value" line the writer adds: read back, or NOT_MINE. */
static int note_line(reader *r, const xmlNode *n, const char *s, size_t len) {
  const char *colon = memchr(s, ':', len);
  size_t kl = colon ? (size_t)(colon - s) : 0;
  if (!colon || !kl || kl >= 64 || kl + 2 > len || colon[1] != ' ' || memchr(s, ' ', kl))
    return NOT_MINE;
  char key[64], lang[32] = "";
  memcpy(key, s, kl);
  key[kl] = '\0';
  char *br = strchr(key, '[');
  if (br) {
    size_t ll = strlen(br + 1);
    if (!ll || br[ll] != ']' || ll > sizeof lang)
      return NOT_MINE;
    memcpy(lang, br + 1, ll - 1);
    lang[ll - 1] = '\0';
    *br = '\0';
  }
  size_t vl = len - kl - 2;
  r->line.len = 0;
  if (bx_put(&r->line, colon + 2, vl) || bx_put(&r->line, "", 0))
    return BCV_ENOMEM;
  const char *v = r->line.p;
  if (!*lang && !strcmp(key, EX_NS "etal")) {
    bcv_var ev = bcv_var_from_name(v, vl);
    return ev != BCV_VAR_NONE && bcv_var_kind(ev) == BCV_KIND_NAMES ? bcv_record_set_etal(r->rec, ev) : NOT_MINE;
  }
  /* another format's extra ("cnki.fund"): a namespace in lower case */
  size_t ns = strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789-_");
  if (!*lang && ns && key[ns] == '.' && key[ns + 1] && key[strlen(key) - 1] != '.')
    return bcv_record_add_extra(r->rec, key, v, vl, 0);
  if (!*lang && !strcmp(key, "type")) {
    /* the CSL type of a record of the EndNote type the writer gives it */
    bcv_type t = bcv_type_from_name(v, vl);
    if (t == BCV_TYPE_COUNT || ex_type_out(t, 1, 0) != r->type || r->type->type == t)
      return NOT_MINE;
    bcv_record_set_type(r->rec, t);
    return BCV_OK;
  }
  bcv_var var = bcv_var_from_name(key, strlen(key));
  if (var == BCV_VAR_NONE)
    return NOT_MINE;
  bcv_kind k = bcv_var_kind(var);
  /* a variable EndNote has an element for is written there: a line of
   * it is the user's own */
  if (!*lang && ex_row_out(var, r->cls))
    return NOT_MINE;
  (void)n;
  if (k == BCV_KIND_DATE) {
    if (*lang)
      return NOT_MINE;
    bcv_date d;
    if (bcv_date_parse_edtf(v, vl, &d) != BCV_OK) {
      memset(&d, 0, sizeof d);
      if (!(d.literal = bcv_record_strndup(r->rec, v, vl)))
        return BCV_ENOMEM;
    }
    if (r->have[var])
      return NOT_MINE;
    return add_date(r, var, &d);
  }
  if (k == BCV_KIND_NAMES) {
    char *l = *lang ? bcv_record_strndup(r->rec, lang, strlen(lang)) : NULL;
    if (*lang && !l)
      return BCV_ENOMEM;
    return names_line(r, var, l, v);
  }
  return add(r, var, *lang ? lang : NULL, v);
}

static int notes(reader *r, const xmlNode *n, const char *s) {
  bx_buf *b = &r->note;
  b->len = 0;
  if (bx_put(b, "", 0))
    return BCV_ENOMEM;
  for (const char *p = s; *p;) {
    const char *e = strchr(p, '\n');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    int rc = note_line(r, n, p, len);
    if (rc < 0)
      return rc;
    if (rc == NOT_MINE && ((b->len && bx_put(b, "\n", 1)) || bx_put(b, p, len)))
      return BCV_ENOMEM;
    p = e ? e + 1 : p + len;
  }
  return b->len ? add(r, BCV_VAR_NOTE, NULL, b->p) : BCV_OK;
}

/* ---- the record ---- */

/* The variable the authors' element is in this class. */
static bcv_var authors_var(reader *r) {
  const ex_row *row = ex_row_in("contributors/authors/author", r->cls);
  return row ? row->var : BCV_VAR_AUTHOR;
}

static int leaf(reader *r, const xmlNode *n, const char *path) {
  const ex_row *row = ex_row_in(path, r->cls);
  if (row && row->act == EX_TYPE)
    return BCV_OK; /* read first */
  const char *s = text(r, n);
  if (!row)
    return *s || ex_attrs(path) ? keep(r, n, path, s) : BCV_OK;
  if (!*s)
    return BCV_OK;
  switch (row->act) {
  case EX_MIRROR:
    /* a copy of the variable's own element: kept when it says more */
    if (!r->have[row->var])
      return add(r, row->var, NULL, s);
    return r->first[row->var] && !strcmp(r->first[row->var], s) ? BCV_OK : keep(r, n, path, s);
  case EX_TEXT:
    if (bcv_var_kind(row->var) != BCV_KIND_LIST && r->have[row->var]) {
      /* the element of which a mirror came first, saying the same */
      if (r->first[row->var] && !strcmp(r->first[row->var], s))
        return BCV_OK;
      return keep(r, n, path, s);
    }
    return add(r, row->var, NULL, s);
  case EX_NAMES: {
    bcv_name nm;
    int rc = parse_name(r->rec, s, strlen(s), &nm);
    if (rc || empty_name(&nm))
      return rc;
    return add_name(r, row->var, &nm);
  }
  case EX_ALT_NAMES: {
    if (r->nalt == r->alt_cap) {
      size_t cap = r->alt_cap ? r->alt_cap * 2 : 16;
      bcv_name *a = cap <= MAX_ALT ? realloc(r->alt, cap * sizeof *a) : NULL;
      if (!a)
        return keep(r, n, path, s);
      r->alt = a, r->alt_cap = cap;
    }
    int rc = parse_name(r->rec, s, strlen(s), &r->alt[r->nalt]);
    if (!rc && !empty_name(&r->alt[r->nalt]))
      r->nalt++;
    return rc;
  }
  case EX_ALT_TITLE: {
    if (r->alt_title)
      return keep(r, n, path, s);
    r->alt_title = 1;
    return add(r, BCV_VAR_TITLE, other_lang(r, s), s);
  }
  case EX_ISXN: {
    int rc = BCV_OK;
    for (const char *p = s; *p && !rc;) {
      const char *e = strchr(p, '\n');
      size_t len = e ? (size_t)(e - p) : strlen(p);
      rc = isxn(r, p, len);
      p = e ? e + 1 : p + len;
    }
    return rc;
  }
  case EX_DOI: {
    const char *d = doi_of(s);
    return d && !r->have[BCV_VAR_DOI] ? add(r, BCV_VAR_DOI, NULL, d) : keep(r, n, path, s);
  }
  case EX_PMCID:
    return !strncmp(s, "PMC", 3) && is_digit(s[3]) && strspn(s + 3, "0123456789") == strlen(s + 3) &&
                   !r->have[BCV_VAR_PMCID]
               ? add(r, BCV_VAR_PMCID, NULL, s)
               : keep(r, n, path, s);
  case EX_YEAR:
    if (r->year)
      return keep(r, n, path, s);
    r->year = bcv_record_strndup(r->rec, s, strlen(s));
    r->year_line = bx_line(n);
    return r->year ? BCV_OK : BCV_ENOMEM;
  case EX_PUBDATE:
    if (r->pubdate)
      return keep(r, n, path, s);
    r->pubdate = bcv_record_strndup(r->rec, s, strlen(s));
    r->pubdate_line = bx_line(n);
    return r->pubdate ? BCV_OK : BCV_ENOMEM;
  case EX_DATE: {
    bcv_date d;
    if (r->have[row->var] ||
        (bcv_date_parse_edtf(s, strlen(s), &d) != BCV_OK && (!words_date(s, &d) || !d.from.year)))
      return keep(r, n, path, s);
    return add_date(r, row->var, &d);
  }
  case EX_URL:
    if (r->have_url)
      return keep(r, n, path, s);
    r->have_url = 1;
    return add(r, row->var, NULL, s);
  case EX_LANG:
    return n == r->lang_el ? BCV_OK : keep(r, n, path, s);
  case EX_LABEL:
    return bcv_record_id(r->rec) ? keep(r, n, path, s) : bcv_record_set_id(r->rec, s, strlen(s));
  case EX_NOTES:
    return notes(r, n, s);
  case EX_TYPE:
    break;
  }
  return BCV_OK;
}

/* An element holding elements other than <style> is read through. */
static int is_leaf(const xmlNode *n) {
  for (const xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "style"))
      return 0;
  return 1;
}

static int walk(reader *r, const xmlNode *m, size_t at) {
  int rc = BCV_OK;
  for (const xmlNode *c = m->children; c && !rc; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    const char *name = (const char *)c->name;
    r->path.len = at;
    if ((at && bx_put(&r->path, "/", 1)) || bx_put(&r->path, name, strlen(name)))
      return BCV_ENOMEM;
    if (is_leaf(c)) {
      /* the path, as leaf() may call text() that does not touch it */
      rc = leaf(r, c, r->path.p);
    } else {
      rc = walk(r, c, r->path.len);
    }
  }
  r->path.len = at;
  if (r->path.p)
    r->path.p[at] = '\0';
  return rc;
}

/* Whether s has the shape of a BCP 47 tag ("pt-BR"): a language of two
 * or three lower-case letters, subtags of letters and digits. */
static int is_lang_tag(const char *s) {
  size_t n = strlen(s), l = strspn(s, "abcdefghijklmnopqrstuvwxyz");
  return n <= 35 && l >= 2 && l <= 3 && (!s[l] || s[l] == '-') &&
         strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

/* <ref-type>: the type and its class. */
static int ref_type(reader *r, const xmlNode *m) {
  xmlNodePtr rt = bx_child(m, "ref-type");
  const char *name = rt ? bx_attr(rt, "name") : NULL;
  char number[32] = "";
  if (rt)
    snprintf(number, sizeof number, "%s", bx_text(r->x, rt, NULL));
  r->type = ex_type_in(name, number);
  if (r->type && (!name || !strcasecmp(name, r->type->name)))
    return BCV_OK;
  int rc = BCV_OK;
  if (!r->type && rt)
    bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, bx_line(rt), 0,
                    "unknown EndNote reference type '%s' (%s); read as a generic reference",
                    name ? name : "", number);
  /* a name EndNote does not use (another language's, a user's own) is
   * kept, and the number with it */
  if (name && *name)
    rc = keep_key(r, bx_line(rt), EX_NS "ref-type.name", name);
  if (!rc && *number)
    rc = keep_key(r, bx_line(rt), EX_NS "ref-type", number);
  return rc;
}

static int record(reader *r, const xmlNode *m, bcv_record **out) {
  r->rec = bcv_record_new();
  if (!r->rec)
    return BCV_ENOMEM;
  bcv_record_set_pos(r->rec, bx_line(m), 0);
  bx_extras_reset(&r->ex);
  r->lang = NULL;
  r->lang_el = NULL;
  r->have_url = r->alt_title = 0;
  memset(r->have, 0, sizeof r->have);
  memset(r->head, 0, sizeof r->head);
  memset(r->first, 0, sizeof r->first);
  memset(r->nnames, 0, sizeof r->nnames);
  r->year = r->pubdate = NULL;
  r->nalt = 0;
  int rc = ref_type(r, m);
  const ex_type *gen = ex_type_in("Generic", NULL);
  if (!r->type)
    r->type = gen;
  r->cls = r->type->cls;
  bcv_record_set_type(r->rec, r->type->type);
  /* the language first: it says which texts are the record's own */
  xmlNodePtr ln = bx_child(m, "language");
  if (!rc && ln) {
    const char *s = text(r, ln);
    const char *tag = bx_lang_tag(s);
    if (tag || is_lang_tag(s)) {
      rc = add(r, BCV_VAR_LANGUAGE, NULL, tag ? tag : s);
      r->lang = bcv_record_lang(r->rec);
      r->lang_el = ln;
    }
  }
  r->path.len = 0;
  if (!rc)
    rc = bx_put(&r->path, "", 0) ? BCV_ENOMEM : walk(r, m, 0);
  if (!rc)
    rc = issued(r);
  /* the translated authors, with the authors in order */
  if (!rc && r->nalt) {
    bcv_name *to = r->head[authors_var(r)];
    size_t i = 0;
    for (; i < r->nalt && to && !rc; i++, to = (bcv_name *)to->next) {
      bcv_name *a = &r->alt[i];
      const char *l = a->literal ? a->literal : a->family ? a->family : a->given;
      a->lang = other_lang(r, l);
      rc = bcv_name_add_alt(r->rec, to, a);
    }
    /* more than the authors: kept as they are written */
    for (; i < r->nalt && !rc; i++) {
      const bcv_name *a = &r->alt[i];
      char buf[1024];
      if (a->literal)
        snprintf(buf, sizeof buf, "%s,", a->literal);
      else
        snprintf(buf, sizeof buf, "%s%s%s%s%s%s%s", a->non_dropping_particle ? a->non_dropping_particle : "",
                 a->non_dropping_particle ? " " : "", a->family ? a->family : "", a->given ? ", " : "",
                 a->given ? a->given : "", a->dropping_particle ? " " : "",
                 a->dropping_particle ? a->dropping_particle : "");
      rc = keep_key(r, bx_line(m), EX_NS "contributors.translated-authors.author", buf);
    }
  }
  /* the type's name is kept when the writer would not give it back */
  if (!rc) {
    int has_au = bcv_record_field(r->rec, BCV_VAR_AUTHOR) != NULL;
    int has_ed = bcv_record_field(r->rec, BCV_VAR_EDITOR) != NULL;
    int kept = 0;
    for (int i = 0; i < r->ex.n; i++)
      kept |= !strcmp(r->ex.e[i].key, EX_NS "ref-type.name");
    if (!kept && ex_type_out(bcv_record_type(r->rec), has_au, has_ed) != r->type)
      rc = keep_key(r, bx_line(m), EX_NS "ref-type.name", r->type->name);
  }
  if (!rc)
    rc = bx_extras_flush(&r->ex, r->rec);
  if (rc) {
    bcv_record_free(&r->rec);
    return rc;
  }
  if (!bcv_record_fields(r->rec) && !bcv_record_id(r->rec)) {
    bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, bx_line(m), 0, "record with nothing in it; skipped");
    bcv_record_free(&r->rec);
    return BCV_OK;
  }
  *out = r->rec;
  r->rec = NULL;
  return BCV_OK;
}

static int r_next(void *state, bcv_record **out) {
  reader *r = state;
  *out = NULL;
  int ret;
  while ((ret = bx_next(r->x)) == 1) {
    if (strcmp(bx_name(r->x), "record"))
      continue;
    xmlNodePtr n = bx_expand(r->x);
    int rc = n ? record(r, n, out) : BCV_OK;
    bx_skip(r->x);
    if (rc)
      return rc;
    if (*out)
      return BCV_OK;
  }
  return ret < 0 ? ret : BCV_DONE;
}

static int r_open(bcv_input *in, const bcv_options *opts, bcv_diag *diag, void **state) {
  (void)opts;
  reader *r = calloc(1, sizeof *r);
  if (!r)
    return BCV_ENOMEM;
  r->diag = diag;
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
  bcv_record_free(&r->rec);
  bx_extras_free(&r->ex);
  free(r->alt);
  free(r->t.p);
  free(r->runs.p);
  free(r->run.p);
  free(r->path.p);
  free(r->note.p);
  free(r->line.p);
  free(r);
}

const bcv_reader_ops ex_reader = {r_open, r_next, r_close, NULL};
