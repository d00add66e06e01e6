/* SPDX-License-Identifier: MIT */
/* bibconv.h: umbrella header of libbibconv: status codes, errors, lifetime.
 *
 * Ownership rules, used by every header of this library:
 *  1. bcv_X_new()/bcv_X_open() return an owned object; bcv_X_free(&x) or
 *     bcv_X_close(&x) releases it, accepts NULL, and sets the pointer to NULL.
 *  2. A reader's next() transfers the new record to the caller; a writer's
 *     write() borrows it.  Records have exactly one owner.
 *  3. Getters return borrowed pointers, valid until the object is modified
 *     or freed.  Setters copy their string arguments.
 *  4. Memory the library allocates is released by the library.
 *  5. Every string is UTF-8 and NUL-terminated.
 *  6. Plugins never touch process-global state of shared libraries
 *     (libxml2's parser cleanup and handlers, libltdl's init/exit); the
 *     host does that once.
 */
#ifndef BIBCONV_BIBCONV_H
#define BIBCONV_BIBCONV_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BCV_VERSION_STRING "0.1.0"

/* Every fallible function returns one of these; BCV_OK is 0, errors are
 * negative, and BCV_DONE (positive) marks the end of a stream. */
enum bcv_status {
  BCV_OK = 0,
  BCV_DONE = 1,     /* no more records */
  BCV_DROP = 2,     /* a record filter dropped the record (convert.h) */
  BCV_ENOMEM = -1,  /* out of memory */
  BCV_EIO = -2,     /* input unreadable or output unwritable */
  BCV_EINVAL = -3,  /* bad argument or usage */
  BCV_EFORMAT = -4, /* unknown or undetectable format */
  BCV_EPLUGIN = -5, /* a module failed to load or has the wrong ABI */
  BCV_ESYNTAX = -6, /* the input is malformed beyond recovery */
  BCV_ELIMIT = -7,  /* a size or depth limit was exceeded */
  BCV_EABORT = -8   /* stopped on purpose (--strict) */
};

/* A fixed-size error report: filling it never allocates, so it works on
 * the out-of-memory path.  Every function taking one accepts NULL. */
typedef struct bcv_error {
  int code;          /* an enum bcv_status value */
  long line;         /* 1-based; 0 when not about a position */
  long column;       /* 1-based, in characters; 0 when unknown */
  char source[256];  /* file or module the error is about */
  char text[512];    /* the message, without the position */
} bcv_error;

/* Fill err (if not NULL) with a formatted message; returns code. */
int bcv_error_set(bcv_error *err, int code, const char *source, long line,
                  long column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* A short English description of a status code; static storage. */
const char *bcv_strerror(int code);

/* The library version, BCV_VERSION_STRING of the build. */
const char *bcv_version(void);

#ifdef __cplusplus
}
#endif

#include <bibconv/record.h>
#include <bibconv/diag.h>
#include <bibconv/io.h>
#include <bibconv/plugin.h>
#include <bibconv/convert.h>
#include <bibconv/pinyin.h>

#endif
