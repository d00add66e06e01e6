/* SPDX-License-Identifier: MIT */
/* names.c: personal and corporate names as Chinese pages print them.
 *
 * Han names become family + given in eastern order (the core's split:
 * compound surnames from a table, the middle-dot rule); a Han "name" that
 * is an institution (中国抗癌协会肉瘤专业委员会, 本报评论员) stays whole as a
 * literal.  Romanised names: "DU Li" and "LIN Jin-long" (the surname in
 * capitals, GB/T 7714-2015 style) are family-first; "Deng Zhengyang" is
 * family-first only when the caller knows it (paired with Han names),
 * otherwise it is read in Western order like "Youngre Noh". */
#include <string.h>
#include "cnki.h"

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }

size_t cn_name_marks(const char *s, size_t len, const char **marks, size_t *mlen) {
  size_t end = len;
  /* trailing digits, commas and asterisks glued to the name: "梁俏1,2*" */
  while (end && (is_digit(s[end - 1]) || s[end - 1] == ',' || s[end - 1] == '*' ||
                 s[end - 1] == ' '))
    end--;
  size_t k = end;
  while (k < len && !is_digit(s[k]))
    k++;
  *marks = s + k;
  *mlen = len - k;
  while (*mlen && !is_digit((*marks)[*mlen - 1]))
    (*mlen)--;
  return end;
}

/* Endings of institutions' names.  A personal Han name has two to four
 * characters, so only endings that are rare in given names are listed
 * (新华社, 铁道部运输局 are institutions; 李国会 is a person). */
static const char *const corporate_ends[] = {
    "社", "局", "报", "中心", "公司", "大学", "学校", "集团", "协会", "学会", "编辑部",
    "记者", "评论员", "通讯员", NULL,
};

static int han_chars(const char *s, size_t len) {
  int n = 0;
  for (size_t i = 0, k; i < len; i += k) {
    unsigned c = cn_cp(s + i, len - i, &k);
    if (cn_is_han_cp(c))
      n++;
  }
  return n;
}

static int corporate_han(const char *s, size_t len) {
  if (cn_find(s, len, "·") != (size_t)-1)
    return 0;
  if (han_chars(s, len) > 4)
    return 1;
  for (size_t i = 0; corporate_ends[i]; i++) {
    size_t n = strlen(corporate_ends[i]);
    if (len >= n + 6 && memcmp(s + len - n, corporate_ends[i], n) == 0)
      return 1;
  }
  return 0;
}

/* Words of institutions' names in English: "World Health Organization"
 * is not a person, whatever a GB/T string's family-first order says. */
static const char *const corporate_words[] = {
    "Organization", "Organisation", "Association", "Committee", "Council", "Institute",
    "University", "Society", "Agency", "Bureau", "Ministry", "Department", "Office",
    "Commission", "Foundation", "Center", "Centre", "Academy", "Group", "Corporation",
    "Company", "Board", "Federation", "Union", "Administration", "Laboratory", "Project",
    "Consortium", "Library", "Libraries", "Museum", "Network", "Team", "Service", "Inc.", "Ltd", NULL,
};

/* Whether s holds the word w in any case ("NATIONAL OCEAN SERVICE"). */
static int has_word(const char *s, size_t len, const char *w) {
  size_t n = strlen(w);
  for (size_t i = 0; i + n <= len; i++) {
    if (i && s[i - 1] != ' ')
      continue;
    size_t k = 0;
    while (k < n && (s[i + k] | 0x20) == (w[k] | 0x20))
      k++;
    if (k == n && (i + n == len || s[i + n] == ' ' || s[i + n] == ','))
      return 1;
  }
  return 0;
}

static int corporate_latin(const char *s, size_t len) {
  if (!memchr(s, ' ', len))
    return 0;
  for (size_t k = 0; corporate_words[k]; k++)
    if (has_word(s, len, corporate_words[k]))
      return 1;
  return 0;
}

static const char *const suffixes[] = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", NULL};

int cn_person_suffix(const char *s, size_t len) {
  for (size_t k = 0; suffixes[k]; k++)
    if (strlen(suffixes[k]) == len && memcmp(suffixes[k], s, len) == 0)
      return 1;
  return 0;
}

/* "MENG" -> "Meng", "JIN-LONG" -> "Jin-Long" */
static char *capitalise(bcv_record *r, const char *s, size_t len) {
  char *p = bcv_record_strndup(r, s, len);
  if (!p)
    return NULL;
  int start = 1;
  for (size_t i = 0; i < len; i++) {
    if (is_upper(p[i]) && !start)
      p[i] = (char)(p[i] + 32);
    start = !(is_upper(p[i]) || is_lower(p[i]));
  }
  return p;
}

/* "MENG", "JIN-LONG", "O'BRIEN" */
static int all_caps_word(const char *s, size_t len) {
  if (len < 2)
    return 0;
  for (size_t i = 0; i < len; i++)
    if (!is_upper(s[i]) && !(i && (s[i] == '-' || s[i] == '\'')))
      return 0;
  return 1;
}

int cn_parse_name(bcv_record *r, const char *s, size_t len, int surname_first, bcv_name *n) {
  memset(n, 0, sizeof *n);
  cn_trim(&s, &len);
  if (!len)
    return BCV_EINVAL;
  if (cn_has_han(s, len)) {
    n->lang = "zh";
    /* "张 三" as some pages space it; spaces mean nothing inside a Han name */
    char tmp[256];
    size_t t = 0;
    for (size_t i = 0; i < len && t < sizeof tmp; i++)
      if (s[i] != ' ')
        tmp[t++] = s[i];
    if (t < sizeof tmp && !corporate_han(tmp, t) && bcv_utf8_is_han(tmp, t))
      return bcv_name_split_han(r, tmp, t, n);
    n->literal = bcv_record_strndup(r, s, len);
    return n->literal ? BCV_OK : BCV_ENOMEM;
  }
  n->lang = "en";
  if (corporate_latin(s, len)) {
    n->literal = bcv_record_strndup(r, s, len);
    return n->literal ? BCV_OK : BCV_ENOMEM;
  }
  size_t comma = cn_find(s, len, ",");
  if (comma != (size_t)-1) {
    const char *g = s + comma + 1;
    size_t gl = len - comma - 1;
    cn_trim(&g, &gl);
    /* "Martin, L, Jr": the suffix after the given names */
    size_t c2 = cn_find(g, gl, ",");
    if (c2 != (size_t)-1) {
      const char *x = g + c2 + 1;
      size_t xl = gl - c2 - 1;
      cn_trim(&x, &xl);
      if (cn_person_suffix(x, xl)) {
        n->suffix = bcv_record_strndup(r, x, xl);
        if (!n->suffix)
          return BCV_ENOMEM;
        gl = c2;
        cn_trim(&g, &gl);
      }
    }
    n->family = bcv_record_strndup(r, s, comma);
    n->given = gl ? bcv_record_strndup(r, g, gl) : NULL;
    return n->family ? BCV_OK : BCV_ENOMEM;
  }
  size_t sp = cn_find(s, len, " ");
  if (sp == (size_t)-1) {
    n->literal = bcv_record_strndup(r, s, len);
    return n->literal ? BCV_OK : BCV_ENOMEM;
  }
  /* the surname in capitals, one word or more: "DU Li", "VAN DER WAALS J D" */
  size_t caps = 0;
  for (size_t i = 0; i < len;) {
    size_t e = i;
    while (e < len && s[e] != ' ')
      e++;
    if (!all_caps_word(s + i, e - i) || e == len)
      break;
    caps = e;
    i = e;
    while (i < len && s[i] == ' ')
      i++;
  }
  const char *rest = s + sp + 1;
  size_t rl = len - sp - 1;
  cn_trim(&rest, &rl);
  /* "Barbara M. KEHM": Western order with the surname in capitals */
  size_t lastw = len;
  while (lastw && s[lastw - 1] != ' ')
    lastw--;
  if (!caps && lastw && all_caps_word(s + lastw, len - lastw)) {
    const char *g = s;
    size_t gl = lastw;
    cn_trim(&g, &gl);
    n->family = capitalise(r, s + lastw, len - lastw);
    n->given = bcv_record_strndup(r, g, gl);
  } else if (caps) {
    const char *g = s + caps;
    size_t gl = len - caps;
    cn_trim(&g, &gl);
    n->family = capitalise(r, s, caps);
    n->given = bcv_record_strndup(r, g, gl);
  } else if (surname_first) {
    n->family = bcv_record_strndup(r, s, sp);
    n->given = bcv_record_strndup(r, rest, rl);
  } else {
    size_t last = len;
    while (last && s[last - 1] != ' ')
      last--;
    const char *g = s;
    size_t gl = last - 1;
    cn_trim(&g, &gl);
    n->family = bcv_record_strndup(r, s + last, len - last);
    n->given = bcv_record_strndup(r, g, gl);
  }
  return n->family && n->given ? BCV_OK : BCV_ENOMEM;
}
