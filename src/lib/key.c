/* SPDX-License-Identifier: MIT */
/* key.c: citation keys made from a record: family name, year, title word,
 * in lower-case ASCII, Han text in pinyin. */
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "bibconv/record.h"
#include "bibconv/pinyin.h"

enum { PART_MAX = 24 }; /* bytes of the name and of the title word */

typedef struct key {
  char *out;
  size_t n, len;
} key;

static void put(key *k, const char *s, size_t len) {
  for (size_t i = 0; i < len; i++, k->len++)
    if (k->len + 1 < k->n)
      k->out[k->len] = s[i];
}

/* What a character folds to: ASCII letters and digits lower-cased, Latin
 * letters without their accents; "" for anything else (Han included). */
static const char *fold_cp(unsigned cp, char *one) {
  if (cp < 0x80) {
    one[1] = '\0';
    one[0] = cp >= 'A' && cp <= 'Z' ? (char)(cp + 32)
             : (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ? (char)cp
                                                                    : '\0';
    return one;
  }
  if (cp >= 0xC0 && cp < 0x250)
    return bcv__fold_00c0[cp - 0xC0];
  if (cp >= 0x1E00 && cp < 0x1F00)
    return bcv__fold_1e00[cp - 0x1E00];
  return "";
}

/* The next character of s[*i..n), past CSL markup tags: its code point
 * (0 at the end; U+FFFD for a byte that is not UTF-8). */
static unsigned next_cp(const char *s, size_t n, size_t *i) {
  while (*i < n && s[*i] == '<') {
    size_t t = bcv_markup_tag(s + *i, n - *i, NULL, NULL);
    if (!t)
      break;
    *i += t;
  }
  if (*i >= n)
    return 0;
  unsigned cp;
  size_t step = bcv__utf8_decode((const unsigned char *)s + *i, n - *i, &cp);
  *i += step ? step : 1;
  return step ? cp : 0xFFFD;
}

/* s folded to ASCII, up to PART_MAX bytes. */
static size_t fold_into(const char *s, char *buf) {
  size_t n = strlen(s), i = 0, len = 0;
  char one[2];
  for (unsigned cp; (cp = next_cp(s, n, &i)) && len < PART_MAX;) {
    const char *f = fold_cp(cp, one);
    size_t fl = strlen(f);
    if (len + fl > PART_MAX)
      break;
    memcpy(buf + len, f, fl);
    len += fl;
  }
  buf[len] = '\0';
  return len;
}

/* The first two Han characters of s[0..n) in pinyin ("congzheng"): the
 * word of a Chinese title, as two characters mostly make a word. */
static size_t han_word(const char *s, size_t n, char *buf) {
  size_t len = 0, i = 0, at;
  for (int count = 0; count < 2 && i < n; count++) {
    at = i;
    const char *syl = bcv_pinyin_syllable(next_cp(s, n, &i));
    if (!syl) {
      i = at;
      break;
    }
    len += bcv_pinyin_given(s + at, i - at, BCV_PINYIN_KEY, buf + len, PART_MAX + 1 - len);
  }
  buf[len < PART_MAX ? len : PART_MAX] = '\0';
  return strlen(buf);
}

static int starts_han(const char *s) {
  size_t i = 0;
  return bcv_pinyin_syllable(next_cp(s, strlen(s), &i)) != NULL;
}

/* The family name of the first author (else editor ...) in ASCII. */
static size_t family_part(const bcv_record *r, char *buf) {
  static const bcv_var order[] = {BCV_VAR_AUTHOR, BCV_VAR_EDITOR, BCV_VAR_TRANSLATOR,
                                  BCV_VAR_CONTAINER_AUTHOR};
  const bcv_name *n = NULL;
  for (size_t i = 0; i < sizeof order / sizeof *order && !n; i++) {
    const bcv_field *f = bcv_record_field(r, order[i]);
    n = f ? f->names : NULL;
  }
  buf[0] = '\0';
  if (!n)
    return 0;
  const char *fam = n->family ? n->family : n->literal ? n->literal : "";
  size_t len = fold_into(fam, buf);
  /* 邓: his own romanised form when the record has one (Deng, Cheung) */
  for (const bcv_name *a = n->alt; a && !len; a = a->alt)
    len = fold_into(a->family ? a->family : a->literal ? a->literal : "", buf);
  if (len || !starts_han(fam))
    return len;
  size_t fl = strlen(fam), given = fl, cut = fl;
  if (!n->family) {
    /* A name kept whole: a person's (Zotero's single-field 张三) when it
     * is a name's length, else an institution, read as a title is. */
    size_t chars = 0;
    for (size_t i = 0; i < fl && chars <= 4; chars++)
      next_cp(fam, fl, &i);
    if (chars > 4)
      return han_word(fam, fl, buf);
    cut = bcv_han_split(fam, fl, &given);
  }
  char tmp[64];
  len = bcv_pinyin_family(fam, cut, BCV_PINYIN_KEY, tmp, sizeof tmp);
  if (len > PART_MAX)
    len = PART_MAX;
  memcpy(buf, tmp, len);
  buf[len] = '\0';
  return len;
}

static int is_delim(unsigned cp) {
  return cp == ' ' || cp == '-' || cp == ':' || cp == ',' || cp == '.' || cp == ';' ||
         cp == '!' || cp == '?' || cp == '\t' || cp == '\n';
}

/* The first word of the title that is not a stop word: a run of
 * characters up to a delimiter or a Han character, folded; or the
 * first two characters of a run of Han characters. */
static size_t title_part(const bcv_record *r, char *buf) {
  static const char *const stop[] = {"a",  "an",  "the", "on",  "of",  "in",  "for", "and",
                                     "to", "at",  "by",  "with", "from", "der", "die", "das",
                                     "le", "la",  "les", "el",  "il",  NULL};
  const char *t = bcv_record_text(r, BCV_VAR_TITLE, NULL);
  size_t n = t ? strlen(t) : 0, i = 0;
  buf[0] = '\0';
  while (i < n) {
    size_t at = i;
    unsigned cp = next_cp(t, n, &i);
    if (!cp)
      break;
    if (is_delim(cp))
      continue;
    if (bcv_pinyin_syllable(cp))
      return han_word(t + at, n - at, buf);
    size_t len = 0;
    char one[2];
    for (i = at; i < n;) {
      size_t here = i;
      cp = next_cp(t, n, &i);
      if (!cp || is_delim(cp) || bcv_pinyin_syllable(cp)) {
        i = here;
        break;
      }
      const char *f = fold_cp(cp, one);
      size_t fl = strlen(f);
      if (len + fl <= PART_MAX) {
        memcpy(buf + len, f, fl);
        len += fl;
      }
    }
    buf[len] = '\0';
    int skip = !len;
    for (size_t s = 0; stop[s] && !skip; s++)
      skip = strcmp(buf, stop[s]) == 0;
    if (!skip)
      return len;
    buf[0] = '\0';
  }
  return 0;
}

size_t bcv_record_key(const bcv_record *r, char *out, size_t n) {
  key k = {out, n, 0};
  char part[PART_MAX + 8];
  put(&k, part, family_part(r, part));
  const bcv_field *d = bcv_record_field(r, BCV_VAR_ISSUED);
  if (d && d->date && d->date->from.parts) {
    int y = snprintf(part, sizeof part, "%d", d->date->from.year);
    put(&k, part, (size_t)y);
  }
  put(&k, part, title_part(r, part));
  if (n)
    out[k.len < n ? k.len : n - 1] = '\0';
  return k.len;
}
