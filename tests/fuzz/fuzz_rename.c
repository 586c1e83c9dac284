/* SPDX-License-Identifier: MIT */
/* fuzz_rename.c - fm_doc_rename: the input's first line is "PATH\tNEW KEY",
 * the rest the document. The result loads, the key in the same place has
 * the new name and the old value, everything else is unchanged; a failed
 * rename changes nothing. */
#include "fuzz.h"

#include <string.h>

static int edit(fm_doc *doc, const void *arg, fm_error *err) {
    const fuzz_fields *f = arg;
    return fm_doc_rename(doc, f->field[0], f->field[1], err);
}

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

static void check(const fm_doc *orig, const fm_doc *again, const void *arg) {
    const fuzz_fields *f = arg;
    fuzz_place p;
    FUZZ_REQUIRE(fuzz_locate(fm_doc_root(orig), f->field[0], &p) == 0 &&
                     fm_value_type(p.parent) == FM_MAPPING,
                 "only a key that is there can be renamed");
    check_container(p.parent, p.at, f->field[1], fuzz_follow(fm_doc_root(again), &p));
    fuzz_check_others(fm_doc_root(orig), fm_doc_root(again), f->field[0]);
}

static void run(const fuzz_fields *f, const fuzz_text *t) {
    fuzz_run_edit(t, edit, check, f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_with_header(data, size, 2, run);
    return 0;
}
