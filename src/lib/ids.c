/* SPDX-License-Identifier: MIT */
/* ids.c: sets of names (record ids, citation keys, XML ids) that must not
 * repeat, for the driver and the writers alike.
 *
 * The names themselves are not kept (a run may have millions): each slot
 * is a 64-bit hash, plus the first position when the set records one.  A
 * slot is 8 bytes (12 with positions), in open addressing tables kept
 * between 3/4 and 9/10 full, so a name costs at most 16 bytes (11 without
 * positions) for the whole run.  A table grows by a fifth, not by
 * doubling, to stay that full; its size is then no power of two, and a
 * hash is mapped onto it by multiplication.  The set is 64 such tables,
 * chosen by the hash's top bits, so that growing one copies a 64th of the
 * set: the old and the new table side by side would otherwise double the
 * memory for a moment.  The 64 fill evenly, so tables of one size would
 * all grow at about the same count and the set would swing between 3/4
 * and 9/10 full with the count (16 bytes a name with positions just
 * after); their first sizes are spread over one step of growth, so that
 * at any count some are just grown and some about to, and the set is on
 * average 0.82 full (14.6 bytes a name, 9.7 without positions).
 *
 * A table of a page or more is mapped from the kernel and unmapped when
 * it grows: malloc would put the tables in its heap, and the freed
 * smaller tables, each in the middle of it, would stay resident (a
 * million names took 18 bytes each instead of 15).
 *
 * Two different names with one hash are taken for the same: the second
 * is a "repeat" and gets renamed, never written twice and never dropped.
 * For n names the chance of any such pair is about n^2 / 2^65 (3 in a
 * million runs of ten million).  The hash is seeded per set, so that
 * nobody can prepare names that all fall into one stretch of a table
 * (that would make every lookup walk it: a quadratic run). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include "bibconv/record.h"

#define PARTS 64

typedef struct part {
  uint64_t *hash; /* 0: empty */
  uint32_t *pos;  /* first position: line (24 bits) | input (8 bits); NULL
                     until a position is recorded */
  size_t cap, n;
} part;

struct bcv_idset {
  part part[PARTS];
  uint64_t seed;
  unsigned flags;
};

#define LINE_MAX_KEPT 0xFFFFFFu

/* FNV-1a from a seeded basis, then a finaliser (FNV alone leaves near
 * names in near slots); ASCII letters folded with BCV_IDSET_NOCASE. */
static uint64_t hash(const bcv_idset *s, const char *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325u ^ s->seed;
  int fold = (s->flags & BCV_IDSET_NOCASE) != 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (fold && c >= 'A' && c <= 'Z')
      c += 32;
    h = (h ^ c) * 0x100000001b3u;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdu;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53u;
  h ^= h >> 33;
  return h ? h : 1;
}

/* The table of h: its top 6 bits. */
static part *part_of(const bcv_idset *s, uint64_t h) { return (part *)&s->part[h >> 58]; }

/* The slot of h in t: where it is, or the empty one where it would go.
 * The 32 bits below the table's, scaled to its size, give the first. */
static size_t slot(const part *t, uint64_t h) {
  size_t i = (size_t)((((h >> 26) & 0xFFFFFFFFu) * (uint64_t)t->cap) >> 32);
  while (t->hash[i] && t->hash[i] != h)
    i = i + 1 < t->cap ? i + 1 : 0;
  return i;
}

#define MAPPED 4096 /* bytes from which a table is mapped */

/* A zeroed table of n slots of size bytes each; NULL when out of memory. */
static void *table_new(size_t n, size_t size) {
  if (n * size < MAPPED)
    return calloc(n, size);
#ifdef MAP_ANONYMOUS
  void *p = mmap(NULL, n * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return p == MAP_FAILED ? NULL : p;
#else
  return calloc(n, size);
#endif
}

static void table_free(void *p, size_t n, size_t size) {
#ifdef MAP_ANONYMOUS
  if (p && n * size >= MAPPED) {
    munmap(p, n * size);
    return;
  }
#endif
  free(p);
}

/* Table k's first size: 64 to 76 slots, one step of growth (a fifth)
 * spread over the 64 tables. */
static size_t first_cap(size_t k) { return 64 + k / 5; }

static int grow(bcv_idset *s, part *t) {
  size_t cap = t->cap ? t->cap + t->cap / 5 : first_cap((size_t)(t - s->part));
  if (cap > UINT32_MAX)
    return -1;
  part nt = {table_new(cap, sizeof *nt.hash), t->pos ? table_new(cap, sizeof *nt.pos) : NULL, cap,
             t->n};
  if (!nt.hash || (t->pos && !nt.pos)) {
    table_free(nt.hash, cap, sizeof *nt.hash);
    table_free(nt.pos, cap, sizeof *nt.pos);
    return -1;
  }
  for (size_t i = 0; i < t->cap; i++) {
    if (!t->hash[i])
      continue;
    size_t j = slot(&nt, t->hash[i]);
    nt.hash[j] = t->hash[i];
    if (nt.pos)
      nt.pos[j] = t->pos[i];
  }
  table_free(t->hash, t->cap, sizeof *t->hash);
  table_free(t->pos, t->cap, sizeof *t->pos);
  *t = nt;
  return 0;
}

bcv_idset *bcv_idset_new_flags(unsigned flags) {
  bcv_idset *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->flags = flags;
  if (getentropy(&s->seed, sizeof s->seed) != 0) /* no entropy: still a seed */
    s->seed = (uint64_t)time(NULL) * 0x9e3779b97f4a7c15u ^ (uint64_t)(uintptr_t)s;
  return s;
}

bcv_idset *bcv_idset_new(void) { return bcv_idset_new_flags(0); }

void bcv_idset_free(bcv_idset **sp) {
  if (!sp || !*sp)
    return;
  for (size_t k = 0; k < PARTS; k++) {
    part *t = &(*sp)->part[k];
    table_free(t->hash, t->cap, sizeof *t->hash);
    table_free(t->pos, t->cap, sizeof *t->pos);
  }
  free(*sp);
  *sp = NULL;
}

int bcv_idset_has(const bcv_idset *s, const char *id, size_t len) {
  uint64_t h = hash(s, id, len);
  const part *t = part_of(s, h);
  return t->cap && t->hash[slot(t, h)] != 0;
}

/* Put h in; 1 when it was there already (*t and *i its place either
 * way), 0 when new, -1 when out of memory. */
static int insert(bcv_idset *s, uint64_t h, uint32_t where, part **tp, size_t *i) {
  part *t = *tp = part_of(s, h);
  if ((t->n + 1) * 10 > t->cap * 9 && grow(s, t))
    return -1;
  if (where && !t->pos && !(t->pos = table_new(t->cap, sizeof *t->pos)))
    return -1;
  *i = slot(t, h);
  if (t->hash[*i])
    return 1;
  t->hash[*i] = h;
  if (t->pos)
    t->pos[*i] = where;
  t->n++;
  return 0;
}

long bcv_idset_add(bcv_idset *s, const char *id, size_t len, long line, unsigned input,
                   long *first_line, unsigned *first_input) {
  uint32_t where = (line > 0 && line < (long)LINE_MAX_KEPT ? (uint32_t)line : 0) |
                   (uint32_t)(input < 255 ? input : 255) << 24;
  part *t;
  size_t i;
  int rc = insert(s, hash(s, id, len), where, &t, &i);
  if (rc == 1) {
    uint32_t v = t->pos ? t->pos[i] : 0;
    if (first_line)
      *first_line = (long)(v & LINE_MAX_KEPT);
    if (first_input)
      *first_input = v >> 24;
  }
  return rc;
}

/* Whether name + suffix(i) is in the set (the suffix written at
 * name[len]). */
static int taken(const bcv_idset *s, char *name, size_t len, bcv_idset_suffix suffix,
                 unsigned long i) {
  return bcv_idset_has(s, name, len + suffix(i, name + len));
}

long bcv_idset_add_unique(bcv_idset *s, char *name, size_t len, bcv_idset_suffix suffix,
                          long line, unsigned input) {
  if (!bcv_idset_has(s, name, len))
    return bcv_idset_add(s, name, len, line, input, NULL, NULL) < 0 ? -1 : (long)len;
  /* The suffixes taken are, but for rare names that came on their own, the
   * first ones: gallop (0, 1, 3, 7...) to a free one, then halve back to
   * the first free one after the last taken.  A name taken 40,000 times
   * costs 30 probes, not 40,000 (a quadratic run). */
  unsigned long lo = 0, hi = 0;
  while (taken(s, name, len, suffix, hi)) {
    lo = hi + 1;
    hi = 2 * hi + 1;
  }
  while (lo < hi) { /* lo..hi-1 unknown, hi free */
    unsigned long mid = lo + (hi - lo) / 2;
    if (taken(s, name, len, suffix, mid))
      lo = mid + 1;
    else
      hi = mid;
  }
  size_t total = len + suffix(hi, name + len);
  return bcv_idset_add(s, name, total, line, input, NULL, NULL) < 0 ? -1 : (long)total;
}
