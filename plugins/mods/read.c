/* SPDX-License-Identifier: MIT */
/* read.c: the MODS reader.
 *
 * Each <mods> (alone, or in a modsCollection, or wherever a container
 * format puts it) is expanded alone and read: its own elements at level
 * 0, a relatedItem type="host" at level 1 (its title is the container's,
 * its authors the container's authors), type="series" as the collection,
 * "original" and "reviewOf" as the original and reviewed work.  The type
 * comes from a genre of authority "csl" (ours), else the record's genre,
 * else its host's genre, else typeOfResource and issuance (tables in
 * map.c).  What has no place in the model is kept as the extra
 * mods.<element>. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "bcvxml.h"
#include "mods.h"

enum level { MAIN, HOST, SERIES, ORIGINAL, REVIEWED };

typedef struct reader {
  bcv_diag *diag;
  bx_reader *x;
  bcv_record *rec;
  const char *lang; /* the record's language */
  bcv_type type, host_type, host_issuance, hint;
  int csl_type;
  bx_extras ex; /* the record's extras, gathered */
  bx_buf t;
} reader;

/* A blank line in MODS text is a paragraph break (our writer's), other
 * line breaks are white space. */
static const bx_style plain = {NULL, NULL, NULL, NULL, 1, 0};

static const char *text(reader *r, const xmlNode *n) {
  return bx_text(r->x, n, &plain);
}

static int add(reader *r, bcv_var v, const char *lang, const char *s) {
  return *s ? bcv_record_add_text(r->rec, v, lang, s, strlen(s)) : BCV_OK;
}

/* Keep value as the extra key, repeats joined with "; ". */
static int acc(reader *r, const char *key, const char *value) {
  return bx_extras_add(&r->ex, r->diag, bcv_record_line(r->rec), key, value, "; ", 0);
}

/* The language of an element: xml:lang, else MODS's lang (ISO 639-2b);
 * NULL when it is the record's own or none is said. */
static const char *lang_of(reader *r, const xmlNode *n) {
  const char *l = bx_lang(n);
  if (!l) {
    const char *b = bx_attr(n, "lang");
    l = b ? bx_lang_tag(b) : NULL;
    if (!l)
      l = b;
  }
  if (!l || (r->lang && !strcmp(l, r->lang)))
    return NULL;
  return l;
}

/* ---- titles ---- */

/* nonSort title: subTitle. partNumber. partName */
static const char *title_text(reader *r, const xmlNode *ti) {
  bx_buf *b = &r->t;
  b->len = 0;
  if (bx_put(b, "", 0))
    return "";
  static const char *const parts[] = {"nonSort", "title", "subTitle", "partNumber", "partName"};
  static const char *const seps[] = {"", "", ": ", ". ", ". "};
  for (size_t i = 0; i < 5; i++)
    for (xmlNodePtr c = bx_child(ti, parts[i]); c; c = bx_next_sibling(c, parts[i])) {
      const char *s = text(r, c);
      if (!*s)
        continue;
      const char *sep = b->len ? seps[i] : "";
      /* nonSort keeps its space ("The "); one is added when it has none */
      if (i == 1 && b->len && b->p[b->len - 1] != ' ' && b->p[b->len - 1] != '\'')
        sep = " ";
      if (bx_put(b, sep, strlen(sep)) || bx_put(b, s, strlen(s)))
        return "";
    }
  return b->p;
}

static const bcv_var title_var[][2] = {
    /* untyped, abbreviated */
    [MAIN] = {BCV_VAR_TITLE, BCV_VAR_TITLE_SHORT},
    [HOST] = {BCV_VAR_CONTAINER_TITLE, BCV_VAR_CONTAINER_TITLE_SHORT},
    [SERIES] = {BCV_VAR_COLLECTION_TITLE, BCV_VAR_NONE},
    [ORIGINAL] = {BCV_VAR_ORIGINAL_TITLE, BCV_VAR_NONE},
    [REVIEWED] = {BCV_VAR_REVIEWED_TITLE, BCV_VAR_NONE},
};

/* Whether v already has a value in lang (NULL: the record's own, or
 * untagged). */
static int has_value(reader *r, bcv_var v, const char *lang) {
  for (const bcv_field *f = bcv_record_fields(r->rec); f; f = f->next) {
    if (f->kind != BCV_FIELD_TEXT || f->var != v)
      continue;
    if (lang ? f->lang && !strcmp(f->lang, lang) : !f->lang || (r->lang && !strcmp(f->lang, r->lang)))
      return 1;
  }
  return 0;
}

static int title_info(reader *r, const xmlNode *ti, enum level lv) {
  const char *type = bx_attr(ti, "type");
  const char *lang = lang_of(r, ti);
  if (lv == SERIES) {
    /* a series' partNumber is the number in the series */
    const char *pn = text(r, bx_child(ti, "partNumber"));
    if (*pn && !bcv_record_text(r->rec, BCV_VAR_COLLECTION_NUMBER, NULL)) {
      int rc = add(r, BCV_VAR_COLLECTION_NUMBER, NULL, pn);
      if (rc)
        return rc;
      const char *s = text(r, bx_child(ti, "title"));
      return add(r, BCV_VAR_COLLECTION_TITLE, type && !strcmp(type, "translated") && !lang ? "und" : lang, s);
    }
  }
  const char *s = title_text(r, ti);
  if (!*s)
    return BCV_OK;
  if (!type) {
    bcv_var v = title_var[lv][0];
    /* a second untyped title in the same language is an alternative */
    if (has_value(r, v, lang))
      return acc(r, lv == MAIN ? "mods.title-alternative" : "mods.host-title-alternative", s);
    return add(r, v, lang, s);
  }
  if (!strcmp(type, "translated"))
    return add(r, title_var[lv][0], lang ? lang : "und", s);
  if (!strcmp(type, "abbreviated") && title_var[lv][1] != BCV_VAR_NONE)
    return add(r, title_var[lv][1], lang, s);
  char key[64];
  snprintf(key, sizeof key, "mods.%stitle-%s", lv == MAIN ? "" : "host-", type);
  return acc(r, key, s);
}

/* ---- names ---- */

/* A name's role: its first roleTerm the table knows (code or text). */
static bcv_var role_of(reader *r, const xmlNode *name, enum level lv) {
  bcv_var v = BCV_VAR_NONE;
  for (xmlNodePtr role = bx_child(name, "role"); role && v == BCV_VAR_NONE;
       role = bx_next_sibling(role, "role"))
    for (xmlNodePtr t = bx_child(role, "roleTerm"); t && v == BCV_VAR_NONE;
         t = bx_next_sibling(t, "roleTerm"))
      v = md_role_in(text(r, t));
  if (v == BCV_VAR_NONE)
    v = BCV_VAR_AUTHOR; /* a name without a role is an author, as in bibutils */
  switch (lv) {
  case HOST:
    return v == BCV_VAR_AUTHOR ? BCV_VAR_CONTAINER_AUTHOR : v;
  case SERIES:
    return v == BCV_VAR_EDITOR ? BCV_VAR_COLLECTION_EDITOR : v == BCV_VAR_AUTHOR ? BCV_VAR_SERIES_CREATOR : v;
  case ORIGINAL:
    return v == BCV_VAR_AUTHOR ? BCV_VAR_ORIGINAL_AUTHOR : v;
  case REVIEWED:
    return v == BCV_VAR_AUTHOR ? BCV_VAR_REVIEWED_AUTHOR : v;
  default:
    return v;
  }
}

static char *dup(reader *r, const char *s) {
  return *s ? bcv_record_strndup(r->rec, s, strlen(s)) : NULL;
}

/* namePart type family/given/termsOfAddress, or untyped ("Family, Given"
 * for a person, the whole name for an institution). */
static void name_parts(reader *r, const xmlNode *name, bcv_name *n) {
  memset(n, 0, sizeof *n);
  const char *type = bx_attr(name, "type");
  int person = !type || !strcmp(type, "personal") || !strcmp(type, "family");
  bx_buf given = {0}, whole = {0};
  for (xmlNodePtr p = bx_child(name, "namePart"); p; p = bx_next_sibling(p, "namePart")) {
    const char *pt = bx_attr(p, "type");
    const char *s = text(r, p);
    if (!*s)
      continue;
    if (pt && !strcmp(pt, "family") && !n->family) {
      n->family = dup(r, s);
    } else if (pt && !strcmp(pt, "given")) {
      /* given names in several parts: "J." "R." */
      if ((given.len && bx_put(&given, " ", 1)) || bx_put(&given, s, strlen(s)))
        break;
    } else if (pt && !strcmp(pt, "termsOfAddress") && !n->suffix) {
      n->suffix = dup(r, s);
    } else if (!pt) {
      if ((whole.len && bx_put(&whole, person ? " " : ". ", person ? 1 : 2)) ||
          bx_put(&whole, s, strlen(s)))
        break;
    }
  }
  if (given.len)
    n->given = dup(r, given.p);
  if (!n->family && !n->given && whole.len) {
    const char *comma = person ? strstr(whole.p, ", ") : NULL;
    if (comma) {
      n->family = bcv_record_strndup(r->rec, whole.p, (size_t)(comma - whole.p));
      n->given = dup(r, comma + 2);
    } else {
      n->literal = dup(r, whole.p);
    }
  } else if (!n->family && !n->given) {
    /* only a displayForm */
    const char *d = text(r, bx_child(name, "displayForm"));
    n->literal = *d ? dup(r, d) : NULL;
  }
  n->lang = lang_of(r, name);
  free(given.p);
  free(whole.p);
}

/* The names of a level, with alternative forms of one name (the same
 * altRepGroup) as that name's alt. */
static int names(reader *r, const xmlNode *item, enum level lv) {
  struct {
    const char *group;
    bcv_name *name;
  } groups[64];
  int ng = 0, rc = BCV_OK;
  for (xmlNodePtr c = bx_child(item, "name"); c && !rc; c = bx_next_sibling(c, "name")) {
    const char *type = bx_attr(c, "type");
    if (type && !strcmp(type, "conference")) {
      /* a conference is the event, not a person */
      bcv_name n;
      name_parts(r, c, &n);
      const char *s = n.literal ? n.literal : n.family ? n.family : "";
      rc = bcv_record_text(r->rec, BCV_VAR_EVENT_TITLE, NULL) ? acc(r, "mods.conference", s)
                                                               : add(r, BCV_VAR_EVENT_TITLE, NULL, s);
      continue;
    }
    bcv_name n;
    name_parts(r, c, &n);
    if (bx_child(c, "etal")) {
      /* MODS 3.6's "and others" */
      rc = bcv_record_set_etal(r->rec, role_of(r, c, lv));
      if (rc || (!n.family && !n.given && !n.literal))
        continue;
    }
    if (!n.family && !n.given && !n.literal)
      continue;
    const char *group = bx_attr(c, "altRepGroup");
    bcv_name *first = NULL;
    for (int i = 0; group && i < ng && !first; i++)
      if (!strcmp(groups[i].group, group))
        first = groups[i].name;
    if (first) {
      /* another form of a name: its language is what it is */
      const char *l = bx_lang(c);
      if (!l && bx_attr(c, "lang"))
        l = bx_lang_tag(bx_attr(c, "lang"));
      n.lang = l;
      rc = bcv_name_add_alt(r->rec, first, &n);
      continue;
    }
    bcv_var v = role_of(r, c, lv);
    if (bcv_var_kind(v) != BCV_KIND_NAMES) {
      /* a role that is no person's: the degree grantor is the publisher */
      const char *s = n.literal ? n.literal : n.family ? n.family : "";
      rc = has_value(r, v, NULL) ? acc(r, "mods.degree-grantor", s) : add(r, v, NULL, s);
      continue;
    }
    bcv_name *stored = bcv_record_add_name(r->rec, v, &n);
    if (!stored)
      return BCV_ENOMEM;
    if (group && ng < 64)
      groups[ng].group = group, groups[ng++].name = stored;
    for (xmlNodePtr k = c->children; k && !rc; k = k->next) {
      if (bx_is(k, "affiliation")) {
        const char *s = text(r, k);
        if (*s)
          rc = bcv_name_add_affiliation(r->rec, stored, s, strlen(s));
      } else if (bx_is(k, "namePart") && bx_attr(k, "type") && !strcmp(bx_attr(k, "type"), "date")) {
        const char *s = text(r, k);
        if (*s)
          rc = bcv_name_add_extra(r->rec, stored, "mods.date", s, 0);
      } else if (bx_is(k, "nameIdentifier")) {
        const char *t = bx_attr(k, "type");
        char key[64];
        snprintf(key, sizeof key, "mods.%s", t ? t : "nameIdentifier");
        const char *s = text(r, k);
        if (*s)
          rc = bcv_name_add_extra(r->rec, stored, key, s, 0);
      }
    }
  }
  return rc;
}

/* ---- dates ---- */

/* A MODS date: w3cdtf, iso8601, edtf or marc encodings, or text that may
 * be "c1998", "[1889]", "1998?". */
static int parse_date(const char *s, const xmlNode *el, bcv_date *d) {
  memset(d, 0, sizeof *d);
  size_t n = strlen(s);
  if (bcv_date_parse_edtf(s, n, d) == BCV_OK)
    goto qualified;
  const char *p = s;
  unsigned flags = 0;
  if (*p == '[')
    p++;
  /* catalogues' "c1998" is a copyright year; "ca. 1998" about 1998 */
  if (!strncmp(p, "ca.", 3) || !strncmp(p, "ca ", 3) || !strncmp(p, "circa ", 6))
    p += p[2] == '.' || p[2] == ' ' ? 3 : 6, flags |= BCV_DATE_CIRCA;
  else if (*p == 'c' || *p == 'C')
    p++;
  while (*p == ' ')
    p++;
  size_t m = strlen(p);
  while (m && (p[m - 1] == ']' || p[m - 1] == '.' || p[m - 1] == ' '))
    m--;
  if (m && p[m - 1] == '?')
    m--, flags |= BCV_DATE_UNCERTAIN;
  if (m == 0 || bcv_date_parse_edtf(p, m, d) != BCV_OK)
    return 0;
  d->flags |= flags;
qualified:;
  const char *q = bx_attr(el, "qualifier");
  if (q && !strcmp(q, "approximate"))
    d->flags |= BCV_DATE_CIRCA;
  else if (q && !strcmp(q, "questionable"))
    d->flags |= BCV_DATE_UNCERTAIN;
  return 1;
}

/* The dates of one kind in an originInfo (point="start"/"end" pairs are
 * a range); 1 when one was added. */
static int date_el(reader *r, const xmlNode *info, const char *name, bcv_var v, int *rc) {
  bcv_date d, end;
  int have = 0, have_end = 0, have_coded = 0;
  const char *lit = NULL;
  for (xmlNodePtr c = bx_child(info, name); c; c = bx_next_sibling(c, name)) {
    const char *point = bx_attr(c, "point");
    const char *s = text(r, c);
    if (!*s)
      continue;
    if (point && !strcmp(point, "end")) {
      have_end = parse_date(s, c, &end);
      continue;
    }
    /* the first date, but a coded one (encoding="...") over a text one:
     * catalogues give both, "c2011" to show and "2011" to sort */
    int coded = bx_attr(c, "encoding") != NULL;
    if ((have || lit) && !(coded && !have_coded))
      continue;
    if (parse_date(s, c, &d)) {
      have = 1, lit = NULL;
      have_coded = coded;
    } else if (!have) {
      lit = dup(r, s);
    }
  }
  if (bcv_record_field(r->rec, v))
    return 0;
  if (!have && lit) {
    memset(&d, 0, sizeof d);
    d.literal = lit;
    have = 1;
  } else if (have && have_end && !(d.flags & BCV_DATE_RANGE)) {
    d.to = end.from;
    d.flags |= BCV_DATE_RANGE;
  }
  if (have)
    *rc = bcv_record_add_date(r->rec, v, &d);
  return have;
}

static int origin_info(reader *r, const xmlNode *info, enum level lv) {
  int rc = BCV_OK, issued = 0, created = 0, captured = 0;
  if (lv == ORIGINAL) {
    issued = date_el(r, info, "dateIssued", BCV_VAR_ORIGINAL_DATE, &rc);
  } else {
    issued = date_el(r, info, "dateIssued", BCV_VAR_ISSUED, &rc);
    if (!issued && !rc)
      created = date_el(r, info, "dateCreated", BCV_VAR_ISSUED, &rc);
    if (!rc)
      captured = date_el(r, info, "dateCaptured", BCV_VAR_ACCESSED, &rc);
  }
  for (xmlNodePtr c = info->children; c && !rc; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    const char *name = (const char *)c->name;
    if (!strcmp(name, "publisher")) {
      rc = add(r, lv == ORIGINAL ? BCV_VAR_ORIGINAL_PUBLISHER : BCV_VAR_PUBLISHER, NULL, text(r, c));
    } else if (!strcmp(name, "place")) {
      for (xmlNodePtr t = bx_child(c, "placeTerm"); t && !rc; t = bx_next_sibling(t, "placeTerm")) {
        const char *pt = bx_attr(t, "type");
        if (pt && !strcmp(pt, "code"))
          rc = acc(r, "mods.place-code", text(r, t));
        else
          rc = add(r, lv == ORIGINAL ? BCV_VAR_ORIGINAL_PUBLISHER_PLACE : BCV_VAR_PUBLISHER_PLACE, NULL,
                   text(r, t));
      }
    } else if (!strcmp(name, "edition")) {
      rc = add(r, BCV_VAR_EDITION, NULL, text(r, c));
    } else if (!strcmp(name, "issuance")) {
      bcv_type t = md_resource_in(text(r, c));
      /* the host's genre says more: the issuance counts without one */
      if (lv == HOST && t == BCV_TYPE_PERIODICAL)
        r->host_issuance = BCV_TYPE_ARTICLE_JOURNAL;
      else if (lv == HOST && t == BCV_TYPE_BOOK)
        r->host_issuance = BCV_TYPE_CHAPTER;
      else if (lv == MAIN && t != BCV_TYPE_COUNT && r->hint == BCV_TYPE_COUNT)
        r->hint = t;
    } else if (!(issued && !strcmp(name, "dateIssued")) && !(created && !strcmp(name, "dateCreated")) &&
               !(captured && !strcmp(name, "dateCaptured"))) {
      /* a date that is not the one read (dateCreated beside dateIssued,
       * copyrightDate, dateModified...) is kept as it is written */
      char key[64];
      snprintf(key, sizeof key, "mods.%s", name);
      rc = acc(r, key, text(r, c));
    }
  }
  return rc;
}

/* ---- part ---- */

static int part(reader *r, const xmlNode *p) {
  int rc = BCV_OK;
  for (xmlNodePtr c = p->children; c && !rc; c = c->next) {
    if (bx_is(c, "detail")) {
      bcv_var v = md_detail_in(bx_attr(c, "type"));
      xmlNodePtr num = bx_child(c, "number");
      const char *s = text(r, num ? num : bx_child(c, "caption"));
      if (v == BCV_VAR_NONE) {
        char key[64];
        const char *t = bx_attr(c, "type");
        snprintf(key, sizeof key, "mods.part-%s", t ? t : "detail");
        rc = acc(r, key, s);
      } else if (!bcv_record_text(r->rec, v, NULL)) {
        rc = add(r, v, NULL, s);
      }
    } else if (bx_is(c, "extent")) {
      const char *st = text(r, bx_child(c, "start"));
      char pg[512];
      snprintf(pg, sizeof pg, "%s", st);
      const char *en = text(r, bx_child(c, "end"));
      if (*en && *pg && strcmp(en, pg))
        snprintf(pg + strlen(pg), sizeof pg - strlen(pg), "-%s", en);
      else if (!*pg)
        snprintf(pg, sizeof pg, "%s", text(r, bx_child(c, "list")));
      if (*pg && !bcv_record_text(r->rec, BCV_VAR_PAGE, NULL))
        rc = add(r, BCV_VAR_PAGE, NULL, pg);
      const char *total = text(r, bx_child(c, "total"));
      if (!rc && *total && !bcv_record_text(r->rec, BCV_VAR_NUMBER_OF_PAGES, NULL))
        rc = add(r, BCV_VAR_NUMBER_OF_PAGES, NULL, total);
    } else if (bx_is(c, "date")) {
      bcv_date d;
      if (!bcv_record_field(r->rec, BCV_VAR_ISSUED) && parse_date(text(r, c), c, &d))
        rc = bcv_record_add_date(r->rec, BCV_VAR_ISSUED, &d);
    } else if (bx_is(c, "text")) {
      rc = acc(r, "mods.part-text", text(r, c));
    }
  }
  return rc;
}

/* ---- bibconv's own extension ---- */

static int is_ours(const xmlNode *c) {
  return c->ns && c->ns->href && !strcmp((const char *)c->ns->href, MODS_BCV_NS);
}

/* Our own elements' text exactly as written (line breaks, tabs). */
static const char *raw_text(reader *r, const xmlNode *n) {
  bx_buf *b = &r->t;
  b->len = 0;
  if (bx_put(b, "", 0))
    return "";
  for (const xmlNode *c = n->children; c; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
        bx_put(b, (const char *)c->content, strlen((const char *)c->content)))
      return "";
  return b->p;
}

static int extension(reader *r, const xmlNode *e) {
  int rc = BCV_OK;
  for (xmlNodePtr c = e->children; c && !rc; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    if (!is_ours(c)) {
      rc = acc(r, "mods.extension", text(r, c));
      continue;
    }
    if (bx_is(c, "fields")) {
      rc = extension(r, c);
      continue;
    }
    const char *s = raw_text(r, c);
    if (bx_is(c, "extra")) {
      const char *key = bx_attr(c, "key"), *json = bx_attr(c, "json");
      if (key && strchr(key, '.'))
        rc = bcv_record_add_extra(r->rec, key, s, strlen(s), json ? BCV_EXTRA_JSON : 0);
    } else if (bx_is(c, "field")) {
      const char *name = bx_attr(c, "name");
      bcv_var v = name ? bcv_var_from_name(name, strlen(name)) : BCV_VAR_NONE;
      if (v == BCV_VAR_NONE)
        continue;
      if (bcv_var_kind(v) == BCV_KIND_DATE) {
        bcv_date d;
        if (bcv_date_parse_edtf(s, strlen(s), &d) != BCV_OK) {
          memset(&d, 0, sizeof d);
          d.literal = s;
        }
        if (!bcv_record_field(r->rec, v))
          rc = bcv_record_add_date(r->rec, v, &d);
      } else if (bcv_var_kind(v) != BCV_KIND_NAMES) {
        rc = add(r, v, bx_attr(c, "lang"), s);
      }
    }
  }
  return rc;
}

/* ---- the record ---- */

static int item(reader *r, const xmlNode *m, enum level lv);

static int related(reader *r, const xmlNode *c) {
  const char *t = bx_attr(c, "type");
  if (t && !strcmp(t, "host"))
    return item(r, c, HOST);
  if (t && !strcmp(t, "series"))
    return item(r, c, SERIES);
  if (t && !strcmp(t, "original"))
    return item(r, c, ORIGINAL);
  if (t && !strcmp(t, "reviewOf"))
    return item(r, c, REVIEWED);
  char key[64];
  snprintf(key, sizeof key, "mods.related-%s", t ? t : "item");
  const char *s = title_text(r, bx_child(c, "titleInfo"));
  return acc(r, key, *s ? s : text(r, c));
}

/* The elements of a mods or relatedItem at level lv. */
static int item(reader *r, const xmlNode *m, enum level lv) {
  int rc = names(r, m, lv);
  for (xmlNodePtr c = m->children; c && !rc; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    const char *name = (const char *)c->name;
    if (!strcmp(name, "titleInfo")) {
      rc = title_info(r, c, lv);
    } else if (!strcmp(name, "name")) {
      /* read above, all at once */
    } else if (!strcmp(name, "genre")) {
      const char *auth = bx_attr(c, "authority");
      const char *s = text(r, c);
      if (lv == MAIN && auth && !strcmp(auth, "csl")) {
        bcv_type t = bcv_type_from_name(s, strlen(s));
        if (t != BCV_TYPE_COUNT)
          r->type = t, r->csl_type = 1;
      } else if (lv == MAIN || lv == HOST) {
        bcv_type t = md_genre_in(s, lv == HOST);
        bcv_type *slot = lv == HOST ? &r->host_type : &r->type;
        if (t != BCV_TYPE_COUNT && *slot == BCV_TYPE_COUNT)
          *slot = t;
        /* what kind of thesis: the genre's words */
        if (lv == MAIN && t == BCV_TYPE_THESIS && strcasecmp(s, "thesis"))
          rc = add(r, BCV_VAR_GENRE, NULL, s);
        else if (lv == MAIN && t == BCV_TYPE_COUNT)
          rc = acc(r, "mods.genre", s);
      }
    } else if (!strcmp(name, "typeOfResource")) {
      bcv_type t = md_resource_in(text(r, c));
      if (lv == MAIN && t != BCV_TYPE_COUNT && r->hint == BCV_TYPE_COUNT)
        r->hint = t;
    } else if (!strcmp(name, "originInfo")) {
      rc = origin_info(r, c, lv);
    } else if (!strcmp(name, "part")) {
      rc = part(r, c);
    } else if (!strcmp(name, "identifier")) {
      const char *t = bx_attr(c, "type");
      const char *s = text(r, c);
      bcv_var v = md_id_in(t);
      const char *inv = bx_attr(c, "invalid");
      if (t && !strcmp(t, "citekey") && lv == MAIN && !bcv_record_id(r->rec))
        rc = bcv_record_set_id(r->rec, s, strlen(s));
      else if (v != BCV_VAR_NONE && !inv &&
               (!bcv_record_text(r->rec, v, NULL) || v == BCV_VAR_ISSN || v == BCV_VAR_ISBN))
        rc = add(r, v, NULL, s); /* a work has several ISSNs (print, online) and ISBNs */
      else {
        char key[64];
        snprintf(key, sizeof key, "mods.identifier-%s", t ? t : "other");
        rc = acc(r, key, s);
      }
    } else if (!strcmp(name, "relatedItem") && lv == MAIN) {
      rc = related(r, c);
    } else if (!strcmp(name, "relatedItem") && lv == HOST) {
      /* the series a book (the host) is in */
      const char *t = bx_attr(c, "type");
      rc = t && (!strcmp(t, "series") || !strcmp(t, "host")) ? item(r, c, SERIES)
                                                              : acc(r, "mods.host-relatedItem", text(r, c));
    } else if (lv != MAIN) {
      /* the rest of a related item: kept by name */
      char key[64];
      snprintf(key, sizeof key, "mods.host-%s", name);
      rc = acc(r, key, text(r, c));
    } else if (!strcmp(name, "language")) {
      /* read first (record_lang) */
    } else if (!strcmp(name, "abstract")) {
      rc = add(r, BCV_VAR_ABSTRACT, lang_of(r, c), text(r, c));
    } else if (!strcmp(name, "note")) {
      rc = add(r, BCV_VAR_NOTE, lang_of(r, c), text(r, c));
    } else if (!strcmp(name, "subject")) {
      for (xmlNodePtr s = c->children; s && !rc; s = s->next) {
        if (s->type != XML_ELEMENT_NODE)
          continue;
        if (bx_is(s, "topic")) {
          rc = add(r, BCV_VAR_KEYWORD, lang_of(r, s), text(r, s));
        } else {
          char key[64];
          snprintf(key, sizeof key, "mods.subject-%s", (const char *)s->name);
          rc = acc(r, key, text(r, s));
        }
      }
    } else if (!strcmp(name, "classification")) {
      rc = bcv_record_text(r->rec, BCV_VAR_CALL_NUMBER, NULL) ? acc(r, "mods.classification", text(r, c))
                                                               : add(r, BCV_VAR_CALL_NUMBER, NULL, text(r, c));
    } else if (!strcmp(name, "location")) {
      for (xmlNodePtr l = c->children; l && !rc; l = l->next) {
        if (bx_is(l, "url"))
          rc = add(r, BCV_VAR_URL, NULL, text(r, l));
        else if (bx_is(l, "physicalLocation") && !bcv_record_text(r->rec, BCV_VAR_ARCHIVE, NULL))
          rc = add(r, BCV_VAR_ARCHIVE, NULL, text(r, l));
        else if (bx_is(l, "shelfLocator") && !bcv_record_text(r->rec, BCV_VAR_ARCHIVE_LOCATION, NULL))
          rc = add(r, BCV_VAR_ARCHIVE_LOCATION, NULL, text(r, l));
        else if (l->type == XML_ELEMENT_NODE) {
          char key[64];
          snprintf(key, sizeof key, "mods.location-%s", (const char *)l->name);
          rc = acc(r, key, text(r, l));
        }
      }
    } else if (!strcmp(name, "physicalDescription")) {
      for (xmlNodePtr p = c->children; p && !rc; p = p->next) {
        if (bx_is(p, "form") && !bcv_record_text(r->rec, BCV_VAR_MEDIUM, NULL))
          rc = add(r, BCV_VAR_MEDIUM, NULL, text(r, p));
        else if (bx_is(p, "extent") && !bcv_record_text(r->rec, BCV_VAR_DIMENSIONS, NULL))
          rc = add(r, BCV_VAR_DIMENSIONS, NULL, text(r, p));
        else if (p->type == XML_ELEMENT_NODE) {
          char key[64];
          snprintf(key, sizeof key, "mods.%s", (const char *)p->name);
          rc = acc(r, key, text(r, p));
        }
      }
    } else if (!strcmp(name, "extension")) {
      rc = extension(r, c);
    } else if (!strcmp(name, "recordInfo")) {
      for (xmlNodePtr p = c->children; p && !rc; p = p->next)
        if (p->type == XML_ELEMENT_NODE) {
          char key[64];
          snprintf(key, sizeof key, "mods.%s", (const char *)p->name);
          rc = acc(r, key, text(r, p));
        }
    } else {
      char key[64];
      snprintf(key, sizeof key, "mods.%s", name);
      rc = acc(r, key, text(r, c));
    }
  }
  return rc;
}

/* The record's language: its first languageTerm, as BCP 47. */
static const char *record_lang(reader *r, const xmlNode *m) {
  for (xmlNodePtr l = bx_child(m, "language"); l; l = bx_next_sibling(l, "language"))
    for (xmlNodePtr t = bx_child(l, "languageTerm"); t; t = bx_next_sibling(t, "languageTerm")) {
      const char *s = text(r, t);
      const char *tag = bx_lang_tag(s);
      if (tag)
        return tag;
      const char *auth = bx_attr(t, "authority");
      if (auth && !strncmp(auth, "rfc", 3) && *s)
        return dup(r, s);
    }
  return NULL;
}

static int record(reader *r, const xmlNode *m, bcv_record **out) {
  r->rec = bcv_record_new();
  if (!r->rec)
    return BCV_ENOMEM;
  bcv_record_set_pos(r->rec, bx_line(m), 0);
  bx_extras_reset(&r->ex);
  r->type = r->host_type = r->host_issuance = r->hint = BCV_TYPE_COUNT;
  r->csl_type = 0;
  const char *id = bx_attr(m, "ID");
  int rc = id && *id ? bcv_record_set_id(r->rec, id, strlen(id)) : BCV_OK;
  r->lang = rc ? NULL : record_lang(r, m);
  if (!rc && r->lang)
    rc = add(r, BCV_VAR_LANGUAGE, NULL, r->lang);
  if (!rc)
    rc = item(r, m, MAIN);
  if (!rc)
    rc = bx_extras_flush(&r->ex, r->rec);
  if (rc) {
    bcv_record_free(&r->rec);
    return rc;
  }
  /* the type: ours, the record's genre (a whole book or periodical
   * with a host is still a part of it), the host's, then the hints */
  bcv_type t = r->type;
  if (r->host_type == BCV_TYPE_COUNT)
    r->host_type = r->host_issuance;
  if (!r->csl_type && r->host_type != BCV_TYPE_COUNT &&
      (t == BCV_TYPE_COUNT || t == BCV_TYPE_BOOK || t == BCV_TYPE_PERIODICAL ||
       (t == BCV_TYPE_ARTICLE_JOURNAL && r->host_type != BCV_TYPE_CHAPTER)))
    t = r->host_type;
  if (t == BCV_TYPE_COUNT)
    t = r->hint;
  if (t == BCV_TYPE_COUNT)
    t = BCV_TYPE_DOCUMENT;
  bcv_record_set_type(r->rec, t);
  if (!bcv_record_fields(r->rec) && !bcv_record_id(r->rec)) {
    bcv_diag_report(r->diag, BCV_SEV_WARNING, NULL, bx_line(m), 0, "mods with nothing in it; skipped");
    bcv_record_free(&r->rec);
    return BCV_OK;
  }
  *out = r->rec;
  r->rec = NULL;
  return BCV_OK;
}

static int r_next(void *state, bcv_record **out) {
  reader *r = state;
  *out = NULL;
  int ret;
  while ((ret = bx_next(r->x)) == 1) {
    if (strcmp(bx_name(r->x), "mods"))
      continue;
    xmlNodePtr n = bx_expand(r->x);
    int rc = n ? record(r, n, out) : BCV_OK;
    bx_skip(r->x);
    if (rc)
      return rc;
    if (*out)
      return BCV_OK;
  }
  return ret < 0 ? ret : BCV_DONE;
}

static int r_open(bcv_input *in, const bcv_options *opts, bcv_diag *diag, void **state) {
  (void)opts;
  reader *r = calloc(1, sizeof *r);
  if (!r)
    return BCV_ENOMEM;
  r->diag = diag;
  r->x = bx_open(in, diag);
  if (!r->x) {
    free(r);
    return BCV_ENOMEM;
  }
  *state = r;
  return BCV_OK;
}

static void r_close(void *state) {
  reader *r = state;
  bx_close(r->x);
  bcv_record_free(&r->rec);
  bx_extras_free(&r->ex);
  free(r->t.p);
  free(r);
}

const bcv_reader_ops md_reader = {r_open, r_next, r_close, NULL};
