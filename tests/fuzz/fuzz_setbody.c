/* SPDX-License-Identifier: MIT */
/* fuzz_setbody.c - fm_doc_set_body: the input's first line is the new
 * body's length N in decimal, then come N bytes of body, then the document.
 * The result loads with the same format and front matter and exactly the
 * new body; a failed call changes nothing. */
#include "fuzz.h"

#include <string.h>

typedef struct job {
    const char *body;
    size_t len;
} job;

static int edit(fm_doc *doc, const void *arg, fm_error *err) {
    const job *j = arg;
    return fm_doc_set_body(doc, j->body, j->len, err);
}

static void check(const fm_doc *orig, const fm_doc *again, const void *arg) {
    const job *j = arg;
    size_t got_len;
    const char *got = fm_doc_body(again, &got_len);
    FUZZ_REQUIRE(got_len == j->len && memcmp(got, j->body, got_len) == 0,
                 "exactly the body");
    FUZZ_REQUIRE(fm_doc_format(again) == fm_doc_format(orig), "the same format");
    FUZZ_REQUIRE(fm_value_equal(fm_doc_root(orig), fm_doc_root(again)),
                 "the same front matter");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    size_t i = 0, n = 0;
    while (i < size && i < 8 && s[i] >= '0' && s[i] <= '9')
        n = n * 10 + (size_t)(s[i++] - '0');
    if (i == size || s[i] != '\n' || n > size - i - 1)
        return 0;
    job j = {s + i + 1, n};
    fuzz_text t;
    if (fuzz_text_make(j.body + n, size - i - 1 - n, &t) == 0) {
        fuzz_run_edit(&t, edit, check, &j);
        fuzz_text_free(&t);
    }
    return 0;
}
