/* SPDX-License-Identifier: MIT */
/* fuzz_article.c - fm_article_from_doc on anything that loads: fields are
 * consistent, diagnostics have positions, strict mode agrees. */
#include "fuzz.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fm_config cfg;
    fuzz_config(&cfg);
    fm_doc *doc = fm_doc_parse_config((const char *)data, size, &cfg, NULL);
    if (!doc)
        return 0;
    fm_error err;
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    FUZZ_REQUIRE(a != NULL, "an article maps from every loaded document");
    for (size_t i = 0; i < a->diagnostic_count; i++)
        FUZZ_REQUIRE(a->diagnostics[i].line >= 1 && a->diagnostics[i].message,
                     "diagnostic has a place and a message");
    if (a->title.ptr)
        FUZZ_REQUIRE(strlen(a->title.ptr) <= a->title.len, "title is NUL-terminated");
    for (size_t i = 0; i < a->tags.count; i++)
        FUZZ_REQUIRE(a->tags.items[i].ptr != NULL, "tag items are set");
    fm_article *strict = fm_article_from_doc(doc, FM_OPT_STRICT, &err);
    FUZZ_REQUIRE((strict == NULL) == (a->diagnostic_count > 0), "strict fails iff diagnostics");
    fm_article_free(strict);
    fm_doc_free(doc); /* the article holds its own reference */
    FUZZ_REQUIRE(a->body_len <= size, "body inside the input");
    fm_article_free(a);
    return 0;
}
