/* SPDX-License-Identifier: MIT */
/* latex.c: the LaTeX found in .bib values, to and from Unicode text with
 * CSL's inline markup.
 *
 * Decoding knows the accents in every spelling users meet ({\'e}, \'{e},
 * \'e, {\'\i}, \v{c}, \v c), text symbols, dashes and quotes, the usual
 * font commands (to <i>, <b>, <sc>, <sup>, <sub>), simple math, and
 * BibTeX's case protection: a brace group at the top of a title field
 * that does not start with a command is a <span class="nocase">.  A macro
 * it does not know is kept verbatim with its arguments, never dropped.
 * Accented letters come out precomposed (NFC), from accents.c.
 *
 * Encoding is the reverse: markup back to commands, the ten special
 * characters escaped, and in ASCII mode the canonical {\'e} forms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bibtex.h"

enum cmd_kind {
  K_SYM,      /* text: a symbol */
  K_ACCENT,   /* text[0]: the accent's command character */
  K_FMT,      /* one argument in a tag (text: tag name) */
  K_SWITCH,   /* a font switch up to the end of the group (text: tag) */
  K_CONTENT,  /* one argument, kept as its content */
  K_DROP,     /* one argument, dropped (\noopsort) */
  K_QUOTE,    /* one argument in double quotes */
  K_QUOTE1,   /* one argument in single quotes */
  K_VERB,     /* one argument taken verbatim (\url) */
  K_HREF,     /* two arguments, the second is the text */
  K_NOTHING,  /* no output (\relax, \protect) */
  K_MATHFN,   /* a math function name: its name as text */
  K_BIBSTRING /* biblatex's \bibstring{key}: the key's string in the text's language */
};

typedef struct cmd {
  const char *name;
  unsigned char kind;
  const char *text;
} cmd;

/* In ASCII order of names, for bisection. */
static const cmd commands[] = {
    {"AA", K_SYM, "\xc3\x85"}, {"AE", K_SYM, "\xc3\x86"}, {"BibTeX", K_SYM, "BibTeX"},
    {"DH", K_SYM, "\xc3\x90"}, {"DJ", K_SYM, "\xc4\x90"}, {"Delta", K_SYM, "\xce\x94"},
    {"Gamma", K_SYM, "\xce\x93"}, {"H", K_ACCENT, "H"}, {"L", K_SYM, "\xc5\x81"},
    {"LaTeX", K_SYM, "LaTeX"}, {"LaTeXe", K_SYM, "LaTeX2\xce\xb5"}, {"Lambda", K_SYM, "\xce\x9b"},
    {"MakeLowercase", K_CONTENT, NULL}, {"MakeUppercase", K_CONTENT, NULL},
    {"NG", K_SYM, "\xc5\x8a"}, {"O", K_SYM, "\xc3\x98"}, {"OE", K_SYM, "\xc5\x92"},
    {"Omega", K_SYM, "\xce\xa9"}, {"P", K_SYM, "\xc2\xb6"}, {"Phi", K_SYM, "\xce\xa6"},
    {"Pi", K_SYM, "\xce\xa0"}, {"Psi", K_SYM, "\xce\xa8"}, {"S", K_SYM, "\xc2\xa7"},
    {"SS", K_SYM, "SS"}, {"Sigma", K_SYM, "\xce\xa3"}, {"TH", K_SYM, "\xc3\x9e"},
    {"TeX", K_SYM, "TeX"}, {"Theta", K_SYM, "\xce\x98"}, {"Upsilon", K_SYM, "\xce\xa5"},
    {"Xi", K_SYM, "\xce\x9e"}, {"aa", K_SYM, "\xc3\xa5"}, {"ae", K_SYM, "\xc3\xa6"},
    {"alpha", K_SYM, "\xce\xb1"}, {"approx", K_SYM, "\xe2\x89\x88"}, {"autocap", K_CONTENT, NULL},
    {"b", K_ACCENT, "b"}, {"beta", K_SYM, "\xce\xb2"}, {"bf", K_SWITCH, "b"},
    {"bfseries", K_SWITCH, "b"}, {"bibstring", K_BIBSTRING, NULL}, {"c", K_ACCENT, "c"}, {"cap", K_SYM, "\xe2\x88\xa9"},
    {"cdot", K_SYM, "\xc2\xb7"}, {"cdots", K_SYM, "\xe2\x8b\xaf"}, {"chi", K_SYM, "\xcf\x87"},
    {"circ", K_SYM, "\xe2\x88\x98"}, {"copyright", K_SYM, "\xc2\xa9"}, {"cos", K_MATHFN, "cos"},
    {"cup", K_SYM, "\xe2\x88\xaa"}, {"d", K_ACCENT, "d"}, {"dag", K_SYM, "\xe2\x80\xa0"},
    {"ddag", K_SYM, "\xe2\x80\xa1"}, {"delta", K_SYM, "\xce\xb4"}, {"dh", K_SYM, "\xc3\xb0"},
    {"div", K_SYM, "\xc3\xb7"}, {"dj", K_SYM, "\xc4\x91"}, {"dots", K_SYM, "\xe2\x80\xa6"},
    {"ell", K_SYM, "\xe2\x84\x93"}, {"em", K_SWITCH, "i"}, {"emph", K_FMT, "i"},
    {"emptyset", K_SYM, "\xe2\x88\x85"}, {"enquote", K_QUOTE, NULL}, {"enquote*", K_QUOTE1, NULL},
    {"ensuremath", K_CONTENT, NULL}, {"epsilon", K_SYM, "\xcf\xb5"},
    {"equiv", K_SYM, "\xe2\x89\xa1"}, {"eta", K_SYM, "\xce\xb7"}, {"euro", K_SYM, "\xe2\x82\xac"},
    {"exists", K_SYM, "\xe2\x88\x83"}, {"exp", K_MATHFN, "exp"}, {"forall", K_SYM, "\xe2\x88\x80"},
    {"gamma", K_SYM, "\xce\xb3"}, {"ge", K_SYM, "\xe2\x89\xa5"}, {"geq", K_SYM, "\xe2\x89\xa5"},
    {"guillemotleft", K_SYM, "\xc2\xab"}, {"guillemotright", K_SYM, "\xc2\xbb"},
    {"guilsinglleft", K_SYM, "\xe2\x80\xb9"}, {"guilsinglright", K_SYM, "\xe2\x80\xba"},
    {"hbar", K_SYM, "\xe2\x84\x8f"}, {"hbox", K_CONTENT, NULL}, {"href", K_HREF, NULL},
    {"hyphen", K_SYM, "-"}, {"i", K_SYM, "\xc4\xb1"}, {"in", K_SYM, "\xe2\x88\x88"},
    {"infty", K_SYM, "\xe2\x88\x9e"}, {"int", K_SYM, "\xe2\x88\xab"}, {"iota", K_SYM, "\xce\xb9"},
    {"it", K_SWITCH, "i"}, {"itshape", K_SWITCH, "i"}, {"j", K_SYM, "\xc8\xb7"},
    {"k", K_ACCENT, "k"}, {"kappa", K_SYM, "\xce\xba"}, {"l", K_SYM, "\xc5\x82"},
    {"lambda", K_SYM, "\xce\xbb"}, {"ldots", K_SYM, "\xe2\x80\xa6"}, {"le", K_SYM, "\xe2\x89\xa4"},
    {"leftarrow", K_SYM, "\xe2\x86\x90"}, {"leftrightarrow", K_SYM, "\xe2\x86\x94"},
    {"leq", K_SYM, "\xe2\x89\xa4"}, {"lim", K_MATHFN, "lim"}, {"ln", K_MATHFN, "ln"},
    {"log", K_MATHFN, "log"}, {"mathbf", K_FMT, "b"}, {"mathit", K_FMT, "i"},
    {"mathrm", K_CONTENT, NULL}, {"max", K_MATHFN, "max"}, {"mbox", K_CONTENT, NULL},
    {"mdseries", K_NOTHING, NULL}, {"mid", K_SYM, "\xe2\x88\xa3"}, {"min", K_MATHFN, "min"},
    {"mkbibbold", K_FMT, "b"}, {"mkbibemph", K_FMT, "i"}, {"mkbibitalic", K_FMT, "i"},
    {"mkbibquote", K_QUOTE, NULL}, {"mp", K_SYM, "\xe2\x88\x93"}, {"mu", K_SYM, "\xce\xbc"},
    {"nabla", K_SYM, "\xe2\x88\x87"}, {"ne", K_SYM, "\xe2\x89\xa0"}, {"neg", K_SYM, "\xc2\xac"},
    {"neq", K_SYM, "\xe2\x89\xa0"}, {"ng", K_SYM, "\xc5\x8b"}, {"nobreakspace", K_SYM, "\xc2\xa0"},
    {"nolinkurl", K_VERB, NULL}, {"noopsort", K_DROP, NULL}, {"normalfont", K_NOTHING, NULL},
    {"nu", K_SYM, "\xce\xbd"}, {"o", K_SYM, "\xc3\xb8"}, {"oe", K_SYM, "\xc5\x93"},
    {"omega", K_SYM, "\xcf\x89"}, {"operatorname", K_CONTENT, NULL}, {"partial", K_SYM, "\xe2\x88\x82"},
    {"path", K_VERB, NULL}, {"phi", K_SYM, "\xcf\x86"}, {"pi", K_SYM, "\xcf\x80"},
    {"pm", K_SYM, "\xc2\xb1"}, {"pounds", K_SYM, "\xc2\xa3"}, {"prime", K_SYM, "\xe2\x80\xb2"},
    {"prod", K_SYM, "\xe2\x88\x8f"}, {"protect", K_NOTHING, NULL}, {"psi", K_SYM, "\xcf\x88"},
    {"qquad", K_SYM, " "}, {"quad", K_SYM, " "}, {"quotedblbase", K_SYM, "\xe2\x80\x9e"},
    {"r", K_ACCENT, "r"}, {"relax", K_NOTHING, NULL}, {"rho", K_SYM, "\xcf\x81"},
    {"rightarrow", K_SYM, "\xe2\x86\x92"}, {"rm", K_NOTHING, NULL}, {"rmfamily", K_NOTHING, NULL},
    {"sc", K_SWITCH, "sc"}, {"scshape", K_SWITCH, "sc"}, {"sffamily", K_NOTHING, NULL},
    {"sigma", K_SYM, "\xcf\x83"}, {"sim", K_SYM, "\xe2\x88\xbc"}, {"sin", K_MATHFN, "sin"},
    {"sl", K_SWITCH, "i"}, {"slash", K_SYM, "/"}, {"slshape", K_SWITCH, "i"},
    {"sqrt", K_SYM, "\xe2\x88\x9a"}, {"ss", K_SYM, "\xc3\x9f"}, {"subset", K_SYM, "\xe2\x8a\x82"},
    {"sum", K_SYM, "\xe2\x88\x91"}, {"t", K_ACCENT, "t"}, {"tan", K_MATHFN, "tan"},
    {"tau", K_SYM, "\xcf\x84"}, {"text", K_CONTENT, NULL}, {"textasciicircum", K_SYM, "^"},
    {"textasciigrave", K_SYM, "`"},
    {"textasciitilde", K_SYM, "~"}, {"textbackslash", K_SYM, "\\"}, {"textbar", K_SYM, "|"},
    {"textbf", K_FMT, "b"}, {"textbraceleft", K_SYM, "{"}, {"textbraceright", K_SYM, "}"},
    {"textbullet", K_SYM, "\xe2\x80\xa2"}, {"textcent", K_SYM, "\xc2\xa2"},
    {"textcopyright", K_SYM, "\xc2\xa9"}, {"textdagger", K_SYM, "\xe2\x80\xa0"},
    {"textdaggerdbl", K_SYM, "\xe2\x80\xa1"}, {"textdegree", K_SYM, "\xc2\xb0"},
    {"textellipsis", K_SYM, "\xe2\x80\xa6"}, {"textemdash", K_SYM, "\xe2\x80\x94"},
    {"textendash", K_SYM, "\xe2\x80\x93"}, {"texteuro", K_SYM, "\xe2\x82\xac"},
    {"textexclamdown", K_SYM, "\xc2\xa1"}, {"textgreater", K_SYM, ">"}, {"textit", K_FMT, "i"},
    {"textless", K_SYM, "<"}, {"textmd", K_CONTENT, NULL}, {"textnormal", K_CONTENT, NULL},
    {"textordfeminine", K_SYM, "\xc2\xaa"}, {"textordmasculine", K_SYM, "\xc2\xba"},
    {"textparagraph", K_SYM, "\xc2\xb6"}, {"textperiodcentered", K_SYM, "\xc2\xb7"},
    {"textquestiondown", K_SYM, "\xc2\xbf"}, {"textquotedblleft", K_SYM, "\xe2\x80\x9c"},
    {"textquotedblright", K_SYM, "\xe2\x80\x9d"}, {"textquoteleft", K_SYM, "\xe2\x80\x98"},
    {"textquoteright", K_SYM, "\xe2\x80\x99"}, {"textregistered", K_SYM, "\xc2\xae"},
    {"textrm", K_CONTENT, NULL}, {"textsc", K_FMT, "sc"}, {"textsection", K_SYM, "\xc2\xa7"},
    {"textsf", K_CONTENT, NULL}, {"textsl", K_FMT, "i"}, {"textslash", K_SYM, "/"},
    {"textsterling", K_SYM, "\xc2\xa3"}, {"textsubscript", K_FMT, "sub"},
    {"textsuperscript", K_FMT, "sup"}, {"texttimes", K_SYM, "\xc3\x97"}, {"texttrademark", K_SYM, "\xe2\x84\xa2"},
    {"texttt", K_CONTENT, NULL}, {"textunderscore", K_SYM, "_"}, {"textup", K_CONTENT, NULL},
    {"textyen", K_SYM, "\xc2\xa5"}, {"th", K_SYM, "\xc3\xbe"}, {"theta", K_SYM, "\xce\xb8"},
    {"times", K_SYM, "\xc3\x97"}, {"to", K_SYM, "\xe2\x86\x92"}, {"tt", K_NOTHING, NULL},
    {"ttfamily", K_NOTHING, NULL}, {"u", K_ACCENT, "u"}, {"upshape", K_NOTHING, NULL},
    {"upsilon", K_SYM, "\xcf\x85"}, {"url", K_VERB, NULL}, {"v", K_ACCENT, "v"},
    {"varepsilon", K_SYM, "\xce\xb5"}, {"varphi", K_SYM, "\xcf\x95"}, {"xi", K_SYM, "\xce\xbe"},
    {"zeta", K_SYM, "\xce\xb6"},
};

static const cmd *find_cmd(const char *name, size_t n) {
  return BT_LOOKUP(commands, name, n);
}

static unsigned compose(char accent, char base) {
  size_t lo = 0, hi = bt_n_accents;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const bt_accent *a = &bt_accents[mid];
    int c = (unsigned char)a->cmd != (unsigned char)accent
                ? (unsigned char)a->cmd - (unsigned char)accent
                : (unsigned char)a->base - (unsigned char)base;
    if (c == 0)
      return a->cp;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

const bt_accent *bt_accent_of(unsigned cp) {
  size_t lo = 0, hi = bt_n_accents;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (bt_accents_by_cp[mid].cp == cp)
      return &bt_accents_by_cp[mid];
    if (bt_accents_by_cp[mid].cp < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

static unsigned mark_of(char accent) {
  for (size_t i = 0; i < bt_n_marks; i++)
    if (bt_marks[i].cmd == accent)
      return bt_marks[i].cp;
  return 0;
}

/* ---- decoding ---- */

typedef struct dec {
  const char *s;
  size_t i, n;
  unsigned mode;
  bt_buf *out;
  size_t start;  /* out->len when decoding began: nothing before it is ours */
  int space;     /* a space (1) or a paragraph break (2) is pending */
  int closed;    /* the last group ended at its closing brace */
  int depth;     /* recursion, bounded against hostile nesting */
  const char *lang; /* \bibstring's language (BCP 47; NULL: English) */
} dec;

#define MAX_DEPTH 200

static int is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The pending space or paragraph break, never at the very start: a
 * paragraph is a newline in the model, as in CSL-JSON and JATS text. */
static int put_space(dec *d) {
  int rc = d->space && d->out->len > d->start && bt_buf_putc(d->out, d->space == 2 ? '\n' : ' ');
  d->space = 0;
  return rc ? BCV_ENOMEM : BCV_OK;
}

/* Emit text, after a pending space. */
static int emit(dec *d, const char *s, size_t n) {
  if (!n)
    return BCV_OK;
  if (put_space(d))
    return BCV_ENOMEM;
  return bt_buf_put(d->out, s, n);
}
static int emits(dec *d, const char *s) { return emit(d, s, strlen(s)); }
static int emit_cp(dec *d, unsigned cp) {
  char u[4];
  return emit(d, u, bt_utf8_encode(cp, u));
}

static int open_tag(dec *d, const char *tag) {
  if (!(d->mode & BT_DEC_MARKUP))
    return BCV_OK;
  /* after a pending space, like text */
  if (put_space(d) || bt_buf_putc(d->out, '<') || bt_buf_puts(d->out, tag) ||
      bt_buf_putc(d->out, '>'))
    return BCV_ENOMEM;
  return BCV_OK;
}
/* A closing tag leaves a pending space pending, so that "\emph{a }b"
 * gives "<i>a</i> b". */
static int close_tag(dec *d, const char *tag) {
  if (!(d->mode & BT_DEC_MARKUP))
    return BCV_OK;
  return bt_buf_put(d->out, "</", 2) || bt_buf_puts(d->out, tag) || bt_buf_putc(d->out, '>')
             ? BCV_ENOMEM
             : BCV_OK;
}

static int group(dec *d, int top, int nocase);

/* The end of the balanced group starting at '{' at d->i (exclusive of the
 * closing brace), or n when it never closes. */
static size_t group_end(const dec *d, size_t i) {
  long depth = 0;
  for (; i < d->n; i++) {
    if (d->s[i] == '{')
      depth++;
    else if (d->s[i] == '}' && --depth == 0)
      return i;
  }
  return d->n;
}

static void skip_spaces(dec *d) {
  while (d->i < d->n && is_ws(d->s[d->i]))
    d->i++;
}

/* Decode one argument: {group}, a control sequence, or one character. */
static int argument(dec *d) {
  skip_spaces(d);
  if (d->i >= d->n)
    return BCV_OK;
  if (d->s[d->i] == '{') {
    d->i++;
    return group(d, 0, 0);
  }
  if (d->s[d->i] == '}')
    return BCV_OK;
  size_t save = d->n;
  size_t len = 1;
  if (d->s[d->i] == '\\') {
    len = 2;
    while (d->i + len < d->n && is_letter(d->s[d->i + len]))
      len++;
  } else {
    while (d->i + len < d->n && ((unsigned char)d->s[d->i + len] & 0xC0) == 0x80)
      len++;
  }
  size_t at = d->i;
  d->n = d->i + len < save ? d->i + len : save;
  int rc = group(d, 0, 0);
  d->n = save;
  /* TeX eats the spaces after a control word, also after an argument's
   * (\'\i tulo is "ítulo"); group() stopped at the argument's end */
  if (d->s[at] == '\\' && at + 1 < save && is_letter(d->s[at + 1]))
    skip_spaces(d);
  return rc;
}

/* The raw text of an argument (for \url), without decoding. */
static void raw_argument(dec *d, size_t *from, size_t *to) {
  skip_spaces(d);
  if (d->i < d->n && d->s[d->i] == '{') {
    size_t e = group_end(d, d->i);
    *from = d->i + 1;
    *to = e;
    d->i = e < d->n ? e + 1 : e;
    return;
  }
  *from = *to = d->i;
}

/* An accent: decode the argument alone, then put the accent on its first
 * character, precomposed when Unicode has the character. */
static int accent(dec *d, char acc) {
  /* the argument is decoded at the end of the output, then taken back */
  size_t pos = d->out->len;
  dec sub = *d;
  sub.start = pos;
  sub.space = 0;
  sub.mode = d->mode & ~(unsigned)(BT_DEC_TITLE | BT_DEC_MARKUP);
  sub.depth = d->depth + 1;
  int rc = argument(&sub);
  d->i = sub.i;
  if (rc)
    return rc;
  char small[64], *a = small;
  size_t alen = d->out->len - pos;
  if (alen >= sizeof small && !(a = malloc(alen + 1)))
    return BCV_ENOMEM;
  memcpy(a, d->out->p + pos, alen);
  a[alen] = '\0';
  d->out->len = pos;
  if (d->out->p)
    d->out->p[pos] = '\0';
  if (alen == 0) { /* \'{} is the accent itself */
    static const struct { char c; const char *s; } spacing[] = {
        {'\'', "\xc2\xb4"}, {'`', "`"}, {'^', "^"}, {'"', "\xc2\xa8"}, {'~', "~"},
        {'=', "\xc2\xaf"}, {'.', "\xcb\x99"}, {'u', "\xcb\x98"}, {'v', "\xcb\x87"},
        {'H', "\xcb\x9d"}, {'c', "\xc2\xb8"}, {'k', "\xcb\x9b"}, {'r', "\xcb\x9a"}};
    for (size_t k = 0; k < sizeof spacing / sizeof spacing[0]; k++)
      if (spacing[k].c == acc)
        rc = emits(d, spacing[k].s);
    return rc;
  }
  /* first character of the argument; dotless i and j take the accent as
   * i and j do */
  unsigned first;
  size_t flen = bt_utf8_next(a, alen, &first);
  char base = first < 0x80 && is_letter((char)first) ? (char)first
              : first == 0x131                        ? 'i'
              : first == 0x237                        ? 'j'
                                                      : 0;
  unsigned cp = base ? compose(acc, base) : 0;
  if (cp) {
    rc = emit_cp(d, cp);
  } else if (acc == 't') { /* the tie goes between two letters */
    rc = emit(d, a, flen);
    if (!rc)
      rc = emit_cp(d, 0x361);
  } else {
    rc = emit(d, a, flen);
    unsigned m = mark_of(acc);
    if (!rc && m)
      rc = emit_cp(d, m);
  }
  if (!rc && alen > flen)
    rc = emit(d, a + flen, alen - flen);
  if (a != small)
    free(a);
  return rc;
}

/* The end of the group at s[i] == '{' as LaTeX reads it (\{ and \} are
 * characters there), or n when it never closes. */
static size_t tex_group_end(const char *s, size_t i, size_t n) {
  long depth = 0;
  for (; i < n; i++) {
    if (s[i] == '\\')
      i++;
    else if (s[i] == '{')
      depth++;
    else if (s[i] == '}' && --depth == 0)
      return i;
  }
  return n;
}

/* Text with its white space collapsed, as BibTeX reads values. */
static int emit_ws(dec *d, const char *s, size_t n) {
  int rc = BCV_OK;
  for (size_t i = 0; i < n && !rc;) {
    if (is_ws(s[i])) {
      d->space = 1;
      i++;
      continue;
    }
    size_t j = i + 1;
    while (j < n && !is_ws(s[j]))
      j++;
    rc = emit(d, s + i, j - i);
    i = j;
  }
  return rc;
}

static int command(dec *d);

/* Whether s[d->i..end) starts with an accent or a letter command. */
static int decodable(const dec *d, size_t end) {
  size_t i = d->i;
  if (i + 1 >= end || d->s[i] != '\\')
    return 0;
  size_t ne = i + 1;
  while (ne < end && is_letter(d->s[ne]))
    ne++;
  if (ne == i + 1)
    return strchr("'`^\"~=.", d->s[i + 1]) && d->s[i + 1];
  const cmd *k = find_cmd(d->s + i + 1, ne - i - 1);
  return k && (k->kind == K_SYM || k->kind == K_ACCENT);
}

/* The "$" that closes a formula whose inside starts at s[i] ("\$" is
 * none), or n. */
static size_t closing_dollar(const char *s, size_t i, size_t n) {
  while (i < n && s[i] != '$')
    i += s[i] == '\\' && i + 1 < n ? 2 : 1;
  return i;
}

/* The inside of an unknown macro's argument, s[d->i..end): its meaning is
 * unknown, so it stays LaTeX, but with white space collapsed (a title's
 * line breaks and indentation are not its text) and accents and letters
 * decoded, so that it reads right in any output. */
static int raw_text(dec *d, size_t end) {
  int rc = BCV_OK;
  size_t save = d->n;
  d->n = end;
  skip_spaces(d);
  while (d->i < end && !rc) {
    char c = d->s[d->i];
    if (is_ws(c)) {
      d->space = 1;
      d->i++;
    } else if (c == '{') {
      size_t e = tex_group_end(d->s, d->i, end);
      if (e >= end || d->depth >= MAX_DEPTH) {
        rc = emit_ws(d, d->s + d->i, end - d->i);
        d->i = end;
        break;
      }
      d->i++;
      d->depth++;
      if (decodable(d, e)) { /* {\"o}: the braces only group the accent */
        rc = raw_text(d, e);
      } else if (!(rc = emit(d, "{", 1)) && !(rc = raw_text(d, e))) {
        d->space = 0;
        rc = emit(d, "}", 1);
      }
      d->depth--;
      d->i = e + 1;
    } else if (c == '$') {
      /* a formula is LaTeX whatever it holds: decoding its symbols would
       * leave them between dollars the writer then doubles */
      size_t e = closing_dollar(d->s, d->i + 1, end);
      e = e < end ? e + 1 : end;
      rc = emit_ws(d, d->s + d->i, e - d->i);
      d->i = e;
    } else if (c == '\\' && d->i + 1 < end) {
      size_t from = d->i, ne = d->i + 1;
      while (ne < end && is_letter(d->s[ne]))
        ne++;
      if (decodable(d, end)) {
        rc = command(d);
      } else {
        /* another macro, or \{: as it is; its arguments are read on */
        if (ne == from + 1)
          ne++;
        rc = emit(d, d->s + from, ne - from);
        d->i = ne;
      }
    } else {
      size_t j = d->i + 1;
      while (j < end && !is_ws(d->s[j]) && d->s[j] != '{' && d->s[j] != '\\' && d->s[j] != '$')
        j++;
      rc = emit(d, d->s + d->i, j - d->i);
      d->i = j;
    }
  }
  d->n = save;
  return rc;
}

/* An unknown macro: kept as LaTeX with its brace and bracket arguments. */
static int verbatim_macro(dec *d, size_t from) {
  int rc = emit(d, d->s + from, d->i - from);
  while (!rc && d->i < d->n) {
    size_t j = d->i;
    if (d->s[j] == '{') {
      size_t e = tex_group_end(d->s, j, d->n);
      if (e >= d->n)
        break;
      d->i++;
      d->depth++;
      if (!(rc = emit(d, "{", 1)) && !(rc = raw_text(d, e))) {
        d->space = 0;
        rc = emit(d, "}", 1);
      }
      d->depth--;
      d->i = e + 1;
    } else if (d->s[j] == '[') {
      const char *close = memchr(d->s + j, ']', d->n - j);
      if (!close)
        break;
      d->i = (size_t)(close - d->s) + 1;
      rc = emit_ws(d, d->s + j, d->i - j);
    } else {
      break;
    }
  }
  return rc;
}

static int math(dec *d);

static int command(dec *d) {
  size_t from = d->i; /* at the backslash */
  d->i++;
  if (d->i >= d->n) /* in a name: "\TUG\ Board" is split at the control space */
    return (d->mode & BT_DEC_NAME) ? BCV_OK : emits(d, "\\");
  char c = d->s[d->i];
  if (!is_letter(c)) {
    d->i++;
    switch (c) {
    case '\'': case '`': case '^': case '"': case '~': case '=': case '.':
      return accent(d, c);
    case '\\': /* a line break */
    case ' ': case '\n': case '\t': case ';': case ':':
      if (!d->space)
        d->space = 1;
      return BCV_OK;
    case ',':
      return emit_cp(d, 0x202F);
    case '&': case '%': case '$': case '#': case '_': case '{': case '}':
      return emit(d, &c, 1);
    case '-': case '/': case '@': case '!':
      return BCV_OK;
    default:
      return emit(d, d->s + from, 2);
    }
  }
  size_t ns = d->i;
  while (d->i < d->n && is_letter(d->s[d->i]))
    d->i++;
  size_t nl = d->i - ns;
  if (d->i < d->n && d->s[d->i] == '*' && find_cmd(d->s + ns, nl + 1)) /* \enquote* */
    d->i++, nl++;
  const cmd *k = find_cmd(d->s + ns, nl);
  if (!k && nl == 3 && memcmp(d->s + ns, "par", 3) == 0 && (d->mode & BT_DEC_MARKUP)) {
    skip_spaces(d);
    d->space = 2;
    return BCV_OK;
  }
  if (!k)
    return verbatim_macro(d, from);
  /* TeX eats the spaces after a control word */
  int rc = BCV_OK;
  size_t a, b;
  switch (k->kind) {
  case K_SYM:
    skip_spaces(d);
    return emits(d, k->text);
  case K_MATHFN:
    return emits(d, k->text);
  case K_NOTHING:
    skip_spaces(d);
    return BCV_OK;
  case K_ACCENT:
    return accent(d, k->text[0]);
  case K_FMT:
    if ((rc = open_tag(d, k->text)) || (rc = argument(d)))
      return rc;
    return close_tag(d, k->text);
  case K_SWITCH:
    skip_spaces(d);
    if ((rc = open_tag(d, k->text)) || (rc = group(d, 0, 0)))
      return rc;
    if (d->closed)
      d->i--; /* the group's closing brace belongs to the enclosing group */
    return close_tag(d, k->text);
  case K_CONTENT:
    return argument(d);
  case K_DROP:
    raw_argument(d, &a, &b);
    return BCV_OK;
  case K_QUOTE:
  case K_QUOTE1:
    if ((rc = emits(d, k->kind == K_QUOTE ? "\xe2\x80\x9c" : "\xe2\x80\x98")) || (rc = argument(d)))
      return rc;
    return emits(d, k->kind == K_QUOTE ? "\xe2\x80\x9d" : "\xe2\x80\x99");
  case K_VERB:
    raw_argument(d, &a, &b);
    return emit(d, d->s + a, b - a);
  case K_HREF:
    raw_argument(d, &a, &b);
    return argument(d);
  case K_BIBSTRING: {
    raw_argument(d, &a, &b);
    const char *t = bt_bibstring(d->s + a, b - a, d->lang);
    return t ? emits(d, t) : emit(d, d->s + a, b - a);
  }
  }
  return BCV_OK;
}

/* Bytes that end a run of plain text in group(). */
static const unsigned char text_stop[256] = {
    ['{'] = 1, ['}'] = 1, ['\\'] = 1, ['$'] = 1, ['~'] = 1, ['-'] = 1, ['`'] = 1,
    ['\''] = 1, ['!'] = 1, ['?'] = 1, [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, [0] = 1};

/* Whether the group opened before d->i is BibTeX's "special character",
 * a group that starts with a control sequence: its text takes the case
 * change ({\'E}cole), so it is no nocase span.  One that starts with a
 * macro we keep as LaTeX ({\VAX}) is protected all the same: BibTeX
 * leaves the control sequence's name alone, and the name is all of it
 * that we give. */
static int special_char(const dec *d) {
  if (d->i >= d->n || d->s[d->i] != '\\')
    return 0;
  size_t ns = d->i + 1, ne = ns;
  while (ne < d->n && is_letter(d->s[ne]))
    ne++;
  return ne == ns || find_cmd(d->s + ns, ne - ns) != NULL;
}

/* Inside a group: until its closing brace (consumed) or the end. */
static int group(dec *d, int top, int nocase) {
  if (++d->depth > MAX_DEPTH) { /* hostile nesting: the rest verbatim */
    int rc = emit(d, d->s + d->i, d->n - d->i);
    d->i = d->n;
    d->depth--;
    d->closed = 0;
    return rc;
  }
  int rc = BCV_OK;
  size_t before = d->out->len;
  int space_before = d->space;
  if (nocase && (rc = open_tag(d, "span class=\"nocase\"")))
    return rc;
  size_t opened = d->out->len;
  int closed = 0;
  while (d->i < d->n && !rc) {
    char c = d->s[d->i];
    if (c == '}') {
      d->i++;
      if (!top) {
        closed = 1;
        break;
      }
      continue; /* a stray closing brace at the top */
    }
    if (is_ws(c)) {
      /* a blank line is a paragraph break, as in LaTeX */
      int nl = 0;
      for (; d->i < d->n && is_ws(d->s[d->i]); d->i++)
        nl += d->s[d->i] == '\n';
      if (nl >= 2 && (d->mode & BT_DEC_MARKUP))
        d->space = 2;
      else if (!d->space)
        d->space = 1;
    } else if (c == '{') {
      d->i++;
      rc = group(d, 0, top && (d->mode & BT_DEC_TITLE) && !special_char(d));
    } else if (c == '\\') {
      rc = command(d);
    } else if (c == '$' && !(d->mode & BT_DEC_NAME)) {
      rc = math(d);
    } else if (c == '~') {
      d->i++;
      if (d->mode & BT_DEC_NAME)
        d->space = 1;
      else
        rc = emits(d, "\xc2\xa0");
    } else if (c == '-') {
      size_t run = 1;
      while (d->i + run < d->n && d->s[d->i + run] == '-' && run < 3)
        run++;
      d->i += run;
      if (run == 1 || (d->mode & BT_DEC_PAGES))
        rc = emits(d, "-");
      else
        rc = emits(d, run == 2 ? "\xe2\x80\x93" : "\xe2\x80\x94");
    } else if (c == '`' && !(d->mode & BT_DEC_VERBATIM)) {
      int dbl = d->i + 1 < d->n && d->s[d->i + 1] == '`';
      d->i += dbl ? 2 : 1;
      rc = emits(d, dbl ? "\xe2\x80\x9c" : "\xe2\x80\x98");
    } else if (c == '\'' && d->i + 1 < d->n && d->s[d->i + 1] == '\'') {
      d->i += 2;
      rc = emits(d, "\xe2\x80\x9d");
    } else if ((c == '!' || c == '?') && d->i + 1 < d->n && d->s[d->i + 1] == '`') {
      d->i += 2;
      rc = emits(d, c == '!' ? "\xc2\xa1" : "\xc2\xbf");
    } else {
      /* a run of plain words: a single space between two of them is
       * already collapsed, so it stays in the run */
      size_t j = d->i + 1;
      for (;;) {
        while (j < d->n && !text_stop[(unsigned char)d->s[j]])
          j++;
        if (j + 1 < d->n && d->s[j] == ' ' && !text_stop[(unsigned char)d->s[j + 1]])
          j += 2;
        else
          break;
      }
      rc = emit(d, d->s + d->i, j - d->i);
      d->i = j;
    }
  }
  if (!rc && nocase && d->out->len == opened && (d->mode & BT_DEC_MARKUP)) {
    d->out->len = before; /* "\TeX{}": an empty group protects nothing */
    d->out->p[before] = '\0';
    d->space = space_before > d->space ? space_before : d->space;
  } else if (!rc && nocase) {
    rc = close_tag(d, "span");
  }
  d->depth--;
  d->closed = closed;
  return rc;
}

/* $...$: symbols and simple super- and subscripts.  When anything in it
 * is unknown, the whole formula is kept verbatim. */
static int math(dec *d) {
  size_t from = d->i++;
  size_t end = closing_dollar(d->s, d->i, d->n);
  if (end >= d->n) { /* no closing dollar: a literal one */
    return emits(d, "$");
  }
  /* Something is written whatever the formula holds, so a pending space
   * goes first; the formula is decoded after it, in place. */
  if (put_space(d))
    return BCV_ENOMEM;
  size_t pos = d->out->len;
  dec sub = {d->s, d->i, end, d->mode & ~(unsigned)BT_DEC_TITLE, d->out, pos, 0, 0, d->depth + 1, d->lang};
  int rc = BCV_OK, ok = 1;
  while (sub.i < sub.n && !rc && ok) {
    char c = sub.s[sub.i];
    if (c == '^' || c == '_') {
      sub.i++;
      if (!(d->mode & BT_DEC_MARKUP)) {
        ok = 0;
        break;
      }
      const char *tag = c == '^' ? "sup" : "sub";
      if ((rc = open_tag(&sub, tag)) || (rc = argument(&sub)))
        break;
      rc = close_tag(&sub, tag);
    } else if (c == '\\') {
      size_t ns = sub.i + 1, ne = ns;
      while (ne < sub.n && is_letter(sub.s[ne]))
        ne++;
      const cmd *k = ne > ns ? find_cmd(sub.s + ns, ne - ns) : NULL;
      if (ne > ns && !k) {
        ok = 0;
        break;
      }
      rc = command(&sub);
    } else if (c == '{') {
      sub.i++;
      rc = group(&sub, 0, 0);
    } else if (is_ws(c)) {
      sub.space = 1;
      sub.i++;
    } else {
      rc = emit(&sub, &c, 1);
      sub.i++;
    }
  }
  if (!rc && (!ok || d->out->len == pos)) {
    d->out->len = pos;
    rc = emit_ws(d, d->s + from, end + 1 - from);
  }
  d->i = end + 1;
  return rc;
}

/* Whether group() would give s back unchanged: no byte it treats
 * specially, and white space only as single spaces between two other
 * bytes (it collapses and trims the rest).  Most values are this. */
static int is_plain(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n; i++)
    if (text_stop[u[i]] &&
        !(u[i] == ' ' && i > 0 && i + 1 < n && !text_stop[u[i - 1]] && !text_stop[u[i + 1]]))
      return 0;
  return 1;
}

int bt_latex_decode_lang(const char *s, size_t n, unsigned mode, const char *lang, bt_buf *out) {
  if (mode & BT_DEC_VERBATIM) {
    /* only white space is normalised */
    size_t start = out->len;
    int space = 0;
    for (size_t i = 0; i < n;) {
      if (is_ws(s[i])) {
        space = 1;
        i++;
        continue;
      }
      if (space && out->len > start && bt_buf_putc(out, ' '))
        return BCV_ENOMEM;
      space = 0;
      size_t j = i + 1;
      while (j < n && !is_ws(s[j]))
        j++;
      if (bt_buf_put(out, s + i, j - i))
        return BCV_ENOMEM;
      i = j;
    }
  } else if (is_plain(s, n)) {
    if (bt_buf_put(out, s, n))
      return BCV_ENOMEM;
  } else {
    dec d = {s, 0, n, mode, out, out->len, 0, 0, 0, lang};
    int rc = group(&d, 1, 0);
    if (rc)
      return rc;
  }
  if (bt_buf_reserve(out, 0)) /* nothing may have been written */
    return BCV_ENOMEM;
  out->p[out->len] = '\0';
  return BCV_OK;
}

int bt_latex_decode(const char *s, size_t n, unsigned mode, bt_buf *out) {
  return bt_latex_decode_lang(s, n, mode, NULL, out);
}

/* ---- encoding ---- */

typedef struct sym_rev {
  unsigned cp;
  const char *tex;
} sym_rev;

/* Non-ASCII characters with a LaTeX form other than an accent, in code
 * point order: text symbols as text commands, and every math symbol the
 * decoder knows (Greek, relations, operators) as $\name$, the spelling
 * .bib files use and the decoder reads back to the same character. */
static const sym_rev symbols_rev[] = {
    {0x00A0, "~"}, {0x00A1, "{\\textexclamdown}"}, {0x00A2, "{\\textcent}"}, {0x00A3, "{\\pounds}"},
    {0x00A5, "{\\textyen}"}, {0x00A7, "{\\S}"}, {0x00A9, "{\\copyright}"},
    {0x00AA, "{\\textordfeminine}"}, {0x00AB, "{\\guillemotleft}"}, {0x00AC, "$\\neg$"},
    {0x00AE, "{\\textregistered}"}, {0x00B0, "{\\textdegree}"}, {0x00B1, "$\\pm$"},
    {0x00B6, "{\\P}"}, {0x00B7, "{\\textperiodcentered}"}, {0x00BA, "{\\textordmasculine}"},
    {0x00BB, "{\\guillemotright}"}, {0x00BF, "{\\textquestiondown}"}, {0x00C5, "{\\AA}"},
    {0x00C6, "{\\AE}"}, {0x00D0, "{\\DH}"}, {0x00D7, "{\\texttimes}"}, {0x00D8, "{\\O}"},
    {0x00DE, "{\\TH}"}, {0x00DF, "{\\ss}"}, {0x00E5, "{\\aa}"}, {0x00E6, "{\\ae}"},
    {0x00F0, "{\\dh}"}, {0x00F7, "$\\div$"}, {0x00F8, "{\\o}"}, {0x00FE, "{\\th}"},
    {0x0110, "{\\DJ}"}, {0x0111, "{\\dj}"}, {0x0131, "{\\i}"}, {0x0141, "{\\L}"}, {0x0142, "{\\l}"},
    {0x014A, "{\\NG}"}, {0x014B, "{\\ng}"}, {0x0152, "{\\OE}"}, {0x0153, "{\\oe}"},
    {0x0237, "{\\j}"}, {0x0393, "$\\Gamma$"}, {0x0394, "$\\Delta$"}, {0x0398, "$\\Theta$"},
    {0x039B, "$\\Lambda$"}, {0x039E, "$\\Xi$"}, {0x03A0, "$\\Pi$"}, {0x03A3, "$\\Sigma$"},
    {0x03A5, "$\\Upsilon$"}, {0x03A6, "$\\Phi$"}, {0x03A8, "$\\Psi$"}, {0x03A9, "$\\Omega$"},
    {0x03B1, "$\\alpha$"}, {0x03B2, "$\\beta$"}, {0x03B3, "$\\gamma$"}, {0x03B4, "$\\delta$"},
    {0x03B5, "$\\varepsilon$"}, {0x03B6, "$\\zeta$"}, {0x03B7, "$\\eta$"}, {0x03B8, "$\\theta$"},
    {0x03B9, "$\\iota$"}, {0x03BA, "$\\kappa$"}, {0x03BB, "$\\lambda$"}, {0x03BC, "$\\mu$"},
    {0x03BD, "$\\nu$"}, {0x03BE, "$\\xi$"}, {0x03C0, "$\\pi$"}, {0x03C1, "$\\rho$"},
    {0x03C3, "$\\sigma$"}, {0x03C4, "$\\tau$"}, {0x03C5, "$\\upsilon$"}, {0x03C6, "$\\phi$"},
    {0x03C7, "$\\chi$"}, {0x03C8, "$\\psi$"}, {0x03C9, "$\\omega$"}, {0x03D5, "$\\varphi$"},
    {0x03F5, "$\\epsilon$"}, {0x2013, "--"}, {0x2014, "---"}, {0x2018, "`"},
    {0x2019, "{\\textquoteright}"}, {0x201C, "``"}, {0x201D, "''"}, {0x201E, "{\\quotedblbase}"},
    {0x2020, "{\\dag}"}, {0x2021, "{\\ddag}"}, {0x2022, "{\\textbullet}"}, {0x2026, "{\\ldots}"},
    {0x202F, "\\,"}, {0x2032, "$\\prime$"}, {0x2039, "{\\guilsinglleft}"},
    {0x203A, "{\\guilsinglright}"}, {0x20AC, "{\\euro}"}, {0x210F, "$\\hbar$"}, {0x2113, "$\\ell$"},
    {0x2122, "{\\texttrademark}"}, {0x2190, "$\\leftarrow$"}, {0x2192, "$\\rightarrow$"},
    {0x2194, "$\\leftrightarrow$"}, {0x2200, "$\\forall$"}, {0x2202, "$\\partial$"},
    {0x2203, "$\\exists$"}, {0x2205, "$\\emptyset$"}, {0x2207, "$\\nabla$"}, {0x2208, "$\\in$"},
    {0x220F, "$\\prod$"}, {0x2211, "$\\sum$"}, {0x2213, "$\\mp$"}, {0x2218, "$\\circ$"},
    {0x221A, "$\\sqrt{}$"}, {0x221E, "$\\infty$"}, {0x2223, "$\\mid$"}, {0x2229, "$\\cap$"},
    {0x222A, "$\\cup$"}, {0x222B, "$\\int$"}, {0x223C, "$\\sim$"}, {0x2248, "$\\approx$"},
    {0x2260, "$\\neq$"}, {0x2261, "$\\equiv$"}, {0x2264, "$\\leq$"}, {0x2265, "$\\geq$"},
    {0x2282, "$\\subset$"}, {0x22EF, "$\\cdots$"},
};

static const char *symbol_tex(unsigned cp) {
  size_t lo = 0, hi = sizeof symbols_rev / sizeof symbols_rev[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (symbols_rev[mid].cp == cp)
      return symbols_rev[mid].tex;
    if (symbols_rev[mid].cp < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

/* An accented letter as {\'e}; letter accents take a space ({\v c}), and
 * i and j lose their dot under an accent above ({\'\i}). */
static int accent_tex(unsigned cp, char t[16]) {
  const bt_accent *a = bt_accent_of(cp);
  if (!a)
    return 0;
  int letter = is_letter(a->cmd);
  int above = !strchr("cdbk", a->cmd);
  if ((a->base == 'i' || a->base == 'j') && above)
    snprintf(t, 16, "{\\%c\\%c}", a->cmd, a->base);
  else
    snprintf(t, 16, letter ? "{\\%c %c}" : "{\\%c%c}", a->cmd, a->base);
  return 1;
}

/* t, a character's TeX.  Right after a macro kept as LaTeX, {\ldots}
 * would read back as that macro's argument: it is written \ldots{}. */
static int put_tex(bt_buf *out, const char *t, int after_macro) {
  size_t n = strlen(t);
  if (!after_macro || n < 3 || t[0] != '{' || t[1] != '\\' || t[n - 1] != '}')
    return bt_buf_put(out, t, n);
  return bt_buf_put(out, t + 1, n - 2) || bt_buf_puts(out, "{}");
}

static const struct {
  const char *tag, *tex;
} tags[] = {
    {"<i>", "\\emph{"}, {"<b>", "\\textbf{"}, {"<sc>", "\\textsc{"},
    {"<sup>", "\\textsuperscript{"}, {"<sub>", "\\textsubscript{"},
    {"<span class=\"nocase\">", "{"}, {"<span style=\"font-variant:small-caps;\">", "\\textsc{"},
};
static const char *const close_tags[] = {"</i>", "</b>", "</sc>", "</sup>", "</sub>", "</span>"};

/* Whether one of CSL's tags starts at s[i]. */
static int markup_tag_at(const char *s, size_t i, size_t n) {
  for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++)
    if (n - i >= strlen(tags[k].tag) && memcmp(s + i, tags[k].tag, strlen(tags[k].tag)) == 0)
      return 1;
  for (size_t k = 0; k < sizeof close_tags / sizeof close_tags[0]; k++)
    if (n - i >= strlen(close_tags[k]) && memcmp(s + i, close_tags[k], strlen(close_tags[k])) == 0)
      return 1;
  return 0;
}

/* Whether "$...$" at s[i] is a formula (kept as LaTeX) rather than two
 * dollar signs of prose: it ends at the next "$" that is not "\$", and
 * holds LaTeX but no markup (a formula never spans a tag: "$x</span>$"
 * written as it is would leave the tag in the output and the group
 * open). */
static size_t formula_end(const char *s, size_t i, size_t n) {
  int tex = 0;
  for (size_t k = i + 1; k < n; k++) {
    if (s[k] == '$')
      return tex ? k : 0;
    if (s[k] == '<' && markup_tag_at(s, k, n))
      return 0;
    if (s[k] == '\\' || s[k] == '^' || s[k] == '_')
      tex = 1;
    if (s[k] == '\\' && k + 1 < n)
      k++;
  }
  return 0;
}

/* A macro kept as LaTeX by the reader: \name and its [options] and
 * {arguments}, balanced as LaTeX reads them (\} is a character). */
static size_t macro_end(const char *s, size_t i, size_t n) {
  size_t j = i + 1;
  while (j < n && is_letter(s[j]))
    j++;
  if (j == i + 1)
    return 0;
  while (j < n && (s[j] == '{' || s[j] == '[')) {
    if (s[j] == '[') {
      const char *close = memchr(s + j, ']', n - j);
      if (!close)
        break;
      j = (size_t)(close - s) + 1;
      continue;
    }
    size_t k = tex_group_end(s, j, n);
    if (k >= n)
      return 0;
    j = k + 1;
  }
  return j;
}

static int is_dash(unsigned cp) { return cp == 0x2012 || cp == 0x2013 || cp == 0x2014 || cp == 0x2212; }

/* The end of a run of hyphens and dashes from s[i]: in pages, "225-–240"
 * is one range, written "225--240" (four would read back as two). */
static size_t dash_run(const char *s, size_t i, size_t n) {
  while (i < n) {
    unsigned cp;
    size_t len = s[i] == '-' ? 1 : (unsigned char)s[i] >= 0x80 ? bt_utf8_next(s + i, n - i, &cp) : 0;
    if (!len || (len > 1 && !is_dash(cp)))
      break;
    i += len;
  }
  return i;
}

/* Whether BibTeX reads t as balanced: it counts every brace, \{ too. */
static int raw_balanced(const char *t, size_t n) {
  long depth = 0;
  for (size_t i = 0; i < n; i++)
    if (t[i] == '{')
      depth++;
    else if (t[i] == '}' && --depth < 0)
      return 0;
  return depth == 0;
}

static int encode(const char *s, size_t n, unsigned mode, int safe, bt_buf *out);

int bt_latex_encode(const char *s, size_t n, unsigned mode, bt_buf *out) {
  size_t start = out->len;
  int rc = encode(s, n, mode, 0, out);
  if (rc || (mode & BT_ENC_VERBATIM) || out->len == start ||
      raw_balanced(out->p + start, out->len - start))
    return rc;
  /* Literal braces that do not pair up (a title with one "{"): \{ would
   * unbalance the value for BibTeX, which counts it, so every literal
   * brace is written as a text command instead, and the LaTeX the model
   * kept (macros, formulas, which may hold such braces) as text. */
  out->len = start;
  return encode(s, n, mode, 1, out);
}

static int encode(const char *s, size_t n, unsigned mode, int safe, bt_buf *out) {
  if (mode & BT_ENC_VERBATIM) {
    long depth = 0;
    for (size_t i = 0; i < n; i++) {
      if (s[i] == '{')
        depth++;
      else if (s[i] == '}' && --depth < 0) { /* keep the value balanced */
        depth = 0;
        if (bt_buf_puts(out, "\\}"))
          return BCV_ENOMEM;
        continue;
      }
      if (bt_buf_putc(out, s[i]))
        return BCV_ENOMEM;
    }
    for (; depth > 0; depth--)
      if (bt_buf_putc(out, '}'))
        return BCV_ENOMEM;
    return BCV_OK;
  }
  /* what the loop below looks at; every other byte is written as it is */
  static const unsigned char special[256] = {
      ['<'] = 1, ['\\'] = 1, ['$'] = 1, ['{'] = 1, ['}'] = 1, ['&'] = 1, ['%'] = 1,
      ['#'] = 1, ['_'] = 1,  ['~'] = 1,  ['^'] = 1, ['-'] = 1, ['`'] = 1, ['\n'] = 1,
      [0x80 ... 0xFF] = 1};
  int open = 0;                 /* braces we opened for markup */
  unsigned long long dbl = 0;   /* which of them are doubled, by depth */
  size_t math_end = (size_t)-1; /* where our last $...$ symbol ended */
  size_t raw_end = 0;           /* the arguments of a macro kept as LaTeX */
  for (size_t i = 0; i < n;) {
    if (i < raw_end && (unsigned char)s[i] < 0x80) {
      /* as it is, but for its non-ASCII letters (below) */
      if (safe && s[i] == '\\' && i + 1 < raw_end && (s[i + 1] == '{' || s[i + 1] == '}')) {
        if (bt_buf_puts(out, s[i + 1] == '{' ? "{\\textbraceleft}" : "{\\textbraceright}"))
          return BCV_ENOMEM;
        i += 2;
        continue;
      }
      size_t j = i + 1;
      while (j < raw_end && (unsigned char)s[j] < 0x80 && !(safe && s[j] == '\\'))
        j++;
      if (bt_buf_put(out, s + i, j - i))
        return BCV_ENOMEM;
      i = j;
      continue;
    }
    size_t j = i;
    while (j < n && !special[(unsigned char)s[j]])
      j++;
    if (j > i) {
      if (bt_buf_put(out, s + i, j - i))
        return BCV_ENOMEM;
      i = j;
      continue;
    }
    char c = s[i];
    if (c == '<') {
      size_t k;
      int done = 0;
      for (k = 0; k < sizeof tags / sizeof tags[0]; k++) {
        size_t tl = strlen(tags[k].tag);
        if (n - i >= tl && memcmp(s + i, tags[k].tag, tl) == 0) {
          /* {\VAX on UNIX} would be BibTeX's special character, whose
           * text takes the case change: {{\VAX on UNIX}} is not; nor is
           * {{\{Meta\}Font}}, a span starting with an escaped character */
          size_t at = i + tl;
          int twice = tags[k].tex[0] == '{' && at < n && open < 64 &&
                      ((s[at] && strchr("\\<{}&%#_", s[at])) ||
                       (s[at] == '$' && (safe || !formula_end(s, at, n))));
          if (bt_buf_puts(out, twice ? "{{" : tags[k].tex))
            return BCV_ENOMEM;
          if (open < 64)
            dbl = twice ? dbl | 1ull << open : dbl & ~(1ull << open);
          open++;
          i += tl;
          done = 1;
          break;
        }
      }
      for (k = 0; !done && open > 0 && k < sizeof close_tags / sizeof close_tags[0]; k++) {
        size_t tl = strlen(close_tags[k]);
        if (n - i >= tl && memcmp(s + i, close_tags[k], tl) == 0) {
          open--;
          if (bt_buf_puts(out, open < 64 && (dbl >> open & 1) ? "}}" : "}"))
            return BCV_ENOMEM;
          i += tl;
          done = 1;
        }
      }
      if (done)
        continue;
    }
    const char *esc = NULL;
    size_t len = 1;
    switch (c) {
    case '\\': {
      size_t e = safe ? 0 : macro_end(s, i, n);
      if (e) {
        size_t name = i + 1;
        while (name < e && is_letter(s[name]))
          name++;
        if (bt_buf_put(out, s + i, name - i))
          return BCV_ENOMEM;
        i = name;
        raw_end = e;
        continue;
      }
      esc = "{\\textbackslash}";
      break;
    }
    case '$': {
      size_t e = safe ? 0 : formula_end(s, i, n);
      if (e) {
        if (bt_buf_put(out, s + i, e + 1 - i))
          return BCV_ENOMEM;
        i = e + 1;
        continue;
      }
      esc = "\\$";
      break;
    }
    case '{': esc = safe ? "{\\textbraceleft}" : "\\{"; break;
    case '}': esc = safe ? "{\\textbraceright}" : "\\}"; break;
    case '&': esc = "\\&"; break;
    case '%': esc = "\\%"; break;
    case '#': esc = "\\#"; break;
    case '_': esc = "\\_"; break;
    case '~': esc = "{\\textasciitilde}"; break;
    case '^': esc = "{\\textasciicircum}"; break;
    case '-':
      if (mode & BT_ENC_PAGES) { /* "69-80" is written "69--80" */
        i = dash_run(s, i + 1, n) - 1;
        esc = "--";
      } else if (i + 1 < n && s[i + 1] == '-') {
        esc = "-{}"; /* a literal "--" must not come back as a dash */
      }
      break;
    case '`':
      esc = "{\\textasciigrave}";
      break;
    case '\n': /* a paragraph: a blank line, which LaTeX and pandoc read as one */
      esc = "\n\n";
      break;
    default:
      break;
    }
    if (esc) {
      if (put_tex(out, esc, raw_end && i == raw_end))
        return BCV_ENOMEM;
      i++;
      continue;
    }
    if ((unsigned char)c < 0x80) {
      if (bt_buf_putc(out, c))
        return BCV_ENOMEM;
      i++;
      continue;
    }
    unsigned cp;
    len = bt_utf8_next(s + i, n - i, &cp);
    if ((mode & BT_ENC_PAGES) && is_dash(cp)) {
      if (bt_buf_puts(out, "--"))
        return BCV_ENOMEM;
      i = dash_run(s, i, n);
      continue;
    }
    if (mode & BT_ENC_ASCII) {
      const char *t = symbol_tex(cp);
      if (t) {
        /* a math symbol right after another joins its formula:
         * $\approx\hbar$, not $\approx$$\hbar$ */
        if (t[0] == '$' && out->len == math_end)
          out->len--, t++;
        if (put_tex(out, t, raw_end && i == raw_end))
          return BCV_ENOMEM;
        if (t[strlen(t) - 1] == '$')
          math_end = out->len;
        i += len;
        continue;
      }
      char acc[16];
      if (accent_tex(cp, acc)) {
        if (put_tex(out, acc, raw_end && i == raw_end))
          return BCV_ENOMEM;
        i += len;
        continue;
      }
    } else if (cp == 0x00A0) {
      if (bt_buf_putc(out, '~'))
        return BCV_ENOMEM;
      i += len;
      continue;
    }
    /* CJK and everything else without a LaTeX spelling stays UTF-8 */
    if (bt_buf_put(out, s + i, len))
      return BCV_ENOMEM;
    i += len;
  }
  while (open-- > 0)
    if (bt_buf_puts(out, open < 64 && (dbl >> open & 1) ? "}}" : "}"))
      return BCV_ENOMEM;
  return BCV_OK;
}
