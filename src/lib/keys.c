/* SPDX-License-Identifier: MIT */
/* keys.c: the core's key filter (bibconv --keys).  A record without an
 * id, or with --keys=all every record, gets the core's citation key
 * (bcv_record_key: "shannon1948mathematical", "deng2021congzheng"), made
 * unique in the run by a, b ... z, aa ... as JabRef and Better BibTeX
 * do.  Keys then come from one place for every output format: RIS's ID
 * and EndNote's %F get them as BibTeX's and CSL-JSON's do, and a C
 * program converting with the pipeline gets the keys bibconv gives.
 * Without the filter the writers that need a key still make their own
 * for a record that has none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "bibconv/bibconv.h"

typedef struct keys {
  bcv_idset *taken; /* the run's keys, given and made (hashes) */
  int all;
  char key[BCV_KEY_SIZE + BCV_IDSET_SUFFIX_MAX];
} keys;

/* The i-th suffix: a ... z, aa ... zz, aaa ... (bijective base 26). */
static size_t letters(unsigned long i, char *out) {
  char t[BCV_IDSET_SUFFIX_MAX];
  size_t n = 0;
  do
    t[n++] = (char)('a' + i % 26);
  while ((i /= 26) > 0 && i-- > 0 && n < sizeof t - 1);
  for (size_t j = 0; j < n; j++)
    out[j] = t[n - 1 - j];
  out[n] = '\0';
  return n;
}

static int k_begin(void *state) {
  keys *k = state;
  bcv_idset_free(&k->taken);
  /* BibTeX's keys are caseless: Smith2020 and smith2020 are one */
  return (k->taken = bcv_idset_new_flags(BCV_IDSET_NOCASE)) ? BCV_OK : BCV_ENOMEM;
}

static int k_record(void *state, bcv_pipeline *p, bcv_record *r) {
  keys *k = state;
  const char *id = bcv_record_id(r);
  if (id && *id && !k->all) /* kept: a key made later must not take it */
    return bcv_idset_add(k->taken, id, strlen(id), 0, 0, NULL, NULL) < 0 ? BCV_ENOMEM : BCV_OK;
  size_t n = bcv_record_key(r, k->key, BCV_KEY_SIZE);
  if (!n)
    n = (size_t)snprintf(k->key, BCV_KEY_SIZE, "ref");
  long len = bcv_idset_add_unique(k->taken, k->key, n, letters, bcv_record_line(r),
                                  (unsigned)bcv_pipeline_input(p));
  return len < 0 ? BCV_ENOMEM : bcv_record_set_id(r, k->key, (size_t)len);
}

static void k_free(void *state) {
  keys *k = state;
  bcv_idset_free(&k->taken);
  free(k);
}

static const bcv_filter_ops keys_ops = {k_begin, k_record, k_free};

int bcv_pipeline_add_keys(bcv_pipeline *p, int all) {
  keys *k = calloc(1, sizeof *k);
  if (!k)
    return BCV_ENOMEM;
  k->all = all;
  return bcv_pipeline_add_filter(p, &keys_ops, k);
}
