/* SPDX-License-Identifier: MIT */
/* fuzz.h - what every fuzz target shares: the libFuzzer entry point and a
 * property check that aborts (so libFuzzer and the replay driver see it). */
#ifndef FM_FUZZ_H
#define FM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fmatter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_REQUIRE(cond, what)                                                          \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "fuzz property failed: %s (%s:%d)\n", what, __FILE__,         \
                    __LINE__);                                                            \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

/* Smaller limits than the defaults so the fuzzer explores, not allocates. */
static inline void fuzz_config(fm_config *cfg) {
    fm_config_init(cfg);
    cfg->max_input_size = 1 << 20;
    cfg->max_alias_nodes = 2000;
}

#endif
