/* SPDX-License-Identifier: MIT */
/* main.c: the bibconv driver: the command line and what is reported; the
 * conversion itself is libbibconv's pipeline (convert.h). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "config.h"
#include "bibconv/bibconv.h"

enum exit_code { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2, EXIT_PLUGIN = 3, EXIT_IO = 4 };

typedef struct cli {
  int quiet, verbose, strict, dedupe, keys; /* keys: 1 missing, 2 all */
  int progress_shown, progress_ever;
  int tty;
  time_t last;
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

/* Records so far, on a terminal, at most once a second. */
static void progress(void *ud, const bcv_counts *n) {
  cli *c = ud;
  time_t now = time(NULL);
  if (now == c->last)
    return;
  c->last = now;
  fprintf(stderr, "\rbibconv: %lu records", n->written);
  c->progress_shown = c->progress_ever = 1;
}

static const char *plural(unsigned long n, const char *one, const char *many) {
  return n == 1 ? one : many;
}

/* What the run did, in one line. */
static void summary(const bcv_counts *n) {
  fprintf(stderr,
          "bibconv: %lu %s read, %lu written, %lu rejected, %lu %s dropped, %lu %s dropped; "
          "%lu %s\n",
          n->read, plural(n->read, "record", "records"), n->written, n->rejected, n->filtered,
          plural(n->filtered, "duplicate", "duplicates"), n->dropped,
          plural(n->dropped, "field", "fields"), n->warnings,
          plural(n->warnings, "warning", "warnings"));
}

/* --output-dir: the inputs that did not convert whole, by name. */
static void failed_inputs(const char *const *inputs, size_t n, const int *statuses) {
  size_t failed = 0;
  for (size_t i = 0; i < n; i++)
    failed += statuses[i] != EXIT_OK;
  if (!failed)
    return;
  fprintf(stderr, "bibconv: %zu of %zu %s failed:", failed, n, plural(n, "input", "inputs"));
  for (size_t i = 0, k = 0; i < n; i++)
    if (statuses[i] != EXIT_OK)
      fprintf(stderr, "%s %s (exit %d)", k++ ? "," : "", inputs[i], statuses[i]);
  fputc('\n', stderr);
}

static void usage(FILE *f) {
  fputs("Usage: bibconv [-f FROM] [-t TO] [-o OUT|--output-dir DIR] [OPTION]... [FILE]...\n"
        "Convert bibliographic records from FILEs (standard input when none, or \"-\")\n"
        "to one output (standard output unless -o), or one per FILE (--output-dir).\n"
        "\n"
        "  -f, --from=FORMAT       input format (default: detected from each file's content)\n"
        "  -t, --to=FORMAT         output format (default: from -o's extension)\n"
        "  -o, --output=FILE       write FILE, replacing it only when the run succeeds\n"
        "      --output-dir=DIR    one output per FILE, named after it (DIR/a.ris)\n"
        "  -I KEY[=VALUE]          pass an option to the reader\n"
        "  -O KEY[=VALUE]          pass an option to the writer\n"
        "      --encoding=NAME     input encoding (default UTF-8), e.g. GB18030, latin1\n"
        "      --plugin-dir=DIR    look for format modules in DIR first (repeatable)\n"
        "      --list-formats      list the formats, what they can do and their modules\n"
        "      --dedupe            drop later records of a work already written (same DOI,\n"
        "                          else PMID, else title, year and first author)\n"
        "      --keys[=all]        give each record without a citation key one made from\n"
        "                          its first author, year and title (all: every record)\n"
        "      --strict            stop at the first rejected record or dropped field\n"
        "  -q, --quiet             show errors only\n"
        "  -v, --verbose           also show notes (fields the writer dropped, duplicates)\n"
        "                          and a summary line\n"
        "      --version           print the version\n"
        "  -h, --help              print this help\n"
        "\n"
        "Exit status: 0 all converted; 1 some records rejected; 2 usage error or\n"
        "unknown format; 3 a plugin failed to load; 4 input unreadable or output\n"
        "unwritable.\n"
        "Modules are searched in --plugin-dir, then $BIBCONV_PLUGIN_PATH, then " PLUGINDIR ".\n",
        f);
}

/* Print s wrapped at 79 columns (in bytes: wide characters make a line
 * shorter, never longer), the first line indented by `indent`, the others
 * by `more`. */
static void wrapped(const char *s, int indent, int more) {
  while (*s) {
    const int width = 79 - indent;
    size_t n = strlen(s);
    size_t cut = n;
    if ((int)n > width) {
      cut = (size_t)width;
      while (cut > 0 && s[cut] != ' ')
        cut--;
      if (cut == 0) /* one word longer than the line */
        for (cut = (size_t)width; s[cut] && s[cut] != ' '; cut++)
          ;
    }
    printf("%*s%.*s\n", indent, "", (int)cut, s);
    indent = more;
    s += cut;
    while (*s == ' ')
      s++;
  }
}

static const char *origin_name(int origin) {
  switch (origin) {
  case BCV_DIR_ADDED: return "--plugin-dir";
  case BCV_DIR_PATH_ENV: return "$BIBCONV_PLUGIN_PATH";
  default: return "installed plugin directory";
  }
}

/* The module file relative to the directory it was found in. */
static const char *relative(const char *path, const char *dir) {
  size_t n = dir ? strlen(dir) : 0;
  if (n && strncmp(path, dir, n) == 0 && path[n] == '/')
    return path + n + 1;
  return path;
}

static void join(char *buf, size_t cap, const char *const *list, const char *prefix) {
  buf[0] = '\0';
  for (; list && *list; list++) {
    size_t l = strlen(buf);
    snprintf(buf + l, cap - l, "%s%s%s", l ? "," : "", prefix, *list);
  }
  if (!buf[0])
    snprintf(buf, cap, "-");
}

/* One block per format: name, r/w, extensions and aliases on its line,
 * then the description and the options, wrapped and indented; then the
 * modules, by directory, each file relative to its directory. */
static void list_formats(const bcv_registry *reg) {
  size_t n = bcv_registry_count(reg);
  int wn = 6, we = 10;
  char ext[200], al[200];
  for (size_t i = 0; i < n; i++) {
    const bcv_format *f = bcv_registry_format(reg, i);
    join(ext, sizeof ext, f->extensions, ".");
    if ((int)strlen(f->name) > wn)
      wn = (int)strlen(f->name);
    if ((int)strlen(ext) > we)
      we = (int)strlen(ext);
  }
  if (wn > 20)
    wn = 20;
  if (we > 30)
    we = 30;
  printf("%-*s R/W  %-*s ALIASES\n", wn, "FORMAT", we, "EXTENSIONS");
  for (size_t i = 0; i < n; i++) {
    const bcv_format *f = bcv_registry_format(reg, i);
    join(ext, sizeof ext, f->extensions, ".");
    join(al, sizeof al, f->aliases, "");
    printf("%-*s %c%c   %-*s %s\n", wn, f->name, f->reader ? 'r' : '-', f->writer ? 'w' : '-', we,
           ext, al);
    if (f->description && *f->description)
      wrapped(f->description, 4, 4);
    const bcv_option_desc *sets[2] = {f->reader ? f->reader->options : NULL,
                                      f->writer ? f->writer->options : NULL};
    for (int k = 0; k < 2; k++)
      for (const bcv_option_desc *o = sets[k]; o && o->name; o++) {
        char line[600];
        snprintf(line, sizeof line, "%s %-14s %s", k ? "-O" : "-I", o->name, o->help ? o->help : "");
        wrapped(line, 4, 22);
      }
  }
  /* options the core applies whatever the reader */
  printf("%-*s r-\n", wn, "(any)");
  wrapped("every reader, by the library", 4, 4);
  for (const bcv_option_desc *o = bcv_core_reader_options(); o->name; o++) {
    char line[600];
    snprintf(line, sizeof line, "-I %-14s %s", o->name, o->help ? o->help : "");
    wrapped(line, 4, 22);
  }
  /* the modules, grouped by the directory they came from */
  for (size_t d = 0; d < bcv_registry_dir_count(reg); d++) {
    int origin;
    const char *dir = bcv_registry_dir(reg, d, &origin);
    int header = 0;
    for (size_t i = 0; i < n; i++) {
      if (bcv_registry_module_dir(reg, i) != dir)
        continue;
      const char *mod = bcv_registry_module(reg, i);
      if (i > 0 && bcv_registry_module(reg, i - 1) == mod)
        continue; /* listed with the format before it */
      if (!header++)
        printf("\nmodules in %s (%s):\n", dir, origin_name(origin));
      printf("  %s:", relative(mod, dir));
      for (size_t j = i; j < n && bcv_registry_module(reg, j) == mod; j++)
        printf(" %s", bcv_registry_format(reg, j)->name);
      putchar('\n');
    }
  }
}

/* No module at all: say where they were looked for. */
static void nothing_found(const bcv_registry *reg) {
  fputs("bibconv: error: no format module found; looked in", stderr);
  size_t n = bcv_registry_dir_count(reg);
  for (size_t i = 0; i < n; i++) {
    int origin;
    const char *dir = bcv_registry_dir(reg, i, &origin);
    struct stat st;
    fprintf(stderr, "%s %s (%s%s)", i ? "," : "", dir, origin_name(origin),
            stat(dir, &st) == 0 ? "" : ", not there");
  }
  const char *sys = getenv("BIBCONV_PLUGIN_SYSTEM_PATH");
  fprintf(stderr, "%s; see --plugin-dir and $BIBCONV_PLUGIN_PATH\n",
          n ? "" : sys && !*sys ? " no directory ($BIBCONV_PLUGIN_SYSTEM_PATH is empty: no installed plugin directory)"
                               : " no directory");
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
  fprintf(stderr, "%s\n", any ? "" : " none");
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

/* Open an output with the signals held until the handler knows the
 * temporary's name: one arriving in between would otherwise kill the run
 * with the temporary left behind.  The pipeline's opener too, so that in
 * a batch the handler always knows the temporary being written. */
static bcv_output *open_output(void *ud, const char *path, bcv_error *err) {
  sigset_t block, saved;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGTERM);
  sigaddset(&block, SIGHUP);
  sigprocmask(SIG_BLOCK, &block, &saved);
  bcv_output *out = bcv_output_open(path, err);
  if (out && bcv_output_temp_path(out)) {
    char *old = temp_path;
    temp_path = strdup(bcv_output_temp_path(out));
    free(old);
    catch_signals();
  }
  sigprocmask(SIG_SETMASK, &saved, NULL);
  return out;
}

static void forget_temp(void) {
  char *p = temp_path;
  temp_path = NULL;
  free(p);
}

int main(int argc, char **argv) {
  cli c = {0};
  const char *from = NULL, *to = NULL, *outpath = NULL, *outdir = NULL, *encoding = NULL;
  int *statuses = NULL;
  int list = 0;
  int rc = EXIT_OK;
  bcv_options *ropts = bcv_options_new(), *wopts = bcv_options_new();
  char **dirs = calloc((size_t)argc + 1, sizeof *dirs);
  size_t n_dirs = 0;
  enum { OPT_LIST = 256, OPT_STRICT, OPT_VERSION, OPT_ENCODING, OPT_PLUGIN_DIR, OPT_DEDUPE,
         OPT_OUTPUT_DIR, OPT_KEYS };
  static const struct option longopts[] = {
      {"from", required_argument, NULL, 'f'},       {"to", required_argument, NULL, 't'},
      {"output", required_argument, NULL, 'o'},     {"quiet", no_argument, NULL, 'q'},
      {"verbose", no_argument, NULL, 'v'},          {"help", no_argument, NULL, 'h'},
      {"list-formats", no_argument, NULL, OPT_LIST}, {"strict", no_argument, NULL, OPT_STRICT},
      {"version", no_argument, NULL, OPT_VERSION},  {"encoding", required_argument, NULL, OPT_ENCODING},
      {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
      {"dedupe", no_argument, NULL, OPT_DEDUPE},   {"output-dir", required_argument, NULL, OPT_OUTPUT_DIR},
      {"keys", optional_argument, NULL, OPT_KEYS},
      {NULL, 0, NULL, 0}};
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
    case OPT_DEDUPE: c.dedupe = 1; break;
    case OPT_KEYS:
      c.keys = !optarg || strcmp(optarg, "missing") == 0 ? 1 : strcmp(optarg, "all") == 0 ? 2 : 0;
      if (!c.keys) {
        fprintf(stderr, "bibconv: error: --keys is 'missing' (the default) or 'all', not '%s'\n",
                optarg);
        early = EXIT_USAGE;
      }
      break;
    case OPT_OUTPUT_DIR: outdir = optarg; break;
    case OPT_VERSION:
      printf("bibconv %s (plugin ABI %d.%d)\n", bcv_version(), BCV_ABI_MAJOR, BCV_ABI_MINOR);
      early = EXIT_OK;
      break;
    case OPT_ENCODING: encoding = optarg; break;
    case OPT_PLUGIN_DIR: dirs[n_dirs++] = optarg; break;
    default: usage(stderr); early = EXIT_USAGE; break;
    }
  }
  if (early < 0 && outdir && outpath) {
    fputs("bibconv: error: -o and --output-dir exclude each other: one output, or one per input\n",
          stderr);
    early = EXIT_USAGE;
  } else if (early < 0 && outdir && !*outdir) {
    fputs("bibconv: error: --output-dir needs a directory\n", stderr);
    early = EXIT_USAGE;
  } else if (early < 0 && outdir && optind == argc) {
    fputs("bibconv: error: --output-dir needs input files to name its outputs after\n", stderr);
    early = EXIT_USAGE;
  }
  if (early >= 0) {
    bcv_options_free(&ropts);
    bcv_options_free(&wopts);
    free(dirs);
    return early;
  }
  c.tty = isatty(STDERR_FILENO) && !c.quiet;
  c.last = time(NULL);

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
  bcv_output *out = NULL;
  bcv_pipeline *pipe = NULL;
  if (bcv_registry_count(reg) == 0) {
    nothing_found(reg);
    rc = EXIT_PLUGIN;
    goto done;
  }


  if (list) {
    list_formats(reg);
    rc = plugin_failures ? EXIT_PLUGIN : EXIT_OK;
    goto done;
  }
  const bcv_format *wf = NULL;
  if (!to && !outpath) {
    fputs(outdir ? "bibconv: error: no output format; --output-dir needs -t FORMAT\n"
                 : "bibconv: error: no output format; use -t FORMAT, or -o FILE with the format's "
                   "extension (see --list-formats)\n",
          stderr);
    rc = EXIT_USAGE;
    goto done;
  }
  if (!to) {
    bcv_error err = {0};
    if (bcv_registry_writer_for(reg, outpath, &wf, &err) != BCV_OK) {
      fprintf(stderr, "bibconv: error: %s: %s\n", outpath, err.text);
      rc = EXIT_USAGE;
      goto done;
    }
  } else {
    wf = bcv_registry_find(reg, to);
  }
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
  }
  pipe = bcv_pipeline_new(reg, diag);
  if (!pipe || bcv_pipeline_set_encoding(pipe, encoding) != BCV_OK) {
    fputs("bibconv: error: out of memory\n", stderr);
    rc = EXIT_IO;
    goto done;
  }
  if (bcv_pipeline_set_reader(pipe, forced, ropts) != BCV_OK ||
      bcv_pipeline_set_writer(pipe, wf, wopts) != BCV_OK) {
    rc = EXIT_USAGE;
    goto done;
  }
  bcv_pipeline_set_flags(pipe, c.strict ? BCV_PIPELINE_STRICT : 0);
  if (c.keys && bcv_pipeline_add_keys(pipe, c.keys == 2) != BCV_OK) {
    fputs("bibconv: error: --keys: out of memory\n", stderr);
    rc = EXIT_IO;
    goto done;
  }
  if (c.dedupe && bcv_pipeline_add_dedupe(pipe) != BCV_OK) {
    fputs("bibconv: error: --dedupe: out of memory\n", stderr);
    rc = EXIT_IO;
    goto done;
  }
  if (c.tty)
    bcv_pipeline_set_progress(pipe, progress, &c);

  const char *const *inputs = (const char *const *)argv + optind;
  size_t n_inputs = (size_t)(argc - optind);
  if (outdir) {
    statuses = calloc(n_inputs, sizeof *statuses);
    if (!statuses) {
      fputs("bibconv: error: out of memory\n", stderr);
      rc = EXIT_IO;
      goto done;
    }
    bcv_pipeline_set_opener(pipe, open_output, NULL);
    rc = bcv_pipeline_run_dir(pipe, inputs, n_inputs, outdir, statuses);
  } else {
    bcv_error err = {0};
    out = open_output(NULL, outpath, &err);
    if (!out) {
      fprintf(stderr, "%s: error: %s\n", err.source, err.text);
      rc = EXIT_IO;
      goto done;
    }
    rc = bcv_pipeline_run(pipe, inputs, n_inputs, out);
    out = NULL;
  }
  forget_temp();
  clear_progress(&c);
  if (statuses)
    failed_inputs(inputs, n_inputs, statuses);
  if (rc != EXIT_IO && rc != EXIT_USAGE && plugin_failures)
    rc = EXIT_PLUGIN;
  /* with -v, and on a terminal after a run long enough to show progress */
  if (c.verbose || (c.tty && c.progress_ever))
    summary(bcv_pipeline_counts(pipe));

done:
  bcv_output_abort(&out);
  forget_temp();
  bcv_pipeline_free(&pipe);
  bcv_registry_free(&reg);
  bcv_diag_free(&diag);
  bcv_options_free(&ropts);
  bcv_options_free(&wopts);
  free(dirs);
  free(statuses);
  return rc;
}
