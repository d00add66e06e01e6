/* SPDX-License-Identifier: MIT */
/* tsv.c: a bibconv format module built out of tree, the plugin author's
 * guide's example (README.md beside it).  It writes one line per record
 * of tab-separated values, for a spreadsheet:
 *
 *   id  type  title  authors  year  DOI
 *
 * and reports everything else of a record as dropped, as every writer
 * must: no conversion loses data silently.  Build it against the
 * installed library only:
 *
 *   cc -shared -fPIC -o tsv.so tsv.c $(pkg-config --cflags --libs bibconv) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bibconv/bibconv.h>

typedef struct tsv_writer {
  bcv_output *out; /* borrowed from the host until end */
  bcv_diag *diag;
  char *buf; /* a value without its markup, reused from record to record */
  size_t cap;
  unsigned char reported[BCV_VAR_COUNT]; /* variables said dropped, this record */
} tsv_writer;

static int w_begin(bcv_output *out, const bcv_options *opts, bcv_diag *diag, void **state) {
  tsv_writer *w = calloc(1, sizeof *w);
  if (!w)
    return BCV_ENOMEM;
  w->out = out;
  w->diag = diag;
  *state = w;
  /* -O noheader: a bare flag, "" when given, NULL when not */
  if (bcv_options_get(opts, "noheader"))
    return BCV_OK;
  return bcv_output_puts(out, "id\ttype\ttitle\tauthors\tyear\tDOI\n");
}

/* One value: CSL markup (<i>...</i>) removed, and tabs and line breaks,
 * which a TSV cell cannot hold, written as spaces. */
static int cell(tsv_writer *w, const char *s) {
  size_t n = s ? strlen(s) : 0;
  if (n + 1 > w->cap) {
    char *b = realloc(w->buf, n + 1);
    if (!b)
      return BCV_ENOMEM;
    w->buf = b;
    w->cap = n + 1;
  }
  n = bcv_markup_strip(s ? s : "", n, w->buf);
  for (size_t i = 0; i < n; i++)
    if (w->buf[i] == '\t' || w->buf[i] == '\n' || w->buf[i] == '\r')
      w->buf[i] = ' ';
  return bcv_output_write(w->out, w->buf, n);
}

/* "Family, Given; Family, Given", institutions as they are. */
static int authors(tsv_writer *w, const bcv_field *f) {
  int rc = BCV_OK;
  for (const bcv_name *n = f ? f->names : NULL; n && !rc; n = n->next) {
    if (n != f->names)
      rc = bcv_output_puts(w->out, "; ");
    if (!rc && n->literal)
      rc = cell(w, n->literal);
    if (!rc && !n->literal && n->non_dropping_particle)
      rc = cell(w, n->non_dropping_particle) || bcv_output_puts(w->out, " ");
    if (!rc && !n->literal)
      rc = cell(w, n->family);
    if (!rc && !n->literal && n->given)
      rc = bcv_output_puts(w->out, ", ") || cell(w, n->given);
  }
  return rc;
}

/* Whether this field is one of the five columns: the first title and
 * DOI in the record's language (bcv_record_text picks the same), the
 * author list, the issued date. */
static int written(const bcv_record *r, const bcv_field *f) {
  switch (f->var) {
  case BCV_VAR_TITLE:
  case BCV_VAR_DOI:
    return f->text == bcv_record_text(r, f->var, NULL);
  case BCV_VAR_AUTHOR:
  case BCV_VAR_ISSUED:
    return 1;
  default:
    return 0;
  }
}

static int w_write(void *state, const bcv_record *r) {
  tsv_writer *w = state;
  const bcv_field *issued = bcv_record_field(r, BCV_VAR_ISSUED);
  char year[16] = "";
  if (issued && issued->date->from.parts)
    snprintf(year, sizeof year, "%d", issued->date->from.year);
  const char *y = issued && !*year ? issued->date->literal : year;
  int rc = cell(w, bcv_record_id(r));
  if (!rc)
    rc = bcv_output_puts(w->out, "\t") || cell(w, bcv_type_name(bcv_record_type(r)));
  if (!rc)
    rc = bcv_output_puts(w->out, "\t") || cell(w, bcv_record_text(r, BCV_VAR_TITLE, NULL));
  if (!rc)
    rc = bcv_output_puts(w->out, "\t") || authors(w, bcv_record_field(r, BCV_VAR_AUTHOR));
  if (!rc)
    rc = bcv_output_puts(w->out, "\t") || cell(w, y);
  if (!rc)
    rc = bcv_output_puts(w->out, "\t") || cell(w, bcv_record_text(r, BCV_VAR_DOI, NULL));
  if (!rc)
    rc = bcv_output_puts(w->out, "\n");
  if (rc || bcv_output_failed(w->out))
    return BCV_EIO; /* the host says why (bcv_output_failed) and stops */
  /* The rest of the record has no column: say so, once per variable and
   * per extra (a note with -v, an error with --strict). */
  memset(w->reported, 0, sizeof w->reported);
  for (const bcv_field *f = bcv_record_fields(r); f; f = f->next) {
    if (written(r, f))
      continue;
    if (f->kind == BCV_FIELD_EXTRA)
      bcv_diag_dropped(w->diag, r, "tsv", f->key);
    else if (!w->reported[f->var]++)
      bcv_diag_dropped(w->diag, r, "tsv", bcv_var_name(f->var));
  }
  return BCV_OK;
}

static int w_end(void *state, int ok) {
  (void)ok; /* a TSV file has no closing part to write */
  tsv_writer *w = state;
  free(w->buf);
  free(w);
  return BCV_OK;
}

static const bcv_option_desc writer_options[] = {
    {"noheader", "leave out the first line, the column names"},
    {NULL, NULL},
};

static const bcv_writer_ops writer = {w_begin, w_write, w_end, writer_options};

static const char *const extensions[] = {"tsv", NULL};
static const char *const aliases[] = {"tab", NULL};

static const bcv_format formats[] = {{
    "tsv",
    "tab-separated values for a spreadsheet: id, type, title, authors, year, DOI "
    "(an example module, examples/plugin)",
    extensions,
    "text/tab-separated-values",
    NULL,    /* no detect: it is not read */
    NULL,    /* no reader */
    &writer,
    aliases, /* ABI 1.1 */
}};

BCV_PLUGIN_DEFINE(tsv, "tsv", "1.0", formats, 1);
