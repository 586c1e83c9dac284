/* SPDX-License-Identifier: MIT */
/* fuzz_remove.c - fm_doc_remove: the input's first line is the path, the
 * rest the document. The result loads, the entry is gone (a list's later
 * items move up), every other entry of its container and every other
 * top-level key are unchanged; a failed removal changes nothing. */
#include "fuzz.h"

#include <string.h>

static int edit(fm_doc *doc, const void *arg, fm_error *err) {
    return fm_doc_remove(doc, arg, err);
}

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

static void check(const fm_doc *orig, const fm_doc *again, const void *path) {
    fuzz_place p;
    FUZZ_REQUIRE(fuzz_locate(fm_doc_root(orig), path, &p) == 0,
                 "only an entry that is there can be removed");
    check_container(p.parent, p.at, fuzz_follow(fm_doc_root(again), &p));
    fuzz_check_others(fm_doc_root(orig), fm_doc_root(again), path);
}

static void run(const fuzz_fields *f, const fuzz_text *t) {
    fuzz_run_edit(t, edit, check, f->field[0]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_with_header(data, size, 1, run);
    return 0;
}
