/* SPDX-License-Identifier: MIT */
/* test-date.c: EDTF parsing and formatting. */
#include <bibconv/bibconv.h>
#include "../tap.h"

static void round(const char *in, const char *want) {
  bcv_date d;
  char buf[64] = "";
  int rc = bcv_date_parse_edtf(in, strlen(in), &d);
  if (rc == BCV_OK)
    bcv_date_format_edtf(&d, buf, sizeof buf);
  if (want)
    is_str(rc == BCV_OK ? buf : NULL, want, "'%s' reads and prints as '%s'", in, want);
  else
    ok(rc == BCV_ESYNTAX, "'%s' is rejected", in);
}

int main(void) {
  round("2024", "2024");
  round("2024-04", "2024-04");
  round("2024-04-07", "2024-04-07");
  round(" 2024-04-07 ", "2024-04-07");
  round("2024-02-29", "2024-02-29");
  round("2023-02-29", NULL);
  round("1900-02-29", NULL);
  round("2000-02-29", "2000-02-29");
  round("2024-13", NULL);
  round("2024-00", NULL);
  round("2024-04-31", NULL);
  round("2024-21", "2024-21");
  round("2024-24", "2024-24");
  round("2024-25", NULL);
  round("1990~", "1990~");
  round("2004?", "2004?");
  round("2004%", "2004%");
  round("2018-04/2019", "2018-04/2019");
  round("2018-04-01/2018-04-03", "2018-04-01/2018-04-03");
  round("../2020", "../2020");
  round("2020/..", "2020/..");
  round("2020/", "2020/..");
  round("../..", NULL);
  round("-0044-03-15", "-0044-03-15");
  round("2018-08-07T04:42:37Z", "2018-08-07");
  round("199X", NULL);
  round("", NULL);
  round("24", NULL);
  round("2024-4", NULL);
  round("2024x", NULL);
  round("spring 2024", NULL);

  bcv_date d;
  bcv_date_parse_edtf("2024-22", 7, &d);
  ok(d.season == 2 && d.from.parts == 1 && d.from.year == 2024, "season 22 is summer of 2024");
  bcv_date_parse_edtf("1990~/1995", 10, &d);
  ok((d.flags & BCV_DATE_CIRCA) && (d.flags & BCV_DATE_RANGE) && d.to.year == 1995, "circa range");
  char small[5];
  size_t need = bcv_date_format_edtf(&d, small, sizeof small);
  ok(need > 4 && strlen(small) == 4, "formatting truncates safely and reports the length needed");
  return tap_done();
}
