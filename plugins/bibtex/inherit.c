/* SPDX-License-Identifier: MIT */
/* inherit.c: biblatex's default inheritance rules, as a table.
 *
 * These are the \DeclareDataInheritance rules biblatex.def sets up for
 * biber (the biblatex manual's appendix "Default Inheritance Setup"):
 * for a pair of parent and child types, which parent field fills which
 * child field, or none.  A field no rule names for the pair is inherited
 * under its own name; the rules for every pair ("*") say what is never
 * inherited. */
#include <string.h>
#include "bibtex.h"

/* A list of type or field names. */
typedef const char *const names[];

static names mv_book = {"mvbook", NULL};
static names mvbook_book = {"mvbook", "book", NULL};
static names book = {"book", NULL};
static names book_children = {"inbook", "bookinbook", "suppbook", NULL};
static names mvbook_children = {"book", "inbook", "bookinbook", "suppbook", NULL};
static names mv_collection = {"mvcollection", "mvreference", NULL};
static names mvcollection_children = {"collection", "reference", "incollection", "inreference",
                                      "suppcollection", NULL};
static names collection = {"collection", "reference", NULL};
static names collection_children = {"incollection", "inreference", "suppcollection", NULL};
static names mv_proceedings = {"mvproceedings", NULL};
static names mvproceedings_children = {"proceedings", "inproceedings", NULL};
static names proceedings = {"proceedings", NULL};
static names proceedings_children = {"inproceedings", NULL};
static names periodical = {"periodical", NULL};
static names periodical_children = {"article", "suppperiodical", NULL};

/* from -> to for the titles, by the kind of parent */
static names title_fields = {"title", "subtitle", "titleaddon", "shorttitle", "sorttitle",
                             "indextitle", "indexsorttitle", NULL};
static names main_titles = {"maintitle", "mainsubtitle", "maintitleaddon", NULL, NULL, NULL, NULL};
static names book_titles = {"booktitle", "booksubtitle", "booktitleaddon", NULL, NULL, NULL, NULL};
static names journal_fields = {"title", "subtitle", "shorttitle", "sorttitle", "indextitle",
                               "indexsorttitle", NULL};
static names journal_titles = {"journaltitle", "journalsubtitle", NULL, NULL, NULL, NULL};

typedef struct rule {
  const char *const *parents, *const *children;
  const char *const *from, *const *to; /* to[i] NULL: from[i] is not inherited */
} rule;

static names author = {"author", NULL};
static names author_to_book = {"bookauthor", NULL};

/* Each row: parent types, child types, fields and what they become.  The
 * author row comes twice: the child's author and its bookauthor. */
static const rule rules[] = {
    {mvbook_book, book_children, author, author},
    {mvbook_book, book_children, author, author_to_book},
    {mv_book, mvbook_children, title_fields, main_titles},
    {mv_collection, mvcollection_children, title_fields, main_titles},
    {mv_proceedings, mvproceedings_children, title_fields, main_titles},
    {book, book_children, title_fields, book_titles},
    {collection, collection_children, title_fields, book_titles},
    {proceedings, proceedings_children, title_fields, book_titles},
    {periodical, periodical_children, journal_fields, journal_titles},
};

/* "*" -> "*": never inherited. */
static names never = {"crossref", "entryset", "entrysubtype", "entrytype", "execute", "ids", "label",
                      "options", "presort", "related", "relatedoptions", "relatedstring",
                      "relatedtype", "shorthand", "shorthandintro", "sortkey", "xdata", "xref",
                      NULL};

/* biblatex's type aliases, resolved before the rules apply */
static const char *canonical_type(const char *t) {
  static const char *const alias[][2] = {
      {"conference", "inproceedings"}, {"electronic", "online"}, {"www", "online"}};
  for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
    if (strcmp(t, alias[i][0]) == 0)
      return alias[i][1];
  return t;
}

static int index_of(const char *s, const char *const *list) {
  for (int i = 0; list[i]; i++)
      if (strcmp(s, list[i]) == 0)
        return i;
  return -1;
}

int bt_inherit_never(const char *field) { return index_of(field, never) >= 0; }

int bt_inherit_targets(const char *parent, const char *child, const char *field,
                       const char *to[BT_INHERIT_MAX]) {
  parent = canonical_type(parent);
  child = canonical_type(child);
  if (bt_inherit_never(field))
    return 0;
  int n = 0, ruled = 0;
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
    const rule *r = &rules[i];
    int k = index_of(field, r->from);
    if (k < 0 || index_of(parent, r->parents) < 0 || index_of(child, r->children) < 0)
      continue;
    ruled = 1;
    if (r->to[k] && n < BT_INHERIT_MAX)
      to[n++] = r->to[k];
  }
  if (!ruled)
    to[n++] = field;
  return n;
}
