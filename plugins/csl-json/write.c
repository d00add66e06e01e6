/* SPDX-License-Identifier: MIT */
/* write.c: the CSL-JSON writer.
 *
 * Output is an array of items, each validating against CSL 1.0.2's
 * csl-data.json: only schema keys at the top level and in name and date
 * objects; whatever the model holds beyond that goes to the item's
 * "custom" object (see csl-json.h), never to an invented key.  Keys come
 * in a fixed order: id, type, then the variables in ASCII order (as pandoc
 * writes them), then custom.  Two-space indentation, UTF-8, "\n". */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csl-json.h"

typedef struct writer {
  bcv_output *out;
  bcv_diag *diag;
  unsigned long n;
  unsigned long generated;
  const bcv_field **sorted;
  size_t sorted_cap;
} writer;

static int w_begin(bcv_output *out, const bcv_options *opts, bcv_diag *diag, void **state) {
  writer *w = calloc(1, sizeof *w);
  if (!w)
    return BCV_ENOMEM;
  w->out = out;
  w->diag = diag;
  *state = w;
  return bcv_output_puts(out, "[\n");
}

/* jansson prints an item at column 0; inside the array it belongs two
 * spaces in.  Strings never hold a raw newline, so every "\n" jansson
 * writes starts a new line of the item. */
static int dump_cb(const char *buf, size_t size, void *data) {
  bcv_output *out = data;
  size_t from = 0;
  for (size_t i = 0; i < size; i++) {
    if (buf[i] == '\n') {
      if (bcv_output_write(out, buf + from, i + 1 - from) || bcv_output_write(out, "  ", 2))
        return -1;
      from = i + 1;
    }
  }
  return bcv_output_write(out, buf + from, size - from) ? -1 : 0;
}

static json_t *str(const char *s) { return json_string(s); }

/* Values tagged with the record's language (or untagged) are the CSL
 * value; values in other languages go to custom.multi._keys. */
static int is_primary(const char *lang, const char *rec_lang, const char *first_lang) {
  if (!lang)
    return 1;
  if (rec_lang && strcmp(lang, rec_lang) == 0)
    return 1;
  return first_lang && strcmp(lang, first_lang) == 0;
}

static json_t *date_json(const bcv_date *d) {
  json_t *o = json_object();
  int exotic = (d->flags & (BCV_DATE_OPEN_START | BCV_DATE_OPEN_END | BCV_DATE_UNCERTAIN)) != 0;
  if (d->from.parts && !exotic) {
    json_t *parts = json_array();
    const bcv_date_part *ends[2] = {&d->from, &d->to};
    for (int e = 0; e < ((d->flags & BCV_DATE_RANGE) && d->to.parts ? 2 : 1); e++) {
      json_t *a = json_array();
      json_array_append_new(a, json_integer(ends[e]->year));
      if (ends[e]->parts >= 2)
        json_array_append_new(a, json_integer(ends[e]->month));
      if (ends[e]->parts >= 3)
        json_array_append_new(a, json_integer(ends[e]->day));
      json_array_append_new(parts, a);
    }
    json_object_set_new(o, "date-parts", parts);
    if (d->season)
      json_object_set_new(o, "season", json_integer(d->season));
    if (d->flags & BCV_DATE_CIRCA)
      json_object_set_new(o, "circa", json_true());
  } else if (d->from.parts || (d->flags & BCV_DATE_OPEN_START)) {
    /* Open ranges and uncertainty have no date-parts form; CSL takes the
     * EDTF string in "raw". */
    char buf[96];
    bcv_date_format_edtf(d, buf, sizeof buf);
    json_object_set_new(o, "raw", str(buf));
  }
  if (d->literal)
    json_object_set_new(o, "literal", str(d->literal));
  return o;
}

static json_t *extra_value(const char *value, unsigned flags) {
  if (flags & BCV_EXTRA_JSON) {
    json_t *j = json_loads(value, JSON_DECODE_ANY, NULL);
    if (j)
      return j;
  }
  return str(value);
}

static const char *custom_key(const char *key) {
  return strncmp(key, CSL_NS, strlen(CSL_NS)) == 0 ? key + strlen(CSL_NS) : key;
}

static void set_name_parts(json_t *o, const bcv_name *n) {
  if (n->family)
    json_object_set_new(o, "family", str(n->family));
  if (n->given)
    json_object_set_new(o, "given", str(n->given));
  if (n->dropping_particle)
    json_object_set_new(o, "dropping-particle", str(n->dropping_particle));
  if (n->non_dropping_particle)
    json_object_set_new(o, "non-dropping-particle", str(n->non_dropping_particle));
  if (n->suffix)
    json_object_set_new(o, "suffix", str(n->suffix));
  if (n->literal)
    json_object_set_new(o, "literal", str(n->literal));
}

static json_t *name_json(const bcv_name *n) {
  json_t *o = json_object();
  set_name_parts(o, n);
  if (n->flags & BCV_NAME_COMMA_SUFFIX)
    json_object_set_new(o, "comma-suffix", json_true());
  if (n->flags & BCV_NAME_STATIC_ORDER)
    json_object_set_new(o, "static-ordering", json_true());
  for (const bcv_pair *p = n->extras; p; p = p->next)
    if (strcmp(p->key, CSL_NS "parse-names") == 0)
      json_object_set_new(o, "parse-names", extra_value(p->value, p->flags));
  if (!n->family && !n->given && !n->literal)
    json_object_set_new(o, "literal", str(""));
  return o;
}

/* What CSL's name object cannot hold, or NULL when there is nothing. */
static json_t *name_custom(const bcv_name *n) {
  json_t *o = json_object();
  if (n->affiliations) {
    json_t *a = json_array();
    for (const bcv_affil *f = n->affiliations; f; f = f->next)
      json_array_append_new(a, str(f->text));
    json_object_set_new(o, "affiliation", a);
  }
  if (n->lang)
    json_object_set_new(o, "lang", str(n->lang));
  /* A Han family name already says "family first"; other eastern-order
   * names (pinyin "DU Li") need saying. */
  if ((n->flags & BCV_NAME_EASTERN) && !(n->family && bcv_utf8_is_han(n->family, strlen(n->family))))
    json_object_set_new(o, "eastern", json_true());
  if (n->alt) {
    json_t *alts = json_array();
    for (const bcv_name *a = n->alt; a; a = a->alt) {
      json_t *x = json_object();
      set_name_parts(x, a);
      if (a->lang)
        json_object_set_new(x, "lang", str(a->lang));
      if ((a->flags & BCV_NAME_EASTERN) && !(a->family && bcv_utf8_is_han(a->family, strlen(a->family))))
        json_object_set_new(x, "eastern", json_true());
      json_array_append_new(alts, x);
    }
    json_object_set_new(o, "alt", alts);
  }
  for (const bcv_pair *p = n->extras; p; p = p->next)
    if (strcmp(p->key, CSL_NS "parse-names") != 0)
      json_object_set_new(o, custom_key(p->key), extra_value(p->value, p->flags));
  if (json_object_size(o) == 0) {
    json_decref(o);
    return NULL;
  }
  return o;
}

static int by_var(const void *a, const void *b) {
  const bcv_field *x = *(const bcv_field *const *)a, *y = *(const bcv_field *const *)b;
  if (x->var != y->var)
    return x->var < y->var ? -1 : 1;
  return 0;
}

/* A stable sort by variable: fields are few, and insertion sort keeps the
 * order of same-variable values (the order of keywords, of titles). */
static void sort_fields(const bcv_field **a, size_t n) {
  for (size_t i = 1; i < n; i++) {
    const bcv_field *x = a[i];
    size_t j = i;
    while (j > 0 && by_var(&a[j - 1], &x) > 0) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = x;
  }
}

/* Join the same-language values of one variable; several values in one
 * language become one CSL string ("1742-5689; 1742-5662"). */
static char *join(const bcv_field **f, size_t n, const char *lang_want, int primary_group,
                  const char *rec_lang, const char *first_lang, const char *sep) {
  size_t total = 1;
  for (size_t i = 0; i < n; i++)
    total += strlen(f[i]->text) + strlen(sep);
  char *s = malloc(total), *p = s;
  if (!s)
    return NULL;
  *p = '\0';
  for (size_t i = 0; i < n; i++) {
    int prim = is_primary(f[i]->lang, rec_lang, first_lang);
    if (primary_group ? !prim : (prim || strcmp(f[i]->lang, lang_want) != 0))
      continue;
    if (p != s)
      p += sprintf(p, "%s", sep);
    p += sprintf(p, "%s", f[i]->text);
  }
  return s;
}

static void set_multi(json_t *custom, const char *var, const char *lang, const char *text) {
  json_t *multi = json_object_get(custom, CSL_MULTI);
  if (!multi) {
    multi = json_object();
    json_object_set_new(multi, CSL_MULTI_KEYS, json_object());
    json_object_set_new(custom, CSL_MULTI, multi);
  }
  json_t *keys = json_object_get(multi, CSL_MULTI_KEYS);
  json_t *v = json_object_get(keys, var);
  if (!v) {
    v = json_object();
    json_object_set_new(keys, var, v);
  }
  json_object_set_new(v, lang, str(text));
}

static int write_text_var(json_t *item, json_t *custom, const bcv_field **f, size_t n,
                          const char *rec_lang) {
  bcv_var v = f[0]->var;
  const char *name = bcv_var_name(v);
  const char *first_lang = NULL;
  int any_primary = 0;
  for (size_t i = 0; i < n; i++)
    if (is_primary(f[i]->lang, rec_lang, NULL))
      any_primary = 1;
  if (!any_primary)
    first_lang = f[0]->lang;
  const char *sep = v == BCV_VAR_KEYWORD ? ", " : "; ";
  if (v == BCV_VAR_CATEGORIES) {
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
      if (is_primary(f[i]->lang, rec_lang, first_lang))
        json_array_append_new(a, str(f[i]->text));
    json_object_set_new(item, name, a);
  } else {
    char *s = join(f, n, NULL, 1, rec_lang, first_lang, sep);
    if (!s)
      return BCV_ENOMEM;
    json_object_set_new(item, name, str(s));
    free(s);
  }
  /* No value was in the record's language: the CSL variable got another
   * language's, which custom.multi names so it is not taken for the
   * record's language when read back. */
  if (first_lang)
    set_multi(custom, name, first_lang, json_string_value(json_object_get(item, name)));
  for (size_t i = 0; i < n; i++) {
    if (is_primary(f[i]->lang, rec_lang, first_lang))
      continue;
    json_t *multi = json_object_get(json_object_get(json_object_get(custom, CSL_MULTI), CSL_MULTI_KEYS), name);
    if (multi && json_object_get(multi, f[i]->lang))
      continue; /* this language is done */
    char *s = join(f, n, f[i]->lang, 0, rec_lang, first_lang, sep);
    if (!s)
      return BCV_ENOMEM;
    set_multi(custom, name, f[i]->lang, s);
    free(s);
  }
  return BCV_OK;
}

/* ---- citation keys for records without an id ---- */

static void make_id(writer *w, const bcv_record *r, char *buf, size_t n) {
  const bcv_field *au = bcv_record_field(r, BCV_VAR_AUTHOR);
  if (!au)
    au = bcv_record_field(r, BCV_VAR_EDITOR);
  const bcv_name *first = au ? au->names : NULL;
  const char *fam = first ? (first->family ? first->family : first->literal) : NULL;
  /* 邓正阳 folds to nothing; his romanised form (Deng) makes a key */
  if (fam && (unsigned char)fam[0] >= 0xE0)
    for (const bcv_name *a = first->alt; a; a = a->alt)
      if (a->family && (unsigned char)a->family[0] < 0x80) {
        fam = a->family;
        break;
      }
  const bcv_field *iss = bcv_record_field(r, BCV_VAR_ISSUED);
  /* Latin letters U+00C0-U+017F folded to ASCII ('?': no fold). */
  static const char fold[] =
      "aaaaaaaceeeeiiiidnooooo?ouuuuyts" "aaaaaaaceeeeiiiidnooooo?ouuuuyty"
      "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllllllnnnnnnnnnooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
  size_t k = 0;
  for (const unsigned char *p = (const unsigned char *)fam; p && *p && k + 1 < n && k < 20;) {
    if (*p < 0x80) {
      if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
        buf[k++] = (char)(*p | 0x20);
      p++;
      continue;
    }
    unsigned cp = 0;
    size_t l = (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 1;
    if (l == 2 && p[1])
      cp = ((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    if (cp >= 0xC0 && cp < 0xC0 + sizeof fold - 1 && fold[cp - 0xC0] != '?')
      buf[k++] = fold[cp - 0xC0];
    for (size_t i = 0; i < l && *p; i++)
      p++;
  }
  if (k == 0)
    k = (size_t)snprintf(buf, n, "item");
  if (iss && iss->date->from.parts && k + 6 < n)
    k += (size_t)snprintf(buf + k, n - k, "%d", iss->date->from.year);
  w->generated++;
  snprintf(buf + k, n - k, "-%lu", w->generated);
}

static int w_write(void *state, const bcv_record *r) {
  writer *w = state;
  size_t nf = bcv_record_field_count(r);
  if (nf > w->sorted_cap) {
    const bcv_field **ns = realloc(w->sorted, nf * sizeof *ns);
    if (!ns)
      return BCV_ENOMEM;
    w->sorted = ns;
    w->sorted_cap = nf;
  }
  size_t k = 0;
  for (const bcv_field *f = bcv_record_fields(r); f; f = f->next)
    w->sorted[k++] = f;
  /* Extras sort first (var -1) in record order; they go to custom. */
  sort_fields(w->sorted, k);

  json_t *item = json_object(), *custom = json_object(), *names_custom = json_object(),
         *etal = json_array();
  const char *id = bcv_record_id(r);
  char idbuf[64];
  if (!id) {
    make_id(w, r, idbuf, sizeof idbuf);
    id = idbuf;
    bcv_diag_report(w->diag, BCV_SEV_NOTE, NULL, bcv_record_line(r), bcv_record_column(r),
                    "record has no id; wrote '%s'", id);
  }
  json_object_set_new(item, "id", str(id));
  json_object_set_new(item, "type", str(bcv_type_name(bcv_record_type(r))));
  const char *rec_lang = bcv_record_lang(r);
  int rc = BCV_OK;
  for (size_t i = 0; i < k && rc == BCV_OK;) {
    const bcv_field *f = w->sorted[i];
    size_t j = i + 1;
    while (j < k && w->sorted[j]->var == f->var)
      j++;
    if (f->kind == BCV_FIELD_EXTRA) {
      for (size_t x = i; x < j; x++)
        json_object_set_new(custom, custom_key(w->sorted[x]->key),
                            extra_value(w->sorted[x]->text, w->sorted[x]->flags));
    } else if (f->kind == BCV_FIELD_NAMES) {
      json_t *a = json_array(), *nc = json_array();
      int any = 0;
      for (const bcv_name *n = f->names; n; n = n->next) {
        json_array_append_new(a, name_json(n));
        json_t *c = name_custom(n);
        any |= c != NULL;
        json_array_append_new(nc, c ? c : json_object());
      }
      json_object_set_new(item, bcv_var_name(f->var), a);
      if (any)
        json_object_set_new(names_custom, bcv_var_name(f->var), nc);
      else
        json_decref(nc);
      if (f->etal)
        json_array_append_new(etal, str(bcv_var_name(f->var)));
    } else if (f->kind == BCV_FIELD_DATE) {
      json_object_set_new(item, bcv_var_name(f->var), date_json(f->date));
      for (size_t x = i + 1; x < j; x++)
        bcv_diag_dropped(w->diag, r, "csl-json", "a second date of the same variable");
    } else {
      rc = write_text_var(item, custom, w->sorted + i, j - i, rec_lang);
    }
    i = j;
  }
  if (json_array_size(etal))
    json_object_set_new(custom, CSL_ETAL, json_incref(etal));
  if (json_object_size(names_custom))
    json_object_set_new(custom, CSL_NAMES, json_incref(names_custom));
  /* custom.multi was filled in variable order; move it after the extras
   * so custom reads: extras, etal, names, multi. */
  json_t *multi = json_object_get(custom, CSL_MULTI);
  if (multi) {
    json_incref(multi);
    json_object_del(custom, CSL_MULTI);
    json_object_set_new(custom, CSL_MULTI, multi);
  }
  if (json_object_size(custom))
    json_object_set_new(item, "custom", json_incref(custom));
  json_decref(custom);
  json_decref(names_custom);
  json_decref(etal);
  if (rc == BCV_OK) {
    if (w->n++ > 0 && bcv_output_puts(w->out, ",\n"))
      rc = BCV_EIO;
    if (rc == BCV_OK && (bcv_output_puts(w->out, "  ") ||
                         json_dump_callback(item, dump_cb, w->out,
                                            JSON_INDENT(2) | JSON_REAL_PRECISION(17)) != 0))
      rc = BCV_EIO;
  }
  json_decref(item);
  return rc;
}

static int w_end(void *state, int ok) {
  writer *w = state;
  int rc = BCV_OK;
  if (ok && bcv_output_puts(w->out, w->n ? "\n]\n" : "]\n"))
    rc = BCV_EIO;
  free(w->sorted);
  free(w);
  return rc;
}

const bcv_writer_ops csljson_writer = {w_begin, w_write, w_end, NULL};
