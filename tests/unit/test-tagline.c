/* SPDX-License-Identifier: MIT */
/* test-tagline.c: the tag-line scanner: each shape, record boundaries,
 * continuation lines, header tags, limits, and the feeding interface. */
#include <stdlib.h>
#include <bibconv/bibconv.h>
#include <bibconv/tagline.h>
#include "../tap.h"

static char diags[4096];

static void sink(void *ud, bcv_severity sev, const char *src, long line, long col, const char *msg) {
  (void)ud;
  (void)src;
  size_t l = strlen(diags);
  snprintf(diags + l, sizeof diags - l, "%ld:%ld:%s:%s\n", line, col,
           sev == BCV_SEV_ERROR ? "error" : "warning", msg);
}

/* Every record of text as "[LINE END] TAG=VALUE@LINE:COL ..." lines. */
static const char *scan(const bcv_tagline_dialect *d, const char *text) {
  static char out[8192];
  static const char *const ends[] = {"tag", "start", "blank", "eof"};
  out[0] = '\0';
  diags[0] = '\0';
  bcv_diag *dg = bcv_diag_new(sink, NULL);
  bcv_input *in = bcv_input_open_memory(text, strlen(text), "mem", NULL, dg, NULL);
  bcv_tagline *t = bcv_tagline_new(d, dg);
  bcv_tagline_record r;
  int rc;
  while ((rc = bcv_tagline_next(t, in, &r)) == BCV_OK) {
    size_t o = strlen(out);
    snprintf(out + o, sizeof out - o, "[%ld %s]", r.line, ends[r.end]);
    for (size_t i = 0; i < r.n; i++) {
      const bcv_tagline_field *f = &r.fields[i];
      o = strlen(out);
      snprintf(out + o, sizeof out - o, " %s=%s@%ld:%u", bcv_tagline_tag_of(&r, f),
               bcv_tagline_value_of(&r, f), f->line, f->column);
    }
    o = strlen(out);
    snprintf(out + o, sizeof out - o, "\n");
  }
  if (rc != BCV_DONE)
    snprintf(out + strlen(out), sizeof out - strlen(out), "rc=%d\n", rc);
  bcv_tagline_free(&t);
  bcv_input_close(&in);
  bcv_diag_free(&dg);
  return out;
}

static char join_ab(const char *tag, size_t tlen) {
  (void)tlen;
  return strcmp(tag, "AB") ? ' ' : '\n';
}

static const bcv_tagline_dialect ris = {
    .shape = BCV_TAGLINE_DASHED, .flags = BCV_TAGLINE_TRIM, .start = "TY", .end = "ER",
    .join = join_ab, .outside = "outside"};

static const bcv_tagline_dialect medline = {
    .shape = BCV_TAGLINE_PADDED,
    .flags = BCV_TAGLINE_TRIM | BCV_TAGLINE_BLANK_ENDS | BCV_TAGLINE_ANY_STARTS,
    .start = "PMID", .join_byte = ' ', .outside = "outside"};

static const bcv_tagline_dialect wos = {
    .shape = BCV_TAGLINE_SPACED, .flags = BCV_TAGLINE_TRIM | BCV_TAGLINE_ANY_STARTS,
    .start = "PT", .end = "ER", .skip = "FN VR EF", .join_byte = '\n', .outside = "outside"};

static const bcv_tagline_dialect refer = {
    .shape = BCV_TAGLINE_PERCENT,
    .flags = BCV_TAGLINE_TRIM | BCV_TAGLINE_BLANK_ENDS | BCV_TAGLINE_ANY_STARTS,
    .start = "0", .join_byte = ' '};

/* "{Tag}: value" */
static int braced(const char *s, size_t len, bcv_tagline_tag *t) {
  const char *c = len && s[0] == '{' ? memchr(s, '}', len) : NULL;
  if (!c || (size_t)(c - s) + 1 >= len || c[1] != ':')
    return 0;
  t->tag = 1;
  t->tlen = (size_t)(c - s) - 1;
  t->value = (size_t)(c - s) + 2;
  t->row = 7;
  return 1;
}
static const bcv_tagline_dialect custom = {.shape = BCV_TAGLINE_CUSTOM, .split = braced};

int main(void) {
  /* RIS: a record to ER, one ended by the next TY, one by the end;
   * paragraphs of AB kept, other values rewrapped; text outside warned
   * once per paragraph */
  is_str(scan(&ris, "junk\nmore junk\n\nTY  - JOUR\nTI  - A\n  title\nAB  - one\n\n two\n"
                    "ER  - \nTY -  x\nTY  - BOOK\nER  -\nTY  - GEN\nAU   -x"),
         "[4 tag] TY=JOUR@4:7 TI=A title@5:7 AB=one\ntwo@7:7\n"
         "[11 start] TY=x@11:7\n[12 tag] TY=BOOK@12:7\n[14 eof] TY=GEN@14:7 AU=x@15:7\n",
         "RIS: boundaries, continuation, 1-3 spaces before the dash");
  is_str(diags, "1:1:warning:outside\n", "RIS: text outside warned once per paragraph");
  /* "TY -" (four bytes) is no tag line; an empty value after it is */
  is_str(scan(&ris, "TY  - JOUR\nKW  -\nKW  - \n  more\nER  - "),
         "[1 tag] TY=JOUR@1:7 KW=@2:6 KW=more@3:7\n", "RIS: empty values, a continuation after one");

  /* MEDLINE: padded tags, a blank line ends a record, PMID starts one
   * even inside another, lines continue by indentation or not at all */
  is_str(scan(&medline, "PMID- 1\nTI  - A long\n      title\nFAU - Long, V\nSO  invalid\n\n"
                        "prose\n\nPMC -2\nTI-x\nPMID-3\nAB  -y"),
         "[1 blank] PMID=1@1:7 TI=A long title@2:7 FAU=Long, V SO  invalid@4:7\n"
         "[9 start] PMC=2 TI-x@9:6\n[11 eof] PMID=3@11:6 AB=y@12:6\n",
         "MEDLINE: padded tags, blank lines, PMID");
  is_str(diags, "7:1:warning:outside\n", "MEDLINE: prose between records warned");

  /* Web of Science: header tags, indentation, ER and EF */
  is_str(scan(&wos, "FN ISI Export Format\nVR 1.0\n \nPT J\nAU Brown, J\n   Smith, A\nTI A\n"
                    "   title\nER\n\nPT B\nER\nEF\n"),
         "[4 tag] PT=J@4:4 AU=Brown, J\nSmith, A@5:4 TI=A\ntitle@7:4\n[11 tag] PT=B@11:4\n",
         "WoS: header skipped, lines of a value kept apart, ER");
  is_str(diags, "", "WoS: no warning for FN, VR, EF and blank lines");

  /* Refer/EndNote: %-tags, records by %0 or by blank lines */
  is_str(scan(&refer, "%0 Book\n%A Preißel, René\n%T Git\n wrapped\n%0 Journal\n%@ 1\n\n%A x\n%K a\n%K b\n"),
         "[1 start] 0=Book@1:4 A=Preißel, René@2:4 T=Git wrapped@3:4\n"
         "[5 blank] 0=Journal@5:4 @=1@6:4\n[8 eof] A=x@8:4 K=a@9:4 K=b@10:4\n",
         "Refer: %0 and blank lines start and end records");

  /* a custom shape, its row kept with the field; a tag's column counted
   * in characters */
  diags[0] = '\0';
  bcv_tagline *t = bcv_tagline_new(&custom, NULL);
  bcv_tagline_record r;
  bcv_tagline_begin(t, 10);
  ok(bcv_tagline_feed(t, "loose", 5, 10) == BCV_TAGLINE_LOOSE, "feed: text before a field is loose");
  ok(bcv_tagline_feed(t, "{题名}: 值", strlen("{题名}: 值"), 11) == BCV_TAGLINE_FIELD, "feed: a field");
  ok(bcv_tagline_feed(t, " 续 ", 5, 12) == BCV_TAGLINE_MORE, "feed: a continuation");
  ok(bcv_tagline_feed(t, "", 0, 13) == BCV_TAGLINE_MORE, "feed: an empty line continues nothing");
  ok(bcv_tagline_end(t, &r) == BCV_OK && r.n == 1 && r.line == 10, "feed: one field");
  is_str(bcv_tagline_tag_of(&r, &r.fields[0]), "题名", "feed: the custom tag");
  is_str(bcv_tagline_value_of(&r, &r.fields[0]), " 值\n 续 ", "feed: untrimmed, lines kept apart");
  ok(r.fields[0].row == 7 && r.fields[0].column == 6 && r.fields[0].lines == 1,
     "feed: row, column in characters, lines");
  bcv_tagline_free(&t);

  /* limits: fields and bytes, reported once at the record's line; the
   * next record is read */
  static const bcv_tagline_dialect small = {
      .shape = BCV_TAGLINE_DASHED, .flags = BCV_TAGLINE_TRIM, .start = "TY", .end = "ER",
      .max_fields = 3, .max_bytes = 200};
  is_str(scan(&small, "TY  - A\nAU  - 1\nAU  - 2\nAU  - 3\n  x\nER  - \nTY  - B\nER  - \n"
                      "TY  - C\nAB  - 0123456789012345678901234567890123456789\n"
                      "  0123456789012345678901234567890123456789\n"
                      "  0123456789012345678901234567890123456789\n"
                      "  0123456789012345678901234567890123456789\nER  - \nTY  - D\nER  - \n"),
         "[7 tag] TY=B@7:7\n[15 tag] TY=D@15:7\n", "limits: over-long records skipped");
  is_str(diags, "1:1:error:record of more than 3 fields; skipped\n"
                "9:1:error:record longer than 200 bytes; skipped\n",
         "limits: each reported once, at its record's first line");
  /* a skipped record ended by the next start tag: that one is read */
  is_str(scan(&small, "TY  - A\nAU  - 1\nAU  - 2\nAU  - 3\nTY  - B\nER  - \n"),
         "[5 tag] TY=B@5:7\n", "limits: the record after a skipped one, without ER between");
  bcv_tagline_dialect tiny = {.shape = BCV_TAGLINE_PERCENT, .max_fields = 1};
  t = bcv_tagline_new(&tiny, NULL);
  bcv_tagline_begin(t, 1);
  bcv_tagline_feed(t, "%A a", 4, 1);
  bcv_tagline_feed(t, "%A b", 4, 2);
  ok(bcv_tagline_end(t, &r) == BCV_ELIMIT, "feed: past a limit, end says so");
  bcv_tagline_begin(t, 3);
  bcv_tagline_feed(t, "%A c", 4, 3);
  ok(bcv_tagline_end(t, &r) == BCV_OK && r.n == 1, "feed: begin starts afresh");
  bcv_tagline_free(&t);

  /* fields kept as extras: a tag's lines joined in order, the tags in
   * the order each first came, empty values left out */
  {
    bcv_tagline *k = bcv_tagline_new(&refer, NULL);
    bcv_tagline_begin(k, 1);
    const char *lines[] = {"%Z z1", "%1 one", "%Z z2", "%2", "%1 one again", "%Q q"};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
      bcv_tagline_feed(k, lines[i], strlen(lines[i]), (long)i + 1);
    bcv_tagline_end(k, &r);
    size_t idx[] = {4, 3, 2, 1, 0};
    bcv_record *rec = bcv_record_new();
    ok(bcv_tagline_keep(k, &r, idx, 5, "ns", rec) == BCV_OK, "keep: done");
    char got[256] = "";
    for (const bcv_field *f = bcv_record_fields(rec); f; f = f->next)
      snprintf(got + strlen(got), sizeof got - strlen(got), "[%s=%s]", f->key, f->text);
    is_str(got, "[ns.Z=z1\nz2][ns.1=one\none again]", "keep: grouped by tag, in order");
    bcv_record_free(&rec);
    bcv_tagline_free(&k);
  }
  return tap_done();
}
