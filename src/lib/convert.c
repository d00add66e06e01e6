/* SPDX-License-Identifier: MIT */
/* convert.c: the conversion pipeline: each input is opened, its format
 * detected, its records read one at a time, passed through the filters
 * and written; the output is committed only when the run succeeded. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "bibconv/bibconv.h"

typedef struct filter {
  const bcv_filter_ops *ops;
  void *state;
} filter;

struct bcv_pipeline {
  const bcv_registry *reg;
  bcv_diag *diag;
  const bcv_format *rf; /* forced reader, or NULL: detect */
  const bcv_options *ropts, *wopts;
  const bcv_format *wf;
  char *encoding;
  unsigned flags;
  filter *filters;
  size_t n_filters;
  bcv_idset *ids; /* the core's id filter */
  void (*progress)(void *, const bcv_counts *);
  void *progress_ud;
  bcv_output_opener opener;
  void *opener_ud;
  /* the run going on */
  const char *const *inputs;
  size_t n_inputs, cur;
  size_t run_errors; /* errors about the run itself, not the input */
  bcv_counts counts;
};

bcv_pipeline *bcv_pipeline_new(const bcv_registry *reg, bcv_diag *diag) {
  bcv_pipeline *p = calloc(1, sizeof *p);
  if (!p)
    return NULL;
  p->reg = reg;
  p->diag = diag;
  return p;
}

void bcv_pipeline_free(bcv_pipeline **pp) {
  if (!pp || !*pp)
    return;
  bcv_pipeline *p = *pp;
  for (size_t i = 0; i < p->n_filters; i++)
    if (p->filters[i].ops->free)
      p->filters[i].ops->free(p->filters[i].state);
  free(p->filters);
  bcv_idset_free(&p->ids);
  free(p->encoding);
  free(p);
  *pp = NULL;
}

/* A problem of the run itself (not of a record), reported without the
 * current input's name unless source names one: "bibconv: error: ...". */
static void run_error(bcv_pipeline *p, const char *source, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void run_error(bcv_pipeline *p, const char *source, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  const char *cur = bcv_diag_source(p->diag);
  char *saved = cur && !source ? strdup(cur) : NULL;
  if (!source)
    bcv_diag_set_source(p->diag, NULL);
  bcv_diag_report(p->diag, BCV_SEV_ERROR, source, 0, 0, "%s", msg);
  if (saved) {
    bcv_diag_set_source(p->diag, saved);
    free(saved);
  }
  p->run_errors++;
}

/* Reader options the core applies to the records of every reader. */
static const bcv_option_desc core_reader_options[] = {
    {"pinyin", "give each Han name without a romanised form its pinyin (Deng Zhengyang), "
               "marked as generated"},
    {NULL, NULL},
};

const bcv_option_desc *bcv_core_reader_options(void) { return core_reader_options; }

static int known_option(const bcv_option_desc *o, const char *k) {
  while (o && o->name && strcmp(o->name, k) != 0)
    o++;
  return o && o->name;
}

/* Whether every key of opts is an option of the format (or the core's). */
static int check_options(bcv_pipeline *p, const bcv_options *opts, const bcv_option_desc *known,
                         const char *flag, const char *fmt) {
  for (size_t i = 0; bcv_options_key(opts, i); i++) {
    const char *k = bcv_options_key(opts, i);
    if (!known_option(known, k) && !(flag[1] == 'I' && known_option(core_reader_options, k))) {
      run_error(p, NULL, "%s %s: format '%s' has no such option (see --list-formats)", flag, k, fmt);
      return 0;
    }
  }
  return 1;
}

int bcv_pipeline_set_reader(bcv_pipeline *p, const bcv_format *f, const bcv_options *opts) {
  if (f && !f->reader) {
    run_error(p, NULL, "format '%s' cannot be read", f->name);
    return BCV_EINVAL;
  }
  if (f && !check_options(p, opts, f->reader->options, "-I", f->name))
    return BCV_EINVAL;
  p->rf = f;
  p->ropts = opts;
  return BCV_OK;
}

int bcv_pipeline_set_writer(bcv_pipeline *p, const bcv_format *f, const bcv_options *opts) {
  if (!f || !f->writer) {
    run_error(p, NULL, "format '%s' cannot be written", f ? f->name : "(none)");
    return BCV_EINVAL;
  }
  if (!check_options(p, opts, f->writer->options, "-O", f->name))
    return BCV_EINVAL;
  p->wf = f;
  p->wopts = opts;
  return BCV_OK;
}

int bcv_pipeline_set_encoding(bcv_pipeline *p, const char *encoding) {
  char *e = encoding ? strdup(encoding) : NULL;
  if (encoding && !e)
    return BCV_ENOMEM;
  free(p->encoding);
  p->encoding = e;
  return BCV_OK;
}

void bcv_pipeline_set_flags(bcv_pipeline *p, unsigned flags) { p->flags = flags; }

void bcv_pipeline_set_progress(bcv_pipeline *p, void (*fn)(void *, const bcv_counts *), void *ud) {
  p->progress = fn;
  p->progress_ud = ud;
}

void bcv_pipeline_set_opener(bcv_pipeline *p, bcv_output_opener fn, void *ud) {
  p->opener = fn;
  p->opener_ud = ud;
}

int bcv_pipeline_add_filter(bcv_pipeline *p, const bcv_filter_ops *ops, void *state) {
  filter *nf = realloc(p->filters, (p->n_filters + 1) * sizeof *nf);
  if (!nf) {
    if (ops->free)
      ops->free(state);
    return BCV_ENOMEM;
  }
  p->filters = nf;
  p->filters[p->n_filters].ops = ops;
  p->filters[p->n_filters].state = state;
  p->n_filters++;
  return BCV_OK;
}

size_t bcv_pipeline_input(const bcv_pipeline *p) { return p->cur; }

const char *bcv_pipeline_input_name(const bcv_pipeline *p, size_t i) {
  if (p->n_inputs == 0)
    return i == 0 ? "<stdin>" : NULL;
  if (i >= p->n_inputs)
    return NULL;
  return strcmp(p->inputs[i], "-") == 0 ? "<stdin>" : p->inputs[i];
}

bcv_diag *bcv_pipeline_diag(const bcv_pipeline *p) { return p->diag; }

const bcv_counts *bcv_pipeline_counts(const bcv_pipeline *p) { return &p->counts; }

/* The suffix of the (i+2)th record of one id: "-2", "-3"... */
static size_t nth_suffix(unsigned long i, char *out) {
  return (size_t)snprintf(out, BCV_IDSET_SUFFIX_MAX, "-%lu", i + 2);
}

/* A repeated id: warn, naming both places, and rename this record
 * `id-N` (the Nth of that id, or the next name not taken), so that every
 * writer gets distinct keys and no record is lost.  BibTeX keeps the first
 * and drops the rest; a bibliography of two works under one key is more
 * often a merge than a copy, and dropping one would be silent loss. */
static int unique_id(bcv_pipeline *p, bcv_record *r) {
  const char *id = bcv_record_id(r);
  if (!id || !*id)
    return BCV_OK;
  size_t len = strlen(id);
  long first_line = 0;
  unsigned first_input = 0;
  unsigned input = (unsigned)p->cur;
  long rep = bcv_idset_add(p->ids, id, len, bcv_record_line(r), input, &first_line, &first_input);
  if (rep < 0)
    return BCV_ENOMEM;
  if (rep == 0)
    return BCV_OK;
  char *nid = malloc(len + BCV_IDSET_SUFFIX_MAX);
  if (!nid)
    return BCV_ENOMEM;
  memcpy(nid, id, len);
  long nl = bcv_idset_add_unique(p->ids, nid, len, nth_suffix, bcv_record_line(r), input);
  if (nl < 0) {
    free(nid);
    return BCV_ENOMEM;
  }
  char where[64] = "an earlier record";
  const char *in_name =
      first_input != input && first_input < 255 ? bcv_pipeline_input_name(p, first_input) : NULL;
  if (first_line && in_name)
    snprintf(where, sizeof where, "%.40s:%ld", in_name, first_line);
  else if (first_line)
    snprintf(where, sizeof where, "line %ld", first_line);
  bcv_diag_report(p->diag, BCV_SEV_WARNING, NULL, bcv_record_line(r), bcv_record_column(r),
                  "record '%s': the id is used before, at %s; kept as '%s'", id, where, nid);
  int rc = bcv_record_set_id(r, nid, (size_t)nl);
  free(nid);
  return rc;
}

/* The filters, then the id filter: BCV_OK, BCV_DROP or a negative status. */
static int filter_record(bcv_pipeline *p, bcv_record *r) {
  if (p->ropts && bcv_options_get(p->ropts, "pinyin") && bcv_record_add_pinyin(r) < 0)
    return BCV_ENOMEM;
  for (size_t i = 0; i < p->n_filters; i++) {
    int s = p->filters[i].ops->record(p->filters[i].state, p, r);
    if (s != BCV_OK)
      return s;
  }
  return unique_id(p, r);
}

/* Whether the head is all blank (an empty file, or one of newlines). */
static int blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
      return 0;
  return 1;
}

/* Why writing stopped: the system's reason when the output failed. */
static void write_failed(bcv_pipeline *p, const bcv_output *out, int status) {
  int e = bcv_output_failed(out);
  run_error(p, NULL, "writing %s stopped: %s", p->wf->name,
            e ? strerror(e) : bcv_strerror(status != BCV_OK ? status : BCV_EIO));
}

/* One input through the reader and the filters into the writer.  Sets
 * *stop when the run cannot go on; returns the worst status so far. */
static int convert_input(bcv_pipeline *p, const char *path, int named, void *wstate,
                         bcv_output *out, int rc, int *stop, unsigned long *replaced) {
  const bcv_format *wf = p->wf;
  int strict = (p->flags & BCV_PIPELINE_STRICT) != 0;
  bcv_error err = {0};
  bcv_input *in = bcv_input_open(path, p->encoding, p->diag, &err);
  if (!in) {
    run_error(p, err.source, "%s", err.text);
    *stop = 1;
    return err.code == BCV_EINVAL ? BCV_EXIT_USAGE : BCV_EXIT_IO;
  }
  p->counts.inputs++;
  bcv_diag_set_source(p->diag, bcv_input_name(in));
  const bcv_format *rf = p->rf;
  size_t hl = 0;
  const char *head = bcv_input_peek(in, BCV_DETECT_BYTES, &hl);
  /* An empty input holds no record in any format: nothing to detect. */
  int empty = head && hl < BCV_DETECT_BYTES && blank(head, hl);
  if (!head) {
    rc = BCV_EXIT_IO;
    *stop = 1;
  } else if (!rf && empty) {
    bcv_diag_report(p->diag, BCV_SEV_NOTE, bcv_input_name(in), 0, 0, "empty input");
    bcv_input_close(&in);
    return rc;
  } else if (!rf) {
    if (bcv_registry_detect(p->reg, head, hl, named ? path : NULL, &rf, &err) != BCV_OK) {
      run_error(p, bcv_input_name(in), "%s", err.text);
      rc = BCV_EXIT_USAGE;
      *stop = 1;
    } else if (!check_options(p, p->ropts, rf->reader->options, "-I", rf->name)) {
      rc = BCV_EXIT_USAGE;
      *stop = 1;
    } else {
      bcv_diag_report(p->diag, BCV_SEV_NOTE, bcv_input_name(in), 0, 0, "reading as %s", rf->name);
    }
  }
  /* Whether the head is this format's by its own test: then zero
   * records is a true answer ("[]", a file of @string), not a sign of
   * the wrong format.  Asked now, while the head is still there. */
  int claimed = !*stop && bcv_registry_claims(rf, head, hl, named ? path : NULL);
  size_t errors_at_start = bcv_diag_count(p->diag, BCV_SEV_ERROR);
  unsigned long n_read = 0;
  void *rstate = NULL;
  if (!*stop && rf->reader->open(in, p->ropts, p->diag, &rstate) != BCV_OK) {
    run_error(p, bcv_input_name(in), "the %s reader could not start", rf->name);
    rc = BCV_EXIT_IO;
    *stop = 1;
  }
  while (!*stop) {
    bcv_record *r = NULL;
    size_t errors_before = bcv_diag_count(p->diag, BCV_SEV_ERROR);
    int s = rf->reader->next(rstate, &r);
    if (s == BCV_DONE)
      break;
    if (s != BCV_OK) {
      /* A reader gives up only on I/O failure or exhausted memory;
       * anything else it reports itself and skips. */
      run_error(p, bcv_input_name(in), "reading stopped: %s", bcv_strerror(s));
      rc = BCV_EXIT_IO;
      *stop = 1;
      bcv_record_free(&r);
      break;
    }
    n_read++;
    p->counts.read++;
    int fs = filter_record(p, r);
    if (fs == BCV_DROP) {
      p->counts.filtered++;
      bcv_record_free(&r);
      continue;
    }
    if (fs != BCV_OK) {
      run_error(p, NULL, "%s", fs == BCV_ENOMEM ? "out of memory" : bcv_strerror(fs));
      bcv_record_free(&r);
      rc = BCV_EXIT_IO;
      *stop = 1;
      break;
    }
    int ws = wf->writer->write(wstate, r);
    if (ws != BCV_OK && ws != BCV_EIO && ws != BCV_ENOMEM && !bcv_output_failed(out)) {
      /* This record, not the output, is the trouble (more fields than
       * the format allows): it is rejected like a bad input record. */
      const char *id = bcv_record_id(r);
      bcv_diag_report(p->diag, BCV_SEV_ERROR, NULL, bcv_record_line(r), bcv_record_column(r),
                      "%s%s%scannot be written as %s (%s); skipped", id ? "record '" : "",
                      id ? id : "", id ? "': " : "", wf->name, bcv_strerror(ws));
      bcv_record_free(&r);
      continue;
    }
    if (ws != BCV_OK || bcv_output_failed(out)) {
      write_failed(p, out, ws);
      bcv_record_free(&r);
      rc = BCV_EXIT_IO;
      *stop = 1;
      break;
    }
    bcv_record_free(&r);
    p->counts.written++;
    if (strict && bcv_diag_count(p->diag, BCV_SEV_ERROR) > errors_before) {
      *stop = 1;
      break;
    }
    if (p->progress && (p->counts.written & 1023) == 0)
      p->progress(p->progress_ud, &p->counts);
  }
  if (!*stop && n_read == 0 && !empty && !claimed &&
      bcv_diag_count(p->diag, BCV_SEV_ERROR) == errors_at_start) {
    /* Text that gave no record, and no error, is likely in another
     * format: no silent success with empty output. */
    int forced = p->rf != NULL;
    bcv_diag_report(p->diag, BCV_SEV_ERROR, NULL, 0, 0, "no record read as %s%s; %s", rf->name,
                    forced ? " (-f)" : "",
                    forced ? "leave -f out to detect the format, or name another with -f"
                           : "name its format with -f (see --list-formats)");
  }
  if (rstate)
    rf->reader->close(rstate);
  if (bcv_input_failed(in))
    rc = BCV_EXIT_IO;
  *replaced += bcv_input_replaced(in);
  bcv_input_close(&in);
  return rc;
}

int bcv_pipeline_run(bcv_pipeline *p, const char *const *inputs, size_t n, bcv_output *out) {
  if (!out)
    return BCV_EXIT_IO;
  const bcv_format *wf = p->wf;
  if (!wf) {
    run_error(p, NULL, "no output format");
    bcv_output_abort(&out);
    return BCV_EXIT_USAGE;
  }
  int strict = (p->flags & BCV_PIPELINE_STRICT) != 0;
  size_t errors0 = bcv_diag_count(p->diag, BCV_SEV_ERROR);
  size_t warnings0 = bcv_diag_count(p->diag, BCV_SEV_WARNING);
  size_t dropped0 = bcv_diag_count_dropped(p->diag);
  size_t run_errors0 = p->run_errors;
  int rc = BCV_EXIT_OK, stop = 0;
  unsigned long replaced = 0; /* undecodable bytes, over all inputs */
  void *wstate = NULL;
  p->inputs = inputs;
  p->n_inputs = n;
  p->cur = 0;
  /* --strict: a field the writer has no room for is an error too */
  if (strict)
    bcv_diag_set_dropped_severity(p->diag, BCV_SEV_ERROR);

  bcv_idset_free(&p->ids);
  p->ids = bcv_idset_new();
  if (!p->ids) {
    run_error(p, NULL, "out of memory");
    rc = BCV_EXIT_IO;
    stop = 1;
  }
  for (size_t i = 0; !stop && i < p->n_filters; i++)
    if (p->filters[i].ops->begin && p->filters[i].ops->begin(p->filters[i].state) != BCV_OK) {
      run_error(p, NULL, "out of memory");
      rc = BCV_EXIT_IO;
      stop = 1;
    }
  bcv_diag_set_source(p->diag, NULL);
  if (!stop && wf->writer->begin(out, p->wopts, p->diag, &wstate) != BCV_OK) {
    run_error(p, NULL, "the %s writer could not start", wf->name);
    rc = BCV_EXIT_IO;
    stop = 1;
    wstate = NULL;
  }
  for (size_t k = 0; k < (n ? n : 1) && !stop; k++) {
    p->cur = k;
    rc = convert_input(p, n ? inputs[k] : "-", n != 0, wstate, out, rc, &stop, &replaced);
    if (strict && bcv_diag_count(p->diag, BCV_SEV_ERROR) > errors0) {
      if (rc == BCV_EXIT_OK)
        rc = BCV_EXIT_REJECTED;
      stop = 1;
    }
  }
  bcv_diag_set_source(p->diag, NULL);

  /* A run that stopped early writes nothing: the output file keeps its
   * old content.  A run that only rejected some records writes the rest. */
  int ok = !stop && rc == BCV_EXIT_OK;
  /* Nor does a run whose text could not all be decoded: its records are
   * there, with U+FFFD where the text was, but a wrong --encoding is
   * better noticed over the old file than found in the new one. */
  int garbled = ok && replaced && bcv_output_temp_path(out);
  if (garbled)
    ok = 0;
  if (wstate) {
    int wend = wf->writer->end(wstate, ok);
    if (ok && wend != BCV_OK) {
      write_failed(p, out, wend);
      rc = BCV_EXIT_IO;
    }
  }
  if (ok && rc == BCV_EXIT_OK) {
    bcv_error err = {0};
    if (bcv_output_commit(&out, &err) != BCV_OK) {
      run_error(p, err.source, "%s", err.text);
      rc = BCV_EXIT_IO;
    }
  } else {
    int replaces = bcv_output_temp_path(out) != NULL;
    char *name = replaces ? strdup(bcv_output_name(out)) : NULL;
    bcv_output_abort(&out);
    if (rc == BCV_EXIT_OK)
      rc = BCV_EXIT_REJECTED;
    if (garbled)
      run_error(p, NULL, "%lu byte%s of the input could not be decoded; %s left unchanged",
                replaced, replaced == 1 ? "" : "s", name ? name : "the output");
    else if (replaces)
      run_error(p, NULL, "conversion stopped; %s left unchanged", name ? name : "the output");
    free(name);
  }
  size_t errors = bcv_diag_count(p->diag, BCV_SEV_ERROR) - errors0;
  size_t own = p->run_errors - run_errors0;
  if (rc == BCV_EXIT_OK && errors)
    rc = BCV_EXIT_REJECTED;
  p->counts.rejected += errors - own;
  p->counts.warnings += bcv_diag_count(p->diag, BCV_SEV_WARNING) - warnings0;
  p->counts.dropped += bcv_diag_count_dropped(p->diag) - dropped0;
  p->counts.undecodable += replaced;
  p->inputs = NULL;
  p->n_inputs = 0;
  if (strict)
    bcv_diag_set_dropped_severity(p->diag, BCV_SEV_NOTE);
  return rc;
}

char *bcv_output_path_for(const char *dir, const char *input, const bcv_format *wf) {
  const char *base = strrchr(input, '/');
  base = base ? base + 1 : input;
  /* the last extension goes; a leading dot (".bib") is no extension */
  const char *dot = strrchr(base, '.');
  size_t stem = dot && dot > base ? (size_t)(dot - base) : strlen(base);
  const char *ext = wf->extensions && wf->extensions[0] ? wf->extensions[0] : wf->name;
  size_t dl = strlen(dir);
  while (dl > 1 && dir[dl - 1] == '/')
    dl--;
  /* "" is the current directory; "/" needs no second slash */
  const char *sep = dl == 0 || dir[dl - 1] == '/' ? "" : "/";
  size_t cap = dl + 1 + stem + 1 + strlen(ext) + 1;
  char *path = malloc(cap);
  if (path)
    snprintf(path, cap, "%.*s%s%.*s.%s", (int)dl, dir, sep, (int)stem, base, ext);
  return path;
}

/* A file's identity, as a key of an idset: two names of one file
 * (a link, "./a.bib" and "a.bib") give the same key. */
static size_t file_key(const struct stat *st, char *buf, size_t cap) {
  return (size_t)snprintf(buf, cap, "%llu:%llu", (unsigned long long)st->st_dev,
                          (unsigned long long)st->st_ino);
}

/* dir, created when it is not there; 0, or reported and -1. */
static int make_dir(bcv_pipeline *p, const char *dir) {
  struct stat st;
  if (stat(dir, &st) == 0) {
    if (S_ISDIR(st.st_mode))
      return 0;
    run_error(p, dir, "not a directory");
    return -1;
  }
  if (errno != ENOENT || mkdir(dir, 0777) != 0) {
    run_error(p, dir, "cannot create the output directory: %s", strerror(errno));
    return -1;
  }
  return 0;
}

/* One input of run_dir into its own file: the input's enum bcv_exit. */
static int run_one(bcv_pipeline *p, const char *const *inputs, size_t i, const char *dir,
                   bcv_idset *outputs, const bcv_idset *files) {
  const char *input = inputs[i];
  if (strcmp(input, "-") == 0) {
    run_error(p, NULL, "standard input has no name to name its output after; give a file");
    return BCV_EXIT_USAGE;
  }
  char *path = bcv_output_path_for(dir, input, p->wf);
  if (!path) {
    run_error(p, input, "out of memory");
    return BCV_EXIT_IO;
  }
  int rc = BCV_EXIT_OK;
  long first = 0; /* the input (1-based) whose output it was first, kept as its "line" */
  char key[64];
  struct stat st;
  long rep = bcv_idset_add(outputs, path, strlen(path), (long)i + 1, 0, &first, NULL);
  if (rep < 0) {
    run_error(p, input, "out of memory");
    rc = BCV_EXIT_IO;
  } else if (rep > 0) {
    const char *other = first > 0 ? inputs[first - 1] : "an input before it";
    run_error(p, input, "its output %s is that of %s already; not converted", path, other);
    rc = BCV_EXIT_USAGE;
  } else if (stat(path, &st) == 0 && bcv_idset_has(files, key, file_key(&st, key, sizeof key))) {
    /* replacing an input, before it is read or while it is */
    run_error(p, input, "its output %s is an input of this run; not converted", path);
    rc = BCV_EXIT_USAGE;
  } else {
    bcv_error err = {0};
    bcv_output *out = p->opener ? p->opener(p->opener_ud, path, &err) : bcv_output_open(path, &err);
    if (!out) {
      run_error(p, err.source[0] ? err.source : path, "%s", err.text);
      rc = BCV_EXIT_IO;
    } else {
      rc = bcv_pipeline_run(p, &input, 1, out);
      if (rc == BCV_EXIT_OK || rc == BCV_EXIT_REJECTED)
        bcv_diag_report(p->diag, BCV_SEV_NOTE, input, 0, 0, "written to %s", path);
    }
  }
  free(path);
  return rc;
}

int bcv_pipeline_run_dir(bcv_pipeline *p, const char *const *inputs, size_t n, const char *dir,
                         int *statuses) {
  int worst = BCV_EXIT_OK;
  if (!*dir)
    dir = ".";
  bcv_idset *outputs = bcv_idset_new(), *files = bcv_idset_new();
  int rc0 = !outputs || !files ? BCV_EXIT_IO : 0;
  if (rc0)
    run_error(p, NULL, "out of memory");
  else if (!p->wf) {
    run_error(p, NULL, "no output format");
    rc0 = BCV_EXIT_USAGE;
  } else if (make_dir(p, dir) != 0)
    rc0 = BCV_EXIT_IO;
  /* the inputs, by identity: no output may replace one of them */
  for (size_t i = 0; !rc0 && i < n; i++) {
    struct stat st;
    char key[64];
    if (stat(inputs[i], &st) == 0 && S_ISREG(st.st_mode) &&
        bcv_idset_add(files, key, file_key(&st, key, sizeof key), 1, 0, NULL, NULL) < 0) {
      run_error(p, NULL, "out of memory");
      rc0 = BCV_EXIT_IO;
    }
  }
  for (size_t i = 0; i < n; i++) {
    int rc = rc0 ? rc0 : run_one(p, inputs, i, dir, outputs, files);
    if (statuses)
      statuses[i] = rc;
    if (rc > worst)
      worst = rc;
  }
  bcv_idset_free(&outputs);
  bcv_idset_free(&files);
  return worst;
}
