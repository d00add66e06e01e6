/* SPDX-License-Identifier: MIT */
/* record.h: the one record model every format maps to and from.
 *
 * The vocabulary is CSL 1.0.2 (item types and variables), kept as tables
 * with their string names.  A record holds a type, an id (citation key)
 * and an ordered list of fields.  A field is one of:
 *   - a text value of a variable, with an optional BCP 47 language tag; a
 *     variable may hold several values (one per language: a Chinese
 *     article's title in zh and en).  Text may carry CSL's inline markup
 *     (<i>, <b>, <sc>, <sup>, <sub>, <span class="nocase">); writers of
 *     other syntaxes convert it.
 *   - a list item (keyword, categories): one field per item, in order,
 *     each with its language;
 *   - a name list of a name variable (author, editor...) with an et-al flag;
 *   - a structured date;
 *   - an extra: a namespaced key ("cnki.clc", "bibtex.crossref",
 *     "csl.indexed") and its value, for data no variable fits, so that
 *     reading and writing the same format loses nothing.
 * All strings of a record live in the record's arena and die with it.
 */
#ifndef BIBCONV_RECORD_H
#define BIBCONV_RECORD_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* CSL 1.0.2 item types, in ASCII order of their names (the table is
 * searched by bisection). */
#define BCV_TYPE_LIST(X) \
  X(ARTICLE, "article") X(ARTICLE_JOURNAL, "article-journal") \
  X(ARTICLE_MAGAZINE, "article-magazine") X(ARTICLE_NEWSPAPER, "article-newspaper") \
  X(BILL, "bill") X(BOOK, "book") X(BROADCAST, "broadcast") X(CHAPTER, "chapter") \
  X(CLASSIC, "classic") X(COLLECTION, "collection") X(DATASET, "dataset") \
  X(DOCUMENT, "document") X(ENTRY, "entry") X(ENTRY_DICTIONARY, "entry-dictionary") \
  X(ENTRY_ENCYCLOPEDIA, "entry-encyclopedia") X(EVENT, "event") X(FIGURE, "figure") \
  X(GRAPHIC, "graphic") X(HEARING, "hearing") X(INTERVIEW, "interview") \
  X(LEGAL_CASE, "legal_case") X(LEGISLATION, "legislation") X(MANUSCRIPT, "manuscript") \
  X(MAP, "map") X(MOTION_PICTURE, "motion_picture") X(MUSICAL_SCORE, "musical_score") \
  X(PAMPHLET, "pamphlet") X(PAPER_CONFERENCE, "paper-conference") X(PATENT, "patent") \
  X(PERFORMANCE, "performance") X(PERIODICAL, "periodical") \
  X(PERSONAL_COMMUNICATION, "personal_communication") X(POST, "post") \
  X(POST_WEBLOG, "post-weblog") X(REGULATION, "regulation") X(REPORT, "report") \
  X(REVIEW, "review") X(REVIEW_BOOK, "review-book") X(SOFTWARE, "software") \
  X(SONG, "song") X(SPEECH, "speech") X(STANDARD, "standard") X(THESIS, "thesis") \
  X(TREATY, "treaty") X(WEBPAGE, "webpage")

typedef enum bcv_type {
#define BCV_X_(e, s) BCV_TYPE_##e,
  BCV_TYPE_LIST(BCV_X_)
#undef BCV_X_
  BCV_TYPE_COUNT
} bcv_type;

/* How a variable's values are shaped. */
typedef enum bcv_kind {
  BCV_KIND_TEXT,   /* a string */
  BCV_KIND_NUMBER, /* a string that is usually a number or range ("12", "3-5") */
  BCV_KIND_LIST,   /* several ordered strings (keyword, categories) */
  BCV_KIND_NAMES,  /* a name list */
  BCV_KIND_DATE    /* a structured date */
} bcv_kind;

/* CSL 1.0.2 variables (all of csl-data.json but id, type and custom), in
 * ASCII order of their names. */
#define BCV_VAR_LIST(X) \
  X(DOI, "DOI", TEXT) \
  X(ISBN, "ISBN", TEXT) \
  X(ISSN, "ISSN", TEXT) \
  X(PMCID, "PMCID", TEXT) \
  X(PMID, "PMID", TEXT) \
  X(URL, "URL", TEXT) \
  X(ABSTRACT, "abstract", TEXT) \
  X(ACCESSED, "accessed", DATE) \
  X(ANNOTE, "annote", TEXT) \
  X(ARCHIVE, "archive", TEXT) \
  X(ARCHIVE_PLACE, "archive-place", TEXT) \
  X(ARCHIVE_COLLECTION, "archive_collection", TEXT) \
  X(ARCHIVE_LOCATION, "archive_location", TEXT) \
  X(AUTHOR, "author", NAMES) \
  X(AUTHORITY, "authority", TEXT) \
  X(AVAILABLE_DATE, "available-date", DATE) \
  X(CALL_NUMBER, "call-number", TEXT) \
  X(CATEGORIES, "categories", LIST) \
  X(CHAIR, "chair", NAMES) \
  X(CHAPTER_NUMBER, "chapter-number", NUMBER) \
  X(CITATION_KEY, "citation-key", TEXT) \
  X(CITATION_LABEL, "citation-label", TEXT) \
  X(CITATION_NUMBER, "citation-number", NUMBER) \
  X(COLLECTION_EDITOR, "collection-editor", NAMES) \
  X(COLLECTION_NUMBER, "collection-number", NUMBER) \
  X(COLLECTION_TITLE, "collection-title", TEXT) \
  X(COMPILER, "compiler", NAMES) \
  X(COMPOSER, "composer", NAMES) \
  X(CONTAINER_AUTHOR, "container-author", NAMES) \
  X(CONTAINER_TITLE, "container-title", TEXT) \
  X(CONTAINER_TITLE_SHORT, "container-title-short", TEXT) \
  X(CONTRIBUTOR, "contributor", NAMES) \
  X(CURATOR, "curator", NAMES) \
  X(DIMENSIONS, "dimensions", TEXT) \
  X(DIRECTOR, "director", NAMES) \
  X(DIVISION, "division", TEXT) \
  X(EDITION, "edition", NUMBER) \
  X(EDITOR, "editor", NAMES) \
  X(EDITORIAL_DIRECTOR, "editorial-director", NAMES) \
  X(EVENT, "event", TEXT) \
  X(EVENT_DATE, "event-date", DATE) \
  X(EVENT_PLACE, "event-place", TEXT) \
  X(EVENT_TITLE, "event-title", TEXT) \
  X(EXECUTIVE_PRODUCER, "executive-producer", NAMES) \
  X(FIRST_REFERENCE_NOTE_NUMBER, "first-reference-note-number", NUMBER) \
  X(GENRE, "genre", TEXT) \
  X(GUEST, "guest", NAMES) \
  X(HOST, "host", NAMES) \
  X(ILLUSTRATOR, "illustrator", NAMES) \
  X(INTERVIEWER, "interviewer", NAMES) \
  X(ISSUE, "issue", NUMBER) \
  X(ISSUED, "issued", DATE) \
  X(JOURNAL_ABBREVIATION, "journalAbbreviation", TEXT) \
  X(JURISDICTION, "jurisdiction", TEXT) \
  X(KEYWORD, "keyword", LIST) \
  X(LANGUAGE, "language", TEXT) \
  X(LOCATOR, "locator", NUMBER) \
  X(MEDIUM, "medium", TEXT) \
  X(NARRATOR, "narrator", NAMES) \
  X(NOTE, "note", TEXT) \
  X(NUMBER, "number", NUMBER) \
  X(NUMBER_OF_PAGES, "number-of-pages", NUMBER) \
  X(NUMBER_OF_VOLUMES, "number-of-volumes", NUMBER) \
  X(ORGANIZER, "organizer", NAMES) \
  X(ORIGINAL_AUTHOR, "original-author", NAMES) \
  X(ORIGINAL_DATE, "original-date", DATE) \
  X(ORIGINAL_PUBLISHER, "original-publisher", TEXT) \
  X(ORIGINAL_PUBLISHER_PLACE, "original-publisher-place", TEXT) \
  X(ORIGINAL_TITLE, "original-title", TEXT) \
  X(PAGE, "page", NUMBER) \
  X(PAGE_FIRST, "page-first", NUMBER) \
  X(PART, "part", NUMBER) \
  X(PART_TITLE, "part-title", TEXT) \
  X(PERFORMER, "performer", NAMES) \
  X(PRINTING, "printing", NUMBER) \
  X(PRODUCER, "producer", NAMES) \
  X(PUBLISHER, "publisher", TEXT) \
  X(PUBLISHER_PLACE, "publisher-place", TEXT) \
  X(RECIPIENT, "recipient", NAMES) \
  X(REFERENCES, "references", TEXT) \
  X(REVIEWED_AUTHOR, "reviewed-author", NAMES) \
  X(REVIEWED_GENRE, "reviewed-genre", TEXT) \
  X(REVIEWED_TITLE, "reviewed-title", TEXT) \
  X(SCALE, "scale", TEXT) \
  X(SCRIPT_WRITER, "script-writer", NAMES) \
  X(SECTION, "section", TEXT) \
  X(SERIES_CREATOR, "series-creator", NAMES) \
  X(SHORT_TITLE, "shortTitle", TEXT) \
  X(SOURCE, "source", TEXT) \
  X(STATUS, "status", TEXT) \
  X(SUBMITTED, "submitted", DATE) \
  X(SUPPLEMENT, "supplement", NUMBER) \
  X(TITLE, "title", TEXT) \
  X(TITLE_SHORT, "title-short", TEXT) \
  X(TRANSLATOR, "translator", NAMES) \
  X(VERSION, "version", TEXT) \
  X(VOLUME, "volume", NUMBER) \
  X(VOLUME_TITLE, "volume-title", TEXT) \
  X(VOLUME_TITLE_SHORT, "volume-title-short", TEXT) \
  X(YEAR_SUFFIX, "year-suffix", TEXT) \

typedef enum bcv_var {
#define BCV_X_(e, s, k) BCV_VAR_##e,
  BCV_VAR_LIST(BCV_X_)
#undef BCV_X_
  BCV_VAR_COUNT,
  BCV_VAR_NONE = -1 /* an extra, not a variable */
} bcv_var;

/* Names of types and variables.  bcv_*_name returns static storage;
 * the lookups return BCV_TYPE_COUNT / BCV_VAR_NONE for unknown names. */
const char *bcv_type_name(bcv_type t);
bcv_type bcv_type_from_name(const char *name, size_t len);
const char *bcv_var_name(bcv_var v);
bcv_var bcv_var_from_name(const char *name, size_t len);
bcv_kind bcv_var_kind(bcv_var v);

/* ---- names ---- */

enum bcv_name_flags {
  BCV_NAME_EASTERN = 1u << 0,      /* family name first, no space (邓正阳) */
  BCV_NAME_COMMA_SUFFIX = 1u << 1, /* "Smith, Jr." rather than "Smith Jr." */
  BCV_NAME_STATIC_ORDER = 1u << 2, /* never reorder when rendering */
  BCV_NAME_GENERATED = 1u << 3     /* made by the program (a Han name's pinyin,
                                      bcv_record_add_pinyin), not read */
};

/* A key/value pair attached to a name or a record. */
typedef struct bcv_pair {
  const char *key;
  const char *value;
  unsigned flags; /* BCV_EXTRA_JSON when value is JSON text */
  const struct bcv_pair *next;
} bcv_pair;

typedef struct bcv_affil {
  const char *text;
  const struct bcv_affil *next;
} bcv_affil;

/* A structured personal or corporate name.  A corporate or unparsed name
 * has only `literal`.  `alt` chains the same person's name in another
 * language or script (邓正阳 ↔ Deng Zhengyang), each with its `lang`. */
typedef struct bcv_name {
  const char *family;
  const char *given;
  const char *dropping_particle;     /* "de" in "Charles de Gaulle" (sorts under G) */
  const char *non_dropping_particle; /* "van" in "van Gogh" when it sorts under V */
  const char *suffix;                /* "Jr.", "III" */
  const char *literal;               /* institutions, or a name kept whole */
  const char *lang;                  /* BCP 47 tag of this form, or NULL */
  unsigned flags;                    /* enum bcv_name_flags */
  const bcv_affil *affiliations;     /* in order; NULL when none */
  const bcv_pair *extras;            /* namespaced data about the name (an ORCID) */
  const struct bcv_name *alt;        /* another form of the same name, or NULL */
  const struct bcv_name *next;       /* next name in the list */
} bcv_name;

/* ---- dates ---- */

enum bcv_date_flags {
  BCV_DATE_CIRCA = 1u << 0,      /* approximate ("~", circa) */
  BCV_DATE_UNCERTAIN = 1u << 1,  /* "?" */
  BCV_DATE_RANGE = 1u << 2,      /* `to` is the end of a range */
  BCV_DATE_OPEN_START = 1u << 3, /* "../2020" */
  BCV_DATE_OPEN_END = 1u << 4    /* "2020/.." */
};

/* One end of a date; `parts` says how many of year, month, day are set. */
typedef struct bcv_date_part {
  int year; /* astronomical: 0 is 1 BCE, -1 is 2 BCE */
  int month;
  int day;
  int parts; /* 0 = none, 1 = year, 2 = year-month, 3 = full */
} bcv_date_part;

typedef struct bcv_date {
  bcv_date_part from;
  bcv_date_part to;    /* meaningful with BCV_DATE_RANGE */
  int season;          /* 0 none, 1 spring, 2 summer, 3 autumn, 4 winter */
  unsigned flags;      /* enum bcv_date_flags */
  const char *literal; /* text that could not be parsed, or NULL */
} bcv_date;

/* Parse an ISO 8601-2 (EDTF level 1) date: "2024", "2024-04-07",
 * "2024-21" (season), "2018-04/2019", "../2020", "1990~", "2004?",
 * "1999-XX" (unspecified parts are left out); "199X" is rejected.  Returns BCV_OK or BCV_ESYNTAX (out untouched
 * beyond being zeroed). */
int bcv_date_parse_edtf(const char *s, size_t len, bcv_date *out);

/* Format a date as EDTF into buf (always NUL-terminated when n > 0).
 * Returns the length it needed, like snprintf; the literal is not used. */
size_t bcv_date_format_edtf(const bcv_date *d, char *buf, size_t n);

/* ---- fields and records ---- */

enum bcv_field_flags {
  BCV_EXTRA_JSON = 1u << 0 /* the extra's value is JSON text (an object, array, number...) */
};

typedef enum bcv_field_kind {
  BCV_FIELD_TEXT,  /* text of a TEXT, NUMBER or LIST variable */
  BCV_FIELD_NAMES, /* the name list of a NAMES variable */
  BCV_FIELD_DATE,  /* a DATE variable */
  BCV_FIELD_EXTRA  /* a namespaced extra */
} bcv_field_kind;

typedef struct bcv_field {
  bcv_field_kind kind;
  bcv_var var;      /* BCV_VAR_NONE for extras */
  const char *key;  /* extras: the namespaced key; NULL otherwise */
  const char *lang; /* text: its BCP 47 tag, or NULL for the record's language */
  unsigned flags;   /* enum bcv_field_flags */
  const char *text; /* TEXT and EXTRA */
  const bcv_name *names; /* NAMES: first name */
  int etal;              /* NAMES: the list is truncated ("and others") */
  const bcv_date *date;  /* DATE */
  const struct bcv_field *next;
} bcv_field;

typedef struct bcv_record bcv_record;

/* A new empty record of type `document`, with its own arena.  Returns NULL
 * when out of memory.  The caller owns it: bcv_record_free(&r). */
bcv_record *bcv_record_new(void);
void bcv_record_free(bcv_record **r);

/* Copy len bytes of s into the record's arena, NUL-terminated.  The result
 * lives as long as the record.  NULL when out of memory. */
char *bcv_record_strndup(bcv_record *r, const char *s, size_t len);
/* Raw zeroed storage in the record's arena (for plugins' scratch data). */
void *bcv_record_alloc(bcv_record *r, size_t size);

void bcv_record_set_type(bcv_record *r, bcv_type t);
bcv_type bcv_record_type(const bcv_record *r);
/* The id (citation key); copied.  NULL clears it. */
int bcv_record_set_id(bcv_record *r, const char *id, size_t len);
const char *bcv_record_id(const bcv_record *r);
/* A set of names that must not repeat: a run's record ids, a writer's
 * citation keys or XML ids.  Only a 64-bit hash of each is kept (8 bytes
 * a slot, 12 with positions; at most 16 bytes a name), never the names.
 * Two different names with one hash count as the same, so a collision
 * can only make a name look taken (it is then renamed), never let one be
 * used twice.  The caller owns the set: bcv_idset_free(&s). */
typedef struct bcv_idset bcv_idset;
/* BCV_IDSET_NOCASE: names that differ in ASCII case only are the same
 * (BibTeX keys). */
#define BCV_IDSET_NOCASE 1u
bcv_idset *bcv_idset_new(void);
bcv_idset *bcv_idset_new_flags(unsigned flags);
void bcv_idset_free(bcv_idset **s);
/* Note id (len bytes), met at line of input number `input` (both 0: no
 * position kept).  Returns 0 the first time, 1 for a repeat, with the
 * first one's line (0 if unknown, past 2^24) and input (capped at 255) in
 * *first_line and *first_input when not NULL; -1 when out of memory. */
long bcv_idset_add(bcv_idset *s, const char *id, size_t len, long line, unsigned input,
                   long *first_line, unsigned *first_input);
/* Whether id was noted. */
int bcv_idset_has(const bcv_idset *s, const char *id, size_t len);
/* A citation key for a record that has none: the family name of the
 * first author (else editor, translator, container author), the year,
 * and the first word of the title that is not an article or a
 * preposition ("a", "the", "of", "der", "la" ...), in lower-case ASCII
 * letters and digits, accents dropped: "shannon1948mathematical",
 * "muller1999uber".  Han text is read in pinyin (pinyin.h): the family
 * name with its surname reading, or the name's own romanised form when it
 * has one (邓 with alt Deng: "deng"); the "word" of a Chinese title is its
 * first two characters, as most Chinese words are two and Better
 * BibTeX's jieba segmentation would mostly give: 邓正阳, 2021,
 * 从政党重塑基层 -> "deng2021congzheng".  A Han name kept whole (a literal)
 * of up to four characters is a person's (Zotero's single-field 张三);
 * a longer one, an institution, gives its first two characters.
 * Writes at most n bytes, NUL included; BCV_KEY_SIZE always holds the
 * whole key.  Returns its length: 0 (out holds "") when the record has
 * no name, year or title word to make one of.  The key is not unique:
 * making it so (a letter, "-2") is the caller's. */
#define BCV_KEY_SIZE 64
size_t bcv_record_key(const bcv_record *r, char *out, size_t n);
/* Writes the i-th suffix to try (i = 0, 1, 2...: "a", "b"... or "-2",
 * "-3"...) at out, NUL-terminated, at most BCV_IDSET_SUFFIX_MAX bytes
 * with the NUL, and returns its length.  Distinct i must give distinct
 * suffixes. */
#define BCV_IDSET_SUFFIX_MAX 24
typedef size_t (*bcv_idset_suffix)(unsigned long i, char *out);
/* Note name (len bytes) made unique: as it is when not taken, else with
 * the first suffix that makes it a name not taken (in the usual case;
 * some free one when names that look like suffixed ones came on their
 * own), found in a logarithmic number of probes.  name must have room for
 * len + BCV_IDSET_SUFFIX_MAX bytes; it is left holding the name noted,
 * NUL-terminated when suffixed.  Returns that name's length (> len: a
 * suffix was added), or -1 when out of memory. */
long bcv_idset_add_unique(bcv_idset *s, char *name, size_t len, bcv_idset_suffix suffix,
                          long line, unsigned input);
/* Where the record starts in its input, for diagnostics. */
void bcv_record_set_pos(bcv_record *r, long line, long column);
long bcv_record_line(const bcv_record *r);
long bcv_record_column(const bcv_record *r);
/* The record's language: the text of its `language` variable, or NULL. */
const char *bcv_record_lang(const bcv_record *r);

/* Append a text value (TEXT, NUMBER or LIST variable).  s is copied and
 * trimmed of surrounding white space; an empty value is not added (returns
 * BCV_OK).  lang may be NULL.  Returns BCV_OK, BCV_EINVAL (wrong kind) or
 * BCV_ENOMEM. */
int bcv_record_add_text(bcv_record *r, bcv_var v, const char *lang,
                        const char *s, size_t len);
/* Append a date (copied). */
int bcv_record_add_date(bcv_record *r, bcv_var v, const bcv_date *d);
/* Append a copy of *n (all of its strings, affiliations, extras and alt
 * forms; its `next` is ignored) to the name list of v, creating the list
 * field on first use.  Returns the stored name (owned by the record) or
 * NULL when out of memory or v is not a name variable. */
bcv_name *bcv_record_add_name(bcv_record *r, bcv_var v, const bcv_name *n);
/* Add an affiliation / extra / other-language form to a stored name.
 * Forms keep the order they are added in; adding one is constant time. */
int bcv_name_add_affiliation(bcv_record *r, bcv_name *n, const char *s, size_t len);
int bcv_name_add_extra(bcv_record *r, bcv_name *n, const char *key,
                       const char *value, unsigned flags);
int bcv_name_add_alt(bcv_record *r, bcv_name *n, const bcv_name *alt);
/* Mark the name list of v as truncated (et al.); creates an empty list. */
int bcv_record_set_etal(bcv_record *r, bcv_var v);
/* Append an extra.  key must be namespaced ("ris.M3"); both are copied. */
int bcv_record_add_extra(bcv_record *r, const char *key, const char *value,
                         size_t vlen, unsigned flags);

/* Iteration in insertion order (name lists sit where they were first
 * added).  Borrowed. */
const bcv_field *bcv_record_fields(const bcv_record *r);
size_t bcv_record_field_count(const bcv_record *r);
/* The most languages of one variable a writer carries (its text values,
 * or its names' other-language forms).  A record may hold more; writers
 * report the rest as dropped.  It bounds what formats that repeat a whole
 * name list per language (author_en, author_fr ...) can be made to
 * write, and keeps their per-language passes linear. */
#define BCV_MAX_LANGS 64

/* The languages of one variable a writer carries, in the order they first
 * come.  A NULL tag stands for the record's own language.  Zero it, then
 * add each value's tag; over says a language found no room (report it
 * with bcv_diag_langs_dropped). */
typedef struct bcv_langs {
  const char *tag[BCV_MAX_LANGS]; /* borrowed */
  size_t n;
  int over;
} bcv_langs;
void bcv_langs_add(bcv_langs *l, const char *tag);

/* The first text of v in lang (NULL lang: the record's language, else any
 * untagged value, else the first value).  Borrowed; NULL when absent. */
const char *bcv_record_text(const bcv_record *r, bcv_var v, const char *lang);
/* The text values of v in the record's language (those without a
 * language tag, and those tagged bcv_record_lang(r)), in order, joined
 * with sep: for a writer whose format has one field of a kind where the
 * model may hold a list (biblatex's "Berlin and New York").  The result
 * goes to *buf, a buffer of *cap bytes that the caller owns (start with
 * NULL and 0): grown with realloc when short, NUL-terminated, meant to be
 * kept from record to record and freed once with free().  Returns the
 * joined length, 0 when v has no such value (*buf is then left as it
 * was), or -1 when out of memory.  *others (when not NULL) gets the number
 * of values in other languages left out, for the writer to report. */
long bcv_record_join_text(const bcv_record *r, bcv_var v, const char *sep, char **buf,
                          size_t *cap, size_t *others);
/* The field holding v's names or date, or NULL. */
const bcv_field *bcv_record_field(const bcv_record *r, bcv_var v);
/* The first extra with this key, or NULL. */
const bcv_field *bcv_record_extra(const bcv_record *r, const char *key);

/* ---- inline markup ----
 * Text values carry CSL's inline markup as bare tags: <i>, <b>, <sc>,
 * <sup>, <sub>, <span class="nocase">, <span
 * style="font-variant:small-caps;"> and their closing tags, spelled
 * exactly so.  Nothing else is markup and nothing is escaped: "&" is an
 * ampersand and a "<" that starts none of these tags is a less-than sign
 * ("10.1002/(SICI)...<377::AID-JCC1>3.0.CO;2-P").  Writers of formats
 * without markup (RIS, CNKI) write the text without the tags; others map
 * them to their own convention. */
typedef enum bcv_mark {
  BCV_MARK_NONE,      /* not a tag */
  BCV_MARK_ITALIC,    /* <i> */
  BCV_MARK_BOLD,      /* <b> */
  BCV_MARK_SMALLCAPS, /* <sc>, <span style="font-variant:small-caps;"> */
  BCV_MARK_SUP,       /* <sup> */
  BCV_MARK_SUB,       /* <sub> */
  BCV_MARK_NOCASE,    /* <span class="nocase">: keep the case as it is */
  BCV_MARK_SPAN_END   /* </span>: ends the innermost of the two spans */
} bcv_mark;

/* The tag s[0..n) starts with: its length, or 0 when s starts no tag.
 * *mark (when not NULL) gets what it marks, *closing (when not NULL)
 * whether it is a closing tag.  Looks at no more than the tag's bytes. */
size_t bcv_markup_tag(const char *s, size_t n, bcv_mark *mark, int *closing);

/* Copy s[0..n) to out without its tags; returns the length written (at
 * most n; no NUL is added).  out must hold n bytes and may be s itself.
 * Linear, allocates nothing. */
size_t bcv_markup_strip(const char *s, size_t n, char *out);

/* ---- DOIs ---- */

/* s[0..len) without white space around it and without a resolver's
 * prefix ("https://doi.org/", "http://dx.doi.org/", "doi.org/", "doi:",
 * in any case): where the DOI starts, in s (borrowed), with its length in
 * *dlen (0 when nothing is left).  Says nothing of whether it is a DOI. */
const char *bcv_doi_strip(const char *s, size_t len, size_t *dlen);
/* Whether s[0..len) has a DOI's shape: "10.", then a '/' somewhere. */
int bcv_doi_shape(const char *s, size_t len);

/* ---- a personal name written on one line ---- */

/* How bcv_name_parse reads a name; 0 is the common reading. */
enum bcv_name_parse_flags {
  /* "World Health Organization,": a name that ends in a comma is an
   * institution, kept whole as the literal (EndNote's mark, which RIS
   * exports inherit). */
  BCV_NAME_PARSE_COMMA_LITERAL = 1u << 0,
  /* A given name of initials run together, capitals and dots only with
   * one to four capitals ("Brown, JM", "Brown, J.M."), is written
   * "J. M." (Web of Science's AU). */
  BCV_NAME_PARSE_INITIALS = 1u << 1,
  /* Lower-case words before the family name ("van Gogh, Vincent") are
   * its non-dropping particle, those after the given names
   * ("Gaulle, Charles de") the dropping one (EndNote XML). */
  BCV_NAME_PARSE_PARTICLES = 1u << 2,
  /* A name without a comma is the family name whole ("Selvamani"), not
   * "Given Family" (MEDLINE's FAU, always family first). */
  BCV_NAME_PARSE_WHOLE = 1u << 3
};

/* Parse one person's name as the tag-per-line formats (RIS, EndNote,
 * MEDLINE, Web of Science) and EndNote XML write it, into *n (zeroed
 * first; the strings are copies in r's arena, owned by the record, and
 * n itself is the caller's: add it with bcv_record_add_name).  s[0..len)
 * need not be NUL-terminated; white space around it and its parts is
 * trimmed.  The forms:
 *   "Family, Given" and "Family, Given, Suffix" ("Smith, John, Jr.");
 *   more commas than that (several names on one line, Ovid's PsycINFO
 *   "Batchelor, S., Inglis, M., Gilmore, C."): kept whole as the literal;
 *   a Han name without a comma or space ("邓正阳"), by bcv_name_split_han;
 *   one word ("Aristotle"): the family name;
 *   "Given Family" (the last word the family name) unless
 *   BCV_NAME_PARSE_WHOLE.
 * A Han family name before a comma ("邓, 正阳") sets BCV_NAME_EASTERN.
 * Blank s leaves *n empty.  flags: enum bcv_name_parse_flags.  Returns
 * BCV_OK or BCV_ENOMEM.  Allocates only in the record's arena. */
int bcv_name_parse(bcv_record *r, const char *s, size_t len, unsigned flags, bcv_name *n);

/* ---- Chinese (and other CJK) names ---- */

/* Whether s starts with a Han ideograph (CJK Unified Ideographs and
 * extension A, compatibility ideographs). */
int bcv_utf8_is_han(const char *s, size_t len);
/* Split a Han personal name written family-first without spaces into
 * family and given: a two-character compound surname from the built-in
 * table (欧阳, 司马, 诸葛 ...) or else the first character; a name with a
 * middle dot (·) splits at the first dot.  Fills n->family, n->given
 * (pointers into the record's arena), sets BCV_NAME_EASTERN.  Returns
 * BCV_OK, or BCV_EINVAL when s is not a Han name. */
int bcv_name_split_han(bcv_record *r, const char *s, size_t len, bcv_name *n);
/* The same rule without storing anything: the length of s's family name,
 * with *given set to where its given name starts (after a dot, when there
 * is one; len when there is none).  0 when s does not start with a Han
 * ideograph.  s is taken as it is (no white space trimmed). */
size_t bcv_han_split(const char *s, size_t len, size_t *given);

#ifdef __cplusplus
}
#endif
#endif
