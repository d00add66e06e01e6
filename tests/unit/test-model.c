/* SPDX-License-Identifier: MIT */
/* test-model.c: the record model, the vocabulary tables, names on a line
 * and Han names. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <bibconv/bibconv.h>
#include "../tap.h"

static void vocabulary(void) {
  int sorted = 1;
  for (int i = 1; i < BCV_TYPE_COUNT; i++)
    if (strcmp(bcv_type_name(i - 1), bcv_type_name(i)) >= 0)
      sorted = 0;
  ok(sorted, "type table is in ASCII order (bisection needs it)");
  ok(BCV_TYPE_COUNT == 45, "45 CSL 1.0.2 types");
  sorted = 1;
  for (int i = 1; i < BCV_VAR_COUNT; i++)
    if (strcmp(bcv_var_name(i - 1), bcv_var_name(i)) >= 0)
      sorted = 0;
  ok(sorted, "variable table is in ASCII order");
  ok(BCV_VAR_COUNT == 100, "100 CSL 1.0.2 variables");
  int all = 1;
  for (int i = 0; i < BCV_TYPE_COUNT; i++)
    if (bcv_type_from_name(bcv_type_name(i), strlen(bcv_type_name(i))) != (bcv_type)i)
      all = 0;
  ok(all, "every type name maps back to its type");
  all = 1;
  for (int i = 0; i < BCV_VAR_COUNT; i++)
    if (bcv_var_from_name(bcv_var_name(i), strlen(bcv_var_name(i))) != (bcv_var)i)
      all = 0;
  ok(all, "every variable name maps back to its variable");
  ok(bcv_type_from_name("article-journal", 15) == BCV_TYPE_ARTICLE_JOURNAL, "article-journal");
  ok(bcv_type_from_name("article-journalx", 16) == BCV_TYPE_COUNT, "longer name is unknown");
  ok(bcv_type_from_name("article-journal", 7) == BCV_TYPE_ARTICLE, "length is honoured");
  ok(bcv_type_from_name("", 0) == BCV_TYPE_COUNT, "empty name is unknown");
  ok(bcv_var_from_name("DOI", 3) == BCV_VAR_DOI, "DOI");
  ok(bcv_var_from_name("doi", 3) == BCV_VAR_NONE, "names are case-sensitive");
  ok(bcv_var_kind(BCV_VAR_AUTHOR) == BCV_KIND_NAMES, "author is a name variable");
  ok(bcv_var_kind(BCV_VAR_ISSUED) == BCV_KIND_DATE, "issued is a date");
  ok(bcv_var_kind(BCV_VAR_KEYWORD) == BCV_KIND_LIST, "keyword is a list");
  ok(bcv_var_kind(BCV_VAR_VOLUME) == BCV_KIND_NUMBER, "volume is a number");
}

static void record(void) {
  bcv_record *r = bcv_record_new();
  ok(r && bcv_record_type(r) == BCV_TYPE_DOCUMENT, "a new record is a document");
  bcv_record_set_type(r, BCV_TYPE_BOOK);
  bcv_record_set_type(r, (bcv_type)999);
  ok(bcv_record_type(r) == BCV_TYPE_BOOK, "an invalid type is refused");
  bcv_record_set_id(r, "key1xyz", 4);
  is_str(bcv_record_id(r), "key1", "id is copied with its length");
  ok(bcv_record_add_text(r, BCV_VAR_LANGUAGE, NULL, "zh", 2) == BCV_OK, "language");
  ok(bcv_record_add_text(r, BCV_VAR_TITLE, "zh", "  中文题名 ", strlen("  中文题名 ")) == BCV_OK, "zh title");
  ok(bcv_record_add_text(r, BCV_VAR_TITLE, "en", "English title", 13) == BCV_OK, "en title");
  ok(bcv_record_add_text(r, BCV_VAR_TITLE, NULL, "   ", 3) == BCV_OK, "blank is accepted");
  ok(bcv_record_add_text(r, BCV_VAR_AUTHOR, NULL, "x", 1) == BCV_EINVAL, "text into a name variable is refused");
  is_str(bcv_record_text(r, BCV_VAR_TITLE, "en"), "English title", "title in en");
  is_str(bcv_record_text(r, BCV_VAR_TITLE, NULL), "中文题名", "default title is in the record's language, trimmed");
  ok(bcv_record_text(r, BCV_VAR_TITLE, "fr") == NULL, "no fr title");
  is_str(bcv_record_lang(r), "zh", "record language");
  ok(bcv_record_field_count(r) == 3, "blank value not stored (3 fields)");

  bcv_name n = {0};
  n.family = "Smith";
  n.given = "John";
  n.suffix = "Jr.";
  n.flags = BCV_NAME_COMMA_SUFFIX;
  bcv_affil a2 = {"Second", NULL}, a1 = {"First", &a2};
  n.affiliations = &a1;
  bcv_name *s = bcv_record_add_name(r, BCV_VAR_AUTHOR, &n);
  ok(s && s->family != n.family && strcmp(s->family, "Smith") == 0, "name strings are copied");
  ok(s && s->affiliations && strcmp(s->affiliations->next->text, "Second") == 0, "affiliations are copied in order");
  bcv_name c = {0};
  c.literal = "World Health Organization";
  bcv_record_add_name(r, BCV_VAR_AUTHOR, &c);
  bcv_record_set_etal(r, BCV_VAR_AUTHOR);
  const bcv_field *f = bcv_record_field(r, BCV_VAR_AUTHOR);
  ok(f && f->names && f->names->next && f->names->next->literal && !f->names->next->next,
     "two names in one list");
  ok(f && f->etal, "et-al flag");
  ok(bcv_record_field_count(r) == 4, "a name list is one field");
  bcv_name alt = {0};
  alt.family = "Deng";
  alt.given = "Zhengyang";
  alt.lang = "en";
  ok(bcv_name_add_alt(r, s, &alt) == BCV_OK && s->alt && strcmp(s->alt->family, "Deng") == 0, "alternate form");
  ok(bcv_name_add_extra(r, s, "csl.ORCID", "0000", 0) == BCV_OK && s->extras, "name extra");

  bcv_date d = {0};
  d.from.year = 2024;
  d.from.parts = 1;
  ok(bcv_record_add_date(r, BCV_VAR_ISSUED, &d) == BCV_OK, "date added");
  ok(bcv_record_add_date(r, BCV_VAR_TITLE, &d) == BCV_EINVAL, "date into a text variable is refused");
  ok(bcv_record_add_extra(r, "cnki.clc", "D630", 4, 0) == BCV_OK, "extra");
  const bcv_field *e = bcv_record_extra(r, "cnki.clc");
  is_str(e ? e->text : NULL, "D630", "extra found by key");
  ok(bcv_record_add_extra(r, "", "x", 1, 0) == BCV_EINVAL, "an extra needs a key");
  int order = 1, i = 0;
  const bcv_field_kind want[] = {BCV_FIELD_TEXT, BCV_FIELD_TEXT, BCV_FIELD_TEXT, BCV_FIELD_NAMES,
                                 BCV_FIELD_DATE, BCV_FIELD_EXTRA};
  for (f = bcv_record_fields(r); f; f = f->next, i++)
    if (i >= 6 || f->kind != want[i])
      order = 0;
  ok(order && i == 6, "fields come back in insertion order");
  /* Many strings: the arena must grow past its first block. */
  for (int k = 0; k < 2000; k++)
    bcv_record_add_text(r, BCV_VAR_KEYWORD, NULL, "keyword number something", 24);
  ok(bcv_record_field_count(r) == 2006, "2000 keywords kept");
  bcv_record_free(&r);
  ok(r == NULL, "free clears the pointer");
  bcv_record_free(&r);
  ok(1, "free of NULL is harmless");
}

static void han(void) {
  bcv_record *r = bcv_record_new();
  struct {
    const char *in, *family, *given;
  } cases[] = {
      {"邓正阳", "邓", "正阳"},
      {"欧阳修", "欧阳", "修"},
      {"司马光", "司马", "光"},
      {"諸葛亮", "諸葛", "亮"},
      {"王", "王", NULL},
      {" 张三 ", "张", "三"},
      {"阿沛·阿旺晋美", "阿沛", "阿旺晋美"},
      {"欧阳", "欧", "阳"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    bcv_name n = {0};
    int rc = bcv_name_split_han(r, cases[i].in, strlen(cases[i].in), &n);
    ok(rc == BCV_OK && (n.flags & BCV_NAME_EASTERN), "%s is a Han name", cases[i].in);
    is_str(n.family, cases[i].family, "%s: family", cases[i].in);
    is_str(n.given, cases[i].given, "%s: given", cases[i].in);
  }
  bcv_name n = {0};
  ok(bcv_name_split_han(r, "Deng Zhengyang", 14, &n) == BCV_EINVAL, "a pinyin name is not split as Han");
  ok(bcv_utf8_is_han("𠀀", strlen("𠀀")), "extension B ideographs are Han");
  ok(!bcv_utf8_is_han("\xE4\xB8", 2), "a truncated sequence is not");
  /* the rule without storage: family length and where the given starts */
  size_t at = 99;
  ok(bcv_han_split("邓正阳", strlen("邓正阳"), &at) == 3 && at == 3, "邓正阳 splits after 邓");
  ok(bcv_han_split("欧阳修", strlen("欧阳修"), &at) == 6 && at == 6, "欧阳修 after 欧阳");
  ok(bcv_han_split("阿沛·阿旺晋美", strlen("阿沛·阿旺晋美"), &at) == 6 && at == 8,
     "阿沛·阿旺晋美 at the dot, the given name after it");
  ok(bcv_han_split("王", 3, &at) == 3 && at == 3, "王: all family, no given name");
  ok(bcv_han_split("Deng", 4, &at) == 0, "a pinyin name does not split");
  bcv_record_free(&r);
}

/* Other-language forms keep their order, and adding one is constant
 * time: 300k forms on each of two names, interleaved.  Walking the chain
 * per form would take minutes; the alarm turns that into a failure. */
static void many_alts(void) {
  bcv_record *r = bcv_record_new();
  bcv_name a = {.family = "A"}, b = {.family = "B"};
  bcv_name *na = bcv_record_add_name(r, BCV_VAR_AUTHOR, &a);
  bcv_name *nb = bcv_record_add_name(r, BCV_VAR_AUTHOR, &b);
  int rc = na && nb ? BCV_OK : BCV_ENOMEM;
  char fam[32];
  for (int i = 0; i < 300000 && rc == BCV_OK; i++) {
    snprintf(fam, sizeof fam, "F%d", i);
    bcv_name alt = {.family = fam, .lang = "en"};
    rc = bcv_name_add_alt(r, na, &alt);
    if (rc == BCV_OK)
      rc = bcv_name_add_alt(r, nb, &alt);
  }
  ok(rc == BCV_OK, "300000 forms added to each of two names");
  int in_order = 1;
  for (const bcv_name *n = na; n && in_order; n = n == na ? nb : NULL) {
    int k = 0;
    for (const bcv_name *f = n->alt; f; f = f->alt, k++) {
      snprintf(fam, sizeof fam, "F%d", k);
      if (strcmp(f->family, fam) != 0) {
        in_order = 0;
        break;
      }
    }
    in_order &= k == 300000;
  }
  ok(in_order, "each name holds its 300000 forms, in the order added");
  bcv_record_free(&r);
}

static void markup(void) {
  static const struct {
    const char *in, *plain;
  } cases[] = {
      {"<i>a</i> <b>b</b> <sc>c</sc> x<sup>2</sup> H<sub>2</sub>O", "a b c x2 H2O"},
      {"<span class=\"nocase\">DNA</span> and <span style=\"font-variant:small-caps;\">sc</span>",
       "DNA and sc"},
      {"a < b & c > d, <x>, <i", "a < b & c > d, <x>, <i"},
      {"10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P",
       "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P"},
      {"<I>upper</I> <span>plain span</span> <span class=\"nocase\"", "<I>upper</I> <span>plain span <span class=\"nocase\""},
      {"", ""},
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    char out[256];
    size_t n = bcv_markup_strip(cases[k].in, strlen(cases[k].in), out);
    out[n] = '\0';
    ok(strcmp(out, cases[k].plain) == 0, "markup stripped: \"%s\" (got \"%s\")", cases[k].plain, out);
  }
  char in_place[] = "<i>x</i>y";
  size_t n = bcv_markup_strip(in_place, strlen(in_place), in_place);
  ok(n == 2 && memcmp(in_place, "xy", 2) == 0, "markup stripped in place");
  bcv_mark m;
  int cl;
  ok(bcv_markup_tag("</span>x", 8, &m, &cl) == 7 && m == BCV_MARK_SPAN_END && cl, "</span> closes a span");
  ok(bcv_markup_tag("<sc>", 4, &m, &cl) == 4 && m == BCV_MARK_SMALLCAPS && !cl, "<sc> is small caps");
  ok(bcv_markup_tag("<sup>", 4, &m, &cl) == 0, "a tag cut short is no tag");
}

static size_t letter(unsigned long i, char *out) {
  if (i < 26)
    return (size_t)snprintf(out, BCV_IDSET_SUFFIX_MAX, "%c", (char)('a' + i));
  return (size_t)snprintf(out, BCV_IDSET_SUFFIX_MAX, "%lu", i);
}

/* The run's id set: distinct ids are never repeats, a repeat names the
 * first place, through the table's growth; unique names by suffix. */
static void idset(void) {
  bcv_idset *s = bcv_idset_new();
  char id[64];
  int fresh = 1, again = 1;
  for (long i = 0; i < 200000; i++) {
    int n = snprintf(id, sizeof id, "key%ld", i);
    fresh &= bcv_idset_add(s, id, (size_t)n, i + 1, 0, NULL, NULL) == 0;
  }
  ok(fresh, "200000 distinct ids: none taken for a repeat");
  for (long i = 0; i < 200000; i += 997) {
    int n = snprintf(id, sizeof id, "key%ld", i);
    long line = 0;
    unsigned input = 9;
    again &= bcv_idset_add(s, id, (size_t)n, 5, 2, &line, &input) == 1 && line == i + 1 && input == 0;
  }
  ok(again, "a repeat is the first one, with the first one's line and input");
  ok(bcv_idset_add(s, "key0", 4, 7, 0, NULL, NULL) == 1, "the third time is a repeat too");
  ok(bcv_idset_has(s, "key5", 4) && !bcv_idset_has(s, "key-5", 5), "has: noted ids only");
  ok(!bcv_idset_has(s, "KEY5", 4), "case counts");
  bcv_idset_free(&s);
  ok(s == NULL, "freed");

  /* 100000 times one key: each gets the next suffix, and the search for
   * it is logarithmic (a walk from "a" each time took minutes: the alarm
   * of main turns that into a failure) */
  s = bcv_idset_new_flags(BCV_IDSET_NOCASE);
  int right = 1;
  for (unsigned long i = 0; i < 100000; i++) {
    memcpy(id, "Dup", 3);
    long n = bcv_idset_add_unique(s, id, 3, letter, 0, 0);
    char want[32] = "Dup";
    if (i)
      letter(i - 1, want + 3);
    right &= n == (long)strlen(want) && memcmp(id, want, (size_t)n) == 0;
  }
  ok(right, "100000 times 'Dup': Dup, Dupa ... Dupz, Dup26 ... Dup99998");
  ok(bcv_idset_has(s, "dupz", 4) && bcv_idset_has(s, "DUP500", 6), "nocase: any case is the same");
  memcpy(id, "x", 1);
  ok(bcv_idset_add_unique(s, id, 1, letter, 0, 0) == 1, "a free name stays as it is");
  /* names that look like suffixed ones, taken on their own: a free name
   * is found all the same, though not always the first one */
  const char *own[] = {"xa", "xb", "xd", "xe", "xf", "xg"};
  for (size_t k = 0; k < sizeof own / sizeof own[0]; k++)
    bcv_idset_add(s, own[k], 2, 0, 0, NULL, NULL);
  char got[3][4] = {{0}};
  int fine = 1;
  for (int k = 0; k < 3; k++) {
    memcpy(id, "x", 1);
    fine &= bcv_idset_add_unique(s, id, 1, letter, 0, 0) == 2;
    memcpy(got[k], id, 2);
    for (size_t j = 0; j < sizeof own / sizeof own[0]; j++)
      fine &= strcmp(got[k], own[j]) != 0;
    for (int j = 0; j < k; j++)
      fine &= strcmp(got[k], got[j]) != 0;
  }
  ok(fine, "x past xa, xb, xd..xg: three names none of them (%s %s %s)", got[0], got[1], got[2]);
  bcv_idset_free(&s);
}

/* One person's name on a line, as the tagged formats write it
 * (bcv_name_parse), with each reader's flags. */
static void parse_names(void) {
  bcv_record *r = bcv_record_new();
  enum { CL = BCV_NAME_PARSE_COMMA_LITERAL, IN = BCV_NAME_PARSE_INITIALS,
         PA = BCV_NAME_PARSE_PARTICLES, WH = BCV_NAME_PARSE_WHOLE };
  static const struct {
    const char *in;
    unsigned flags;
    const char *family, *given, *suffix, *literal, *ndp, *dp;
    int eastern;
  } cases[] = {
      {"Preißel, René", 0, "Preißel", "René", NULL, NULL, NULL, NULL, 0},
      {"  Smith ,  John , Jr. ", 0, "Smith", "John", "Jr.", NULL, NULL, NULL, 0},
      {"Smith, John,", 0, "Smith", "John", NULL, NULL, NULL, NULL, 0},
      {"Batchelor, S., Inglis, M., Gilmore, C.", 0, NULL, NULL, NULL,
       "Batchelor, S., Inglis, M., Gilmore, C.", NULL, NULL, 0},
      {"Batchelor, S., Inglis, M.,", CL, NULL, NULL, NULL, "Batchelor, S., Inglis, M.", NULL, NULL, 0},
      {"\tBrown, James M.\r\n", 0, "Brown", "James M.", NULL, NULL, NULL, NULL, 0},
      {"Brown,", 0, "Brown", NULL, NULL, NULL, NULL, NULL, 0},
      {"World Health Organization,", CL, NULL, NULL, NULL, "World Health Organization", NULL, NULL, 0},
      {"World Health Organization ,  ", CL, NULL, NULL, NULL, "World Health Organization", NULL, NULL, 0},
      {",", CL, "", NULL, NULL, NULL, NULL, NULL, 0},
      {"邓, 正阳", 0, "邓", "正阳", NULL, NULL, NULL, NULL, 1},
      {"邓正阳", 0, "邓", "正阳", NULL, NULL, NULL, NULL, 1},
      {"欧阳修", WH, "欧阳", "修", NULL, NULL, NULL, NULL, 1},
      {"Aristotle", 0, "Aristotle", NULL, NULL, NULL, NULL, NULL, 0},
      {"James  Brown", 0, "Brown", "James", NULL, NULL, NULL, NULL, 0},
      {"Mary Ann Brown", 0, "Brown", "Mary Ann", NULL, NULL, NULL, NULL, 0},
      {"James Brown", WH, "James Brown", NULL, NULL, NULL, NULL, NULL, 0},
      {"Brown, JM", IN, "Brown", "J. M.", NULL, NULL, NULL, NULL, 0},
      {"Brown, J.M.", IN, "Brown", "J. M.", NULL, NULL, NULL, NULL, 0},
      {"Brown, JM, Jr", IN, "Brown", "J. M.", "Jr", NULL, NULL, NULL, 0},
      {"Brown, JM", 0, "Brown", "JM", NULL, NULL, NULL, NULL, 0},
      {"Brown, JMKLN", IN, "Brown", "JMKLN", NULL, NULL, NULL, NULL, 0},
      {"Brown, J M", IN, "Brown", "J M", NULL, NULL, NULL, NULL, 0},
      {"Brown, James", IN, "Brown", "James", NULL, NULL, NULL, NULL, 0},
      {"van Gogh, Vincent", PA, "Gogh", "Vincent", NULL, NULL, "van", NULL, 0},
      {"van der Waals, J. D.", PA, "Waals", "J. D.", NULL, NULL, "van der", NULL, 0},
      {"Gaulle, Charles de", PA, "Gaulle", "Charles", NULL, NULL, NULL, "de", 0},
      {"van Gogh, Vincent", 0, "van Gogh", "Vincent", NULL, NULL, NULL, NULL, 0},
      {"d. Smith, J.", PA, "d. Smith", "J.", NULL, NULL, NULL, NULL, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    bcv_name n;
    memset(&n, 0xA5, sizeof n); /* the parser zeroes it */
    int rc = bcv_name_parse(r, cases[i].in, strlen(cases[i].in), cases[i].flags, &n);
    ok(rc == BCV_OK, "'%s' (flags %u) parses", cases[i].in, cases[i].flags);
    is_str(n.family, cases[i].family, "'%s': family", cases[i].in);
    is_str(n.given, cases[i].given, "'%s': given", cases[i].in);
    is_str(n.suffix, cases[i].suffix, "'%s': suffix", cases[i].in);
    is_str(n.literal, cases[i].literal, "'%s': literal", cases[i].in);
    is_str(n.non_dropping_particle, cases[i].ndp, "'%s': non-dropping particle", cases[i].in);
    is_str(n.dropping_particle, cases[i].dp, "'%s': dropping particle", cases[i].in);
    ok(!!(n.flags & BCV_NAME_EASTERN) == cases[i].eastern, "'%s': %s", cases[i].in,
       cases[i].eastern ? "eastern" : "not eastern");
  }
  /* not NUL-terminated: only len bytes are read */
  bcv_name n;
  ok(bcv_name_parse(r, "Smith, JohnXYZ", 11, 0, &n) == BCV_OK, "a prefix of a buffer");
  is_str(n.given, "John", "only len bytes are read");
  ok(bcv_name_parse(r, " \t ", 3, CL, &n) == BCV_OK && !n.family && !n.given && !n.literal,
     "a blank name is an empty one");
  ok(bcv_name_parse(r, NULL, 0, 0, &n) == BCV_OK && !n.family, "no bytes at all");
  bcv_record_free(&r);
}

/* A variable's values in the record's language, joined for a format with
 * one field of each (bcv_record_join_text). */
static void join_text(void) {
  bcv_record *r = bcv_record_new();
  char *buf = NULL;
  size_t cap = 0, others = 99;
  ok(bcv_record_join_text(r, BCV_VAR_PUBLISHER, "; ", &buf, &cap, &others) == 0 && others == 0 &&
         buf == NULL,
     "no value: length 0, nothing allocated");
  bcv_record_add_text(r, BCV_VAR_PUBLISHER_PLACE, NULL, "Berlin", 6);
  bcv_record_add_text(r, BCV_VAR_PUBLISHER_PLACE, NULL, "New York", 8);
  long n = bcv_record_join_text(r, BCV_VAR_PUBLISHER_PLACE, "; ", &buf, &cap, &others);
  ok(n == 16 && others == 0, "two untagged values, 16 bytes");
  is_str(buf, "Berlin; New York", "joined with the separator, in order");
  ok(cap >= 17, "the buffer holds the terminating NUL");
  bcv_record_add_text(r, BCV_VAR_TITLE, "zh", "中文", strlen("中文"));
  bcv_record_add_text(r, BCV_VAR_TITLE, "en", "English", 7);
  bcv_record_add_text(r, BCV_VAR_TITLE, NULL, "Untagged", 8);
  n = bcv_record_join_text(r, BCV_VAR_TITLE, "\n", &buf, &cap, &others);
  ok(n == 8 && others == 2, "no record language: only the untagged value, two others left out");
  is_str(buf, "Untagged", "the untagged title");
  bcv_record_add_text(r, BCV_VAR_LANGUAGE, NULL, "zh", 2);
  n = bcv_record_join_text(r, BCV_VAR_TITLE, "\n", &buf, &cap, &others);
  ok(n == (long)strlen("中文\nUntagged") && others == 1, "record in zh: its value and the untagged");
  is_str(buf, "中文\nUntagged", "values in the record's language and untagged, in order");
  char *kept = buf;
  ok(bcv_record_join_text(r, BCV_VAR_TITLE, "\n", &buf, &cap, NULL) > 0 && buf == kept,
     "the buffer is reused; others may be NULL");
  ok(bcv_record_join_text(r, BCV_VAR_ABSTRACT, "; ", &buf, &cap, NULL) == 0 && buf == kept,
     "no value: the buffer is left as it was");
  free(buf);
  bcv_record_free(&r);
}

/* A DOI without its resolver (bcv_doi_strip), and its shape. */
static void dois(void) {
  static const struct {
    const char *in, *doi;
  } cases[] = {
      {"10.1063/1.2234275", "10.1063/1.2234275"},
      {"  https://doi.org/10.1/x ", "10.1/x"},
      {"HTTP://DX.DOI.ORG/10.1/x", "10.1/x"},
      {"doi.org/10.1/x", "10.1/x"},
      {"doi: 10.1/x", "10.1/x"},
      {"DOI:10.1/x", "10.1/x"},
      {"doi:", ""},
      {"   ", ""},
      {"testRw", "testRw"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    size_t n = 99;
    const char *d = bcv_doi_strip(cases[i].in, strlen(cases[i].in), &n);
    ok(n == strlen(cases[i].doi) && !strncmp(d, cases[i].doi, n), "'%s' -> '%s'", cases[i].in,
       cases[i].doi);
  }
  size_t n;
  const char *d = bcv_doi_strip("doi:10.1/xyz", 9, &n);
  ok(n == 5 && !strncmp(d, "10.1/", 5), "only len bytes are read");
  ok(bcv_doi_shape("10.1063/1.2234275", 17), "10.1063/1.2234275 is a DOI");
  ok(!bcv_doi_shape("467-72", 6), "467-72 is not");
  ok(!bcv_doi_shape("10.1063", 7), "10.1063 without a suffix is not");
  ok(!bcv_doi_shape("10./", 3), "nor what a length cuts short");
}

int main(void) {
  alarm(60); /* a hang is a failure, not a stuck build */
  idset();
  vocabulary();
  record();
  han();
  many_alts();
  parse_names();
  join_text();
  dois();
  markup();
  return tap_done();
}
