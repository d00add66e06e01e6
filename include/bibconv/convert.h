/* SPDX-License-Identifier: MIT */
/* convert.h: the conversion pipeline: inputs -> reader -> record filters ->
 * writer -> one output, with the counts and the exit status of the run.
 *
 * The bibconv driver is argument parsing and reporting around this; a C
 * program converts with it in a few calls:
 *
 *   bcv_pipeline *p = bcv_pipeline_new(reg, diag);
 *   bcv_pipeline_set_writer(p, bcv_registry_find(reg, "csl-json"), NULL);
 *   int status = bcv_pipeline_run(p, paths, n, bcv_output_open("out.json", &err));
 *
 * Each input's format is detected from its content (or forced with
 * bcv_pipeline_set_reader); every problem goes to the diag as
 * "FILE:LINE:COL: error: ..." and the rest is converted. */
#ifndef BIBCONV_CONVERT_H
#define BIBCONV_CONVERT_H

#include <stddef.h>
#include <bibconv/bibconv.h>

#ifdef __cplusplus
extern "C" {
#endif

struct bcv_registry;
struct bcv_format;
struct bcv_options;
struct bcv_diag;
struct bcv_output;
struct bcv_record;

/* How a run ended, as bibconv's exit status: the higher, the worse. */
typedef enum bcv_exit {
  BCV_EXIT_OK = 0,       /* every record converted */
  BCV_EXIT_REJECTED = 1, /* some records (or bytes) rejected; the rest written */
  BCV_EXIT_USAGE = 2,    /* bad option, unknown or undetectable format */
  BCV_EXIT_PLUGIN = 3,   /* a module failed to load (the registry's business) */
  BCV_EXIT_IO = 4        /* an input unreadable or the output unwritable */
} bcv_exit;

/* What the runs of a pipeline did, added up over its runs. */
typedef struct bcv_counts {
  unsigned long inputs;      /* inputs opened */
  unsigned long read;        /* records the readers gave */
  unsigned long written;     /* records the writer took */
  unsigned long filtered;    /* records a filter dropped (--dedupe's duplicates) */
  unsigned long rejected;    /* errors about the input or a record (each one a
                                record or part of the input not converted) */
  unsigned long dropped;     /* fields the writer had no room for */
  unsigned long warnings;
  unsigned long undecodable; /* input bytes that became U+FFFD */
} bcv_counts;

typedef struct bcv_pipeline bcv_pipeline;

enum bcv_pipeline_flags {
  /* Stop at the first rejected record and write nothing; a field the
   * writer has no room for is an error too (bcv_diag_dropped reports it
   * as one during the run). */
  BCV_PIPELINE_STRICT = 1u << 0
};

/* A pipeline over the formats of reg, reporting to diag (both borrowed
 * for the pipeline's life).  NULL when out of memory.  Free it with
 * bcv_pipeline_free(&p). */
bcv_pipeline *bcv_pipeline_new(const struct bcv_registry *reg, struct bcv_diag *diag);
void bcv_pipeline_free(bcv_pipeline **p);

/* The reader for every input (NULL: detect each input's format), and its
 * options (-I; may be NULL).  Options are borrowed until the pipeline is
 * freed.  Returns BCV_OK, or BCV_EINVAL (reported to the diag) when the
 * format cannot read or an option is not the reader's. */
int bcv_pipeline_set_reader(bcv_pipeline *p, const struct bcv_format *f,
                            const struct bcv_options *opts);
/* The writer (required) and its options (-O; may be NULL, borrowed). */
int bcv_pipeline_set_writer(bcv_pipeline *p, const struct bcv_format *f,
                            const struct bcv_options *opts);
/* The inputs' encoding when not UTF-8 (copied; NULL: UTF-8). */
int bcv_pipeline_set_encoding(bcv_pipeline *p, const char *encoding);
/* enum bcv_pipeline_flags. */
void bcv_pipeline_set_flags(bcv_pipeline *p, unsigned flags);
/* Called after every 1024th record written, for a progress display. */
void bcv_pipeline_set_progress(bcv_pipeline *p,
                               void (*fn)(void *ud, const bcv_counts *c), void *ud);

/* ---- record filters ----
 * Between the reader and the writer every record passes the filters in
 * the order they were added, then the core's id filter (a repeated id is
 * reported, naming both places, and the record kept as id-N), so that the
 * writer always gets distinct ids. */
typedef struct bcv_filter_ops {
  /* A run (one output) begins: forget what the last one saw.  May be NULL. */
  int (*begin)(void *state);
  /* One record, which the filter may change.  Returns BCV_OK to pass it
   * on, BCV_DROP to drop it (say why with a diagnostic), or a negative
   * status to stop the run (BCV_ENOMEM). */
  int (*record)(void *state, bcv_pipeline *p, struct bcv_record *r);
  /* Release the state, when the pipeline is freed.  May be NULL. */
  void (*free)(void *state);
} bcv_filter_ops;

/* Add a filter; ops is borrowed (usually static), state is owned by the
 * pipeline from now on (also when this fails: it is freed then). */
int bcv_pipeline_add_filter(bcv_pipeline *p, const bcv_filter_ops *ops, void *state);

/* Add the core's duplicate filter (bibconv --dedupe): a record that is
 * the same work as an earlier one of the run is dropped, with a note
 * naming both places ("b.ris:12: note: duplicate of a.json:3 (same DOI);
 * dropped").  A record's work is its DOI (case-folded, without a
 * doi.org link's prefix), else its PMID, else its title (NFKC, case-folded,
 * markup and all but letters and digits removed) with its year and the
 * last word of its first author's family name; two records are the same
 * work when these are equal.  Only a hash and a position are kept of each record. */
int bcv_pipeline_add_dedupe(bcv_pipeline *p);

/* Add the core's key filter (bibconv --keys): a record without an id
 * (all != 0: every record) gets the core's citation key, bcv_record_key
 * ("shannon1948mathematical"; "ref" when it has nothing to make one of),
 * unique in the run by a suffix a, b ... z, aa ... that also avoids the
 * ids kept (compared without ASCII case, as BibTeX does), so every
 * writer gets the same keys.  Add it before the dedupe filter, and a
 * dropped duplicate's key is still taken. */
int bcv_pipeline_add_keys(bcv_pipeline *p, int all);

/* For filters: the input the current record came from (0-based, in the
 * order given to bcv_pipeline_run), the name of input i as given
 * ("<stdin>" for standard input), and the diag. */
size_t bcv_pipeline_input(const bcv_pipeline *p);
const char *bcv_pipeline_input_name(const bcv_pipeline *p, size_t i);
struct bcv_diag *bcv_pipeline_diag(const bcv_pipeline *p);

/* ---- running ---- */

/* Convert inputs[0..n) (n == 0: standard input; "-" is standard input)
 * into out, which the run takes over: it is committed (a named file
 * renamed into place) when the run succeeds, and abandoned otherwise, the
 * old file left as it was.  A run that only rejected some records writes
 * the rest; one that stops (an unreadable input, a failed write, --strict)
 * writes nothing, and neither does one whose input could not all be
 * decoded when out replaces a file.  May be called again for another
 * output; the filters start afresh.  Returns the run's enum bcv_exit. */
int bcv_pipeline_run(bcv_pipeline *p, const char *const *inputs, size_t n,
                     struct bcv_output *out);

/* ---- one output per input (bibconv --output-dir) ---- */

/* How bcv_pipeline_run_dir opens each output: bcv_output_open unless set.
 * A driver that removes the temporary on a signal wraps bcv_output_open
 * to learn each temporary's name (bcv_output_temp_path).  Returns NULL
 * and fills err when the file cannot be opened. */
typedef struct bcv_output *(*bcv_output_opener)(void *ud, const char *path, bcv_error *err);
void bcv_pipeline_set_opener(bcv_pipeline *p, bcv_output_opener fn, void *ud);

/* The output file of input under dir for writer wf: dir, then the input's
 * file name without its directory and its last extension, then wf's first
 * extension, or its name when it lists none ("x/a.bib" -> "dir/a.ris").
 * Owned by the caller (free); NULL when out of memory. */
char *bcv_output_path_for(const char *dir, const char *input, const struct bcv_format *wf);

/* Convert each of inputs[0..n) into a file of its own in dir
 * (bcv_output_path_for), each one a run of bcv_pipeline_run: written to
 * a temporary and renamed into place only when it succeeds; the filters
 * and the id check start afresh for each.  dir is created when it does
 * not exist (its parent must).  An input that fails does not stop the
 * others; one that is standard input, would have the output of an input
 * before it, or whose output file is one of the inputs is refused
 * (BCV_EXIT_USAGE), its output left as it was.  statuses (n entries, may
 * be NULL) gets each input's enum bcv_exit.  Returns the worst of them. */
int bcv_pipeline_run_dir(bcv_pipeline *p, const char *const *inputs, size_t n, const char *dir,
                         int *statuses);

/* The counts of every run so far.  Borrowed. */
const bcv_counts *bcv_pipeline_counts(const bcv_pipeline *p);

#ifdef __cplusplus
}
#endif
#endif
