/* SPDX-License-Identifier: MIT */
/* isi.c: the module's descriptor and format detection.
 *
 * A Web of Science export starts "FN " (its file name line); one without
 * the header still has PT and ER lines and two-letter tags followed by a
 * space.  RIS's "TY  - " lines have a space after the tag too, but then a
 * dash: they are not counted. */
#include <string.h>
#include "isi.h"

static int detect(const char *h, size_t len) {
  size_t tags = 0, pt = 0, er = 0, lines = 0;
  int first = 1, fn = 0;
  for (size_t i = 0; i < len;) {
    const char *e = memchr(h + i, '\n', len - i);
    size_t n = e ? (size_t)(e - (h + i)) : len - i;
    const char *s = h + i;
    i += n + 1;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
      n--;
    if (!n)
      continue;
    lines++;
    if (n >= 2 && s[0] >= 'A' && s[0] <= 'Z' &&
        ((s[1] >= 'A' && s[1] <= 'Z') || (s[1] >= '0' && s[1] <= '9')) &&
        (n == 2 || (s[2] == ' ' && !(n > 4 && s[3] == ' ' && s[4] == '-') && !(n > 3 && s[3] == '-')))) {
      tags++;
      pt += s[0] == 'P' && s[1] == 'T' && n > 3;
      er += n == 2 && s[0] == 'E' && s[1] == 'R';
      if (first && n > 3 && s[0] == 'F' && s[1] == 'N')
        fn = 1;
    }
    first = 0;
  }
  if (fn && (pt || tags >= 2))
    return 95;
  return pt && er && tags >= 4 ? 85 : 0;
}

static const char *const extensions[] = {"isi", "ciw", NULL};

static const char *const aliases[] = {"wos", "web-of-science", NULL};

static const bcv_format formats[] = {{
    "isi",
    "Web of Science plain text (ISI export: AF/AU names, C1 addresses, DE/ID keywords, UT)",
    extensions,
    NULL,
    detect,
    &is_reader,
    &is_writer,
    aliases,
}};

BCV_PLUGIN_DEFINE(isi, "isi", "0.1.0", formats, 1);
