/* SPDX-License-Identifier: MIT */
/* pubmed.c: the module's descriptor and format detection: an XML document
 * whose root element is PubMed's (PubmedArticleSet, PubmedBookArticleSet,
 * or one PubmedArticle / PubmedBookArticle). */
#include <string.h>
#include "bcvxml.h"
#include "pubmed.h"

static int detect(const char *h, size_t len) {
  char root[64];
  if (!bx_root(h, len, root, sizeof root))
    return 0;
  static const char *const roots[] = {"PubmedArticleSet", "PubmedBookArticleSet", "PubmedArticle",
                                      "PubmedBookArticle", "MedlineCitationSet", "MedlineCitation"};
  for (size_t i = 0; i < sizeof roots / sizeof *roots; i++)
    if (!strcmp(root, roots[i]))
      return 95;
  return 0;
}

static const char *const extensions[] = {"xml", NULL};

static const bcv_format formats[] = {{
    "pubmed-xml",
    "PubMed XML (PubmedArticleSet: articles and PubmedBookArticle books and chapters); read only",
    extensions,
    "application/xml",
    detect,
    &pm_reader,
    NULL,
    NULL, /* no aliases */
}};

BCV_PLUGIN_DEFINE(pubmed_xml, "pubmed-xml", "0.1.0", formats, 1);
