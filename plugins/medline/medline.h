/* SPDX-License-Identifier: MIT */
/* medline.h: the medline module's internals.
 *
 * PubMed's MEDLINE text (the .nbib and .txt exports): "TAG - value" with
 * tags of one to four characters padded to four, continuation lines
 * indented by six spaces, records separated by blank lines.  The tag
 * table (map.c) says what each tag becomes; tags without a row are kept
 * as the extra "medline.<TAG>" (repeated lines joined by '\n') and
 * written back.
 */
#ifndef BIBCONV_MEDLINE_H
#define BIBCONV_MEDLINE_H

#include <stddef.h>
#include <bibconv/diag.h>
#include <bibconv/io.h>
#include <bibconv/plugin.h>
#include <bibconv/record.h>

typedef enum md_how {
  MD_TEXT,     /* the variable's text */
  MD_TITLE,    /* TI: repeated lines are parts of one title */
  MD_BOOK,     /* BTI: the book's title (the title when there is no TI) */
  MD_ABSTRACT, /* repeated lines are paragraphs */
  MD_FULL,     /* FAU, FED: a full name "Family, Given" */
  MD_SHORT,    /* AU, ED: "Family Initials", the same person as the FAU before */
  MD_CORP,     /* CN: a group author */
  MD_AFFIL,    /* AD: the last name's affiliation */
  MD_AUID,     /* AUID: the last name's identifier ("ORCID: ...") */
  MD_DATE,     /* DP: "2018 Apr 15", "2018 Spring", "2018 Apr-Jun" */
  MD_YMD,      /* DEP: "20160419" */
  MD_PAGE,     /* PG: "335-9" is 335-339 */
  MD_AID,      /* LID, AID: "10.1000/x [doi]", "S0140-6736(18)30001-1 [pii]" */
  MD_ISSN,     /* IS: "0955-2359 (Print)" */
  MD_LANG,     /* LA: "eng" */
  MD_MESH,     /* MH: a MeSH heading, a keyword */
  MD_KEYWORD,  /* OT: an author's keyword */
  MD_TYPE,     /* PT: a publication type */
  MD_EXTRA     /* kept as "medline.<TAG>" */
} md_how;

typedef struct md_tag {
  const char *tag;
  md_how how;
  bcv_var var;
} md_tag;

/* The row for a tag, or NULL (an extra). */
const md_tag *md_tag_for(const char *tag, size_t len);
/* The CSL type a publication type ("Journal Article") makes, and how
 * strongly (a lower rank wins); 0 when it decides nothing. */
int md_type_rank(const char *pt, size_t len, bcv_type *type);
/* The publication type written for a CSL type. */
const char *md_type_name(bcv_type t);
/* BCP 47 for MEDLINE's language code ("eng" -> "en"), and back; NULL
 * when the table has none. */
const char *md_lang_tag(const char *code, size_t len);
const char *md_lang_code(const char *tag);
/* The order tags are written in; the index of tag, or the count. */
size_t md_tag_order(const char *tag);
extern const char *const md_order[];
extern const size_t md_norder;

extern const bcv_reader_ops md_reader;
extern const bcv_writer_ops md_writer;

#endif
