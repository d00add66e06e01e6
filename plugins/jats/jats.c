/* SPDX-License-Identifier: MIT */
/* jats.c: the module's descriptor and format detection: an XML document
 * whose root is JATS's (or NLM's) article, or a bare ref-list. */
#define _GNU_SOURCE /* memmem */
#include <string.h>
#include "jats.h"

static int has(const char *h, size_t len, const char *s) {
  return memmem(h, len, s, strlen(s)) != NULL;
}

static int detect(const char *h, size_t len) {
  size_t i = 0;
  while (i < len && (h[i] == ' ' || h[i] == '\n' || h[i] == '\t' || h[i] == '\r'))
    i++;
  if (i >= len || h[i] != '<')
    return 0;
  int article = has(h, len, "<article") || has(h, len, "DOCTYPE article");
  int jats = has(h, len, "JATS") || has(h, len, "//NLM//DTD") || has(h, len, "<article-meta") ||
             has(h, len, "<front") || has(h, len, "<ref-list");
  if (article && jats)
    return 95;
  if (has(h, len, "<ref-list") || has(h, len, "<element-citation") || has(h, len, "<mixed-citation"))
    return 70;
  return article ? 40 : 0;
}

static const char *const extensions[] = {"xml", "nxml", "jats", NULL};

static const bcv_format formats[] = {{
    "jats",
    "JATS XML: article metadata and references in; DTD-valid, JATS4R references (or -O front) out",
    extensions,
    "application/jats+xml",
    detect,
    &jt_reader,
    &jt_writer,
    NULL, /* no aliases */
}};

BCV_PLUGIN_DEFINE(jats, "jats", "0.1.0", formats, 1);
