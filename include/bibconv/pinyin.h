/* SPDX-License-Identifier: MIT */
/* pinyin.h: Hanyu Pinyin of Han characters and of Chinese personal names.
 *
 * Readings are Unicode's Unihan kMandarin (its first value, the one
 * preferred in mainland China), for the 41,000 characters that have one
 * (the unified block and its extensions A to G).  They are toneless:
 * CNKI, journals, library catalogues and passports write names and
 * titles without tone marks, and citation keys are ASCII.  A character
 * has one reading whatever its context, so a polyphone in running text
 * takes its most customary one (长 zhang, 行 xing); a family name takes
 * its reading as a surname (单 Shan, 曾 Zeng, 仇 Qiu, 区 Ou, 查 Zha, 朴
 * Piao, 解 Xie ...), and a compound surname is read whole (欧阳 Ouyang, 万俟
 * Moqi, 尉迟 Yuchi, 长孙 Zhangsun).
 *
 * Names are written as GB/T 28039 and CNKI write them: the family name
 * capitalised, the given name's syllables joined, capitalised once, with
 * an apostrophe before a syllable that starts with a, o or e ("Deng"
 * "Zhengyang", "Ouyang" "Xiu", "Li" "Xi'an").  ü stays ü ("Lü") unless
 * ASCII is asked for; then it is u ("Lu"), as Zotero and Better BibTeX
 * fold it in citation keys.
 *
 * Everything here is constant time per character, allocates nothing and
 * is safe from any thread. */
#ifndef BIBCONV_PINYIN_H
#define BIBCONV_PINYIN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum bcv_pinyin_flags {
  BCV_PINYIN_ASCII = 1u << 0, /* ü written u: "Lu" */
  BCV_PINYIN_KEY = 1u << 1    /* for citation keys: lower-case ASCII letters
                                 only, no capital, no apostrophe ("lu", "xian") */
};

/* The syllable of code point cp, toneless and in lower case ("zhang",
 * "lü"), or NULL when cp has no reading (not Han, or a rare character
 * Unihan gives none).  Static storage. */
const char *bcv_pinyin_syllable(unsigned cp);

/* A family name s[0..len) (UTF-8, Han characters only, no spaces) in
 * pinyin: its reading as a surname ("Shan" for 单, "Ouyang" for 欧阳, "Moqi"
 * for 万俟), else its characters' syllables joined ("Deng").  Writes at
 * most n bytes to out, NUL included (nothing when n is 0), and returns
 * the length the whole needs, as snprintf does: 64 bytes hold any family
 * name of up to nine characters.  Returns 0 (out holds "") when s is
 * empty or has a character that is not a Han character with a reading. */
size_t bcv_pinyin_family(const char *s, size_t len, unsigned flags, char *out, size_t n);

/* A given name s[0..len) in pinyin: its syllables joined, the first
 * capitalised, an apostrophe where a syllable starting with a, o or e
 * follows another ("Zhengyang", "Xi'an").  As bcv_pinyin_family. */
size_t bcv_pinyin_given(const char *s, size_t len, unsigned flags, char *out, size_t n);

/* Give every Han personal name of r (any name variable) that has no
 * romanised form its pinyin as another form: family and given as above
 * ("Deng" "Zhengyang"), tagged "en" like the romanised names CNKI-style
 * pages print beside the Han ones (so that every writer puts it where it
 * puts those: author_en, NO author[en], name-alternatives), and flagged
 * BCV_NAME_GENERATED.  A name that already has a form in Latin script is
 * left alone, and so are names kept whole (literal: institutions), names
 * with a middle dot (transliterated foreign and minority names, which
 * pinyin does not give back) and names with a character without a
 * reading.  Returns how many forms were added, or BCV_ENOMEM. */
struct bcv_record;
int bcv_record_add_pinyin(struct bcv_record *r);

#ifdef __cplusplus
}
#endif
#endif
