/* SPDX-License-Identifier: MIT */
/* diag.c: diagnostics context: a sink callback and counts per severity. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bibconv/diag.h"
#include "bibconv/record.h"

struct bcv_diag {
  bcv_diag_fn fn;
  void *ud;
  char *source;
  size_t counts[3];
  size_t dropped;
  bcv_severity dropped_sev;
};

static const char *const sev_names[] = {"error", "warning", "note"};

void bcv_diag_print(bcv_severity sev, const char *source, long line, long column,
                    const char *msg) {
  if (source && line && column)
    fprintf(stderr, "%s:%ld:%ld: %s: %s\n", source, line, column, sev_names[sev], msg);
  else if (source && line)
    fprintf(stderr, "%s:%ld: %s: %s\n", source, line, sev_names[sev], msg);
  else if (source)
    fprintf(stderr, "%s: %s: %s\n", source, sev_names[sev], msg);
  else
    fprintf(stderr, "bibconv: %s: %s\n", sev_names[sev], msg);
}

static void print_gnu(void *ud, bcv_severity sev, const char *source, long line,
                      long column, const char *msg) {
  (void)ud;
  bcv_diag_print(sev, source, line, column, msg);
}

bcv_diag *bcv_diag_new(bcv_diag_fn fn, void *ud) {
  bcv_diag *d = calloc(1, sizeof *d);
  if (!d)
    return NULL;
  d->fn = fn ? fn : print_gnu;
  d->ud = ud;
  d->dropped_sev = BCV_SEV_NOTE;
  return d;
}

void bcv_diag_free(bcv_diag **d) {
  if (!d || !*d)
    return;
  free((*d)->source);
  free(*d);
  *d = NULL;
}

void bcv_diag_set_source(bcv_diag *d, const char *source) {
  free(d->source);
  d->source = source ? strdup(source) : NULL;
}

const char *bcv_diag_source(const bcv_diag *d) { return d->source; }

void bcv_diag_report(bcv_diag *d, bcv_severity sev, const char *source, long line,
                     long column, const char *fmt, ...) {
  if (!d || (unsigned)sev > BCV_SEV_NOTE)
    return;
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  d->counts[sev]++;
  d->fn(d->ud, sev, source ? source : d->source, line, column, msg);
}

void bcv_diag_langs_dropped(bcv_diag *d, const bcv_record *r, const char *format,
                            const char *what) {
  char buf[200];
  snprintf(buf, sizeof buf, "%s in more than %d languages (the rest)", what, BCV_MAX_LANGS);
  bcv_diag_dropped(d, r, format, buf);
}

void bcv_diag_dropped(bcv_diag *d, const bcv_record *r, const char *format,
                      const char *what) {
  const char *id = bcv_record_id(r);
  if (d)
    d->dropped++;
  bcv_diag_report(d, d ? d->dropped_sev : BCV_SEV_NOTE, NULL, bcv_record_line(r),
                  bcv_record_column(r), "%s%s%s%s has no room for %s; dropped", id ? "record '" : "",
                  id ? id : "", id ? "': " : "", format, what);
}

size_t bcv_diag_count(const bcv_diag *d, bcv_severity sev) {
  return d && (unsigned)sev <= BCV_SEV_NOTE ? d->counts[sev] : 0;
}

size_t bcv_diag_count_dropped(const bcv_diag *d) { return d ? d->dropped : 0; }

void bcv_diag_set_dropped_severity(bcv_diag *d, bcv_severity sev) {
  if (d && (unsigned)sev <= BCV_SEV_NOTE)
    d->dropped_sev = sev;
}
