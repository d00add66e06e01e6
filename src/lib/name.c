/* SPDX-License-Identifier: MIT */
/* name.c: UTF-8 decoding and the family/given split of Han names. */
#include <string.h>
#include "internal.h"
#include "bibconv/record.h"

size_t bcv__utf8_decode(const unsigned char *s, size_t n, unsigned *cp) {
  if (n == 0)
    return 0;
  unsigned c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t len;
  unsigned min;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    c &= 0x1F;
    min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    c &= 0x0F;
    min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    c &= 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (n < len)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    c = (c << 6) | (s[i] & 0x3F);
  }
  /* Overlong forms, UTF-16 surrogates and values past U+10FFFF are not
   * UTF-8 (RFC 3629). */
  if (c < min || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
    return 0;
  *cp = c;
  return len;
}

int bcv__han_cp(unsigned c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

int bcv_utf8_is_han(const char *s, size_t len) {
  unsigned cp;
  size_t n = bcv__utf8_decode((const unsigned char *)s, len, &cp);
  return n && bcv__han_cp(cp);
}

/* Two-character surnames common enough that a name starting with them is
 * far more often the compound surname than a one-character surname plus a
 * given name, simplified and traditional, with their pinyin as a surname
 * (万俟 Moqi, 尉迟 Yuchi, 长孙 Zhangsun: not the characters' usual
 * readings).  Rare entries that collide with ordinary names (高阳, 成功,
 * 第一) are deliberately left out. */
static const struct {
  const char *han;
  const char *pinyin;
} compound_surnames[] = {
    {"欧阳", "ouyang"},   {"歐陽", "ouyang"},    {"司马", "sima"},     {"司馬", "sima"},
    {"诸葛", "zhuge"},    {"諸葛", "zhuge"},     {"上官", "shangguan"}, {"东方", "dongfang"},
    {"東方", "dongfang"}, {"皇甫", "huangfu"},   {"尉迟", "yuchi"},    {"尉遲", "yuchi"},
    {"公孙", "gongsun"},  {"公孫", "gongsun"},   {"慕容", "murong"},   {"令狐", "linghu"},
    {"长孙", "zhangsun"}, {"長孫", "zhangsun"},  {"宇文", "yuwen"},    {"司徒", "situ"},
    {"司空", "sikong"},   {"夏侯", "xiahou"},    {"端木", "duanmu"},   {"独孤", "dugu"},
    {"獨孤", "dugu"},     {"南宫", "nangong"},   {"南宮", "nangong"},  {"万俟", "moqi"},
    {"萬俟", "moqi"},     {"闻人", "wenren"},    {"聞人", "wenren"},   {"赫连", "helian"},
    {"赫連", "helian"},   {"澹台", "tantai"},    {"濮阳", "puyang"},   {"濮陽", "puyang"},
    {"公冶", "gongye"},   {"太叔", "taishu"},    {"申屠", "shentu"},   {"太史", "taishi"},
    {"钟离", "zhongli"},  {"鍾離", "zhongli"},   {"鲜于", "xianyu"},   {"鮮于", "xianyu"},
    {"闾丘", "lüqiu"},    {"閭丘", "lüqiu"},     {"轩辕", "xuanyuan"}, {"軒轅", "xuanyuan"},
    {"呼延", "huyan"},    {"百里", "baili"},     {"东郭", "dongguo"},  {"東郭", "dongguo"},
    {"西门", "ximen"},    {"西門", "ximen"},     {"拓跋", "tuoba"},    {"完颜", "wanyan"},
    {"完顏", "wanyan"},   {"耶律", "yelü"},      {"公羊", "gongyang"}, {"乐正", "yuezheng"},
    {"樂正", "yuezheng"}, {"漆雕", "qidiao"},    {"亓官", "qiguan"},   {"司寇", "sikou"},
    {"巫马", "wuma"},     {"巫馬", "wuma"},      {"公西", "gongxi"},   {"颛孙", "zhuansun"},
    {"顓孫", "zhuansun"}, {"壤驷", "rangsi"},    {"壤駟", "rangsi"},   {"公良", "gongliang"},
    {"宰父", "zaifu"},    {"谷梁", "guliang"},   {"穀梁", "guliang"},  {"夹谷", "jiagu"},
    {"夾谷", "jiagu"},    {"段干", "duangan"},   {"羊舌", "yangshe"},  {"微生", "weisheng"},
    {"梁丘", "liangqiu"}, {"左丘", "zuoqiu"},    {"第五", "diwu"},     {"即墨", "jimo"},
    {"达奚", "daxi"},     {"達奚", "daxi"},      {"褚师", "chushi"},   {"褚師", "chushi"},
    {"纳兰", "nalan"},    {"納蘭", "nalan"},     {"仲孙", "zhongsun"}, {"仲孫", "zhongsun"},
    {"淳于", "chunyu"},   {"单于", "chanyu"},    {"單于", "chanyu"},   {"子车", "ziju"},
    {"子車", "ziju"},     {"东里", "dongli"},    {"東里", "dongli"},
};

const char *bcv__compound_surname(const char *s, size_t len, size_t *cut) {
  for (size_t i = 0; i < sizeof compound_surnames / sizeof *compound_surnames; i++) {
    size_t cl = strlen(compound_surnames[i].han);
    if (cl <= len && memcmp(s, compound_surnames[i].han, cl) == 0) {
      *cut = cl;
      return compound_surnames[i].pinyin;
    }
  }
  return NULL;
}

size_t bcv_han_split(const char *s, size_t len, size_t *given) {
  if (!bcv_utf8_is_han(s, len))
    return 0;
  /* Transliterated foreign and minority names: 阿沛·阿旺晋美.  The part
   * before the first dot is the family name here, as Chinese citation
   * practice files them. */
  static const char *const dots[] = {"\xC2\xB7", "\xE3\x83\xBB", "\xE2\x80\xA2", "\xEF\xBD\xA5"};
  for (size_t i = 0; i < len; i++) {
    for (size_t d = 0; d < sizeof dots / sizeof *dots; d++) {
      size_t dl = strlen(dots[d]);
      if (i + dl <= len && memcmp(s + i, dots[d], dl) == 0) {
        *given = i + dl;
        return i;
      }
    }
  }
  size_t cl;
  if (bcv__compound_surname(s, len, &cl) && cl < len)
    return *given = cl;
  unsigned cp;
  return *given = bcv__utf8_decode((const unsigned char *)s, len, &cp);
}

int bcv_name_split_han(bcv_record *r, const char *s, size_t len, bcv_name *n) {
  while (len && (*s == ' ' || *s == '\t')) {
    s++;
    len--;
  }
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    len--;
  size_t given, cut = bcv_han_split(s, len, &given);
  if (!cut)
    return BCV_EINVAL;
  n->family = bcv_record_strndup(r, s, cut);
  n->given = given < len ? bcv_record_strndup(r, s + given, len - given) : NULL;
  n->flags |= BCV_NAME_EASTERN;
  return n->family && (given == len || n->given) ? BCV_OK : BCV_ENOMEM;
}

static void trim_ws(const char **s, size_t *len) {
  while (*len && (**s == ' ' || **s == '\t' || **s == '\r' || **s == '\n'))
    (*s)++, (*len)--;
  while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r' ||
                  (*s)[*len - 1] == '\n'))
    (*len)--;
}

static int is_lower_word(const char *s, size_t n) {
  return n && s[0] >= 'a' && s[0] <= 'z' && !memchr(s, '.', n);
}

/* Whether g is initials run together: capitals and dots only, one to
 * four capitals ("JM", "J.M."). */
static int run_initials(const char *g, size_t gl) {
  size_t caps = 0;
  for (size_t i = 0; i < gl; i++) {
    if (g[i] >= 'A' && g[i] <= 'Z')
      caps++;
    else if (g[i] != '.')
      return 0;
  }
  return caps >= 1 && caps <= 4;
}

/* Those initials as BibTeX and CSL write them: "J. M.". */
static const char *spaced_initials(bcv_record *r, const char *g, size_t gl) {
  char buf[16];
  size_t k = 0;
  for (size_t i = 0; i < gl; i++)
    if (g[i] >= 'A' && g[i] <= 'Z') {
      if (k)
        buf[k++] = ' ';
      buf[k++] = g[i];
      buf[k++] = '.';
    }
  return bcv_record_strndup(r, buf, k);
}

int bcv_name_parse(bcv_record *r, const char *s, size_t len, unsigned flags, bcv_name *n) {
  memset(n, 0, sizeof *n);
  trim_ws(&s, &len);
  if (!len)
    return BCV_OK;
  if ((flags & BCV_NAME_PARSE_COMMA_LITERAL) && len > 1 && s[len - 1] == ',') {
    len--;
    trim_ws(&s, &len);
    n->literal = bcv_record_strndup(r, s, len);
    return n->literal ? BCV_OK : BCV_ENOMEM;
  }
  const char *c1 = memchr(s, ',', len);
  const char *c2 = c1 ? memchr(c1 + 1, ',', len - (size_t)(c1 + 1 - s)) : NULL;
  if (c2 && memchr(c2 + 1, ',', len - (size_t)(c2 + 1 - s))) {
    /* more commas than a name has: several names on one line (Ovid's
     * PsycINFO A2), whose split no one knows; kept whole, as written */
    n->literal = bcv_record_strndup(r, s, len);
    return n->literal ? BCV_OK : BCV_ENOMEM;
  }
  if (!c1) {
    if (!memchr(s, ' ', len) && bcv_utf8_is_han(s, len))
      return bcv_name_split_han(r, s, len, n);
    size_t sp = len;
    if (!(flags & BCV_NAME_PARSE_WHOLE))
      while (sp > 0 && s[sp - 1] != ' ')
        sp--;
    if (sp == len || sp == 0) /* one word, or kept whole: a mononym (Aristotle) */
      return (n->family = bcv_record_strndup(r, s, len)) ? BCV_OK : BCV_ENOMEM;
    /* "Given Family" */
    size_t gl = sp - 1;
    while (gl && s[gl - 1] == ' ')
      gl--;
    n->given = bcv_record_strndup(r, s, gl);
    n->family = bcv_record_strndup(r, s + sp, len - sp);
    return n->given && n->family ? BCV_OK : BCV_ENOMEM;
  }
  const char *fam = s, *g = c1 + 1;
  size_t fl = (size_t)(c1 - s), gl = len - fl - 1;
  if (c2) {
    const char *x = c2 + 1;
    size_t xl = len - (size_t)(x - s);
    trim_ws(&x, &xl);
    if (xl && !(n->suffix = bcv_record_strndup(r, x, xl)))
      return BCV_ENOMEM;
    gl = (size_t)(c2 - g);
  }
  trim_ws(&fam, &fl);
  trim_ws(&g, &gl);
  if (flags & BCV_NAME_PARSE_PARTICLES) {
    /* "van Gogh": the lower-case words before the family name's last */
    size_t pl = 0;
    for (size_t i = 0; i < fl;) {
      size_t e = i;
      while (e < fl && fam[e] != ' ')
        e++;
      if (e >= fl || !is_lower_word(fam + i, e - i))
        break;
      pl = e;
      i = e + 1;
    }
    if (pl) {
      if (!(n->non_dropping_particle = bcv_record_strndup(r, fam, pl)))
        return BCV_ENOMEM;
      fam += pl + 1, fl -= pl + 1;
    }
    /* "Charles de": lower-case words after the given names */
    size_t dp = gl;
    while (dp > 0) {
      size_t b = dp;
      while (b > 0 && g[b - 1] != ' ')
        b--;
      if (b == 0 || !is_lower_word(g + b, dp - b))
        break;
      dp = b - 1;
    }
    if (dp < gl) {
      if (!(n->dropping_particle = bcv_record_strndup(r, g + dp + 1, gl - dp - 1)))
        return BCV_ENOMEM;
      gl = dp;
    }
  }
  if (!(n->family = bcv_record_strndup(r, fam, fl)))
    return BCV_ENOMEM;
  if (gl) {
    if ((flags & BCV_NAME_PARSE_INITIALS) && run_initials(g, gl))
      n->given = spaced_initials(r, g, gl);
    else
      n->given = bcv_record_strndup(r, g, gl);
    if (!n->given)
      return BCV_ENOMEM;
  }
  /* "邓, 正阳": a Han name, family first when rendered */
  if (fl && bcv_utf8_is_han(fam, fl))
    n->flags |= BCV_NAME_EASTERN;
  return BCV_OK;
}
