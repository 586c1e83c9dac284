/* SPDX-License-Identifier: MIT */
/* fuzz_fastpath.c - the fast path against libyaml: for any input, a parse
 * that may use lib/yaml_fast.c and one with FM_OPT_NO_FAST_PATH both fail with
 * the same error or both load the same tree, node by node. */
#include "fuzz.h"

#include "../../lib/private.h" /* so treecmp.h also compares private fields */
#include "../treecmp.h"

static void require_same(const uint8_t *data, size_t size, const fm_config *cfg,
                         const char *what) {
    char why[1024];
    if (fm_parse_diff((const char *)data, size, cfg, NULL, why, sizeof why) != 0) {
        fprintf(stderr, "%s: %s\n", what, why);
        FUZZ_REQUIRE(0, "the fast path builds libyaml's tree or gives up");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fm_config cfg;
    fuzz_config(&cfg);
    require_same(data, size, &cfg, "default limits");
    /* Tight limits, so that the fast path's limit checks are reached. */
    cfg.options = FM_OPT_ALLOW_DUPLICATES;
    cfg.max_depth = 3;
    cfg.max_keys = 6;
    cfg.max_key_length = 8;
    cfg.max_scalar_length = 16;
    require_same(data, size, &cfg, "tight limits");
    return 0;
}
