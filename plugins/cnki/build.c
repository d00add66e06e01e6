/* SPDX-License-Identifier: MIT */
/* build.c: (slot, value) pairs from every CNKI dialect into one record.
 *
 * Values whose meaning depends on the record's type (a NoteExpress
 * "Secondary Title" is a conference for a paper and the newspaper for an
 * article; a thesis's "journal" is its university) and names (paired
 * Han/pinyin lists, affiliation numbers) are held until the record is
 * complete and resolved in cn_builder_finish. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "cnki.h"

typedef struct raw {
  const char *s; /* in the record's arena */
  size_t len;
  const char *marks; /* affiliation numbers glued to a name, or an affiliation's own */
  size_t mlen;
  long line;
  int used; /* an affiliation some author points at */
  const char *suffix; /* a name's "Jr" */
} raw;

typedef struct raw_vec {
  raw *v;
  size_t n, cap;
} raw_vec;

/* Slots resolved at the end (first value wins; see held_slot). */
enum { HELD_MAX = 2 };

struct cn_builder {
  bcv_diag *diag;
  bcv_record *r;
  long line, col;
  cn_buf tmp;
  raw_vec zh, en, affils, supervisors, editors, translators;
  raw held[CN_SLOT_COUNT][HELD_MAX];
  unsigned seen[CN_SLOT_COUNT]; /* lang_bit of the values seen */
  raw first[CN_SLOT_COUNT][3];  /* single-valued slots: the value kept, per lang_bit */
  int etal;            /* bits: et al. after the authors (1), editors (2), translators (4) */
  const char *links;   /* "1,2;1;3": our writer's author-to-AD map */
  int en_family_first; /* romanised names come family first (GB/T strings, pinyin notes) */
  int cited_pages;     /* a GB/T string: a page is the page cited, never a count */
  bcv_type csl_type;   /* BCV_TYPE_COUNT, or the type our writer named on a note */
  bcv_date issued;  /* parts == 0: none yet */
  int issued_is_year;
};

static int vec_push(raw_vec *v, raw x) {
  if (v->n == v->cap) {
    size_t cap = v->cap ? v->cap * 2 : 8;
    raw *p = realloc(v->v, cap * sizeof *p);
    if (!p)
      return BCV_ENOMEM;
    v->v = p;
    v->cap = cap;
  }
  v->v[v->n++] = x;
  return BCV_OK;
}

cn_builder *cn_builder_new(bcv_diag *diag) {
  cn_builder *b = calloc(1, sizeof *b);
  if (b)
    b->diag = diag;
  return b;
}

void cn_builder_free(cn_builder *b) {
  if (!b)
    return;
  bcv_record_free(&b->r);
  cn_buf_free(&b->tmp);
  free(b->zh.v);
  free(b->en.v);
  free(b->affils.v);
  free(b->supervisors.v);
  free(b->editors.v);
  free(b->translators.v);
  free(b);
}

bcv_record *cn_builder_record(cn_builder *b) { return b->r; }
bcv_diag *cn_builder_diag(cn_builder *b) { return b->diag; }

int cn_builder_start(cn_builder *b, long line, long col) {
  bcv_record_free(&b->r);
  b->r = bcv_record_new();
  if (!b->r)
    return BCV_ENOMEM;
  bcv_record_set_pos(b->r, line, col);
  b->line = line;
  b->col = col;
  b->zh.n = b->en.n = b->affils.n = b->supervisors.n = b->editors.n = b->translators.n = 0;
  memset(b->held, 0, sizeof b->held);
  memset(b->seen, 0, sizeof b->seen);
  memset(b->first, 0, sizeof b->first);
  b->etal = 0;
  b->en_family_first = 0;
  b->cited_pages = 0;
  b->csl_type = BCV_TYPE_COUNT;
  b->links = NULL;
  memset(&b->issued, 0, sizeof b->issued);
  b->issued_is_year = 0;
  return BCV_OK;
}

static void warn(cn_builder *b, long line, const char *fmt, const char *arg) {
  bcv_diag_report(b->diag, BCV_SEV_WARNING, NULL, line ? line : b->line, line ? 1 : b->col, fmt,
                  arg);
}

/* bit 1: a zh value, 2: en, 4: a value with no language (a number) */
static int lang_bit(const char *lang) { return !lang ? 4 : strcmp(lang, "zh") == 0 ? 1 : 2; }

int cn_has(const cn_builder *b, cn_slot slot, const char *lang) {
  if (slot == CN_AUTHORS)
    return lang && strcmp(lang, "en") == 0 ? b->en.n > 0 : b->zh.n > 0;
  return lang ? (b->seen[slot] & lang_bit(lang)) != 0 : b->seen[slot] != 0;
}

static int add_text(cn_builder *b, bcv_var v, const char *lang, const char *s, size_t len) {
  return bcv_record_add_text(b->r, v, lang, s, len);
}

static int add_extra(cn_builder *b, const char *key, const char *s, size_t len) {
  cn_trim(&s, &len);
  if (!len)
    return BCV_OK;
  return bcv_record_add_extra(b->r, key, s, len, 0);
}

/* A single-valued text variable: the first value in each language wins;
 * a different later one is kept as an extra rather than lost. */
static int add_single(cn_builder *b, cn_slot slot, bcv_var v, const char *lang, const char *s,
                      size_t len) {
  if (!len)
    return BCV_OK;
  int bit = lang_bit(lang);
  raw *kept = &b->first[slot][bit >> 1]; /* 1, 2, 4 -> 0, 1, 2 */
  if (b->seen[slot] & bit) {
    /* the value kept is remembered here, not looked up: a page may repeat
     * a label any number of times */
    if (kept->s && kept->len == len && memcmp(kept->s, s, len) == 0)
      return BCV_OK;
    char key[64];
    snprintf(key, sizeof key, "cnki.%s", bcv_var_name(v));
    return add_extra(b, key, s, len);
  }
  b->seen[slot] |= bit;
  char *p = bcv_record_strndup(b->r, s, len);
  if (!p)
    return BCV_ENOMEM;
  *kept = (raw){p, len, NULL, 0, 0, 0, NULL};
  return add_text(b, v, lang, p, len);
}

/* Keep a value for the end. */
static int hold(cn_builder *b, cn_slot slot, const char *s, size_t len, long line) {
  for (int i = 0; i < HELD_MAX; i++) {
    if (b->held[slot][i].s)
      continue;
    char *p = bcv_record_strndup(b->r, s, len);
    if (!p)
      return BCV_ENOMEM;
    b->held[slot][i] = (raw){p, len, NULL, 0, line, 0, NULL};
    b->seen[slot] |= lang_bit(cn_lang_of(s, len));
    return BCV_OK;
  }
  char key[48];
  snprintf(key, sizeof key, "cnki.slot%d", (int)slot);
  return add_extra(b, key, s, len);
}

typedef struct name_ctx {
  cn_builder *b;
  raw_vec *force; /* NULL: by script */
  long line;
} name_ctx;

static size_t strip_suffix(const char *s, size_t len, const char *suf) {
  size_t n = strlen(suf);
  return len >= n && memcmp(s + len - n, suf, n) == 0 ? len - n : len;
}

/* Words that follow a name after a comma and belong to it: a person's
 * "Jr" (kept as the suffix, cn_person_suffix), a company's "Inc." (kept
 * in its name). */
static const char *const company_suffixes[] = {"Inc", "Inc.", "Ltd", "Ltd.", "Co", "Co.", "Corp",
                                               "Corp.", "LLC", "GmbH", "Pty", "S.A.", NULL};

static int one_of(const char *s, size_t len, const char *const *t) {
  for (; *t; t++)
    if (strlen(*t) == len && memcmp(*t, s, len) == 0)
      return 1;
  return 0;
}

/* A newspaper's byline says the role before the names ("本报记者 李华",
 * "记者 张三 王五"): the role is no person.  Alone ("本报评论员") it is the
 * author, kept whole. */
static const char *const byline_roles[] = {
    "本报记者", "本报特约记者", "特约记者", "新华社记者", "记者", "本报通讯员", "通讯员", "实习生",
};

static size_t byline_role(const char *s, size_t len) {
  for (size_t k = 0; k < sizeof byline_roles / sizeof *byline_roles; k++)
    if (cn_starts(s, len, byline_roles[k]))
      return strlen(byline_roles[k]);
  return 0;
}

static int push_name(void *ud, const char *s, size_t len) {
  name_ctx *c = ud;
  /* "本报记者李华": the role glued to the name */
  size_t role = byline_role(s, len);
  if (role && role < len && len - role <= 12 && cn_has_han(s + role, len - role)) {
    s += role;
    len -= role;
    cn_trim(&s, &len);
  }
  /* "张卫峰等" (GB/T 7714's et al. glued to the third name), "et al." */
  size_t l = strip_suffix(s, len, "等");
  l = strip_suffix(s, l, "et al.");
  l = strip_suffix(s, l, "et al");
  if (l != len) {
    c->b->etal |= c->force == &c->b->editors ? 2 : c->force == &c->b->translators ? 4 : 1;
    len = l;
    cn_trim(&s, &len);
    while (len && (s[len - 1] == ',' || s[len - 1] == ' '))
      len--;
    if (!len)
      return BCV_OK;
  }
  /* role suffixes: （编） (编) */
  len = strip_suffix(s, len, "（编）");
  len = strip_suffix(s, len, "(编)");
  const char *marks;
  size_t mlen;
  size_t nl = cn_name_marks(s, len, &marks, &mlen);
  if (!nl)
    return BCV_OK;
  char *p = bcv_record_strndup(c->b->r, s, nl);
  char *m = mlen ? bcv_record_strndup(c->b->r, marks, mlen) : NULL;
  if (!p || (mlen && !m))
    return BCV_ENOMEM;
  marks = m;
  raw_vec *v = c->force ? c->force : cn_has_han(s, nl) ? &c->b->zh : &c->b->en;
  /* "本报记者 李华": the role before the first name goes */
  if (v->n == 1 && byline_role(v->v[0].s, v->v[0].len) == v->v[0].len)
    v->n = 0;
  if (v->n && cn_person_suffix(s, nl)) {
    v->v[v->n - 1].suffix = p;
    return BCV_OK;
  }
  if (v->n && one_of(s, nl, company_suffixes)) {
    raw *prev = &v->v[v->n - 1];
    char *j = bcv_record_alloc(c->b->r, prev->len + nl + 4);
    if (!j)
      return BCV_ENOMEM;
    memcpy(j, prev->s, prev->len);
    memcpy(j + prev->len, ", ", 2);
    memcpy(j + prev->len + 2, p, nl);
    /* "Inc." whose full stop ended the authors of a GB/T string */
    size_t jl = prev->len + 2 + nl;
    if (p[nl - 1] != '.' && nl <= 4 && (p[0] == 'I' || p[0] == 'L' || p[0] == 'C'))
      j[jl++] = '.';
    j[jl] = '\0';
    prev->s = j;
    prev->len = jl;
    return BCV_OK;
  }
  return vec_push(v, (raw){p, nl, marks, mlen, c->line, 0, NULL});
}

int cn_put_name(cn_builder *b, const char *s, size_t len, const char *lang) {
  name_ctx c = {b, lang ? (strcmp(lang, "zh") == 0 ? &b->zh : &b->en) : NULL, b->line};
  return push_name(&c, s, len);
}

int cn_put_names(cn_builder *b, const char *s, size_t len, const char *lang, long line) {
  int rc = cn_clean(&b->tmp, s, len);
  if (rc)
    return rc;
  name_ctx c = {b, strcmp(lang, "zh") == 0 ? &b->zh : &b->en, line};
  /* b->tmp is the cleaning buffer of every value: split a copy */
  char *p = bcv_record_strndup(b->r, b->tmp.p, b->tmp.len);
  return p ? cn_split_list(p, b->tmp.len, 1, push_name, &c) : BCV_ENOMEM;
}

void cn_set_etal(cn_builder *b) { b->etal |= 1; }
void cn_family_first(cn_builder *b) { b->en_family_first = 1; }
void cn_cited_pages(cn_builder *b) { b->cited_pages = 1; }

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int push_affil(void *ud, const char *s, size_t len) {
  name_ctx *c = ud;
  /* "1.单位", "1、单位", "[1]单位", "1. (School of ...)" */
  size_t i = 0;
  if (i < len && s[i] == '[')
    i++;
  size_t d = i;
  while (i < len && is_digit(s[i]))
    i++;
  const char *num = s + d;
  size_t nlen = i - d;
  if (nlen && i < len && (s[i] == '.' || s[i] == ']' || cn_starts(s + i, len - i, "、"))) {
    i += s[i] == '.' || s[i] == ']' ? 1 : 3;
    s += i;
    len -= i;
  } else {
    nlen = 0;
  }
  cn_trim(&s, &len);
  if (len >= 2 && s[0] == '(' && s[len - 1] == ')') {
    s++;
    len -= 2;
  } else if (cn_starts(s, len, "（") && len >= 6 && memcmp(s + len - 3, "）", 3) == 0) {
    s += 3;
    len -= 6;
  }
  cn_trim(&s, &len);
  while (len && s[len - 1] == ';')
    len--;
  if (!len)
    return BCV_OK;
  char *p = bcv_record_strndup(c->b->r, s, len);
  char *m = nlen ? bcv_record_strndup(c->b->r, num, nlen) : NULL;
  if (!p || (nlen && !m))
    return BCV_ENOMEM;
  return vec_push(&c->b->affils, (raw){p, len, m, nlen, c->line, 0, NULL});
}

typedef struct kw_ctx {
  cn_builder *b;
  const char *lang; /* NULL: by script, with one boundary for the list */
  size_t n, last_han, cut; /* items seen, the last Han one, where English begins */
} kw_ctx;

/* "Ca2+", "p53", "CO2": neither Han nor an English word. */
static int neutral(const char *s, size_t len) {
  int mark = 0;
  for (size_t i = 0; i < len; i++) {
    if ((unsigned char)s[i] >= 0x80)
      return 0;
    if (is_digit(s[i]) || s[i] == '+' || s[i] == '^' || s[i] == '_')
      mark = 1;
  }
  return mark;
}

/* First pass over a list split by script: the last Han item, and the
 * neutral items right after it, which stand in the Chinese list. */
static int scan_keyword(void *ud, const char *s, size_t len) {
  kw_ctx *c = ud;
  c->n++;
  if (cn_has_han(s, len))
    c->last_han = c->cut = c->n;
  else if (c->cut == c->n - 1 && c->last_han && neutral(s, len))
    c->cut = c->n;
  return BCV_OK;
}

static int push_keyword(void *ud, const char *s, size_t len) {
  kw_ctx *c = ud;
  const char *lang = c->lang;
  if (!lang) {
    c->n++;
    lang = !c->last_han ? cn_lang_of(s, len) : c->n <= c->cut ? "zh" : "en";
  }
  c->b->seen[CN_KEYWORDS] |= lang_bit(lang);
  return add_text(c->b, BCV_VAR_KEYWORD, lang, s, len);
}

static int set_issued(cn_builder *b, const bcv_date *d, int year_only) {
  if (b->issued.from.parts) {
    /* a full date refines the year; it never replaces a fuller one */
    if (year_only || !b->issued_is_year || d->from.year != b->issued.from.year)
      return BCV_OK;
  }
  b->issued = *d;
  b->issued_is_year = year_only;
  return BCV_OK;
}

static int looks_issn(const char *s, size_t len) {
  if (len != 9 || s[4] != '-')
    return 0;
  for (size_t i = 0; i < 9; i++)
    if (i != 4 && !is_digit(s[i]) && !(i == 8 && (s[i] == 'X' || s[i] == 'x')))
      return 0;
  return 1;
}

static int looks_isbn(const char *s, size_t len) {
  size_t digits = 0;
  for (size_t i = 0; i < len; i++) {
    if (is_digit(s[i]) || ((s[i] == 'X' || s[i] == 'x') && i == len - 1))
      digits++;
    else if (s[i] != '-' && s[i] != ' ')
      return 0;
  }
  return digits == 10 || digits == 13;
}

/* 国内统一刊号: "36-1247/Z", "11-0315" */
static int looks_cn(const char *s, size_t len) {
  return len >= 7 && is_digit(s[0]) && is_digit(s[1]) && s[2] == '-' && is_digit(s[3]) &&
         is_digit(s[4]) && is_digit(s[5]) && is_digit(s[6]) && (len == 7 || s[7] == '/');
}

static const struct {
  const char *text;
  const char *tag;
} languages[] = {
    {"中文", "zh"}, {"chi", "zh"}, {"zho", "zh"}, {"zh", "zh"},     {"zh-CN", "zh-CN"},
    {"英文", "en"}, {"eng", "en"}, {"en", "en"},  {"English", "en"}, {"Chinese", "zh"},
};

static int put_lang(cn_builder *b, const char *s, size_t len) {
  while (len && (s[len - 1] == ';' || s[len - 1] == ' '))
    len--;
  for (size_t i = 0; i < sizeof languages / sizeof *languages; i++)
    if (strlen(languages[i].text) == len && memcmp(languages[i].text, s, len) == 0) {
      b->seen[CN_LANG] = 1;
      return add_text(b, BCV_VAR_LANGUAGE, NULL, languages[i].tag, strlen(languages[i].tag));
    }
  return add_extra(b, "cnki.language", s, len);
}

/* Whether s is a key our writer's NO lines put before ": " (a variable,
 * "title[en]", "cnki.fund"): printable ASCII without blanks, so that a
 * note of prose ("李四. 一个题名. 北京: 出版社") stays a note. */
static int note_key(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (s[i] <= ' ' || s[i] > '~')
      return 0;
  return len > 0;
}

/* RefWorks NO lines our writer emits: "title[en]: ...", "cnki.fund: ...";
 * anything else is a plain note. */
static int put_note(cn_builder *b, const char *s, size_t len, long line) {
  size_t colon = cn_find(s, len, ": ");
  if (colon != (size_t)-1 && colon < 64 && note_key(s, colon)) {
    const char *v = s + colon + 2;
    size_t vl = len - colon - 2;
    char key[64];
    memcpy(key, s, colon);
    key[colon] = '\0';
    char *br = strchr(key, '[');
    const char *lang = NULL;
    if (br && key[colon - 1] == ']') {
      key[colon - 1] = '\0';
      *br = '\0';
      lang = br + 1;
    }
    if (strcmp(key, "cnki.etal") == 0) {
      b->etal |= 1;
      return BCV_OK;
    }
    /* "NO type: dataset": a CSL type RefWorks has no name for */
    if (strcmp(key, "type") == 0) {
      bcv_type t = bcv_type_from_name(v, vl);
      if (t != BCV_TYPE_COUNT) {
        b->csl_type = t;
        return BCV_OK;
      }
    }
    if (strcmp(key, "editor") == 0 || strcmp(key, "translator") == 0) {
      name_ctx c = {b, key[0] == 'e' ? &b->editors : &b->translators, line};
      return cn_split_list(v, vl, 0, push_name, &c);
    }
    if (strcmp(key, "cnki.affiliation-links") == 0) {
      b->links = bcv_record_strndup(b->r, v, vl);
      return b->links ? BCV_OK : BCV_ENOMEM;
    }
    if (strchr(key, '.') && !lang)
      return add_extra(b, key, v, vl);
    bcv_var var = bcv_var_from_name(key, strlen(key));
    bcv_date d;
    if (var != BCV_VAR_NONE && bcv_var_kind(var) == BCV_KIND_DATE && !lang &&
        bcv_date_parse_edtf(v, vl, &d) == BCV_OK)
      return bcv_record_add_date(b->r, var, &d);
    if (var != BCV_VAR_NONE && !lang &&
        (bcv_var_kind(var) == BCV_KIND_TEXT || bcv_var_kind(var) == BCV_KIND_NUMBER))
      return add_text(b, var, NULL, v, vl);
    if (var != BCV_VAR_NONE && lang) {
      char *lg = bcv_record_strndup(b->r, lang, strlen(lang));
      if (!lg)
        return BCV_ENOMEM;
      switch (bcv_var_kind(var)) {
      case BCV_KIND_NAMES:
        if (var == BCV_VAR_AUTHOR) {
          name_ctx c = {b, cn_has_han(v, vl) ? &b->zh : &b->en, line};
          return cn_split_list(v, vl, 0, push_name, &c);
        }
        break;
      case BCV_KIND_LIST: {
        kw_ctx c = {b, lg, 0, 0, 0};
        return cn_split_list(v, vl, 0, push_keyword, &c);
      }
      case BCV_KIND_DATE:
        break;
      default:
        b->seen[var == BCV_VAR_TITLE ? CN_TITLE : CN_IGNORE] |= lang_bit(lg);
        return add_text(b, var, lg, v, vl);
      }
    }
  }
  return add_text(b, BCV_VAR_NOTE, NULL, s, len);
}

int cn_put(cn_builder *b, cn_slot slot, const char *key, const char *s, size_t len, long line,
           long col) {
  (void)col;
  if (slot == CN_IGNORE)
    return BCV_OK;
  int rc = cn_clean(&b->tmp, s, len);
  if (rc)
    return rc;
  s = b->tmp.p;
  len = b->tmp.len;
  /* Magtech prints "-" for an empty field */
  if (!len || (len == 1 && s[0] == '-'))
    return BCV_OK;
  const char *lang = cn_lang_of(s, len);
  bcv_date d;
  switch (slot) {
  case CN_TITLE:
    return add_single(b, CN_TITLE, BCV_VAR_TITLE, lang, s, len);
  case CN_TITLE_EN:
    return add_single(b, CN_TITLE, BCV_VAR_TITLE, "en", s, len);
  case CN_ABSTRACT:
    return add_single(b, CN_ABSTRACT, BCV_VAR_ABSTRACT, lang, s, len);
  case CN_ABSTRACT_EN:
    return add_single(b, CN_ABSTRACT, BCV_VAR_ABSTRACT, "en", s, len);
  case CN_CONTAINER_EN:
    return add_single(b, CN_CONTAINER_EN, BCV_VAR_CONTAINER_TITLE, "en", s, len);
  case CN_AUTHORS:
  case CN_AUTHORS_EN: {
    /* a list with Han names in it is the authors, whatever the script of
     * each ("包艳华;唐倩;Kehm, Barbara M."); romanised forms come from
     * their own slot */
    name_ctx c = {b, slot == CN_AUTHORS_EN ? &b->en : cn_has_han(s, len) ? &b->zh : NULL, line};
    return cn_split_list(s, len, 1, push_name, &c);
  }
  case CN_SUPERVISOR: {
    name_ctx c = {b, &b->supervisors, line};
    return cn_split_list(s, len, 1, push_name, &c);
  }
  case CN_AFFILS: {
    /* commas separate units only in old records, "单位!城市邮编,单位!城市邮编" */
    name_ctx c = {b, NULL, line};
    return cn_split_list(s, len, cn_find(s, len, "!") != (size_t)-1, push_affil, &c);
  }
  case CN_KEYWORDS:
  case CN_KEYWORDS_EN: {
    kw_ctx c = {b, slot == CN_KEYWORDS_EN ? "en" : NULL, 0, 0, 0};
    if (!c.lang && (rc = cn_split_list(s, len, 1, scan_keyword, &c)))
      return rc;
    c.n = 0;
    return cn_split_list(s, len, 1, push_keyword, &c);
  }
  case CN_EDITORS:
  case CN_TRANSLATORS: {
    name_ctx c = {b, slot == CN_EDITORS ? &b->editors : &b->translators, line};
    return cn_split_list(s, len, 1, push_name, &c);
  }
  case CN_ACCESSED:
    if (!cn_parse_date(s, len, &d) || (b->seen[slot] & 4))
      return add_extra(b, "cnki.accessed", s, len);
    b->seen[slot] |= 4;
    return bcv_record_add_date(b->r, BCV_VAR_ACCESSED, &d);
  case CN_EDITION:
    return add_single(b, CN_EDITION, BCV_VAR_EDITION, NULL, s, len);
  case CN_MEDIUM:
    return add_single(b, CN_MEDIUM, BCV_VAR_MEDIUM, NULL, s, len);
  case CN_PUBPLACE:
    return add_single(b, CN_PUBPLACE, BCV_VAR_PUBLISHER_PLACE, lang, s, len);
  case CN_EVENT_PLACE:
    return add_single(b, CN_EVENT_PLACE, BCV_VAR_EVENT_PLACE, lang, s, len);
  case CN_PAGES: {
    /* "1-7.doi:10.13228/...": a DOI glued to the pages */
    for (size_t i = 0; i + 4 < len; i++)
      if ((s[i] == 'd' || s[i] == 'D') && (s[i + 1] == 'o' || s[i + 1] == 'O') &&
          (s[i + 2] == 'i' || s[i + 2] == 'I') && (s[i + 3] == ':' || cn_starts(s + i + 3, len - i - 3, "："))) {
        size_t pe = i;
        while (pe && (s[pe - 1] == '.' || s[pe - 1] == ' ' || s[pe - 1] == ','))
          pe--;
        char *doi = bcv_record_strndup(b->r, s + i, len - i);
        if (!doi)
          return BCV_ENOMEM;
        if (pe && (rc = hold(b, CN_PAGES, s, pe, line)))
          return rc;
        return cn_put(b, CN_DOI, NULL, doi, len - i, line, col);
      }
    return hold(b, CN_PAGES, s, len, line);
  }
  case CN_YEAR:
  case CN_DATE:
    if (!cn_parse_date(s, len, &d)) {
      warn(b, line, "date \"%s\" not understood; kept as cnki.date", s);
      return add_extra(b, "cnki.date", s, len);
    }
    b->seen[CN_YEAR] |= 4;
    return set_issued(b, &d, slot == CN_YEAR || d.from.parts == 1);
  case CN_EVENT_DATE:
  case CN_FILED: {
    bcv_var v = slot == CN_FILED ? BCV_VAR_SUBMITTED : BCV_VAR_EVENT_DATE;
    if (!cn_parse_date(s, len, &d) || (b->seen[slot] & 4))
      return add_extra(b, slot == CN_FILED ? "cnki.filed" : "cnki.event-date", s, len);
    b->seen[slot] |= 4;
    return bcv_record_add_date(b->r, v, &d);
  }
  case CN_STATUS:
    return add_single(b, CN_STATUS, BCV_VAR_STATUS, NULL, s, len);
  case CN_ONLINE:
    if (!cn_parse_date(s, len, &d)) {
      warn(b, line, "date \"%s\" not understood; kept as cnki.online", s);
      return add_extra(b, "cnki.online", s, len);
    }
    if (b->seen[CN_ONLINE] & 4)
      return BCV_OK;
    b->seen[CN_ONLINE] |= 4;
    /* E-Study's "2021-01-15 16:54": the model's dates have no time of day */
    {
      size_t sp = cn_find(s, len, " ");
      if (sp != (size_t)-1 && sp + 1 < len && is_digit(s[sp + 1]) &&
          cn_find(s + sp, len - sp, ":") != (size_t)-1 &&
          (rc = add_extra(b, "cnki.online-time", s + sp + 1, len - sp - 1)))
        return rc;
    }
    return bcv_record_add_date(b->r, BCV_VAR_AVAILABLE_DATE, &d);
  case CN_VOLUME:
    /* EndNote %V of standards holds the standard's number, of yearbooks
     * the ISBN */
    if (looks_isbn(s, len) && len >= 10)
      return add_single(b, CN_ISBN, BCV_VAR_ISBN, NULL, s, len);
    if (!is_digit(s[0]) || cn_find(s, len, "/") != (size_t)-1)
      return add_single(b, CN_NUMBER, BCV_VAR_NUMBER, NULL, s, len);
    /* fall through */
  case CN_ISSUE: {
    cn_buf n = {0};
    rc = cn_norm_number(&n, s, len);
    if (!rc)
      rc = add_single(b, slot, slot == CN_VOLUME ? BCV_VAR_VOLUME : BCV_VAR_ISSUE, NULL, n.p,
                      n.len);
    cn_buf_free(&n);
    return rc;
  }
  case CN_NPAGES: {
    size_t i = 0;
    while (i < len && !is_digit(s[i]))
      i++;
    size_t j = i;
    while (j < len && is_digit(s[j]))
      j++;
    if (j == i)
      return add_extra(b, "cnki.pagecount", s, len);
    return add_single(b, CN_NPAGES, BCV_VAR_NUMBER_OF_PAGES, NULL, s + i, j - i);
  }
  case CN_ISXN:
    if (looks_issn(s, len))
      return add_single(b, CN_ISSN, BCV_VAR_ISSN, NULL, s, len);
    if (looks_isbn(s, len))
      return add_single(b, CN_ISBN, BCV_VAR_ISBN, NULL, s, len);
    return add_single(b, CN_NUMBER, BCV_VAR_NUMBER, NULL, s, len);
  case CN_ISSN:
    return add_single(b, CN_ISSN, BCV_VAR_ISSN, NULL, s, len);
  case CN_ISBN:
    return add_single(b, CN_ISBN, BCV_VAR_ISBN, NULL, s, len);
  case CN_CN:
    if (looks_cn(s, len))
      return add_extra(b, "cnki.cn", s, len);
    return add_single(b, CN_NUMBER, BCV_VAR_NUMBER, NULL, s, len);
  case CN_NUMBER:
    return add_single(b, CN_NUMBER, BCV_VAR_NUMBER, NULL, s, len);
  case CN_DOI: {
    static const char *const prefixes[] = {"https://doi.org/", "http://doi.org/",
                                           "http://dx.doi.org/", "doi:", "DOI:", NULL};
    for (size_t i = 0; prefixes[i]; i++)
      if (cn_starts(s, len, prefixes[i])) {
        s += strlen(prefixes[i]);
        len -= strlen(prefixes[i]);
        cn_trim(&s, &len);
      }
    while (len && s[len - 1] == '.')
      len--;
    return add_single(b, CN_DOI, BCV_VAR_DOI, NULL, s, len);
  }
  case CN_URL: {
    /* API exports escape the ampersands of kcms links */
    char *p = bcv_record_strndup(b->r, s, len);
    if (!p)
      return BCV_ENOMEM;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
      p[o++] = p[i];
      if (cn_starts(s + i, len - i, "&amp;"))
        i += 4;
    }
    return add_single(b, CN_URL, BCV_VAR_URL, NULL, p, o);
  }
  case CN_LANG:
    return put_lang(b, s, len);
  case CN_SECTION:
    return add_single(b, CN_SECTION, BCV_VAR_SECTION, lang, s, len);
  case CN_NOTE:
    return put_note(b, s, len, line);
  case CN_EXTRA:
    /* CNKI's own exports all say so; other providers are worth keeping */
    if (key && strcmp(key, "cnki.provider") == 0 && strcmp(s, "CNKI") == 0)
      return BCV_OK;
    if (key && strcmp(key, "cnki.database") == 0)
      if ((rc = hold(b, CN_DB, s, len, line)))
        return rc;
    /* CLC codes as CNKI's exports list them: "S451;TP391.41", whatever
     * semicolon the page printed */
    if (key && strcmp(key, "cnki.clc") == 0 && cn_find(s, len, "；") != (size_t)-1) {
      char *c = bcv_record_alloc(b->r, len + 1);
      if (!c)
        return BCV_ENOMEM;
      size_t o = 0;
      for (size_t i = 0; i < len; i++) {
        int fw = cn_starts(s + i, len - i, "；");
        c[o++] = fw ? ';' : s[i];
        i += fw ? 2 : 0;
      }
      return add_extra(b, key, c, o);
    }
    return add_extra(b, key, s, len);
  default: /* type-dependent: resolved in finish */
    return hold(b, slot, s, len, line);
  }
}

/* ---- finishing ---- */

static const struct {
  const char *text;
  bcv_type type;
} type_names[] = {
    {"Journal Article", BCV_TYPE_ARTICLE_JOURNAL},
    {"Dissertation/Thesis", BCV_TYPE_THESIS},
    {"Thesis", BCV_TYPE_THESIS},
    {"Dissertation", BCV_TYPE_THESIS},
    {"Conference Proceeding", BCV_TYPE_PAPER_CONFERENCE},
    {"Conference Proceedings", BCV_TYPE_PAPER_CONFERENCE},
    {"Conference Paper", BCV_TYPE_PAPER_CONFERENCE},
    {"Newspaper Article", BCV_TYPE_ARTICLE_NEWSPAPER},
    {"Patent", BCV_TYPE_PATENT},
    {"Standard", BCV_TYPE_STANDARD},
    {"Legal Rule or Regulation", BCV_TYPE_STANDARD},
    {"Other Article", BCV_TYPE_REPORT},
    {"Report", BCV_TYPE_REPORT},
    {"Book", BCV_TYPE_BOOK},
    {"Book, Whole", BCV_TYPE_BOOK},
    {"Book Section", BCV_TYPE_CHAPTER},
    {"Book, Section", BCV_TYPE_CHAPTER},
    {"Generic", BCV_TYPE_DOCUMENT},
    {"Web Page", BCV_TYPE_WEBPAGE},
    {"Dataset", BCV_TYPE_DATASET},
    {"Computer Program", BCV_TYPE_SOFTWARE},
    {"Map", BCV_TYPE_MAP},
    {"Collection", BCV_TYPE_COLLECTION},
    {"Periodical", BCV_TYPE_PERIODICAL},
};

/* CNKI's sub-databases say more than its type strings: yearbook entries
 * come out as "Standard". */
static const struct {
  const char *needle;
  bcv_type type;
  const char *genre;
} databases[] = {
    {"年鉴", BCV_TYPE_CHAPTER, NULL},        {"标准", BCV_TYPE_STANDARD, NULL},
    {"专利", BCV_TYPE_PATENT, NULL},         {"成果", BCV_TYPE_REPORT, "科技成果"},
    {"博士", BCV_TYPE_THESIS, "博士学位论文"}, {"硕士", BCV_TYPE_THESIS, "硕士学位论文"},
    {"报纸", BCV_TYPE_ARTICLE_NEWSPAPER, NULL}, {"会议", BCV_TYPE_PAPER_CONFERENCE, NULL},
    {"期刊", BCV_TYPE_ARTICLE_JOURNAL, NULL},
};

/* E-Study's DataType codes (1 journal, 2 thesis, 3 conference, 4 newspaper,
 * 6 yearbook, as CNKI's E-Study export numbers them). */
static const bcv_type datatypes[] = {
    BCV_TYPE_DOCUMENT,           BCV_TYPE_ARTICLE_JOURNAL,   BCV_TYPE_THESIS,
    BCV_TYPE_PAPER_CONFERENCE,   BCV_TYPE_ARTICLE_NEWSPAPER, BCV_TYPE_DOCUMENT,
    BCV_TYPE_CHAPTER,
};

static const struct {
  const char *text;
  const char *genre;
} degrees[] = {
    {"博士", "博士学位论文"}, {"硕士", "硕士学位论文"}, {"碩士", "碩士學位論文"},
};

static const raw *held(const cn_builder *b, cn_slot s) {
  return b->held[s][0].s ? &b->held[s][0] : NULL;
}

static int is(const raw *x, const char *s) {
  return x && x->len == strlen(s) && memcmp(x->s, s, x->len) == 0;
}

static bcv_type choose_type(cn_builder *b, const char **genre) {
  bcv_type t = BCV_TYPE_COUNT;
  const raw *x = held(b, CN_TYPE);
  if (x) {
    for (size_t i = 0; i < sizeof type_names / sizeof *type_names; i++)
      if (is(x, type_names[i].text))
        t = type_names[i].type;
    if (t == BCV_TYPE_COUNT) {
      warn(b, x->line, "unknown CNKI type \"%s\"; read as document", x->s);
      t = BCV_TYPE_DOCUMENT;
    }
  }
  if ((x = held(b, CN_DATATYPE))) {
    int n = x->len == 1 && is_digit(x->s[0]) ? x->s[0] - '0' : 0;
    if (n > 0 && (size_t)n < sizeof datatypes / sizeof *datatypes && t == BCV_TYPE_COUNT)
      t = datatypes[n];
  }
  if ((x = held(b, CN_DB)))
    for (size_t i = 0; i < sizeof databases / sizeof *databases; i++)
      if (cn_find(x->s, x->len, databases[i].needle) != (size_t)-1) {
        /* a database only refines: a journal article from 期刊 stays one */
        if (t == BCV_TYPE_COUNT || t == BCV_TYPE_STANDARD || t == BCV_TYPE_DOCUMENT ||
            databases[i].type == BCV_TYPE_THESIS)
          t = databases[i].type;
        if (databases[i].genre && t == databases[i].type)
          *genre = databases[i].genre;
        break;
      }
  /* RefWorks CL and NoteExpress "Type of Work" hold a degree for a thesis,
   * a patent's kind (发明公开) or its number */
  if ((x = held(b, CN_DEGREE))) {
    size_t i;
    /* "博士", also "工学博士", "博士研究生" */
    for (i = 0; i < sizeof degrees / sizeof *degrees; i++)
      if (cn_find(x->s, x->len, degrees[i].text) != (size_t)-1 && x->len <= 18)
        break;
    if (i < sizeof degrees / sizeof *degrees) {
      *genre = degrees[i].genre;
      t = BCV_TYPE_THESIS;
    } else if (!cn_has_han(x->s, x->len) && !bcv_record_text(b->r, BCV_VAR_NUMBER, NULL)) {
      if (add_text(b, BCV_VAR_NUMBER, NULL, x->s, x->len))
        return BCV_TYPE_COUNT;
    } else if (cn_has_han(x->s, x->len)) {
      *genre = x->s;
    }
  }
  if (b->csl_type != BCV_TYPE_COUNT)
    t = b->csl_type;
  if (t == BCV_TYPE_COUNT)
    t = held(b, CN_CONTAINER) ? BCV_TYPE_ARTICLE_JOURNAL : BCV_TYPE_DOCUMENT;
  return t;
}

static int held_text(cn_builder *b, cn_slot s, bcv_var v) {
  const raw *x = held(b, s);
  if (!x)
    return BCV_OK;
  return add_text(b, v, cn_lang_of(x->s, x->len), x->s, x->len);
}

/* Affiliations by their number (1..AFFIL_MAX), so that linking stays
 * linear however many names and units a hostile record has. */
enum { AFFIL_MAX = 999 };

static int mark_number(const char *s, size_t len) {
  int v = 0;
  for (size_t i = 0; i < len; i++)
    if (!is_digit(s[i]) || (v = v * 10 + (s[i] - '0')) > AFFIL_MAX)
      return 0;
  return v;
}

/* Link a name to the affiliations its glued numbers point at; *linked
 * counts the links made.  index[k] is the affiliation numbered k, or -1. */
static int link_affils(cn_builder *b, bcv_name *n, const raw *who, const int *index,
                       int *linked, int *done, int *ndone) {
  for (size_t i = 0; i < who->mlen;) {
    size_t j = i;
    while (j < who->mlen && is_digit(who->marks[j]))
      j++;
    int k = mark_number(who->marks + i, j - i);
    /* no author has more than a few units; a hostile "1,1,1,..." stops here */
    if (k && index[k] >= 0 && *ndone < 64) {
      /* each unit once, though both forms of a name point at it
       * ("张建良1,2" and "ZHANG Jian-liang1,2") */
      int seen = 0;
      for (int d = 0; d < *ndone; d++)
        seen |= done[d] == index[k];
      if (!seen) {
        done[(*ndone)++] = index[k];
        raw *f = &b->affils.v[index[k]];
        if (bcv_name_add_affiliation(b->r, n, f->s, f->len))
          return BCV_ENOMEM;
        f->used = 1;
        (*linked)++;
      }
    }
    i = j < who->mlen ? j + 1 : j;
  }
  return BCV_OK;
}

/* RefWorks's AD is one list for all authors; our writer says who belongs
 * where in "NO cnki.affiliation-links: 1,2;1;3" (positions in AD). */
static void apply_links(cn_builder *b, raw_vec *authors) {
  static const char digits[] = "123456789";
  for (size_t a = 0; a < b->affils.n && a < 9; a++) {
    b->affils.v[a].marks = digits + a;
    b->affils.v[a].mlen = 1;
  }
  const char *p = b->links;
  for (size_t i = 0; i < authors->n && *p; i++) {
    const char *e = strchr(p, ';');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    authors->v[i].marks = p;
    authors->v[i].mlen = n;
    p += e ? n + 1 : n;
  }
}

static int add_names(cn_builder *b) {
  int paired = b->zh.n && b->en.n == b->zh.n;
  raw_vec *main = b->zh.n ? &b->zh : &b->en;
  if (b->links)
    apply_links(b, main);
  int linked = 0, marked = 0;
  for (size_t i = 0; i < main->n; i++)
    marked |= main->v[i].mlen > 0 || (paired && b->en.v[i].mlen > 0);
  int *index = NULL;
  if (marked) {
    index = malloc((AFFIL_MAX + 1) * sizeof *index);
    if (!index)
      return BCV_ENOMEM;
    for (int k = 0; k <= AFFIL_MAX; k++)
      index[k] = -1;
    for (size_t a = b->affils.n; a-- > 0;) {
      int k = mark_number(b->affils.v[a].marks, b->affils.v[a].mlen);
      if (k)
        index[k] = (int)a;
    }
  }
  for (size_t i = 0; i < main->n; i++) {
    bcv_name n;
    const raw *x = &main->v[i];
    if (cn_parse_name(b->r, x->s, x->len, b->en_family_first, &n))
      return BCV_ENOMEM;
    n.lang = NULL; /* the script says it; only other forms need a tag */
    if (!n.literal && x->suffix)
      n.suffix = x->suffix;
    bcv_name *stored = bcv_record_add_name(b->r, BCV_VAR_AUTHOR, &n);
    int rc = stored ? BCV_OK : BCV_ENOMEM;
    if (!rc && marked) {
      int done[64], ndone = 0;
      rc = link_affils(b, stored, x, index, &linked, done, &ndone);
      if (!rc && paired)
        rc = link_affils(b, stored, &b->en.v[i], index, &linked, done, &ndone);
    } else if (!rc && b->affils.n == 1) {
      rc = bcv_name_add_affiliation(b->r, stored, b->affils.v[0].s, b->affils.v[0].len);
      b->affils.v[0].used = 1;
    }
    if (!rc && paired) {
      bcv_name alt;
      const raw *y = &b->en.v[i];
      rc = cn_parse_name(b->r, y->s, y->len, 1, &alt);
      if (!rc)
        rc = bcv_name_add_alt(b->r, stored, &alt);
    }
    if (rc) {
      free(index);
      return rc;
    }
  }
  free(index);
  if (b->zh.n && b->en.n && !paired) {
    bcv_diag_report(b->diag, BCV_SEV_WARNING, NULL, b->line, b->col,
                    "%zu Chinese and %zu romanised author names cannot be paired; the romanised "
                    "ones are kept in cnki.author-en",
                    b->zh.n, b->en.n);
    cn_buf all = {0};
    for (size_t i = 0; i < b->en.n; i++)
      if ((i && cn_buf_puts(&all, "; ")) || cn_buf_put(&all, b->en.v[i].s, b->en.v[i].len)) {
        cn_buf_free(&all);
        return BCV_ENOMEM;
      }
    int rc = add_extra(b, "cnki.author-en", all.p, all.len);
    cn_buf_free(&all);
    if (rc)
      return rc;
  }
  if ((b->etal & 1) && bcv_record_set_etal(b->r, BCV_VAR_AUTHOR))
    return BCV_ENOMEM;
  /* Affiliations no author points at are still data: keep them, in
   * order, in one extra (formats keep one value per key). */
  (void)linked;
  if (b->affils.n) {
    cn_buf all = {0};
    for (size_t a = 0; a < b->affils.n; a++)
      if (!b->affils.v[a].used &&
          ((all.len && cn_buf_puts(&all, "; ")) ||
           cn_buf_put(&all, b->affils.v[a].s, b->affils.v[a].len))) {
        cn_buf_free(&all);
        return BCV_ENOMEM;
      }
    int rc = all.len ? add_extra(b, "cnki.affiliation", all.p, all.len) : BCV_OK;
    cn_buf_free(&all);
    if (rc)
      return rc;
  }
  /* CSL has no supervisor: a contributor whose role says so */
  for (size_t i = 0; i < b->supervisors.n; i++) {
    bcv_name n;
    const raw *x = &b->supervisors.v[i];
    if (cn_parse_name(b->r, x->s, x->len, 0, &n))
      return BCV_ENOMEM;
    n.lang = NULL;
    bcv_name *stored = bcv_record_add_name(b->r, BCV_VAR_CONTRIBUTOR, &n);
    if (!stored || bcv_name_add_extra(b->r, stored, "cnki.role", "supervisor", 0))
      return BCV_ENOMEM;
  }
  /* a part's host's editors, translators (GB/T strings) */
  for (int k = 0; k < 2; k++) {
    raw_vec *v = k ? &b->translators : &b->editors;
    for (size_t i = 0; i < v->n; i++) {
      bcv_name n;
      if (cn_parse_name(b->r, v->v[i].s, v->v[i].len, b->en_family_first, &n))
        return BCV_ENOMEM;
      n.lang = NULL;
      if (!n.literal && v->v[i].suffix)
        n.suffix = v->v[i].suffix;
      if (!bcv_record_add_name(b->r, k ? BCV_VAR_TRANSLATOR : BCV_VAR_EDITOR, &n))
        return BCV_ENOMEM;
    }
    if ((b->etal & (k ? 4 : 2)) && bcv_record_set_etal(b->r, k ? BCV_VAR_TRANSLATOR : BCV_VAR_EDITOR))
      return BCV_ENOMEM;
  }
  return BCV_OK;
}

bcv_record *cn_builder_finish(cn_builder *b, int *rc) {
  *rc = BCV_ENOMEM;
  const char *genre = NULL;
  bcv_type t = choose_type(b, &genre);
  if (t == BCV_TYPE_COUNT)
    return NULL;
  bcv_record_set_type(b->r, t);
  if (genre && add_text(b, BCV_VAR_GENRE, cn_lang_of(genre, strlen(genre)), genre, strlen(genre)))
    return NULL;
  const raw *x;
  /* A thesis's "journal" (EndNote %J) is its university; so is the one
   * unit its author belongs to on a thesis page. */
  if (t == BCV_TYPE_THESIS && !held(b, CN_PUBLISHER) && held(b, CN_CONTAINER))
    b->held[CN_PUBLISHER][0] = b->held[CN_CONTAINER][0], b->held[CN_CONTAINER][0].s = NULL;
  if (t == BCV_TYPE_THESIS && !held(b, CN_PUBLISHER) && b->affils.n == 1 &&
      add_text(b, BCV_VAR_PUBLISHER, cn_lang_of(b->affils.v[0].s, b->affils.v[0].len),
               b->affils.v[0].s, b->affils.v[0].len))
    return NULL;
  if (held_text(b, CN_CONTAINER, BCV_VAR_CONTAINER_TITLE) ||
      held_text(b, CN_PUBLISHER, BCV_VAR_PUBLISHER))
    return NULL;
  if ((x = held(b, CN_SECONDARY))) {
    bcv_var v = t == BCV_TYPE_PAPER_CONFERENCE ? BCV_VAR_EVENT_TITLE
                : held(b, CN_CONTAINER)        ? BCV_VAR_EVENT_TITLE
                                               : BCV_VAR_CONTAINER_TITLE;
    if (add_text(b, v, cn_lang_of(x->s, x->len), x->s, x->len))
      return NULL;
  }
  if ((x = held(b, CN_PLACE)) &&
      add_text(b, t == BCV_TYPE_PAPER_CONFERENCE ? BCV_VAR_EVENT_PLACE : BCV_VAR_PUBLISHER_PLACE,
               cn_lang_of(x->s, x->len), x->s, x->len))
    return NULL;
  if ((x = held(b, CN_ORGANIZER))) {
    /* a patent's "subsidiary author" is its applicant, which CSL lacks */
    if (t == BCV_TYPE_PATENT) {
      if (add_extra(b, "cnki.applicant", x->s, x->len))
        return NULL;
    } else {
      name_ctx c = {b, &b->supervisors, x->line};
      size_t first = b->supervisors.n;
      if (cn_split_list(x->s, x->len, 1, push_name, &c))
        return NULL;
      /* organisers are institutions: kept whole */
      for (size_t i = first; i < b->supervisors.n; i++) {
        bcv_name n = {0};
        n.literal = bcv_record_strndup(b->r, b->supervisors.v[i].s, b->supervisors.v[i].len);
        if (!n.literal || !bcv_record_add_name(b->r, BCV_VAR_ORGANIZER, &n))
          return NULL;
      }
      b->supervisors.n = first;
    }
  }
  /* EndNote conference records carry %P twice, a page count and then the
   * range: the range is the page, the other the count. */
  const raw *pg0 = &b->held[CN_PAGES][0], *pg1 = &b->held[CN_PAGES][1];
  if (pg1->s && cn_find(pg0->s, pg0->len, "-") != (size_t)-1) {
    const raw *tmp = pg0;
    pg0 = pg1;
    pg1 = tmp;
  }
  const raw *pages[2] = {pg1->s ? pg1 : pg0, pg1->s ? pg0 : NULL};
  /* a standard's "pages" is its page count */
  if (t == BCV_TYPE_STANDARD && !b->cited_pages && !pg1->s && pg0->s &&
      cn_find(pg0->s, pg0->len, "-") == (size_t)-1) {
    pages[1] = pg0;
    pages[0] = NULL;
  }
  /* CNKI pads its page numbers ("004" is page 4), in its exports and in
   * its GB/T strings' newspaper 版次 "(005)"; any other page of a GB/T
   * string is as the source numbers it (the standard's "011-012") */
  int keep_zeros = b->cited_pages && t != BCV_TYPE_ARTICLE_NEWSPAPER;
  cn_buf p = {0};
  for (int i = 0; i < 2; i++) {
    if (!pages[i] || !pages[i]->s || (i && (b->seen[CN_NPAGES] & 4)))
      continue;
    if (cn_norm_pages(&p, pages[i]->s, pages[i]->len, keep_zeros) ||
        (p.len && add_text(b, i ? BCV_VAR_NUMBER_OF_PAGES : BCV_VAR_PAGE, NULL, p.p, p.len))) {
      cn_buf_free(&p);
      return NULL;
    }
  }
  cn_buf_free(&p);
  /* An online-first item has only its online date: that is when it was
   * issued, as far as anyone can cite it. */
  const bcv_field *online = bcv_record_field(b->r, BCV_VAR_AVAILABLE_DATE);
  if (!b->issued.from.parts && online)
    b->issued = *online->date;
  if (b->issued.from.parts && bcv_record_add_date(b->r, BCV_VAR_ISSUED, &b->issued))
    return NULL;
  if (add_names(b))
    return NULL;
  if (!b->seen[CN_LANG]) {
    const char *l = "en";
    const bcv_field *f;
    for (f = bcv_record_fields(b->r); f; f = f->next)
      if ((f->var == BCV_VAR_TITLE || f->var == BCV_VAR_ABSTRACT) && f->lang &&
          strcmp(f->lang, "zh") == 0)
        l = "zh";
    /* names decide only when there is no text to go by: a note in
     * English that names Chinese authors is in English */
    if (b->zh.n && !b->seen[CN_TITLE] && !b->seen[CN_ABSTRACT])
      l = "zh";
    if (add_text(b, BCV_VAR_LANGUAGE, NULL, l, 2))
      return NULL;
  }
  if (!(b->seen[CN_TITLE]))
    bcv_diag_report(b->diag, BCV_SEV_WARNING, NULL, b->line, b->col, "record has no title");
  *rc = BCV_OK;
  bcv_record *r = b->r;
  b->r = NULL;
  return r;
}
