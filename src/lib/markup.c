/* SPDX-License-Identifier: MIT */
/* markup.c: CSL's inline markup in the model's text (record.h). */
#include <string.h>
#include "internal.h"

static const struct {
  const char *tag; /* without "<" and, for closing tags, "/" */
  unsigned char len;
  unsigned char mark;
} tags[] = {
    {"i>", 2, BCV_MARK_ITALIC},
    {"b>", 2, BCV_MARK_BOLD},
    {"sc>", 3, BCV_MARK_SMALLCAPS},
    {"sup>", 4, BCV_MARK_SUP},
    {"sub>", 4, BCV_MARK_SUB},
    {"span class=\"nocase\">", 20, BCV_MARK_NOCASE},
    {"span style=\"font-variant:small-caps;\">", 38, BCV_MARK_SMALLCAPS},
};

size_t bcv_markup_tag(const char *s, size_t n, bcv_mark *mark, int *closing) {
  if (n < 3 || s[0] != '<')
    return 0;
  int cl = s[1] == '/';
  const char *t = s + 1 + cl;
  size_t left = n - 1 - (size_t)cl;
  for (size_t k = 0; k < sizeof tags / sizeof *tags; k++) {
    size_t len = tags[k].len;
    bcv_mark m = (bcv_mark)tags[k].mark;
    if (cl && len > 4) { /* one closing tag for both spans */
      if (left < 5 || memcmp(t, "span>", 5) != 0)
        continue;
      len = 5;
      m = BCV_MARK_SPAN_END;
    } else if (left < len || memcmp(t, tags[k].tag, len) != 0) {
      continue;
    }
    if (mark)
      *mark = m;
    if (closing)
      *closing = cl;
    return 1 + (size_t)cl + len;
  }
  return 0;
}

size_t bcv_markup_strip(const char *s, size_t n, char *out) {
  size_t o = 0, i = 0;
  while (i < n) {
    const char *lt = memchr(s + i, '<', n - i);
    size_t end = lt ? (size_t)(lt - s) : n;
    if (end > i) {
      memmove(out + o, s + i, end - i);
      o += end - i;
      i = end;
    }
    if (i == n)
      break;
    size_t t = bcv_markup_tag(s + i, n - i, NULL, NULL);
    if (t) {
      i += t;
    } else {
      out[o++] = '<';
      i++;
    }
  }
  return o;
}
