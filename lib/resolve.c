/* SPDX-License-Identifier: MIT */
/* resolve.c - scalar typing: the YAML 1.2 core schema for plain scalars,
 * timestamps, and explicit core tags; locale-independent number parsing. */
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

/* Unsigned digits in base; -1 on a bad digit, -2 on overflow past limit. */
static int parse_digits(const char *s, size_t len, int base, uint64_t limit, uint64_t *out) {
    if (len == 0)
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        int d = fmp_digit_value(s[i], base);
        if (d < 0)
            return -1;
        if (v > (limit - (uint64_t)d) / (uint64_t)base)
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

fm_type fmp_plain_type(const char *s, size_t len) {
    int64_t i;
    double d;
    fm_datetime dt;
    if (len > 0 && !may_be_typed(s[0]))
        return FM_STRING;
    if (is_null_text(s, len))
        return FM_NULL;
    if (bool_text(s, len) >= 0)
        return FM_BOOL;
    int rc = fmp_parse_int(s, len, &i);
    if (rc == 0)
        return FM_INT;
    if (rc == -2)
        return FM_STRING; /* too big for int64_t: kept as text, never rounded */
    if (fmp_parse_float(s, len, &d) == 0)
        return FM_FLOAT;
    if (looks_like_date(s, len) && fm_datetime_parse(s, len, &dt) == 0)
        return FM_TIMESTAMP;
    return FM_STRING;
}

/* Untagged plain scalar: the core schema plus timestamps. Ints that do not
 * fit in 64 bits stay strings, so nothing is rounded away. */
static void resolve_plain(fm_value *v) {
    const char *s = v->text;
    size_t len = v->text_len;
    v->type = (uint8_t)fmp_plain_type(s, len);
    switch (v->type) {
    case FM_BOOL:
        v->u.b = bool_text(s, len);
        break;
    case FM_INT:
        fmp_parse_int(s, len, &v->u.i);
        break;
    case FM_FLOAT:
        fmp_parse_float(s, len, &v->u.f);
        break;
    case FM_TIMESTAMP:
        fm_datetime_parse(s, len, &v->u.dt);
        break;
    default:
        break;
    }
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
