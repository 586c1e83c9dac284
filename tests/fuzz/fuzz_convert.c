/* SPDX-License-Identifier: MIT */
/* fuzz_convert.c - fm_doc_convert: the input is a document, converted to
 * YAML, TOML and JSON in turn and each time back to its own format. A
 * conversion that succeeds must load again in the new format with the same
 * body and the source tree by fmatter(5)'s rules (tests/convcmp.h); one that
 * fails changes nothing, and FM_ERR_CONVERT names a key. */
#include "fuzz.h"
#include "../convcmp.h"

#include <string.h>

/* doc (converted to `to`) loads again in `to` and holds orig's tree and body. */
static void check_converted(const fm_doc *doc, const fm_doc *orig, fm_format to,
                            unsigned how, const fm_config *cfg) {
    fm_doc *again = fuzz_reload(doc, cfg);
    size_t bl, ol;
    const char *b = fm_doc_body(again, &bl), *ob = fm_doc_body(orig, &ol);
    char why[512];
    FUZZ_REQUIRE(fm_doc_format(again) == to, "the text is in the new format");
    FUZZ_REQUIRE(bl == ol && memcmp(b, ob, bl) == 0, "the body is unchanged");
    if (!fm_convcmp(fm_doc_root(orig), fm_doc_root(again), how, why, sizeof why, 0)) {
        fprintf(stderr, "%s\n", why);
        FUZZ_REQUIRE(0, "the converted tree holds the source tree");
    }
    fm_doc_free(again);
}

/* Converts doc to `to`: 1 when it did, 0 when it was refused (checked). */
static int convert(fm_doc *doc, const fm_doc *orig, fm_format to) {
    fm_error err;
    if (fm_doc_convert(doc, to, &err) == 0)
        return 1;
    fuzz_check_failed(doc, orig, &err);
    if (err.code == FM_ERR_CONVERT)
        FUZZ_REQUIRE(strchr(err.message, '\'') != NULL && err.line > 0,
                     "a refusal names the key and its place");
    return 0;
}

static void one_format(const fuzz_text *t, fm_format to) {
    fm_doc *doc = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    fm_doc *orig = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    fm_format from = orig ? fm_doc_format(orig) : FM_FORMAT_NONE;
    if (doc && orig && convert(doc, orig, to)) {
        if (from == FM_FORMAT_NONE || from == to) {
            size_t a, b;
            const char *ta = fm_doc_text(doc, &a), *tb = fm_doc_text(orig, &b);
            FUZZ_REQUIRE(a == b && memcmp(ta, tb, a) == 0, "nothing to convert: unchanged");
        } else {
            unsigned how =
                (from == FM_FORMAT_TOML || to == FM_FORMAT_TOML ? FM_CONVCMP_ANY_ORDER : 0) |
                (to == FM_FORMAT_JSON ? FM_CONVCMP_DATES_AS_TEXT : 0);
            check_converted(doc, orig, to, how, &t->cfg);
            fm_error err;
            /* Back: only a limit can stop it (the source held all of it),
             * or a JSON number too large for a double, which loads as an
             * infinity that JSON cannot write. */
            if (fm_doc_convert(doc, from, &err) == 0)
                check_converted(doc, orig, from, how, &t->cfg);
            else
                FUZZ_REQUIRE(err.code != FM_ERR_EMIT &&
                                 (err.code != FM_ERR_CONVERT ||
                                  (from == FM_FORMAT_JSON &&
                                   strstr(err.message, "JSON has no infinity"))),
                             "what came from a format converts back to it");
        }
    }
    fm_doc_free(doc);
    fm_doc_free(orig);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_text t;
    if (fuzz_text_make((const char *)data, size, &t) != 0)
        return 0;
    one_format(&t, FM_FORMAT_YAML);
    one_format(&t, FM_FORMAT_TOML);
    one_format(&t, FM_FORMAT_JSON);
    fuzz_text_free(&t);
    return 0;
}
