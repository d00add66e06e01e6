/* SPDX-License-Identifier: MIT */
/* map.c: BibTeX/BibLaTeX entries <-> records, by tables.
 *
 * Reading: the entry type maps to a CSL type (types[]); each field maps
 * by fields[] to a variable and a way of reading its value.  A field
 * named like a CSL variable ("archive", "director") maps to it, and every
 * other field is kept as the extra "bibtex.<name>", so that writing BibTeX
 * again loses nothing.  A field name with a language suffix ("title_en",
 * "author_zh") is that field in another language.
 *
 * Writing: out_fields[] lists, in output order, which field carries each
 * variable in each dialect, with a condition on the item type where the
 * field differs (journal for articles, booktitle otherwise).  Variables
 * without a row are written under their CSL name; extras "bibtex.*" come
 * back under their own names, other extras under their full key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "bibtex.h"
#include "util.h"

/* ---- entry types ---- */

typedef struct tmap {
  const char *name;
  bcv_type type;
} tmap;

/* BibTeX's 14, biblatex's regular, alias and non-standard types, in ASCII
 * order.  @xdata never becomes a record. */
static const tmap types[] = {
    {"article", BCV_TYPE_ARTICLE_JOURNAL},
    {"artwork", BCV_TYPE_GRAPHIC},
    {"audio", BCV_TYPE_SONG},
    {"bibnote", BCV_TYPE_DOCUMENT},
    {"book", BCV_TYPE_BOOK},
    {"bookinbook", BCV_TYPE_CHAPTER},
    {"booklet", BCV_TYPE_PAMPHLET},
    {"collection", BCV_TYPE_BOOK},
    {"commentary", BCV_TYPE_BOOK},
    {"conference", BCV_TYPE_PAPER_CONFERENCE},
    {"dataset", BCV_TYPE_DATASET},
    {"electronic", BCV_TYPE_WEBPAGE},
    {"image", BCV_TYPE_GRAPHIC},
    {"inbook", BCV_TYPE_CHAPTER},
    {"incollection", BCV_TYPE_CHAPTER},
    {"inproceedings", BCV_TYPE_PAPER_CONFERENCE},
    {"inreference", BCV_TYPE_ENTRY_ENCYCLOPEDIA},
    {"jurisdiction", BCV_TYPE_LEGAL_CASE},
    {"legal", BCV_TYPE_TREATY},
    {"legislation", BCV_TYPE_LEGISLATION},
    {"letter", BCV_TYPE_PERSONAL_COMMUNICATION},
    {"manual", BCV_TYPE_BOOK},
    {"mastersthesis", BCV_TYPE_THESIS},
    {"misc", BCV_TYPE_DOCUMENT},
    {"movie", BCV_TYPE_MOTION_PICTURE},
    {"music", BCV_TYPE_SONG},
    {"mvbook", BCV_TYPE_BOOK},
    {"mvcollection", BCV_TYPE_BOOK},
    {"mvproceedings", BCV_TYPE_BOOK},
    {"mvreference", BCV_TYPE_BOOK},
    {"online", BCV_TYPE_WEBPAGE},
    {"patent", BCV_TYPE_PATENT},
    {"performance", BCV_TYPE_PERFORMANCE},
    {"periodical", BCV_TYPE_PERIODICAL},
    {"phdthesis", BCV_TYPE_THESIS},
    {"proceedings", BCV_TYPE_BOOK},
    {"reference", BCV_TYPE_BOOK},
    {"report", BCV_TYPE_REPORT},
    {"review", BCV_TYPE_REVIEW},
    {"set", BCV_TYPE_DOCUMENT},
    {"software", BCV_TYPE_SOFTWARE},
    {"standard", BCV_TYPE_STANDARD},
    {"suppbook", BCV_TYPE_CHAPTER},
    {"suppcollection", BCV_TYPE_CHAPTER},
    {"suppperiodical", BCV_TYPE_ARTICLE_JOURNAL},
    {"techreport", BCV_TYPE_REPORT},
    {"thesis", BCV_TYPE_THESIS},
    {"unpublished", BCV_TYPE_MANUSCRIPT},
    {"video", BCV_TYPE_MOTION_PICTURE},
    {"www", BCV_TYPE_WEBPAGE},
};

/* Other programs' types, read as ours but never written (biber refuses
 * them), in ASCII order: Mendeley's EndNote-style names.  Those of a type
 * the writers write are spellings and not kept; @presentation is kept as
 * entrytype, since no writer gives a speech a type of its own. */
static const struct foreign {
  const char *name;
  bcv_type type;
  int kept;
} foreign[] = {
    {"book_section", BCV_TYPE_CHAPTER, 0},
    {"generic", BCV_TYPE_DOCUMENT, 0},
    {"magazine_article", BCV_TYPE_ARTICLE_MAGAZINE, 0},
    {"newspaper_article", BCV_TYPE_ARTICLE_NEWSPAPER, 0},
    {"presentation", BCV_TYPE_SPEECH, 1},
    {"web_page", BCV_TYPE_WEBPAGE, 0},
};

static const struct foreign *foreign_type(const char *name, size_t n) {
  return BT_LOOKUP(foreign, name, n);
}

/* Whether name is a type the reader knows, ours or another program's. */
static int known_type(const char *name, size_t n) {
  return BT_LOOKUP(types, name, n) || foreign_type(name, n);
}

/* CSL type -> entry type {bibtex, biblatex}.  Classic BibTeX gets only
 * the 14 types plain.bst and the styles derived from it define (an
 * unknown type is a warning there, and bibutils refuses it): the one that
 * prints the record best.  Where that type does not read back as the
 * record's type, the writer adds the field entrytype = {<biblatex type>},
 * which styles ignore and the reader takes as the type. */
typedef struct tout {
  bcv_type type;
  const char *bibtex, *biblatex;
} tout;

static const tout types_out[] = {
    {BCV_TYPE_ARTICLE, "misc", "online"},
    {BCV_TYPE_ARTICLE_JOURNAL, "article", "article"},
    {BCV_TYPE_ARTICLE_MAGAZINE, "article", "article"},
    {BCV_TYPE_ARTICLE_NEWSPAPER, "article", "article"},
    {BCV_TYPE_BILL, "misc", "legislation"},
    {BCV_TYPE_BOOK, "book", "book"},
    {BCV_TYPE_CHAPTER, "incollection", "incollection"},
    {BCV_TYPE_DATASET, "misc", "dataset"},
    {BCV_TYPE_DOCUMENT, "misc", "misc"},
    {BCV_TYPE_ENTRY, "incollection", "inreference"},
    {BCV_TYPE_ENTRY_DICTIONARY, "incollection", "inreference"},
    {BCV_TYPE_ENTRY_ENCYCLOPEDIA, "incollection", "inreference"},
    {BCV_TYPE_GRAPHIC, "misc", "artwork"},
    {BCV_TYPE_LEGAL_CASE, "misc", "jurisdiction"},
    {BCV_TYPE_LEGISLATION, "misc", "legislation"},
    {BCV_TYPE_MANUSCRIPT, "unpublished", "unpublished"},
    {BCV_TYPE_MOTION_PICTURE, "misc", "movie"},
    {BCV_TYPE_PAMPHLET, "booklet", "booklet"},
    {BCV_TYPE_PAPER_CONFERENCE, "inproceedings", "inproceedings"},
    {BCV_TYPE_PATENT, "misc", "patent"},
    {BCV_TYPE_PERFORMANCE, "misc", "performance"},
    {BCV_TYPE_PERIODICAL, "misc", "periodical"},
    {BCV_TYPE_PERSONAL_COMMUNICATION, "misc", "letter"},
    {BCV_TYPE_POST, "misc", "online"},
    {BCV_TYPE_POST_WEBLOG, "misc", "online"},
    {BCV_TYPE_REGULATION, "misc", "legislation"},
    {BCV_TYPE_REPORT, "techreport", "report"},
    {BCV_TYPE_REVIEW, "article", "review"},
    {BCV_TYPE_REVIEW_BOOK, "article", "review"},
    {BCV_TYPE_SOFTWARE, "misc", "software"},
    {BCV_TYPE_SONG, "misc", "audio"},
    {BCV_TYPE_STANDARD, "misc", "standard"},
    {BCV_TYPE_THESIS, "phdthesis", "thesis"},
    {BCV_TYPE_TREATY, "misc", "legal"},
    {BCV_TYPE_WEBPAGE, "misc", "online"},
};

/* plain.bst's types, in ASCII order */
static const struct {
  const char *name;
} plain_types[] = {
    {"article"},     {"book"},          {"booklet"},       {"conference"}, {"inbook"},
    {"incollection"}, {"inproceedings"}, {"manual"},        {"mastersthesis"}, {"misc"},
    {"phdthesis"},   {"proceedings"},   {"techreport"},    {"unpublished"},
};

static int plain_type(const char *name) { return BT_LOOKUP(plain_types, name, strlen(name)) != NULL; }

static const char *type_out(bcv_type t, enum bt_dialect d, const char *genre) {
  if (t == BCV_TYPE_THESIS && d == BT_BIBTEX && genre && strcmp(genre, "Master's thesis") == 0)
    return "mastersthesis";
  for (size_t i = 0; i < sizeof types_out / sizeof types_out[0]; i++)
    if (types_out[i].type == t)
      return d == BT_BIBTEX ? types_out[i].bibtex : types_out[i].biblatex;
  return "misc";
}

/* @misc{..., entrytype = {online}} is what the classic writer writes for a
 * type plain.bst does not know: an online entry. */
const char *bt_entry_type(const bt_entry *e, char buf[32]) {
  size_t n;
  const char *v = bt_entry_get(e, "entrytype", &n);
  if (v && n < 32) {
    memcpy(buf, v, n);
    buf[n] = '\0';
    if (known_type(buf, n))
      return buf;
  }
  return BT_STR(e, e->type);
}

static bcv_type type_in(const char *name, int *known) {
  const tmap *t = BT_LOOKUP(types, name, strlen(name));
  const struct foreign *f = t ? NULL : foreign_type(name, strlen(name));
  *known = t || f;
  return t ? t->type : f ? f->type : BCV_TYPE_DOCUMENT;
}

/* The variable `number` fills: the issue of a periodical, the number in
 * a series of a book, else the item's own number (a report's). */
static bcv_var number_var(bcv_type t) {
  switch (t) {
  case BCV_TYPE_ARTICLE_JOURNAL: case BCV_TYPE_ARTICLE_MAGAZINE:
  case BCV_TYPE_ARTICLE_NEWSPAPER: case BCV_TYPE_PERIODICAL:
    return BCV_VAR_ISSUE;
  case BCV_TYPE_BOOK: case BCV_TYPE_CHAPTER: case BCV_TYPE_PAPER_CONFERENCE:
  case BCV_TYPE_ENTRY: case BCV_TYPE_ENTRY_DICTIONARY: case BCV_TYPE_ENTRY_ENCYCLOPEDIA:
    return BCV_VAR_COLLECTION_NUMBER;
  default:
    return BCV_VAR_NUMBER;
  }
}

static int is_periodical(bcv_type t) { return number_var(t) == BCV_VAR_ISSUE || t == BCV_TYPE_REVIEW || t == BCV_TYPE_REVIEW_BOOK; }

/* ---- biblatex's localisation keys of the type field <-> genre ---- */

static const struct {
  const char *key, *genre;
} genres[] = {
    {"audiocd", "Audio CD"},         {"candthesis", "Candidate thesis"},
    {"datacd", "CD-ROM"},            {"mathesis", "Master's thesis"},
    {"phdthesis", "PhD thesis"},     {"resreport", "Research report"},
    {"software", "Computer software"}, {"techreport", "Technical report"},
};

/* A genre stands alone, so it starts with a capital: the English ones
 * as the table has them, another language's as its .lbx string with the
 * first letter made one (in buf; every such string starts with ASCII). */
static const char *genre_of_key(const char *key, const char *lang, char buf[64]) {
  for (size_t i = 0; i < sizeof genres / sizeof genres[0]; i++)
    if (strcmp(genres[i].key, key) == 0) {
      const char *t = bt_bibstring(key, strlen(key), lang);
      if (!t || t == bt_bibstring(key, strlen(key), NULL))
        return genres[i].genre;
      snprintf(buf, 64, "%s", t);
      if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
      return buf;
    }
  return NULL;
}

/* The key of a genre in lang or in English, or NULL. */
static const char *key_of_genre(const char *genre, const char *lang) {
  char buf[64];
  for (size_t i = 0; i < sizeof genres / sizeof genres[0]; i++)
    if (strcmp(genres[i].genre, genre) == 0 ||
        strcmp(genre_of_key(genres[i].key, lang, buf), genre) == 0)
      return genres[i].key;
  return NULL;
}

/* Where a field's localisation keys are read (bt_bibstring_field). */
static unsigned keys_ctx(bcv_type t) {
  return (t == BCV_TYPE_PATENT ? BT_BS_PATENT : 0u) |
         (number_var(t) == BCV_VAR_ISSUE ? BT_BS_JOURNAL : 0u);
}

/* ---- langid <-> BCP 47 ---- */

static const struct {
  const char *langid, *tag;
} langids[] = {
    {"american", "en-US"},   {"australian", "en-AU"}, {"austrian", "de-AT"},
    {"brazil", "pt-BR"},     {"brazilian", "pt-BR"},  {"british", "en-GB"},
    {"bulgarian", "bg"},     {"canadian", "en-CA"},   {"catalan", "ca"},
    {"chinese", "zh"},       {"croatian", "hr"},      {"czech", "cs"},
    {"danish", "da"},        {"dutch", "nl"},         {"english", "en"},
    {"estonian", "et"},      {"finnish", "fi"},       {"french", "fr"},
    {"galician", "gl"},      {"german", "de"},        {"greek", "el"},
    {"hebrew", "he"},        {"hungarian", "hu"},     {"icelandic", "is"},
    {"italian", "it"},       {"japanese", "ja"},      {"korean", "ko"},
    {"latin", "la"},         {"latvian", "lv"},       {"lithuanian", "lt"},
    {"magyar", "hu"},        {"naustrian", "de-AT"},  {"newzealand", "en-NZ"},
    {"ngerman", "de"},       {"norsk", "nb"},         {"nswissgerman", "de-CH"},
    {"nynorsk", "nn"},       {"polish", "pl"},        {"portuges", "pt"},
    {"portuguese", "pt"},    {"romanian", "ro"},      {"russian", "ru"},
    {"serbian", "sr"},       {"slovak", "sk"},        {"slovene", "sl"},
    {"slovenian", "sl"},     {"spanish", "es"},       {"swedish", "sv"},
    {"swissgerman", "de-CH"}, {"turkish", "tr"},      {"ukenglish", "en-GB"},
    {"ukrainian", "uk"},     {"usenglish", "en-US"},
};

const char *bt_langid_to_bcp47(const char *langid, size_t len) {
  char low[32];
  if (len >= sizeof low)
    return NULL;
  for (size_t i = 0; i < len; i++)
    low[i] = (char)(langid[i] >= 'A' && langid[i] <= 'Z' ? langid[i] + 32 : langid[i]);
  low[len] = '\0';
  for (size_t i = 0; i < sizeof langids / sizeof langids[0]; i++)
    if (strcmp(langids[i].langid, low) == 0)
      return langids[i].tag;
  return NULL;
}

/* The first langid of a tag is the one written. */
const char *bt_bcp47_to_langid(const char *tag) {
  for (size_t i = 0; i < sizeof langids / sizeof langids[0]; i++)
    if (strcasecmp(langids[i].tag, tag) == 0)
      return langids[i].langid;
  return NULL;
}

/* ---- fields ---- */

enum how {
  H_TEXT,     /* decoded text of var */
  H_LIST,     /* biblatex's literal list: an item a value when read as biblatex */
  H_NAMES,    /* a name list */
  H_DATE,     /* an EDTF date */
  H_YEAR, H_MONTH, H_DAY,
  H_KEYWORDS, /* a comma- or semicolon-separated list */
  H_GENRE,    /* type: biblatex keys or text */
  H_NUMBER,   /* number: depends on the item type */
  H_DOI,      /* text without a resolver prefix */
  H_LANGUAGE, /* biblatex's language: the record's language if no langid */
  H_ORIGTITLE,/* text in the language origlanguage names */
  H_HYPHENATION, /* the old name of langid: read with it, unless langid is there */
  H_SUB,      /* read with the field `sub` names, or kept when that is */
  H_ENTRYTYPE,/* the classic writer's note of the real type: read as the type */
  H_SKIP      /* read with another field (subtitle, langid) */
};

enum mode { M_TEXT = BT_DEC_MARKUP, M_TITLE = BT_DEC_MARKUP | BT_DEC_TITLE,
            M_VERB = BT_DEC_VERBATIM, M_PAGES = BT_DEC_PAGES | BT_DEC_MARKUP };

typedef struct fmap {
  const char *name;
  bcv_var var;
  unsigned char how;
  unsigned char mode;
  const char *sub; /* a field joined to this one: title + ": " + subtitle */
} fmap;

/* In ASCII order of names. */
static const fmap fields[] = {
    {"abstract", BCV_VAR_ABSTRACT, H_TEXT, M_TEXT, NULL},
    {"address", BCV_VAR_PUBLISHER_PLACE, H_LIST, M_TEXT, NULL},
    {"annotation", BCV_VAR_ANNOTE, H_TEXT, M_TEXT, NULL},
    {"annote", BCV_VAR_ANNOTE, H_TEXT, M_TEXT, NULL},
    {"author", BCV_VAR_AUTHOR, H_NAMES, 0, NULL},
    {"bookauthor", BCV_VAR_CONTAINER_AUTHOR, H_NAMES, 0, NULL},
    {"booksubtitle", BCV_VAR_NONE, H_SUB, 0, "booktitle"},
    {"booktitle", BCV_VAR_CONTAINER_TITLE, H_TEXT, M_TITLE, "booksubtitle"},
    {"booktitleaddon", BCV_VAR_NONE, H_SUB, 0, "booktitle"},
    {"chapter", BCV_VAR_CHAPTER_NUMBER, H_TEXT, M_TEXT, NULL},
    {"date", BCV_VAR_ISSUED, H_DATE, 0, NULL},
    {"day", BCV_VAR_ISSUED, H_DAY, 0, NULL},
    {"doi", BCV_VAR_DOI, H_DOI, M_VERB, NULL},
    {"edition", BCV_VAR_EDITION, H_TEXT, M_TEXT, NULL},
    {"editor", BCV_VAR_EDITOR, H_NAMES, 0, NULL},
    {"eid", BCV_VAR_NUMBER, H_TEXT, M_TEXT, NULL},
    {"entrytype", BCV_VAR_NONE, H_ENTRYTYPE, M_VERB, NULL},
    {"eventdate", BCV_VAR_EVENT_DATE, H_DATE, 0, NULL},
    {"eventtitle", BCV_VAR_EVENT_TITLE, H_TEXT, M_TITLE, NULL},
    {"howpublished", BCV_VAR_MEDIUM, H_TEXT, M_TEXT, NULL},
    {"hyphenation", BCV_VAR_NONE, H_HYPHENATION, M_VERB, NULL},
    {"institution", BCV_VAR_PUBLISHER, H_LIST, M_TEXT, NULL},
    {"isbn", BCV_VAR_ISBN, H_TEXT, M_VERB, NULL},
    {"issn", BCV_VAR_ISSN, H_TEXT, M_VERB, NULL},
    {"issue", BCV_VAR_ISSUE, H_TEXT, M_TEXT, NULL},
    {"journal", BCV_VAR_CONTAINER_TITLE, H_TEXT, M_TITLE, "journalsubtitle"},
    {"journalsubtitle", BCV_VAR_NONE, H_SKIP, 0, NULL},
    {"journaltitle", BCV_VAR_CONTAINER_TITLE, H_TEXT, M_TITLE, "journalsubtitle"},
    {"keyword", BCV_VAR_KEYWORD, H_KEYWORDS, M_TEXT, NULL}, /* Beebe's files */
    {"keywords", BCV_VAR_KEYWORD, H_KEYWORDS, M_TEXT, NULL},
    {"label", BCV_VAR_CITATION_LABEL, H_TEXT, M_TEXT, NULL},
    {"langid", BCV_VAR_NONE, H_SKIP, 0, NULL},
    {"language", BCV_VAR_LANGUAGE, H_LANGUAGE, M_TEXT, NULL},
    {"location", BCV_VAR_PUBLISHER_PLACE, H_LIST, M_TEXT, NULL},
    {"mainsubtitle", BCV_VAR_NONE, H_SUB, 0, "maintitle"},
    {"maintitle", BCV_VAR_CONTAINER_TITLE, H_TEXT, M_TITLE, "mainsubtitle"},
    {"maintitleaddon", BCV_VAR_NONE, H_SUB, 0, "maintitle"},
    {"month", BCV_VAR_ISSUED, H_MONTH, 0, NULL},
    {"note", BCV_VAR_NOTE, H_TEXT, M_TEXT, NULL},
    {"number", BCV_VAR_NUMBER, H_NUMBER, M_TEXT, NULL},
    {"organization", BCV_VAR_PUBLISHER, H_LIST, M_TEXT, NULL},
    {"origdate", BCV_VAR_ORIGINAL_DATE, H_DATE, 0, NULL},
    {"origlocation", BCV_VAR_ORIGINAL_PUBLISHER_PLACE, H_LIST, M_TEXT, NULL},
    {"origpublisher", BCV_VAR_ORIGINAL_PUBLISHER, H_LIST, M_TEXT, NULL},
    {"origtitle", BCV_VAR_ORIGINAL_TITLE, H_ORIGTITLE, M_TITLE, NULL},
    {"origyear", BCV_VAR_ORIGINAL_DATE, H_DATE, 0, NULL},
    {"pages", BCV_VAR_PAGE, H_TEXT, M_PAGES, NULL},
    {"pagetotal", BCV_VAR_NUMBER_OF_PAGES, H_TEXT, M_TEXT, NULL},
    {"part", BCV_VAR_PART, H_TEXT, M_TEXT, NULL},
    {"pmcid", BCV_VAR_PMCID, H_TEXT, M_VERB, NULL},
    {"pmid", BCV_VAR_PMID, H_TEXT, M_VERB, NULL},
    {"publisher", BCV_VAR_PUBLISHER, H_LIST, M_TEXT, NULL},
    {"pubstate", BCV_VAR_STATUS, H_TEXT, M_TEXT, NULL},
    {"school", BCV_VAR_PUBLISHER, H_LIST, M_TEXT, NULL},
    {"series", BCV_VAR_COLLECTION_TITLE, H_TEXT, M_TITLE, NULL},
    {"shortjournal", BCV_VAR_CONTAINER_TITLE_SHORT, H_TEXT, M_TITLE, NULL},
    {"shorttitle", BCV_VAR_TITLE_SHORT, H_TEXT, M_TITLE, NULL},
    {"subtitle", BCV_VAR_NONE, H_SKIP, 0, NULL},
    {"title", BCV_VAR_TITLE, H_TEXT, M_TITLE, "subtitle"},
    {"titleaddon", BCV_VAR_NONE, H_SUB, 0, "title"},
    {"translator", BCV_VAR_TRANSLATOR, H_NAMES, 0, NULL},
    {"type", BCV_VAR_GENRE, H_GENRE, M_TEXT, NULL},
    {"url", BCV_VAR_URL, H_TEXT, M_VERB, NULL},
    {"urldate", BCV_VAR_ACCESSED, H_DATE, 0, NULL},
    {"venue", BCV_VAR_EVENT_PLACE, H_TEXT, M_TEXT, NULL},
    {"version", BCV_VAR_VERSION, H_TEXT, M_TEXT, NULL},
    {"volume", BCV_VAR_VOLUME, H_TEXT, M_TEXT, NULL},
    {"volumes", BCV_VAR_NUMBER_OF_VOLUMES, H_TEXT, M_TEXT, NULL},
    {"year", BCV_VAR_ISSUED, H_YEAR, 0, NULL},
};

/* Fields whose values are not LaTeX text (kept as extras verbatim):
 * paths, and the keys of other entries ("Smith_2011" is no subscript). */
static int verbatim_field(const char *name) {
  static const char *const v[] = {"crossref", "entryset", "eprint", "file", "ids", "pdf",
                                  "related", "urlraw", "verba", "verbb", "verbc", "xdata", "xref"};
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
    if (strcmp(v[i], name) == 0)
      return 1;
  return 0;
}

static const fmap *field_in(const char *name) { return BT_LOOKUP(fields, name, strlen(name)); }

/* ---- other formats' extras as field names ----
 *
 * pandoc and citation.js refuse a "." in a field name, and BibTeX field
 * names have no case, so the extra "ns.key" is the field "ns:key": "."
 * becomes ":", lower-case ASCII letters, digits and "-" stay, and every
 * other byte (upper case, "_", ":", UTF-8, a leading digit) is "_" and two
 * hex digits.  RIS, MEDLINE and Web of Science tags are upper case: in
 * their namespaces the case of letters is swapped first, so "ris.AD" is
 * "ris:ad" and "medline.OWN" "medline:own".  An extra whose value
 * is JSON (CSL-JSON's "custom": {"score": 1.5}) ends in ":", which no other
 * name does (a trailing "." is escaped).  A name is read back
 * as an extra only when it is what this writes (decoding and encoding it
 * again gives the name); any other name is a field of its own. */
static int plain_name_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* the namespaces whose keys are a format's upper-case tags */
static size_t swapped_from(const char *key) {
  static const char *const tagged[] = {"ris.", "medline.", "isi."};
  for (size_t i = 0; i < sizeof tagged / sizeof tagged[0]; i++) {
    size_t n = strlen(tagged[i]);
    if (strncmp(key, tagged[i], n) == 0)
      return n;
  }
  return (size_t)-1;
}

static int ns_encode(const char *key, int json, bt_buf *out) {
  static const char hex[] = "0123456789abcdef";
  size_t swap = swapped_from(key);
  out->len = 0;
  for (size_t i = 0; key[i]; i++) {
    unsigned char c = (unsigned char)key[i];
    if (i >= swap && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
      c ^= 0x20;
    int m;
    if (c == '.' && key[i + 1])
      m = bt_buf_putc(out, ':');
    else if (plain_name_char(c) && !(i == 0 && c >= '0' && c <= '9'))
      m = bt_buf_putc(out, (char)c);
    else
      m = bt_buf_putc(out, '_') || bt_buf_putc(out, hex[c >> 4]) || bt_buf_putc(out, hex[c & 15]);
    if (m)
      return BCV_ENOMEM;
  }
  if ((json && bt_buf_putc(out, ':')) || bt_buf_reserve(out, 0))
    return BCV_ENOMEM;
  out->p[out->len] = '\0';
  return BCV_OK;
}

static int hexval(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Keys are text: a name whose escapes spell no UTF-8 is no key. */
static int valid_utf8(const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned c = s[i];
    size_t k = c < 0x80 ? 0 : c >= 0xC2 && c < 0xE0 ? 1 : c >= 0xE0 && c < 0xF0 ? 2
             : c >= 0xF0 && c < 0xF5 ? 3 : 9;
    if (k == 9 || i + k >= n + (k == 0))
      return 0;
    for (size_t j = 1; j <= k; j++)
      if ((s[i + j] & 0xC0) != 0x80)
        return 0;
    if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0) ||
        (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90))
      return 0;
    i += k + 1;
  }
  return 1;
}

/* The extra key a field name written by ns_encode stands for, in key;
 * 0 when the name is not one (then it is a field of its own). */
static int ns_decode(const char *name, size_t n, bt_buf *key, bt_buf *check, int *json) {
  size_t full = n;
  *json = n && name[n - 1] == ':';
  n -= (size_t)*json;
  const char *colon = memchr(name, ':', n);
  if (!colon || colon == name)
    return 0;
  key->len = 0;
  for (size_t i = 0; i < n; i++) {
    char c = name[i];
    if (c == '_') {
      int hi = i + 2 < n ? hexval(name[i + 1]) : -1, lo = hi >= 0 ? hexval(name[i + 2]) : -1;
      if (lo < 0 || !(hi | lo))
        return 0;
      c = (char)(hi << 4 | lo);
      i += 2;
    } else if (c == ':') {
      c = '.';
    }
    if (bt_buf_putc(key, c))
      return 0;
  }
  if (bt_buf_reserve(key, 0) || !valid_utf8((const unsigned char *)key->p, key->len))
    return 0;
  key->p[key->len] = '\0';
  size_t swap = swapped_from(key->p);
  for (size_t i = swap; i < key->len; i++)
    if ((key->p[i] >= 'a' && key->p[i] <= 'z') || (key->p[i] >= 'A' && key->p[i] <= 'Z'))
      key->p[i] ^= 0x20;
  return ns_encode(key->p, *json, check) == BCV_OK && check->len == full &&
         memcmp(check->p, name, full) == 0;
}

/* "title_en" -> base "title", lang "en"; NULL lang when no suffix that
 * looks like a BCP 47 tag. */
static const char *split_lang(const char *name, char *base, size_t cap) {
  const char *us = strrchr(name, '_');
  if (!us || us == name || (size_t)(us - name) >= cap)
    return NULL;
  const char *tag = us + 1;
  size_t tl = strlen(tag), alpha = 0;
  while (alpha < tl && ((tag[alpha] >= 'a' && tag[alpha] <= 'z')))
    alpha++;
  if (alpha < 2 || alpha > 3 || (alpha < tl && tag[alpha] != '-'))
    return NULL;
  memcpy(base, name, (size_t)(us - name));
  base[us - name] = '\0';
  return tag;
}

/* Rows whose text may come in other languages as "<field>_<lang>". */
static int text_in_langs(const fmap *m) {
  return m->how == H_TEXT || m->how == H_LIST || m->how == H_KEYWORDS || m->how == H_ORIGTITLE ||
         m->how == H_GENRE;
}

/* ---- reading ---- */

/* A (variable, language) pair that has a text value. */
typedef struct vl_slot {
  const char *lang; /* in the record's arena; NULL: the slot is free */
  bcv_var var;
} vl_slot;

#define N_FIELDS (sizeof fields / sizeof fields[0])

/* What the reader keeps from entry to entry for the mapping. */
struct bt_mapper {
  bt_buf tmp;          /* a decoded value */
  bt_buf key, check;   /* an extra's key from its field name */
  bt_buf keyed;        /* a value with localisation keys, as text */
  bt_buf unkeyed;      /* and the keys that text gives back */
  char strings[16];    /* -I bibstrings: every entry's strings' language */
  int lists;           /* split literal lists (biblatex) */
  /* the rows whose variable depends on the entry (title_var) */
  const fmap *r_title, *r_booktitle, *r_maintitle, *r_location, *r_address;
  const fmap *r_pubstate, *r_series; /* values that may be localisation keys */
  const fmap **rows;   /* each field's row of `fields` (NULL: none) */
  unsigned char *copy; /* 1: the field repeats its "_<lang>" field */
  size_t rows_cap;
  /* canonical(): 0 unknown, 1 no, 2 yes, by row and item type */
  unsigned char canon[N_FIELDS][BCV_TYPE_COUNT];
  /* which one-value variables have a value: untagged ones in a bitmap,
   * tagged ones hashed, so that a hostile entry's thousand languages
   * cost no scan of the record per value */
  unsigned char plain[BCV_VAR_COUNT];
  vl_slot *tagged;
  size_t ntagged, tcap;
};

bt_mapper *bt_mapper_new(int lists, const char *strings_lang) {
  bt_mapper *m = calloc(1, sizeof(bt_mapper));
  if (m) {
    m->lists = lists;
    snprintf(m->strings, sizeof m->strings, "%s", strings_lang ? strings_lang : "");
    m->r_title = BT_LOOKUP(fields, "title", 5);
    m->r_booktitle = BT_LOOKUP(fields, "booktitle", 9);
    m->r_maintitle = BT_LOOKUP(fields, "maintitle", 9);
    m->r_location = BT_LOOKUP(fields, "location", 8);
    m->r_address = BT_LOOKUP(fields, "address", 7);
    m->r_pubstate = BT_LOOKUP(fields, "pubstate", 8);
    m->r_series = BT_LOOKUP(fields, "series", 6);
  }
  return m;
}

void bt_mapper_free(bt_mapper *m) {
  if (!m)
    return;
  bt_buf_free(&m->tmp);
  bt_buf_free(&m->key);
  bt_buf_free(&m->check);
  bt_buf_free(&m->keyed);
  bt_buf_free(&m->unkeyed);
  free(m->rows);
  free(m->copy);
  free(m->tagged);
  free(m);
}

typedef struct rd {
  const bt_entry *e;
  bcv_record *r;
  bcv_diag *diag;
  bt_mapper *m;
  bt_buf *tmp;
  int useprefix;
  int shape;     /* how the entry type holds titles: TS_* */
  int maintitle; /* the entry has a maintitle: 1, or 2 when it only repeats booktitle */
  int patent;
  unsigned keys;        /* keys_ctx of the entry's type */
  const char *origlang; /* BCP 47 of origlanguage */
  const char *strlang;  /* BCP 47 of the localisation keys' strings (NULL: English) */
  char origlang_buf[32];
} rd;

static void warn(rd *c, const bt_field *f, const char *fmt, const char *a) {
  char msg[400];
  snprintf(msg, sizeof msg, fmt, a);
  bcv_diag_report(c->diag, BCV_SEV_WARNING, NULL, f ? f->line : c->e->line,
                  f ? f->col : c->e->col, "entry '%s': %s", BT_STR(c->e, c->e->key), msg);
}

static const char *decode(rd *c, const char *v, size_t n, unsigned mode) {
  c->tmp->len = 0;
  return bt_latex_decode_lang(v, n, mode, c->strlang, c->tmp) ? NULL : c->tmp->p;
}

static int add_extra(rd *c, const char *name, const char *text) {
  size_t n = strlen(name);
  bt_buf *k = &c->m->key;
  int json;
  if (ns_decode(name, n, k, &c->m->check, &json)) /* "ris:ad": another format's extra */
    return bcv_record_add_extra(c->r, k->p, text, strlen(text), json ? BCV_EXTRA_JSON : 0);
  k->len = 0;
  /* "ris.AD" as older versions wrote it */
  if ((!strchr(name, '.') && bt_buf_puts(k, "bibtex.")) || bt_buf_put(k, name, n) ||
      bt_buf_reserve(k, 0))
    return BCV_ENOMEM;
  k->p[k->len] = '\0';
  return bcv_record_add_extra(c->r, k->p, text, strlen(text), 0);
}

static size_t vl_hash(bcv_var v, const char *lang) {
  size_t h = 2166136261u ^ (size_t)v;
  for (const unsigned char *p = (const unsigned char *)lang; *p; p++)
    h = (h ^ *p) * 16777619u;
  return h;
}

/* The slot of (v, lang): the one holding it, or the free one where it goes. */
static vl_slot *vl_find(const rd *c, bcv_var v, const char *lang) {
  size_t mask = c->m->tcap - 1;
  for (size_t i = vl_hash(v, lang) & mask;; i = (i + 1) & mask) {
    vl_slot *s = &c->m->tagged[i];
    if (!s->lang || (s->var == v && strcmp(s->lang, lang) == 0))
      return s;
  }
}

static int has_text(const rd *c, bcv_var v, const char *lang) {
  if (!lang)
    return c->m->plain[v];
  return c->m->ntagged && vl_find(c, v, lang)->lang;
}

static int note_text(rd *c, bcv_var v, const char *lang) {
  if (!lang) {
    c->m->plain[v] = 1;
    return BCV_OK;
  }
  if ((c->m->ntagged + 1) * 2 > c->m->tcap) {
    size_t cap = c->m->tcap ? c->m->tcap * 2 : 16;
    vl_slot *old = c->m->tagged, *nt = calloc(cap, sizeof *nt);
    if (!nt)
      return BCV_ENOMEM;
    size_t oldcap = c->m->tcap;
    c->m->tagged = nt;
    c->m->tcap = cap;
    for (size_t i = 0; i < oldcap; i++)
      if (old[i].lang)
        *vl_find(c, old[i].var, old[i].lang) = old[i];
    free(old);
  }
  vl_slot *s = vl_find(c, v, lang);
  if (!s->lang) {
    if (!(s->lang = bcv_record_strndup(c->r, lang, strlen(lang))))
      return BCV_ENOMEM;
    s->var = v;
    c->m->ntagged++;
  }
  return BCV_OK;
}

/* Every text value of a one-value variable goes in here, so that
 * add_text knows what is taken. */
static int text_in(rd *c, bcv_var v, const char *lang, const char *text, size_t len) {
  if (lang && !*lang)
    lang = NULL;
  size_t before = bcv_record_field_count(c->r);
  int rc = bcv_record_add_text(c->r, v, lang, text, len);
  if (rc || bcv_record_field_count(c->r) == before) /* an empty value is not added */
    return rc;
  return bcv_var_kind(v) == BCV_KIND_LIST ? BCV_OK : note_text(c, v, lang);
}

/* A text value; a second value of a one-value variable in the same
 * language is kept as an extra under its field name. */
static int add_text(rd *c, bcv_var v, const char *lang, const char *name, const char *text) {
  if (bcv_var_kind(v) != BCV_KIND_LIST && has_text(c, v, lang && *lang ? lang : NULL))
    return add_extra(c, name, text);
  return text_in(c, v, lang, text, strlen(text));
}

/* A biblatex literal list ("Berlin and New York"): each item split at
 * "and" outside braces, as biber splits it, is a value of v. */
static int add_items(rd *c, bcv_var v, const char *lang, const char *s, size_t n, unsigned mode) {
  long depth = 0;
  size_t from = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n) {
      if (s[i] == '{')
        depth++;
      else if (s[i] == '}' && depth > 0)
        depth--;
      if (depth || !bt_and_at(s, i, n))
        continue;
    }
    const char *t = decode(c, s + from, i - from, mode);
    if (!t)
      return BCV_ENOMEM;
    int rc = text_in(c, v, lang, t, strlen(t));
    if (rc)
      return rc;
    from = i + 3;
    i += 2;
  }
  return BCV_OK;
}

/* Month and season words beside BibTeX's own: English names and their
 * abbreviations ("Sept."), French ones (real files from francophone
 * labs have them), and the seasons journals use for issues ("Winter").
 * A row with prefix 1 also matches its first three letters or more. */
static const struct {
  const char *name;
  unsigned char month, season, prefix;
} month_words[] = {
    {"january", 1, 0, 1},    {"february", 2, 0, 1},  {"march", 3, 0, 1},
    {"april", 4, 0, 1},      {"may", 5, 0, 1},       {"june", 6, 0, 1},
    {"july", 7, 0, 1},       {"august", 8, 0, 1},    {"september", 9, 0, 1},
    {"october", 10, 0, 1},   {"november", 11, 0, 1}, {"december", 12, 0, 1},
    {"janvier", 1, 0, 0},    {"janv", 1, 0, 0},      {"f\xc3\xa9vrier", 2, 0, 0},
    {"fevrier", 2, 0, 0},    {"f\xc3\xa9vr", 2, 0, 0}, {"fevr", 2, 0, 0},
    {"f\xc3\xa9v", 2, 0, 0}, {"fev", 2, 0, 0},     {"mars", 3, 0, 0},
    {"avril", 4, 0, 0},      {"avr", 4, 0, 0},       {"mai", 5, 0, 0},
    {"juin", 6, 0, 0},       {"juillet", 7, 0, 0},   {"juil", 7, 0, 0},
    {"ao\xc3\xbbt", 8, 0, 0}, {"aout", 8, 0, 0},   {"septembre", 9, 0, 0},
    {"octobre", 10, 0, 0},   {"novembre", 11, 0, 0}, {"d\xc3\xa9" "cembre", 12, 0, 0},
    {"decembre", 12, 0, 0},  {"d\xc3\xa9" "c", 12, 0, 0},
    {"spring", 0, 1, 0},     {"summer", 0, 2, 0},    {"autumn", 0, 3, 0},
    {"fall", 0, 3, 0},       {"winter", 0, 4, 0},    {"printemps", 0, 1, 0},
    {"\xc3\xa9t\xc3\xa9", 0, 2, 0}, {"ete", 0, 2, 0}, {"automne", 0, 3, 0},
    {"hiver", 0, 4, 0},
};

/* The month (1-12) a word names, or 0; a season's number (1 spring to 4
 * winter, as bcv_date has it) goes in *season. */
static int month_number(const char *s, int *season) {
  *season = 0;
  while (*s == ' ')
    s++;
  if (s[0] >= '0' && s[0] <= '9') {
    char *end;
    long m = strtol(s, &end, 10);
    while (*end == ' ')
      end++;
    return m >= 1 && m <= 12 && !*end ? (int)m : 0;
  }
  size_t n = strlen(s);
  while (n && (s[n - 1] == '.' || s[n - 1] == ' '))
    n--;
  if (n < 3)
    return 0;
  for (size_t i = 0; i < sizeof month_words / sizeof month_words[0]; i++) {
    size_t wl = strlen(month_words[i].name);
    if ((n == wl || (month_words[i].prefix && n < wl)) &&
        strncasecmp(s, month_words[i].name, n) == 0) {
      *season = month_words[i].season;
      return month_words[i].month;
    }
  }
  return 0;
}

/* month: "jan", "January", "7", and what xampl.bib shows real files
 * hold: "10 January" (a day), "June-August" and "November, December"
 * (a range within the year); or a season alone ("Winter", *season).
 * Returns 0 when it is none of these. */
static int parse_month(const char *s, int *from, int *day, int *to, int *season) {
  char words[4][32];
  int nw = 0;
  *from = *day = *to = *season = 0;
  for (const char *p = s; *p;) {
    if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
      p += 2;
      continue;
    }
    if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80) {
      p += 3;
      continue;
    }
    if (strchr(" -,/.", *p)) {
      p++;
      continue;
    }
    size_t n = strcspn(p, " -,/.\xC2\xE2");
    if (!n)
      n = 1;
    if (nw == 4 || n >= sizeof words[0])
      return 0;
    memcpy(words[nw], p, n);
    words[nw++][n] = '\0';
    p += n;
  }
  int months[4], nm = 0, num = 0;
  for (int i = 0; i < nw; i++) {
    int sn;
    int m = month_number(words[i], &sn);
    int digits = words[i][0] >= '0' && words[i][0] <= '9';
    if (sn && nw == 1) {
      *season = sn;
      return 1;
    }
    if (m && !(digits && nw > 1)) {
      months[nm++] = m;
    } else if (digits && !num) {
      num = atoi(words[i]);
      if (num < 1 || num > 31)
        return 0;
    } else {
      return 0;
    }
  }
  if (nm == 1 && nw == 1) {
    *from = months[0];
  } else if (nm == 1 && num) {
    *from = months[0];
    *day = num;
  } else if (nm == 2 && !num && months[1] > months[0]) {
    *from = months[0];
    *to = months[1];
  } else {
    return 0;
  }
  return 1;
}

/* year: "2024", "2004--2005", "2004/2005", "1990~"; else a literal date
 * ("in press"). */
static void parse_year(const char *s, bcv_date *d) {
  char buf[64];
  size_t n = 0;
  for (const char *p = s; *p && n < sizeof buf - 1; p++) {
    if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94)) {
      buf[n++] = '/';
      p += 2;
    } else if (*p != ' ') {
      buf[n++] = *p;
    }
  }
  buf[n] = '\0';
  if (n == 9 && buf[4] == '-' && !strchr(buf + 5, '-'))
    buf[4] = '/'; /* "2004-2005" */
  if (bcv_date_parse_edtf(buf, n, d) == BCV_OK && !d->from.month && !d->to.month)
    return;
  memset(d, 0, sizeof *d);
  d->literal = s;
}

/* ---- titles of multi-volume works ---- */

/* How an entry type holds the titles around its own: a whole book (its
 * booktitle is no container), a part of one (booktitle is the container),
 * or neither. */
enum { TS_OTHER, TS_WHOLE, TS_PART };

static const struct shape_row {
  const char *name;
  int shape;
} shapes[] = {
    {"book", TS_WHOLE},          {"bookinbook", TS_PART},     {"collection", TS_WHOLE},
    {"conference", TS_PART},     {"inbook", TS_PART},         {"incollection", TS_PART},
    {"inproceedings", TS_PART},  {"inreference", TS_PART},    {"mvbook", TS_WHOLE},
    {"mvcollection", TS_WHOLE},  {"mvproceedings", TS_WHOLE}, {"mvreference", TS_WHOLE},
    {"proceedings", TS_WHOLE},   {"reference", TS_WHOLE},     {"suppbook", TS_PART},
    {"suppcollection", TS_PART},
};

static int shape_of(const char *etype) {
  const struct shape_row *s = BT_LOOKUP(shapes, etype, strlen(etype));
  return s ? s->shape : TS_OTHER;
}

/* The variable of a title or place field in this entry.  CSL 1.0.2's
 * volume-title is the volume's title: a part of a multi-volume work has
 * the work (maintitle) as container and its volume (booktitle) as
 * volume-title; a volume itself has the work as title, as pandoc and
 * citeproc read it.  A patent's location is its jurisdiction.
 * BCV_VAR_NONE: kept as an extra; VAR_SAID: said by another field. */
#define VAR_SAID BCV_VAR_COUNT
static bcv_var title_var(const rd *c, const fmap *m) {
  const bt_mapper *mp = c->m;
  if (m == mp->r_maintitle)
    return c->maintitle == 2        ? VAR_SAID
           : c->shape == TS_PART ? BCV_VAR_CONTAINER_TITLE
           : c->shape == TS_WHOLE ? BCV_VAR_TITLE
                                  : BCV_VAR_NONE;
  if (m == mp->r_booktitle)
    return c->shape == TS_WHOLE ? BCV_VAR_NONE
           : c->shape == TS_PART && c->maintitle == 1 ? BCV_VAR_VOLUME_TITLE
                                                 : m->var;
  if (m == mp->r_title)
    return c->shape == TS_WHOLE && c->maintitle ? BCV_VAR_VOLUME_TITLE : m->var;
  if (c->patent && (m == mp->r_location || m == mp->r_address))
    return BCV_VAR_JURISDICTION;
  return m->var;
}

/* A value that is a localisation key (type = {patentus}) as its text in
 * the entry's language; NULL: t is text.  The biblatex writer gives the
 * key back from the text; where the text would give another key
 * (Portuguese "no prelo" is forthcoming and inpress), the key is kept as
 * an extra too. */
static const char *keyed_value(rd *c, const char *name, const char *t, int *rc) {
  bt_buf *k = &c->m->keyed, *back = &c->m->unkeyed;
  k->len = back->len = 0;
  int got = bt_bibstring_field(name, c->keys, t, c->strlang, k);
  if (got > 0)
    got = bt_bibstring_unfield(name, c->keys, k->p, c->strlang, back) < 0 ? -1 : 1;
  *rc = got < 0 ? BCV_ENOMEM : BCV_OK;
  if (got > 0 && (!back->len || strcmp(back->p, t) != 0))
    *rc = add_extra(c, name, t);
  return got > 0 && !*rc ? k->p : NULL;
}

/* f's row: row is its name's (NULL: none), looked up by the caller. */
static int read_field(rd *c, const bt_field *f, const fmap *row) {
  const bt_entry *e = c->e;
  const char *name = BT_STR(e, f->name), *val = BT_STR(e, f->val);
  char base[128];
  const char *lang = split_lang(name, base, sizeof base);
  const fmap *m = lang ? field_in(base) : row;
  if (lang && !(m && (m->how == H_NAMES || text_in_langs(m))))
    lang = NULL, m = row;
  fmap as_var;
  if (!m) {
    bcv_var v = bcv_var_from_name(name, f->nlen);
    if (v == BCV_VAR_NONE || v == BCV_VAR_LANGUAGE) { /* kept for the way back */
      const char *t = decode(c, val, f->vlen, verbatim_field(name) ? M_VERB : M_TEXT);
      if (!t)
        return BCV_ENOMEM;
      return *t ? add_extra(c, name, t) : BCV_OK;
    }
    /* a field named like a CSL variable is read as the table reads its kind */
    bcv_kind k = bcv_var_kind(v);
    as_var = (fmap){name, v, k == BCV_KIND_NAMES ? H_NAMES : k == BCV_KIND_DATE ? H_DATE : H_TEXT,
                    M_TEXT, NULL};
    m = &as_var;
  }
  const char *t;
  switch (m->how) {
  case H_HYPHENATION:
    if (!bt_entry_has(e, "langid"))
      return BCV_OK;
    return (t = decode(c, val, f->vlen, M_VERB)) ? add_extra(c, name, t) : BCV_ENOMEM;
  case H_SUB: { /* a subtitle kept as it is when its title is, or is absent */
    bcv_var pv = title_var(c, field_in(m->sub));
    if (!lang && pv != VAR_SAID && (pv == BCV_VAR_NONE || !bt_entry_has(e, m->sub))) {
      if (!(t = decode(c, val, f->vlen, M_TITLE)))
        return BCV_ENOMEM;
      return *t ? add_extra(c, name, t) : BCV_OK;
    }
    return BCV_OK;
  }
  case H_ENTRYTYPE:
    if (!(t = decode(c, val, f->vlen, M_VERB)))
      return BCV_ENOMEM;
    return *t && !known_type(t, strlen(t)) ? add_extra(c, name, t) : BCV_OK;
  case H_SKIP:
  case H_YEAR:
  case H_MONTH:
  case H_DAY:
    return BCV_OK;
  case H_NAMES: {
    size_t more, at;
    int rc = bt_names_read(c->r, m->var, val, f->vlen, c->useprefix, lang, &more, &at);
    if (rc || !more)
      return rc;
    /* other-language forms past the last name: no name to hang them on,
     * so they stay a note ("author_en: Li, Si and Wang, Wu"), said */
    const bcv_field *have = bcv_record_field(c->r, m->var);
    size_t had = 0;
    for (const bcv_name *nm = have ? have->names : NULL; nm; nm = nm->next)
      had++;
    const char *us = strrchr(name, '_');
    bcv_diag_report(c->diag, BCV_SEV_WARNING, NULL, f->line, f->col,
                    "entry '%s': %s: %zu more name%s than %.*s's %zu; kept as a note",
                    BT_STR(c->e, c->e->key), name, more, more == 1 ? "" : "s",
                    us ? (int)(us - name) : (int)strlen(name), name, had);
    if (!(t = decode(c, val + at, f->vlen - at, M_TEXT)))
      return BCV_ENOMEM;
    size_t nl = strlen(name), tl = strlen(t);
    char *kept = bcv_record_alloc(c->r, nl + 2 + tl);
    if (!kept)
      return BCV_ENOMEM;
    memcpy(kept, name, nl);
    memcpy(kept + nl, ": ", 2);
    memcpy(kept + nl + 2, t, tl);
    return bcv_record_add_text(c->r, BCV_VAR_NOTE, NULL, kept, nl + 2 + tl);
  }
  case H_DATE: {
    if (!(t = decode(c, val, f->vlen, M_VERB)))
      return BCV_ENOMEM;
    bcv_date d;
    if (!*t)
      return BCV_OK;
    if (bcv_date_parse_edtf(t, strlen(t), &d) != BCV_OK) {
      /* "15/05/84" beside year = 1975: a date that cannot be read must
       * not replace a year that can */
      size_t yl;
      const char *y = m->var == BCV_VAR_ISSUED ? bt_entry_get(e, "year", &yl) : NULL;
      if (y && yl && strcmp(name, "date") == 0) {
        warn(c, f, "date '%s' is not an ISO 8601 date; the year is used, the date kept as bibtex.date", t);
        return add_extra(c, name, t);
      }
      warn(c, f, "date '%s' is not an ISO 8601 date; kept as text", t);
      memset(&d, 0, sizeof d);
      d.literal = t;
    }
    if (bcv_record_field(c->r, m->var))
      return add_extra(c, name, t);
    return bcv_record_add_date(c->r, m->var, &d);
  }
  case H_KEYWORDS: {
    if (!(t = decode(c, val, f->vlen, m->mode)))
      return BCV_ENOMEM;
    const char *p = t;
    while (*p) {
      size_t k = strcspn(p, ",;");
      int rc = bcv_record_add_text(c->r, BCV_VAR_KEYWORD, lang, p, k);
      if (rc)
        return rc;
      p += k;
      if (*p)
        p++;
    }
    return BCV_OK;
  }
  case H_GENRE: {
    if (!(t = decode(c, val, f->vlen, m->mode)))
      return BCV_ENOMEM;
    char gbuf[64];
    const char *g = genre_of_key(t, c->strlang, gbuf);
    int rc = BCV_OK;
    if (!g && !lang && !(g = keyed_value(c, name, t, &rc)) && rc)
      return rc;
    return add_text(c, BCV_VAR_GENRE, lang, name, g ? g : t);
  }
  case H_NUMBER:
    if (!(t = decode(c, val, f->vlen, m->mode)))
      return BCV_ENOMEM;
    return add_text(c, number_var(bcv_record_type(c->r)), NULL, name, t);
  case H_DOI: {
    if (!(t = decode(c, val, f->vlen, M_VERB)))
      return BCV_ENOMEM;
    static const char *const prefixes[] = {"https://doi.org/", "http://doi.org/",
                                           "https://dx.doi.org/", "http://dx.doi.org/", "doi:"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
      if (strncasecmp(t, prefixes[i], strlen(prefixes[i])) == 0) {
        t += strlen(prefixes[i]);
        break;
      }
    return add_text(c, BCV_VAR_DOI, NULL, name, t);
  }
  case H_LANGUAGE:
    if (!(t = decode(c, val, f->vlen, m->mode)))
      return BCV_ENOMEM;
    if (bcv_record_text(c->r, BCV_VAR_LANGUAGE, NULL))
      return add_extra(c, name, t);
    {
      const char *tag = bt_langid_to_bcp47(t, strlen(t));
      if (tag && add_extra(c, "language", t))
        return BCV_ENOMEM;
      return add_text(c, BCV_VAR_LANGUAGE, NULL, name, tag ? tag : t);
    }
  case H_LIST:
  case H_ORIGTITLE:
  case H_TEXT: {
    bcv_var v = title_var(c, m);
    if (v == VAR_SAID)
      return BCV_OK;
    if (!(t = decode(c, val, f->vlen, m->mode)))
      return BCV_ENOMEM;
    if (v == BCV_VAR_NONE)
      return *t ? add_extra(c, name, t) : BCV_OK;
    if (!lang && (m == c->m->r_pubstate || m == c->m->r_series || v == BCV_VAR_JURISDICTION)) {
      int rc;
      const char *k = keyed_value(c, name, t, &rc);
      if (rc)
        return rc;
      if (k)
        return add_text(c, v, NULL, name, k);
    }
    if (m->how == H_LIST && c->m->lists && !has_text(c, v, lang && *lang ? lang : NULL))
      return add_items(c, v, lang, val, f->vlen, m->mode);
    if (m->sub) { /* title + ": " + subtitle + ". " + titleaddon, as biblatex prints them */
      const char *addon = m == c->m->r_title       ? "titleaddon"
                          : m == c->m->r_booktitle ? "booktitleaddon"
                          : m == c->m->r_maintitle ? "maintitleaddon"
                                                   : NULL;
      for (int k = 0; k < 2; k++) {
        const char *part = k ? addon : m->sub;
        char sub[128];
        if (!part)
          continue;
        if (lang)
          snprintf(sub, sizeof sub, "%s_%s", part, lang);
        size_t sl;
        const char *sv = bt_entry_get(e, lang ? sub : part, &sl);
        if (sv) {
          size_t tl = c->tmp->len;
          int punct = tl && strchr(".?!:", c->tmp->p[tl - 1]);
          if ((tl && bt_buf_puts(c->tmp, punct ? " " : k ? ". " : ": ")) ||
              bt_latex_decode_lang(sv, sl, m->mode, c->strlang, c->tmp))
            return BCV_ENOMEM;
          t = c->tmp->p;
        }
      }
    }
    const char *tl = lang;
    if (m->how == H_ORIGTITLE && !tl)
      tl = c->origlang;
    return add_text(c, v, tl, name, t);
  }
  }
  return BCV_OK;
}

/* year, month and day make the issued date when there is no date field;
 * a year or month that disagrees with the date is kept as an extra. */
static int read_issued(rd *c) {
  const bt_entry *e = c->e;
  size_t yl, ml, dl;
  const char *y = bt_entry_get(e, "year", &yl), *mo = bt_entry_get(e, "month", &ml),
             *dy = bt_entry_get(e, "day", &dl);
  const bcv_field *have = bcv_record_field(c->r, BCV_VAR_ISSUED);
  const bcv_date *date = have ? have->date : NULL;
  bcv_date d;
  memset(&d, 0, sizeof d);
  int rc;
  if (y) {
    const char *t = decode(c, y, yl, M_TEXT);
    if (!t)
      return BCV_ENOMEM;
    char *keep = bcv_record_strndup(c->r, t, strlen(t));
    if (!keep)
      return BCV_ENOMEM;
    parse_year(keep, &d);
    if (date) {
      /* "2004--2005" beside date = {2004/2005} says the same */
      int same = !d.literal && d.from.year == date->from.year &&
                 (d.flags == 0 || (d.flags == date->flags && d.to.year == date->to.year));
      if (!same)
        if ((rc = add_extra(c, "year", keep)))
          return rc;
    } else if (!*keep) {
      y = NULL;
    }
  }
  if (mo) {
    const char *t = decode(c, mo, ml, M_TEXT);
    if (!t)
      return BCV_ENOMEM;
    int m, mday, mto, season;
    int ok = parse_month(t, &m, &mday, &mto, &season);
    int fits = ok && !date && y && !d.literal && d.from.parts == 1 && !(d.flags & BCV_DATE_RANGE);
    if (ok && date && (season ? date->season == season : date->from.month == m)) {
      /* the date says it already */
    } else if (fits && season) {
      d.season = season;
    } else if (fits) {
      d.from.month = m;
      d.from.parts = 2;
      if (mday && mday <= 31) {
        d.from.day = mday;
        d.from.parts = 3;
      } else if (mto) {
        d.flags |= BCV_DATE_RANGE;
        d.to.year = d.from.year;
        d.to.month = mto;
        d.to.parts = 2;
      }
      if (dy && !mday && !mto) {
        const char *ds = decode(c, dy, dl, M_TEXT);
        int day = ds ? atoi(ds) : 0;
        if (day >= 1 && day <= 31) {
          d.from.day = day;
          d.from.parts = 3;
          dy = NULL;
        }
      }
    } else {
      if (!ok) {
        warn(c, bt_entry_field(e, "month"), "month '%s' is not a month; kept as bibtex.month", t);
      }
      if ((rc = add_extra(c, "month", t)))
        return rc;
    }
  }
  if (dy && !(date && date->from.parts == 3)) {
    const char *t = decode(c, dy, dl, M_TEXT);
    if (!t || (rc = add_extra(c, "day", t)))
      return t ? rc : BCV_ENOMEM;
  }
  if (!date && y)
    return bcv_record_add_date(c->r, BCV_VAR_ISSUED, &d);
  return BCV_OK;
}

static int canonical(const fmap *m, bcv_type t);

/* canonical(), remembered per row and type. */
static int is_canonical(bt_mapper *mp, const fmap *m, bcv_type t) {
  if (!m || (unsigned)t >= BCV_TYPE_COUNT)
    return m ? canonical(m, t) : 0;
  unsigned char *c = &mp->canon[m - fields][t];
  if (!*c)
    *c = canonical(m, t) ? 2 : 1;
  return *c == 2;
}

/* The BCP 47 tag of the entry's `language` field, its first language
 * ("german", "langgerman", "english and german"), or NULL. */
static const char *language_tag(const bt_entry *e) {
  size_t n;
  const char *v = bt_entry_get(e, "language", &n);
  if (!v)
    return NULL;
  while (n && (*v == ' ' || *v == '{'))
    v++, n--;
  size_t w = 0;
  while (w < n && !strchr(" \t\n\r},", v[w]))
    w++;
  if (w > 4 && strncasecmp(v, "lang", 4) == 0 && bt_langid_to_bcp47(v + 4, w - 4))
    v += 4, w -= 4;
  return bt_langid_to_bcp47(v, w);
}

int bt_map_entry(bt_mapper *mp, const bt_entry *e, bcv_record *r, bcv_diag *diag) {
  rd c = {.e = e, .r = r, .diag = diag, .m = mp, .tmp = &mp->tmp};
  int rc = BCV_OK;
  memset(mp->plain, 0, sizeof mp->plain);
  if (mp->ntagged) {
    memset(mp->tagged, 0, mp->tcap * sizeof *mp->tagged);
    mp->ntagged = 0;
  }
  if (e->n > mp->rows_cap) {
    const fmap **nr = realloc(mp->rows, e->n * sizeof *nr);
    if (nr)
      mp->rows = nr;
    unsigned char *nc = realloc(mp->copy, e->n);
    if (nc)
      mp->copy = nc;
    if (!nr || !nc)
      return BCV_ENOMEM;
    mp->rows_cap = e->n;
  }
  /* "journal" that repeats "journal_en" was written for a record with no
   * value in its own language (so that styles print one): not a value of
   * its own */
  if (e->n)
    memset(mp->copy, 0, e->n);
  for (size_t i = 0; i < e->n; i++) {
    const bt_field *f = &e->f[i];
    char base[128];
    const char *lang = f->nlen > 3 ? split_lang(BT_STR(e, f->name), base, sizeof base) : NULL;
    const fmap *m = lang ? field_in(base) : NULL;
    const bt_field *main = m && text_in_langs(m) ? bt_entry_field(e, base) : NULL;
    if (main && main->vlen == f->vlen && memcmp(BT_STR(e, main->val), BT_STR(e, f->val), f->vlen) == 0)
      mp->copy[main - e->f] = 1;
  }
  char given[32];
  const char *etype = bt_entry_type(e, given);
  int known;
  bcv_type t = type_in(etype, &known);
  const bt_field *sub = bt_entry_field(e, "entrysubtype");
  if (t == BCV_TYPE_ARTICLE_JOURNAL && sub) {
    /* said by the type, which the writers give back as this subtype */
    const char *v = BT_STR(e, sub->val);
    if (sub->vlen == 8 && strncasecmp(v, "magazine", 8) == 0)
      t = BCV_TYPE_ARTICLE_MAGAZINE, mp->copy[sub - e->f] = 1;
    else if (sub->vlen == 9 && strncasecmp(v, "newspaper", 9) == 0)
      t = BCV_TYPE_ARTICLE_NEWSPAPER, mp->copy[sub - e->f] = 1;
  }
  bcv_record_set_type(r, t);
  c.shape = shape_of(etype);
  /* a part whose booktitle is its maintitle (what a writer gave it from
   * an inherited maintitle, read again with its crossref) has one container */
  size_t mtl, btl;
  const char *mt = bt_entry_get(e, "maintitle", &mtl), *bt = bt_entry_get(e, "booktitle", &btl);
  c.maintitle = !mt ? 0 : c.shape == TS_PART && bt && btl == mtl && memcmp(bt, mt, mtl) == 0 ? 2 : 1;
  c.patent = t == BCV_TYPE_PATENT;
  c.keys = keys_ctx(t);
  if (e->klen && (rc = bcv_record_set_id(r, BT_STR(e, e->key), e->klen)))
    goto out;
  bcv_record_set_pos(r, e->line, e->col);
  if (!known)
    warn(&c, NULL, "unknown entry type '@%s'; read as a document", etype);

  /* what other fields depend on: the language, name particles */
  size_t ll;
  const char *langid = bt_entry_get(e, "langid", &ll);
  if (!langid)
    langid = bt_entry_get(e, "hyphenation", &ll);
  if (langid) {
    const char *lt = decode(&c, langid, ll, M_VERB);
    if (!lt) {
      rc = BCV_ENOMEM;
      goto out;
    }
    const char *tag = bt_langid_to_bcp47(lt, strlen(lt));
    /* langidopts = {variant=british} narrows english to en-GB */
    const char *lo = bt_entry_get(e, "langidopts", NULL);
    const char *var = lo && tag ? strstr(lo, "variant=") : NULL;
    if (var && strcmp(tag, "en") == 0) {
      const char *v = bt_langid_to_bcp47(var + 8, strcspn(var + 8, ", }"));
      if (v && strncmp(v, "en-", 3) == 0)
        tag = v;
    }
    const char *back = tag ? bt_bcp47_to_langid(tag) : NULL;
    if (!back || strcmp(back, lt) != 0)
      if ((rc = add_extra(&c, "langid", lt)))
        goto out;
    if ((rc = text_in(&c, BCV_VAR_LANGUAGE, NULL, tag ? tag : lt, strlen(tag ? tag : lt))))
      goto out;
    c.strlang = tag;
  } else {
    c.strlang = language_tag(e);
  }
  if (mp->strings[0]) /* -I bibstrings: one language for all, as a document's */
    c.strlang = mp->strings;
  size_t ol;
  const char *opts = bt_entry_get(e, "options", &ol);
  if (opts) {
    const char *u = strstr(opts, "useprefix");
    c.useprefix = u && (u[9] != '=' || strncmp(u + 10, "true", 4) == 0);
  }
  const char *origlang = bt_entry_get(e, "origlanguage", &ol);
  if (origlang) {
    const char *ot = decode(&c, origlang, ol, M_VERB);
    const char *tag = ot ? bt_langid_to_bcp47(ot, strlen(ot)) : NULL;
    if (tag || (ot && strlen(ot) < sizeof c.origlang_buf)) {
      snprintf(c.origlang_buf, sizeof c.origlang_buf, "%s", tag ? tag : ot);
      c.origlang = c.origlang_buf;
    }
  }
  if (e->preamble && (rc = bcv_record_add_extra(r, "bibtex.preamble", e->preamble,
                                                strlen(e->preamble), 0)))
    goto out;
  /* thesis types carry their genre */
  if (!bt_entry_has(e, "type")) {
    const char *g = strcmp(etype, "phdthesis") == 0       ? "PhD thesis"
                    : strcmp(etype, "mastersthesis") == 0 ? "Master's thesis"
                                                          : NULL;
    if (g && (rc = text_in(&c, BCV_VAR_GENRE, NULL, g, strlen(g))))
      goto out;
  }
  /* a field a writer would use for its variable goes first, so that it
   * wins over a synonym (publisher over organization in @inproceedings,
   * institution over publisher in @techreport) */
  for (size_t i = 0; i < e->n && !rc; i++) {
    const fmap *m = mp->rows[i] = field_in(BT_STR(e, e->f[i].name));
    if (!mp->copy[i] && is_canonical(mp, m, t))
      rc = read_field(&c, &e->f[i], m);
  }
  for (size_t i = 0; i < e->n && !rc; i++)
    if (!mp->copy[i] && !is_canonical(mp, mp->rows[i], t))
      rc = read_field(&c, &e->f[i], mp->rows[i]);
  if (!rc)
    rc = read_issued(&c);
  /* the entry type, when neither writer would give it back (another
   * program's spelling of a type they write is not worth keeping) */
  const struct foreign *spelling = foreign_type(etype, strlen(etype));
  if (!rc && !(spelling && !spelling->kept)) {
    const char *genre = bcv_record_text(r, BCV_VAR_GENRE, NULL);
    if (strcmp(etype, type_out(t, BT_BIBTEX, genre)) != 0 &&
        strcmp(etype, type_out(t, BT_BIBLATEX, genre)) != 0)
      rc = add_extra(&c, "entrytype", etype);
  }
out:
  return rc;
}

/* ---- writing ---- */

enum when { W_ALL, W_PERIODICAL, W_NOT_PERIODICAL, W_WHOLE, W_THESIS, W_REPORT, W_PATENT,
            W_NUMBER_IS, /* the variable is what `number` holds for the type */
            W_VOL_WHOLE, /* a volume of a multi-volume work (it has a volume-title) */
            W_VOL_PART   /* a part of such a volume */ };

enum wkind { WK_TEXT, WK_NAMES, WK_ISSUED, WK_DATE, WK_LIST, WK_LITLIST, WK_LANGUAGE, WK_GENRE,
             WK_ORIGTITLE };

typedef struct wmap {
  bcv_var var;
  const char *bibtex, *biblatex; /* NULL: not written in that dialect */
  unsigned char when, kind, enc;
} wmap;

enum { E_TEXT = 0, E_VERB = BT_ENC_VERBATIM, E_PAGES = BT_ENC_PAGES };

/* In output order; the first row that applies to a variable wins. */
static const wmap out_fields[] = {
    {BCV_VAR_AUTHOR, "author", "author", W_ALL, WK_NAMES, 0},
    {BCV_VAR_EDITOR, "editor", "editor", W_ALL, WK_NAMES, 0},
    {BCV_VAR_TRANSLATOR, "translator", "translator", W_ALL, WK_NAMES, 0},
    {BCV_VAR_CONTAINER_AUTHOR, "bookauthor", "bookauthor", W_ALL, WK_NAMES, 0},
    {BCV_VAR_VOLUME_TITLE, "title", "title", W_VOL_WHOLE, WK_TEXT, E_TEXT},
    {BCV_VAR_TITLE, "maintitle", "maintitle", W_VOL_WHOLE, WK_TEXT, E_TEXT},
    {BCV_VAR_TITLE, "title", "title", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_TITLE_SHORT, "shorttitle", "shorttitle", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_ORIGINAL_TITLE, "origtitle", "origtitle", W_ALL, WK_ORIGTITLE, E_TEXT},
    {BCV_VAR_VOLUME_TITLE, "booktitle", "booktitle", W_VOL_PART, WK_TEXT, E_TEXT},
    {BCV_VAR_CONTAINER_TITLE, "maintitle", "maintitle", W_VOL_PART, WK_TEXT, E_TEXT},
    {BCV_VAR_CONTAINER_TITLE, "journal", "journaltitle", W_PERIODICAL, WK_TEXT, E_TEXT},
    /* a book's booktitle is its own title (the reader keeps it as an
     * extra): what holds a whole book, a proceedings' journal, is that */
    {BCV_VAR_CONTAINER_TITLE, "journal", "journaltitle", W_WHOLE, WK_TEXT, E_TEXT},
    {BCV_VAR_CONTAINER_TITLE, "booktitle", "booktitle", W_NOT_PERIODICAL, WK_TEXT, E_TEXT},
    {BCV_VAR_CONTAINER_TITLE_SHORT, "shortjournal", "shortjournal", W_PERIODICAL, WK_TEXT, E_TEXT},
    {BCV_VAR_EVENT_TITLE, "eventtitle", "eventtitle", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_COLLECTION_TITLE, "series", "series", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_EDITION, "edition", "edition", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_VOLUME, "volume", "volume", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_NUMBER_OF_VOLUMES, "volumes", "volumes", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_ISSUE, "number", "number", W_NUMBER_IS, WK_TEXT, E_TEXT},
    {BCV_VAR_COLLECTION_NUMBER, "number", "number", W_NUMBER_IS, WK_TEXT, E_TEXT},
    {BCV_VAR_NUMBER, "number", "number", W_NUMBER_IS, WK_TEXT, E_TEXT},
    {BCV_VAR_ISSUE, "issue", "issue", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_NUMBER, "eid", "eid", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_CHAPTER_NUMBER, "chapter", "chapter", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_PAGE, "pages", "pages", W_ALL, WK_TEXT, E_PAGES},
    {BCV_VAR_NUMBER_OF_PAGES, "pagetotal", "pagetotal", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_PUBLISHER, "school", "institution", W_THESIS, WK_LITLIST, E_TEXT},
    {BCV_VAR_PUBLISHER, "institution", "institution", W_REPORT, WK_LITLIST, E_TEXT},
    {BCV_VAR_PUBLISHER, "publisher", "publisher", W_ALL, WK_LITLIST, E_TEXT},
    {BCV_VAR_JURISDICTION, "address", "location", W_PATENT, WK_LITLIST, E_TEXT},
    {BCV_VAR_PUBLISHER_PLACE, "address", "location", W_ALL, WK_LITLIST, E_TEXT},
    {BCV_VAR_EVENT_PLACE, "venue", "venue", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_ISSUED, "year", "date", W_ALL, WK_ISSUED, 0},
    {BCV_VAR_EVENT_DATE, "eventdate", "eventdate", W_ALL, WK_DATE, 0},
    {BCV_VAR_ORIGINAL_DATE, "origdate", "origdate", W_ALL, WK_DATE, 0},
    {BCV_VAR_ORIGINAL_PUBLISHER, "origpublisher", "origpublisher", W_ALL, WK_LITLIST, E_TEXT},
    {BCV_VAR_ORIGINAL_PUBLISHER_PLACE, "origlocation", "origlocation", W_ALL, WK_LITLIST, E_TEXT},
    {BCV_VAR_GENRE, "type", "type", W_ALL, WK_GENRE, E_TEXT},
    {BCV_VAR_MEDIUM, "howpublished", "howpublished", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_STATUS, "pubstate", "pubstate", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_VERSION, "version", "version", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_DOI, "doi", "doi", W_ALL, WK_TEXT, E_VERB},
    {BCV_VAR_ISBN, "isbn", "isbn", W_ALL, WK_TEXT, E_VERB},
    {BCV_VAR_ISSN, "issn", "issn", W_ALL, WK_TEXT, E_VERB},
    {BCV_VAR_PMID, "pmid", "pmid", W_ALL, WK_TEXT, E_VERB},
    {BCV_VAR_PMCID, "pmcid", "pmcid", W_ALL, WK_TEXT, E_VERB},
    {BCV_VAR_URL, "url", "url", W_ALL, WK_TEXT, E_VERB},
    {BCV_VAR_ACCESSED, "urldate", "urldate", W_ALL, WK_DATE, 0},
    {BCV_VAR_CITATION_LABEL, "label", "label", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_LANGUAGE, "langid", "langid", W_ALL, WK_LANGUAGE, 0},
    {BCV_VAR_KEYWORD, "keywords", "keywords", W_ALL, WK_LIST, E_TEXT},
    {BCV_VAR_ABSTRACT, "abstract", "abstract", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_NOTE, "note", "note", W_ALL, WK_TEXT, E_TEXT},
    {BCV_VAR_ANNOTE, "annote", "annotation", W_ALL, WK_TEXT, E_TEXT},
};

/* Is t a volume (whole) or a part of one, for the volume-title rows?
 * vol: the record has a volume-title. */
static int applies(const wmap *w, bcv_type t, int vol) {
  switch (w->when) {
  case W_VOL_WHOLE: return vol && t == BCV_TYPE_BOOK;
  case W_VOL_PART:
    return vol && (t == BCV_TYPE_CHAPTER || t == BCV_TYPE_PAPER_CONFERENCE || t == BCV_TYPE_ENTRY ||
                   t == BCV_TYPE_ENTRY_DICTIONARY || t == BCV_TYPE_ENTRY_ENCYCLOPEDIA);
  case W_PATENT: return t == BCV_TYPE_PATENT;
  case W_PERIODICAL: return is_periodical(t);
  case W_NOT_PERIODICAL: return !is_periodical(t);
  case W_WHOLE: return t == BCV_TYPE_BOOK;
  case W_THESIS: return t == BCV_TYPE_THESIS;
  case W_REPORT: return t == BCV_TYPE_REPORT;
  case W_NUMBER_IS: return number_var(t) == w->var;
  default: return 1;
  }
}

/* Is m's field the one a writer uses for its variable in items of type
 * t? */
static int canonical(const fmap *m, bcv_type t) {
  const char *name = m->name;
  if (m->var == BCV_VAR_NONE)
    return 0;
  bcv_var v = m->how == H_NUMBER ? number_var(t) : m->var;
  int seen[2] = {0, 0};
  for (size_t i = 0; i < sizeof out_fields / sizeof out_fields[0]; i++) {
    const wmap *w = &out_fields[i];
    if (w->var != v || !applies(w, t, 0))
      continue;
    for (int d = 0; d < 2; d++) {
      const char *f = d ? w->biblatex : w->bibtex;
      if (!seen[d] && f && strcmp(f, name) == 0)
        return 1;
      seen[d] = 1;
    }
  }
  return 0;
}

typedef struct wr {
  const bcv_record *r;
  enum bt_dialect d;
  unsigned enc;
  bcv_diag *diag;
  bt_entry *e;
  bt_buf v;    /* an encoded value */
  bt_buf join; /* values of one language, joined */
  bt_buf list; /* a literal list, encoded */
  bt_buf name; /* an extra's field name */
  const char *rlang;
} wr;

static int written(const wr *c, const char *name) { return bt_entry_has(c->e, name); }

static int put(wr *c, const char *name, const char *val, size_t len, int bare) {
  if (written(c, name))
    return BCV_OK;
  int rc = bt_entry_add(c->e, name, strlen(name), val, len, 0, 0);
  if (!rc)
    c->e->f[c->e->n - 1].bare = bare;
  return rc;
}

/* The key the reader kept beside text (the extra "bibtex.pubstate" for
 * a string that is another key's too), while text is still what it
 * prints in the record's language or in English; else NULL. */
static const char *kept_key(wr *c, const char *name, unsigned ctx, const char *text) {
  char xk[64];
  snprintf(xk, sizeof xk, "bibtex.%s", name);
  const bcv_field *x = bcv_record_extra(c->r, xk);
  if (!x)
    return NULL;
  int same = 0;
  for (int pass = 0; pass < 2 && !same; pass++) {
    c->v.len = 0;
    same = bt_bibstring_field(name, ctx, x->text, pass ? NULL : c->rlang, &c->v) > 0 &&
           strcmp(c->v.p, text) == 0;
  }
  c->v.len = 0;
  return same ? x->text : NULL;
}

/* Is field name written as localisation keys?  In biblatex, and pubstate
 * also in classic BibTeX, whose styles never print it: biblatex reads the
 * key there, and the key survives the pass. */
static int writes_keys(const wr *c, const char *name, unsigned ctx) {
  return bt_bibstring_keyed(name, ctx) && (c->d == BT_BIBLATEX || strcmp(name, "pubstate") == 0);
}

static int put_text(wr *c, const char *name, const char *text, unsigned enc) {
  c->v.len = 0;
  /* the localisation key that prints text ("in press": pubstate =
   * {inpress}, "im Druck" in German), as the reader read it */
  unsigned ctx = keys_ctx(bcv_record_type(c->r));
  if (writes_keys(c, name, ctx)) {
    const char *key = kept_key(c, name, ctx, text);
    if (key)
      return put(c, name, key, strlen(key), 0);
    int k = bt_bibstring_unfield(name, ctx, text, c->rlang, &c->v);
    if (k)
      return k < 0 ? BCV_ENOMEM : put(c, name, c->v.p, c->v.len, 0);
  }
  if (bt_latex_encode(text, strlen(text), c->enc | enc, &c->v) || bt_buf_reserve(&c->v, 0))
    return BCV_ENOMEM;
  return put(c, name, c->v.p, c->v.len, 0);
}

static int same_lang(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

/* The language a value is written under: NULL for the field itself (the
 * record's language, or the first value's when the record has none),
 * else the tag of its name_<lang> field. */
static const char *out_lang(const wr *c, const char *lang, const char *first) {
  if (!lang || (c->rlang && strcmp(lang, c->rlang) == 0) ||
      (!c->rlang && first && strcmp(lang, first) == 0))
    return NULL;
  return lang;
}

static int is_value(const bcv_field *f, bcv_var v) { return f->kind == BCV_FIELD_TEXT && f->var == v; }

static const char *dialect_name(const wr *c) { return c->d == BT_BIBTEX ? "bibtex" : "biblatex"; }

/* Brace each "and" of an encoded value that stands as a word at brace
 * level 0 (or at either end, where the list's own " and " would join
 * it), so that biber, pandoc and our reader take it for text, not for
 * the end of an item: {Routledge {and} Kegan Paul}. */
static int protect_and(const bt_buf *v, bt_buf *out) {
  long depth = 0;
  for (size_t i = 0; i < v->len; i++) {
    const char *s = v->p;
    if (s[i] == '{')
      depth++;
    else if (s[i] == '}' && depth > 0)
      depth--;
    if (!depth && i + 3 <= v->len && (i == 0 || strchr(" \t\n\r", s[i - 1])) &&
        (i + 3 == v->len || strchr(" \t\n\r", s[i + 3])) && strncasecmp(s + i, "and", 3) == 0) {
      if (bt_buf_putc(out, '{') || bt_buf_put(out, s + i, 3) || bt_buf_putc(out, '}'))
        return BCV_ENOMEM;
      i += 2;
    } else if (bt_buf_putc(out, s[i])) {
      return BCV_ENOMEM;
    }
  }
  return BCV_OK;
}

/* One item of a literal list, encoded and protected, onto c->list. */
static int list_item(wr *c, const char *text, unsigned enc) {
  c->v.len = 0;
  return bt_latex_encode(text, strlen(text), c->enc | enc, &c->v) ||
         (c->list.len && bt_buf_puts(&c->list, " and ")) || protect_and(&c->v, &c->list) ||
         bt_buf_reserve(&c->list, 0);
}

/* A literal list: c->list, or in biblatex the localisation keys that
 * give the items (a patent's location = {countryfr and countryuk}) when
 * every item is one. */
static int put_list(wr *c, const char *name) {
  if (c->d == BT_BIBLATEX) {
    bt_buf *k = &c->v;
    k->len = 0;
    int got = bt_bibstring_unfield(name, keys_ctx(bcv_record_type(c->r)), c->join.p, c->rlang, k);
    if (got)
      return got < 0 ? BCV_ENOMEM : put(c, name, k->p, k->len, 0);
  }
  return put(c, name, c->list.p, c->list.len, 0);
}

/* Every text value of v: the record's language under name, others under
 * name_<lang>; several values in one language are joined with sep, or
 * (sep NULL) as a literal list ("Berlin and New York"), which biblatex
 * reads as one value an item and classic BibTeX prints as it is. */
static int write_texts(wr *c, bcv_var v, const char *name, unsigned enc, const char *sep) {
  const bcv_field *first = bcv_record_fields(c->r);
  while (first && !is_value(first, v))
    first = first->next;
  if (!first)
    return BCV_OK;
  /* the languages in the order they first come (NULL: the field itself) */
  bcv_langs langs = {0};
  int own = 0; /* a value in the record's language */
  for (const bcv_field *f = first; f; f = f->next)
    if (is_value(f, v)) {
      const char *l = out_lang(c, f->lang, first->lang);
      own |= !l;
      bcv_langs_add(&langs, l);
    }
  /* none: the field itself repeats the first language's value, so that
   * styles and pandoc, which know no "journal_en", print one; the reader
   * knows the copy */
  const fmap *row = own ? NULL : field_in(name);
  int copy = row && text_in_langs(row);
  for (size_t k = 0; k < langs.n; k++) {
    const char *l = langs.tag[k];
    c->join.len = 0;
    c->list.len = 0;
    for (const bcv_field *g = first; g; g = g->next)
      if (is_value(g, v) && same_lang(out_lang(c, g->lang, first->lang), l) &&
          (((c->join.len && bt_buf_puts(&c->join, sep ? sep : "; ")) ||
            bt_buf_puts(&c->join, g->text)) ||
           (!sep && list_item(c, g->text, enc))))
        return BCV_ENOMEM;
    char fname[160];
    if (l)
      snprintf(fname, sizeof fname, "%s_%s", name, l);
    for (int twice = k == 0 && copy; twice >= 0; twice--) {
      const char *to = twice || !l ? name : fname;
      int rc = sep ? put_text(c, to, c->join.p, enc) : put_list(c, to);
      if (rc)
        return rc;
    }
  }
  if (langs.over)
    bcv_diag_langs_dropped(c->diag, c->r, dialect_name(c), name);
  return BCV_OK;
}

static int write_names(wr *c, const bcv_field *f, const char *name) {
  c->v.len = 0;
  unsigned enc = c->enc | (c->d == BT_BIBLATEX ? BT_ENC_XNAME : 0);
  if (bt_names_write(f, NULL, enc, &c->v) != BCV_OK || bt_buf_reserve(&c->v, 0))
    return BCV_ENOMEM;
  int rc = put(c, name, c->v.p, c->v.len, 0);
  /* other-language forms: author_en, in the order their languages come */
  bcv_langs langs = {0};
  int lost = 0;
  for (const bcv_name *n = f->names; n; n = n->next) {
    lost |= n->affiliations || n->extras;
    for (const bcv_name *a = n->alt; a; a = a->alt)
      if (a->lang)
        bcv_langs_add(&langs, a->lang);
  }
  for (size_t k = 0; k < langs.n && !rc; k++) {
    c->v.len = 0;
    int wr_rc = bt_names_write(f, langs.tag[k], enc, &c->v);
    if (wr_rc == BCV_DONE)
      continue;
    if (wr_rc || bt_buf_reserve(&c->v, 0))
      return BCV_ENOMEM;
    char fname[160];
    snprintf(fname, sizeof fname, "%s_%s", name, langs.tag[k]);
    rc = put(c, fname, c->v.p, c->v.len, 0);
  }
  if (langs.over)
    bcv_diag_langs_dropped(c->diag, c->r, dialect_name(c), name);
  if (lost)
    bcv_diag_dropped(c->diag, c->r, dialect_name(c), "name affiliations and identifiers");
  return rc;
}

static int write_date(wr *c, const char *name, const bcv_date *d) {
  if (d->literal && !d->from.parts && !(d->flags & (BCV_DATE_OPEN_START | BCV_DATE_OPEN_END)))
    return put_text(c, name, d->literal, 0);
  char buf[128];
  bcv_date_format_edtf(d, buf, sizeof buf);
  return put(c, name, buf, strlen(buf), 0);
}

/* The season names a month field carries; our reader reads them back. */
static const char *const season_names[4] = {"Spring", "Summer", "Autumn", "Winter"};

static int write_issued(wr *c, const bcv_date *d) {
  if (d->literal && !d->from.parts)
    return put_text(c, "year", d->literal, 0);
  /* a date that could not be read is written back as the extra
   * bibtex.date, so the readable date goes to year and month */
  int xdate = bcv_record_extra(c->r, "bibtex.date") != NULL;
  if (c->d == BT_BIBLATEX && !xdate)
    return write_date(c, "date", d);
  /* BibTeX: every style prints year and month and ignores date, so the
   * year is always written (plain.bst prints "n.d." without it).  What
   * the two cannot say goes in date too, with a note.  A year or month
   * kept as an extra (it disagreed with the date) is written as it was,
   * by the extras. */
  const bcv_date_part *f = &d->from;
  if (!f->parts || (d->flags & BCV_DATE_OPEN_START))
    return write_date(c, "date", d);
  const bcv_field *xm = bcv_record_extra(c->r, "bibtex.month");
  int xyear = bcv_record_extra(c->r, "bibtex.year") != NULL, xmonth = xm != NULL;
  int m_, d_, t_, s_;
  /* a month that disagreed with the date would be read as the date's */
  int xmonth_reads = xm && parse_month(xm->text, &m_, &d_, &t_, &s_);
  unsigned other = d->flags & ~(unsigned)BCV_DATE_RANGE;
  int range = (d->flags & BCV_DATE_RANGE) != 0;
  /* "2004--2005", which our reader and the styles take as it is */
  int years = range && !other && f->parts == 1 && d->to.parts == 1 && !d->season &&
              d->to.year > f->year;
  char buf[128];
  int rc = BCV_OK;
  if (!xyear) {
    bcv_date y = {.from = {f->year, 0, 0, 1}};
    size_t n = bcv_date_format_edtf(&y, buf, sizeof buf);
    if (years)
      snprintf(buf + n, sizeof buf - n, "--%d", d->to.year);
    if ((rc = put(c, "year", buf, strlen(buf), 0)))
      return rc;
  }
  if (!xmonth && f->parts >= 2)
    rc = put(c, "month", bt_month_abbr[f->month - 1], 3, 1);
  else if (!xmonth && d->season >= 1 && d->season <= 4)
    rc = put(c, "month", season_names[d->season - 1], strlen(season_names[d->season - 1]), 0);
  if (!rc && f->parts >= 3 && !range) {
    snprintf(buf, sizeof buf, "%d", f->day);
    rc = put(c, "day", buf, strlen(buf), 0);
  }
  if (rc)
    return rc;
  /* exact: one day, month or year (a season alone too), or years */
  if (xyear || (xmonth && (f->parts >= 2 || d->season || xmonth_reads)))
    return write_date(c, "date", d); /* the real date, beside what disagreed */
  if (xdate || years || (!d->flags && !d->to.parts && (!d->season || f->parts == 1)))
    return BCV_OK;
  bcv_date_format_edtf(d, buf, sizeof buf);
  bcv_diag_report(c->diag, BCV_SEV_NOTE, NULL, bcv_record_line(c->r), bcv_record_column(c->r),
                  "date '%s' has no BibTeX form; written as year and month, and whole in 'date' "
                  "(which BibTeX's styles ignore)", buf);
  return write_date(c, "date", d);
}

static int write_row(wr *c, const wmap *w) {
  const char *name = c->d == BT_BIBTEX ? w->bibtex : w->biblatex;
  const bcv_field *f;
  switch (w->kind) {
  case WK_NAMES:
    f = bcv_record_field(c->r, w->var);
    return f ? write_names(c, f, name) : BCV_OK;
  case WK_ISSUED:
    f = bcv_record_field(c->r, w->var);
    return f ? write_issued(c, f->date) : BCV_OK;
  case WK_DATE:
    f = bcv_record_field(c->r, w->var);
    return f ? write_date(c, name, f->date) : BCV_OK;
  case WK_LIST:
    return write_texts(c, w->var, name, w->enc, ", ");
  case WK_LITLIST:
    return write_texts(c, w->var, name, w->enc, NULL);
  case WK_LANGUAGE: {
    const bcv_field *x = bcv_record_extra(c->r, "bibtex.langid");
    const char *lang = bcv_record_text(c->r, BCV_VAR_LANGUAGE, NULL);
    if (!lang)
      return BCV_OK;
    const char *id = x ? x->text : bt_bcp47_to_langid(lang);
    return put_text(c, name, id ? id : lang, BT_ENC_VERBATIM);
  }
  case WK_GENRE: {
    const char *g = bcv_record_text(c->r, BCV_VAR_GENRE, NULL);
    if (!g)
      return BCV_OK;
    if (c->d == BT_BIBTEX && bcv_record_type(c->r) == BCV_TYPE_THESIS &&
        (strcmp(g, "PhD thesis") == 0 || strcmp(g, "Master's thesis") == 0))
      return BCV_OK; /* said by @phdthesis / @mastersthesis */
    const char *key = c->d == BT_BIBLATEX ? key_of_genre(g, c->rlang) : NULL;
    if (key)
      return put_text(c, name, key, BT_ENC_VERBATIM);
    return write_texts(c, w->var, name, w->enc, "; ");
  }
  case WK_ORIGTITLE: /* in its own language, which origlanguage names */
    for (f = bcv_record_fields(c->r); f; f = f->next)
      if (f->kind == BCV_FIELD_TEXT && f->var == w->var) {
        int rc = put_text(c, name, f->text, 0);
        if (rc || !f->lang || bcv_record_extra(c->r, "bibtex.origlanguage"))
          return rc;
        const char *id = bt_bcp47_to_langid(f->lang);
        return put_text(c, "origlanguage", id ? id : f->lang, BT_ENC_VERBATIM);
      }
    return BCV_OK;
  default:
    return write_texts(c, w->var, name, w->enc, "; ");
  }
}

/* The field name of an extra: "bibtex.x" is "x" when the reader takes
 * "x" back for it, any other key is ns_encode's "ns:key". */
static int extra_field(wr *c, const char *key, int json, const char **name) {
  if (strncmp(key, "bibtex.", 7) == 0 && !json) {
    const char *x = key + 7;
    size_t n = strlen(x), i = 0;
    int j;
    while (i < n && (plain_name_char((unsigned char)x[i]) || x[i] == '_' || x[i] == ':'))
      i++;
    if (n && i == n && !(x[0] >= '0' && x[0] <= '9') && x[n - 1] != ':' &&
        !ns_decode(x, n, &c->v, &c->join, &j)) {
      *name = x;
      return BCV_OK;
    }
  }
  int rc = ns_encode(key, json, &c->name);
  *name = c->name.p;
  return rc;
}

int bt_unmap_record(const bcv_record *r, enum bt_dialect d, unsigned enc, bcv_diag *diag,
                    bt_entry *e) {
  wr c = {r, d, enc, diag, e, {0}, {0}, {0}, {0}, bcv_record_lang(r)};
  int rc = BCV_OK;
  bt_entry_reset(e);
  bcv_type t = bcv_record_type(r);
  const bcv_field *et = bcv_record_extra(r, "bibtex.entrytype");
  const char *genre = bcv_record_text(r, BCV_VAR_GENRE, NULL);
  const char *type = et ? et->text : type_out(t, d, genre);
  /* a type the dialect's styles know (classic BibTeX: plain.bst's), the
   * real one in entrytype; biblatex keeps its own types, but not another
   * program's (Mendeley's @web_page, which pandoc cannot even parse) */
  const char *real = NULL;
  if (et && (d == BT_BIBTEX ? !plain_type(et->text) : !BT_LOOKUP(types, et->text, strlen(et->text)))) {
    real = et->text;
    type = type_out(t, d, genre);
  } else if (d == BT_BIBTEX && !et) {
    int known;
    const char *full = type_out(t, BT_BIBLATEX, genre);
    if (type_in(type, &known) != t && strcmp(full, type) != 0)
      real = full;
  }
  if (bt_entry_set(e, &e->type, &e->tlen, type, strlen(type)))
    return BCV_ENOMEM;
  const bcv_field *pre = bcv_record_extra(r, "bibtex.preamble");
  if (pre && !(e->preamble = strdup(pre->text)))
    return BCV_ENOMEM;
  int done[BCV_VAR_COUNT] = {0};
  int vol = bcv_record_text(r, BCV_VAR_VOLUME_TITLE, NULL) != NULL;
  for (size_t i = 0; i < sizeof out_fields / sizeof out_fields[0] && !rc; i++) {
    const wmap *w = &out_fields[i];
    if (done[w->var] || !applies(w, t, vol))
      continue;
    done[w->var] = 1;
    rc = write_row(&c, w);
  }
  if (!rc && (t == BCV_TYPE_ARTICLE_MAGAZINE || t == BCV_TYPE_ARTICLE_NEWSPAPER))
    rc = put(&c, "entrysubtype", t == BCV_TYPE_ARTICLE_MAGAZINE ? "magazine" : "newspaper",
             t == BCV_TYPE_ARTICLE_MAGAZINE ? 8 : 9, 0);
  if (!rc && real)
    rc = put(&c, "entrytype", real, strlen(real), 0);
  /* variables without a BibTeX field, under their CSL names */
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind == BCV_FIELD_EXTRA || done[f->var])
      continue;
    done[f->var] = 1;
    const char *name = bcv_var_name(f->var);
    if (f->kind == BCV_FIELD_NAMES)
      rc = write_names(&c, f, name);
    else if (f->kind == BCV_FIELD_DATE)
      rc = write_date(&c, name, f->date);
    else
      rc = write_texts(&c, f->var, name, 0,
                       bcv_var_kind(f->var) == BCV_KIND_LIST ? ", " : "; ");
  }
  /* extras */
  size_t first_extra = e->n;
  for (const bcv_field *f = bcv_record_fields(r); f && !rc; f = f->next) {
    if (f->kind != BCV_FIELD_EXTRA)
      continue;
    if (strcmp(f->key, "bibtex.entrytype") == 0 || strcmp(f->key, "bibtex.preamble") == 0 ||
        strcmp(f->key, "bibtex.langid") == 0)
      continue;
    const char *name;
    if ((rc = extra_field(&c, f->key, (f->flags & BCV_EXTRA_JSON) != 0, &name)))
      break;
    const bt_field *had = bt_entry_field(e, name);
    c.v.len = 0;
    if (had && writes_keys(&c, name, keys_ctx(t)) &&
        bt_bibstring_field(name, keys_ctx(t), f->text, NULL, &c.v) > 0)
      continue; /* the key behind the text written there (keyed_value) */
    if (had) { /* the field is taken: by a variable, or by this key before */
      bcv_diag_dropped(diag, r, dialect_name(&c), f->key);
      if ((size_t)(had - e->f) < first_extra)
        continue;
      /* the same key twice: the last value wins, as in CSL-JSON */
      bt_field *x = &e->f[had - e->f];
      c.v.len = 0;
      if (bt_latex_encode(f->text, strlen(f->text), enc | (verbatim_field(name) ? BT_ENC_VERBATIM : 0), &c.v) ||
          bt_entry_set(e, &x->val, &x->vlen, c.v.p ? c.v.p : "", c.v.len))
        rc = BCV_ENOMEM;
      continue;
    }
    rc = put_text(&c, name, f->text, verbatim_field(name) ? BT_ENC_VERBATIM : 0);
  }
  bt_buf_free(&c.v);
  bt_buf_free(&c.join);
  bt_buf_free(&c.list);
  bt_buf_free(&c.name);
  return rc;
}
