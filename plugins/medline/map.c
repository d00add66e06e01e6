/* SPDX-License-Identifier: MIT */
/* map.c: MEDLINE's tags, publication types and language codes, as tables.
 *
 * Source: NLM's "MEDLINE/PubMed Data Element (Field) Descriptions" (the
 * tags and their order) and its list of publication types. */
#include <string.h>
#include <strings.h>
#include "medline.h"

static const md_tag tags[] = {
    {"PMID", MD_TEXT, BCV_VAR_PMID},
    {"PMC", MD_TEXT, BCV_VAR_PMCID},
    {"TI", MD_TITLE, BCV_VAR_TITLE},
    {"BTI", MD_BOOK, BCV_VAR_TITLE},
    {"CTI", MD_TEXT, BCV_VAR_COLLECTION_TITLE},
    {"VTI", MD_TEXT, BCV_VAR_VOLUME_TITLE},
    {"TT", MD_TEXT, BCV_VAR_ORIGINAL_TITLE},
    {"AB", MD_ABSTRACT, BCV_VAR_ABSTRACT},
    {"FAU", MD_FULL, BCV_VAR_AUTHOR},
    {"AU", MD_SHORT, BCV_VAR_AUTHOR},
    {"CN", MD_CORP, BCV_VAR_AUTHOR},
    {"FED", MD_FULL, BCV_VAR_EDITOR},
    {"ED", MD_SHORT, BCV_VAR_EDITOR},
    {"AD", MD_AFFIL, BCV_VAR_NONE},
    {"AUID", MD_AUID, BCV_VAR_NONE},
    {"VI", MD_TEXT, BCV_VAR_VOLUME},
    {"IP", MD_TEXT, BCV_VAR_ISSUE},
    {"PG", MD_PAGE, BCV_VAR_PAGE},
    {"DP", MD_DATE, BCV_VAR_ISSUED},
    {"DEP", MD_YMD, BCV_VAR_AVAILABLE_DATE},
    {"LID", MD_AID, BCV_VAR_DOI},
    {"AID", MD_AID, BCV_VAR_DOI},
    {"IS", MD_ISSN, BCV_VAR_ISSN},
    {"ISBN", MD_TEXT, BCV_VAR_ISBN},
    {"LA", MD_LANG, BCV_VAR_LANGUAGE},
    {"JT", MD_TEXT, BCV_VAR_CONTAINER_TITLE},
    {"TA", MD_TEXT, BCV_VAR_CONTAINER_TITLE_SHORT},
    {"PL", MD_TEXT, BCV_VAR_PUBLISHER_PLACE},
    {"PB", MD_TEXT, BCV_VAR_PUBLISHER},
    {"EN", MD_TEXT, BCV_VAR_EDITION},
    {"GN", MD_TEXT, BCV_VAR_NOTE},
    {"MH", MD_MESH, BCV_VAR_KEYWORD},
    {"OT", MD_KEYWORD, BCV_VAR_KEYWORD},
    {"PT", MD_TYPE, BCV_VAR_NONE},
};

const md_tag *md_tag_for(const char *tag, size_t len) {
  for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
    if (strlen(tags[i].tag) == len && memcmp(tags[i].tag, tag, len) == 0)
      return &tags[i];
  return NULL;
}

/* Publication types that say what a record is.  Any other ("Review",
 * "Case Reports", "Editorial") says nothing of the kind: a record with a
 * journal is then a journal article, one with only a book title a book
 * or its chapter. */
static const struct {
  const char *pt;
  bcv_type type;
  int rank;
} types[] = {
    {"Preprint", BCV_TYPE_ARTICLE, 1},
    {"Dataset", BCV_TYPE_DATASET, 1},
    {"Newspaper Article", BCV_TYPE_ARTICLE_NEWSPAPER, 1},
    {"Technical Report", BCV_TYPE_REPORT, 1},
    {"Legal Case", BCV_TYPE_LEGAL_CASE, 1},
    {"Legislation", BCV_TYPE_LEGISLATION, 1},
    {"Video-Audio Media", BCV_TYPE_MOTION_PICTURE, 1},
    {"Webcast", BCV_TYPE_MOTION_PICTURE, 1},
    {"Interview", BCV_TYPE_INTERVIEW, 1},
    {"Lecture", BCV_TYPE_SPEECH, 1},
    {"Congress", BCV_TYPE_PAPER_CONFERENCE, 1},
    {"Clinical Conference", BCV_TYPE_PAPER_CONFERENCE, 1},
    {"Consensus Development Conference", BCV_TYPE_PAPER_CONFERENCE, 1},
    {"Consensus Development Conference, NIH", BCV_TYPE_PAPER_CONFERENCE, 1},
    {"Book", BCV_TYPE_BOOK, 1},
    {"Journal Article", BCV_TYPE_ARTICLE_JOURNAL, 2},
};

int md_type_rank(const char *pt, size_t len, bcv_type *type) {
  for (size_t i = 0; i < sizeof types / sizeof *types; i++)
    if (strlen(types[i].pt) == len && strncasecmp(types[i].pt, pt, len) == 0) {
      *type = types[i].type;
      return types[i].rank;
    }
  return 0;
}

/* Writer: the first row of each type above (the same table read back). */
const char *md_type_name(bcv_type t) {
  for (size_t i = 0; i < sizeof types / sizeof *types; i++)
    if (types[i].type == t)
      return types[i].pt;
  return NULL;
}

/* MEDLINE's ISO 639-2 (bibliographic) codes. */
static const struct {
  const char *code, *tag;
} languages[] = {
    {"eng", "en"}, {"chi", "zh"}, {"ger", "de"}, {"fre", "fr"}, {"spa", "es"}, {"jpn", "ja"},
    {"rus", "ru"}, {"ita", "it"}, {"por", "pt"}, {"kor", "ko"}, {"dut", "nl"}, {"ara", "ar"},
    {"pol", "pl"}, {"swe", "sv"}, {"tur", "tr"}, {"dan", "da"}, {"nor", "no"}, {"fin", "fi"},
    {"heb", "he"}, {"hun", "hu"}, {"cze", "cs"}, {"gre", "el"}, {"per", "fa"}, {"rum", "ro"},
    {"ukr", "uk"}, {"hrv", "hr"}, {"srp", "sr"}, {"slo", "sk"}, {"slv", "sl"}, {"bul", "bg"},
    {"lit", "lt"}, {"lav", "lv"}, {"est", "et"}, {"ice", "is"}, {"ind", "id"}, {"may", "ms"},
    {"tha", "th"}, {"vie", "vi"}, {"hin", "hi"}, {"afr", "af"}, {"cat", "ca"}, {"lat", "la"},
};

const char *md_lang_tag(const char *code, size_t len) {
  for (size_t i = 0; i < sizeof languages / sizeof *languages; i++)
    if (len == 3 && strncasecmp(languages[i].code, code, 3) == 0)
      return languages[i].tag;
  return NULL;
}

const char *md_lang_code(const char *tag) {
  for (size_t i = 0; i < sizeof languages / sizeof *languages; i++) {
    size_t n = strlen(languages[i].tag);
    if (!strncmp(languages[i].tag, tag, n) && (tag[n] == '\0' || tag[n] == '-'))
      return languages[i].code;
  }
  return NULL;
}

/* The order of NLM's own records; the tags it does not place follow
 * where they belong. */
const char *const md_order[] = {
    "PMID", "OWN", "STAT", "DA", "DCOM", "LR", "IS", "ISBN", "VI", "IP", "DP", "TI", "BTI", "CTI",
    "VTI", "TT", "PG", "LID", "AB", "CI", "FAU", "AU", "AUID", "AD", "CN", "IR", "IRAD", "FIR", "FED", "ED", "LA",
    "GR", "PT", "DEP", "PL", "PB", "CY", "EN", "TA", "JT", "JID", "RN", "NM", "SB", "MH", "PMC",
    "MID", "OID", "OTO", "OT", "GN", "COIS", "EDAT", "MHDA", "CRDT", "PHST", "AID", "PST", "SO",
};
const size_t md_norder = sizeof md_order / sizeof *md_order;

size_t md_tag_order(const char *tag) {
  for (size_t i = 0; i < md_norder; i++)
    if (!strcmp(md_order[i], tag))
      return i;
  return md_norder;
}
