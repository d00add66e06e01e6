/* SPDX-License-Identifier: MIT */
/* pubmed.h: the pubmed-xml module's internals.
 *
 * PubMed's XML (PubmedArticleSet of PubmedArticle and PubmedBookArticle,
 * as efetch and PubMed's "Save as XML" give it) is read with the XML
 * modules' safe setup (plugins/xml), one article expanded at a time.
 * Which element means what is the table of map.c: an action per element
 * name (PubMed's element names are unique in meaning), read.c carries the
 * actions out.  An element the table does not name is read through when
 * it holds elements, and kept as the extra pubmed.<Element> when it holds
 * text, so nothing is lost. */
#ifndef BIBCONV_PUBMED_H
#define BIBCONV_PUBMED_H

#include <bibconv/diag.h>
#include <bibconv/io.h>
#include <bibconv/plugin.h>
#include <bibconv/record.h>

typedef enum pm_act {
  PM_DESCEND,      /* a container: its children are read */
  PM_TEXT,         /* the element's text is var's */
  PM_EXTRA,        /* kept as the extra pubmed.<key> (repeats joined with "; ") */
  PM_DATE_EXTRA,   /* a date kept as the extra pubmed.<key>, ISO 8601 */
  PM_PMID,         /* the first one is the record's PMID */
  PM_TITLE,        /* ArticleTitle: the title (an English translation in brackets) */
  PM_VERNACULAR,   /* VernacularTitle: the title in the article's language */
  PM_BOOKTITLE,    /* BookTitle: the title, or the container of a chapter */
  PM_ISSN,         /* ISSN with its IssnType */
  PM_PUBDATE,      /* PubDate: issued */
  PM_ARTICLEDATE,  /* ArticleDate: available-date */
  PM_PAGINATION,   /* MedlinePgn or StartPage/EndPage */
  PM_ELOCATION,    /* ELocationID by EIdType */
  PM_ABSTRACT,     /* Abstract, OtherAbstract */
  PM_AUTHORS,      /* AuthorList, InvestigatorList */
  PM_LANGUAGE,     /* Language */
  PM_PUBTYPES,     /* PublicationTypeList */
  PM_MESH,         /* MeshHeadingList: keywords as MEDLINE writes MH */
  PM_KEYWORDS,     /* KeywordList */
  PM_CHEMICALS,    /* ChemicalList */
  PM_COMMENTS,     /* CommentsCorrectionsList */
  PM_GRANTS,       /* GrantList */
  PM_SUBJECTS,     /* PersonalNameSubjectList: whom the article is about */
  PM_HISTORY,      /* History: received is submitted, the others extras */
  PM_IDS,          /* ArticleIdList by IdType */
  PM_REFERENCES,   /* ReferenceList: the citations' text */
  PM_PUBLISHER,    /* Publisher: name and place */
  PM_SECTIONS,     /* Sections: the section titles */
  PM_LOCATION,     /* LocationLabel: a chapter number */
  PM_MEDLINE_TA,   /* MedlineTA: the journal's abbreviation when ISOAbbreviation is absent */
  PM_QUIET         /* read with another element */
} pm_act;

typedef struct pm_row {
  const char *element;
  pm_act act;
  bcv_var var;     /* PM_TEXT, PM_AUTHORS */
  const char *key; /* PM_EXTRA, PM_DATE_EXTRA; PM_DESCEND: attributes kept as extras */
} pm_row;

/* The row of an element, or NULL when the table has none. */
const pm_row *pm_row_of(const char *element);
/* The CSL type of a PublicationType, BCV_TYPE_COUNT when it says none. */
bcv_type pm_pubtype(const char *name);
/* A month as PubMed writes it ("Apr", "04", "4"): 1-12, or 0. */
int pm_month(const char *s, size_t len);

extern const bcv_reader_ops pm_reader;

#endif
