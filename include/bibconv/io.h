/* SPDX-License-Identifier: MIT */
/* io.h: byte input and output, owned by the core so plugins see clean text.
 *
 * bcv_input hands readers UTF-8 with "\n" line ends: a byte order mark is
 * removed, CRLF and bare CR become LF, other encodings (named, or GB18030
 * guessed) are converted with iconv, and invalid UTF-8 is reported at its line and column and replaced
 * by U+FFFD.  It tracks the line and column (in characters) of the next
 * unread byte.
 *
 * bcv_output buffers writes; to a named regular file it writes a temporary
 * file in the same directory and renames it over the target only on
 * commit, so a failed run never leaves a half-written file over a good one.
 * A symbolic link is written through (the file it points to is replaced;
 * one that points to nothing is refused). */
#ifndef BIBCONV_IO_H
#define BIBCONV_IO_H

#include <stddef.h>
#include <bibconv/bibconv.h>

#ifdef __cplusplus
extern "C" {
#endif

struct bcv_diag;
typedef struct bcv_input bcv_input;
typedef struct bcv_output bcv_output;

/* Open a file ("-" or NULL: standard input).  encoding NULL means UTF-8,
 * or UTF-16/32 when a byte order mark says so, or GB18030 when the first
 * 64 KiB are not UTF-8 but decode as GB18030 into Chinese text (mostly
 * Han, in GB2312's rows; a note to diag says so); any name iconv knows is
 * accepted ("GB18030", "latin1", "UTF-8": no guess then).  diag receives
 * encoding errors (may be NULL).  Returns NULL and fills err when the file
 * cannot be opened or the encoding is unknown.  Close with bcv_input_close. */
bcv_input *bcv_input_open(const char *path, const char *encoding,
                          struct bcv_diag *diag, bcv_error *err);
/* The same over a memory buffer (borrowed until close); name is copied. */
bcv_input *bcv_input_open_memory(const void *buf, size_t len, const char *name,
                                 const char *encoding, struct bcv_diag *diag,
                                 bcv_error *err);
void bcv_input_close(bcv_input **in);

/* The name given at open ("<stdin>" for standard input).  Borrowed. */
const char *bcv_input_name(const bcv_input *in);

/* Up to `want` bytes of clean text from the current position without
 * consuming them (for format detection); *len gets how many are there,
 * fewer only at the end of input.  Borrowed until the next call.
 * Returns NULL on a read error. */
const char *bcv_input_peek(bcv_input *in, size_t want, size_t *len);

/* The buffered clean text at the current position, refilling when empty:
 * *len > 0 bytes, or 0 at end of input.  Nothing is consumed.  Returns
 * NULL on a read error (then bcv_input_failed() is true). */
const char *bcv_input_chunk(bcv_input *in, size_t *len);
/* Consume n bytes (n <= the last chunk's length), advancing line/column. */
void bcv_input_advance(bcv_input *in, size_t n);

/* The next line without its "\n", consumed.  NULL at end of input or on
 * error.  Borrowed until the next call.  Lines longer than the limit
 * (16 MiB) are cut and reported. */
const char *bcv_input_getline(bcv_input *in, size_t *len);

/* Move a position (1-based line, column in characters) over n bytes of
 * clean text s: for readers that keep text of their own (an entry's
 * source) and report positions inside it.  Linear in n. */
void bcv_text_advance(const char *s, size_t n, long *line, long *col);

/* Position of the next unread byte: 1-based line and column. */
long bcv_input_line(const bcv_input *in);
long bcv_input_column(const bcv_input *in);
/* Non-zero once reading failed (an I/O error, not a syntax error). */
int bcv_input_failed(const bcv_input *in);
/* How many bytes so far could not be decoded (or were NUL) and became
 * U+FFFD: each was reported. */
unsigned long bcv_input_replaced(const bcv_input *in);

/* Open path for writing ("-" or NULL: standard output).  Returns NULL and
 * fills err when the target directory is not writable. */
bcv_output *bcv_output_open(const char *path, bcv_error *err);
int bcv_output_write(bcv_output *out, const void *buf, size_t len);
int bcv_output_puts(bcv_output *out, const char *s);
int bcv_output_printf(bcv_output *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* 0, or once a write failed the errno of that failure (later writes are
 * dropped). */
int bcv_output_failed(const bcv_output *out);
/* The name given at open ("<stdout>" for standard output).  Borrowed. */
const char *bcv_output_name(const bcv_output *out);
/* The temporary file that commit will rename over the target, for a
 * signal handler to remove (copy it: it is freed by commit and abort).
 * NULL when the output is written in place: standard output, a device,
 * a pipe.  Borrowed. */
const char *bcv_output_temp_path(const bcv_output *out);
/* Flush and, for a named file, rename the temporary over the target.
 * Frees *out and sets it NULL.  Returns BCV_OK or BCV_EIO (then the
 * target is untouched and the temporary removed). */
int bcv_output_commit(bcv_output **out, bcv_error *err);
/* Throw the output away: the temporary is removed, the target untouched;
 * on standard output or a device, what is still buffered is dropped. */
void bcv_output_abort(bcv_output **out);

#ifdef __cplusplus
}
#endif
#endif
