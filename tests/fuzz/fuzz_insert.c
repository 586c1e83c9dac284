/* SPDX-License-Identifier: MIT */
/* fuzz_insert.c - fm_doc_insert_after: the input's first line is
 * "PATH\tAFTER\tVALUE", the rest the document. The result loads and the path
 * holds the string; a new top-level key stands right after AFTER, every
 * other pair in its order; other keys are unchanged; a failed insertion
 * changes nothing. */
#include "fuzz.h"

#include <string.h>

/* now is old with key `path` -> v inserted after pair `after`. */
static void check_root(const fm_value *old, size_t after, const char *path,
                       const fm_value *now) {
    FUZZ_REQUIRE(fm_value_size(now) == fm_value_size(old) + 1, "one key more");
    for (size_t i = 0, j = 0; j < fm_value_size(now); j++) {
        size_t ol, nl;
        const char *nk = fm_value_key_text(now, j, &nl);
        if (j == after + 1) {
            FUZZ_REQUIRE(nl == strlen(path) && memcmp(nk, path, nl) == 0,
                         "the new key right after its sibling");
            continue;
        }
        const char *ok = fm_value_key_text(old, i, &ol);
        FUZZ_REQUIRE(ol == nl && memcmp(ok, nk, ol) == 0, "other keys in order");
        if (!fuzz_holds_alias(fm_value_at(old, i)))
            FUZZ_REQUIRE(fm_value_equal(fm_value_at(old, i), fm_value_at(now, j)),
                         "other values unchanged");
        i++;
    }
}

static void run(const fuzz_fields *f, const fm_value *v, const fuzz_text *t) {
    const char *path = f->field[0], *after = f->field[1];
    fm_doc *doc = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    fm_doc *orig = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    if (doc && orig) {
        fuzz_place p, a;
        bool existed = fuzz_locate(fm_doc_root(orig), path, &p) == 0;
        bool top = !existed && !strchr(path, '.') &&
                   fm_doc_format(orig) != FM_FORMAT_NONE &&
                   fuzz_locate(fm_doc_root(orig), after, &a) == 0 && a.depth == 0;
        fm_error err;
        if (fm_doc_insert_after(doc, path, after, v, &err) != 0) {
            fuzz_check_failed(doc, orig, &err);
        } else {
            fm_doc *again = fuzz_reload(doc, &t->cfg);
            bool json = fm_doc_format(again) == FM_FORMAT_JSON;
            FUZZ_REQUIRE(fuzz_same_value(v, fm_doc_get(again, path), json),
                         "the path holds the value");
            if (top)
                check_root(fm_doc_root(orig), a.at, path, fm_doc_root(again));
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
    size_t off = fuzz_header(s, size, 3, &f);
    fm_value *v = f.count == 3 ? fm_value_new_string(f.field[2], f.len[2]) : NULL;
    if (off != FUZZ_SKIP && v && fuzz_text_make(s + off, size - off, &t) == 0) {
        run(&f, v, &t);
        fuzz_text_free(&t);
    }
    fm_value_free(v);
    fuzz_fields_free(&f);
    return 0;
}
