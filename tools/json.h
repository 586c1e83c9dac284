/* SPDX-License-Identifier: MIT */
/* json.h - a growable output buffer and JSON writing for the fmatter tool. */
#ifndef FMATTER_TOOL_JSON_H
#define FMATTER_TOOL_JSON_H

#include <stddef.h>
#include <string.h>

#include "fmatter.h"

typedef struct outbuf {
    char *data;
    size_t len, cap;
    int failed; /* an allocation failed; the contents are incomplete */
} outbuf;

/* The tool's one rule for growing an array: v (*cap elements of size
 * bytes) with room for `need` elements, the capacity doubled from `first`
 * as often as that takes. Returns v itself or v moved (*cap updated); NULL
 * when out of memory or past SIZE_MAX (v unchanged and still to free). */
void *grow_array(void *v, size_t *cap, size_t need, size_t size, size_t first);

/* Room for `more` bytes and a NUL beyond len: 0, or -1 when an allocation
 * failed (now or before). */
int ob_grow(outbuf *b, size_t more);

static inline int ob_reserve(outbuf *b, size_t more) {
    return b->len + more + 1 <= b->cap && !b->failed ? 0 : ob_grow(b, more);
}

/* Appends len bytes (inline: most writes are a few bytes of punctuation);
 * the contents stay NUL-terminated. */
static inline void ob_write(outbuf *b, const char *s, size_t len) {
    if (ob_reserve(b, len) != 0)
        return;
    memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
}

static inline void ob_putc(outbuf *b, char c) {
    ob_write(b, &c, 1);
}

static inline void ob_puts(outbuf *b, const char *s) {
    ob_write(b, s, strlen(s));
}

/* A number in decimal, without printf. */
void ob_uint(outbuf *b, unsigned long long n);
void ob_int(outbuf *b, long long n);
void ob_printf(outbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ob_free(outbuf *b);
/* Frees the contents and clears `failed`: the buffer is empty and usable. */
void ob_reset(outbuf *b);

/* A JSON string literal; invalid UTF-8 bytes become U+FFFD. */
void json_string(outbuf *b, const char *s, size_t len);
/* "key": (with the quotes and colon) */
void json_key(outbuf *b, const char *key);
/* A number that reads back as d; non-finite values are written as null. */
void json_double(outbuf *b, double d);
/* A whole value tree: mappings become objects (keys as text), sequences
 * arrays, timestamps their source text, non-finite floats their text. */
void json_value(outbuf *b, const fm_value *v);
/* The names of the article's typed fields written once as JSON keys, each
 * after a comma (`,"title":`), for json_article to copy: field i's from
 * end[i - 1] (0 for the first) to end[i] in text. Made before any thread
 * uses them, then only read. */
typedef struct json_keys {
    outbuf text;
    size_t *end;
    size_t count; /* 0 when they could not be made (out of memory) */
} json_keys;

void json_keys_init(json_keys *k);
void json_keys_free(json_keys *k);
/* The typed fields of an article that are set, as an object: every field
 * of the library's table in its order (fm_article_field_info), dates in
 * RFC 3339, weight a number, maps as json_value writes them. keys: the
 * keys made by json_keys_init, or NULL (each written as it comes). */
void json_article(outbuf *b, const fm_article *a, const json_keys *keys);

#endif
