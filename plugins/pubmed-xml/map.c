/* SPDX-License-Identifier: MIT */
/* map.c: PubMed's elements and vocabularies to the model, as tables.
 *
 * Element names after NLM's PubMed DTD (pubmed_250101.dtd and its
 * predecessors: MedlineCitation, Article, Journal, BookDocument, Book,
 * PubmedData...); publication types after NLM's list of MeSH publication
 * types. */
#include <string.h>
#include "pubmed.h"

/* Sorted by element name (searched by bisection). */
static const pm_row rows[] = {
    {"Abstract", PM_ABSTRACT, BCV_VAR_ABSTRACT, NULL},
    {"Article", PM_DESCEND, BCV_VAR_NONE, "PubModel"},
    {"ArticleDate", PM_ARTICLEDATE, BCV_VAR_AVAILABLE_DATE, NULL},
    {"ArticleIdList", PM_IDS, BCV_VAR_NONE, NULL},
    {"ArticleTitle", PM_TITLE, BCV_VAR_TITLE, NULL},
    {"AuthorList", PM_AUTHORS, BCV_VAR_AUTHOR, NULL},
    {"BeginningDate", PM_DATE_EXTRA, BCV_VAR_NONE, "BeginningDate"},
    {"Book", PM_DESCEND, BCV_VAR_NONE, NULL},
    {"BookDocument", PM_DESCEND, BCV_VAR_NONE, NULL},
    {"BookTitle", PM_BOOKTITLE, BCV_VAR_TITLE, NULL},
    {"ChemicalList", PM_CHEMICALS, BCV_VAR_NONE, "Chemical"},
    {"CitationSubset", PM_EXTRA, BCV_VAR_NONE, "CitationSubset"},
    {"CollectionTitle", PM_TEXT, BCV_VAR_COLLECTION_TITLE, NULL},
    {"CommentsCorrectionsList", PM_COMMENTS, BCV_VAR_NONE, "CommentsCorrections"},
    {"ContributionDate", PM_DATE_EXTRA, BCV_VAR_NONE, "ContributionDate"},
    {"DateCompleted", PM_DATE_EXTRA, BCV_VAR_NONE, "DateCompleted"},
    {"DateCreated", PM_DATE_EXTRA, BCV_VAR_NONE, "DateCreated"},
    {"DateRevised", PM_DATE_EXTRA, BCV_VAR_NONE, "DateRevised"},
    {"ELocationID", PM_ELOCATION, BCV_VAR_NONE, NULL},
    {"Edition", PM_TEXT, BCV_VAR_EDITION, NULL},
    {"EndingDate", PM_DATE_EXTRA, BCV_VAR_NONE, "EndingDate"},
    {"GeneralNote", PM_TEXT, BCV_VAR_NOTE, NULL},
    {"GrantList", PM_GRANTS, BCV_VAR_NONE, "Grant"},
    {"History", PM_HISTORY, BCV_VAR_SUBMITTED, NULL},
    {"ISOAbbreviation", PM_TEXT, BCV_VAR_CONTAINER_TITLE_SHORT, NULL},
    {"ISSN", PM_ISSN, BCV_VAR_ISSN, NULL},
    {"InvestigatorList", PM_AUTHORS, BCV_VAR_CONTRIBUTOR, NULL},
    {"Isbn", PM_TEXT, BCV_VAR_ISBN, NULL},
    {"Issue", PM_TEXT, BCV_VAR_ISSUE, NULL},
    {"Journal", PM_DESCEND, BCV_VAR_NONE, NULL},
    {"JournalIssue", PM_DESCEND, BCV_VAR_NONE, "CitedMedium"},
    {"KeywordList", PM_KEYWORDS, BCV_VAR_KEYWORD, NULL},
    {"Language", PM_LANGUAGE, BCV_VAR_LANGUAGE, NULL},
    {"LocationLabel", PM_LOCATION, BCV_VAR_CHAPTER_NUMBER, NULL},
    {"Medium", PM_TEXT, BCV_VAR_MEDIUM, NULL},
    {"MedlineCitation", PM_DESCEND, BCV_VAR_NONE, "Status Owner"},
    {"MedlineJournalInfo", PM_DESCEND, BCV_VAR_NONE, NULL},
    {"MedlineTA", PM_MEDLINE_TA, BCV_VAR_CONTAINER_TITLE_SHORT, NULL},
    {"MeshHeadingList", PM_MESH, BCV_VAR_KEYWORD, NULL},
    {"OtherAbstract", PM_ABSTRACT, BCV_VAR_ABSTRACT, NULL},
    {"PMID", PM_PMID, BCV_VAR_PMID, NULL},
    {"Pagination", PM_PAGINATION, BCV_VAR_PAGE, NULL},
    {"PersonalNameSubjectList", PM_SUBJECTS, BCV_VAR_NONE, "PersonalNameSubject"},
    {"PubDate", PM_PUBDATE, BCV_VAR_ISSUED, NULL},
    {"PublicationStatus", PM_EXTRA, BCV_VAR_NONE, "PublicationStatus"},
    {"PublicationTypeList", PM_PUBTYPES, BCV_VAR_NONE, "PublicationType"},
    {"Publisher", PM_PUBLISHER, BCV_VAR_PUBLISHER, NULL},
    {"PubmedBookData", PM_DESCEND, BCV_VAR_NONE, NULL},
    {"PubmedData", PM_DESCEND, BCV_VAR_NONE, NULL},
    {"ReferenceList", PM_REFERENCES, BCV_VAR_NONE, "references"},
    {"ReportNumber", PM_TEXT, BCV_VAR_NUMBER, NULL},
    {"Sections", PM_SECTIONS, BCV_VAR_NONE, "Sections"},
    {"Title", PM_TEXT, BCV_VAR_CONTAINER_TITLE, NULL},
    {"VernacularTitle", PM_VERNACULAR, BCV_VAR_TITLE, NULL},
    {"Volume", PM_TEXT, BCV_VAR_VOLUME, NULL},
    {"VolumeTitle", PM_TEXT, BCV_VAR_VOLUME_TITLE, NULL},
};

const pm_row *pm_row_of(const char *element) {
  size_t lo = 0, hi = sizeof rows / sizeof *rows;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(element, rows[mid].element);
    if (!c)
      return &rows[mid];
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}

/* Publication types that make a PubmedArticle something other than a
 * journal article; every other type (Review, Letter, Editorial, Case
 * Reports, Clinical Trial...) is an article of a journal. */
static const struct {
  const char *name;
  bcv_type type;
} pubtypes[] = {
    {"Preprint", BCV_TYPE_ARTICLE},
    {"Dataset", BCV_TYPE_DATASET},
    {"Congress", BCV_TYPE_PAPER_CONFERENCE},
    {"Newspaper Article", BCV_TYPE_ARTICLE_NEWSPAPER},
    {"Legal Case", BCV_TYPE_LEGAL_CASE},
    {"Legislation", BCV_TYPE_LEGISLATION},
    {"Technical Report", BCV_TYPE_REPORT},
    {"Video-Audio Media", BCV_TYPE_MOTION_PICTURE},
    {"Webcast", BCV_TYPE_BROADCAST},
    {"Patient Education Handout", BCV_TYPE_PAMPHLET},
    {"Interview", BCV_TYPE_INTERVIEW},
    {"Lecture", BCV_TYPE_SPEECH},
    {"Address", BCV_TYPE_SPEECH},
    {"Guideline", BCV_TYPE_REPORT},
    {"Practice Guideline", BCV_TYPE_REPORT},
    {"Journal Article", BCV_TYPE_ARTICLE_JOURNAL},
};

bcv_type pm_pubtype(const char *name) {
  for (size_t i = 0; i < sizeof pubtypes / sizeof *pubtypes; i++)
    if (!strcmp(pubtypes[i].name, name))
      return pubtypes[i].type;
  return BCV_TYPE_COUNT;
}

int pm_month(const char *s, size_t len) {
  static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};
  if (len && s[0] >= '0' && s[0] <= '9') {
    int m = 0;
    for (size_t i = 0; i < len && i < 3; i++) {
      if (s[i] < '0' || s[i] > '9')
        return 0;
      m = m * 10 + (s[i] - '0');
    }
    return len <= 2 && m >= 1 && m <= 12 ? m : 0;
  }
  if (len < 3)
    return 0;
  for (int i = 0; i < 12; i++) {
    int eq = 1;
    for (int k = 0; k < 3; k++) {
      char c = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] + 32) : s[k];
      eq &= c == names[i][k];
    }
    if (eq)
      return i + 1;
  }
  return 0;
}
