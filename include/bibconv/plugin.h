/* SPDX-License-Identifier: MIT */
/* plugin.h: the plugin ABI.  A module is a libtool module that exports one
 * symbol, a constant descriptor made with BCV_PLUGIN_DEFINE:
 *
 *   static const bcv_format formats[] = { { "csl-json", ... } };
 *   BCV_PLUGIN_DEFINE(csl_json, "csl-json", "0.1.0", formats, 1);
 *
 * The host checks the magic number, the ABI version (same major, minor not
 * newer than the host's), the descriptor size and that the module's name
 * is its file name, then offers each format it carries.  Fields are only
 * ever appended (with a BCV_ABI_MINOR bump); a change to an existing one
 * bumps BCV_ABI_MAJOR.  A module built for an older minor still loads: the
 * host reads only the fields its descriptor has.
 *
 * ABI history: 1.0 the first; 1.1 appended bcv_format.aliases and
 * bcv_plugin.format_size. */
#ifndef BIBCONV_PLUGIN_H
#define BIBCONV_PLUGIN_H

#include <stddef.h>
#include <stdint.h>
#include <bibconv/bibconv.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BCV_PLUGIN_MAGIC 0x42435650u /* "BCVP" */
#define BCV_ABI_MAJOR 1
#define BCV_ABI_MINOR 1

struct bcv_input;
struct bcv_output;
struct bcv_diag;
struct bcv_record;

/* Options given on the command line (-I KEY[=VALUE] for the reader,
 * -O KEY[=VALUE] for the writer).  Borrowed for the whole conversion. */
typedef struct bcv_options bcv_options;
/* The value of key ("" for a bare flag), or NULL when not given. */
const char *bcv_options_get(const bcv_options *o, const char *key);

/* One option a reader or writer accepts, for --list-formats and for
 * rejecting misspelt ones.  Arrays end with { NULL, NULL }. */
typedef struct bcv_option_desc {
  const char *name;
  const char *help;
} bcv_option_desc;

/* Reader options (-I) the core itself applies, whatever the reader, after
 * each record is read ("pinyin": bcv_record_add_pinyin); a reader's own
 * table need not list them.  Static; ends with { NULL, NULL }. */
const bcv_option_desc *bcv_core_reader_options(void);

typedef struct bcv_reader_ops {
  /* Start reading `in` (borrowed until close).  Report problems to diag.
   * Returns BCV_OK and sets *state, or a negative status. */
  int (*open)(struct bcv_input *in, const bcv_options *opts,
              struct bcv_diag *diag, void **state);
  /* The next record: BCV_OK and *out set (the caller owns it), BCV_DONE at
   * the end, or a negative status when reading cannot go on.  A malformed
   * record is reported to diag and skipped, not returned as an error. */
  int (*next)(void *state, struct bcv_record **out);
  /* Release the state; called once after open succeeded. */
  void (*close)(void *state);
  const bcv_option_desc *options;
} bcv_reader_ops;

typedef struct bcv_writer_ops {
  /* Start writing to out (borrowed until end). */
  int (*begin)(struct bcv_output *out, const bcv_options *opts,
               struct bcv_diag *diag, void **state);
  /* Write one record (borrowed).  What the format cannot carry is
   * reported with bcv_diag_dropped. */
  int (*write)(void *state, const struct bcv_record *r);
  /* Finish the document and release the state; called once after begin
   * succeeded, also when the conversion is abandoned (then ok is 0 and
   * nothing more need be written). */
  int (*end)(void *state, int ok);
  const bcv_option_desc *options;
} bcv_writer_ops;

/* One format.  A module may carry several (bibtex and biblatex). */
typedef struct bcv_format {
  const char *name;               /* as users type it: "csl-json" */
  const char *description;
  const char *const *extensions;  /* without dot, NULL-terminated; may be NULL */
  const char *media_type;         /* may be NULL */
  /* How sure (0-100) that these first bytes of clean text (up to 64 KiB,
   * so that leading comments and prose are passed) are this format: score
   * the first record wherever it starts.  Must be cheap (linear) and must
   * not read past len. */
  int (*detect)(const char *head, size_t len);
  const bcv_reader_ops *reader;   /* NULL: cannot read */
  const bcv_writer_ops *writer;   /* NULL: cannot write */
  /* ABI 1.1: other names users may type for it ("json", "csl" for
   * csl-json), NULL-terminated; may be NULL.  Names and aliases are
   * matched without regard to case. */
  const char *const *aliases;
} bcv_format;

typedef struct bcv_plugin {
  uint32_t magic;        /* BCV_PLUGIN_MAGIC */
  uint16_t abi_major;    /* BCV_ABI_MAJOR of the headers it was built with */
  uint16_t abi_minor;
  uint32_t struct_size;  /* sizeof(bcv_plugin) at build time */
  const char *name;      /* the module's file name without extension */
  const char *version;
  const bcv_format *formats;
  size_t n_formats;
  /* ABI 1.1: sizeof(bcv_format) at build time, the stride of formats[]
   * (a 1.0 module's formats are shorter: the host steps by their size). */
  uint32_t format_size;
} bcv_plugin;

/* The exported symbol is <module>_LTX_bcv_plugin, libltdl's convention, so
 * that several modules can be preloaded into one static binary.  `ident`
 * is the module's file name with every non-alphanumeric byte as '_'. */
#define BCV_PLUGIN_DEFINE(ident, name_, version_, formats_, n_formats_)       \
  extern const bcv_plugin ident##_LTX_bcv_plugin;                            \
  const bcv_plugin ident##_LTX_bcv_plugin = {                                \
      BCV_PLUGIN_MAGIC, BCV_ABI_MAJOR, BCV_ABI_MINOR, sizeof(bcv_plugin),   \
      (name_), (version_), (formats_), (n_formats_), sizeof(bcv_format)}

/* ---- host side: the registry of formats found in plugin directories ---- */

typedef struct bcv_registry bcv_registry;

/* A registry that reports load failures to diag (borrowed). */
bcv_registry *bcv_registry_new(struct bcv_diag *diag);
void bcv_registry_free(bcv_registry **reg);
/* Add a directory to search, before those added later.  Copied. */
int bcv_registry_add_dir(bcv_registry *reg, const char *dir);
/* Load every module of the search path: the added directories, then each
 * of $BIBCONV_PLUGIN_PATH (':'-separated), then the installed plugin
 * directory ($BIBCONV_PLUGIN_SYSTEM_PATH replaces it; empty: none).  Never
 * the current directory.  A module that fails is reported (file name and
 * reason) and skipped.  Returns the number of modules that failed. */
int bcv_registry_load(bcv_registry *reg);

size_t bcv_registry_count(const bcv_registry *reg);
const bcv_format *bcv_registry_format(const bcv_registry *reg, size_t i);
/* The module file a format came from.  Borrowed. */
const char *bcv_registry_module(const bcv_registry *reg, size_t i);
/* Where a searched directory came from. */
enum bcv_dir_origin {
  BCV_DIR_ADDED,    /* bcv_registry_add_dir (bibconv's --plugin-dir) */
  BCV_DIR_PATH_ENV, /* $BIBCONV_PLUGIN_PATH */
  BCV_DIR_SYSTEM    /* the installed plugin directory, or $BIBCONV_PLUGIN_SYSTEM_PATH */
};
/* The directories bcv_registry_load searched, in order, whether they
 * exist or not: the i-th (NULL past the last), and in *origin (when not
 * NULL) its enum bcv_dir_origin.  Borrowed. */
size_t bcv_registry_dir_count(const bcv_registry *reg);
const char *bcv_registry_dir(const bcv_registry *reg, size_t i, int *origin);
/* The searched directory format i's module was found in.  Borrowed. */
const char *bcv_registry_module_dir(const bcv_registry *reg, size_t i);
/* The format called name or one of its aliases, in any case ("RIS",
 * "json"), or NULL. */
const bcv_format *bcv_registry_find(const bcv_registry *reg, const char *name);

/* Choose the reader for head (the first bytes of clean text, up to
 * BCV_DETECT_BYTES) and an optional file name, whose extension is a weak
 * hint, or the answer when no reader claims the content.  Returns BCV_OK
 * and *out, or BCV_EFORMAT with err naming the candidates when no reader
 * is confident (and the extension names none) or two are equally so. */
#define BCV_DETECT_BYTES (64 * 1024)
/* The writer an output file's extension names, for "-o refs.json" without
 * -t: the format whose writer lists the extension; when several formats
 * of one module do (.bib: bibtex and biblatex), the module's first.  An
 * extension that formats of several modules write, one that names no
 * format by itself (.txt, .xml), or none at all is BCV_EFORMAT, with err
 * saying which formats write it.  Matched without regard to case. */
int bcv_registry_writer_for(const bcv_registry *reg, const char *filename,
                            const bcv_format **out, bcv_error *err);
/* Whether format f's own test, with the extension's bonus for filename
 * (may be NULL), is sure enough that head is f (the score detection asks
 * of a winner), whatever the others say. */
int bcv_registry_claims(const bcv_format *f, const char *head, size_t len, const char *filename);
int bcv_registry_detect(const bcv_registry *reg, const char *head, size_t len,
                        const char *filename, const bcv_format **out,
                        bcv_error *err);

/* Parse "KEY[=VALUE]" and add it.  Options are owned by the caller. */
bcv_options *bcv_options_new(void);
void bcv_options_free(bcv_options **o);
int bcv_options_add(bcv_options *o, const char *kv);
/* The i-th key, for checking them against a format's option table. */
const char *bcv_options_key(const bcv_options *o, size_t i);

#ifdef __cplusplus
}
#endif
#endif
