/* SPDX-License-Identifier: MIT */
/* isi.h: the isi module's internals.
 *
 * Web of Science's plain-text export (and INSPEC's and MEDLINE's through
 * it): "FN"/"VR" header lines, two-letter tags followed by a space, the
 * lines of a value indented by three spaces (one author or one address
 * per line), a record from "PT" to "ER", "EF" at the end.  The tag table
 * (map.c) says what each tag becomes; tags without a row are kept as the
 * extra "isi.<TAG>" (repeated lines joined by '\n') and written back.
 */
#ifndef BIBCONV_ISI_H
#define BIBCONV_ISI_H

#include <stddef.h>
#include <bibconv/diag.h>
#include <bibconv/io.h>
#include <bibconv/plugin.h>
#include <bibconv/record.h>

typedef enum is_how {
  IS_TEXT,     /* the variable's text */
  IS_SOURCE,   /* SO: the journal or book, often in capitals */
  IS_SHORT,    /* AU, BA: "Brown, JM" (or "Brown, JM; Smith, A" in one line) */
  IS_FULL,     /* AF, BF: "Brown, James M." paired with the AU of the same place */
  IS_EDITOR,   /* BE: one editor a line */
  IS_GROUP,    /* CA, GP: a group author */
  IS_ADDRESS,  /* C1: "[Brown, James M.; Smith, A] Inst, City, Country." */
  IS_YEAR,     /* PY */
  IS_MONTH,    /* PD: "JUN 14", "MAY-JUN", "SPR", "04 2006" */
  IS_BEGIN,    /* BP */
  IS_END,      /* EP */
  IS_PAGES,    /* PS: INSPEC's "467-72" */
  IS_KEYWORDS, /* DE: the authors' keywords, "; "-separated */
  IS_PLUS,     /* ID: Keywords Plus, "; "-separated */
  IS_LANG,     /* LA: "English" */
  IS_TYPE,     /* PT: J, B, S, P */
  IS_DOCTYPE,  /* DT: "Article", "Proceedings Paper", "Book Chapter" */
  IS_ISSN,     /* SN, EI */
  IS_DOI       /* DI: a DOI ("10.…/…"); anything else is kept */
} is_how;

typedef struct is_tag {
  const char *tag;
  is_how how;
  bcv_var var;
} is_tag;

const is_tag *is_tag_for(const char *tag);
/* Whether the tag's lines are one item each (AU, AF, C1, CR...), not a
 * value wrapped. */
int is_item_tag(const char *tag, size_t len);
/* The CSL type for PT and DT (either may be NULL). */
bcv_type is_type_of(const char *pt, size_t ptl, const char *dt, size_t dtl);
/* PT and DT written for a CSL type. */
const char *is_pt_for(bcv_type t);
const char *is_dt_for(bcv_type t);
/* BCP 47 for a language name ("English" -> "en") and back; NULL when the
 * table has none. */
const char *is_lang_tag(const char *name, size_t len);
const char *is_lang_name(const char *tag);
/* A name as AF (full 1: "Brown, James M.") or AU (full 0: "Brown, JM")
 * write it, in buf (cap bytes); its length, 0 when it does not fit. */
size_t is_name_text(const bcv_name *n, int full, char *buf, size_t cap);
/* The order tags are written in. */
extern const char *const is_order[];
extern const size_t is_norder;
size_t is_tag_order(const char *tag);

extern const bcv_reader_ops is_reader;
extern const bcv_writer_ops is_writer;

#endif
