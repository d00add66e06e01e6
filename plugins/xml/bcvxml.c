/* SPDX-License-Identifier: MIT */
/* bcvxml.c: the XML modules' safe libxml2 setup (see bcvxml.h).
 *
 * libxml2 2.9.14 has no XML_PARSE_NO_XXE and no per-context entity
 * loader, so safety comes from what is left out: without NOENT, DTDLOAD,
 * DTDVALID and DTDATTR the parser never loads an external entity or DTD
 * (STYLE.md 4.3 and Part 6), and without HUGE its limits on text and
 * names stay on.  Internal entities are still parsed by libxml2 (that is
 * where its entity-loop check runs); their content hangs under the
 * entity's declaration, and the text functions below walk it, counting
 * what they add, so that &nbsp; declared in the internal subset is a
 * space and not two words run together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/entities.h>
#include "bcvxml.h"

/* External entities the internal subset declares, found by scanning the
 * head of the input (libxml2 keeps no position for a declaration). */
#define DECL_MAX 32
#define DECL_NAME 64

struct bx_reader {
  bcv_input *in;
  bcv_diag *diag;
  xmlTextReaderPtr xr;
  int failed, done, positioned, checked_dtd, empty;
  unsigned long long fed;      /* bytes handed to libxml2 */
  unsigned long long expanded; /* bytes internal entities added to text */
  int ent_depth;               /* entity expansions under way */
  size_t ent_start;            /* where the outermost one began in its buffer */
  int over_budget;             /* reported once */
  const xmlNode *reported[16]; /* entity references already reported */
  unsigned nreported;
  struct {
    char name[DECL_NAME];
    long line, col;
  } decl[DECL_MAX];
  int ndecl;
  bx_buf t; /* scratch for bx_text */
  bx_buf a; /* scratch for bx_attr_full */
};

int bx_put(bx_buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
      return -1;
    b->p = p;
    b->cap = cap;
  }
  if (n)
    memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
  return 0;
}

/* ---- the stream ---- */

static void on_error(void *arg, xmlErrorPtr e) {
  bx_reader *x = arg;
  /* after the first error that stops the parse, the rest is its echo */
  if (!e || x->failed)
    return;
  char msg[512];
  snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
    msg[--n] = '\0';
  long line = e->line, col = e->int2;
  if (!e->file) {
    /* Inside an entity's replacement text: libxml2 counts from that text's
     * start (1:7 of "&a;&a;..."), which is nowhere in the file.  The
     * document's own parser stands just past the reference. */
    line = xmlTextReaderGetParserLineNumber(x->xr);
    col = xmlTextReaderGetParserColumnNumber(x->xr);
    if (e->code == XML_ERR_ENTITY_LOOP)
      snprintf(msg, sizeof msg, "the entity reference that ends here expands into itself or "
                                "too far (an entity expansion attack?)");
  }
  bcv_diag_report(x->diag, e->level == XML_ERR_WARNING ? BCV_SEV_WARNING : BCV_SEV_ERROR, NULL,
                  line, col, "%s", msg);
  if (e->level >= XML_ERR_FATAL)
    x->failed = 1;
}

static int read_cb(void *ctx, char *out, int len) {
  bx_reader *x = ctx;
  size_t n;
  const char *p = bcv_input_chunk(x->in, &n);
  if (!p)
    return -1;
  if (n > (size_t)len)
    n = (size_t)len;
  memcpy(out, p, n);
  bcv_input_advance(x->in, n);
  x->fed += n;
  return (int)n;
}

static int close_cb(void *ctx) {
  (void)ctx;
  return 0;
}

static int is_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static int is_name_char(unsigned char c) {
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '-' || c == '.' || c == ':';
}

/* Past a quoted string, a comment or a processing instruction that starts
 * at h[i]; i itself when none starts there. */
static size_t skip_quoted(const char *h, size_t len, size_t i) {
  if (h[i] == '"' || h[i] == '\'') {
    const char *e = memchr(h + i + 1, h[i], len - i - 1);
    return e ? (size_t)(e - h) + 1 : len;
  }
  const char *end = NULL;
  size_t from = i;
  if (len - i >= 4 && !memcmp(h + i, "<!--", 4))
    end = "-->", from = i + 4;
  else if (len - i >= 2 && !memcmp(h + i, "<?", 2))
    end = "?>", from = i + 2;
  if (!end)
    return i;
  for (size_t k = from; k + strlen(end) <= len; k++)
    if (!memcmp(h + k, end, strlen(end)))
      return k + strlen(end);
  return len;
}

/* Where the internal subset in the head declares each entity: libxml2
 * keeps no position for a declaration, and where its parser stands when
 * the document type is handed over is past it (the end of a small file). */
static void scan_decls(bx_reader *x, const char *h, size_t len) {
  size_t i = 0;
  /* the prolog up to <!DOCTYPE */
  while (i < len) {
    while (i < len && is_space(h[i]))
      i++;
    size_t k = skip_quoted(h, len, i);
    if (k != i && h[i] == '<') {
      i = k;
      continue;
    }
    break;
  }
  if (len - i < 9 || memcmp(h + i, "<!DOCTYPE", 9))
    return;
  while (i < len && h[i] != '[' && h[i] != '>') {
    size_t k = skip_quoted(h, len, i);
    i = k != i ? k : i + 1;
  }
  if (i >= len || h[i] != '[')
    return;
  while (i < len && h[i] != ']' && x->ndecl < DECL_MAX) {
    size_t k = skip_quoted(h, len, i);
    if (k != i) {
      i = k;
      continue;
    }
    if (len - i < 8 || memcmp(h + i, "<!ENTITY", 8)) {
      i++;
      continue;
    }
    size_t at = i, p = i + 8;
    while (p < len && is_space(h[p]))
      p++;
    if (p < len && h[p] == '%') /* a parameter entity */
      for (p++; p < len && is_space(h[p]); p++)
        ;
    size_t s = p;
    while (p < len && is_name_char((unsigned char)h[p]))
      p++;
    if (p > s && p - s < DECL_NAME) {
      memcpy(x->decl[x->ndecl].name, h + s, p - s);
      x->decl[x->ndecl].name[p - s] = '\0';
      long line = 1, col = 1;
      bcv_text_advance(h, at, &line, &col);
      x->decl[x->ndecl].line = line;
      x->decl[x->ndecl].col = col;
      x->ndecl++;
    }
    /* on to the end of the declaration, past its quoted values */
    while (p < len && h[p] != '>') {
      size_t q = skip_quoted(h, len, p);
      p = q != p ? q : p + 1;
    }
    i = p;
  }
}

bx_reader *bx_open(bcv_input *in, bcv_diag *diag) {
  bx_reader *x = calloc(1, sizeof *x);
  if (!x)
    return NULL;
  x->in = in;
  x->diag = diag;
  size_t hl;
  const char *head = bcv_input_peek(in, 64 * 1024, &hl);
  if (head) {
    size_t i = 0;
    while (i < hl && is_space(head[i]))
      i++;
    x->empty = i == hl; /* libxml2 would call that "Extra content" */
    scan_decls(x, head, hl);
  }
  /* the input layer has made the bytes UTF-8, whatever the declaration
   * says (it read a declared ISO-8859-1 as such): libxml2 must not decode
   * them a second time by the declaration */
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                XML_PARSE_IGNORE_ENC;
#ifdef XML_PARSE_NO_XXE
  options |= XML_PARSE_NO_XXE;
#endif
  x->xr = xmlReaderForIO(read_cb, close_cb, x, bcv_input_name(in), "UTF-8", options);
  if (!x->xr) {
    free(x);
    return NULL;
  }
  xmlTextReaderSetStructuredErrorHandler(x->xr, on_error, x);
  return x;
}

void bx_close(bx_reader *x) {
  if (!x)
    return;
  xmlFreeTextReader(x->xr);
  free(x->t.p);
  free(x->a.p);
  free(x);
}

/* The document type node: report entities it declares outside the
 * document, at their declaration.  (xmlTextReaderCurrentDoc would make
 * the reader keep the whole tree.) */
static void check_dtd(bx_reader *x) {
  xmlNodePtr dtd = xmlTextReaderCurrentNode(x->xr);
  x->checked_dtd = 1;
  if (!dtd || dtd->type != XML_DTD_NODE)
    return;
  for (xmlNodePtr c = dtd->children; c; c = c->next) {
    if (c->type != XML_ENTITY_DECL)
      continue;
    xmlEntityPtr e = (xmlEntityPtr)c;
    if (e->etype != XML_EXTERNAL_GENERAL_PARSED_ENTITY &&
        e->etype != XML_EXTERNAL_GENERAL_UNPARSED_ENTITY && e->etype != XML_EXTERNAL_PARAMETER_ENTITY)
      continue;
    long line = 0, col = 0;
    for (int i = 0; i < x->ndecl; i++)
      if (!strcmp(x->decl[i].name, (const char *)e->name)) {
        line = x->decl[i].line, col = x->decl[i].col;
        break;
      }
    bcv_diag_report(x->diag, BCV_SEV_ERROR, NULL, line, col,
                    "the document type declares the external entity '%s' (%s): refused, never loaded",
                    (const char *)e->name, e->SystemID ? (const char *)e->SystemID : "");
  }
}

int bx_next(bx_reader *x) {
  if (x->empty && !x->done) {
    bcv_diag_report(x->diag, BCV_SEV_ERROR, NULL, 0, 0, "the file is empty: no XML document");
    x->done = 1;
  }
  while (!x->done) {
    /* after xmlTextReaderNext the reader already stands on the next node */
    int ret = x->positioned ? 1 : xmlTextReaderRead(x->xr);
    x->positioned = 0;
    if (ret <= 0) {
      /* a document that is not well-formed: reported where it breaks (by
       * on_error); the records before that point stand */
      x->done = 1;
      if (ret < 0 && !x->failed)
        bcv_diag_report(x->diag, BCV_SEV_ERROR, NULL, xmlTextReaderGetParserLineNumber(x->xr),
                        xmlTextReaderGetParserColumnNumber(x->xr), "XML reading stopped");
      break;
    }
    int type = xmlTextReaderNodeType(x->xr);
    if (!x->checked_dtd && type == XML_READER_TYPE_DOCUMENT_TYPE)
      check_dtd(x);
    if (xmlTextReaderDepth(x->xr) > BX_DEPTH_MAX) {
      bcv_diag_report(x->diag, BCV_SEV_ERROR, NULL, xmlTextReaderGetParserLineNumber(x->xr), 0,
                      "elements nested deeper than %d; reading stops", BX_DEPTH_MAX);
      x->done = 1;
      return BCV_ELIMIT;
    }
    if (type == XML_READER_TYPE_ELEMENT)
      return 1;
  }
  return 0;
}

const char *bx_name(bx_reader *x) {
  const xmlChar *n = xmlTextReaderConstLocalName(x->xr);
  return n ? (const char *)n : "";
}

int bx_depth(bx_reader *x) {
  return xmlTextReaderDepth(x->xr);
}

char *bx_attr_dup(bx_reader *x, const char *name) {
  xmlChar *v = xmlTextReaderGetAttribute(x->xr, BAD_CAST name);
  if (!v)
    return NULL;
  char *s = strdup((const char *)v);
  xmlFree(v);
  return s;
}

xmlNodePtr bx_expand(bx_reader *x) {
  x->nreported = 0;
  return xmlTextReaderExpand(x->xr);
}

void bx_skip(bx_reader *x) {
  int ret = xmlTextReaderNext(x->xr);
  if (ret == 1)
    x->positioned = 1;
  else if (ret < 0)
    x->failed = 1;
}

int bx_failed(const bx_reader *x) {
  return x->failed;
}

bcv_diag *bx_diag(bx_reader *x) {
  return x->diag;
}

/* ---- an expanded subtree ---- */

/* Whether expanding the entity reference n, with more bytes already
 * added by the expansion under way, would pass the document's budget;
 * said once. */
static int over_budget(bx_reader *x, const xmlNode *n, size_t more) {
  unsigned long long limit = BX_ENTITY_BASE + BX_ENTITY_RATIO * x->fed;
  if (!x->over_budget && x->expanded + more <= limit)
    return 0;
  if (!x->over_budget)
    bcv_diag_report(x->diag, BCV_SEV_ERROR, NULL, bx_line(n), 0,
                    "internal entities expand to more than %llu bytes here (an entity "
                    "expansion attack?); '&%s;' and the references after it are left out",
                    limit, (const char *)n->name);
  x->over_budget = 1;
  return 1;
}

int bx_is(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

xmlNodePtr bx_child(const xmlNode *n, const char *name) {
  for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
    if (bx_is(c, name))
      return c;
  return NULL;
}

xmlNodePtr bx_next_sibling(const xmlNode *n, const char *name) {
  for (xmlNodePtr c = n ? n->next : NULL; c; c = c->next)
    if (bx_is(c, name))
      return c;
  return NULL;
}

const char *bx_attr(const xmlNode *n, const char *name) {
  /* only elements have properties (the reader's text nodes are smaller) */
  if (!n || n->type != XML_ELEMENT_NODE)
    return NULL;
  for (xmlAttrPtr a = n->properties; a; a = a->next)
    if (!strcmp((const char *)a->name, name) && a->children && a->children->content)
      return (const char *)a->children->content;
  return NULL;
}

const char *bx_attr_full(bx_reader *x, const xmlNode *n, const char *name) {
  if (!n || n->type != XML_ELEMENT_NODE)
    return NULL;
  xmlAttrPtr a = n->properties;
  while (a && strcmp((const char *)a->name, name))
    a = a->next;
  if (!a || !a->children)
    return NULL;
  if (!a->children->next && a->children->type == XML_TEXT_NODE)
    return (const char *)a->children->content;
  x->a.len = 0;
  if (bx_put(&x->a, "", 0))
    return NULL;
  for (const xmlNode *c = a->children; c; c = c->next) {
    const char *s = (const char *)c->content;
    if (c->type == XML_ENTITY_REF_NODE) {
      /* an internal entity's replacement text (libxml2 refused loops and
       * external ones as it read the attribute); counted as expansion */
      xmlEntityPtr e = c->children && c->children->type == XML_ENTITY_DECL ? (xmlEntityPtr)c->children
                                                                             : NULL;
      s = e && e->etype == XML_INTERNAL_GENERAL_ENTITY ? (const char *)e->content : NULL;
      if (s && over_budget(x, c, strlen(s)))
        s = NULL;
      else if (s)
        x->expanded += strlen(s);
    }
    if (s && bx_put(&x->a, s, strlen(s)))
      return NULL;
  }
  return x->a.p;
}

const char *bx_lang(const xmlNode *n) {
  for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    for (xmlAttrPtr a = n->properties; a; a = a->next)
      if (!strcmp((const char *)a->name, "lang") && a->ns && a->ns->prefix &&
          !strcmp((const char *)a->ns->prefix, "xml") && a->children)
        return (const char *)a->children->content;
  return NULL;
}

long bx_line(const xmlNode *n) {
  return n ? (long)xmlGetLineNo(n) : 0;
}

/* ---- text ---- */

/* A text node's content, white space collapsed to one space (to a line
 * break when it holds a blank line and blank lines are paragraphs). */
static int text_run(bx_buf *b, const char *s, const bx_style *st) {
  int blank_para = st && st->blank_para, cr_para = st && st->cr_para;
  while (s && *s) {
    if (is_space(*s)) {
      int nl = 0, cr = 0;
      for (; is_space(*s); s++)
        nl += *s == '\n', cr += *s == '\r';
      if ((blank_para && nl >= 2) || (cr_para && cr)) {
        while (b->len && b->p[b->len - 1] == ' ')
          b->len--;
        if (b->len && b->p[b->len - 1] != '\n' && bx_put(b, "\n", 1))
          return -1;
      } else if (b->len && b->p[b->len - 1] != ' ' && b->p[b->len - 1] != '\n' && bx_put(b, " ", 1)) {
        return -1;
      }
      continue;
    }
    const char *e = s;
    while (*e && !is_space(*e))
      e++;
    if (bx_put(b, s, (size_t)(e - s)))
      return -1;
    s = e;
  }
  return 0;
}

static int walk(bx_reader *x, bx_buf *b, const xmlNode *n, const bx_style *st, int depth);

static int children(bx_reader *x, bx_buf *b, const xmlNode *first, const bx_style *st, int depth) {
  for (const xmlNode *c = first; c; c = c->next)
    if (walk(x, b, c, st, depth))
      return -1;
  return 0;
}

/* Report a reference once per subtree (text is often taken twice). */
static int first_report(bx_reader *x, const xmlNode *n) {
  unsigned k = x->nreported < 16 ? x->nreported : 16;
  for (unsigned i = 0; i < k; i++)
    if (x->reported[i] == n)
      return 0;
  x->reported[x->nreported++ % 16] = n;
  return 1;
}

static int entity(bx_reader *x, bx_buf *b, const xmlNode *n, const bx_style *st, int depth) {
  xmlEntityPtr e = n->children && n->children->type == XML_ENTITY_DECL ? (xmlEntityPtr)n->children
                                                                         : NULL;
  if (!e) /* undefined: libxml2 said so where it stands */
    return 0;
  if (e->etype != XML_INTERNAL_GENERAL_ENTITY) {
    if (first_report(x, n))
      bcv_diag_report(x->diag, BCV_SEV_ERROR, NULL, bx_line(n), 0,
                      "entity '&%s;' is external: refused, left out", (const char *)n->name);
    return 0;
  }
  if (over_budget(x, n, x->ent_depth ? b->len - x->ent_start : 0))
    return 0;
  if (!x->ent_depth)
    x->ent_start = b->len;
  x->ent_depth++;
  int rc;
  if (e->children) {
    rc = children(x, b, e->children, st, depth + 1);
  } else {
    /* first met in an attribute value, libxml2 kept no parsed content:
     * the replacement text, when it is text alone */
    const char *s = (const char *)e->content;
    if (s && !strpbrk(s, "<&")) {
      rc = text_run(b, s, st);
    } else {
      rc = 0;
      if (s && *s && first_report(x, n))
        bcv_diag_report(x->diag, BCV_SEV_ERROR, NULL, bx_line(n), 0,
                        "entity '&%s;' could not be expanded here; left out", (const char *)n->name);
    }
  }
  if (!--x->ent_depth)
    x->expanded += b->len - x->ent_start;
  return rc;
}

static const char *mark_of(const bx_style *st, const xmlNode *el, int closing) {
  for (const bx_mark *m = st->marks; m && m->element; m++)
    if (!strcmp(m->element, (const char *)el->name))
      return closing ? m->close : m->open;
  return st->mark ? st->mark(el, closing) : NULL;
}

static int walk(bx_reader *x, bx_buf *b, const xmlNode *c, const bx_style *st, int depth) {
  switch (c->type) {
  case XML_TEXT_NODE:
  case XML_CDATA_SECTION_NODE:
    return text_run(b, (const char *)c->content, st);
  case XML_ENTITY_REF_NODE:
    return depth < BX_DEPTH_MAX ? entity(x, b, c, st, depth) : 0;
  case XML_ELEMENT_NODE:
    break;
  default:
    return 0;
  }
  if (depth >= BX_DEPTH_MAX)
    return 0;
  if (st && st->skip && !strcmp((const char *)c->name, st->skip))
    return 0;
  const char *open = st ? mark_of(st, c, 0) : NULL, *close = st ? mark_of(st, c, 1) : NULL;
  /* paragraphs of an abstract stay paragraphs */
  if (st && st->para && !strcmp((const char *)c->name, st->para) && b->len && bx_put(b, "\n", 1))
    return -1;
  if ((open && bx_put(b, open, strlen(open))) || children(x, b, c->children, st, depth + 1) ||
      (close && bx_put(b, close, strlen(close))))
    return -1;
  return 0;
}

int bx_text_node(bx_reader *x, bx_buf *b, const xmlNode *n, const bx_style *st) {
  if (!b->p && bx_put(b, "", 0))
    return -1;
  return n ? walk(x, b, n, st, 0) : 0;
}

char *bx_trim(bx_buf *b) {
  if (!b->p && bx_put(b, "", 0))
    return NULL;
  char *s = b->p;
  size_t len = b->len;
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
    len--;
  s[len] = '\0';
  size_t st = 0;
  while (s[st] == ' ' || s[st] == '\n')
    st++;
  /* " \n" and "\n " left by paragraphs */
  size_t o = 0;
  for (size_t p = st; p < len; p++) {
    if (s[p] == ' ' && s[p + 1] == '\n')
      continue;
    if (s[p] == ' ' && o > 0 && s[o - 1] == '\n')
      continue;
    s[o++] = s[p];
  }
  s[o] = '\0';
  b->len = o;
  return s;
}

const char *bx_text(bx_reader *x, const xmlNode *n, const bx_style *st) {
  x->t.len = 0;
  if (bx_put(&x->t, "", 0))
    return "";
  if (n && children(x, &x->t, n->children, st, 0))
    return "";
  const char *s = bx_trim(&x->t);
  return s ? s : "";
}

/* ---- extras gathered over a record ---- */

void bx_extras_reset(bx_extras *x) {
  x->n = 0;
  x->full = 0;
}

int bx_extras_add(bx_extras *x, bcv_diag *diag, long line, const char *key, const char *value,
                  const char *sep, int once) {
  if (!*value)
    return BCV_OK;
  int i = 0;
  while (i < x->n && strcmp(x->e[i].key, key))
    i++;
  if (i == x->n) {
    if (x->n == BX_EXTRAS_MAX || strlen(key) >= sizeof x->e[i].key) {
      if (!x->full)
        bcv_diag_report(diag, BCV_SEV_WARNING, NULL, line, 0,
                        "'%s' not kept (more than %d kinds of extra in one record, or a key that long)",
                        key, BX_EXTRAS_MAX);
      x->full = 1;
      return BCV_OK;
    }
    snprintf(x->e[i].key, sizeof x->e[i].key, "%s", key);
    x->e[i].v.len = 0;
    x->n++;
    return bx_put(&x->e[i].v, value, strlen(value)) ? BCV_ENOMEM : BCV_OK;
  }
  bx_buf *b = &x->e[i].v;
  size_t n = strlen(value), sl = strlen(sep);
  for (const char *p = once ? b->p : NULL; p && (p = strstr(p, value)); p++)
    if ((p == b->p || (p >= b->p + sl && !memcmp(p - sl, sep, sl))) && (!p[n] || !strncmp(p + n, sep, sl)))
      return BCV_OK;
  return bx_put(b, sep, sl) || bx_put(b, value, n) ? BCV_ENOMEM : BCV_OK;
}

int bx_extras_flush(bx_extras *x, bcv_record *rec) {
  int rc = BCV_OK;
  for (int i = 0; i < x->n && !rc; i++)
    rc = bcv_record_add_extra(rec, x->e[i].key, x->e[i].v.p, x->e[i].v.len, 0);
  return rc;
}

void bx_extras_free(bx_extras *x) {
  for (int i = 0; i < BX_EXTRAS_MAX; i++)
    free(x->e[i].v.p);
}

/* ---- vocabulary ---- */

/* ISO 639-2 (B, then T where it differs), ISO 639-1 and English names of
 * the languages bibliographic records are most often in. */
static const struct {
  const char *b, *t, *tag, *name;
} langs[] = {
    {"eng", NULL, "en", "english"},  {"chi", "zho", "zh", "chinese"}, {"ger", "deu", "de", "german"},
    {"fre", "fra", "fr", "french"},  {"spa", NULL, "es", "spanish"},  {"jpn", NULL, "ja", "japanese"},
    {"rus", NULL, "ru", "russian"},  {"ita", NULL, "it", "italian"},  {"por", NULL, "pt", "portuguese"},
    {"kor", NULL, "ko", "korean"},   {"dut", "nld", "nl", "dutch"},   {"ara", NULL, "ar", "arabic"},
    {"pol", NULL, "pl", "polish"},   {"swe", NULL, "sv", "swedish"},  {"tur", NULL, "tr", "turkish"},
    {"dan", NULL, "da", "danish"},   {"nor", NULL, "no", "norwegian"}, {"fin", NULL, "fi", "finnish"},
    {"cze", "ces", "cs", "czech"},   {"hun", NULL, "hu", "hungarian"}, {"gre", "ell", "el", "greek"},
    {"heb", NULL, "he", "hebrew"},   {"per", "fas", "fa", "persian"}, {"hin", NULL, "hi", "hindi"},
    {"ukr", NULL, "uk", "ukrainian"}, {"rum", "ron", "ro", "romanian"}, {"bul", NULL, "bg", "bulgarian"},
    {"hrv", NULL, "hr", "croatian"}, {"srp", NULL, "sr", "serbian"}, {"slo", "slk", "sk", "slovak"},
    {"slv", NULL, "sl", "slovenian"}, {"lit", NULL, "lt", "lithuanian"}, {"lav", NULL, "lv", "latvian"},
    {"est", NULL, "et", "estonian"}, {"ice", "isl", "is", "icelandic"}, {"cat", NULL, "ca", "catalan"},
    {"baq", "eus", "eu", "basque"},  {"glg", NULL, "gl", "galician"}, {"wel", "cym", "cy", "welsh"},
    {"gle", NULL, "ga", "irish"},    {"lat", NULL, "la", "latin"},    {"afr", NULL, "af", "afrikaans"},
    {"ind", NULL, "id", "indonesian"}, {"may", "msa", "ms", "malay"}, {"tha", NULL, "th", "thai"},
    {"vie", NULL, "vi", "vietnamese"}, {"ben", NULL, "bn", "bengali"}, {"urd", NULL, "ur", "urdu"},
    {"epo", NULL, "eo", "esperanto"}, {"mul", NULL, "mul", "multiple languages"},
    {"und", NULL, "und", "undetermined"},
};

static int same_ci(const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
    char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
    if (x != y)
      return 0;
  }
  return !*a && !*b;
}

const char *bx_lang_tag(const char *s) {
  if (!s)
    return NULL;
  while (is_space(*s))
    s++;
  for (size_t i = 0; i < sizeof langs / sizeof *langs; i++)
    if (same_ci(s, langs[i].b) || (langs[i].t && same_ci(s, langs[i].t)) || same_ci(s, langs[i].tag) ||
        same_ci(s, langs[i].name))
      return langs[i].tag;
  return NULL;
}

const char *bx_lang_639(const char *tag) {
  if (!tag)
    return NULL;
  char prim[8];
  size_t n = 0;
  while (tag[n] && tag[n] != '-' && n < sizeof prim - 1) {
    prim[n] = tag[n];
    n++;
  }
  prim[n] = '\0';
  for (size_t i = 0; i < sizeof langs / sizeof *langs; i++)
    if (same_ci(prim, langs[i].tag))
      return langs[i].b;
  return NULL;
}

const char *bx_lang_name(const char *tag) {
  for (size_t i = 0; tag && i < sizeof langs / sizeof *langs; i++)
    if (!strcmp(tag, langs[i].tag))
      return langs[i].name;
  return NULL;
}

/* ---- detection ---- */

size_t bx_root(const char *h, size_t len, char *name, size_t size) {
  size_t i = 0;
  for (;;) {
    while (i < len && is_space(h[i]))
      i++;
    if (i >= len || h[i] != '<')
      return 0;
    size_t k = skip_quoted(h, len, i);
    if (k != i) {
      i = k;
      continue;
    }
    if (len - i >= 9 && !memcmp(h + i, "<!DOCTYPE", 9)) {
      /* to its '>', past an internal subset in brackets */
      int sub = 0;
      for (i += 9; i < len && (sub || h[i] != '>');) {
        size_t q = skip_quoted(h, len, i);
        if (q != i) {
          i = q;
          continue;
        }
        if (h[i] == '[')
          sub = 1;
        else if (h[i] == ']')
          sub = 0;
        i++;
      }
      i++;
      continue;
    }
    break;
  }
  size_t s = ++i;
  while (i < len && is_name_char((unsigned char)h[i]))
    i++;
  size_t e = i;
  for (size_t p = s; p < e; p++) /* mods:mods is mods */
    if (h[p] == ':')
      s = p + 1;
  if (e == s || e - s >= size)
    return 0;
  memcpy(name, h + s, e - s);
  name[e - s] = '\0';
  return e - s;
}

/* ---- writing ---- */

typedef struct wctx {
  bcv_output *out;
  size_t *replaced;
} wctx;

/* XML 1.0 has no room for C0 controls but tab, LF and CR, not even as
 * character references, and libxml2 writes them as they are; a record
 * holding one (a "\u0007" in CSL-JSON) gets U+FFFD in its place.  Such
 * bytes never occur inside a UTF-8 sequence, so bytes can be filtered. */
static int write_cb(void *ctx, const char *buf, int len) {
  wctx *w = ctx;
  size_t from = 0, n = (size_t)len;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)buf[i];
    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
      continue;
    if (bcv_output_write(w->out, buf + from, i - from) || bcv_output_write(w->out, "\xEF\xBF\xBD", 3))
      return -1;
    (*w->replaced)++;
    from = i + 1;
  }
  return bcv_output_write(w->out, buf + from, n - from) == BCV_OK ? len : -1;
}

static int wclose_cb(void *ctx) {
  free(ctx);
  return 0;
}

xmlTextWriterPtr bx_writer_new(bcv_output *out, size_t *replaced) {
  wctx *c = malloc(sizeof *c);
  if (!c)
    return NULL;
  c->out = out;
  c->replaced = replaced;
  xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(write_cb, wclose_cb, c, NULL);
  if (!ob) {
    free(c);
    return NULL;
  }
  xmlTextWriterPtr w = xmlNewTextWriter(ob);
  if (!w) {
    xmlOutputBufferClose(ob);
    return NULL;
  }
  xmlTextWriterSetIndent(w, 1);
  xmlTextWriterSetIndentString(w, BAD_CAST "  ");
  return w;
}
