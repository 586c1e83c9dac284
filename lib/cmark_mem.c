/* SPDX-License-Identifier: MIT */
/* cmark_mem.c - cmark's memory: every block cmark allocates comes from an
 * fm_allocator and is listed, so that running out of memory is an error
 * (FM_ERR_NOMEM) instead of cmark's abort, and nothing leaks. */
#include "private.h"

#include <cmark.h>
#include <setjmp.h>
#include <string.h>

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define THREAD_LOCAL _Thread_local
#else
#define THREAD_LOCAL __thread
#endif

/* The largest block cmark may have: its buffers abort past 1 GiB, so a
 * rendering stops well before (see FMP_CMARK_MAX_BODY). */
#define MAX_BLOCK ((size_t)512 * 1024 * 1024)

/* Each block starts with this header, aligned for any type. */
typedef union header {
    struct {
        union header *prev, *next;
        size_t size; /* bytes after the header */
    } h;
    long double align_ld;
    void *align_p;
    long long align_ll;
} header;

/* One fmp_cmark_run: its allocator, the blocks cmark holds, where to go
 * when an allocation fails. Heap-allocated, so nothing in it is a local of
 * the function that calls setjmp. */
typedef struct guard {
    cmark_mem mem;
    const fm_allocator *al;
    header *blocks;
    fm_code why;
    struct guard *outer; /* the run this one is nested in, if any */
    jmp_buf unwind;
} guard;

/* cmark_mem's functions get no user data: each thread's innermost run is
 * found here. It is set and restored by fmp_cmark_run only. */
static THREAD_LOCAL guard *current;

static void link_block(guard *g, header *b, size_t size) {
    b->h.size = size;
    b->h.prev = NULL;
    b->h.next = g->blocks;
    if (g->blocks)
        g->blocks->h.prev = b;
    g->blocks = b;
}

static void unlink_block(guard *g, header *b) {
    if (b->h.prev)
        b->h.prev->h.next = b->h.next;
    else
        g->blocks = b->h.next;
    if (b->h.next)
        b->h.next->h.prev = b->h.prev;
}

/* Gives up the run: back to fmp_cmark_run, which frees every block. */
static void refuse(guard *g, fm_code why) {
    g->why = why;
    longjmp(g->unwind, 1);
}

static void *mem_calloc(size_t n, size_t size) {
    guard *g = current;
    if (size && n > MAX_BLOCK / size)
        refuse(g, FM_ERR_TOO_LARGE);
    header *b = fmp_malloc(g->al, sizeof *b + n * size);
    if (!b)
        refuse(g, FM_ERR_NOMEM);
    memset(b + 1, 0, n * size);
    link_block(g, b, n * size);
    return b + 1;
}

static void *mem_realloc(void *p, size_t size) {
    guard *g = current;
    if (!p)
        return mem_calloc(1, size);
    if (size > MAX_BLOCK)
        refuse(g, FM_ERR_TOO_LARGE);
    header *old = (header *)p - 1;
    unlink_block(g, old);
    header *b = fmp_realloc(g->al, old, sizeof *old + old->h.size, sizeof *b + size);
    if (!b) {
        link_block(g, old, old->h.size); /* still cmark's: freed with the rest */
        refuse(g, FM_ERR_NOMEM);
    }
    link_block(g, b, size);
    return b + 1;
}

static void mem_free(void *p) {
    if (!p)
        return;
    guard *g = current;
    header *b = (header *)p - 1;
    unlink_block(g, b);
    fmp_free(g->al, b);
}

cmark_mem *fmp_cmark_mem(void) {
    return &current->mem;
}

int fmp_cmark_run(const fm_allocator *al, int (*fn)(void *arg), void *arg,
                  fm_error *err) {
    guard *g = fmp_malloc(fmp_allocator_or_default(al), sizeof *g);
    if (!g)
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    memset(g, 0, sizeof *g);
    g->mem.calloc = mem_calloc;
    g->mem.realloc = mem_realloc;
    g->mem.free = mem_free;
    g->al = fmp_allocator_or_default(al);
    g->outer = current;
    current = g;
    int rc;
    if (setjmp(g->unwind) == 0)
        rc = fn(arg);
    else if (g->why == FM_ERR_TOO_LARGE)
        rc = fmp_fail(err, FM_ERR_TOO_LARGE,
                      "the Markdown rendering would be over %zu MiB", MAX_BLOCK >> 20);
    else
        rc = fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    current = g->outer;
    while (g->blocks) { /* what cmark held when it was abandoned */
        header *b = g->blocks;
        g->blocks = b->h.next;
        fmp_free(g->al, b);
    }
    fmp_free(g->al, g);
    return rc;
}
