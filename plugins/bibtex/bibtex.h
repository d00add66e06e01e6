/* SPDX-License-Identifier: MIT */
/* bibtex.h: private to the bibtex module (formats bibtex and biblatex).
 *
 * The module works in three layers:
 *   parse.c  bytes -> raw entries: type, key and (name, LaTeX value)
 *            pairs with @string macros expanded; one entry at a time.
 *   map.c    raw entry <-> record, by tables: entry types, fields,
 *            langid; latex.c and names.c decode and encode values.
 *   read.c   the reader (crossref/xdata inheritance between raw
 *            entries); write.c the two writers. */
#ifndef BIBTEX_H
#define BIBTEX_H

#include <stddef.h>
#include <bibconv/bibconv.h>

/* ---- a growable byte buffer, reused from entry to entry ---- */

typedef struct bt_buf {
  char *p;
  size_t len, cap;
} bt_buf;

int bt_buf_reserve(bt_buf *b, size_t extra);
int bt_buf_put(bt_buf *b, const void *s, size_t n);
int bt_buf_puts(bt_buf *b, const char *s);
int bt_buf_putc(bt_buf *b, char c);
int bt_buf_utf8(bt_buf *b, unsigned cp); /* append a code point as UTF-8 */
/* Encode a code point as UTF-8 into out; returns its length (1-4). */
size_t bt_utf8_encode(unsigned cp, char out[4]);
void bt_buf_free(bt_buf *b);
/* The code point at s (n bytes left) and its length; text reaching the
 * module is valid UTF-8 (the core checks it), so no error case. */
size_t bt_utf8_next(const char *s, size_t n, unsigned *cp);

/* ---- raw entries ---- */

typedef struct bt_field {
  size_t name, nlen; /* lower-cased field name, offsets into the entry's text */
  size_t val, vlen;  /* the LaTeX value, macros expanded, delimiters removed */
  long line, col;    /* where the field name stands in the input */
  int bare;          /* writers: a macro name, written without braces */
  unsigned same;     /* 1 + the index of the next field of the same name; 0: none */
} bt_field;

/* The first and last field of one name, in the entry's name index. */
typedef struct bt_ix_slot {
  unsigned gen; /* the slot is in use when this is the entry's generation */
  unsigned first, last;
} bt_ix_slot;

/* Fields an entry may hold: far beyond any real one, and it keeps a
 * hostile entry's memory in a few MB. */
#define BT_MAX_FIELDS 100000
/* Bytes of one entry's source and of one expanded value.  The writers
 * refuse a record past either, so what they write this reader reads. */
#define BT_MAX_ENTRY (64u * 1024 * 1024)
#define BT_MAX_VALUE (16u * 1024 * 1024)

typedef struct bt_entry {
  bt_buf text;         /* every string of the entry, NUL-separated */
  size_t type, tlen;   /* lower-cased entry type */
  size_t key, klen;    /* citation key (klen 0: none) */
  bt_field *f;
  size_t n, cap;
  long line, col;      /* where the '@' stands */
  char *preamble;      /* @preamble text met since the previous entry (malloc'd) */
  /* Field names, hashed: every lookup by name is constant time, however
   * many fields a hostile entry has.  A new generation empties it. */
  bt_ix_slot *ix;
  size_t ixcap;        /* a power of two, at least twice n */
  unsigned gen;
} bt_entry;

#define BT_STR(e, off) ((e)->text.p + (off))

void bt_entry_reset(bt_entry *e);
void bt_entry_free(bt_entry *e);
/* The first field of that name, or NULL; bt_entry_next_same gives the
 * next one of the same name (after crossref inheritance there may be
 * several), or NULL. */
const bt_field *bt_entry_field(const bt_entry *e, const char *name);
const bt_field *bt_entry_fieldn(const bt_entry *e, const char *name, size_t nlen);
const bt_field *bt_entry_next_same(const bt_entry *e, const bt_field *f);
/* The value of a field, or NULL (with *len 0). */
const char *bt_entry_get(const bt_entry *e, const char *name, size_t *len);
int bt_entry_has(const bt_entry *e, const char *name);
/* Append a field (name lower-cased by the caller).  BCV_ELIMIT beyond
 * BT_MAX_FIELDS. */
int bt_entry_add(bt_entry *e, const char *name, size_t nlen, const char *val,
                 size_t vlen, long line, long col);
int bt_entry_copy(bt_entry *dst, const bt_entry *src);
/* Give back an entry's room to grow (for entries kept a while). */
int bt_entry_shrink(bt_entry *e);
/* The bytes an entry takes in memory, allocator overhead included (not
 * the bt_entry itself). */
size_t bt_entry_bytes(const bt_entry *e);
/* Remove every field of that name (the others keep their order). */
void bt_entry_drop(bt_entry *e, const char *name);
/* Set the type or key (*off, *len) of an entry to a copy of s. */
int bt_entry_set(bt_entry *e, size_t *off, size_t *len, const char *s, size_t n);

/* ---- tables ---- */

/* BibTeX's month macros ("jan") and the names the standard styles give
 * them ("January"). */
extern const char *const bt_month_abbr[12];
extern const char *const bt_month_name[12];
/* Bisection in a table of structs whose first member is `const char
 * *name`, sorted in ASCII order; the key is klen bytes. */
const void *bt_lookup(const void *table, size_t n, size_t size, const char *key, size_t klen);
#define BT_LOOKUP(table, key, klen) \
  bt_lookup((table), sizeof(table) / sizeof((table)[0]), sizeof((table)[0]), (key), (klen))

/* ---- the parser ---- */

typedef struct bt_parser bt_parser;
bt_parser *bt_parser_new(bcv_input *in, bcv_diag *diag);
void bt_parser_free(bt_parser *p);
/* Read the next regular entry (or @xdata) into e.  @string, @preamble and
 * @comment are handled inside; broken entries are reported and skipped.
 * Returns 1 with an entry, 0 at the end of input, or a BCV_E* code. */
int bt_parser_next(bt_parser *p, bt_entry *e);
/* Number of entries reported as broken so far. */
size_t bt_parser_errors(const bt_parser *p);

/* ---- LaTeX <-> Unicode ---- */

typedef struct bt_accent {
  char cmd, base;
  unsigned cp;
} bt_accent;
typedef struct bt_mark {
  char cmd;
  unsigned cp;
} bt_mark;
extern const bt_accent bt_accents[];          /* by (cmd, base) */
extern const bt_accent bt_accents_by_cp[];    /* the same rows, by cp */
extern const size_t bt_n_accents;
/* The accent and base letter of a precomposed letter, or NULL. */
const bt_accent *bt_accent_of(unsigned cp);
extern const bt_mark bt_marks[];
extern const size_t bt_n_marks;

enum bt_decode_mode {
  BT_DEC_TITLE = 1u << 0,    /* a top-level {group} protects case: nocase span */
  BT_DEC_MARKUP = 1u << 1,   /* \emph and friends become CSL markup */
  BT_DEC_VERBATIM = 1u << 2, /* no LaTeX at all (url, doi, file) */
  BT_DEC_PAGES = 1u << 3,    /* "--" is the range hyphen, not an en dash */
  BT_DEC_NAME = 1u << 4      /* "~" is a plain space */
};
/* Decode LaTeX text into UTF-8 (NFC for what it composes) with CSL's
 * inline markup, white space collapsed and trimmed.  Appends to out,
 * which is NUL-terminated afterwards. */
int bt_latex_decode(const char *s, size_t n, unsigned mode, bt_buf *out);
/* The same with \bibstring{key} as the key's string in lang (BCP 47;
 * NULL: English), see bt_bibstring. */
int bt_latex_decode_lang(const char *s, size_t n, unsigned mode, const char *lang, bt_buf *out);

enum bt_encode_mode {
  BT_ENC_ASCII = 1u << 0,   /* non-ASCII with a LaTeX form is escaped */
  BT_ENC_VERBATIM = 1u << 1, /* written as is (url, doi) */
  BT_ENC_PAGES = 1u << 2,    /* a range's "-" or en dash becomes "--" */
  BT_ENC_XNAME = 1u << 3     /* names: biblatex's family= where plain
                              * "Family," would need the trailing comma */
};
/* Encode model text (with CSL markup) as a LaTeX field value, without the
 * outer braces.  Appends to out. */
int bt_latex_encode(const char *s, size_t n, unsigned mode, bt_buf *out);

/* ---- names ---- */

/* Parse a BibTeX name list into the record's variable v.  useprefix puts
 * "von" parts in non-dropping-particle instead of dropping-particle.
 * With lang, the names are that language's forms of v's names, paired by
 * position; forms past the last name have nothing to hang on: *unpaired
 * gets their count and *rest where the first of them starts in s (the
 * caller keeps them), else 0. */
int bt_names_read(bcv_record *r, bcv_var v, const char *s, size_t n, int useprefix,
                  const char *lang, size_t *unpaired, size_t *rest);
/* Is there the word "and" at s[i] (white space before it or the start,
 * white space after it), where name lists and biblatex's literal lists
 * are split?  The caller checks the brace level. */
int bt_and_at(const char *s, size_t i, size_t n);
/* Encode a name list as BibTeX; alt_lang non-NULL writes the names' forms
 * in that language instead (NULL results: nothing to write). */
int bt_names_write(const bcv_field *f, const char *alt_lang, unsigned enc, bt_buf *out);

/* ---- biblatex's localisation keys (bibstrings.c) ---- */

/* lang: a BCP 47 tag; the strings are those of its primary subtag where
 * the table has them (de, fr, es, it, nl, pt), else English (also for
 * NULL), as biblatex falls back to English. */
/* The string of a key ("inpress" -> "in press", "im Druck"), or NULL. */
const char *bt_bibstring(const char *key, size_t len, const char *lang);
/* Where a field is read (ctx): the entry is a patent, a journal's item. */
enum { BT_BS_PATENT = 1u << 0, BT_BS_JOURNAL = 1u << 1 };
/* If the value of field (decoded text) is, or holds, localisation keys
 * that biblatex prints as strings there (type, pubstate, series, a
 * patent's location), append the text biblatex prints in lang to out and
 * return 1; else 0 (out unchanged); -1 when out of memory. */
int bt_bibstring_field(const char *field, unsigned ctx, const char *value, const char *lang,
                       bt_buf *out);
/* Is field one whose value may be keys? */
int bt_bibstring_keyed(const char *field, unsigned ctx);
/* The other way: append the value with keys that gives text back in lang
 * or in English (the key of "in press", 3 for "3rd series") and return 1;
 * 0 when text is not one (out unchanged); -1 when out of memory.  Where
 * one string is two keys', the first in key order is given. */
int bt_bibstring_unfield(const char *field, unsigned ctx, const char *text, const char *lang,
                         bt_buf *out);

/* ---- crossref inheritance (inherit.c) ---- */

/* Fields one parent field may fill in a child (author: author and
 * bookauthor). */
#define BT_INHERIT_MAX 2
/* The child fields that the parent field `field` fills when an entry of
 * type `child` has a crossref to one of type `parent`, by biblatex's
 * default rules: 0 when it is not inherited, else the count stored in to
 * (static strings, or field itself). */
int bt_inherit_targets(const char *parent, const char *child, const char *field,
                       const char *to[BT_INHERIT_MAX]);
/* Is field one that no child inherits (crossref, ids, options...)? */
int bt_inherit_never(const char *field);

/* ---- mapping ---- */

enum bt_dialect { BT_BIBTEX, BT_BIBLATEX };

/* The mapping's state, kept by the reader from entry to entry (scratch
 * buffers, what it has worked out about the field table). */
typedef struct bt_mapper bt_mapper;
/* lists: read biblatex's literal lists (location, publisher...) as one
 * value per item, as biber does; classic BibTeX keeps the whole text.
 * strings_lang: the language of every entry's localisation strings
 * (-I bibstrings), or NULL for each entry's own (langid, language). */
bt_mapper *bt_mapper_new(int lists, const char *strings_lang);
void bt_mapper_free(bt_mapper *m);
/* Build a record from a raw entry (after inheritance). */
int bt_map_entry(bt_mapper *m, const bt_entry *e, bcv_record *rec, bcv_diag *diag);
/* Turn a record into a raw entry for the dialect: type, key and fields
 * with LaTeX values in the writer's field order. */
int bt_unmap_record(const bcv_record *rec, enum bt_dialect d, unsigned enc,
                    bcv_diag *diag, bt_entry *e);
/* The entry's type: its entrytype field when that names a known type (the
 * classic writer's @misc{..., entrytype = {online}}), else its own; buf
 * holds the former. */
const char *bt_entry_type(const bt_entry *e, char buf[32]);
/* langid (babel/polyglossia name) <-> BCP 47. NULL when unknown. */
const char *bt_langid_to_bcp47(const char *langid, size_t len);
const char *bt_bcp47_to_langid(const char *tag);

extern const bcv_reader_ops bt_bibtex_reader;
extern const bcv_reader_ops bt_biblatex_reader;
extern const bcv_writer_ops bt_bibtex_writer;
extern const bcv_writer_ops bt_biblatex_writer;

#endif
