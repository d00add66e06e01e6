/* SPDX-License-Identifier: MIT */
/* error.c: status codes and the fixed-size error report. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "bibconv/bibconv.h"

int bcv_error_set(bcv_error *err, int code, const char *source, long line,
                  long column, const char *fmt, ...) {
  if (!err)
    return code;
  err->code = code;
  err->line = line;
  err->column = column;
  snprintf(err->source, sizeof err->source, "%s", source ? source : "");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->text, sizeof err->text, fmt, ap);
  va_end(ap);
  return code;
}

const char *bcv_strerror(int code) {
  switch (code) {
  case BCV_OK: return "success";
  case BCV_DONE: return "end of input";
  case BCV_DROP: return "record dropped by a filter";
  case BCV_ENOMEM: return "out of memory";
  case BCV_EIO: return "input/output error";
  case BCV_EINVAL: return "invalid argument";
  case BCV_EFORMAT: return "unknown format";
  case BCV_EPLUGIN: return "plugin failure";
  case BCV_ESYNTAX: return "syntax error";
  case BCV_ELIMIT: return "limit exceeded";
  case BCV_EABORT: return "stopped";
  }
  return "unknown error";
}

const char *bcv_version(void) { return BCV_VERSION_STRING; }
