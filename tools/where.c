/* SPDX-License-Identifier: MIT */
/* where.c - the --where conditions: parsing PATH OP VALUE once, and testing
 * them on each loaded document (equality by the library's typing rules,
 * order for numbers and dates). */
#include "where.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"

/* ===================================================================== */
/* Parsing                                                               */
/* ===================================================================== */

/* The first operator outside a double-quoted key (whose \" and \\ are
 * escapes, as in key paths): its offset, or the length when there is none. */
static size_t operator_at(const char *expr) {
    int quoted = 0;
    size_t i = 0;
    for (; expr[i]; i++) {
        char c = expr[i];
        if (quoted && c == '\\' && expr[i + 1])
            i++;
        else if (c == '"')
            quoted = !quoted;
        else if (!quoted && strchr("=!<>", c))
            break;
    }
    return i;
}

/* The operator at s and its length; -1 when s is `!` without `=`. */
static int read_operator(const char *s, where_op *op) {
    int eq = s[1] == '=';
    switch (s[0]) {
    case '=':
        *op = WHERE_EQ;
        return 1;
    case '!':
        *op = WHERE_NE;
        return eq ? 2 : -1;
    case '<':
        *op = eq ? WHERE_LE : WHERE_LT;
        return 1 + eq;
    default:
        *op = eq ? WHERE_GE : WHERE_GT;
        return 1 + eq;
    }
}

static int bad(const char *expr, const char *why) {
    fprintf(stderr, "fmatter: --where '%s': %s\n", expr, why);
    return -1;
}

/* A number or a date to compare with: an int, a float that is not NaN, or
 * a timestamp with a date. */
static int is_bound(const fm_value *v) {
    fm_type t = fm_value_type(v);
    if (t == FM_FLOAT)
        return !isnan(fm_value_float(v, 0));
    if (t == FM_TIMESTAMP)
        return !(fm_value_datetime(v)->flags & FM_DT_NO_DATE);
    return t == FM_INT;
}

/* The time the option is read, to the second, in UTC: the bound `now`. */
static fm_value *now_value(fm_error *err) {
    time_t t = time(NULL);
    struct tm tm;
    if (t == (time_t)-1 || !gmtime_r(&t, &tm)) {
        tool_error(err, FM_ERR_ARG, 0, "cannot read the clock");
        return NULL;
    }
    fm_datetime dt = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                      tm.tm_min, tm.tm_sec > 59 ? 59 : tm.tm_sec, 0, 0,
                      FM_DT_SET | FM_DT_HAS_TIME | FM_DT_HAS_OFFSET};
    return fm_value_new_datetime(&dt, err);
}

/* Types the word of c ('now', for an order, is the time now); -1 after saying why. */
static int type_word(where_clause *c, const char *expr, const char *word) {
    size_t len = strlen(word);
    fm_error err;
    if (c->op == WHERE_EQ || c->op == WHERE_NE) {
        c->yaml = fm_value_parse_scalar(FM_SCHEMA_YAML, word, len, &err);
        c->json = c->yaml ? fm_value_parse_scalar(FM_SCHEMA_JSON, word, len, &err) : NULL;
        c->toml = c->json ? fm_value_parse_scalar(FM_SCHEMA_TOML, word, len, &err) : NULL;
        return c->toml ? 0 : bad(expr, err.message);
    }
    c->bound = strcmp(word, "now") == 0 ? now_value(&err)
                                        : fm_value_parse_scalar(FM_SCHEMA_YAML, word, len, &err);
    if (!c->bound)
        return bad(expr, err.message);
    if (!is_bound(c->bound))
        return bad(expr, "<, <=, > and >= need a number, a date or now");
    return 0;
}

static void clause_free(where_clause *c) {
    free(c->path);
    fm_value_free(c->yaml);
    fm_value_free(c->json);
    fm_value_free(c->toml);
    fm_value_free(c->bound);
}

int where_add(where_list *l, const char *expr) {
    size_t at = operator_at(expr);
    where_clause c = {0};
    if (!expr[at])
        return bad(expr, "expected PATH=VALUE, PATH!=VALUE, PATH<VALUE, PATH<=VALUE, "
                         "PATH>VALUE or PATH>=VALUE");
    int oplen = read_operator(expr + at, &c.op);
    if (oplen < 0)
        return bad(expr, "'!' must be followed by '='");
    if (at == 0)
        return bad(expr, "no key path before the operator");
    where_clause *items = realloc(l->items, (l->count + 1) * sizeof *items);
    if (items)
        l->items = items;
    c.path = items ? malloc(at + 1) : NULL;
    if (!c.path)
        return bad(expr, "out of memory");
    memcpy(c.path, expr, at);
    c.path[at] = '\0';
    if (type_word(&c, expr, expr + at + oplen) != 0) {
        clause_free(&c);
        return -1;
    }
    l->items[l->count++] = c;
    return 0;
}

void where_free(where_list *l) {
    for (size_t i = 0; i < l->count; i++)
        clause_free(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

/* ===================================================================== */
/* Matching                                                              */
/* ===================================================================== */

/* v equals w, or v is a list holding an item equal to w. */
static int holds(const fm_value *v, const fm_value *w) {
    if (fm_value_type(v) != FM_SEQUENCE)
        return fm_value_equal(v, w);
    for (size_t i = 0; i < fm_value_size(v); i++)
        if (fm_value_equal(fm_value_at(v, i), w))
            return 1;
    return 0;
}

/* A date as an instant: seconds (a floating time and a date alone read as
 * UTC) and nanoseconds; -1 when dt has no date. */
static int instant(const fm_datetime *dt, time_t *s, long *ns) {
    if (!dt || fm_datetime_to_time(dt, 0, s) != 0)
        return -1;
    *ns = dt->flags & FM_DT_HAS_TIME ? dt->nanosecond : 0;
    return 0;
}

static int sign(double a, double b) {
    return (a > b) - (a < b);
}

static int sign_int(int64_t a, int64_t b) {
    return (a > b) - (a < b);
}

/* Where v stands against the bound: -1, 0 or 1; 2 when they do not
 * compare (another type, NaN, a string that is not a date). */
static int order(const fm_value *v, const fm_value *bound) {
    fm_type t = fm_value_type(v), bt = fm_value_type(bound);
    if (bt == FM_TIMESTAMP) {
        fm_datetime parsed;
        const fm_datetime *dt = fm_value_datetime(v);
        size_t len;
        const char *s = t == FM_STRING ? fm_value_string(v, &len) : NULL;
        if (s && fm_datetime_parse(s, len, &parsed) == 0)
            dt = &parsed;
        time_t a, b;
        long an, bn;
        if (instant(dt, &a, &an) != 0 || instant(fm_value_datetime(bound), &b, &bn) != 0)
            return 2;
        return a != b ? sign_int(a, b) : sign_int(an, bn);
    }
    if (t == FM_INT && bt == FM_INT) {
        return sign_int(fm_value_int(v, 0), fm_value_int(bound, 0));
    }
    if (t != FM_INT && t != FM_FLOAT)
        return 2;
    double a = fm_value_float(v, 0), b = fm_value_float(bound, 0);
    return isnan(a) ? 2 : sign(a, b);
}

static int clause_matches(const where_clause *c, const fm_doc *doc) {
    const fm_value *v = fm_doc_get(doc, c->path);
    if (!v)
        return 0; /* a missing path never matches */
    if (c->op == WHERE_EQ || c->op == WHERE_NE) {
        fm_schema schema = fm_format_schema(fm_doc_format(doc));
        const fm_value *w = schema == FM_SCHEMA_JSON   ? c->json
                            : schema == FM_SCHEMA_TOML ? c->toml
                                                       : c->yaml;
        return holds(v, w) == (c->op == WHERE_EQ);
    }
    int o = order(v, c->bound);
    switch (c->op) {
    case WHERE_LT:
        return o == -1;
    case WHERE_LE:
        return o == -1 || o == 0;
    case WHERE_GT:
        return o == 1;
    default:
        return o == 1 || o == 0;
    }
}

int where_match(const where_list *l, const fm_doc *doc) {
    for (size_t i = 0; i < l->count; i++)
        if (!clause_matches(&l->items[i], doc))
            return 0;
    return 1;
}
