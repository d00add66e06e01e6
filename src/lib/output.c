/* SPDX-License-Identifier: MIT */
/* output.c: buffered output; named regular files are written to a
 * temporary beside the target and renamed over it only on success.  A
 * symbolic link is written through: the temporary goes beside the file it
 * points to, so the link stays a link and its target gets the content. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "bibconv/io.h"

#define OUT_BUF (64 * 1024)

struct bcv_output {
  int fd;
  int own_fd;
  char *name;   /* as given at open */
  char *target; /* rename here on commit; NULL when writing in place */
  char *tmp;
  int err;      /* errno of the first failure, 0 if none */
  size_t used;
  char buf[OUT_BUF];
};

bcv_output *bcv_output_open(const char *path, bcv_error *err) {
  bcv_output *o = calloc(1, sizeof *o);
  if (!o) {
    bcv_error_set(err, BCV_ENOMEM, path, 0, 0, "out of memory");
    return NULL;
  }
  o->name = strdup(path && strcmp(path, "-") != 0 ? path : "<stdout>");
  if (!o->name) {
    bcv_error_set(err, BCV_ENOMEM, path, 0, 0, "out of memory");
    free(o);
    return NULL;
  }
  if (!path || strcmp(path, "-") == 0) {
    o->fd = STDOUT_FILENO;
    return o;
  }
  struct stat st;
  char *resolved = NULL;
  if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
    resolved = realpath(path, NULL);
    if (!resolved) {
      /* A link to nothing is refused, as cp refuses to write through
       * one: creating whatever file it names (perhaps in another user's
       * directory) is rarely what was meant. */
      if (errno == ENOENT)
        bcv_error_set(err, BCV_EIO, path, 0, 0,
                      "a symbolic link to a file that does not exist; not written through it");
      else
        bcv_error_set(err, BCV_EIO, path, 0, 0, "cannot follow the symbolic link: %s",
                      strerror(errno));
      free(o->name);
      free(o);
      return NULL;
    }
    path = resolved;
  }
  /* Devices, pipes and other special files are written in place: renaming
   * over /dev/null, or a named pipe a reader waits on, would be wrong. */
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
    o->fd = open(path, O_WRONLY | O_CLOEXEC);
    if (o->fd < 0) {
      bcv_error_set(err, BCV_EIO, path, 0, 0, "cannot open for writing: %s", strerror(errno));
      free(resolved);
      free(o->name);
      free(o);
      return NULL;
    }
    o->own_fd = 1;
    free(resolved);
    return o;
  }
  size_t n = strlen(path);
  o->target = strdup(path);
  o->tmp = malloc(n + 32);
  if (!o->target || !o->tmp) {
    bcv_error_set(err, BCV_ENOMEM, path, 0, 0, "out of memory");
    goto fail;
  }
  const char *slash = strrchr(path, '/');
  size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
  snprintf(o->tmp, n + 32, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
  o->fd = mkstemp(o->tmp);
  if (o->fd < 0) {
    bcv_error_set(err, BCV_EIO, path, 0, 0, "cannot create a temporary file beside it: %s",
                  strerror(errno));
    goto fail;
  }
  o->own_fd = 1;
  /* mkstemp makes the file 0600; a converted bibliography is no secret,
   * so give it what a plain creat() would (0666 less the umask), or keep
   * the mode of the file being replaced. */
  if (stat(path, &st) == 0) {
    fchmod(o->fd, st.st_mode & 07777);
  } else {
    mode_t um = umask(0);
    umask(um);
    fchmod(o->fd, 0666 & ~um);
  }
  free(resolved);
  return o;
fail:
  free(resolved);
  free(o->name);
  free(o->target);
  free(o->tmp);
  free(o);
  return NULL;
}

static void flush(bcv_output *o) {
  size_t off = 0;
  while (!o->err && off < o->used) {
    ssize_t w = write(o->fd, o->buf + off, o->used - off);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      o->err = errno;
      break;
    }
    off += (size_t)w;
  }
  o->used = 0;
}

int bcv_output_write(bcv_output *o, const void *buf, size_t len) {
  if (o->err)
    return BCV_EIO;
  const char *p = buf;
  while (len) {
    if (o->used == OUT_BUF) {
      flush(o);
      if (o->err)
        return BCV_EIO;
    }
    size_t k = OUT_BUF - o->used;
    if (k > len)
      k = len;
    memcpy(o->buf + o->used, p, k);
    o->used += k;
    p += k;
    len -= k;
  }
  return BCV_OK;
}

int bcv_output_puts(bcv_output *o, const char *s) { return bcv_output_write(o, s, strlen(s)); }

int bcv_output_printf(bcv_output *o, const char *fmt, ...) {
  char small[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0)
    return BCV_EINVAL;
  if ((size_t)n < sizeof small)
    return bcv_output_write(o, small, (size_t)n);
  char *big = malloc((size_t)n + 1);
  if (!big)
    return BCV_ENOMEM;
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  int rc = bcv_output_write(o, big, (size_t)n);
  free(big);
  return rc;
}

int bcv_output_failed(const bcv_output *o) { return o->err; }

const char *bcv_output_temp_path(const bcv_output *o) { return o->target ? o->tmp : NULL; }

const char *bcv_output_name(const bcv_output *o) { return o->name; }

static void destroy(bcv_output *o) {
  if (o->own_fd && o->fd >= 0)
    close(o->fd);
  free(o->name);
  free(o->target);
  free(o->tmp);
  free(o);
}

int bcv_output_commit(bcv_output **op, bcv_error *err) {
  bcv_output *o = *op;
  *op = NULL;
  const char *name = o->target ? o->target : "<stdout>";
  flush(o);
  if (!o->err && o->target && fsync(o->fd) != 0 && errno != EINVAL)
    o->err = errno;
  if (!o->err && o->own_fd) {
    if (close(o->fd) != 0)
      o->err = errno;
    o->fd = -1;
  }
  if (!o->err && o->target && rename(o->tmp, o->target) != 0)
    o->err = errno;
  if (o->err) {
    bcv_error_set(err, BCV_EIO, name, 0, 0, "cannot write: %s", strerror(o->err));
    if (o->target)
      unlink(o->tmp);
    destroy(o);
    return BCV_EIO;
  }
  destroy(o);
  return BCV_OK;
}

void bcv_output_abort(bcv_output **op) {
  if (!op || !*op)
    return;
  bcv_output *o = *op;
  *op = NULL;
  if (o->target) {
    if (o->own_fd && o->fd >= 0)
      close(o->fd);
    o->fd = -1;
    unlink(o->tmp);
  }
  /* Standard output gets nothing more: what is still buffered (all of it
   * when the run wrote less than OUT_BUF) is dropped, rather than handing
   * on the start of a document ("[") that will never be finished. */
  destroy(o);
}
