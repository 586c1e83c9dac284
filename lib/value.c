/* SPDX-License-Identifier: MIT */
/* value.c - the value tree: accessors for document nodes, and caller-built
 * values (constructors, containers, copy, equality, free). */
#include "private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ===================================================================== */
/* Accessors                                                             */
/* ===================================================================== */

const char *fm_type_name(fm_type type) {
    static const char *const names[] = {"null",   "bool",      "int",      "float",
                                        "string", "timestamp", "sequence", "mapping"};
    return (unsigned)type < sizeof names / sizeof names[0] ? names[type] : "unknown";
}

fm_type fm_value_type(const fm_value *v) {
    return v ? (fm_type)v->type : FM_NULL;
}

fm_style fm_value_style(const fm_value *v) {
    return v ? (fm_style)v->style : FM_STYLE_ANY;
}

int fm_value_bool(const fm_value *v) {
    return (v && v->type == FM_BOOL) ? v->u.b : -1;
}

int64_t fm_value_int(const fm_value *v, int64_t dflt) {
    return (v && v->type == FM_INT) ? v->u.i : dflt;
}

double fm_value_float(const fm_value *v, double dflt) {
    if (v && v->type == FM_FLOAT)
        return v->u.f;
    if (v && v->type == FM_INT)
        return (double)v->u.i;
    return dflt;
}

const char *fm_value_string(const fm_value *v, size_t *len) {
    if (!v || v->type != FM_STRING)
        return NULL;
    if (len)
        *len = v->text_len;
    return v->text;
}

const fm_datetime *fm_value_datetime(const fm_value *v) {
    return (v && v->type == FM_TIMESTAMP) ? &v->u.dt : NULL;
}

const char *fm_value_text(const fm_value *v, size_t *len) {
    if (!v || v->type == FM_SEQUENCE || v->type == FM_MAPPING)
        return NULL;
    if (len)
        *len = v->text_len;
    return v->text;
}

const char *fm_value_tag(const fm_value *v) {
    return v ? v->tag : NULL;
}

FMP_HOT const char *fm_value_anchor(const fm_value *v) {
    return (v && !(v->flags & FMP_ALIAS)) ? v->anchor : NULL;
}

int fm_value_is_alias(const fm_value *v) {
    return v && (v->flags & FMP_ALIAS) ? 1 : 0;
}

fm_span fm_value_span(const fm_value *v) {
    fm_span sp;
    memset(&sp, 0, sizeof sp);
    if (v && !(v->flags & FMP_HEAP)) {
        sp.offset = v->start;
        sp.length = v->end - v->start;
        sp.line = v->line;
        sp.column = v->column;
        sp.end_line = v->end_line;
        sp.end_column = v->end_column;
    }
    return sp;
}

size_t fm_value_size(const fm_value *v) {
    return (v && (v->type == FM_SEQUENCE || v->type == FM_MAPPING)) ? v->count : 0;
}

const fm_value *fm_value_at(const fm_value *v, size_t i) {
    if (!v || i >= fm_value_size(v))
        return NULL;
    return v->type == FM_SEQUENCE ? v->u.items[i] : fmp_map_val(v, i);
}

const fm_value *fm_value_key_at(const fm_value *v, size_t i) {
    if (!v || v->type != FM_MAPPING || i >= v->count)
        return NULL;
    return fmp_map_key(v, i);
}

const char *fm_value_key_text(const fm_value *v, size_t i, size_t *len) {
    const fm_value *k = fm_value_key_at(v, i);
    if (!k)
        return NULL;
    if ((k->type == FM_SEQUENCE || k->type == FM_MAPPING) && !k->text) {
        if (len)
            *len = 0;
        return ""; /* a caller-built complex key has no text */
    }
    if (len)
        *len = k->text_len;
    return k->text;
}

FMP_HOT size_t fmp_map_find(const fm_value *m, const char *key, size_t len) {
    for (size_t i = 0; i < m->count; i++) {
        const fm_value *k = fmp_map_key(m, i);
        FMP_WORK(1);
        /* (the first bytes compared before the call: most keys differ there) */
        if (k->text && k->text_len == len &&
            (len == 0 || (k->text[0] == key[0] && memcmp(k->text, key, len) == 0)))
            return i;
    }
    return (size_t)-1;
}

const fm_value *fm_value_lookup(const fm_value *map, const char *key, size_t len) {
    if (!map || map->type != FM_MAPPING || (!key && len))
        return NULL;
    size_t i = fmp_map_find(map, key ? key : "", len);
    return i == (size_t)-1 ? NULL : fmp_map_val(map, i);
}

fm_value *fmp_value_empty_mapping(fmp_arena *a) {
    fm_value *v = fmp_arena_calloc(a, sizeof *v);
    if (v) {
        v->type = FM_MAPPING;
        v->style = FM_STYLE_BLOCK;
        v->weight = 1;
    }
    return v;
}

/* ===================================================================== */
/* Caller-built values                                                   */
/* ===================================================================== */

FMP_HOT void fmp_scalar_init(fm_value *v, const fm_allocator *al, fm_type type,
                             char *room, const char *text, size_t len) {
    if (len)
        memcpy(room, text, len);
    room[len] = '\0';
    /* Field by field, as fmp_tree_node: no memset call for a small struct. */
    v->type = (uint8_t)type;
    v->style = FM_STYLE_ANY;
    v->flags = FMP_HEAP;
    v->line = v->column = v->end_line = v->end_column = 0;
    v->start = v->end = 0;
    v->text = room;
    v->text_len = len;
    v->tag = v->anchor = NULL;
    v->count = v->cap = 0;
    v->weight = 1;
    v->al = al;
    fmp_zero_union(v);
}

static fm_value *heap_node(const fm_allocator *al, fm_type type, const char *text,
                           size_t len) {
    if (len > SIZE_MAX - sizeof(fm_value) - 1)
        return NULL;
    fm_value *v = fmp_malloc(al, sizeof *v + len + 1);
    if (v)
        fmp_scalar_init(v, al, type, (char *)(v + 1), text, len);
    return v;
}

fm_value *fmp_new_null(const fm_allocator *al) {
    return heap_node(al, FM_NULL, "null", 4);
}

fm_value *fmp_new_bool(const fm_allocator *al, int b) {
    fm_value *v = heap_node(al, FM_BOOL, b ? "true" : "false", b ? 4 : 5);
    if (v)
        v->u.b = b ? 1 : 0;
    return v;
}

fm_value *fmp_new_int(const fm_allocator *al, int64_t i) {
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%lld", (long long)i);
    fm_value *v = heap_node(al, FM_INT, buf, (size_t)n);
    if (v)
        v->u.i = i;
    return v;
}

/* The shortest decimal text that reads back as d, in YAML float syntax
 * with a '.' always in the mantissa: YAML 1.1 readers (PyYAML) read `1e+30`
 * as a string and `1.0e+30` as a float. */
size_t fmp_format_float(double d, char *buf, size_t cap) {
    if (isnan(d))
        return (size_t)snprintf(buf, cap, ".nan");
    if (isinf(d))
        return (size_t)snprintf(buf, cap, d < 0 ? "-.inf" : ".inf");
    int n = 0;
    for (int prec = 15; prec <= 17; prec++) {
        n = snprintf(buf, cap, "%.*g", prec, d);
        char *comma = strchr(buf, ',');
        if (comma)
            *comma = '.'; /* a locale with a decimal comma */
        double back;
        if (fmp_parse_float(buf, (size_t)n, &back) == 0 && back == d)
            break;
    }
    if (!strchr(buf, '.') && (size_t)n + 3 <= cap) {
        char *e = strchr(buf, 'e');
        size_t at = e ? (size_t)(e - buf) : (size_t)n;
        memmove(buf + at + 2, buf + at, (size_t)n - at + 1);
        memcpy(buf + at, ".0", 2);
        n += 2;
    }
    return (size_t)n;
}

fm_value *fmp_new_float(const fm_allocator *al, double d) {
    char buf[64];
    size_t n = fmp_format_float(d, buf, sizeof buf);
    fm_value *v = heap_node(al, FM_FLOAT, buf, n);
    if (v)
        v->u.f = d;
    return v;
}

fm_value *fmp_new_string(const fm_allocator *al, const char *s, size_t len) {
    if ((!s && len) || !fmp_utf8_valid(s ? s : "", len))
        return NULL;
    return heap_node(al, FM_STRING, s ? s : "", len);
}

/* The date-time the text buf[0..n) of dt reads back as: a date by
 * fm_datetime_parse, a time of day as TOML reads one. */
static int read_back(const fm_datetime *dt, const char *buf, size_t n, fm_datetime *out) {
    if (!(dt->flags & FM_DT_NO_DATE))
        return fm_datetime_parse(buf, n, out);
    fm_value typed;
    if (fmp_toml_type_word(buf, n, &typed) != 0 || typed.type != FM_TIMESTAMP)
        return -1;
    *out = typed.u.dt;
    return 0;
}

fm_value *fmp_new_datetime(const fm_allocator *al, const fm_datetime *dt) {
    char buf[64];
    fm_datetime check;
    if (!dt || !(dt->flags & FM_DT_SET))
        return NULL;
    size_t n = fm_datetime_format(dt, buf, sizeof buf);
    if (n == 0 || n >= sizeof buf || read_back(dt, buf, n, &check) != 0)
        return NULL;
    fm_value *v = heap_node(al, FM_TIMESTAMP, buf, n);
    if (v)
        v->u.dt = check;
    return v;
}

fm_value *fmp_new_container(const fm_allocator *al, fm_type type) {
    fm_value *v = heap_node(al, type, "", 0);
    if (v)
        v->text = NULL;
    return v;
}

/* ---- the public constructors use the C library's malloc ---- */

#define STD_ALLOCATOR fmp_allocator_or_default(NULL)

fm_value *fm_value_new_null(void) {
    return fmp_new_null(STD_ALLOCATOR);
}

fm_value *fm_value_new_bool(int b) {
    return fmp_new_bool(STD_ALLOCATOR, b);
}

fm_value *fm_value_new_int(int64_t i) {
    return fmp_new_int(STD_ALLOCATOR, i);
}

fm_value *fm_value_new_float(double d) {
    return fmp_new_float(STD_ALLOCATOR, d);
}

fm_value *fm_value_new_string(const char *s, size_t len, fm_error *err) {
    if (!s && len) {
        fmp_fail(err, FM_ERR_ARG, "fm_value_new_string: NULL text with a length");
        return NULL;
    }
    if (!fmp_utf8_valid(s ? s : "", len)) {
        size_t at = fmp_utf8_valid_prefix(s, len);
        fmp_fail(err, FM_ERR_ENCODING, "the string is not valid UTF-8 (byte %zu)", at);
        return NULL;
    }
    fm_value *v = fmp_new_string(STD_ALLOCATOR, s, len);
    if (!v)
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    return v;
}

fm_value *fm_value_new_datetime(const fm_datetime *dt, fm_error *err) {
    if (!dt) {
        fmp_fail(err, FM_ERR_ARG, "fm_value_new_datetime: NULL date");
        return NULL;
    }
    if (fmp_datetime_writable(dt, err) != 0)
        return NULL;
    fm_value *v = fmp_new_datetime(STD_ALLOCATOR, dt);
    if (!v)
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    return v;
}

fm_value *fm_value_new_sequence(void) {
    return fmp_new_container(STD_ALLOCATOR, FM_SEQUENCE);
}

fm_value *fm_value_new_mapping(void) {
    return fmp_new_container(STD_ALLOCATOR, FM_MAPPING);
}

/* Makes room for `slots` more item pointers in a caller-built container. */
static int reserve_items(fm_value *c, size_t slots) {
    size_t used = c->type == FM_MAPPING ? 2 * c->count : c->count;
    if (used + slots <= c->cap)
        return 0;
    size_t cap = c->cap ? c->cap * 2 : 8;
    while (cap < used + slots)
        cap *= 2;
    fm_value **items =
        fmp_realloc(c->al, c->u.items, c->cap * sizeof *items, cap * sizeof *items);
    if (!items)
        return -1;
    c->u.items = items;
    c->cap = cap;
    return 0;
}

int fm_value_append(fm_value *seq, fm_value *item) {
    if (!item)
        return -1;
    if (!seq || seq->type != FM_SEQUENCE || !(seq->flags & FMP_HEAP) ||
        !(item->flags & FMP_HEAP) || reserve_items(seq, 1) != 0) {
        fm_value_free(item);
        return -1;
    }
    seq->u.items[seq->count++] = item;
    seq->weight += item->weight;
    return 0;
}

int fm_value_put(fm_value *map, const char *key, size_t key_len, fm_value *val) {
    if (!val)
        return -1;
    if (!map || map->type != FM_MAPPING || !(map->flags & FMP_HEAP) ||
        !(val->flags & FMP_HEAP) || (!key && key_len)) {
        fm_value_free(val);
        return -1;
    }
    size_t i = fmp_map_find(map, key ? key : "", key_len);
    if (i != (size_t)-1) {
        fm_value_free(map->u.items[2 * i + 1]);
        map->u.items[2 * i + 1] = val;
        return 0;
    }
    return fmp_map_append(map, key ? key : "", key_len, val);
}

int fmp_map_append(fm_value *map, const char *key, size_t key_len, fm_value *val) {
    fm_value *k = val ? fmp_new_string(map->al, key, key_len) : NULL;
    if (!k || reserve_items(map, 2) != 0) {
        fm_value_free(k);
        fm_value_free(val);
        return -1;
    }
    map->u.items[2 * map->count] = k;
    map->u.items[2 * map->count + 1] = val;
    map->count++;
    map->weight += val->weight + 1;
    return 0;
}

void fm_value_free(fm_value *v) {
    if (!v || !(v->flags & FMP_HEAP))
        return;
    if (v->type == FM_SEQUENCE || v->type == FM_MAPPING) {
        size_t n = v->type == FM_MAPPING ? 2 * v->count : v->count;
        for (size_t i = 0; i < n; i++)
            fm_value_free(v->u.items[i]);
        fmp_free(v->al, v->u.items);
    }
    fmp_free(v->al, v);
}

int fmp_map_append_copy(fm_value *map, const fm_value *from, size_t i) {
    const fm_value *k = fmp_map_key(from, i);
    return fmp_map_append(map, k->text ? k->text : "", k->text ? k->text_len : 0,
                          fmp_copy(map->al, fmp_map_val(from, i)));
}

fm_value *fmp_copy(const fm_allocator *al, const fm_value *v) {
    if (!v)
        return NULL;
    fm_value *c;
    if (v->type == FM_SEQUENCE || v->type == FM_MAPPING) {
        c = fmp_new_container(al, (fm_type)v->type);
        for (size_t i = 0; c && i < v->count; i++) {
            int rc;
            if (v->type == FM_SEQUENCE) {
                rc = fm_value_append(c, fmp_copy(al, v->u.items[i]));
            } else {
                rc = fmp_map_append_copy(c, v, i);
            }
            if (rc != 0) {
                fm_value_free(c);
                return NULL;
            }
        }
    } else {
        c = heap_node(al, (fm_type)v->type, v->text ? v->text : "", v->text ? v->text_len : 0);
        if (c)
            c->u = v->u;
    }
    return c;
}

fm_value *fm_value_copy(const fm_value *v) {
    return fmp_copy(STD_ALLOCATOR, v);
}

FMP_HOT static bool scalars_equal(const fm_value *a, const fm_value *b) {
    switch (a->type) {
    case FM_NULL:
        return true;
    case FM_BOOL:
        return a->u.b == b->u.b;
    case FM_INT:
        return a->u.i == b->u.i;
    case FM_FLOAT:
        return a->u.f == b->u.f || (isnan(a->u.f) && isnan(b->u.f));
    case FM_TIMESTAMP:
        return memcmp(&a->u.dt, &b->u.dt, sizeof a->u.dt) == 0;
    default:
        return a->text_len == b->text_len && memcmp(a->text, b->text, a->text_len) == 0;
    }
}

FMP_HOT int fm_value_equal(const fm_value *a, const fm_value *b) {
    FMP_WORK(1);
    if (!a || !b)
        return a == b;
    if (a->type != b->type)
        return 0;
    if (a->type != FM_SEQUENCE && a->type != FM_MAPPING)
        return scalars_equal(a, b);
    if (a->count != b->count)
        return 0;
    if (a->type == FM_SEQUENCE) {
        for (size_t i = 0; i < a->count; i++)
            if (!fm_value_equal(a->u.items[i], b->u.items[i]))
                return 0;
        return 1;
    }
    for (size_t i = 0; i < a->count; i++) {
        size_t al, bl;
        const char *ak = fm_value_key_text(a, i, &al), *bk = fm_value_key_text(b, i, &bl);
        if (al != bl || memcmp(ak, bk, al) != 0 ||
            !fm_value_equal(fmp_map_val(a, i), fmp_map_val(b, i)))
            return 0;
    }
    return 1;
}
