/* SPDX-License-Identifier: MIT */
/* fuzz_emit.c - round trip: an unedited document emits its exact input. */
#include "fuzz.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fm_config cfg;
    fuzz_config(&cfg);
    fm_doc *doc = fm_doc_parse_config((const char *)data, size, &cfg, NULL);
    if (!doc)
        return 0;
    size_t len = 0;
    char *out = fm_doc_emit(doc, &len, NULL);
    FUZZ_REQUIRE(out != NULL, "emit succeeds");
    FUZZ_REQUIRE(len == size && memcmp(out, data, size) == 0, "emit equals the input");
    fm_free(out);
    fm_doc_free(doc);
    return 0;
}
