/* SPDX-License-Identifier: MIT */
/* page.c: article pages pasted from a browser.
 *
 * No site gets a code path of its own.  Every line of a paste is put in
 * one class, from tables (the labels of each site family, the chrome
 * words every site shares) and from its shape:
 *
 *   chrome    menus (首页 | 期刊 | 学位论文), breadcrumbs (首页 > 期刊 > 刊名),
 *             buttons (下载, 阅读, 收藏, 分享, 引用, Previous Articles), badges
 *             (北大核心, CSCD, 网络首发, EI), footers (版权所有, ICP备), figure
 *             captions: dropped; badges are kept as cnki.badges.  Buttons and
 *             badges at either end of a line are cut off it, never glued to
 *             a value ("889-892 北大核心 CSCD" is the page 889-892).
 *   label     "label: value" or "label value" (CQVIP), from the label table;
 *             several on one line ("下载：472 页码：5-15"); "作  者：" with
 *             blanks inside and "【摘要】" in brackets match too.
 *   label alone   a label with its value on the following line(s).
 *   continuation  that value: one line, consecutive lines of the same
 *             kind for lists (affiliations), or a paragraph run for text
 *             (abstract, author notes, citation block).
 *   source    where the article appeared, in one line: Magtech's
 *             "刊名 ›› 2024, Vol. 26 ›› Issue (2): 69-80.DOI: ...", CNKI's
 *             "刊名 . 2026 ,36 (03) : 5-15", a newspaper's
 *             "《人民日报》（2019年10月24日 第05版）".
 *   title     a short line, chosen by evidence (below).
 *   names     a list of personal names ("孟祥福, 师光启", "袁训来1,2 陈哲1",
 *             "MENG Xiangfu, SHI Guangqi"), believed only right after a title.
 *   affiliation   "1. 单位 2. 单位", "(1. School of ..., China)",
 *             "（单位，城市 邮编）" after the names.
 *   citation  a GB/T 7714 string for this article ("罗阳, 何芳. 题名[J]. 刊名,
 *             2020, 29(5): 1-10."): a source of the title and names in the
 *             other language, never the abstract.
 *   text      the rest: the abstract when none is labelled.
 *
 * The title of each language is the short text line with the most
 * evidence: it is repeated in a citation string (4), the names follow it
 * (3), an affiliation follows it or a source line precedes it (1), it is
 * the first such line (1).  Chrome, labels and long or sentence-ending
 * lines are never titles, and nothing after the body text starts is.
 * A labelled title (题名：, 【篇名】, Title:) is the title of its language
 * and none is chosen for that language.
 *
 * The labels are one table (labels[] below, grouped by the site family
 * that prints them); the README lists them.  A label may say what kind of
 * document the page is (学位授予单位: a thesis), which the record's type
 * follows. */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "cnki.h"

/* ---- the label table ---- */

typedef enum kind {
  K_SLOT,      /* the value goes to the row's slot */
  K_SPLIT,     /* Chinese part to slot, English part to slot_en (CQVIP) */
  K_SOURCE,    /* CQVIP 出处: 《刊名》 badges 2021年第5期132-140,共9页 English */
  K_CITE,      /* a GB/T 7714 string for this article (引用本文, Citation) */
  K_NEWS,      /* "Source: Page 008 of <paper> on <date>" */
  K_YVI,       /* Wanfang 年，卷(期): "2019, 52(3)" */
  K_PAGECOUNT, /* 页数: "11", Wanfang "10(389-398)" */
  K_NAMES      /* names, Han ones spaced or numbered ("张建良1,2 李四3") */
} kind;

enum { /* the site families that print a label (for the documentation) */
  F_ALL = 0,
  F_CNKI = 1u << 0,
  F_WANFANG = 1u << 1,
  F_CQVIP = 1u << 2,
  F_MAGTECH = 1u << 3,
  F_RHHZ = 1u << 4,
  F_NEWS = 1u << 5,
};

enum {
  L_INLINE = 1u << 0, /* may stand after other text on a line; its value ends at the next */
  L_SPACE = 1u << 1,  /* a space may stand for the colon ("作者 邓正阳") */
  L_TEXT = 1u << 2,   /* alone on its line, its value is the paragraphs below */
  L_LIST = 1u << 3,   /* alone on its line, its value is the lines below of one kind */
  L_HEAD = 1u << 4,   /* may stand alone without a colon (an ASCII heading) */
  L_ANCHOR = 1u << 5, /* a page has it once: seen again, a new page has begun */
  L_SERIAL = 1u << 6  /* its value starts with a digit, or it is no label ("CN 11-3979/C") */
};

typedef struct label {
  const char *text;
  unsigned char kind, slot, slot_en, fam;
  const char *key;  /* CN_EXTRA: the extra's key */
  const char *hint; /* the document type the label implies (a CNKI type name) */
  unsigned flags;
} label;

#define THESIS "Dissertation/Thesis"
#define CONF "Conference Proceedings"
#define NEWS "Newspaper Article"
#define PATENT "Patent"
#define STANDARD "Standard"
#define YEARBOOK "Book Section"

static const label labels[] = {
    /* the title, where a site labels it (older CNKI detail pages, CQVIP,
     * NSTL, university repositories): it wins over the title chosen by
     * evidence in its language (choose_titles) */
    {"题名", K_SLOT, CN_TITLE, 0, F_ALL, NULL, NULL, L_ANCHOR},
    {"篇名", K_SLOT, CN_TITLE, 0, F_CNKI, NULL, NULL, L_ANCHOR},
    {"标题", K_SLOT, CN_TITLE, 0, F_ALL, NULL, NULL, L_ANCHOR},
    {"文献标题", K_SLOT, CN_TITLE, 0, F_ALL, NULL, NULL, L_ANCHOR},
    {"中文题名", K_SLOT, CN_TITLE, 0, F_ALL, NULL, NULL, L_ANCHOR},
    {"中文篇名", K_SLOT, CN_TITLE, 0, F_CNKI, NULL, NULL, L_ANCHOR},
    {"英文题名", K_SLOT, CN_TITLE_EN, 0, F_ALL, NULL, NULL, L_ANCHOR},
    {"英文篇名", K_SLOT, CN_TITLE_EN, 0, F_CNKI, NULL, NULL, L_ANCHOR},
    {"Title", K_SLOT, CN_TITLE, 0, F_ALL, NULL, NULL, L_ANCHOR},
    /* shared by the Chinese sites */
    {"摘要", K_SPLIT, CN_ABSTRACT, CN_ABSTRACT_EN, F_ALL, NULL, NULL, L_SPACE | L_TEXT | L_ANCHOR},
    {"中文摘要", K_SLOT, CN_ABSTRACT, 0, F_ALL, NULL, NULL, L_TEXT},
    {"英文摘要", K_SLOT, CN_ABSTRACT_EN, 0, F_ALL, NULL, NULL, L_TEXT},
    {"关键词", K_SPLIT, CN_KEYWORDS, CN_KEYWORDS_EN, F_ALL, NULL, NULL, L_SPACE | L_LIST | L_ANCHOR},
    {"关键字", K_SPLIT, CN_KEYWORDS, CN_KEYWORDS_EN, F_ALL, NULL, NULL, L_SPACE | L_LIST | L_ANCHOR},
    {"中文关键词", K_SLOT, CN_KEYWORDS, 0, F_ALL, NULL, NULL, 0},
    {"英文关键词", K_SLOT, CN_KEYWORDS_EN, 0, F_ALL, NULL, NULL, 0},
    {"作者", K_NAMES, CN_AUTHORS, CN_AUTHORS_EN, F_ALL, NULL, NULL, L_SPACE | L_LIST},
    {"作者单位", K_SLOT, CN_AFFILS, 0, F_ALL, NULL, NULL, L_LIST},
    {"作者机构", K_SLOT, CN_AFFILS, 0, F_ALL, NULL, NULL, L_LIST},
    {"单位", K_SLOT, CN_AFFILS, 0, F_ALL, NULL, NULL, L_LIST},
    {"机构", K_SLOT, CN_AFFILS, 0, F_CNKI, NULL, NULL, L_LIST},
    {"机构地区", K_SLOT, CN_AFFILS, 0, F_CQVIP, NULL, NULL, L_LIST},
    {"基金资助", K_SLOT, CN_EXTRA, 0, F_CNKI | F_MAGTECH, "cnki.fund", NULL, L_TEXT},
    {"基金项目", K_SLOT, CN_EXTRA, 0, F_WANFANG | F_RHHZ, "cnki.fund", NULL, L_TEXT},
    {"基金", K_SLOT, CN_EXTRA, 0, F_CQVIP, "cnki.fund", NULL, L_SPACE | L_TEXT},
    {"资助项目", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.fund", NULL, L_TEXT},
    {"中图分类号", K_SLOT, CN_EXTRA, 0, F_MAGTECH | F_RHHZ, "cnki.clc", NULL, 0},
    {"中图法分类号", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.clc", NULL, 0},
    {"分类号", K_SLOT, CN_EXTRA, 0, F_CNKI | F_WANFANG | F_CQVIP, "cnki.clc", NULL, 0},
    {"文献标识码", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.document-code", NULL, L_INLINE},
    {"文章编号", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.article-number", NULL, L_INLINE},
    {"DOI", K_SLOT, CN_DOI, 0, F_ALL, NULL, NULL, 0},
    {"引用本文", K_CITE, 0, 0, F_MAGTECH | F_RHHZ, NULL, NULL, L_TEXT},
    {"本文引用格式", K_CITE, 0, 0, F_MAGTECH, NULL, NULL, L_TEXT},
    {"引用格式", K_CITE, 0, 0, F_ALL, NULL, NULL, L_TEXT},
    {"通讯作者", K_SLOT, CN_EXTRA, 0, F_MAGTECH | F_RHHZ, "cnki.contact", NULL, 0},
    {"责任作者", K_SLOT, CN_EXTRA, 0, F_RHHZ, "cnki.contact", NULL, 0},
    {"作者简介", K_SLOT, CN_EXTRA, 0, F_MAGTECH | F_RHHZ, "cnki.about-author", NULL, L_TEXT},
    {"收稿日期", K_SLOT, CN_EXTRA, 0, F_MAGTECH | F_RHHZ, "cnki.received", NULL, L_INLINE},
    {"修回日期", K_SLOT, CN_EXTRA, 0, F_MAGTECH | F_RHHZ, "cnki.revised", NULL, L_INLINE},
    {"接受日期", K_SLOT, CN_EXTRA, 0, F_MAGTECH, "cnki.accepted", NULL, L_INLINE},
    {"录用日期", K_SLOT, CN_EXTRA, 0, F_MAGTECH | F_RHHZ, "cnki.accepted", NULL, L_INLINE},
    {"网络出版日期", K_SLOT, CN_ONLINE, 0, F_MAGTECH | F_RHHZ, NULL, NULL, L_INLINE},
    {"在线出版日期", K_SLOT, CN_ONLINE, 0, F_WANFANG, NULL, NULL, L_INLINE},
    {"网络首发时间", K_SLOT, CN_ONLINE, 0, F_CNKI, NULL, NULL, L_INLINE},
    {"在线公开时间", K_SLOT, CN_ONLINE, 0, F_CNKI, NULL, NULL, L_INLINE},
    {"发布日期", K_SLOT, CN_ONLINE, 0, F_MAGTECH, NULL, NULL, L_INLINE},
    {"出版日期", K_SLOT, CN_DATE, 0, F_MAGTECH, NULL, NULL, L_INLINE},
    {"刊出日期", K_SLOT, CN_DATE, 0, F_RHHZ, NULL, NULL, L_INLINE},
    {"语种", K_SLOT, CN_LANG, 0, F_WANFANG, NULL, NULL, 0},
    {"页码", K_SLOT, CN_PAGES, 0, F_ALL, NULL, NULL, L_INLINE},
    {"页数", K_PAGECOUNT, 0, 0, F_CNKI | F_WANFANG, NULL, NULL, L_INLINE},
    {"总页数", K_SLOT, CN_NPAGES, 0, F_CNKI, NULL, NULL, L_INLINE},
    {"下载", K_SLOT, CN_EXTRA, 0, F_CNKI, "cnki.downloads", NULL, L_INLINE},
    {"下载量", K_SLOT, CN_EXTRA, 0, F_CQVIP, "cnki.downloads", NULL, L_INLINE},
    {"下载次数", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.downloads", NULL, L_INLINE},
    {"被引量", K_SLOT, CN_EXTRA, 0, F_CQVIP, "cnki.cited", NULL, L_INLINE},
    {"被引", K_SLOT, CN_EXTRA, 0, F_CNKI, "cnki.cited", NULL, L_INLINE},
    {"被引次数", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.cited", NULL, L_INLINE},
    {"大小", K_SLOT, CN_EXTRA, 0, F_CNKI, "cnki.size", NULL, L_INLINE},
    {"专辑", K_SLOT, CN_EXTRA, 0, F_CNKI, "cnki.album", NULL, 0},
    {"专题", K_SLOT, CN_EXTRA, 0, F_CNKI, "cnki.topic", NULL, 0},
    {"栏目", K_SLOT, CN_SECTION, 0, F_ALL, NULL, NULL, 0},
    {"所属栏目", K_SLOT, CN_SECTION, 0, F_ALL, NULL, NULL, 0},
    {"所属期刊栏目", K_SLOT, CN_SECTION, 0, F_WANFANG, NULL, NULL, 0},
    /* where it appeared */
    {"刊名", K_SLOT, CN_CONTAINER, 0, F_WANFANG | F_CQVIP, NULL, NULL, L_ANCHOR},
    {"期刊名称", K_SLOT, CN_CONTAINER, 0, F_ALL, NULL, NULL, L_ANCHOR},
    {"来源", K_SLOT, CN_CONTAINER, 0, F_NEWS, NULL, NULL, 0},
    {"出处", K_SOURCE, 0, 0, F_CQVIP, NULL, NULL, L_SPACE | L_ANCHOR},
    {"年，卷(期)", K_YVI, 0, 0, F_WANFANG, NULL, NULL, L_ANCHOR},
    {"年,卷(期)", K_YVI, 0, 0, F_WANFANG, NULL, NULL, L_ANCHOR},
    {"年卷期", K_YVI, 0, 0, F_ALL, NULL, NULL, L_ANCHOR},
    {"ISSN", K_SLOT, CN_ISSN, 0, F_ALL, NULL, NULL, L_SPACE | L_SERIAL},
    {"CN", K_SLOT, CN_CN, 0, F_ALL, NULL, NULL, L_SPACE | L_SERIAL},
    {"ISBN", K_SLOT, CN_ISBN, 0, F_ALL, NULL, NULL, L_SPACE | L_SERIAL},
    {"出版社", K_SLOT, CN_PUBLISHER, 0, F_ALL, NULL, NULL, 0},
    {"出版者", K_SLOT, CN_PUBLISHER, 0, F_ALL, NULL, NULL, 0},
    {"出版地", K_SLOT, CN_PLACE, 0, F_ALL, NULL, NULL, 0},
    /* theses (学位论文) */
    {"学位授予单位", K_SLOT, CN_PUBLISHER, 0, F_WANFANG | F_CNKI, NULL, THESIS, L_ANCHOR},
    {"授予单位", K_SLOT, CN_PUBLISHER, 0, F_ALL, NULL, THESIS, 0},
    {"培养单位", K_SLOT, CN_PUBLISHER, 0, F_ALL, NULL, THESIS, 0},
    {"授予学位", K_SLOT, CN_DEGREE, 0, F_WANFANG, NULL, THESIS, 0},
    {"学位", K_SLOT, CN_DEGREE, 0, F_ALL, NULL, THESIS, 0},
    {"学位级别", K_SLOT, CN_DEGREE, 0, F_ALL, NULL, THESIS, 0},
    {"导师", K_NAMES, CN_SUPERVISOR, 0, F_CNKI, NULL, THESIS, 0},
    {"导师姓名", K_NAMES, CN_SUPERVISOR, 0, F_WANFANG, NULL, THESIS, 0},
    {"指导教师", K_NAMES, CN_SUPERVISOR, 0, F_ALL, NULL, THESIS, 0},
    {"学位年度", K_SLOT, CN_YEAR, 0, F_WANFANG, NULL, THESIS, 0},
    {"学位授予年度", K_SLOT, CN_YEAR, 0, F_ALL, NULL, THESIS, 0},
    {"学科专业", K_SLOT, CN_EXTRA, 0, F_CNKI | F_WANFANG, "cnki.major", THESIS, 0},
    /* conference papers (会议论文) */
    {"会议名称", K_SLOT, CN_SECONDARY, 0, F_CNKI | F_WANFANG, NULL, CONF, L_ANCHOR},
    {"会议时间", K_SLOT, CN_EVENT_DATE, 0, F_CNKI | F_WANFANG, NULL, CONF, 0},
    {"会议日期", K_SLOT, CN_EVENT_DATE, 0, F_ALL, NULL, CONF, 0},
    {"会议地点", K_SLOT, CN_PLACE, 0, F_CNKI | F_WANFANG, NULL, CONF, 0},
    {"母体文献", K_SLOT, CN_CONTAINER, 0, F_WANFANG, NULL, CONF, 0},
    {"会议录名称", K_SLOT, CN_CONTAINER, 0, F_CNKI, NULL, CONF, 0},
    {"论文集", K_SLOT, CN_CONTAINER, 0, F_CNKI, NULL, CONF, 0},
    {"主办单位", K_SLOT, CN_ORGANIZER, 0, F_CNKI | F_WANFANG, NULL, CONF, 0},
    /* newspapers */
    {"报纸名称", K_SLOT, CN_CONTAINER, 0, F_CNKI, NULL, NEWS, L_ANCHOR},
    {"报纸日期", K_SLOT, CN_DATE, 0, F_CNKI, NULL, NEWS, 0},
    {"版号", K_SLOT, CN_PAGES, 0, F_CNKI, NULL, NEWS, L_INLINE},
    {"版次", K_SLOT, CN_PAGES, 0, F_NEWS, NULL, NEWS, L_INLINE},
    {"版名", K_SLOT, CN_SECTION, 0, F_CNKI, NULL, NEWS, L_INLINE},
    {"副标题", K_SLOT, CN_EXTRA, 0, F_CNKI, "cnki.subtitle", NULL, 0},
    /* patents */
    {"专利类型", K_SLOT, CN_DEGREE, 0, F_CNKI | F_WANFANG, NULL, PATENT, 0},
    {"申请公布号", K_SLOT, CN_NUMBER, 0, F_CNKI, NULL, PATENT, 0},
    {"公开号", K_SLOT, CN_NUMBER, 0, F_ALL, NULL, PATENT, 0},
    {"公开/公告号", K_SLOT, CN_NUMBER, 0, F_WANFANG, NULL, PATENT, 0},
    {"授权公告号", K_SLOT, CN_NUMBER, 0, F_ALL, NULL, PATENT, 0},
    {"申请号", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.application-number", PATENT, 0},
    {"申请(专利)号", K_SLOT, CN_EXTRA, 0, F_CNKI, "cnki.application-number", PATENT, 0},
    {"申请/专利号", K_SLOT, CN_EXTRA, 0, F_WANFANG, "cnki.application-number", PATENT, 0},
    {"申请日", K_SLOT, CN_FILED, 0, F_CNKI, NULL, PATENT, 0},
    {"申请日期", K_SLOT, CN_FILED, 0, F_WANFANG, NULL, PATENT, 0},
    {"授权公告日", K_SLOT, CN_DATE, 0, F_CNKI, NULL, PATENT, 0},
    {"公开日", K_SLOT, CN_DATE, 0, F_ALL, NULL, PATENT, 0},
    {"公开/公告日", K_SLOT, CN_DATE, 0, F_WANFANG, NULL, PATENT, 0},
    {"申请人", K_SLOT, CN_ORGANIZER, 0, F_CNKI, NULL, PATENT, 0},
    {"申请/专利权人", K_SLOT, CN_ORGANIZER, 0, F_WANFANG, NULL, PATENT, 0},
    {"专利权人", K_SLOT, CN_ORGANIZER, 0, F_ALL, NULL, PATENT, 0},
    {"发明人", K_NAMES, CN_AUTHORS, 0, F_CNKI, NULL, PATENT, 0},
    {"发明/设计人", K_NAMES, CN_AUTHORS, 0, F_WANFANG, NULL, PATENT, 0},
    {"代理人", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.agent", PATENT, 0},
    {"代理机构", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.agency", PATENT, 0},
    {"主分类号", K_SLOT, CN_EXTRA, 0, F_CNKI, "cnki.ipc", PATENT, 0},
    {"主权项", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.claims", PATENT, L_TEXT},
    {"国省代码", K_SLOT, CN_EXTRA, 0, F_CNKI, "cnki.region-code", PATENT, 0},
    {"地址", K_SLOT, CN_EXTRA, 0, F_CNKI, "cnki.address", NULL, 0},
    /* standards */
    {"标准号", K_SLOT, CN_NUMBER, 0, F_CNKI, NULL, STANDARD, 0},
    {"标准编号", K_SLOT, CN_NUMBER, 0, F_WANFANG, NULL, STANDARD, 0},
    {"实施日期", K_SLOT, CN_EXTRA, 0, F_CNKI | F_WANFANG, "cnki.implemented", STANDARD, 0},
    {"标准状态", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.standard-status", STANDARD, 0},
    {"标准技术委员会", K_NAMES, CN_AUTHORS, 0, F_CNKI, NULL, STANDARD, 0},
    {"归口单位", K_NAMES, CN_AUTHORS, 0, F_CNKI, NULL, STANDARD, 0},
    {"起草单位", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.drafted-by", STANDARD, 0},
    {"发布单位", K_SLOT, CN_PUBLISHER, 0, F_ALL, NULL, STANDARD, 0},
    {"中国标准分类号", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.ccs", STANDARD, 0},
    {"国际标准分类号", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.ics", STANDARD, 0},
    /* yearbooks (年鉴) */
    {"年鉴名称", K_SLOT, CN_CONTAINER, 0, F_CNKI, NULL, YEARBOOK, 0},
    {"年鉴", K_SLOT, CN_CONTAINER, 0, F_CNKI, NULL, YEARBOOK, 0},
    {"年鉴年份", K_SLOT, CN_YEAR, 0, F_CNKI, NULL, YEARBOOK, 0},
    /* English labels (Magtech, RHHZ, Wanfang's English rows) */
    {"Abstract", K_SLOT, CN_ABSTRACT_EN, 0, F_ALL, NULL, NULL, L_TEXT | L_HEAD | L_ANCHOR},
    {"Key words", K_SLOT, CN_KEYWORDS_EN, 0, F_MAGTECH, NULL, NULL, L_LIST | L_ANCHOR},
    {"Keywords", K_SLOT, CN_KEYWORDS_EN, 0, F_ALL, NULL, NULL, L_LIST | L_ANCHOR},
    {"Author", K_NAMES, CN_AUTHORS_EN, 0, F_WANFANG, NULL, NULL, L_LIST},
    {"Authors", K_NAMES, CN_AUTHORS_EN, 0, F_ALL, NULL, NULL, L_LIST},
    {"Journal", K_SLOT, CN_CONTAINER_EN, 0, F_WANFANG, NULL, NULL, 0},
    {"CLC Number", K_SLOT, CN_EXTRA, 0, F_MAGTECH, "cnki.clc", NULL, 0},
    {"CLC", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.clc", NULL, 0},
    {"Online", K_SLOT, CN_ONLINE, 0, F_MAGTECH, NULL, NULL, L_INLINE},
    {"Available Online", K_SLOT, CN_ONLINE, 0, F_RHHZ, NULL, NULL, L_INLINE},
    {"Published", K_SLOT, CN_DATE, 0, F_MAGTECH, NULL, NULL, L_INLINE},
    {"Publish Date", K_SLOT, CN_DATE, 0, F_RHHZ, NULL, NULL, L_INLINE},
    {"Received", K_SLOT, CN_EXTRA, 0, F_MAGTECH, "cnki.received", NULL, L_INLINE},
    {"Received Date", K_SLOT, CN_EXTRA, 0, F_RHHZ, "cnki.received", NULL, L_INLINE},
    {"Revised", K_SLOT, CN_EXTRA, 0, F_MAGTECH, "cnki.revised", NULL, L_INLINE},
    {"Revised Date", K_SLOT, CN_EXTRA, 0, F_RHHZ, "cnki.revised", NULL, L_INLINE},
    {"Accepted", K_SLOT, CN_EXTRA, 0, F_MAGTECH, "cnki.accepted", NULL, L_INLINE},
    {"Accepted Date", K_SLOT, CN_EXTRA, 0, F_RHHZ, "cnki.accepted", NULL, L_INLINE},
    {"Supported by", K_SLOT, CN_EXTRA, 0, F_MAGTECH, "cnki.fund", NULL, L_TEXT},
    {"Fund", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.fund", NULL, L_TEXT},
    {"Funds", K_SLOT, CN_EXTRA, 0, F_RHHZ, "cnki.fund", NULL, L_TEXT},
    {"Foundation", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.fund", NULL, L_TEXT},
    {"Contact", K_SLOT, CN_EXTRA, 0, F_MAGTECH, "cnki.contact", NULL, 0},
    {"Corresponding author", K_SLOT, CN_EXTRA, 0, F_ALL, "cnki.contact", NULL, 0},
    {"About author", K_SLOT, CN_EXTRA, 0, F_MAGTECH, "cnki.about-author", NULL, L_TEXT},
    {"About authors", K_SLOT, CN_EXTRA, 0, F_MAGTECH, "cnki.about-author", NULL, L_TEXT},
    {"Citation", K_CITE, 0, 0, F_RHHZ, NULL, NULL, L_TEXT},
    {"Cite this article", K_CITE, 0, 0, F_MAGTECH, NULL, NULL, L_TEXT | L_HEAD},
    {"Cite this paper", K_CITE, 0, 0, F_ALL, NULL, NULL, L_TEXT | L_HEAD},
    {"Source", K_NEWS, 0, 0, F_NEWS, NULL, NULL, 0},
};
#define N_LABELS (sizeof labels / sizeof *labels)

/* ---- chrome ---- */

/* Navigation, menus and links: a line made only of these is chrome. */
static const char *const menu_words[] = {
    "首页", "期刊", "学术期刊", "学位论文", "博硕", "博硕论文", "硕博论文", "会议", "会议论文", "报纸",
    "年鉴", "专利", "标准", "成果", "科技成果", "图书", "古籍", "法律法规", "政府文件", "科技报告",
    "学术辑刊", "特色期刊", "视频", "外文", "外文文献", "知网节", "知识元", "引文", "数据库",
    "期刊导航", "出版物检索", "高级检索", "专业检索", "作者发文检索", "句子检索", "一框式检索",
    "检索", "登录", "注册", "退出", "个人中心", "我的CNKI", "帮助", "帮助中心", "关于我们",
    "联系我们", "网站地图", "万方数据", "万方智搜", "知识服务平台", "维普", "维普期刊",
    "中文期刊服务平台", "维普期刊官网", "中国知网", "万方数据知识服务平台", "维普资讯", "手机版", "English", "中文", "繁體", "简体", "English Version",
    "中文版", "充值", "购物车", "机构登录", "个人登录", "资源导航", "期刊首页", "过刊浏览",
    "当期目录", "最新录用", "下载排行", "浏览排行", "引用排行", "投稿指南", "编委会", "期刊介绍",
    "在线投稿", "作者中心", "专家审稿", "编辑办公", "详细信息", "文章导航", "目录", "全文",
    "摘要页", "参考文献", "相关文章", "相似文献", "引证文献", "Home", "About", "Journal Home",
    "Current Issue", "Archive", "Online First", "Submission", "Editorial Board", "Article",
    "HTML", "PDF", "XML", "Figures", "Tables", "References", "Related Articles", "Metrics",
    "Email Alert", "RSS", "Export Citation", "Share", "Favorites", "Top", "Back", "Print",
    "Previous", "Next", "Download", "Full Text", "Abstract Page",
};

/* Buttons and links that ride on the lines they follow or precede. */
static const char *const button_words[] = {
    "下载", "阅读", "收藏", "分享", "引用", "打印", "关注", "认领", "导出", "在线阅读",
    "HTML阅读", "CAJ下载", "PDF下载", "整本下载", "分章下载", "分页下载", "手机阅读", "AI辅助阅读",
    "划词翻译", "记笔记", "创建引文跟踪", "原版阅读", "全文阅读", "阅读全文", "免费下载", "全文下载",
    "在线预览", "相关文献", "使用帮助", "返回顶部", "上一篇", "下一篇", "查看全部", "更多",
    "展开", "收起", "复制", "举报", "反馈", "意见反馈", "文献传递", "原文传递", "加入收藏",
    "导出/参考文献", "分享到", "分享到：", "分享到:", "打印本页", "关闭窗口", "微信", "微博", "QQ空间",
    "参考文献导出", "下载PDF", "在线阅读PDF",
    "Previous Articles", "Next Articles", "Export Citation", "Email Alert", "Download PDF",
    "Full Text HTML",
};

/* Index badges and item marks: kept (cnki.badges), never glued to a value. */
static const char *const badge_words[] = {
    "北大核心", "CSSCI扩展版", "CSSCI", "CSCD扩展版", "CSCD", "SCIE", "SSCI", "AHCI", "SCI",
    "EI", "中国科技核心期刊", "中国科技核心", "科技核心", "中文核心期刊", "核心期刊", "CSTPCD",
    "AMI核心", "AMI", "WJCI", "CAS", "CA", "JST", "Pж(AJ)", "统计源期刊", "卓越期刊", "网络首发",
    "增强出版", "优先出版", "独家", "独家提供", "EI收录", "SCI收录",
};

/* Badges that mark the item, not the journal's indexing. */
static const char *const item_marks[] = {"网络首发", "增强出版", "优先出版", "独家", "独家提供"};

/* Lines that say what kind of document the page is: a thesis page's
 * degree above the title. */
static const struct {
  const char *text, *hint;
} kind_words[] = {
    {"博士", THESIS}, {"硕士", THESIS}, {"博士学位论文", THESIS}, {"硕士学位论文", THESIS},
    {"博士论文", THESIS}, {"硕士论文", THESIS},
};

/* Footer lines, by a phrase they hold. */
static const char *const footer_marks[] = {
    "版权所有", "ICP备", "ICP证", "公网安备", "Copyright", "©", "All rights reserved",
    "尊敬的读者", NULL,
};

#define N_OF(a) (sizeof a / sizeof *a)

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

/* Four digits, the first 1 or 2, no digit after: a year at s[i]. */
static int year_at(const char *s, size_t len, size_t i) {
  return i + 4 <= len && (s[i] == '1' || s[i] == '2') && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
         is_digit(s[i + 3]) && (i + 4 == len || !is_digit(s[i + 4]));
}

/* A blank at s (ASCII space or tab, NBSP, U+3000): its length, or 0. */
static size_t blank_at(const char *s, size_t len) {
  if (len && (s[0] == ' ' || s[0] == '\t'))
    return 1;
  if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
    return 2;
  if (len >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
    return 3;
  return 0;
}

static size_t blank_before(const char *s, size_t len) {
  if (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    return 1;
  if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 && (unsigned char)s[len - 1] == 0xA0)
    return 2;
  if (len >= 3 && memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0)
    return 3;
  return 0;
}

static int ends_with(const char *s, size_t len, const char *suf) {
  size_t n = strlen(suf);
  return len >= n && memcmp(s + len - n, suf, n) == 0;
}

/* Leading bullets: "•", "■", "◆", "●", "▪", "►". */
static const char *const bullets[] = {"•", "■", "◆", "●", "▪", "►", "◇", "□"};

static size_t skip_bullets(const char *s, size_t len, size_t i) {
  for (;;) {
    size_t k = blank_at(s + i, len - i);
    if (k) {
      i += k;
      continue;
    }
    size_t b;
    for (b = 0; b < N_OF(bullets); b++)
      if (cn_starts(s + i, len - i, bullets[b]))
        break;
    if (b == N_OF(bullets))
      return i;
    i += strlen(bullets[b]);
  }
}

static int in_table(const char *s, size_t len, const char *const *t, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (t[i][0] == s[0] && strlen(t[i]) == len && memcmp(t[i], s, len) == 0)
      return 1;
  return 0;
}

/* ---- labels ---- */

/* Brackets some pages put labels in: 【摘要】 〔关键词〕 [摘要] ［摘要］ 〖摘要〗 */
static const char *const open_br[] = {"【", "〔", "［", "〖", "["};
static const char *const close_br[] = {"】", "〕", "］", "〗", "]"};

/* The bracket a label may stand in at s: its row in open_br (N_OF when
 * none), *at where the label starts. */
static size_t bracket_at(const char *s, size_t len, size_t *at) {
  *at = 0;
  if (!len || ((unsigned char)s[0] != 0xE3 && (unsigned char)s[0] != 0xEF && s[0] != '['))
    return N_OF(open_br);
  for (size_t k = 0; k < N_OF(open_br); k++)
    if (cn_starts(s, len, open_br[k])) {
      size_t i = strlen(open_br[k]);
      while (i < len && blank_at(s + i, len - i))
        i += blank_at(s + i, len - i);
      *at = i;
      return k;
    }
  return N_OF(open_br);
}

/* Whether the label l stands at s[i], in the bracket b (N_OF(open_br)
 * when none): *v is where its value starts.  ASCII labels match in any
 * case ("KEYWORDS:"); Han labels with blanks between their characters
 * ("作  者：", "分 类 号："). */
static int match_label_at(const char *s, size_t len, const label *l, int anycase, size_t b,
                          size_t i, size_t *v) {
  const char *t = l->text;
  int han = (unsigned char)t[0] >= 0x80;
  while (*t) {
    if (i >= len)
      return 0;
    if ((unsigned char)*t < 0x80) {
      if (anycase ? lower(s[i]) != lower(*t) : s[i] != *t)
        return 0;
      i++;
      t++;
      continue;
    }
    size_t n = cn_u8len(t, strlen(t));
    if (len - i < n || memcmp(s + i, t, n) != 0)
      return 0;
    i += n;
    t += n;
    if (*t)
      while (i < len && blank_at(s + i, len - i))
        i += blank_at(s + i, len - i);
  }
  /* "Abstract" is not "Abstracts of ...": a label ends here */
  if (i < len && (is_alpha(s[i]) || (han && (unsigned char)s[i] >= 0x80 && !blank_at(s + i, len - i) &&
                                         !cn_starts(s + i, len - i, "：") &&
                                         b == N_OF(open_br))))
    return 0;
  size_t lab_end = i, sp = 0;
  while (i < len && blank_at(s + i, len - i))
    sp += blank_at(s + i, len - i), i += blank_at(s + i, len - i);
  if (b < N_OF(open_br)) {
    if (!cn_starts(s + i, len - i, close_br[b]))
      return 0;
    i += strlen(close_br[b]);
    while (i < len && blank_at(s + i, len - i))
      i += blank_at(s + i, len - i);
  }
  if (i < len && s[i] == ':')
    return *v = i + 1, 1;
  if (cn_starts(s + i, len - i, "："))
    return *v = i + 3, 1;
  if (b < N_OF(open_br))
    return *v = i, 1;
  if (i == len)
    return (han || (l->flags & L_HEAD)) ? (*v = len, 1) : 0;
  if ((l->flags & L_SPACE) && sp && lab_end < len)
    return *v = i, 1;
  return 0;
}

/* The same at the start of s, in a bracket or not. */
static int match_label(const char *s, size_t len, const label *l, int anycase, size_t *v) {
  size_t at, b = bracket_at(s, len, &at);
  return match_label_at(s, len, l, anycase, b, at, v);
}

static int serial_at(const char *s, size_t len, size_t i) {
  while (i < len && blank_at(s + i, len - i))
    i += blank_at(s + i, len - i);
  return i < len && is_digit(s[i]);
}

/* The longest label at the start of s. */
static const label *find_label(const char *s, size_t len, size_t *v) {
  const label *best = NULL;
  size_t bl = 0, at, b = bracket_at(s, len, &at);
  if (at >= len)
    return NULL;
  char c0 = lower(s[at]);
  for (size_t k = 0; k < N_LABELS; k++) {
    size_t n, tl;
    /* the first byte first: most lines start with no label at all */
    if (lower(labels[k].text[0]) != c0 || (tl = strlen(labels[k].text)) <= bl)
      continue;
    if (match_label_at(s, len, &labels[k], 1, b, at, &n) &&
        (!(labels[k].flags & L_SERIAL) || serial_at(s, len, n))) {
      best = &labels[k];
      bl = tl;
      *v = n;
    }
  }
  return best;
}

/* The labels that may stand inside a line, and their first bytes: built
 * once per thread from the table, so that the scan of a line tries at
 * each position only the labels that can start there. */
static _Thread_local struct {
  int ready;
  unsigned char first[256]; /* 1: some inline label starts with this byte */
  size_t idx[N_LABELS], n;
} inl;

static void inline_table(void) {
  if (inl.ready)
    return;
  for (size_t k = 0; k < N_LABELS; k++)
    if (labels[k].flags & L_INLINE) {
      inl.idx[inl.n++] = k;
      inl.first[(unsigned char)labels[k].text[0]] = 1;
    }
  inl.ready = 1;
}

/* The first inline label after the start of s ("... Published:2023-05-11",
 * "题名 被引量:19"), with a colon after it; len when there is none. */
static size_t next_inline(const char *s, size_t len) {
  if (!memchr(s, ':', len) && cn_find(s, len, "：") == (size_t)-1)
    return len;
  inline_table();
  for (size_t i = 1; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    /* ASCII labels start after a blank; Han ones anywhere
     * ("2020-03-16接受日期:2020-09-3") */
    if (!inl.first[c] || (c < 0x80 && s[i - 1] != ' '))
      continue;
    for (size_t j = 0; j < inl.n; j++) {
      const label *l = &labels[inl.idx[j]];
      size_t v;
      if (l->text[0] == s[i] && match_label_at(s + i, len - i, l, 0, N_OF(open_br), 0, &v) &&
          v > strlen(l->text) && (s[v + i - 1] == ':' || ends_with(s + i, v, "：")))
        return i;
    }
  }
  return len;
}

/* ---- chrome ---- */

/* A badge at the end of s[0..len): its length, or 0.  ASCII badges only
 * after a blank or another badge, so that "...in CA" keeps its word. */
static size_t badge_at_end(const char *s, size_t len, int han_line) {
  for (size_t k = 0; k < N_OF(badge_words); k++) {
    const char *w = badge_words[k];
    size_t n = strlen(w);
    if (!ends_with(s, len, w))
      continue;
    if (n == len)
      return n;
    unsigned char before = (unsigned char)s[len - n - 1];
    if ((unsigned char)w[0] >= 0x80 || blank_before(s, len - n) || before >= 0x80 ||
        is_digit((char)before) || (han_line && (before >= 'A' && before <= 'Z')))
      return n;
  }
  return 0;
}

static size_t button_at_end(const char *s, size_t len) {
  for (size_t k = 0; k < N_OF(button_words); k++) {
    size_t n = strlen(button_words[k]);
    if (ends_with(s, len, button_words[k]) && (n == len || blank_before(s, len - n) ||
                                                s[len - n - 1] == '|'))
      return n;
  }
  return 0;
}

typedef struct page page;
static int add_badge(page *p, const char *s, size_t len);

/* The badge s starts with: its length, or 0.  The longest one; an ASCII
 * one ends where a blank, a bar, a digit or another badge begins
 * ("北大核心CSCDEI", "CSCD2019年"), never inside a word ("CAJ下载": no CA;
 * "CAS": no CA glued to an "S" left behind). */
static size_t badge_at(const char *s, size_t len) {
  size_t best = 0;
  for (size_t k = 0; k < N_OF(badge_words); k++) {
    size_t n = strlen(badge_words[k]);
    if (n > best && cn_starts(s, len, badge_words[k]))
      best = n;
  }
  if (best && best < len && !blank_at(s + best, len - best) && s[best] != '|' &&
      !is_digit(s[best]) && (unsigned char)s[best - 1] < 0x80) {
    size_t j;
    for (j = 0; j < N_OF(badge_words); j++)
      if (cn_starts(s + best, len - best, badge_words[j]))
        break;
    if (j == N_OF(badge_words))
      best = 0;
  }
  return best;
}

/* The badges in s (cut off a line's end), in their order. */
static int add_badges_in(page *p, const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    size_t best = badge_at(s + i, len - i);
    if (best) {
      if (add_badge(p, s + i, best))
        return BCV_ENOMEM;
      i += best;
      continue;
    }
    /* a button between them: skip the word */
    while (i < len && !blank_at(s + i, len - i) && s[i] != '|')
      i += cn_u8len(s + i, len - i);
    while (i < len && (blank_at(s + i, len - i) || s[i] == '|'))
      i += s[i] == '|' ? 1 : blank_at(s + i, len - i);
  }
  return BCV_OK;
}

/* The last bytes of the badges and buttons (built once per thread):
 * a line that ends in none of them has nothing to cut at its end. */
static _Thread_local struct {
  int ready;
  unsigned char last[256];
} ends;

static int may_end_in_chrome(const char *s, size_t len) {
  if (!ends.ready) {
    for (size_t k = 0; k < N_OF(badge_words); k++)
      ends.last[(unsigned char)badge_words[k][strlen(badge_words[k]) - 1]] = 1;
    for (size_t k = 0; k < N_OF(button_words); k++)
      ends.last[(unsigned char)button_words[k][strlen(button_words[k]) - 1]] = 1;
    ends.last[' '] = ends.last['\t'] = ends.last['|'] = ends.last[0x80] = 1; /* blanks, U+3000 */
    ends.last[0xA0] = 1;
    ends.ready = 1;
  }
  return len && ends.last[(unsigned char)s[len - 1]];
}

/* Cut buttons and badges off both ends of a line; badges are kept. */
static int strip_chrome(page *p, const char **s, size_t *len, int badges_only) {
  size_t end = *len, k;
  int han = may_end_in_chrome(*s, end) && cn_has_han(*s, *len);
  for (; may_end_in_chrome(*s, end);) {
    while (end && ((k = blank_before(*s, end)) || (*s)[end - 1] == '|'))
      end -= k ? k : 1;
    if ((k = badge_at_end(*s, end, han))) {
      end -= k;
      continue;
    }
    if (!badges_only && end < 400 && (k = button_at_end(*s, end))) {
      end -= k;
      continue;
    }
    break;
  }
  if (end < *len && add_badges_in(p, *s + end, *len - end))
    return BCV_ENOMEM;
  *len = end;
  /* and at the start: "网络首发 题名", "北大核心 CSCD 刊名 . 2019 ..." */
  for (;;) {
    while (*len && (k = blank_at(*s, *len)))
      *s += k, *len -= k;
    size_t w = 0;
    while (w < *len && !blank_at(*s + w, *len - w))
      w += cn_u8len(*s + w, *len - w);
    if (w == 0 || w == *len)
      break;
    if (in_table(*s, w, badge_words, N_OF(badge_words))) {
      if (add_badge(p, *s, w))
        return BCV_ENOMEM;
    } else if (badges_only || !in_table(*s, w, button_words, N_OF(button_words))) {
      break;
    }
    *s += w;
    *len -= w;
  }
  return BCV_OK;
}

/* A line of navigation: menu words, buttons and badges only, separated by
 * blanks, "|", "/", "·" or arrows ("首页 > 期刊 > 化工学报 > 2019年z1期"). */
static const char *const crumb_seps[] = {">", "|", "/", "›", "»", "→", "＞", "｜", "·", "／"};

static size_t breadcrumb_sep(const char *s, size_t len) {
  unsigned char c = (unsigned char)s[0];
  if (c != '>' && c != '|' && c != '/' && c != 0xE2 && c != 0xC2 && c != 0xEF)
    return 0;
  if (cn_starts(s, len, "››"))
    return 0; /* Magtech's source line */
  for (size_t k = 0; k < N_OF(crumb_seps); k++)
    if (cn_starts(s, len, crumb_seps[k]))
      return strlen(crumb_seps[k]);
  return 0;
}

/* Two arrows or more between short words: a breadcrumb; one before an
 * issue ("社会主义研究 > 2022年第3期") too. */
static int path_line(const char *s, size_t len) {
  int arrows = 0;
  size_t last = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c != '>' && c != 0xE2 && c != 0xC2)
      continue;
    if (cn_starts(s + i, len - i, "››"))
      return 0; /* Magtech's source line */
    if ((s[i] == '>' && (i == 0 || s[i - 1] != '>')) || cn_starts(s + i, len - i, "›") ||
        cn_starts(s + i, len - i, "»") || cn_starts(s + i, len - i, "→")) {
      arrows++;
      last = i + cn_u8len(s + i, len - i);
    }
  }
  if (len >= 300 || ends_with(s, len, "。"))
    return 0;
  if (arrows == 1) {
    const char *t = s + last;
    size_t tl = len - last;
    cn_trim(&t, &tl);
    return year_at(t, tl, 0) && cn_starts(t + 4, tl - 4, "年") && ends_with(t, tl, "期") && tl <= 24;
  }
  return arrows >= 2;
}

/* Three short items or more between bars, whatever their words: a menu
 * ("知网首页 | 人民币/账户余额 | 机构 | 个人 | 网站导航"). */
static int bar_menu(const char *s, size_t len) {
  int items = 0;
  for (size_t i = 0; i <= len;) {
    size_t e = i;
    while (e < len && s[e] != '|' && !cn_starts(s + e, len - e, "｜"))
      e += cn_u8len(s + e, len - e);
    const char *it = s + i;
    size_t n = e - i;
    cn_trim(&it, &n);
    if (!n || n > 30 || cn_find(it, n, "：") != (size_t)-1 || cn_find(it, n, "。") != (size_t)-1)
      return 0;
    items++;
    if (e == len)
      break;
    i = e + (s[e] == '|' ? 1 : 3);
  }
  return items >= 3;
}

static int chrome_line(page *p, const char *s, size_t len) {
  if (len > 600)
    return 0;
  for (size_t k = 0; footer_marks[k]; k++)
    if (cn_find(s, len, footer_marks[k]) != (size_t)-1)
      return 1;
  /* "当前位置：首页 > 期刊", "您的位置：" */
  static const char *const here[] = {"当前位置", "您的位置", "您现在的位置", "位置", "You are here"};
  for (size_t k = 0; k < N_OF(here); k++)
    if (cn_starts(s, len, here[k])) {
      size_t i = strlen(here[k]);
      if (cn_starts(s + i, len - i, "："))
        return 1;
      if (i < len && s[i] == ':')
        return 1;
    }
  /* captions of figures and tables: "图 1 一个简单的系统", "Fig. 2 ..." */
  static const char *const captions[] = {"图", "表", "Fig.", "Figure", "Table"};
  for (size_t k = 0; k < N_OF(captions); k++) {
    size_t i = strlen(captions[k]);
    if (!cn_starts(s, len, captions[k]))
      continue;
    while (i < len && blank_at(s + i, len - i))
      i += blank_at(s + i, len - i);
    if (i < len && is_digit(s[i]) && i > strlen(captions[k]))
      return 1;
  }
  if (bar_menu(s, len))
    return 1;
  int words = 0, seps = 0, known = 0, loose = 0, path = -1;
  for (size_t i = 0; i < len;) {
    size_t k = blank_at(s + i, len - i);
    if (k) {
      i += k;
      continue;
    }
    if ((k = breadcrumb_sep(s + i, len - i))) {
      seps++;
      i += k;
      continue;
    }
    size_t w = i;
    while (w < len && !blank_at(s + w, len - w) && !breadcrumb_sep(s + w, len - w))
      w += cn_u8len(s + w, len - w);
    words++;
    if (in_table(s + i, w - i, menu_words, N_OF(menu_words)) ||
        in_table(s + i, w - i, button_words, N_OF(button_words)))
      known++;
    else if (in_table(s + i, w - i, badge_words, N_OF(badge_words))) {
      known++;
      if (add_badge(p, s + i, w - i))
        return -1;
    } else if (!(seps && known && w - i <= 60)) {
      /* an unknown word outside a breadcrumb: a site's own short word in
       * a menu ("维普网 登录 注册"), or no chrome */
      if (w - i > 60 || !(path < 0 ? (path = path_line(s, len)) : path)) {
        if (w - i > 12)
          return 0;
        loose++;
      }
    }
    i = w;
  }
  /* three items or more, half of them or more menu words or buttons */
  if (loose)
    return words >= 3 && 2 * known >= words;
  /* "人民网 >> 人民日报 >> 理论": a path, whatever its words */
  if (words <= 12 && (path < 0 ? path_line(s, len) : path))
    return 1;
  /* "首页 > 期刊 > 化工学报 > 2019年z1期": the first word a menu word, the
   * rest whatever the site's path holds */
  return words && known && (known == words || seps);
}

/* ---- shapes ---- */

/* A Magtech source line: "Journal ›› 2024, Vol. 26 ›› Issue (2): 69-80." */
static int magtech_source(const char *s, size_t len) {
  return cn_find(s, len, "››") != (size_t)-1 &&
         (cn_find(s, len, "Vol.") != (size_t)-1 || cn_find(s, len, "Issue") != (size_t)-1);
}

/* Where the year of a source line starts after the separator at d
 * (blanks, a full stop, blanks); d when there is no year there. */
static size_t source_year(const char *s, size_t len, size_t d, int *dotted) {
  size_t j = d;
  while (j < len && blank_at(s + j, len - j))
    j += blank_at(s + j, len - j);
  *dotted = j < len && s[j] == '.';
  if (*dotted)
    for (j++; j < len && blank_at(s + j, len - j);)
      j += blank_at(s + j, len - j);
  return j > d && year_at(s, len, j) ? j : d;
}

/* CNKI kcms: the journal, a full stop, then only numbers: "物理与工程 .
 * 2026 ,36 (03) : 5-15", "农业工程学报. 2022,38(12):45-53", "中国卫生年鉴 .
 * 2001"; a newspaper's date after blanks alone: "经济日报   2022-03-15".
 * *dot is where the name ends. */
static int kcms_source(const char *s, size_t len, size_t *dot) {
  if (len > 400)
    return 0;
  for (size_t d = 1; d < len; d++) {
    if (s[d] != '.' && !blank_at(s + d, len - d))
      continue;
    int dotted;
    size_t y = source_year(s, len, d, &dotted);
    if (y == d)
      continue;
    size_t i = y + 4;
    if (!dotted) {
      /* a Han name, and a whole date after it, nothing more */
      if (!cn_has_han(s, d) || i + 6 > len || s[i] != '-' || !is_digit(s[i + 1]))
        return 0;
      for (size_t k = i; k < len; k++)
        if (!is_digit(s[k]) && s[k] != '-')
          return 0;
    }
    for (size_t k = i; k < len; k += (unsigned char)s[k] >= 0x80 ? 3 : 1)
      if (!is_digit(s[k]) && !strchr(" ,()-:/+", s[k]) && !cn_starts(s + k, len - k, "（") &&
          !cn_starts(s + k, len - k, "）") && !cn_starts(s + k, len - k, "：") &&
          !cn_starts(s + k, len - k, "，"))
        return 0;
    while (d > 0 && s[d - 1] == ' ')
      d--;
    *dot = d;
    return 1;
  }
  return 0;
}

/* Whether the chrome cut off a line's end held an index badge (北大核心,
 * CSCD ...; not an item's mark such as 网络首发). */
static int index_badge_in(const char *s, size_t len) {
  for (size_t i = 0; i < len; i += cn_u8len(s + i, len - i))
    for (size_t k = 0; k < N_OF(badge_words); k++)
      if (cn_starts(s + i, len - i, badge_words[k]) &&
          !in_table(badge_words[k], strlen(badge_words[k]), item_marks, N_OF(item_marks)))
        return 1;
  return 0;
}

/* A newspaper's source line: "《人民日报》（2019年10月24日 第05版）",
 * "《光明日报》（ 2019年10月24日 11版）", "《中国社会科学报》2017年10月19日 第8版". */
static int news_source(const char *s, size_t len) {
  if (!cn_starts(s, len, "《") || len > 300)
    return 0;
  size_t c = cn_find(s, len, "》");
  if (c == (size_t)-1)
    return 0;
  size_t i = c + 3;
  while (i < len && (blank_at(s + i, len - i) || s[i] == '(' || cn_starts(s + i, len - i, "（")))
    i += blank_at(s + i, len - i) ? blank_at(s + i, len - i) : s[i] == '(' ? 1 : 3;
  return i + 4 <= len && is_digit(s[i]) && is_digit(s[i + 3]) &&
         cn_find(s + i, len - i, "版") != (size_t)-1;
}

/* "1. (School of ..., China)", "1.单位 2.单位", "1、单位" */
static int numbered(const char *s, size_t len) {
  size_t i = 0;
  while (i < len && is_digit(s[i]))
    i++;
  return i > 0 && i < 3 && i < len && (s[i] == '.' || cn_starts(s + i, len - i, "、")) &&
         !(i + 1 < len && is_digit(s[i + 1]));
}

/* Words that make a parenthesised line an affiliation. */
static const char *const affil_words[] = {
    "大学", "学院", "研究所", "研究院", "研究中心", "中心", "医院", "公司", "实验室", "学校", "委员会",
    "University", "Institute", "College", "School", "Department", "Academy", "Laboratory",
    "Hospital", "Center", "Centre",
};

/* A unit's name alone on its line: short, no sentence, an affiliation word. */
static int institution(const char *s, size_t len) {
  if (len > 200 || ends_with(s, len, "。") || s[len - 1] == '.')
    return 0;
  for (size_t k = 0; k < N_OF(affil_words); k++)
    if (cn_find(s, len, affil_words[k]) != (size_t)-1)
      return 1;
  return 0;
}

static int paren_affil(const char *s, size_t len) {
  size_t o = cn_starts(s, len, "（") ? 3 : s[0] == '(' ? 1 : 0;
  if (!o || len < o + 4)
    return 0;
  size_t c = ends_with(s, len, "）") ? 3 : s[len - 1] == ')' ? 1 : 0;
  if (!c)
    return 0;
  const char *in = s + o;
  size_t il = len - o - c;
  if (numbered(in, il) || (il > 1 && is_digit(in[0]) && (unsigned char)in[1] >= 0x80))
    return 1;
  for (size_t k = 0; k < N_OF(affil_words); k++)
    if (cn_find(in, il, affil_words[k]) != (size_t)-1)
      return 1;
  return 0;
}

/* The GB/T 7714 type codes ("J", "M", "EB/OL"...), known by the list reader. */
static int gbt_shaped(const char *s, size_t len) {
  if (len < 8 || len > 4000)
    return 0;
  for (size_t i = 1; i + 2 < len; i++) {
    if (s[i] != '[' || !(s[i + 1] >= 'A' && s[i + 1] <= 'Z'))
      continue;
    size_t j = i + 1;
    while (j < len && j - i < 7 && ((s[j] >= 'A' && s[j] <= 'Z') || s[j] == '/'))
      j++;
    if (j < len && s[j] == ']' && cn_gbt_code(s + i + 1, j - i - 1) &&
        (j + 1 == len || s[j + 1] == '.' || s[j + 1] == '/' || s[j + 1] == ',' ||
         cn_starts(s + j + 1, len - j - 1, "．")))
      return memchr(s, '.', i) != NULL || cn_find(s, i, "．") != (size_t)-1;
  }
  return 0;
}

/* A name of a list: "DU Li", "孟祥福", "袁训来1*2", "LIANG Qiao1". */
static int name_item(const char *s, size_t len) {
  const char *m;
  size_t ml;
  len = cn_name_marks(s, len, &m, &ml);
  cn_trim(&s, &len);
  if (!len)
    return 0;
  if (cn_has_han(s, len)) {
    /* two to four characters (欧阳晓); more only for a transliterated
     * name with its middle dot (史蒂芬·萨曼) */
    size_t chars = 0;
    int dot = 0;
    for (size_t i = 0, n; i < len; i += n) {
      unsigned c = cn_cp(s + i, len - i, &n);
      if (!cn_is_han_cp(c) && c != 0xB7 && c != 0x2022 && c != ' ')
        return 0;
      dot |= c == 0xB7;
      chars += c != ' ';
    }
    return chars >= 2 && chars <= (dot ? 16u : 4u);
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

/* One Han character alone: half of a two-character name printed with a
 * blank inside ("李 娜"), as pages that align names do. */
static int lone_han(const char *s, size_t len) {
  size_t n;
  return len && cn_is_han_cp(cn_cp(s, len, &n)) && n == len;
}

static int has_sep(const char *s, size_t len) {
  return memchr(s, ';', len) || memchr(s, ',', len) || cn_find(s, len, "；") != (size_t)-1 ||
         cn_find(s, len, "，") != (size_t)-1 || cn_find(s, len, "、") != (size_t)-1;
}

static int names_line(const char *s, size_t len) {
  if (len > 2000)
    return 0;
  int items = 0, pending = 0;
  int spaced_han = !has_sep(s, len) && cn_has_han(s, len);
  size_t start = 0;
  for (size_t i = 0; i <= len;) {
    size_t k = 0;
    if (i == len)
      k = 1;
    else if (s[i] == ',' || s[i] == ';' || (spaced_han && s[i] == ' '))
      k = 1;
    else if (cn_starts(s + i, len - i, "，") || cn_starts(s + i, len - i, "、") ||
             cn_starts(s + i, len - i, "；") || (spaced_han && cn_starts(s + i, len - i, "\xE3\x80\x80")))
      k = 3;
    if (!k) {
      i += cn_u8len(s + i, len - i);
      continue;
    }
    const char *it = s + start;
    size_t n = i - start;
    cn_trim(&it, &n);
    if (n && spaced_han && lone_han(it, n)) {
      /* "李 娜": two lone characters are one name */
      items += pending;
      pending = !pending;
    } else if (n) {
      if (pending || !name_item(it, n))
        return 0;
      items++;
    }
    i += k;
    start = i;
  }
  return !pending && items > 0 && items <= 60;
}

/* More Han than Latin letters. */
static int mostly_han(const char *s, size_t len) { return strcmp(cn_lang_of(s, len), "zh") == 0; }

static int sentence(const char *s, size_t len) {
  return s[len - 1] == '.' || ends_with(s, len, "。");
}

/* ---- the page ---- */

typedef enum lclass {
  LC_BLANK,
  LC_CHROME,
  LC_LABEL,   /* a label, its value after it on the line or on the next lines */
  LC_CONT,    /* the value of the label above */
  LC_SOURCE,  /* Magtech, CNKI or newspaper source line */
  LC_TITLE,   /* the title chosen (of its language) */
  LC_NAMES,   /* a line of names: confirmed when it follows a title */
  LC_AFFIL,   /* numbered or parenthesised affiliations */
  LC_CITE,    /* a GB/T 7714 string for this article */
  LC_SECTION, /* "• Politics and Public Management •" */
  LC_NOTE,    /* "(The author is ...)" */
  LC_TEXT,
  LC_DUP,     /* the title again: said once */
  LC_KIND,    /* "博士" alone: the kind of document */
  LC_CONTAINER, /* on a line of its own: the journal's English name under a
                 * CQVIP source line, the proceedings above a paper's title */
} lclass;

typedef struct pline {
  const char *s;
  size_t len;
  long line;
  unsigned char cls, en;
  const label *lab;
  size_t v;    /* LC_LABEL: where the value starts in s */
  size_t owner; /* LC_CONT: the label's line */
  int ok;       /* LC_NAMES: under a title, so names indeed */
} pline;

struct page {
  cn_builder *b;
  pline *l;
  size_t n;
  cn_buf body[2]; /* unlabelled text: [0] Chinese, [1] English */
  long body_line[2];
  cn_buf tmp, names, val, badges;
  int badges_out;
  const char *hint; /* a type the labels imply */
  long hint_line;
};

static int add_badge(page *p, const char *s, size_t len) {
  if (!p)
    return BCV_OK;
  /* each badge once */
  for (size_t i = 0; i < p->badges.len;) {
    const char *e = memchr(p->badges.p + i, ',', p->badges.len - i);
    size_t n = e ? (size_t)(e - (p->badges.p + i)) : p->badges.len - i;
    if (n == len && memcmp(p->badges.p + i, s, len) == 0)
      return BCV_OK;
    i += n + (e ? 2 : 0);
  }
  if ((p->badges.len && cn_buf_puts(&p->badges, ", ")) || cn_buf_put(&p->badges, s, len))
    return BCV_ENOMEM;
  return BCV_OK;
}

static int flush_badges(page *p, long line) {
  if (p->badges_out || !p->badges.len)
    return BCV_OK;
  p->badges_out = 1;
  int rc = cn_put(p->b, CN_EXTRA, "cnki.badges", p->badges.p, p->badges.len, line, 1);
  /* a 网络首发 item is an advance online publication */
  if (!rc && cn_find(p->badges.p, p->badges.len, "网络首发") != (size_t)-1)
    rc = cn_put(p->b, CN_STATUS, NULL, "advance online publication", 26, line, 1);
  return rc;
}

/* "袁训来1,2 陈哲1": a comma between affiliation numbers is not a
 * separator between names.  Into p->names. */
static int unglue_marks(page *p, const char *s, size_t len) {
  p->names.len = 0;
  for (size_t i = 0; i < len; i++)
    if (cn_buf_putc(&p->names, s[i] == ',' && i && i + 1 < len && is_digit(s[i - 1]) &&
                                       is_digit(s[i + 1])
                                   ? '*'
                                   : s[i]))
      return BCV_ENOMEM;
  if (cn_buf_put(&p->names, "", 0))
    return BCV_ENOMEM;
  return BCV_OK;
}

/* Han items separated by spaces only ("邓正阳 向昉", CQVIP keywords); in a
 * list of names, two lone characters in a row are one name ("王立新 李 娜"). */
static int put_spaced(page *p, cn_slot slot, const char *s, size_t len, long line, int names) {
  if (has_sep(s, len))
    return cn_put(p->b, slot, NULL, s, len, line, 1);
  p->tmp.len = 0;
  int pending = 0; /* the item before is a lone character not yet paired */
  for (size_t i = 0; i < len;) {
    size_t k = blank_at(s + i, len - i);
    if (k) {
      i += k;
      continue;
    }
    size_t e = i;
    while (e < len && !blank_at(s + e, len - e))
      e += cn_u8len(s + e, len - e);
    int lone = names && lone_han(s + i, e - i);
    if (!(lone && pending) && p->tmp.len && cn_buf_putc(&p->tmp, ';'))
      return BCV_ENOMEM;
    if (cn_buf_put(&p->tmp, s + i, e - i))
      return BCV_ENOMEM;
    pending = lone && !pending;
    i = e;
  }
  return cn_put(p->b, slot, NULL, p->tmp.p, p->tmp.len, line, 1);
}

static int all_caps(const char *s, size_t len) {
  if (len < 2)
    return 0;
  for (size_t i = 0; i < len; i++)
    if (!(s[i] >= 'A' && s[i] <= 'Z') && s[i] != '-')
      return 0;
  return 1;
}

/* Romanised names with blanks only between them: "LI Ming1 WANG Hong2",
 * "LI Ming WANG Hong".  A name ends after its affiliation numbers, or
 * where a surname in capitals follows a given name.  Into p->tmp. */
static int split_romanised(page *p, const char *s, size_t len) {
  p->tmp.len = 0;
  /* capitals mark surnames only in a pinyin list that starts with one
   * ("LI Ming WANG Hong"; "Barbara M. KEHM" is one name) */
  int surnames = 0, first_caps = -1;
  for (size_t i = 0; i < len;) {
    size_t e = i;
    while (e < len && s[e] != ' ')
      e++;
    size_t w = e;
    while (w > i && (is_digit(s[w - 1]) || s[w - 1] == '*'))
      w--;
    int c = all_caps(s + i, w - i);
    surnames += c;
    if (first_caps < 0)
      first_caps = c;
    i = e;
    while (i < len && s[i] == ' ')
      i++;
  }
  int by_caps = first_caps > 0 && surnames >= 2;
  int prev_caps = 1, prev_marked = 0;
  for (size_t i = 0; i < len;) {
    size_t e = i;
    while (e < len && s[e] != ' ')
      e++;
    size_t w = e;
    while (w > i && (is_digit(s[w - 1]) || s[w - 1] == '*' || s[w - 1] == ','))
      w--;
    int caps = all_caps(s + i, w - i);
    int cut = prev_marked || (by_caps && caps && !prev_caps);
    if (p->tmp.len && cn_buf_putc(&p->tmp, cut ? ';' : ' '))
      return BCV_ENOMEM;
    if (cn_buf_put(&p->tmp, s + i, e - i))
      return BCV_ENOMEM;
    prev_caps = caps;
    prev_marked = w < e;
    i = e;
    while (i < len && s[i] == ' ')
      i++;
  }
  return BCV_OK;
}

static int put_names(page *p, cn_slot zh, cn_slot en, const char *s, size_t len, long line) {
  int rc = unglue_marks(p, s, len);
  if (rc)
    return rc;
  s = p->names.p;
  len = p->names.len;
  if (!cn_has_han(s, len)) {
    if (!has_sep(s, len) && (rc = split_romanised(p, s, len)) == BCV_OK)
      return cn_put(p->b, en ? en : zh, NULL, p->tmp.p, p->tmp.len, line, 1);
    return rc ? rc : cn_put(p->b, en ? en : zh, NULL, s, len, line, 1);
  }
  /* "包艳华, 唐倩, Barbara M. KEHM": one list, whatever each name's script */
  int latin = 0;
  for (size_t i = 0; i < len; i++)
    latin |= is_alpha(s[i]);
  if (latin && zh == CN_AUTHORS && has_sep(s, len))
    return cn_put_names(p->b, s, len, "zh", line);
  return put_spaced(p, zh, s, len, line, 1);
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

/* A token that is neither Han nor an English word: "Ca2+", "p53", "CO2",
 * "PM2.5".  In a list split by script it stays with the Chinese items. */
static int neutral_token(const char *s, size_t len) {
  int digit = 0;
  for (size_t i = 0; i < len; i++) {
    if ((unsigned char)s[i] >= 0x80)
      return 0;
    if (is_digit(s[i]) || s[i] == '+' || s[i] == '^' || s[i] == '_')
      digit = 1;
  }
  return digit;
}

static int put_split(page *p, const label *l, const char *s, size_t len, long line) {
  size_t cut = han_end(s, len);
  /* "钙信号 植物 Ca2+ calcium signalling": Ca2+ stands in the Chinese list */
  if (cut && l->slot == CN_KEYWORDS) {
    for (;;) {
      size_t i = cut;
      while (i < len && s[i] == ' ')
        i++;
      size_t e = i;
      while (e < len && s[e] != ' ')
        e++;
      if (e == i || e == len || !neutral_token(s + i, e - i))
        break;
      cut = e;
    }
  }
  const char *en = s + cut;
  size_t enl = len - cut;
  cn_trim(&en, &enl);
  int rc = BCV_OK;
  if (cut) {
    if (l->slot == CN_ABSTRACT)
      rc = cn_put(p->b, l->slot, NULL, s, cut, line, 1);
    else
      rc = put_spaced(p, l->slot, s, cut, line, l->slot == CN_AUTHORS || l->slot == CN_SUPERVISOR);
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

static size_t skip_blanks(const char *s, size_t len, size_t i) {
  while (i < len && blank_at(s + i, len - i))
    i += blank_at(s + i, len - i);
  return i;
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
  /* index badges stand between the journal and the year, with or without
   * blanks ("《遥感学报》北大核心CSCDEI") */
  for (;;) {
    i = skip_blanks(s, len, i);
    size_t k = badge_at(s + i, len - i);
    if (!k)
      break;
    if ((rc = add_badge(p, s + i, k)))
      return rc;
    i += k;
  }
  if ((rc = flush_badges(p, line)))
    return rc;
  if (i >= len)
    return BCV_OK;
  if (!(i + 4 < len && is_digit(s[i]) && cn_starts(s + i + 4, len - i - 4, "年")))
    return cn_put(p->b, CN_EXTRA, "cnki.source", s + i, len - i, line, 1);
  long year = read_num(s, len, &i);
  if (year > 0 && (rc = put_num(p, CN_YEAR, year, line)))
    return rc;
  i += 3; /* 年 */
  for (int k = 0; k < 2 && cn_starts(s + i, len - i, "第"); k++) {
    i += 3;
    size_t vs = i;
    while (i < len && (is_digit(s[i]) || is_alpha(s[i])))
      i++;
    int vol = cn_starts(s + i, len - i, "卷");
    if (i > vs && (rc = cn_put(p->b, vol ? CN_VOLUME : CN_ISSUE, NULL, s + vs, i - vs, line, 1)))
      return rc;
    if (cn_starts(s + i, len - i, "卷") || cn_starts(s + i, len - i, "期"))
      i += 3;
  }
  i = skip_blanks(s, len, i);
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

/* Case-insensitive "doi" at s. */
static size_t find_doi(const char *s, size_t len) {
  for (size_t i = 0; i + 3 <= len; i++)
    if (lower(s[i]) == 'd' && lower(s[i + 1]) == 'o' && lower(s[i + 2]) == 'i' &&
        (i + 3 == len || s[i + 3] == ':' || s[i + 3] == ' ' || cn_starts(s + i + 3, len - i - 3, "：")) &&
        (i == 0 || !is_alpha(s[i - 1])))
      return i;
  return (size_t)-1;
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
    size_t doi = find_doi(s + i, len - i);
    size_t pe = doi == (size_t)-1 ? len : i + doi;
    if ((rc = cn_put(p->b, CN_PAGES, NULL, s + i, pe - i, line, 1)))
      return rc;
    if (doi != (size_t)-1) {
      i = pe + 3;
      while (i < len && (s[i] == ':' || s[i] == ' '))
        i++;
      if (cn_starts(s + i, len - i, "："))
        i += 3;
      return cn_put(p->b, CN_DOI, NULL, s + i, len - i, line, 1);
    }
  }
  return BCV_OK;
}

static int put_kcms_source(page *p, const char *s, size_t len, size_t dot, long line) {
  int rc;
  int dotted;
  size_t i = source_year(s, len, dot, &dotted);
  /* a whole date is a newspaper's */
  int date = i + 5 < len && s[i + 4] == '-';
  const char *type = date ? NEWS : "Journal Article";
  if ((rc = cn_put(p->b, CN_TYPE, NULL, type, strlen(type), line, 1)) ||
      (rc = cn_put(p->b, CN_CONTAINER, NULL, s, dot, line, 1)))
    return rc;
  if (date) {
    size_t e = i;
    while (e < len && (is_digit(s[e]) || s[e] == '-'))
      e++;
    return cn_put(p->b, CN_DATE, NULL, s + i, e - i, line, 1);
  }
  long year = read_num(s, len, &i);
  if ((rc = put_num(p, CN_YEAR, year, line)))
    return rc;
  while (i < len && s[i] == ' ')
    i++;
  if (i < len && s[i] == ',') {
    i++;
    while (i < len && s[i] == ' ')
      i++;
    size_t vs = i;
    while (i < len && (is_digit(s[i]) || is_alpha(s[i])))
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

/* 《人民日报》（2019年10月24日 第05版） */
static int put_news_source(page *p, const char *s, size_t len, long line) {
  int rc;
  size_t c = cn_find(s, len, "》");
  if ((rc = cn_put(p->b, CN_TYPE, NULL, NEWS, strlen(NEWS), line, 1)) ||
      (rc = cn_put(p->b, CN_CONTAINER, NULL, s + 3, c - 3, line, 1)))
    return rc;
  size_t i = c + 3;
  while (i < len && !is_digit(s[i]))
    i++;
  size_t ds = i;
  while (i < len && (is_digit(s[i]) || cn_starts(s + i, len - i, "年") ||
                     cn_starts(s + i, len - i, "月") || cn_starts(s + i, len - i, "日") ||
                     s[i] == '-' || s[i] == '/' || s[i] == '.'))
    i += (unsigned char)s[i] >= 0x80 ? 3 : 1;
  if (i > ds && (rc = cn_put(p->b, CN_DATE, NULL, s + ds, i - ds, line, 1)))
    return rc;
  size_t ban = cn_find(s + i, len - i, "版");
  if (ban == (size_t)-1)
    return BCV_OK;
  size_t pe = i + ban;
  while (pe > i && s[pe - 1] == ' ')
    pe--;
  size_t ps = pe;
  while (ps > i && is_digit(s[ps - 1]))
    ps--;
  if (pe > ps && (rc = cn_put(p->b, CN_PAGES, NULL, s + ps, pe - ps, line, 1)))
    return rc;
  /* "第05版：理论" */
  size_t k = pe + 3;
  if (cn_starts(s + k, len - k, "：") || (k < len && s[k] == ':')) {
    k += s[k] == ':' ? 1 : 3;
    size_t e = k;
    while (e < len && !cn_starts(s + e, len - e, "）") && s[e] != ')')
      e++;
    if (e > k)
      return cn_put(p->b, CN_SECTION, NULL, s + k, e - k, line, 1);
  }
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
  if ((rc = cn_put(p->b, CN_TYPE, NULL, NEWS, strlen(NEWS), line, 1)) ||
      (rc = cn_put(p->b, CN_PAGES, NULL, s + 5, of - 5, line, 1)))
    return rc;
  size_t ce = on != (size_t)-1 && on > of ? on : len;
  if ((rc = cn_put(p->b, CN_CONTAINER, NULL, s + of + 4, ce - of - 4, line, 1)))
    return rc;
  if (ce < len)
    return cn_put(p->b, CN_DATE, NULL, s + ce + 4, len - ce - 4, line, 1);
  return BCV_OK;
}

/* Wanfang 年，卷(期): "2019, 52(3)", "2019,(3)", "2019(z1)" */
static int put_yvi(page *p, const char *s, size_t len, long line) {
  int rc;
  size_t i = 0;
  long year = read_num(s, len, &i);
  if (year < 1000 || year > 2999)
    return cn_put(p->b, CN_EXTRA, "cnki.source", s, len, line, 1);
  if ((rc = put_num(p, CN_YEAR, year, line)))
    return rc;
  while (i < len && (s[i] == ',' || s[i] == ' ' || cn_starts(s + i, len - i, "，")))
    i += s[i] == ',' || s[i] == ' ' ? 1 : 3;
  size_t vs = i;
  while (i < len && s[i] != '(' && !cn_starts(s + i, len - i, "（"))
    i++;
  const char *v = s + vs;
  size_t vl = i - vs;
  cn_trim(&v, &vl);
  if (vl && (rc = cn_put(p->b, CN_VOLUME, NULL, v, vl, line, 1)))
    return rc;
  if (i < len) {
    size_t o = s[i] == '(' ? 1 : 3;
    size_t c = cn_find(s + i, len - i, s[i] == '(' ? ")" : "）");
    if (c != (size_t)-1 && c > o && (rc = cn_put(p->b, CN_ISSUE, NULL, s + i + o, c - o, line, 1)))
      return rc;
  }
  return BCV_OK;
}

/* 页数: "11" (a count), Wanfang "10(389-398)" (count and pages) */
static int put_pagecount(page *p, const char *s, size_t len, long line) {
  int rc;
  size_t o = cn_find(s, len, "(");
  if (o == (size_t)-1)
    return cn_put(p->b, CN_NPAGES, NULL, s, len, line, 1);
  size_t c = cn_find(s + o, len - o, ")");
  if ((rc = cn_put(p->b, CN_NPAGES, NULL, s, o, line, 1)))
    return rc;
  return c != (size_t)-1 ? cn_put(p->b, CN_PAGES, NULL, s + o + 1, c - 1, line, 1) : BCV_OK;
}

static int put_label(page *p, const label *l, const char *s, size_t len, long line) {
  int rc;
  switch (l->kind) {
  case K_SPLIT:
    return put_split(p, l, s, len, line);
  case K_NAMES: {
    /* "作者 邓正阳 向昉 Deng Zhengyang;Xiang Fang": the Han names, then
     * their romanised forms; what follows the last Han name without a
     * letter is its affiliation numbers ("吴晓春1 黄惠华2") */
    size_t cut = han_end(s, len);
    if (l->slot_en && cut && cut < len) {
      const char *en = s + cut;
      size_t enl = len - cut;
      cn_trim(&en, &enl);
      int letters = 0;
      for (size_t i = 0; i < enl; i++)
        letters |= is_alpha(en[i]);
      if (!letters)
        enl = 0;
      if (enl && !cn_has_han(en, enl) && (rc = put_names(p, l->slot, 0, s, cut, line)))
        return rc;
      if (enl && !cn_has_han(en, enl))
        return cn_put(p->b, l->slot_en, NULL, en, enl, line, 1);
    }
    return put_names(p, l->slot, l->slot_en, s, len, line);
  }
  case K_SOURCE:
    return put_source(p, s, len, line);
  case K_CITE:
    return cn_read_gbt(p->b, s, len, line, 1);
  case K_NEWS:
    return put_news(p, s, len, line);
  case K_YVI:
    return put_yvi(p, s, len, line);
  case K_PAGECOUNT:
    return put_pagecount(p, s, len, line);
  default:
    return cn_put(p->b, l->slot, l->key, s, len, line, 1);
  }
}

static int put_affils(page *p, const char *s, size_t len, long line) {
  /* "(1. School ..., China; 2. ...)": the brackets hold the list */
  size_t o = cn_starts(s, len, "（") ? 3 : s[0] == '(' ? 1 : 0;
  size_t c = ends_with(s, len, "）") ? 3 : len && s[len - 1] == ')' ? 1 : 0;
  if (o && c && len > o + c && (numbered(s + o, len - o - c) ||
                                (is_digit(s[o]) && (unsigned char)s[o + 1] >= 0x80))) {
    s += o;
    len -= o + c;
  }
  /* several on one line: cut before each " 2." (and "；2中心" of full text) */
  p->tmp.len = 0;
  for (size_t i = 0; i < len; i++) {
    if (i && s[i - 1] == ' ' && numbered(s + i, len - i) && cn_buf_putc(&p->tmp, ';'))
      return BCV_ENOMEM;
    if (cn_buf_putc(&p->tmp, s[i]))
      return BCV_ENOMEM;
  }
  return cn_put(p->b, CN_AFFILS, NULL, p->tmp.p, p->tmp.len, line, 1);
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
  if (!p->body_line[k])
    p->body_line[k] = line;
  if ((p->body[k].len && cn_buf_putc(&p->body[k], '\n')) || cn_buf_put(&p->body[k], s, len))
    return BCV_ENOMEM;
  return BCV_OK;
}

static int push_line(page *p, const char *s, size_t len, long line, lclass c) {
  pline *x = &p->l[p->n++];
  memset(x, 0, sizeof *x);
  x->s = s;
  x->len = len;
  x->line = line;
  x->cls = (unsigned char)c;
  x->en = len && !mostly_han(s, len);
  return BCV_OK;
}

/* Pass 1: each line by itself. */
static int classify(page *p, const char *s, size_t len, long line) {
  int rc;
  cn_trim(&s, &len);
  if (!len)
    return push_line(p, s, 0, line, LC_BLANK);
  const char *end = s + len;
  if ((rc = strip_chrome(p, &s, &len, 0)))
    return rc;
  if (!len)
    return push_line(p, s, 0, line, LC_CHROME);
  /* "中国电机工程学报   北大核心  EI  CSCD": index badges follow a journal
   * (an online-first page's source line has no year) */
  if (index_badge_in(s + len, (size_t)(end - s - len)) && len <= 90 && !sentence(s, len) &&
      !find_label(s, len, &(size_t){0}) && !memchr(s, ':', len) && cn_find(s, len, "：") == (size_t)-1)
    return push_line(p, s, len, line, LC_SOURCE);
  /* "• Politics and Public Management •": the journal's column */
  if (len > 6 && cn_starts(s, len, "•") && ends_with(s, len, "•")) {
    const char *c = s + 3;
    size_t cl = len - 6;
    cn_trim(&c, &cl);
    if (cl && !find_label(c, cl, &(size_t){0}))
      return push_line(p, c, cl, line, cl ? LC_SECTION : LC_CHROME);
  }
  /* text keeps its bullets (a note's list); the rest is read without */
  const char *s0 = s;
  size_t len0 = len, i = skip_bullets(s, len, 0);
  s += i;
  len -= i;
  if (!len)
    return push_line(p, s, 0, line, LC_CHROME);
  int ch = chrome_line(p, s, len);
  if (ch < 0)
    return BCV_ENOMEM;
  if (ch)
    return push_line(p, s, len, line, LC_CHROME);
  for (size_t k = 0; k < N_OF(kind_words); k++)
    if (strlen(kind_words[k].text) == len && memcmp(kind_words[k].text, s, len) == 0) {
      if (!p->hint) {
        p->hint = kind_words[k].hint;
        p->hint_line = line;
      }
      return push_line(p, s, len, line, LC_KIND);
    }
  size_t v;
  const label *lab = find_label(s, len, &v);
  if (lab) {
    rc = push_line(p, s, len, line, LC_LABEL);
    p->l[p->n - 1].lab = lab;
    p->l[p->n - 1].v = v;
    if (lab->hint && !p->hint) {
      p->hint = lab->hint;
      p->hint_line = line;
    }
    return rc;
  }
  if (magtech_source(s, len) || kcms_source(s, len, &v) || news_source(s, len))
    return push_line(p, s, len, line, LC_SOURCE);
  if (numbered(s, len))
    return push_line(p, s, len, line, LC_AFFIL);
  if ((s[0] == '(' && s[len - 1] == ')') ||
      (cn_starts(s, len, "（") && ends_with(s, len, "）"))) {
    /* "(安徽师范大学 文学院,安徽 芜湖 241002)" under the names is their
     * affiliation (decided with the title); "(The author is ...)" a note */
    rc = push_line(p, s, len, line, LC_NOTE);
    p->l[p->n - 1].ok = paren_affil(s, len);
    return rc;
  }
  if (gbt_shaped(s, len))
    return push_line(p, s, len, line, LC_CITE);
  /* an inline label inside an unlabelled line: "题名 被引量:19" */
  size_t cut = next_inline(s, len);
  if (cut < len) {
    const char *u = s;
    size_t ul = cut;
    cn_trim(&u, &ul);
    if ((rc = strip_chrome(p, &u, &ul, 0)))
      return rc;
    if (ul && (rc = classify(p, u, ul, line)))
      return rc;
    lab = find_label(s + cut, len - cut, &v);
    rc = push_line(p, s + cut, len - cut, line, LC_LABEL);
    p->l[p->n - 1].lab = lab;
    p->l[p->n - 1].v = v;
    return rc;
  }
  if ((rc = unglue_marks(p, s, len)))
    return rc;
  if (names_line(p->names.p, p->names.len))
    return push_line(p, s, len, line, LC_NAMES);
  return push_line(p, s0, len0, line, LC_TEXT);
}

/* The next line that says something, from i on; p->n when none. */
static size_t next_sig(const page *p, size_t i) {
  while (i < p->n && (p->l[i].cls == LC_BLANK || p->l[i].cls == LC_CHROME))
    i++;
  return i;
}

static int value_empty(const pline *x) {
  const char *v = x->s + x->v;
  size_t vl = x->len - x->v;
  cn_trim(&v, &vl);
  return vl == 0;
}

/* Pass 2: a label alone takes its value from the lines below. */
static void continuations(page *p) {
  for (size_t i = 0; i < p->n; i++) {
    pline *x = &p->l[i];
    /* "出处：《社会主义研究》 2022年第3期 88-95,共8页" / "Socialism Studies" */
    if (x->cls == LC_LABEL && x->lab->kind == K_SOURCE && !value_empty(x)) {
      size_t j = next_sig(p, i + 1);
      pline *e = j < p->n ? &p->l[j] : NULL;
      if (e && (e->cls == LC_TEXT || e->cls == LC_NAMES) && e->en && e->len < 150 &&
          !sentence(e->s, e->len))
        e->cls = LC_CONTAINER;
      continue;
    }
    if (x->cls != LC_LABEL || !value_empty(x))
      continue;
    size_t j = next_sig(p, i + 1);
    if (j == p->n)
      continue;
    unsigned char first = p->l[j].cls;
    if (first != LC_TEXT && first != LC_NAMES && first != LC_AFFIL && first != LC_CITE &&
        first != LC_NOTE)
      continue;
    if (x->lab->kind == K_CITE && first != LC_CITE && first != LC_TEXT)
      continue;
    unsigned flags = x->lab->flags;
    int en = p->l[j].en;
    for (;;) {
      pline *c = &p->l[j];
      c->cls = LC_CONT;
      c->owner = i;
      /* "• 跨学科 /": the bullet is no part of the value */
      size_t b = skip_bullets(c->s, c->len, 0);
      c->s += b;
      c->len -= b;
      if (!(flags & (L_TEXT | L_LIST)) || j + 1 >= p->n)
        break;
      /* a run of lines: paragraphs of text in one language, items of a
       * list; a line with names under it is a title, not a paragraph */
      pline *nx = &p->l[j + 1];
      if (flags & L_TEXT) {
        size_t after = next_sig(p, j + 2);
        if (!(nx->cls == LC_TEXT || (x->lab->kind == K_CITE && nx->cls == LC_CITE)) ||
            (x->lab->kind != K_CITE && nx->en != en) ||
            (after < p->n && p->l[after].cls == LC_NAMES))
          break;
      } else if (nx->cls != first && !(first == LC_TEXT && nx->cls == LC_NAMES)) {
        break;
      }
      j++;
    }
  }
}

/* Citation lines looked at for evidence, and title candidates weighed:
 * a page has a few of each; the bounds keep a hostile paste linear. */
enum { MAX_CITES = 16, MAX_CANDIDATES = 64 };

static int is_cite(const page *p, const pline *x) {
  return x->cls == LC_CITE || (x->cls == LC_CONT && p->l[x->owner].lab->kind == K_CITE) ||
         (x->cls == LC_LABEL && x->lab->kind == K_CITE);
}

/* A labelled title ("题名：…", "【篇名】…", "Title: …", or its value on the
 * line below): its language (1 English), the line its value is on (*at)
 * and the value as it will be put; -1 when line i is none. */
static int title_label(const page *p, size_t i, size_t *at, const char **v, size_t *vl) {
  const pline *x = &p->l[i];
  if (x->cls != LC_LABEL || x->lab->kind != K_SLOT ||
      (x->lab->slot != CN_TITLE && x->lab->slot != CN_TITLE_EN))
    return -1;
  *at = i;
  *v = x->s + x->v;
  *vl = next_inline(*v, x->len - x->v);
  cn_trim(v, vl);
  if (!*vl) {
    size_t j = next_sig(p, i + 1);
    if (j == p->n || p->l[j].cls != LC_CONT || p->l[j].owner != i)
      return -1;
    *at = j;
    *v = p->l[j].s;
    *vl = p->l[j].len;
  }
  /* as emit_label cuts it (no page: its badges are taken there) */
  (void)strip_chrome(NULL, v, vl, 0);
  if (!*vl)
    return -1;
  return x->lab->slot == CN_TITLE_EN || !mostly_han(*v, *vl);
}

/* Pass 3: the title of each language: a labelled one, else by evidence. */
static void choose_titles(page *p) {
  size_t best[2] = {p->n, p->n}, cites[MAX_CITES], nc = 0;
  int score[2] = {0, 0}, seen[2] = {0, 0}, cands = 0;
  /* a labelled title wins: no line of its language is chosen, and the
   * one that would have been stays what it is (text: the abstract or
   * cnki.text) */
  size_t lab[2] = {p->n, p->n}, lablen[2] = {0, 0};
  const char *labval[2] = {NULL, NULL};
  for (size_t i = 0; i < p->n; i++) {
    size_t at, vl;
    const char *v;
    int k = title_label(p, i, &at, &v, &vl);
    if (k >= 0 && lab[k] == p->n) {
      lab[k] = at;
      labval[k] = v;
      lablen[k] = vl;
    }
  }
  for (size_t i = 0; i < p->n && nc < MAX_CITES; i++)
    if (is_cite(p, &p->l[i]) && p->l[i].len < 4000)
      cites[nc++] = i;
  for (size_t i = 0; i < p->n && cands < MAX_CANDIDATES; i++) {
    pline *x = &p->l[i];
    /* body text has begun: no title after it */
    if (x->cls == LC_TEXT && (x->len >= 400 || sentence(x->s, x->len)))
      break;
    if (x->cls != LC_TEXT)
      continue;
    cands++;
    int k = x->en, sc = 0;
    if (lab[k] < p->n)
      continue;
    if (!seen[k]++)
      sc += 1;
    size_t nx = next_sig(p, i + 1);
    if (nx < p->n && p->l[nx].cls == LC_NAMES)
      sc += 3;
    else if (nx < p->n && p->l[nx].cls == LC_AFFIL)
      sc += 1;
    /* a Chinese title with its English one under it (Wanfang, CQVIP) */
    else if (!k && nx < p->n && p->l[nx].cls == LC_TEXT && p->l[nx].en && p->l[nx].len < 400 &&
             !sentence(p->l[nx].s, p->l[nx].len))
      sc += 2;
    size_t pv = i;
    while (pv > 0 && (p->l[pv - 1].cls == LC_BLANK || p->l[pv - 1].cls == LC_CHROME))
      pv--;
    if (pv > 0 && p->l[pv - 1].cls == LC_SOURCE)
      sc += 1;
    for (size_t c = 0; c < nc && x->len >= 6; c++)
      if (memmem(p->l[cites[c]].s, p->l[cites[c]].len, x->s, x->len)) {
        sc += 4;
        break;
      }
    if (sc > score[k]) {
      score[k] = sc;
      best[k] = i;
    }
  }
  for (int k = 0; k < 2; k++) {
    const char *ts;
    size_t tl, from;
    if (lab[k] < p->n) {
      /* the labelled title, said again as the page's heading: said once */
      best[k] = lab[k];
      ts = labval[k];
      tl = lablen[k];
      from = 0;
    } else if (best[k] < p->n) {
      pline *t = &p->l[best[k]];
      t->cls = LC_TITLE;
      ts = t->s;
      tl = t->len;
      from = best[k] + 1;
    } else {
      continue;
    }
    size_t nx = next_sig(p, best[k] + 1);
    if (nx < p->n && p->l[nx].cls == LC_NAMES) {
      p->l[nx].ok = 1;
      size_t af = next_sig(p, nx + 1);
      if (af < p->n && p->l[af].cls == LC_NOTE && p->l[af].ok)
        p->l[af].cls = LC_AFFIL;
      /* "北京科技大学" under a thesis's author */
      else if (af < p->n && p->l[af].cls == LC_TEXT && institution(p->l[af].s, p->l[af].len))
        p->l[af].cls = LC_AFFIL;
    }
    /* the same title again further down the page */
    for (size_t i = from; i < p->n; i++)
      if (p->l[i].cls == LC_TEXT && p->l[i].len == tl && memcmp(p->l[i].s, ts, tl) == 0)
        p->l[i].cls = LC_DUP;
  }
  /* "第十届全国环境化学大会论文集" above a conference paper's title */
  static const char *const proceedings[] = {"论文集", "会议录", "文集", "论文汇编", "摘要集",
                                            "Proceedings"};
  if (best[0] < p->n && p->hint && strcmp(p->hint, CONF) == 0) {
    size_t pv = best[0];
    while (pv > 0 && (p->l[pv - 1].cls == LC_BLANK || p->l[pv - 1].cls == LC_CHROME))
      pv--;
    pline *h = pv > 0 ? &p->l[pv - 1] : NULL;
    for (size_t k = 0; h && h->cls == LC_TEXT && h->len <= 150 && k < N_OF(proceedings); k++)
      if (ends_with(h->s, h->len, proceedings[k]))
        h->cls = LC_CONTAINER;
  }
  /* names not under a title are text */
  for (size_t i = 0; i < p->n; i++)
    if (p->l[i].cls == LC_NAMES && !p->l[i].ok)
      p->l[i].cls = LC_TEXT;
}

/* A label line's values: one or more labels, each value ending at the
 * next inline one; a label alone takes its continuation lines. */
static int emit_label(page *p, size_t li) {
  pline *x = &p->l[li];
  const char *t = x->s;
  size_t tl = x->len, skip = x->v;
  const label *lab = x->lab;
  int rc = BCV_OK;
  for (;;) {
    const char *v = t + skip;
    size_t vl = tl - skip;
    size_t cut = next_inline(v, vl);
    const char *val = v;
    size_t valen = cut;
    cn_trim(&val, &valen);
    if (!valen && cut == vl) {
      /* alone: the lines below are its value, paragraphs joined, list
       * items one by one */
      p->val.len = 0;
      for (size_t j = li + 1; j < p->n && !rc; j++) {
        const pline *c = &p->l[j];
        if (c->cls == LC_BLANK || c->cls == LC_CHROME)
          continue;
        if (c->cls != LC_CONT || c->owner != li)
          break;
        if (lab->kind == K_CITE)
          rc = cn_read_gbt(p->b, c->s, c->len, c->line, 1);
        else if (!(lab->flags & L_TEXT)) {
          /* "跨学科 /", "科研平台;": one item of a list, a line each */
          const char *it = c->s;
          size_t il = c->len;
          while (il && (it[il - 1] == '/' || it[il - 1] == ';' || it[il - 1] == ',' ||
                        blank_before(it, il) || ends_with(it, il, "；") || ends_with(it, il, "，")))
            il -= blank_before(it, il) ? blank_before(it, il)
                  : (unsigned char)it[il - 1] >= 0x80 ? 3 : 1;
          if (il)
            rc = lab->slot == CN_AFFILS ? put_affils(p, it, il, c->line)
                                        : put_label(p, lab, it, il, c->line);
        }
        else if ((p->val.len && cn_buf_putc(&p->val, '\n')) || cn_buf_put(&p->val, c->s, c->len))
          rc = BCV_ENOMEM;
      }
      if (!rc && p->val.len)
        rc = put_label(p, lab, p->val.p, p->val.len, x->line);
      return rc;
    }
    if (valen && lab->kind != K_SOURCE && lab->kind != K_CITE && !(lab->flags & L_TEXT) &&
        (rc = strip_chrome(p, &val, &valen, 0)))
      return rc;
    if (valen && lab->slot == CN_AFFILS)
      rc = put_affils(p, val, valen, x->line);
    else if (valen)
      rc = put_label(p, lab, val, valen, x->line);
    if (rc || cut == vl)
      return rc;
    t = v + cut;
    tl = vl - cut;
    if (!(lab = find_label(t, tl, &skip)))
      return BCV_OK;
  }
}

int cn_read_page(cn_builder *b, const cn_lines *l) {
  page p = {.b = b};
  int rc = BCV_OK;
  /* each physical line gives at most two: text, then an inline label */
  p.l = malloc((2 * l->n + 1) * sizeof *p.l);
  if (!p.l)
    return BCV_ENOMEM;
  const char *q = l->text;
  for (size_t li = 0; li < l->n && !rc; li++) {
    const char *nl = memchr(q, '\n', (size_t)(l->text + l->len - q));
    rc = classify(&p, q, (size_t)(nl - q), l->lineno[li]);
    q = nl + 1;
  }
  size_t said = 0;
  for (size_t i = 0; i < p.n; i++)
    said += p.l[i].cls != LC_BLANK && p.l[i].cls != LC_CHROME;
  if (!rc && !said)
    rc = BCV_DONE; /* a page of chrome: no record */
  if (!rc) {
    continuations(&p);
    choose_titles(&p);
  }
  /* a type the labels imply goes first: it decides over a source line's */
  if (!rc && p.hint)
    rc = cn_put(b, CN_TYPE, NULL, p.hint, strlen(p.hint), p.hint_line, 1);
  for (size_t i = 0; i < p.n && !rc; i++) {
    pline *x = &p.l[i];
    size_t dot;
    switch (x->cls) {
    case LC_LABEL:
      if (x->lab->kind == K_CITE)
        break; /* after the page's own values */
      if (x->lab->kind == K_SOURCE || x->lab->kind == K_NEWS || x->lab->kind == K_YVI)
        rc = flush_badges(&p, x->line);
      if (!rc)
        rc = emit_label(&p, i);
      break;
    case LC_SOURCE:
      if (magtech_source(x->s, x->len))
        rc = put_breadcrumb(&p, x->s, x->len, x->line);
      else if (kcms_source(x->s, x->len, &dot))
        rc = put_kcms_source(&p, x->s, x->len, dot, x->line);
      else if (news_source(x->s, x->len))
        rc = put_news_source(&p, x->s, x->len, x->line);
      else if (!(rc = cn_put(b, CN_TYPE, NULL, "Journal Article", 15, x->line, 1)))
        rc = cn_put(b, CN_CONTAINER, NULL, x->s, x->len, x->line, 1); /* the journal alone */
      if (!rc)
        rc = flush_badges(&p, x->line);
      break;
    case LC_TITLE:
      rc = cn_put(b, x->en ? CN_TITLE_EN : CN_TITLE, NULL, x->s, x->len, x->line, 1);
      break;
    case LC_NAMES:
      rc = put_names(&p, CN_AUTHORS, CN_AUTHORS_EN, x->s, x->len, x->line);
      break;
    case LC_AFFIL:
      rc = put_affils(&p, x->s, x->len, x->line);
      break;
    case LC_SECTION:
      rc = cn_put(b, CN_SECTION, NULL, x->s, x->len, x->line, 1);
      break;
    case LC_KIND:
      rc = cn_put(b, CN_DEGREE, NULL, x->s, x->len, x->line, 1);
      break;
    case LC_CONTAINER:
      rc = cn_put(b, x->en ? CN_CONTAINER_EN : CN_CONTAINER, NULL, x->s, x->len, x->line, 1);
      break;
    case LC_NOTE:
      rc = cn_put(b, CN_NOTE, NULL, x->s + (x->s[0] == '(' ? 1 : 3),
                  x->len - (x->s[0] == '(' ? 2 : 6), x->line, 1);
      break;
    case LC_TEXT:
      rc = add_body(&p, x->s, x->len, x->line);
      break;
    default:
      break;
    }
  }
  /* the citation strings fill what the page itself did not say */
  for (size_t i = 0; i < p.n && !rc; i++) {
    pline *x = &p.l[i];
    if (x->cls == LC_CITE)
      rc = cn_read_gbt(b, x->s, x->len, x->line, 1);
    else if (x->cls == LC_LABEL && x->lab->kind == K_CITE)
      rc = emit_label(&p, i);
  }
  if (!rc)
    rc = flush_badges(&p, l->n ? l->lineno[0] : 0);
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
  free(p.l);
  cn_buf_free(&p.body[0]);
  cn_buf_free(&p.body[1]);
  cn_buf_free(&p.tmp);
  cn_buf_free(&p.names);
  cn_buf_free(&p.val);
  cn_buf_free(&p.badges);
  return rc;
}

/* ---- where pages start (read.c) ---- */

/* "参考文献", "【参考文献】", "References:", "主要参考文献", "参考文献 (References)" */
static int refs_heading(const char *s, size_t len) {
  static const char *const heads[] = {"参考文献", "主要参考文献", "References", "Reference",
                                      "Bibliography"};
  for (size_t k = 0; k < N_OF(heads); k++) {
    label l = {heads[k], K_SLOT, 0, 0, 0, NULL, NULL, L_HEAD | L_SPACE};
    size_t v;
    if (match_label(s, len, &l, 1, &v)) {
      const char *r = s + v;
      size_t rl = len - v;
      cn_trim(&r, &rl);
      if (rl && (r[0] == ':' || cn_starts(r, rl, "：")))
        return 0; /* "References: ..." with a value */
      if (!rl)
        return 1;
      /* the heading in the other language, in brackets */
      if (rl < 40 && ((r[0] == '(' && r[rl - 1] == ')') ||
                      (cn_starts(r, rl, "（") && ends_with(r, rl, "）"))))
        return 1;
    }
  }
  return 0;
}

int cn_page_line(const char *s, size_t len, size_t *anchor) {
  *anchor = (size_t)-1;
  cn_trim(&s, &len);
  if (!len)
    return CN_PL_NONE;
  size_t i = skip_bullets(s, len, 0);
  const char *t = s + i;
  size_t tl = len - i;
  if (!tl)
    return CN_PL_NONE;
  if (refs_heading(t, tl))
    return CN_PL_REFS;
  if (len > 3 && s[0] == '[' && s[1] >= '0' && s[1] <= '9' && gbt_shaped(s, len))
    return CN_PL_ENTRY;
  if (magtech_source(t, tl) || kcms_source(t, tl, &i) || news_source(t, tl))
    return CN_PL_SOURCE;
  size_t v;
  const label *lab = find_label(t, tl, &v);
  if (lab) {
    if (lab->kind == K_NEWS)
      return CN_PL_SOURCE;
    if (lab->flags & L_ANCHOR)
      *anchor = (size_t)(lab - labels);
    const char *val = t + v;
    size_t vl = tl - v;
    cn_trim(&val, &vl);
    return vl ? CN_PL_LABEL : CN_PL_ALONE;
  }
  if (chrome_line(NULL, t, tl) > 0) {
    /* a menu or a breadcrumb heads a page; a lone button does not */
    for (size_t k = 0; k < tl; k++)
      if (t[k] == '|' || t[k] == '>' || cn_starts(t + k, tl - k, "›") || cn_starts(t + k, tl - k, "｜"))
        return CN_PL_HEAD;
    return CN_PL_NONE;
  }
  return CN_PL_CONTENT;
}

int cn_gbt_entry(const char *s, size_t len) { return gbt_shaped(s, len); }

int cn_detect_page(const char *h, size_t len) {
  int nlabels = 0, sources = 0, entries = 0, heading = 0, first = 1, first_entry = 0;
  for (size_t i = 0; i < len;) {
    const char *e = memchr(h + i, '\n', len - i);
    size_t n = e ? (size_t)(e - (h + i)) : len - i;
    const char *t = h + i;
    size_t tl = n, a;
    i += n + 1;
    cn_trim(&t, &tl);
    if (!tl)
      continue;
    int k = cn_page_line(t, tl, &a);
    if (first && k == CN_PL_REFS)
      heading = 1;
    nlabels += k == CN_PL_LABEL || k == CN_PL_ALONE;
    sources += k == CN_PL_SOURCE;
    int entry = k == CN_PL_ENTRY || gbt_shaped(t, tl);
    entries += entry;
    if (first && entry)
      first_entry = 1;
    if (k != CN_PL_NONE && k != CN_PL_HEAD)
      first = 0;
  }
  if (heading && entries)
    return 90; /* a GB/T 7714 list under its heading */
  if (sources || nlabels >= 3)
    return 85;
  if (first_entry && entries >= 2 && !nlabels)
    return 80; /* GB/T entries without a heading */
  if (nlabels >= 2)
    return 70;
  return 0;
}
