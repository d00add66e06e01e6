/* SPDX-License-Identifier: MIT */
/* internal.h: helpers shared by libbibconv's files; never installed. */
#ifndef BCV_INTERNAL_H
#define BCV_INTERNAL_H

#include <stddef.h>
#include <stdarg.h>
#include "bibconv/bibconv.h"

/* An arena: strings and structs of one record, freed in one go. */
typedef struct bcv__arena_block bcv__arena_block;
typedef struct bcv__arena {
  bcv__arena_block *head;
  char *cur;
  size_t left;
} bcv__arena;

void *bcv__arena_alloc(bcv__arena *a, size_t size);
void bcv__arena_free(bcv__arena *a);

/* Decode one UTF-8 sequence at s (n bytes available).  Returns its length
 * (1-4) and the code point, or 0 when the bytes are not valid UTF-8. */
size_t bcv__utf8_decode(const unsigned char *s, size_t n, unsigned *cp);

#endif
