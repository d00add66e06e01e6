/* SPDX-License-Identifier: MIT */
/* main.c: the bibconv driver: chain one reader into one writer, one record
 * at a time, over each input file. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "config.h"
#include "bibconv/bibconv.h"

enum exit_code { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2, EXIT_PLUGIN = 3, EXIT_IO = 4 };

typedef struct cli {
  int quiet, verbose, strict;
  int progress_shown;
  int tty;
} cli;

static void clear_progress(cli *c) {
  if (c->progress_shown) {
    fputs("\r\033[K", stderr);
    c->progress_shown = 0;
  }
}

static void sink(void *ud, bcv_severity sev, const char *source, long line, long column,
                 const char *msg) {
  cli *c = ud;
  if ((sev == BCV_SEV_WARNING && c->quiet) || (sev == BCV_SEV_NOTE && !c->verbose))
    return;
  clear_progress(c);
  bcv_diag_print(sev, source, line, column, msg);
}

static void usage(FILE *f) {
  fputs("Usage: bibconv [-f FROM] -t TO [-o OUT] [OPTION...] [FILE...]\n"
        "Convert bibliographic records from FILEs (standard input when none, or \"-\")\n"
        "to one output (standard output unless -o).\n"
        "\n"
        "  -f, --from=FORMAT       input format (default: detected from each file's content)\n"
        "  -t, --to=FORMAT         output format\n"
        "  -o, --output=FILE       write FILE, replacing it only when the run succeeds\n"
        "  -I KEY[=VALUE]          pass an option to the reader\n"
        "  -O KEY[=VALUE]          pass an option to the writer\n"
        "      --encoding=NAME     input encoding (default UTF-8), e.g. GB18030, latin1\n"
        "      --plugin-dir=DIR    look for format modules in DIR first (repeatable)\n"
        "      --list-formats      list the formats, what they can do and their modules\n"
        "      --strict            stop at the first rejected record\n"
        "  -q, --quiet             show errors only\n"
        "  -v, --verbose           also list fields the writer dropped, and a summary\n"
        "      --version           print the version\n"
        "  -h, --help              print this help\n"
        "\n"
        "Exit status: 0 all converted; 1 some records rejected; 2 usage error or\n"
        "unknown format; 3 a plugin failed to load; 4 input unreadable or output\n"
        "unwritable.\n"
        "Modules are searched in --plugin-dir, then $BIBCONV_PLUGIN_PATH, then " PLUGINDIR ".\n",
        f);
}

static void list_formats(const bcv_registry *reg) {
  size_t n = bcv_registry_count(reg);
  printf("%-12s %-4s %-16s %-48s %s\n", "FORMAT", "R/W", "EXTENSIONS", "DESCRIPTION", "MODULE");
  for (size_t i = 0; i < n; i++) {
    const bcv_format *f = bcv_registry_format(reg, i);
    char ext[64] = "";
    for (const char *const *e = f->extensions; e && *e; e++) {
      size_t l = strlen(ext);
      snprintf(ext + l, sizeof ext - l, "%s%s", l ? "," : "", *e);
    }
    printf("%-12s %c%c   %-16s %-48s %s\n", f->name, f->reader ? 'r' : '-', f->writer ? 'w' : '-',
           ext[0] ? ext : "-", f->description ? f->description : "", bcv_registry_module(reg, i));
    const bcv_option_desc *sets[2] = {f->reader ? f->reader->options : NULL,
                                      f->writer ? f->writer->options : NULL};
    for (int k = 0; k < 2; k++)
      for (const bcv_option_desc *o = sets[k]; o && o->name; o++)
        printf("%-12s   %s %-26s %s\n", "", k ? "-O" : "-I", o->name, o->help ? o->help : "");
  }
}

static int check_options(const bcv_options *opts, const bcv_option_desc *known, const char *flag,
                         const char *fmt) {
  for (size_t i = 0; bcv_options_key(opts, i); i++) {
    const char *k = bcv_options_key(opts, i);
    const bcv_option_desc *o = known;
    while (o && o->name && strcmp(o->name, k) != 0)
      o++;
    if (!o || !o->name) {
      fprintf(stderr, "bibconv: error: %s %s: format '%s' has no such option (see --list-formats)\n",
              flag, k, fmt);
      return 0;
    }
  }
  return 1;
}

static void unknown_format(const bcv_registry *reg, const char *name, int want_write) {
  fprintf(stderr, "bibconv: error: unknown %s format '%s'; known:", want_write ? "output" : "input",
          name);
  int any = 0;
  for (size_t i = 0; i < bcv_registry_count(reg); i++) {
    const bcv_format *f = bcv_registry_format(reg, i);
    if (want_write ? f->writer != NULL : f->reader != NULL) {
      fprintf(stderr, " %s", f->name);
      any = 1;
    }
  }
  fprintf(stderr, "%s\n", any ? "" : " none (no plugins found; see --plugin-dir)");
}

/* Whether the head is all blank (an empty file, or one of newlines). */
static int blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
      return 0;
  return 1;
}

/* The -o temporary, for the signal handler: a copy made before the run,
 * so that the handler only calls unlink (async-signal-safe). */
static char *volatile temp_path;

static void on_signal(int sig) {
  char *p = temp_path;
  if (p)
    unlink(p);
  signal(sig, SIG_DFL);
  raise(sig);
}

/* Remove the temporary on SIGINT, SIGTERM and SIGHUP, then die of the
 * signal as before.  A signal ignored from the start (nohup) stays so. */
static void catch_signals(void) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction sa = {0};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
    sigaddset(&sa.sa_mask, sigs[i]);
  for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
    struct sigaction old;
    if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
      sigaction(sigs[i], &sa, NULL);
  }
}

static void forget_temp(void) {
  char *p = temp_path;
  temp_path = NULL;
  free(p);
}

/* Why writing stopped: the system's reason when the output failed. */
static void write_failed(const bcv_format *wf, const bcv_output *out, int status) {
  int e = bcv_output_failed(out);
  fprintf(stderr, "bibconv: error: writing %s stopped: %s\n", wf->name,
          e ? strerror(e) : bcv_strerror(status != BCV_OK ? status : BCV_EIO));
}

/* A repeated id: warn, naming both places, and rename this record
 * `id-N` (the Nth of that id, or the next name not taken), so that every
 * writer gets distinct keys and no record is lost.  BibTeX keeps the first
 * and drops the rest; a bibliography of two works under one key is more
 * often a merge than a copy, and dropping one would be silent loss. */
static int dedupe(bcv_idset *ids, bcv_diag *diag, bcv_record *r, unsigned input,
                  char *const *names) {
  const char *id = bcv_record_id(r);
  if (!id || !*id)
    return BCV_OK;
  size_t len = strlen(id);
  long first_line = 0;
  unsigned first_input = 0;
  long rep = bcv_idset_add(ids, id, len, bcv_record_line(r), input, &first_line, &first_input);
  if (rep < 0)
    return BCV_ENOMEM;
  if (rep == 0)
    return BCV_OK;
  char *nid = malloc(len + 24);
  if (!nid)
    return BCV_ENOMEM;
  size_t nl;
  unsigned long k = (unsigned long)rep + 1;
  do
    nl = (size_t)snprintf(nid, len + 24, "%s-%lu", id, k++);
  while (bcv_idset_has(ids, nid, nl));
  char where[64] = "an earlier record";
  const char *in_name = first_input != input && first_input < 255 ? names[first_input] : NULL;
  if (first_line && in_name)
    snprintf(where, sizeof where, "%.40s:%ld", in_name, first_line);
  else if (first_line)
    snprintf(where, sizeof where, "line %ld", first_line);
  bcv_diag_report(diag, BCV_SEV_WARNING, NULL, bcv_record_line(r), bcv_record_column(r),
                  "record '%s': the id is used before, at %s; kept as '%s'", id, where, nid);
  int rc = bcv_idset_add(ids, nid, nl, bcv_record_line(r), input, NULL, NULL) < 0
               ? BCV_ENOMEM
               : bcv_record_set_id(r, nid, nl);
  free(nid);
  return rc;
}

int main(int argc, char **argv) {
  cli c = {0};
  const char *from = NULL, *to = NULL, *outpath = NULL, *encoding = NULL;
  int list = 0;
  int rc = EXIT_OK;
  bcv_options *ropts = bcv_options_new(), *wopts = bcv_options_new();
  char **dirs = calloc((size_t)argc + 1, sizeof *dirs);
  size_t n_dirs = 0;
  enum { OPT_LIST = 256, OPT_STRICT, OPT_VERSION, OPT_ENCODING, OPT_PLUGIN_DIR };
  static const struct option longopts[] = {
      {"from", required_argument, NULL, 'f'},       {"to", required_argument, NULL, 't'},
      {"output", required_argument, NULL, 'o'},     {"quiet", no_argument, NULL, 'q'},
      {"verbose", no_argument, NULL, 'v'},          {"help", no_argument, NULL, 'h'},
      {"list-formats", no_argument, NULL, OPT_LIST}, {"strict", no_argument, NULL, OPT_STRICT},
      {"version", no_argument, NULL, OPT_VERSION},  {"encoding", required_argument, NULL, OPT_ENCODING},
      {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR}, {NULL, 0, NULL, 0}};
  int early = -1; /* exit status when argument parsing ends the run */
  if (!ropts || !wopts || !dirs) {
    fputs("bibconv: error: out of memory\n", stderr);
    early = EXIT_IO;
  }
  int ch;
  while (early < 0 && (ch = getopt_long(argc, argv, "f:t:o:I:O:qvh", longopts, NULL)) != -1) {
    switch (ch) {
    case 'f': from = optarg; break;
    case 't': to = optarg; break;
    case 'o': outpath = optarg; break;
    case 'I':
    case 'O':
      if (bcv_options_add(ch == 'I' ? ropts : wopts, optarg) != BCV_OK) {
        fprintf(stderr, "bibconv: error: -%c needs KEY or KEY=VALUE, not '%s'\n", ch, optarg);
        early = EXIT_USAGE;
      }
      break;
    case 'q': c.quiet = 1; break;
    case 'v': c.verbose = 1; break;
    case 'h': usage(stdout); early = EXIT_OK; break;
    case OPT_LIST: list = 1; break;
    case OPT_STRICT: c.strict = 1; break;
    case OPT_VERSION:
      printf("bibconv %s (plugin ABI %d.%d)\n", bcv_version(), BCV_ABI_MAJOR, BCV_ABI_MINOR);
      early = EXIT_OK;
      break;
    case OPT_ENCODING: encoding = optarg; break;
    case OPT_PLUGIN_DIR: dirs[n_dirs++] = optarg; break;
    default: usage(stderr); early = EXIT_USAGE; break;
    }
  }
  if (early >= 0) {
    bcv_options_free(&ropts);
    bcv_options_free(&wopts);
    free(dirs);
    return early;
  }
  c.tty = isatty(STDERR_FILENO) && !c.quiet;

  bcv_diag *diag = bcv_diag_new(sink, &c);
  bcv_registry *reg = diag ? bcv_registry_new(diag) : NULL;
  if (!reg) {
    fputs("bibconv: error: out of memory\n", stderr);
    bcv_diag_free(&diag);
    bcv_options_free(&ropts);
    bcv_options_free(&wopts);
    free(dirs);
    return EXIT_IO;
  }
  for (size_t i = 0; i < n_dirs; i++)
    bcv_registry_add_dir(reg, dirs[i]);
  int plugin_failures = bcv_registry_load(reg);
  size_t plugin_errors = bcv_diag_count(diag, BCV_SEV_ERROR);

  bcv_output *out = NULL;
  const bcv_format *wf = NULL;
  void *wstate = NULL;
  unsigned long n_records = 0;
  bcv_idset *ids = NULL;

  if (list) {
    list_formats(reg);
    rc = plugin_failures ? EXIT_PLUGIN : EXIT_OK;
    goto done;
  }
  if (!to) {
    fputs("bibconv: error: no output format; use -t FORMAT (see --list-formats)\n", stderr);
    rc = EXIT_USAGE;
    goto done;
  }
  wf = bcv_registry_find(reg, to);
  if (!wf || !wf->writer) {
    unknown_format(reg, to, 1);
    rc = plugin_failures ? EXIT_PLUGIN : EXIT_USAGE;
    goto done;
  }
  const bcv_format *forced = NULL;
  if (from) {
    forced = bcv_registry_find(reg, from);
    if (!forced || !forced->reader) {
      unknown_format(reg, from, 0);
      rc = plugin_failures ? EXIT_PLUGIN : EXIT_USAGE;
      goto done;
    }
    if (!check_options(ropts, forced->reader->options, "-I", forced->name)) {
      rc = EXIT_USAGE;
      goto done;
    }
  }
  if (!check_options(wopts, wf->writer->options, "-O", wf->name)) {
    rc = EXIT_USAGE;
    goto done;
  }

  bcv_error err = {0};
  /* The signals stay blocked from before the temporary exists until its
   * name is known to the handler: one arriving in between would otherwise
   * kill the run with the temporary left behind. */
  sigset_t block, saved;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGTERM);
  sigaddset(&block, SIGHUP);
  sigprocmask(SIG_BLOCK, &block, &saved);
  out = bcv_output_open(outpath, &err);
  if (out && bcv_output_temp_path(out)) {
    temp_path = strdup(bcv_output_temp_path(out));
    catch_signals();
  }
  sigprocmask(SIG_SETMASK, &saved, NULL);
  if (!out) {
    fprintf(stderr, "%s: error: %s\n", err.source, err.text);
    rc = EXIT_IO;
    goto done;
  }
  bcv_diag_set_source(diag, NULL);
  if (wf->writer->begin(out, wopts, diag, &wstate) != BCV_OK) {
    fprintf(stderr, "bibconv: error: the %s writer could not start\n", wf->name);
    rc = EXIT_IO;
    goto done;
  }

  ids = bcv_idset_new();
  if (!ids) {
    fputs("bibconv: error: out of memory\n", stderr);
    rc = EXIT_IO;
    goto done;
  }
  int n_inputs = argc - optind;
  int stop = 0;
  unsigned long replaced = 0; /* undecodable bytes, over all inputs */
  time_t last = time(NULL);
  for (int k = 0; k < (n_inputs ? n_inputs : 1) && !stop; k++) {
    const char *path = n_inputs ? argv[optind + k] : "-";
    bcv_input *in = bcv_input_open(path, encoding, diag, &err);
    if (!in) {
      fprintf(stderr, "%s: error: %s\n", err.source, err.text);
      rc = err.code == BCV_EINVAL ? EXIT_USAGE : EXIT_IO;
      stop = 1;
      break;
    }
    bcv_diag_set_source(diag, bcv_input_name(in));
    const bcv_format *rf = forced;
    size_t hl = 0;
    const char *head = bcv_input_peek(in, BCV_DETECT_BYTES, &hl);
    /* An empty input holds no record in any format: nothing to detect. */
    int empty = head && hl < BCV_DETECT_BYTES && blank(head, hl);
    if (!head) {
      rc = EXIT_IO;
      stop = 1;
    } else if (!rf && empty) {
      if (c.verbose)
        fprintf(stderr, "%s: note: empty input\n", bcv_input_name(in));
      bcv_input_close(&in);
      continue;
    } else if (!rf) {
      if (bcv_registry_detect(reg, head, hl, n_inputs ? path : NULL, &rf, &err) != BCV_OK) {
        fprintf(stderr, "%s: error: %s\n", bcv_input_name(in), err.text);
        rc = EXIT_USAGE;
        stop = 1;
      } else if (!check_options(ropts, rf->reader->options, "-I", rf->name)) {
        rc = EXIT_USAGE;
        stop = 1;
      } else if (c.verbose) {
        fprintf(stderr, "%s: note: reading as %s\n", bcv_input_name(in), rf->name);
      }
    }
    /* Whether the head is this format's by its own test: then zero
     * records is a true answer ("[]", a file of @string), not a sign of
     * the wrong format.  Asked now, while the head is still there. */
    int claimed = !stop && bcv_registry_claims(rf, head, hl, n_inputs ? path : NULL);
    size_t errors_at_start = bcv_diag_count(diag, BCV_SEV_ERROR);
    unsigned long n_read = 0;
    void *rstate = NULL;
    if (!stop && rf->reader->open(in, ropts, diag, &rstate) != BCV_OK) {
      fprintf(stderr, "%s: error: the %s reader could not start\n", bcv_input_name(in), rf->name);
      rc = EXIT_IO;
      stop = 1;
    }
    while (!stop) {
      bcv_record *r = NULL;
      size_t errors_before = bcv_diag_count(diag, BCV_SEV_ERROR);
      int s = rf->reader->next(rstate, &r);
      if (s == BCV_DONE)
        break;
      if (s != BCV_OK) {
        /* A reader gives up only on I/O failure or exhausted memory;
         * anything else it reports itself and skips. */
        fprintf(stderr, "%s: error: reading stopped: %s\n", bcv_input_name(in), bcv_strerror(s));
        rc = EXIT_IO;
        stop = 1;
        bcv_record_free(&r);
        break;
      }
      n_read++;
      if (dedupe(ids, diag, r, (unsigned)k, argv + optind) != BCV_OK) {
        fputs("bibconv: error: out of memory\n", stderr);
        bcv_record_free(&r);
        rc = EXIT_IO;
        stop = 1;
        break;
      }
      int ws = wf->writer->write(wstate, r);
      if (ws != BCV_OK && ws != BCV_EIO && ws != BCV_ENOMEM && !bcv_output_failed(out)) {
        /* This record, not the output, is the trouble (more fields than
         * the format allows): it is rejected like a bad input record. */
        const char *id = bcv_record_id(r);
        bcv_diag_report(diag, BCV_SEV_ERROR, NULL, bcv_record_line(r), bcv_record_column(r),
                        "%s%s%scannot be written as %s (%s); skipped", id ? "record '" : "",
                        id ? id : "", id ? "': " : "", wf->name, bcv_strerror(ws));
        bcv_record_free(&r);
        continue;
      }
      if (ws != BCV_OK || bcv_output_failed(out)) {
        write_failed(wf, out, ws);
        bcv_record_free(&r);
        rc = EXIT_IO;
        stop = 1;
        break;
      }
      bcv_record_free(&r);
      n_records++;
      if (c.strict && bcv_diag_count(diag, BCV_SEV_ERROR) > errors_before) {
        stop = 1;
        break;
      }
      if (c.tty && (n_records & 1023) == 0 && time(NULL) != last) {
        last = time(NULL);
        fprintf(stderr, "\rbibconv: %lu records", n_records);
        c.progress_shown = 1;
      }
    }
    if (!stop && n_read == 0 && !empty && !claimed &&
        bcv_diag_count(diag, BCV_SEV_ERROR) == errors_at_start) {
      /* Text that gave no record, and no error, is likely in another
       * format: no silent success with empty output. */
      bcv_diag_report(diag, BCV_SEV_ERROR, NULL, 0, 0,
                      "no record read as %s%s; %s", rf->name, forced ? " (-f)" : "",
                      forced ? "leave -f out to detect the format, or name another with -f"
                             : "name its format with -f (see --list-formats)");
    }
    if (c.strict && bcv_diag_count(diag, BCV_SEV_ERROR) > plugin_errors) {
      if (rc == EXIT_OK)
        rc = EXIT_REJECTED;
      stop = 1;
    }
    if (rstate)
      rf->reader->close(rstate);
    if (bcv_input_failed(in))
      rc = EXIT_IO;
    replaced += bcv_input_replaced(in);
    bcv_input_close(&in);
  }
  clear_progress(&c);
  bcv_diag_set_source(diag, NULL);

  /* A run that stopped early writes nothing: the -o file keeps its old
   * content.  A run that only rejected some records writes the rest. */
  int ok = !stop && rc == EXIT_OK;
  /* Nor does a run whose text could not all be decoded: its records are
   * there, with U+FFFD where the text was, but a wrong --encoding is
   * better noticed over the old file than found in the new one. */
  int garbled = ok && replaced && bcv_output_temp_path(out);
  if (garbled)
    ok = 0;
  int wend = wf->writer->end(wstate, ok);
  wstate = NULL;
  if (ok && wend != BCV_OK) {
    write_failed(wf, out, wend);
    rc = EXIT_IO;
  }
  if (ok && rc == EXIT_OK) {
    if (bcv_output_commit(&out, &err) != BCV_OK) {
      fprintf(stderr, "%s: error: %s\n", err.source, err.text);
      rc = EXIT_IO;
    }
  } else {
    int replaces = bcv_output_temp_path(out) != NULL;
    bcv_output_abort(&out);
    if (rc == EXIT_OK)
      rc = EXIT_REJECTED;
    if (garbled)
      fprintf(stderr, "bibconv: error: %lu byte%s of the input could not be decoded; %s left unchanged\n",
              replaced, replaced == 1 ? "" : "s", outpath);
    else if (replaces)
      fprintf(stderr, "bibconv: error: conversion stopped; %s left unchanged\n", outpath);
  }
  forget_temp();
  size_t errors = bcv_diag_count(diag, BCV_SEV_ERROR) - plugin_errors;
  if (rc == EXIT_OK && errors)
    rc = EXIT_REJECTED;
  if (rc != EXIT_IO && rc != EXIT_USAGE && plugin_failures)
    rc = EXIT_PLUGIN;
  if (c.verbose)
    fprintf(stderr, "bibconv: %lu records written; %zu errors, %zu warnings\n", n_records, errors,
            bcv_diag_count(diag, BCV_SEV_WARNING));

done:
  if (wstate)
    wf->writer->end(wstate, 0);
  bcv_output_abort(&out);
  forget_temp();
  bcv_idset_free(&ids);
  bcv_registry_free(&reg);
  bcv_diag_free(&diag);
  bcv_options_free(&ropts);
  bcv_options_free(&wopts);
  free(dirs);
  return rc;
}
