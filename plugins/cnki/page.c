/* SPDX-License-Identifier: MIT */
/* page.c: article pages pasted from a browser, and GB/T 7714 strings.
 *
 * A pasted page is labelled lines ("摘要：", "Key words:", "• Online:")
 * among unlabelled ones.  Labels go through one table.  Unlabelled lines
 * are read by their shape and order: a Magtech breadcrumb or a CNKI
 * source line, a numbered affiliation, then per language the first short
 * line is the title, the next that is a list of names the authors, and
 * longer text the abstract.  CQVIP puts the Chinese and English versions
 * on one line ("摘要 <中文> <English>"); they are cut where the Han text
 * ends. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "cnki.h"

typedef enum kind {
  K_SLOT,   /* the value goes to the row's slot */
  K_SPLIT,  /* Chinese part to slot, English part to slot_en */
  K_SOURCE, /* CQVIP's 出处 line */
  K_CITE,   /* a GB/T reference string for this article (引用本文, Citation) */
  K_NEWS    /* "Source: Page 008 of <paper> on <date>" */
} kind;

enum {
  L_INLINE = 1u << 0, /* the value ends where the next inline label starts */
  L_SPACE = 1u << 1   /* may be followed by a space instead of a colon */
};

typedef struct label {
  const char *text;
  kind kind;
  cn_slot slot, slot_en;
  const char *key;
  unsigned flags;
} label;

static const label labels[] = {
    {"Abstract", K_SLOT, CN_ABSTRACT_EN, 0, NULL, 0},
    {"摘要", K_SPLIT, CN_ABSTRACT, CN_ABSTRACT_EN, NULL, L_SPACE},
    {"Key words", K_SLOT, CN_KEYWORDS_EN, 0, NULL, 0},
    {"Keywords", K_SLOT, CN_KEYWORDS_EN, 0, NULL, 0},
    {"Key Words", K_SLOT, CN_KEYWORDS_EN, 0, NULL, 0},
    {"关键词", K_SPLIT, CN_KEYWORDS, CN_KEYWORDS_EN, NULL, L_SPACE},
    {"作者", K_SPLIT, CN_AUTHORS, CN_AUTHORS_EN, NULL, L_SPACE},
    {"出处", K_SOURCE, 0, 0, NULL, L_SPACE},
    {"CLC Number", K_SLOT, CN_EXTRA, 0, "cnki.clc", 0},
    {"中图分类号", K_SLOT, CN_EXTRA, 0, "cnki.clc", 0},
    {"分类号", K_SLOT, CN_EXTRA, 0, "cnki.clc", 0},
    {"Online", K_SLOT, CN_ONLINE, 0, NULL, L_INLINE},
    {"网络出版日期", K_SLOT, CN_ONLINE, 0, NULL, L_INLINE},
    {"发布日期", K_SLOT, CN_ONLINE, 0, NULL, L_INLINE},
    {"在线公开时间", K_SLOT, CN_ONLINE, 0, NULL, L_INLINE},
    {"Published", K_SLOT, CN_DATE, 0, NULL, L_INLINE},
    {"出版日期", K_SLOT, CN_DATE, 0, NULL, L_INLINE},
    {"Received", K_SLOT, CN_EXTRA, 0, "cnki.received", L_INLINE},
    {"收稿日期", K_SLOT, CN_EXTRA, 0, "cnki.received", L_INLINE},
    {"Revised", K_SLOT, CN_EXTRA, 0, "cnki.revised", L_INLINE},
    {"修回日期", K_SLOT, CN_EXTRA, 0, "cnki.revised", L_INLINE},
    {"Accepted", K_SLOT, CN_EXTRA, 0, "cnki.accepted", L_INLINE},
    {"接受日期", K_SLOT, CN_EXTRA, 0, "cnki.accepted", L_INLINE},
    {"录用日期", K_SLOT, CN_EXTRA, 0, "cnki.accepted", L_INLINE},
    {"DOI", K_SLOT, CN_DOI, 0, NULL, 0},
    {"doi", K_SLOT, CN_DOI, 0, NULL, 0},
    {"基金资助", K_SLOT, CN_EXTRA, 0, "cnki.fund", 0},
    {"基金项目", K_SLOT, CN_EXTRA, 0, "cnki.fund", 0},
    {"基金", K_SLOT, CN_EXTRA, 0, "cnki.fund", L_SPACE},
    {"Supported by", K_SLOT, CN_EXTRA, 0, "cnki.fund", 0},
    {"Fund", K_SLOT, CN_EXTRA, 0, "cnki.fund", 0},
    {"专辑", K_SLOT, CN_EXTRA, 0, "cnki.album", 0},
    {"专题", K_SLOT, CN_EXTRA, 0, "cnki.topic", 0},
    {"下载", K_SLOT, CN_EXTRA, 0, "cnki.downloads", L_INLINE},
    {"页码", K_SLOT, CN_PAGES, 0, NULL, L_INLINE},
    {"页数", K_SLOT, CN_NPAGES, 0, NULL, L_INLINE},
    {"大小", K_SLOT, CN_EXTRA, 0, "cnki.size", L_INLINE},
    {"被引量", K_SLOT, CN_EXTRA, 0, "cnki.cited", L_INLINE},
    {"引用本文", K_CITE, 0, 0, NULL, 0},
    {"本文引用格式", K_CITE, 0, 0, NULL, 0},
    {"Citation", K_CITE, 0, 0, NULL, 0},
    {"Cite this article", K_CITE, 0, 0, NULL, 0},
    {"Contact", K_SLOT, CN_EXTRA, 0, "cnki.contact", 0},
    {"通讯作者", K_SLOT, CN_EXTRA, 0, "cnki.contact", 0},
    {"责任作者", K_SLOT, CN_EXTRA, 0, "cnki.contact", 0},
    {"About author", K_SLOT, CN_EXTRA, 0, "cnki.about-author", 0},
    {"作者简介", K_SLOT, CN_EXTRA, 0, "cnki.about-author", 0},
    {"导师", K_SLOT, CN_SUPERVISOR, 0, NULL, 0},
    {"学位授予单位", K_SLOT, CN_PUBLISHER, 0, NULL, 0},
    {"学科专业", K_SLOT, CN_EXTRA, 0, "cnki.major", 0},
    {"会议名称", K_SLOT, CN_SECONDARY, 0, NULL, 0},
    {"会议地点", K_SLOT, CN_PLACE, 0, NULL, 0},
    {"会议时间", K_SLOT, CN_EXTRA, 0, "cnki.event-date", 0},
    {"报纸日期", K_SLOT, CN_DATE, 0, NULL, 0},
    {"版号", K_SLOT, CN_PAGES, 0, NULL, 0},
    {"版名", K_SLOT, CN_SECTION, 0, NULL, 0},
    {"Source", K_NEWS, 0, 0, NULL, 0},
};
#define N_LABELS (sizeof labels / sizeof *labels)

/* Browser chrome that comes along with a paste. */
static const char *const noise[] = {
    "Previous Articles", "Next Articles", "上一篇", "下一篇", "相关文献", "使用帮助",
    "返回顶部", "认领", NULL,
};

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static size_t skip_bullets(const char *s, size_t len, size_t i) {
  for (;;) {
    if (i < len && (s[i] == ' ' || s[i] == '\t'))
      i++;
    else if (cn_starts(s + i, len - i, "•") || cn_starts(s + i, len - i, "\xE3\x80\x80"))
      i += 3;
    else if (cn_starts(s + i, len - i, "\xC2\xA0"))
      i += 2;
    else
      return i;
  }
}

/* The length of the label at s with its colon (or space), or 0. */
static size_t match_label(const char *s, size_t len, const label *l) {
  size_t n = strlen(l->text);
  if (!cn_starts(s, len, l->text))
    return 0;
  /* a label ends at its colon: "Abstract" is not "Abstracts of ..." */
  size_t i = n;
  while (i < len && s[i] == ' ')
    i++;
  if (i < len && s[i] == ':')
    return i + 1;
  if (cn_starts(s + i, len - i, "："))
    return i + 3;
  if (i == len && i == n)
    return n; /* "CLC Number:" with nothing: handled by the caller */
  if ((l->flags & L_SPACE) && i > n && i < len)
    return i;
  return 0;
}

static const label *find_label(const char *s, size_t len, size_t *skip) {
  for (size_t k = 0; k < N_LABELS; k++) {
    size_t n = match_label(s, len, &labels[k]);
    /* "Abstract" alone is text, "摘要" alone a label awaiting its value */
    if (n && !(n == strlen(labels[k].text) && (unsigned char)labels[k].text[0] < 0x80 &&
               n == len))
      return *skip = n, &labels[k];
  }
  return NULL;
}

/* The first inline label after the start of s ("... Published:2023-05-11"). */
static size_t next_inline(const char *s, size_t len) {
  for (size_t i = 1; i < len; i++) {
    if (s[i - 1] != ' ' && (unsigned char)s[i] < 0x80)
      continue;
    for (size_t k = 0; k < N_LABELS; k++)
      if ((labels[k].flags & L_INLINE) && match_label(s + i, len - i, &labels[k]) > strlen(labels[k].text))
        return i;
  }
  return len;
}

/* Where the Han text of a "中文 English" line ends: the English part is
 * what follows the last Han character or Chinese punctuation. */
static size_t han_end(const char *s, size_t len) {
  size_t end = 0;
  for (size_t i = 0, n; i < len; i += n) {
    unsigned c = cn_cp(s + i, len - i, &n);
    if (cn_is_han_cp(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
        c == 0x201C || c == 0x201D)
      end = i + n;
  }
  /* a closing quote or bracket after the last Han character belongs to it */
  while (end < len && (s[end] == '"' || s[end] == ')' || s[end] == '.'))
    end++;
  return end;
}

static int has_sep(const char *s, size_t len) {
  return cn_find(s, len, ";") != (size_t)-1 || cn_find(s, len, "；") != (size_t)-1 ||
         cn_find(s, len, ",") != (size_t)-1 || cn_find(s, len, "，") != (size_t)-1 ||
         cn_find(s, len, "、") != (size_t)-1;
}

typedef struct page {
  cn_builder *b;
  cn_buf body[2]; /* unlabelled text: [0] Chinese, [1] English */
  long body_line[2];
  int body_started;
  cn_buf tmp, names;
} page;

/* Han items separated by spaces only ("邓正阳 向昉", CQVIP keywords). */
static int put_spaced(page *p, cn_slot slot, const char *s, size_t len, long line) {
  if (has_sep(s, len))
    return cn_put(p->b, slot, NULL, s, len, line, 1);
  p->tmp.len = 0;
  for (size_t i = 0; i < len; i++)
    if (cn_buf_putc(&p->tmp, s[i] == ' ' ? ';' : s[i]))
      return BCV_ENOMEM;
  return cn_put(p->b, slot, NULL, p->tmp.p, p->tmp.len, line, 1);
}

static int put_split(page *p, const label *l, const char *s, size_t len, long line) {
  size_t cut = han_end(s, len);
  const char *en = s + cut;
  size_t enl = len - cut;
  cn_trim(&en, &enl);
  int rc = BCV_OK;
  if (cut) {
    if (l->slot == CN_ABSTRACT)
      rc = cn_put(p->b, l->slot, NULL, s, cut, line, 1);
    else
      rc = put_spaced(p, l->slot, s, cut, line);
  }
  if (rc || !enl)
    return rc;
  if (l->slot == CN_KEYWORDS && !has_sep(en, enl)) {
    /* CQVIP runs English keywords together with spaces: where one ends
     * cannot be known, so they stay one item rather than guessed apart */
    bcv_diag_report(cn_builder_diag(p->b), BCV_SEV_NOTE, NULL, line, 1,
                    "English keywords are separated by spaces only; kept as one keyword");
  }
  return cn_put(p->b, l->slot_en, NULL, en, enl, line, 1);
}

static long read_num(const char *s, size_t len, size_t *i) {
  long v = -1;
  while (*i < len && is_digit(s[*i]) && v < 100000000)
    v = (v < 0 ? 0 : v * 10) + (s[(*i)++] - '0');
  return v;
}

static int put_num(page *p, cn_slot slot, long v, long line) {
  char buf[24];
  int n = snprintf(buf, sizeof buf, "%ld", v);
  return cn_put(p->b, slot, NULL, buf, (size_t)n, line, 1);
}

/* 出处 《社会主义研究》 CSSCI 北大核心 2021年第5期132-140,共9页 Socialism Studies */
static int put_source(page *p, const char *s, size_t len, long line) {
  int rc;
  size_t o = cn_find(s, len, "《"), c = cn_find(s, len, "》");
  size_t i = 0;
  if (o != (size_t)-1 && c != (size_t)-1 && c > o) {
    if ((rc = cn_put(p->b, CN_CONTAINER, NULL, s + o + 3, c - o - 3, line, 1)))
      return rc;
    i = c + 3;
  }
  /* index badges stand between the journal and the year */
  p->tmp.len = 0;
  while (i < len) {
    while (i < len && s[i] == ' ')
      i++;
    size_t e = i;
    while (e < len && s[e] != ' ')
      e++;
    if (e > i + 3 && is_digit(s[i]) && cn_starts(s + i + 4, len - i - 4, "年"))
      break;
    if (e > i && ((p->tmp.len && cn_buf_puts(&p->tmp, ", ")) || cn_buf_put(&p->tmp, s + i, e - i)))
      return BCV_ENOMEM;
    i = e;
  }
  if (p->tmp.len && (rc = cn_put(p->b, CN_EXTRA, "cnki.badges", p->tmp.p, p->tmp.len, line, 1)))
    return rc;
  if (i >= len)
    return BCV_OK;
  long year = read_num(s, len, &i);
  if (year > 0 && (rc = put_num(p, CN_YEAR, year, line)))
    return rc;
  i += 3; /* 年 */
  for (int k = 0; k < 2 && cn_starts(s + i, len - i, "第"); k++) {
    i += 3;
    long v = read_num(s, len, &i);
    int vol = cn_starts(s + i, len - i, "卷");
    if (v >= 0 && (rc = put_num(p, vol ? CN_VOLUME : CN_ISSUE, v, line)))
      return rc;
    if (cn_starts(s + i, len - i, "卷") || cn_starts(s + i, len - i, "期"))
      i += 3;
  }
  size_t ps = i;
  while (i < len && s[i] != ',' && !cn_starts(s + i, len - i, "，") && s[i] != ' ')
    i++;
  if (i > ps && (rc = cn_put(p->b, CN_PAGES, NULL, s + ps, i - ps, line, 1)))
    return rc;
  size_t gong = cn_find(s + i, len - i, "共");
  if (gong != (size_t)-1) {
    i += gong + 3;
    long n = read_num(s, len, &i);
    if (n >= 0 && (rc = put_num(p, CN_NPAGES, n, line)))
      return rc;
    if (cn_starts(s + i, len - i, "页"))
      i += 3;
  }
  const char *en = s + i;
  size_t enl = len - i;
  cn_trim(&en, &enl);
  return enl ? cn_put(p->b, CN_CONTAINER_EN, NULL, en, enl, line, 1) : BCV_OK;
}

/* "Journal of X(Social Science) ›› 2024, Vol. 26 ›› Issue (2): 69-80.DOI: 10..." */
static int put_breadcrumb(page *p, const char *s, size_t len, long line) {
  int rc;
  size_t a = cn_find(s, len, "››");
  const char *j = s;
  size_t jl = a;
  cn_trim(&j, &jl);
  /* "University(Social Science)": the space English wants before "(" */
  p->tmp.len = 0;
  for (size_t i = 0; i < jl; i++)
    if ((j[i] == '(' && i && is_alpha(j[i - 1]) && cn_buf_putc(&p->tmp, ' ')) ||
        cn_buf_putc(&p->tmp, j[i]))
      return BCV_ENOMEM;
  int zh = cn_has_han(j, jl);
  if ((rc = cn_put(p->b, CN_TYPE, NULL, "Journal Article", 15, line, 1)) ||
      (rc = cn_put(p->b, zh ? CN_CONTAINER : CN_CONTAINER_EN, NULL, p->tmp.p, p->tmp.len, line, 1)))
    return rc;
  size_t i = a + 6;
  while (i < len && !is_digit(s[i]))
    i++;
  long year = read_num(s, len, &i);
  if (year > 0 && (rc = put_num(p, CN_YEAR, year, line)))
    return rc;
  size_t v = cn_find(s, len, "Vol.");
  if (v != (size_t)-1) {
    i = v + 4;
    while (i < len && s[i] == ' ')
      i++;
    size_t vs = i;
    while (i < len && s[i] != ' ' && !cn_starts(s + i, len - i, "››"))
      i++;
    if (i > vs && (rc = cn_put(p->b, CN_VOLUME, NULL, s + vs, i - vs, line, 1)))
      return rc;
  }
  size_t is = cn_find(s, len, "Issue");
  if (is != (size_t)-1) {
    i = is + 5;
    size_t o = cn_find(s + i, len - i, "(");
    size_t c = cn_find(s + i, len - i, ")");
    if (o != (size_t)-1 && c != (size_t)-1 && c > o &&
        (rc = cn_put(p->b, CN_ISSUE, NULL, s + i + o + 1, c - o - 1, line, 1)))
      return rc;
    if (c != (size_t)-1)
      i += c + 1;
    if (i < len && s[i] == ':')
      i++;
    size_t doi = cn_find(s + i, len - i, "DOI");
    size_t pe = doi == (size_t)-1 ? len : i + doi;
    if ((rc = cn_put(p->b, CN_PAGES, NULL, s + i, pe - i, line, 1)))
      return rc;
    if (doi != (size_t)-1) {
      i = pe + 3;
      while (i < len && (s[i] == ':' || s[i] == ' '))
        i++;
      return cn_put(p->b, CN_DOI, NULL, s + i, len - i, line, 1);
    }
  }
  return BCV_OK;
}

/* CNKI kcms: "物理与工程 . 2026 ,36 (03) : 5-15" */
static int kcms_source(const char *s, size_t len, size_t *dot) {
  size_t d = cn_find(s, len, " . ");
  if (d == (size_t)-1 || d == 0 || d + 7 > len)
    return 0;
  for (size_t i = d + 3; i < d + 7; i++)
    if (!is_digit(s[i]))
      return 0;
  *dot = d;
  return 1;
}

static int put_kcms_source(page *p, const char *s, size_t len, size_t dot, long line) {
  int rc;
  if ((rc = cn_put(p->b, CN_TYPE, NULL, "Journal Article", 15, line, 1)) ||
      (rc = cn_put(p->b, CN_CONTAINER, NULL, s, dot, line, 1)))
    return rc;
  size_t i = dot + 3;
  long year = read_num(s, len, &i);
  if ((rc = put_num(p, CN_YEAR, year, line)))
    return rc;
  while (i < len && s[i] == ' ')
    i++;
  if (i < len && s[i] == ',') {
    i++;
    size_t vs = i;
    while (i < len && is_digit(s[i]))
      i++;
    if (i > vs && (rc = cn_put(p->b, CN_VOLUME, NULL, s + vs, i - vs, line, 1)))
      return rc;
  }
  size_t o = cn_find(s + i, len - i, "("), c = cn_find(s + i, len - i, ")");
  if (o != (size_t)-1 && c != (size_t)-1 && c > o) {
    if ((rc = cn_put(p->b, CN_ISSUE, NULL, s + i + o + 1, c - o - 1, line, 1)))
      return rc;
    i += c + 1;
  }
  size_t colon = cn_find(s + i, len - i, ":");
  if (colon != (size_t)-1)
    return cn_put(p->b, CN_PAGES, NULL, s + i + colon + 1, len - i - colon - 1, line, 1);
  return BCV_OK;
}

/* "Source: Page 008 of Chinese Social Sciences Today on Oct. 19, 2017" */
static int put_news(page *p, const char *s, size_t len, long line) {
  int rc;
  if (!cn_starts(s, len, "Page "))
    return cn_put(p->b, CN_EXTRA, "cnki.source", s, len, line, 1);
  size_t of = cn_find(s, len, " of ");
  size_t on = cn_find(s, len, " on ");
  if (of == (size_t)-1)
    return cn_put(p->b, CN_EXTRA, "cnki.source", s, len, line, 1);
  if ((rc = cn_put(p->b, CN_TYPE, NULL, "Newspaper Article", 17, line, 1)) ||
      (rc = cn_put(p->b, CN_PAGES, NULL, s + 5, of - 5, line, 1)))
    return rc;
  size_t ce = on != (size_t)-1 && on > of ? on : len;
  if ((rc = cn_put(p->b, CN_CONTAINER, NULL, s + of + 4, ce - of - 4, line, 1)))
    return rc;
  if (ce < len)
    return cn_put(p->b, CN_DATE, NULL, s + ce + 4, len - ce - 4, line, 1);
  return BCV_OK;
}

static int put_label(page *p, const label *l, const char *s, size_t len, long line) {
  switch (l->kind) {
  case K_SPLIT:
    if (l->slot == CN_AUTHORS && !cn_has_han(s, len))
      return cn_put(p->b, CN_AUTHORS_EN, NULL, s, len, line, 1);
    return put_split(p, l, s, len, line);
  case K_SOURCE:
    return put_source(p, s, len, line);
  case K_CITE:
    return cn_read_gbt(p->b, s, len, line, 1);
  case K_NEWS:
    return put_news(p, s, len, line);
  default:
    return cn_put(p->b, l->slot, l->key, s, len, line, 1);
  }
}

/* A line of names: "DU Li", "孟祥福, 师光启", "袁训来1 陈哲1", "LIANG Qiao1, LUO Ji-feng1". */
static int name_item(const char *s, size_t len) {
  const char *m;
  size_t ml;
  len = cn_name_marks(s, len, &m, &ml);
  cn_trim(&s, &len);
  if (!len)
    return 0;
  if (cn_has_han(s, len)) {
    size_t chars = 0;
    for (size_t i = 0, n; i < len; i += n) {
      unsigned c = cn_cp(s + i, len - i, &n);
      if (!cn_is_han_cp(c) && c != 0xB7 && c != ' ')
        return 0;
      chars++;
    }
    return chars >= 2 && chars <= 8;
  }
  int words = 0;
  for (size_t i = 0; i < len;) {
    while (i < len && s[i] == ' ')
      i++;
    if (i >= len)
      break;
    if (!(s[i] >= 'A' && s[i] <= 'Z'))
      return 0;
    size_t w = i;
    while (i < len && (is_alpha(s[i]) || s[i] == '-' || s[i] == '.' || s[i] == '\''))
      i++;
    if (i < len && s[i] != ' ')
      return 0;
    if (i - w > 20)
      return 0;
    words++;
  }
  return words >= 2 && words <= 4;
}

static int names_line(const char *s, size_t len) {
  int items = 0;
  int spaced_han = !has_sep(s, len) && cn_has_han(s, len);
  size_t start = 0;
  for (size_t i = 0; i <= len;) {
    size_t k = 0;
    if (i == len)
      k = 1;
    else if (s[i] == ',' || s[i] == ';' || (spaced_han && s[i] == ' '))
      k = 1;
    else if (cn_starts(s + i, len - i, "，") || cn_starts(s + i, len - i, "、") ||
             cn_starts(s + i, len - i, "；"))
      k = 3;
    if (!k) {
      i += cn_u8len(s + i, len - i);
      continue;
    }
    const char *it = s + start;
    size_t n = i - start;
    cn_trim(&it, &n);
    if (n) {
      if (!name_item(it, n))
        return 0;
      items++;
    }
    i += k;
    start = i;
  }
  return items > 0 && items <= 60;
}

/* More Han than Latin letters. */
static int mostly_han(const char *s, size_t len) { return strcmp(cn_lang_of(s, len), "zh") == 0; }

/* "1. (School of ..., China)", "1.单位 2.单位" */
static int affil_line(const char *s, size_t len) {
  size_t i = 0;
  while (i < len && is_digit(s[i]))
    i++;
  return i > 0 && i < 3 && i < len && (s[i] == '.' || cn_starts(s + i, len - i, "、")) &&
         !(i + 1 < len && is_digit(s[i + 1]));
}

static int put_affils(page *p, const char *s, size_t len, long line) {
  /* several on one line: cut before each " 2." */
  p->tmp.len = 0;
  for (size_t i = 0; i < len; i++) {
    if (i && s[i - 1] == ' ' && affil_line(s + i, len - i) && cn_buf_putc(&p->tmp, ';'))
      return BCV_ENOMEM;
    if (cn_buf_putc(&p->tmp, s[i]))
      return BCV_ENOMEM;
  }
  return cn_put(p->b, CN_AFFILS, NULL, p->tmp.p, p->tmp.len, line, 1);
}

static int put_names_line(page *p, const char *s, size_t len, long line) {
  int han = cn_has_han(s, len);
  if (han)
    return put_spaced(p, CN_AUTHORS, s, len, line);
  return cn_put(p->b, CN_AUTHORS_EN, NULL, s, len, line, 1);
}

/* "Lian Hongping 连宏萍 and Liu Lili 刘丽莉": romanised name, then Han name */
static int inline_names(page *p, const char *s, size_t len) {
  int rc;
  for (size_t i = 0; i < len;) {
    size_t n;
    unsigned c = cn_cp(s + i, len - i, &n);
    if (!cn_is_han_cp(c) || i == 0 || s[i - 1] != ' ') {
      i += n;
      continue;
    }
    size_t he = i;
    int chars = 0;
    while (he < len && cn_is_han_cp(cn_cp(s + he, len - he, &n)))
      he += n, chars++;
    /* two capitalised words before it */
    size_t j = i - 1, ws = j;
    int words = 0;
    while (words < 2 && j > 0) {
      size_t e = j;
      while (j > 0 && (is_alpha(s[j - 1]) || s[j - 1] == '-'))
        j--;
      if (j == e || !(s[j] >= 'A' && s[j] <= 'Z'))
        break;
      words++;
      ws = j;
      if (words < 2 && j > 0 && s[j - 1] == ' ')
        j--;
    }
    if (words == 2 && chars >= 2 && chars <= 4 && (he == len || !is_alpha(s[he]))) {
      cn_family_first(p->b);
      if ((rc = cn_put_name(p->b, s + i, he - i, "zh")) ||
          (rc = cn_put_name(p->b, s + ws, i - 1 - ws, "en")))
        return rc;
    }
    i = he;
  }
  return BCV_OK;
}

static int add_body(page *p, const char *s, size_t len, long line) {
  int k = mostly_han(s, len) ? 0 : 1;
  p->body_started = 1;
  if (!p->body_line[k])
    p->body_line[k] = line;
  if ((p->body[k].len && cn_buf_putc(&p->body[k], '\n')) || cn_buf_put(&p->body[k], s, len))
    return BCV_ENOMEM;
  return BCV_OK;
}

static int unlabelled(page *p, const char *s, size_t len, long line) {
  size_t dot;
  if (cn_find(s, len, "››") != (size_t)-1)
    return put_breadcrumb(p, s, len, line);
  if (kcms_source(s, len, &dot))
    return put_kcms_source(p, s, len, dot, line);
  if (affil_line(s, len))
    return put_affils(p, s, len, line);
  /* "• Politics and Public Management •": the journal's column */
  if (len > 6 && cn_starts(s, len, "•") && memcmp(s + len - 3, "•", 3) == 0) {
    const char *c = s + 3;
    size_t cl = len - 6;
    cn_trim(&c, &cl);
    return cn_put(p->b, CN_SECTION, NULL, c, cl, line, 1);
  }
  if (s[0] == '(' && s[len - 1] == ')')
    return cn_put(p->b, CN_NOTE, NULL, s + 1, len - 2, line, 1);
  const char *lang = mostly_han(s, len) ? "zh" : "en";
  int sentence = s[len - 1] == '.' || (len >= 3 && cn_starts(s + len - 3, 3, "。"));
  if (len < 400 && !p->body_started && !sentence && !cn_has(p->b, CN_TITLE, lang))
    return cn_put(p->b, strcmp(lang, "en") == 0 ? CN_TITLE_EN : CN_TITLE, NULL, s, len, line, 1);
  if (len < 400 && !p->body_started && cn_has(p->b, CN_TITLE, lang) &&
      !cn_has(p->b, CN_AUTHORS, lang)) {
    /* "袁训来1,2 陈哲1": the comma between affiliation numbers is not a
     * separator between names */
    p->names.len = 0;
    for (size_t i = 0; i < len; i++)
      if (cn_buf_putc(&p->names, s[i] == ',' && i && i + 1 < len && is_digit(s[i - 1]) &&
                                         is_digit(s[i + 1])
                                     ? '*'
                                     : s[i]))
        return BCV_ENOMEM;
    if (names_line(p->names.p, p->names.len))
      return put_names_line(p, p->names.p, p->names.len, line);
  }
  return add_body(p, s, len, line);
}

/* Remove the chrome phrases in place, in one pass; returns the new length. */
static size_t strip_noise(char *s, size_t len) {
  size_t o = 0;
  for (size_t i = 0; i < len;) {
    size_t k;
    for (k = 0; noise[k]; k++)
      if (cn_starts(s + i, len - i, noise[k]))
        break;
    if (noise[k]) {
      i += strlen(noise[k]);
      continue;
    }
    s[o++] = s[i++];
  }
  return o;
}

static int only_bullets(const char *s, size_t len) {
  return skip_bullets(s, len, 0) == len;
}

int cn_read_page(cn_builder *b, const cn_lines *l) {
  page p = {.b = b};
  int rc = BCV_OK;
  char *text = malloc(l->len + 1);
  if (!text)
    return BCV_ENOMEM;
  memcpy(text, l->text, l->len);
  char *q = text;
  for (size_t li = 0; li < l->n && !rc; li++) {
    char *nl = memchr(q, '\n', (size_t)(text + l->len - q));
    size_t len = strip_noise(q, (size_t)(nl - q));
    const char *s = q;
    q = nl + 1;
    long line = l->lineno[li];
    const char *t = s;
    size_t tl = len;
    cn_trim(&t, &tl);
    if (!tl || only_bullets(t, tl))
      continue;
    size_t i = skip_bullets(t, tl, 0), skip;
    const label *lab = find_label(t + i, tl - i, &skip);
    if (!lab) {
      /* an inline label inside an unlabelled line: "题名 被引量:19" */
      size_t cut = next_inline(t, tl);
      const char *u = t;
      size_t ul = cut;
      cn_trim(&u, &ul);
      if (ul && (rc = unlabelled(&p, u, ul, line)))
        break;
      if (cut == tl)
        continue;
      t += cut;
      tl -= cut;
      i = 0;
      lab = find_label(t, tl, &skip);
      if (!lab)
        continue;
    }
    /* one or more labels on this line, each value ending at the next inline one */
    for (;;) {
      const char *v = t + i + skip;
      size_t vl = tl - i - skip;
      size_t cut = next_inline(v, vl);
      const char *val = v;
      size_t valen = cut;
      cn_trim(&val, &valen);
      /* "出版日期:" with the date on the next line */
      if (!valen && cut == vl && li + 1 < l->n) {
        char *nl2 = memchr(q, '\n', (size_t)(text + l->len - q));
        const char *n2 = q;
        size_t n2l = (size_t)(nl2 - q);
        cn_trim(&n2, &n2l);
        size_t sk2;
        size_t bi = skip_bullets(n2, n2l, 0);
        if (n2l && n2l < 200 && !find_label(n2 + bi, n2l - bi, &sk2)) {
          val = n2;
          valen = n2l;
          q = nl2 + 1;
          li++;
        }
      }
      if (valen && (rc = put_label(&p, lab, val, valen, line)))
        break;
      if (cut == vl)
        break;
      t = v + cut;
      tl = vl - cut;
      i = 0;
      if (!(lab = find_label(t, tl, &skip)))
        break;
    }
  }
  /* text without a label: the abstract when none was labelled, and the
   * names it mentions when the page printed no author line */
  for (int k = 0; k < 2 && !rc; k++) {
    if (!p.body[k].len)
      continue;
    const char *lang = k ? "en" : "zh";
    if (!cn_has(b, CN_AUTHORS, "zh") && !cn_has(b, CN_AUTHORS, "en"))
      rc = inline_names(&p, p.body[k].p, p.body[k].len);
    if (!rc)
      rc = cn_has(b, CN_ABSTRACT, lang)
               ? cn_put(b, CN_EXTRA, "cnki.text", p.body[k].p, p.body[k].len, p.body_line[k], 1)
               : cn_put(b, k ? CN_ABSTRACT_EN : CN_ABSTRACT, NULL, p.body[k].p, p.body[k].len,
                        p.body_line[k], 1);
  }
  free(text);
  cn_buf_free(&p.body[0]);
  cn_buf_free(&p.body[1]);
  cn_buf_free(&p.tmp);
  cn_buf_free(&p.names);
  return rc;
}

/* ---- GB/T 7714 reference strings ---- */

static const struct {
  const char *code;
  const char *type;
} gbt_types[] = {
    {"J", "Journal Article"}, {"J/OL", "Journal Article"}, {"M", "Book"},
    {"D", "Thesis"},          {"C", "Conference Proceedings"}, {"N", "Newspaper Article"},
    {"P", "Patent"},          {"S", "Standard"},           {"R", "Report"},
};

int cn_read_gbt(cn_builder *b, const char *s, size_t len, long line, int fill) {
  int rc;
  cn_trim(&s, &len);
  /* "[1]" */
  if (len && s[0] == '[') {
    size_t c = cn_find(s, len, "]");
    if (c != (size_t)-1 && c < 8) {
      s += c + 1;
      len -= c + 1;
    }
  }
  cn_trim(&s, &len);
  /* the type code: "[J]" */
  size_t mo = (size_t)-1, mc = 0;
  for (size_t i = 0; i + 2 < len; i++) {
    if (s[i] != '[')
      continue;
    size_t j = i + 1;
    while (j < len && j - i < 7 && ((s[j] >= 'A' && s[j] <= 'Z') || s[j] == '/'))
      j++;
    if (j > i + 1 && j < len && s[j] == ']') {
      mo = i;
      mc = j;
      break;
    }
  }
  if (mo == (size_t)-1) {
    bcv_diag_report(cn_builder_diag(b), BCV_SEV_WARNING, NULL, line, 1,
                    "reference string without a type code such as [J]; kept as a note");
    return cn_put(b, CN_NOTE, NULL, s, len, line, 1);
  }
  const char *type = NULL;
  for (size_t k = 0; k < sizeof gbt_types / sizeof *gbt_types; k++)
    if (strlen(gbt_types[k].code) == mc - mo - 1 && memcmp(gbt_types[k].code, s + mo + 1, mc - mo - 1) == 0)
      type = gbt_types[k].type;
  int en = !cn_has_han(s, mo);
  const char *lang = en ? "en" : "zh";
  /* GB/T 7714 writes every name family first: "Beuthien V", "LUO Y" */
  cn_family_first(b);
  if (!fill && type && (rc = cn_put(b, CN_TYPE, NULL, type, strlen(type), line, 1)))
    return rc;
  /* authors, then the title, before the code */
  size_t dot = cn_find(s, mo, ".");
  size_t ts = 0;
  if (dot != (size_t)-1 && dot + 1 < mo) {
    if (!fill || !cn_has(b, CN_AUTHORS, lang)) {
      if ((rc = cn_put(b, en ? CN_AUTHORS_EN : CN_AUTHORS, NULL, s, dot, line, 1)))
        return rc;
    }
    ts = dot + 1;
  }
  if ((!fill || !cn_has(b, CN_TITLE, lang)) &&
      (rc = cn_put(b, en ? CN_TITLE_EN : CN_TITLE, NULL, s + ts, mo - ts, line, 1)))
    return rc;
  /* after the code: container, year, volume(issue): pages */
  size_t i = mc + 1;
  while (i < len && (s[i] == '.' || s[i] == ' '))
    i++;
  const char *rest = s + i;
  size_t rl = len - i;
  while (rl && (rest[rl - 1] == '.' || rest[rl - 1] == ' '))
    rl--;
  size_t doi = cn_find(rest, rl, "doi:");
  if (doi == (size_t)-1)
    doi = cn_find(rest, rl, "DOI:");
  if (doi != (size_t)-1) {
    if ((!fill || !cn_has(b, CN_DOI, NULL)) &&
        (rc = cn_put(b, CN_DOI, NULL, rest + doi + 4, rl - doi - 4, line, 1)))
      return rc;
    rl = doi;
  }
  size_t comma = cn_find(rest, rl, ",");
  if (comma == (size_t)-1) {
    /* "法律出版社:202408": publisher, then the year and month */
    size_t colon = cn_find(rest, rl, ":");
    if (colon == (size_t)-1 || fill)
      return BCV_OK;
    if ((rc = cn_put(b, CN_PUBLISHER, NULL, rest, colon, line, 1)))
      return rc;
    if (rl - colon - 1 >= 4)
      return cn_put(b, CN_YEAR, NULL, rest + colon + 1, 4, line, 1);
    return BCV_OK;
  }
  const char *cont = rest;
  size_t cl = comma;
  size_t colon = cn_find(cont, cl, ":");
  if (colon != (size_t)-1 && type && (strcmp(type, "Book") == 0 || strcmp(type, "Thesis") == 0)) {
    /* "北京:出版社,2008" */
    if (!fill && ((rc = cn_put(b, CN_PLACE, NULL, cont, colon, line, 1)) ||
                  (rc = cn_put(b, CN_PUBLISHER, NULL, cont + colon + 1, cl - colon - 1, line, 1))))
      return rc;
  } else if (!fill || !cn_has(b, en ? CN_CONTAINER_EN : CN_CONTAINER, en ? "en" : NULL)) {
    if ((rc = cn_put(b, en ? CN_CONTAINER_EN : CN_CONTAINER, NULL, cont, cl, line, 1)))
      return rc;
  }
  i = comma + 1;
  while (i < rl && (rest[i] == ' ' || rest[i] == ','))
    i++;
  size_t ds = i;
  while (i < rl && (is_digit(rest[i]) || rest[i] == '-'))
    i++;
  if (i > ds && (!fill || !cn_has(b, CN_YEAR, NULL)) &&
      (rc = cn_put(b, i - ds > 4 ? CN_DATE : CN_YEAR, NULL, rest + ds, i - ds, line, 1)))
    return rc;
  while (i < rl && (rest[i] == ',' || rest[i] == ' '))
    i++;
  size_t vs = i;
  while (i < rl && is_digit(rest[i]))
    i++;
  if (i > vs && (!fill || !cn_has(b, CN_VOLUME, NULL)) &&
      (rc = cn_put(b, CN_VOLUME, NULL, rest + vs, i - vs, line, 1)))
    return rc;
  if (i < rl && rest[i] == '(') {
    size_t c = cn_find(rest + i, rl - i, ")");
    if (c != (size_t)-1) {
      cn_slot sl = type && strcmp(type, "Newspaper Article") == 0 ? CN_PAGES : CN_ISSUE;
      if ((!fill || !cn_has(b, sl, NULL)) &&
          (rc = cn_put(b, sl, NULL, rest + i + 1, c - 1, line, 1)))
        return rc;
      i += c + 1;
    }
  }
  while (i < rl && (rest[i] == ':' || rest[i] == ' '))
    i++;
  if (i < rl && (!fill || !cn_has(b, CN_PAGES, NULL))) {
    size_t pe = i;
    while (pe < rl && rest[pe] != '\n')
      pe++;
    return cn_put(b, CN_PAGES, NULL, rest + i, pe - i, line, 1);
  }
  return BCV_OK;
}
