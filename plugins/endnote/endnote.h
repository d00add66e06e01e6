/* SPDX-License-Identifier: MIT */
/* endnote.h: the endnote module's internals.
 *
 * EndNote's tagged export (and Refer's, its ancestor): "%T title" lines,
 * a record from "%0 Reference Type" to a blank line (or the next %0).
 * The tag table (map.c) says what each tag becomes; tags without a row
 * are kept as the extra "endnote.<TAG>" (repeated lines joined by '\n')
 * and written back.
 */
#ifndef BIBCONV_ENDNOTE_H
#define BIBCONV_ENDNOTE_H

#include <stddef.h>
#include <bibconv/diag.h>
#include <bibconv/io.h>
#include <bibconv/plugin.h>
#include <bibconv/record.h>

typedef enum en_how {
  EN_TEXT,       /* the variable's text */
  EN_TYPE,       /* %0 */
  EN_NAME,       /* one name a line: "Family, Given"; "Name," an institution */
  EN_ALT_NAME,   /* %H: the authors' names in another language, in order */
  EN_ALT_TITLE,  /* %Q: the title in another language */
  EN_YEAR,       /* %D */
  EN_DATE,       /* %8: "June 14", "2016-06-14" */
  EN_ACCESSED,   /* %[: "20151028", "2015/10/28" */
  EN_KEYWORD,    /* %K: one a line */
  EN_ISXN,       /* %@: ISBN or ISSN, by its shape */
  EN_DOI,        /* %R: a DOI, else kept */
  EN_ADDRESS,    /* %+: the authors' addresses */
  EN_LANG,       /* %G */
  EN_ID,         /* %F: the label, the record's id */
  EN_CONTAINER   /* %J, %B: the journal or the book */
} en_how;

typedef struct en_tag {
  char tag;
  en_how how;
  bcv_var var;
} en_tag;

const en_tag *en_tag_for(char tag);
/* The CSL type of a reference type name ("Journal Article"), or
 * BCV_TYPE_COUNT; the name written for a CSL type. */
bcv_type en_type_of(const char *name, size_t len);
const char *en_type_name(bcv_type t);
/* BCP 47 for a language ("English", "eng", "en"), and a name back. */
const char *en_lang_tag(const char *s, size_t len);
const char *en_lang_name(const char *tag);
/* Whether the type's container is a periodical (%J) rather than a book
 * or proceedings (%B). */
int en_periodical(bcv_type t);
/* Whether the type is a whole work whose %P is EndNote's "Number of
 * Pages" (Book, Edited Book, Electronic Book, Thesis), not a page range. */
int en_whole_work(bcv_type t);
extern const char en_order[];

extern const bcv_reader_ops en_reader;
extern const bcv_writer_ops en_writer;

#endif
