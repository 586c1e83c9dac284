/* SPDX-License-Identifier: MIT */
/* fuzz_split.c - fm_split: the pieces cover the input exactly, in order. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    fm_parts p;
    fm_error err;
    for (unsigned opts = 0; opts <= FM_OPT_LENIENT; opts += FM_OPT_LENIENT) {
        if (fm_split(s, size, opts, &p, &err) != 0) {
            FUZZ_REQUIRE(err.line >= 1 && err.column >= 1, "split error has a position");
            continue;
        }
        size_t total = p.bom_len + p.lead_len + p.open_fence_len + p.front_len +
                       p.close_fence_len + p.body_len;
        FUZZ_REQUIRE(total == size, "pieces add up to the input");
        FUZZ_REQUIRE(p.lead == s + p.bom_len, "lead follows the BOM");
        FUZZ_REQUIRE(p.open_fence == p.lead + p.lead_len, "fence follows lead");
        FUZZ_REQUIRE(p.front == p.open_fence + p.open_fence_len, "front follows fence");
        FUZZ_REQUIRE(p.close_fence == p.front + p.front_len, "closing fence follows");
        FUZZ_REQUIRE(p.body == p.close_fence + p.close_fence_len, "body follows");
        FUZZ_REQUIRE(p.body_line >= 1, "body line is 1-based");
    }
    return 0;
}
