/* SPDX-License-Identifier: MIT */
/* ids.c: the record ids of a run, to find repeated ones.
 *
 * The ids themselves are not kept (a run may have millions of records):
 * each slot is a 64-bit hash and the first position, 12 bytes, in an open
 * addressing table kept between 3/8 and 3/4 full.  Two different ids
 * sharing a hash is taken as a repeat without checking; for n ids the
 * chance of any such pair is about n^2 / 2^65 (3 in a million for ten
 * million ids), and the cost of one is a warning and a renamed id. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "bibconv/record.h"

typedef struct table {
  uint64_t *hash; /* 0: empty */
  uint32_t *val;
  size_t cap, n;  /* cap a power of two */
} table;

struct bcv_idset {
  table seen;  /* id -> first position: line (24 bits) | input (8 bits) */
  table dups;  /* repeated id -> how many times it came so far */
};

/* FNV-1a, then a finaliser (FNV alone leaves near keys in near slots) */
static uint64_t hash(const char *s, size_t n) {
  uint64_t h = 0xcbf29ce484222325u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdu;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53u;
  h ^= h >> 33;
  return h ? h : 1;
}

/* The slot of h: where it is, or the empty one where it would go. */
static size_t slot(const table *t, uint64_t h) {
  size_t i = (size_t)h & (t->cap - 1);
  while (t->hash[i] && t->hash[i] != h)
    i = (i + 1) & (t->cap - 1);
  return i;
}

static int grow(table *t) {
  size_t cap = t->cap ? t->cap * 2 : 64;
  table nt = {calloc(cap, sizeof *nt.hash), calloc(cap, sizeof *nt.val), cap, t->n};
  if (!nt.hash || !nt.val) {
    free(nt.hash);
    free(nt.val);
    return -1;
  }
  for (size_t i = 0; i < t->cap; i++) {
    if (!t->hash[i])
      continue;
    size_t j = slot(&nt, t->hash[i]);
    nt.hash[j] = t->hash[i];
    nt.val[j] = t->val[i];
  }
  free(t->hash);
  free(t->val);
  *t = nt;
  return 0;
}

/* The value slot of h, inserted with val when new (*fresh set). */
static uint32_t *lookup(table *t, uint64_t h, uint32_t val, int *fresh) {
  if ((t->n + 1) * 4 > t->cap * 3 && grow(t))
    return NULL;
  size_t i = slot(t, h);
  *fresh = !t->hash[i];
  if (*fresh) {
    t->hash[i] = h;
    t->val[i] = val;
    t->n++;
  }
  return &t->val[i];
}

bcv_idset *bcv_idset_new(void) { return calloc(1, sizeof(bcv_idset)); }

void bcv_idset_free(bcv_idset **sp) {
  if (!sp || !*sp)
    return;
  free((*sp)->seen.hash);
  free((*sp)->seen.val);
  free((*sp)->dups.hash);
  free((*sp)->dups.val);
  free(*sp);
  *sp = NULL;
}

#define LINE_MAX_KEPT 0xFFFFFFu

long bcv_idset_add(bcv_idset *s, const char *id, size_t len, long line, unsigned input,
                   long *first_line, unsigned *first_input) {
  uint64_t h = hash(id, len);
  uint32_t where = (line > 0 && line < (long)LINE_MAX_KEPT ? (uint32_t)line : 0) |
                   (uint32_t)(input < 255 ? input : 255) << 24;
  int fresh;
  uint32_t *v = lookup(&s->seen, h, where, &fresh);
  if (!v)
    return -1;
  if (fresh)
    return 0;
  if (first_line)
    *first_line = (long)(*v & LINE_MAX_KEPT);
  if (first_input)
    *first_input = *v >> 24;
  uint32_t *k = lookup(&s->dups, h, 0, &fresh);
  if (!k)
    return -1;
  return (long)++*k;
}

int bcv_idset_has(const bcv_idset *s, const char *id, size_t len) {
  return s->seen.cap && s->seen.hash[slot(&s->seen, hash(id, len))] != 0;
}
