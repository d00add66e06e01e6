/* SPDX-License-Identifier: MIT */
/* read.c: the reader: entries from parse.c, crossref and xdata
 * inheritance, then map.c.
 *
 * Inheritance streams.  An entry is kept in memory only when another
 * entry has named it (crossref or xdata) before it appears, or when it is
 * an @xdata entry.  A child whose parent has not appeared yet waits in a
 * queue, and so does every entry after it, so that the output keeps the
 * input's order; in BibTeX's own order (parents after their children) the
 * queue is never longer than the distance from child to parent.  A parent
 * that appeared before any child named it is not available (it was
 * already converted and forgotten); the child is then reported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bibtex.h"
#include "util.h"

#define QUEUE_MAX_ENTRIES 100000
#define QUEUE_MAX_BYTES (64u * 1024 * 1024)
/* How deep a chain of parents (inbook -> book -> mvbook) is followed;
 * a longer chain, or a cycle, inherits from the first levels only. */
#define CHAIN_MAX 8

typedef struct reader {
  bt_parser *p;
  bcv_diag *diag;
  int resolve; /* inherit from crossref/xdata (default) */
  int eof;
  bt_entry cur, merged;
  bt_mapper *mapper;
  bt_map store;  /* key -> bt_entry*: parents and @xdata */
  bt_map wanted; /* keys named by crossref/xdata */
  bt_entry **q;
  size_t qhead, qlen, qcap, qbytes;
} reader;

static void free_entry(void *p) {
  bt_entry *e = p;
  if (e) {
    bt_entry_free(e);
    free(e);
  }
}

static int r_open(bcv_input *in, const bcv_options *opts, bcv_diag *diag, void **state) {
  reader *r = calloc(1, sizeof *r);
  if (!r)
    return BCV_ENOMEM;
  r->p = bt_parser_new(in, diag);
  r->mapper = bt_mapper_new();
  if (!r->p || !r->mapper) {
    bt_parser_free(r->p);
    bt_mapper_free(r->mapper);
    free(r);
    return BCV_ENOMEM;
  }
  r->diag = diag;
  const char *cr = bcv_options_get(opts, "crossref");
  r->resolve = !cr || strcmp(cr, "keep") != 0;
  if (cr && strcmp(cr, "keep") != 0 && strcmp(cr, "resolve") != 0)
    bcv_diag_report(diag, BCV_SEV_WARNING, NULL, 0, 0,
                    "crossref=%s: expected 'resolve' or 'keep'; resolving", cr);
  *state = r;
  return BCV_OK;
}

static void r_close(void *state) {
  reader *r = state;
  bt_parser_free(r->p);
  bt_entry_free(&r->cur);
  bt_entry_free(&r->merged);
  bt_mapper_free(r->mapper);
  bt_map_free(&r->store, free_entry);
  bt_map_free(&r->wanted, NULL);
  for (size_t i = 0; i < r->qlen; i++)
    free_entry(r->q[(r->qhead + i) % r->qcap]);
  free(r->q);
  free(r);
}

/* Call fn for each key named by e's crossref and xdata fields. */
typedef int (*key_fn)(reader *r, const bt_entry *e, const char *field, const char *key,
                      size_t len, void *ud);

static int each_dep(reader *r, const bt_entry *e, key_fn fn, void *ud) {
  static const char *const names[] = {"xdata", "crossref"};
  for (int k = 0; k < 2; k++) {
    size_t n;
    const char *v = bt_entry_get(e, names[k], &n);
    while (v && n) {
      size_t len = 0;
      while (len < n && v[len] != ',')
        len++;
      size_t a = 0, b = len;
      while (a < b && (v[a] == ' ' || v[a] == '\n' || v[a] == '\t'))
        a++;
      while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\n' || v[b - 1] == '\t'))
        b--;
      if (b > a) {
        int rc = fn(r, e, names[k], v + a, b - a, ud);
        if (rc)
          return rc;
      }
      if (len >= n)
        break;
      v += len + 1;
      n -= len + 1;
      if (k == 1)
        break; /* crossref names one parent */
    }
  }
  return 0;
}

static int want(reader *r, const bt_entry *e, const char *field, const char *key, size_t len,
                void *ud) {
  (void)e, (void)field, (void)ud;
  if (bt_map_get(&r->wanted, key, len))
    return 0;
  return bt_map_put(&r->wanted, key, len, (void *)1, NULL) ? BCV_ENOMEM : 0;
}

/* Is a parent of e, or of its parents (as deep as they are followed),
 * still to come?  ud: the depth, an int. */
static int missing(reader *r, const bt_entry *e, const char *field, const char *key,
                   size_t len, void *ud) {
  (void)e, (void)field;
  const bt_entry *parent = bt_map_get(&r->store, key, len);
  if (!parent)
    return 1;
  int depth = (ud ? *(int *)ud : 0) + 1;
  return depth < CHAIN_MAX && each_dep(r, parent, missing, &depth);
}

/* ---- inheritance ---- */

static int in_list(const char *s, const char *const *list) {
  for (; *list; list++)
    if (strcmp(s, *list) == 0)
      return 1;
  return 0;
}

/* Fields that say the same thing: a child with one of a group inherits
 * none of the others (a child with date takes no year from its parent). */
static const char *const groups[][5] = {
    {"date", "year", "month", "day", NULL},
    {"journal", "journaltitle", NULL},
    {"address", "location", NULL},
    {"annote", "annotation", NULL},
};

/* Whether the child's own fields (the first `own` ones) give name a
 * value; an empty field is no value, so it does not block. */
static int has_value(const bt_entry *e, size_t own, const char *name) {
  for (const bt_field *f = bt_entry_field(e, name); f && (size_t)(f - e->f) < own;
       f = bt_entry_next_same(e, f)) {
    const char *v = BT_STR(e, f->val);
    for (size_t k = 0; k < f->vlen; k++)
      if (v[k] != ' ' && v[k] != '\t' && v[k] != '\n')
        return 1;
  }
  return 0;
}

static int child_has(const bt_entry *e, size_t own, const char *name) {
  for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
    if (in_list(name, groups[g])) {
      for (size_t k = 0; groups[g][k]; k++)
        if (has_value(e, own, groups[g][k]))
          return 1;
      return 0;
    }
  return has_value(e, own, name) || (own < e->n && has_value(e, e->n, name));
}

/* A subtitle or addon, and the title it belongs to.  A child with its own
 * title takes neither from a parent: the title may be one a writer joined
 * ("Title: Subtitle"), and a parent's subtitle would then come twice. */
static const char *const title_parts[][2] = {
    {"booksubtitle", "booktitle"},   {"booktitleaddon", "booktitle"},
    {"journalsubtitle", "journaltitle"}, {"mainsubtitle", "maintitle"},
    {"maintitleaddon", "maintitle"}, {"subtitle", "title"},
    {"titleaddon", "title"},
};

static int add_if_absent(bt_entry *dst, size_t own, const char *name, const char *val,
                         size_t vlen, const bt_field *f) {
  if (child_has(dst, own, name))
    return BCV_OK;
  for (size_t i = 0; i < sizeof title_parts / sizeof title_parts[0]; i++)
    if (strcmp(name, title_parts[i][0]) == 0 && has_value(dst, own, title_parts[i][1]))
      return BCV_OK;
  return bt_entry_add(dst, name, strlen(name), val, vlen, f->line, f->col);
}

/* Fill child's missing fields from parent: by biblatex's rules for a
 * crossref (inherit.c), all but the never-inherited ones for xdata. */
static int inherit(bt_entry *child, const bt_entry *parent, int crossref) {
  size_t own = child->n;
  char ct[64]; /* the child's text grows as fields are added: copy its type */
  snprintf(ct, sizeof ct, "%s", BT_STR(child, child->type));
  const char *pt = BT_STR(parent, parent->type);
  for (size_t i = 0; i < parent->n; i++) {
    const bt_field *f = &parent->f[i];
    const char *name = BT_STR(parent, f->name), *val = BT_STR(parent, f->val);
    const char *to[BT_INHERIT_MAX] = {name};
    int n = crossref ? bt_inherit_targets(pt, ct, name, to) : !bt_inherit_never(name);
    for (int k = 0; k < n; k++)
      if (add_if_absent(child, own, to[k], val, f->vlen, f))
        return BCV_ENOMEM;
  }
  return BCV_OK;
}

typedef struct resolve_ctx {
  bt_entry *out;
  int depth; /* 0: the entry being emitted; more: one of its parents */
  int rc;
} resolve_ctx;

static int resolve_deps(reader *r, bt_entry *out, const bt_entry *e, int depth);

static int resolve_one(reader *r, const bt_entry *e, const char *field, const char *key,
                       size_t len, void *ud) {
  resolve_ctx *c = ud;
  const bt_entry *parent = bt_map_get(&r->store, key, len);
  if (!parent && c->depth)
    return 0; /* reported when that parent's own entry is converted */
  if (!parent) {
    const bt_field *f = bt_entry_field(e, field);
    bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, f ? f->line : e->line, f ? f->col : e->col,
                    "entry '%s': %s entry '%.*s' not found%s; nothing inherited",
                    BT_STR(e, e->key), field, (int)(len > 200 ? 200 : len), key,
                    strcmp(field, "crossref") == 0
                        ? " (a parent is found when it comes after its children, as BibTeX "
                          "wants, or after another entry named it)"
                        : "");
    return 0;
  }
  int crossref = strcmp(field, "crossref") == 0;
  if (c->depth + 1 < CHAIN_MAX && (bt_entry_has(parent, "crossref") || bt_entry_has(parent, "xdata"))) {
    /* a parent with parents of its own: what it inherits is passed on */
    bt_entry whole = {0};
    c->rc = bt_entry_copy(&whole, parent);
    if (!c->rc)
      c->rc = resolve_deps(r, &whole, parent, c->depth + 1);
    if (!c->rc)
      c->rc = inherit(c->out, &whole, crossref);
    bt_entry_free(&whole);
    return c->rc;
  }
  c->rc = inherit(c->out, parent, crossref);
  return c->rc;
}

/* Inherit into out (a copy of e) from e's parents, and theirs. */
static int resolve_deps(reader *r, bt_entry *out, const bt_entry *e, int depth) {
  resolve_ctx c = {out, depth, 0};
  each_dep(r, e, resolve_one, &c);
  return c.rc;
}

static int emit(reader *r, const bt_entry *e, bcv_record **out) {
  const bt_entry *src = e;
  if (r->resolve && (bt_entry_has(e, "crossref") || bt_entry_has(e, "xdata"))) {
    if (bt_entry_copy(&r->merged, e))
      return BCV_ENOMEM;
    int rc = resolve_deps(r, &r->merged, e, 0);
    if (rc)
      return rc;
    src = &r->merged;
  }
  bcv_record *rec = bcv_record_new();
  if (!rec)
    return BCV_ENOMEM;
  int rc = bt_map_entry(r->mapper, src, rec, r->diag);
  if (rc) {
    bcv_record_free(&rec);
    return rc;
  }
  *out = rec;
  return BCV_OK;
}

/* A heap copy of e, or NULL when out of memory. */
static bt_entry *dup_entry(const bt_entry *e) {
  bt_entry *copy = calloc(1, sizeof *copy);
  if (copy && bt_entry_copy(copy, e)) {
    free_entry(copy);
    return NULL;
  }
  return copy;
}

static int push(reader *r, const bt_entry *e) {
  if (r->qlen == r->qcap) {
    size_t nc = r->qcap ? r->qcap * 2 : 16;
    bt_entry **nq = malloc(nc * sizeof *nq);
    if (!nq)
      return BCV_ENOMEM;
    for (size_t i = 0; i < r->qlen; i++)
      nq[i] = r->q[(r->qhead + i) % r->qcap];
    free(r->q);
    r->q = nq;
    r->qcap = nc;
    r->qhead = 0;
  }
  bt_entry *copy = dup_entry(e);
  if (!copy)
    return BCV_ENOMEM;
  r->q[(r->qhead + r->qlen) % r->qcap] = copy;
  r->qlen++;
  r->qbytes += copy->text.len;
  return BCV_OK;
}

static bt_entry *pop(reader *r) {
  bt_entry *e = r->q[r->qhead];
  r->qhead = (r->qhead + 1) % r->qcap;
  r->qlen--;
  r->qbytes -= e->text.len;
  return e;
}

static int store(reader *r, const bt_entry *e) {
  bt_entry *copy = dup_entry(e);
  if (!copy)
    return BCV_ENOMEM;
  void *old;
  if (bt_map_put(&r->store, BT_STR(e, e->key), e->klen, copy, &old)) {
    free_entry(copy);
    return BCV_ENOMEM;
  }
  free_entry(old);
  return BCV_OK;
}

static int r_next(void *state, bcv_record **out) {
  reader *r = state;
  *out = NULL;
  for (;;) {
    if (r->qlen) {
      bt_entry *head = r->q[r->qhead];
      if (r->eof || !each_dep(r, head, missing, NULL) || r->qlen > QUEUE_MAX_ENTRIES ||
          r->qbytes > QUEUE_MAX_BYTES) {
        head = pop(r);
        int rc = emit(r, head, out);
        free_entry(head);
        return rc;
      }
    }
    if (r->eof)
      return BCV_DONE;
    int rc = bt_parser_next(r->p, &r->cur);
    if (rc == 0) {
      r->eof = 1;
      continue;
    }
    if (rc < 0)
      return rc;
    bt_entry *e = &r->cur;
    int xdata = strcmp(BT_STR(e, e->type), "xdata") == 0;
    if (!r->resolve) {
      if (xdata)
        continue;
      return emit(r, e, out);
    }
    if (e->klen && (xdata || bt_map_get(&r->wanted, BT_STR(e, e->key), e->klen)) &&
        (rc = store(r, e)))
      return rc;
    if ((rc = each_dep(r, e, want, NULL)))
      return rc;
    if (xdata)
      continue;
    if (r->qlen || each_dep(r, e, missing, NULL)) {
      if ((rc = push(r, e)))
        return rc;
      continue;
    }
    return emit(r, e, out);
  }
}

static const bcv_option_desc reader_options[] = {
    {"crossref", "resolve (default): fill fields from crossref/xdata parents; keep: only keep the link"},
    {NULL, NULL},
};

const bcv_reader_ops bt_reader = {r_open, r_next, r_close, reader_options};
