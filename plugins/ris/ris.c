/* SPDX-License-Identifier: MIT */
/* ris.c: the module's descriptor and format detection.  A line starting
 * "TY  - " (any number of spaces before the dash) is RIS; the CNKI RefWorks
 * export's "RT " lines are not, nor are EndNote's %-tags. */
#include <string.h>
#include "ris.h"

static int detect(const char *h, size_t len) {
  int bol = 1, tags = 0, ty = 0;
  for (size_t i = 0; i < len; i++) {
    if (h[i] == '\n') {
      bol = 1;
      continue;
    }
    if (bol && i + 5 <= len && h[i] >= 'A' && h[i] <= 'Z' &&
        ((h[i + 1] >= 'A' && h[i + 1] <= 'Z') || (h[i + 1] >= '0' && h[i + 1] <= '9'))) {
      size_t j = i + 2;
      while (j < len && j < i + 5 && h[j] == ' ')
        j++;
      if (j > i + 2 && j < len && h[j] == '-') {
        tags++;
        if (h[i] == 'T' && h[i + 1] == 'Y')
          ty++;
      }
    }
    bol = 0;
  }
  if (ty && tags >= 2)
    return 95;
  return ty ? 60 : 0;
}

static const char *const extensions[] = {"ris", NULL};

static const bcv_format formats[] = {{
    "ris",
    "RIS (2011 and legacy tags; writes what EndNote, Zotero and Mendeley import)",
    extensions,
    "application/x-research-info-systems",
    detect,
    &rs_reader,
    &rs_writer,
    NULL, /* no aliases */
}};

BCV_PLUGIN_DEFINE(ris, "ris", "0.1.0", formats, 1);
