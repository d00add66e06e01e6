/* SPDX-License-Identifier: MIT */
/* mods.h: the mods module's internals.
 *
 * MODS 3.x (the Library of Congress's Metadata Object Description
 * Schema, bibutils' pivot format).  The reader expands one <mods> at a
 * time through the XML modules' safe setup (plugins/xml); the writer
 * streams a <modsCollection> with xmlTextWriter.  Roles, genres and
 * identifiers map to the model through the tables of map.c; what MODS
 * has no element for travels in <extension> as bibconv's own fields, so
 * mods -> mods loses nothing. */
#ifndef BIBCONV_MODS_H
#define BIBCONV_MODS_H

#include <bibconv/diag.h>
#include <bibconv/io.h>
#include <bibconv/plugin.h>
#include <bibconv/record.h>

#define MODS_NS "http://www.loc.gov/mods/v3"
/* bibconv's own elements in <extension> */
#define MODS_BCV_NS "urn:x-bibconv:mods-extension"

/* A role (marcrelator code or its text, or a CSL variable's name) to a
 * name variable, BCV_VAR_NONE when unknown; and a name variable's code
 * (NULL when marcrelator has none) and text. */
bcv_var md_role_in(const char *term);
const char *md_role_code(bcv_var v);
const char *md_role_text(bcv_var v);

/* A genre term to a CSL type: at the record's own level, or of its host
 * (the container: "periodical" makes an article-journal).  BCV_TYPE_COUNT
 * when the term says nothing. */
bcv_type md_genre_in(const char *term, int host);
/* typeOfResource and issuance as a last hint. */
bcv_type md_resource_in(const char *term);

/* What the writer says of a type: its genres (authority:term, up to 2),
 * its host's genres and issuance when it has a container, and whether
 * the genres alone give the type back (else a csl genre is added). */
typedef struct md_type_out {
  bcv_type type;
  const char *genre[2];      /* "marcgt:book", "bibutilsgt:book chapter" */
  const char *host_genre[2];
  const char *issuance;      /* the host's, or the record's when it has none */
  const char *resource;      /* typeOfResource */
} md_type_out;
const md_type_out *md_type_out_of(bcv_type t);

/* An identifier type to a variable (doi, isbn, issn, pmid, pmcid, uri,
 * url), BCV_VAR_NONE otherwise; and back. */
bcv_var md_id_in(const char *type);
const char *md_id_out(bcv_var v);

/* A part/detail type to a variable (volume, issue, number, chapter,
 * section, part, supplement); and back. */
bcv_var md_detail_in(const char *type);
const char *md_detail_out(bcv_var v);

extern const bcv_reader_ops md_reader;
extern const bcv_writer_ops md_writer;

#endif
