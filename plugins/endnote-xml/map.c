/* SPDX-License-Identifier: MIT */
/* map.c: EndNote XML's reference types, elements and their order, as
 * tables.
 *
 * Types: EndNote 20's list, with the numbers its XML export writes in
 * <ref-type> (EndNote X9 and 20); the few it added since whose numbers we
 * have not seen are read by name only.  Elements: EndNote's RSXML DTD
 * (the record's children in order, titles, contributors, dates, urls)
 * and the field names EndNote gives them per reference type. */
#include <string.h>
#include <strings.h>
#include "endxml.h"

#define S EX_SERIAL
#define P EX_PART
#define B EX_BOOK
#define E EX_EDITED
#define R EX_REPORT
#define L EX_LEGAL
#define C EX_LETTER
#define T EX_THESIS
#define O (EX_OTHER | EX_PROGRAM)

static const ex_type types[] = {
    {"Aggregated Database", 55, BCV_TYPE_DATASET, EX_OTHER},
    {"Ancient Text", 51, BCV_TYPE_CLASSIC, B},
    {"Artwork", 2, BCV_TYPE_GRAPHIC, EX_OTHER},
    {"Audiovisual Material", 3, BCV_TYPE_MOTION_PICTURE, EX_OTHER},
    {"Bill", 4, BCV_TYPE_BILL, L},
    {"Blog", 56, BCV_TYPE_POST_WEBLOG, S},
    {"Book", 6, BCV_TYPE_BOOK, B},
    {"Book Section", 5, BCV_TYPE_CHAPTER, P},
    {"Case", 7, BCV_TYPE_LEGAL_CASE, L},
    {"Catalog", 8, BCV_TYPE_BOOK, B},
    {"Chart or Table", 38, BCV_TYPE_FIGURE, EX_OTHER},
    {"Classical Work", 49, BCV_TYPE_CLASSIC, B},
    {"Computer Program", 9, BCV_TYPE_SOFTWARE, EX_PROGRAM},
    {"Conference Paper", 47, BCV_TYPE_PAPER_CONFERENCE, P},
    {"Conference Proceedings", 10, BCV_TYPE_PAPER_CONFERENCE, P},
    {"Dataset", 59, BCV_TYPE_DATASET, EX_OTHER},
    {"Dictionary", 52, BCV_TYPE_ENTRY_DICTIONARY, P},
    {"Edited Book", 28, BCV_TYPE_BOOK, E},
    {"Electronic Article", 43, BCV_TYPE_ARTICLE, S},
    {"Electronic Book", 44, BCV_TYPE_BOOK, B},
    {"Electronic Book Section", 60, BCV_TYPE_CHAPTER, P},
    {"Encyclopedia", 53, BCV_TYPE_ENTRY_ENCYCLOPEDIA, P},
    {"Equation", 39, BCV_TYPE_FIGURE, EX_OTHER},
    {"Figure", 37, BCV_TYPE_FIGURE, EX_OTHER},
    {"Film or Broadcast", 21, BCV_TYPE_MOTION_PICTURE, EX_OTHER},
    {"Generic", 13, BCV_TYPE_DOCUMENT, EX_OTHER},
    {"Government Document", 46, BCV_TYPE_REPORT, R},
    {"Grant", 54, BCV_TYPE_REPORT, R},
    {"Hearing", 14, BCV_TYPE_HEARING, L},
    {"Journal Article", 17, BCV_TYPE_ARTICLE_JOURNAL, S},
    {"Legal Rule or Regulation", 50, BCV_TYPE_REGULATION, L},
    {"Magazine Article", 19, BCV_TYPE_ARTICLE_MAGAZINE, S},
    {"Manuscript", 36, BCV_TYPE_MANUSCRIPT, EX_OTHER},
    {"Map", 20, BCV_TYPE_MAP, EX_OTHER},
    {"Music", 61, BCV_TYPE_SONG, P},
    {"Newspaper Article", 23, BCV_TYPE_ARTICLE_NEWSPAPER, S},
    {"Online Database", 45, BCV_TYPE_DATASET, EX_OTHER},
    {"Online Multimedia", 48, BCV_TYPE_MOTION_PICTURE, EX_OTHER},
    {"Pamphlet", 24, BCV_TYPE_PAMPHLET, B},
    {"Patent", 25, BCV_TYPE_PATENT, R},
    {"Personal Communication", 26, BCV_TYPE_PERSONAL_COMMUNICATION, C},
    {"Report", 27, BCV_TYPE_REPORT, R},
    {"Serial", 57, BCV_TYPE_PERIODICAL, EX_OTHER},
    {"Standard", 58, BCV_TYPE_STANDARD, R},
    {"Statute", 31, BCV_TYPE_LEGISLATION, L},
    {"Thesis", 32, BCV_TYPE_THESIS, T},
    {"Unpublished Work", 34, BCV_TYPE_MANUSCRIPT, EX_OTHER},
    {"Web Page", 12, BCV_TYPE_WEBPAGE, S},
    /* EndNote 20's newer types, by name */
    {"Discussion Forum", 0, BCV_TYPE_POST, S},
    {"Interview", 0, BCV_TYPE_INTERVIEW, C},
    {"Podcast", 0, BCV_TYPE_BROADCAST, EX_OTHER},
    {"Press Release", 0, BCV_TYPE_REPORT, R},
    {"Social Media", 0, BCV_TYPE_POST, S},
    {"Television Episode", 0, BCV_TYPE_BROADCAST, EX_OTHER},
    /* older names: EndNote 8's Electronic Source, JabRef's Conference */
    {"Electronic Source", 0, BCV_TYPE_WEBPAGE, S},
    {"Conference", 0, BCV_TYPE_PAPER_CONFERENCE, P},
};

#define NTYPES (sizeof types / sizeof *types)

const ex_type *ex_type_in(const char *name, const char *number) {
  for (size_t i = 0; name && i < NTYPES; i++)
    if (!strcasecmp(types[i].name, name))
      return &types[i];
  int n = 0, digits = 0;
  for (const char *p = number; p && *p; p++) {
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
      continue;
    if (*p < '0' || *p > '9' || ++digits > 4)
      return NULL;
    n = n * 10 + (*p - '0');
  }
  for (size_t i = 0; digits && i < NTYPES; i++)
    if (types[i].number == n)
      return &types[i];
  return NULL;
}

static const ex_type *by_name(const char *name) {
  for (size_t i = 0; i < NTYPES; i++)
    if (!strcmp(types[i].name, name))
      return &types[i];
  return NULL;
}

/* What each CSL type is written as: its own EndNote type where EndNote
 * has one, else the nearest (bibutils 7.2 knows 24 of these names; the
 * README lists the others). */
static const char *const written[BCV_TYPE_COUNT] = {
    [BCV_TYPE_ARTICLE] = "Electronic Article",
    [BCV_TYPE_ARTICLE_JOURNAL] = "Journal Article",
    [BCV_TYPE_ARTICLE_MAGAZINE] = "Magazine Article",
    [BCV_TYPE_ARTICLE_NEWSPAPER] = "Newspaper Article",
    [BCV_TYPE_BILL] = "Bill",
    [BCV_TYPE_BOOK] = "Book",
    [BCV_TYPE_BROADCAST] = "Film or Broadcast",
    [BCV_TYPE_CHAPTER] = "Book Section",
    [BCV_TYPE_CLASSIC] = "Classical Work",
    [BCV_TYPE_COLLECTION] = "Book",
    [BCV_TYPE_DATASET] = "Dataset",
    [BCV_TYPE_DOCUMENT] = "Generic",
    [BCV_TYPE_ENTRY] = "Generic",
    [BCV_TYPE_ENTRY_DICTIONARY] = "Dictionary",
    [BCV_TYPE_ENTRY_ENCYCLOPEDIA] = "Encyclopedia",
    [BCV_TYPE_EVENT] = "Generic",
    [BCV_TYPE_FIGURE] = "Figure",
    [BCV_TYPE_GRAPHIC] = "Artwork",
    [BCV_TYPE_HEARING] = "Hearing",
    [BCV_TYPE_INTERVIEW] = "Personal Communication",
    [BCV_TYPE_LEGAL_CASE] = "Case",
    [BCV_TYPE_LEGISLATION] = "Statute",
    [BCV_TYPE_MANUSCRIPT] = "Manuscript",
    [BCV_TYPE_MAP] = "Map",
    [BCV_TYPE_MOTION_PICTURE] = "Film or Broadcast",
    [BCV_TYPE_MUSICAL_SCORE] = "Music",
    [BCV_TYPE_PAMPHLET] = "Pamphlet",
    [BCV_TYPE_PAPER_CONFERENCE] = "Conference Proceedings",
    [BCV_TYPE_PATENT] = "Patent",
    [BCV_TYPE_PERFORMANCE] = "Generic",
    [BCV_TYPE_PERIODICAL] = "Serial",
    [BCV_TYPE_PERSONAL_COMMUNICATION] = "Personal Communication",
    [BCV_TYPE_POST] = "Web Page",
    [BCV_TYPE_POST_WEBLOG] = "Blog",
    [BCV_TYPE_REGULATION] = "Legal Rule or Regulation",
    [BCV_TYPE_REPORT] = "Report",
    [BCV_TYPE_REVIEW] = "Journal Article",
    [BCV_TYPE_REVIEW_BOOK] = "Journal Article",
    [BCV_TYPE_SOFTWARE] = "Computer Program",
    [BCV_TYPE_SONG] = "Music",
    [BCV_TYPE_SPEECH] = "Conference Paper",
    [BCV_TYPE_STANDARD] = "Standard",
    [BCV_TYPE_THESIS] = "Thesis",
    [BCV_TYPE_TREATY] = "Generic",
    [BCV_TYPE_WEBPAGE] = "Web Page",
};

const ex_type *ex_type_out(bcv_type t, int has_author, int has_editor) {
  if (t == BCV_TYPE_BOOK && has_editor && !has_author)
    return by_name("Edited Book");
  const char *name = (unsigned)t < BCV_TYPE_COUNT && written[t] ? written[t] : "Generic";
  return by_name(name);
}

/* Element paths and what they are in each class.  For the reader the
 * first row of a path whose classes hold the record's wins; the writer
 * takes the first row of a variable likewise, so a variable's rows come
 * in the order they should be written. */
static const ex_row rows[] = {
    {"ref-type", EX_TYPE, BCV_VAR_NONE, EX_ALL},
    {"contributors/authors/author", EX_NAMES, BCV_VAR_AUTHOR, EX_ALL & ~E},
    {"contributors/authors/author", EX_NAMES, BCV_VAR_EDITOR, E},
    {"contributors/secondary-authors/author", EX_NAMES, BCV_VAR_EDITOR, S | P | L | O},
    {"contributors/secondary-authors/author", EX_NAMES, BCV_VAR_CONTRIBUTOR, T}, /* the advisor */
    {"contributors/secondary-authors/author", EX_NAMES, BCV_VAR_COLLECTION_EDITOR, B | E | R},
    {"contributors/secondary-authors/author", EX_NAMES, BCV_VAR_RECIPIENT, C},
    {"contributors/tertiary-authors/author", EX_NAMES, BCV_VAR_EDITOR, B | R},
    {"contributors/tertiary-authors/author", EX_NAMES, BCV_VAR_COLLECTION_EDITOR, S | P | L | O | T | C},
    {"contributors/tertiary-authors/author", EX_NAMES, BCV_VAR_CONTRIBUTOR, E},
    {"contributors/subsidiary-authors/author", EX_NAMES, BCV_VAR_TRANSLATOR, EX_ALL},
    {"contributors/translated-authors/author", EX_ALT_NAMES, BCV_VAR_AUTHOR, EX_ALL},
    {"titles/title", EX_TEXT, BCV_VAR_TITLE, EX_ALL},
    {"titles/secondary-title", EX_TEXT, BCV_VAR_CONTAINER_TITLE, S | P | L},
    {"titles/secondary-title", EX_TEXT, BCV_VAR_COLLECTION_TITLE, B | E | R | O},
    {"titles/tertiary-title", EX_TEXT, BCV_VAR_COLLECTION_TITLE, S | P | L},
    {"titles/alt-title", EX_TEXT, BCV_VAR_CONTAINER_TITLE_SHORT, S | L},
    {"titles/short-title", EX_TEXT, BCV_VAR_TITLE_SHORT, EX_ALL},
    {"titles/translated-title", EX_ALT_TITLE, BCV_VAR_TITLE, EX_ALL},
    {"periodical/full-title", EX_MIRROR, BCV_VAR_CONTAINER_TITLE, S},
    {"periodical/abbr-1", EX_MIRROR, BCV_VAR_CONTAINER_TITLE_SHORT, S},
    {"pages", EX_TEXT, BCV_VAR_PAGE, EX_ALL},
    {"volume", EX_TEXT, BCV_VAR_VOLUME, EX_ALL},
    {"number", EX_TEXT, BCV_VAR_ISSUE, S},
    {"number", EX_TEXT, BCV_VAR_COLLECTION_NUMBER, P | B | E},
    {"number", EX_TEXT, BCV_VAR_NUMBER, R | L | C | T | O},
    {"issue", EX_TEXT, BCV_VAR_ISSUE, EX_ALL},
    {"num-vols", EX_TEXT, BCV_VAR_NUMBER_OF_VOLUMES, EX_ALL},
    {"edition", EX_TEXT, BCV_VAR_VERSION, EX_PROGRAM},
    {"edition", EX_TEXT, BCV_VAR_EDITION, EX_ALL & ~S & ~EX_PROGRAM},
    {"section", EX_TEXT, BCV_VAR_CHAPTER_NUMBER, P},
    {"section", EX_TEXT, BCV_VAR_SECTION, EX_ALL & ~P},
    {"keywords/keyword", EX_TEXT, BCV_VAR_KEYWORD, EX_ALL},
    {"dates/year", EX_YEAR, BCV_VAR_ISSUED, EX_ALL},
    {"dates/pub-dates/date", EX_PUBDATE, BCV_VAR_ISSUED, EX_ALL},
    {"pub-location", EX_TEXT, BCV_VAR_PUBLISHER_PLACE, EX_ALL},
    {"publisher", EX_TEXT, BCV_VAR_PUBLISHER, EX_ALL},
    {"orig-pub", EX_TEXT, BCV_VAR_ORIGINAL_TITLE, EX_ALL},
    {"isbn", EX_ISXN, BCV_VAR_ISBN, EX_ALL},
    {"isbn", EX_ISXN, BCV_VAR_ISSN, EX_ALL},
    {"call-num", EX_TEXT, BCV_VAR_CALL_NUMBER, EX_ALL},
    {"electronic-resource-num", EX_DOI, BCV_VAR_DOI, EX_ALL},
    {"abstract", EX_TEXT, BCV_VAR_ABSTRACT, EX_ALL},
    {"label", EX_LABEL, BCV_VAR_NONE, EX_ALL},
    {"notes", EX_NOTES, BCV_VAR_NOTE, EX_ALL},
    {"research-notes", EX_TEXT, BCV_VAR_ANNOTE, EX_ALL},
    {"work-type", EX_TEXT, BCV_VAR_GENRE, EX_ALL},
    {"reviewed-item", EX_TEXT, BCV_VAR_REVIEWED_TITLE, EX_ALL},
    {"remote-database-name", EX_TEXT, BCV_VAR_ARCHIVE, EX_ALL},
    {"language", EX_LANG, BCV_VAR_LANGUAGE, EX_ALL},
    {"urls/related-urls/url", EX_URL, BCV_VAR_URL, EX_ALL},
    {"urls/web-urls/url", EX_URL, BCV_VAR_URL, EX_ALL},
    {"access-date", EX_DATE, BCV_VAR_ACCESSED, EX_ALL},
    {"custom2", EX_PMCID, BCV_VAR_PMCID, S},
};

#undef S
#undef P
#undef B
#undef E
#undef R
#undef L
#undef C
#undef T
#undef O

const ex_row *ex_row_in(const char *path, unsigned cls) {
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
    if ((rows[i].cls & cls) && !strcmp(rows[i].path, path))
      return &rows[i];
  return NULL;
}

const ex_row *ex_row_out(bcv_var v, unsigned cls) {
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
    if (rows[i].var == v && (rows[i].cls & cls) && rows[i].act != EX_ALT_NAMES &&
        rows[i].act != EX_ALT_TITLE && rows[i].act != EX_PUBDATE && rows[i].act != EX_MIRROR)
      return &rows[i];
  return NULL;
}

const ex_row *ex_mirror_out(bcv_var v, unsigned cls) {
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
    if (rows[i].var == v && (rows[i].cls & cls) && rows[i].act == EX_MIRROR)
      return &rows[i];
  return NULL;
}

/* The DTD's order of each parent's children. */
static const char *const record_order[] = {
    "database", "source-app", "rec-number", "foreign-keys", "ref-type", "contributors",
    "auth-address", "auth-affiliaton", "titles", "periodical", "alt-periodical", "pages", "volume",
    "number", "issue", "secondary-volume", "secondary-issue", "num-vols", "edition", "section",
    "reprint-edition", "reprint-status", "keywords", "dates", "pub-location", "publisher",
    "orig-pub", "isbn", "accession-num", "call-num", "report-id", "coden",
    "electronic-resource-num", "abstract", "label", "image", "caption", "notes", "research-notes",
    "work-type", "reviewed-item", "availability", "remote-source", "meeting-place",
    "work-location", "work-extent", "pack-method", "size", "repro-ratio", "remote-database-name",
    "remote-database-provider", "language", "urls", "access-date", "modified-date", "custom1",
    "custom2", "custom3", "custom4", "custom5", "custom6", "custom7", "misc1", "misc2", "misc3",
    NULL};
static const char *const contributors_order[] = {"authors", "secondary-authors", "tertiary-authors",
                                                 "subsidiary-authors", "translated-authors", NULL};
static const char *const titles_order[] = {"title",     "secondary-title", "tertiary-title",
                                           "alt-title", "short-title",     "translated-title", NULL};
static const char *const periodical_order[] = {"full-title", "abbr-1", "abbr-2", "abbr-3", NULL};
static const char *const dates_order[] = {"year", "pub-dates", "copyright-dates", NULL};
static const char *const urls_order[] = {"web-urls", "pdf-urls", "text-urls", "related-urls",
                                         "image-urls", NULL};

static const struct {
  const char *parent;
  const char *const *order;
} orders[] = {
    {"", record_order},         {"contributors", contributors_order},
    {"titles", titles_order},   {"periodical", periodical_order},
    {"alt-periodical", periodical_order}, {"dates", dates_order},
    {"urls", urls_order},
};

int ex_order(const char *parent, size_t plen, const char *child, size_t clen) {
  for (size_t i = 0; i < sizeof orders / sizeof *orders; i++) {
    if (strlen(orders[i].parent) != plen || strncmp(orders[i].parent, parent, plen))
      continue;
    for (int k = 0; orders[i].order[k]; k++)
      if (strlen(orders[i].order[k]) == clen && !strncmp(orders[i].order[k], child, clen))
        return k;
    break;
  }
  return 1000;
}

int ex_list_leaf(const char *path) {
  const char *last = strrchr(path, '/');
  last = last ? last + 1 : path;
  return !strcmp(last, "url") || !strcmp(last, "key") || !strcmp(last, "date") ||
         !strcmp(last, "keyword") || !strcmp(last, "author");
}

/* The attributes kept: the library a record came from, and its keys. */
static const char *const database_attrs[] = {"name", "path", NULL};
static const char *const source_attrs[] = {"name", "version", NULL};
static const char *const key_attrs[] = {"app", "db-id", NULL};

const char *const *ex_attrs(const char *path) {
  if (!strcmp(path, "database"))
    return database_attrs;
  if (!strcmp(path, "source-app"))
    return source_attrs;
  if (!strcmp(path, "foreign-keys/key"))
    return key_attrs;
  return NULL;
}

int ex_plain(const char *path) {
  return ex_attrs(path) || !strcmp(path, "rec-number") || !strcmp(path, "ref-type");
}

const char *const ex_month_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char *const ex_season_name[4] = {"Spring", "Summer", "Autumn", "Winter"};

int ex_month(const char *s, size_t len) {
  static const char *const full[12] = {"january", "february", "march",     "april",
                                       "may",     "june",     "july",      "august",
                                       "september", "october", "november", "december"};
  if (len < 3)
    return 0;
  for (int i = 0; i < 12; i++) {
    size_t n = strlen(full[i]);
    /* "Mar", "Mar.", "March"; "Sept" too */
    size_t l = len && s[len - 1] == '.' ? len - 1 : len;
    if ((l == 3 || l == n || (i == 8 && l == 4)) && l <= n && !strncasecmp(s, full[i], l))
      return i + 1;
  }
  return 0;
}

int ex_season(const char *s, size_t len) {
  static const char *const names[] = {"spring", "summer", "autumn", "winter", "fall"};
  for (int i = 0; i < 5; i++)
    if (strlen(names[i]) == len && !strncasecmp(s, names[i], len))
      return i == 4 ? 3 : i + 1;
  return 0;
}
