/* SPDX-License-Identifier: MIT */
/* fuzz_edit.c - edits: set a key (name and value taken from the input),
 * emit, re-load: the key holds the value, every other key is unchanged; a
 * failed edit leaves the text as it was. */
#include "fuzz.h"

#include <string.h>

static void run(const char *path, const char *val, size_t vlen, const fuzz_text *t) {
    fm_doc *doc = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    fm_doc *orig = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    if (doc && orig) {
        fm_error err;
        if (fm_doc_set_string(doc, path, val, vlen, &err) != 0) {
            fuzz_check_failed(doc, orig, &err);
        } else {
            fm_doc *again = fuzz_reload(doc, &t->cfg);
            size_t got_len;
            const char *got = fm_value_string(fm_doc_get(again, path), &got_len);
            FUZZ_REQUIRE(got && got_len == vlen && memcmp(got, val, vlen) == 0,
                         "the key holds the value");
            fuzz_check_others(fm_doc_root(orig), fm_doc_root(again), path);
            fm_doc_free(again);
        }
    }
    fm_doc_free(doc);
    fm_doc_free(orig);
}

/* The first line of the input is "KEY\tVALUE"; the rest is the document. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    fuzz_fields f;
    fuzz_text t;
    size_t off = fuzz_header(s, size, 2, &f);
    if (off != FUZZ_SKIP && f.len[0] > 0 &&
        fuzz_text_make(s + off, size - off, &t) == 0) {
        run(f.field[0], f.count == 2 ? f.field[1] : "", f.count == 2 ? f.len[1] : 0, &t);
        fuzz_text_free(&t);
    }
    fuzz_fields_free(&f);
    return 0;
}
