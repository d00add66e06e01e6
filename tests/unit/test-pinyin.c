/* SPDX-License-Identifier: MIT */
/* test-pinyin.c: syllables of characters, family and given names. */
#include <stdio.h>
#include <bibconv/bibconv.h>
#include "../tap.h"

static void syllables(void) {
  is_str(bcv_pinyin_syllable(0x9093), "deng", "邓 deng");
  is_str(bcv_pinyin_syllable(0x4E00), "yi", "一 yi, the first of the unified block");
  is_str(bcv_pinyin_syllable(0x9FA5), "yu", "龥 yu, the last of GB 13000's");
  is_str(bcv_pinyin_syllable(0x3400), "qiu", "㐀 qiu, the first of extension A");
  is_str(bcv_pinyin_syllable(0x5415), "lü", "吕 lü keeps its ü");
  is_str(bcv_pinyin_syllable(0x884C), "xing", "行 xing: the first kMandarin reading");
  is_str(bcv_pinyin_syllable(0x957F), "zhang", "长 zhang: kMandarin's, whatever the word");
  is_str(bcv_pinyin_syllable(0x6C88), "shen", "沈 shen: the first of two readings");
  is_str(bcv_pinyin_syllable(0x20000), "he", "𠀀 he, the first of extension B");
  is_str(bcv_pinyin_syllable(0x20001), "qi", "𠀁 qi, the second");
  is_str(bcv_pinyin_syllable(0x2A6D2), "lian", "𪛒 lian, near extension B's end");
  is_str(bcv_pinyin_syllable(0x2A79D), "duo", "𪞝 duo, extension C");
  is_str(bcv_pinyin_syllable(0x30EDD), "biang", "𰻝 biang, extension G");
  ok(bcv_pinyin_syllable(0x20002) == NULL, "𠀂 has no reading");
  ok(bcv_pinyin_syllable('a') == NULL, "ASCII has none");
  ok(bcv_pinyin_syllable(0x3042) == NULL, "あ (kana) has none");
  ok(bcv_pinyin_syllable(0x4DC0) == NULL, "䷀ (a hexagram, inside the table's range) has none");
  ok(bcv_pinyin_syllable(0x10FFFF) == NULL && bcv_pinyin_syllable(0xFFFFFFFFu) == NULL,
     "past the planes: none");
  /* every reading is a lower-case syllable of at most six letters */
  int good = 1, count = 0;
  for (unsigned cp = 0; cp < 0x40000; cp++) {
    const char *s = bcv_pinyin_syllable(cp);
    if (!s)
      continue;
    count++;
    good &= strlen(s) >= 1 && strlen(s) <= 6 && s[0] >= 'a' && s[0] <= 'z';
  }
  ok(good, "every syllable is lower-case pinyin");
  ok(count > 41000 && count < 42000, "about 41,400 characters have a reading (%d)", count);
}

static void family(const char *han, unsigned flags, const char *want, const char *why) {
  char buf[64];
  size_t n = bcv_pinyin_family(han, strlen(han), flags, buf, sizeof buf);
  ok(n == strlen(want) && strcmp(buf, want) == 0, "%s -> %s (%s)", han, want, why);
  if (strcmp(buf, want) != 0)
    printf("#   got '%s'\n", buf);
}

static void given(const char *han, unsigned flags, const char *want, const char *why) {
  char buf[64];
  size_t n = bcv_pinyin_given(han, strlen(han), flags, buf, sizeof buf);
  ok(n == strlen(want) && strcmp(buf, want) == 0, "%s -> %s (%s)", han, want, why);
  if (strcmp(buf, want) != 0)
    printf("#   got '%s'\n", buf);
}

static void names(void) {
  family("邓", 0, "Deng", "the usual reading");
  family("单", 0, "Shan", "surname reading, not dan");
  family("單", 0, "Shan", "traditional 單 too");
  family("曾", 0, "Zeng", "not ceng");
  family("解", 0, "Xie", "not jie");
  family("仇", 0, "Qiu", "not chou");
  family("区", 0, "Ou", "not qu");
  family("查", 0, "Zha", "not cha");
  family("朴", 0, "Piao", "not pu");
  family("盖", 0, "Ge", "not gai");
  family("乐", 0, "Yue", "not le");
  family("覃", 0, "Qin", "not tan");
  family("黑", 0, "He", "not hei");
  family("繁", 0, "Po", "not fan");
  family("种", 0, "Chong", "not zhong");
  family("秘", 0, "Bi", "not mi");
  family("翟", 0, "Zhai", "not di");
  family("长", 0, "Chang", "not zhang");
  family("欧阳", 0, "Ouyang", "compound surname from the split table");
  family("歐陽", 0, "Ouyang", "traditional compound");
  family("尉迟", 0, "Yuchi", "compound read as a surname, not weichi");
  family("万俟", 0, "Moqi", "not wanqi");
  family("长孙", 0, "Zhangsun", "长 as zhang here, not the lone surname's chang");
  family("令狐", 0, "Linghu", "compound");
  family("单于", 0, "Chanyu", "compound with its own reading");
  family("闾丘", 0, "Lüqiu", "ü kept");
  family("闾丘", BCV_PINYIN_ASCII, "Luqiu", "ü as u when ASCII is asked for");
  family("吕", 0, "Lü", "ü kept");
  family("吕", BCV_PINYIN_ASCII, "Lu", "Lu in ASCII");
  family("吕", BCV_PINYIN_KEY, "lu", "lu in a key");
  family("欧阳", BCV_PINYIN_KEY, "ouyang", "keys are lower case");
  family("张", BCV_PINYIN_KEY, "zhang", "keys are lower case");
  family("司马光", 0, "Simaguang", "not a family name: each character's syllable");
  given("正阳", 0, "Zhengyang", "joined, capitalised once");
  given("修", 0, "Xiu", "one syllable");
  given("西安", 0, "Xi'an", "apostrophe before a syllable starting with a");
  given("西安", BCV_PINYIN_KEY, "xian", "no apostrophe in keys");
  given("单", 0, "Dan", "a given name takes the usual reading");
  given("曾", 0, "Ceng", "so does 曾 in a given name");
  given("女", 0, "Nü", "nü");
  given("晓月", 0, "Xiaoyue", "no apostrophe before y");
  given("海鸥", 0, "Hai'ou", "apostrophe before o");
  given("天恩", 0, "Tian'en", "apostrophe before e");
  given("𰻝", 0, "Biang", "a character from extension G");

  char buf[8];
  ok(bcv_pinyin_family("Deng", 4, 0, buf, sizeof buf) == 0 && buf[0] == '\0', "Latin letters: 0, empty");
  ok(bcv_pinyin_given("正 阳", strlen("正 阳"), 0, buf, sizeof buf) == 0, "a space: 0");
  ok(bcv_pinyin_given("正\xE9", 4, 0, buf, sizeof buf) == 0, "invalid UTF-8: 0");
  ok(bcv_pinyin_given("正𠀂", strlen("正𠀂"), 0, buf, sizeof buf) == 0, "a character without a reading: 0");
  ok(bcv_pinyin_given("", 0, 0, buf, sizeof buf) == 0, "empty: 0");
  ok(bcv_pinyin_family("ㄅ", strlen("ㄅ"), 0, buf, sizeof buf) == 0, "bopomofo: 0");
  /* snprintf's contract */
  ok(bcv_pinyin_given("正阳", strlen("正阳"), 0, buf, 5) == 9 && strcmp(buf, "Zhen") == 0,
     "a short buffer: cut and terminated, the whole length returned");
  ok(bcv_pinyin_given("正阳", strlen("正阳"), 0, NULL, 0) == 9, "n 0: only counted");
}

int main(void) {
  syllables();
  names();
  return tap_done();
}
