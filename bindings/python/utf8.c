/* SPDX-License-Identifier: MIT */
/* utf8.c - UTF-8 bytes to str as CPython's decoder makes it, in two passes over
 * valid text (count the characters and find the widest, then write them). */
#include "fmpy.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Inlined where its kind argument is a constant. */
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/* Shorter text goes to CPython's decoder, which costs less on it. */
#define SHORT 32

/* What the first pass found: the width the str needs. */
enum { W_ASCII, W_LATIN1, W_UCS2, W_UCS4 };

/* The ASCII bytes at the start of p[0..len): 16 at a time (SSE2) or 8. */
static size_t ascii_run(const unsigned char *p, size_t len) {
    size_t i = 0;
#ifdef __SSE2__
    for (; len - i >= 16; i += 16) {
        int m = _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + i)));
        if (m)
            return i + (size_t)__builtin_ctz((unsigned)m);
    }
#else
    for (; len - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, sizeof w);
        if (w & 0x8080808080808080u)
            break;
    }
#endif
    while (i < len && p[i] < 0x80)
        i++;
    return i;
}

/* The length of the sequence at p[0..len) (lead byte p[0] >= 0x80) and its
 * width in *w, or 0 when it is not valid UTF-8: overlong forms, surrogates
 * and values past U+10FFFF are not, as for CPython's strict decoder. */
static size_t sequence(const unsigned char *p, size_t len, int *w) {
    unsigned char c = p[0];
    if (c < 0xC2 || c > 0xF4)
        return 0;
    size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len < n)
        return 0;
    for (size_t k = 1; k < n; k++)
        if ((p[k] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F) ||
        (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
        return 0;
    *w = n == 4 ? W_UCS4 : n == 3 || c >= 0xC4 ? W_UCS2 : W_LATIN1;
    return n;
}

/* First pass: 1 with the characters in *chars and the width in *width when
 * p[0..len) is valid UTF-8, else 0. */
static int scan(const unsigned char *p, size_t len, size_t *chars, int *width) {
    size_t i = 0, n = 0;
    int wide = W_ASCII;
    while (i < len) {
        size_t run = ascii_run(p + i, len - i);
        i += run;
        n += run;
        if (i == len)
            break;
        int w;
        size_t k = sequence(p + i, len - i, &w);
        if (k == 0)
            return 0;
        wide = w > wide ? w : wide;
        i += k;
        n++;
    }
    *chars = n;
    *width = wide;
    return 1;
}

/* The code point of the valid sequence at p, of k bytes. */
static Py_UCS4 code_point(const unsigned char *p, size_t k) {
    if (k == 2)
        return (Py_UCS4)(p[0] & 0x1F) << 6 | (Py_UCS4)(p[1] & 0x3F);
    if (k == 3)
        return (Py_UCS4)(p[0] & 0x0F) << 12 | (Py_UCS4)(p[1] & 0x3F) << 6 |
               (Py_UCS4)(p[2] & 0x3F);
    return (Py_UCS4)(p[0] & 0x07) << 18 | (Py_UCS4)(p[1] & 0x3F) << 12 |
           (Py_UCS4)(p[2] & 0x3F) << 6 | (Py_UCS4)(p[3] & 0x3F);
}

/* The length of the (valid) sequence whose lead byte is c. */
static size_t lead_length(unsigned char c) {
    return c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

#ifdef __SSE2__
/* Writes the 16 bytes of v, all ASCII, as characters of kind 1, 2 or 4
 * bytes at out. */
static ALWAYS_INLINE void put16(__m128i v, int kind, void *out) {
    __m128i *o = (__m128i *)out;
    const __m128i zero = _mm_setzero_si128();
    if (kind == PyUnicode_1BYTE_KIND) {
        _mm_storeu_si128(o, v);
        return;
    }
    __m128i lo = _mm_unpacklo_epi8(v, zero), hi = _mm_unpackhi_epi8(v, zero);
    if (kind == PyUnicode_2BYTE_KIND) {
        _mm_storeu_si128(o, lo);
        _mm_storeu_si128(o + 1, hi);
        return;
    }
    _mm_storeu_si128(o, _mm_unpacklo_epi16(lo, zero));
    _mm_storeu_si128(o + 1, _mm_unpackhi_epi16(lo, zero));
    _mm_storeu_si128(o + 2, _mm_unpacklo_epi16(hi, zero));
    _mm_storeu_si128(o + 3, _mm_unpackhi_epi16(hi, zero));
}
#endif

/* Second pass: the characters of valid p[0..len) into the str's data, of
 * kind 1, 2 or 4 bytes a character; runs of ASCII 16 bytes a step. Inlined
 * for each kind (see fmpy_utf8_str), so that no step asks the kind. */
static ALWAYS_INLINE void write_chars(const unsigned char *p, size_t len, int kind, void *data) {
    size_t i = 0, n = 0;
    while (i < len) {
#ifdef __SSE2__
        for (; len - i >= 16; i += 16, n += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
            if (_mm_movemask_epi8(v))
                break;
            put16(v, kind, (char *)data + n * (size_t)kind);
        }
#endif
        for (; i < len && p[i] < 0x80; i++, n++)
            PyUnicode_WRITE(kind, data, n, p[i]);
        if (i < len) {
            size_t k = lead_length(p[i]);
            PyUnicode_WRITE(kind, data, n, code_point(p + i, k));
            n++;
            i += k;
        }
    }
}

PyObject *fmpy_utf8_str(const char *s, size_t len, const char *errors) {
    static const Py_UCS4 maxchar[] = {0x7F, 0xFF, 0xFFFF, 0x10FFFF};
    const unsigned char *p = (const unsigned char *)s;
    size_t chars;
    int width;
    if (len > (size_t)PY_SSIZE_T_MAX)
        return PyErr_NoMemory();
    if (len < 2 && (!len || p[0] < 0x80)) /* the interpreter's own strs */
        return len ? PyUnicode_FromOrdinal(p[0]) : PyUnicode_New(0, 0);
    if (len < SHORT || !scan(p, len, &chars, &width))
        return PyUnicode_DecodeUTF8(s ? s : "", (Py_ssize_t)len, errors);
    PyObject *o = PyUnicode_New((Py_ssize_t)chars, maxchar[width]);
    if (!o)
        return NULL;
    if (width == W_ASCII)
        memcpy(PyUnicode_1BYTE_DATA(o), p, len);
    else if (width == W_LATIN1)
        write_chars(p, len, PyUnicode_1BYTE_KIND, PyUnicode_DATA(o));
    else if (width == W_UCS2)
        write_chars(p, len, PyUnicode_2BYTE_KIND, PyUnicode_DATA(o));
    else
        write_chars(p, len, PyUnicode_4BYTE_KIND, PyUnicode_DATA(o));
    return o;
}
