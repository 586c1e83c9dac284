/* SPDX-License-Identifier: MIT */
/* str.c - str objects from UTF-8: valid text made in two passes (its length
 * in code points and its largest one, then the characters written straight
 * into the new str), anything else by CPython's own decoder. */
#include "fmpy.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define HIGH_BITS 0x8080808080808080u

/* The ASCII bytes at the start of p[0..len): 32 at a time (four words
 * tested at once), then 8, then one by one. */
static size_t ascii_prefix(const unsigned char *p, size_t len) {
    size_t i = 0;
    uint64_t a, b, c, d;
    while (len - i >= 32) {
        memcpy(&a, p + i, 8);
        memcpy(&b, p + i + 8, 8);
        memcpy(&c, p + i + 16, 8);
        memcpy(&d, p + i + 24, 8);
        if ((a | b | c | d) & HIGH_BITS)
            break;
        i += 32;
    }
    while (len - i >= 8) {
        memcpy(&a, p + i, 8);
        if (a & HIGH_BITS)
            break;
        i += 8;
    }
    while (i < len && p[i] < 0x80)
        i++;
    return i;
}

/* Widens the ASCII bytes at the start of p[0..len) into out; returns how
 * many: 16 at a time with SSE2, then one by one. */
static size_t widen_ascii(const unsigned char *p, size_t len, Py_UCS2 *out) {
    size_t i = 0;
#ifdef __SSE2__
    const __m128i zero = _mm_setzero_si128();
    while (len - i >= 16) {
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        if (_mm_movemask_epi8(b) != 0)
            break;
        _mm_storeu_si128((__m128i *)(void *)(out + i), _mm_unpacklo_epi8(b, zero));
        _mm_storeu_si128((__m128i *)(void *)(out + i + 8), _mm_unpackhi_epi8(b, zero));
        i += 16;
    }
#endif
    while (i < len && p[i] < 0x80) {
        out[i] = p[i];
        i++;
    }
    return i;
}

/* The code point of the sequence of 2 to 4 bytes that starts p[0..len),
 * its length in *n; *n = 0 when it is not valid UTF-8 (a bad lead or
 * continuation byte, cut short, overlong, a surrogate, past U+10FFFF). */
static Py_UCS4 sequence(const unsigned char *p, size_t len, size_t *n) {
    unsigned char c = p[0];
    *n = 0;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    size_t k = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len < k)
        return 0;
    Py_UCS4 cp = c & (0x7Fu >> k);
    for (size_t i = 1; i < k; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3Fu);
    }
    if (k == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
        return 0;
    if (k == 4 && (cp < 0x10000 || cp > 0x10FFFF))
        return 0;
    *n = k;
    return cp;
}

/* The number of code points of p[0..len) and the largest (0 for none): 0,
 * or -1 when p is not valid UTF-8. */
static int measure(const unsigned char *p, size_t len, size_t *chars, Py_UCS4 *max) {
    size_t i = 0, count = 0;
    Py_UCS4 m = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            size_t a = ascii_prefix(p + i, len - i);
            i += a;
            count += a;
            continue;
        }
        size_t n;
        Py_UCS4 cp = sequence(p + i, len - i, &n);
        if (n == 0)
            return -1;
        if (cp > m)
            m = cp;
        i += n;
        count++;
    }
    *chars = count;
    *max = m;
    return 0;
}

/* Writes valid p[0..len), whose code points are all below U+0100. */
static void fill_ucs1(const unsigned char *p, size_t len, Py_UCS1 *out) {
    size_t i = 0, n;
    while (i < len) {
        if (p[i] < 0x80) {
            size_t a = ascii_prefix(p + i, len - i);
            memcpy(out, p + i, a);
            out += a;
            i += a;
            continue;
        }
        *out++ = (Py_UCS1)sequence(p + i, len - i, &n);
        i += n;
    }
}

/* Writes valid p[0..len), whose code points are all below U+10000. */
static void fill_ucs2(const unsigned char *p, size_t len, Py_UCS2 *out) {
    size_t i = 0, n;
    while (i < len) {
        if (p[i] < 0x80) {
            size_t a = widen_ascii(p + i, len - i, out);
            out += a;
            i += a;
            continue;
        }
        *out++ = (Py_UCS2)sequence(p + i, len - i, &n);
        i += n;
    }
}

PyObject *fmpy_utf8_str(const char *s, size_t len, const char *errors) {
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t chars;
    Py_UCS4 max;
    if (len > (size_t)PY_SSIZE_T_MAX)
        return PyErr_NoMemory();
    if (measure(p, len, &chars, &max) != 0 || max > 0xFFFF) /* rare: CPython's way */
        return PyUnicode_DecodeUTF8((const char *)p, (Py_ssize_t)len, errors);
    PyObject *str = PyUnicode_New((Py_ssize_t)chars, max < 0x80 ? 0x7F : max);
    if (!str || chars == 0)
        return str;
    if (max < 0x80)
        memcpy(PyUnicode_1BYTE_DATA(str), p, len); /* ASCII: the bytes are the str */
    else if (PyUnicode_KIND(str) == PyUnicode_1BYTE_KIND)
        fill_ucs1(p, len, PyUnicode_1BYTE_DATA(str));
    else
        fill_ucs2(p, len, PyUnicode_2BYTE_DATA(str));
    return str;
}
