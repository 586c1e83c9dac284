/* SPDX-License-Identifier: MIT */
/* failalloc.h - an allocator for the tests that fails its fail_at-th call
 * (1-based) and counts the blocks still live, so that a test can fail each
 * allocation of a call in turn and check that nothing leaks. */
#ifndef FM_TEST_FAILALLOC_H
#define FM_TEST_FAILALLOC_H

#include <stdlib.h>

#include "fmatter.h"

typedef struct failing {
    long fail_at, count, live;
} failing;

static inline void *f_malloc(size_t n, void *ud) {
    failing *f = ud;
    if (++f->count == f->fail_at)
        return NULL;
    f->live++;
    return malloc(n);
}

static inline void *f_realloc(void *p, size_t n, void *ud) {
    failing *f = ud;
    if (++f->count == f->fail_at)
        return NULL;
    f->live += p == NULL;
    return realloc(p, n);
}

static inline void f_free(void *p, void *ud) {
    failing *f = ud;
    f->live -= p != NULL;
    free(p);
}

#endif
