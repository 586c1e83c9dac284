/* SPDX-License-Identifier: MIT */
/* convcmp.h - whether a tree read back from converted text holds the source
 * tree as fmatter(5)'s conversion rules map it, for the corpus driver and the
 * convert fuzzer. Public API only. */
#ifndef FM_CONVCMP_H
#define FM_CONVCMP_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmatter.h"

enum {
    FM_CONVCMP_ANY_ORDER = 1u << 0,    /* TOML was on the way: a mapping's keys may
                                          come in another order (plain values first) */
    FM_CONVCMP_DATES_AS_TEXT = 1u << 1 /* JSON was on the way: a date is now the
                                          string of its RFC 3339 text */
};

#define FM_CONVCMP_MAX_DEPTH 300

static int fm_convcmp_scalar(const fm_value *src, const fm_value *got, unsigned how) {
    if ((how & FM_CONVCMP_DATES_AS_TEXT) && fm_value_type(src) == FM_TIMESTAMP) {
        char text[64];
        size_t n = fm_datetime_format(fm_value_datetime(src), text, sizeof text), len;
        const char *s = fm_value_string(got, &len);
        return s && n < sizeof text && len == n && memcmp(s, text, n) == 0;
    }
    if (fm_value_type(src) == FM_FLOAT && fm_value_type(got) == FM_FLOAT &&
        signbit(fm_value_float(src, 0)) != signbit(fm_value_float(got, 0)))
        return 0;
    return fm_value_equal(src, got);
}

/* 1 when got holds src under the rules `how`; else 0 with the path of the
 * first difference in why. */
static int fm_convcmp(const fm_value *src, const fm_value *got, unsigned how, char *why,
                      size_t cap, int depth) {
    fm_type t = fm_value_type(src);
    if (depth > FM_CONVCMP_MAX_DEPTH)
        return snprintf(why, cap, "too deep"), 0;
    if (t != FM_MAPPING && t != FM_SEQUENCE) {
        if (fm_convcmp_scalar(src, got, how))
            return 1;
        size_t a = 0, b = 0;
        const char *ta = fm_value_text(src, &a), *tb = fm_value_text(got, &b);
        snprintf(why, cap, "a %s '%.*s' became a %s '%.*s'", fm_type_name(t),
                 (int)(a > 40 ? 40 : a), ta ? ta : "", fm_type_name(fm_value_type(got)),
                 (int)(b > 40 ? 40 : b), tb ? tb : "");
        return 0;
    }
    if (fm_value_type(got) != t || fm_value_size(got) != fm_value_size(src))
        return snprintf(why, cap, "a %s of %zu became a %s of %zu", fm_type_name(t),
                        fm_value_size(src), fm_type_name(fm_value_type(got)),
                        fm_value_size(got)),
               0;
    for (size_t i = 0; i < fm_value_size(src); i++) {
        size_t len, glen;
        const char *key = t == FM_MAPPING ? fm_value_key_text(src, i, &len) : NULL;
        const fm_value *g = fm_value_at(got, i);
        if (key && (how & FM_CONVCMP_ANY_ORDER))
            g = fm_value_lookup(got, key, len);
        else if (key) {
            const char *gk = fm_value_key_text(got, i, &glen);
            if (glen != len || memcmp(gk, key, len) != 0)
                g = NULL;
        }
        if (!g)
            return snprintf(why, cap, "key '%.*s' is missing or moved", (int)len, key), 0;
        if (!fm_convcmp(fm_value_at(src, i), g, how, why, cap, depth + 1)) {
            char inner[256];
            snprintf(inner, sizeof inner, "%s", why);
            if (key)
                snprintf(why, cap, "%.*s: %.180s", (int)(len > 40 ? 40 : len), key, inner);
            else
                snprintf(why, cap, "[%zu]: %.180s", i, inner);
            return 0;
        }
    }
    return 1;
}

#endif
