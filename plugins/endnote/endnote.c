/* SPDX-License-Identifier: MIT */
/* endnote.c: the module's descriptor and format detection.
 *
 * EndNote's tagged lines are "%" and one character, then a space.  A
 * BibTeX comment ("% text", "%%%") is not one; most of a file's lines
 * must be tag lines (the others continue a value).  CNKI's EndNote export
 * ("%W CNKI") is the cnki reader's, which knows its Chinese fields: it
 * scores lower here. */
#define _GNU_SOURCE /* memmem */
#include <string.h>
#include "endnote.h"

static int detect(const char *h, size_t len) {
  size_t tags = 0, starts = 0, lines = 0;
  for (size_t i = 0; i < len;) {
    const char *e = memchr(h + i, '\n', len - i);
    size_t n = e ? (size_t)(e - (h + i)) : len - i;
    const char *s = h + i;
    size_t k = 0;
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
      k++;
    if (k < n) {
      lines++;
      if (n >= 2 && s[0] == '%' && s[1] > ' ' && s[1] <= '~' && (n == 2 || s[2] == ' ')) {
        tags++;
        starts += s[1] == '0';
      }
    }
    i += n + 1;
  }
  if (tags < 2 || tags * 2 < lines)
    return 0;
  if (memmem(h, len, "%W CNKI", 7))
    return 50;
  return starts ? 90 : tags >= 3 ? 80 : 0;
}

static const char *const extensions[] = {"enw", "end", "ref", NULL};

static const char *const aliases[] = {"enw", "refer", NULL};

static const bcv_format formats[] = {{
    "endnote",
    "EndNote and Refer tagged (.enw; one name a line, %Q/%H other-language title and names)",
    extensions,
    "application/x-endnote-refer",
    detect,
    &en_reader,
    &en_writer,
    aliases,
}};

BCV_PLUGIN_DEFINE(endnote, "endnote", "0.1.0", formats, 1);
