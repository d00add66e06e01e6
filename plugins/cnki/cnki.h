/* SPDX-License-Identifier: MIT */
/* cnki.h: the cnki module's internals.
 *
 * One reader for the text Chinese-literature users have: CNKI's export
 * formats (RefWorks, EndNote/Refer, NoteExpress, E-Study, GB/T 7714
 * reference strings) and article pages pasted from a browser (Magtech,
 * CNKI kcms, RHHZ, CQVIP, newspapers, loose notes).  Every dialect turns
 * its lines into (slot, value) pairs with a table; the builder (build.c)
 * is the one place that knows how a slot lands in the model, so the
 * dialects hold syntax only.  The writer emits CNKI's RefWorks format.
 */
#ifndef BIBCONV_CNKI_H
#define BIBCONV_CNKI_H

#include <stddef.h>
#include <bibconv/diag.h>
#include <bibconv/io.h>
#include <bibconv/plugin.h>
#include <bibconv/record.h>

/* What a value is, whatever tag or label carried it. */
typedef enum cn_slot {
  CN_IGNORE,     /* known and carries nothing (SR 1, DS CNKI) */
  CN_TYPE,       /* a CNKI type string: "Journal Article" */
  CN_DATATYPE,   /* E-Study's numeric DataType */
  CN_DB,         /* sub-database: 年鉴, 国家标准, 中国专利, 博士 ... */
  CN_TITLE,      /* a title; its language comes from its script */
  CN_TITLE_EN,   /* a translated (English) title */
  CN_AUTHORS,    /* a list of names */
  CN_AUTHORS_EN, /* a list of romanised names of the same people */
  CN_AFFILS,     /* a list of affiliations */
  CN_CONTAINER,  /* journal, newspaper, proceedings */
  CN_CONTAINER_EN,
  CN_SECONDARY,  /* conference name (conference) or newspaper (newspaper) */
  CN_YEAR,
  CN_DATE,       /* the issue's date */
  CN_ONLINE,     /* first published online */
  CN_VOLUME,
  CN_ISSUE,
  CN_PAGES,
  CN_NPAGES,
  CN_KEYWORDS,
  CN_KEYWORDS_EN,
  CN_ABSTRACT,
  CN_ABSTRACT_EN,
  CN_ISSN,
  CN_ISBN,
  CN_ISXN,       /* ISSN or ISBN, by its shape */
  CN_CN,         /* 国内统一刊号 (or a patent number in NoteExpress Notes) */
  CN_DOI,
  CN_URL,
  CN_PUBLISHER,
  CN_PLACE,      /* conference or publisher place */
  CN_DEGREE,     /* 博士 / 硕士 */
  CN_SUPERVISOR,
  CN_ORGANIZER,
  CN_NUMBER,     /* patent or standard number */
  CN_LANG,
  CN_SECTION,    /* column of the journal */
  CN_NOTE,       /* RefWorks NO: "key: value" written by our writer */
  CN_EXTRA,      /* kept under the row's key */
  CN_EVENT_DATE, /* when a conference was held */
  CN_FILED,      /* a patent's application date */
  CN_STATUS,     /* publication status: "advance online publication" */
  CN_ACCESSED,   /* when an online resource was looked at (GB/T [引用日期]) */
  CN_EDITORS,    /* editors of the book or proceedings a part is in */
  CN_TRANSLATORS,
  CN_EDITION,
  CN_MEDIUM,     /* a carrier other than online: CD, DK, MT */
  CN_PUBPLACE,   /* where a book was published (GB/T's 出版地), whatever the type */
  CN_EVENT_PLACE,
  CN_SLOT_COUNT
} cn_slot;

/* One row of a dialect's tag table. */
typedef struct cn_tag {
  const char *tag;
  cn_slot slot;
  const char *key; /* CN_EXTRA: the namespaced key */
} cn_tag;

/* ---- text helpers (text.c) ---- */

/* Length of the UTF-8 character at s (1 for bytes that are not UTF-8). */
size_t cn_u8len(const char *s, size_t len);
unsigned cn_cp(const char *s, size_t len, size_t *n);
int cn_is_han_cp(unsigned c);
/* Whether the text holds a Han ideograph. */
int cn_has_han(const char *s, size_t len);
/* "zh" when the text is mostly Han ideographs, else "en". */
const char *cn_lang_of(const char *s, size_t len);
/* Trim ASCII white space, NBSP and U+3000 at both ends. */
void cn_trim(const char **s, size_t *len);
int cn_starts(const char *s, size_t len, const char *prefix);
/* Offset of needle in s, or (size_t)-1. */
size_t cn_find(const char *s, size_t len, const char *needle);

/* A growable byte buffer, reused across records. */
typedef struct cn_buf {
  char *p;
  size_t len, cap;
} cn_buf;
int cn_buf_put(cn_buf *b, const void *s, size_t n);
int cn_buf_puts(cn_buf *b, const char *s);
int cn_buf_putc(cn_buf *b, char c);
void cn_buf_free(cn_buf *b);

/* Copy s into b cleaned for the model: full-width and no-break spaces
 * become plain ones, runs of blanks collapse, the CNKI/Magtech artefacts
 * <正>, Abstract(#br) and #br# go.  b is reset first. */
int cn_clean(cn_buf *b, const char *s, size_t len);

/* Split a list value on ;  ；  ;; and, when commas is set and there is no
 * semicolon, on ,  ，  、.  Calls fn for each non-empty trimmed item. */
typedef int (*cn_item_fn)(void *ud, const char *s, size_t len);
int cn_split_list(const char *s, size_t len, int commas, cn_item_fn fn, void *ud);

/* Pages as CSL wants them: "1106-1111+1117" -> "1106-1111, 1117",
 * "004" -> "4" (unless keep_zeros), "111-" -> "111", ~ and U+2212 -> "-".
 * Into b (reset). */
int cn_norm_pages(cn_buf *b, const char *s, size_t len, int keep_zeros);
/* A number without leading zeros ("07" -> "7"); other text unchanged. */
int cn_norm_number(cn_buf *b, const char *s, size_t len);
/* Dates CNKI and the pages print: 2024-04-07, 2024/4/7, 2021-01-15 16:54,
 * 2017年10月19日, "Oct. 19, 2017", 2024.  0 when nothing was found. */
int cn_parse_date(const char *s, size_t len, bcv_date *d);

/* ---- the record builder (build.c) ---- */

typedef struct cn_builder cn_builder;

cn_builder *cn_builder_new(bcv_diag *diag);
void cn_builder_free(cn_builder *b);
/* Start a record at line/col of the input; the builder owns it until
 * cn_builder_finish hands it out. */
int cn_builder_start(cn_builder *b, long line, long col);
/* Add one value.  key names the extra of CN_EXTRA rows (else NULL);
 * line/col place diagnostics.  Values are cleaned and split here. */
int cn_put(cn_builder *b, cn_slot slot, const char *key, const char *s, size_t len,
           long line, long col);
/* Names parsed by a dialect itself (GB/T strings, inline names). */
int cn_put_name(cn_builder *b, const char *s, size_t len, const char *lang);
/* A list of names ("张三, 李四, 等", "KANAMORI H, LECUN Y, et al.") that
 * are all the record's names in lang ("zh": its authors, "en": their
 * romanised forms), whatever script each is in: "包艳华, 唐倩, Barbara M.
 * KEHM" are three authors. */
int cn_put_names(cn_builder *b, const char *s, size_t len, const char *lang, long line);
void cn_set_etal(cn_builder *b);
/* Romanised names of this record are family-first ("Beuthien V" in a GB/T
 * string, "Lian Hongping" beside 连宏萍). */
void cn_family_first(cn_builder *b);
/* The pages of this record are the pages cited (a GB/T string's ": 15"),
 * never a page count, whatever the type. */
void cn_cited_pages(cn_builder *b);
/* Whether a slot already has a value (pages fill gaps from citations). */
int cn_has(const cn_builder *b, cn_slot slot, const char *lang);
/* The record, complete: language, names paired and split, type chosen.
 * NULL with BCV_ENOMEM in *rc when memory ran out. */
bcv_record *cn_builder_finish(cn_builder *b, int *rc);
/* The record being built (for the dialects' own extras). */
bcv_record *cn_builder_record(cn_builder *b);
bcv_diag *cn_builder_diag(cn_builder *b);

/* Whether s is a person's suffix that follows the given names ("Jr",
 * "III"). */
int cn_person_suffix(const char *s, size_t len);

/* Han personal name or romanised name into parts (names.c).  lang "zh"
 * or "en"; surname_first: romanised names are family-first (paired with
 * Han names, or pinyin with the capitalised surname). */
int cn_parse_name(bcv_record *r, const char *s, size_t len, int surname_first, bcv_name *n);
/* Strip glued affiliation markers ("袁训来1,2", "LIANG Qiao1*"): the
 * name's length without them; *marks and *mlen the markers. */
size_t cn_name_marks(const char *s, size_t len, const char **marks, size_t *mlen);

/* ---- dialects ---- */

typedef enum cn_dialect {
  CN_NONE,
  CN_REFWORKS,
  CN_ENDNOTE,
  CN_NOTEEXPRESS,
  CN_ESTUDY,
  CN_GBT,
  CN_PAGE
} cn_dialect;

/* The dialect whose record starts on this line, or CN_NONE. */
cn_dialect cn_record_start(const char *s, size_t len);
/* Feed one record's lines (NUL-separated copies in text, each with its
 * line number) to the builder (tagged.c, page.c). */
typedef struct cn_lines {
  const char *text;   /* the record's lines, each ending in '\n' */
  size_t len;
  const long *lineno; /* line number of each line */
  size_t n;
} cn_lines;
/* The tagged dialects' scanners (bibconv/tagline.h), one per dialect,
 * kept by the reader from record to record (tagged.c). */
typedef struct cn_tagged cn_tagged;
cn_tagged *cn_tagged_new(bcv_diag *diag);
void cn_tagged_free(cn_tagged *t);
/* BCV_ELIMIT: the record had too many fields (reported); skip it. */
int cn_read_tagged(cn_tagged *t, cn_builder *b, cn_dialect d, const cn_lines *l);
int cn_read_page(cn_builder *b, const cn_lines *l);
/* What a line of a paste says about where a page starts (page.c):
 * nothing (blank, chrome), content, a label with its value, a label alone,
 * a page's head (menu, breadcrumb, source line), a reference list's
 * heading, a numbered GB/T entry ("[3]作者.题名[J]...").  *anchor: for a label a page has once, its number, else -1. */
enum {
  CN_PL_NONE,
  CN_PL_CONTENT,
  CN_PL_LABEL,
  CN_PL_ALONE,
  CN_PL_HEAD,   /* a menu or breadcrumb */
  CN_PL_SOURCE, /* a source line ("刊名 ›› 2024, Vol. 26 ...", "刊名 . 2026 ,36 (03) : 5-15") */
  CN_PL_REFS,
  CN_PL_ENTRY
};
int cn_page_line(const char *s, size_t len, size_t *anchor);
/* Whether the line is a GB/T 7714 entry: a type code after an author or title. */
int cn_gbt_entry(const char *s, size_t len);
/* Whether s..len is a GB/T 7714 type code ("J", "EB/OL"...) (gbt.c). */
int cn_gbt_code(const char *s, size_t len);
/* One GB/T 7714 reference string ("[1]张福锁,王激清.题名[J].刊名,2008(05):915-924.");
 * only fills what the builder lacks when fill is set. */
int cn_read_gbt(cn_builder *b, const char *s, size_t len, long line, int fill);

/* How sure the head of an input is CNKI-style text (cnki.c). */
int cn_detect(const char *head, size_t len);
/* The same for a pasted page or a GB/T 7714 list, from its lines' classes:
 * labels of the label table, source lines, a 参考文献 heading over GB/T
 * entries (page.c). */
int cn_detect_page(const char *head, size_t len);

extern const bcv_reader_ops cn_reader;
extern const bcv_writer_ops cn_writer;
extern const cn_tag cn_refworks_tags[];

#endif
