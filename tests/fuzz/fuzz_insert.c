/* SPDX-License-Identifier: MIT */
/* fuzz_insert.c - fm_doc_insert_after: the input's first line is
 * "PATH\tAFTER\tVALUE", the rest the document. The result loads and the path
 * holds the string; a new top-level key stands right after AFTER, every
 * other pair in its order; other keys are unchanged; a failed insertion
 * changes nothing. */
#include "fuzz.h"

#include <string.h>

typedef struct job {
    const fuzz_fields *f;
    fm_value *value;
} job;

static int edit(fm_doc *doc, const void *arg, fm_error *err) {
    const job *j = arg;
    return fm_doc_insert_after(doc, j->f->field[0], j->f->field[1], j->value, err);
}

/* now is old with key `path` inserted after pair `after`. */
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

static void check(const fm_doc *orig, const fm_doc *again, const void *arg) {
    const job *j = arg;
    const char *path = j->f->field[0], *after = j->f->field[1];
    bool json = fm_doc_format(again) == FM_FORMAT_JSON;
    FUZZ_REQUIRE(fuzz_same_value(j->value, fm_doc_get(again, path), json),
                 "the path holds the value");
    fuzz_place p, a;
    bool existed = fuzz_locate(fm_doc_root(orig), path, &p) == 0;
    if (!existed && !strchr(path, '.') && fm_doc_format(orig) != FM_FORMAT_NONE &&
        fuzz_locate(fm_doc_root(orig), after, &a) == 0 && a.depth == 0)
        check_root(fm_doc_root(orig), a.at, path, fm_doc_root(again));
    fuzz_check_others(fm_doc_root(orig), fm_doc_root(again), path);
}

static void run(const fuzz_fields *f, const fuzz_text *t) {
    job j = {f, fm_value_new_string(f->field[2], f->len[2], NULL)};
    if (j.value) /* NULL when the value is not UTF-8 */
        fuzz_run_edit(t, edit, check, &j);
    fm_value_free(j.value);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_with_header(data, size, 3, run);
    return 0;
}
