/* SPDX-License-Identifier: MIT */
/* dedupe.c: the core's --dedupe filter: a later record that is the same
 * work as an earlier one is dropped, and said so with both positions.
 *
 * A record's work key is its DOI (case-folded, a doi.org link or "doi:"
 * prefix taken off), else its PMID, else its title (NFKC, case-folded,
 * CSL markup and everything but letters and digits removed) with the year
 * issued and the first author's family name, normalised the same way.
 * One key a record, kept in a bcv_idset as a hash and a position (never
 * the record), so memory is that set's per name: two records are the same
 * work when their keys are equal.  A record with a DOI and the same work
 * without one are therefore both kept: a miss, never a wrong merge. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include "internal.h"
#include "bibconv/bibconv.h"

typedef struct dedupe {
  bcv_idset *seen;
  const UNormalizer2 *nfkc_cf;
  UChar *u;        /* the text as UTF-16, then normalised */
  int32_t u_cap;
  UChar *n;
  int32_t n_cap;
  char *plain;     /* the text without its markup */
  size_t plain_cap;
  char *key;       /* the key being built */
  size_t key_len, key_cap;
} dedupe;

/* Only the first 64 KiB of a title count: past that two titles are the
 * same work's or nobody's, and the work stays linear. */
#define KEY_TEXT_MAX (64 * 1024)

/* The kinds of key, its first byte, so a DOI never equals a title. */
enum { KEY_DOI = 'D', KEY_PMID = 'P', KEY_TITLE = 'T' };
static const char *const why[] = {"same DOI", "same PMID", "same title, year and first author"};

static int key_room(dedupe *d, size_t more) {
  if (d->key_len + more <= d->key_cap)
    return 1;
  size_t cap = d->key_cap ? d->key_cap : 256;
  while (cap < d->key_len + more)
    cap *= 2;
  char *k = realloc(d->key, cap);
  if (!k)
    return 0;
  d->key = k;
  d->key_cap = cap;
  return 1;
}

static int key_put(dedupe *d, const char *s, size_t n) {
  if (!key_room(d, n))
    return 0;
  memcpy(d->key + d->key_len, s, n);
  d->key_len += n;
  return 1;
}

static int grow_u(UChar **b, int32_t *cap, int32_t need) {
  if (need <= *cap)
    return 1;
  int32_t c = *cap ? *cap : 256;
  while (c < need) {
    if (c > INT32_MAX / 2)
      return 0;
    c *= 2;
  }
  UChar *nb = realloc(*b, (size_t)c * sizeof *nb);
  if (!nb)
    return 0;
  *b = nb;
  *cap = c;
  return 1;
}

/* Append s (UTF-8, n bytes) to the key as NFKC case-folded letters and
 * digits only, CSL markup left out; with last_word, only its last word
 * (letters and digits between others).  0 when out of memory. */
static int key_put_folded(dedupe *d, const char *s, size_t n, int last_word) {
  if (n > KEY_TEXT_MAX)
    n = KEY_TEXT_MAX;
  if (n > d->plain_cap) {
    char *pb = realloc(d->plain, n);
    if (!pb)
      return 0;
    d->plain = pb;
    d->plain_cap = n;
  }
  n = bcv_markup_strip(s, n, d->plain);
  UErrorCode st = U_ZERO_ERROR;
  int32_t ulen = 0;
  if (!grow_u(&d->u, &d->u_cap, (int32_t)n + 1))
    return 0;
  u_strFromUTF8Lenient(d->u, d->u_cap, &ulen, d->plain, (int32_t)n, &st);
  if (U_FAILURE(st))
    return 0;
  int32_t nlen = 0;
  for (int tries = 0; tries < 2; tries++) {
    st = U_ZERO_ERROR;
    nlen = unorm2_normalize(d->nfkc_cf, d->u, ulen, d->n, d->n_cap, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR && grow_u(&d->n, &d->n_cap, nlen + 1))
      continue;
    break;
  }
  if (U_FAILURE(st))
    return 0;
  if (!key_room(d, (size_t)nlen * 3))
    return 0;
  size_t begin = d->key_len;
  int between = 0;
  for (int32_t i = 0; i < nlen;) {
    UChar32 c;
    U16_NEXT(d->n, i, nlen, c);
    if (!u_isalnum(c)) {
      between = 1;
      continue;
    }
    if (between && last_word)
      d->key_len = begin;
    between = 0;
    size_t at = d->key_len;
    U8_APPEND_UNSAFE(d->key, at, c);
    d->key_len = at;
  }
  return 1;
}

/* The DOI without a resolver's prefix, or NULL. */
static const char *doi_of(const char *s, size_t *len) {
  const char *d = bcv_doi_strip(s, strlen(s), len);
  return *len ? d : NULL;
}

/* The record's work key into d->key; its kind (0 when it has none). */
static int work_key(dedupe *d, const bcv_record *r) {
  d->key_len = 0;
  size_t n;
  const char *doi = bcv_record_text(r, BCV_VAR_DOI, NULL);
  if (doi && (doi = doi_of(doi, &n))) {
    if (!key_put(d, "D", 1) || !key_room(d, n))
      return -1;
    for (size_t i = 0; i < n; i++) /* DOIs are case-insensitive (ASCII) */
      d->key[d->key_len++] = (char)((doi[i] >= 'A' && doi[i] <= 'Z') ? doi[i] + 32 : doi[i]);
    return KEY_DOI;
  }
  const char *pmid = bcv_record_text(r, BCV_VAR_PMID, NULL);
  if (pmid) {
    while (*pmid == ' ')
      pmid++;
    n = strlen(pmid);
    while (n && pmid[n - 1] == ' ')
      n--;
    if (n) {
      if (!key_put(d, "P", 1) || !key_put(d, pmid, n))
        return -1;
      return KEY_PMID;
    }
  }
  const char *title = bcv_record_text(r, BCV_VAR_TITLE, NULL);
  if (!title)
    return 0;
  if (!key_put(d, "T", 1) || !key_put_folded(d, title, strlen(title), 0))
    return -1;
  if (d->key_len == 1)
    return 0; /* a title of punctuation only says nothing */
  char year[24] = "";
  const bcv_field *issued = bcv_record_field(r, BCV_VAR_ISSUED);
  if (issued && issued->date && issued->date->from.parts)
    snprintf(year, sizeof year, "%d", issued->date->from.year);
  if (!key_put(d, "\x1f", 1) || !key_put(d, year, strlen(year)) || !key_put(d, "\x1f", 1))
    return -1;
  /* the last word of the first author's family name: exports disagree
   * on where particles go ("van den Hoven" as the family, or "Hoven" with
   * "van den" in the given name or a particle) */
  const bcv_field *au = bcv_record_field(r, BCV_VAR_AUTHOR);
  const bcv_name *a = au ? au->names : NULL;
  const char *family = a ? (a->family ? a->family : a->literal) : NULL;
  if (family && !key_put_folded(d, family, strlen(family), 1))
    return -1;
  return KEY_TITLE;
}

static int dd_begin(void *state) {
  dedupe *d = state;
  bcv_idset_free(&d->seen);
  d->seen = bcv_idset_new();
  return d->seen ? BCV_OK : BCV_ENOMEM;
}

static int dd_record(void *state, bcv_pipeline *p, bcv_record *r) {
  dedupe *d = state;
  int kind = work_key(d, r);
  if (kind <= 0)
    return kind < 0 ? BCV_ENOMEM : BCV_OK;
  unsigned input = (unsigned)bcv_pipeline_input(p);
  long first_line = 0;
  unsigned first_input = 0;
  long rep = bcv_idset_add(d->seen, d->key, d->key_len, bcv_record_line(r), input, &first_line,
                           &first_input);
  if (rep < 0)
    return BCV_ENOMEM;
  if (rep == 0)
    return BCV_OK;
  const char *reason = why[kind == KEY_DOI ? 0 : kind == KEY_PMID ? 1 : 2];
  const char *name = first_input < 255 ? bcv_pipeline_input_name(p, first_input) : NULL;
  bcv_diag *diag = bcv_pipeline_diag(p);
  if (name && first_line)
    bcv_diag_report(diag, BCV_SEV_NOTE, NULL, bcv_record_line(r), 0,
                    "duplicate of %s:%ld (%s); dropped", name, first_line, reason);
  else if (name)
    bcv_diag_report(diag, BCV_SEV_NOTE, NULL, bcv_record_line(r), 0,
                    "duplicate of a record of %s (%s); dropped", name, reason);
  else
    bcv_diag_report(diag, BCV_SEV_NOTE, NULL, bcv_record_line(r), 0,
                    "duplicate of an earlier record (%s); dropped", reason);
  return BCV_DROP;
}

static void dd_free(void *state) {
  dedupe *d = state;
  bcv_idset_free(&d->seen);
  free(d->u);
  free(d->n);
  free(d->plain);
  free(d->key);
  free(d);
}

static const bcv_filter_ops dedupe_ops = {dd_begin, dd_record, dd_free};

int bcv_pipeline_add_dedupe(bcv_pipeline *p) {
  dedupe *d = calloc(1, sizeof *d);
  if (!d)
    return BCV_ENOMEM;
  UErrorCode st = U_ZERO_ERROR;
  d->nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
  if (U_FAILURE(st)) {
    free(d);
    return BCV_EINVAL;
  }
  return bcv_pipeline_add_filter(p, &dedupe_ops, d);
}
