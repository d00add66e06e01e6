/* SPDX-License-Identifier: MIT */
/* gbt7714.c: the module's descriptor.  GB/T 7714-2015 reference lists are
 * written only: the cnki module reads them (its GB/T string parser), so
 * this module has no reader and claims no input. */
#include <stdlib.h>
#include <string.h>
#include "gbt7714.h"

int gb_put(gb_buf *b, const char *s, size_t n) {
  if (n > (size_t)-1 / 2 - b->len)
    return BCV_ENOMEM;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
      return BCV_ENOMEM;
    b->p = p;
    b->cap = cap;
  }
  if (n)
    memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
  return BCV_OK;
}

int gb_puts(gb_buf *b, const char *s) {
  return gb_put(b, s, strlen(s));
}

int gb_putc(gb_buf *b, char c) {
  return gb_put(b, &c, 1);
}

void gb_free(gb_buf *b) {
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}

static const char *const extensions[] = {NULL};
/* what users call it: GB7714, GBT7714, GB/T 7714 (any case) */
static const char *const aliases[] = {"gb7714", "gbt", "gb/t7714", NULL};

static const bcv_format formats[] = {{
    "gbt7714",
    "GB/T 7714-2015 reference list (顺序编码制 or 著者-出版年制), plain UTF-8 text",
    extensions,
    "text/plain",
    NULL,
    NULL,
    &gb_writer,
    aliases,
}};

BCV_PLUGIN_DEFINE(gbt7714, "gbt7714", "0.1.0", formats, 1);
