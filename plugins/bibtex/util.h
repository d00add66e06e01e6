/* SPDX-License-Identifier: MIT */
/* util.h: helpers of the bibtex module that are not about BibTeX. */
#ifndef BIBTEX_UTIL_H
#define BIBTEX_UTIL_H

#include <stddef.h>

typedef struct bt_slot {
  char *key;
  size_t klen;
  void *val;
} bt_slot;

/* Open addressing; keys are copied and compared ignoring ASCII case,
 * which is how BibTeX compares macro names and citation keys. */
typedef struct bt_map {
  bt_slot *s;
  size_t n, cap;
} bt_map;

void *bt_map_get(const bt_map *m, const char *k, size_t n);
/* Insert or replace; *old (when given) receives a replaced value. */
int bt_map_put(bt_map *m, const char *k, size_t n, void *val, void **old);
void bt_map_free(bt_map *m, void (*free_val)(void *));

#endif
