/* SPDX-License-Identifier: MIT */
/* test-input.c: bcv_input (BOM, line ends, UTF-8 checks, encodings,
 * positions) and bcv_output (atomic replacement). */
#include <stdlib.h>
#include <unistd.h>
#include <bibconv/bibconv.h>
#include "../tap.h"

static char diags[4096];

static void sink(void *ud, bcv_severity sev, const char *src, long line, long col, const char *msg) {
  size_t l = strlen(diags);
  snprintf(diags + l, sizeof diags - l, "%ld:%ld:%s:%s\n", line, col, sev == BCV_SEV_ERROR ? "error" : "other", msg);
}

/* Read all lines of buf, joined with '|'. */
static const char *lines(const char *buf, size_t len, const char *enc, bcv_diag *d) {
  static char out[8192];
  out[0] = '\0';
  diags[0] = '\0';
  bcv_input *in = bcv_input_open_memory(buf, len, "mem", enc, d, NULL);
  if (!in)
    return NULL;
  const char *l;
  size_t n;
  int first = 1;
  while ((l = bcv_input_getline(in, &n))) {
    size_t o = strlen(out);
    snprintf(out + o, sizeof out - o, "%s%.*s", first ? "" : "|", (int)n, l);
    first = 0;
  }
  bcv_input_close(&in);
  return out;
}

/* bcv_text_advance counts words at a time; this is the byte-wise rule it
 * must agree with. */
static void advance_ref(const char *s, size_t n, long *line, long *col) {
  for (size_t i = 0; i < n; i++)
    if (s[i] == '\n')
      ++*line, *col = 1;
    else if (((unsigned char)s[i] & 0xC0) != 0x80)
      ++*col;
}

static int advance_agrees(void) {
  static const char *const pieces[] = {"a", " ", "\n", "\xC3\xA9", "\xE9\x82\x93", "\xF0\x9F\x98\x80", "\t", "{}"};
  static char buf[9000];
  unsigned seed = 12345;
  for (int round = 0; round < 300; round++) {
    size_t n = 0, want = (size_t)(round * 29 % 8192) + 1;
    int dense = round % 3; /* 0: no newline, 1: few, 2: many */
    while (n + 4 < want) {
      seed = seed * 1103515245u + 12345u;
      unsigned k = (seed >> 16) % 8;
      if (k == 2 && (dense == 0 || (dense == 1 && (seed >> 8) % 50)))
        k = 0;
      size_t l = strlen(pieces[k]);
      memcpy(buf + n, pieces[k], l);
      n += l;
    }
    for (size_t off = 0; off < 9 && off < n; off++) {
      long l1 = 3, c1 = 5, l2 = 3, c2 = 5;
      advance_ref(buf + off, n - off, &l1, &c1);
      bcv_text_advance(buf + off, n - off, &l2, &c2);
      if (l1 != l2 || c1 != c2) {
        printf("#   %zu bytes at %zu: want %ld:%ld, got %ld:%ld\n", n - off, off, l1, c1, l2, c2);
        return 0;
      }
    }
  }
  /* runs that fill a word's lanes past 255: every byte a newline, every
   * other byte a continuation byte */
  memset(buf, '\n', 5000);
  for (size_t i = 5000; i + 2 <= 8998; i += 2)
    memcpy(buf + i, "\xC3\xA9", 2);
  for (size_t off = 0; off < 5000; off += 1237) {
    long l1 = 1, c1 = 1, l2 = 1, c2 = 1;
    advance_ref(buf + off, 8998 - off, &l1, &c1);
    bcv_text_advance(buf + off, 8998 - off, &l2, &c2);
    if (l1 != l2 || c1 != c2) {
      printf("#   long runs at %zu: want %ld:%ld, got %ld:%ld\n", off, l1, c1, l2, c2);
      return 0;
    }
  }
  return 1;
}

int main(void) {
  bcv_diag *d = bcv_diag_new(sink, NULL);
  ok(advance_agrees(), "bcv_text_advance agrees with a byte-wise count (spans of 1 to 8192 "
                       "bytes, every alignment, none to many newlines, 1- to 4-byte characters)");
  long tl = 1, tc = 1;
  bcv_text_advance("", 0, &tl, &tc);
  ok(tl == 1 && tc == 1, "an empty span moves nothing");
  bcv_text_advance("ab\n\n\xC3\xA9x", 7, &tl, &tc);
  ok(tl == 3 && tc == 3, "two newlines, then two characters in three bytes: 3:3");
  is_str(lines("a\nb\n", 4, NULL, d), "a|b", "LF lines");
  is_str(lines("a\r\nb\r\n", 6, NULL, d), "a|b", "CRLF becomes LF");
  is_str(lines("a\rb\rc", 5, NULL, d), "a|b|c", "bare CR becomes LF; last line without newline");
  is_str(lines("a\r\n\r\nb", 6, NULL, d), "a||b", "an empty CRLF line stays");
  is_str(lines("\xEF\xBB\xBFTY  - JOUR\n", 14, NULL, d), "TY  - JOUR", "BOM removed");
  is_str(lines("x\xEF\xBB\xBFy", 5, NULL, d), "x\xEF\xBB\xBFy", "a BOM inside the text is kept");
  /* "@a{é" after each encoding's byte order mark */
  is_str(lines("\xFF\xFE@\0a\0{\0\xE9\0\n\0", 12, NULL, d), "@a{\xC3\xA9", "UTF-16LE with a BOM converted");
  is_str(lines("\xFE\xFF\0@\0a\0{\0\xE9\0\r\0\r", 14, NULL, d), "@a{\xC3\xA9|", "UTF-16BE with a BOM converted; CR line ends");
  is_str(lines("\xFF\xFE\0\0@\0\0\0\xE9\0\0\0", 12, NULL, d), "@\xC3\xA9", "UTF-32LE with a BOM converted");
  is_str(lines("\0\0\xFE\xFF\0\0\0@\0\0\0\xE9", 12, NULL, d), "@\xC3\xA9", "UTF-32BE with a BOM converted");
  is_str(lines("\xFF\xFE", 2, NULL, d), "", "a UTF-16 BOM alone is an empty input");
  is_str(diags, "", "valid input: no diagnostics");

  is_str(lines("ab\n\xC3\xA9t\xE9\n", 8, NULL, d), "ab|\xC3\xA9t\xEF\xBF\xBD", "invalid byte becomes U+FFFD");
  ok(strncmp(diags, "2:3:error:invalid UTF-8 byte 0xE9; replaced by U+FFFD", 52) == 0,
     "reported at line 2, column 3 (characters, not bytes)");
  ok(strstr(diags, "--encoding") != NULL, "the first report suggests --encoding");
  lines("\xC0\xAF\n", 3, NULL, d);
  ok(strncmp(diags, "1:1:error:invalid UTF-8 byte 0xC0", 33) == 0, "overlong form rejected");
  lines("\xED\xA0\x80\n", 4, NULL, d);
  ok(strncmp(diags, "1:1:error:invalid UTF-8", 23) == 0, "UTF-16 surrogate rejected");
  is_str(lines("a\0b", 3, NULL, d), "a\xEF\xBF\xBD" "b", "NUL becomes U+FFFD");
  ok(strncmp(diags, "1:2:error:NUL byte", 18) == 0, "NUL reported");
  lines("\xE4\xB8", 2, NULL, d);
  ok(strncmp(diags, "1:1:error:invalid UTF-8", 23) == 0, "truncated sequence at the end is reported");

  /* 刘丽莉 in GB18030, then Latin-1 */
  is_str(lines("\xC1\xF5\xC0\xF6\xC0\xF2\n", 7, "GB18030", d), "刘丽莉", "GB18030 converted");
  is_str(diags, "", "no diagnostics for valid GB18030");
  is_str(lines("Garc\xED" "a\n", 6, "latin1", d), "García", "Latin-1 converted");
  is_str(lines("\x81\n", 2, "GB18030", d), "\xEF\xBF\xBD", "invalid GB18030 byte replaced");
  ok(strncmp(diags, "1:1:error:byte not valid in the input encoding", 46) == 0, "and reported");
  /* GB18030 without --encoding: guessed when the head is not UTF-8 and
   * decodes into Chinese text; said in a note. */
  static const char gbk[] = "\xCC\xE2\xC3\xFB\xA3\xBA\xB4\xD3\xD5\xFE\xB5\xB3\xD6\xD8\xCB\xDC\xBB\xF9"
                            "\xB2\xE3\r\n\xD7\xF7\xD5\xDF\xA3\xBA\xB5\xCB\xD5\xFD\xD1\xF4\xA3\xBB\xCF\xF2\x95P\r\n";
  is_str(lines(gbk, sizeof gbk - 1, NULL, d), "题名：从政党重塑基层|作者：邓正阳；向昉",
         "GBK without --encoding is read as GB18030 (a GBK-only character, 昉, included)");
  is_str(diags, "0:0:other:not UTF-8; read as GB18030\n", "and said in a note, nothing else");
  lines(gbk, sizeof gbk - 1, "UTF-8", d);
  ok(strncmp(diags, "1:1:error:invalid UTF-8 byte 0xCC", 33) == 0, "--encoding UTF-8 forbids the guess");
  static const char de[] = "M\xFCller, J\xFCrgen: \xDC" "ber Gr\xF6\xDF" "e und Stra\xDF" "e f\xFCr alle\n";
  lines(de, sizeof de - 1, NULL, d);
  ok(strncmp(diags, "1:2:error:invalid UTF-8 byte 0xFC", 33) == 0,
     "German in Latin-1, which decodes as GBK too, is not taken for it (GBK's rare rows)");
  static const char big5[] = "\xB1q\xAC" "F\xC4\xD2\xAD\xAB\xB6\xEC\xB0\xF2\xBCh\xA1G\xC4\xD2\xAB\xD8\xB3\xD0"
                             "\xB7s\xA4\xDE\xBB\xE2\xB0\xF2\xBCh\xAAv\xB2z\n";
  lines(big5, sizeof big5 - 1, NULL, d);
  ok(strncmp(diags, "1:1:error:invalid UTF-8", 23) == 0, "nor is Big5, which decodes as GBK too");
  lines("\xC1\xF5\xC0\xF6\xC0\xF2\n", 7, NULL, d);
  ok(strncmp(diags, "1:1:error:invalid UTF-8", 23) == 0, "three Han characters are too few to tell");
  lines("caf\xE9 \xB5\xCB\xD5\xFD\xD1\xF4\xB5\xCB\xD5\xFD\xD1\xF4\n", 17, NULL, d);
  ok(strncmp(diags, "1:4:error:invalid UTF-8", 23) == 0, "nor a head that is not GB18030 throughout");
  /* the choice is made on the first 64 KiB; a bad byte after is reported
   * where it is */
  size_t reps = 70000 / (sizeof gbk - 1) + 1, glen = reps * (sizeof gbk - 1);
  char *g = malloc(glen + 3);
  for (size_t i = 0; i < reps; i++)
    memcpy(g + i * (sizeof gbk - 1), gbk, sizeof gbk - 1);
  memcpy(g + glen, "x\xFF\n", 3);
  bcv_input *gin = bcv_input_open_memory(g, glen + 3, "mem", NULL, d, NULL);
  diags[0] = '\0';
  size_t gn, nlines = 0;
  const char *gl = NULL;
  while ((gl = bcv_input_getline(gin, &gn)) && gn)
    nlines++;
  char want[512];
  snprintf(want, sizeof want,
           "0:0:other:not UTF-8; read as GB18030\n%zu:2:error:byte not valid in the input encoding; "
           "replaced by U+FFFD (GB18030 was guessed from the start of the file; name its encoding with "
           "--encoding)\n",
           nlines);
  ok(nlines == 2 * reps + 1 && strcmp(diags, want) == 0, "a bad byte past the head is reported at its line");
  if (strcmp(diags, want) != 0)
    printf("#   got '%s'\n", diags);
  bcv_input_close(&gin);
  free(g);

  bcv_error err = {0};
  ok(bcv_input_open_memory("", 0, "m", "NO-SUCH-ENCODING", d, &err) == NULL && err.code == BCV_EINVAL &&
         strstr(err.text, "NO-SUCH-ENCODING"),
     "unknown encoding refused by name");

  /* A multibyte character across the 64 KiB chunk boundary is fine. */
  size_t chars = 66666, big = chars * 3;
  char *b = malloc(big);
  for (size_t i = 0; i < big; i += 3)
    memcpy(b + i, "\xE5\x88\x98", 3); /* 刘 */
  diags[0] = '\0';
  bcv_input *in = bcv_input_open_memory(b, big, "big", NULL, d, NULL);
  size_t n, total = 0;
  const char *c;
  while ((c = bcv_input_chunk(in, &n)) && n) {
    total += n;
    bcv_input_advance(in, n);
  }
  ok(total == big, "chunks cover the input exactly (%zu of %zu bytes)", total, big);
  is_str(diags, "", "no false UTF-8 errors at chunk boundaries");
  ok(bcv_input_line(in) == 1 && bcv_input_column(in) == (long)chars + 1,
     "column counts characters: %ld", bcv_input_column(in));
  bcv_input_close(&in);
  free(b);

  in = bcv_input_open_memory("ab\ncd", 5, "p", NULL, d, NULL);
  const char *h = bcv_input_peek(in, 100, &n);
  ok(h && n == 5 && memcmp(h, "ab\ncd", 5) == 0, "peek sees everything");
  ok(bcv_input_line(in) == 1 && bcv_input_column(in) == 1, "peek consumes nothing");
  bcv_input_getline(in, &n);
  ok(bcv_input_line(in) == 2 && bcv_input_column(in) == 1, "after a line: line 2, column 1");
  bcv_input_close(&in);
  ok(bcv_input_open("/nonexistent/file", NULL, d, &err) == NULL && err.code == BCV_EIO, "missing file");

  /* Output: replaced only on commit. */
  char dir[] = "/tmp/bcv-test-XXXXXX";
  ok(mkdtemp(dir) != NULL, "temp dir");
  char path[128];
  snprintf(path, sizeof path, "%s/out.txt", dir);
  FILE *f = fopen(path, "w");
  fputs("old\n", f);
  fclose(f);
  bcv_output *o = bcv_output_open(path, &err);
  bcv_output_puts(o, "new\n");
  bcv_output_abort(&o);
  char buf[16] = "";
  f = fopen(path, "r");
  fgets(buf, sizeof buf, f);
  fclose(f);
  is_str(buf, "old\n", "abort leaves the old file");
  o = bcv_output_open(path, &err);
  bcv_output_printf(o, "%s-%d\n", "new", 2);
  ok(bcv_output_commit(&o, &err) == BCV_OK && o == NULL, "commit");
  f = fopen(path, "r");
  fgets(buf, sizeof buf, f);
  fclose(f);
  is_str(buf, "new-2\n", "commit replaced the file");
  char cmd[256];
  snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 1", dir);
  ok(system(cmd) == 0, "no temporary file left behind");
  unlink(path);
  rmdir(dir);
  o = bcv_output_open("/dev/full", &err);
  ok(o != NULL, "/dev/full opens (written in place, not renamed over)");
  bcv_output_puts(o, "x");
  ok(bcv_output_commit(&o, &err) == BCV_EIO && strstr(err.text, "No space"), "a full device is an I/O error");
  ok(bcv_output_open("/nonexistent/dir/out", &err) == NULL && err.code == BCV_EIO, "unwritable directory");
  bcv_diag_free(&d);
  return tap_done();
}
