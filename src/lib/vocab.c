/* SPDX-License-Identifier: MIT */
/* vocab.c: the CSL 1.0.2 vocabulary as tables, looked up by bisection. */
#include <string.h>
#include "bibconv/bibconv.h"

static const char *const type_names[] = {
#define BCV_X_(e, s) s,
    BCV_TYPE_LIST(BCV_X_)
#undef BCV_X_
};

static const struct {
  const char *name;
  bcv_kind kind;
} vars[] = {
#define BCV_X_(e, s, k) {s, BCV_KIND_##k},
    BCV_VAR_LIST(BCV_X_)
#undef BCV_X_
};

/* Both tables are in ASCII order of their names (a unit test checks it),
 * so a lookup is a bisection over at most 100 entries. */
static int cmp_name(const char *key, size_t len, const char *name) {
  size_t nl = strlen(name);
  int c = memcmp(key, name, len < nl ? len : nl);
  if (c != 0)
    return c;
  return len < nl ? -1 : len > nl;
}

const char *bcv_type_name(bcv_type t) {
  return (unsigned)t < BCV_TYPE_COUNT ? type_names[t] : NULL;
}

bcv_type bcv_type_from_name(const char *name, size_t len) {
  size_t lo = 0, hi = BCV_TYPE_COUNT;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = cmp_name(name, len, type_names[mid]);
    if (c == 0)
      return (bcv_type)mid;
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return BCV_TYPE_COUNT;
}

const char *bcv_var_name(bcv_var v) {
  return (unsigned)v < BCV_VAR_COUNT ? vars[v].name : NULL;
}

bcv_kind bcv_var_kind(bcv_var v) {
  return (unsigned)v < BCV_VAR_COUNT ? vars[v].kind : BCV_KIND_TEXT;
}

bcv_var bcv_var_from_name(const char *name, size_t len) {
  size_t lo = 0, hi = BCV_VAR_COUNT;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = cmp_name(name, len, vars[mid].name);
    if (c == 0)
      return (bcv_var)mid;
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return BCV_VAR_NONE;
}
