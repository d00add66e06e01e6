/* SPDX-License-Identifier: MIT */
/* text.c: the small text operations every CNKI dialect needs. */
#include <stdlib.h>
#include <string.h>
#include "cnki.h"

size_t cn_u8len(const char *s, size_t len) {
  unsigned char c = (unsigned char)s[0];
  size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return n <= len ? n : len;
}

/* The input layer has validated UTF-8 already, so decoding need not. */
unsigned cn_cp(const char *s, size_t len, size_t *n) {
  const unsigned char *u = (const unsigned char *)s;
  *n = cn_u8len(s, len);
  switch (*n) {
  case 1: return u[0];
  case 2: return (u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu);
  case 3: return (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
  default: return (u[0] & 0x07u) << 18 | (u[1] & 0x3Fu) << 12 | (u[2] & 0x3Fu) << 6 | (u[3] & 0x3Fu);
  }
}

int cn_is_han_cp(unsigned c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

int cn_has_han(const char *s, size_t len) {
  size_t n;
  for (size_t i = 0; i < len; i += n) {
    /* Han starts at U+3400, whose lead byte is 0xE3 */
    if ((unsigned char)s[i] < 0xE3) {
      n = 1;
      continue;
    }
    if (cn_is_han_cp(cn_cp(s + i, len - i, &n)))
      return 1;
  }
  return 0;
}

/* By majority, so that an English note naming 连宏萍 stays English and a
 * Chinese title with "ELMo" in it stays Chinese. */
const char *cn_lang_of(const char *s, size_t len) {
  size_t han = 0, latin = 0, n;
  for (size_t i = 0; i < len; i += n) {
    unsigned c = cn_cp(s + i, len - i, &n);
    if (cn_is_han_cp(c))
      han++;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      latin++;
  }
  return han && han * 3 > latin ? "zh" : "en";
}

/* Blank: ASCII space and tab, NBSP, U+3000. */
static size_t blank_at(const char *s, size_t len) {
  if (len && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r'))
    return 1;
  if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
    return 2;
  if (len >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
    return 3;
  return 0;
}

static size_t blank_before(const char *s, size_t len) {
  if (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
    return 1;
  if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 && (unsigned char)s[len - 1] == 0xA0)
    return 2;
  if (len >= 3 && memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0)
    return 3;
  return 0;
}

void cn_trim(const char **s, size_t *len) {
  size_t k;
  while (*len && (k = blank_at(*s, *len))) {
    *s += k;
    *len -= k;
  }
  while (*len && (k = blank_before(*s, *len)))
    *len -= k;
}

int cn_starts(const char *s, size_t len, const char *prefix) {
  size_t n = strlen(prefix);
  return len >= n && memcmp(s, prefix, n) == 0;
}

size_t cn_find(const char *s, size_t len, const char *needle) {
  size_t n = strlen(needle);
  if (n == 0 || n > len)
    return (size_t)-1;
  for (size_t i = 0; i + n <= len; i++)
    if (s[i] == needle[0] && memcmp(s + i, needle, n) == 0)
      return i;
  return (size_t)-1;
}

int cn_buf_put(cn_buf *b, const void *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
      return BCV_ENOMEM;
    b->p = p;
    b->cap = cap;
  }
  if (n)
    memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
  return BCV_OK;
}

int cn_buf_puts(cn_buf *b, const char *s) { return cn_buf_put(b, s, strlen(s)); }
int cn_buf_putc(cn_buf *b, char c) { return cn_buf_put(b, &c, 1); }

void cn_buf_free(cn_buf *b) {
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}

/* Markers that CNKI and Magtech leave in text and that mean nothing to a
 * reader: the "<正>" that opens news-like abstracts, Magtech's line-break
 * placeholder, the label CNKI glues to foreign abstracts. */
static const char *const artefacts[] = {
    "<正>", "〈正〉", "＜正＞", "⟨正⟩", "Abstract(#br)", "#br#", "(#br)", NULL,
};

/* Bytes that may start a blank or an artefact; the others are copied in
 * runs (this loop is the reader's hot path). */
static int special(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == 'A' || c == '#' ||
         c == '(' || c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF;
}

int cn_clean(cn_buf *b, const char *s, size_t len) {
  b->len = 0;
  if (cn_buf_put(b, "", 0))
    return BCV_ENOMEM;
  cn_trim(&s, &len);
  int space = 0;
  for (size_t i = 0; i < len;) {
    size_t run = i;
    while (run < len && !special((unsigned char)s[run]))
      run++;
    if (run > i) {
      if (cn_buf_put(b, s + i, run - i))
        return BCV_ENOMEM;
      space = 0;
      i = run;
      continue;
    }
    size_t k = blank_at(s + i, len - i);
    if (k) {
      /* a newline inside a value (an abstract's paragraphs) is kept */
      if (s[i] == '\n') {
        while (b->len && b->p[b->len - 1] == ' ')
          b->len--;
        if (cn_buf_putc(b, '\n'))
          return BCV_ENOMEM;
        space = 1;
      } else if (!space) {
        if (cn_buf_putc(b, ' '))
          return BCV_ENOMEM;
        space = 1;
      }
      i += k;
      continue;
    }
    size_t a;
    for (a = 0; artefacts[a]; a++)
      if (cn_starts(s + i, len - i, artefacts[a]))
        break;
    if (artefacts[a]) {
      i += strlen(artefacts[a]);
      /* #br# between words stands for a space */
      if (!space && b->len && i < len && cn_buf_putc(b, ' '))
        return BCV_ENOMEM;
      space = b->len > 0;
      continue;
    }
    size_t n = cn_u8len(s + i, len - i);
    if (cn_buf_put(b, s + i, n))
      return BCV_ENOMEM;
    space = 0;
    i += n;
  }
  while (b->len && (b->p[b->len - 1] == ' ' || b->p[b->len - 1] == '\n'))
    b->len--;
  b->p[b->len] = '\0';
  return BCV_OK;
}

/* A separator at s: its length, or 0. */
static size_t sep_at(const char *s, size_t len, int commas) {
  if (s[0] == ';')
    return 1;
  if (cn_starts(s, len, "；"))
    return 3;
  if (commas) {
    if (s[0] == ',')
      return 1;
    if (cn_starts(s, len, "，") || cn_starts(s, len, "、"))
      return 3;
  }
  return 0;
}

int cn_split_list(const char *s, size_t len, int commas, cn_item_fn fn, void *ud) {
  commas = commas && cn_find(s, len, ";") == (size_t)-1 && cn_find(s, len, "；") == (size_t)-1;
  size_t start = 0;
  for (size_t i = 0; i <= len;) {
    size_t k = i < len ? sep_at(s + i, len - i, commas) : 1;
    if (!k) {
      i += cn_u8len(s + i, len - i);
      continue;
    }
    const char *item = s + start;
    size_t n = i - start;
    cn_trim(&item, &n);
    if (n) {
      int rc = fn(ud, item, n);
      if (rc)
        return rc;
    }
    i += k;
    start = i;
  }
  return BCV_OK;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

int cn_norm_number(cn_buf *b, const char *s, size_t len) {
  b->len = 0;
  cn_trim(&s, &len);
  size_t i = 0;
  while (i + 1 < len && s[i] == '0' && is_digit(s[i + 1]))
    i++;
  return cn_buf_put(b, s + i, len - i);
}

int cn_norm_pages(cn_buf *b, const char *s, size_t len, int keep_zeros) {
  b->len = 0;
  if (cn_buf_put(b, "", 0))
    return BCV_ENOMEM;
  cn_trim(&s, &len);
  while (len && (s[len - 1] == '.' || s[len - 1] == ',' || s[len - 1] == ' '))
    len--;
  int at_start = 1; /* at the start of a number: leading zeros go */
  for (size_t i = 0; i < len;) {
    char c = s[i];
    size_t n = cn_u8len(s + i, len - i);
    if (c == '+' || c == ',' || cn_starts(s + i, len - i, "，")) {
      while (b->len && (b->p[b->len - 1] == ' ' || b->p[b->len - 1] == '-'))
        b->len--;
      if (cn_buf_puts(b, ", "))
        return BCV_ENOMEM;
      i += n;
      while (i < len && s[i] == ' ')
        i++;
      at_start = 1;
      continue;
    }
    if (c == '-' || c == '~' || cn_starts(s + i, len - i, "\xE2\x88\x92") /* − */ ||
        cn_starts(s + i, len - i, "～") || cn_starts(s + i, len - i, "–") ||
        cn_starts(s + i, len - i, "—")) {
      if (b->len && b->p[b->len - 1] != '-' && cn_buf_putc(b, '-'))
        return BCV_ENOMEM;
      i += n;
      at_start = 1;
      continue;
    }
    if (c == ' ') {
      i++;
      continue;
    }
    if (!keep_zeros && at_start && c == '0' && i + 1 < len && is_digit(s[i + 1])) {
      i++;
      continue;
    }
    at_start = 0;
    if (cn_buf_put(b, s + i, n))
      return BCV_ENOMEM;
    i += n;
  }
  /* "111-" : the end page is missing */
  while (b->len && (b->p[b->len - 1] == '-' || b->p[b->len - 1] == ' ' || b->p[b->len - 1] == ','))
    b->len--;
  b->p[b->len] = '\0';
  return BCV_OK;
}

static int read_int(const char *s, size_t len, size_t *i, int max_digits) {
  int v = 0, d = 0;
  while (*i < len && is_digit(s[*i]) && d < max_digits) {
    v = v * 10 + (s[*i] - '0');
    (*i)++;
    d++;
  }
  return d ? v : -1;
}

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};

static int month_word(const char *s, size_t len) {
  if (len < 3)
    return 0;
  for (int m = 0; m < 12; m++) {
    int ok = 1;
    for (int k = 0; k < 3; k++)
      if ((s[k] | 0x20) != months[m][k])
        ok = 0;
    if (ok)
      return m + 1;
  }
  return 0;
}

static int valid(int y, int m, int d) {
  return y >= 1000 && y <= 2999 && m >= 0 && m <= 12 && d >= 0 && d <= 31 && !(d && !m);
}

int cn_parse_date(const char *s, size_t len, bcv_date *d) {
  memset(d, 0, sizeof *d);
  cn_trim(&s, &len);
  size_t i = 0;
  /* "Oct. 19, 2017"; a conference's "August 23-25, 1971" */
  int mw = month_word(s, len);
  if (mw) {
    while (i < len && s[i] != ' ')
      i++;
    while (i < len && s[i] == ' ')
      i++;
    int day = read_int(s, len, &i, 2), last = -1;
    if (day > 0 && i + 1 < len && s[i] == '-' && is_digit(s[i + 1])) {
      i++;
      last = read_int(s, len, &i, 2);
    }
    while (i < len && (s[i] == ',' || s[i] == ' '))
      i++;
    int y = read_int(s, len, &i, 4);
    if (y < 0 || !valid(y, mw, day > 0 ? day : 0) || (last >= 0 && (last <= day || !valid(y, mw, last))))
      return 0;
    d->from.year = y;
    d->from.month = mw;
    d->from.day = day > 0 ? day : 0;
    d->from.parts = day > 0 ? 3 : 2;
    if (last > 0) {
      d->to = d->from;
      d->to.day = last;
      d->flags |= BCV_DATE_RANGE;
    }
    return 1;
  }
  int y = read_int(s, len, &i, 4);
  if (y < 0 || i != 4)
    return 0;
  int m = 0, day = 0;
  size_t j = i;
  if (j < len && (s[j] == '-' || s[j] == '/' || s[j] == '.'))
    j++;
  else if (cn_starts(s + j, len - j, "年"))
    j += 3;
  if (j > i && (m = read_int(s, len, &j, 2)) > 0) {
    size_t k = j;
    if (k < len && (s[k] == '-' || s[k] == '/' || s[k] == '.'))
      k++;
    else if (cn_starts(s + k, len - k, "月"))
      k += 3;
    if (k > j && (day = read_int(s, len, &k, 2)) < 0)
      day = 0;
  } else {
    m = 0;
  }
  if (!valid(y, m, day))
    return 0;
  d->from.year = y;
  d->from.month = m;
  d->from.day = day;
  d->from.parts = day ? 3 : m ? 2 : 1;
  return 1;
}
