/* SPDX-License-Identifier: MIT */
/* cast.c - how each site generator turns a front-matter value into a field:
 * Hugo's spf13/cast, Jekyll's Ruby values, Zola's strict serde types. */
#include "private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *fmp_dialect_title(fm_dialect d) {
    switch (d) {
    case FM_DIALECT_HUGO:
        return "Hugo";
    case FM_DIALECT_JEKYLL:
        return "Jekyll";
    case FM_DIALECT_ZOLA:
        return "Zola";
    default:
        return "fmatter";
    }
}

/* ===================================================================== */
/* Shared                                                                */
/* ===================================================================== */

static bool is_collection(const fm_value *v) {
    return v->type == FM_SEQUENCE || v->type == FM_MAPPING;
}

/* "expected X, found Y (CONSEQUENCE)" about slot s, once. */
static int mismatch(fmp_article *a, fmp_slot *s, const fm_value *v, const char *expected,
                    const char *consequence) {
    char what[80];
    return fmp_slot_diag(a, s, FM_ERR_TYPE, "expected %s, found %s (%s)", expected,
                         fmp_describe(v, what, sizeof what), consequence);
}

static int bad_date(fmp_article *a, fmp_slot *s, const char *consequence) {
    return fmp_slot_diag(a, s, FM_ERR_DATE, "\"%.60s\" is not a valid date (%s)",
                         s->value->text, consequence);
}

/* Stores s[0..len) in *out, copied into the arena when copy is set. */
static int set_str(fmp_article *a, fm_str *out, const char *s, size_t len, bool copy) {
    out->ptr = copy ? fmp_article_strdup(a, s, len) : s;
    out->len = len;
    return out->ptr ? FMP_CAST_SET : -1;
}

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/* printf of d with the fewest digits of precision (1 to 17) that read back
 * as d, in buf: conv is 'g' or 'e'. The decimal point is '.' whatever the
 * locale. Returns the length. */
static size_t shortest(double d, char conv, char *buf, size_t cap) {
    int n = 0;
    for (int prec = conv == 'e' ? 0 : 1; prec <= 17; prec++) {
        n = conv == 'e' ? snprintf(buf, cap, "%.*e", prec, d)
                        : snprintf(buf, cap, "%.*g", prec, d);
        for (char *p = buf; *p; p++)
            if (*p == ',')
                *p = '.'; /* a locale with a decimal comma */
        double back;
        if (n > 0 && (fmp_parse_float(buf, (size_t)n, &back) == 0 && back == d))
            break;
    }
    return n < 0 ? 0 : (size_t)n;
}

/* The decimal exponent of the %g text t (0 when it has none). */
static int exponent_of(const char *t) {
    const char *e = strchr(t, 'e');
    return e ? atoi(e + 1) : 0;
}

/* The digits after the point of %g text t, before any exponent. */
static int decimals_of(const char *t) {
    const char *p = strchr(t, '.');
    if (!p)
        return 0;
    int n = 0;
    while (is_digit(p[1 + n]))
        n++;
    return n;
}

/* Go's strconv.FormatFloat(d, 'f', -1, 64): the shortest digits, never an
 * exponent. */
static size_t go_float(double d, char *buf, size_t cap) {
    if (isnan(d))
        return (size_t)snprintf(buf, cap, "NaN");
    if (isinf(d))
        return (size_t)snprintf(buf, cap, d < 0 ? "-Inf" : "+Inf");
    char g[40];
    shortest(d, 'g', g, sizeof g);
    int decimals = decimals_of(g) - exponent_of(g);
    int n = snprintf(buf, cap, "%.*f", decimals > 0 ? decimals : 0, d);
    for (char *p = buf; *p; p++)
        if (*p == ',')
            *p = '.';
    return n < 0 ? 0 : (size_t)n;
}

/* Ruby's Float#to_s: the shortest digits with at least one after the
 * point, in exponent form below 1e-4 and from 1e16 on. */
static size_t ruby_float(double d, char *buf, size_t cap) {
    if (isnan(d))
        return (size_t)snprintf(buf, cap, "NaN");
    if (isinf(d))
        return (size_t)snprintf(buf, cap, d < 0 ? "-Infinity" : "Infinity");
    double m = fabs(d);
    if (m != 0 && (m < 1e-4 || m >= 1e16)) {
        char e[40]; /* d.ddde+XX */
        shortest(d, 'e', e, sizeof e);
        char *x = strchr(e, 'e');
        size_t mant = x ? (size_t)(x - e) : strlen(e);
        return (size_t)snprintf(buf, cap, "%.*s%s%s", (int)mant, e,
                                memchr(e, '.', mant) ? "" : ".0", x ? x : "");
    }
    size_t n = go_float(d, buf, cap);
    if (!strchr(buf, '.') && n + 2 < cap) {
        memcpy(buf + n, ".0", 3);
        n += 2;
    }
    return n;
}

typedef size_t (*float_text_fn)(double d, char *buf, size_t cap);

/* A scalar as the generator's ToString / to_s writes it: numbers by their
 * value (Go or Ruby style), the rest as its text. */
static int scalar_text(fmp_article *a, const fm_value *v, float_text_fn float_text,
                       fm_str *out) {
    char buf[400];
    size_t n;
    switch (v->type) {
    case FM_INT:
        n = (size_t)snprintf(buf, sizeof buf, "%lld", (long long)v->u.i);
        return set_str(a, out, buf, n, true);
    case FM_FLOAT:
        n = float_text(v->u.f, buf, sizeof buf);
        return set_str(a, out, buf, n < sizeof buf ? n : sizeof buf - 1, true);
    case FM_BOOL:
        return set_str(a, out, v->u.b ? "true" : "false", v->u.b ? 4 : 5, false);
    default:
        return set_str(a, out, v->text, v->text_len, false);
    }
}

/* Unicode White_Space as Go's unicode.IsSpace has it. */
static bool go_space(uint32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == ' ' || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

/* The character at s[i]: its byte length, and in *blank whether it is a
 * blank (Ruby's ASCII blanks, or Go's unicode.IsSpace). */
static size_t char_at(const char *s, size_t len, size_t i, bool ruby, bool *blank) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *blank = c == ' ' || (c >= 0x09 && c <= 0x0D);
        return 1;
    }
    uint32_t cp = 0;
    size_t n = fmp_utf8_valid_prefix(s + i, len - i) > 0
                   ? fmp_utf8_decode(s + i, len - i, &cp)
                   : 1;
    *blank = !ruby && go_space(cp);
    return n ? n : 1;
}

size_t fmp_split_fields(fmp_article *a, const char *s, size_t len, bool ruby,
                        fm_str *items) {
    size_t n = 0, i = 0;
    while (i < len) {
        bool blank = true;
        size_t start = i, w;
        while (i < len && (w = char_at(s, len, i, ruby, &blank), blank))
            i += w;
        start = i;
        while (i < len && (w = char_at(s, len, i, ruby, &blank), !blank))
            i += w;
        if (i > start) {
            if (items && set_str(a, &items[n], s + start, i - start, true) < 0)
                items[n].ptr = NULL;
            n++;
        }
    }
    return n;
}

static bool has_blank(const char *s, size_t len, bool ruby) {
    bool blank = false;
    for (size_t i = 0; i < len && !blank;)
        i += char_at(s, len, i, ruby, &blank);
    return blank;
}

/* A list of n items in the arena (an empty list has items set). */
static fm_str *new_items(fmp_article *a, size_t n, fm_strlist *out) {
    static const fm_str none[1] = {{"", 0}};
    out->count = n;
    if (n == 0) {
        out->items = none;
        return (fm_str *)(uintptr_t)none;
    }
    fm_str *items = fmp_arena_calloc(&a->arena, n * sizeof *items);
    out->items = items;
    return items;
}

/* Splits a string into a list (Go's or Ruby's blanks). */
static int split_into(fmp_article *a, const fm_value *v, bool ruby, fm_strlist *out) {
    size_t n = fmp_split_fields(a, v->text, v->text_len, ruby, NULL);
    fm_str *items = new_items(a, n, out);
    if (!items)
        return -1;
    if (n)
        fmp_split_fields(a, v->text, v->text_len, ruby, items);
    for (size_t i = 0; i < n; i++)
        if (!items[i].ptr)
            return -1;
    return FMP_CAST_SET;
}

/* ===================================================================== */
/* Hugo: spf13/cast                                                      */
/* ===================================================================== */

static int hugo_string(fmp_article *a, fmp_slot *s, fm_str *out) {
    const fm_value *v = s->value;
    if (v->type == FM_NULL)
        return FMP_CAST_UNSET;
    if (is_collection(v))
        return mismatch(a, s, v, "a string", "Hugo reads an empty string")
                   ? -1
                   : FMP_CAST_UNSET;
    return scalar_text(a, v, go_float, out);
}

static int hugo_menu(fmp_article *a, fmp_slot *s, fm_str *out) {
    if (is_collection(s->value))
        return FMP_CAST_EXTRA;
    return hugo_string(a, s, out);
}

/* The items of a sequence as Go's ToString writes them ("" for a
 * collection, with a diagnostic). */
static int hugo_items(fmp_article *a, fmp_slot *s, fm_strlist *out) {
    const fm_value *v = s->value;
    fm_str *items = new_items(a, v->count, out);
    if (!items)
        return -1;
    for (size_t i = 0; i < v->count; i++) {
        const fm_value *it = v->u.items[i];
        if (is_collection(it)) {
            items[i] = (fm_str){"", 0};
            if (mismatch(a, s, it, "a list of strings", "Hugo reads an empty string") !=
                0)
                return -1;
        } else if (it->type == FM_NULL) {
            items[i] = (fm_str){"", 0};
        } else if (scalar_text(a, it, go_float, &items[i]) < 0) {
            return -1;
        }
    }
    return FMP_CAST_SET;
}

/* A list field: a list gives its items as text; a string is split at
 * blanks (split: cast.ToStringSlice, Go's strings.Fields) or is one item
 * (a taxonomy's term); another scalar is one item. */
static int hugo_list(fmp_article *a, fmp_slot *s, bool split, fm_strlist *out) {
    const fm_value *v = s->value;
    if (v->type == FM_NULL)
        return FMP_CAST_UNSET;
    if (v->type == FM_SEQUENCE)
        return hugo_items(a, s, out);
    if (v->type == FM_MAPPING)
        return mismatch(a, s, v, "a list",
                        split ? "Hugo reads no items" : "Hugo reads no terms")
                   ? -1
                   : FMP_CAST_UNSET;
    if (!split || v->type != FM_STRING) {
        fm_str *items = new_items(a, 1, out);
        return items ? scalar_text(a, v, go_float, items) : -1;
    }
    int rc = split_into(a, v, false, out);
    if (rc == FMP_CAST_SET && has_blank(v->text, v->text_len, false) &&
        mismatch(a, s, v, "a list",
                 out->count == 1   ? "Hugo splits it at blanks, into 1 item"
                 : out->count == 0 ? "Hugo splits it at blanks, into no items"
                                   : "Hugo splits it at blanks") != 0)
        return -1;
    return rc;
}

/* Go's strconv.ParseBool: 1 true, 0 false, -1 not a bool. */
static int go_parse_bool(const char *s, size_t len) {
    static const char *const yes[] = {"1", "t", "T", "TRUE", "true", "True"};
    static const char *const no[] = {"0", "f", "F", "FALSE", "false", "False"};
    for (size_t i = 0; i < 6; i++) {
        if (strlen(yes[i]) == len && memcmp(yes[i], s, len) == 0)
            return 1;
        if (strlen(no[i]) == len && memcmp(no[i], s, len) == 0)
            return 0;
    }
    return -1;
}

/* cast.ToBool: numbers are true when not 0, strings by ParseBool (false
 * when it fails), anything else false. */
static int hugo_bool(fmp_article *a, fmp_slot *s, fm_tribool *out) {
    const fm_value *v = s->value;
    int b;
    bool warn = true;
    switch (v->type) {
    case FM_NULL:
        return FMP_CAST_UNSET;
    case FM_BOOL:
        /* YAML 1.2 core writes true, True, TRUE; other spellings are text. */
        b = go_parse_bool(v->text, v->text_len);
        warn = b < 0 || v->text_len == 1;
        if (b < 0)
            b = 0;
        break;
    case FM_INT:
        b = v->u.i != 0;
        break;
    case FM_FLOAT:
        b = v->u.f != 0;
        break;
    case FM_STRING:
        b = go_parse_bool(v->text, v->text_len) > 0;
        break;
    default:
        b = 0;
        break;
    }
    *out = b ? FM_TRUE : FM_FALSE;
    if (warn &&
        mismatch(a, s, v, "a boolean", b ? "Hugo reads true" : "Hugo reads false"))
        return -1;
    return FMP_CAST_SET;
}

/* cast's trimZeroDecimal: "7.00" is "7"; "7.5" and "7." stay. */
static size_t trim_zero_decimal(const char *s, size_t len) {
    bool zero = false;
    for (size_t i = len; i > 0; i--) {
        if (s[i - 1] == '.') {
            if (zero)
                return i - 1;
        } else if (s[i - 1] == '0') {
            zero = true;
        } else {
            return len;
        }
    }
    return len;
}

/* Go's strconv.ParseInt(s, 0, 64): a sign, then 0x, 0o, 0b, a leading 0
 * (octal) or none (decimal); `_` may stand between digits, and after a
 * prefix. */
static int go_parse_int(const char *s, size_t len, int64_t *out) {
    size_t i = 0;
    bool neg = false;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    int base = 10;
    bool digit_before = false; /* the last character was a digit or a prefix */
    if (len - i > 1 && s[i] == '0') {
        char p = (char)(s[i + 1] | 0x20);
        bool letter = p == 'x' || p == 'o' || p == 'b';
        base = p == 'x' ? 16 : p == 'b' ? 2 : 8;
        i += letter ? 2 : 1;
        digit_before = true;
    }
    uint64_t v = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    size_t digits = 0;
    for (; i < len; i++) {
        if (s[i] == '_') {
            if (!digit_before || i + 1 == len)
                return -1;
            digit_before = false;
            continue;
        }
        char c = (char)(s[i] | 0x20);
        int d = is_digit(s[i]) ? s[i] - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : 99;
        if (d >= base || v > (limit - (uint64_t)d) / (uint64_t)base)
            return -1;
        v = v * (uint64_t)base + (uint64_t)d;
        digit_before = true;
        digits++;
    }
    if (!digit_before || (digits == 0 && base != 8))
        return -1; /* "0x" alone; a lone "0" is octal 0 */
    *out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
    return 0;
}

/* cast.ToInt: floats are truncated, strings parsed (0 when they do not
 * parse), true is 1. */
static int hugo_int(fmp_article *a, fmp_slot *s) {
    const fm_value *v = s->value;
    int64_t i = 0;
    bool warn = false;
    switch (v->type) {
    case FM_NULL:
        return FMP_CAST_UNSET;
    case FM_INT:
        i = v->u.i;
        break;
    case FM_FLOAT:
        if (v->u.f > -9.2e18 && v->u.f < 9.2e18)
            i = (int64_t)v->u.f;
        warn = (double)i != v->u.f;
        break;
    case FM_BOOL:
        i = v->u.b;
        warn = true;
        break;
    case FM_STRING:
        warn = go_parse_int(v->text, trim_zero_decimal(v->text, v->text_len), &i) != 0;
        if (warn)
            i = 0;
        break;
    default:
        warn = true;
        break;
    }
    a->pub.weight = i;
    a->pub.has_weight = 1;
    if (warn) {
        char note[48];
        snprintf(note, sizeof note, "Hugo reads %lld", (long long)i);
        if (mismatch(a, s, v, "an integer", note) != 0)
            return -1;
    }
    return FMP_CAST_SET;
}

static const char *const month_names[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};

/* Go's layout "02 Jan 2006" (Hugo's last documented date format). */
static int parse_day_month_year(const char *s, size_t len, fm_datetime *out) {
    if (len != 11 || !is_digit(s[0]) || !is_digit(s[1]) || s[2] != ' ' || s[6] != ' ')
        return -1;
    char text[16];
    int month = 0;
    for (int m = 0; m < 12; m++) {
        const char *n = month_names[m];
        if ((s[3] | 0x20) == n[0] && (s[4] | 0x20) == n[1] && (s[5] | 0x20) == n[2])
            month = m + 1;
    }
    if (!month)
        return -1;
    snprintf(text, sizeof text, "%.4s-%02d-%.2s", s + 7, month % 100, s);
    return fm_datetime_parse(text, 10, out);
}

/* Days since 1970-01-01 to a civil date (Howard Hinnant's civil_from_days). */
static void civil_from_days(int64_t z, int *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* cast reads an integer date as Unix seconds. */
static int unix_date(int64_t secs, fm_datetime *out) {
    if (secs < -62135596800LL || secs > 253402300799LL) /* years 1 to 9999 */
        return -1;
    int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    int64_t rem = secs - days * 86400;
    memset(out, 0, sizeof *out);
    civil_from_days(days, &out->year, &out->month, &out->day);
    out->hour = (int)(rem / 3600);
    out->minute = (int)(rem / 60 % 60);
    out->second = (int)(rem % 60);
    out->flags = FM_DT_SET | FM_DT_HAS_TIME | FM_DT_HAS_OFFSET;
    return 0;
}

static int hugo_date(fmp_article *a, fmp_slot *s, fm_datetime *out) {
    const fm_value *v = s->value;
    if (v->type == FM_NULL || (v->type == FM_STRING && v->text_len == 0))
        return FMP_CAST_UNSET;
    if (v->type == FM_TIMESTAMP) {
        *out = v->u.dt;
        return FMP_CAST_SET;
    }
    if (v->type == FM_INT && unix_date(v->u.i, out) == 0)
        return FMP_CAST_SET;
    if (v->type != FM_STRING)
        return mismatch(a, s, v, "a date", "Hugo fails the build") ? -1 : FMP_CAST_UNSET;
    if (fm_datetime_parse(v->text, v->text_len, out) == 0 ||
        parse_day_month_year(v->text, v->text_len, out) == 0)
        return FMP_CAST_SET;
    return bad_date(a, s, "Hugo fails the build") ? -1 : FMP_CAST_UNSET;
}

static int keep_value(fmp_article *a, fmp_slot *s, bool list_of_maps,
                      const fm_value **out) {
    const fm_value *v = s->value;
    bool ok = v->type == FM_MAPPING || (list_of_maps && v->type == FM_SEQUENCE);
    for (size_t i = 0; ok && v->type == FM_SEQUENCE && i < v->count; i++)
        ok = v->u.items[i]->type == FM_MAPPING;
    if (v->type == FM_NULL)
        return FMP_CAST_UNSET;
    if (!ok)
        return mismatch(a, s, v,
                        list_of_maps ? "a mapping or a list of mappings" : "a mapping",
                        "Hugo ignores it")
                   ? -1
                   : FMP_CAST_UNSET;
    *out = v;
    return FMP_CAST_SET;
}

/* ===================================================================== */
/* Jekyll: Ruby values as Psych (YAML 1.1) loads them                    */
/* ===================================================================== */

/* A plain YAML 1.1 bool word: what Psych loads as true or false. */
static int psych_bool(const fm_value *v) {
    if (v->type == FM_BOOL)
        return v->u.b;
    if (v->type == FM_STRING && v->style == FM_STYLE_PLAIN && !v->tag)
        return fmp_yaml11_bool(v->text, v->text_len);
    return -1;
}

/* Whether a YAML 1.2 number is one to Psych (YAML 1.1) too: a float needs
 * a '.' and a signed exponent; an int with a leading 0 is octal, and 0o is
 * no prefix. Returns 1 and the value, or 0 for a string. */
static int psych_number(const fm_value *v, double *f, int64_t *i) {
    const char *t = v->text;
    size_t n = v->text_len, k = (n && (t[0] == '+' || t[0] == '-')) ? 1 : 0;
    if (v->type == FM_FLOAT) {
        const char *e = memchr(t, 'e', n) ? memchr(t, 'e', n) : memchr(t, 'E', n);
        bool inf_nan = n > k && t[k] == '.' && !is_digit(t[k + 1]);
        *f = v->u.f;
        return inf_nan || (memchr(t, '.', n) && (!e || e[1] == '+' || e[1] == '-'));
    }
    *i = v->u.i;
    if (n - k < 2 || t[k] != '0' || t[k + 1] == 'x' || t[k + 1] == 'X')
        return 1;
    if (t[k + 1] == 'o' || t[k + 1] == 'O' || strspn(t + k, "01234567") != n - k)
        return 0;
    *i = (int64_t)strtoll(t + k, NULL, 8) * (t[0] == '-' ? -1 : 1);
    return 1;
}

/* A scalar as Ruby's to_s writes the value Psych loads for it. */
static int jekyll_item(fmp_article *a, const fm_value *v, fm_str *out) {
    int b = psych_bool(v);
    double f = 0;
    int64_t i = 0;
    char buf[64];
    if (b >= 0)
        return set_str(a, out, b ? "true" : "false", b ? 4 : 5, false);
    if ((v->type != FM_FLOAT && v->type != FM_INT) || v->style != FM_STYLE_PLAIN ||
        v->tag)
        return scalar_text(a, v, ruby_float, out);
    if (!psych_number(v, &f, &i))
        return set_str(a, out, v->text, v->text_len, false);
    size_t n = v->type == FM_FLOAT
                   ? ruby_float(f, buf, sizeof buf)
                   : (size_t)snprintf(buf, sizeof buf, "%lld", (long long)i);
    return set_str(a, out, buf, n, true);
}

static int jekyll_string(fmp_article *a, fmp_slot *s, fm_str *out) {
    const fm_value *v = s->value;
    if (v->type == FM_NULL)
        return FMP_CAST_UNSET;
    if (is_collection(v))
        return mismatch(a, s, v, "a string", "Jekyll writes it as Ruby text")
                   ? -1
                   : FMP_CAST_UNSET;
    return jekyll_item(a, v, out);
}

/* Ruby truth: only nil and false are false. */
static int jekyll_published(fmp_article *a, fmp_slot *s, fm_tribool *out) {
    const fm_value *v = s->value;
    int b = psych_bool(v);
    if (b >= 0) {
        *out = b ? FM_TRUE : FM_FALSE;
        return FMP_CAST_SET;
    }
    *out = v->type == FM_NULL ? FM_FALSE : FM_TRUE;
    if (mismatch(a, s, v, "a boolean",
                 v->type == FM_NULL ? "Jekyll does not publish the page"
                                    : "Jekyll publishes the page") != 0)
        return -1;
    return FMP_CAST_SET;
}

static int jekyll_date(fmp_article *a, fmp_slot *s, fm_datetime *out) {
    const fm_value *v = s->value;
    const char *fails = a->page_kind == FMP_JEKYLL_PAGE
                            ? "Jekyll keeps it as text"
                            : "Jekyll fails the build unless Ruby's Time.parse reads it";
    if (v->type == FM_NULL)
        return FMP_CAST_UNSET;
    if (v->type == FM_TIMESTAMP) {
        *out = v->u.dt;
        return FMP_CAST_SET;
    }
    if (v->type != FM_STRING)
        return mismatch(a, s, v, "a date", fails) ? -1 : FMP_CAST_UNSET;
    if (fm_datetime_parse(v->text, v->text_len, out) == 0)
        return FMP_CAST_SET;
    return bad_date(a, s, fails) ? -1 : FMP_CAST_UNSET;
}

/* The scalars of a list, nested lists flattened and nils dropped (Ruby's
 * flatten and compact); with items NULL, only counts them in *n and gives
 * the diagnostics. */
static int flatten_into(fmp_article *a, fmp_slot *s, const fm_value *v, fm_str *items,
                        size_t *n) {
    for (size_t i = 0; i < v->count; i++) {
        const fm_value *it = v->u.items[i];
        if (it->type == FM_SEQUENCE) {
            if (flatten_into(a, s, it, items, n) != 0)
                return -1;
        } else if (it->type == FM_MAPPING) {
            if (!items &&
                mismatch(a, s, it, "a list of strings", "Jekyll ignores it") != 0)
                return -1;
        } else if (it->type != FM_NULL) {
            if (items && jekyll_item(a, it, &items[*n]) < 0)
                return -1;
            (*n)++;
        }
    }
    return 0;
}

static int flatten(fmp_article *a, fmp_slot *s, const fm_value *v, fm_strlist *out) {
    size_t n = 0;
    if (flatten_into(a, s, v, NULL, &n) != 0)
        return -1;
    fm_str *items = new_items(a, n, out);
    size_t k = 0;
    if (!items || (n && flatten_into(a, s, v, items, &k) != 0))
        return -1;
    return FMP_CAST_SET;
}

int fmp_jekyll_list(fmp_article *a, fmp_slot *s, bool split, fm_strlist *out) {
    const fm_value *v = s->value;
    if (v->type == FM_NULL)
        return FMP_CAST_UNSET;
    if (v->type == FM_SEQUENCE)
        return flatten(a, s, v, out);
    if (v->type == FM_MAPPING)
        return mismatch(a, s, v, "a list", "Jekyll ignores it") ? -1 : FMP_CAST_UNSET;
    if (!split || a->page_kind == FMP_JEKYLL_PAGE) {
        fm_str *items = new_items(a, 1, out);
        return items ? jekyll_item(a, v, items) : -1;
    }
    if (v->type != FM_STRING) /* value_from_plural_key takes strings and arrays only */
        return mismatch(a, s, v, "a list", "Jekyll drops it") ? -1 : FMP_CAST_UNSET;
    int rc = split_into(a, v, true, out);
    if (rc == FMP_CAST_SET && has_blank(v->text, v->text_len, true) &&
        mismatch(a, s, v, "a list", "Jekyll splits it at blanks") != 0)
        return -1;
    return rc;
}

/* ===================================================================== */
/* Zola: serde types, nothing converted                                  */
/* ===================================================================== */

#define ZOLA_REFUSES "Zola refuses the page"

/* Text Zola's serde reads as a string: YAML's timestamps are strings to it,
 * TOML's dates are not. */
static bool zola_is_string(const fmp_article *a, const fm_value *v) {
    return v->type == FM_STRING ||
           (v->type == FM_TIMESTAMP && a->snap->parts.format != FM_FORMAT_TOML);
}

static int zola_string(fmp_article *a, fmp_slot *s, bool nonempty, fm_str *out) {
    const fm_value *v = s->value;
    if (v->type == FM_NULL)
        return FMP_CAST_UNSET;
    if (!zola_is_string(a, v) || (nonempty && v->text_len == 0))
        return mismatch(a, s, v, nonempty ? "a string that is not empty" : "a string",
                        ZOLA_REFUSES)
                   ? -1
                   : FMP_CAST_UNSET;
    return set_str(a, out, v->text, v->text_len, false);
}

static int zola_bool(fmp_article *a, fmp_slot *s, fm_tribool *out) {
    const fm_value *v = s->value;
    if (v->type != FM_BOOL)
        return mismatch(a, s, v, "a boolean", ZOLA_REFUSES) ? -1 : FMP_CAST_UNSET;
    *out = v->u.b ? FM_TRUE : FM_FALSE;
    return FMP_CAST_SET;
}

static int zola_uint(fmp_article *a, fmp_slot *s) {
    const fm_value *v = s->value;
    if (v->type == FM_NULL)
        return FMP_CAST_UNSET;
    if (v->type != FM_INT || v->u.i < 0)
        return mismatch(a, s, v, "an integer of 0 or more", ZOLA_REFUSES)
                   ? -1
                   : FMP_CAST_UNSET;
    a->pub.weight = v->u.i;
    a->pub.has_weight = 1;
    return FMP_CAST_SET;
}

/* A list of strings; terms: none of them blank. */
static int zola_list(fmp_article *a, fmp_slot *s, bool terms, fm_strlist *out) {
    const fm_value *v = s->value;
    bool ok = v->type == FM_SEQUENCE;
    for (size_t i = 0; ok && i < v->count; i++) {
        const fm_value *it = v->u.items[i];
        ok = zola_is_string(a, it) &&
             !(terms && fmp_split_fields(a, it->text, it->text_len, true, NULL) == 0);
    }
    if (!ok)
        return mismatch(a, s, v,
                        terms ? "a list of terms that are not blank"
                              : "a list of strings",
                        ZOLA_REFUSES)
                   ? -1
                   : FMP_CAST_UNSET;
    fm_str *items = new_items(a, v->count, out);
    for (size_t i = 0; items && i < v->count; i++)
        items[i] = (fm_str){v->u.items[i]->text, v->u.items[i]->text_len};
    return items ? FMP_CAST_SET : -1;
}

/* Reads n (min..max) digits at s[*i]. */
static int digits(const char *s, size_t len, size_t *i, size_t min, size_t max,
                  int *out) {
    size_t n = 0;
    int v = 0;
    while (n < max && *i + n < len && is_digit(s[*i + n]))
        v = v * 10 + (s[*i + n++] - '0');
    if (n < min)
        return -1;
    *i += n;
    *out = v;
    return 0;
}

/* The time and zone after a date, as Zola's YAML pattern and TOML read
 * them; 0 or -1. */
static int zola_time(const char *s, size_t len, size_t i, fm_datetime *dt) {
    if (s[i] == 'T' || s[i] == 't')
        i++;
    else
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
    if (digits(s, len, &i, 1, 2, &dt->hour) || i >= len || s[i++] != ':' ||
        digits(s, len, &i, 2, 2, &dt->minute) || i >= len || s[i++] != ':' ||
        digits(s, len, &i, 2, 2, &dt->second))
        return -1;
    dt->flags |= FM_DT_HAS_TIME;
    if (i < len && s[i] == '.') {
        size_t start = ++i;
        int frac = 0;
        while (i < len && is_digit(s[i]) && i - start < 9)
            frac = frac * 10 + (s[i++] - '0');
        for (size_t k = i - start; k < 9; k++)
            frac *= 10;
        dt->nanosecond = frac;
    }
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < len && (s[i] == 'Z' || s[i] == 'z')) {
        dt->flags |= FM_DT_HAS_OFFSET;
        return i + 1 == len ? 0 : -1;
    }
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        int sign = s[i++] == '-' ? -1 : 1, h, m = 0;
        if (digits(s, len, &i, 1, 2, &h))
            return -1;
        if (i < len && s[i] == ':' && (i++, digits(s, len, &i, 2, 2, &m)))
            return -1;
        dt->utc_offset = sign * (h * 60 + m);
        dt->flags |= FM_DT_HAS_OFFSET;
    }
    return i == len ? 0 : -1;
}

int fmp_zola_date(const char *s, size_t len, fm_datetime *out) {
    fm_datetime dt;
    size_t i = 0;
    memset(&dt, 0, sizeof dt);
    dt.flags = FM_DT_SET;
    if (digits(s, len, &i, 4, 4, &dt.year) || i >= len || s[i++] != '-' ||
        digits(s, len, &i, 1, 2, &dt.month) || i >= len || s[i++] != '-' ||
        digits(s, len, &i, 1, 2, &dt.day) || (i < len && zola_time(s, len, i, &dt) != 0))
        return -1;
    /* Round trip through the text form: the checks of fm_datetime_parse. */
    char text[64];
    size_t n = fm_datetime_format(&dt, text, sizeof text);
    if (n == 0 || n >= sizeof text || fm_datetime_parse(text, n, out) != 0)
        return -1;
    return 0;
}

static int zola_date(fmp_article *a, fmp_slot *s, fm_datetime *out) {
    const fm_value *v = s->value;
    if (v->type == FM_TIMESTAMP) {
        *out = v->u.dt;
        return FMP_CAST_SET;
    }
    if (v->type != FM_STRING)
        return mismatch(a, s, v, "a date", ZOLA_REFUSES) ? -1 : FMP_CAST_UNSET;
    if (fmp_zola_date(v->text, v->text_len, out) == 0)
        return FMP_CAST_SET;
    return bad_date(a, s, ZOLA_REFUSES) ? -1 : FMP_CAST_UNSET;
}

static int zola_table(fmp_article *a, fmp_slot *s, const fm_value **out) {
    const fm_value *v = s->value;
    if (v->type != FM_MAPPING)
        return mismatch(a, s, v, "a mapping", ZOLA_REFUSES) ? -1 : FMP_CAST_UNSET;
    *out = v;
    return FMP_CAST_SET;
}

/* ===================================================================== */
/* Dispatch                                                              */
/* ===================================================================== */

int fmp_cast(fmp_article *a, const fmp_key *k, fmp_slot *s, void *out) {
    switch (k->read) {
    case FMP_READ_HUGO_STRING:
        return hugo_string(a, s, out);
    case FMP_READ_HUGO_MENU:
        return hugo_menu(a, s, out);
    case FMP_READ_HUGO_FIELDS:
    case FMP_READ_HUGO_TERMS:
        return hugo_list(a, s, k->read == FMP_READ_HUGO_FIELDS, out);
    case FMP_READ_HUGO_DATE:
        return hugo_date(a, s, out);
    case FMP_READ_HUGO_BOOL:
        return hugo_bool(a, s, out);
    case FMP_READ_HUGO_INT:
        return hugo_int(a, s);
    case FMP_READ_HUGO_MAP:
    case FMP_READ_HUGO_CASCADE:
        return keep_value(a, s, k->read == FMP_READ_HUGO_CASCADE, out);
    case FMP_READ_JEKYLL_STRING:
        return jekyll_string(a, s, out);
    case FMP_READ_JEKYLL_DATE:
        return jekyll_date(a, s, out);
    case FMP_READ_JEKYLL_PUBLISHED:
        return jekyll_published(a, s, out);
    case FMP_READ_JEKYLL_ONE:
        if (a->page_kind == FMP_JEKYLL_PAGE)
            return FMP_CAST_EXTRA; /* `tag` means something in posts only */
        return fmp_jekyll_list(a, s, false, out);
    case FMP_READ_JEKYLL_WORDS:
        return fmp_jekyll_list(a, s, k->read == FMP_READ_JEKYLL_WORDS, out);
    case FMP_READ_ZOLA_STRING:
    case FMP_READ_ZOLA_NONEMPTY:
        return zola_string(a, s, k->read == FMP_READ_ZOLA_NONEMPTY, out);
    case FMP_READ_ZOLA_DATE:
        return zola_date(a, s, out);
    case FMP_READ_ZOLA_BOOL:
        return zola_bool(a, s, out);
    case FMP_READ_ZOLA_UINT:
        return zola_uint(a, s);
    case FMP_READ_ZOLA_LIST:
    case FMP_READ_ZOLA_TERMS:
        return zola_list(a, s, k->read == FMP_READ_ZOLA_TERMS, out);
    case FMP_READ_ZOLA_TABLE:
        return zola_table(a, s, out);
    default:
        return FMP_CAST_EXTRA;
    }
}
