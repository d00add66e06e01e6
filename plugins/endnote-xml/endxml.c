/* SPDX-License-Identifier: MIT */
/* endxml.c: the module's descriptor and format detection: an XML
 * document whose root is <xml> with <records> in it (EndNote's export),
 * or EndNote's <EndNote><Cite><record> of a Word document's field. */
#include <string.h>
#include "bcvxml.h"
#include "endxml.h"

/* Whether needle occurs in the n bytes at h (memmem is GNU). */
static int has(const char *h, size_t n, const char *needle) {
  size_t k = strlen(needle);
  for (const char *p = h; n >= k && (p = memchr(p, needle[0], n - k + 1 - (size_t)(p - h))); p++)
    if (!memcmp(p, needle, k))
      return 1;
  return 0;
}

static int detect(const char *h, size_t len) {
  char root[64];
  if (!bx_root(h, len, root, sizeof root))
    return 0;
  if (!strcmp(root, "xml") && has(h, len, "<records"))
    return has(h, len, "<record>") || has(h, len, "<ref-type") ? 95 : 70;
  if (!strcmp(root, "EndNote") && has(h, len, "<record>"))
    return 80;
  return 0;
}

static const char *const aliases[] = {"endnotexml", NULL};

static const bcv_format formats[] = {{
    "endnote-xml",
    "EndNote's XML export (EndNote, Bookends, Mendeley, JabRef): every reference type, names, styled text",
    NULL, /* .xml names no format by itself */
    "application/xml",
    detect,
    &ex_reader,
    &ex_writer,
    aliases,
}};

BCV_PLUGIN_DEFINE(endnote_xml, "endnote-xml", "0.1.0", formats, 1);
