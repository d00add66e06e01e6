/* SPDX-License-Identifier: MIT */
/* input.c: buffered input that hands readers clean UTF-8 with "\n" line
 * ends and tracks line and column.
 *
 * Bytes flow: source (fd or memory) -> raw -> [iconv] -> decoded ->
 * normalise (BOM, CR, NUL, invalid UTF-8) -> clean buffer -> reader.
 * Encoding problems are reported where they are met, with the position
 * they have in the clean text, so the user can find them in an editor. */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "internal.h"
#include "bibconv/io.h"
#include "bibconv/diag.h"

#define RAW_SIZE (64 * 1024)
#define LINE_LIMIT (16u * 1024 * 1024)
#define MAX_REPORTED 10

struct bcv_input {
  char *name;
  int fd, own_fd;
  const unsigned char *mem;
  size_t mem_len, mem_pos;
  iconv_t cd;
  struct bcv_diag *diag;
  int src_eof, failed, started, pending_cr, sniffed;
  int named;                  /* the caller named the encoding (even UTF-8) */
  int guessed;                /* 1: GB18030, guessed from the head; 2: as the file declares */
  unsigned long reported;
  unsigned char raw[RAW_SIZE];
  size_t raw_len;             /* undecoded source bytes at raw[0..raw_len) */
  unsigned char dec[4 * RAW_SIZE + 8];
  size_t dec_len;             /* decoded bytes not yet normalised */
  char *buf;                  /* clean text; buf[end] is always NUL */
  size_t cap, start, end;
  long line, col;             /* position at buf[start] */
};

/* Report a bad byte that becomes clean text at buf[at].  Its position is
 * worked out only here, from buf[start]'s: reports are few, bytes many. */
static void report_bad(bcv_input *in, size_t at, const char *what) {
  in->reported++;
  if (in->reported > MAX_REPORTED + 1)
    return;
  long line = in->line, col = in->col;
  bcv_text_advance(in->buf + in->start, at - in->start, &line, &col);
  if (in->reported == MAX_REPORTED + 1) {
    bcv_diag_report(in->diag, BCV_SEV_ERROR, in->name, line, col,
                    "more encoding errors; not reporting them");
    return;
  }
  bcv_diag_report(in->diag, BCV_SEV_ERROR, in->name, line, col,
                  "%s; replaced by U+FFFD%s", what,
                  in->reported > 1 ? ""
                  : in->guessed == 1
                      ? " (GB18030 was guessed from the start of the file; name its encoding with --encoding)"
                  : in->guessed
                      ? " (the encoding is the one the file declares; name another with --encoding)"
                  : !in->cd
                      ? " (if the file is not UTF-8, name its encoding with --encoding, e.g. --encoding GB18030)"
                      : "");
}

static bcv_input *new_input(const char *name, const char *encoding, struct bcv_diag *diag,
                            bcv_error *err) {
  bcv_input *in = calloc(1, sizeof *in);
  if (!in) {
    bcv_error_set(err, BCV_ENOMEM, name, 0, 0, "out of memory");
    return NULL;
  }
  in->fd = -1;
  in->cd = NULL;
  in->diag = diag;
  in->line = in->col = 1;
  in->name = strdup(name);
  in->cap = 2 * RAW_SIZE;
  in->buf = malloc(in->cap + 1);
  if (!in->name || !in->buf) {
    bcv_error_set(err, BCV_ENOMEM, name, 0, 0, "out of memory");
    goto fail;
  }
  in->buf[0] = '\0';
  in->named = encoding && *encoding;
  if (encoding && *encoding && strcasecmp(encoding, "UTF-8") != 0 &&
      strcasecmp(encoding, "UTF8") != 0) {
    iconv_t cd = iconv_open("UTF-8", encoding);
    if (cd == (iconv_t)-1) {
      bcv_error_set(err, BCV_EINVAL, name, 0, 0, "unknown encoding '%s' (see iconv -l)", encoding);
      goto fail;
    }
    in->cd = cd;
  }
  return in;
fail:
  free(in->name);
  free(in->buf);
  free(in);
  return NULL;
}

bcv_input *bcv_input_open(const char *path, const char *encoding, struct bcv_diag *diag,
                          bcv_error *err) {
  int is_stdin = !path || strcmp(path, "-") == 0;
  bcv_input *in = new_input(is_stdin ? "<stdin>" : path, encoding, diag, err);
  if (!in)
    return NULL;
  if (is_stdin) {
    in->fd = STDIN_FILENO;
    return in;
  }
  in->fd = open(path, O_RDONLY | O_CLOEXEC);
  if (in->fd < 0) {
    bcv_error_set(err, BCV_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    in->fd = -1;
    bcv_input_close(&in);
    return NULL;
  }
  in->own_fd = 1;
  return in;
}

bcv_input *bcv_input_open_memory(const void *buf, size_t len, const char *name,
                                 const char *encoding, struct bcv_diag *diag, bcv_error *err) {
  bcv_input *in = new_input(name ? name : "<memory>", encoding, diag, err);
  if (!in)
    return NULL;
  in->mem = buf;
  in->mem_len = len;
  return in;
}

void bcv_input_close(bcv_input **inp) {
  if (!inp || !*inp)
    return;
  bcv_input *in = *inp;
  if (in->own_fd && in->fd >= 0)
    close(in->fd);
  if (in->cd)
    iconv_close(in->cd);
  free(in->name);
  free(in->buf);
  free(in);
  *inp = NULL;
}

const char *bcv_input_name(const bcv_input *in) { return in->name; }
long bcv_input_line(const bcv_input *in) { return in->line; }
long bcv_input_column(const bcv_input *in) { return in->col; }
int bcv_input_failed(const bcv_input *in) { return in->failed; }

unsigned long bcv_input_replaced(const bcv_input *in) { return in->reported; }

/* Top up raw[] from the source. */
static void read_raw(bcv_input *in) {
  if (in->src_eof || in->raw_len == RAW_SIZE)
    return;
  size_t want = RAW_SIZE - in->raw_len;
  if (in->mem) {
    size_t k = in->mem_len - in->mem_pos;
    if (k > want)
      k = want;
    memcpy(in->raw + in->raw_len, in->mem + in->mem_pos, k);
    in->mem_pos += k;
    in->raw_len += k;
    if (in->mem_pos == in->mem_len)
      in->src_eof = 1;
    return;
  }
  for (;;) {
    ssize_t r = read(in->fd, in->raw + in->raw_len, want);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      bcv_diag_report(in->diag, BCV_SEV_ERROR, in->name, 0, 0, "read error: %s", strerror(errno));
      in->failed = 1;
      in->src_eof = 1;
    } else if (r == 0) {
      in->src_eof = 1;
    } else {
      in->raw_len += (size_t)r;
    }
    return;
  }
}

static void put_fffd(unsigned char *d, size_t *n) {
  d[(*n)++] = 0xEF;
  d[(*n)++] = 0xBF;
  d[(*n)++] = 0xBD;
}

/* raw -> dec: a copy for UTF-8, else iconv.  Invalid source bytes become
 * U+FFFD here (reported later with their position, by normalise). */
static void decode(bcv_input *in) {
  size_t room = sizeof in->dec - in->dec_len;
  if (!in->cd) {
    size_t k = in->raw_len < room ? in->raw_len : room;
    memcpy(in->dec + in->dec_len, in->raw, k);
    in->dec_len += k;
    memmove(in->raw, in->raw + k, in->raw_len - k);
    in->raw_len -= k;
    return;
  }
  char *ip = (char *)in->raw, *op = (char *)in->dec + in->dec_len;
  size_t il = in->raw_len, ol = room > 8 ? room - 8 : 0;
  while (il > 0) {
    size_t rc = iconv(in->cd, &ip, &il, &op, &ol);
    if (rc != (size_t)-1 || errno == E2BIG)
      break;
    if (errno == EINVAL && !in->src_eof)
      break; /* a sequence cut by the buffer end: wait for more bytes */
    /* EILSEQ, or a truncated sequence at the very end: mark it with a
     * sentinel the normaliser turns into a reported U+FFFD. */
    if (ol < 4)
      break;
    *op++ = (char)0xFF; /* never valid UTF-8, so normalise reports it */
    ol--;
    ip++;
    il--;
  }
  in->dec_len = (size_t)(op - (char *)in->dec);
  memmove(in->raw, ip, il);
  in->raw_len = il;
}

static int ensure_room(bcv_input *in, size_t extra) {
  if (in->start > 0 && in->end + extra > in->cap) {
    memmove(in->buf, in->buf + in->start, in->end - in->start);
    in->end -= in->start;
    in->start = 0;
  }
  if (in->end + extra > in->cap) {
    size_t nc = in->cap * 2;
    while (nc < in->end + extra)
      nc *= 2;
    char *nb = realloc(in->buf, nc + 1);
    if (!nb) {
      bcv_diag_report(in->diag, BCV_SEV_ERROR, in->name, 0, 0, "out of memory");
      in->failed = 1;
      return 0;
    }
    in->buf = nb;
    in->cap = nc;
  }
  return 1;
}

/* Bytes copied as they are, in runs: ASCII but NUL and CR. */
static int is_plain(unsigned char c) { return c && c < 0x80 && c != '\r'; }

/* Whether the eight bytes at p are all plain: no high bit, and no byte
 * that is 0 or CR (the classic zero-byte test, on w and on w ^ CRs). */
static int plain8(const unsigned char *p) {
  const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
  uint64_t w, cr;
  memcpy(&w, p, 8);
  cr = w ^ (ones * '\r');
  return !((w | ((w - ones) & ~w) | ((cr - ones) & ~cr)) & high);
}

/* dec -> clean buffer: BOM, CR/CRLF, NUL and invalid UTF-8. */
static void normalise(bcv_input *in) {
  if (!ensure_room(in, in->dec_len * 3 + 4))
    return;
  const unsigned char *s = in->dec;
  size_t n = in->dec_len, i = 0;
  unsigned char *o = (unsigned char *)in->buf + in->end;
  size_t w = 0;
  if (!in->started) {
    if (n < 3 && !in->src_eof && in->raw_len == 0)
      return; /* wait: a BOM might be cut */
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
      i = 3;
    in->started = 1;
  }
  while (i < n) {
    if (!in->pending_cr && is_plain(s[i])) {
      size_t j = i + 1;
      while (n - j >= 8 && plain8(s + j))
        j += 8;
      while (j < n && is_plain(s[j]))
        j++;
      memcpy(o + w, s + i, j - i);
      w += j - i;
      i = j;
      continue;
    }
    unsigned char c = s[i];
    if (in->pending_cr) {
      in->pending_cr = 0;
      if (c == '\n') {
        i++;
        continue;
      }
    }
    if (c == '\r') {
      o[w++] = '\n';
      in->pending_cr = 1;
      i++;
      continue;
    }
    if (c == 0) {
      report_bad(in, in->end + w, "NUL byte");
      put_fffd(o, &w);
      i++;
      continue;
    }
    if (c < 0x80) {
      o[w++] = c;
      i++;
      continue;
    }
    unsigned cp;
    size_t k = bcv__utf8_decode(s + i, n - i, &cp);
    if (k == 0 && n - i < 4 && !in->src_eof && in->raw_len == 0) {
      /* Maybe a sequence cut by the chunk end: keep it for the next round
       * when its lead byte announces more bytes than are here. */
      size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
      int prefix_ok = need > n - i;
      for (size_t j = i + 1; j < n && prefix_ok; j++)
        prefix_ok = (s[j] & 0xC0) == 0x80;
      if (need && prefix_ok)
        break;
    }
    if (k == 0) {
      char what[64];
      if (in->cd)
        snprintf(what, sizeof what, "byte not valid in the input encoding");
      else
        snprintf(what, sizeof what, "invalid UTF-8 byte 0x%02X", c);
      report_bad(in, in->end + w, what);
      put_fffd(o, &w);
      i++;
      continue;
    }
    memcpy(o + w, s + i, k);
    w += k;
    i += k;
  }
  in->end += w;
  in->buf[in->end] = '\0';
  memmove(in->dec, in->dec + i, n - i);
  in->dec_len = n - i;
}

/* Whether s[0..n) is UTF-8; a sequence cut by the end counts as valid
 * unless the input ends there. */
static int valid_utf8(const unsigned char *s, size_t n, int eof) {
  for (size_t i = 0; i < n;) {
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    unsigned cp;
    size_t k = bcv__utf8_decode(s + i, n - i, &cp);
    if (k == 0) {
      size_t need = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : s[i] >= 0xC2 ? 2 : 0;
      int prefix = !eof && need > n - i;
      for (size_t j = i + 1; j < n && prefix; j++)
        prefix = (s[j] & 0xC0) == 0x80;
      return prefix;
    }
    i += k;
  }
  return 1;
}

/* Whether the head s[0..n), not UTF-8, is Chinese text in GB18030 (GBK,
 * GB2312, as CNKI's and NoteExpress's exports may be):
 *  - it decodes as GB18030 to the end (a sequence cut by the head's end
 *    excepted);
 *  - 70 % of the characters it decodes to past ASCII, and at least four,
 *    are Han: not kana read as the rows GB2312 gives them;
 *  - 80 % of its two-byte characters lie in GB2312's rows (both bytes
 *    0xA1 or above), where nearly all Chinese text is: a Latin-1 letter
 *    before an ASCII letter ("für", "Straße") also makes a two-byte GBK
 *    character, a rare one with a low second byte, and so does Big5
 *    half the time.
 * Korean in EUC-KR passes (its rows are GB2312's); it needs --encoding. */
static int looks_gb18030(const unsigned char *s, size_t n, int eof) {
  size_t pairs = 0, gb2312 = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < 0x80 || i + 1 >= n)
      continue;
    if (s[i + 1] >= 0x30 && s[i + 1] <= 0x39) { /* four bytes */
      i += 3;
      continue;
    }
    pairs++;
    gb2312 += s[i] >= 0xA1 && s[i + 1] >= 0xA1;
    i++;
  }
  if (pairs == 0 || gb2312 * 5 < pairs * 4)
    return 0;
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == (iconv_t)-1)
    return 0;
  char *ip = (char *)s;
  size_t il = n, han = 0, other = 0;
  int ok = 1;
  while (il > 0 && ok) {
    char out[4096], *op = out;
    size_t ol = sizeof out;
    size_t rc = iconv(cd, &ip, &il, &op, &ol);
    if (rc == (size_t)-1 && errno != E2BIG)
      ok = errno == EINVAL && !eof; /* EILSEQ, or a cut sequence at the end */
    for (size_t i = 0, k; i < (size_t)(op - out); i += k ? k : 1) {
      unsigned cp = 0;
      k = bcv__utf8_decode((const unsigned char *)out + i, (size_t)(op - out) - i, &cp);
      if (cp >= 0x80)
        bcv__han_cp(cp) ? han++ : other++;
    }
    if (rc == (size_t)-1 && errno == EINVAL)
      break;
  }
  iconv_close(cd);
  return ok && han >= 4 && han * 10 >= (han + other) * 7;
}

/* The encoding a file declares of itself at its start: an XML
 * declaration's (<?xml version="1.0" encoding="ISO-8859-1"?>, which the
 * XML readers cannot honour, since they are given UTF-8) or JabRef's
 * header line ("% Encoding: windows-1252").  Copies the name, which must
 * look like one, to name[0..size); returns what declared it, or NULL. */
static const char *declared_encoding(const unsigned char *s, size_t n, char *name, size_t size) {
  const char *t = (const char *)s, *from = NULL, *what = NULL;
  size_t lim = n < 1024 ? n : 1024;
  const char *end = t + lim;
  if (lim >= 5 && memcmp(t, "<?xml", 5) == 0) {
    const char *close = memmem(t, lim, "?>", 2);
    const char *enc = close ? memmem(t, (size_t)(close - t), "encoding", 8) : NULL;
    if (enc) {
      enc += 8;
      while (enc < close && (*enc == ' ' || *enc == '=' || *enc == '\t'))
        enc++;
      if (enc < close && (*enc == '"' || *enc == '\''))
        from = enc + 1, end = close, what = "its XML declaration";
    }
  } else {
    /* JabRef puts it on the first line, or the second after its banner */
    for (const char *line = t; line && line < end && !from; ) {
      if ((size_t)(end - line) > 12 && memcmp(line, "% Encoding: ", 12) == 0)
        from = line + 12, what = "its JabRef header";
      const char *nl = memchr(line, '\n', (size_t)(end - line));
      line = nl && *line == '%' ? nl + 1 : NULL;
    }
  }
  if (!from)
    return NULL;
  size_t k = 0;
  while (from + k < end && k + 1 < size &&
         (isalnum((unsigned char)from[k]) || strchr("-_.:", from[k])))
    k++;
  if (k == 0 || k + 1 >= size)
    return NULL;
  memcpy(name, from, k);
  name[k] = '\0';
  return what;
}

/* A UTF-16 or UTF-32 byte order mark announces its encoding beyond doubt
 * (JabRef writes such files); when no encoding was named, it picks the
 * converter, and the mark itself is dropped.  UTF-32LE is tested first:
 * its mark begins with UTF-16LE's.  Without a mark, a head that is not
 * UTF-8 but Chinese in GB18030 is read as GB18030, and said so: the
 * choice is made on the first 64 KiB (the raw buffer), and the rest is
 * converted as it streams; a later byte that is not GB18030 is reported
 * where it is, like any undecodable byte. */
static void sniff(bcv_input *in) {
  static const struct {
    unsigned char len, bytes[4];
    const char *encoding;
  } marks[] = {{4, {0xFF, 0xFE, 0, 0}, "UTF-32LE"},
               {4, {0, 0, 0xFE, 0xFF}, "UTF-32BE"},
               {2, {0xFF, 0xFE, 0, 0}, "UTF-16LE"},
               {2, {0xFE, 0xFF, 0, 0}, "UTF-16BE"}};
  in->sniffed = 1;
  if (in->cd)
    return;
  while (in->raw_len < 4 && !in->src_eof && !in->failed)
    read_raw(in);
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
    size_t n = marks[i].len;
    if (in->raw_len < n || memcmp(in->raw, marks[i].bytes, n) != 0)
      continue;
    iconv_t cd = iconv_open("UTF-8", marks[i].encoding);
    if (cd == (iconv_t)-1)
      return; /* then the bytes are reported as invalid UTF-8 */
    in->cd = cd;
    memmove(in->raw, in->raw + n, in->raw_len - n);
    in->raw_len -= n;
    return;
  }
  if (in->named)
    return;
  while (in->raw_len < RAW_SIZE && !in->src_eof && !in->failed)
    read_raw(in);
  if (valid_utf8(in->raw, in->raw_len, in->src_eof))
    return;
  char name[48];
  const char *what = declared_encoding(in->raw, in->raw_len, name, sizeof name);
  if (what && strcasecmp(name, "UTF-8") != 0 && strcasecmp(name, "UTF8") != 0) {
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd != (iconv_t)-1) {
      in->cd = cd;
      in->guessed = 2;
      bcv_diag_report(in->diag, BCV_SEV_NOTE, in->name, 0, 0, "not UTF-8; read as %s, as %s says",
                      name, what);
      return;
    }
  }
  if (!looks_gb18030(in->raw, in->raw_len, in->src_eof))
    return;
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == (iconv_t)-1)
    return;
  in->cd = cd;
  in->guessed = 1;
  bcv_diag_report(in->diag, BCV_SEV_NOTE, in->name, 0, 0, "not UTF-8; read as GB18030");
}

/* Append more clean text; returns 0 when nothing more will come. */
static int refill(bcv_input *in) {
  size_t before = in->end - in->start;
  if (!in->sniffed)
    sniff(in);
  while (!in->failed) {
    read_raw(in);
    decode(in);
    normalise(in);
    if (in->end - in->start > before)
      return 1;
    /* normalise holds back a cut sequence only while more may come, so
     * at the end of the source nothing is left undecoded. */
    if (in->src_eof && in->raw_len == 0)
      return 0;
  }
  return 0;
}

const char *bcv_input_peek(bcv_input *in, size_t want, size_t *len) {
  while (in->end - in->start < want && refill(in))
    ;
  *len = in->end - in->start < want ? in->end - in->start : want;
  return in->failed ? NULL : in->buf + in->start;
}

const char *bcv_input_chunk(bcv_input *in, size_t *len) {
  if (in->start == in->end)
    refill(in);
  *len = in->end - in->start;
  return in->failed ? NULL : in->buf + in->start;
}

/* UTF-8 continuation bytes (10xxxxxx) in s[0..n), eight at a time: each
 * lane of a word counts up to 255 before the lanes are summed. */
static size_t count_continuation(const unsigned char *s, size_t n) {
  const uint64_t high = 0x8080808080808080u;
  size_t total = 0, i = 0;
  while (n - i >= 8) {
    uint64_t acc = 0;
    for (int k = 0; k < 255 && n - i >= 8; k++, i += 8) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      acc += (w & ~(w << 1) & high) >> 7; /* bit 7 set, bit 6 clear */
    }
    acc = (acc & 0x00FF00FF00FF00FFu) + ((acc >> 8) & 0x00FF00FF00FF00FFu);
    total += (size_t)((acc * 0x0001000100010001u) >> 48);
  }
  for (; i < n; i++)
    total += (s[i] & 0xC0) == 0x80;
  return total;
}

void bcv_text_advance(const char *s, size_t n, long *line, long *col) {
  /* newlines by memchr (vectorised in libc; spans are mostly a line or
   * two), then the characters of the last line */
  const char *p = s, *end = s + n, *nl;
  while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
    ++*line;
    *col = 1;
    p = nl + 1;
  }
  size_t rest = (size_t)(end - p);
  *col += (long)(rest - count_continuation((const unsigned char *)p, rest));
}

void bcv_input_advance(bcv_input *in, size_t n) {
  if (n > in->end - in->start)
    n = in->end - in->start;
  bcv_text_advance(in->buf + in->start, n, &in->line, &in->col);
  in->start += n;
}

const char *bcv_input_getline(bcv_input *in, size_t *len) {
  size_t scanned = 0;
  for (;;) {
    char *p = in->buf + in->start;
    size_t avail = in->end - in->start;
    char *nl = memchr(p + scanned, '\n', avail - scanned);
    if (nl) {
      size_t k = (size_t)(nl - p);
      bcv_input_advance(in, k + 1);
      *nl = '\0';
      *len = k;
      return p;
    }
    if (avail >= LINE_LIMIT) {
      /* No bibliographic line is this long; skip it whole rather than
       * hand a reader half a line it would misparse. */
      bcv_diag_report(in->diag, BCV_SEV_ERROR, in->name, in->line, in->col,
                      "line longer than %u bytes; skipped", LINE_LIMIT);
      for (;;) {
        size_t n;
        const char *c = bcv_input_chunk(in, &n);
        if (!c || n == 0)
          return NULL;
        const char *e = memchr(c, '\n', n);
        bcv_input_advance(in, e ? (size_t)(e - c) + 1 : n);
        if (e)
          break;
      }
      scanned = 0;
      continue;
    }
    scanned = avail;
    if (!refill(in)) {
      if (in->failed || in->end == in->start)
        return NULL;
      p = in->buf + in->start;
      avail = in->end - in->start;
      bcv_input_advance(in, avail);
      *len = avail;
      return p; /* last line without "\n"; buf[end] is NUL */
    }
  }
}
