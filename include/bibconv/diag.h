/* SPDX-License-Identifier: MIT */
/* diag.h: diagnostics about the input and about lossy output.
 *
 * Readers report each problem with its position; the host prints it GNU
 * style, "FILE:LINE:COL: error: message", and counts it.  Writers report
 * what the target format cannot carry as notes (shown with -v), so that no
 * conversion loses data silently. */
#ifndef BIBCONV_DIAG_H
#define BIBCONV_DIAG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum bcv_severity {
  BCV_SEV_ERROR,   /* a record (or part of the input) was rejected */
  BCV_SEV_WARNING, /* converted, but something looked wrong or was guessed */
  BCV_SEV_NOTE     /* information: a field a writer dropped, a decision taken */
} bcv_severity;

/* The sink: called once per diagnostic.  source may be NULL; line and
 * column are 0 when unknown.  msg is borrowed for the call only. */
typedef void (*bcv_diag_fn)(void *ud, bcv_severity sev, const char *source,
                            long line, long column, const char *msg);

typedef struct bcv_diag bcv_diag;

/* A new diagnostics context sending to fn (NULL: print to stderr in GNU
 * style).  Owned by the caller: bcv_diag_free(&d). */
bcv_diag *bcv_diag_new(bcv_diag_fn fn, void *ud);
void bcv_diag_free(bcv_diag **d);

/* The source name used when a report gives none (the driver sets it to the
 * file being read).  Copied. */
void bcv_diag_set_source(bcv_diag *d, const char *source);
const char *bcv_diag_source(const bcv_diag *d);

/* Report a diagnostic; source NULL means the current source. */
void bcv_diag_report(bcv_diag *d, bcv_severity sev, const char *source,
                     long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Convenience for writers: a note that `format` has no room for `what` of
 * the record (reported at the record's position in its input). */
struct bcv_record;
void bcv_diag_dropped(bcv_diag *d, const struct bcv_record *r,
                      const char *format, const char *what);
/* The same for the languages of `what` (a variable) past BCV_MAX_LANGS. */
void bcv_diag_langs_dropped(bcv_diag *d, const struct bcv_record *r,
                            const char *format, const char *what);

/* Print one diagnostic to stderr, GNU style: "SOURCE:LINE:COL: error:
 * message" (parts that are unknown are left out).  The default sink. */
void bcv_diag_print(bcv_severity sev, const char *source, long line, long column,
                    const char *msg);

/* How many diagnostics of a severity were reported so far. */
size_t bcv_diag_count(const bcv_diag *d, bcv_severity sev);
/* How many times bcv_diag_dropped (or _langs_dropped) was called. */
size_t bcv_diag_count_dropped(const bcv_diag *d);
/* The severity bcv_diag_dropped reports with: BCV_SEV_NOTE (the default),
 * or BCV_SEV_ERROR when a lossy conversion must fail (--strict). */
void bcv_diag_set_dropped_severity(bcv_diag *d, bcv_severity sev);

#ifdef __cplusplus
}
#endif
#endif
