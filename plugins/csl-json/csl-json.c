/* SPDX-License-Identifier: MIT */
/* csl-json.c: the csl-json module's descriptor and format detection. */
#define _GNU_SOURCE /* memmem */
#include <string.h>
#include "csl-json.h"

static int has(const char *head, size_t len, const char *needle) {
  return memmem(head, len, needle, strlen(needle)) != NULL;
}

static size_t skip_ws(const char *s, size_t i, size_t len) {
  while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  return i;
}

/* An array of objects with CSL's "type" and "id" keys is CSL-JSON; a
 * single object with "type" probably is; any other JSON is a weak guess. */
static int detect(const char *head, size_t len) {
  size_t i = skip_ws(head, 0, len);
  if (i >= len)
    return 0;
  int keys = has(head, len, "\"type\"") && (has(head, len, "\"id\"") || has(head, len, "\"title\""));
  if (head[i] == '[') {
    i = skip_ws(head, i + 1, len);
    if (i >= len || head[i] == ']')
      return 35;
    if (head[i] != '{')
      return 0;
    return keys ? 90 : 50;
  }
  if (head[i] == '{')
    return keys ? 60 : 20;
  return 0;
}

static const char *const extensions[] = {"json", "csl", "csljson", NULL};
static const char *const aliases[] = {"json", "csljson", "csl", NULL};

static const bcv_format formats[] = {{
    "csl-json",
    "CSL-JSON, the citeproc / Zotero / pandoc item format",
    extensions,
    "application/vnd.citationstyles.csl+json",
    detect,
    &csljson_reader,
    &csljson_writer,
    aliases,
}};

BCV_PLUGIN_DEFINE(csl_json, "csl-json", "0.1.0", formats, 1);
