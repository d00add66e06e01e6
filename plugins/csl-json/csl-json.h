/* SPDX-License-Identifier: MIT */
/* csl-json.h: private to the csl-json module. */
#ifndef CSLJSON_H
#define CSLJSON_H

#include <bibconv/bibconv.h>

/* How CSL-JSON carries what CSL itself has no key for; the reader and the
 * writer agree on these names inside the item's "custom" object:
 *   custom.<key>                 an extra: "csl.<key>" for keys of the csl
 *                                namespace, the key as is for other
 *                                namespaces ("cnki.clc")
 *   custom.multi._keys.VAR.LANG  VAR's value in another language (the
 *                                shape CSL-M / Juris-M use)
 *   custom.names.VAR[i]          what CSL's name objects cannot hold about
 *                                VAR's i-th name: affiliation, lang,
 *                                eastern, alt (other-language forms) and
 *                                name extras
 *   custom.etal                  the name variables whose list is cut
 *                                short ("and others") */
#define CSL_MULTI "multi"
#define CSL_MULTI_KEYS "_keys"
#define CSL_NAMES "names"
#define CSL_ETAL "etal"
#define CSL_NS "csl."

extern const bcv_reader_ops csljson_reader;
extern const bcv_writer_ops csljson_writer;

#endif
