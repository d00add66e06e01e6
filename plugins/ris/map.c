/* SPDX-License-Identifier: MIT */
/* map.c: RIS type codes and tags to the model, as tables.
 *
 * Sources: the RIS 2011 specification (Research Information Systems, via
 * the Internet Archive) and the type-conditional readings that Zotero's
 * and citation.js's importers agree on; every CSL type here is one of
 * CSL 1.0.2's (pandoc's program/catalog/motion-picture are not). */
#include <string.h>
#include "ris.h"

#define P RS_PERIODICAL
#define B RS_BOOK
#define C RS_PART
#define F RS_CONF
#define M RS_MEDIA
#define V RS_FILM
#define O RS_OTHER
#define N RS_NOCONT

/* Reader: every code, with the CSL type it reads as and its class. */
static const rs_type types[] = {
    {"JOUR", BCV_TYPE_ARTICLE_JOURNAL, P},   {"MGZN", BCV_TYPE_ARTICLE_MAGAZINE, P},
    {"NEWS", BCV_TYPE_ARTICLE_NEWSPAPER, P}, {"BOOK", BCV_TYPE_BOOK, B},
    {"CHAP", BCV_TYPE_CHAPTER, C},           {"CONF", BCV_TYPE_PAPER_CONFERENCE, F},
    {"THES", BCV_TYPE_THESIS, O},            {"RPRT", BCV_TYPE_REPORT, B},
    {"ELEC", BCV_TYPE_WEBPAGE, B},           {"GEN", BCV_TYPE_DOCUMENT, O},
    {"UNPB", BCV_TYPE_MANUSCRIPT, B},        {"PAT", BCV_TYPE_PATENT, O},
    {"CASE", BCV_TYPE_LEGAL_CASE, N},        {"STAT", BCV_TYPE_LEGISLATION, O},
    {"BILL", BCV_TYPE_BILL, O},              {"HEAR", BCV_TYPE_HEARING, N},
    {"DATA", BCV_TYPE_DATASET, N},           {"COMP", BCV_TYPE_SOFTWARE, B},
    {"MPCT", BCV_TYPE_BROADCAST, V},         {"VIDEO", BCV_TYPE_MOTION_PICTURE, M},
    {"SOUND", BCV_TYPE_SONG, M},             {"MUSIC", BCV_TYPE_MUSICAL_SCORE, O},
    {"ART", BCV_TYPE_GRAPHIC, N},            {"FIGURE", BCV_TYPE_FIGURE, N},
    {"MAP", BCV_TYPE_MAP, B},                {"PCOMM", BCV_TYPE_PERSONAL_COMMUNICATION, N},
    {"STAND", BCV_TYPE_STANDARD, N},         {"BLOG", BCV_TYPE_POST_WEBLOG, C},
    {"DICT", BCV_TYPE_ENTRY_DICTIONARY, C},  {"ENCYC", BCV_TYPE_ENTRY_ENCYCLOPEDIA, C},
    {"PAMP", BCV_TYPE_PAMPHLET, C},          {"CLSWK", BCV_TYPE_CLASSIC, B},
    {"CTLG", BCV_TYPE_ENTRY, B},             {"SER", BCV_TYPE_PERIODICAL, C},
    {"LEGAL", BCV_TYPE_REGULATION, N},       {"EJOUR", BCV_TYPE_ARTICLE_JOURNAL, P},
    {"JFULL", BCV_TYPE_ARTICLE_JOURNAL, P},  {"INPR", BCV_TYPE_ARTICLE_JOURNAL, P},
    {"ABST", BCV_TYPE_ARTICLE_JOURNAL, P},   {"EBOOK", BCV_TYPE_BOOK, C},
    {"EDBOOK", BCV_TYPE_BOOK, C},            {"ECHAP", BCV_TYPE_CHAPTER, C},
    {"CPAPER", BCV_TYPE_PAPER_CONFERENCE, F}, {"GOVDOC", BCV_TYPE_REPORT, N},
    {"WEB", BCV_TYPE_WEBPAGE, B},            {"MANSCPT", BCV_TYPE_MANUSCRIPT, B},
    {"ICOMM", BCV_TYPE_PERSONAL_COMMUNICATION, N}, {"UNBILL", BCV_TYPE_MANUSCRIPT, O},
    {"DBASE", BCV_TYPE_DATASET, B},          {"AGGR", BCV_TYPE_DATASET, B},
    {"ADVS", BCV_TYPE_MOTION_PICTURE, M},    {"MULTI", BCV_TYPE_MOTION_PICTURE, B},
    {"SLIDE", BCV_TYPE_MOTION_PICTURE, M},   {"CHART", BCV_TYPE_FIGURE, N},
    {"ANCIENT", BCV_TYPE_CLASSIC, C},        {"EQUA", BCV_TYPE_ARTICLE, N},
    {"GRANT", BCV_TYPE_ARTICLE, N},          {"GRNT", BCV_TYPE_ARTICLE, N},
    {"UNPD", BCV_TYPE_MANUSCRIPT, B},        {"JOURN", BCV_TYPE_ARTICLE_JOURNAL, P | RS_ALIAS},
    /* EndNote's and some vendors' spelled-out names */
    {"Journal Article", BCV_TYPE_ARTICLE_JOURNAL, P | RS_ALIAS},
    {"Book", BCV_TYPE_BOOK, B | RS_ALIAS},
    {"Book Section", BCV_TYPE_CHAPTER, C | RS_ALIAS},
    {"Conference Paper", BCV_TYPE_PAPER_CONFERENCE, F | RS_ALIAS},
    {"Conference Proceedings", BCV_TYPE_PAPER_CONFERENCE, F | RS_ALIAS},
    {"Thesis", BCV_TYPE_THESIS, O | RS_ALIAS},
    {"Report", BCV_TYPE_REPORT, B | RS_ALIAS},
    {"Web Page", BCV_TYPE_WEBPAGE, B | RS_ALIAS},
    {"Generic", BCV_TYPE_DOCUMENT, O | RS_ALIAS},
};

/* Writer: the code for each CSL type, one row per type.  The code the
 * 2011 specification has for it, as EndNote and Zotero write it; a
 * preprint (CSL article) is GEN, as Zotero's RIS export writes it (its
 * export map has no preprint, so it falls back to GEN); where RIS has no
 * code of its own, the nearest one.  bibutils' ris2xml knows only the
 * older codes of these (README, RIS). */
static const char *const written[BCV_TYPE_COUNT] = {
    [BCV_TYPE_ARTICLE] = "GEN",
    [BCV_TYPE_ARTICLE_JOURNAL] = "JOUR",
    [BCV_TYPE_ARTICLE_MAGAZINE] = "MGZN",
    [BCV_TYPE_ARTICLE_NEWSPAPER] = "NEWS",
    [BCV_TYPE_BILL] = "BILL",
    [BCV_TYPE_BOOK] = "BOOK",
    [BCV_TYPE_BROADCAST] = "MPCT",
    [BCV_TYPE_CHAPTER] = "CHAP",
    [BCV_TYPE_CLASSIC] = "CLSWK",
    [BCV_TYPE_COLLECTION] = "BOOK",
    [BCV_TYPE_DATASET] = "DATA",
    [BCV_TYPE_DOCUMENT] = "GEN",
    [BCV_TYPE_ENTRY] = "CTLG",
    [BCV_TYPE_ENTRY_DICTIONARY] = "DICT",
    [BCV_TYPE_ENTRY_ENCYCLOPEDIA] = "ENCYC",
    [BCV_TYPE_EVENT] = "GEN",
    [BCV_TYPE_FIGURE] = "FIGURE",
    [BCV_TYPE_GRAPHIC] = "ART",
    [BCV_TYPE_HEARING] = "HEAR",
    [BCV_TYPE_INTERVIEW] = "PCOMM",
    [BCV_TYPE_LEGAL_CASE] = "CASE",
    [BCV_TYPE_LEGISLATION] = "STAT",
    [BCV_TYPE_MANUSCRIPT] = "UNPB",
    [BCV_TYPE_MAP] = "MAP",
    [BCV_TYPE_MOTION_PICTURE] = "VIDEO",
    [BCV_TYPE_MUSICAL_SCORE] = "MUSIC",
    [BCV_TYPE_PAMPHLET] = "PAMP",
    [BCV_TYPE_PAPER_CONFERENCE] = "CONF",
    [BCV_TYPE_PATENT] = "PAT",
    [BCV_TYPE_PERFORMANCE] = "GEN",
    [BCV_TYPE_PERIODICAL] = "SER",
    [BCV_TYPE_PERSONAL_COMMUNICATION] = "PCOMM",
    [BCV_TYPE_POST] = "BLOG",
    [BCV_TYPE_POST_WEBLOG] = "BLOG",
    [BCV_TYPE_REGULATION] = "LEGAL",
    [BCV_TYPE_REPORT] = "RPRT",
    [BCV_TYPE_REVIEW] = "JOUR",
    [BCV_TYPE_REVIEW_BOOK] = "JOUR",
    [BCV_TYPE_SOFTWARE] = "COMP",
    [BCV_TYPE_SONG] = "SOUND",
    [BCV_TYPE_SPEECH] = "CONF",
    [BCV_TYPE_STANDARD] = "STAND",
    [BCV_TYPE_THESIS] = "THES",
    [BCV_TYPE_TREATY] = "LEGAL",
    [BCV_TYPE_WEBPAGE] = "ELEC",
};

static const rs_rule rules[] = {
    /* names, one per line; A2-A4 by type */
    {"AU", 0, BCV_VAR_AUTHOR, RS_NAME, 0},
    {"A1", 0, BCV_VAR_AUTHOR, RS_NAME, 0},
    {"A2", M, BCV_VAR_PERFORMER, RS_NAME, 0},
    {"A2", B, BCV_VAR_COLLECTION_EDITOR, RS_NAME, 0},
    {"A2", 0, BCV_VAR_EDITOR, RS_NAME, 0},
    {"ED", 0, BCV_VAR_EDITOR, RS_NAME, 0},
    {"A3", V, BCV_VAR_PRODUCER, RS_NAME, 0},
    {"A3", B, BCV_VAR_EDITOR, RS_NAME, 0},
    {"A3", 0, BCV_VAR_COLLECTION_EDITOR, RS_NAME, 0},
    {"A4", V, BCV_VAR_PERFORMER, RS_NAME, 0},
    {"A4", 0, BCV_VAR_TRANSLATOR, RS_NAME, 0},
    /* titles: TI beats T1; a book's BT is its title */
    {"TI", 0, BCV_VAR_TITLE, RS_TEXT, 1},
    {"T1", 0, BCV_VAR_TITLE, RS_TEXT, 2},
    {"BT", B, BCV_VAR_TITLE, RS_TEXT, 3},
    {"CT", 0, BCV_VAR_TITLE, RS_TEXT, 4},
    {"TT", 0, BCV_VAR_TITLE, RS_TRANSLATED, 0},
    {"ST", 0, BCV_VAR_TITLE_SHORT, RS_TEXT, 0},
    /* the container: for a periodical the full name (JF) beats JO and T2,
     * which some vendors (EBSCO) fill with an alternative title */
    {"JF", P, BCV_VAR_CONTAINER_TITLE, RS_TEXT, 1},
    {"JO", P, BCV_VAR_CONTAINER_TITLE, RS_TEXT, 2},
    {"T2", P, BCV_VAR_CONTAINER_TITLE, RS_TEXT, 3},
    {"T2", B, BCV_VAR_COLLECTION_TITLE, RS_TEXT, 0},
    {"T2", F, BCV_VAR_EVENT_TITLE, RS_TEXT, 0},
    {"C3", F, BCV_VAR_CONTAINER_TITLE, RS_TEXT, 1},
    {"BT", F, BCV_VAR_CONTAINER_TITLE, RS_TEXT, 2},
    {"T2", 0, BCV_VAR_CONTAINER_TITLE, RS_TEXT, 1},
    {"BT", 0, BCV_VAR_CONTAINER_TITLE, RS_TEXT, 2},
    {"JF", 0, BCV_VAR_CONTAINER_TITLE, RS_TEXT, 3},
    {"JO", 0, BCV_VAR_CONTAINER_TITLE, RS_TEXT, 4},
    {"T3", 0, BCV_VAR_COLLECTION_TITLE, RS_TEXT, 0},
    {"JA", 0, BCV_VAR_CONTAINER_TITLE_SHORT, RS_TEXT, 1},
    {"J2", 0, BCV_VAR_CONTAINER_TITLE_SHORT, RS_TEXT, 2},
    {"J1", 0, BCV_VAR_CONTAINER_TITLE_SHORT, RS_TEXT, 3},
    /* dates: DA beats Y1 beats PY */
    {"DA", 0, BCV_VAR_ISSUED, RS_DATE, 1},
    {"Y1", 0, BCV_VAR_ISSUED, RS_DATE, 2},
    {"PY", 0, BCV_VAR_ISSUED, RS_DATE, 3},
    {"Y2", 0, BCV_VAR_ACCESSED, RS_DATE, 0},
    /* numbers */
    {"SP", 0, BCV_VAR_PAGE, RS_START, 0},
    {"EP", 0, BCV_VAR_PAGE, RS_END, 0},
    {"VL", 0, BCV_VAR_VOLUME, RS_TEXT, 0},
    {"IS", 0, BCV_VAR_ISSUE, RS_TEXT, 0},
    {"ET", 0, BCV_VAR_EDITION, RS_TEXT, 0},
    {"NV", 0, BCV_VAR_NUMBER_OF_VOLUMES, RS_TEXT, 0},
    {"SE", 0, BCV_VAR_SECTION, RS_TEXT, 0},
    {"SN", 0, BCV_VAR_ISSN, RS_SN, 0},
    {"DO", 0, BCV_VAR_DOI, RS_DOI, 0},
    {"UR", 0, BCV_VAR_URL, RS_TEXT, 0},
    {"CN", 0, BCV_VAR_CALL_NUMBER, RS_TEXT, 0},
    /* text */
    {"KW", 0, BCV_VAR_KEYWORD, RS_KEYWORD, 0},
    {"AB", 0, BCV_VAR_ABSTRACT, RS_TEXT, 1},
    {"N2", 0, BCV_VAR_ABSTRACT, RS_TEXT, 2},
    {"N1", 0, BCV_VAR_NOTE, RS_NOTE, 0},
    {"PB", 0, BCV_VAR_PUBLISHER, RS_TEXT, 0},
    {"CY", F, BCV_VAR_EVENT_PLACE, RS_TEXT, 0},
    {"CY", 0, BCV_VAR_PUBLISHER_PLACE, RS_TEXT, 0},
    {"LA", 0, BCV_VAR_LANGUAGE, RS_LANG, 0},
    {"DB", 0, BCV_VAR_ARCHIVE, RS_TEXT, 0},
    {"ID", 0, BCV_VAR_NONE, RS_ID, 0},
};

/* Writer: the tag for a variable (first row by class, then any). */
static const struct {
  bcv_var var;
  unsigned cls;
  const char *tag;
} out_tags[] = {
    {BCV_VAR_TITLE, 0, "TI"},
    {BCV_VAR_TITLE_SHORT, 0, "ST"},
    /* JF, the tag that wins among a journal's synonyms, so that a T2 or JO
     * kept from the input never takes the journal's place when read back */
    {BCV_VAR_CONTAINER_TITLE, P, "JF"},
    {BCV_VAR_CONTAINER_TITLE, F, "C3"},
    {BCV_VAR_CONTAINER_TITLE, C | O | M | V, "T2"},
    {BCV_VAR_EVENT_TITLE, F, "T2"},
    {BCV_VAR_COLLECTION_TITLE, B, "T2"},
    {BCV_VAR_COLLECTION_TITLE, 0, "T3"},
    {BCV_VAR_CONTAINER_TITLE_SHORT, 0, "J2"},
    {BCV_VAR_VOLUME, 0, "VL"},
    {BCV_VAR_ISSUE, 0, "IS"},
    {BCV_VAR_EDITION, 0, "ET"},
    {BCV_VAR_NUMBER_OF_VOLUMES, 0, "NV"},
    {BCV_VAR_SECTION, 0, "SE"},
    {BCV_VAR_ISSN, 0, "SN"},
    {BCV_VAR_ISBN, 0, "SN"},
    {BCV_VAR_DOI, 0, "DO"},
    {BCV_VAR_URL, 0, "UR"},
    {BCV_VAR_CALL_NUMBER, 0, "CN"},
    {BCV_VAR_ABSTRACT, 0, "AB"},
    {BCV_VAR_NOTE, 0, "N1"},
    {BCV_VAR_PUBLISHER, 0, "PB"},
    {BCV_VAR_EVENT_PLACE, F, "CY"},
    {BCV_VAR_PUBLISHER_PLACE, 0, "CY"},
    {BCV_VAR_LANGUAGE, 0, "LA"},
    {BCV_VAR_ARCHIVE, 0, "DB"},
    {BCV_VAR_AUTHOR, 0, "AU"},
    {BCV_VAR_EDITOR, B, "A3"},
    {BCV_VAR_EDITOR, 0, "A2"},
    {BCV_VAR_COLLECTION_EDITOR, B, "A2"},
    {BCV_VAR_COLLECTION_EDITOR, 0, "A3"},
    {BCV_VAR_PERFORMER, M, "A2"},
    {BCV_VAR_PERFORMER, V, "A4"},
    {BCV_VAR_PRODUCER, V, "A3"},
    {BCV_VAR_TRANSLATOR, 0, "A4"},
};

const rs_type *rs_type_by_code(const char *code, size_t len) {
  for (size_t i = 0; i < sizeof types / sizeof *types; i++)
    if (strlen(types[i].code) == len && memcmp(types[i].code, code, len) == 0)
      return &types[i];
  return NULL;
}

const rs_type *rs_type_by_csl(bcv_type t) {
  const char *code = (unsigned)t < BCV_TYPE_COUNT && written[t] ? written[t] : "GEN";
  return rs_type_by_code(code, strlen(code));
}

const rs_rule *rs_rule_for(const char *tag, unsigned cls) {
  for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
    if (memcmp(rules[i].tag, tag, 2) == 0 && (!rules[i].cls || (rules[i].cls & cls)))
      return &rules[i];
  return NULL;
}

const char *rs_tag_for(bcv_var v, unsigned cls) {
  for (size_t i = 0; i < sizeof out_tags / sizeof *out_tags; i++)
    if (out_tags[i].var == v && (!out_tags[i].cls || (out_tags[i].cls & cls)))
      return out_tags[i].tag;
  return NULL;
}

static const struct {
  const char *name;
  const char *tag;
} languages[] = {
    {"english", "en"},   {"eng", "en"},      {"en", "en"},       {"chinese", "zh"},
    {"chi", "zh"},       {"zho", "zh"},      {"zh", "zh"},       {"中文", "zh"},
    {"german", "de"},    {"ger", "de"},      {"deu", "de"},      {"french", "fr"},
    {"fre", "fr"},       {"fra", "fr"},      {"spanish", "es"},  {"spa", "es"},
    {"japanese", "ja"},  {"jpn", "ja"},      {"russian", "ru"},  {"rus", "ru"},
    {"italian", "it"},   {"ita", "it"},      {"portuguese", "pt"}, {"por", "pt"},
    {"korean", "ko"},    {"kor", "ko"},      {"dutch", "nl"},    {"dut", "nl"},
    {"nld", "nl"},       {"arabic", "ar"},   {"ara", "ar"},      {"polish", "pl"},
    {"pol", "pl"},       {"swedish", "sv"},  {"swe", "sv"},      {"turkish", "tr"},
    {"tur", "tr"},
};

static int lower_eq(const char *a, const char *s, size_t len) {
  if (strlen(a) != len)
    return 0;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c + 32);
    if (c != a[i])
      return 0;
  }
  return 1;
}

const char *rs_lang_tag(const char *s, size_t len) {
  for (size_t i = 0; i < sizeof languages / sizeof *languages; i++)
    if (lower_eq(languages[i].name, s, len))
      return languages[i].tag;
  /* already BCP 47: "zh-CN", "en-GB", "de" */
  if (len >= 2 && len <= 12) {
    for (size_t i = 0; i < len; i++) {
      char c = s[i];
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            (c == '-' && i >= 2)))
        return NULL;
    }
    if (s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' && (len == 2 || s[2] == '-'))
      return "";
  }
  return NULL;
}
