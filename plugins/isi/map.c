/* SPDX-License-Identifier: MIT */
/* map.c: Web of Science's field tags, document types and languages, as
 * tables.
 *
 * Source: Clarivate's "Web of Science Core Collection field tags" list
 * (the tags and the order of its exports). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "isi.h"

static const is_tag tags[] = {
    {"PT", IS_TYPE, BCV_VAR_NONE},
    {"DT", IS_DOCTYPE, BCV_VAR_NONE},
    {"AU", IS_SHORT, BCV_VAR_AUTHOR},
    {"AF", IS_FULL, BCV_VAR_AUTHOR},
    {"BA", IS_SHORT, BCV_VAR_CONTAINER_AUTHOR},
    {"BF", IS_FULL, BCV_VAR_CONTAINER_AUTHOR},
    {"BE", IS_EDITOR, BCV_VAR_EDITOR},
    {"CA", IS_GROUP, BCV_VAR_AUTHOR},
    {"GP", IS_GROUP, BCV_VAR_CONTAINER_AUTHOR},
    {"TI", IS_TEXT, BCV_VAR_TITLE},
    {"SO", IS_SOURCE, BCV_VAR_CONTAINER_TITLE},
    {"SE", IS_TEXT, BCV_VAR_COLLECTION_TITLE},
    {"LA", IS_LANG, BCV_VAR_LANGUAGE},
    {"CT", IS_TEXT, BCV_VAR_EVENT_TITLE},
    {"CL", IS_TEXT, BCV_VAR_EVENT_PLACE},
    {"DE", IS_KEYWORDS, BCV_VAR_KEYWORD},
    {"ID", IS_PLUS, BCV_VAR_KEYWORD},
    {"AB", IS_TEXT, BCV_VAR_ABSTRACT},
    {"C1", IS_ADDRESS, BCV_VAR_NONE},
    {"PU", IS_TEXT, BCV_VAR_PUBLISHER},
    {"PI", IS_TEXT, BCV_VAR_PUBLISHER_PLACE},
    {"SN", IS_ISSN, BCV_VAR_ISSN},
    {"EI", IS_ISSN, BCV_VAR_ISSN},
    {"BN", IS_TEXT, BCV_VAR_ISBN},
    {"J9", IS_TEXT, BCV_VAR_JOURNAL_ABBREVIATION},
    {"JI", IS_TEXT, BCV_VAR_CONTAINER_TITLE_SHORT},
    {"PD", IS_MONTH, BCV_VAR_ISSUED},
    {"PY", IS_YEAR, BCV_VAR_ISSUED},
    {"VL", IS_TEXT, BCV_VAR_VOLUME},
    {"IS", IS_TEXT, BCV_VAR_ISSUE},
    {"PN", IS_TEXT, BCV_VAR_PART},
    {"SU", IS_TEXT, BCV_VAR_SUPPLEMENT},
    {"AR", IS_TEXT, BCV_VAR_NUMBER},
    {"BP", IS_BEGIN, BCV_VAR_PAGE},
    {"EP", IS_END, BCV_VAR_PAGE},
    {"PS", IS_PAGES, BCV_VAR_PAGE},
    {"DI", IS_DOI, BCV_VAR_DOI},
    {"PG", IS_TEXT, BCV_VAR_NUMBER_OF_PAGES},
    {"PM", IS_TEXT, BCV_VAR_PMID},
};

int is_item_tag(const char *tag, size_t len) {
  static const char items[][3] = {"AU", "AF", "BA", "BF", "BE", "CA", "GP", "C1", "CR"};
  for (size_t i = 0; len == 2 && i < sizeof items / sizeof *items; i++)
    if (items[i][0] == tag[0] && items[i][1] == tag[1])
      return 1;
  return 0;
}

const is_tag *is_tag_for(const char *tag) {
  for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
    if (tags[i].tag[0] == tag[0] && tags[i].tag[1] == tag[1] && !tag[2])
      return &tags[i];
  return NULL;
}

/* Document types (DT, "; "-separated) that say what a record is; the
 * others ("Article", "Review", "Editorial Material") leave it to PT. */
static const struct {
  const char *dt;
  bcv_type type;
} doctypes[] = {
    {"Proceedings Paper", BCV_TYPE_PAPER_CONFERENCE},
    {"Book Chapter", BCV_TYPE_CHAPTER},
    {"Book", BCV_TYPE_BOOK},
    {"Book Review", BCV_TYPE_REVIEW_BOOK},
    {"Patent", BCV_TYPE_PATENT},
    {"Data Paper", BCV_TYPE_DATASET},
    {"Thesis", BCV_TYPE_THESIS},
    {"Dissertation", BCV_TYPE_THESIS},
};

/* PT: J journal, B book, S series, P patent, C conference. */
static const struct {
  char pt;
  bcv_type type;
} pubtypes[] = {
    {'J', BCV_TYPE_ARTICLE_JOURNAL}, {'B', BCV_TYPE_BOOK}, {'S', BCV_TYPE_CHAPTER},
    {'P', BCV_TYPE_PATENT},          {'C', BCV_TYPE_PAPER_CONFERENCE},
};

bcv_type is_type_of(const char *pt, size_t ptl, const char *dt, size_t dtl) {
  for (size_t i = 0; dt && i < dtl;) {
    size_t j = i;
    while (j < dtl && dt[j] != ';')
      j++;
    size_t b = i, e = j;
    while (b < e && dt[b] == ' ')
      b++;
    while (e > b && dt[e - 1] == ' ')
      e--;
    for (size_t k = 0; k < sizeof doctypes / sizeof *doctypes; k++)
      if (strlen(doctypes[k].dt) == e - b && !strncasecmp(doctypes[k].dt, dt + b, e - b))
        return doctypes[k].type;
    i = j + 1;
  }
  if (pt && ptl == 1)
    for (size_t k = 0; k < sizeof pubtypes / sizeof *pubtypes; k++)
      if (pubtypes[k].pt == pt[0])
        return pubtypes[k].type;
  return BCV_TYPE_DOCUMENT;
}

/* Writer: PT and DT for each type that has them (read back as that type);
 * any other is written as a journal article. */
static const struct {
  bcv_type type;
  const char *pt, *dt;
} written[] = {
    {BCV_TYPE_ARTICLE_JOURNAL, "J", "Article"},
    {BCV_TYPE_PAPER_CONFERENCE, "S", "Proceedings Paper"},
    {BCV_TYPE_CHAPTER, "B", "Book Chapter"},
    {BCV_TYPE_BOOK, "B", "Book"},
    {BCV_TYPE_REVIEW_BOOK, "J", "Book Review"},
    {BCV_TYPE_PATENT, "P", "Patent"},
    {BCV_TYPE_DATASET, "J", "Data Paper"},
    {BCV_TYPE_THESIS, "B", "Thesis"},
};

const char *is_pt_for(bcv_type t) {
  for (size_t k = 0; k < sizeof written / sizeof *written; k++)
    if (written[k].type == t)
      return written[k].pt;
  return NULL;
}

const char *is_dt_for(bcv_type t) {
  for (size_t k = 0; k < sizeof written / sizeof *written; k++)
    if (written[k].type == t)
      return written[k].dt;
  return NULL;
}

static const struct {
  const char *name, *tag;
} languages[] = {
    {"English", "en"},    {"Chinese", "zh"},   {"German", "de"},     {"French", "fr"},
    {"Spanish", "es"},    {"Japanese", "ja"},  {"Russian", "ru"},    {"Italian", "it"},
    {"Portuguese", "pt"}, {"Korean", "ko"},    {"Dutch", "nl"},      {"Arabic", "ar"},
    {"Polish", "pl"},     {"Swedish", "sv"},   {"Turkish", "tr"},    {"Danish", "da"},
    {"Norwegian", "no"},  {"Finnish", "fi"},   {"Hebrew", "he"},     {"Hungarian", "hu"},
    {"Czech", "cs"},      {"Greek", "el"},     {"Persian", "fa"},    {"Romanian", "ro"},
    {"Ukrainian", "uk"},  {"Croatian", "hr"},  {"Serbian", "sr"},    {"Slovak", "sk"},
    {"Slovenian", "sl"},  {"Bulgarian", "bg"}, {"Lithuanian", "lt"}, {"Latvian", "lv"},
    {"Estonian", "et"},   {"Icelandic", "is"}, {"Indonesian", "id"}, {"Malay", "ms"},
    {"Thai", "th"},       {"Vietnamese", "vi"}, {"Hindi", "hi"},     {"Afrikaans", "af"},
    {"Catalan", "ca"},    {"Latin", "la"},
};

const char *is_lang_tag(const char *name, size_t len) {
  for (size_t i = 0; i < sizeof languages / sizeof *languages; i++)
    if (strlen(languages[i].name) == len && !strncasecmp(languages[i].name, name, len))
      return languages[i].tag;
  return NULL;
}

const char *is_lang_name(const char *tag) {
  for (size_t i = 0; i < sizeof languages / sizeof *languages; i++) {
    size_t n = strlen(languages[i].tag);
    if (!strncmp(languages[i].tag, tag, n) && (tag[n] == '\0' || tag[n] == '-'))
      return languages[i].name;
  }
  return NULL;
}

const char *const is_order[] = {
    "PT", "AU", "BA", "BE", "GP", "AF", "BF", "CA", "TI", "SO", "SE", "BS", "LA", "DT", "CT",
    "CY", "CL", "SP", "HO", "DE", "ID", "AB", "C1", "C3", "RP", "EM", "RI", "OI", "FU", "FP",
    "FX", "CR", "NR", "TC", "Z9", "U1", "U2", "PU", "PI", "PA", "SN", "EI", "BN", "J9", "JI",
    "PD", "PY", "VL", "IS", "PN", "SU", "SI", "MA", "BP", "EP", "PS", "AR", "DI", "DL", "D2",
    "EA", "PG", "WC", "WE", "SC", "GA", "PM", "OA", "HC", "HP", "DA", "UT",
};
const size_t is_norder = sizeof is_order / sizeof *is_order;

size_t is_tag_order(const char *tag) {
  for (size_t i = 0; i < is_norder; i++)
    if (!strcmp(is_order[i], tag))
      return i;
  return is_norder;
}

/* "Brown, James M." (full) or "Brown, JM", Web of Science's AF and AU
 * forms of a name. */
size_t is_name_text(const bcv_name *n, int full, char *buf, size_t cap) {
  int k = snprintf(buf, cap, "%s%s%s%s", n->non_dropping_particle ? n->non_dropping_particle : "",
                   n->non_dropping_particle ? " " : "", n->family ? n->family : "",
                   n->given ? ", " : "");
  if (k < 0 || (size_t)k >= cap)
    return 0;
  size_t len = (size_t)k;
  if (full) {
    k = snprintf(buf + len, cap - len, "%s%s%s", n->given ? n->given : "", n->suffix ? ", " : "",
                 n->suffix ? n->suffix : "");
    return k < 0 || (size_t)k >= cap - len ? 0 : len + (size_t)k;
  }
  int start = 1;
  for (const char *g = n->given; g && *g;) {
    size_t cl = 1;
    while (((unsigned char)g[cl] & 0xC0) == 0x80)
      cl++;
    if (*g == ' ' || *g == '-' || *g == '.') {
      start = 1;
    } else if (start) {
      if (len + cl + 1 >= cap)
        return 0;
      memcpy(buf + len, g, cl);
      len += cl;
      start = 0;
    }
    g += cl;
  }
  buf[len] = '\0';
  return len;
}
