/* SPDX-License-Identifier: MIT */
/* test-pipeline.c: the conversion pipeline through the public API alone:
 * detection, filters (pass, change, drop, stop), the core's id filter,
 * counts, exit statuses and the output kept or replaced. */
#include <stdlib.h>
#include <unistd.h>
#include <bibconv/bibconv.h>
#include "../tap.h"

static char diags[4096];

static void sink(void *ud, bcv_severity sev, const char *src, long line, long col, const char *msg) {
  (void)ud;
  size_t l = strlen(diags);
  snprintf(diags + l, sizeof diags - l, "%s:%ld:%s:%s\n", src ? src : "-", line,
           sev == BCV_SEV_ERROR ? "error" : sev == BCV_SEV_WARNING ? "warning" : "note", msg);
}

static void put(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  fputs(text, f);
  fclose(f);
}

static char *slurp(const char *path) {
  static char buf[8192];
  FILE *f = fopen(path, "r");
  size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
  buf[n] = '\0';
  if (f)
    fclose(f);
  return buf;
}

/* A filter that drops records titled "drop me", retitles "change me" and
 * stops the run on "stop"; begin counts the runs. */
typedef struct test_filter {
  int begun, seen;
  size_t last_input;
} test_filter;

static int tf_begin(void *s) {
  ((test_filter *)s)->begun++;
  return BCV_OK;
}

static int tf_record(void *s, bcv_pipeline *p, bcv_record *r) {
  test_filter *t = s;
  t->seen++;
  t->last_input = bcv_pipeline_input(p);
  const char *title = bcv_record_text(r, BCV_VAR_TITLE, NULL);
  if (title && strcmp(title, "drop me") == 0) {
    bcv_diag_report(bcv_pipeline_diag(p), BCV_SEV_NOTE, NULL, bcv_record_line(r), 0, "dropped by %s",
                    bcv_pipeline_input_name(p, bcv_pipeline_input(p)) ? "the test" : "?");
    return BCV_DROP;
  }
  if (title && strcmp(title, "stop") == 0)
    return BCV_ENOMEM;
  if (title && strcmp(title, "change me") == 0)
    return bcv_record_add_text(r, BCV_VAR_NOTE, NULL, "changed", 7);
  return BCV_OK;
}

static void tf_free(void *s) { free(s); }

static const bcv_filter_ops test_ops = {tf_begin, tf_record, tf_free};

/* An opener that counts the outputs it opens. */
static bcv_output *counting_open(void *ud, const char *path, bcv_error *err) {
  (*(int *)ud)++;
  return bcv_output_open(path, err);
}

int main(void) {
  char dir[] = "/tmp/bcv-pipe.XXXXXX";
  if (!mkdtemp(dir))
    return 1;
  char a[256], b[256], outp[256];
  snprintf(a, sizeof a, "%s/a.json", dir);
  snprintf(b, sizeof b, "%s/b.bib", dir);
  snprintf(outp, sizeof outp, "%s/out.json", dir);
  put(a, "[{\"id\": \"k\", \"type\": \"book\", \"title\": \"kept\"},\n"
         " {\"id\": \"d\", \"type\": \"book\", \"title\": \"drop me\"},\n"
         " {\"id\": \"c\", \"type\": \"book\", \"title\": \"change me\"}]\n");
  put(b, "@book{k, title = {same id}}\n");

  bcv_diag *diag = bcv_diag_new(sink, NULL);
  bcv_registry *reg = bcv_registry_new(diag);
  bcv_registry_load(reg);
  const bcv_format *csl = bcv_registry_find(reg, "csl-json");
  ok(csl != NULL, "the csl-json module is found (BIBCONV_PLUGIN_SYSTEM_PATH)");
  if (!csl)
    return tap_done();

  bcv_pipeline *p = bcv_pipeline_new(reg, diag);
  bcv_output *out = bcv_output_open(outp, NULL);
  ok(bcv_pipeline_run(p, NULL, 0, out) == BCV_EXIT_USAGE, "no writer: a usage error");
  ok(strstr(diags, "no output format") != NULL, "and it says so");

  bcv_options *wo = bcv_options_new();
  bcv_options_add(wo, "nosuch");
  diags[0] = '\0';
  ok(bcv_pipeline_set_writer(p, csl, wo) == BCV_EINVAL, "a writer option the writer has not");
  ok(strstr(diags, "-O nosuch: format 'csl-json' has no such option") != NULL, "is named");
  ok(bcv_pipeline_set_writer(p, csl, NULL) == BCV_OK, "the writer is set");

  test_filter *t = calloc(1, sizeof *t);
  ok(bcv_pipeline_add_filter(p, &test_ops, t) == BCV_OK, "a filter is added");
  const char *inputs[] = {a, b};
  diags[0] = '\0';
  int rc = bcv_pipeline_run(p, inputs, 2, bcv_output_open(outp, NULL));
  ok(rc == BCV_EXIT_OK, "two inputs of two formats, detected: exit 0 (got %d)", rc);
  const bcv_counts *n = bcv_pipeline_counts(p);
  ok(n->inputs == 2 && n->read == 4 && n->written == 3 && n->filtered == 1,
     "counts: 2 inputs, 4 read, 3 written, 1 filtered (%lu %lu %lu %lu)", n->inputs, n->read,
     n->written, n->filtered);
  ok(t->begun == 1 && t->seen == 4 && t->last_input == 1, "the filter saw every record, knowing its input");
  const char *o = slurp(outp);
  ok(strstr(o, "\"note\": \"changed\"") != NULL, "a filter's change reaches the writer");
  ok(strstr(o, "drop me") == NULL, "a dropped record does not");
  ok(strstr(o, "\"id\": \"k-2\"") != NULL, "the core's id filter renames a repeated id");
  ok(strstr(diags, "the id is used before, at ") != NULL && strstr(diags, "a.json:1; kept as 'k-2'"),
     "naming the first input and line");
  ok(strstr(diags, "dropped by the test") != NULL, "the filter's own diagnostic is reported");

  /* a filter failing stops the run: the output file is kept */
  put(outp, "precious");
  put(b, "[{\"id\": \"s\", \"type\": \"book\", \"title\": \"stop\"}]");
  diags[0] = '\0';
  rc = bcv_pipeline_run(p, inputs, 2, bcv_output_open(outp, NULL));
  ok(rc == BCV_EXIT_IO, "a filter's error stops the run: exit 4 (got %d)", rc);
  ok(strcmp(slurp(outp), "precious") == 0, "and the output file is left as it was");
  ok(strstr(diags, "left unchanged") != NULL, "which is said");
  ok(t->begun == 2, "each run begins the filters afresh");

  /* an unreadable input */
  char missing[300];
  snprintf(missing, sizeof missing, "%s/none.json", dir);
  const char *bad[] = {missing};
  rc = bcv_pipeline_run(p, bad, 1, bcv_output_open(outp, NULL));
  ok(rc == BCV_EXIT_IO, "a missing input: exit 4");
  ok(bcv_pipeline_run(p, bad, 1, NULL) == BCV_EXIT_IO, "no output at all: exit 4");

  /* one output per input */
  static const char *const names[][3] = {
      {"out", "x/a.bib", "out/a.json"},     {"out/", "a", "out/a.json"},
      {"/", "a.b.bib", "/a.b.json"},        {"d", ".bib", "d/.bib.json"},
      {"d//", "x.y/a", "d/a.json"},         {"", "a.ris", "a.json"}};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    char *path = bcv_output_path_for(names[i][0], names[i][1], csl);
    is_str(path, names[i][2], "the output of '%s' in '%s'", names[i][1], names[i][0]);
    free(path);
  }
  bcv_pipeline_free(&p);
  p = bcv_pipeline_new(reg, diag);
  bcv_pipeline_set_writer(p, csl, NULL);
  char odir[300], oa[320], ob[320];
  snprintf(odir, sizeof odir, "%s/o", dir);
  snprintf(oa, sizeof oa, "%s/a.json", odir);
  snprintf(ob, sizeof ob, "%s/b.json", odir);
  put(b, "@book{k, title = {from b}}\n");
  const char *batch[] = {a, missing, b, a};
  int st[4] = {-1, -1, -1, -1}, opened = 0;
  bcv_pipeline_set_opener(p, counting_open, &opened);
  diags[0] = '\0';
  rc = bcv_pipeline_run_dir(p, batch, 4, odir, st);
  ok(rc == BCV_EXIT_IO, "a batch: the worst status, exit 4 (got %d)", rc);
  ok(st[0] == 0 && st[1] == BCV_EXIT_IO && st[2] == 0 && st[3] == BCV_EXIT_USAGE,
     "each input's own status (%d %d %d %d)", st[0], st[1], st[2], st[3]);
  ok(strstr(slurp(oa), "\"title\": \"kept\"") != NULL, "the first input into o/a.json");
  ok(strstr(slurp(ob), "\"title\": \"from b\"") != NULL, "the third, after a failing one, into o/b.json");
  ok(opened == 3, "through the opener, once for each input that gets that far (%d)", opened);
  ok(strstr(diags, "its output ") && strstr(diags, "a.json is that of "), "a second input of one output name is refused");
  n = bcv_pipeline_counts(p);
  ok(n->inputs == 2 && n->written == 4, "counts over the batch (%lu inputs, %lu written)", n->inputs, n->written);
  unlink(oa);
  unlink(ob);
  rmdir(odir);

  bcv_pipeline_free(&p);
  ok(p == NULL, "free sets the pointer to NULL");
  bcv_pipeline_free(&p);
  bcv_options_free(&wo);
  bcv_registry_free(&reg);
  bcv_diag_free(&diag);
  unlink(a);
  unlink(b);
  unlink(outp);
  rmdir(dir);
  return tap_done();
}
