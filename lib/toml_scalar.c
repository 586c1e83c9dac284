/* SPDX-License-Identifier: MIT */
/* toml_scalar.c - TOML's scalars (toml.io v1.0.0): the four kinds of strings
 * and their escapes, integers, floats, booleans, the four kinds of date-time. */
#include "private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#if defined(__GNUC__) && defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ===================================================================== */
/* Characters and failures                                               */
/* ===================================================================== */

int fmp_toml_fail(fmp_toml_in *in, fm_code code, const char *p, const char *fmt, ...) {
    char msg[FM_ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    fmp_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return fmp_tree_fail(in->tree, code, fmp_toml_pos(in, p), "%s", msg);
}

/* Control characters TOML allows nowhere but escaped: all but tab. */
static inline bool is_control(unsigned char c) {
    return (c < 0x20 && c != '\t') || c == 0x7F;
}

static inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

size_t fmp_toml_char_len(const fmp_toml_in *in, const char *p) {
    uint32_t cp;
    size_t n = fmp_utf8_decode(p, (size_t)(in->end - p), &cp);
    return n == 1 && (unsigned char)*p >= 0x80 ? 0 : n;
}

int fmp_toml_bad_char(fmp_toml_in *in, const char *p, const char *where) {
    unsigned char c = (unsigned char)*p;
    if (c == '\r')
        return fmp_toml_fail(in, FM_ERR_ENCODING, p,
                             "a carriage return must be followed by a line feed");
    if (c < 0x80)
        return fmp_toml_fail(in, FM_ERR_ENCODING, p,
                             "control character U+%04X is not allowed %s", c, where);
    return fmp_toml_fail(in, FM_ERR_ENCODING, p, "invalid UTF-8");
}

int fmp_toml_unexpected(fmp_toml_in *in, const char *p, const char *expected) {
    if (p >= in->end)
        return fmp_toml_fail(in, FM_ERR_SYNTAX, p,
                             "expected %s, found the end of the text", expected);
    unsigned char c = (unsigned char)*p;
    if (c == '\n' || (c == '\r' && in->end - p > 1 && p[1] == '\n'))
        return fmp_toml_fail(in, FM_ERR_SYNTAX, p,
                             "expected %s, found the end of the line", expected);
    if (is_control(c) || (c >= 0x80 && fmp_toml_char_len(in, p) == 0))
        return fmp_toml_bad_char(in, p, "here");
    if (c >= 0x80) {
        uint32_t cp;
        fmp_utf8_decode(p, (size_t)(in->end - p), &cp);
        return fmp_toml_fail(in, FM_ERR_SYNTAX, p, "expected %s, found U+%04X", expected,
                             (unsigned)cp);
    }
    return fmp_toml_fail(in, FM_ERR_SYNTAX, p, "expected %s, found '%c'", expected, c);
}

/* Character classes: BARE for the characters of a bare key (A-Z a-z 0-9 -
 * _), TOKEN for those of a number, boolean or date-time (the same, + . :). */
enum { BARE = 1, TOKEN = 2 };
#define B (BARE | TOKEN)
#define T TOKEN
static const uint8_t char_class[256] = {
    ['0'] = B, ['1'] = B, ['2'] = B, ['3'] = B, ['4'] = B, ['5'] = B, ['6'] = B,
    ['7'] = B, ['8'] = B, ['9'] = B, ['-'] = B, ['_'] = B, ['a'] = B, ['b'] = B,
    ['c'] = B, ['d'] = B, ['e'] = B, ['f'] = B, ['g'] = B, ['h'] = B, ['i'] = B,
    ['j'] = B, ['k'] = B, ['l'] = B, ['m'] = B, ['n'] = B, ['o'] = B, ['p'] = B,
    ['q'] = B, ['r'] = B, ['s'] = B, ['t'] = B, ['u'] = B, ['v'] = B, ['w'] = B,
    ['x'] = B, ['y'] = B, ['z'] = B, ['A'] = B, ['B'] = B, ['C'] = B, ['D'] = B,
    ['E'] = B, ['F'] = B, ['G'] = B, ['H'] = B, ['I'] = B, ['J'] = B, ['K'] = B,
    ['L'] = B, ['M'] = B, ['N'] = B, ['O'] = B, ['P'] = B, ['Q'] = B, ['R'] = B,
    ['S'] = B, ['T'] = B, ['U'] = B, ['V'] = B, ['W'] = B, ['X'] = B, ['Y'] = B,
    ['Z'] = B, ['+'] = T, ['.'] = T, [':'] = T,
};
#undef B
#undef T

/* True when x has a byte equal to each byte of `rep`. */
static inline bool has_byte(uint64_t x, uint64_t rep) {
    uint64_t y = x ^ rep;
    return ((y - 0x0101010101010101u) & ~y & 0x8080808080808080u) != 0;
}

#define BYTES8(c) (0x0101010101010101u * (uint64_t)(unsigned char)(c))

/* The end of the run of string content at p (before end) to take as it
 * is: printable ASCII but `quote` and (in basic strings) the backslash. */
FMP_INLINE const char *plain_end(const char *p, const char *end, char quote, bool basic) {
#if defined(__GNUC__) && defined(__SSE2__)
    /* Sixteen bytes at a time: a signed byte below 0x20 is a control
     * character or not ASCII. */
    const __m128i low = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F),
                  q16 = _mm_set1_epi8(quote), b16 = _mm_set1_epi8(basic ? '\\' : quote);
    for (; end - p >= 16; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i stop =
            _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(x, low), _mm_cmpeq_epi8(x, del)),
                         _mm_or_si128(_mm_cmpeq_epi8(x, q16), _mm_cmpeq_epi8(x, b16)));
        unsigned bits = (unsigned)_mm_movemask_epi8(stop);
        if (bits)
            return p + __builtin_ctz(bits);
    }
#endif
#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                                      \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* Eight bytes at a time: the high bit of each byte that ends the run
     * is raised; borrows and carries only spread upwards from such a byte,
     * so the lowest raised bit is exact. */
    for (; end - p >= 8; p += 8) {
        uint64_t x;
        memcpy(&x, p, sizeof x);
        uint64_t q = x ^ BYTES8(quote), b = x ^ BYTES8('\\');
        uint64_t stop = (x - BYTES8(0x20)) | x | (x + BYTES8(0x01)) |
                        ((q - BYTES8(0x01)) & ~q) | (basic ? (b - BYTES8(0x01)) & ~b : 0);
        stop &= BYTES8(0x80);
        if (stop)
            return p + __builtin_ctzll(stop) / 8;
    }
#else
    while (end - p >= 8 && fmp_printable8(p)) {
        uint64_t x;
        memcpy(&x, p, sizeof x);
        if (has_byte(x, BYTES8(quote)) || (basic && has_byte(x, BYTES8('\\'))))
            break;
        p += 8;
    }
#endif
    while (p < end && *p >= 0x20 && *p < 0x7F && *p != quote && (*p != '\\' || !basic))
        p++;
    return p;
}

/* ===================================================================== */
/* Strings                                                               */
/* ===================================================================== */

/* Copies n bytes: the short texts of keys and values (most are) with
 * fixed-size moves that need no call, the others with memcpy. */
static inline void copy_text(char *to, const char *from, size_t n) {
    if (n >= 8 && n <= 16) { /* two moves of 8 that may overlap */
        memcpy(to, from, 8);
        memcpy(to + n - 8, from + n - 8, 8);
    } else if (n >= 4 && n < 8) {
        memcpy(to, from, 4);
        memcpy(to + n - 4, from + n - 4, 4);
    } else if (n < 4) {
        for (size_t i = 0; i < n; i++)
            to[i] = from[i];
    } else {
        memcpy(to, from, n);
    }
}

/* What a scan of a string found. A scanner runs once to check the string
 * and measure its text (out NULL), and, when the text is not the source
 * bytes as they are, once more to write it (out the node's text). */
typedef struct str_scan {
    const char *body;  /* the first byte of the content */
    const char *close; /* the closing delimiter */
    size_t len;        /* bytes of text */
    bool rewrite;      /* escapes, CRLF or line-ending backslashes */
    bool ascii;        /* its source is ASCII (no character takes two bytes) */
} str_scan;

/* Appends n bytes of text. */
static inline void put(str_scan *s, char *out, const char *src, size_t n) {
    if (out)
        memcpy(out + s->len, src, n);
    s->len += n;
}

/* The escape at p (a backslash) of a basic string: writes its character
 * and returns the bytes it takes, or 0 after failing. */
static size_t escape(fmp_toml_in *in, const char *p, str_scan *s, char *out) {
    static const char simple[][2] = {{'b', '\b'}, {'t', '\t'}, {'n', '\n'}, {'f', '\f'},
                                     {'r', '\r'}, {'"', '"'},  {'\\', '\\'}};
    char c = in->end - p > 1 ? p[1] : '\0';
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++)
        if (c == simple[i][0]) {
            put(s, out, &simple[i][1], 1);
            return 2;
        }
    size_t digits = c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (digits == 0) {
        if (c > 0x20 && c < 0x7F)
            fmp_toml_fail(in, FM_ERR_SYNTAX, p, "invalid escape \\%c", c);
        else
            fmp_toml_fail(in, FM_ERR_SYNTAX, p, "a backslash must start an escape");
        return 0;
    }
    uint32_t cp = 0;
    for (size_t i = 0; i < digits; i++) {
        int d = (size_t)(in->end - p) > 2 + i ? fmp_digit_value(p[2 + i], 16) : -1;
        if (d < 0) {
            fmp_toml_fail(in, FM_ERR_SYNTAX, p, "\\%c needs %zu hexadecimal digits", c,
                          digits);
            return 0;
        }
        cp = cp << 4 | (uint32_t)d;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        fmp_toml_fail(in, FM_ERR_SYNTAX, p, "\\%c%.*s is not a Unicode scalar value", c,
                      (int)digits, p + 2);
        return 0;
    }
    char buf[4];
    put(s, out, buf, fmp_utf8_encode(cp, buf));
    return 2 + digits;
}

/* One character of string content at p that is neither a quote nor a
 * backslash: a line break (multi-line strings), a tab, printable ASCII or
 * valid UTF-8. Returns the bytes it takes, or 0 after failing. */
static size_t content_char(fmp_toml_in *in, const char *open, const char *p, bool multi,
                           str_scan *s, char *out) {
    unsigned char c = (unsigned char)*p;
    size_t nl = fmp_toml_newline(p, in->end);
    if (nl && multi) {
        put(s, out, "\n", 1);
        s->rewrite |= nl == 2;
        return nl;
    }
    if (nl) {
        fmp_toml_fail(in, FM_ERR_SYNTAX, open, "string is not closed on its line");
        return 0;
    }
    size_t n = c < 0x80 ? 1 : fmp_toml_char_len(in, p);
    s->ascii &= n == 1;
    if (n == 0 || is_control(c)) {
        fmp_toml_bad_char(in, p, "in a string (escape it)");
        return 0;
    }
    put(s, out, p, n);
    return n;
}

/* A run of quotes at p in a multi-line string: 1 or 2 are text; 3 to 5 end
 * the string (the last three are the delimiter). Sets *close when they do;
 * returns the quotes taken, or 0 after failing. */
static size_t quote_run(fmp_toml_in *in, const char *p, str_scan *s, char *out,
                        const char **close) {
    size_t run = 0;
    while (p + run < in->end && p[run] == *p && run < 6)
        run++;
    if (run > 5) {
        fmp_toml_fail(in, FM_ERR_SYNTAX, p,
                      "too many quotes: at most two may stand before the closing %c%c%c",
                      *p, *p, *p);
        return 0;
    }
    size_t text = run < 3 ? run : run - 3;
    put(s, out, p, text);
    if (run >= 3)
        *close = p + text;
    return run;
}

/* After a backslash at p in a multi-line basic string: when only blanks
 * follow it on its line, the end of the blanks and line breaks after it
 * (a line-ending backslash), else NULL. */
static const char *line_continuation(const char *p, const char *end) {
    const char *q = p + 1;
    while (q < end && (*q == ' ' || *q == '\t'))
        q++;
    if (!fmp_toml_newline(q, end))
        return NULL;
    while (q < end && (*q == ' ' || *q == '\t' || fmp_toml_newline(q, end)))
        q += fmp_toml_newline(q, end) ? fmp_toml_newline(q, end) : 1;
    return q;
}

/* Any of the four kinds: quote is '"' (basic: escapes) or '\'' (literal);
 * delim is 1 or 3 (multi-line). */
static int scan_string(fmp_toml_in *in, const char *open, str_scan *s, char *out,
                       char quote, size_t delim) {
    bool basic = quote == '"', multi = delim == 3;
    const char *p = open + delim, *end = in->end, *close = NULL;
    if (multi)
        p += fmp_toml_newline(p, end); /* a line break right after the delimiter */
    s->body = p;
    s->len = 0;
    s->rewrite = false;
    s->ascii = true;
    while (!close) {
        const char *run = p;
        p = plain_end(p, end, quote, basic);
        put(s, out, run, (size_t)(p - run));
        if (p == end)
            return fmp_toml_fail(in, FM_ERR_SYNTAX, open, "string is not closed");
        size_t n;
        if (*p == quote && !multi) {
            close = p;
            break;
        } else if (*p == quote) {
            n = quote_run(in, p, s, out, &close);
        } else if (*p == '\\' && basic) {
            const char *after = multi ? line_continuation(p, end) : NULL;
            n = after ? (size_t)(after - p) : escape(in, p, s, out);
            s->rewrite = true;
        } else {
            n = content_char(in, open, p, multi, s, out);
        }
        if (n == 0)
            return -1;
        p += n;
    }
    s->close = close;
    return 0;
}

/* The string opening at in->p: quote '"' or '\'', delim 1 or 3. */
static fm_value *string_node(fmp_toml_in *in, fm_style style, char quote, size_t delim) {
    const char *open = in->p;
    str_scan s;
    if (scan_string(in, open, &s, NULL, quote, delim) != 0)
        return NULL;
    char *text;
    fm_value *v = fmp_tree_scalar(in->tree, style, fmp_toml_pos(in, open), s.len, &text);
    if (!v)
        return NULL;
    if (s.rewrite)
        scan_string(in, open, &s, text, quote, delim); /* checked above: cannot fail */
    else
        copy_text(text, s.body, s.len);
    v->type = FM_STRING;
    in->p = s.close + delim;
    /* A one-line ASCII string ends as many columns further as it has bytes. */
    fmp_tree_set_end(v, delim == 1 && s.ascii ? fmp_cursor_skip(&in->cursor, in->p,
                                                                (unsigned)(in->p - open))
                                              : fmp_toml_pos(in, in->p));
    return v;
}

static bool three(const char *p, const char *end) {
    return end - p >= 3 && p[1] == p[0] && p[2] == p[0];
}

/* A plain node whose text is the source [in->p, e) (a bare key, a number,
 * a boolean, a date-time: the caller types it); moves in->p to e. */
static fm_value *source_node(fmp_toml_in *in, const char *e) {
    const char *s = in->p;
    char *text;
    fm_value *v = fmp_tree_scalar(in->tree, FM_STYLE_PLAIN, fmp_toml_pos(in, s),
                                  (size_t)(e - s), &text);
    if (!v)
        return NULL;
    copy_text(text, s, (size_t)(e - s));
    in->p = e;
    /* ASCII on one line (a date and a time may have a space between them):
     * it ends as many columns further as it has bytes. */
    fmp_tree_set_end(v, fmp_cursor_skip(&in->cursor, e, (unsigned)(e - s)));
    return v;
}

/* The end of the bare key at p (before end): its run of A-Z a-z 0-9 - _. */
static const char *bare_key_end(const char *p, const char *end) {
#if defined(__GNUC__) && defined(__SSE2__)
    /* Sixteen bytes at a time: with bit 0x20 set, a letter of either case is
     * in 'a'..'z' (a byte of 0x80 and up is negative: none); digits, '-'
     * and '_' are compared as they are. */
    const __m128i case20 = _mm_set1_epi8(0x20), a = _mm_set1_epi8('a' - 1),
                  z = _mm_set1_epi8('z' + 1), d0 = _mm_set1_epi8('0' - 1),
                  d9 = _mm_set1_epi8('9' + 1), dash = _mm_set1_epi8('-'),
                  under = _mm_set1_epi8('_');
    for (; end - p >= 16; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i l = _mm_or_si128(x, case20);
        __m128i ok = _mm_or_si128(
            _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(l, a), _mm_cmplt_epi8(l, z)),
                         _mm_and_si128(_mm_cmpgt_epi8(x, d0), _mm_cmplt_epi8(x, d9))),
            _mm_or_si128(_mm_cmpeq_epi8(x, dash), _mm_cmpeq_epi8(x, under)));
        unsigned stop = ~(unsigned)_mm_movemask_epi8(ok) & 0xFFFFu;
        if (stop)
            return p + __builtin_ctz(stop);
    }
#endif
    while (p < end && (char_class[(unsigned char)*p] & BARE))
        p++;
    return p;
}

fm_value *fmp_toml_key(fmp_toml_in *in) {
    const char *s = in->p, *e = s;
    if (s < in->end && (*s == '"' || *s == '\'')) {
        if (three(s, in->end)) {
            fmp_toml_fail(in, FM_ERR_SYNTAX, s, "a multi-line string cannot be a key");
            return NULL;
        }
        return *s == '"' ? string_node(in, FM_STYLE_DOUBLE_QUOTED, '"', 1)
                         : string_node(in, FM_STYLE_SINGLE_QUOTED, '\'', 1);
    }
    e = bare_key_end(s, in->end);
    if (e == s) {
        fmp_toml_unexpected(in, s, "a key");
        return NULL;
    }
    fm_value *k = source_node(in, e);
    if (k)
        k->type = FM_STRING;
    return k;
}

/* ===================================================================== */
/* Numbers                                                               */
/* ===================================================================== */

/* DIGIT *( DIGIT / "_" DIGIT ) in base from p (at most e), accumulated in
 * *acc (when not NULL) while it stays at most limit, else *over is set.
 * Returns the end of the digits, or NULL after failing (`what` names a
 * digit in messages). */
static const char *digits(fmp_toml_in *in, const char *p, const char *e, int base,
                          const char *what, uint64_t limit, uint64_t *acc, bool *over) {
    if (p == e || fmp_digit_value(*p, base) < 0) {
        if (p < e && *p == '_')
            fmp_toml_fail(in, FM_ERR_SYNTAX, p,
                          "an underscore must stand between digits");
        else
            fmp_toml_unexpected(in, p, what);
        return NULL;
    }
    for (; p < e; p++) {
        if (*p == '_') {
            if (p + 1 == e || fmp_digit_value(p[1], base) < 0) {
                fmp_toml_fail(in, FM_ERR_SYNTAX, p,
                              "an underscore must stand between digits");
                return NULL;
            }
            continue;
        }
        int d = fmp_digit_value(*p, base);
        if (d < 0)
            break;
        if (!acc)
            continue;
        if (*acc > (limit - (uint64_t)d) / (uint64_t)base)
            *over = true;
        else
            *acc = *acc * (uint64_t)base + (uint64_t)d;
    }
    return p;
}

static int out_of_range(fmp_toml_in *in, const char *s, const char *e) {
    return fmp_toml_fail(in, FM_ERR_SYNTAX, s,
                         "integer %.*s%s is out of range (64 bits: -2^63 to 2^63 - 1)",
                         e - s > 40 ? 40 : (int)(e - s), s, e - s > 40 ? "..." : "");
}

/* 0x, 0o or 0b and digits of that base. */
static int prefixed_int(fmp_toml_in *in, const char *s, const char *e, fm_value *out) {
    int base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
    const char *what = base == 16  ? "a hexadecimal digit"
                       : base == 8 ? "an octal digit"
                                   : "a binary digit";
    uint64_t v = 0;
    bool over = false;
    const char *p = digits(in, s + 2, e, base, what, INT64_MAX, &v, &over);
    if (!p)
        return -1;
    if (p != e)
        return fmp_toml_unexpected(in, p, what);
    if (over)
        return out_of_range(in, s, e);
    out->type = FM_INT;
    out->u.i = (int64_t)v;
    return 0;
}

/* The value of a checked float: its text without underscores, read by the
 * locale-independent reader the YAML side uses. */
static int float_value(fmp_toml_in *in, const char *s, const char *e, fm_value *out) {
    char buf[401];
    size_t n = 0;
    for (const char *p = s; p < e; p++)
        if (*p != '_') {
            if (n == sizeof buf - 1)
                return fmp_toml_fail(
                    in, FM_ERR_SYNTAX, s,
                    "a float of more than %zu characters is not supported",
                    sizeof buf - 1);
            buf[n++] = *p;
        }
    out->type = FM_FLOAT;
    if (fmp_parse_float(buf, n, &out->u.f) != 0)
        return fmp_toml_fail(in, FM_ERR_SYNTAX, s, "invalid float");
    return 0;
}

/* inf and nan with an optional sign; 1 when [p, e) is one. */
static int special_float(const char *s, const char *p, const char *e, fm_value *out) {
    if (e - p != 3 || (memcmp(p, "inf", 3) != 0 && memcmp(p, "nan", 3) != 0))
        return 0;
    double d = p[0] == 'i' ? HUGE_VAL : NAN;
    out->type = FM_FLOAT;
    out->u.f = s < p && *s == '-' ? -d : d;
    return 1;
}

/* An integer or a float in [s, e). */
static int number(fmp_toml_in *in, const char *s, const char *e, fm_value *out) {
    const char *p = s + (*s == '+' || *s == '-');
    if (special_float(s, p, e, out))
        return 0;
    if (e - p >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'o' || p[1] == 'b')) {
        if (p != s)
            return fmp_toml_fail(in, FM_ERR_SYNTAX, s, "a sign is not allowed before 0%c",
                                 p[1]);
        return prefixed_int(in, s, e, out);
    }
    bool neg = *s == '-', over = false, is_float = false;
    uint64_t v = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    const char *q = digits(in, p, e, 10, "a digit", limit, &v, &over);
    if (!q)
        return -1;
    if (*p == '0' && q - p > 1)
        return fmp_toml_fail(in, FM_ERR_SYNTAX, p, "leading zeros are not allowed");
    if (q < e && *q == '.') {
        is_float = true;
        q = digits(in, q + 1, e, 10, "a digit after the decimal point", 0, NULL, NULL);
    }
    if (q && q < e && (*q == 'e' || *q == 'E')) {
        is_float = true;
        q += q + 1 < e && (q[1] == '+' || q[1] == '-') ? 2 : 1;
        q = digits(in, q, e, 10, "a digit in the exponent", 0, NULL, NULL);
    }
    if (!q)
        return -1;
    if (q != e)
        return fmp_toml_unexpected(in, q, "a digit");
    if (is_float)
        return float_value(in, s, e, out);
    if (over)
        return out_of_range(in, s, e);
    out->type = FM_INT;
    out->u.i =
        neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
    return 0;
}

/* ===================================================================== */
/* Date-times                                                            */
/* ===================================================================== */

/* Exactly n decimal digits at p (before e) into *v. */
static bool fixed_digits(const char *p, const char *e, size_t n, int *v) {
    if ((size_t)(e - p) < n)
        return false;
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(p[i]))
            return false;
        x = x * 10 + (p[i] - '0');
    }
    *v = x;
    return true;
}

static bool is_date_start(const char *s, const char *e) {
    int unused;
    return e - s > 4 && s[4] == '-' && fixed_digits(s, e, 4, &unused);
}

static bool is_time_start(const char *s, const char *e) {
    int unused;
    return e - s > 2 && s[2] == ':' && fixed_digits(s, e, 2, &unused);
}

/* HH:MM at p (before e). */
static bool hours_minutes(const char *p, const char *e, int *h, int *m) {
    return e - p >= 5 && fixed_digits(p, e, 2, h) && p[2] == ':' &&
           fixed_digits(p + 3, e, 2, m);
}

/* HH:MM:SS and an optional fraction (digits past nine are dropped, as
 * TOML allows); returns the end, or NULL after failing. */
static const char *time_of_day(fmp_toml_in *in, const char *p, const char *e,
                               fm_datetime *dt) {
    if (!hours_minutes(p, e, &dt->hour, &dt->minute) || e - p < 8 || p[5] != ':' ||
        !fixed_digits(p + 6, e, 2, &dt->second)) {
        fmp_toml_fail(in, FM_ERR_SYNTAX, p, "a time must be written HH:MM:SS");
        return NULL;
    }
    p += 8;
    if (p == e || *p != '.')
        return p;
    const char *f = ++p;
    for (int scale = 100000000; p < e && is_digit(*p); p++, scale /= 10)
        dt->nanosecond += (*p - '0') * scale;
    if (p == f) {
        fmp_toml_unexpected(in, p, "a digit after the decimal point");
        return NULL;
    }
    return p;
}

/* Z, or +HH:MM / -HH:MM, after a date and a time. */
static const char *offset(fmp_toml_in *in, const char *p, const char *e,
                          fm_datetime *dt) {
    if (p == e || (*p != 'Z' && *p != 'z' && *p != '+' && *p != '-'))
        return p; /* a local date-time */
    dt->flags |= FM_DT_HAS_OFFSET;
    if (*p == 'Z' || *p == 'z')
        return p + 1;
    int h, m;
    if (!hours_minutes(p + 1, e, &h, &m)) {
        fmp_toml_fail(in, FM_ERR_SYNTAX, p,
                      "a time offset must be written +HH:MM or -HH:MM");
        return NULL;
    }
    if (h > 23 || m > 59) {
        fmp_toml_fail(in, FM_ERR_SYNTAX, p, "time offset %.6s is out of range", p);
        return NULL;
    }
    dt->utc_offset = (*p == '-' ? -1 : 1) * (h * 60 + m);
    return p + 6;
}

/* A full date, then maybe a time and an offset. */
static const char *date_and_time(fmp_toml_in *in, const char *s, const char *e,
                                 fm_datetime *dt) {
    if (!fixed_digits(s, e, 4, &dt->year) || e - s < 10 || s[4] != '-' ||
        !fixed_digits(s + 5, e, 2, &dt->month) || s[7] != '-' ||
        !fixed_digits(s + 8, e, 2, &dt->day)) {
        fmp_toml_fail(in, FM_ERR_SYNTAX, s, "a date must be written YYYY-MM-DD");
        return NULL;
    }
    const char *p = s + 10;
    if (p == e)
        return p; /* a local date */
    if (*p != 'T' && *p != 't' && *p != ' ') {
        fmp_toml_unexpected(in, p, "'T' or a space between the date and the time");
        return NULL;
    }
    dt->flags |= FM_DT_HAS_TIME;
    p = time_of_day(in, p + 1, e, dt);
    return p ? offset(in, p, e, dt) : NULL;
}

/* A date-time of any of the four kinds in [s, e). */
static int date_time(fmp_toml_in *in, const char *s, const char *e, fm_value *out) {
    fm_datetime dt;
    memset(&dt, 0, sizeof dt);
    dt.flags = FM_DT_SET;
    const char *p;
    if (is_time_start(s, e)) {
        dt.flags |= FM_DT_HAS_TIME | FM_DT_NO_DATE;
        p = time_of_day(in, s, e, &dt);
    } else {
        p = date_and_time(in, s, e, &dt);
    }
    if (!p)
        return -1;
    if (p != e)
        return fmp_toml_unexpected(in, p, "the end of the date-time");
    if (!fmp_datetime_valid(&dt))
        return fmp_toml_fail(in, FM_ERR_SYNTAX, s, "%.*s is not a valid %s",
                             e - s > 40 ? 40 : (int)(e - s), s,
                             dt.flags & FM_DT_NO_DATE ? "time" : "date-time");
    out->type = FM_TIMESTAMP;
    out->u.dt = dt;
    return 0;
}

/* ===================================================================== */
/* Values                                                                */
/* ===================================================================== */

/* Bytes a number, boolean or date-time is made of (a space only between a
 * date and a time, handled apart). */
static inline bool token_char(char c) {
    return char_class[(unsigned char)c] & TOKEN;
}

static const char *token_end(const char *p, const char *end) {
    while (p < end && token_char(*p))
        p++;
    return p;
}

static bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Types the token [s, e) into out->type and out->u. */
static int bare_token(fmp_toml_in *in, const char *s, const char *e, fm_value *out) {
    size_t n = (size_t)(e - s);
    if ((n == 4 && memcmp(s, "true", 4) == 0) || (n == 5 && memcmp(s, "false", 5) == 0)) {
        out->type = FM_BOOL;
        out->u.b = n == 4;
        return 0;
    }
    if (is_date_start(s, e) || is_time_start(s, e))
        return date_time(in, s, e, out);
    if (is_letter(*s) && !special_float(s, s, e, out))
        return fmp_toml_fail(in, FM_ERR_SYNTAX, s,
                             "expected a value, found \"%.*s\" (strings must be quoted)",
                             n > 40 ? 40 : (int)n, s);
    return number(in, s, e, out);
}

/* Gives v the type and value bare_token found (only the member the type
 * uses: the rest of the node stays zero). */
static void set_typed(fm_value *v, const fm_value *typed) {
    v->type = typed->type;
    if (typed->type == FM_BOOL)
        v->u.b = typed->u.b;
    else if (typed->type == FM_INT)
        v->u.i = typed->u.i;
    else if (typed->type == FM_FLOAT)
        v->u.f = typed->u.f;
    else
        v->u.dt = typed->u.dt;
}

/* The end of the unquoted value at s (before end): its token, or a date,
 * a space and a time (one local or offset date-time). */
static const char *bare_end(const char *s, const char *end) {
    const char *e = token_end(s, end);
    if (e - s == 10 && is_date_start(s, e) && end - e > 3 && *e == ' ' &&
        is_time_start(e + 1, end))
        e = token_end(e + 1, end);
    return e;
}

/* A number, boolean or date-time at in->p. Its text is the source's. */
static fm_value *bare_value(fmp_toml_in *in) {
    const char *s = in->p, *e = bare_end(s, in->end);
    if (e == s) {
        fmp_toml_unexpected(in, s, "a value");
        return NULL;
    }
    fm_value typed, *v;
    if (bare_token(in, s, e, &typed) != 0 || !(v = source_node(in, e)))
        return NULL;
    set_typed(v, &typed);
    return v;
}

/* A multi-line string: its lines are read before the document's lines
 * reach them, so the end of the front matter is found first. */
static fm_value *multi_line_string(fmp_toml_in *in, fm_style style, char quote) {
    fmp_toml_find_end(in);
    return string_node(in, style, quote, 3);
}

fm_value *fmp_toml_scalar(fmp_toml_in *in) {
    const char *p = in->p;
    if (p < in->end && *p == '"')
        return three(p, in->end) ? multi_line_string(in, FM_STYLE_MULTILINE_DOUBLE, '"')
                                 : string_node(in, FM_STYLE_DOUBLE_QUOTED, '"', 1);
    if (p < in->end && *p == '\'')
        return three(p, in->end) ? multi_line_string(in, FM_STYLE_MULTILINE_SINGLE, '\'')
                                 : string_node(in, FM_STYLE_SINGLE_QUOTED, '\'', 1);
    return bare_value(in);
}

/* ===================================================================== */
/* The usual line                                                        */
/* ===================================================================== */

/* A node spanning [s, e) of the line the cursor stands on (at or before
 * s), with the n bytes at `from` for text. The caller knows the line's
 * bytes from the cursor to e are ASCII, none a line break: columns are the
 * cursor's plus bytes. */
FMP_INLINE fm_value *line_node(fmp_toml_in *in, fm_style style, const char *s,
                               const char *e, const char *from, size_t n) {
    const fmp_cursor *c = &in->cursor;
    /* Both places first: the cursor is not read again after the stores. */
    fmp_pos start = {(size_t)(s - c->text), c->line, c->column + (unsigned)(s - c->at)};
    fmp_pos stop = {start.offset + (size_t)(e - s), start.line,
                    start.column + (unsigned)(e - s)};
    char *text;
    fm_value *v = fmp_tree_scalar(in->tree, style, start, n, &text);
    if (!v)
        return NULL;
    copy_text(text, from, n);
    fmp_tree_set_end(v, stop);
    return v;
}

/* The end of the one-line basic string of printable ASCII without escapes
 * opening at p (before end), or NULL when the string is not one (a
 * multi-line one among them: `""` then a third quote). */
static inline const char *line_string_end(const char *p, const char *end) {
    const char *q = plain_end(p + 1, end, '"', true);
    if (q == end || *q != '"' || (q == p + 1 && end - q > 1 && q[1] == '"'))
        return NULL;
    return q + 1;
}

/* The closing quotes of the first strings of a usual array, as
 * line_array_end finds them (n counts them all). */
#define LINE_ITEMS 16
typedef struct line_items {
    const char *close[LINE_ITEMS];
    size_t n;
} line_items;

/* The end of the usual array at p (before end): '[', such strings apart
 * by ", ", ']'; NULL for any other. */
static const char *line_array_end(const char *p, const char *end, line_items *items) {
    if (++p < end && *p == ']')
        return p + 1;
    for (;;) {
        if (p == end || *p != '"' || !(p = line_string_end(p, end)))
            return NULL;
        if (items->n < LINE_ITEMS)
            items->close[items->n] = p - 1;
        items->n++;
        if (p < end && *p == ']')
            return p + 1;
        if (end - p < 2 || p[0] != ',' || p[1] != ' ')
            return NULL;
        p += 2;
    }
}

/* The end of the usual value at p (before end): a string or an array as
 * above, or a bare value's token; NULL for any other. */
static const char *line_value_end(const char *p, const char *end, line_items *items) {
    if (*p == '"')
        return line_string_end(p, end);
    if (*p == '[')
        return line_array_end(p, end, items);
    const char *e = bare_end(p, end);
    return e == p ? NULL : e;
}

/* The usual array [open, close) checked by line_array_end (which found the
 * items' closing quotes), at depth: as the general path builds it (the
 * depth, the node, each string pushed on the tree's children, then the
 * children given to it). */
static fm_value *line_array(fmp_toml_in *in, const char *open, const char *close,
                            const line_items *items, size_t depth) {
    fmp_tree *t = in->tree;
    const fmp_cursor *c = &in->cursor;
    fmp_pos start = {(size_t)(open - c->text), c->line,
                     c->column + (unsigned)(open - c->at)};
    size_t first = t->nkids;
    fm_value *seq;
    if (fmp_tree_depth(t, depth, start) != 0 ||
        !(seq = fmp_tree_node(t, FM_SEQUENCE, FM_STYLE_FLOW, start, 0)))
        return NULL;
    size_t i = 0;
    for (const char *p = open + 1; *p == '"'; i++) {
        /* No quote inside: the next one closes the string. */
        const char *q = i < LINE_ITEMS ? items->close[i]
                                       : memchr(p + 1, '"', (size_t)(close - p - 1));
        fm_value *item =
            line_node(in, FM_STYLE_DOUBLE_QUOTED, p, q + 1, p + 1, (size_t)(q - p - 1));
        if (!item || fmp_tree_push(t, item) != 0)
            return NULL;
        p = q[1] == ',' ? q + 3 : q + 1;
    }
    if (fmp_tree_finish(t, seq, first) != 0)
        return NULL;
    fmp_pos stop = {(size_t)(close - c->text), c->line,
                    c->column + (unsigned)(close - c->at)};
    fmp_tree_set_end(seq, stop);
    return seq;
}

static inline const char *blanks_end(const char *p, const char *end) {
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* True when only blanks stand between the cursor and p (before it or at
 * it): p's column is then the cursor's plus bytes. */
static inline bool after_cursor(const fmp_cursor *c, const char *p) {
    while (p > c->at && (p[-1] == ' ' || p[-1] == '\t'))
        p--;
    return p == c->at;
}

int fmp_toml_line_pair(fmp_toml_in *in, size_t depth, fm_value **key, fm_value **val) {
    const char *s = in->p, *end = in->end, *ke, *eq, *vs = NULL, *ve = NULL;
    if (s == end || !(char_class[(unsigned char)*s] & BARE) ||
        !after_cursor(&in->cursor, s))
        return 0; /* a quoted key (the usual other) is told at once */
    ke = bare_key_end(s, end);
    line_items items;
    items.n = 0;
    if (end - ke > 3 && memcmp(ke, " = ", 3) == 0 && ke[3] != ' ' && ke[3] != '\t')
        vs = ke + 3; /* the usual ` = ` */
    else if ((eq = blanks_end(ke, end)) == end || *eq != '=' ||
             (vs = blanks_end(eq + 1, end)) == end)
        vs = NULL;
    if (vs)
        ve = line_value_end(vs, end, &items);
    /* The nodes, in the order and with the checks of the general path
     * (fmp_toml_key, then the value; what follows the value is the
     * caller's, as there). */
    fm_value typed, *k = line_node(in, FM_STYLE_PLAIN, s, ke, s, (size_t)(ke - s)), *v;
    if (!k)
        return -1;
    *key = k;
    if (!ve) { /* the rest is the general path's, from the key's end */
        in->p = ke;
        fmp_cursor_skip(&in->cursor, ke, (unsigned)(ke - in->cursor.at));
        return 2;
    }
    if (*vs == '"')
        v = line_node(in, FM_STYLE_DOUBLE_QUOTED, vs, ve, vs + 1, (size_t)(ve - vs - 2));
    else if (*vs == '[')
        v = line_array(in, vs, ve, &items, depth);
    else if (bare_token(in, vs, ve, &typed) != 0)
        return -1;
    else if ((v = line_node(in, FM_STYLE_PLAIN, vs, ve, vs, (size_t)(ve - vs))) != NULL)
        set_typed(v, &typed);
    if (!v)
        return -1;
    in->p = ve;
    fmp_cursor_skip(&in->cursor, ve, (unsigned)(ve - in->cursor.at));
    *val = v;
    return 1;
}

int fmp_toml_type_word(const char *s, size_t len, fm_value *out) {
    if (len == 0 || bare_end(s, s + len) != s + len)
        return -1;
    /* A reader whose failures go nowhere: a word that is no value is text. */
    fmp_tree tree;
    memset(&tree, 0, offsetof(fmp_tree, inline_kids));
    fmp_toml_in in = {&tree, s, s + len, {0}, false};
    fmp_cursor_init(&in.cursor, s, s, 1, 1);
    return bare_token(&in, s, s + len, out);
}
