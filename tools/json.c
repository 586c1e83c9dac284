/* SPDX-License-Identifier: MIT */
/* json.c - the tool's output buffer and JSON encoding of strings, numbers
 * and value trees. */
#include "json.h"

#include <math.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for `more` bytes and a NUL. */
static int ob_grow(outbuf *b, size_t more) {
    if (b->failed)
        return -1;
    size_t cap = b->cap ? b->cap : 2048; /* a JSON line of an article fits */
    while (cap < b->len + more + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

static inline int ob_reserve(outbuf *b, size_t more) {
    return b->len + more + 1 <= b->cap && !b->failed ? 0 : ob_grow(b, more);
}

void ob_write(outbuf *b, const char *s, size_t len) {
    if (ob_reserve(b, len) != 0)
        return;
    memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void ob_puts(outbuf *b, const char *s) {
    ob_write(b, s, strlen(s));
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

/* How many bytes from u on go into a JSON string as they are: printable
 * ASCII except '"' and '\\'. Eight bytes at a time where it can: the lowest
 * flagged byte of a word is exact (borrows only spread upwards). */
static size_t plain_run(const unsigned char *u, size_t len) {
    size_t i = 0;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    for (size_t at = 0; len >= 8 && at <= len - 8; at = i < len - 8 ? i : len - 8) {
        uint64_t x, q, bs;
        memcpy(&x, u + at, sizeof x);
        q = x ^ (ones * '"');
        bs = x ^ (ones * '\\');
        uint64_t bad = (((x - ones * 0x20) | x | (x + ones)) | ((q - ones) & ~q) |
                        ((bs - ones) & ~bs)) & highs;
        if (bad)
            return at + (size_t)__builtin_ctzll(bad) / 8;
        if (at == len - 8)
            return len; /* the last word, perhaps overlapping the one before */
        i = at + 8;
    }
#endif
    while (i < len && u[i] >= 0x20 && u[i] < 0x7F && u[i] != '"' && u[i] != '\\')
        i++;
    return i;
}

void json_string(outbuf *b, const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    if (ob_reserve(b, len + 2) != 0)
        return;
    size_t i = plain_run(u, len);
    if (i == len) { /* nothing to escape: the common case */
        char *o = b->data + b->len;
        o[0] = '"';
        memcpy(o + 1, s, len);
        o[len + 1] = '"';
        o[len + 2] = '\0';
        b->len += len + 2;
        return;
    }
    ob_write(b, "\"", 1);
    size_t run = 0; /* start of bytes copied as they are */
    for (; i < len; i += plain_run(u + i, len - i)) {
        unsigned char c = u[i];
        size_t n = 1;
        const char *esc = NULL;
        char buf[8];
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\r')
            esc = "\\r";
        else if (c == '\t')
            esc = "\\t";
        else if (c < 0x20 || c == 0x7F) {
            snprintf(buf, sizeof buf, "\\u%04x", c);
            esc = buf;
        } else if ((n = utf8_sequence(u + i, len - i)) == 0) {
            esc = "\\ufffd";
            n = 1;
        }
        if (esc) {
            ob_write(b, s + run, i - run);
            ob_puts(b, esc);
            run = i + n;
        }
        i += n;
    }
    ob_write(b, s + run, len - run);
    ob_write(b, "\"", 1);
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
    size_t len, n = fm_value_size(v);
    const char *text;
    switch (fm_value_type(v)) {
    case FM_NULL:
        ob_puts(b, "null");
        return;
    case FM_BOOL:
        ob_puts(b, fm_value_bool(v) ? "true" : "false");
        return;
    case FM_INT:
        ob_printf(b, "%lld", (long long)fm_value_int(v, 0));
        return;
    case FM_FLOAT:
        if (isfinite(fm_value_float(v, 0))) {
            json_double(b, fm_value_float(v, 0));
            return;
        }
        break; /* .inf and .nan: their text */
    case FM_SEQUENCE:
        ob_write(b, "[", 1);
        for (size_t i = 0; i < n; i++) {
            if (i)
                ob_write(b, ",", 1);
            json_value(b, fm_value_at(v, i));
        }
        ob_write(b, "]", 1);
        return;
    case FM_MAPPING:
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
        ob_printf(b, "%lld", (long long)v->u.integer);
        break;
    default:
        json_value(b, v->u.value);
        break;
    }
}

void json_article(outbuf *b, const fm_article *a) {
    int first = 1;
    ob_write(b, "{", 1);
    for (size_t i = 0; i < fm_article_field_count(); i++) {
        fm_field_value v;
        if (fm_article_field_get(a, i, &v) != 1)
            continue;
        if (!first)
            ob_write(b, ",", 1);
        first = 0;
        json_key(b, fm_article_field_info(i)->name);
        json_field(b, &v);
    }
    ob_write(b, "}", 1);
}
