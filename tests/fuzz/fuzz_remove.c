/* SPDX-License-Identifier: MIT */
/* fuzz_remove.c - fm_doc_remove: the input's first line is the path, the
 * rest the document. The result loads, the entry is gone (a list's later
 * items move up), every other entry of its container and every other
 * top-level key are unchanged; a failed removal changes nothing. */
#include "fuzz.h"

#include <string.h>

/* now is old without entry `at`, the others in order. */
static void check_container(const fm_value *old, size_t at, const fm_value *now) {
    FUZZ_REQUIRE(now && fm_value_type(now) == fm_value_type(old), "the container stays");
    FUZZ_REQUIRE(fm_value_size(now) + 1 == fm_value_size(old), "one entry fewer");
    for (size_t i = 0, j = 0; i < fm_value_size(old); i++) {
        if (i == at)
            continue;
        if (fm_value_type(old) == FM_MAPPING) {
            size_t ol, nl;
            const char *ok = fm_value_key_text(old, i, &ol);
            const char *nk = fm_value_key_text(now, j, &nl);
            FUZZ_REQUIRE(ol == nl && memcmp(ok, nk, ol) == 0, "other keys in order");
        }
        if (!fuzz_holds_alias(fm_value_at(old, i)))
            FUZZ_REQUIRE(fm_value_equal(fm_value_at(old, i), fm_value_at(now, j)),
                         "other entries unchanged");
        j++;
    }
}

static void run(const char *path, const fuzz_text *t) {
    fm_doc *doc = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    fm_doc *orig = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    if (doc && orig) {
        fuzz_place p;
        bool found = fuzz_locate(fm_doc_root(orig), path, &p) == 0;
        fm_error err;
        if (fm_doc_remove(doc, path, &err) != 0) {
            fuzz_check_failed(doc, orig, &err);
        } else {
            FUZZ_REQUIRE(found, "only an entry that is there can be removed");
            fm_doc *again = fuzz_reload(doc, &t->cfg);
            check_container(p.parent, p.at, fuzz_follow(fm_doc_root(again), &p));
            fuzz_check_others(fm_doc_root(orig), fm_doc_root(again), path);
            fm_doc_free(again);
        }
    }
    fm_doc_free(doc);
    fm_doc_free(orig);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    fuzz_fields f;
    fuzz_text t;
    size_t off = fuzz_header(s, size, 1, &f);
    if (off != FUZZ_SKIP && fuzz_text_make(s + off, size - off, &t) == 0) {
        run(f.field[0], &t);
        fuzz_text_free(&t);
    }
    fuzz_fields_free(&f);
    return 0;
}
