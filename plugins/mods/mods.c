/* SPDX-License-Identifier: MIT */
/* mods.c: the module's descriptor and format detection: an XML document
 * whose root element is MODS's (modsCollection or mods, with or without
 * a prefix). */
#include <string.h>
#include "bcvxml.h"
#include "mods.h"

static int detect(const char *h, size_t len) {
  char root[64];
  if (!bx_root(h, len, root, sizeof root))
    return 0;
  if (!strcmp(root, "modsCollection") || !strcmp(root, "mods"))
    return 95;
  return 0;
}

static const char *const extensions[] = {"mods", NULL};

static const bcv_format formats[] = {{
    "mods",
    "MODS 3.x XML (Library of Congress; bibutils' pivot): titles in every language, names by role, hosts",
    extensions,
    "application/mods+xml",
    detect,
    &md_reader,
    &md_writer,
    NULL, /* no aliases */
}};

BCV_PLUGIN_DEFINE(mods, "mods", "0.1.0", formats, 1);
