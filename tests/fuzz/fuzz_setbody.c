/* SPDX-License-Identifier: MIT */
/* fuzz_setbody.c - fm_doc_set_body: the input's first line is the new
 * body's length N in decimal, then come N bytes of body, then the document.
 * The result loads with the same format and front matter and exactly the
 * new body; a failed call changes nothing. */
#include "fuzz.h"

#include <string.h>

static void run(const char *body, size_t len, const fuzz_text *t) {
    fm_doc *doc = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    fm_doc *orig = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    if (doc && orig) {
        fm_error err;
        if (fm_doc_set_body(doc, body, len, &err) != 0) {
            fuzz_check_failed(doc, orig, &err);
        } else {
            fm_doc *again = fuzz_reload(doc, &t->cfg);
            size_t got_len;
            const char *got = fm_doc_body(again, &got_len);
            FUZZ_REQUIRE(got_len == len && memcmp(got, body, len) == 0,
                         "exactly the body");
            FUZZ_REQUIRE(fm_doc_format(again) == fm_doc_format(orig), "the same format");
            FUZZ_REQUIRE(fm_value_equal(fm_doc_root(orig), fm_doc_root(again)),
                         "the same front matter");
            fm_doc_free(again);
        }
    }
    fm_doc_free(doc);
    fm_doc_free(orig);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    size_t i = 0, n = 0;
    while (i < size && i < 8 && s[i] >= '0' && s[i] <= '9')
        n = n * 10 + (size_t)(s[i++] - '0');
    if (i == size || s[i] != '\n' || n > size - i - 1)
        return 0;
    const char *body = s + i + 1;
    fuzz_text t;
    if (fuzz_text_make(body + n, size - i - 1 - n, &t) == 0) {
        run(body, n, &t);
        fuzz_text_free(&t);
    }
    return 0;
}
