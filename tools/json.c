/* SPDX-License-Identifier: MIT */
/* json.c - the tool's output buffer and JSON encoding of strings, numbers
 * and value trees. */
#include "json.h"

#include <math.h>
#if defined(__GNUC__) && defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *grow_array(void *v, size_t *cap, size_t need, size_t size, size_t first) {
    if (need <= *cap)
        return v;
    size_t n = *cap ? *cap : first ? first : 1;
    while (n < need && n <= SIZE_MAX / 2)
        n *= 2;
    if (n < need || n > SIZE_MAX / size)
        return NULL;
    void *p = realloc(v, n * size);
    if (p)
        *cap = n;
    return p;
}

int ob_grow(outbuf *b, size_t more) {
    if (b->failed)
        return -1;
    if (more > SIZE_MAX - 1 - b->len) {
        b->failed = 1;
        return -1;
    }
    /* 2 KB at first: a JSON line of an article fits */
    char *p = grow_array(b->data, &b->cap, b->len + more + 1, 1, 2048);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    return 0;
}

void ob_uint(outbuf *b, unsigned long long n) {
    char digits[24], *p = digits + sizeof digits;
    do {
        *--p = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    ob_write(b, p, (size_t)(digits + sizeof digits - p));
}

void ob_int(outbuf *b, long long n) {
    if (n < 0)
        ob_putc(b, '-');
    /* -n in unsigned arithmetic: LLONG_MIN too */
    ob_uint(b, n < 0 ? 0ull - (unsigned long long)n : (unsigned long long)n);
}

void ob_printf(outbuf *b, const char *fmt, ...) {
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        ob_write(b, small, (size_t)n);
        return;
    }
    if (ob_reserve(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void ob_free(outbuf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void ob_reset(outbuf *b) {
    ob_free(b);
    b->failed = 0;
}

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t utf8_sequence(const unsigned char *s, size_t len) {
    size_t n = s[0] < 0xC2 ? 0 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : s[0] < 0xF5 ? 4 : 0;
    if (n == 0 || len < n)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
        return 0;
    return n;
}

/* The high bit of each of the 8 bytes of x that does not go into a JSON
 * string as it is (printable ASCII but '"' and '\\' does). A byte that goes
 * as it is neither borrows nor carries, so the lowest raised bit is exact. */
static inline uint64_t stop8(uint64_t x) {
    const uint64_t ones = 0x0101010101010101u;
    uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\');
    return ((x - ones * 0x20) | x | (x + ones) | ((q - ones) & ~q) | ((bs - ones) & ~bs)) &
           (ones * 0x80);
}

static inline int plain_byte(unsigned char c) {
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
}

#if defined(__GNUC__) && defined(__SSE2__)
/* Bit i raised when byte i of x does not go as it is (exact). One signed
 * compare finds the control characters, 0x7F and the bytes not ASCII: plus
 * one, they are the signed bytes below 0x21 (0x00..0x1F become 0x01..0x20,
 * 0x7F..0xFF become -128..0) while space and the printable bytes become
 * 0x21..0x7F. */
static inline unsigned stop16(__m128i x) {
    __m128i stop = _mm_or_si128(
        _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(1)), _mm_set1_epi8(0x21)),
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                     _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
    return (unsigned)_mm_movemask_epi8(stop);
}
#endif

/* Bit i raised when byte i of lo and then hi (little-endian) does not go as
 * it is: the lowest raised bit is exact, bits above it may not be. */
static inline unsigned stop_bits(uint64_t lo, uint64_t hi) {
#if defined(__GNUC__) && defined(__SSE2__)
    return stop16(_mm_set_epi64x((long long)hi, (long long)lo));
#else
    const uint64_t gather = 0x0102040810204080u; /* the bytes' high bits, packed */
    return (unsigned)((stop8(lo) >> 7) * gather >> 56) |
           (unsigned)((stop8(hi) >> 7) * gather >> 56) << 8;
#endif
}

/* Copies the bytes of u that go into a JSON string as they are to d, up to
 * the first that does not (perhaps some after it too, never beyond len),
 * and returns how many there are. A string of 4 to 15 bytes is read as two
 * overlapping halves at once; a longer one in blocks, the last overlapping
 * the one before (its bytes before the overlap were found plain). */
__attribute__((always_inline)) static inline size_t copy_plain(char *d, const unsigned char *u,
                                                                size_t len) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (len >= 4 && len < 16) {
        size_t k = len >= 8 ? 8 : 4; /* the size of each half */
        uint64_t lo = 0, hi = 0, filler = 0x6161616161616161u; /* "aaaaaaaa" */
        memcpy(&lo, u, k);
        memcpy(&hi, u + len - k, k);
        memcpy(d, &lo, k);
        memcpy(d + len - k, &hi, k);
        unsigned bits = k == 8 ? stop_bits(lo, hi) : stop_bits(lo | hi << 32, filler);
        if (!bits)
            return len;
        unsigned first = (1u << k) - 1;
        return bits & first ? (size_t)__builtin_ctz(bits)
                            : len - k + (size_t)__builtin_ctz(bits >> k);
    }
#if defined(__SSE2__)
    for (size_t at = 0; len >= 16; at += 16) {
        if (at > len - 16)
            at = len - 16;
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + at));
        _mm_storeu_si128((__m128i *)(void *)(d + at), x);
        unsigned bits = stop16(x);
        if (bits)
            return at + (size_t)__builtin_ctz(bits);
        if (at == len - 16)
            return len;
    }
#else
    for (size_t at = 0; len >= 16; at += 8) {
        uint64_t x;
        if (at > len - 8)
            at = len - 8;
        memcpy(&x, u + at, sizeof x);
        memcpy(d + at, &x, sizeof x);
        uint64_t bad = stop8(x);
        if (bad)
            return at + (size_t)__builtin_ctzll(bad) / 8;
        if (at == len - 8)
            return len;
    }
#endif
#endif
    size_t i = 0;
    for (; i < len && plain_byte(u[i]); i++)
        d[i] = (char)u[i];
    return i;
}

/* How a byte that does not go as it is goes: its escape (into esc, *n
 * set to 1), or NULL when it starts a valid UTF-8 sequence of *n bytes. */
static const char *escape(const unsigned char *u, size_t len, char esc[8], size_t *n) {
    static const char hex[] = "0123456789abcdef";
    *n = 1;
    switch (u[0]) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    default:
        break;
    }
    if (u[0] < 0x20 || u[0] == 0x7F) {
        memcpy(esc, "\\u00", 4);
        esc[4] = hex[u[0] >> 4];
        esc[5] = hex[u[0] & 0xF];
        esc[6] = '\0';
        return esc;
    }
    if ((*n = utf8_sequence(u, len)) != 0)
        return NULL;
    *n = 1;
    return "\\ufffd";
}

/* The rest of a string from its first byte that does not go as it is
 * (b->len stands after the bytes before it). */
__attribute__((noinline)) static void json_string_rest(outbuf *b, const unsigned char *u, size_t len) {
    size_t i = 0;
    while (i < len) {
        char buf[8];
        size_t n, elen;
        const char *esc = escape(u + i, len - i, buf, &n);
        elen = esc ? strlen(esc) : n;
        /* room for this byte's output and the plain run after it */
        if (ob_reserve(b, elen + (len - i - n)) != 0)
            return;
        memcpy(b->data + b->len, esc ? esc : (const char *)u + i, elen);
        b->len += elen;
        i += n;
        size_t run = copy_plain(b->data + b->len, u + i, len - i);
        b->len += run;
        i += run;
    }
    b->data[b->len] = '\0';
}

void json_string(outbuf *b, const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    if (ob_reserve(b, len + 2) != 0)
        return;
    char *o = b->data + b->len;
    o[0] = '"';
    size_t run = copy_plain(o + 1, u, len);
    if (run == len) { /* nothing to escape: the common case */
        o[len + 1] = '"';
        o[len + 2] = '\0';
        b->len += len + 2;
        return;
    }
    b->len += 1 + run;
    json_string_rest(b, u + run, len - run);
    ob_putc(b, '"');
}

void json_key(outbuf *b, const char *key) {
    json_string(b, key, strlen(key));
    ob_write(b, ":", 1);
}

void json_double(outbuf *b, double d) {
    if (!isfinite(d)) {
        ob_puts(b, "null");
        return;
    }
    char buf[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    ob_puts(b, buf);
}

void json_value(outbuf *b, const fm_value *v) {
    size_t len, n;
    const char *text;
    switch (fm_value_type(v)) {
    case FM_NULL:
        ob_puts(b, "null");
        return;
    case FM_BOOL:
        ob_puts(b, fm_value_bool(v) ? "true" : "false");
        return;
    case FM_INT:
        ob_int(b, (long long)fm_value_int(v, 0));
        return;
    case FM_FLOAT:
        if (isfinite(fm_value_float(v, 0))) {
            json_double(b, fm_value_float(v, 0));
            return;
        }
        break; /* .inf and .nan: their text */
    case FM_SEQUENCE:
        n = fm_value_size(v);
        ob_write(b, "[", 1);
        for (size_t i = 0; i < n; i++) {
            if (i)
                ob_write(b, ",", 1);
            json_value(b, fm_value_at(v, i));
        }
        ob_write(b, "]", 1);
        return;
    case FM_MAPPING:
        n = fm_value_size(v);
        ob_write(b, "{", 1);
        for (size_t i = 0; i < n; i++) {
            if (i)
                ob_write(b, ",", 1);
            text = fm_value_key_text(v, i, &len);
            json_string(b, text, len);
            ob_write(b, ":", 1);
            json_value(b, fm_value_at(v, i));
        }
        ob_write(b, "}", 1);
        return;
    default:
        break;
    }
    text = fm_value_text(v, &len);
    json_string(b, text, len);
}

/* ---------------------------------------------------------------- article */

static void json_field(outbuf *b, const fm_field_value *v) {
    char date[64];
    switch (v->type) {
    case FM_FIELD_STRING:
        json_string(b, v->u.str.ptr, v->u.str.len);
        break;
    case FM_FIELD_LIST:
        ob_write(b, "[", 1);
        for (size_t k = 0; k < v->u.list.count; k++) {
            if (k)
                ob_write(b, ",", 1);
            json_string(b, v->u.list.items[k].ptr, v->u.list.items[k].len);
        }
        ob_write(b, "]", 1);
        break;
    case FM_FIELD_DATE:
        json_string(b, date, fm_datetime_format(&v->u.date, date, sizeof date));
        break;
    case FM_FIELD_BOOL:
        ob_puts(b, v->u.flag == FM_TRUE ? "true" : "false");
        break;
    case FM_FIELD_INT:
        ob_int(b, (long long)v->u.integer);
        break;
    default:
        json_value(b, v->u.value);
        break;
    }
}

void json_keys_init(json_keys *k) {
    size_t n = fm_article_field_count();
    memset(k, 0, sizeof *k);
    if (!(k->end = malloc((n ? n : 1) * sizeof *k->end)))
        return;
    for (size_t i = 0; i < n; i++) {
        ob_putc(&k->text, ',');
        json_key(&k->text, fm_article_field_info(i)->name);
        k->end[i] = k->text.len;
    }
    if (k->text.failed)
        json_keys_free(k);
    else
        k->count = n;
}

void json_keys_free(json_keys *k) {
    ob_free(&k->text);
    free(k->end);
    k->end = NULL;
    k->count = 0;
}

/* ,"name": for field i (the comma left out for the first written). */
static void article_key(outbuf *b, const json_keys *keys, size_t i, int first) {
    if (keys && i < keys->count) {
        size_t start = i ? keys->end[i - 1] : 0;
        if (first)
            start++; /* after the comma */
        ob_write(b, keys->text.data + start, keys->end[i] - start);
        return;
    }
    if (!first)
        ob_write(b, ",", 1);
    json_key(b, fm_article_field_info(i)->name);
}

void json_article(outbuf *b, const fm_article *a, const json_keys *keys) {
    int first = 1;
    size_t count = fm_article_field_count();
    ob_write(b, "{", 1);
    for (size_t i = 0; i < count; i++) {
        fm_field_value v;
        if (fm_article_field_get(a, i, &v) != 1)
            continue;
        article_key(b, keys, i, first);
        first = 0;
        json_field(b, &v);
    }
    ob_write(b, "}", 1);
}
