/* SPDX-License-Identifier: MIT */
/* utf8.c - UTF-8 validation, decoding, encoding and code point counting
 * (and fm_utf8_scan, the same rule for bindings), without locale or global state. */
#include "private.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Byte length of a valid sequence starting at s, or 0 when invalid
 * (overlong forms, surrogates and values past U+10FFFF are invalid). */
static size_t valid_sequence(const unsigned char *s, size_t len) {
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (c == 0xE0 && s[1] < 0xA0)
        return 0; /* overlong */
    if (c == 0xED && s[1] > 0x9F)
        return 0; /* surrogate */
    if (c == 0xF0 && s[1] < 0x90)
        return 0; /* overlong */
    if (c == 0xF4 && s[1] > 0x8F)
        return 0; /* past U+10FFFF */
    return n;
}

/* p[0..len), 8 to 16 bytes (a key, a title), is all ASCII: two words that
 * overlap, tested at once. */
static bool short_ascii(const unsigned char *p, size_t len) {
    uint64_t head, tail;
    memcpy(&head, p, 8);
    memcpy(&tail, p + len - 8, 8);
    return ((head | tail) & 0x8080808080808080u) == 0;
}

#ifdef __SSE2__
/* The ASCII bytes at the start of p[0..len): 64 at a time while none has
 * its high bit, then 16 with the first such byte's place from the mask. */
static size_t ascii_prefix(const unsigned char *p, size_t len) {
    size_t i = 0;
    for (; len - i >= 64; i += 64) {
        const __m128i *v = (const __m128i *)(const void *)(p + i);
        __m128i lo = _mm_or_si128(_mm_loadu_si128(v), _mm_loadu_si128(v + 1));
        __m128i hi = _mm_or_si128(_mm_loadu_si128(v + 2), _mm_loadu_si128(v + 3));
        __m128i any = _mm_or_si128(lo, hi);
        if (_mm_movemask_epi8(any))
            break;
    }
    for (; len - i >= 16; i += 16) {
        const __m128i *v = (const __m128i *)(const void *)(p + i);
        int m = _mm_movemask_epi8(_mm_loadu_si128(v));
        if (m)
            return i + (size_t)__builtin_ctz((unsigned)m);
    }
    while (i < len && p[i] < 0x80)
        i++;
    return i;
}
#else
#define HIGH_BITS 0x8080808080808080u

/* The ASCII bytes at the start of p[0..len): 32 at a time (four words
 * tested at once), then 8, then one by one. */
static size_t ascii_prefix(const unsigned char *p, size_t len) {
    size_t i = 0;
    uint64_t w[4];
    while (len - i >= 32) {
        memcpy(w, p + i, 32);
        if ((w[0] | w[1] | w[2] | w[3]) & HIGH_BITS)
            break;
        i += 32;
    }
    while (len - i >= 8) {
        memcpy(w, p + i, 8);
        if (w[0] & HIGH_BITS)
            break;
        i += 8;
    }
    while (i < len && p[i] < 0x80)
        i++;
    return i;
}
#endif

size_t fmp_utf8_valid_prefix(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    if (len >= 8 && len <= 16 && short_ascii(p, len))
        return len;
    size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            i += ascii_prefix(p + i, len - i);
            continue;
        }
        size_t n = valid_sequence(p + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

void fmp_utf8_repair(const char *s, size_t len, fmp_put_fn put, void *ctx) {
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0; /* start of the bytes passed on as they are */
    for (size_t i = 0; i < len;) {
        size_t n = p[i] == 0 ? 0 : p[i] < 0x80 ? 1 : valid_sequence(p + i, len - i);
        if (n > 0) {
            i += n;
            continue;
        }
        if (i > run)
            put(ctx, s + run, i - run);
        put(ctx, "\xEF\xBF\xBD", 3);
        run = ++i;
    }
    if (len > run)
        put(ctx, s + run, len - run);
}

/* The code point of the valid sequence of n bytes at p. */
static uint32_t assemble(const unsigned char *p, size_t n) {
    static const unsigned char lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    uint32_t c = p[0] & lead_mask[n];
    for (size_t i = 1; i < n; i++)
        c = (c << 6) | (p[i] & 0x3F);
    return c;
}

size_t fmp_utf8_decode(const char *s, size_t len, uint32_t *cp) {
    const unsigned char *p = (const unsigned char *)s;
    size_t n = len ? valid_sequence(p, len) : 0;
    if (n == 0) {
        *cp = 0xFFFD;
        return len ? 1 : 0;
    }
    *cp = assemble(p, n);
    return n;
}

size_t fm_utf8_scan(const char *s, size_t len, size_t *chars, uint32_t *max_cp) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, n = 0;
    uint32_t top = 0;
    while (p && i < len) {
        if (p[i] < 0x80) {
            size_t run = ascii_prefix(p + i, len - i);
            i += run;
            n += run;
            continue;
        }
        size_t k = valid_sequence(p + i, len - i);
        if (k == 0)
            break;
        uint32_t cp = assemble(p + i, k);
        top = cp > top ? cp : top;
        i += k;
        n++;
    }
    if (chars)
        *chars = n;
    if (max_cp)
        *max_cp = top;
    return i;
}

/* Bytes that are not continuation bytes (10xxxxxx), eight at a time. */
size_t fmp_utf8_count(const char *s, size_t len) {
    if (len >= 8 && len <= 16 && short_ascii((const unsigned char *)s, len))
        return len;
    const char *p = s, *e = s + len;
    size_t n = 0;
    for (; e - p >= 8; p += 8) {
        uint64_t x;
        memcpy(&x, p, sizeof x);
        uint64_t cont = (x & ~(x << 1) & 0x8080808080808080u) >> 7;
        n += 8 - (size_t)((cont * 0x0101010101010101u) >> 56);
    }
    for (; p < e; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80;
    return n;
}

size_t fmp_utf8_encode(uint32_t cp, char *buf) {
    unsigned char *b = (unsigned char *)buf;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    b[0] = (unsigned char)(0xF0 | (cp >> 18));
    b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}
