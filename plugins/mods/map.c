/* SPDX-License-Identifier: MIT */
/* map.c: MODS vocabularies to the model, as tables.
 *
 * Roles are MARC relator codes and terms (id.loc.gov/vocabulary/relators);
 * genres are MARC genre terms (marcgt) and the terms bibutils writes
 * (bibutilsgt), so that what bibutils and library catalogues write reads
 * as the right type, and what we write reads in bibutils without a
 * warning. */
#include <string.h>
#include <strings.h>
#include "mods.h"

static const struct {
  const char *code, *text;
  bcv_var var;
} roles[] = {
    {"aut", "author", BCV_VAR_AUTHOR},
    {"edt", "editor", BCV_VAR_EDITOR},
    {"trl", "translator", BCV_VAR_TRANSLATOR},
    {"ctb", "contributor", BCV_VAR_CONTRIBUTOR},
    {"ill", "illustrator", BCV_VAR_ILLUSTRATOR},
    {"cmp", "composer", BCV_VAR_COMPOSER},
    {"drt", "director", BCV_VAR_DIRECTOR},
    {"pro", "producer", BCV_VAR_PRODUCER},
    {"ivr", "interviewer", BCV_VAR_INTERVIEWER},
    {"rcp", "addressee", BCV_VAR_RECIPIENT},
    {"cur", "curator", BCV_VAR_CURATOR},
    {"com", "compiler", BCV_VAR_COMPILER},
    {"orm", "organizer", BCV_VAR_ORGANIZER},
    {"prf", "performer", BCV_VAR_PERFORMER},
    {"nrt", "narrator", BCV_VAR_NARRATOR},
    {"hst", "host", BCV_VAR_HOST},
    {"aus", "screenwriter", BCV_VAR_SCRIPT_WRITER},
    {"pbd", "publishing director", BCV_VAR_EDITORIAL_DIRECTOR},
    /* read only: other words for the same roles */
    {"cre", "creator", BCV_VAR_AUTHOR},
    {NULL, "recipient", BCV_VAR_RECIPIENT},
    {NULL, "editor of compilation", BCV_VAR_EDITOR},
    {"ths", "thesis advisor", BCV_VAR_CONTRIBUTOR},
    /* not a person's role: the institution that grants a thesis */
    {"dgg", "degree grantor", BCV_VAR_PUBLISHER},
};

bcv_var md_role_in(const char *term) {
  if (!term || !*term)
    return BCV_VAR_NONE;
  for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
    if ((roles[i].code && !strcasecmp(term, roles[i].code)) || !strcasecmp(term, roles[i].text))
      return roles[i].var;
  /* a role marcrelator has no word for: our writer names it by the
   * variable ("series-creator") */
  bcv_var v = bcv_var_from_name(term, strlen(term));
  return v != BCV_VAR_NONE && bcv_var_kind(v) == BCV_KIND_NAMES ? v : BCV_VAR_NONE;
  /* (a text variable, like the degree grantor's publisher, comes only
   * from the table) */
}

const char *md_role_code(bcv_var v) {
  for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
    if (roles[i].var == v)
      return roles[i].code;
  return NULL;
}

const char *md_role_text(bcv_var v) {
  for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
    if (roles[i].var == v)
      return roles[i].text;
  return bcv_var_name(v);
}

/* Genre terms, at the record's level (host 0) or its host's (1). */
static const struct {
  const char *term;
  int host;
  bcv_type type;
} genres[] = {
    {"journal article", 0, BCV_TYPE_ARTICLE_JOURNAL},
    {"magazine article", 0, BCV_TYPE_ARTICLE_MAGAZINE},
    {"newspaper article", 0, BCV_TYPE_ARTICLE_NEWSPAPER},
    {"article", 0, BCV_TYPE_ARTICLE_JOURNAL},
    {"book chapter", 0, BCV_TYPE_CHAPTER},
    {"chapter", 0, BCV_TYPE_CHAPTER},
    {"book", 0, BCV_TYPE_BOOK},
    {"collection", 0, BCV_TYPE_BOOK},
    {"festschrift", 0, BCV_TYPE_BOOK},
    {"handbook", 0, BCV_TYPE_BOOK},
    {"multivolume monograph", 0, BCV_TYPE_BOOK},
    {"instruction", 0, BCV_TYPE_BOOK},
    {"conference publication", 0, BCV_TYPE_BOOK},
    {"thesis", 0, BCV_TYPE_THESIS},
    {"Ph.D. thesis", 0, BCV_TYPE_THESIS},
    {"Masters thesis", 0, BCV_TYPE_THESIS},
    {"Diploma thesis", 0, BCV_TYPE_THESIS},
    {"Habilitation thesis", 0, BCV_TYPE_THESIS},
    {"Licentiate thesis", 0, BCV_TYPE_THESIS},
    {"technical report", 0, BCV_TYPE_REPORT},
    {"report", 0, BCV_TYPE_REPORT},
    {"government publication", 0, BCV_TYPE_REPORT},
    {"patent", 0, BCV_TYPE_PATENT},
    {"web site", 0, BCV_TYPE_WEBPAGE},
    {"web page", 0, BCV_TYPE_WEBPAGE},
    {"electronic", 0, BCV_TYPE_WEBPAGE},
    {"periodical", 0, BCV_TYPE_PERIODICAL},
    {"journal", 0, BCV_TYPE_PERIODICAL},
    {"academic journal", 0, BCV_TYPE_PERIODICAL},
    {"newspaper", 0, BCV_TYPE_PERIODICAL},
    {"magazine", 0, BCV_TYPE_PERIODICAL},
    {"encyclopedia", 0, BCV_TYPE_BOOK},
    {"dictionary", 0, BCV_TYPE_BOOK},
    {"legal case and case notes", 0, BCV_TYPE_LEGAL_CASE},
    {"legislation", 0, BCV_TYPE_LEGISLATION},
    {"treaty", 0, BCV_TYPE_TREATY},
    {"motion picture", 0, BCV_TYPE_MOTION_PICTURE},
    {"videorecording", 0, BCV_TYPE_MOTION_PICTURE},
    {"sound", 0, BCV_TYPE_SONG},
    {"map", 0, BCV_TYPE_MAP},
    {"atlas", 0, BCV_TYPE_MAP},
    {"database", 0, BCV_TYPE_DATASET},
    {"numeric data", 0, BCV_TYPE_DATASET},
    {"dataset", 0, BCV_TYPE_DATASET},
    {"software", 0, BCV_TYPE_SOFTWARE},
    {"interview", 0, BCV_TYPE_INTERVIEW},
    {"letter", 0, BCV_TYPE_PERSONAL_COMMUNICATION},
    {"communication", 0, BCV_TYPE_PERSONAL_COMMUNICATION},
    {"speech", 0, BCV_TYPE_SPEECH},
    {"review", 0, BCV_TYPE_REVIEW},
    {"standard or specification", 0, BCV_TYPE_STANDARD},
    {"manuscript", 0, BCV_TYPE_MANUSCRIPT},
    {"unpublished", 0, BCV_TYPE_MANUSCRIPT},
    {"hearing", 0, BCV_TYPE_HEARING},
    {"graphic", 0, BCV_TYPE_GRAPHIC},
    {"picture", 0, BCV_TYPE_GRAPHIC},
    {"art original", 0, BCV_TYPE_GRAPHIC},
    {"miscellaneous", 0, BCV_TYPE_DOCUMENT},
    /* the host says what the record is in */
    {"periodical", 1, BCV_TYPE_ARTICLE_JOURNAL},
    {"academic journal", 1, BCV_TYPE_ARTICLE_JOURNAL},
    {"journal", 1, BCV_TYPE_ARTICLE_JOURNAL},
    {"magazine", 1, BCV_TYPE_ARTICLE_MAGAZINE},
    {"newspaper", 1, BCV_TYPE_ARTICLE_NEWSPAPER},
    {"book", 1, BCV_TYPE_CHAPTER},
    {"collection", 1, BCV_TYPE_CHAPTER},
    {"conference publication", 1, BCV_TYPE_PAPER_CONFERENCE},
    {"encyclopedia", 1, BCV_TYPE_ENTRY_ENCYCLOPEDIA},
    {"dictionary", 1, BCV_TYPE_ENTRY_DICTIONARY},
    {"web site", 1, BCV_TYPE_WEBPAGE},
};

bcv_type md_genre_in(const char *term, int host) {
  for (size_t i = 0; term && i < sizeof genres / sizeof *genres; i++)
    if (genres[i].host == host && !strcasecmp(genres[i].term, term))
      return genres[i].type;
  return BCV_TYPE_COUNT;
}

static const struct {
  const char *term;
  bcv_type type;
} resources[] = {
    {"cartographic", BCV_TYPE_MAP},
    {"notated music", BCV_TYPE_MUSICAL_SCORE},
    {"sound recording", BCV_TYPE_SONG},
    {"sound recording-musical", BCV_TYPE_SONG},
    {"sound recording-nonmusical", BCV_TYPE_SONG},
    {"still image", BCV_TYPE_GRAPHIC},
    {"moving image", BCV_TYPE_MOTION_PICTURE},
    {"software, multimedia", BCV_TYPE_SOFTWARE},
    /* issuance */
    {"monographic", BCV_TYPE_BOOK},
    {"single unit", BCV_TYPE_BOOK},
    {"multipart monograph", BCV_TYPE_BOOK},
    {"continuing", BCV_TYPE_PERIODICAL},
    {"serial", BCV_TYPE_PERIODICAL},
};

bcv_type md_resource_in(const char *term) {
  for (size_t i = 0; term && i < sizeof resources / sizeof *resources; i++)
    if (!strcasecmp(resources[i].term, term))
      return resources[i].type;
  return BCV_TYPE_COUNT;
}

/* One row per CSL type: what bibutils and catalogues recognise.  A type
 * these genres do not give back gets a genre of authority "csl" too. */
static const md_type_out types_out[] = {
    {BCV_TYPE_ARTICLE, {"marcgt:article", NULL}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_ARTICLE_JOURNAL, {"bibutilsgt:journal article", NULL},
     {"marcgt:periodical", "bibutilsgt:academic journal"}, "continuing", "text"},
    {BCV_TYPE_ARTICLE_MAGAZINE, {"bibutilsgt:magazine article", NULL},
     {"marcgt:periodical", "bibutilsgt:magazine"}, "continuing", "text"},
    {BCV_TYPE_ARTICLE_NEWSPAPER, {"bibutilsgt:newspaper article", NULL}, {"marcgt:newspaper", NULL},
     "continuing", "text"},
    {BCV_TYPE_BILL, {"marcgt:legislation", NULL}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_BOOK, {"marcgt:book", NULL}, {NULL, NULL}, "monographic", "text"},
    {BCV_TYPE_BROADCAST, {"marcgt:videorecording", NULL}, {NULL, NULL}, NULL, "moving image"},
    {BCV_TYPE_CHAPTER, {"bibutilsgt:book chapter", NULL}, {"marcgt:book", NULL}, "monographic", "text"},
    {BCV_TYPE_CLASSIC, {"marcgt:book", NULL}, {NULL, NULL}, "monographic", "text"},
    {BCV_TYPE_COLLECTION, {"bibutilsgt:collection", NULL}, {NULL, NULL}, "monographic", "text"},
    {BCV_TYPE_DATASET, {"marcgt:database", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL,
     "software, multimedia"},
    {BCV_TYPE_DOCUMENT, {"bibutilsgt:miscellaneous", NULL}, {NULL, NULL}, NULL, NULL},
    {BCV_TYPE_ENTRY, {"bibutilsgt:miscellaneous", NULL}, {"marcgt:book", NULL}, "monographic", "text"},
    {BCV_TYPE_ENTRY_DICTIONARY, {"bibutilsgt:miscellaneous", NULL}, {"marcgt:dictionary", NULL},
     "monographic", "text"},
    {BCV_TYPE_ENTRY_ENCYCLOPEDIA, {"bibutilsgt:miscellaneous", NULL}, {"marcgt:encyclopedia", NULL},
     "monographic", "text"},
    {BCV_TYPE_EVENT, {"bibutilsgt:miscellaneous", NULL}, {NULL, NULL}, NULL, NULL},
    {BCV_TYPE_FIGURE, {"marcgt:graphic", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL, "still image"},
    {BCV_TYPE_GRAPHIC, {"marcgt:graphic", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL, "still image"},
    {BCV_TYPE_HEARING, {"bibutilsgt:hearing", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_INTERVIEW, {"marcgt:interview", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_LEGAL_CASE, {"marcgt:legal case and case notes", "bibutilsgt:miscellaneous"},
     {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_LEGISLATION, {"marcgt:legislation", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_MANUSCRIPT, {"bibutilsgt:unpublished", NULL}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_MAP, {"marcgt:map", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL, "cartographic"},
    {BCV_TYPE_MOTION_PICTURE, {"marcgt:motion picture", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL,
     "moving image"},
    {BCV_TYPE_MUSICAL_SCORE, {"bibutilsgt:miscellaneous", NULL}, {NULL, NULL}, NULL, "notated music"},
    {BCV_TYPE_PAMPHLET, {"marcgt:book", NULL}, {NULL, NULL}, "monographic", "text"},
    {BCV_TYPE_PAPER_CONFERENCE, {NULL, NULL}, {"marcgt:conference publication", NULL}, "monographic",
     "text"},
    {BCV_TYPE_PATENT, {"marcgt:patent", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_PERFORMANCE, {"bibutilsgt:miscellaneous", NULL}, {NULL, NULL}, NULL, NULL},
    {BCV_TYPE_PERIODICAL, {"marcgt:periodical", NULL}, {NULL, NULL}, "continuing", "text"},
    {BCV_TYPE_PERSONAL_COMMUNICATION, {"marcgt:letter", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL,
     "text"},
    {BCV_TYPE_POST, {"bibutilsgt:electronic", NULL}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_POST_WEBLOG, {"bibutilsgt:electronic", NULL}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_REGULATION, {"marcgt:legislation", NULL}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_REPORT, {"marcgt:technical report", NULL}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_REVIEW, {"marcgt:review", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_REVIEW_BOOK, {"marcgt:review", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_SOFTWARE, {"marcgt:software", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL,
     "software, multimedia"},
    {BCV_TYPE_SONG, {"marcgt:sound", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL,
     "sound recording-musical"},
    {BCV_TYPE_SPEECH, {"marcgt:speech", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_STANDARD, {"marcgt:standard or specification", "bibutilsgt:miscellaneous"}, {NULL, NULL},
     NULL, "text"},
    {BCV_TYPE_THESIS, {"marcgt:thesis", NULL}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_TREATY, {"marcgt:treaty", "bibutilsgt:miscellaneous"}, {NULL, NULL}, NULL, "text"},
    {BCV_TYPE_WEBPAGE, {"marcgt:web site", "bibutilsgt:electronic"}, {NULL, NULL}, NULL, "text"},
};

const md_type_out *md_type_out_of(bcv_type t) {
  for (size_t i = 0; i < sizeof types_out / sizeof *types_out; i++)
    if (types_out[i].type == t)
      return &types_out[i];
  return &types_out[11]; /* document */
}

static const struct {
  const char *name;
  bcv_var var;
} ids[] = {
    {"doi", BCV_VAR_DOI},   {"isbn", BCV_VAR_ISBN}, {"issn", BCV_VAR_ISSN}, {"pmid", BCV_VAR_PMID},
    {"pmcid", BCV_VAR_PMCID}, {"uri", BCV_VAR_URL}, {"url", BCV_VAR_URL},
};

bcv_var md_id_in(const char *type) {
  for (size_t i = 0; type && i < sizeof ids / sizeof *ids; i++)
    if (!strcasecmp(ids[i].name, type))
      return ids[i].var;
  return BCV_VAR_NONE;
}

const char *md_id_out(bcv_var v) {
  for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
    if (ids[i].var == v)
      return ids[i].name;
  return NULL;
}

static const struct {
  const char *name;
  bcv_var var;
} details[] = {
    {"volume", BCV_VAR_VOLUME},   {"issue", BCV_VAR_ISSUE},         {"number", BCV_VAR_ISSUE},
    {"chapter", BCV_VAR_CHAPTER_NUMBER}, {"section", BCV_VAR_SECTION}, {"part", BCV_VAR_PART},
    {"supplement", BCV_VAR_SUPPLEMENT},
};

bcv_var md_detail_in(const char *type) {
  for (size_t i = 0; type && i < sizeof details / sizeof *details; i++)
    if (!strcasecmp(details[i].name, type))
      return details[i].var;
  return BCV_VAR_NONE;
}

const char *md_detail_out(bcv_var v) {
  for (size_t i = 0; i < sizeof details / sizeof *details; i++)
    if (details[i].var == v)
      return details[i].name;
  return NULL;
}
