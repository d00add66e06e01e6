/* SPDX-License-Identifier: MIT */
/* map.c: JATS vocabularies to the model, as tables.
 *
 * publication-type values: the JATS4R citation recommendation (journal,
 * book, confproc, data, patent, report, software, standard, thesis,
 * preprint, website, working-paper...) and the older values real files
 * carry (web, webpage, periodical, conf-proceedings, other). */
#include <string.h>
#include "jats.h"

static const struct {
  const char *name;
  bcv_type type;
} types_in[] = {
    {"journal", BCV_TYPE_ARTICLE_JOURNAL},     {"periodical", BCV_TYPE_ARTICLE_JOURNAL},
    {"article", BCV_TYPE_ARTICLE_JOURNAL},     {"magazine", BCV_TYPE_ARTICLE_MAGAZINE},
    {"newspaper", BCV_TYPE_ARTICLE_NEWSPAPER}, {"book", BCV_TYPE_BOOK},
    {"confproc", BCV_TYPE_PAPER_CONFERENCE},   {"conf-proceedings", BCV_TYPE_PAPER_CONFERENCE},
    {"conference", BCV_TYPE_PAPER_CONFERENCE}, {"thesis", BCV_TYPE_THESIS},
    {"dissertation", BCV_TYPE_THESIS},         {"report", BCV_TYPE_REPORT},
    {"working-paper", BCV_TYPE_REPORT},        {"gov", BCV_TYPE_REPORT},
    {"patent", BCV_TYPE_PATENT},               {"standard", BCV_TYPE_STANDARD},
    {"data", BCV_TYPE_DATASET},                {"dataset", BCV_TYPE_DATASET},
    {"software", BCV_TYPE_SOFTWARE},           {"preprint", BCV_TYPE_ARTICLE},
    {"web", BCV_TYPE_WEBPAGE},                 {"webpage", BCV_TYPE_WEBPAGE},
    {"website", BCV_TYPE_WEBPAGE},             {"blog", BCV_TYPE_POST_WEBLOG},
    {"letter", BCV_TYPE_PERSONAL_COMMUNICATION}, {"review", BCV_TYPE_REVIEW},
    {"discussion", BCV_TYPE_ARTICLE_JOURNAL},  {"list", BCV_TYPE_DOCUMENT},
    {"commun", BCV_TYPE_PERSONAL_COMMUNICATION}, {"other", BCV_TYPE_DOCUMENT},
};

/* JATS4R's vocabulary for what the writer emits; "other" draws a JATS4R
 * warning, so every CSL type that has a better word gets it. */
static const struct {
  bcv_type type;
  const char *name;
} types_out[] = {
    {BCV_TYPE_ARTICLE_JOURNAL, "journal"},    {BCV_TYPE_ARTICLE_MAGAZINE, "journal"},
    {BCV_TYPE_ARTICLE_NEWSPAPER, "newspaper"}, {BCV_TYPE_PERIODICAL, "journal"},
    {BCV_TYPE_REVIEW, "review"},              {BCV_TYPE_REVIEW_BOOK, "review"},
    {BCV_TYPE_BOOK, "book"},                  {BCV_TYPE_CHAPTER, "book"},
    {BCV_TYPE_COLLECTION, "book"},            {BCV_TYPE_CLASSIC, "book"},
    {BCV_TYPE_ENTRY_DICTIONARY, "book"},      {BCV_TYPE_ENTRY_ENCYCLOPEDIA, "book"},
    {BCV_TYPE_PAPER_CONFERENCE, "confproc"},  {BCV_TYPE_THESIS, "thesis"},
    {BCV_TYPE_REPORT, "report"},              {BCV_TYPE_PATENT, "patent"},
    {BCV_TYPE_STANDARD, "standard"},          {BCV_TYPE_DATASET, "data"},
    {BCV_TYPE_SOFTWARE, "software"},          {BCV_TYPE_ARTICLE, "preprint"},
    {BCV_TYPE_WEBPAGE, "website"},            {BCV_TYPE_POST_WEBLOG, "website"},
    {BCV_TYPE_POST, "website"},               {BCV_TYPE_PERSONAL_COMMUNICATION, "letter"},
};

static const struct {
  const char *name;
  bcv_var var;
} roles[] = {
    {"author", BCV_VAR_AUTHOR},           {"editor", BCV_VAR_EDITOR},
    {"guest-editor", BCV_VAR_EDITOR},     {"translator", BCV_VAR_TRANSLATOR},
    {"transed", BCV_VAR_TRANSLATOR},      {"compiler", BCV_VAR_COMPILER},
    {"curator", BCV_VAR_CURATOR},         {"director", BCV_VAR_DIRECTOR},
    {"inventor", BCV_VAR_AUTHOR},         {"series-editor", BCV_VAR_COLLECTION_EDITOR},
    {"illustrator", BCV_VAR_ILLUSTRATOR}, {"chair", BCV_VAR_CHAIR},
    {"contributor", BCV_VAR_CONTRIBUTOR}, {"composer", BCV_VAR_COMPOSER},
    {"interviewer", BCV_VAR_INTERVIEWER}, {"recipient", BCV_VAR_RECIPIENT},
    {"reviewer", BCV_VAR_REVIEWED_AUTHOR}, {"producer", BCV_VAR_PRODUCER},
};

static const struct {
  const char *name;
  bcv_var var;
} ids[] = {
    {"doi", BCV_VAR_DOI}, {"pmid", BCV_VAR_PMID}, {"pmcid", BCV_VAR_PMCID},
    {"pmc", BCV_VAR_PMCID}, {"isbn", BCV_VAR_ISBN}, {"issn", BCV_VAR_ISSN},
};

bcv_type jt_type_in(const char *pubtype) {
  for (size_t i = 0; pubtype && i < sizeof types_in / sizeof *types_in; i++)
    if (!strcmp(types_in[i].name, pubtype))
      return types_in[i].type;
  return BCV_TYPE_COUNT;
}

const char *jt_type_out(bcv_type t) {
  for (size_t i = 0; i < sizeof types_out / sizeof *types_out; i++)
    if (types_out[i].type == t)
      return types_out[i].name;
  return "other";
}

bcv_var jt_role_in(const char *role) {
  for (size_t i = 0; role && i < sizeof roles / sizeof *roles; i++)
    if (!strcmp(roles[i].name, role))
      return roles[i].var;
  return BCV_VAR_NONE;
}

const char *jt_role_out(bcv_var v) {
  for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
    if (roles[i].var == v)
      return roles[i].name;
  return NULL;
}

bcv_var jt_id_in(const char *type) {
  for (size_t i = 0; type && i < sizeof ids / sizeof *ids; i++)
    if (!strcmp(ids[i].name, type))
      return ids[i].var;
  return BCV_VAR_NONE;
}

const char *jt_id_out(bcv_var v) {
  for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
    if (ids[i].var == v)
      return ids[i].name;
  return NULL;
}

/* Citation elements that carry one variable's text as they are.  The
 * others (person-group, titles, source, year, pages, pub-id, uri...) need
 * more than a copy and are read in read.c. */
static const struct {
  const char *name;
  bcv_var var;
} simple[] = {
    {"comment", BCV_VAR_NOTE},           {"conf-loc", BCV_VAR_EVENT_PLACE},
    {"conf-name", BCV_VAR_EVENT_TITLE},  {"edition", BCV_VAR_EDITION},
    {"elocation-id", BCV_VAR_NUMBER},    {"institution", BCV_VAR_PUBLISHER},
    {"isbn", BCV_VAR_ISBN},              {"issn", BCV_VAR_ISSN},
    {"issue", BCV_VAR_ISSUE},            {"page-range", BCV_VAR_PAGE},
    {"patent", BCV_VAR_NUMBER},          {"publisher-loc", BCV_VAR_PUBLISHER_PLACE},
    {"publisher-name", BCV_VAR_PUBLISHER}, {"version", BCV_VAR_VERSION},
    {"volume", BCV_VAR_VOLUME},
};

/* Read together with another element (month and day with the year) or
 * presentation only (label). */
static const char *const quiet[] = {"month", "day", "season", "label", "x", "lpage"};

bcv_var jt_simple(const char *element) {
  for (size_t i = 0; i < sizeof simple / sizeof *simple; i++)
    if (!strcmp(simple[i].name, element))
      return simple[i].var;
  return BCV_VAR_NONE;
}

int jt_quiet(const char *element) {
  for (size_t i = 0; i < sizeof quiet / sizeof *quiet; i++)
    if (!strcmp(quiet[i], element))
      return 1;
  return 0;
}
