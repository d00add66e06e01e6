/* SPDX-License-Identifier: MIT */
/* fuzz-reader.c: the libFuzzer harness, one for every reader.  The format
 * is the one the binary is named after (fuzz-bibtex, fuzz-ris: make fuzz
 * links one name per reader the build's modules offer) or
 * $BCV_FUZZ_FORMAT.  Each input goes, from memory, through format
 * detection and the reader, and every record through every writer, as
 * bibconv would convert it; only the public API is used.
 *
 * The modules are loaded once, before fuzzing starts, from the build
 * tree (or $BCV_FUZZ_PLUGIN_DIR), so libFuzzer sees their coverage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bibconv/bibconv.h"

#ifndef FUZZ_PLUGIN_DIR
#define FUZZ_PLUGIN_DIR "plugins"
#endif
#define MAX_WRITERS 64

static bcv_diag *diag;
static bcv_registry *reg;
static const bcv_format *reader;
static const bcv_format *writers[MAX_WRITERS];
static size_t n_writers;
static bcv_options *opts;

/* Diagnostics are formatted (that code runs too) and dropped. */
static void quiet(void *ud, bcv_severity sev, const char *source, long line, long column,
                  const char *msg) {
  (void)ud, (void)sev, (void)source, (void)line, (void)column, (void)msg;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  const char *name = getenv("BCV_FUZZ_FORMAT");
  if (!name || !*name) {
    const char *base = strrchr((*argv)[0], '/');
    base = base ? base + 1 : (*argv)[0];
    name = strncmp(base, "fuzz-", 5) == 0 ? base + 5 : "";
  }
  const char *dir = getenv("BCV_FUZZ_PLUGIN_DIR");
  diag = bcv_diag_new(quiet, NULL);
  reg = diag ? bcv_registry_new(diag) : NULL;
  opts = bcv_options_new();
  if (!reg || !opts) {
    fputs("fuzz: out of memory\n", stderr);
    exit(1);
  }
  /* only this build's modules: no installed ones */
  setenv("BIBCONV_PLUGIN_SYSTEM_PATH", "", 1);
  unsetenv("BIBCONV_PLUGIN_PATH");
  bcv_registry_add_dir(reg, dir && *dir ? dir : FUZZ_PLUGIN_DIR);
  bcv_registry_load(reg);
  reader = bcv_registry_find(reg, name);
  if (!reader || !reader->reader) {
    fprintf(stderr, "fuzz: no reader '%s' (name the binary fuzz-FORMAT or set BCV_FUZZ_FORMAT)\n",
            name);
    exit(1);
  }
  for (size_t i = 0; i < bcv_registry_count(reg) && n_writers < MAX_WRITERS; i++)
    if (bcv_registry_format(reg, i)->writer)
      writers[n_writers++] = bcv_registry_format(reg, i);
  return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
  const bcv_format *detected;
  bcv_registry_detect(reg, (const char *)data, size < 8192 ? size : 8192, NULL, &detected, NULL);

  bcv_input *in = bcv_input_open_memory(data, size, "fuzz", NULL, diag, NULL);
  if (!in)
    return 0;
  bcv_output *out[MAX_WRITERS];
  void *ws[MAX_WRITERS];
  for (size_t w = 0; w < n_writers; w++) {
    /* a device is written in place: no temporary file per input */
    out[w] = bcv_output_open("/dev/null", NULL);
    ws[w] = NULL;
    if (out[w] && writers[w]->writer->begin(out[w], opts, diag, &ws[w]) != BCV_OK)
      ws[w] = NULL;
  }
  void *rs = NULL;
  if (reader->reader->open(in, opts, diag, &rs) == BCV_OK) {
    bcv_record *r = NULL;
    while (reader->reader->next(rs, &r) == BCV_OK) {
      for (size_t w = 0; w < n_writers; w++)
        if (ws[w])
          writers[w]->writer->write(ws[w], r);
      bcv_record_free(&r);
    }
    bcv_record_free(&r);
    reader->reader->close(rs);
  }
  for (size_t w = 0; w < n_writers; w++) {
    if (ws[w])
      writers[w]->writer->end(ws[w], 1);
    if (out[w])
      bcv_output_commit(&out[w], NULL);
  }
  bcv_input_close(&in);
  return 0;
}
