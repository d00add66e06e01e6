/* SPDX-License-Identifier: MIT */
/* bibtex.c: the module's descriptor and format detection.  One reader
 * serves both formats (biblatex's splits literal lists); they differ in
 * their writers. */
#include <string.h>
#include <strings.h>
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

static int is_name_char(char c) { return is_alpha(c) || c == '_' || c == '-'; }

/* biblatex's own vocabulary in the head of the file: an entry type at an
 * "@", or a field name after a "," and before an "=", whole words in any
 * case.  Not a word anywhere: Beebe's headers say "%%% date = ..." and
 * his entries have "bibdate", which are classic BibTeX files. */
static int biblatex_marks(const char *h, size_t len) {
  static const char *const types[] = {"online", "mvbook", "thesis", "report", NULL};
  static const char *const fields[] = {"journaltitle", "langid", "location", "urldate", "date",
                                       NULL};
  for (size_t i = 0; i < len; i++) {
    if (!is_alpha(h[i]) || (i && is_name_char(h[i - 1])))
      continue;
    size_t e = i;
    while (e < len && is_name_char(h[e]))
      e++;
    size_t p = i, q = e;
    while (p && (h[p - 1] == ' ' || h[p - 1] == '\t' || h[p - 1] == '\n' || h[p - 1] == '\r'))
      p--;
    while (q < len && (h[q] == ' ' || h[q] == '\t' || h[q] == '\n' || h[q] == '\r'))
      q++;
    const char *const *words = NULL;
    if (p == i && p && h[p - 1] == '@' && q < len && (h[q] == '{' || h[q] == '('))
      words = types;
    else if (p && h[p - 1] == ',' && q < len && h[q] == '=')
      words = fields;
    for (size_t k = 0; words && words[k]; k++)
      if (strlen(words[k]) == e - i && strncasecmp(h + i, words[k], e - i) == 0)
        return 1;
    i = e;
  }
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
