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

static int han_cp(unsigned c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

int bcv_utf8_is_han(const char *s, size_t len) {
  unsigned cp;
  size_t n = bcv__utf8_decode((const unsigned char *)s, len, &cp);
  return n && han_cp(cp);
}

/* Two-character surnames common enough that a name starting with them is
 * far more often the compound surname than a one-character surname plus a
 * given name.  Simplified and traditional forms.  Rare entries that
 * collide with ordinary names (高阳, 成功, 第一) are deliberately left out. */
static const char *const compound_surnames[] = {
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫",
    "尉迟", "尉遲", "公孙", "公孫", "慕容", "令狐", "长孙", "長孫", "宇文", "司徒",
    "司空", "夏侯", "端木", "独孤", "獨孤", "南宫", "南宮", "万俟", "萬俟", "闻人",
    "聞人", "赫连", "赫連", "澹台", "濮阳", "濮陽", "公冶", "太叔", "申屠", "太史",
    "钟离", "鍾離", "鲜于", "鮮于", "闾丘", "閭丘", "轩辕", "軒轅", "呼延", "百里",
    "东郭", "東郭", "西门", "西門", "拓跋", "完颜", "完顏", "耶律", "公羊", "乐正",
    "樂正", "漆雕", "亓官", "司寇", "巫马", "巫馬", "公西", "颛孙", "顓孫", "壤驷",
    "壤駟", "公良", "宰父", "谷梁", "穀梁", "夹谷", "夾谷", "段干", "羊舌", "微生",
    "梁丘", "左丘", "第五", "即墨", "达奚", "達奚", "褚师", "褚師", "纳兰", "納蘭",
    "仲孙", "仲孫", "淳于", "单于", "單于", "子车", "子車", "东里", "東里",
};

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
  for (size_t i = 0; i < sizeof compound_surnames / sizeof *compound_surnames; i++) {
    size_t cl = strlen(compound_surnames[i]);
    if (cl < len && memcmp(s, compound_surnames[i], cl) == 0)
      return *given = cl;
  }
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
