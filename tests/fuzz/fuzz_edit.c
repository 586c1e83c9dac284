/* SPDX-License-Identifier: MIT */
/* fuzz_edit.c - edits: set a key (name and value taken from the input),
 * emit, re-load: the key holds the value, every other key is unchanged; a
 * failed edit leaves the text as it was. */
#include "fuzz.h"

#include <string.h>

static int edit(fm_doc *doc, const void *arg, fm_error *err) {
    const fuzz_fields *f = arg;
    return fm_doc_set_string(doc, f->field[0], f->field[1], f->len[1], err);
}

static void check(const fm_doc *orig, const fm_doc *again, const void *arg) {
    const fuzz_fields *f = arg;
    size_t got_len;
    const char *got = fm_value_string(fm_doc_get(again, f->field[0]), &got_len);
    FUZZ_REQUIRE(got && got_len == f->len[1] && memcmp(got, f->field[1], got_len) == 0,
                 "the key holds the value");
    fuzz_check_others(fm_doc_root(orig), fm_doc_root(again), f->field[0]);
}

static void run(const fuzz_fields *f, const fuzz_text *t) {
    fuzz_run_edit(t, edit, check, f);
}

/* The first line of the input is "KEY\tVALUE"; the rest is the document. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_with_header(data, size, 2, run);
    return 0;
}
