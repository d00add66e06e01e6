/* SPDX-License-Identifier: MIT */
/* bibstrings.c: biblatex's localisation keys and their strings.
 *
 * biblatex lets a field hold a key instead of text (type = {patentus},
 * pubstate = {inpress}, series = {newseries}, a patent's location =
 * {countryfr and countryuk}, \bibstring{newseries} in any text) and
 * prints the key's string in a language: the document's, or the entry's
 * own (langid) with autolang.  These are the keys a field value or a
 * title uses, with the long strings of biblatex 3.18's english, german,
 * french, spanish, italian, dutch and portuguese .lbx files; NULL where
 * the file has none, as biblatex then prints the English one.  Macros are
 * written as what they print (\adddotspace: ". ", \smartof: "de");
 * spanish.lbx's "reimpresió de" is written as the word it means.
 *
 * The reader writes the string; the biblatex writer gives the key back
 * from it, in the record's language or in English (an extra holding the
 * key alone would not survive a pass through classic BibTeX, which must
 * print the string).  Where a language gives two keys one string
 * (Portuguese "no prelo" is forthcoming and inpress), the reader keeps the
 * key as an extra too (map.c). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "bibtex.h"

/* The table's languages, by BCP 47 primary subtag; English first. */
enum { L_EN, L_DE, L_FR, L_ES, L_IT, L_NL, L_PT, N_LANGS };
static const char *const langs[N_LANGS] = {"en", "de", "fr", "es", "it", "nl", "pt"};

typedef struct bibstring {
  const char *name;
  const char *text[N_LANGS];
} bibstring;

/* In ASCII order of keys, for bisection. */
static const bibstring strings[] = {
    {"and", {"and", "und", "et", "y", "e", "en", "e"}},
    {"audiocd", {"audio CD", "Audio-CD", "disque compact audio", "disco de audio", NULL, "audio-cd", "CD áudio"}},
    {"bathesis", {"Bachelor's thesis", "Bachelorarbeit", "mémoire de bachelor", "Tesis de licenciatura", NULL, NULL, NULL}},
    {"book", {"book", "Buch", "livre", "libro", NULL, "boek", "livro"}},
    {"candthesis", {"Candidate thesis", "Qualifikationsschrift", "thèse de candidature", "Tesis de candidatura doctoral", NULL, NULL, "proposta de tese"}},
    {"chapter", {"chapter", "Kapitel", "chapitre", "capítulo", "capitolo", "hoofdstuk", "capítulo"}},
    {"countryde", {"Germany", "Deutschland", "Allemagne", "Alemania", "Germania", "Duitsland", "Alemanha"}},
    {"countryeu", {"European Union", "Europäische Union", "Union européenne", "Unión Europea", "Unione Europea", "Europese Unie", "União Europeia"}},
    {"countryfr", {"France", "Frankreich", "France", "Francia", "Francia", "Frankrijk", "França"}},
    {"countryuk", {"United Kingdom", "Großbritannien", "Royaume-Uni", "Reino Unido", "Regno Unito", "Verenigd Koninkrijk", "Reino Unido"}},
    {"countryus", {"United States of America", "USA", "États-Unis", "Estados Unidos", "Stati Uniti d'America", "Verenigde Staten van Amerika", "Estados Unidos da América"}},
    {"datacd", {"CD-ROM", "CD-ROM", "cédérom", "disco de datos", NULL, "cd-rom", "CD-ROM"}},
    {"edition", {"edition", "Auflage", "édition", "edición", "edizione", "editie", "edição"}},
    {"forthcoming", {"forthcoming", "im Erscheinen", "à paraître", "próximamente", NULL, NULL, "no prelo"}},
    {"inpreparation", {"in preparation", "in Vorbereitung", "en préparation", "en preparación", NULL, "in voorbereiding", "em preparação"}},
    {"inpress", {"in press", "im Druck", "sous presse", "en prensa", "in stampa", "in druk", "no prelo"}},
    {"issue", {"issue", "Ausgabe", "édition", "número", NULL, "nummer", "número"}},
    {"jourser", {"series", "Serie", "série", "época", "serie", "reeks", "série"}},
    {"mathesis", {"Master's thesis", "Magisterarbeit", "mémoire de master", "Tesis de maestría", "tesi di laurea magistrale", "masterscriptie", "tese de mestrado"}},
    {"newseries", {"new series", "neue Folge", "nouvelle série", "nueva época", "nuova serie", "nieuwe reeks", "nova série"}},
    {"nodate", {"no date", "ohne Datum", "sans date", "sin fecha", "senza data", "geen datum", "sem data"}},
    {"number", {"number", "Nummer", "numéro", "número", "numero", "nummer", "número"}},
    {"oldseries", {"old series", "alte Folge", "ancienne série", "antigua época", "vecchia serie", "oude reeks", "série antiga"}},
    {"origpubas", {"originally published as", "zuerst publiziert als", "publié à l'origine sous le titre", "publicado originalmente como", NULL, "oorspronkelijk gepubliceerd als", "originalmente publicado como"}},
    {"origpubin", {"originally published in", "zuerst publiziert in", "publié à l'origine en", "publicado originalmente en", NULL, "oorspronkelijk gepubliceerd in", "originalmente publicado em"}},
    {"part", {"part", "Teil", "partie", "parte", NULL, "deel", "parte"}},
    {"patent", {"patent", "Patent", "brevet", "patente", "brevetto", "patent", "patente"}},
    {"patentde", {"German patent", "deutsches Patent", "brevet allemand", "patente alemana", "brevetto tedesco", "Duits patent", "patente alemã"}},
    {"patenteu", {"European patent", "europäisches Patent", "brevet européen", "patente europea", "brevetto europeo", "Europees patent", "patente europeia"}},
    {"patentfr", {"French patent", "französisches Patent", "brevet français", "patente francesa", "brevetto francese", "Frans patent", "patente francesa"}},
    {"patentuk", {"British patent", "britisches Patent", "brevet britannique", "patente británica", "brevetto britannico", "Brits patent", "patente britânica"}},
    {"patentus", {"U.S. patent", "US-Patent", "brevet américain", "patente estadounidense", "brevetto americano", "Amerikaans patent", "patente americana"}},
    {"patreq", {"patent request", "Patentanmeldung", "demande de brevet", "solicitud de patente", "brevetto richiesto", "patentaanvraag", "pedido de patente"}},
    {"patreqde", {"German patent request", "deutsche Patentanmeldung", "demande de brevet allemand", "solicitud de patente alemana", "brevetto tedesco richiesto", "Duitse patentaanvraag", "pedido de patente alemã"}},
    {"patreqeu", {"European patent request", "europäische Patentanmeldung", "demande de brevet européen", "solicitud de patente europea", "brevetto europeo richiesto", "Europese patentaanvraag", "pedido de patente europeia"}},
    {"patreqfr", {"French patent request", "französische Patentanmeldung", "demande de brevet français", "solicitud de patente francesa", "brevetto francese richiesto", "Franse patentaanvraag", "pedido de patente francesa"}},
    {"patrequk", {"British patent request", "britische Patentanmeldung", "demande de brevet britannique", "solicitud de patente británica", "brevetto britannico richiesto", "Britse patentaanvraag", "pedido de patente britânica"}},
    {"patrequs", {"U.S. patent request", "US-Patentanmeldung", "demande de brevet américain", "solicitud de patente estadounidense", "brevetto U.S.A. richiesto", "Amerikaanse patentaanvraag", "pedido de patente americana"}},
    {"phdthesis", {"PhD thesis", "Dissertation", "thèse de doctorat", "Tesis doctoral", "tesi di dottorato", "proefschrift", "tese de doutoramento"}},
    {"prepublished", {"pre-published", "Vorveröffentlichung", "prépublié", "previamente publicado", NULL, "voorpublicatie", "pré publicado"}},
    {"reprint", {"reprint", "Nachdruck", "réimpression", "reimpresión", "ristampa", "herdruk", "reimpressão"}},
    {"reprintas", {"reprinted as", "Nachdruck unter dem Titel", "réimpression sous le titre", "reimpreso como", NULL, "herdrukt als", "reimpresso como"}},
    {"reprintfrom", {"reprinted from", "Nachdruck aus", "réimpression à partir de", "reimpresión de", NULL, "herdrukt uit", "reimpresso"}},
    {"reprintof", {"reprint of", "Nachdruck von", "réimpression de", "reimpresión de", "ristampa di", "herdruk van", "reimpressão de"}},
    {"resreport", {"research report", "Forschungsbericht", "rapport scientifique", "reporte de investigación", "rapporto di ricerca", "onderzoeksrapport", "relatório de pesquisa"}},
    {"reviewof", {"review of", "Rezension von", "critique de", "reseña de", NULL, "bespreking van", "resenha de"}},
    {"software", {"computer software", "Computer-Software", "logiciel", "programa", NULL, "computersoftware", "software"}},
    {"submitted", {"submitted", "eingereicht", "soumis", "enviado", NULL, "ingediend", "submetido"}},
    {"techreport", {"technical report", "Technischer Bericht", "rapport technique", "informe técnico", "rapporto tecnico", "technisch rapport", "relatório técnico"}},
    {"translationas", {"translated as", "übersetzt unter dem Titel", "traduit sous le titre", "traducido como", NULL, "vertaald als", "traduzido como"}},
    {"translationfrom", {"translated from", NULL, "traduit de", "traducido del", NULL, "vertaald van", "traduzido do"}},
    {"translationof", {"translation of", "Übersetzung von", "traduction de", "traducción de", NULL, "vertaling van", "tradução de"}},
    {"volume", {"volume", "Band", "tome", "volumen", "volume", "deel", "volume"}},
    {"volumes", {"volumes", "Bände", "tomes", "volúmenes", "volumi", "delen", "volumes"}},
};

#define N_STRINGS (sizeof strings / sizeof strings[0])

/* The column of a BCP 47 tag's primary subtag: English for NULL or a
 * language the table has not, as biblatex falls back to English. */
static int lang_col(const char *tag) {
  if (!tag)
    return L_EN;
  size_t n = strcspn(tag, "-_");
  for (int i = 0; i < N_LANGS; i++)
    if (n == 2 && strncasecmp(tag, langs[i], 2) == 0)
      return i;
  return L_EN;
}

static const char *text_in(const bibstring *b, int col) {
  return b->text[col] ? b->text[col] : b->text[L_EN];
}

const char *bt_bibstring(const char *key, size_t len, const char *lang) {
  const bibstring *b = BT_LOOKUP(strings, key, len);
  return b ? text_in(b, lang_col(lang)) : NULL;
}

/* The fields whose whole value may be a key, and how (biblatex.def's
 * field formats: \ifbibstring for type and pubstate; series as a key, or
 * an ordinal in a journal's; a patent's location as a list of keys). */
int bt_bibstring_keyed(const char *field, unsigned ctx) {
  return strcmp(field, "type") == 0 || strcmp(field, "pubstate") == 0 ||
         strcmp(field, "series") == 0 || ((ctx & BT_BS_PATENT) && strcmp(field, "location") == 0);
}

/* The number TeX looks at for an ordinal's suffix: english.lbx and
 * french.lbx take off hundreds while above 100, then tens while above 9
 * when above 20; dutch.lbx only the hundreds. */
static int ordinal_base(int x, int tens) {
  while (x > 100)
    x -= 100;
  if (tens && x > 20)
    x %= 10;
  return x;
}

/* "3" -> "3rd series", "3. Serie", "3e série", "3ª época", "3de reeks":
 * the .lbx file's \mkbibordseries, a space, its jourser string. */
static int ordinal_series(const char *v, int col, bt_buf *out) {
  size_t n = strlen(v);
  if (!n || n > 6 || strspn(v, "0123456789") != n || v[0] == '0')
    return 0;
  int x = 0;
  for (size_t i = 0; i < n; i++)
    x = x * 10 + (v[i] - '0');
  static const char *const en[] = {"th", "st", "nd", "rd"};
  int b = ordinal_base(x, col != L_NL);
  const char *suf;
  switch (col) {
  case L_DE: suf = "."; break;
  case L_FR: suf = b == 1 ? "re" : "e"; break;           /* \mkbibfemord */
  case L_ES: case L_IT: case L_PT: suf = "\xc2\xaa"; break; /* feminine: ª */
  case L_NL: suf = b > 19 || b == 1 || b == 8 ? "ste" : "de"; break;
  default: suf = b < 4 ? en[b] : "th"; break;
  }
  char buf[64];
  snprintf(buf, sizeof buf, "%d%s %s", x, suf, text_in(BT_LOOKUP(strings, "jourser", 7), col));
  return bt_buf_puts(out, buf) ? -1 : 1;
}

int bt_bibstring_field(const char *field, unsigned ctx, const char *value, const char *lang,
                       bt_buf *out) {
  if (!bt_bibstring_keyed(field, ctx))
    return 0;
  const char *t = bt_bibstring(value, strlen(value), lang);
  if (t)
    return bt_buf_puts(out, t) ? -1 : 1;
  if (strcmp(field, "series") == 0)
    return ctx & BT_BS_JOURNAL ? ordinal_series(value, lang_col(lang), out) : 0;
  if (strcmp(field, "location") != 0)
    return 0;
  /* a list: "countryfr and countryuk", joined as CSL lists are, with "; " */
  size_t start = out->len;
  int any = 0;
  for (const char *p = value; *p;) {
    const char *e = strstr(p, " and ");
    size_t len = e ? (size_t)(e - p) : strlen(p);
    const char *s = bt_bibstring(p, len, lang);
    any |= s != NULL;
    if ((out->len > start && bt_buf_puts(out, "; ")) ||
        (s ? bt_buf_puts(out, s) : bt_buf_put(out, p, len)))
      return -1;
    p += len;
    if (e)
      p += 5;
  }
  if (!any) {
    out->len = start;
    out->p[start] = '\0';
  }
  return any;
}

/* The key whose string is s (n bytes) in column col, else in English;
 * NULL when none.  The first in key order where two share the string. */
static const char *key_of(const char *s, size_t n, int col) {
  for (int pass = col == L_EN; pass < 2; pass++)
    for (size_t i = 0; i < N_STRINGS; i++) {
      const char *t = text_in(&strings[i], pass ? L_EN : col);
      if (strlen(t) == n && memcmp(t, s, n) == 0)
        return strings[i].name;
    }
  return NULL;
}

int bt_bibstring_unfield(const char *field, unsigned ctx, const char *text, const char *lang,
                         bt_buf *out) {
  if (!bt_bibstring_keyed(field, ctx))
    return 0;
  int col = lang_col(lang);
  const char *k = key_of(text, strlen(text), col);
  if (k)
    return bt_buf_puts(out, k) ? -1 : 1;
  if (strcmp(field, "series") == 0) { /* "3rd series" -> 3, if it is what 3 gives */
    size_t d = strspn(text, "0123456789");
    char num[8], back[64];
    if (!(ctx & BT_BS_JOURNAL) || !d || d >= sizeof num)
      return 0;
    memcpy(num, text, d);
    num[d] = '\0';
    for (int pass = col == L_EN; pass < 2; pass++) { /* the language's form, or English */
      bt_buf tmp = {back, 0, sizeof back}; /* never grows: the text is short */
      if (ordinal_series(num, pass ? L_EN : col, &tmp) == 1 && strcmp(back, text) == 0)
        return bt_buf_puts(out, num) ? -1 : 1;
    }
    return 0;
  }
  if (strcmp(field, "location") != 0)
    return 0;
  size_t start = out->len; /* every place a key, or the text as it is */
  for (const char *p = text; *p;) {
    const char *e = strstr(p, "; ");
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (!(k = key_of(p, len, col))) {
      out->len = start;
      if (out->p)
        out->p[start] = '\0';
      return 0;
    }
    if ((out->len > start && bt_buf_puts(out, " and ")) || bt_buf_puts(out, k))
      return -1;
    p += len + (e ? 2 : 0);
  }
  return out->len > start;
}
