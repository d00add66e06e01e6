/* SPDX-License-Identifier: MIT */
/* write.c: the bibtex and biblatex writers.
 *
 * One layout for both: "@type{key," then one "  field = {value}" per
 * line in map.c's order, "}" and a blank line between entries.  Values
 * are always braced (never quoted, never double-braced); only the month
 * macros of BibTeX go bare.  Keys are kept; a record without one gets
 * the core's bcv_record_key (<family><year><firstword> in ASCII, Han in
 * pinyin), made unique with a letter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bibtex.h"

typedef struct writer {
  bcv_output *out;
  bcv_diag *diag;
  enum bt_dialect d;
  unsigned enc;
  bt_entry e;
  bcv_idset *keys; /* keys written so far (hashes: BibTeX's are caseless) */
  bt_buf key;
  bt_buf text; /* the entry being written */
  unsigned long n;
} writer;

static int begin(bcv_output *out, const bcv_options *opts, bcv_diag *diag, void **state,
                 enum bt_dialect d) {
  writer *w = calloc(1, sizeof *w);
  if (!w)
    return BCV_ENOMEM;
  w->out = out;
  w->diag = diag;
  w->d = d;
  if (!(w->keys = bcv_idset_new_flags(BCV_IDSET_NOCASE))) {
    free(w);
    return BCV_ENOMEM;
  }
  /* BibTeX proper is 8-bit: ASCII with LaTeX escapes unless asked;
   * biblatex (biber) reads UTF-8 */
  if (d == BT_BIBTEX)
    w->enc = bcv_options_get(opts, "utf8") ? 0 : BT_ENC_ASCII;
  else
    w->enc = bcv_options_get(opts, "ascii") ? BT_ENC_ASCII : 0;
  *state = w;
  return BCV_OK;
}

static int begin_bibtex(bcv_output *out, const bcv_options *opts, bcv_diag *diag, void **state) {
  return begin(out, opts, diag, state, BT_BIBTEX);
}
static int begin_biblatex(bcv_output *out, const bcv_options *opts, bcv_diag *diag,
                          void **state) {
  return begin(out, opts, diag, state, BT_BIBLATEX);
}

/* ---- keys ---- */

/* The core's key (family name, year, title word; Han in pinyin), or
 * "ref" when the record has nothing to make one of. */
static int generate_key(const bcv_record *r, bt_buf *k) {
  char key[BCV_KEY_SIZE];
  k->len = 0;
  return bt_buf_puts(k, bcv_record_key(r, key, sizeof key) ? key : "ref") ? BCV_ENOMEM
                                                                           : bt_buf_reserve(k, 0);
}

static int bad_key_char(char c) {
  return c == ' ' || c == '\t' || c == '\n' || (c && strchr(",{}()\"#%'=\\~", c));
}

/* A repeated key's suffixes: a, b ... z, then 26, 27 ... */
static size_t key_suffix(unsigned long i, char *out) {
  if (i < 26)
    return (size_t)snprintf(out, BCV_IDSET_SUFFIX_MAX, "%c", (char)('a' + i));
  return (size_t)snprintf(out, BCV_IDSET_SUFFIX_MAX, "%lu", i);
}

/* The entry's key: its id, cleaned, or a generated one; unique. */
static int choose_key(writer *w, const bcv_record *r) {
  const char *id = bcv_record_id(r);
  w->key.len = 0;
  if (id && *id) {
    int bad = 0;
    for (const char *p = id; *p; p++) {
      int b = bad_key_char(*p);
      bad |= b;
      if (bt_buf_putc(&w->key, b ? '_' : *p))
        return BCV_ENOMEM;
    }
    if (bad)
      bcv_diag_report(w->diag, BCV_SEV_WARNING, NULL, bcv_record_line(r), bcv_record_column(r),
                      "id '%s' cannot be a BibTeX key; written as '%s'", id, w->key.p);
  } else if (generate_key(r, &w->key)) {
    return BCV_ENOMEM;
  }
  size_t base = w->key.len;
  if (bt_buf_reserve(&w->key, BCV_IDSET_SUFFIX_MAX))
    return BCV_ENOMEM;
  long len = bcv_idset_add_unique(w->keys, w->key.p, base, key_suffix, 0, 0);
  if (len < 0)
    return BCV_ENOMEM;
  w->key.len = (size_t)len;
  w->key.p[len] = '\0';
  if (id && *id && w->key.len != base)
    bcv_diag_report(w->diag, BCV_SEV_WARNING, NULL, bcv_record_line(r), bcv_record_column(r),
                    "key '%.*s' is used twice; written as '%s'", (int)base, w->key.p, w->key.p);
  return BCV_OK;
}

static int write_rec(void *state, const bcv_record *r) {
  writer *w = state;
  int rc = bt_unmap_record(r, w->d, w->enc, w->diag, &w->e);
  if (rc)
    return rc;
  if ((rc = choose_key(w, r)))
    return rc;
  /* the entry's text in one buffer, one write (printf per field cost a
   * sixth of a conversion, and a malloc for every long abstract) */
  bt_buf *b = &w->text;
  b->len = 0;
  int m = 0;
  if (w->n++)
    m |= bt_buf_putc(b, '\n');
  if (w->e.preamble)
    m |= bt_buf_puts(b, "@preamble{{") || bt_buf_puts(b, w->e.preamble) || bt_buf_puts(b, "}}\n\n");
  m |= bt_buf_putc(b, '@') || bt_buf_puts(b, BT_STR(&w->e, w->e.type)) || bt_buf_putc(b, '{') ||
       bt_buf_puts(b, w->key.p) || bt_buf_puts(b, ",\n");
  for (size_t i = 0; i < w->e.n && !m; i++) {
    const bt_field *f = &w->e.f[i];
    if (f->vlen > BT_MAX_VALUE) {
      bcv_diag_report(w->diag, BCV_SEV_WARNING, NULL, bcv_record_line(r), bcv_record_column(r),
                      "field '%s' would be %zu bytes, more than the %u a reader takes",
                      BT_STR(&w->e, f->name), f->vlen, BT_MAX_VALUE);
      return BCV_ELIMIT;
    }
    m |= bt_buf_put(b, "  ", 2) || bt_buf_put(b, BT_STR(&w->e, f->name), f->nlen) ||
         bt_buf_put(b, " = ", 3) || (!f->bare && bt_buf_putc(b, '{')) ||
         bt_buf_put(b, BT_STR(&w->e, f->val), f->vlen) || (!f->bare && bt_buf_putc(b, '}')) ||
         (i + 1 < w->e.n && bt_buf_putc(b, ',')) || bt_buf_putc(b, '\n');
  }
  m |= bt_buf_put(b, "}\n", 2);
  if (m)
    return BCV_ENOMEM;
  if (b->len > BT_MAX_ENTRY) {
    bcv_diag_report(w->diag, BCV_SEV_WARNING, NULL, bcv_record_line(r), bcv_record_column(r),
                    "the entry would be %zu bytes, more than the %u a reader takes", b->len,
                    BT_MAX_ENTRY);
    return BCV_ELIMIT;
  }
  return bcv_output_write(w->out, b->p, b->len) ? BCV_EIO : BCV_OK;
}

static int end(void *state, int ok) {
  writer *w = state;
  (void)ok;
  int rc = bcv_output_failed(w->out) ? BCV_EIO : BCV_OK;
  bt_entry_free(&w->e);
  bcv_idset_free(&w->keys);
  bt_buf_free(&w->key);
  bt_buf_free(&w->text);
  free(w);
  return rc;
}

static const bcv_option_desc bibtex_options[] = {
    {"utf8", "write UTF-8 instead of ASCII with LaTeX escapes"},
    {NULL, NULL},
};
static const bcv_option_desc biblatex_options[] = {
    {"ascii", "write ASCII with LaTeX escapes instead of UTF-8"},
    {NULL, NULL},
};

const bcv_writer_ops bt_bibtex_writer = {begin_bibtex, write_rec, end, bibtex_options};
const bcv_writer_ops bt_biblatex_writer = {begin_biblatex, write_rec, end, biblatex_options};
