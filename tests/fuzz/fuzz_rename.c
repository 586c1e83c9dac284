/* SPDX-License-Identifier: MIT */
/* fuzz_rename.c - fm_doc_rename: the input's first line is "PATH\tNEW KEY",
 * the rest the document. The result loads, the key in the same place has
 * the new name and the old value, everything else is unchanged; a failed
 * rename changes nothing. */
#include "fuzz.h"

#include <string.h>

static void check_container(const fm_value *old, size_t at, const char *key,
                            const fm_value *now) {
    FUZZ_REQUIRE(now && fm_value_type(now) == FM_MAPPING, "the mapping stays");
    FUZZ_REQUIRE(fm_value_size(now) == fm_value_size(old), "as many keys");
    for (size_t i = 0; i < fm_value_size(old); i++) {
        size_t ol, nl;
        const char *ok = fm_value_key_text(old, i, &ol);
        const char *nk = fm_value_key_text(now, i, &nl);
        if (i == at)
            FUZZ_REQUIRE(nl == strlen(key) && memcmp(nk, key, nl) == 0,
                         "the key has its new name, in its place");
        else
            FUZZ_REQUIRE(ol == nl && memcmp(ok, nk, ol) == 0, "other keys in order");
        if (!fuzz_holds_alias(fm_value_at(old, i)))
            FUZZ_REQUIRE(fm_value_equal(fm_value_at(old, i), fm_value_at(now, i)),
                         "values unchanged");
    }
}

static void run(const char *path, const char *key, const fuzz_text *t) {
    fm_doc *doc = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    fm_doc *orig = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    if (doc && orig) {
        fuzz_place p;
        bool found = fuzz_locate(fm_doc_root(orig), path, &p) == 0;
        fm_error err;
        if (fm_doc_rename(doc, path, key, &err) != 0) {
            fuzz_check_failed(doc, orig, &err);
        } else {
            FUZZ_REQUIRE(found && fm_value_type(p.parent) == FM_MAPPING,
                         "only a key that is there can be renamed");
            fm_doc *again = fuzz_reload(doc, &t->cfg);
            check_container(p.parent, p.at, key, fuzz_follow(fm_doc_root(again), &p));
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
    size_t off = fuzz_header(s, size, 2, &f);
    if (off != FUZZ_SKIP && f.count == 2 &&
        fuzz_text_make(s + off, size - off, &t) == 0) {
        run(f.field[0], f.field[1], &t);
        fuzz_text_free(&t);
    }
    fuzz_fields_free(&f);
    return 0;
}
