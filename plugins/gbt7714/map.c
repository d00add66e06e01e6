/* SPDX-License-Identifier: MIT */
/* map.c: CSL's item types to GB/T 7714-2015's document type codes (its
 * table B.1: M 普通图书, C 会议录, G 汇编, N 报纸, J 期刊, D 学位论文,
 * R 报告, S 标准, P 专利, DB 数据库, CP 计算机程序, EB 电子公告, A 档案,
 * CM 舆图, DS 数据集, Z 其他) and the clause that lays each out.  One row
 * per CSL type, in the order of BCV_TYPE_LIST. */
#include <string.h>
#include <strings.h>
#include "gbt7714.h"

static const struct {
  bcv_type type;
  gb_kind kind;
} rows[] = {
    /* a preprint is an online publication */
    {BCV_TYPE_ARTICLE, {"EB", GB_ONLINE, GB_OL}},
    {BCV_TYPE_ARTICLE_JOURNAL, {"J", GB_SERIAL, 0}},
    {BCV_TYPE_ARTICLE_MAGAZINE, {"J", GB_SERIAL, 0}},
    {BCV_TYPE_ARTICLE_NEWSPAPER, {"N", GB_NEWSPAPER, 0}},
    /* laws, bills and regulations: the standard cites official documents as
     * archives (its example 京政办发[2005]37号[A/OL]) */
    {BCV_TYPE_BILL, {"A", GB_BOOK, GB_NUMBER}},
    {BCV_TYPE_BOOK, {"M", GB_BOOK, GB_IMPRINT}},
    {BCV_TYPE_BROADCAST, {"Z", GB_BOOK, GB_NO_CODE}},
    {BCV_TYPE_CHAPTER, {"M", GB_PART, GB_IMPRINT}},
    {BCV_TYPE_CLASSIC, {"M", GB_BOOK, GB_IMPRINT}},
    /* CSL 1.0.2's collection is an archival collection */
    {BCV_TYPE_COLLECTION, {"A", GB_BOOK, 0}},
    {BCV_TYPE_DATASET, {"DS", GB_BOOK, 0}},
    {BCV_TYPE_DOCUMENT, {"Z", GB_BOOK, GB_NO_CODE}},
    {BCV_TYPE_ENTRY, {"M", GB_PART, GB_IMPRINT}},
    {BCV_TYPE_ENTRY_DICTIONARY, {"M", GB_PART, GB_IMPRINT}},
    {BCV_TYPE_ENTRY_ENCYCLOPEDIA, {"M", GB_PART, GB_IMPRINT}},
    {BCV_TYPE_EVENT, {"Z", GB_BOOK, GB_NO_CODE | GB_EVENT}},
    {BCV_TYPE_FIGURE, {"Z", GB_BOOK, GB_NO_CODE}},
    {BCV_TYPE_GRAPHIC, {"Z", GB_BOOK, GB_NO_CODE}},
    {BCV_TYPE_HEARING, {"A", GB_BOOK, GB_NUMBER}},
    {BCV_TYPE_INTERVIEW, {"Z", GB_BOOK, GB_NO_CODE}},
    {BCV_TYPE_LEGAL_CASE, {"A", GB_BOOK, GB_NUMBER}},
    {BCV_TYPE_LEGISLATION, {"A", GB_BOOK, GB_NUMBER}},
    {BCV_TYPE_MANUSCRIPT, {"Z", GB_BOOK, GB_NO_CODE}},
    {BCV_TYPE_MAP, {"CM", GB_BOOK, 0}},
    {BCV_TYPE_MOTION_PICTURE, {"Z", GB_BOOK, GB_NO_CODE}},
    {BCV_TYPE_MUSICAL_SCORE, {"Z", GB_BOOK, GB_NO_CODE}},
    {BCV_TYPE_PAMPHLET, {"M", GB_BOOK, GB_IMPRINT}},
    /* a paper in proceedings is a part (C//); proceedings alone are C;
     * the conference is the proceedings' other title information */
    {BCV_TYPE_PAPER_CONFERENCE, {"C", GB_BOOK, GB_IMPRINT | GB_PART_IF_CONT | GB_EVENT}},
    {BCV_TYPE_PATENT, {"P", GB_PATENT, GB_NUMBER}},
    {BCV_TYPE_PERFORMANCE, {"Z", GB_BOOK, GB_NO_CODE | GB_EVENT}},
    /* a whole serial: 8.3 */
    {BCV_TYPE_PERIODICAL, {"J", GB_BOOK, 0}},
    {BCV_TYPE_PERSONAL_COMMUNICATION, {"Z", GB_BOOK, GB_NO_CODE}},
    {BCV_TYPE_POST, {"EB", GB_ONLINE, GB_OL}},
    {BCV_TYPE_POST_WEBLOG, {"EB", GB_ONLINE, GB_OL}},
    {BCV_TYPE_REGULATION, {"A", GB_BOOK, GB_NUMBER}},
    {BCV_TYPE_REPORT, {"R", GB_BOOK, GB_NUMBER | GB_IMPRINT}},
    {BCV_TYPE_REVIEW, {"J", GB_SERIAL, 0}},
    {BCV_TYPE_REVIEW_BOOK, {"J", GB_SERIAL, 0}},
    {BCV_TYPE_SOFTWARE, {"CP", GB_BOOK, 0}},
    {BCV_TYPE_SONG, {"Z", GB_BOOK, GB_NO_CODE}},
    {BCV_TYPE_SPEECH, {"Z", GB_BOOK, GB_NO_CODE | GB_EVENT}},
    /* a standard in a collection of standards is a part (S//) */
    {BCV_TYPE_STANDARD, {"S", GB_BOOK, GB_NUMBER | GB_IMPRINT | GB_PART_IF_CONT}},
    {BCV_TYPE_THESIS, {"D", GB_BOOK, GB_IMPRINT}},
    {BCV_TYPE_TREATY, {"A", GB_BOOK, GB_NUMBER}},
    {BCV_TYPE_WEBPAGE, {"EB", GB_ONLINE, GB_OL}},
};

_Static_assert(sizeof rows / sizeof *rows == BCV_TYPE_COUNT, "one row per CSL type");

static const gb_kind z = {"Z", GB_BOOK, GB_NO_CODE};

const gb_kind *gb_kind_of(bcv_type t) {
  if ((size_t)t < sizeof rows / sizeof *rows && rows[t].type == t)
    return &rows[t].kind;
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
    if (rows[i].type == t)
      return &rows[i].kind;
  return &z;
}

/* Codes a record may name itself (extra gbt7714.code): those with no CSL
 * type of their own, G and DB among them. */
static const gb_kind codes[] = {
    {"M", GB_BOOK, GB_IMPRINT | GB_PART_IF_CONT},
    {"C", GB_BOOK, GB_IMPRINT | GB_PART_IF_CONT | GB_EVENT},
    {"G", GB_BOOK, GB_IMPRINT | GB_PART_IF_CONT},
    {"N", GB_NEWSPAPER, 0},      {"J", GB_SERIAL, 0},        {"D", GB_BOOK, GB_IMPRINT},
    {"R", GB_BOOK, GB_NUMBER | GB_IMPRINT},
    {"S", GB_BOOK, GB_NUMBER | GB_IMPRINT | GB_PART_IF_CONT},
    {"P", GB_PATENT, GB_NUMBER}, {"DB", GB_BOOK, 0},         {"CP", GB_BOOK, 0},
    {"EB", GB_ONLINE, GB_OL},    {"A", GB_BOOK, GB_NUMBER},  {"CM", GB_BOOK, 0},
    {"DS", GB_BOOK, 0},          {"Z", GB_BOOK, 0},
};

const gb_kind *gb_kind_of_code(const char *code) {
  for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
    if (strcmp(codes[i].code, code) == 0)
      return &codes[i];
  return NULL;
}

/* The carriers (文献载体, the standard's table B.2) and the words a record's
 * medium says them with: CSL's and MLA's "Web", "CD-ROM", MODS's "online
 * resource", PubMed's "Internet", the cnki reader's bare codes.  A word
 * matches in any case, as a whole word; the first row that matches wins. */
static const struct {
  const char *word;
  const char *code;
} carriers[] = {
    {"OL", "OL"},           {"online", "OL"},        {"on-line", "OL"},
    {"internet", "OL"},     {"web", "OL"},           {"联机网络", "OL"},
    {"网络", "OL"},         {"在线", "OL"},          {"CD", "CD"},
    {"DVD", "CD"},          {"Blu-ray", "CD"},       {"compact disc", "CD"},
    {"optical disc", "CD"}, {"光盘", "CD"},          {"DK", "DK"},
    {"disk", "DK"},         {"diskette", "DK"},      {"floppy", "DK"},
    {"磁盘", "DK"},         {"软盘", "DK"},          {"MT", "MT"},
    {"magnetic tape", "MT"}, {"tape", "MT"},         {"cassette", "MT"},
    {"磁带", "MT"},
};

static int alnum(unsigned char ch) {
  return (ch >= '0' && ch <= '9') || ((ch | 32) >= 'a' && (ch | 32) <= 'z');
}

/* Whether word is in s as a whole word, ASCII letters in any case. */
static int has_word(const char *s, const char *word) {
  size_t n = strlen(word);
  for (const char *p = s; *p; p++) {
    if (strncasecmp(p, word, n) != 0)
      continue;
    if (alnum((unsigned char)word[0]) && p > s && alnum((unsigned char)p[-1]))
      continue;
    if (alnum((unsigned char)word[n - 1]) && alnum((unsigned char)p[n]))
      continue;
    return 1;
  }
  return 0;
}

const char *gb_carrier_of(const char *medium) {
  if (!medium)
    return NULL;
  for (size_t i = 0; i < sizeof carriers / sizeof *carriers; i++)
    if (has_word(medium, carriers[i].word))
      return carriers[i].code;
  return NULL;
}
