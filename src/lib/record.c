/* SPDX-License-Identifier: MIT */
/* record.c: the record model; everything a record holds lives in its arena. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "internal.h"
#include "bibconv/record.h"

struct bcv_record {
  bcv__arena arena;
  bcv_type type;
  const char *id;
  long line, column;
  bcv_field *first, *last;
  size_t count;
  /* Each name variable's field and last name, so that appending to a list
   * of any length (a hostile 100k-author line) is constant time. */
  bcv_field *names[BCV_VAR_COUNT];
  bcv_name *names_tail[BCV_VAR_COUNT];
  /* The last other-language form of each name that has some, so that
   * appending one is constant time too (100k forms of one name): open
   * addressing on the name's address, malloc'd, at most half full. */
  struct alt_tail {
    const bcv_name *name;
    bcv_name *tail;
  } *tails;
  size_t ntails, tails_cap;
};

bcv_record *bcv_record_new(void) {
  bcv_record *r = calloc(1, sizeof *r);
  if (r)
    r->type = BCV_TYPE_DOCUMENT;
  return r;
}

void bcv_record_free(bcv_record **r) {
  if (!r || !*r)
    return;
  bcv__arena_free(&(*r)->arena);
  free((*r)->tails);
  free(*r);
  *r = NULL;
}

void *bcv_record_alloc(bcv_record *r, size_t size) {
  void *p = bcv__arena_alloc(&r->arena, size);
  if (p)
    memset(p, 0, size);
  return p;
}

char *bcv_record_strndup(bcv_record *r, const char *s, size_t len) {
  char *p = bcv__arena_alloc(&r->arena, len + 1);
  if (!p)
    return NULL;
  if (len)
    memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

static const char *dup0(bcv_record *r, const char *s) {
  return s ? bcv_record_strndup(r, s, strlen(s)) : NULL;
}

void bcv_record_set_type(bcv_record *r, bcv_type t) {
  if ((unsigned)t < BCV_TYPE_COUNT)
    r->type = t;
}
bcv_type bcv_record_type(const bcv_record *r) { return r->type; }

int bcv_record_set_id(bcv_record *r, const char *id, size_t len) {
  if (!id) {
    r->id = NULL;
    return BCV_OK;
  }
  r->id = bcv_record_strndup(r, id, len);
  return r->id ? BCV_OK : BCV_ENOMEM;
}
const char *bcv_record_id(const bcv_record *r) { return r->id; }

void bcv_record_set_pos(bcv_record *r, long line, long column) {
  r->line = line;
  r->column = column;
}
long bcv_record_line(const bcv_record *r) { return r->line; }
long bcv_record_column(const bcv_record *r) { return r->column; }

static bcv_field *new_field(bcv_record *r, bcv_field_kind kind, bcv_var v) {
  bcv_field *f = bcv_record_alloc(r, sizeof *f);
  if (!f)
    return NULL;
  f->kind = kind;
  f->var = v;
  if (r->last)
    r->last->next = f;
  else
    r->first = f;
  r->last = f;
  r->count++;
  return f;
}

static int is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int bcv_record_add_text(bcv_record *r, bcv_var v, const char *lang,
                        const char *s, size_t len) {
  bcv_kind k = bcv_var_kind(v);
  if ((unsigned)v >= BCV_VAR_COUNT || k == BCV_KIND_NAMES || k == BCV_KIND_DATE)
    return BCV_EINVAL;
  while (len && is_space((unsigned char)*s)) {
    s++;
    len--;
  }
  while (len && is_space((unsigned char)s[len - 1]))
    len--;
  if (!len)
    return BCV_OK;
  bcv_field *f = new_field(r, BCV_FIELD_TEXT, v);
  if (!f || !(f->text = bcv_record_strndup(r, s, len)))
    return BCV_ENOMEM;
  if (lang && *lang && !(f->lang = dup0(r, lang)))
    return BCV_ENOMEM;
  return BCV_OK;
}

int bcv_record_add_date(bcv_record *r, bcv_var v, const bcv_date *d) {
  if (bcv_var_kind(v) != BCV_KIND_DATE || (unsigned)v >= BCV_VAR_COUNT)
    return BCV_EINVAL;
  bcv_date *copy = bcv_record_alloc(r, sizeof *copy);
  bcv_field *f = copy ? new_field(r, BCV_FIELD_DATE, v) : NULL;
  if (!f)
    return BCV_ENOMEM;
  *copy = *d;
  if (d->literal && !(copy->literal = dup0(r, d->literal)))
    return BCV_ENOMEM;
  f->date = copy;
  return BCV_OK;
}

static bcv_field *names_field(bcv_record *r, bcv_var v) {
  if ((unsigned)v >= BCV_VAR_COUNT || bcv_var_kind(v) != BCV_KIND_NAMES)
    return NULL;
  if (!r->names[v])
    r->names[v] = new_field(r, BCV_FIELD_NAMES, v);
  return r->names[v];
}

static const bcv_pair *copy_pairs(bcv_record *r, const bcv_pair *p, int *ok) {
  bcv_pair *head = NULL, **tail = &head;
  for (; p; p = p->next) {
    bcv_pair *c = bcv_record_alloc(r, sizeof *c);
    if (!c || !(c->key = dup0(r, p->key)) || !(c->value = dup0(r, p->value))) {
      *ok = 0;
      return head;
    }
    c->flags = p->flags;
    *tail = c;
    tail = (bcv_pair **)&c->next;
  }
  return head;
}

static const bcv_affil *copy_affils(bcv_record *r, const bcv_affil *a, int *ok) {
  bcv_affil *head = NULL, **tail = &head;
  for (; a; a = a->next) {
    bcv_affil *c = bcv_record_alloc(r, sizeof *c);
    if (!c || !(c->text = dup0(r, a->text))) {
      *ok = 0;
      return head;
    }
    *tail = c;
    tail = (bcv_affil **)&c->next;
  }
  return head;
}

/* Names nest only through `alt`; the depth is bounded so that a cyclic
 * chain built by a buggy caller cannot recurse forever. */
static bcv_name *copy_name(bcv_record *r, const bcv_name *n, int depth) {
  bcv_name *c = bcv_record_alloc(r, sizeof *c);
  if (!c)
    return NULL;
  int ok = 1;
#define COPY(f)                                   \
  if (n->f && !(c->f = dup0(r, n->f)))            \
    return NULL;
  COPY(family) COPY(given) COPY(dropping_particle) COPY(non_dropping_particle)
  COPY(suffix) COPY(literal) COPY(lang)
#undef COPY
  c->flags = n->flags;
  c->affiliations = copy_affils(r, n->affiliations, &ok);
  c->extras = copy_pairs(r, n->extras, &ok);
  if (n->alt && depth < 8 && ok && !(c->alt = copy_name(r, n->alt, depth + 1)))
    return NULL;
  return ok ? c : NULL;
}

bcv_name *bcv_record_add_name(bcv_record *r, bcv_var v, const bcv_name *n) {
  bcv_field *f = names_field(r, v);
  if (!f)
    return NULL;
  bcv_name *c = copy_name(r, n, 0);
  if (!c)
    return NULL;
  if (!f->names)
    f->names = c;
  else
    r->names_tail[v]->next = c;
  r->names_tail[v] = c;
  return c;
}

int bcv_name_add_affiliation(bcv_record *r, bcv_name *n, const char *s, size_t len) {
  bcv_affil *a = bcv_record_alloc(r, sizeof *a);
  if (!a || !(a->text = bcv_record_strndup(r, s, len)))
    return BCV_ENOMEM;
  const bcv_affil **t = &n->affiliations;
  while (*t)
    t = (const bcv_affil **)&(*t)->next;
  *t = a;
  return BCV_OK;
}

int bcv_name_add_extra(bcv_record *r, bcv_name *n, const char *key,
                       const char *value, unsigned flags) {
  bcv_pair *p = bcv_record_alloc(r, sizeof *p);
  if (!p || !(p->key = dup0(r, key)) || !(p->value = dup0(r, value)))
    return BCV_ENOMEM;
  p->flags = flags;
  const bcv_pair **t = &n->extras;
  while (*t)
    t = (const bcv_pair **)&(*t)->next;
  *t = p;
  return BCV_OK;
}

void bcv_langs_add(bcv_langs *l, const char *tag) {
  for (size_t k = 0; k < l->n; k++)
    if (l->tag[k] == tag || (l->tag[k] && tag && strcmp(l->tag[k], tag) == 0))
      return;
  if (l->n == BCV_MAX_LANGS)
    l->over = 1;
  else
    l->tag[l->n++] = tag;
}

static struct alt_tail *tail_slot(const bcv_record *r, const bcv_name *n) {
  size_t mask = r->tails_cap - 1;
  for (size_t i = (size_t)(((uintptr_t)n >> 4) * 0x9E3779B97F4A7C15u >> 17) & mask;;
       i = (i + 1) & mask)
    if (!r->tails[i].name || r->tails[i].name == n)
      return &r->tails[i];
}

int bcv_name_add_alt(bcv_record *r, bcv_name *n, const bcv_name *alt) {
  bcv_name *c = copy_name(r, alt, 1);
  if (!c)
    return BCV_ENOMEM;
  c->alt = NULL;
  if ((r->ntails + 1) * 2 > r->tails_cap) {
    size_t cap = r->tails_cap ? r->tails_cap * 2 : 16, old_cap = r->tails_cap;
    struct alt_tail *old = r->tails, *nt = calloc(cap, sizeof *nt);
    if (!nt)
      return BCV_ENOMEM;
    r->tails = nt;
    r->tails_cap = cap;
    for (size_t i = 0; i < old_cap; i++)
      if (old[i].name)
        *tail_slot(r, old[i].name) = old[i];
    free(old);
  }
  struct alt_tail *t = tail_slot(r, n);
  if (!t->name) {
    /* the first form added here; a caller may have built n->alt itself */
    bcv_name *last = NULL;
    for (const bcv_name *a = n->alt; a; a = a->alt)
      last = (bcv_name *)a;
    t->name = n;
    t->tail = last;
    r->ntails++;
  }
  if (t->tail)
    t->tail->alt = c;
  else
    n->alt = c;
  t->tail = c;
  return BCV_OK;
}

int bcv_record_set_etal(bcv_record *r, bcv_var v) {
  bcv_field *f = names_field(r, v);
  if (!f)
    return (unsigned)v < BCV_VAR_COUNT && bcv_var_kind(v) == BCV_KIND_NAMES ? BCV_ENOMEM
                                                                            : BCV_EINVAL;
  f->etal = 1;
  return BCV_OK;
}

int bcv_record_add_extra(bcv_record *r, const char *key, const char *value,
                         size_t vlen, unsigned flags) {
  if (!key || !*key || !value)
    return BCV_EINVAL;
  bcv_field *f = new_field(r, BCV_FIELD_EXTRA, BCV_VAR_NONE);
  if (!f || !(f->key = dup0(r, key)) || !(f->text = bcv_record_strndup(r, value, vlen)))
    return BCV_ENOMEM;
  f->flags = flags;
  return BCV_OK;
}

const bcv_field *bcv_record_fields(const bcv_record *r) { return r->first; }
size_t bcv_record_field_count(const bcv_record *r) { return r->count; }

const char *bcv_record_lang(const bcv_record *r) {
  for (const bcv_field *f = r->first; f; f = f->next)
    if (f->kind == BCV_FIELD_TEXT && f->var == BCV_VAR_LANGUAGE)
      return f->text;
  return NULL;
}

const char *bcv_record_text(const bcv_record *r, bcv_var v, const char *lang) {
  const char *first = NULL, *untagged = NULL;
  const char *want = lang ? lang : bcv_record_lang(r);
  for (const bcv_field *f = r->first; f; f = f->next) {
    if (f->kind != BCV_FIELD_TEXT || f->var != v)
      continue;
    if (want && f->lang && strcmp(f->lang, want) == 0)
      return f->text;
    if (!first)
      first = f->text;
    if (!f->lang && !untagged)
      untagged = f->text;
  }
  if (lang)
    return NULL;
  return untagged ? untagged : first;
}

const bcv_field *bcv_record_field(const bcv_record *r, bcv_var v) {
  for (const bcv_field *f = r->first; f; f = f->next)
    if ((f->kind == BCV_FIELD_NAMES || f->kind == BCV_FIELD_DATE) && f->var == v)
      return f;
  return NULL;
}

const bcv_field *bcv_record_extra(const bcv_record *r, const char *key) {
  for (const bcv_field *f = r->first; f; f = f->next)
    if (f->kind == BCV_FIELD_EXTRA && strcmp(f->key, key) == 0)
      return f;
  return NULL;
}

long bcv_record_join_text(const bcv_record *r, bcv_var v, const char *sep, char **buf,
                          size_t *cap, size_t *others) {
  const char *rl = bcv_record_lang(r);
  size_t sl = strlen(sep), len = 0, skipped = 0;
  int any = 0;
  for (const bcv_field *f = r->first; f; f = f->next) {
    if (f->kind != BCV_FIELD_TEXT || f->var != v)
      continue;
    if (f->lang && !(rl && strcmp(f->lang, rl) == 0)) {
      skipped++;
      continue;
    }
    size_t n = strlen(f->text), need = len + (any ? sl : 0) + n + 1;
    if (need > *cap) {
      size_t c = need > 2 * *cap ? need : 2 * *cap;
      char *p = realloc(*buf, c);
      if (!p)
        return -1;
      *buf = p;
      *cap = c;
    }
    if (any) {
      memcpy(*buf + len, sep, sl);
      len += sl;
    }
    memcpy(*buf + len, f->text, n + 1);
    len += n;
    any = 1;
  }
  if (others)
    *others = skipped;
  return (long)len;
}

const char *bcv_doi_strip(const char *s, size_t len, size_t *dlen) {
  static const char *const prefixes[] = {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                                         "http://dx.doi.org/", "doi.org/", "doi:", NULL};
  while (len && (*s == ' ' || *s == '\t'))
    s++, len--;
  for (const char *const *p = prefixes; *p; p++) {
    size_t n = strlen(*p);
    if (len >= n && strncasecmp(s, *p, n) == 0) {
      s += n;
      len -= n;
      break;
    }
  }
  while (len && *s == ' ')
    s++, len--;
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    len--;
  *dlen = len;
  return s;
}

int bcv_doi_shape(const char *s, size_t len) {
  return len > 3 && strncmp(s, "10.", 3) == 0 && memchr(s, '/', len) != NULL;
}
