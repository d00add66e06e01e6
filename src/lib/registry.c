/* SPDX-License-Identifier: MIT */
/* registry.c: finding, loading and checking format modules.  All use of
 * libltdl is in this file.
 *
 * libltdl opens modules with lazy binding and, when an open fails, often
 * reports only "file not found".  So each module file is first opened with
 * plain dlopen(RTLD_NOW): that fails on any unresolved symbol, at load
 * time, with the loader's real message.  libltdl then opens the same file
 * (a reference to the mapping already there) and finds the descriptor by
 * its <module>_LTX_ name, which also works for preloaded modules. */
#include <dirent.h>
#include <dlfcn.h>
#include <ltdl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "config.h"
#include "bibconv/plugin.h"
#include "bibconv/diag.h"

#ifndef PLUGINDIR
#define PLUGINDIR "/usr/local/lib/bibconv/plugins"
#endif

typedef struct entry {
  const bcv_format *format;
  const char *module; /* points into modules[] */
} entry;

typedef struct module {
  lt_dlhandle handle;
  void *probe;
  char *path;
  size_t dir;         /* index in searched[] */
  bcv_format *copies; /* its formats as this host's bcv_format (the fields
                         an older module's descriptor lacks are zero) */
} module;

typedef struct searched_dir {
  char *path;
  int origin; /* enum bcv_dir_origin */
} searched_dir;

struct bcv_registry {
  bcv_diag *diag;
  char **dirs;
  size_t n_dirs;
  searched_dir *searched;
  size_t n_searched;
  module *mods;
  size_t n_mods;
  entry *entries;
  size_t n_entries;
  int ltdl_ok;
};

bcv_registry *bcv_registry_new(bcv_diag *diag) {
  bcv_registry *reg = calloc(1, sizeof *reg);
  if (!reg)
    return NULL;
  reg->diag = diag;
  if (lt_dlinit() == 0)
    reg->ltdl_ok = 1;
  else
    bcv_diag_report(diag, BCV_SEV_ERROR, NULL, 0, 0, "cannot initialise libltdl: %s", lt_dlerror());
  return reg;
}

/* Under a sanitizer, modules stay mapped at exit: LeakSanitizer runs after
 * dlclose and would blame leaks on "<unknown module>". */
static int keep_mapped(void) {
#ifdef BCV_SANITIZED
  return 1;
#else
  return getenv("BCV_NO_DLCLOSE") != NULL;
#endif
}

void bcv_registry_free(bcv_registry **rp) {
  if (!rp || !*rp)
    return;
  bcv_registry *reg = *rp;
  for (size_t i = 0; i < reg->n_mods; i++) {
    if (!keep_mapped()) {
      if (reg->mods[i].handle)
        lt_dlclose(reg->mods[i].handle);
      if (reg->mods[i].probe)
        dlclose(reg->mods[i].probe);
    }
    free(reg->mods[i].path);
    free(reg->mods[i].copies);
  }
  for (size_t i = 0; i < reg->n_searched; i++)
    free(reg->searched[i].path);
  free(reg->searched);
  for (size_t i = 0; i < reg->n_dirs; i++)
    free(reg->dirs[i]);
  free(reg->dirs);
  free(reg->mods);
  free(reg->entries);
  if (reg->ltdl_ok && !keep_mapped())
    lt_dlexit();
  free(reg);
  *rp = NULL;
}

int bcv_registry_add_dir(bcv_registry *reg, const char *dir) {
  /* libltdl resolves relative names against its own search path, never
   * the current directory; make the user's relative directory absolute. */
  char *abs = realpath(dir, NULL);
  if (!abs) {
    bcv_diag_report(reg->diag, BCV_SEV_WARNING, dir, 0, 0, "plugin directory not found; ignored");
    return BCV_EINVAL;
  }
  char **nd = realloc(reg->dirs, (reg->n_dirs + 1) * sizeof *nd);
  if (!nd) {
    free(abs);
    return BCV_ENOMEM;
  }
  reg->dirs = nd;
  reg->dirs[reg->n_dirs++] = abs;
  return BCV_OK;
}

static int has_suffix(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  return a > b && strcmp(s + a - b, suf) == 0;
}

static int file_exists(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* A module runs code as soon as it is opened (its constructors), so it is
 * opened only from places no one else can change: the file, the
 * directory it is in and the directory searched must each be owned by
 * this user or root and writable by no group or other, the rule OpenSSH
 * applies to its keys.  Checked before anything is opened.  Returns NULL,
 * or why path is refused (in buf). */
static const char *unsafe(const char *path, int dir, char *buf, size_t n) {
  struct stat st;
  if (stat(path, &st) != 0)
    return NULL; /* not there: the caller's own check reports it */
  const char *what = dir ? "directory" : "file";
  if (st.st_uid != 0 && st.st_uid != geteuid())
    snprintf(buf, n, "the %s %.400s is owned by uid %lu, neither you nor root", what, path,
             (unsigned long)st.st_uid);
  else if (st.st_mode & (S_IWGRP | S_IWOTH))
    snprintf(buf, n, "the %s %.400s is writable by %s (mode %04o)", what, path,
             st.st_mode & S_IWOTH ? "anyone" : "its group", (unsigned)(st.st_mode & 07777));
  else
    return NULL;
  return buf;
}

/* The module file, where it really is, and its directory. */
static const char *unsafe_module(const char *so, const char *la, char *buf, size_t n) {
  char *real = realpath(so, NULL);
  if (!real)
    return NULL;
  const char *why = unsafe(real, 0, buf, n);
  char *slash = strrchr(real, '/');
  if (!why && slash && slash != real) {
    *slash = '\0';
    why = unsafe(real, 1, buf, n);
  }
  free(real);
  /* libltdl reads the .la first, and it names the file to load */
  if (!why && la && file_exists(la))
    why = unsafe(la, 0, buf, n);
  return why;
}

static int already_loaded(const bcv_registry *reg, const char *base) {
  for (size_t i = 0; i < reg->n_mods; i++) {
    const char *b = strrchr(reg->mods[i].path, '/');
    b = b ? b + 1 : reg->mods[i].path;
    size_t n = strlen(base);
    if (strncmp(b, base, n) == 0 && (b[n] == '.' || b[n] == '\0'))
      return 1;
  }
  return 0;
}

static void fail(bcv_registry *reg, const char *file, int *failures, const char *fmt, const char *a,
                 const char *b) {
  char msg[900];
  snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
  bcv_diag_report(reg->diag, BCV_SEV_ERROR, file, 0, 0, "cannot load plugin: %s", msg);
  (*failures)++;
}

/* Load the module whose files are dir/base.la and/or dir/base.so (or, in
 * a build tree, dir/.libs/base.so). */
/* The bytes of a 1.0 module's bcv_format, which had no aliases. */
#define FORMAT_SIZE_1_0 offsetof(bcv_format, aliases)

/* Whether a name or alias is already taken by a format's name (names
 * only: an alias never hides a format's own name). */
static const entry *find_name(const bcv_registry *reg, const char *name) {
  for (size_t i = 0; i < reg->n_entries; i++)
    if (strcasecmp(reg->entries[i].format->name, name) == 0)
      return &reg->entries[i];
  return NULL;
}

static const entry *find_alias(const bcv_registry *reg, const char *name) {
  for (size_t i = 0; i < reg->n_entries; i++)
    for (const char *const *a = reg->entries[i].format->aliases; a && *a; a++)
      if (strcasecmp(*a, name) == 0)
        return &reg->entries[i];
  return NULL;
}

static void load_module(bcv_registry *reg, const char *dir, size_t dir_index, const char *base,
                        int *failures) {
  size_t n = strlen(dir) + strlen(base) + 16;
  bcv_format *copies = NULL;
  char *stem = malloc(n), *so = malloc(n), *la = malloc(n);
  if (!stem || !so || !la)
    goto out;
  snprintf(stem, n, "%s/%s", dir, base);
  snprintf(so, n, "%s/%s.so", dir, base);
  if (!file_exists(so))
    snprintf(so, n, "%s/.libs/%s.so", dir, base);
  if (!file_exists(so)) {
    snprintf(so, n, "%s/%s.la", dir, base);
    fail(reg, so, failures, "no shared object beside the libtool file (not built?)", NULL, NULL);
    goto out;
  }
  char why_unsafe[600];
  snprintf(la, n, "%s.la", stem);
  if (unsafe_module(so, la, why_unsafe, sizeof why_unsafe)) {
    fail(reg, so, failures, "%s; not opened", why_unsafe, NULL);
    goto out;
  }
  void *probe = dlopen(so, RTLD_NOW | RTLD_LOCAL);
  if (!probe) {
    const char *e = dlerror();
    fail(reg, so, failures, "%s", e ? e : "dlopen failed", NULL);
    goto out;
  }
  lt_dladvise adv;
  lt_dlhandle h = NULL;
  if (lt_dladvise_init(&adv) == 0) {
    lt_dladvise_ext(&adv);
    lt_dladvise_local(&adv);
    h = lt_dlopenadvise(stem, adv);
    lt_dladvise_destroy(&adv);
  }
  if (!h) {
    const char *e = lt_dlerror();
    fail(reg, so, failures, "libltdl: %s", e ? e : "open failed", NULL);
    dlclose(probe);
    goto out;
  }
  const bcv_plugin *p = lt_dlsym(h, "bcv_plugin");
  const char *why = NULL;
  char detail[200] = "";
  if (!p) {
    why = "no bcv_plugin descriptor (symbol %s_LTX_bcv_plugin): not a bibconv plugin";
  } else if (p->magic != BCV_PLUGIN_MAGIC) {
    why = "bad magic number in its descriptor: not a bibconv plugin, or a corrupt one";
  } else if (p->abi_major != BCV_ABI_MAJOR || p->abi_minor > BCV_ABI_MINOR) {
    snprintf(detail, sizeof detail, "built for plugin ABI %u.%u, this bibconv has ABI %d.%d; rebuild it",
             p->abi_major, p->abi_minor, BCV_ABI_MAJOR, BCV_ABI_MINOR);
  } else if (p->struct_size < (p->abi_minor >= 1 ? sizeof(bcv_plugin)
                                                  : offsetof(bcv_plugin, format_size))) {
    why = "descriptor too small for its ABI version";
  } else if (p->abi_minor >= 1 && p->format_size < FORMAT_SIZE_1_0) {
    why = "descriptor gives a format size smaller than any ABI's";
  } else if (!p->name || strcmp(p->name, base) != 0) {
    snprintf(detail, sizeof detail, "descriptor names the module '%.60s' but the file is '%.60s'",
             p->name ? p->name : "(null)", base);
  } else if (!p->formats || p->n_formats == 0 || p->n_formats > 64) {
    why = "descriptor lists no formats";
  }
  if (why || detail[0]) {
    char sym[160];
    snprintf(sym, sizeof sym, "%s", base);
    for (char *c = sym; *c; c++)
      if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')))
        *c = '_';
    fail(reg, so, failures, why ? why : "%s", why ? sym : detail, NULL);
    lt_dlclose(h);
    dlclose(probe);
    goto out;
  }
  /* The formats as this host's struct: a module built for an older minor
   * has shorter ones, so step by its size and leave the rest zero. */
  size_t stride = p->abi_minor >= 1 ? p->format_size : FORMAT_SIZE_1_0;
  size_t take = stride < sizeof(bcv_format) ? stride : sizeof(bcv_format);
  copies = calloc(p->n_formats, sizeof *copies);
  if (!copies)
    goto reject;
  for (size_t i = 0; i < p->n_formats; i++)
    memcpy(&copies[i], (const char *)p->formats + i * stride, take);
  /* Check every format before adding any, so a module is all in or out. */
  for (size_t i = 0; i < p->n_formats; i++) {
    const bcv_format *f = &copies[i];
    if (!f->name || !*f->name || (!f->reader && !f->writer)) {
      fail(reg, so, failures, "format %s%shas no name or neither reader nor writer",
           f->name ? f->name : "", f->name ? " " : "");
      goto reject;
    }
    const entry *e = find_name(reg, f->name);
    const char *by = e ? e->module : NULL;
    for (size_t j = 0; !by && j < i; j++)
      if (strcasecmp(copies[j].name, f->name) == 0)
        by = "the same module";
    if (by) {
      fail(reg, so, failures, "format '%s' is already provided by %s; this one is skipped", f->name,
           by);
      goto reject;
    }
  }
  /* An alias loses to any name and to an earlier alias: said, not fatal. */
  for (size_t i = 0; i < p->n_formats; i++) {
    const bcv_format *f = &copies[i];
    const entry *e = find_alias(reg, f->name);
    if (e)
      bcv_diag_report(reg->diag, BCV_SEV_WARNING, so, 0, 0,
                      "format '%s' takes the name that %s gave format '%s' as an alias", f->name,
                      e->module, e->format->name);
    for (const char *const *a = f->aliases; a && *a; a++) {
      e = find_name(reg, *a);
      if (!e)
        e = find_alias(reg, *a);
      if (e)
        bcv_diag_report(reg->diag, BCV_SEV_WARNING, so, 0, 0,
                        "alias '%s' of format '%s' is already format '%s' of %s; not used", *a,
                        f->name, e->format->name, e->module);
    }
  }
  module *nm = realloc(reg->mods, (reg->n_mods + 1) * sizeof *nm);
  if (!nm)
    goto reject;
  reg->mods = nm;
  entry *ne = realloc(reg->entries, (reg->n_entries + p->n_formats) * sizeof *ne);
  if (!ne)
    goto reject;
  reg->entries = ne;
  module *m = &reg->mods[reg->n_mods++];
  m->handle = h;
  m->probe = probe;
  m->path = so;
  m->dir = dir_index;
  m->copies = copies;
  copies = NULL;
  so = NULL;
  for (size_t i = 0; i < p->n_formats; i++) {
    reg->entries[reg->n_entries].format = &m->copies[i];
    reg->entries[reg->n_entries].module = m->path;
    reg->n_entries++;
  }
  goto out;
reject:
  lt_dlclose(h);
  dlclose(probe);
out:
  free(copies);
  free(stem);
  free(so);
  free(la);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Note dir as searched (for --list-formats and "no module found");
 * returns its index, or (size_t)-1 when out of memory. */
static size_t note_searched(bcv_registry *reg, const char *dir, int origin) {
  searched_dir *ns = realloc(reg->searched, (reg->n_searched + 1) * sizeof *ns);
  if (!ns)
    return (size_t)-1;
  reg->searched = ns;
  ns[reg->n_searched].path = strdup(dir);
  if (!ns[reg->n_searched].path)
    return (size_t)-1;
  ns[reg->n_searched].origin = origin;
  return reg->n_searched++;
}

static void load_dir(bcv_registry *reg, const char *dir, int origin, int *failures) {
  size_t index = note_searched(reg, dir, origin);
  if (index == (size_t)-1)
    return;
  char why[600];
  if (unsafe(dir, 1, why, sizeof why)) {
    bcv_diag_report(reg->diag, BCV_SEV_ERROR, NULL, 0, 0,
                    "cannot load plugins: %s; none of its modules is opened", why);
    (*failures)++;
    return;
  }
  DIR *d = opendir(dir);
  if (!d)
    return;
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    const char *nm = e->d_name;
    size_t len = strlen(nm);
    size_t cut = has_suffix(nm, ".la") ? 3 : has_suffix(nm, ".so") ? 3 : 0;
    if (!cut || nm[0] == '.')
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      char **nn = realloc(names, cap * sizeof *nn);
      if (!nn)
        break;
      names = nn;
    }
    names[n] = strndup(nm, len - cut);
    if (names[n])
      n++;
  }
  closedir(d);
  /* Sorted, so the load order (and which duplicate wins) is the same on
   * every file system. */
  if (n) /* an empty directory has no array to give qsort */
    qsort(names, n, sizeof *names, cmp_str);
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
      continue;
    if (!already_loaded(reg, names[i]))
      load_module(reg, dir, index, names[i], failures);
  }
  for (size_t i = 0; i < n; i++)
    free(names[i]);
  free(names);
}

static void load_path(bcv_registry *reg, const char *path, int origin, int *failures) {
  char *copy = strdup(path);
  if (!copy)
    return;
  for (char *save = NULL, *tok = strtok_r(copy, ":", &save); tok; tok = strtok_r(NULL, ":", &save)) {
    /* Relative entries would make the current directory part of the
     * search path, which lets a file planted there run as a plugin. */
    if (tok[0] != '/') {
      bcv_diag_report(reg->diag, BCV_SEV_WARNING, NULL, 0, 0,
                      "plugin path entry '%s' is not absolute; ignored", tok);
      continue;
    }
    load_dir(reg, tok, origin, failures);
  }
  free(copy);
}

int bcv_registry_load(bcv_registry *reg) {
  int failures = 0;
  if (!reg->ltdl_ok)
    return 1;
  for (size_t i = 0; i < reg->n_dirs; i++)
    load_dir(reg, reg->dirs[i], BCV_DIR_ADDED, &failures);
  const char *env = getenv("BIBCONV_PLUGIN_PATH");
  if (env && *env)
    load_path(reg, env, BCV_DIR_PATH_ENV, &failures);
  const char *sys = getenv("BIBCONV_PLUGIN_SYSTEM_PATH");
  load_path(reg, sys ? sys : PLUGINDIR, BCV_DIR_SYSTEM, &failures);
  return failures;
}

size_t bcv_registry_dir_count(const bcv_registry *reg) { return reg->n_searched; }

const char *bcv_registry_dir(const bcv_registry *reg, size_t i, int *origin) {
  if (i >= reg->n_searched)
    return NULL;
  if (origin)
    *origin = reg->searched[i].origin;
  return reg->searched[i].path;
}

const char *bcv_registry_module_dir(const bcv_registry *reg, size_t i) {
  if (i >= reg->n_entries)
    return NULL;
  for (size_t m = 0; m < reg->n_mods; m++)
    if (reg->mods[m].path == reg->entries[i].module)
      return reg->searched[reg->mods[m].dir].path;
  return NULL;
}

size_t bcv_registry_count(const bcv_registry *reg) { return reg->n_entries; }

const bcv_format *bcv_registry_format(const bcv_registry *reg, size_t i) {
  return i < reg->n_entries ? reg->entries[i].format : NULL;
}

const char *bcv_registry_module(const bcv_registry *reg, size_t i) {
  return i < reg->n_entries ? reg->entries[i].module : NULL;
}

const bcv_format *bcv_registry_find(const bcv_registry *reg, const char *name) {
  const entry *e = find_name(reg, name);
  if (!e)
    e = find_alias(reg, name);
  return e ? e->format : NULL;
}

static int ext_matches(const bcv_format *f, const char *filename) {
  const char *dot = filename ? strrchr(filename, '.') : NULL;
  const char *slash = filename ? strrchr(filename, '/') : NULL;
  if (!dot || (slash && dot < slash) || !f->extensions)
    return 0;
  for (const char *const *e = f->extensions; *e; e++)
    if (strcasecmp(dot + 1, *e) == 0)
      return 1;
  return 0;
}

/* Extensions that say how a file is encoded, not which format it holds:
 * never enough to choose a writer.  The error names the writers whose
 * media type is of that kind as well as those that list the extension
 * (MODS and EndNote XML are XML; only JATS lists .xml). */
static const struct {
  const char *ext, *mime; /* mime: the media type contains it */
} generic_ext[] = {{"txt", "text/plain"}, {"text", "text/plain"}, {"xml", "xml"}, {"dat", NULL}};

static const char *generic_mime(const char *ext, int *generic) {
  for (size_t i = 0; i < sizeof generic_ext / sizeof generic_ext[0]; i++)
    if (strcasecmp(generic_ext[i].ext, ext) == 0) {
      *generic = 1;
      return generic_ext[i].mime;
    }
  *generic = 0;
  return NULL;
}

int bcv_registry_writer_for(const bcv_registry *reg, const char *filename, const bcv_format **out,
                            bcv_error *err) {
  const char *slash = strrchr(filename, '/');
  const char *base = slash ? slash + 1 : filename;
  const char *dot = strrchr(base, '.');
  if (!dot || dot == base || !dot[1])
    return bcv_error_set(err, BCV_EFORMAT, filename, 0, 0,
                         "no extension to tell the output format by; name it with -t");
  const char *ext = dot + 1;
  char names[300] = "";
  const entry *first = NULL;
  int modules = 0, generic;
  const char *mime = generic_mime(ext, &generic);
  for (size_t i = 0; i < reg->n_entries; i++) {
    const entry *e = &reg->entries[i];
    if (!e->format->writer ||
        !(ext_matches(e->format, filename) ||
          (mime && e->format->media_type && strstr(e->format->media_type, mime))))
      continue;
    size_t l = strlen(names);
    snprintf(names + l, sizeof names - l, "%s%s", l ? ", " : "", e->format->name);
    if (!first)
      first = e, modules = 1;
    else if (e->module != first->module)
      modules++;
  }
  if (!first)
    return bcv_error_set(err, BCV_EFORMAT, filename, 0, 0,
                         "no format writes .%s files; name one with -t (see --list-formats)", ext);
  if (generic)
    return bcv_error_set(err, BCV_EFORMAT, filename, 0, 0,
                         ".%s does not say which format (%s write%s it); name one with -t", ext,
                         names, strchr(names, ',') ? "" : "s");
  if (modules > 1)
    return bcv_error_set(err, BCV_EFORMAT, filename, 0, 0,
                         ".%s files are written by %s; name one with -t", ext, names);
  *out = first->format;
  return BCV_OK;
}

/* A reader must be at least this sure to be chosen. */
#define MIN_SCORE 30
/* The extension adds this much: enough to settle a near tie, never enough
 * to outvote the content. */
#define EXT_BONUS 10

int bcv_registry_claims(const bcv_format *f, const char *head, size_t len, const char *filename) {
  if (!f || !f->detect || !head)
    return 0;
  int s = f->detect(head, len);
  if (s > 0 && ext_matches(f, filename))
    s += EXT_BONUS;
  return s >= MIN_SCORE;
}

int bcv_registry_detect(const bcv_registry *reg, const char *head, size_t len,
                        const char *filename, const bcv_format **out, bcv_error *err) {
  int best = -1, second = -1;
  const bcv_format *bf = NULL;
  char names[400] = "";
  int scores[256];
  size_t n = reg->n_entries < 256 ? reg->n_entries : 256;
  for (size_t i = 0; i < n; i++) {
    const bcv_format *f = reg->entries[i].format;
    scores[i] = -1;
    if (!f->reader || !f->detect)
      continue;
    int s = f->detect(head, len);
    if (s < 0)
      s = 0;
    if (s > 100)
      s = 100;
    if (s > 0 && ext_matches(f, filename))
      s += EXT_BONUS;
    scores[i] = s;
    if (s > best) {
      second = best;
      best = s;
      bf = f;
    } else if (s > second) {
      second = s;
    }
  }
  if (!bf || best < MIN_SCORE) {
    /* No reader claims the content (a comment-only or empty .bib, an
     * export missing its record tags): the extension decides, the first
     * format listed that names it, so the reader can say what it found. */
    for (size_t i = 0; i < n; i++) {
      const bcv_format *f = reg->entries[i].format;
      if (f->reader && ext_matches(f, filename)) {
        *out = f;
        return BCV_OK;
      }
    }
    return bcv_error_set(err, BCV_EFORMAT, filename, 0, 0,
                         "cannot tell the input format; name it with -f (see --list-formats)");
  }
  if (second == best) {
    for (size_t i = 0; i < n; i++) {
      if (scores[i] != best)
        continue;
      size_t l = strlen(names);
      snprintf(names + l, sizeof names - l, "%s%s", l ? ", " : "", reg->entries[i].format->name);
    }
    return bcv_error_set(err, BCV_EFORMAT, filename, 0, 0,
                         "the input format is ambiguous: it could be %s; name it with -f", names);
  }
  *out = bf;
  return BCV_OK;
}

/* ---- options ---- */

struct bcv_options {
  char **kv; /* "key\0value" */
  size_t n;
};

bcv_options *bcv_options_new(void) { return calloc(1, sizeof(bcv_options)); }

void bcv_options_free(bcv_options **o) {
  if (!o || !*o)
    return;
  for (size_t i = 0; i < (*o)->n; i++)
    free((*o)->kv[i]);
  free((*o)->kv);
  free(*o);
  *o = NULL;
}

int bcv_options_add(bcv_options *o, const char *kv) {
  size_t len = strlen(kv);
  const char *eq = strchr(kv, '=');
  if (len == 0 || eq == kv)
    return BCV_EINVAL;
  char **nk = realloc(o->kv, (o->n + 1) * sizeof *nk);
  if (!nk)
    return BCV_ENOMEM;
  o->kv = nk;
  char *c = malloc(len + 2);
  if (!c)
    return BCV_ENOMEM;
  memcpy(c, kv, len + 1);
  if (eq) {
    c[eq - kv] = '\0';
  } else {
    c[len + 1] = '\0';
  }
  o->kv[o->n++] = c;
  return BCV_OK;
}

const char *bcv_options_key(const bcv_options *o, size_t i) {
  return o && i < o->n ? o->kv[i] : NULL;
}

const char *bcv_options_get(const bcv_options *o, const char *key) {
  if (!o)
    return NULL;
  /* The last one given wins, as with repeated command-line options. */
  for (size_t i = o->n; i-- > 0;)
    if (strcmp(o->kv[i], key) == 0)
      return o->kv[i] + strlen(o->kv[i]) + 1;
  return NULL;
}
