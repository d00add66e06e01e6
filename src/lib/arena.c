/* SPDX-License-Identifier: MIT */
/* arena.c: bump allocation for records; one free releases everything. */
#include <stdlib.h>
#include <stdint.h>
#include "internal.h"

struct bcv__arena_block {
  bcv__arena_block *next;
  max_align_t data[];
};

/* Most records fit in the first block; growing geometrically keeps the
 * number of mallocs per record at one or two. */
#define FIRST_BLOCK 4096u

void *bcv__arena_alloc(bcv__arena *a, size_t size) {
  size_t align = _Alignof(max_align_t);
  size = (size + align - 1) & ~(align - 1);
  if (size == 0)
    size = align;
  if (size > a->left) {
    size_t want = a->head ? (size_t)(a->cur - (char *)a->head) * 2 : FIRST_BLOCK;
    if (want < size + sizeof(bcv__arena_block))
      want = size + sizeof(bcv__arena_block);
    if (want > SIZE_MAX / 2)
      return NULL;
    bcv__arena_block *b = malloc(want);
    if (!b)
      return NULL;
    b->next = a->head;
    a->head = b;
    a->cur = (char *)b->data;
    a->left = want - offsetof(bcv__arena_block, data);
  }
  void *p = a->cur;
  a->cur += size;
  a->left -= size;
  return p;
}

void bcv__arena_free(bcv__arena *a) {
  bcv__arena_block *b = a->head;
  while (b) {
    bcv__arena_block *n = b->next;
    free(b);
    b = n;
  }
  a->head = NULL;
  a->cur = NULL;
  a->left = 0;
}
