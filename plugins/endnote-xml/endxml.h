/* SPDX-License-Identifier: MIT */
/* endxml.h: the endnote-xml module's internals.
 *
 * EndNote's XML export (<xml><records><record>...), as EndNote, Bookends,
 * Mendeley and JabRef write it.  The reader expands one <record> at a
 * time through the XML modules' safe setup (plugins/xml); the writer
 * streams <record>s with xmlTextWriter.
 *
 * What an element means depends on the record's reference type: the
 * secondary title is a journal's name in an article, a book's in a
 * chapter and the series in a book.  So each EndNote type has a class,
 * and the rows of map.c map an element path ("titles/secondary-title")
 * in some classes to a variable; the writer looks the same rows up the
 * other way.  An element no row takes is kept as the extra
 * endnote.<path> ("endnote.custom3", "endnote.urls/pdf-urls/url", an
 * attribute as "endnote.database@path"), which the writer writes back as
 * that element, so endnote-xml -> endnote-xml loses nothing. */
#ifndef BIBCONV_ENDXML_H
#define BIBCONV_ENDXML_H

#include <stddef.h>
#include <bibconv/diag.h>
#include <bibconv/io.h>
#include <bibconv/plugin.h>
#include <bibconv/record.h>

/* The classes of reference types, by what their fields mean. */
enum ex_class {
  EX_SERIAL = 1u << 0, /* in a periodical or a site: the secondary title is its name */
  EX_PART = 1u << 1,   /* in a book, proceedings, dictionary or album: likewise, the tertiary title the series */
  EX_BOOK = 1u << 2,   /* a whole book: the secondary title is the series, the tertiary author the editor */
  EX_EDITED = 1u << 3, /* Edited Book: its authors are its editors */
  EX_REPORT = 1u << 4, /* numbered documents (report, standard, patent): the number is theirs */
  EX_LEGAL = 1u << 5,  /* case, statute, bill, hearing, regulation: the secondary title is the reporter or code */
  EX_LETTER = 1u << 6, /* personal communication, interview: the secondary author is the recipient */
  EX_THESIS = 1u << 7, /* the secondary title is the department */
  EX_OTHER = 1u << 8,  /* generic, media, maps, data */
  EX_PROGRAM = 1u << 9 /* software: as the others, but its edition is its version */
};
#define EX_ALL 0x3ffu

/* One EndNote reference type. */
typedef struct ex_type {
  const char *name; /* as EndNote 20 names it */
  int number;       /* <ref-type>'s number; 0 when it is not known (read by name only) */
  bcv_type type;    /* the CSL type it reads as */
  unsigned cls;     /* enum ex_class */
} ex_type;

/* The type of a <ref-type>: by its name (case ignored), else by its
 * number; NULL when neither is known. */
const ex_type *ex_type_in(const char *name, const char *number);
/* The type written for a CSL type: an edited book (editors, no authors)
 * is EndNote's Edited Book. */
const ex_type *ex_type_out(bcv_type t, int has_author, int has_editor);

/* What a row does with its element. */
typedef enum ex_act {
  EX_TEXT,       /* the text is var's (a second value in the same language: an extra) */
  EX_MIRROR,     /* a copy EndNote writes of var's element (periodical/full-title of
                  * secondary-title): written with it, read when it differs */
  EX_NAMES,      /* each <author> a name of var */
  EX_ALT_NAMES,  /* translated-authors: other-language forms of the authors, in order */
  EX_ALT_TITLE,  /* translated-title: the title in another language */
  EX_ISXN,       /* isbn: ISBN or ISSN by its shape, one a line */
  EX_DOI,        /* electronic-resource-num: a DOI when it is one */
  EX_PMCID,      /* custom2 of an article: a PMCID when it is one */
  EX_YEAR,       /* dates/year: issued's year */
  EX_PUBDATE,    /* dates/pub-dates/date: issued's month and day (or the whole date) */
  EX_DATE,       /* a date variable (access-date) */
  EX_URL,        /* the first URL is var's, the others kept */
  EX_LANG,       /* the language, by its English name */
  EX_LABEL,      /* the record's id */
  EX_NOTES,      /* notes: the note, and the "key: value" lines the writer adds */
  EX_TYPE        /* ref-type */
} ex_act;

typedef struct ex_row {
  const char *path; /* below <record>, '/'-separated */
  ex_act act;
  bcv_var var;
  unsigned cls; /* the classes the row applies in */
} ex_row;

/* The row for path in class cls, or NULL: the element is kept as an
 * extra. */
const ex_row *ex_row_in(const char *path, unsigned cls);
/* The row that writes var (with act) in class cls, or NULL: the value
 * goes into the notes as "var: value". */
const ex_row *ex_row_out(bcv_var v, unsigned cls);
/* The mirror row of var in class cls (EX_MIRROR), or NULL. */
const ex_row *ex_mirror_out(bcv_var v, unsigned cls);

/* Where a child element goes among its siblings, as EndNote's DTD orders
 * them (RSXML's record, titles, contributors, dates, urls...); an element
 * it does not name goes after them.  parent is a path ("" for the
 * record's own children). */
int ex_order(const char *parent, size_t plen, const char *child, size_t clen);
/* Whether the leaves at this path may repeat (url, key, date): their
 * extras hold one value a line. */
int ex_list_leaf(const char *path);
/* The attributes kept of an element at path (NULL-terminated), or NULL.
 * A "name" attribute equal to the element's text is not kept: the
 * writer gives it back. */
const char *const *ex_attrs(const char *path);
/* Whether the element at path holds its text without <style> runs (the
 * record's number, type and library, as EndNote writes them). */
int ex_plain(const char *path);

/* A month's name or its first three letters ("Mar", "march"): 1-12, or 0. */
int ex_month(const char *s, size_t len);
/* A season's name: 1-4, or 0. */
int ex_season(const char *s, size_t len);
extern const char *const ex_month_abbr[12];
extern const char *const ex_season_name[4];

/* extras of this module: "endnote.<path>" */
#define EX_NS "endnote."

extern const bcv_reader_ops ex_reader;
extern const bcv_writer_ops ex_writer;

#endif
