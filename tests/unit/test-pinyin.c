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
  is_str(bcv_pinyin_syllable(0x5730), "di", "地 di, not the particle de (the one override)");
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

/* A record with a first author (family, given or a literal), a year and
 * a title; NULL parts are left out. */
static bcv_record *rec(const char *family, const char *given, const char *literal,
                       const char *alt_family, int year, const char *title) {
  bcv_record *r = bcv_record_new();
  if (family || literal) {
    bcv_name n = {0};
    n.family = family;
    n.given = given;
    n.literal = literal;
    bcv_name *s = bcv_record_add_name(r, BCV_VAR_AUTHOR, &n);
    if (alt_family) {
      bcv_name a = {0};
      a.family = alt_family;
      a.lang = "en";
      bcv_name_add_alt(r, s, &a);
    }
  }
  if (year) {
    bcv_date d = {0};
    d.from.year = year;
    d.from.parts = 1;
    bcv_record_add_date(r, BCV_VAR_ISSUED, &d);
  }
  if (title)
    bcv_record_add_text(r, BCV_VAR_TITLE, NULL, title, strlen(title));
  return r;
}

static void key_is(bcv_record *r, const char *want, const char *why) {
  char buf[BCV_KEY_SIZE];
  size_t n = bcv_record_key(r, buf, sizeof buf);
  ok(n == strlen(want) && strcmp(buf, want) == 0, "key %s (%s)", want, why);
  if (strcmp(buf, want) != 0)
    printf("#   got '%s'\n", buf);
  bcv_record_free(&r);
}

static void keys(void) {
  key_is(rec("Shannon", "Claude E.", NULL, NULL, 1948, "A Mathematical Theory of Communication"),
         "shannon1948mathematical", "family, year, first word past a stop word");
  key_is(rec("Müller", NULL, NULL, NULL, 1999, "Über die Dinge"), "muller1999uber", "accents dropped");
  key_is(rec("Đorđević", NULL, NULL, NULL, 2001, "Straße"), "dordevic2001strasse",
         "letters without a decomposition");
  key_is(rec("邓", "正阳", NULL, NULL, 2021, "从政党重塑基层:党建创新引领基层治理的实践透视"),
         "deng2021congzheng", "Han name and title in pinyin, the title's first two characters");
  key_is(rec("张", "国荣", NULL, "Cheung", 2003, "Leslie"), "cheung2003leslie",
         "a name's own romanised form before pinyin");
  key_is(rec("单", "田芳", NULL, NULL, 1990, NULL), "shan1990", "surname reading");
  key_is(rec("欧阳", "修", NULL, NULL, 1060, "新唐书"), "ouyang1060xintang", "compound surname");
  key_is(rec("吕", "思勉", NULL, NULL, 1923, "白话本国史"), "lu1923baihua", "ü folds to u");
  key_is(rec(NULL, NULL, "张三", NULL, 2008, NULL), "zhang2008",
         "a short Han literal is a person written whole");
  key_is(rec(NULL, NULL, "万俟咏", NULL, 2008, NULL), "moqi2008", "... split with the compound table");
  key_is(rec(NULL, NULL, "中国抗癌协会肉瘤专业委员会", NULL, 2019, NULL), "zhongguo2019",
         "a long Han literal, an institution: its first two characters");
  key_is(rec(NULL, NULL, "World Health Organization", NULL, 2020, NULL),
         "worldhealthorganization2020", "a Latin literal folded whole");
  key_is(rec(NULL, NULL, NULL, NULL, 2023, "领导包联制: 基层疑难事项治理的逆向发包—— 基于 Q 市 L 区"),
         "2023lingdao", "no name: year and title word, never 2023q");
  key_is(rec("Li", NULL, NULL, NULL, 2020, "5G技术的发展"), "li20205g", "a word ends where Han begins");
  key_is(rec("Li", NULL, NULL, NULL, 2020, "<i>The</i> <b>origin</b> of species"), "li2020origin",
         "markup skipped, stop word skipped");
  key_is(rec("Li", NULL, NULL, NULL, 0, "“地方”与国家"), "lidifang", "punctuation before a Han word");
  key_is(rec(NULL, NULL, NULL, NULL, 0, "あいう"), "", "kana: nothing to make a key of");
  key_is(rec("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL, NULL, NULL, 2020, "Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
         "aaaaaaaaaaaaaaaaaaaaaaaa2020bbbbbbbbbbbbbbbbbbbbbbbb", "24 bytes a part");
  bcv_record *r = rec("Shannon", NULL, NULL, NULL, 1948, "Theory");
  char small[8];
  ok(bcv_record_key(r, small, sizeof small) == 17 && strcmp(small, "shannon") == 0,
     "a short buffer: cut, terminated, the whole length returned");
  bcv_record_free(&r);
}

static void add_pinyin(void) {
  bcv_record *r = bcv_record_new();
  const char *han[][2] = {{"邓", "正阳"}, {"欧阳", "修"}, {"单", "田芳"}, {"王", NULL},
                          {"阿沛", "阿旺晋美"}, {"张", "国荣"}, {"Smith", "John"}};
  for (size_t i = 0; i < sizeof han / sizeof *han; i++) {
    bcv_name n = {0};
    n.family = han[i][0];
    n.given = han[i][1];
    bcv_name *s = bcv_record_add_name(r, BCV_VAR_AUTHOR, &n);
    if (i == 5) { /* has its own romanised form */
      bcv_name a = {0};
      a.family = "Cheung";
      a.given = "Kwok-wing";
      a.lang = "en";
      bcv_name_add_alt(r, s, &a);
    }
  }
  bcv_name lit = {0};
  lit.literal = "中国抗癌协会";
  bcv_record_add_name(r, BCV_VAR_AUTHOR, &lit);
  bcv_name ed = {0};
  ed.family = "吕";
  ed.given = "西安";
  bcv_record_add_name(r, BCV_VAR_EDITOR, &ed);
  /* 阿沛 (a dotted name split as 阿沛/阿旺晋美 by the reader) is still
   * Han throughout; the dot itself is what is refused, below */
  ok(bcv_record_add_pinyin(r) == 6, "six names romanised");
  const bcv_name *n = bcv_record_field(r, BCV_VAR_AUTHOR)->names;
  const char *want[][2] = {{"Deng", "Zhengyang"}, {"Ouyang", "Xiu"}, {"Shan", "Tianfang"},
                           {"Wang", NULL}, {"Apei", "Awangjinmei"}};
  for (size_t i = 0; i < 5; i++, n = n->next) {
    ok(n->alt && strcmp(n->alt->family, want[i][0]) == 0 &&
           (want[i][1] ? n->alt->given && strcmp(n->alt->given, want[i][1]) == 0 : !n->alt->given) &&
           strcmp(n->alt->lang, "en") == 0 && (n->alt->flags & BCV_NAME_GENERATED) && !n->alt->alt,
       "%s %s, tagged en, flagged generated", want[i][0], want[i][1] ? want[i][1] : "");
  }
  ok(n->alt && strcmp(n->alt->family, "Cheung") == 0 && !n->alt->alt, "a name with its own romanised form keeps it alone");
  n = n->next;
  ok(!n->alt, "a Latin name gets none");
  n = n->next;
  ok(!n->alt, "an institution (literal) gets none");
  n = bcv_record_field(r, BCV_VAR_EDITOR)->names;
  ok(n->alt && strcmp(n->alt->family, "Lü") == 0 && strcmp(n->alt->given, "Xi'an") == 0,
     "every name variable: the editor Lü Xi'an");
  ok(bcv_record_add_pinyin(r) == 0, "a second pass adds nothing");
  bcv_name dot = {0};
  dot.family = "史蒂芬·萨曼";
  bcv_record_add_name(r, BCV_VAR_TRANSLATOR, &dot);
  ok(bcv_record_add_pinyin(r) == 0, "a transliterated name with a dot gets none");
  bcv_record_free(&r);
}

int main(void) {
  syllables();
  names();
  keys();
  add_pinyin();
  return tap_done();
}
