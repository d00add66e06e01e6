/* SPDX-License-Identifier: MIT */
/* gbt7714.h: the GB/T 7714-2015 reference-list writer's parts. */
#ifndef BIBCONV_GBT7714_H
#define BIBCONV_GBT7714_H

#include <stddef.h>
#include <bibconv/bibconv.h>

/* A growing byte buffer (p is NULL until something is written). */
typedef struct gb_buf {
  char *p;
  size_t len, cap;
} gb_buf;
int gb_put(gb_buf *b, const char *s, size_t n);
int gb_puts(gb_buf *b, const char *s);
int gb_putc(gb_buf *b, char c);
void gb_free(gb_buf *b);

/* How the part after the type code is built (the standard's clauses). */
typedef enum gb_shape {
  GB_SERIAL,    /* 8.4: an article: 刊名, 年, 卷(期): 页码 */
  GB_NEWSPAPER, /* 8.4: 报纸名, 日期(版次) */
  GB_BOOK,      /* 8.1: a whole work: 出版地: 出版者, 出版年: 页码 */
  GB_PART,      /* 8.2: a part of one: //专著责任者. 专著题名. 出版项 */
  GB_PATENT,    /* 8.5: 题名: 专利号[P]. 公告日期 */
  GB_ONLINE     /* 8.6: an electronic resource: (更新日期)[引用日期]. URL */
} gb_shape;

enum gb_flags {
  GB_NUMBER = 1u << 0,      /* the record's number goes in the title part (S, R, P) */
  GB_OL = 1u << 1,          /* always an online resource (EB/OL) */
  GB_NO_CODE = 1u << 2,     /* the standard has no code: Z, with a note */
  GB_IMPRINT = 1u << 3,     /* a missing place or publisher is written as unknown */
  GB_PART_IF_CONT = 1u << 4, /* a part when it has a container (a paper), else whole */
  GB_EVENT = 1u << 5         /* the conference (event-title, -place, -date) is written */
};

typedef struct gb_kind {
  const char *code; /* "J", "M", "EB" ... */
  gb_shape shape;
  unsigned flags;
} gb_kind;

/* The code and shape for a CSL type (map.c); never NULL. */
const gb_kind *gb_kind_of(bcv_type t);
/* The shape and flags of a code given by the record itself (the extra
 * gbt7714.code), or NULL when the code is not one of the standard's. */
const gb_kind *gb_kind_of_code(const char *code);

/* The carrier code (文献载体: "CD", "DK", "MT", "OL") a record's medium
 * names (map.c), or NULL when it names none of them ("print"). */
const char *gb_carrier_of(const char *medium);

extern const bcv_writer_ops gb_writer;

#endif
