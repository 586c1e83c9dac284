/* SPDX-License-Identifier: MIT */
/* utf8.c - UTF-8 bytes to str as CPython's decoder makes it, in two passes:
 * the library's fm_utf8_scan checks the text and finds its length and widest
 * character, then the characters are written at that width. */
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
    const unsigned char *p = (const unsigned char *)s;
    size_t chars;
    uint32_t top; /* the widest character past ASCII, 0 for none */
    if (len > (size_t)PY_SSIZE_T_MAX)
        return PyErr_NoMemory();
    if (len < 2 && (!len || p[0] < 0x80)) /* the interpreter's own strs */
        return len ? PyUnicode_FromOrdinal(p[0]) : PyUnicode_New(0, 0);
    if (len < SHORT || fm_utf8_scan(s, len, &chars, &top) != len)
        return PyUnicode_DecodeUTF8(s ? s : "", (Py_ssize_t)len, errors);
    PyObject *o = PyUnicode_New((Py_ssize_t)chars, top ? (Py_UCS4)top : 0x7F);
    if (!o)
        return NULL;
    int kind = PyUnicode_KIND(o);
    if (top == 0)
        memcpy(PyUnicode_1BYTE_DATA(o), p, len);
    else if (kind == PyUnicode_1BYTE_KIND)
        write_chars(p, len, PyUnicode_1BYTE_KIND, PyUnicode_DATA(o));
    else if (kind == PyUnicode_2BYTE_KIND)
        write_chars(p, len, PyUnicode_2BYTE_KIND, PyUnicode_DATA(o));
    else
        write_chars(p, len, PyUnicode_4BYTE_KIND, PyUnicode_DATA(o));
    return o;
}
