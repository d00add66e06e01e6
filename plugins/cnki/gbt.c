/* SPDX-License-Identifier: MIT */
/* gbt.c: GB/T 7714 reference strings ("[1]张福锁,王激清.题名[J].刊名,2008(05):915-924."). */
#include <string.h>
#include "cnki.h"

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static const struct {
  const char *code;
  const char *type;
} gbt_types[] = {
    {"J", "Journal Article"}, {"J/OL", "Journal Article"}, {"M", "Book"},
    {"D", "Thesis"},          {"C", "Conference Proceedings"}, {"N", "Newspaper Article"},
    {"P", "Patent"},          {"S", "Standard"},           {"R", "Report"},
};

int cn_read_gbt(cn_builder *b, const char *s, size_t len, long line, int fill) {
  int rc;
  cn_trim(&s, &len);
  /* "[1]" */
  if (len && s[0] == '[') {
    size_t c = cn_find(s, len, "]");
    if (c != (size_t)-1 && c < 8) {
      s += c + 1;
      len -= c + 1;
    }
  }
  cn_trim(&s, &len);
  /* the type code: "[J]" */
  size_t mo = (size_t)-1, mc = 0;
  for (size_t i = 0; i + 2 < len; i++) {
    if (s[i] != '[')
      continue;
    size_t j = i + 1;
    while (j < len && j - i < 7 && ((s[j] >= 'A' && s[j] <= 'Z') || s[j] == '/'))
      j++;
    if (j > i + 1 && j < len && s[j] == ']') {
      mo = i;
      mc = j;
      break;
    }
  }
  if (mo == (size_t)-1) {
    bcv_diag_report(cn_builder_diag(b), BCV_SEV_WARNING, NULL, line, 1,
                    "reference string without a type code such as [J]; kept as a note");
    return cn_put(b, CN_NOTE, NULL, s, len, line, 1);
  }
  const char *type = NULL;
  for (size_t k = 0; k < sizeof gbt_types / sizeof *gbt_types; k++)
    if (strlen(gbt_types[k].code) == mc - mo - 1 && memcmp(gbt_types[k].code, s + mo + 1, mc - mo - 1) == 0)
      type = gbt_types[k].type;
  int en = !cn_has_han(s, mo);
  const char *lang = en ? "en" : "zh";
  /* GB/T 7714 writes every name family first: "Beuthien V", "LUO Y" */
  cn_family_first(b);
  if (!fill && type && (rc = cn_put(b, CN_TYPE, NULL, type, strlen(type), line, 1)))
    return rc;
  /* authors, then the title, before the code */
  size_t dot = cn_find(s, mo, ".");
  size_t ts = 0;
  if (dot != (size_t)-1 && dot + 1 < mo) {
    if (!fill || !cn_has(b, CN_AUTHORS, lang)) {
      if ((rc = cn_put(b, en ? CN_AUTHORS_EN : CN_AUTHORS, NULL, s, dot, line, 1)))
        return rc;
    }
    ts = dot + 1;
  }
  if ((!fill || !cn_has(b, CN_TITLE, lang)) &&
      (rc = cn_put(b, en ? CN_TITLE_EN : CN_TITLE, NULL, s + ts, mo - ts, line, 1)))
    return rc;
  /* after the code: container, year, volume(issue): pages */
  size_t i = mc + 1;
  while (i < len && (s[i] == '.' || s[i] == ' '))
    i++;
  const char *rest = s + i;
  size_t rl = len - i;
  while (rl && (rest[rl - 1] == '.' || rest[rl - 1] == ' '))
    rl--;
  size_t doi = cn_find(rest, rl, "doi:");
  if (doi == (size_t)-1)
    doi = cn_find(rest, rl, "DOI:");
  if (doi != (size_t)-1) {
    if ((!fill || !cn_has(b, CN_DOI, NULL)) &&
        (rc = cn_put(b, CN_DOI, NULL, rest + doi + 4, rl - doi - 4, line, 1)))
      return rc;
    rl = doi;
  }
  size_t comma = cn_find(rest, rl, ",");
  if (comma == (size_t)-1) {
    /* "法律出版社:202408": publisher, then the year and month */
    size_t colon = cn_find(rest, rl, ":");
    if (colon == (size_t)-1 || fill)
      return BCV_OK;
    if ((rc = cn_put(b, CN_PUBLISHER, NULL, rest, colon, line, 1)))
      return rc;
    if (rl - colon - 1 >= 4)
      return cn_put(b, CN_YEAR, NULL, rest + colon + 1, 4, line, 1);
    return BCV_OK;
  }
  const char *cont = rest;
  size_t cl = comma;
  size_t colon = cn_find(cont, cl, ":");
  if (colon != (size_t)-1 && type && (strcmp(type, "Book") == 0 || strcmp(type, "Thesis") == 0)) {
    /* "北京:出版社,2008" */
    if (!fill && ((rc = cn_put(b, CN_PLACE, NULL, cont, colon, line, 1)) ||
                  (rc = cn_put(b, CN_PUBLISHER, NULL, cont + colon + 1, cl - colon - 1, line, 1))))
      return rc;
  } else if (!fill || !cn_has(b, en ? CN_CONTAINER_EN : CN_CONTAINER, en ? "en" : NULL)) {
    if ((rc = cn_put(b, en ? CN_CONTAINER_EN : CN_CONTAINER, NULL, cont, cl, line, 1)))
      return rc;
  }
  i = comma + 1;
  while (i < rl && (rest[i] == ' ' || rest[i] == ','))
    i++;
  size_t ds = i;
  while (i < rl && (is_digit(rest[i]) || rest[i] == '-'))
    i++;
  if (i > ds && (!fill || !cn_has(b, CN_YEAR, NULL)) &&
      (rc = cn_put(b, i - ds > 4 ? CN_DATE : CN_YEAR, NULL, rest + ds, i - ds, line, 1)))
    return rc;
  while (i < rl && (rest[i] == ',' || rest[i] == ' '))
    i++;
  size_t vs = i;
  while (i < rl && is_digit(rest[i]))
    i++;
  if (i > vs && (!fill || !cn_has(b, CN_VOLUME, NULL)) &&
      (rc = cn_put(b, CN_VOLUME, NULL, rest + vs, i - vs, line, 1)))
    return rc;
  if (i < rl && rest[i] == '(') {
    size_t c = cn_find(rest + i, rl - i, ")");
    if (c != (size_t)-1) {
      cn_slot sl = type && strcmp(type, "Newspaper Article") == 0 ? CN_PAGES : CN_ISSUE;
      if ((!fill || !cn_has(b, sl, NULL)) &&
          (rc = cn_put(b, sl, NULL, rest + i + 1, c - 1, line, 1)))
        return rc;
      i += c + 1;
    }
  }
  while (i < rl && (rest[i] == ':' || rest[i] == ' '))
    i++;
  if (i < rl && (!fill || !cn_has(b, CN_PAGES, NULL))) {
    size_t pe = i;
    while (pe < rl && rest[pe] != '\n')
      pe++;
    return cn_put(b, CN_PAGES, NULL, rest + i, pe - i, line, 1);
  }
  return BCV_OK;
}

int cn_gbt_code(const char *s, size_t len) {
  for (size_t k = 0; k < sizeof gbt_types / sizeof *gbt_types; k++)
    if (strlen(gbt_types[k].code) == len && memcmp(gbt_types[k].code, s, len) == 0)
      return 1;
  return 0;
}
