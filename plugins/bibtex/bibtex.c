/* SPDX-License-Identifier: MIT */
/* bibtex.c: the module's descriptor and format detection.  One reader
 * serves both formats (biblatex's splits literal lists); they differ in
 * their writers. */
#define _GNU_SOURCE /* memmem */
#include <string.h>
#include "bibtex.h"

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* An "@word{" or "@word(" at the start of a line (after blanks). */
static int entry_lines(const char *h, size_t len) {
  int found = 0, bol = 1;
  for (size_t i = 0; i < len; i++) {
    char c = h[i];
    if (c == '\n') {
      bol = 1;
      continue;
    }
    if (c == ' ' || c == '\t')
      continue;
    if (bol && c == '@') {
      size_t j = i + 1, s = j;
      while (j < len && is_alpha(h[j]))
        j++;
      size_t k = j;
      while (k < len && (h[k] == ' ' || h[k] == '\t'))
        k++;
      if (j > s && k < len && (h[k] == '{' || h[k] == '('))
        found++;
    }
    bol = 0;
  }
  return found;
}

/* biblatex's own vocabulary in the head of the file */
static int biblatex_marks(const char *h, size_t len) {
  static const char *const marks[] = {"journaltitle", "langid", "location", "@online",
                                      "@mvbook",      "@thesis", "urldate", "date ",
                                      "date=",        "@report", NULL};
  for (size_t i = 0; marks[i]; i++)
    if (memmem(h, len, marks[i], strlen(marks[i])))
      return 1;
  return 0;
}

/* Only "%" comment lines and blank ones (JabRef's empty database is
 * "% Encoding: UTF-8"): BibTeX with no entry, but too weak a sign to win
 * without the .bib extension (refer's "%A" lines look alike). */
static int comments_only(const char *h, size_t len) {
  int bol = 1, any = 0;
  for (size_t i = 0; i < len; i++) {
    char c = h[i];
    if (c == '\n') {
      bol = 1;
    } else if (bol && c != ' ' && c != '\t') {
      if (c != '%')
        return 0;
      any = 1;
      bol = 0;
    }
  }
  return any;
}

static int detect_bibtex(const char *h, size_t len) {
  if (!entry_lines(h, len))
    return comments_only(h, len) ? 25 : 0;
  return biblatex_marks(h, len) ? 89 : 90;
}

static int detect_biblatex(const char *h, size_t len) {
  if (!entry_lines(h, len))
    return comments_only(h, len) ? 24 : 0;
  return biblatex_marks(h, len) ? 90 : 89;
}

static const char *const bibtex_ext[] = {"bib", "bibtex", NULL};
static const char *const biblatex_ext[] = {"bib", "biblatex", NULL};
/* "bib" names the classic format, the one every tool reads (-o x.bib too) */
static const char *const bibtex_aliases[] = {"bib", NULL};

static const bcv_format formats[] = {
    {"bibtex", "BibTeX (classic fields; ASCII with LaTeX escapes, -O utf8 for UTF-8)",
     bibtex_ext, "application/x-bibtex", detect_bibtex, &bt_bibtex_reader, &bt_bibtex_writer,
     bibtex_aliases},
    {"biblatex", "BibLaTeX (biber's data model; UTF-8, ISO 8601 dates, langid)", biblatex_ext,
     "application/x-biblatex", detect_biblatex, &bt_biblatex_reader, &bt_biblatex_writer, NULL},
};

BCV_PLUGIN_DEFINE(bibtex, "bibtex", "0.1.0", formats, 2);
