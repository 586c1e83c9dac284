/* SPDX-License-Identifier: MIT */
/* resolve.c - scalar typing, in one place: the YAML 1.2 core schema for plain
 * scalars, timestamps and explicit core tags; plain text some other reader
 * types; YAML 1.1 as PyYAML reads it; JSON literals; TOML words (through
 * toml_scalar.c's lexer); fm_value_parse_scalar and the schema of each
 * format (fm_format_schema). */
#include "private.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAG_PREFIX "tag:yaml.org,2002:"

static bool text_is(const char *s, size_t len, const char *word) {
    return strlen(word) == len && memcmp(s, word, len) == 0;
}

static bool text_is_ci(const char *s, size_t len, const char *word) {
    if (strlen(word) != len)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return false;
    }
    return true;
}

static bool is_null_text(const char *s, size_t len) {
    return len == 0 || text_is(s, len, "~") || text_is(s, len, "null") ||
           text_is(s, len, "Null") || text_is(s, len, "NULL");
}

/* 1 for true, 0 for false, -1 otherwise (any letter case, as the issue asks). */
static int bool_text(const char *s, size_t len) {
    if (text_is_ci(s, len, "true"))
        return 1;
    if (text_is_ci(s, len, "false"))
        return 0;
    return -1;
}

/* Would v * base + d pass limit? Callers' limits are at least INT64_MAX and
 * their bases at most 16, so below 2^56 it never does: the division (tens
 * of cycles, per digit) is left to the rare large values. */
static inline bool digit_overflows(uint64_t v, int d, int base, uint64_t limit) {
    return (v >> 56) != 0 && v > (limit - (uint64_t)d) / (uint64_t)base;
}

/* Unsigned digits in base; -1 on a bad digit, -2 on overflow past limit. */
static int parse_digits(const char *s, size_t len, int base, uint64_t limit, uint64_t *out) {
    if (len == 0)
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        int d = fmp_digit_value(s[i], base);
        if (d < 0)
            return -1;
        if (digit_overflows(v, d, base, limit))
            return -2;
        v = v * (uint64_t)base + (uint64_t)d;
    }
    *out = v;
    return 0;
}

/* Core schema ints: [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+. Returns 0, -1 when
 * not an int, -2 when an int that does not fit in int64_t. */
int fmp_parse_int(const char *s, size_t len, int64_t *out) {
    uint64_t v;
    if (len > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
        int rc = parse_digits(s + 2, len - 2, s[1] == 'o' ? 8 : 16, INT64_MAX, &v);
        if (rc == 0)
            *out = (int64_t)v;
        return rc;
    }
    bool neg = len > 0 && s[0] == '-';
    size_t skip = len > 0 && (s[0] == '-' || s[0] == '+');
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    int rc = parse_digits(s + skip, len - skip, 10, limit, &v);
    if (rc != 0)
        return rc;
    *out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
    return 0;
}

static size_t count_digits(const char *s, size_t len, size_t i) {
    size_t n = 0;
    while (i + n < len && s[i + n] >= '0' && s[i + n] <= '9')
        n++;
    return n;
}

/* Matches [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static bool is_float_number(const char *s, size_t len) {
    size_t i = (len > 0 && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    size_t whole = count_digits(s, len, i);
    i += whole;
    size_t frac = 0;
    if (i < len && s[i] == '.') {
        frac = count_digits(s, len, i + 1);
        i += 1 + frac;
    }
    if (whole == 0 && frac == 0)
        return false;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < len && (s[j] == '-' || s[j] == '+'))
            j++;
        size_t exp = count_digits(s, len, j);
        if (exp == 0)
            return false;
        i = j + exp;
    }
    return i == len;
}

/* Calls strtod on a copy that uses the current locale's decimal point. */
static double locale_strtod(const char *s, size_t len) {
    char buf[512];
    const char *point = localeconv()->decimal_point;
    size_t plen = point ? strlen(point) : 0;
    size_t o = 0;
    for (size_t i = 0; i < len && o + 8 < sizeof buf; i++) {
        if (s[i] == '.' && plen > 0 && !(plen == 1 && point[0] == '.')) {
            memcpy(buf + o, point, plen);
            o += plen;
        } else {
            buf[o++] = s[i];
        }
    }
    buf[o] = '\0';
    return strtod(buf, NULL);
}

/* Core schema floats, including .inf and .nan; 0 or -1. */
int fmp_parse_float(const char *s, size_t len, double *out) {
    size_t sign = (len > 0 && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    const char *r = s + sign;
    size_t rl = len - sign;
    if (text_is(r, rl, ".inf") || text_is(r, rl, ".Inf") || text_is(r, rl, ".INF")) {
        *out = (sign && s[0] == '-') ? -HUGE_VAL : HUGE_VAL;
        return 0;
    }
    if (!sign && (text_is(s, len, ".nan") || text_is(s, len, ".NaN") ||
                  text_is(s, len, ".NAN"))) {
        *out = NAN;
        return 0;
    }
    if (!is_float_number(s, len) || len > 400)
        return -1;
    *out = locale_strtod(s, len);
    return 0;
}

/* A cheap test before the full date parser: four digits and a dash. */
static bool looks_like_date(const char *s, size_t len) {
    return len >= 10 && s[4] == '-' && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' &&
           s[1] <= '9' && s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9';
}

/* Only these first characters can start a null, bool, number or date. */
static bool may_be_typed(char c) {
    switch (c) {
    case '~': case 'n': case 'N': case 't': case 'T': case 'f': case 'F':
    case '+': case '-': case '.':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        return true;
    default:
        return false;
    }
}

/* The type of plain text by the core schema plus timestamps, its value
 * read once into v->u (left as it was for strings and nulls: each parser
 * writes only when it succeeds). */
static fm_type plain_type_into(const char *s, size_t len, fm_value *v) {
    if (len > 0 && !may_be_typed(s[0]))
        return FM_STRING;
    if (looks_like_date(s, len)) /* then no null, bool, int or float: '-' at [4] */
        return fm_datetime_parse(s, len, &v->u.dt) == 0 ? FM_TIMESTAMP : FM_STRING;
    if (is_null_text(s, len))
        return FM_NULL;
    int b = bool_text(s, len);
    if (b >= 0) {
        v->u.b = b;
        return FM_BOOL;
    }
    int rc = fmp_parse_int(s, len, &v->u.i);
    if (rc == 0)
        return FM_INT;
    if (rc == -2)
        return FM_STRING; /* too big for int64_t: kept as text, never rounded */
    if (fmp_parse_float(s, len, &v->u.f) == 0)
        return FM_FLOAT;
    return FM_STRING;
}

fm_type fmp_plain_type(const char *s, size_t len) {
    fm_value scratch;
    return plain_type_into(s, len, &scratch);
}

/* ===================================================================== */
/* Plain text that some reader types                                     */
/* ===================================================================== */

/* The rules below are a superset of how the mainstream readers type a plain
 * scalar: YAML 1.1 (PyYAML, Ruby's Psych, SnakeYAML: the type repository's
 * bool, null, int, float, timestamp, merge and value), js-yaml 4 and Go's
 * yaml (v2 and v3). Where the readers differ the rule takes the widest. */

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/* Every byte of s is in set. */
static bool all_in(const char *s, size_t len, const char *set) {
    for (size_t i = 0; i < len; i++)
        if (!memchr(set, s[i], strlen(set)))
            return false;
    return true;
}

/* yes/no/on/off/y/n/true/false and null in any letter case (Psych ignores
 * case; Go's v2 takes y and n), `~`, `=` (the YAML 1.1 value key, which
 * PyYAML cannot load) and `<<` (the merge key). */
static bool is_special_word(const char *s, size_t len) {
#define WORD(w) {w, sizeof w - 1}
    static const struct {
        const char *text;
        size_t len;
    } words[] = {WORD("yes"),  WORD("no"),    WORD("on"),   WORD("off"),
                 WORD("y"),    WORD("n"),     WORD("true"), WORD("false"),
                 WORD("null"), WORD("~"),     WORD("="),    WORD("<<")};
#undef WORD
    if (len > 5) /* longer than "false" */
        return false;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (words[i].len == len && text_is_ci(s, len, words[i].text))
            return true;
    return false;
}

/* After the sign: 0b, 0o or 0x in either case, then hex digits, `_` or `,`
 * (binary, octal and hex ints of YAML 1.1, js-yaml and Go). */
static bool prefixed_int_like(const char *s, size_t len) {
    return len >= 2 && s[0] == '0' && strchr("bBoOxX", s[1]) &&
           all_in(s + 2, len - 2, "0123456789abcdefABCDEF_,");
}

/* After the sign: digits, `_` and `,` with at most one `.`, then an optional
 * exponent: YAML 1.1 ints and floats (`1_000`, Psych's `1,000`, `1.`, `.5`),
 * core ones, and `.e+3`, which makes Psych fail. `_` counts as a digit. */
static bool decimal_like(const char *s, size_t len) {
    size_t i = 0, digits = 0, dots = 0;
    if (len == 0 || !(is_digit(s[0]) || s[0] == '.' || s[0] == '_'))
        return false;
    for (; i < len && s[i] != 'e' && s[i] != 'E'; i++) {
        if (s[i] == '.')
            dots++;
        else if (is_digit(s[i]) || s[i] == '_')
            digits++;
        else if (s[i] != ',')
            return false;
    }
    if (dots > 1)
        return false;
    if (i == len)
        return digits > 0;
    i++;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    return all_in(s + i, len - i, "0123456789_");
}

/* After the sign: digits joined by `:`, maybe with a fraction: YAML 1.1
 * base 60 (`1:20` is 80 in PyYAML and 4800 in Psych, `190:20:30.15`). */
static bool sexagesimal_like(const char *s, size_t len) {
    return len > 0 && is_digit(s[0]) && memchr(s, ':', len) &&
           all_in(s, len, "0123456789_,:.");
}

/* After the sign: `.inf` or `.nan` in any letter case (Psych ignores case). */
static bool inf_nan_like(const char *s, size_t len) {
    return len == 4 && (text_is_ci(s, len, ".inf") || text_is_ci(s, len, ".nan"));
}

/* A number in some reader: the sign is optional for every form. */
static bool number_like(const char *s, size_t len) {
    size_t sign = len > 0 && (s[0] == '-' || s[0] == '+');
    s += sign;
    len -= sign;
    return prefixed_int_like(s, len) || decimal_like(s, len) ||
           sexagesimal_like(s, len) || inf_nan_like(s, len);
}

/* n digits at s[*i], advancing *i; min to max of them. */
static bool take_digits(const char *s, size_t len, size_t *i, size_t min, size_t max) {
    size_t n = 0;
    while (*i < len && n < max && is_digit(s[*i])) {
        (*i)++;
        n++;
    }
    return n >= min;
}

/* An optional `-` (Psych), YYYY-M-D with one or two digit month and day (Go,
 * Psych), alone or followed by T, t or spaces, a digit and only characters
 * of a time and zone: any YAML 1.1 timestamp, valid or not (PyYAML fails on
 * `2025-13-45`, js-yaml reads it as 2026-02-14). */
static bool timestamp_like(const char *s, size_t len) {
    size_t i = len > 0 && s[0] == '-';
    if (!take_digits(s, len, &i, 4, 4) || i >= len || s[i++] != '-' ||
        !take_digits(s, len, &i, 1, 2) || i >= len || s[i++] != '-' ||
        !take_digits(s, len, &i, 1, 2))
        return false;
    if (i == len)
        return true;
    if (s[i] == 'T' || s[i] == 't')
        i++;
    else
        while (i < len && s[i] == ' ')
            i++;
    return i < len && is_digit(s[i]) && all_in(s + i, len - i, "0123456789:.,+-Zz ");
}

bool fmp_float_text_portable(const char *s, size_t len) {
    size_t i = len > 0 && s[0] == '-';
    size_t whole = count_digits(s, len, i);
    if (whole == 0 || (whole > 1 && s[i] == '0'))
        return false;
    i += whole;
    if (i >= len || s[i] != '.')
        return false;
    size_t frac = count_digits(s, len, i + 1);
    if (frac == 0)
        return false;
    i += 1 + frac;
    if (i == len)
        return true;
    if (s[i] != 'e' && s[i] != 'E')
        return false;
    i++;
    if (i >= len || (s[i] != '+' && s[i] != '-'))
        return false;
    i++;
    return count_digits(s, len, i) == len - i && i < len;
}

bool fmp_plain_is_ambiguous(const char *s, size_t len) {
    /* No rule below takes text that starts with a letter and is longer
     * than "false": typed words are at most five letters, and numbers,
     * dates and symbols start with a digit, a sign, `.`, `_` or `:`. */
    if (len > 5 && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return false;
    if (len == 0 || fmp_plain_type(s, len) != FM_STRING)
        return true;
    if (s[0] == ':' && len > 1)
        return true; /* a Symbol in Psych, which safe_load refuses */
    return is_special_word(s, len) || number_like(s, len) || timestamp_like(s, len);
}

/* Untagged plain scalar: the core schema plus timestamps. Ints that do not
 * fit in 64 bits stay strings, so nothing is rounded away. */
static void resolve_plain(fm_value *v) {
    v->type = (uint8_t)plain_type_into(v->text, v->text_len, v);
}

/* Explicit core tag `name` (after tag:yaml.org,2002:) on a scalar. */
static int resolve_tagged(fm_value *v, const char *name, char *msg, size_t cap) {
    const char *s = v->text;
    size_t len = v->text_len;
    bool ok = true;
    if (strcmp(name, "str") == 0) {
        v->type = FM_STRING;
    } else if (strcmp(name, "null") == 0) {
        v->type = FM_NULL;
        ok = is_null_text(s, len);
    } else if (strcmp(name, "bool") == 0) {
        v->type = FM_BOOL;
        v->u.b = bool_text(s, len);
        ok = v->u.b >= 0;
    } else if (strcmp(name, "int") == 0) {
        v->type = FM_INT;
        ok = fmp_parse_int(s, len, &v->u.i) == 0;
    } else if (strcmp(name, "float") == 0) {
        int64_t i;
        v->type = FM_FLOAT;
        if (fmp_parse_int(s, len, &i) == 0)
            v->u.f = (double)i;
        else
            ok = fmp_parse_float(s, len, &v->u.f) == 0;
    } else if (strcmp(name, "timestamp") == 0) {
        v->type = FM_TIMESTAMP;
        ok = fm_datetime_parse(s, len, &v->u.dt) == 0;
    } else if (strcmp(name, "seq") == 0 || strcmp(name, "map") == 0) {
        snprintf(msg, cap, "a scalar cannot have the tag !!%s", name);
        return -1;
    } else {
        v->type = FM_STRING; /* !!binary, !!python/..., kept as text with tag */
    }
    if (!ok) {
        snprintf(msg, cap, "\"%.40s%s\" is not a valid !!%s", s, len > 40 ? "..." : "",
                 name);
        return -1;
    }
    return 0;
}

int fmp_resolve_scalar(fm_value *v, char *msg, size_t msg_cap) {
    const char *tag = v->tag;
    if (tag && strncmp(tag, TAG_PREFIX, sizeof TAG_PREFIX - 1) == 0)
        return resolve_tagged(v, tag + sizeof TAG_PREFIX - 1, msg, msg_cap);
    if (!tag && v->style == FM_STYLE_PLAIN)
        resolve_plain(v);
    else
        v->type = FM_STRING; /* quoted, block, `!` or a foreign tag */
    return 0;
}

/* ===================================================================== */
/* YAML 1.1, as PyYAML resolves plain scalars                            */
/* ===================================================================== */

/* PyYAML's booleans: these spellings only (1, 0, -1). */
static int yaml11_bool(const char *s, size_t len) {
    static const char *const words[] = {"yes", "Yes", "YES", "true", "True", "TRUE",
                                        "on",  "On",  "ON",  "no",   "No",   "NO",
                                        "false", "False", "FALSE", "off", "Off", "OFF"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (text_is(s, len, words[i]))
            return i < 9;
    return -1;
}

/* Digits of base with underscores anywhere (at least one digit); -1 when
 * not, -2 past limit. */
static int underscored(const char *s, size_t len, int base, uint64_t limit, uint64_t *out) {
    uint64_t v = 0;
    size_t digits = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '_')
            continue;
        int d = fmp_digit_value(s[i], base);
        if (d < 0)
            return -1;
        if (digit_overflows(v, d, base, limit))
            return -2;
        v = v * (uint64_t)base + (uint64_t)d;
        digits++;
    }
    *out = v;
    return digits ? 0 : -1;
}

/* The base-60 groups after the first part: (:[0-5]?[0-9])+, folded into *v
 * (which holds the first part); false when they are not that. */
static bool sexagesimal_groups(const char *s, size_t len, double *v) {
    size_t i = 0;
    while (i < len) {
        if (s[i] != ':')
            return false;
        size_t d = count_digits(s, len, i + 1);
        if (d < 1 || d > 2 || (d == 2 && s[i + 1] > '5'))
            return false;
        int part = d == 1 ? s[i + 1] - '0' : (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
        *v = *v * 60 + part;
        i += 1 + d;
    }
    return true;
}

/* [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ |
 * [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+ ; 0, -1 (not an int), -2 (past 64 bits). */
static int yaml11_int(const char *s, size_t len, int64_t *out) {
    bool neg = len > 0 && s[0] == '-';
    size_t k = len > 0 && (s[0] == '-' || s[0] == '+');
    const char *p = s + k;
    size_t n = len - k;
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, v = 0;
    int rc;
    const char *colon = memchr(p, ':', n);
    if (n == 0)
        return -1;
    if (n > 2 && p[0] == '0' && (p[1] == 'b' || p[1] == 'x')) {
        rc = underscored(p + 2, n - 2, p[1] == 'b' ? 2 : 16, limit, &v);
    } else if (p[0] == '0' && n > 1) {
        rc = underscored(p + 1, n - 1, 8, limit, &v);
    } else if (colon && p[0] >= '1' && p[0] <= '9') {
        double d = 0;
        rc = underscored(p, (size_t)(colon - p), 10, limit, &v);
        d = (double)v;
        if (rc != 0 || !sexagesimal_groups(colon, n - (size_t)(colon - p), &d))
            return -1;
        if (d > (double)limit)
            return -2;
        v = (uint64_t)d;
    } else if (p[0] == '_' || (p[0] == '0' && n > 1)) {
        return -1;
    } else {
        rc = underscored(p, n, 10, limit, &v);
    }
    if (rc != 0)
        return rc;
    *out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
    return 0;
}

/* The text without underscores, for strtod; false when too long. */
static bool strip_underscores(const char *s, size_t len, char *buf, size_t cap, size_t *n) {
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '_')
            continue;
        if (o + 1 >= cap)
            return false;
        buf[o++] = s[i];
    }
    buf[o] = '\0';
    *n = o;
    return true;
}

/* [-+]?([0-9][0-9_]*)\.[0-9_]*([eE][-+][0-9]+)? | \.[0-9_]+([eE][-+][0-9]+)? |
 * [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN) */
static bool yaml11_float(const char *s, size_t len, double *out) {
    size_t k = len > 0 && (s[0] == '-' || s[0] == '+');
    const char *p = s + k;
    size_t n = len - k;
    if (text_is(p, n, ".inf") || text_is(p, n, ".Inf") || text_is(p, n, ".INF") ||
        (!k && (text_is(s, len, ".nan") || text_is(s, len, ".NaN") ||
                text_is(s, len, ".NAN"))))
        return fmp_parse_float(s, len, out) == 0;
    const char *dot = memchr(p, '.', n), *colon = memchr(p, ':', n);
    if (!dot || (k && dot == p) || (dot > p && (p[0] < '0' || p[0] > '9')))
        return false;
    if (colon && colon < dot) { /* base 60 with a fraction */
        uint64_t whole;
        double v, frac;
        char buf[64];
        size_t m;
        if (underscored(p, (size_t)(colon - p), 10, UINT64_MAX, &whole) != 0)
            return false;
        v = (double)whole;
        const char *last = dot;
        while (last > colon && *last != ':')
            last--;
        if (!sexagesimal_groups(colon, (size_t)(last - colon), &v) ||
            !strip_underscores(last + 1, (size_t)(p + n - last - 1), buf, sizeof buf, &m) ||
            m == 0 || strchr(buf, 'e') || strchr(buf, 'E') || fmp_parse_float(buf, m, &frac) != 0 ||
            frac >= 60 || count_digits(buf, m, 0) > 2)
            return false;
        *out = (v * 60 + frac) * (s[0] == '-' ? -1 : 1);
        return true;
    }
    for (const char *q = p; q < p + n; q++) /* digits, _, one '.', an exponent */
        if (!strchr("0123456789_.eE+-", *q) || (*q == '.' && q != dot))
            return false;
    const char *e = memchr(dot, 'e', (size_t)(p + n - dot));
    if (!e)
        e = memchr(dot, 'E', (size_t)(p + n - dot));
    if (e && (e + 2 > p + n || (e[1] != '+' && e[1] != '-') ||
              count_digits(e, (size_t)(p + n - e), 2) != (size_t)(p + n - e - 2) ||
              p + n - e - 2 == 0))
        return false;
    char buf[512];
    size_t m;
    if (!strip_underscores(s, len, buf, sizeof buf, &m))
        return false;
    if (!strpbrk(buf, "0123456789"))
        return false; /* "." alone, "._" */
    *out = locale_strtod(buf, m);
    return true;
}

/* Only these first characters can start a YAML 1.1 null, bool, int, float
 * or timestamp. */
static bool yaml11_may_be_typed(char c) {
    switch (c) {
    case 'y': case 'Y': case 'o': case 'O':
        return true;
    default:
        return may_be_typed(c);
    }
}

/* A YAML 1.1 plain scalar as PyYAML types it: null, bool, float, int,
 * timestamp, else a string (the value `=` and the merge key `<<` too). */
static void type_yaml11(fm_value *v) {
    const char *s = v->text;
    size_t len = v->text_len;
    if (len > 0 && !yaml11_may_be_typed(s[0]))
        return;
    if (len > 5 && ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
        return; /* a letter starts only a null or bool word, none over 5 long */
    int b = yaml11_bool(s, len);
    int64_t i;
    if (is_null_text(s, len)) {
        v->type = FM_NULL;
    } else if (b >= 0) {
        v->type = FM_BOOL;
        v->u.b = b;
    } else if (yaml11_float(s, len, &v->u.f)) {
        v->type = FM_FLOAT;
    } else if (yaml11_int(s, len, &i) == 0) {
        v->type = FM_INT;
        v->u.i = i;
    } else if (looks_like_date(s, len) && fm_datetime_parse(s, len, &v->u.dt) == 0) {
        v->type = FM_TIMESTAMP;
    }
}

/* ===================================================================== */
/* JSON literals                                                         */
/* ===================================================================== */

static bool json_number(const char *s, size_t len) {
    size_t i = len > 0 && s[0] == '-';
    size_t whole = count_digits(s, len, i);
    if (whole == 0 || (whole > 1 && s[i] == '0'))
        return false;
    i += whole;
    if (i < len && s[i] == '.') {
        size_t frac = count_digits(s, len, i + 1);
        if (frac == 0)
            return false;
        i += 1 + frac;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1 + (i + 1 < len && (s[i + 1] == '+' || s[i + 1] == '-'));
        size_t exp = count_digits(s, len, j);
        if (exp == 0)
            return false;
        i = j + exp;
    }
    return i == len;
}

/* true, false, null or a number, typed as the JSON loader types them. */
static void type_json(fm_value *v) {
    const char *s = v->text;
    size_t len = v->text_len;
    if (text_is(s, len, "true") || text_is(s, len, "false") || text_is(s, len, "null") ||
        json_number(s, len))
        resolve_plain(v);
}

/* ===================================================================== */
/* TOML values                                                           */
/* ===================================================================== */

/* A boolean, integer, float or date-time as the TOML loader's scalar lexer
 * types an unquoted value; anything else stays a string. */
static void type_toml(fm_value *v) {
    fm_value typed;
    if (fmp_toml_type_word(v->text, v->text_len, &typed) != 0)
        return;
    v->type = typed.type;
    v->u = typed.u;
}

/* ===================================================================== */
/* The public call                                                       */
/* ===================================================================== */

/* Types v, a string value holding the word, by schema: 0, or -1 for a
 * schema that is not one. */
static int type_word(fm_schema schema, fm_value *v) {
    switch (schema) {
    case FM_SCHEMA_YAML:
        resolve_plain(v);
        return 0;
    case FM_SCHEMA_YAML11:
        type_yaml11(v);
        return 0;
    case FM_SCHEMA_JSON:
        type_json(v);
        return 0;
    case FM_SCHEMA_TOML:
        type_toml(v);
        return 0;
    }
    return -1;
}

fm_value *fm_value_parse_scalar(fm_schema schema, const char *s, size_t len, fm_error *err) {
    fm_value *v = fm_value_new_string(s, len, err);
    if (!v)
        return NULL;
    if (type_word(schema, v) != 0) {
        fm_value_free(v);
        fmp_fail(err, FM_ERR_ARG, "fm_value_parse_scalar: unknown schema %d", (int)schema);
        return NULL;
    }
    if (v->type == FM_TIMESTAMP)
        v->u.dt.flags |= FM_DT_SET;
    return v;
}

fm_type fm_scalar_type(fm_schema schema, const char *s, size_t len) {
    if (!s && len)
        return FM_STRING;
    fm_value v = {.type = FM_STRING, .style = FM_STYLE_PLAIN, .text = s ? s : "",
                  .text_len = len};
    if (type_word(schema, &v) != 0)
        return FM_STRING;
    return (fm_type)v.type;
}

fm_schema fm_format_schema(fm_format format) {
    switch (format) {
    case FM_FORMAT_JSON:
        return FM_SCHEMA_JSON;
    case FM_FORMAT_TOML:
        return FM_SCHEMA_TOML;
    default:
        return FM_SCHEMA_YAML;
    }
}

/* ===================================================================== */
/* YAML 1.1 bool words, in any letter case (what boolean fields accept)  */
/* ===================================================================== */

/* yes/no/on/off/true/false in any case: 1, 0 or -1. Wider than PyYAML's
 * spellings (yaml11_bool above): a boolean field takes what any reader
 * might mean by one. */
int fmp_yaml11_bool(const char *s, size_t len) {
    static const char *const yes[] = {"yes", "on", "true"};
    static const char *const no[] = {"no", "off", "false"};
    for (size_t i = 0; i < 3; i++) {
        if (text_is_ci(s, len, yes[i]))
            return 1;
        if (text_is_ci(s, len, no[i]))
            return 0;
    }
    return -1;
}
