/* SPDX-License-Identifier: MIT */
/* util.c: the module's byte buffer, raw entries and a small hash map. */
#include <stdlib.h>
#include <string.h>
#include "bibtex.h"
#include "util.h"

int bt_buf_reserve(bt_buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap)
    return BCV_OK;
  size_t nc = b->cap ? b->cap : 256;
  while (nc < b->len + extra + 1) {
    if (nc > ((size_t)-1) / 2)
      return BCV_ENOMEM;
    nc *= 2;
  }
  char *np = realloc(b->p, nc);
  if (!np)
    return BCV_ENOMEM;
  b->p = np;
  b->cap = nc;
  return BCV_OK;
}

int bt_buf_put(bt_buf *b, const void *s, size_t n) {
  if (bt_buf_reserve(b, n))
    return BCV_ENOMEM;
  if (n)
    memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
  return BCV_OK;
}

int bt_buf_puts(bt_buf *b, const char *s) { return bt_buf_put(b, s, strlen(s)); }

int bt_buf_putc(bt_buf *b, char c) {
  if (b->len + 2 > b->cap && bt_buf_reserve(b, 1))
    return BCV_ENOMEM;
  b->p[b->len++] = c;
  b->p[b->len] = '\0';
  return BCV_OK;
}

size_t bt_utf8_encode(unsigned cp, char out[4]) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

int bt_buf_utf8(bt_buf *b, unsigned cp) {
  char u[4];
  return bt_buf_put(b, u, bt_utf8_encode(cp, u));
}

void bt_buf_free(bt_buf *b) {
  free(b->p);
  memset(b, 0, sizeof *b);
}

size_t bt_utf8_next(const char *s, size_t n, unsigned *cp) {
  const unsigned char *u = (const unsigned char *)s;
  if (u[0] < 0x80 || n < 2) {
    *cp = u[0];
    return 1;
  }
  size_t len = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : 2;
  if (len > n)
    len = n;
  unsigned v = u[0] & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (size_t i = 1; i < len; i++)
    v = (v << 6) | (u[i] & 0x3F);
  *cp = v;
  return len;
}

/* ---- raw entries ---- */

/* FNV-1a: field names are short, and this is all they need. */
static size_t name_hash(const char *s, size_t n) {
  size_t h = 2166136261u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* The slot of name: the one holding it, or the empty one where it goes. */
static bt_ix_slot *ix_find(const bt_entry *e, const char *name, size_t nlen) {
  size_t mask = e->ixcap - 1;
  for (size_t i = name_hash(name, nlen) & mask;; i = (i + 1) & mask) {
    bt_ix_slot *s = &e->ix[i];
    if (s->gen != e->gen)
      return s;
    const bt_field *f = &e->f[s->first];
    if (f->nlen == nlen && memcmp(BT_STR(e, f->name), name, nlen) == 0)
      return s;
  }
}

static void ix_insert(bt_entry *e, size_t i) {
  bt_field *f = &e->f[i];
  bt_ix_slot *s = ix_find(e, BT_STR(e, f->name), f->nlen);
  f->same = 0;
  if (s->gen != e->gen) {
    s->gen = e->gen;
    s->first = s->last = (unsigned)i;
  } else {
    e->f[s->last].same = (unsigned)i + 1;
    s->last = (unsigned)i;
  }
}

/* Room for one more field at most half full (probes stay short). */
static int ix_reserve(bt_entry *e) {
  if (e->ix && (e->n + 1) * 2 <= e->ixcap)
    return BCV_OK;
  size_t cap = e->ixcap ? e->ixcap * 2 : 64;
  bt_ix_slot *ix = calloc(cap, sizeof *ix);
  if (!ix)
    return BCV_ENOMEM;
  free(e->ix);
  e->ix = ix;
  e->ixcap = cap;
  e->gen = 1;
  for (size_t i = 0; i < e->n; i++)
    ix_insert(e, i);
  return BCV_OK;
}

void bt_entry_reset(bt_entry *e) {
  e->text.len = 0;
  e->type = e->tlen = e->key = e->klen = 0;
  e->n = 0;
  e->line = e->col = 0;
  free(e->preamble);
  e->preamble = NULL;
  if (e->ix && ++e->gen == 0) { /* wrapped: every slot would look in use */
    memset(e->ix, 0, e->ixcap * sizeof *e->ix);
    e->gen = 1;
  }
}

void bt_entry_free(bt_entry *e) {
  bt_buf_free(&e->text);
  free(e->f);
  free(e->preamble);
  free(e->ix);
  memset(e, 0, sizeof *e);
}

const bt_field *bt_entry_fieldn(const bt_entry *e, const char *name, size_t nlen) {
  if (!e->n || !e->ix)
    return NULL;
  const bt_ix_slot *s = ix_find(e, name, nlen);
  return s->gen == e->gen ? &e->f[s->first] : NULL;
}

const bt_field *bt_entry_field(const bt_entry *e, const char *name) {
  return bt_entry_fieldn(e, name, strlen(name));
}

const bt_field *bt_entry_next_same(const bt_entry *e, const bt_field *f) {
  return f->same ? &e->f[f->same - 1] : NULL;
}

const char *bt_entry_get(const bt_entry *e, const char *name, size_t *len) {
  const bt_field *f = bt_entry_field(e, name);
  if (len)
    *len = f ? f->vlen : 0;
  return f ? BT_STR(e, f->val) : NULL;
}

int bt_entry_has(const bt_entry *e, const char *name) { return bt_entry_get(e, name, NULL) != NULL; }

int bt_entry_add(bt_entry *e, const char *name, size_t nlen, const char *val, size_t vlen,
                 long line, long col) {
  if (e->n >= BT_MAX_FIELDS)
    return BCV_ELIMIT;
  if (e->n == e->cap) {
    size_t nc = e->cap ? e->cap * 2 : 32;
    bt_field *nf = realloc(e->f, nc * sizeof *nf);
    if (!nf)
      return BCV_ENOMEM;
    e->f = nf;
    e->cap = nc;
  }
  if (ix_reserve(e))
    return BCV_ENOMEM;
  bt_field *f = &e->f[e->n];
  f->name = e->text.len;
  f->nlen = nlen;
  if (bt_buf_put(&e->text, name, nlen) || bt_buf_putc(&e->text, '\0'))
    return BCV_ENOMEM;
  f->val = e->text.len;
  f->vlen = vlen;
  if (bt_buf_put(&e->text, val, vlen) || bt_buf_putc(&e->text, '\0'))
    return BCV_ENOMEM;
  f->line = line;
  f->col = col;
  f->bare = 0;
  ix_insert(e, e->n);
  e->n++;
  return BCV_OK;
}

/* Set the type or key of an entry from a string. */
int bt_entry_set(bt_entry *e, size_t *off, size_t *len, const char *s, size_t n) {
  *off = e->text.len;
  *len = n;
  if (bt_buf_put(&e->text, s, n) || bt_buf_putc(&e->text, '\0'))
    return BCV_ENOMEM;
  return BCV_OK;
}

void bt_entry_drop(bt_entry *e, const char *name) {
  size_t nlen = strlen(name), k = 0;
  for (size_t i = 0; i < e->n; i++)
    if (e->f[i].nlen != nlen || memcmp(BT_STR(e, e->f[i].name), name, nlen) != 0)
      e->f[k++] = e->f[i];
  if (k == e->n)
    return;
  e->n = k;
  if (++e->gen == 0) { /* a new generation empties the index; wrapped, clear it */
    memset(e->ix, 0, e->ixcap * sizeof *e->ix);
    e->gen = 1;
  }
  for (size_t i = 0; i < e->n; i++)
    ix_insert(e, i);
}

int bt_entry_copy(bt_entry *dst, const bt_entry *src) {
  bt_entry_reset(dst);
  if (bt_buf_put(&dst->text, src->text.p ? src->text.p : "", src->text.len))
    return BCV_ENOMEM;
  if (src->n > dst->cap) {
    bt_field *nf = realloc(dst->f, src->n * sizeof *nf);
    if (!nf)
      return BCV_ENOMEM;
    dst->f = nf;
    dst->cap = src->n;
  }
  if (src->n)
    memcpy(dst->f, src->f, src->n * sizeof *src->f);
  dst->n = 0;
  for (size_t i = 0; i < src->n; i++) {
    if (ix_reserve(dst))
      return BCV_ENOMEM;
    ix_insert(dst, i);
    dst->n++;
  }
  dst->type = src->type;
  dst->tlen = src->tlen;
  dst->key = src->key;
  dst->klen = src->klen;
  dst->line = src->line;
  dst->col = src->col;
  if (src->preamble && !(dst->preamble = strdup(src->preamble)))
    return BCV_ENOMEM;
  return BCV_OK;
}

/* Lay an entry out in as little memory as it needs (an entry held for
 * inheritance): growth room given back, the name index as small as
 * lookups allow. */
int bt_entry_shrink(bt_entry *e) {
  char *t = realloc(e->text.p, e->text.len + 1);
  if (t) {
    e->text.p = t;
    e->text.cap = e->text.len + 1;
  }
  if (e->n && e->n < e->cap) {
    bt_field *f = realloc(e->f, e->n * sizeof *f);
    if (f) {
      e->f = f;
      e->cap = e->n;
    }
  }
  size_t cap = 8;
  while (cap < 2 * (e->n + 1))
    cap *= 2;
  if (cap >= e->ixcap)
    return BCV_OK;
  bt_ix_slot *ix = calloc(cap, sizeof *ix);
  if (!ix)
    return BCV_ENOMEM;
  free(e->ix);
  e->ix = ix;
  e->ixcap = cap;
  e->gen = 1;
  for (size_t i = 0; i < e->n; i++)
    ix_insert(e, i);
  return BCV_OK;
}

/* malloc's own cost of a block: its header and rounding */
#define BLOCK_OVERHEAD 16

size_t bt_entry_bytes(const bt_entry *e) {
  return e->text.cap + e->cap * sizeof *e->f + e->ixcap * sizeof *e->ix +
         (e->preamble ? strlen(e->preamble) + 1 + BLOCK_OVERHEAD : 0) + 3 * BLOCK_OVERHEAD;
}

/* ---- tables ---- */

const char *const bt_month_abbr[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
const char *const bt_month_name[12] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};

const void *bt_lookup(const void *table, size_t n, size_t size, const char *key, size_t klen) {
  const char *base = table;
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const unsigned char *name = *(const unsigned char *const *)(const void *)(base + mid * size);
    const unsigned char *k = (const unsigned char *)key;
    /* strncmp, inline: names are short, and a call per probe was a
     * tenth of reading a .bib */
    size_t i = 0;
    while (i < klen && name[i] && name[i] == k[i])
      i++;
    int c = i < klen ? (int)name[i] - (int)k[i] : name[klen] != '\0'; /* longer: after */
    if (c == 0)
      return base + mid * size;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

/* ---- a string map with case-insensitive ASCII keys ---- */

static size_t hash(const char *k, size_t n) {
  size_t h = 1469598103934665603u; /* FNV-1a */
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)k[i];
    if (c >= 'A' && c <= 'Z')
      c += 32;
    h = (h ^ c) * 1099511628211u;
  }
  return h;
}

static int key_eq(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
    if (x >= 'A' && x <= 'Z')
      x += 32;
    if (y >= 'A' && y <= 'Z')
      y += 32;
    if (x != y)
      return 0;
  }
  return 1;
}

static bt_slot *find(const bt_map *m, const char *k, size_t n) {
  if (!m->cap)
    return NULL;
  size_t i = hash(k, n) & (m->cap - 1);
  for (;;) {
    bt_slot *s = &m->s[i];
    if (!s->key || (s->klen == n && key_eq(s->key, k, n)))
      return s;
    i = (i + 1) & (m->cap - 1);
  }
}

void *bt_map_get(const bt_map *m, const char *k, size_t n) {
  bt_slot *s = find(m, k, n);
  return s && s->key ? s->val : NULL;
}

int bt_map_put(bt_map *m, const char *k, size_t n, void *val, void **old) {
  if (old)
    *old = NULL;
  if ((m->n + 1) * 2 > m->cap) {
    size_t nc = m->cap ? m->cap * 2 : 64;
    bt_slot *ns = calloc(nc, sizeof *ns);
    if (!ns)
      return BCV_ENOMEM;
    bt_map grown = {ns, 0, nc};
    for (size_t i = 0; i < m->cap; i++)
      if (m->s[i].key) {
        *find(&grown, m->s[i].key, m->s[i].klen) = m->s[i];
        grown.n++;
      }
    free(m->s);
    *m = grown;
  }
  bt_slot *s = find(m, k, n);
  if (s->key) {
    if (old)
      *old = s->val;
    s->val = val;
    return BCV_OK;
  }
  char *copy = malloc(n + 1);
  if (!copy)
    return BCV_ENOMEM;
  memcpy(copy, k, n);
  copy[n] = '\0';
  s->key = copy;
  s->klen = n;
  s->val = val;
  m->n++;
  return BCV_OK;
}

void bt_map_free(bt_map *m, void (*free_val)(void *)) {
  for (size_t i = 0; i < m->cap; i++)
    if (m->s[i].key) {
      free(m->s[i].key);
      if (free_val)
        free_val(m->s[i].val);
    }
  free(m->s);
  memset(m, 0, sizeof *m);
}
