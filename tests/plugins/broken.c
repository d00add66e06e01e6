/* SPDX-License-Identifier: MIT */
/* broken.c: modules that are wrong on purpose, one way each, for the
 * loader tests; built several times with different -D flags. */
#include <string.h>
#include <bibconv/plugin.h>

#ifndef FORMAT
#define FORMAT NAME
#endif
#ifndef DESCRIPTION
#define DESCRIPTION "a test module"
#endif

#ifdef UNDEFINED_SYMBOL
/* Never defined anywhere: loading must fail with the loader's message. */
extern int bcv_test_no_such_function(void);
#endif

#ifdef CONSTRUCTOR
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
/* Runs when the module is opened, before any check of its descriptor:
 * leaves a mark where $BCV_TEST_MARK says. */
__attribute__((constructor)) static void mark(void) {
  const char *p = getenv("BCV_TEST_MARK");
  int fd = p ? open(p, O_WRONLY | O_CREAT, 0644) : -1;
  if (fd >= 0)
    close(fd);
}
#endif

static int detect(const char *head, size_t len) {
#ifdef UNDEFINED_SYMBOL
  return bcv_test_no_such_function();
#endif
#ifdef DETECT_JSON
  /* Claims any JSON array exactly as surely as csl-json does. */
  size_t i = 0;
  while (i < len && (head[i] == ' ' || head[i] == '\n'))
    i++;
  return i < len && head[i] == '[' ? 90 : 0;
#else
  (void)head;
  (void)len;
  return 0;
#endif
}

static int r_open(struct bcv_input *in, const bcv_options *o, struct bcv_diag *d, void **s) {
  *s = NULL;
  return BCV_OK;
}
static int r_next(void *s, struct bcv_record **out) { return BCV_DONE; }
static void r_close(void *s) {}
static const bcv_reader_ops reader = {r_open, r_next, r_close, NULL};

#ifdef ABI_1_0
/* A good module as one built against the 1.0 headers was: bcv_format
 * without aliases, bcv_plugin without format_size.  Two formats, so that
 * a host stepping through them by its own, longer struct would misread
 * the second. */
typedef struct format_1_0 {
  const char *name, *description;
  const char *const *extensions;
  const char *media_type;
  int (*detect)(const char *, size_t);
  const bcv_reader_ops *reader;
  const bcv_writer_ops *writer;
} format_1_0;
typedef struct plugin_1_0 {
  uint32_t magic;
  uint16_t abi_major, abi_minor;
  uint32_t struct_size;
  const char *name, *version;
  const format_1_0 *formats;
  size_t n_formats;
} plugin_1_0;
static const char *const ext_b[] = {"abi10b", NULL};
static const format_1_0 formats[] = {{FORMAT "-a", "the first format of a 1.0 module", NULL, NULL, detect, &reader, NULL},
                                     {FORMAT "-b", "the second", ext_b, NULL, detect, &reader, NULL}};
#else
#ifdef ALIASES
static const char *const aliases[] = {ALIASES, NULL};
#else
static const char *const *const aliases = NULL;
#endif
static const bcv_format formats[] = {{FORMAT, DESCRIPTION, NULL, NULL, detect, &reader, NULL, aliases}};
#endif

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define SYMBOL CAT(MODULE, _LTX_bcv_plugin)

#if defined ABI_1_0
extern const plugin_1_0 SYMBOL;
const plugin_1_0 SYMBOL = {BCV_PLUGIN_MAGIC, 1, 0, sizeof(plugin_1_0), NAME, "0", formats, 2};
#elif !defined NO_DESCRIPTOR
extern const bcv_plugin SYMBOL;
const bcv_plugin SYMBOL = {
#ifdef BAD_MAGIC
    0xdeadbeefu,
#else
    BCV_PLUGIN_MAGIC,
#endif
#ifdef OLD_ABI
    BCV_ABI_MAJOR - 1, 0,
#else
    BCV_ABI_MAJOR, BCV_ABI_MINOR,
#endif
    sizeof(bcv_plugin), NAME, "0", formats, 1, sizeof(bcv_format)};
#else
/* Exports something, but not a descriptor. */
extern const int CAT(MODULE, _LTX_something_else);
const int CAT(MODULE, _LTX_something_else) = 1;
#endif
