/* SPDX-License-Identifier: MIT */
/* arena.c - memory: the caller's allocator hooks and the per-document bump
 * arena that holds every node and string of a snapshot. */
#include "private.h"

#include <stdlib.h>
#include <string.h>

/* ===================================================================== */
/* Allocator hooks                                                       */
/* ===================================================================== */

static void *std_malloc(size_t size, void *ud) {
    (void)ud;
    return malloc(size);
}

static void *std_realloc(void *ptr, size_t size, void *ud) {
    (void)ud;
    return realloc(ptr, size);
}

static void std_free(void *ptr, void *ud) {
    (void)ud;
    free(ptr);
}

static const fm_allocator default_allocator = {std_malloc, std_realloc, std_free, NULL};

const fm_allocator *fmp_allocator_or_default(const fm_allocator *al) {
    return (al && al->malloc && al->free) ? al : &default_allocator;
}

void *fmp_malloc(const fm_allocator *al, size_t size) {
    return al->malloc(size ? size : 1, al->ud);
}

void *fmp_realloc(const fm_allocator *al, void *ptr, size_t old_size, size_t size) {
    if (al->realloc)
        return al->realloc(ptr, size ? size : 1, al->ud);
    void *p = al->malloc(size ? size : 1, al->ud);
    if (p && ptr) {
        memcpy(p, ptr, old_size < size ? old_size : size);
        al->free(ptr, al->ud);
    }
    return p;
}

void fmp_free(const fm_allocator *al, void *ptr) {
    if (ptr)
        al->free(ptr, al->ud);
}

void fmp_zero(void *p, size_t n) {
    memset(p, 0, n);
}

void fmp_copy_bytes(void *dst, const void *src, size_t n) {
    memcpy(dst, src, n);
}

void fm_free(void *ptr) {
    free(ptr);
}

/* ===================================================================== */
/* Arena                                                                 */
/* ===================================================================== */

struct fmp_chunk {
    fmp_chunk *prev;
    size_t size;
};

#define ARENA_ALIGN 8
#define ARENA_MIN_CHUNK 1024
#define ARENA_MAX_CHUNK ((size_t)1 << 20)
#define ARENA_PAGE ((size_t)4096)
/* What a malloc keeps in front of a block (glibc: its size word). */
#define ARENA_MALLOC_HEADER ((size_t)16)

static size_t align_up(size_t n) {
    return (n + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1);
}

size_t fmp_arena_page_fit(size_t size) {
    size_t header = align_up(sizeof(fmp_chunk)) + ARENA_MALLOC_HEADER;
    if (size > SIZE_MAX - header - ARENA_PAGE)
        return size;
    return ((size + header + ARENA_PAGE - 1) & ~(ARENA_PAGE - 1)) - header;
}

void fmp_arena_init(fmp_arena *a, const fm_allocator *al, size_t first_chunk) {
    a->al = al;
    a->chunks = NULL;
    a->next = a->end = NULL;
    a->chunk_size = first_chunk < ARENA_MIN_CHUNK ? ARENA_MIN_CHUNK : first_chunk;
}

void fmp_arena_init_in(fmp_arena *a, const fm_allocator *al, char *start, char *end) {
    fmp_arena_init(a, al, ARENA_MIN_CHUNK);
    a->next = start;
    a->end = end;
}

int fmp_scratch_reserve(const fm_allocator *al, void **arr, size_t *cap, size_t used,
                        size_t elem, const void *first) {
    if (used < *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 16;
    if (n > SIZE_MAX / elem)
        return -1;
    void *p = *arr == first ? fmp_malloc(al, n * elem)
                            : fmp_realloc(al, *arr, *cap * elem, n * elem);
    if (!p)
        return -1;
    if (*arr == first && used)
        memcpy(p, first, used * elem);
    *arr = p;
    *cap = n;
    return 0;
}

/* Adds a chunk able to hold `size` bytes; later chunks double, up to a cap. */
static int arena_grow(fmp_arena *a, size_t size) {
    size_t header = align_up(sizeof(fmp_chunk));
    size_t want = a->chunk_size;
    if (want < size)
        want = size;
    if (want > SIZE_MAX - header)
        return -1;
    fmp_chunk *c = fmp_malloc(a->al, header + want);
    if (!c)
        return -1;
    c->prev = a->chunks;
    c->size = header + want;
    a->chunks = c;
    a->next = (char *)c + header;
    a->end = a->next + want;
    if (a->chunk_size < ARENA_MAX_CHUNK)
        a->chunk_size *= 2;
    return 0;
}

void *fmp_arena_alloc_slow(fmp_arena *a, size_t size) {
    if (size > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    size = align_up(size ? size : 1);
    if ((size_t)(a->end - a->next) < size && arena_grow(a, size) != 0)
        return NULL;
    void *p = a->next;
    a->next += size;
    return p;
}

void *fmp_arena_first(fmp_arena *a, const fm_allocator *al, size_t first, size_t extra,
                      size_t size) {
    size = align_up(size);
    fmp_arena_init(a, al, first < size ? size : first);
    size_t header = align_up(sizeof(fmp_chunk)), want = a->chunk_size;
    if (want > SIZE_MAX - header || extra > SIZE_MAX - header - want)
        return NULL;
    want += extra;
    fmp_chunk *c = al->malloc(header + want, al->ud);
    if (!c)
        return NULL;
    c->prev = NULL;
    c->size = header + want;
    a->chunks = c;
    a->next = (char *)c + header + size;
    a->end = (char *)c + header + want;
    if (a->chunk_size < ARENA_MAX_CHUNK)
        a->chunk_size *= 2;
    return (char *)c + header;
}

void *fmp_arena_calloc(fmp_arena *a, size_t size) {
    void *p = fmp_arena_alloc(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

char *fmp_arena_strndup(fmp_arena *a, const char *s, size_t len) {
    if (len == SIZE_MAX)
        return NULL;
    char *p = fmp_arena_alloc(a, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void fmp_arena_release_own(fmp_arena *a) {
    void (*release)(void *, void *) = a->al->free;
    void *ud = a->al->ud;
    for (fmp_chunk *c = a->chunks, *prev; c; c = prev) {
        prev = c->prev;
        release(c, ud);
    }
}

void fmp_arena_release(fmp_arena *a) {
    fmp_chunk *c = a->chunks;
    while (c) {
        fmp_chunk *prev = c->prev;
        fmp_free(a->al, c);
        c = prev;
    }
    a->chunks = NULL;
    a->next = a->end = NULL;
}
