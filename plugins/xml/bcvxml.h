/* SPDX-License-Identifier: MIT */
/* bcvxml.h: the XML modules' one safe way to use libxml2 (2.9.14 and up).
 *
 * Not a module and not part of libbibconv: a convenience library linked
 * into each XML module (jats, mods, pubmed-xml, endnote-xml), so that the
 * core's public headers and the core library stay free of libxml2, and
 * every XML reader opens its input the same way:
 *
 *   - an xmlTextReader over the bcv_input, with XML_PARSE_NONET and
 *     without NOENT, DTDLOAD, DTDVALID, XINCLUDE or HUGE (STYLE.md 4.3):
 *     no network, no external entity or DTD is ever loaded, libxml2's own
 *     limits on text, names, depth and entity loops stay on;
 *   - errors through a handler of this reader only (never a global one),
 *     as diagnostics at the line and column in the file (not in an
 *     entity's replacement text);
 *   - internal entities of the document's internal subset (&nbsp; declared
 *     as "&#160;") expanded when text is taken from a subtree, within a
 *     budget; external ones are reported where they are declared and left
 *     out;
 *   - one element's subtree expanded at a time (the record), the rest of
 *     the document streamed past;
 *   - nothing process-global touched: no xmlCleanupParser, no global
 *     handlers or entity loader.
 *
 * And for writers, an xmlTextWriter over a bcv_output that writes the C0
 * controls XML 1.0 cannot hold as U+FFFD. */
#ifndef BIBCONV_BCVXML_H
#define BIBCONV_BCVXML_H

#include <stddef.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <bibconv/diag.h>
#include <bibconv/io.h>
#include <bibconv/record.h>

/* How deep elements may nest before reading stops (libxml2's own limit
 * is 256). */
#define BX_DEPTH_MAX 200

/* Text that internal entities may add, over the whole document: this
 * much, plus BX_ENTITY_RATIO times the bytes read so far.  Past it the
 * rest of the references are left out, with one error. */
#define BX_ENTITY_BASE (1024 * 1024)
#define BX_ENTITY_RATIO 16

typedef struct bx_buf {
  char *p;
  size_t len, cap;
} bx_buf;

/* Append n bytes of s; p stays NUL-terminated.  0, or -1 when out of
 * memory. */
int bx_put(bx_buf *b, const char *s, size_t n);

typedef struct bx_reader bx_reader;

/* Open an XML reader over in (borrowed until bx_close), reporting to diag
 * (borrowed).  NULL when out of memory. */
bx_reader *bx_open(bcv_input *in, bcv_diag *diag);
void bx_close(bx_reader *x);

/* Move to the next element start tag in document order.  1: the reader
 * stands on one (bx_name, bx_attr_dup, bx_expand, bx_skip apply); 0: the
 * document ended, or reading stopped at an error that was reported (a
 * document that is not well-formed, an empty file); BCV_ELIMIT: elements
 * nested deeper than BX_DEPTH_MAX (reported). */
int bx_next(bx_reader *x);
/* The current element's local name (borrowed until the reader moves) and
 * depth (0 for the root). */
const char *bx_name(bx_reader *x);
int bx_depth(bx_reader *x);
/* The current element's attribute (a qualified name: "xml:lang"), a copy
 * the caller frees with free(), or NULL. */
char *bx_attr_dup(bx_reader *x, const char *name);
/* The current element's whole subtree, or NULL (an error was reported).
 * Valid until bx_skip, which the caller calls next. */
xmlNodePtr bx_expand(bx_reader *x);
/* Past the current element's subtree, to whatever follows it. */
void bx_skip(bx_reader *x);
/* Whether a fatal error stopped the parse. */
int bx_failed(const bx_reader *x);
/* The reader's diagnostics sink. */
bcv_diag *bx_diag(bx_reader *x);

/* ---- an expanded subtree ---- */

int bx_is(const xmlNode *n, const char *name);
/* The first child element called name, or NULL; n may be NULL. */
xmlNodePtr bx_child(const xmlNode *n, const char *name);
/* The next sibling element called name after n, or NULL. */
xmlNodePtr bx_next_sibling(const xmlNode *n, const char *name);
/* An attribute's value (unqualified name; namespaced ones match too), or
 * NULL.  Borrowed from the tree. */
const char *bx_attr(const xmlNode *n, const char *name);
/* The same, whole: an attribute value holding an entity reference
 * ("&site;/page") is kept by libxml2 in pieces, of which bx_attr gives
 * the first.  In the reader's scratch for attributes: valid until the
 * next call.  Use it for values that may hold one (links). */
const char *bx_attr_full(bx_reader *x, const xmlNode *n, const char *name);
/* xml:lang of n or of its nearest ancestor that has one, or NULL. */
const char *bx_lang(const xmlNode *n);
/* The line a node starts on (its parent's when it has none), 0 if none. */
long bx_line(const xmlNode *n);

/* How an element becomes CSL's inline markup in text. */
typedef struct bx_mark {
  const char *element; /* local name */
  const char *open, *close;
} bx_mark;

typedef struct bx_style {
  /* elements kept as markup: a table ending with a NULL element; NULL for
   * none (the elements' text is kept, their markup not) */
  const bx_mark *marks;
  /* markup from an element's attributes (EndNote's <style face=...>):
   * the string to add before (closing 0) or after (closing 1) it, or
   * NULL; consulted for elements the table does not name.  May be NULL. */
  const char *(*mark)(const xmlNode *el, int closing);
  /* an element left out with everything in it, or NULL */
  const char *skip;
  /* an element that starts a new line (a paragraph: "p"), or NULL */
  const char *para;
  /* a run of white space holding a blank line is a paragraph break
   * ("\n"), as in formats that have no element for one */
  int blank_para;
  /* a carriage return is a line break ("\n"): XML turns the file's own
   * line ends into line feeds, so one can only come from a character
   * reference (EndNote's "&#xD;" between a field's lines), while line
   * feeds are the indentation of pretty-printed files */
  int cr_para;
} bx_style;

/* n's text content (st may be NULL: plain text): white space collapsed,
 * trimmed, paragraphs as "\n".  Internal entities are expanded; an
 * external or undefined one is reported at its line and left out.  In
 * the reader's scratch buffer: valid until the next call of bx_text.
 * Never NULL ("" when empty or out of memory). */
const char *bx_text(bx_reader *x, const xmlNode *n, const bx_style *st);
/* Append what node n itself contributes (a text node its text, an
 * entity reference its expansion, an element its markup and content) to
 * b, white space collapsed, not trimmed.  0, or -1 when out of memory. */
int bx_text_node(bx_reader *x, bx_buf *b, const xmlNode *n, const bx_style *st);
/* Trim b and join the blank around its line breaks: what bx_text does
 * last.  Returns b->p. */
char *bx_trim(bx_buf *b);

/* ---- extras gathered over a record ----
 * A record keeps one value a key (CSL-JSON's custom has one), so the
 * readers gather what they keep as extras ("mods.subject-geographic",
 * "pubmed.grant") and join repeats, then add them when the record ends. */
#define BX_EXTRAS_MAX 64

typedef struct bx_extras {
  struct {
    char key[64];
    bx_buf v;
  } e[BX_EXTRAS_MAX];
  int n;
  int full; /* a key found no slot: said once a record */
} bx_extras;

/* Forget the previous record's (the buffers stay for the next). */
void bx_extras_reset(bx_extras *x);
/* value under key, joined to what the key has with sep; with once, a
 * value the key already has (between separators) is not added again, a
 * check linear in what the key holds, so only for short lists (ids).
 * An empty value is no value.  A key past BX_EXTRAS_MAX kinds, or longer
 * than 63 bytes, is reported to diag at line and not kept.  BCV_OK or
 * BCV_ENOMEM. */
int bx_extras_add(bx_extras *x, bcv_diag *diag, long line, const char *key, const char *value,
                  const char *sep, int once);
/* Add each gathered extra to rec, in the order first met. */
int bx_extras_flush(bx_extras *x, bcv_record *rec);
void bx_extras_free(bx_extras *x);

/* ---- vocabulary ---- */

/* A language as XML bibliographies name it (ISO 639-2 B or T code
 * "chi"/"zho", ISO 639-1 "zh", an English name "Chinese", case ignored)
 * as a BCP 47 tag ("zh"), or NULL when unknown. */
const char *bx_lang_tag(const char *s);
/* The ISO 639-2 B code of a BCP 47 tag's language ("zh-CN": "chi"), or
 * NULL when the table has none. */
const char *bx_lang_639(const char *tag);
/* The English name of a language tag that is one of the table's own
 * ("zh": "chinese", in lower case), or NULL ("zh-CN" and unknown tags). */
const char *bx_lang_name(const char *tag);

/* ---- detection ---- */

/* The local name of the document's root element in head (the first bytes
 * of the input), past the XML declaration, comments, processing
 * instructions and the document type; copied into name (size bytes).
 * Returns its length, 0 when head holds no start tag.  Linear. */
size_t bx_root(const char *head, size_t len, char *name, size_t size);

/* ---- writing ---- */

/* An xmlTextWriter writing to out (borrowed), indented by two spaces.
 * C0 control characters but tab, LF and CR, which XML 1.0 cannot hold
 * even as references, are written as U+FFFD; *replaced counts them (the
 * counter must outlive the writer).  Free with xmlFreeTextWriter.  NULL
 * when out of memory. */
xmlTextWriterPtr bx_writer_new(bcv_output *out, size_t *replaced);

#endif
