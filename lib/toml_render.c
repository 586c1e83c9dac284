/* SPDX-License-Identifier: MIT */
/* toml_render.c - values to TOML source text: the four string kinds, bare or
 * quoted keys, numbers, dates, arrays and inline tables; what TOML cannot
 * hold (null, a key that is a collection) is refused with the reason. */
#include "private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ===================================================================== */
/* Keys                                                                  */
/* ===================================================================== */

bool fmp_toml_bare_key_ok(const char *s, size_t len) {
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!fmp_toml_bare_char(s[i]))
            return false;
    return true;
}

static void write_basic(fmp_buf *b, const char *s, size_t len, bool multiline);

void fmp_toml_render_key(fmp_buf *b, const char *s, size_t len) {
    if (fmp_toml_bare_key_ok(s, len))
        fmp_buf_put(b, s, len);
    else
        write_basic(b, s, len, false);
}

/* ===================================================================== */
/* Strings                                                               */
/* ===================================================================== */

/* Characters a basic string must escape: the quote, the backslash, and the
 * controls other than tab (and, in a multi-line string, LF). */
static bool must_escape(unsigned char c, bool multiline) {
    if (c == '"' || c == '\\' || c == 0x7F)
        return true;
    if (c == '\t' || (multiline && c == '\n'))
        return false;
    return c < 0x20;
}

static void write_escape(fmp_buf *b, unsigned char c) {
    static const char from[] = "\"\\\b\t\n\f\r";
    static const char to[] = "\"\\btnfr";
    const char *hit = c ? strchr(from, c) : NULL;
    if (hit) {
        fmp_buf_putc(b, '\\');
        fmp_buf_putc(b, to[hit - from]);
        return;
    }
    char esc[8];
    snprintf(esc, sizeof esc, "\\u%04X", (unsigned)c);
    fmp_buf_puts(b, esc);
}

/* "..." or """\n...""" with the escapes TOML needs. In the multi-line form
 * a run of three quotes is broken by escaping its third. */
static void write_basic(fmp_buf *b, const char *s, size_t len, bool multiline) {
    fmp_buf_puts(b, multiline ? "\"\"\"\n" : "\"");
    size_t quotes = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        quotes = c == '"' ? quotes + 1 : 0;
        if (multiline && c == '"' && quotes < 3 && i + 1 < len)
            fmp_buf_putc(b, '"');
        else if (must_escape(c, multiline) || (multiline && c == '"')) {
            write_escape(b, c);
            quotes = 0;
        } else
            fmp_buf_putc(b, (char)c);
    }
    fmp_buf_puts(b, multiline ? "\"\"\"" : "\"");
}

/* A literal string holds no escape: no control but tab (and LF when
 * multi-line), no ' (no ''' when multi-line). */
static bool literal_ok(const char *s, size_t len, bool multiline) {
    if (!multiline && memchr(s, '\'', len))
        return false;
    size_t quotes = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        quotes = c == '\'' ? quotes + 1 : 0;
        if (quotes >= 3 || c == 0x7F || (c < 0x20 && c != '\t' && !(multiline && c == '\n')))
            return false;
    }
    /* A quote right before the closing ''' would join it. */
    return !(multiline && len > 0 && s[len - 1] == '\'');
}

void fmp_toml_render_string(fmp_buf *b, const char *s, size_t len, fmp_toml_kind want) {
    bool lines = memchr(s, '\n', len) != NULL;
    switch (want) {
    case FMP_TOML_LITERAL:
        if (literal_ok(s, len, false)) {
            fmp_buf_putc(b, '\'');
            fmp_buf_put(b, s, len);
            fmp_buf_putc(b, '\'');
            return;
        }
        break;
    case FMP_TOML_ML_LITERAL:
        if (lines && literal_ok(s, len, true)) {
            fmp_buf_puts(b, "'''\n");
            fmp_buf_put(b, s, len);
            fmp_buf_puts(b, "'''");
            return;
        }
        /* fall through */
    case FMP_TOML_ML_BASIC:
        if (lines) {
            write_basic(b, s, len, true);
            return;
        }
        break;
    default:
        break;
    }
    write_basic(b, s, len, false);
}

/* ===================================================================== */
/* Scalars, arrays and inline tables                                     */
/* ===================================================================== */

static int refuse(const char **why, const char *reason) {
    if (why)
        *why = reason;
    return -1;
}

static void write_float(fmp_buf *b, double d) {
    if (isnan(d)) {
        fmp_buf_puts(b, "nan");
        return;
    }
    if (isinf(d)) {
        fmp_buf_puts(b, d < 0 ? "-inf" : "inf");
        return;
    }
    char num[64];
    fmp_buf_put(b, num, fmp_format_float(d, num, sizeof num));
}

static int write_scalar(fmp_buf *b, const fm_value *v, fmp_toml_kind want,
                        const char **why) {
    char num[64];
    switch (v->type) {
    case FM_NULL:
        return refuse(why, "TOML has no null");
    case FM_BOOL:
        fmp_buf_puts(b, v->u.b ? "true" : "false");
        return 0;
    case FM_INT:
        snprintf(num, sizeof num, "%lld", (long long)v->u.i);
        fmp_buf_puts(b, num);
        return 0;
    case FM_FLOAT:
        write_float(b, v->u.f);
        return 0;
    case FM_TIMESTAMP: {
        size_t n = fm_datetime_format(&v->u.dt, num, sizeof num);
        if (n == 0 || n >= sizeof num)
            return refuse(why, "a date TOML cannot write");
        fmp_buf_put(b, num, n);
        return 0;
    }
    default:
        fmp_toml_render_string(b, v->text, v->text_len, want);
        return 0;
    }
}

int fmp_toml_render_inline(fmp_buf *b, const fm_value *v, fmp_toml_kind want,
                           const char **why) {
    if (v->type != FM_SEQUENCE && v->type != FM_MAPPING)
        return write_scalar(b, v, want, why);
    bool map = v->type == FM_MAPPING;
    fmp_buf_putc(b, map ? '{' : '[');
    for (size_t i = 0; i < v->count; i++) {
        fmp_buf_puts(b, i ? ", " : map ? " " : "");
        const fm_value *item = map ? fmp_map_val(v, i) : v->u.items[i];
        if (map) {
            const fm_value *k = fmp_map_key(v, i);
            if (!k->text || k->type == FM_SEQUENCE || k->type == FM_MAPPING)
                return refuse(why, "TOML keys are strings, not collections");
            fmp_toml_render_key(b, k->text, k->text_len);
            fmp_buf_puts(b, " = ");
        }
        /* An inline table stays on one line: no multi-line strings in it. */
        fmp_toml_kind kind = !map                         ? want
                             : want == FMP_TOML_ML_LITERAL ? FMP_TOML_LITERAL
                             : want == FMP_TOML_ML_BASIC   ? FMP_TOML_BASIC
                                                           : want;
        if (fmp_toml_render_inline(b, item, kind, why) != 0)
            return -1;
    }
    fmp_buf_puts(b, map ? (v->count ? " }" : "}") : "]");
    return 0;
}

/* ===================================================================== */
/* What TOML cannot hold; pairs as key/value lines                       */
/* ===================================================================== */

static bool is_collection(const fm_value *v) {
    return v->type == FM_SEQUENCE || v->type == FM_MAPPING;
}

/* Why a key cannot be a TOML key, or NULL. */
static const char *bad_key(const fm_value *k) {
    return !k->text || is_collection(k) ? "TOML keys are strings, not collections" : NULL;
}

const char *fmp_toml_cannot_hold(const fm_value *v) {
    char num[64];
    if (v->type == FM_NULL)
        return "TOML has no null";
    if (v->type == FM_TIMESTAMP) {
        size_t n = fm_datetime_format(&v->u.dt, num, sizeof num);
        return n == 0 || n >= sizeof num ? "a date TOML cannot write" : NULL;
    }
    bool map = v->type == FM_MAPPING;
    for (size_t i = 0; is_collection(v) && i < v->count; i++) {
        const char *why = map ? bad_key(fmp_map_key(v, i)) : NULL;
        if (!why)
            why = fmp_toml_cannot_hold(map ? fmp_map_val(v, i) : v->u.items[i]);
        if (why)
            return why;
    }
    return NULL;
}

int fmp_toml_render_pair(fmp_buf *b, const char *key, size_t klen, const fm_value *v,
                         const fmp_toml_lines *l, const char **why) {
    fmp_buf *prefix = l->prefix;
    if (v->type != FM_MAPPING || v->count == 0) {
        fmp_buf_put(b, l->indent, l->indent_len);
        fmp_buf_put(b, prefix->data, prefix->len);
        fmp_toml_render_key(b, key, klen);
        fmp_buf_puts(b, " = ");
        int rc = fmp_toml_render_inline(b, v, l->want, why);
        fmp_buf_puts(b, l->nl);
        return rc;
    }
    size_t mark = prefix->len;
    fmp_toml_render_key(prefix, key, klen);
    fmp_buf_putc(prefix, '.');
    int rc = prefix->failed ? refuse(why, "out of memory")
                            : fmp_toml_render_lines(b, v, l, why);
    prefix->len = mark;
    return rc;
}

int fmp_toml_render_lines(fmp_buf *b, const fm_value *map, const fmp_toml_lines *l,
                          const char **why) {
    for (size_t i = 0; i < map->count; i++) {
        const fm_value *k = fmp_map_key(map, i);
        const char *bad = bad_key(k);
        if (bad)
            return refuse(why, bad);
        if (fmp_toml_render_pair(b, k->text, k->text_len, fmp_map_val(map, i), l, why) != 0)
            return -1;
    }
    return 0;
}
