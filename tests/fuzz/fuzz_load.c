/* SPDX-License-Identifier: MIT */
/* fuzz_load.c - fm_doc_parse: loads or fails with a code and a position;
 * every span of the tree lies inside the input. */
#include "fuzz.h"

static void check_spans(const fm_value *v, size_t size, int depth) {
    fm_span sp = fm_value_span(v);
    FUZZ_REQUIRE(sp.offset + sp.length <= size, "span inside the input");
    FUZZ_REQUIRE(depth <= FM_DEFAULT_MAX_DEPTH + 1, "depth bounded");
    if (fm_value_is_alias(v))
        return; /* its children were checked where the anchor stands */
    for (size_t i = 0; i < fm_value_size(v); i++) {
        if (fm_value_type(v) == FM_MAPPING)
            check_spans(fm_value_key_at(v, i), size, depth + 1);
        check_spans(fm_value_at(v, i), size, depth + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fm_config cfg;
    fuzz_config(&cfg);
    fm_error err;
    fm_doc *doc = fm_doc_parse_config((const char *)data, size, &cfg, &err);
    if (!doc) {
        FUZZ_REQUIRE(err.code != FM_OK, "failure has a code");
        FUZZ_REQUIRE(err.message[0] != '\0', "failure has a message");
        return 0;
    }
    FUZZ_REQUIRE(fm_value_type(fm_doc_root(doc)) == FM_MAPPING, "root is a mapping");
    check_spans(fm_doc_root(doc), size, 0);
    fm_doc_free(doc);
    return 0;
}
