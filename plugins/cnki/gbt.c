/* SPDX-License-Identifier: MIT */
/* gbt.c: one GB/T 7714-2015 reference string into a record.
 *
 *   [1]袁训来, 陈哲, 肖书海, 等. 蓝田生物群: 一个新窗口[J]. 科学通报, 2012, 55(34): 3219.
 *   [2]程根伟. 1998年长江洪水的成因[M]//许厚泽, 赵其国. 长江流域洪涝灾害. 北京: 科学出版社, 1999: 32-36.
 *   [3]全国信息与文献标准化技术委员会. 信息与文献 参考文献著录规则: GB/T 7714—2015[S]. 北京: 中国标准出版社, 2015.
 *   [4]萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. http://www.creader.com/news/200112190019.html.
 *   KANAMORI H, 1998. Shaking without quaking[J]. Science, 279(5359): 2063.
 *
 * The parts are found from the type code: before it the authors (up to
 * the first full stop; "等" and "et al" are the et-al flag, never a
 * person) and the title (a standard's or patent's number after its last
 * colon); after it, by the code, the serial's "刊名, 年, 卷(期): 页码", a
 * newspaper's "报名, 日期(版次)", or a book's "出版地: 出版者, 年: 页码"
 * with the host of a part after "//", an edition and translators before
 * it; at the end the update and access dates, the URL and the DOI.
 * Beyond the standard's examples: words of responsibility after the
 * authors ("张三, 主编": editors), placeholders of an unknown place or
 * publisher ("[S.l.: s.n.]": neither set), copyright years ("c1980").
 * CNKI prints the same without blanks ("张福锁,王激清.题名[J].土壤学报,2008(05):915-924."),
 * some journals with full-width punctuation: both read the same.  The
 * author-year form keeps the year after the authors ("KANAMORI H, 1998."). */
#include <string.h>
#include "cnki.h"

/* The codes of GB/T 7714-2015 (table 1 and appendix B) and the CNKI type
 * each reads as; "//" (a part of a book or proceedings) refines M. */
static const struct {
  const char *code;
  const char *type;
} codes[] = {
    /* G (汇编) and DB (数据库) have no CSL type of their own: the record
     * says its code in gbt7714.code, which the gbt7714 writer follows */
    {"J", "Journal Article"},   {"M", "Book"},          {"C", "Conference Proceedings"},
    {"N", "Newspaper Article"}, {"D", "Thesis"},        {"R", "Report"},
    {"S", "Standard"},          {"P", "Patent"},        {"G", "Book"},
    {"EB", "Web Page"},         {"DB", "Dataset"},      {"DS", "Dataset"},
    {"CP", "Computer Program"}, {"CM", "Map"},          {"A", "Collection"},
    {"Z", "Generic"},
};

/* The carriers (文献载体): OL is online, which the URL says. */
static const char *const carriers[] = {"OL", "CD", "DK", "MT"};

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }

/* "京政办发[2005]37号": an official document's number ends in 号. */
static int ends_with_hao(const char *s, size_t len) {
  return len > 3 && memcmp(s + len - 3, "号", 3) == 0 && memchr(s, '[', len) != NULL;
}

static int lookup(const char *s, size_t len) {
  for (size_t k = 0; k < sizeof codes / sizeof *codes; k++)
    if (strlen(codes[k].code) == len && memcmp(codes[k].code, s, len) == 0)
      return (int)k;
  return -1;
}

/* "J", "EB/OL", "M/CD": the code's row, *carrier the carrier or NULL. */
static int code_of(const char *s, size_t len, const char **carrier) {
  *carrier = NULL;
  const char *sl = memchr(s, '/', len);
  if (!sl)
    return lookup(s, len);
  size_t cl = len - (size_t)(sl - s) - 1;
  for (size_t k = 0; k < sizeof carriers / sizeof *carriers; k++)
    if (strlen(carriers[k]) == cl && memcmp(carriers[k], sl + 1, cl) == 0) {
      *carrier = carriers[k];
      return lookup(s, (size_t)(sl - s));
    }
  return -1;
}

int cn_gbt_code(const char *s, size_t len) {
  const char *c;
  return code_of(s, len, &c) >= 0;
}

/* Punctuation in ASCII or its full-width form: the length at s, or 0. */
static size_t punct(const char *s, size_t len, char c) {
  if (len && s[0] == c)
    return 1;
  const char *fw = c == ',' ? "，" : c == ':' ? "：" : c == '.' ? "．" : c == '(' ? "（"
                 : c == ')' ? "）" : c == '[' ? "［" : c == ']' ? "］" : c == ';' ? "；" : NULL;
  return fw && cn_starts(s, len, fw) ? 3 : 0;
}

static size_t blanks(const char *s, size_t len, size_t i) {
  for (;;) {
    if (i < len && (s[i] == ' ' || s[i] == '\t'))
      i++;
    else if (cn_starts(s + i, len - i, "\xE3\x80\x80"))
      i += 3;
    else
      return i;
  }
}

/* Blanks and the characters of also off the end (the start stays). */
static void trim_end(const char *s, size_t *len, const char *also) {
  for (;;) {
    if (*len && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
      (*len)--;
    else if (*len >= 3 && memcmp(s + *len - 3, "\xE3\x80\x80", 3) == 0)
      *len -= 3;
    else if (*len && s[*len - 1] && strchr(also, s[*len - 1]))
      (*len)--;
    else if (*len >= 3 && (memcmp(s + *len - 3, "．", 3) == 0 || memcmp(s + *len - 3, "，", 3) == 0))
      *len -= 3;
    else
      return;
  }
}

/* A full stop that ends a part: not inside a number (3.8), not an
 * initial's glued to the next word ("J.Smith"). */
static size_t part_end(const char *s, size_t len, size_t from) {
  for (size_t i = from; i < len; i++) {
    /* "[S.l.]: [s.n.]": the full stops of an abbreviation in brackets */
    if (s[i] == '[') {
      size_t e = i + 1;
      while (e < len && e - i < 16 && s[e] != ']' && s[e] != '[')
        e++;
      if (e < len && s[e] == ']' && memchr(s + i, '.', e - i)) {
        i = e;
        continue;
      }
    }
    size_t k = punct(s + i, len - i, '.');
    if (!k)
      continue;
    if (k == 1 && i && is_digit(s[i - 1]) && i + 1 < len && is_digit(s[i + 1]))
      continue;
    if (k == 1 && i + 1 < len && (s[i + 1] == '/' || s[i + 1] == ':' || s[i + 1] == ','))
      continue;
    /* "U.S. Department": an abbreviation of capitals and full stops */
    if (k == 1 && i + 2 < len && is_upper(s[i + 1]) && s[i + 2] == '.')
      continue;
    if (k == 1 && i >= 3 && is_upper(s[i - 1]) && s[i - 2] == '.' && is_upper(s[i - 3]))
      continue;
    /* "Barbara M. KEHM": an initial inside a name, the surname in
     * capitals after it */
    if (k == 1 && i >= 2 && is_upper(s[i - 1]) && s[i - 2] == ' ' && i + 2 < len && s[i + 1] == ' ') {
      size_t e = i + 2;
      while (e < len && is_upper(s[e]))
        e++;
      if (e > i + 3 && e < len && (s[e] == '.' || s[e] == ',' || s[e] == ' '))
        continue;
    }
    return i;
  }
  return len;
}

/* The part after the part ending at i (its full stop, blanks). */
static size_t after_part(const char *s, size_t len, size_t i) {
  if (i < len)
    i += punct(s + i, len - i, '.');
  return blanks(s, len, i);
}

/* Four digits, not more: a year at s[i]. */
static int year_at(const char *s, size_t len, size_t i) {
  return i + 4 <= len && is_digit(s[i]) && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
         is_digit(s[i + 3]) && (i + 4 == len || !is_digit(s[i + 4])) && (s[i] == '1' || s[i] == '2');
}

/* What may stand before a year: "[1990]" (inferred), "c1980" (the
 * copyright year, 8.4.2.2): its length at s[i]. */
static size_t year_mark(const char *s, size_t len, size_t i) {
  return i < len && (s[i] == '[' || s[i] == 'c') && year_at(s, len, i + 1);
}

/* The first ", YYYY" in s from i: the position of the comma, or len. */
static size_t comma_year(const char *s, size_t len, size_t from) {
  for (size_t i = from; i < len; i++) {
    size_t k = punct(s + i, len - i, ',');
    if (!k)
      continue;
    size_t j = blanks(s, len, i + k);
    j += year_mark(s, len, j);
    if (year_at(s, len, j))
      return i;
  }
  return len;
}

typedef struct gbt {
  cn_builder *b;
  const char *s;
  size_t len;
  long line;
  int fill, en;
  int row; /* the code's row */
  int part; /* "//": a part of a host */
  const char *year; /* author-year: the year after the authors */
} gbt;

/* What stands for an unknown place and publisher (8.4.1.3, 8.4.2.3):
 * nothing to keep, and the gbt7714 writer puts them back where they are
 * missing.  The first two rows stand for both. */
static const char *const unknown[] = {
    "[S.l.: s.n.]", "[出版地不详: 出版者不详]", "[S.l.]", "[s.n.]", "[出版地不详]", "[出版者不详]",
};

static size_t unknown_at(const char *s, size_t len, int both) {
  for (size_t k = 0; k < (both ? 2 : sizeof unknown / sizeof *unknown); k++)
    if (cn_starts(s, len, unknown[k]))
      return strlen(unknown[k]);
  return 0;
}

static int put(gbt *g, cn_slot slot, const char *s, size_t len) {
  trim_end(s, &len, " ");
  cn_trim(&s, &len);
  if (!len || ((slot == CN_PUBPLACE || slot == CN_PUBLISHER) && unknown_at(s, len, 0) == len))
    return BCV_OK;
  if (g->fill) {
    const char *lang = slot == CN_TITLE || slot == CN_TITLE_EN || slot == CN_CONTAINER ||
                               slot == CN_CONTAINER_EN
                           ? (g->en ? "en" : "zh")
                           : NULL;
    cn_slot has = slot == CN_TITLE_EN ? CN_TITLE : slot;
    if (slot == CN_CONTAINER && g->en)
      has = CN_CONTAINER_EN;
    if (cn_has(g->b, has, has == CN_CONTAINER || has == CN_CONTAINER_EN ? NULL : lang))
      return BCV_OK;
  }
  return cn_put(g->b, slot, NULL, s, len, g->line, 1);
}

/* "10-15", "(05)", "2063": pages after a colon, an access date after them. */
static int put_pages(gbt *g, const char *s, size_t len) {
  size_t i = blanks(s, len, 0);
  size_t e = i;
  while (e < len && s[e] != '[' && !cn_starts(s + e, len - e, "［"))
    e++;
  if ((e > i) && put(g, CN_PAGES, s + i, e - i))
    return BCV_ENOMEM;
  return BCV_OK;
}

/* "科学通报, 2012, 55(34): 3219", "土壤学报,2008(05):915-924", "Science, 279(5359): 2063" */
static int serial(gbt *g, const char *s, size_t len, int newspaper) {
  int rc;
  size_t c = comma_year(s, len, 0);
  if (c == len) {
    /* author-year: the year was after the authors; the volume follows */
    for (c = 0; c < len; c++) {
      size_t k = punct(s + c, len - c, ',');
      size_t j = k ? blanks(s, len, c + k) : 0;
      if (k && j < len && (is_digit(s[j]) || punct(s + j, len - j, '(')))
        break;
    }
  }
  if ((rc = put(g, g->en ? CN_CONTAINER_EN : CN_CONTAINER, s, c)))
    return rc;
  if (c >= len)
    return BCV_OK;
  size_t i = blanks(s, len, c + punct(s + c, len - c, ','));
  if (year_at(s, len, i) || (s[i] == '[' && year_at(s, len, i + 1))) {
    if (s[i] == '[')
      i++;
    size_t ds = i;
    i += 4;
    /* a newspaper's whole date: 2000-11-20 */
    while (i < len && (is_digit(s[i]) || s[i] == '-' || s[i] == '/' ||
                       cn_starts(s + i, len - i, "年") || cn_starts(s + i, len - i, "月") ||
                       cn_starts(s + i, len - i, "日")))
      i += (unsigned char)s[i] >= 0x80 ? 3 : 1;
    if ((rc = put(g, i - ds > 4 ? CN_DATE : CN_YEAR, s + ds, i - ds)))
      return rc;
    if (i < len && s[i] == ']')
      i++;
    size_t k = punct(s + i, len - i, ',');
    i = blanks(s, len, i + k);
    /* CNKI's older "2003,(05)" has a comma and no volume */
    if (k && punct(s + i, len - i, ','))
      i = blanks(s, len, i + punct(s + i, len - i, ','));
  }
  /* an author-year newspaper: the month and day, its year went up */
  if (newspaper && g->year && i + 5 <= len && is_digit(s[i]) && is_digit(s[i + 1]) && s[i + 2] == '-' &&
      is_digit(s[i + 3]) && is_digit(s[i + 4])) {
    char date[11];
    memcpy(date, g->year, 4);
    date[4] = '-';
    memcpy(date + 5, s + i, 5);
    date[10] = '\0';
    if ((rc = put(g, CN_DATE, date, 10)))
      return rc;
    i += 5;
  }
  size_t vs = i;
  while (i < len && !punct(s + i, len - i, '(') && !punct(s + i, len - i, ':') &&
         !punct(s + i, len - i, '['))
    i++;
  if (i > vs && (rc = put(g, CN_VOLUME, s + vs, i - vs)))
    return rc;
  size_t k = punct(s + i, len - i, '(');
  if (k) {
    size_t e = i + k;
    while (e < len && !punct(s + e, len - e, ')'))
      e++;
    if ((rc = put(g, newspaper ? CN_PAGES : CN_ISSUE, s + i + k, e - i - k)))
      return rc;
    i = e < len ? e + punct(s + e, len - e, ')') : len;
  }
  i = blanks(s, len, i);
  if ((k = punct(s + i, len - i, ':')))
    return put_pages(g, s + i + k, len - i - k);
  return BCV_OK;
}

/* Whether the part after a [J] is a whole serial's imprint ("武汉: 出版者,
 * 1984") rather than an article's source ("刊名, 2012, 55(34): 3219"):
 * a colon before the year, nothing after it. */
static int whole_serial(const char *s, size_t len) {
  size_t y = comma_year(s, len, 0);
  if (y == len)
    return 0;
  size_t e = blanks(s, len, y + punct(s + y, len - y, ','));
  e += 4;
  while (e < len && (s[e] == '.' || s[e] == ' ' || s[e] == ']'))
    e++;
  if (e < len)
    return 0;
  for (size_t i = 0; i < y; i++)
    if (punct(s + i, y - i, ':'))
      return 1;
  return 0;
}

/* "北京: 中华书局, 2000: 29", "New York: Springer, 2008", "法律出版社:202408",
 * "2006-12-13" (a patent's date). */
static int imprint(gbt *g, const char *s, size_t len) {
  int rc;
  size_t i = blanks(s, len, 0);
  /* "[S.l.: s.n.], 1988": neither known, the year after them */
  size_t u = unknown_at(s + i, len - i, 1);
  if (u) {
    s += i + u;
    len -= i + u;
    i = 0;
  }
  if (year_at(s, len, i)) {
    /* a date alone */
    size_t e = i;
    while (e < len && (is_digit(s[e]) || s[e] == '-' || s[e] == '/'))
      e++;
    if ((rc = put(g, e - i > 4 ? CN_DATE : CN_YEAR, s + i, e - i)))
      return rc;
    size_t k = punct(s + e, len - e, ':');
    return k ? put_pages(g, s + e + k, len - e - k) : BCV_OK;
  }
  size_t y = comma_year(s, len, 0);
  size_t colon = len;
  for (size_t j = 0; j < y; j++)
    if (punct(s + j, y - j, ':')) {
      colon = j;
      break;
    }
  if (y == len && colon < len) {
    /* "法律出版社:202408": CNKI's publisher and year-month */
    size_t d = blanks(s, len, colon + punct(s + colon, len - colon, ':'));
    if (year_at(s, len, d) || (d + 6 <= len && is_digit(s[d + 5]) && is_digit(s[d]))) {
      if ((rc = put(g, CN_PUBLISHER, s, colon)))
        return rc;
      return put(g, CN_YEAR, s + d, 4);
    }
  }
  if (y == len && colon < len) {
    /* author-year: the year went up to the authors; "出版地: 出版者: 页码" */
    size_t c2 = colon + punct(s + colon, len - colon, ':'), last = len;
    for (size_t j = c2; j < len; j++)
      if (punct(s + j, len - j, ':'))
        last = j;
    if (last < len) {
      size_t d = blanks(s, len, last + punct(s + last, len - last, ':'));
      if (d < len && is_digit(s[d])) {
        if ((rc = put(g, CN_PUBPLACE, s, colon)) || (rc = put(g, CN_PUBLISHER, s + c2, last - c2)))
          return rc;
        return put_pages(g, s + d, len - d);
      }
    }
  }
  if (colon < y) {
    if ((rc = put(g, CN_PUBPLACE, s, colon)) ||
        (rc = put(g, CN_PUBLISHER, s + colon + punct(s + colon, len - colon, ':'),
                  y - colon - punct(s + colon, len - colon, ':'))))
      return rc;
  } else if ((rc = put(g, CN_PUBLISHER, s, y))) {
    return rc;
  }
  if (y == len)
    return BCV_OK;
  size_t d = blanks(s, len, y + punct(s + y, len - y, ','));
  int bracket = s[d] == '[';
  d += year_mark(s, len, d);
  size_t e = d + 4;
  while (e < len && (s[e] >= 'a' && s[e] <= 'z'))
    e++; /* 2011a: the author-year list's letter */
  if ((rc = put(g, CN_YEAR, s + d, 4)))
    return rc;
  if (bracket && e < len && s[e] == ']')
    e++;
  size_t k = punct(s + e, len - e, ':');
  return k ? put_pages(g, s + e + k, len - e - k) : BCV_OK;
}

/* Parts between the title and the imprint (8.2, 8.3): translators
 * ("王燕生, 译", "GAO J, trans"), editors of the edition ("张三, 主编"), an
 * edition ("2版", "第3版", "3rd ed", "Rev. ed", "2nd edition"). */
static const struct {
  const char *end;
  cn_slot slot;
} statements[] = {
    {", 译", CN_TRANSLATORS},   {",译", CN_TRANSLATORS}, {"，译", CN_TRANSLATORS},
    {" 译", CN_TRANSLATORS},    {"译", CN_TRANSLATORS},  {", trans", CN_TRANSLATORS},
    {", tr", CN_TRANSLATORS},   {" trans", CN_TRANSLATORS}, {", 编", CN_EDITORS},
    {",编", CN_EDITORS},        {"，编", CN_EDITORS},     {", 主编", CN_EDITORS},
    {"主编", CN_EDITORS},       {", ed", CN_EDITORS},     {", eds", CN_EDITORS},
    {"版", CN_EDITION},         {" ed", CN_EDITION},      {" edition", CN_EDITION},
};

/* The statement s is (its row in statements), or -1. */
static int statement(const char *s, size_t len) {
  trim_end(s, &len, " .");
  for (size_t k = 0; k < sizeof statements / sizeof *statements; k++) {
    size_t n = strlen(statements[k].end);
    if (len > n && memcmp(s + len - n, statements[k].end, n) == 0)
      /* an edition is short and alone ("中国大百科全书: 第2版" is a title) */
      return statements[k].slot != CN_EDITION ||
                     (len <= 24 && !memchr(s, ':', len) && cn_find(s, len, "：") == (size_t)-1)
                 ? (int)k
                 : -1;
  }
  return -1;
}

static int between(gbt *g, const char *s, size_t len) {
  trim_end(s, &len, " .");
  int k = statement(s, len);
  if (k < 0)
    return cn_put(g->b, CN_NOTE, NULL, s, len, g->line, 1);
  if (statements[k].slot != CN_EDITION)
    return g->fill ? BCV_OK
                   : cn_put(g->b, statements[k].slot, NULL, s, len - strlen(statements[k].end), g->line, 1);
  /* the edition's number, or the statement whole ("Rev. ed") */
  size_t i = 0;
  while (i < len && !is_digit(s[i]))
    i++;
  size_t e = i;
  while (e < len && is_digit(s[e]))
    e++;
  return put(g, CN_EDITION, e > i ? s + i : s, e > i ? e - i : len);
}

/* The end of the string: the DOI, the URL, the access date "[2002-04-15]"
 * and the update date "(2001-12-19)"; *len shrinks to what is before. */
static int tail(gbt *g, const char *s, size_t *len) {
  int rc;
  for (size_t i = 0; i + 4 <= *len; i++)
    if ((s[i] == 'D' || s[i] == 'd') && (s[i + 1] == 'O' || s[i + 1] == 'o') &&
        (s[i + 2] == 'I' || s[i + 2] == 'i') && punct(s + i + 3, *len - i - 3, ':') &&
        (i == 0 || !((s[i - 1] >= 'a' && s[i - 1] <= 'z') || is_upper(s[i - 1])))) {
      size_t v = blanks(s, *len, i + 3 + punct(s + i + 3, *len - i - 3, ':'));
      size_t vl = *len - v;
      trim_end(s + v, &vl, " .");
      if ((rc = put(g, CN_DOI, s + v, vl)))
        return rc;
      *len = i;
      break;
    }
  trim_end(s, len, " .");
  size_t u = cn_find(s, *len, "http://");
  size_t u2 = cn_find(s, *len, "https://");
  if (u2 < u)
    u = u2;
  if (u != (size_t)-1) {
    size_t e = u;
    while (e < *len && s[e] != ' ')
      e++;
    size_t ul = e - u;
    trim_end(s + u, &ul, " .");
    if ((rc = put(g, CN_URL, s + u, ul)))
      return rc;
    *len = u;
    trim_end(s, len, " .");
  }
  /* [access date] */
  if (*len > 10 && s[*len - 1] == ']') {
    size_t o = *len - 1;
    while (o > 0 && s[o] != '[')
      o--;
    if (s[o] == '[' && year_at(s, *len, o + 1)) {
      if ((rc = put(g, CN_ACCESSED, s + o + 1, *len - o - 2)))
        return rc;
      *len = o;
      trim_end(s, len, " .");
    }
  }
  /* (update date) */
  if (*len > 10 && s[*len - 1] == ')') {
    size_t o = *len - 1;
    while (o > 0 && s[o] != '(')
      o--;
    if (s[o] == '(' && year_at(s, *len, o + 1)) {
      if ((rc = put(g, CN_DATE, s + o + 1, *len - o - 2)))
        return rc;
      *len = o;
      trim_end(s, len, " .");
    }
  }
  return BCV_OK;
}

/* "许厚泽, 赵其国. 长江流域洪涝灾害. 北京: 科学出版社, 1999: 32-36": the
 * host's responsible persons, its title (with a conference's date and
 * place after it), an edition, then the imprint. */
static int parts(gbt *g, const char *s, size_t len) {
  int rc;
  size_t seg[8][2], n = 0;
  for (size_t i = blanks(s, len, 0); i < len && n < 8;) {
    size_t e = part_end(s, len, i);
    seg[n][0] = i;
    seg[n][1] = e;
    n++;
    i = after_part(s, len, e);
  }
  if (!n)
    return BCV_OK;
  /* the imprint is the last part with a year, a date or a colon */
  size_t imp = n;
  for (size_t k = n; k-- > 0;) {
    const char *p = s + seg[k][0];
    size_t pl = seg[k][1] - seg[k][0];
    if (comma_year(p, pl, 0) < pl || year_at(p, pl, blanks(p, pl, 0)) || cn_find(p, pl, ":") != (size_t)-1 ||
        cn_find(p, pl, "：") != (size_t)-1) {
      imp = k;
      break;
    }
  }
  size_t first = 0;
  if (g->part) {
    /* the host's title: the last part before the imprint that is no
     * edition or translators ("Water quality. 6th ed. New York: ...") */
    size_t host = imp == n ? n - 1 : imp - 1;
    while (host > 0 && host < n && statement(s + seg[host][0], seg[host][1] - seg[host][0]) >= 0)
      host--;
    if (imp == 0)
      host = n; /* no host title at all */
    /* its responsible persons, a body with its division ("American
     * Society of Mechanical Engineers. Applied Mechanics Division") */
    if (host < n && host > 0 && !g->fill &&
        (rc = cn_put(g->b, CN_EDITORS, NULL, s + seg[0][0], seg[host - 1][1] - seg[0][0], g->line, 1)))
      return rc;
    if (host < n) {
      const char *h = s + seg[host][0];
      size_t hl = seg[host][1] - seg[host][0];
      /* "会议录, 2011年6月, 北京": when and where the conference was */
      size_t d = comma_year(h, hl, 0);
      if (d < hl && !g->fill) {
        size_t ds = blanks(h, hl, d + punct(h + d, hl - d, ','));
        size_t de = ds;
        while (de < hl && !punct(h + de, hl - de, ','))
          de++;
        /* "Symposium on ..., August 23-25, 1971, Los Angeles": the month
         * and days before the year */
        size_t pc = d;
        while (pc > 0 && h[pc - 1] != ',')
          pc--;
        size_t ms = blanks(h, hl, pc);
        bcv_date dt;
        if (pc > 0 && ms < d && is_upper(h[ms]) && cn_parse_date(h + ms, de - ms, &dt)) {
          d = pc - 1;
          ds = ms;
        }
        if ((rc = cn_put(g->b, CN_EVENT_DATE, NULL, h + ds, de - ds, g->line, 1)))
          return rc;
        if (de < hl && (rc = cn_put(g->b, CN_EVENT_PLACE, NULL, h + de + punct(h + de, hl - de, ','),
                                    hl - de - punct(h + de, hl - de, ','), g->line, 1)))
          return rc;
        hl = d;
      }
      if ((rc = put(g, g->en ? CN_CONTAINER_EN : CN_CONTAINER, h, hl)))
        return rc;
      first = host + 1;
    }
  }
  for (size_t k = first; k < imp && k < n; k++)
    if ((rc = between(g, s + seg[k][0], seg[k][1] - seg[k][0])))
      return rc;
  if (imp < n) {
    /* the imprint runs to the end: a publisher may hold a full stop */
    return imprint(g, s + seg[imp][0], len - seg[imp][0]);
  }
  return BCV_OK;
}

/* Words of responsibility after the authors (8.1.1 leaves them out, lists
 * keep them): "著" and "编著" say authors, "主编", "编" and "ed" editors.
 * Han ones after a comma, a blank or 等, the two-character ones also
 * glued to the last name ("张三主编"); "ed" and "eds" after a comma. */
static const struct {
  const char *word;
  cn_slot slot;
} roles[] = {
    {"主编", CN_EDITORS}, {"编著", CN_AUTHORS}, {"编", CN_EDITORS}, {"著", CN_AUTHORS},
    {"撰", CN_AUTHORS},   {"eds", CN_EDITORS},  {"ed", CN_EDITORS},
};

static size_t role_at_end(const char *s, size_t len, cn_slot *slot) {
  for (size_t k = 0; k < sizeof roles / sizeof *roles; k++) {
    size_t n = strlen(roles[k].word);
    if (len <= n || memcmp(s + len - n, roles[k].word, n) != 0)
      continue;
    size_t b = len - n;
    int han = (unsigned char)roles[k].word[0] >= 0x80;
    while (b && s[b - 1] == ' ')
      b--;
    int comma = (b && s[b - 1] == ',') || (b >= 3 && memcmp(s + b - 3, "，", 3) == 0);
    int after = comma || (han && ((b < len - n) || (b >= 3 && memcmp(s + b - 3, "等", 3) == 0) || n == 6));
    if (!after)
      continue;
    *slot = roles[k].slot;
    return n;
  }
  return 0;
}

/* "[12]", "12.", "［12］" before an entry: its length. */
static size_t number_prefix(const char *s, size_t len) {
  size_t i = punct(s, len, '[');
  if (!i && len && s[0] == '(')
    i = 1;
  size_t d = i;
  while (i < len && i - d < 6 && is_digit(s[i]))
    i++;
  if (i == d)
    return 0;
  if (d)
    return punct(s + i, len - i, ']') ? i + punct(s + i, len - i, ']')
           : i < len && s[i] == ')' ? i + 1
                                   : 0;
  if (i < len && s[i] == '.' && !(i + 1 < len && is_digit(s[i + 1])))
    return i + 1;
  if (cn_starts(s + i, len - i, "、"))
    return i + 3;
  return 0;
}

int cn_read_gbt(cn_builder *b, const char *s, size_t len, long line, int fill) {
  int rc;
  cn_trim(&s, &len);
  size_t np = number_prefix(s, len);
  s += np;
  len -= np;
  cn_trim(&s, &len);
  /* the type code: the first [X] or [X/OL] the table knows */
  size_t mo = len, mc = 0;
  int row = -1;
  const char *carrier = NULL;
  for (size_t i = 0; i < len; i++) {
    size_t k = punct(s + i, len - i, '[');
    if (!k)
      continue;
    size_t j = i + k;
    while (j < len && j - i < 10 && (is_upper(s[j]) || s[j] == '/'))
      j++;
    size_t c = punct(s + j, len - j, ']');
    if (j > i + k && c && (row = code_of(s + i + k, j - i - k, &carrier)) >= 0) {
      mo = i;
      mc = j + c;
      break;
    }
  }
  if (row < 0) {
    if (fill)
      return BCV_OK;
    bcv_diag_report(cn_builder_diag(b), BCV_SEV_WARNING, NULL, line, 1,
                    "reference string without a type code such as [J]; kept as a note");
    return cn_put(b, CN_NOTE, NULL, s, len, line, 1);
  }
  gbt g = {b, s, len, line, fill, 0, row, 0, NULL};
  g.part = mc + 1 < len && s[mc] == '/' && s[mc + 1] == '/';
  /* authors up to the first full stop, the title after them */
  size_t ae = part_end(s, mo, 0);
  size_t ts = ae < mo ? after_part(s, mo, ae) : 0;
  if (ae == mo)
    ae = 0;
  g.en = !cn_has_han(s + ts, mo - ts);
  /* GB/T 7714 writes every name family first: "Beuthien V", "LUO Y" */
  cn_family_first(b);
  if (!fill)
    cn_cited_pages(b);
  const char *type = g.part && row == 1 ? "Book Section" : codes[row].type;
  /* a whole serial: "临床内科杂志[J]. 武汉: 中华医学会湖北分会, 1984." */
  if (row == 0 && whole_serial(s + mc, len - mc))
    type = "Periodical";
  if (!fill && (rc = cn_put(b, CN_TYPE, NULL, type, strlen(type), line, 1)))
    return rc;
  if (!fill && (strcmp(codes[row].code, "G") == 0 || strcmp(codes[row].code, "DB") == 0) &&
      (rc = cn_put(b, CN_EXTRA, "gbt7714.code", codes[row].code, strlen(codes[row].code), line, 1)))
    return rc;
  if (ae) {
    const char *a = s;
    size_t al = ae;
    trim_end(a, &al, " ");
    /* author-year: "KANAMORI H, 1998", "张三, 等, 2012a" */
    size_t ye = al;
    while (ye > 0 && s[ye - 1] >= 'a' && s[ye - 1] <= 'z')
      ye--;
    if (ye >= 4 && year_at(s, ye, ye - 4)) {
      size_t y = ye - 4, c = y;
      while (c > 0 && (s[c - 1] == ' ' || s[c - 1] == '['))
        c--;
      if (c > 0 && (s[c - 1] == ',' || (c >= 3 && memcmp(s + c - 3, "，", 3) == 0))) {
        if ((rc = put(&g, CN_YEAR, s + y, 4)))
          return rc;
        g.year = s + y;
        al = c - (s[c - 1] == ',' ? 1 : 3);
      }
    }
    /* "张三, 主编", "SMITH J, ed": the persons are the editors */
    cn_slot role = CN_AUTHORS;
    size_t rl = role_at_end(a, al, &role);
    if (rl) {
      al -= rl;
      trim_end(a, &al, " ,");
    }
    /* a translation under a Chinese entry may keep the Han names
     * ("邓正阳, 向昉. Rebuilding Grassroots[J]..."): they are no romanised forms */
    if (role == CN_EDITORS) {
      if (!fill && (rc = cn_put(b, CN_EDITORS, NULL, a, al, line, 1)))
        return rc;
    } else if (!fill || (!cn_has(b, CN_AUTHORS, g.en ? "en" : "zh") && !(g.en && cn_has_han(a, al)))) {
      if ((rc = cn_put_names(b, a, al, g.en ? "en" : "zh", line)))
        return rc;
    }
  }
  /* the title; a standard's or a patent's number after its last colon */
  const char *t = s + ts;
  size_t tl = mo - ts;
  trim_end(t, &tl, " ");
  if (row != 0 && row != 3) {
    size_t c = tl;
    while (c > 0 && !punct(t + c - 1, tl - c + 1, ':') &&
           !(c >= 3 && memcmp(t + c - 3, "：", 3) == 0))
      c--;
    if (c > 0) {
      size_t ck = t[c - 1] == ':' ? 1 : 3;
      const char *num = t + c;
      size_t nl = tl - c;
      cn_trim(&num, &nl);
      /* a number: capitals and digits ("GB/T 7714—2015", "PB 91-194001"),
       * a long run of digits ("200610171314.3"), or an official
       * document's "京政办发[2005]37号"; not a year or a volume ("2003",
       * "第1卷") */
      int digits = 0, lower = 0, upper = 0;
      for (size_t i = 0; i < nl; i++) {
        digits += is_digit(num[i]);
        lower |= num[i] >= 'a' && num[i] <= 'z';
        upper |= is_upper(num[i]);
      }
      int han = cn_has_han(num, nl);
      int docno = han && ends_with_hao(num, nl);
      if (nl && nl < 48 && digits && !lower && (han ? docno : upper || digits >= 6)) {
        if ((rc = put(&g, CN_NUMBER, num, nl)))
          return rc;
        tl = c - ck;
        trim_end(t, &tl, " ");
      }
    }
  }
  if ((rc = put(&g, g.en ? CN_TITLE_EN : CN_TITLE, t, tl)))
    return rc;
  if (carrier && strcmp(carrier, "OL") != 0 && (rc = put(&g, CN_MEDIUM, carrier, strlen(carrier))))
    return rc;
  /* after the code */
  size_t i = g.part ? blanks(s, len, mc + 2) : after_part(s, len, mc);
  const char *rest = s + i;
  size_t rl = len - i;
  if ((rc = tail(&g, rest, &rl)))
    return rc;
  if ((row == 0 && !whole_serial(rest, rl)) || row == 3)
    return serial(&g, rest, rl, row == 3);
  return parts(&g, rest, rl);
}
