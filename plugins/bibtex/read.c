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
 * already converted and forgotten); the child is then reported.
 *
 * What is held (parents, waiting entries, the keys named) is counted in
 * the bytes it really takes, and bounded: past HOLD_MAX_BYTES a parent is
 * not kept and the entry at the head of the queue is converted without
 * waiting any longer, each said in a warning. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bibtex.h"
#include "util.h"

/* Memory for what inheritance holds: parents and @xdata entries first,
 * then entries waiting for theirs. */
#define HOLD_MAX_BYTES (64u * 1024 * 1024)
/* How deep a chain of parents (inbook -> book -> mvbook) is followed;
 * a longer chain, or a cycle, inherits from the first levels only. */
#define CHAIN_MAX 8
/* Fields of parents visited to resolve one entry (each field is one
 * lookup): ten times what an entry may hold, so only a hostile web of
 * parents naming parents reaches it. */
#define RESOLVE_MAX_VISITS (10 * (size_t)BT_MAX_FIELDS)
/* What a key in one of bt_map's tables costs: the copy of the key and
 * up to four slots (a table is kept 1/4 to 1/2 full). */
#define MAP_KEY_BYTES(len) ((len) + 1 + 16 + 4 * sizeof(bt_slot))

/* An entry held: a parent, an @xdata entry, or one in the queue. */
typedef struct held {
  bt_entry e;
  size_t bytes; /* what it takes, counted in the reader's total */
  /* its parents up to here are known to be there (and theirs): the check
   * goes on from here, never over the same keys again */
  int dk;
  size_t doff;
} held;

typedef struct reader {
  bt_parser *p;
  bcv_diag *diag;
  int resolve; /* inherit from crossref/xdata (default) */
  int eof;
  bt_entry cur, merged;
  bt_mapper *mapper;
  bt_map store;  /* key -> held*: parents and @xdata */
  bt_map wanted; /* keys named by crossref/xdata */
  held **q;
  size_t qhead, qlen, qcap;
  size_t stored, queued, wanted_bytes; /* bytes held by each */
  int forced; /* the entry being converted left the queue without its parents */
  size_t visits; /* parents' fields visited for the entry being converted */
} reader;

static void free_held(void *p) {
  held *h = p;
  if (h) {
    bt_entry_free(&h->e);
    free(h);
  }
}

static int r_open(bcv_input *in, const bcv_options *opts, bcv_diag *diag, void **state,
                  int lists) {
  reader *r = calloc(1, sizeof *r);
  if (!r)
    return BCV_ENOMEM;
  r->p = bt_parser_new(in, diag);
  /* -I bibstrings=LANG: a langid (german) or a BCP 47 tag (de) */
  const char *bs = bcv_options_get(opts, "bibstrings");
  const char *bs_tag = bs ? bt_langid_to_bcp47(bs, strlen(bs)) : NULL;
  r->mapper = bt_mapper_new(lists, bs_tag ? bs_tag : bs);
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
  size_t al = bs ? strspn(bs, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") : 0;
  if (bs && !bs_tag && (al < 2 || al > 3 || (bs[al] && bs[al] != '-')))
    bcv_diag_report(diag, BCV_SEV_WARNING, NULL, 0, 0,
                    "bibstrings=%s: not a langid nor a language tag; English strings are used", bs);
  *state = r;
  return BCV_OK;
}

static int r_open_bibtex(bcv_input *in, const bcv_options *opts, bcv_diag *diag, void **state) {
  return r_open(in, opts, diag, state, 0);
}
static int r_open_biblatex(bcv_input *in, const bcv_options *opts, bcv_diag *diag,
                           void **state) {
  return r_open(in, opts, diag, state, 1);
}

static void r_close(void *state) {
  reader *r = state;
  bt_parser_free(r->p);
  bt_entry_free(&r->cur);
  bt_entry_free(&r->merged);
  bt_mapper_free(r->mapper);
  bt_map_free(&r->store, free_held);
  bt_map_free(&r->wanted, NULL);
  for (size_t i = 0; i < r->qlen; i++)
    free_held(r->q[(r->qhead + i) % r->qcap]);
  free(r->q);
  free(r);
}

/* The keys an entry names: xdata's list, then crossref's one parent.
 * An iterator, so that a check can stop at a key and go on from there. */
static const char *const dep_fields[] = {"xdata", "crossref"};

static int is_blank(char c) { return c == ' ' || c == '\n' || c == '\t'; }

/* The key at (*k, *off) or after it: 1 with key/len, *k and *off left on
 * it and *next the offset past it; 0 when there is none left. */
static int dep_at(const bt_entry *e, int *k, size_t *off, const char **key, size_t *len,
                  size_t *next) {
  for (; *k < 2; (*k)++, *off = 0) {
    size_t n;
    const char *v = bt_entry_get(e, dep_fields[*k], &n);
    while (v && *off < n) {
      size_t a = *off, end = a;
      while (end < n && v[end] != ',')
        end++;
      size_t b = end;
      while (a < b && is_blank(v[a]))
        a++;
      while (b > a && is_blank(v[b - 1]))
        b--;
      if (b > a) {
        *key = v + a;
        *len = b - a;
        *next = *k == 1 ? n : end + 1; /* crossref names one parent */
        return 1;
      }
      *off = end + 1;
    }
  }
  return 0;
}

/* Call fn for each key named by e's crossref and xdata fields, until one
 * returns non-zero (which is returned). */
typedef int (*key_fn)(reader *r, const bt_entry *e, const char *field, const char *key,
                      size_t len, void *ud);

static int each_dep(reader *r, const bt_entry *e, key_fn fn, void *ud) {
  int k = 0;
  size_t off = 0, next, len;
  const char *key;
  while (dep_at(e, &k, &off, &key, &len, &next)) {
    int rc = fn(r, e, dep_fields[k], key, len, ud);
    if (rc)
      return rc;
    off = next;
  }
  return 0;
}

static int want(reader *r, const bt_entry *e, const char *field, const char *key, size_t len,
                void *ud) {
  (void)field, (void)ud;
  if (bt_map_get(&r->wanted, key, len))
    return 0;
  if (r->stored + r->wanted_bytes + MAP_KEY_BYTES(len) > HOLD_MAX_BYTES) {
    bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, e->line, e->col,
                    "entry '%s': the reader holds %u MiB of parents and the keys they go by; "
                    "'%.*s' will not be kept when it comes, and what names it inherits "
                    "nothing from it",
                    BT_STR(e, e->key), HOLD_MAX_BYTES >> 20, (int)(len > 200 ? 200 : len), key);
    return 0;
  }
  if (bt_map_put(&r->wanted, key, len, (void *)1, NULL))
    return BCV_ENOMEM;
  r->wanted_bytes += MAP_KEY_BYTES(len);
  return 0;
}

/* Is a parent of h, or of its parents (as deep as they are followed),
 * still to come?  Goes on from where the last check of h stopped: the
 * keys before it are there, and held parents are never taken back. */
static int missing(reader *r, held *h, int depth) {
  const char *key;
  size_t len, next;
  while (dep_at(&h->e, &h->dk, &h->doff, &key, &len, &next)) {
    held *parent = bt_map_get(&r->store, key, len);
    if (!parent)
      return 1;
    if (depth + 1 < CHAIN_MAX && parent != h && missing(r, parent, depth + 1))
      return 1;
    h->doff = next;
  }
  return 0;
}

/* ---- inheritance ---- */

static int in_list(const char *s, const char *const *list) {
  for (; *list; list++)
    if (strcmp(s, *list) == 0)
      return 1;
  return 0;
}

/* Fields that say the same thing: a child with one of a group inherits
 * none of the others (a child with date takes no year from its parent;
 * an article whose journal a writer gave it from its parent's booktitle
 * takes that booktitle no second time). */
static const char *const groups[][5] = {
    {"date", "year", "month", "day", NULL},
    {"journal", "journaltitle", "booktitle", NULL},
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
      break;
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
 * crossref (inherit.c), all but the never-inherited ones for xdata.
 * BCV_ELIMIT when the child is full or the visits run out. */
static int inherit(reader *r, bt_entry *child, const bt_entry *parent, int crossref) {
  if ((r->visits += parent->n) > RESOLVE_MAX_VISITS)
    return BCV_ELIMIT;
  size_t own = child->n;
  char ct[64], pbuf[32], cbuf[32]; /* the child's text grows as fields are added: copy its type */
  snprintf(ct, sizeof ct, "%s", bt_entry_type(child, cbuf));
  const char *pt = bt_entry_type(parent, pbuf);
  for (size_t i = 0; i < parent->n; i++) {
    const bt_field *f = &parent->f[i];
    const char *name = BT_STR(parent, f->name), *val = BT_STR(parent, f->val);
    const char *to[BT_INHERIT_MAX] = {name};
    int n = crossref ? bt_inherit_targets(pt, ct, name, to) : !bt_inherit_never(name);
    for (int k = 0; k < n; k++) {
      int rc = add_if_absent(child, own, to[k], val, f->vlen, f);
      if (rc)
        return rc;
    }
  }
  return BCV_OK;
}

typedef struct resolve_ctx {
  bt_entry *out;
  int depth; /* 0: the entry being emitted; more: one of its parents */
  int rc;
  int xdata_missing; /* an @xdata entry the emitted one names was not found */
} resolve_ctx;

static int resolve_deps(reader *r, bt_entry *out, const bt_entry *e, int depth);

static int resolve_one(reader *r, const bt_entry *e, const char *field, const char *key,
                       size_t len, void *ud) {
  resolve_ctx *c = ud;
  const held *h = bt_map_get(&r->store, key, len);
  if (!h && c->depth)
    return 0; /* reported when that parent's own entry is converted */
  if (!h) {
    c->xdata_missing |= strcmp(field, "xdata") == 0;
    const bt_field *f = bt_entry_field(e, field);
    int n = (int)(len > 200 ? 200 : len);
    if (r->forced)
      bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, f ? f->line : e->line,
                      f ? f->col : e->col,
                      "entry '%s': %s entry '%.*s' has not come yet, and the entries held for "
                      "inheritance fill the reader's %u MiB; converted without it, nothing "
                      "inherited",
                      BT_STR(e, e->key), field, n, key, HOLD_MAX_BYTES >> 20);
    else
      bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, f ? f->line : e->line,
                      f ? f->col : e->col, "entry '%s': %s entry '%.*s' not found%s; nothing inherited",
                      BT_STR(e, e->key), field, n, key,
                      strcmp(field, "crossref") == 0
                          ? " (a parent is found when it comes after its children, as BibTeX "
                            "wants, or after another entry named it)"
                          : "");
    return 0;
  }
  const bt_entry *parent = &h->e;
  int crossref = strcmp(field, "crossref") == 0;
  if (c->depth + 1 < CHAIN_MAX && (bt_entry_has(parent, "crossref") || bt_entry_has(parent, "xdata"))) {
    /* a parent with parents of its own: what it inherits is passed on */
    bt_entry whole = {0};
    c->rc = (r->visits += parent->n) > RESOLVE_MAX_VISITS ? BCV_ELIMIT : bt_entry_copy(&whole, parent);
    if (!c->rc)
      c->rc = resolve_deps(r, &whole, parent, c->depth + 1);
    if (!c->rc)
      c->rc = inherit(r, c->out, &whole, crossref);
    bt_entry_free(&whole);
    return c->rc;
  }
  c->rc = inherit(r, c->out, parent, crossref);
  return c->rc;
}

/* Inherit into out (a copy of e) from e's parents, and theirs.  The
 * emitted entry's xdata field goes once every @xdata entry it names has
 * given its fields: an @xdata entry is no record, so the field would name
 * an entry no output has (biber: "I didn't find a database entry for
 * xdata entry"). */
static int resolve_deps(reader *r, bt_entry *out, const bt_entry *e, int depth) {
  resolve_ctx c = {out, depth, 0, 0};
  each_dep(r, e, resolve_one, &c);
  if (!c.rc && !depth && !c.xdata_missing)
    bt_entry_drop(out, "xdata");
  return c.rc;
}

static int emit(reader *r, const bt_entry *e, bcv_record **out) {
  const bt_entry *src = e;
  if (r->resolve && (bt_entry_has(e, "crossref") || bt_entry_has(e, "xdata"))) {
    if (bt_entry_copy(&r->merged, e))
      return BCV_ENOMEM;
    r->visits = 0;
    int rc = resolve_deps(r, &r->merged, e, 0);
    if (rc == BCV_ELIMIT)
      bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, e->line, e->col,
                      r->visits > RESOLVE_MAX_VISITS
                          ? "entry '%s': its parents and theirs hold more than %zu fields in all; "
                            "the rest is not inherited"
                          : "entry '%s': more than %zu fields with what it inherits; the rest is "
                            "not inherited",
                      BT_STR(e, e->key),
                      r->visits > RESOLVE_MAX_VISITS ? RESOLVE_MAX_VISITS : (size_t)BT_MAX_FIELDS);
    else if (rc)
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

/* A compact heap copy of e, or NULL when out of memory. */
static held *hold(const bt_entry *e) {
  held *h = calloc(1, sizeof *h);
  if (h && (bt_entry_copy(&h->e, e) || bt_entry_shrink(&h->e))) {
    free_held(h);
    return NULL;
  }
  if (h)
    h->bytes = sizeof *h + 16 + bt_entry_bytes(&h->e);
  return h;
}

static int push(reader *r, const bt_entry *e, int dk, size_t doff) {
  if (r->qlen == r->qcap) {
    size_t nc = r->qcap ? r->qcap * 2 : 16;
    held **nq = malloc(nc * sizeof *nq);
    if (!nq)
      return BCV_ENOMEM;
    for (size_t i = 0; i < r->qlen; i++)
      nq[i] = r->q[(r->qhead + i) % r->qcap];
    free(r->q);
    r->q = nq;
    r->qcap = nc;
    r->qhead = 0;
  }
  held *h = hold(e);
  if (!h)
    return BCV_ENOMEM;
  h->dk = dk;
  h->doff = doff;
  r->q[(r->qhead + r->qlen) % r->qcap] = h;
  r->qlen++;
  r->queued += h->bytes + sizeof h;
  return BCV_OK;
}

static held *pop(reader *r) {
  held *h = r->q[r->qhead];
  r->qhead = (r->qhead + 1) % r->qcap;
  r->qlen--;
  r->queued -= h->bytes + sizeof h;
  return h;
}

/* Keep e as a parent, when there is room (parents come before waiting
 * entries: a parent kept lets those waiting for it go). */
static int store(reader *r, const bt_entry *e) {
  held *h = hold(e);
  if (!h)
    return BCV_ENOMEM;
  held *old = bt_map_get(&r->store, BT_STR(e, e->key), e->klen);
  size_t key_bytes = old ? 0 : MAP_KEY_BYTES(e->klen);
  if (r->stored + r->wanted_bytes + h->bytes + key_bytes - (old ? old->bytes : 0) > HOLD_MAX_BYTES) {
    bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, e->line, e->col,
                    "entry '%s': not kept as a parent: the reader already holds %u MiB of "
                    "parents; what names it inherits nothing from it",
                    BT_STR(e, e->key), HOLD_MAX_BYTES >> 20);
    free_held(h);
    return BCV_OK;
  }
  void *prev;
  if (bt_map_put(&r->store, BT_STR(e, e->key), e->klen, h, &prev)) {
    free_held(h);
    return BCV_ENOMEM;
  }
  r->stored += h->bytes + key_bytes - (old ? old->bytes : 0);
  free_held(prev);
  return BCV_OK;
}

static int r_next(void *state, bcv_record **out) {
  reader *r = state;
  *out = NULL;
  for (;;) {
    if (r->qlen) {
      held *head = r->q[r->qhead];
      int full = r->stored + r->queued + r->wanted_bytes > HOLD_MAX_BYTES;
      if (r->eof || full || !missing(r, head, 0)) {
        head = pop(r);
        r->forced = full && !r->eof;
        int rc = emit(r, &head->e, out);
        r->forced = 0;
        free_held(head);
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
    /* the new entry's own check, from its first key; pushed, it goes on
     * from where this one stopped */
    held probe = {.e = *e};
    if (r->qlen || missing(r, &probe, 0)) {
      if ((rc = push(r, e, probe.dk, probe.doff)))
        return rc;
      continue;
    }
    return emit(r, e, out);
  }
}

static const bcv_option_desc reader_options[] = {
    {"crossref", "resolve (default): fill fields from crossref/xdata parents; keep: only keep the link"},
    {"bibstrings", "LANG: localisation keys (pubstate = {inpress}) in LANG (german, de, ...) for every "
                   "entry, as a document's language; default: each entry's own (langid)"},
    {NULL, NULL},
};

/* The two read the same syntax and fields; they differ in the literal
 * lists, which only biblatex splits at "and" (as pandoc's -f bibtex and
 * -f biblatex do). */
const bcv_reader_ops bt_bibtex_reader = {r_open_bibtex, r_next, r_close, reader_options};
const bcv_reader_ops bt_biblatex_reader = {r_open_biblatex, r_next, r_close, reader_options};
