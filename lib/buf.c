/* SPDX-License-Identifier: MIT */
/* buf.c - a growable byte buffer for building text (renderings, edited
 * documents); allocation failures are remembered, not returned per call. */
#include "private.h"

#include <string.h>

void fmp_buf_init(fmp_buf *b, const fm_allocator *al) {
    memset(b, 0, sizeof *b);
    b->al = al;
}

FMP_HOT void fmp_buf_init_in(fmp_buf *b, const fm_allocator *al, char *first,
                             size_t cap) {
    fmp_buf_init(b, al);
    b->data = b->first = first;
    b->cap = cap;
}

/* Moves the text to a new heap block of cap bytes (from the caller's first
 * storage, or by growing the current block). */
static char *regrow(fmp_buf *b, size_t cap) {
    if (!b->data || b->data != b->first)
        return fmp_realloc(b->al, b->data, b->cap, cap);
    char *p = fmp_malloc(b->al, cap);
    if (p && b->len)
        memcpy(p, b->data, b->len);
    return p;
}

FMP_HOT static bool reserve(fmp_buf *b, size_t more) {
    if (b->failed)
        return false;
    if (more > SIZE_MAX - b->len - 1) {
        b->failed = true;
        return false;
    }
    if (b->len + more + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 128;
    while (cap < b->len + more + 1)
        cap = cap > SIZE_MAX / 2 ? b->len + more + 1 : cap * 2;
    char *p = regrow(b, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

FMP_HOT void fmp_buf_put(fmp_buf *b, const char *s, size_t len) {
    if (!reserve(b, len))
        return;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void fmp_buf_puts(fmp_buf *b, const char *s) {
    fmp_buf_put(b, s, strlen(s));
}

void fmp_buf_putc(fmp_buf *b, char c) {
    fmp_buf_put(b, &c, 1);
}

void fmp_buf_spaces(fmp_buf *b, size_t n) {
    if (!reserve(b, n))
        return;
    memset(b->data + b->len, ' ', n);
    b->len += n;
    b->data[b->len] = '\0';
}

FMP_HOT void fmp_buf_clear(fmp_buf *b) {
    b->len = 0;
    b->failed = false;
    if (b->data)
        b->data[0] = '\0';
}

FMP_HOT void fmp_buf_free(fmp_buf *b) {
    if (b->data != b->first)
        fmp_free(b->al, b->data);
    b->data = b->first = NULL;
    b->len = b->cap = 0;
}
