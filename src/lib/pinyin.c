/* SPDX-License-Identifier: MIT */
/* pinyin.c: Hanyu Pinyin of characters (pinyin-table.c, generated from
 * Unihan) and of Chinese family and given names. */
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "bibconv/pinyin.h"
#include "bibconv/record.h"

const char *bcv_pinyin_syllable(unsigned cp) {
  size_t slot;
  if (cp >= bcv__pinyin_bmp_lo && cp < bcv__pinyin_bmp_hi) {
    slot = cp - bcv__pinyin_bmp_lo;
  } else if (cp >= bcv__pinyin_sup_lo && (cp - bcv__pinyin_sup_lo) / 64 < bcv__pinyin_sup_words) {
    /* the supplementary planes' few readings, counted through a bitmap */
    size_t off = cp - bcv__pinyin_sup_lo, w = off / 64;
    uint64_t word = bcv__pinyin_sup_bits[w], below = word & ((UINT64_C(1) << (off % 64)) - 1);
    if (!((word >> (off % 64)) & 1))
      return NULL;
    slot = (bcv__pinyin_bmp_hi - bcv__pinyin_bmp_lo) + bcv__pinyin_sup_rank[w] +
           (size_t)__builtin_popcountll(below);
  } else {
    return NULL;
  }
  unsigned k = bcv__pinyin_lo[slot] | ((bcv__pinyin_hi[slot / 8] >> (slot % 8)) & 1u) << 8;
  return k ? bcv__pinyin_syl[k] : NULL;
}

/* Characters read otherwise as a family name than in running text: the
 * surname's reading (现代汉语词典's "姓" readings), sorted by code point.
 * Only characters whose kMandarin reading differs are listed. */
static const struct {
  unsigned cp;
  char pinyin[6];
} surnames[] = {
    {0x4E50, "yue"},  /* 乐 */ {0x4E5C, "nie"},   /* 乜 */ {0x4EC7, "qiu"},   /* 仇 */
    {0x4F74, "nai"},  /* 佴 */ {0x533A, "ou"},    /* 区 */ {0x5340, "ou"},    /* 區 */
    {0x5355, "shan"}, /* 单 */ {0x535C, "bu"},    /* 卜 */ {0x53E5, "gou"},   /* 句 */
    {0x53EC, "shao"}, /* 召 */ {0x5458, "yun"},   /* 员 */ {0x54E1, "yun"},   /* 員 */
    {0x55AE, "shan"}, /* 單 */ {0x6298, "she"},   /* 折 */ {0x66FE, "zeng"},  /* 曾 */
    {0x6734, "piao"}, /* 朴 */ {0x67E5, "zha"},   /* 查 */ {0x6A02, "yue"},   /* 樂 */
    {0x6D17, "xian"}, /* 洗 */ {0x76D6, "ge"},    /* 盖 */ {0x7955, "bi"},    /* 祕 */
    {0x796D, "zhai"}, /* 祭 */ {0x79CD, "chong"}, /* 种 */ {0x79D8, "bi"},    /* 秘 */
    {0x7A2E, "chong"}, /* 種 */ {0x7C98, "nian"}, /* 粘 */ {0x7E41, "po"},    /* 繁 */
    {0x7E46, "miao"}, /* 繆 */ {0x7F2A, "miao"},  /* 缪 */ {0x7FDF, "zhai"},  /* 翟 */
    {0x80FD, "nai"},  /* 能 */ {0x84CB, "ge"},    /* 蓋 */ {0x851A, "yu"},    /* 蔚 */
    {0x8543, "pi"},   /* 蕃 */ {0x8584, "bo"},    /* 薄 */ {0x85CF, "zang"},  /* 藏 */
    {0x8983, "qin"},  /* 覃 */ {0x89D2, "jue"},   /* 角 */ {0x89E3, "xie"},   /* 解 */
    {0x8CC1, "ben"},  /* 賁 */ {0x90FD, "du"},    /* 都 */ {0x91CD, "chong"}, /* 重 */
    {0x9577, "chang"}, /* 長 */ {0x957F, "chang"}, /* 长 */ {0x95DE, "kan"},  /* 闞 */
    {0x961A, "kan"},  /* 阚 */ {0x9697, "wei"},   /* 隗 */ {0x9ED1, "he"},    /* 黑 */
};

static const char *surname_reading(unsigned cp) {
  size_t lo = 0, hi = sizeof surnames / sizeof *surnames;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (surnames[mid].cp == cp)
      return surnames[mid].pinyin;
    if (surnames[mid].cp < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

/* Output as snprintf counts it: bytes past n are counted, not written. */
typedef struct sink {
  char *out;
  size_t n, len;
} sink;

static void put(sink *k, char c) {
  if (k->len + 1 < k->n)
    k->out[k->len] = c;
  k->len++;
}

/* One syllable (or a compound surname's reading), after `count` others. */
static void syllable(sink *k, const char *syl, unsigned flags, size_t count) {
  if (count && !(flags & BCV_PINYIN_KEY) && (syl[0] == 'a' || syl[0] == 'o' || syl[0] == 'e'))
    put(k, '\'');
  for (size_t i = 0; syl[i]; i++) {
    char c = syl[i];
    if (c == (char)0xC3 && syl[i + 1] == (char)0xBC) { /* ü */
      i++;
      if (flags & (BCV_PINYIN_ASCII | BCV_PINYIN_KEY)) {
        put(k, 'u');
      } else {
        put(k, (char)0xC3);
        put(k, (char)0xBC);
      }
      continue;
    }
    put(k, count == 0 && i == 0 && !(flags & BCV_PINYIN_KEY) ? (char)(c - 'a' + 'A') : c);
  }
}

static size_t finish(sink *k, size_t ok) {
  if (!ok)
    k->len = 0;
  if (k->n)
    k->out[k->len < k->n ? k->len : k->n - 1] = '\0';
  return k->len;
}

/* Each character's syllable (or, for a lone character, its surname
 * reading when `surname`); 0 when one has none. */
static size_t romanise(const char *s, size_t len, unsigned flags, char *out, size_t n,
                       int surname) {
  sink k = {out, n, 0};
  size_t count = 0, i = 0;
  while (i < len) {
    unsigned cp;
    size_t step = bcv__utf8_decode((const unsigned char *)s + i, len - i, &cp);
    const char *syl = step ? bcv_pinyin_syllable(cp) : NULL;
    if (syl && surname && step == len)
      syl = surname_reading(cp) ? surname_reading(cp) : syl;
    if (!syl)
      return finish(&k, 0);
    syllable(&k, syl, flags, count++);
    i += step;
  }
  return finish(&k, count);
}

size_t bcv_pinyin_family(const char *s, size_t len, unsigned flags, char *out, size_t n) {
  size_t cut;
  const char *whole = bcv__compound_surname(s, len, &cut);
  if (whole && cut == len) {
    sink k = {out, n, 0};
    syllable(&k, whole, flags, 0);
    return finish(&k, 1);
  }
  return romanise(s, len, flags, out, n, 1);
}

size_t bcv_pinyin_given(const char *s, size_t len, unsigned flags, char *out, size_t n) {
  return romanise(s, len, flags, out, n, 0);
}

/* Whether n has a form in Latin script already (the page's Deng Zhengyang). */
static int has_latin_form(const bcv_name *n) {
  for (const bcv_name *a = n->alt; a; a = a->alt) {
    const char *t = a->family ? a->family : a->literal ? a->literal : a->given;
    if (t && ((*t >= 'A' && *t <= 'Z') || (*t >= 'a' && *t <= 'z') ||
              ((unsigned char)*t >= 0xC3 && (unsigned char)*t <= 0xC9)))
      return 1;
  }
  return 0;
}

int bcv_record_add_pinyin(bcv_record *r) {
  int added = 0;
  for (const bcv_field *f = bcv_record_fields(r); f; f = f->next) {
    if (f->kind != BCV_FIELD_NAMES)
      continue;
    for (const bcv_name *n = f->names; n; n = n->next) {
      if (!n->family || n->literal || has_latin_form(n))
        continue;
      size_t fl = strlen(n->family), gl = n->given ? strlen(n->given) : 0;
      char fam[64], giv[128];
      size_t fk = bcv_pinyin_family(n->family, fl, 0, fam, sizeof fam);
      size_t gk = gl ? bcv_pinyin_given(n->given, gl, 0, giv, sizeof giv) : 0;
      if (!fk || fk >= sizeof fam || (gl && (!gk || gk >= sizeof giv)))
        continue; /* not Han throughout, a dot, no reading, or too long for a name */
      bcv_name alt = {0};
      alt.family = fam;
      alt.given = gl ? giv : NULL;
      alt.lang = "en";
      alt.flags = BCV_NAME_GENERATED;
      if (bcv_name_add_alt(r, (bcv_name *)n, &alt))
        return BCV_ENOMEM;
      added++;
    }
  }
  return added;
}
