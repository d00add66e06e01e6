/* SPDX-License-Identifier: MIT */
/* convert.c: files converted with libbibconv, as `bibconv -t FORMAT -o
 * OUTPUT INPUT...` does: each input's format detected, problems reported
 * as FILE:LINE:COL on stderr, OUTPUT replaced only when all goes well.
 *
 *   cc -o convert convert.c $(pkg-config --cflags --libs bibconv)
 *   ./convert csl-json refs.json refs.bib more.ris */
#include <stdio.h>
#include <bibconv/bibconv.h>

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s FORMAT OUTPUT INPUT...\n", argv[0]);
    return BCV_EXIT_USAGE;
  }
  bcv_diag *diag = bcv_diag_new(NULL, NULL); /* NULL: print GNU style to stderr */
  bcv_registry *reg = diag ? bcv_registry_new(diag) : NULL;
  bcv_pipeline *p = reg ? bcv_pipeline_new(reg, diag) : NULL;
  int status = BCV_EXIT_IO;
  if (p) {
    bcv_registry_load(reg); /* the installed modules; a broken one is reported */
    const bcv_format *f = bcv_registry_find(reg, argv[1]); /* any case, or an alias */
    bcv_error err = {0};
    bcv_output *out = NULL;
    if (!f || bcv_pipeline_set_writer(p, f, NULL) != BCV_OK) {
      fprintf(stderr, "%s: no format writes it\n", argv[1]);
      status = BCV_EXIT_USAGE;
    } else if (!(out = bcv_output_open(argv[2], &err)))
      fprintf(stderr, "%s: error: %s\n", err.source, err.text);
    else /* the run takes the output over: committed or abandoned */
      status = bcv_pipeline_run(p, (const char *const *)argv + 3, (size_t)argc - 3, out);
    const bcv_counts *n = bcv_pipeline_counts(p);
    fprintf(stderr, "%lu records read, %lu written\n", n->read, n->written);
  }
  bcv_pipeline_free(&p);
  bcv_registry_free(&reg);
  bcv_diag_free(&diag);
  return status;
}
