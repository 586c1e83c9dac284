/* SPDX-License-Identifier: MIT */
/* yaml_fold.c - the text libyaml makes of scalars that span lines: plain and
 * quoted scalars folded (escapes decoded), block scalars with their
 * indentation and chomping; over byte ranges the fast path has delimited. */
#include "private.h"

/* Appends to out, or only counts when out is NULL (a first pass that
 * measures the text before its node is allocated). */
typedef struct sink {
    char *out;
    size_t len;
} sink;

static void put(sink *k, const char *s, size_t n) {
    if (k->out && n)
        memcpy(k->out + k->len, s, n);
    k->len += n;
}

static void put_repeat(sink *k, char c, size_t n) {
    if (k->out)
        memset(k->out + k->len, c, n);
    k->len += n;
}

/* The length of the line break at p ("\n" or "\r\n"), 0 when there is none. */
static size_t break_len(const char *p, const char *e) {
    if (p < e && *p == '\n')
        return 1;
    return e - p >= 2 && p[0] == '\r' && p[1] == '\n' ? 2 : 0;
}

/* ===================================================================== */
/* Escapes                                                               */
/* ===================================================================== */

static int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The code point of a one-letter escape; -1 for \x \u \U (digits follow),
 * -2 for a letter the fast path leaves to libyaml. */
static long escape_code(char c) {
    switch (c) {
    case '0': return 0;
    case 'a': return 7;
    case 'b': return 8;
    case 't': return 9;
    case 'n': return 10;
    case 'v': return 11;
    case 'f': return 12;
    case 'r': return 13;
    case 'e': return 27;
    case ' ': case '"': case '/': case '\\': return (unsigned char)c;
    case 'N': return 0x85;
    case '_': return 0xA0;
    case 'L': return 0x2028;
    case 'P': return 0x2029;
    case 'x': case 'u': case 'U': return -1;
    default: return -2;
    }
}

size_t fmp_yaml_unescape(const char **p, const char *end, char *out) {
    const char *s = *p + 1;
    if (s >= end)
        return 0;
    long code = escape_code(*s);
    size_t digits = *s == 'x' ? 2 : *s == 'u' ? 4 : *s == 'U' ? 8 : 0;
    if (code == -2 || (size_t)(end - s - 1) < digits)
        return 0;
    uint32_t cp = code >= 0 ? (uint32_t)code : 0;
    for (size_t i = 1; i <= digits; i++) {
        int d = hex_value(s[i]);
        if (d < 0)
            return 0;
        cp = cp << 4 | (uint32_t)d;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    *p = s + 1 + digits;
    return fmp_utf8_encode(cp, out);
}

/* ===================================================================== */
/* Plain and quoted scalars over several lines                           */
/* ===================================================================== */

/* After the line break at *p: skips the indentation of the next lines and
 * counts the lines that hold nothing else. */
static size_t empty_lines(const char **p, const char *e) {
    size_t n = 0;
    for (;;) {
        while (*p < e && **p == ' ')
            (*p)++;
        size_t b = break_len(*p, e);
        if (!b)
            return n;
        *p += b;
        n++;
    }
}

size_t fmp_yaml_fold(const char *s, const char *e, char quote, char *out) {
    sink k = {out, 0};
    const char *blanks = NULL; /* spaces that count only if text follows on the line */
    const char *p = s;
    while (p < e) {
        size_t nl = break_len(p, e);
        bool escaped = !nl && quote == '"' && *p == '\\' && break_len(p + 1, e);
        if (*p == ' ') {
            if (!blanks)
                blanks = p;
            p++;
            continue;
        }
        if (nl || escaped) {
            /* Spaces before a line break go, before an escaped one stay. */
            if (escaped && blanks)
                put(&k, blanks, (size_t)(p - blanks));
            blanks = NULL;
            p += escaped ? 1 + break_len(p + 1, e) : nl;
            size_t n = empty_lines(&p, e);
            if (escaped || n)
                put_repeat(&k, '\n', n);
            else
                put(&k, " ", 1);
            continue;
        }
        if (blanks) {
            put(&k, blanks, (size_t)(p - blanks));
            blanks = NULL;
        }
        if (quote == '\'' && *p == '\'') {
            put(&k, p, 1); /* '' is one quote */
            p += 2;
        } else if (quote == '"' && *p == '\\') {
            char buf[4];
            size_t n = fmp_yaml_unescape(&p, e, buf);
            if (n == 0)
                return (size_t)-1;
            put(&k, buf, n);
        } else {
            put(&k, p++, 1);
        }
    }
    if (blanks)
        put(&k, blanks, (size_t)(e - blanks));
    return k.len;
}

/* ===================================================================== */
/* Block scalars                                                         */
/* ===================================================================== */

/* From the line start *p: eats the indentation (up to indent, or all of it
 * when indent is 0) and the lines holding nothing else, counting them in
 * *breaks. Stops on the first other line: *p past its indentation, *col
 * its width, *mark its start (where libyaml ends the scalar if it stops
 * there). False on a tab in the indentation. */
static bool block_breaks(const char **p, const char *e, size_t indent, size_t *max_indent,
                         size_t *breaks, const char **mark, size_t *col) {
    for (;;) {
        size_t c = 0;
        *mark = *p;
        while (*p < e && **p == ' ' && (indent == 0 || c < indent)) {
            (*p)++;
            c++;
        }
        if (c > *max_indent)
            *max_indent = c;
        if (*p < e && **p == '\t' && (indent == 0 || c < indent))
            return false;
        size_t b = break_len(*p, e);
        if (!b) {
            *col = c;
            return true;
        }
        *p += b;
        (*breaks)++;
    }
}

const char *fmp_yaml_block(const char *p, const char *e, const fmp_block_header *h,
                           char *out, size_t *len) {
    sink k = {out, 0};
    size_t indent = h->increment ? h->parent_indent + h->increment : 0;
    size_t max_indent = 0, trailing = 0, col;
    bool leading_break = false, leading_blank = false;
    const char *mark;
    if (!block_breaks(&p, e, indent, &max_indent, &trailing, &mark, &col))
        return NULL;
    if (indent == 0) {
        indent = max_indent > h->parent_indent + 1 ? max_indent : h->parent_indent + 1;
    }
    while (col == indent && p < e) {
        const char *eol = p;
        while (eol < e && !break_len(eol, e))
            eol++;
        bool trailing_blank = *p == ' ';
        if (h->folded && leading_break && !leading_blank && !trailing_blank) {
            if (trailing == 0)
                put(&k, " ", 1);
        } else if (leading_break) {
            put(&k, "\n", 1);
        }
        put_repeat(&k, '\n', trailing);
        trailing = 0;
        leading_blank = *p == ' ';
        put(&k, p, (size_t)(eol - p));
        leading_break = eol < e;
        p = eol + break_len(eol, e);
        if (!block_breaks(&p, e, indent, &max_indent, &trailing, &mark, &col))
            return NULL;
    }
    if (h->chomp >= 0 && leading_break)
        put(&k, "\n", 1);
    if (h->chomp > 0)
        put_repeat(&k, '\n', trailing);
    *len = k.len;
    return mark;
}
