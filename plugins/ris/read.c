/* SPDX-License-Identifier: MIT */
/* read.c: the RIS reader.
 *
 * The shared tag-line scanner (bibconv/tagline.h) cuts the input into
 * records, by the dialect below: a record starts at "TY  - " and ends at
 * "ER  - " or at the next TY (a missing ER, warned); a tag is two
 * characters, [A-Z][A-Z0-9], one to three spaces, a dash and the value;
 * an untagged line continues the previous value; text outside records is
 * skipped with a warning.  This file maps one record's fields through the
 * table of map.c. */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <bibconv/tagline.h>
#include "ris.h"

/* RIS as the shared tag-line scanner reads it: a record from TY to ER (a
 * TY without ER before it ends the previous one), values trimmed,
 * continuation lines of abstracts and notes kept as paragraphs. */
static char join(const char *tag, size_t tlen) {
  (void)tlen;
  return !strcmp(tag, "AB") || !strcmp(tag, "N2") || !strcmp(tag, "N1") ? '\n' : ' ';
}

static const bcv_tagline_dialect dialect = {
    .shape = BCV_TAGLINE_DASHED,
    .flags = BCV_TAGLINE_TRIM,
    .start = "TY",
    .end = "ER",
    .join = join,
    .outside = "text outside a record (before 'TY  - '); skipped",
    .max_bytes = (size_t)16 << 20,
    .max_fields = 100000,
};

typedef bcv_tagline_field field;

typedef struct reader {
  bcv_diag *diag;
  bcv_input *in;
  bcv_tagline *sc;
  bcv_tagline_record rec;
} reader;

#define TAG(f) (r->rec.text + (f)->tag)
#define VAL(f) (r->rec.text + (f)->value)

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

static void trim(const char **s, size_t *len) {
  while (*len && ((*s)[0] == ' ' || (*s)[0] == '\t')) {
    (*s)++;
    (*len)--;
  }
  while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
    (*len)--;
}

/* ---- mapping one record ---- */

typedef struct best {
  int rank;
  const field *f;
} best;

static int is_han_lead(unsigned char c) { return c >= 0xE3 && c <= 0xE9; }

static int has_han(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (is_han_lead((unsigned char)s[i]))
      return 1;
  return 0;
}

/* A word of initials: one to three capitals, each maybe with a dot
 * ("C", "JA", "L.", "J.A."). */
static int initials_word(const char *s, size_t len) {
  size_t caps = 0;
  for (size_t i = 0; i < len; i++) {
    if (is_upper(s[i]))
      caps++;
    else if (s[i] != '.' || i == 0 || s[i - 1] == '.')
      return 0;
  }
  return caps >= 1 && caps <= 3;
}

/* Where the initials of "Family Initials" start (the family part's
 * length), or 0 when the name does not end in initials after a word
 * that is not one. */
static size_t initials_at(const char *s, size_t len) {
  size_t end = len;
  int seen = 0;
  while (end > 0) {
    size_t b = end;
    while (b > 0 && s[b - 1] != ' ')
      b--;
    if (!initials_word(s + b, end - b))
      break;
    seen = 1;
    while (b > 0 && s[b - 1] == ' ')
      b--;
    end = b;
  }
  return seen ? end : 0;
}

/* family = s[0..fam), given = the initials after it, each with a dot and
 * a space between ("C. D.", "J. A."), as BibTeX and CSL write them. */
static int family_initials(bcv_record *rec, const char *s, size_t len, size_t fam, bcv_name *n) {
  n->family = bcv_record_strndup(rec, s, fam);
  char *g = bcv_record_alloc(rec, 3 * (len - fam) + 1);
  if (!n->family || !g)
    return BCV_ENOMEM;
  size_t k = 0;
  for (size_t i = fam; i < len; i++)
    if (is_upper(s[i])) {
      if (k)
        g[k++] = ' ';
      g[k++] = s[i];
      g[k++] = '.';
    }
  g[k] = '\0';
  n->given = g;
  return BCV_OK;
}

/* Words that make a name with no comma an institution, kept whole
 * ("World Health Organization"), not split into given and family. */
static int institution(const char *s, size_t len) {
  static const char *const words[] = {
      "academy", "agency", "and", "association", "authority", "board", "bureau", "center",
      "centers", "centre", "college", "commission", "committee", "company", "consortium",
      "corporation", "council", "department", "for", "foundation", "government", "group",
      "hospital", "inc", "inc.", "institut", "institute", "investigators", "laboratory", "league",
      "ltd", "ltd.", "ministry", "network", "of", "office", "organisation", "organization",
      "program", "programme", "project", "service", "society", "the", "team", "trust", "union",
      "university", "&", NULL};
  for (size_t i = 0; i < len;) {
    size_t j = i;
    while (j < len && s[j] != ' ')
      j++;
    for (const char *const *w = words; *w; w++)
      if (strlen(*w) == j - i && strncasecmp(*w, s + i, j - i) == 0)
        return 1;
    i = j + 1;
  }
  return 0;
}

/* RIS's own reading of a name without a comma, before the common one
 * (bcv_name_parse: "Family, Given[, Suffix]", EndNote's "Institution,",
 * Han names, "Given Family"): "Brownstein C D", "Smith JA", "Behan L."
 * are family then initials, as PubMed-derived, EPPI-Reviewer and Embase
 * exports write them, and "World Health Organization" an institution. */
static int parse_name(bcv_record *rec, const char *s, size_t len, bcv_name *n) {
  trim(&s, &len);
  if (!memchr(s, ',', len) && memchr(s, ' ', len)) {
    size_t fam = initials_at(s, len);
    if (fam) {
      memset(n, 0, sizeof *n);
      return family_initials(rec, s, len, fam, n);
    }
    if (institution(s, len)) {
      memset(n, 0, sizeof *n);
      n->literal = bcv_record_strndup(rec, s, len);
      return n->literal ? BCV_OK : BCV_ENOMEM;
    }
  }
  return bcv_name_parse(rec, s, len, BCV_NAME_PARSE_COMMA_LITERAL, n);
}

/* An English month name or its abbreviation ("october", "Oct", "Sept.")
 * at s: its number, with *used set to the bytes it takes; else 0. */
static int month_word(const char *s, size_t len, size_t *used) {
  static const char *const names[] = {"january", "february", "march",     "april",
                                      "may",     "june",     "july",      "august",
                                      "september", "october", "november", "december"};
  size_t w = 0;
  while (w < len && ((s[w] | 0x20) >= 'a' && (s[w] | 0x20) <= 'z'))
    w++;
  if (w < 3)
    return 0;
  for (int k = 0; k < 12; k++)
    if (w <= strlen(names[k]) && strncasecmp(s, names[k], w) == 0) {
      *used = w + (w < len && s[w] == '.');
      return k + 1;
    }
  return 0;
}

/* "YYYY/MM/DD/other", also "2020//", "1948/07//", "2014-05-01", "2014",
 * and a month by name: "2015/october", "2020 Feb". */
static int parse_date(const char *s, size_t len, bcv_date *d, const char **other, size_t *olen) {
  memset(d, 0, sizeof *d);
  *other = NULL;
  *olen = 0;
  int part[3] = {0, 0, 0};
  size_t i = 0;
  int neg = len > 1 && s[0] == '-' && is_digit(s[1]); /* -876: 877 BCE */
  if (neg)
    s++, len--;
  for (int k = 0; k < 3 && i <= len; k++) {
    size_t st = i;
    while (i < len && is_digit(s[i]))
      i++;
    if (i - st > 4)
      return 0;
    for (size_t j = st; j < i; j++)
      part[k] = part[k] * 10 + (s[j] - '0');
    if (i < len && (s[i] == '/' || s[i] == '-'))
      i++;
    else
      break;
  }
  if (i < len && s[i] == '/')
    i++;
  size_t used = 0, j = i;
  while (j < len && s[j] == ' ')
    j++;
  if (!part[1] && part[0] && (j > i || (i > 0 && s[i - 1] == '/')) &&
      (part[1] = month_word(s + j, len - j, &used)) != 0) {
    i = j + used;
    while (i < len && (s[i] == '/' || s[i] == ' '))
      i++;
  }
  if (i < len) {
    *other = s + i;
    *olen = len - i;
  }
  if ((part[0] < 1 && !neg) || part[1] > 12 || part[2] > 31 || (part[2] && !part[1]))
    return 0;
  d->from.year = neg ? -part[0] : part[0];
  d->from.month = part[1];
  d->from.day = part[2];
  d->from.parts = part[2] ? 3 : part[1] ? 2 : 1;
  return 1;
}

/* Web of Science writes DA as "DEC" or "SEP 10", the year being in PY. */
static int month_date(const char *s, size_t len, int year, bcv_date *d) {
  static const char months[] = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
  if (len < 3 || year < 1)
    return 0;
  int m = 0;
  for (int k = 0; k < 12; k++)
    if (((s[0] & ~0x20) == months[3 * k]) && ((s[1] & ~0x20) == months[3 * k + 1]) &&
        ((s[2] & ~0x20) == months[3 * k + 2]))
      m = k + 1;
  size_t i = 3;
  while (i < len && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '.'))
    i++;
  while (i < len && s[i] == ' ')
    i++;
  int day = 0;
  while (i < len && is_digit(s[i]) && day < 100)
    day = day * 10 + (s[i++] - '0');
  if (!m || i != len || day > 31)
    return 0;
  memset(d, 0, sizeof *d);
  d->from.year = year;
  d->from.month = m;
  d->from.day = day;
  d->from.parts = day ? 3 : 2;
  return 1;
}

/* The date a DA, Y1 or PY field says, month names included. */
static int date_of(const reader *r, const field *f, bcv_date *d, const char **o, size_t *ol) {
  int year = 0;
  bcv_date y;
  const char *yo;
  size_t yl;
  for (size_t k = 0; k < r->rec.n && !year; k++)
    if ((!strcmp(TAG(&r->rec.fields[k]), "PY") || !strcmp(TAG(&r->rec.fields[k]), "Y1")) &&
        parse_date(VAL(&r->rec.fields[k]), r->rec.fields[k].len, &y, &yo, &yl))
      year = y.from.year;
  *o = NULL;
  *ol = 0;
  if (month_date(VAL(f), f->len, year, d))
    return 1;
  return parse_date(VAL(f), f->len, d, o, ol);
}

static int doi_in(const char *s, size_t len, const char **doi, size_t *dlen) {
  for (size_t i = 0; i + 7 < len; i++)
    if (s[i] == '1' && s[i + 1] == '0' && s[i + 2] == '.' && is_digit(s[i + 3]) &&
        (i == 0 || s[i - 1] == '/' || s[i - 1] == ' ' || s[i - 1] == ':')) {
      size_t j = i;
      while (j < len && s[j] != ' ' && s[j] != '\t')
        j++;
      const char *slash = memchr(s + i, '/', j - i);
      if (!slash)
        continue;
      *doi = s + i;
      *dlen = j - i;
      while (*dlen && ((*doi)[*dlen - 1] == '.' || (*doi)[*dlen - 1] == ','))
        (*dlen)--;
      return 1;
    }
  return 0;
}

static int looks_issn(const char *s, size_t len) {
  if (len < 9 || s[4] != '-')
    return 0;
  for (size_t i = 0; i < 9; i++)
    if (i != 4 && !is_digit(s[i]) && !(i == 8 && (s[i] == 'X' || s[i] == 'x')))
      return 0;
  return len == 9 || s[9] == ' ';
}

static int extra(bcv_record *rec, const char *tag, const char *v, size_t len) {
  char key[8];
  snprintf(key, sizeof key, "ris.%.2s", tag);
  return bcv_record_add_extra(rec, key, v, len, 0);
}

/* N1 lines "key: value" that this writer emits for what RIS has no tag
 * for: "abstract[zh]: ...", "cnki.fund: ...", "author[en]: Deng, Zhengyang; ..." */
static int note(reader *r, bcv_record *rec, const char *v, size_t len, long line) {
  const char *colon = memchr(v, ':', len);
  size_t kl = colon ? (size_t)(colon - v) : 0;
  if (colon && kl > 0 && kl < 64 && kl + 1 < len && colon[1] == ' ' && !memchr(v, ' ', kl)) {
    char key[64];
    memcpy(key, v, kl);
    key[kl] = '\0';
    const char *val = colon + 2;
    size_t vl = len - kl - 2;
    char *br = strchr(key, '[');
    const char *lang = NULL;
    if (br && key[kl - 1] == ']') {
      key[kl - 1] = '\0';
      *br = '\0';
      lang = br + 1;
    }
    bcv_var var = bcv_var_from_name(key, strlen(key));
    if (!lang && !strcmp(key, "ris.etal")) {
      bcv_var ev = bcv_var_from_name(val, vl);
      if (ev != BCV_VAR_NONE && bcv_var_kind(ev) == BCV_KIND_NAMES)
        return bcv_record_set_etal(rec, ev);
    }
    if (!lang && strchr(key, '.'))
      return bcv_record_add_extra(rec, key, val, vl, 0);
    if (var != BCV_VAR_NONE) {
      bcv_kind k = bcv_var_kind(var);
      bcv_date d;
      if (k == BCV_KIND_DATE && !lang) {
        if (bcv_date_parse_edtf(val, vl, &d) != BCV_OK) {
          /* a date kept as its text ("soon") */
          memset(&d, 0, sizeof d);
          if (!(d.literal = bcv_record_strndup(rec, val, vl)))
            return BCV_ENOMEM;
        }
        return bcv_record_add_date(rec, var, &d);
      }
      if ((k == BCV_KIND_TEXT || k == BCV_KIND_NUMBER || k == BCV_KIND_LIST))
        return bcv_record_add_text(rec, var, lang, val, vl);
      if (k == BCV_KIND_NAMES && lang) {
        /* other-language forms of the names, in order, "; "-separated */
        const bcv_field *nf = bcv_record_field(rec, var);
        bcv_name *n = nf ? (bcv_name *)nf->names : NULL;
        size_t i = 0, had = 0;
        for (; i < vl && n; had++) {
          size_t j = i;
          while (j < vl && val[j] != ';')
            j++;
          bcv_name alt;
          if (parse_name(rec, val + i, j - i, &alt))
            return BCV_ENOMEM;
          if (alt.literal || alt.family || alt.given) {
            if (!alt.literal && bcv_utf8_is_han(val + i, j - i))
              alt.flags |= BCV_NAME_EASTERN;
            alt.lang = lang;
            if (bcv_name_add_alt(rec, n, &alt))
              return BCV_ENOMEM;
          }
          n = (bcv_name *)n->next;
          i = j + 1;
          while (i < vl && val[i] == ' ')
            i++;
        }
        if (i >= vl)
          return BCV_OK;
        /* more forms than names (or no names at all): no name to hang
         * them on, so they stay a note, said */
        size_t more = 0;
        for (size_t j = i; j < vl; j++) {
          size_t e = j;
          while (e < vl && val[e] != ';')
            e++;
          while (j < e && val[j] == ' ')
            j++;
          more += j < e;
          j = e;
        }
        bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, line, 1,
                        "N1 %.*s: %zu more name%s than the record's %zu; kept as a note", (int)kl, v,
                        more, more == 1 ? "" : "s", had);
        char *kept = bcv_record_alloc(rec, kl + 2 + (vl - i));
        if (!kept)
          return BCV_ENOMEM;
        memcpy(kept, v, kl + 2);
        memcpy(kept + kl + 2, val + i, vl - i);
        return bcv_record_add_text(rec, BCV_VAR_NOTE, NULL, kept, kl + 2 + (vl - i));
      }
    }
  }
  return bcv_record_add_text(rec, BCV_VAR_NOTE, NULL, v, len);
}

static int map_record(reader *r, bcv_record **out) {
  bcv_record *rec = bcv_record_new();
  if (!rec)
    return BCV_ENOMEM;
  bcv_record_set_pos(rec, r->rec.line, 1);
  int rc = BCV_OK;
  const field *ty = r->rec.n && !strcmp(TAG(&r->rec.fields[0]), "TY") ? &r->rec.fields[0] : NULL;
  const rs_type *t = ty ? rs_type_by_code(VAL(ty), ty->len) : NULL;
  unsigned cls = t ? t->cls : RS_OTHER;
  if (t) {
    bcv_record_set_type(rec, t->type);
    /* a code is kept when the CSL type would not give it back (EJOUR);
     * a spelled-out name ("Journal Article") is not a code worth keeping */
    const rs_type *back = rs_type_by_csl(t->type);
    if (back != t && !(t->cls & RS_ALIAS))
      rc = bcv_record_add_extra(rec, "ris.TY", VAL(ty), ty->len, 0);
  } else {
    bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, r->rec.line, 1,
                    "unknown RIS type '%.*s'; read as document", ty ? (int)ty->len : 0,
                    ty ? VAL(ty) : "");
    if (ty && ty->len)
      rc = bcv_record_add_extra(rec, "ris.TY", VAL(ty), ty->len, 0);
  }
  /* precedence groups: the best-ranked tag present per variable */
  best win[BCV_VAR_COUNT];
  memset(win, 0, sizeof win);
  for (size_t i = 0; i < r->rec.n; i++) {
    const rs_rule *u = rs_rule_for(TAG(&r->rec.fields[i]), cls);
    if (u && u->rank && r->rec.fields[i].len && (!win[u->var].f || u->rank < win[u->var].rank))
      win[u->var] = (best){u->rank, &r->rec.fields[i]};
  }
  const char *sp = NULL, *ep = NULL;
  size_t spl = 0, epl = 0;
  int has_doi = 0;
  for (size_t i = ty ? 1 : 0; i < r->rec.n && !rc; i++) {
    const field *f = &r->rec.fields[i];
    const char *v = VAL(f);
    size_t len = f->len;
    if (!len)
      continue; /* "EP  -" with nothing */
    const rs_rule *u = rs_rule_for(TAG(f), cls);
    if (!u) {
      rc = extra(rec, TAG(f), v, len);
      continue;
    }
    if (u->rank && win[u->var].f != f) {
      /* a synonym that lost: kept when it says something else (for dates:
       * another year, or more than the winner says) */
      const field *w = win[u->var].f;
      bcv_date a, b;
      const char *o1, *o2;
      size_t l1, l2;
      if (u->how == RS_DATE && date_of(r, f, &a, &o1, &l1) && date_of(r, w, &b, &o2, &l2) &&
          a.from.year == b.from.year && a.from.parts <= b.from.parts && !l1)
        continue;
      if (w->len != len || memcmp(VAL(w), v, len))
        rc = extra(rec, TAG(f), v, len);
      continue;
    }
    bcv_name n;
    bcv_date d;
    const char *o;
    size_t ol;
    switch (u->how) {
    case RS_TEXT:
      rc = bcv_record_add_text(rec, u->var, NULL, v, len);
      break;
    case RS_NAME:
      if ((rc = parse_name(rec, v, len, &n)) == BCV_OK && !bcv_record_add_name(rec, u->var, &n))
        rc = BCV_ENOMEM;
      break;
    case RS_DATE: {
      if (date_of(r, f, &d, &o, &ol)) {
        rc = bcv_record_add_date(rec, u->var, &d);
        if (!rc && ol)
          rc = extra(rec, TAG(f), v, len); /* "other": kept whole */
      } else {
        bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, f->line, 1,
                        "%s: date '%.*s' not understood; kept as ris.%s", TAG(f), (int)len, v,
                        TAG(f));
        rc = extra(rec, TAG(f), v, len);
      }
      break;
    }
    case RS_START:
      sp = v;
      spl = len;
      break;
    case RS_END:
      ep = v;
      epl = len;
      break;
    case RS_KEYWORD:
      rc = bcv_record_add_text(rec, BCV_VAR_KEYWORD, NULL, v, len);
      break;
    case RS_SN:
      if (looks_issn(v, len) || (!memchr(v, '-', len) ? 0 : (cls & RS_PERIODICAL)))
        rc = bcv_record_add_text(rec, BCV_VAR_ISSN, NULL, v, len);
      else
        rc = bcv_record_add_text(rec, (cls & RS_PERIODICAL) && len <= 9 ? BCV_VAR_ISSN : BCV_VAR_ISBN,
                                 NULL, v, len);
      break;
    case RS_DOI: {
      const char *dv;
      size_t dl;
      if (doi_in(v, len, &dv, &dl) && !has_doi) {
        rc = bcv_record_add_text(rec, BCV_VAR_DOI, NULL, dv, dl);
        has_doi = 1;
      } else {
        rc = extra(rec, TAG(f), v, len);
      }
      break;
    }
    case RS_TRANSLATED:
      rc = bcv_record_add_text(rec, BCV_VAR_TITLE, has_han(v, len) ? "zh" : "en", v, len);
      break;
    case RS_LANG: {
      const char *tag = rs_lang_tag(v, len);
      /* RIS's LA is free text: a name we know becomes its BCP 47 tag (its
       * spelling kept for RIS out); anything else is kept as it is */
      if (tag && *tag)
        rc = bcv_record_add_text(rec, BCV_VAR_LANGUAGE, NULL, tag, strlen(tag));
      else
        rc = bcv_record_add_text(rec, BCV_VAR_LANGUAGE, NULL, v, len);
      if (!rc && tag && *tag && (strlen(tag) != len || memcmp(tag, v, len)))
        rc = extra(rec, TAG(f), v, len);
      break;
    }
    case RS_ID:
      if (!bcv_record_id(rec))
        rc = bcv_record_set_id(rec, v, len);
      else
        rc = extra(rec, TAG(f), v, len);
      break;
    case RS_NOTE:
      rc = note(r, rec, v, len, f->line);
      break;
    }
  }
  if (!rc && ep && !sp) {
    /* an end page alone is no page range; kept as it is */
    rc = bcv_record_add_extra(rec, "ris.EP", ep, epl, 0);
    ep = NULL;
  }
  if (!rc && (sp || ep)) {
    /* SP may hold the whole range; EP alone is still a page */
    char buf[512];
    int n;
    if (sp && ep && !memchr(sp, '-', spl))
      n = snprintf(buf, sizeof buf, "%.*s-%.*s", (int)spl, sp, (int)epl, ep);
    else if (sp)
      n = snprintf(buf, sizeof buf, "%.*s", (int)spl, sp);
    else
      n = snprintf(buf, sizeof buf, "%.*s", (int)epl, ep);
    if (n > 0 && (size_t)n < sizeof buf)
      rc = bcv_record_add_text(rec, BCV_VAR_PAGE, NULL, buf, (size_t)n);
    else
      rc = bcv_record_add_extra(rec, "ris.SP", sp ? sp : ep, sp ? spl : epl, 0);
    if (!rc && sp && ep && memchr(sp, '-', spl))
      rc = bcv_record_add_extra(rec, "ris.EP", ep, epl, 0);
  }
  /* older exports put the DOI in M3, N1, L3 or UR */
  for (size_t i = 0; !rc && !has_doi && i < r->rec.n; i++) {
    const field *f = &r->rec.fields[i];
    const char *dv;
    size_t dl;
    if ((!strcmp(TAG(f), "M3") || !strcmp(TAG(f), "N1") || !strcmp(TAG(f), "L3") ||
         !strcmp(TAG(f), "UR")) &&
        doi_in(VAL(f), f->len, &dv, &dl) &&
        (!strcmp(TAG(f), "M3") || !strcmp(TAG(f), "L3") || memmem(VAL(f), f->len, "doi", 3))) {
      rc = bcv_record_add_text(rec, BCV_VAR_DOI, NULL, dv, dl);
      has_doi = 1;
    }
  }
  if (rc) {
    bcv_record_free(&rec);
    return rc;
  }
  *out = rec;
  return BCV_OK;
}

static int r_next(void *state, bcv_record **out) {
  reader *r = state;
  *out = NULL;
  int rc = bcv_tagline_next(r->sc, r->in, &r->rec);
  if (rc)
    return rc;
  if (r->rec.end == BCV_TAGLINE_END_EOF)
    bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, r->rec.line, 1,
                    "record not closed with 'ER  - '");
  else if (r->rec.end == BCV_TAGLINE_END_START)
    bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, r->rec.line, 1,
                    "record not closed with 'ER  - ' before the next 'TY  - '");
  return map_record(r, out);
}

static int r_open(bcv_input *in, const bcv_options *opts, bcv_diag *diag, void **state) {
  (void)opts;
  reader *r = calloc(1, sizeof *r);
  if (!r || !(r->sc = bcv_tagline_new(&dialect, diag))) {
    free(r);
    return BCV_ENOMEM;
  }
  r->in = in;
  r->diag = diag;
  *state = r;
  return BCV_OK;
}

static void r_close(void *state) {
  reader *r = state;
  bcv_tagline_free(&r->sc);
  free(r);
}

const bcv_reader_ops rs_reader = {r_open, r_next, r_close, NULL};
