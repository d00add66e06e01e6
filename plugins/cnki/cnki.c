/* SPDX-License-Identifier: MIT */
/* cnki.c: the module's descriptor and format detection.
 *
 * Detection must claim CNKI's exports and pasted pages and nothing else:
 * each rule needs a marker no BibTeX, RIS, CSL-JSON or JATS file has (the
 * CNKI terminators "DS CNKI" and "%W CNKI", NoteExpress's braced type
 * tag, E-Study's bilingual labels, the Chinese labels of article pages). */
#define _GNU_SOURCE /* memmem */
#include <string.h>
#include "cnki.h"

static int has(const char *h, size_t len, const char *needle) {
  return memmem(h, len, needle, strlen(needle)) != NULL;
}

/* "Lian Hongping 连宏萍": a romanised name followed by its Han form */
static int inline_name(const char *h, size_t len) {
  for (size_t i = 0; i + 8 < len; i++) {
    if (h[i] != ' ' || !cn_has_han(h + i + 1, cn_u8len(h + i + 1, len - i - 1)))
      continue;
    size_t j = i, words = 0;
    while (words < 2) {
      size_t e = j;
      while (j > 0 && ((h[j - 1] >= 'a' && h[j - 1] <= 'z') || h[j - 1] == '-'))
        j--;
      if (j == e || j == 0 || !(h[j - 1] >= 'A' && h[j - 1] <= 'Z'))
        break;
      j--;
      words++;
      if (words < 2) {
        if (j == 0 || h[j - 1] != ' ')
          break;
        j--;
      }
    }
    if (words == 2)
      return 1;
  }
  return 0;
}

int cn_detect(const char *h, size_t len) {
  /* the first line that is not blank */
  size_t i = 0;
  while (i < len && (h[i] == ' ' || h[i] == '\n' || h[i] == '\t' || h[i] == '\r'))
    i++;
  if (i == len)
    return 0; /* blank: and h[len] need not be there */
  const char *first = h + i;
  size_t flen = len - i;
  const char *e = memchr(first, '\n', flen);
  size_t l1 = e ? (size_t)(e - first) : flen;
  switch (cn_record_start(first, l1)) {
  case CN_REFWORKS: return has(h, len, "\nDS CNKI") || has(h, len, "<br>DS CNKI") ? 95 : 40;
  /* EndNote text is CNKI's when it says so ("%W CNKI", its database
   * provider); any other EndNote file is the endnote module's, which
   * reads its names and tags as EndNote means them */
  case CN_ENDNOTE: return has(h, len, "%W CNKI") ? 95 : 0;
  case CN_NOTEEXPRESS: return 95;
  case CN_ESTUDY: return has(h, len, "Title-题名") ? 95 : 60;
  case CN_GBT: return has(h, len, "[J].") || has(h, len, "[M].") || has(h, len, "[D].") ? 90 : 40;
  default: break;
  }
  if (h[i] == '{' || h[i] == '[' || h[i] == '@' || h[i] == '<' || has(first, l1, "  - "))
    return 0;
  if (has(h, len, "››") && (has(h, len, "Vol.") || has(h, len, "Issue")))
    return 90; /* Magtech breadcrumb */
  if (has(h, len, "被引量") && has(h, len, "出处"))
    return 90; /* CQVIP */
  if (has(h, len, "摘要") && has(h, len, "关键词"))
    return 85;
  if (has(h, len, "引用本文") || (has(h, len, "摘要：") && has(h, len, "DOI：")))
    return 85;
  if (has(h, len, "Source: Page ") && has(h, len, " of "))
    return 70; /* newspaper page */
  int page = cn_detect_page(h, len);
  if (page)
    return page; /* the labels and lines of any page layout, a GB/T list */
  if (inline_name(h, len))
    return 60; /* loose notes naming Chinese authors */
  return 0;
}

static const char *const extensions[] = {"txt", "net", NULL};

static const bcv_format formats[] = {{
    "cnki",
    "CNKI exports (RefWorks, EndNote, NoteExpress, E-Study, GB/T 7714) and pasted article pages",
    extensions,
    NULL,
    cn_detect,
    &cn_reader,
    &cn_writer,
    NULL, /* no aliases */
}};

BCV_PLUGIN_DEFINE(cnki, "cnki", "0.1.0", formats, 1);
