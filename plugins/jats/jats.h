/* SPDX-License-Identifier: MIT */
/* jats.h: the jats module's internals.
 *
 * The reader streams with libxml2's xmlTextReader and expands one subtree
 * at a time (journal-meta, article-meta, each ref); the writer streams with
 * xmlTextWriter.  Vocabularies (publication-type, person-group-type,
 * pub-id-type) map to the model through the tables of map.c.
 *
 * libxml2 is used as STYLE.md Part 4.3 and Part 6 say for 2.9.14: no
 * NOENT, DTDLOAD, DTDVALID, XINCLUDE or HUGE; NONET; errors through a
 * per-reader handler, never a global one; never xmlCleanupParser. */
#ifndef BIBCONV_JATS_H
#define BIBCONV_JATS_H

#include <stddef.h>
#include <bibconv/diag.h>
#include <bibconv/io.h>
#include <bibconv/plugin.h>
#include <bibconv/record.h>

/* publication-type (and legacy citation-type) to a CSL type. */
bcv_type jt_type_in(const char *pubtype);
/* The JATS4R publication-type for a CSL type. */
const char *jt_type_out(bcv_type t);
/* person-group-type / contrib-type to a name variable, BCV_VAR_NONE when
 * unknown; and back. */
bcv_var jt_role_in(const char *role);
const char *jt_role_out(bcv_var v);
/* pub-id-type / article-id type to a variable, or BCV_VAR_NONE (an extra). */
bcv_var jt_id_in(const char *type);
const char *jt_id_out(bcv_var v);

/* A citation element that is one variable's text ("volume"), or
 * BCV_VAR_NONE; whether an element is read with another or is only
 * presentation ("month", "label"). */
bcv_var jt_simple(const char *element);
int jt_quiet(const char *element);

extern const bcv_reader_ops jt_reader;
extern const bcv_writer_ops jt_writer;

#endif
