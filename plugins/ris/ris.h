/* SPDX-License-Identifier: MIT */
/* ris.h: the ris module's internals.
 *
 * RIS is lines "TG  - value": a record from "TY  - " to "ER  - ".  What a
 * tag means depends on the record's type (A2 is an editor for a chapter, a
 * performer for a recording; SN an ISSN for a journal, an ISBN for a
 * book), so the tag table (map.c) has rows per type class, and synonyms
 * (JF, JO, T2 for a journal) have a precedence.  Every tag without a row
 * is kept as the extra "ris.<TAG>" and written back.
 */
#ifndef BIBCONV_RIS_H
#define BIBCONV_RIS_H

#include <stddef.h>
#include <bibconv/diag.h>
#include <bibconv/io.h>
#include <bibconv/plugin.h>
#include <bibconv/record.h>

/* Classes of RIS types that tags depend on (the 2011 specification's
 * per-type readings, as citation.js's machine-readable copy has them). */
enum {
  RS_PERIODICAL = 1u << 0, /* JOUR, MGZN, NEWS ...: T2 the journal */
  RS_BOOK = 1u << 1,       /* BOOK, RPRT, ELEC, COMP ...: T2 the series, A2 the series editor, BT the title */
  RS_PART = 1u << 2,       /* CHAP, DICT, ENCYC, EBOOK ...: T2 the book */
  RS_CONF = 1u << 3,       /* CONF, CPAPER: T2 the conference, BT the proceedings, CY the place */
  RS_MEDIA = 1u << 4,      /* SOUND, VIDEO, ADVS, SLIDE: A2 the performer */
  RS_FILM = 1u << 5,       /* MPCT: A3 the producer, A4 the performer */
  RS_OTHER = 1u << 6,      /* THES, GEN, PAT ...: T2 the container */
  RS_NOCONT = 1u << 7,     /* DATA, ART, STAND, CASE ...: no container tag */
  RS_ALIAS = 1u << 8       /* not a code but a misspelling or a name ("JOURN", "Journal Article") */
};
typedef struct rs_type {
  const char *code;
  bcv_type type;
  unsigned cls;
} rs_type;

/* What a tag's value becomes. */
typedef enum rs_how {
  RS_TEXT,      /* the variable's text */
  RS_NAME,      /* one name of the variable */
  RS_DATE,      /* "YYYY/MM/DD/other" into the variable */
  RS_START,     /* SP: start page, or the whole range */
  RS_END,       /* EP: end page */
  RS_KEYWORD,
  RS_SN,        /* ISSN or ISBN by shape, else by type */
  RS_DOI,
  RS_TRANSLATED,/* TT: the title in another language */
  RS_LANG,
  RS_ID,
  RS_NOTE       /* N1: a note, or "key: value" written by this writer */
} rs_how;

/* One row: tag (and type classes; 0 = any) to variable.  Rows of one
 * variable with a rank form a precedence group: the lowest rank present
 * wins, the others are kept as extras. */
typedef struct rs_rule {
  const char *tag;
  unsigned cls;
  bcv_var var;
  rs_how how;
  int rank; /* 0: no precedence */
} rs_rule;

const rs_type *rs_type_by_code(const char *code, size_t len);
const rs_type *rs_type_by_csl(bcv_type t);
/* The rule for tag in a record of class cls, or NULL (an extra). */
const rs_rule *rs_rule_for(const char *tag, unsigned cls);
/* The tag the writer uses for v in a record of class cls, or NULL. */
const char *rs_tag_for(bcv_var v, unsigned cls);
/* BCP 47 for an RIS LA value ("English", "eng", "zh-CN"), or NULL. */
const char *rs_lang_tag(const char *s, size_t len);

extern const bcv_reader_ops rs_reader;
extern const bcv_writer_ops rs_writer;

#endif
