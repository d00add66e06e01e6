/* SPDX-License-Identifier: MIT */
/* tagline.h: one scanner for the tag-per-line formats.
 *
 * RIS ("TY  - JOUR"), EndNote/Refer ("%0 Book"), MEDLINE ("FAU - Long,
 * Vicky"), Web of Science ("AU Brown, J") and CNKI's exports all put one
 * tag and its value on a line, continue a value on untagged lines, and
 * differ only in the tag's shape, how continuation lines join, and what
 * starts and ends a record.  A dialect (a small constant table) says
 * those; the scanner knows no format's tags.  It hands a reader one
 * record at a time as tags and values in one flat buffer, reused from
 * record to record (no allocation per field), with the line of each
 * field for diagnostics.  What the tags mean stays the reader's.
 *
 * Two ways to use it: bcv_tagline_next() reads records from a bcv_input
 * by the dialect's boundaries; bcv_tagline_begin/feed/end() take the
 * lines of a record a reader cut out itself (CNKI's reader, which also
 * reads untagged pages). */
#ifndef BIBCONV_TAGLINE_H
#define BIBCONV_TAGLINE_H

#include <stddef.h>
#include <bibconv/bibconv.h>
#include <bibconv/diag.h>
#include <bibconv/io.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The shape of a tag line.  Tags are ASCII; a value starts after the
 * separator (and, for the dashed and padded shapes, one optional space). */
typedef enum bcv_tagline_shape {
  BCV_TAGLINE_DASHED,  /* "TY  - value": [A-Z][A-Z0-9], one to three spaces, '-'
                        * (the line at least five bytes: "ER  -"); RIS */
  BCV_TAGLINE_PADDED,  /* "FAU - value", "PMID-value": one to four [A-Z0-9]
                        * starting with a letter, spaces to the fifth byte, '-';
                        * MEDLINE */
  BCV_TAGLINE_SPACED,  /* "AU value", "ER": [A-Z][A-Z0-9], then a space or the
                        * line's end; Web of Science */
  BCV_TAGLINE_PERCENT, /* "%A value", "%0": '%', one printable ASCII character,
                        * then a space or the line's end; EndNote, Refer */
  BCV_TAGLINE_CUSTOM   /* the dialect's split function */
} bcv_tagline_shape;

/* A tag line split: offsets into the line. */
typedef struct bcv_tagline_tag {
  size_t tag, tlen; /* the tag (at most 65535 bytes) */
  size_t value;     /* where the value starts; it runs to the line's end */
  int row;          /* the split function's own note on the tag (a row of
                     * its table), kept with the field; -1 for the shapes */
} bcv_tagline_tag;

/* A custom shape: whether line s (len bytes, no '\n') is a tag line, and
 * if so its parts in *t. */
typedef int (*bcv_tagline_split_fn)(const char *s, size_t len, bcv_tagline_tag *t);

/* The byte that joins a continuation line to the value of tag (tlen bytes):
 * '\n' keeps paragraphs, ' ' rewraps. */
typedef char (*bcv_tagline_join_fn)(const char *tag, size_t tlen);

enum bcv_tagline_flags {
  /* Values and continuation lines are trimmed of spaces and tabs, blank
   * continuation lines dropped, and each joined by the join byte.
   * Without it a value is kept as written and each continuation line
   * that is not empty is appended after a '\n', untrimmed, for the
   * reader to join by its own rules. */
  BCV_TAGLINE_TRIM = 1u << 0,
  /* A blank line ends the record (Refer, MEDLINE). */
  BCV_TAGLINE_BLANK_ENDS = 1u << 1,
  /* Outside a record, any tag line (but `skip` tags and the end tag)
   * starts one; without it only the start tag does. */
  BCV_TAGLINE_ANY_STARTS = 1u << 2
};

typedef struct bcv_tagline_dialect {
  bcv_tagline_shape shape;
  bcv_tagline_split_fn split; /* BCV_TAGLINE_CUSTOM only */
  unsigned flags;             /* enum bcv_tagline_flags */
  const char *start;          /* the tag that starts a record, also inside
                               * one (which it then ends): "TY"; or NULL */
  const char *end;            /* the tag that ends a record: "ER"; or NULL */
  const char *skip;           /* tags outside records that are file headers,
                               * space-separated: "FN VR EF"; or NULL */
  bcv_tagline_join_fn join;   /* NULL: join_byte for every tag */
  char join_byte;             /* with BCV_TAGLINE_TRIM and no join function */
  /* Warned once per paragraph of text met outside a record (and skipped);
   * NULL: skipped silently. */
  const char *outside;
  /* A record's limits: the bytes it takes here (its text and its field
   * index, sizeof(bcv_tagline_field) a field) and its number of fields.
   * Past either it is reported as an error at its first line and skipped
   * (0: 16 MiB, 100000 fields). */
  size_t max_bytes, max_fields;
} bcv_tagline_dialect;

/* One field of a record.  The tag and the value are NUL-terminated in the
 * record's text; a value continued on more lines holds them joined. */
typedef struct bcv_tagline_field {
  long line;              /* of the tag line */
  unsigned tag, value;    /* offsets in bcv_tagline_record.text */
  unsigned len;           /* the value's length */
  unsigned short tlen;    /* the tag's length */
  unsigned short column;  /* of the value on its line, in characters (0 past 65535) */
  int row;                /* bcv_tagline_tag.row of the tag line */
  unsigned lines;         /* continuation lines joined into the value */
} bcv_tagline_field;

/* How a record ended. */
typedef enum bcv_tagline_ending {
  BCV_TAGLINE_END_TAG,   /* at its end tag ("ER") */
  BCV_TAGLINE_END_START, /* at the start tag of the next record (no end tag) */
  BCV_TAGLINE_END_BLANK, /* at a blank line */
  BCV_TAGLINE_END_EOF    /* at the end of the input */
} bcv_tagline_ending;

/* A record: borrowed from the scanner until its next call.  The text may
 * be changed in place (a reader folding a value), within each value. */
typedef struct bcv_tagline_record {
  char *text;
  const bcv_tagline_field *fields;
  size_t n;
  long line; /* of its first line */
  bcv_tagline_ending end;
} bcv_tagline_record;

static inline const char *bcv_tagline_tag_of(const bcv_tagline_record *r,
                                             const bcv_tagline_field *f) {
  return r->text + f->tag;
}
static inline char *bcv_tagline_value_of(const bcv_tagline_record *r,
                                         const bcv_tagline_field *f) {
  return r->text + f->value;
}

typedef struct bcv_tagline bcv_tagline;

/* A scanner for dialect d (borrowed; usually a static table) reporting to
 * diag (borrowed, may be NULL).  Owned by the caller: bcv_tagline_free. */
bcv_tagline *bcv_tagline_new(const bcv_tagline_dialect *d, bcv_diag *diag);
void bcv_tagline_free(bcv_tagline **t);

/* Whether line s is a tag line of the dialect, and its parts. */
int bcv_tagline_split(const bcv_tagline_dialect *d, const char *s, size_t len,
                      bcv_tagline_tag *t);

/* The next record of in: BCV_OK with *rec filled, BCV_DONE at the end of
 * the input, BCV_EIO when reading failed, BCV_ENOMEM.  Text outside
 * records is skipped (warned with the dialect's `outside`), a record past
 * the limits reported and skipped; how a record ended is the reader's to
 * judge (a missing end tag). */
int bcv_tagline_next(bcv_tagline *t, bcv_input *in, bcv_tagline_record *rec);

/* Lines of a record cut out by the reader: begin (its first line's
 * number), feed each line (s without its '\n'), end.  feed returns what
 * the line was, or BCV_ENOMEM; lines fed past a limit are dropped and
 * end then returns BCV_ELIMIT (it was reported). */
enum bcv_tagline_kind {
  BCV_TAGLINE_FIELD = 1, /* a tag line: a new field */
  BCV_TAGLINE_MORE,      /* a continuation of the last field (or a blank line) */
  BCV_TAGLINE_LOOSE      /* text before the first field: not kept */
};
void bcv_tagline_begin(bcv_tagline *t, long line);
int bcv_tagline_feed(bcv_tagline *t, const char *s, size_t len, long line);
int bcv_tagline_end(bcv_tagline *t, bcv_tagline_record *rec);

/* Keep fields of rec (the scanner's last record) as extras of r, for the
 * tags a reader has no variable for: the fields at idx[0..n) (indices
 * into rec->fields, in any order; the array is reordered), each under
 * "NS.TAG", the values of one tag joined by '\n' in the order of their
 * lines, the tags in the order each first comes, so that a tag repeated
 * on many lines (MEDLINE's PHST, Web of Science's CR) is one extra and
 * its lines come back in order.  Empty values are left out.  O(n log n)
 * whatever the tags, in the scanner's scratch memory.  Returns BCV_OK or
 * BCV_ENOMEM. */
struct bcv_record;
int bcv_tagline_keep(bcv_tagline *t, const bcv_tagline_record *rec, size_t *idx, size_t n,
                     const char *ns, struct bcv_record *r);

#ifdef __cplusplus
}
#endif
#endif
