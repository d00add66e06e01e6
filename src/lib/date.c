/* SPDX-License-Identifier: MIT */
/* date.c: ISO 8601-2 (EDTF level 0 and 1) dates to and from the model. */
#include <stdio.h>
#include <string.h>
#include "bibconv/bibconv.h"

static int digits(const char *s, size_t len, size_t *i, int n, int *out) {
  int v = 0;
  for (int k = 0; k < n; k++) {
    if (*i >= len || s[*i] < '0' || s[*i] > '9')
      return 0;
    v = v * 10 + (s[*i] - '0');
    (*i)++;
  }
  *out = v;
  return 1;
}

static int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return d[m - 1];
}

/* One date of an interval; qualifiers ~ ? % may follow. */
static int parse_one(const char *s, size_t len, bcv_date_part *p, int *season,
                     unsigned *flags) {
  size_t i = 0;
  int neg = 0;
  if (i < len && s[i] == '-') {
    neg = 1;
    i++;
  }
  int y;
  if (!digits(s, len, &i, 4, &y))
    return 0;
  p->year = neg ? -y : y;
  p->parts = 1;
  if (i + 2 < len && s[i] == '-' && s[i + 1] == 'X' && s[i + 2] == 'X') {
    /* "1999-XX" and "1999-XX-XX": the unspecified parts are left out */
    i += 3;
    if (i + 2 < len && s[i] == '-' && s[i + 1] == 'X' && s[i + 2] == 'X')
      i += 3;
  } else if (i < len && s[i] == '-') {
    i++;
    int m;
    if (!digits(s, len, &i, 2, &m))
      return 0;
    if (m >= 21 && m <= 24) {
      *season = m - 20;
    } else if (m >= 1 && m <= 12) {
      p->month = m;
      p->parts = 2;
      if (i + 2 < len && s[i] == '-' && s[i + 1] == 'X' && s[i + 2] == 'X') {
        i += 3; /* "2004-04-XX" */
      } else if (i < len && s[i] == '-') {
        i++;
        int d;
        if (!digits(s, len, &i, 2, &d) || d < 1 || d > days_in(p->year, m))
          return 0;
        p->day = d;
        p->parts = 3;
      }
    } else {
      return 0;
    }
  }
  /* A time of day ("T04:42:37Z") is finer than any citation needs. */
  if (i < len && s[i] == 'T' && p->parts == 3) {
    i++;
    while (i < len && strchr("0123456789:.+-Z", s[i]))
      i++;
  }
  for (; i < len; i++) {
    if (s[i] == '~')
      *flags |= BCV_DATE_CIRCA;
    else if (s[i] == '?')
      *flags |= BCV_DATE_UNCERTAIN;
    else if (s[i] == '%')
      *flags |= BCV_DATE_CIRCA | BCV_DATE_UNCERTAIN;
    else
      return 0;
  }
  return 1;
}

int bcv_date_parse_edtf(const char *s, size_t len, bcv_date *out) {
  memset(out, 0, sizeof *out);
  while (len && (*s == ' ' || *s == '\t')) {
    s++;
    len--;
  }
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    len--;
  if (!len)
    return BCV_ESYNTAX;
  const char *slash = memchr(s, '/', len);
  if (!slash) {
    if (!parse_one(s, len, &out->from, &out->season, &out->flags))
      goto bad;
    return BCV_OK;
  }
  size_t l1 = (size_t)(slash - s), l2 = len - l1 - 1;
  const char *s2 = slash + 1;
  int season2 = 0;
  out->flags |= BCV_DATE_RANGE;
  if (l1 == 0 || (l1 == 2 && memcmp(s, "..", 2) == 0))
    out->flags |= BCV_DATE_OPEN_START;
  else if (!parse_one(s, l1, &out->from, &out->season, &out->flags))
    goto bad;
  if (l2 == 0 || (l2 == 2 && memcmp(s2, "..", 2) == 0))
    out->flags |= BCV_DATE_OPEN_END;
  else if (!parse_one(s2, l2, &out->to, &season2, &out->flags))
    goto bad;
  if ((out->flags & BCV_DATE_OPEN_START) && (out->flags & BCV_DATE_OPEN_END))
    goto bad;
  return BCV_OK;
bad:
  memset(out, 0, sizeof *out);
  return BCV_ESYNTAX;
}

static size_t fmt_part(const bcv_date_part *p, int season, char *buf, size_t n) {
  int y = p->year < 0 ? -p->year : p->year;
  if (p->parts >= 3)
    return (size_t)snprintf(buf, n, "%s%04d-%02d-%02d", p->year < 0 ? "-" : "", y, p->month, p->day);
  if (p->parts == 2)
    return (size_t)snprintf(buf, n, "%s%04d-%02d", p->year < 0 ? "-" : "", y, p->month);
  if (season)
    return (size_t)snprintf(buf, n, "%s%04d-%02d", p->year < 0 ? "-" : "", y, 20 + season);
  return (size_t)snprintf(buf, n, "%s%04d", p->year < 0 ? "-" : "", y);
}

size_t bcv_date_format_edtf(const bcv_date *d, char *buf, size_t n) {
  char a[48] = "", b[48] = "";
  const char *q = (d->flags & BCV_DATE_CIRCA) && (d->flags & BCV_DATE_UNCERTAIN) ? "%"
                  : (d->flags & BCV_DATE_CIRCA)                                  ? "~"
                  : (d->flags & BCV_DATE_UNCERTAIN)                              ? "?"
                                                                                 : "";
  if (d->flags & BCV_DATE_OPEN_START)
    snprintf(a, sizeof a, "..");
  else if (d->from.parts)
    fmt_part(&d->from, d->season, a, sizeof a);
  if (d->flags & BCV_DATE_OPEN_END)
    snprintf(b, sizeof b, "..");
  else if (d->to.parts)
    fmt_part(&d->to, 0, b, sizeof b);
  const char *qa = d->from.parts && !(d->flags & BCV_DATE_OPEN_START) ? q : "";
  const char *qb = d->to.parts && !(d->flags & BCV_DATE_OPEN_END) ? q : "";
  int len;
  if (d->flags & BCV_DATE_RANGE)
    len = snprintf(buf, n, "%s%s/%s%s", a, qa, b, qb);
  else
    len = snprintf(buf, n, "%s%s", a, qa);
  return len < 0 ? 0 : (size_t)len;
}
