/* SPDX-License-Identifier: MIT */
/* check_complexity.c - every edit costs work linear in the document: the
 * comparisons the library makes (counted by FMP_WORK in this build of its
 * sources) grow about tenfold from 1,000 to 10,000 entries, never a
 * hundredfold, for every edit on block, flow and JSON mappings and lists. */
#include <stdio.h>

#include "private.h" /* built with the library's sources and FMP_COUNT_WORK */
#include "testutil.h"

unsigned long long fmp_work;

#define SMALL 1000
#define LARGE 10000
/* Linear work grows 10x from SMALL to LARGE; quadratic work 100x. */
#define MAX_GROWTH 15

/* ===================================================================== */
/* Documents                                                             */
/* ===================================================================== */

typedef enum shape {
    BLOCK_ROOT,   /* k0: v0 ... at the top */
    BLOCK_NESTED, /* m:\n  k0: v0 ... */
    FLOW_NESTED,  /* m: {k0: v0, ...} */
    JSON_ROOT,    /* {"k0": "v0", ...} */
    BLOCK_LIST,   /* list:\n  - v0 ... */
    FLOW_LIST,    /* list: [v0, ...] */
    JSON_LIST,    /* {"list": ["v0", ...]} */
    SHAPES
} shape;

static const char *const shape_names[] = {"block",    "nested block", "nested flow",
                                          "JSON",     "block list",   "flow list",
                                          "JSON list"};

static bool is_list(shape s) {
    return s >= BLOCK_LIST;
}

/* The path of entry i: "k5", "m.k5" or "list.5". */
static void entry_path(shape s, size_t i, char *buf, size_t cap) {
    if (is_list(s))
        snprintf(buf, cap, "list.%zu", i);
    else
        snprintf(buf, cap, "%sk%zu", s == BLOCK_NESTED || s == FLOW_NESTED ? "m." : "",
                 i);
}

/* Entry i: `k5: v5`, `"k5": "v5"`, `- v5`... with its line break or comma. */
static void put_entry(fmp_buf *b, shape s, size_t i) {
    static const char *const lead[] = {"", "  ", "", "", "  - ", "", ""};
    static const char *const sep[] = {"", "", ", ", ",\n", "", ", ", ", "};
    const char *q = s == JSON_ROOT || s == JSON_LIST ? "\"" : "";
    bool block = s == BLOCK_ROOT || s == BLOCK_NESTED || s == BLOCK_LIST;
    char text[64];
    if (i && !block)
        fmp_buf_puts(b, sep[s]);
    fmp_buf_puts(b, lead[s]);
    if (!is_list(s)) {
        snprintf(text, sizeof text, "%sk%zu%s: ", q, i, q);
        fmp_buf_puts(b, text);
    }
    snprintf(text, sizeof text, "%sv%zu%s%s", q, i, q, block ? "\n" : "");
    fmp_buf_puts(b, text);
}

static fm_doc *make_doc(shape s, size_t n) {
    fmp_buf b;
    fmp_buf_init(&b, fmp_allocator_or_default(NULL));
    static const char *const open[] = {"---\n",       "---\nm:\n",    "---\nm: {",
                                       "{\n",         "---\nlist:\n", "---\nlist: [",
                                       "{\"list\": ["};
    static const char *const close[] = {"---\nbody\n", "---\nbody\n", "}\n---\nbody\n",
                                        "}\nbody\n",   "---\nbody\n", "]\n---\nbody\n",
                                        "]}\nbody\n"};
    fmp_buf_puts(&b, open[s]);
    for (size_t i = 0; i < n; i++)
        put_entry(&b, s, i);
    if (s == JSON_ROOT)
        fmp_buf_puts(&b, "\n");
    fmp_buf_puts(&b, close[s]);
    ck_assert(!b.failed);
    fm_error err;
    fm_doc *doc = fm_doc_parse(b.data, b.len, 0, &err);
    ck_assert_msg(doc != NULL, "%s of %zu: %s", shape_names[s], n, err.message);
    fmp_buf_free(&b);
    return doc;
}

/* ===================================================================== */
/* Edits                                                                 */
/* ===================================================================== */

typedef enum op {
    OP_REMOVE,
    OP_RENAME,
    OP_SET_STRING,
    OP_SET_NEW,
    OP_INSERT_AFTER,
    OP_SET_INT,
    OP_SET_FLOAT,
    OP_SET_BOOL,
    OP_SET_NULL,
    OP_SET_DATETIME,
    OP_SET_STRINGS, /* a list of n strings (the whole list for list shapes) */
    OP_SET_MAPPING, /* a mapping of n keys */
    OP_SET_BODY,
    OPS
} op;

static const char *const op_names[] = {
    "remove",      "rename",      "set string", "set new key", "insert after",
    "set int",     "set float",   "set bool",   "set null",    "set datetime",
    "set strings", "set mapping", "set body"};

/* Operations that name a key, not an item. */
static bool needs_mapping(op o) {
    return o == OP_RENAME || o == OP_SET_NEW || o == OP_INSERT_AFTER ||
           o == OP_SET_MAPPING;
}

/* A caller-built mapping of n keys, made with fmp_map_append (not counted:
 * only the edit is). */
static fm_value *big_mapping(size_t n) {
    fm_value *m = fm_value_new_mapping();
    for (size_t i = 0; m && i < n; i++) {
        char k[32];
        int kl = snprintf(k, sizeof k, "x%zu", i);
        ck_assert_int_eq(fmp_map_append(m, k, (size_t)kl, fm_value_new_int((int64_t)i)),
                         0);
    }
    return m;
}

/* Runs one edit on the document of n entries; checks its exact result and
 * returns the comparisons it made. */
static unsigned long long run_op(shape s, op o, size_t n) {
    fm_doc *doc = make_doc(s, n);
    char path[64], other[64];
    entry_path(s, 5, path, sizeof path);
    entry_path(s, 6, other, sizeof other);
    const char *parent = is_list(s)                              ? "list"
                         : s == BLOCK_NESTED || s == FLOW_NESTED ? "m"
                                                                 : "";
    char fresh[64];
    snprintf(fresh, sizeof fresh, "%s%snew", parent, *parent ? "." : "");
    static const char *const items[] = {"a", "b"};
    const char **many = malloc(n * sizeof *many);
    for (size_t i = 0; i < n; i++)
        many[i] = items[i % 2];
    fm_value *map = o == OP_SET_MAPPING ? big_mapping(n) : NULL;
    fm_datetime dt = {2025, 2, 11, 0, 0, 0, 0, 0, FM_DT_SET};
    const char *list_path = is_list(s) ? "list" : path;
    fm_error err;
    memset(&err, 0, sizeof err);
    fmp_work = 0;
    int rc = -1;
    switch (o) {
    case OP_REMOVE:
        rc = fm_doc_remove(doc, path, &err);
        break;
    case OP_RENAME:
        rc = fm_doc_rename(doc, path, "renamed", &err);
        break;
    case OP_SET_STRING:
        rc = fm_doc_set_string(doc, path, "new text", 8, &err);
        break;
    case OP_SET_NEW:
        rc = fm_doc_set_string(doc, fresh, "added", 5, &err);
        break;
    case OP_INSERT_AFTER: {
        fm_value *v = fm_value_new_string("added", 5, NULL);
        rc = fm_doc_insert_after(doc, fresh, is_list(s) ? "" : strrchr(path, 'k'), v,
                                 &err);
        fm_value_free(v);
        break;
    }
    case OP_SET_INT:
        rc = fm_doc_set_int(doc, path, 42, &err);
        break;
    case OP_SET_FLOAT:
        rc = fm_doc_set_float(doc, path, 2.5, &err);
        break;
    case OP_SET_BOOL:
        rc = fm_doc_set_bool(doc, path, 1, &err);
        break;
    case OP_SET_NULL:
        rc = fm_doc_set_null(doc, path, &err);
        break;
    case OP_SET_DATETIME:
        rc = fm_doc_set_datetime(doc, path, &dt, &err);
        break;
    case OP_SET_STRINGS:
        rc = fm_doc_set_strings(doc, list_path, many, NULL, n, &err);
        break;
    case OP_SET_MAPPING:
        rc = fm_doc_set(doc, fresh, map, &err);
        break;
    case OP_SET_BODY:
        rc = fm_doc_set_body(doc, "new body\n", 9, &err);
        break;
    default:
        break;
    }
    unsigned long long work = fmp_work;
    ck_assert_msg(rc == 0, "%s on %s of %zu: %s: %s", op_names[o], shape_names[s], n,
                  fm_code_name(err.code), err.message);

    /* The exact result. */
    const fm_value *container = fm_doc_get(doc, is_list(s) ? "list"
                                                : *parent  ? parent
                                                           : "");
    if (!*parent)
        container = fm_doc_root(doc);
    size_t len;
    switch (o) {
    case OP_REMOVE:
        ck_assert_uint_eq(fm_value_size(container), n - 1);
        if (is_list(s))
            ck_assert_str_eq(fm_value_string(fm_doc_get(doc, path), NULL), "v6");
        else
            ck_assert_ptr_null(fm_doc_get(doc, path));
        break;
    case OP_RENAME:
        ck_assert_ptr_null(fm_doc_get(doc, path));
        ck_assert_str_eq(fm_value_key_text(container, 5, &len), "renamed");
        ck_assert_str_eq(fm_value_string(fm_value_at(container, 5), NULL), "v5");
        break;
    case OP_SET_STRING:
        ck_assert_str_eq(fm_value_string(fm_doc_get(doc, path), NULL), "new text");
        break;
    case OP_SET_NEW:
    case OP_INSERT_AFTER:
        ck_assert_uint_eq(fm_value_size(container), n + 1);
        ck_assert_str_eq(fm_value_string(fm_doc_get(doc, fresh), NULL), "added");
        ck_assert_str_eq(fm_value_key_text(container, o == OP_SET_NEW ? n : 6, &len),
                         "new");
        break;
    case OP_SET_INT:
        ck_assert_int_eq(fm_value_int(fm_doc_get(doc, path), 0), 42);
        break;
    case OP_SET_FLOAT:
        ck_assert(fm_value_float(fm_doc_get(doc, path), 0) == 2.5);
        break;
    case OP_SET_BOOL:
        ck_assert_int_eq(fm_value_bool(fm_doc_get(doc, path)), 1);
        break;
    case OP_SET_NULL:
        ck_assert_int_eq(fm_value_type(fm_doc_get(doc, path)), FM_NULL);
        break;
    case OP_SET_DATETIME:
        /* JSON front matter writes a date as a string of the same text. */
        ck_assert_str_eq(fm_value_text(fm_doc_get(doc, path), NULL), "2025-02-11");
        break;
    case OP_SET_STRINGS:
        ck_assert_uint_eq(fm_value_size(fm_doc_get(doc, list_path)), n);
        ck_assert_str_eq(
            fm_value_string(fm_value_at(fm_doc_get(doc, list_path), n - 1), NULL),
            items[(n - 1) % 2]);
        break;
    case OP_SET_MAPPING:
        ck_assert_uint_eq(fm_value_size(fm_doc_get(doc, fresh)), n);
        ck_assert(fm_value_equal(fm_doc_get(doc, fresh), map));
        break;
    case OP_SET_BODY:
        ck_assert_str_eq(fm_doc_body(doc, &len), "new body\n");
        break;
    default:
        break;
    }
    if (o != OP_REMOVE && o != OP_RENAME && o != OP_SET_NEW && o != OP_INSERT_AFTER &&
        o != OP_SET_MAPPING && !(o == OP_SET_STRINGS && is_list(s)))
        ck_assert_uint_eq(fm_value_size(container), n);
    fm_value_free(map);
    free(many);
    fm_doc_free(doc);
    return work;
}

START_TEST(edits_are_linear) {
    shape s = (shape)_i;
    for (op o = 0; o < OPS; o++) {
        if (is_list(s) && needs_mapping(o))
            continue;
        unsigned long long small = run_op(s, o, SMALL), large = run_op(s, o, LARGE);
        ck_assert_msg(small > 0, "%s on %s: nothing counted", op_names[o],
                      shape_names[s]);
        ck_assert_msg(large <= MAX_GROWTH * small,
                      "%s on %s: %llu comparisons for %d entries, %llu for %d",
                      op_names[o], shape_names[s], small, SMALL, large, LARGE);
    }
}
END_TEST

/* The counter sees quadratic work: putting n keys one by one into a
 * mapping compares each with all before it. */
START_TEST(counter_sees_quadratic_work) {
    unsigned long long work[2];
    for (int k = 0; k < 2; k++) {
        size_t n = k ? LARGE : SMALL;
        fm_value *m = fm_value_new_mapping();
        fmp_work = 0;
        for (size_t i = 0; i < n; i++) {
            char key[32];
            int kl = snprintf(key, sizeof key, "x%zu", i);
            ck_assert_int_eq(fm_value_put(m, key, (size_t)kl, fm_value_new_null()), 0);
        }
        work[k] = fmp_work;
        fm_value_free(m);
    }
    ck_assert_uint_eq(work[0], (unsigned long long)SMALL * (SMALL - 1) / 2);
    ck_assert_uint_eq(work[1], (unsigned long long)LARGE * (LARGE - 1) / 2);
}
END_TEST

/* Removing a key of the root compares every other key at least once (the
 * check that nothing else changed), and only a few times. */
START_TEST(remove_compares_each_key_a_few_times) {
    unsigned long long work = run_op(BLOCK_ROOT, OP_REMOVE, LARGE);
    ck_assert_msg(work >= LARGE && work <= 6 * LARGE, "%llu comparisons", work);
}
END_TEST

int main(void) {
    Suite *s = suite_create("complexity");
    TCase *tc = tcase_create("edits");
    tcase_set_timeout(tc, 600);
    tcase_add_loop_test(tc, edits_are_linear, 0, SHAPES);
    tcase_add_test(tc, counter_sees_quadratic_work);
    tcase_add_test(tc, remove_compares_each_key_a_few_times);
    suite_add_tcase(s, tc);
    return fm_test_run_suite(s);
}
