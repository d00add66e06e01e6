/* SPDX-License-Identifier: MIT */
/* medline.c: the module's descriptor and format detection.
 *
 * MEDLINE's tag lines have the dash in the fifth column ("PMID- 1",
 * "FAU - Long, V"); RIS's "TY  - " lines have that shape too, so a TY or
 * ER tag says the text is RIS, not MEDLINE. */
#include <string.h>
#include "medline.h"

static int tag_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

static int md_detect(const char *h, size_t len) {
  size_t tags = 0, long_tags = 0, pmid = 0;
  for (size_t i = 0; i < len;) {
    const char *e = memchr(h + i, '\n', len - i);
    size_t n = e ? (size_t)(e - (h + i)) : len - i;
    const char *s = h + i;
    if (n >= 5 && s[4] == '-' && s[0] >= 'A' && s[0] <= 'Z') {
      size_t k = 1;
      while (k < 4 && tag_char(s[k]))
        k++;
      size_t t = k;
      while (k < 4 && s[k] == ' ')
        k++;
      if (k == 4) {
        if ((t == 2 && s[0] == 'T' && s[1] == 'Y') || (t == 2 && s[0] == 'E' && s[1] == 'R'))
          return 0; /* RIS */
        tags++;
        long_tags += t >= 3;
        pmid += t == 4 && !memcmp(s, "PMID", 4);
      }
    }
    i += n + 1;
  }
  if (pmid && tags >= 2)
    return 95;
  return tags >= 3 && long_tags ? 80 : 0;
}

static const char *const extensions[] = {"nbib", "medline", NULL};

static const char *const aliases[] = {"nbib", NULL};

static const bcv_format formats[] = {{
    "medline",
    "PubMed's MEDLINE text (.nbib; reads FAU/AU, DP, PG, LID/AID, IS kinds, MeSH; writes the same)",
    extensions,
    "application/nbib",
    md_detect,
    &md_reader,
    &md_writer,
    aliases,
}};

BCV_PLUGIN_DEFINE(medline, "medline", "0.1.0", formats, 1);
