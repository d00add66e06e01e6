/* SPDX-License-Identifier: MIT */
/* names.c: BibTeX name lists, read and written by BibTeX's own rules.
 *
 * Reading follows btxdoc and "Tame the BeaST": names are separated by
 * "and" at brace level 0; a name is "First von Last", "von Last, First"
 * or "von Last, Jr, First"; a braced group is one token; a token's case is
 * that of its first letter at level 0 (a special character such as
 * {\'E} counts as its letter), and lower-case tokens make the von part.
 * Beyond BibTeX: "others" is the et-al flag, a name that is one braced
 * group is a literal (corporate) name, and a Han name (邓正阳, {邓正阳},
 * 邓 正阳, 杨, 育伟) is split family-first by the shared CJK rule, and
 * biblatex's extended format (family=..., given=..., prefix=...) is read
 * by its keys.
 *
 * Writing produces "von Last, Jr, First" with braces only where a part
 * would otherwise be read back differently. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "bibtex.h"

#define MAX_TOKENS 64

typedef struct tok {
  size_t a, b; /* [a, b) in the name */
} tok;

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Case of a code point: 1 upper, -1 lower, 0 none (CJK, digits). */
static int cp_case(unsigned cp) {
  if (cp >= 'A' && cp <= 'Z')
    return 1;
  if (cp >= 'a' && cp <= 'z')
    return -1;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
    return 1;
  if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
    return -1;
  if (cp >= 0x100 && cp <= 0x17F) /* Latin Extended-A alternates mostly */
    return (cp & 1) ? -1 : 1;
  if (cp >= 0x391 && cp <= 0x3A9)
    return 1;
  if (cp >= 0x3B1 && cp <= 0x3C9)
    return -1;
  if (cp >= 0x410 && cp <= 0x42F)
    return 1;
  if (cp >= 0x430 && cp <= 0x44F)
    return -1;
  return 0;
}

static unsigned decode_cp(const char *s, size_t n, size_t *len) {
  unsigned cp;
  *len = bt_utf8_next(s, n, &cp);
  return cp;
}

/* BibTeX's foreign letters: \oe, \ss ... count as letters of their case. */
static int is_foreign(const char *s, size_t len) {
  static const char *const foreign[] = {"oe", "OE", "ae", "AE", "aa", "AA", "o",
                                        "O",  "l",  "L",  "ss", "i",  "j"};
  for (size_t k = 0; k < sizeof foreign / sizeof foreign[0]; k++)
    if (len == strlen(foreign[k]) && memcmp(s, foreign[k], len) == 0)
      return 1;
  return 0;
}

/* The case of a token, as BibTeX decides whether it is a von word. */
static int tok_case(const char *s, tok t) {
  size_t i = t.a;
  while (i < t.b) {
    char c = s[i];
    if (c == '{') {
      if (i + 1 < t.b && s[i + 1] == '\\') {
        /* a special character: the case of its letter */
        size_t j = i + 2;
        size_t ns = j;
        while (j < t.b && is_letter(s[j]))
          j++;
        if (is_foreign(s + ns, j - ns))
          return cp_case((unsigned char)s[ns]);
        for (; j < t.b && s[j] != '}'; j++)
          if (is_letter(s[j]))
            return cp_case((unsigned char)s[j]);
        return 0;
      }
      return 0; /* a braced group: caseless, never von */
    }
    if (c == '\\') { /* an accent or letter outside braces: \'e, \v{C}, \ss */
      size_t j = i + 1;
      if (j < t.b && is_letter(s[j])) {
        size_t ns = j;
        while (j < t.b && is_letter(s[j]))
          j++;
        if (is_foreign(s + ns, j - ns))
          return cp_case((unsigned char)s[ns]);
      } else {
        j++;
      }
      while (j < t.b && (s[j] == '{' || is_ws(s[j])))
        j++;
      i = j;
      continue;
    }
    size_t len;
    unsigned cp = decode_cp(s + i, t.b - i, &len);
    int k = cp_case(cp);
    if (k)
      return k;
    if (cp >= 0x2E80) /* CJK: no case */
      return 0;
    i += len;
  }
  return 0;
}

/* Split at brace level 0: tokens separated by white space or '~';
 * commas end a part.  Returns the number of tokens; part_start[p] is the
 * first token of part p. */
static size_t tokenize(const char *s, size_t n, tok *t, size_t max, size_t *part_start,
                       size_t *nparts) {
  size_t nt = 0;
  *nparts = 1;
  part_start[0] = 0;
  long depth = 0;
  size_t i = 0, start = (size_t)-1;
  for (; i <= n; i++) {
    char c = i < n ? s[i] : ' ';
    int sep = depth == 0 && (is_ws(c) || c == '~' || c == ',');
    if (c == '{')
      depth++;
    else if (c == '}' && depth > 0)
      depth--;
    if (sep) {
      if (start != (size_t)-1) {
        if (nt < max)
          t[nt++] = (tok){start, i};
        else
          t[nt - 1].b = i; /* too many: the rest joins the last token */
        start = (size_t)-1;
      }
      if (c == ',' && *nparts < 3)
        part_start[(*nparts)++] = nt;
    } else if (start == (size_t)-1) {
      start = i;
    }
  }
  return nt;
}

typedef struct scratch {
  bt_buf buf;
  size_t off[5]; /* family, given, von, suffix, literal; (size_t)-1: none */
} scratch;

enum { P_FAMILY, P_GIVEN, P_VON, P_SUFFIX, P_LITERAL };

static int put_part(scratch *sc, int which, const char *s, tok a, tok b) {
  if (a.a >= b.b)
    return BCV_OK;
  size_t off = sc->buf.len;
  if (bt_latex_decode(s + a.a, b.b - a.a, BT_DEC_NAME, &sc->buf) || bt_buf_putc(&sc->buf, '\0'))
    return BCV_ENOMEM;
  sc->off[which] = off;
  return BCV_OK;
}

static const char *part(const scratch *sc, int which) {
  return sc->off[which] == (size_t)-1 ? NULL : sc->buf.p + sc->off[which];
}

static int all_han(const char *s) {
  size_t n = strlen(s);
  if (!n)
    return 0;
  for (size_t i = 0; i < n;) {
    size_t len;
    unsigned cp = decode_cp(s + i, n - i, &len);
    if (!bcv_utf8_is_han(s + i, n - i) && cp != 0xB7 && cp != 0x30FB && cp != 0x2022)
      return 0;
    i += len;
  }
  return 1;
}

/* biblatex's extended name format: "family=Goethe, given=Johann
 * Wolfgang, prefix=von, useprefix=false".  Parts are split at commas at
 * brace level 0 outside double quotes ("given={Wolfgang, Johann}" or a
 * quoted "given=..." pair keep theirs).  It is this format when every part
 * is key=value and one key names a part; initials (giveni...) and other
 * keys are left out, as biber derives or ignores them.  Returns 1 when
 * parsed, 0 when s is not in this format, or BCV_ENOMEM (negative). */
static int parse_extended(const char *s, size_t len, int useprefix, scratch *sc, bcv_name *nm) {
  static const char *const keys[] = {"family", "given", "prefix", "suffix"};
  static const int which[] = {P_FAMILY, P_GIVEN, P_VON, P_SUFFIX};
  tok val[4];
  int have[4] = {0, 0, 0, 0}, any = 0;
  size_t i = 0;
  while (i < len) {
    size_t a = i, b;
    long depth = 0;
    int quoted = 0;
    for (b = i; b < len; b++) {
      char c = s[b];
      if (c == '{')
        depth++;
      else if (c == '}' && depth > 0)
        depth--;
      else if (c == '"' && !depth)
        quoted = !quoted;
      else if (c == ',' && !depth && !quoted)
        break;
    }
    i = b + 1;
    while (a < b && is_ws(s[a]))
      a++;
    while (b > a && is_ws(s[b - 1]))
      b--;
    if (b - a >= 2 && s[a] == '"' && s[b - 1] == '"')
      a++, b--;
    if (a == b)
      continue;
    size_t k = a;
    while (k < b && (is_letter(s[k]) || s[k] == '-'))
      k++;
    size_t kl = k - a;
    while (k < b && is_ws(s[k]))
      k++;
    if (!kl || k == b || s[k] != '=')
      return 0;
    size_t va = k + 1;
    while (va < b && is_ws(s[va]))
      va++;
    if (kl == 9 && strncasecmp(s + a, "useprefix", 9) == 0) {
      useprefix = strncasecmp(s + va, "true", b - va < 4 ? b - va : 4) == 0 && b - va == 4;
      continue;
    }
    for (int p = 0; p < 4; p++)
      if (kl == strlen(keys[p]) && strncasecmp(s + a, keys[p], kl) == 0 && va < b) {
        val[p] = (tok){va, b};
        have[p] = any = 1;
      }
  }
  if (!any)
    return 0;
  for (int p = 0; p < 4; p++)
    if (have[p] && put_part(sc, which[p], s, val[p], val[p]))
      return BCV_ENOMEM;
  nm->family = part(sc, P_FAMILY);
  nm->given = part(sc, P_GIVEN);
  nm->suffix = part(sc, P_SUFFIX);
  if (useprefix)
    nm->non_dropping_particle = part(sc, P_VON);
  else
    nm->dropping_particle = part(sc, P_VON);
  return nm->family || nm->given ? 1 : 0;
}

/* One name (not "others") into n, strings in sc or the record. */
static int parse_name(bcv_record *r, const char *s, size_t len, int useprefix, scratch *sc,
                      bcv_name *nm) {
  for (int k = 0; k < 5; k++)
    sc->off[k] = (size_t)-1;
  sc->buf.len = 0;
  memset(nm, 0, sizeof *nm);
  /* one braced group: a corporate name, or a Han name kept together */
  if (len >= 2 && s[0] == '{' && s[len - 1] == '}') {
    long depth = 0;
    size_t i = 0;
    for (; i < len; i++) {
      if (s[i] == '{')
        depth++;
      else if (s[i] == '}' && --depth == 0)
        break;
    }
    if (i == len - 1 && !(len > 2 && s[1] == '\\')) {
      if (put_part(sc, P_LITERAL, s, (tok){1, 1}, (tok){len - 1, len - 1}))
        return BCV_ENOMEM;
      const char *lit = part(sc, P_LITERAL);
      if (lit && all_han(lit))
        return bcv_name_split_han(r, lit, strlen(lit), nm) ? BCV_EINVAL : BCV_OK;
      nm->literal = lit;
      return lit ? BCV_OK : BCV_EINVAL;
    }
  }
  if (memchr(s, '=', len)) {
    int ext = parse_extended(s, len, useprefix, sc, nm);
    if (ext)
      return ext < 0 ? ext : BCV_OK;
    for (int k = 0; k < 5; k++)
      sc->off[k] = (size_t)-1;
    sc->buf.len = 0;
    memset(nm, 0, sizeof *nm);
  }
  tok t[MAX_TOKENS];
  size_t ps[3], np;
  size_t nt = tokenize(s, len, t, MAX_TOKENS, ps, &np);
  if (nt == 0)
    return BCV_EINVAL;
  size_t first_a = 0, first_b = 0, von_a = 0, von_b = 0, last_a = 0, last_b = 0, jr_a = 0,
         jr_b = 0;
  if (np == 1) {
    if (nt == 1) {
      if (put_part(sc, P_FAMILY, s, t[0], t[0]))
        return BCV_ENOMEM;
      const char *fam = part(sc, P_FAMILY);
      if (all_han(fam))
        return bcv_name_split_han(r, fam, strlen(fam), nm) ? BCV_EINVAL : BCV_OK;
      nm->family = fam;
      return BCV_OK;
    }
    /* 邓 正阳: family first (the first token, decoded, is Han) */
    if (put_part(sc, P_FAMILY, s, t[0], t[0]))
      return BCV_ENOMEM;
    if (all_han(part(sc, P_FAMILY))) {
      if (put_part(sc, P_GIVEN, s, t[1], t[nt - 1]))
        return BCV_ENOMEM;
      nm->family = part(sc, P_FAMILY);
      nm->given = part(sc, P_GIVEN);
      nm->flags |= BCV_NAME_EASTERN;
      return BCV_OK;
    }
    sc->buf.len = 0; /* not Han: the parts are decoded below */
    sc->off[P_FAMILY] = (size_t)-1;
    /* First von Last */
    size_t v = nt;
    for (size_t k = 0; k + 1 < nt; k++)
      if (tok_case(s, t[k]) < 0) {
        v = k;
        break;
      }
    if (v < nt) {
      size_t ve = v;
      for (size_t k = v; k + 1 < nt; k++)
        if (tok_case(s, t[k]) < 0)
          ve = k;
      first_a = 0, first_b = v;
      von_a = v, von_b = ve + 1;
      last_a = ve + 1, last_b = nt;
    } else {
      first_a = 0, first_b = nt - 1;
      last_a = nt - 1, last_b = nt;
    }
  } else {
    /* von Last, [Jr,] First */
    size_t p0 = ps[1]; /* tokens of the first part: [0, p0) */
    size_t ve = 0;
    int has_von = 0;
    for (size_t k = 0; k + 1 < p0; k++)
      if (tok_case(s, t[k]) < 0) {
        ve = k + 1;
        has_von = 1;
      }
    /* the von part starts at the first token only when that is lower case */
    if (has_von && tok_case(s, t[0]) >= 0) {
      /* "Drummond de Andrade, C.": von must start the part; BibTeX would
       * take "Drummond de" as von, which no one means */
      has_von = 0;
      ve = 0;
    }
    von_a = 0, von_b = has_von ? ve : 0;
    last_a = von_b, last_b = p0;
    if (np == 3) {
      jr_a = ps[1], jr_b = ps[2];
      first_a = ps[2], first_b = nt;
    } else {
      first_a = ps[1], first_b = nt;
    }
  }
  if (last_a >= last_b && von_b > von_a) { /* "de la," : the last von word is the name */
    von_b--;
    last_a = von_b;
  }
  if ((first_b > first_a && put_part(sc, P_GIVEN, s, t[first_a], t[first_b - 1])) ||
      (von_b > von_a && put_part(sc, P_VON, s, t[von_a], t[von_b - 1])) ||
      (last_b > last_a && put_part(sc, P_FAMILY, s, t[last_a], t[last_b - 1])) ||
      (jr_b > jr_a && put_part(sc, P_SUFFIX, s, t[jr_a], t[jr_b - 1])))
    return BCV_ENOMEM;
  nm->family = part(sc, P_FAMILY);
  nm->given = part(sc, P_GIVEN);
  nm->suffix = part(sc, P_SUFFIX);
  if (useprefix)
    nm->non_dropping_particle = part(sc, P_VON);
  else
    nm->dropping_particle = part(sc, P_VON);
  if (nm->family && all_han(nm->family) && (!nm->given || all_han(nm->given)))
    nm->flags |= BCV_NAME_EASTERN;
  if (!nm->family && !nm->given)
    return BCV_EINVAL;
  return BCV_OK;
}

int bt_and_at(const char *s, size_t i, size_t n) {
  return (i == 0 || is_ws(s[i - 1])) && i + 3 < n && (s[i] == 'a' || s[i] == 'A') &&
         (s[i + 1] == 'n' || s[i + 1] == 'N') && (s[i + 2] == 'd' || s[i + 2] == 'D') &&
         is_ws(s[i + 3]);
}

static int comma_at_level0(const char *s, size_t n) {
  long depth = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '{')
      depth++;
    else if (s[i] == '}' && depth > 0)
      depth--;
    else if (s[i] == ',' && !depth)
      return 1;
  return 0;
}

/* Read the names of s into v; with lang, they are that language's forms
 * of the names v already holds, paired by position. */
int bt_names_read(bcv_record *r, bcv_var v, const char *s, size_t n, int useprefix,
                  const char *lang, size_t *unpaired, size_t *rest) {
  const bcv_field *have = lang ? bcv_record_field(r, v) : NULL;
  const bcv_name *pair = have ? have->names : NULL;
  if (!have)
    lang = NULL; /* no names to pair with: these are the names */
  *unpaired = 0;
  *rest = 0;
  scratch sc = {{0}, {0}};
  int rc = BCV_OK;
  long depth = 0;
  size_t from = 0;
  for (size_t i = 0; i <= n && !rc; i++) {
    if (i < n) {
      if (s[i] == '{')
        depth++;
      else if (s[i] == '}' && depth > 0)
        depth--;
      if (depth || !bt_and_at(s, i, n))
        continue;
    }
    size_t a = from, b = i, comma = 0;
    while (a < b && is_ws(s[a]))
      a++;
    while (b > a && (is_ws(s[b - 1]) || s[b - 1] == ','))
      if (s[--b] == ',')
        comma = b + 1;
    /* stray commas go ("Smith, J.,"), but one that is the name's only
     * comma stays: "Smith Jones," is a family name alone, as BibTeX,
     * pandoc and citation.js read it (and as the writers write one) */
    if (comma && !comma_at_level0(s + a, b - a))
      b = comma;
    from = i + 3;
    if (i < n)
      i += 2;
    if (a == b)
      continue;
    if (b - a == 6 && strncmp(s + a, "others", 6) == 0) {
      rc = bcv_record_set_etal(r, v);
      continue;
    }
    bcv_name nm;
    int prc = parse_name(r, s + a, b - a, useprefix, &sc, &nm);
    if (prc != BCV_OK) {
      rc = prc == BCV_ENOMEM ? prc : BCV_OK;
      continue;
    }
    nm.lang = lang;
    if (!lang) {
      rc = bcv_record_add_name(r, v, &nm) ? BCV_OK : BCV_ENOMEM;
    } else if (pair) {
      rc = bcv_name_add_alt(r, (bcv_name *)pair, &nm);
      pair = pair->next;
    } else if (!(*unpaired)++) {
      *rest = a;
    }
  }
  bt_buf_free(&sc.buf);
  return rc;
}

/* ---- writing ---- */

/* Does a part need braces to be read back as one part?  A thin space is
 * written \, whose comma would split the name. */
static int needs_braces(const char *s, int is_family) {
  if (strstr(s, "\xe2\x80\xaf"))
    return 1;
  size_t n = strlen(s);
  size_t i = 0, start = 0;
  for (; i <= n; i++) {
    char c = i < n ? s[i] : ' ';
    if (c == ',' || (c == '{' || c == '}'))
      return 1;
    if (is_ws(c) || c == '~') {
      if (i > start) {
        tok t = {start, i};
        if (is_family && tok_case(s, t) < 0)
          return 1;
        if (i - start == 3 && strncasecmp(s + start, "and", 3) == 0)
          return 1;
      }
      start = i + 1;
    }
  }
  return 0;
}

static int put_encoded(bt_buf *out, const char *s, unsigned enc, int brace) {
  if (brace && bt_buf_putc(out, '{'))
    return BCV_ENOMEM;
  if (bt_latex_encode(s, strlen(s), enc, out))
    return BCV_ENOMEM;
  if (brace && bt_buf_putc(out, '}'))
    return BCV_ENOMEM;
  return BCV_OK;
}

/* s as one braced token, which BibTeX takes whole.  {\acro{TUG}
 * committee} would be BibTeX's special character, a word of a name: a
 * token that starts with a command gets a second pair of braces. */
static int put_whole(bt_buf *out, const char *s, unsigned enc) {
  size_t at = out->len;
  if (put_encoded(out, s, enc, 1))
    return BCV_ENOMEM;
  if (out->p[at + 1] != '\\')
    return BCV_OK;
  if (bt_buf_reserve(out, 2))
    return BCV_ENOMEM;
  memmove(out->p + at + 1, out->p + at, out->len - at);
  out->p[at] = '{';
  out->len++;
  return bt_buf_putc(out, '}') ? BCV_ENOMEM : BCV_OK;
}

static int lower_initial(const char *s) {
  size_t len;
  return s[0] && cp_case(decode_cp(s, strlen(s), &len)) < 0;
}

/* A family name without a given name that would not read back alone
 * (words, or Han characters the CJK rule would split).  biblatex has
 * "family=Smith Jones".  Classic BibTeX has no way to say it: "Smith
 * Jones," is an error to BibTeX ("has a comma at the end") and biber,
 * "Smith Jones" a given and a family name; "{Smith Jones}" is one token,
 * which BibTeX, pandoc and citation.js print whole, and which we read
 * back as a literal (README, Names).  biber splits "family=..." at every
 * comma, braced or not ("Invalid namepart ''"), so a family name holding
 * a comma is the braced token in biblatex too. */
static int family_alone(const char *family, unsigned enc, bt_buf *out) {
  if (!(enc & BT_ENC_XNAME) || strchr(family, ','))
    return put_whole(out, family, enc);
  return bt_buf_puts(out, "family=") || put_encoded(out, family, enc, needs_braces(family, 0))
             ? BCV_ENOMEM
             : BCV_OK;
}

static int write_name(const bcv_name *nm, unsigned enc, bt_buf *out) {
  if (nm->literal)
    return put_whole(out, nm->literal, enc);
  const char *family = nm->family ? nm->family : "";
  const char *given = nm->given && nm->given[0] ? nm->given : NULL;
  if (all_han(family) && (!given || all_han(given)) && (nm->flags & BCV_NAME_EASTERN)) {
    /* 邓正阳 as one braced token when the CJK rule splits it back the
     * same way; else "family, given", which keeps the parts exact */
    bt_buf joined = {0};
    if (bt_buf_puts(&joined, family) || bt_buf_puts(&joined, given ? given : "")) {
      bt_buf_free(&joined);
      return BCV_ENOMEM;
    }
    size_t fl = strlen(family), at, cut = bcv_han_split(joined.p, joined.len, &at);
    int same = cut == fl && at == fl; /* splits back at the same place, no dot */
    int rc = same ? put_encoded(out, joined.p, enc, 1) : BCV_OK;
    bt_buf_free(&joined);
    if (same)
      return rc;
    if (!given)
      return family_alone(family, enc, out);
    if (put_encoded(out, family, enc, 0) || bt_buf_puts(out, ", "))
      return BCV_ENOMEM;
    return put_encoded(out, given, enc, 0);
  }
  /* von: the particles, when they read back as von (lower case) */
  bt_buf von = {0}, fam = {0};
  const char *ps[2] = {nm->dropping_particle, nm->non_dropping_particle};
  int rc = bt_buf_puts(&fam, "");
  for (int k = 0; k < 2 && !rc; k++) {
    if (!ps[k] || !ps[k][0])
      continue;
    if (lower_initial(ps[k])) /* "Van" in "Van Gogh" can only stay with the family */
      rc = (von.len && bt_buf_putc(&von, ' ')) || bt_buf_puts(&von, ps[k]);
    else
      rc = bt_buf_puts(&fam, ps[k]) || bt_buf_putc(&fam, ' ');
  }
  if (!rc)
    rc = bt_buf_puts(&fam, family);
  int suffix = nm->suffix && nm->suffix[0];
  if (!rc && !given && !suffix && !von.len && (strchr(fam.p, ' ') || all_han(fam.p)))
    rc = family_alone(fam.p, enc, out);
  else if (!rc) {
    if (von.len)
      rc = bt_latex_encode(von.p, von.len, enc, out) || bt_buf_putc(out, ' ');
    if (!rc)
      rc = put_encoded(out, fam.p, enc, needs_braces(fam.p, 1));
    if (!rc && suffix)
      rc = bt_buf_puts(out, ", ") || put_encoded(out, nm->suffix, enc, needs_braces(nm->suffix, 0)) ||
           bt_buf_puts(out, ", ") || (given && put_encoded(out, given, enc, needs_braces(given, 0)));
    else if (!rc && given)
      rc = bt_buf_puts(out, ", ") || put_encoded(out, given, enc, needs_braces(given, 0));
  }
  bt_buf_free(&von);
  bt_buf_free(&fam);
  return rc ? BCV_ENOMEM : BCV_OK;
}

static const bcv_name *form_in(const bcv_name *n, const char *lang) {
  if (!lang)
    return n;
  for (const bcv_name *a = n->alt; a; a = a->alt)
    if (a->lang && strcmp(a->lang, lang) == 0)
      return a;
  return NULL;
}

int bt_names_write(const bcv_field *f, const char *alt_lang, unsigned enc, bt_buf *out) {
  int first = 1, any = 0;
  for (const bcv_name *n = f->names; n; n = n->next) {
    const bcv_name *form = form_in(n, alt_lang);
    if (form)
      any = 1;
    else
      form = n;
    if (!first && bt_buf_puts(out, " and "))
      return BCV_ENOMEM;
    first = 0;
    if (write_name(form, enc, out))
      return BCV_ENOMEM;
  }
  if (alt_lang && !any)
    return BCV_DONE; /* no name has a form in that language */
  if (f->etal && bt_buf_puts(out, first ? "others" : " and others"))
    return BCV_ENOMEM;
  return BCV_OK;
}
