/* SPDX-License-Identifier: MIT */
/* bibstrings.c: biblatex's localisation keys and their English strings.
 *
 * biblatex lets a field hold a key instead of text (type = {patentus},
 * pubstate = {inpress}, series = {newseries}, a patent's location =
 * {countryfr and countryuk}, \bibstring{newseries} in any text) and
 * prints the string of the document's language.  These are the keys a
 * field value or a title uses, with the strings of biblatex's
 * english.lbx (the long forms).  The reader writes the string; each string
 * is one key's, so the biblatex writer gives the key back from it (an
 * extra holding the key would not survive a pass through classic BibTeX,
 * which must print the string). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "bibtex.h"

typedef struct bibstring {
  const char *name, *text;
} bibstring;

/* In ASCII order of keys, for bisection. */
static const bibstring strings[] = {
    {"and", "and"},
    {"audiocd", "audio CD"},
    {"bathesis", "Bachelor's thesis"},
    {"book", "book"},
    {"candthesis", "Candidate thesis"},
    {"chapter", "chapter"},
    {"countryde", "Germany"},
    {"countryeu", "European Union"},
    {"countryfr", "France"},
    {"countryuk", "United Kingdom"},
    {"countryus", "United States of America"},
    {"datacd", "CD-ROM"},
    {"edition", "edition"},
    {"forthcoming", "forthcoming"},
    {"inpreparation", "in preparation"},
    {"inpress", "in press"},
    {"issue", "issue"},
    {"jourser", "series"},
    {"mathesis", "Master's thesis"},
    {"newseries", "new series"},
    {"nodate", "no date"},
    {"number", "number"},
    {"oldseries", "old series"},
    {"origpubas", "originally published as"},
    {"origpubin", "originally published in"},
    {"part", "part"},
    {"patent", "patent"},
    {"patentde", "German patent"},
    {"patenteu", "European patent"},
    {"patentfr", "French patent"},
    {"patentuk", "British patent"},
    {"patentus", "U.S. patent"},
    {"patreq", "patent request"},
    {"patreqde", "German patent request"},
    {"patreqeu", "European patent request"},
    {"patreqfr", "French patent request"},
    {"patrequk", "British patent request"},
    {"patrequs", "U.S. patent request"},
    {"phdthesis", "PhD thesis"},
    {"prepublished", "pre-published"},
    {"reprint", "reprint"},
    {"reprintas", "reprinted as"},
    {"reprintfrom", "reprinted from"},
    {"reprintof", "reprint of"},
    {"resreport", "research report"},
    {"reviewof", "review of"},
    {"software", "computer software"},
    {"submitted", "submitted"},
    {"techreport", "technical report"},
    {"translationas", "translated as"},
    {"translationfrom", "translated from"},
    {"translationof", "translation of"},
    {"volume", "volume"},
    {"volumes", "volumes"},
};

const char *bt_bibstring(const char *key, size_t len) {
  const bibstring *b = BT_LOOKUP(strings, key, len);
  return b ? b->text : NULL;
}

/* The fields whose whole value may be a key, and how (biblatex.def's
 * field formats: \ifbibstring for type and pubstate; series as a key or
 * an ordinal; a patent's location as a list of keys). */
int bt_bibstring_keyed(const char *field, int patent) {
  return strcmp(field, "type") == 0 || strcmp(field, "pubstate") == 0 ||
         strcmp(field, "series") == 0 || (patent && strcmp(field, "location") == 0);
}

/* "3" -> "3rd series" (english.lbx's \mkbibordinal and the series key). */
static int ordinal_series(const char *v, bt_buf *out) {
  size_t n = strlen(v);
  if (!n || n > 6 || strspn(v, "0123456789") != n || v[0] == '0')
    return 0;
  int x = 0;
  for (size_t i = 0; i < n; i++)
    x = x * 10 + (v[i] - '0');
  int t = x % 100 > 20 || x % 100 < 10 ? x % 10 : 0;
  const char *suf = t == 1 ? "st" : t == 2 ? "nd" : t == 3 ? "rd" : "th";
  char buf[32];
  snprintf(buf, sizeof buf, "%d%s series", x, suf);
  return bt_buf_puts(out, buf) ? -1 : 1;
}

int bt_bibstring_field(const char *field, int patent, const char *value, bt_buf *out) {
  if (!bt_bibstring_keyed(field, patent))
    return 0;
  const char *t = bt_bibstring(value, strlen(value));
  if (t)
    return bt_buf_puts(out, t) ? -1 : 1;
  if (strcmp(field, "series") == 0)
    return ordinal_series(value, out);
  if (strcmp(field, "location") != 0)
    return 0;
  /* a list: "countryfr and countryuk", joined as CSL lists are, with "; " */
  size_t start = out->len;
  int any = 0;
  for (const char *p = value; *p;) {
    const char *e = strstr(p, " and ");
    size_t len = e ? (size_t)(e - p) : strlen(p);
    const char *s = bt_bibstring(p, len);
    any |= s != NULL;
    if ((out->len > start && bt_buf_puts(out, "; ")) ||
        (s ? bt_buf_puts(out, s) : bt_buf_put(out, p, len)))
      return -1;
    p += len;
    if (e)
      p += 5;
  }
  if (!any) {
    out->len = start;
    out->p[start] = '\0';
  }
  return any;
}

/* The key whose string is s (n bytes), or NULL. */
static const char *key_of(const char *s, size_t n) {
  for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
    if (strlen(strings[i].text) == n && memcmp(strings[i].text, s, n) == 0)
      return strings[i].name;
  return NULL;
}

int bt_bibstring_unfield(const char *field, int patent, const char *text, bt_buf *out) {
  if (!bt_bibstring_keyed(field, patent))
    return 0;
  const char *k = key_of(text, strlen(text));
  if (k)
    return bt_buf_puts(out, k) ? -1 : 1;
  if (strcmp(field, "series") == 0) { /* "3rd series" -> 3, if it is what 3 gives */
    size_t d = strspn(text, "0123456789");
    char num[8], back[40];
    if (!d || d >= sizeof num)
      return 0;
    memcpy(num, text, d);
    num[d] = '\0';
    bt_buf tmp = {back, 0, sizeof back}; /* never grows: the text is at most 16 bytes */
    if (ordinal_series(num, &tmp) != 1 || strcmp(back, text) != 0)
      return 0;
    return bt_buf_puts(out, num) ? -1 : 1;
  }
  if (strcmp(field, "location") != 0)
    return 0;
  size_t start = out->len; /* every place a key, or the text as it is */
  for (const char *p = text; *p;) {
    const char *e = strstr(p, "; ");
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (!(k = key_of(p, len))) {
      out->len = start;
      if (out->p)
        out->p[start] = '\0';
      return 0;
    }
    if ((out->len > start && bt_buf_puts(out, " and ")) || bt_buf_puts(out, k))
      return -1;
    p += len + (e ? 2 : 0);
  }
  return out->len > start;
}
