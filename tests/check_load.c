/* SPDX-License-Identifier: MIT */
/* check_load.c - the value tree: core-schema typing, spans in whole-file
 * bytes/lines/columns, anchors, duplicates, limits, errors, accessors. */
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "testutil.h"

/* ---------------------------------------------------------------- helpers */

static fm_doc *doc_of(const char *front) {
    char buf[4096];
    snprintf(buf, sizeof buf, "---\n%s---\nbody\n", front);
    return fm_test_parse(buf, 0);
}

/* Loads `key: <plain>` and returns the value's type. */
static fm_type type_of_plain(const char *plain) {
    char front[256];
    snprintf(front, sizeof front, "k: %s\n", plain);
    fm_doc *doc = doc_of(front);
    fm_type t = fm_value_type(fm_doc_get(doc, "k"));
    fm_doc_free(doc);
    return t;
}

static void assert_span(const fm_value *v, size_t offset, size_t length, unsigned line,
                        unsigned column) {
    fm_span sp = fm_value_span(v);
    ck_assert_uint_eq(sp.offset, offset);
    ck_assert_uint_eq(sp.length, length);
    ck_assert_uint_eq(sp.line, line);
    ck_assert_uint_eq(sp.column, column);
}

static void assert_text(const fm_value *v, const char *text) {
    size_t len;
    const char *t = fm_value_text(v, &len);
    ck_assert_ptr_nonnull(t);
    ck_assert_uint_eq(len, strlen(text));
    ck_assert_str_eq(t, text);
}

/* ---------------------------------------------------------------- schema */

START_TEST(plain_scalars_resolve_by_core_schema) {
    static const struct {
        const char *text;
        fm_type type;
    } cases[] = {
        {"no", FM_STRING},     {"yes", FM_STRING},     {"on", FM_STRING},
        {"off", FM_STRING},    {"y", FM_STRING},       {"true", FM_BOOL},
        {"True", FM_BOOL},     {"FALSE", FM_BOOL},     {"tRuE", FM_BOOL},
        {"~", FM_NULL},        {"null", FM_NULL},      {"Null", FM_NULL},
        {"NULL", FM_NULL},     {"nUll", FM_STRING},    {"12", FM_INT},
        {"-12", FM_INT},       {"+12", FM_INT},        {"012", FM_INT},
        {"0o17", FM_INT},      {"0x1F", FM_INT},       {"0x", FM_STRING},
        {"1e3", FM_FLOAT},     {"1.5", FM_FLOAT},      {".5", FM_FLOAT},
        {"1.", FM_FLOAT},      {".inf", FM_FLOAT},     {"-.Inf", FM_FLOAT},
        {".NaN", FM_FLOAT},    {"-.nan", FM_STRING},   {"1e", FM_STRING},
        {"1_000", FM_STRING},  {"2025-02-11", FM_TIMESTAMP},
        {"2025-02-30", FM_STRING}, {"2025-02-11 01:46:07", FM_TIMESTAMP},
        {"99999999999999999999", FM_STRING}, {"hello world", FM_STRING},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(type_of_plain(cases[i].text) == cases[i].type, "%s: got %s, want %s",
                      cases[i].text, fm_type_name(type_of_plain(cases[i].text)),
                      fm_type_name(cases[i].type));
}
END_TEST

/* The ints at the edges of int64_t in each base, and one past them (kept
 * as strings), around 2^56 where the overflow test starts dividing. */
START_TEST(int_limits_in_every_base) {
    fm_doc *doc = doc_of("a: 9223372036854775807\nb: 9223372036854775808\n"
                         "c: -9223372036854775808\nd: -9223372036854775809\n"
                         "e: 0x7FFFFFFFFFFFFFFF\nf: 0x8000000000000000\n"
                         "g: 0o777777777777777777777\nh: 0o1000000000000000000000\n"
                         "i: 72057594037927936\nj: 0x00000000000000000000FF\n"
                         "k: 92233720368547758070\n");
    ck_assert(fm_value_int(fm_doc_get(doc, "a"), 0) == INT64_MAX);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "b")), FM_STRING);
    ck_assert(fm_value_int(fm_doc_get(doc, "c"), 0) == INT64_MIN);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "d")), FM_STRING);
    ck_assert(fm_value_int(fm_doc_get(doc, "e"), 0) == INT64_MAX);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "f")), FM_STRING);
    ck_assert(fm_value_int(fm_doc_get(doc, "g"), 0) == INT64_MAX);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "h")), FM_STRING);
    ck_assert(fm_value_int(fm_doc_get(doc, "i"), 0) == (int64_t)1 << 56);
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "j"), 0), 255);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "k")), FM_STRING);
    assert_text(fm_doc_get(doc, "b"), "9223372036854775808");
    fm_doc_free(doc);
}
END_TEST

START_TEST(scalar_values_are_exact) {
    fm_doc *doc = doc_of("a: 0o17\nb: 0x1F\nc: -9223372036854775808\nd: 1e3\n"
                         "e: -.inf\nf: .nan\ng: true\nh: \"true\"\ni: ''\nj:\n"
                         "k: 9223372036854775807\n");
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "a"), 0), 15);
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "b"), 0), 31);
    ck_assert(fm_value_int(fm_doc_get(doc, "c"), 0) == INT64_MIN);
    ck_assert(fm_value_int(fm_doc_get(doc, "k"), 0) == INT64_MAX);
    ck_assert(fm_value_float(fm_doc_get(doc, "d"), 0) == 1000.0);
    ck_assert(isinf(fm_value_float(fm_doc_get(doc, "e"), 0)));
    ck_assert(fm_value_float(fm_doc_get(doc, "e"), 0) < 0);
    ck_assert(isnan(fm_value_float(fm_doc_get(doc, "f"), 0)));
    ck_assert_int_eq(fm_value_bool(fm_doc_get(doc, "g")), 1);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "h")), FM_STRING);
    ck_assert_int_eq(fm_value_style(fm_doc_get(doc, "h")), FM_STYLE_DOUBLE_QUOTED);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "i")), FM_STRING);
    ck_assert_int_eq(fm_value_style(fm_doc_get(doc, "i")), FM_STYLE_SINGLE_QUOTED);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "j")), FM_NULL);
    assert_text(fm_doc_get(doc, "a"), "0o17");
    fm_doc_free(doc);
}
END_TEST

START_TEST(explicit_tags_are_honoured) {
    fm_doc *doc = doc_of("a: !!str 12\nb: !!int \"12\"\nc: !!float 3\nd: !!bool 'TRUE'\n"
                         "e: !!null ''\nf: !custom value\n"
                         "g: !!python/object/apply:os.system [\"rm -rf /\"]\n"
                         "h: !!timestamp '2025-02-11'\ni: ! 12\n");
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "a")), FM_STRING);
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "b"), 0), 12);
    ck_assert(fm_value_float(fm_doc_get(doc, "c"), 0) == 3.0);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "c")), FM_FLOAT);
    ck_assert_int_eq(fm_value_bool(fm_doc_get(doc, "d")), 1);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "e")), FM_NULL);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "f")), FM_STRING);
    ck_assert_str_eq(fm_value_tag(fm_doc_get(doc, "f")), "!custom");
    const fm_value *g = fm_doc_get(doc, "g");
    ck_assert_int_eq(fm_value_type(g), FM_SEQUENCE);
    ck_assert_str_eq(fm_value_tag(g), "tag:yaml.org,2002:python/object/apply:os.system");
    assert_text(fm_value_at(g, 0), "rm -rf /");
    ck_assert_int_eq(fm_value_datetime(fm_doc_get(doc, "h"))->day, 11);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "i")), FM_STRING);
    ck_assert_ptr_null(fm_value_tag(fm_doc_get(doc, "title")));
    fm_doc_free(doc);
}
END_TEST

START_TEST(a_core_tag_that_does_not_fit_is_an_error) {
    fm_test_parse_fails("---\na: 1\nb: !!int abc\n---\n", 0, FM_ERR_TAG, 3, 4,
                        "\"abc\" is not a valid !!int");
    fm_test_parse_fails("---\nb: !!bool maybe\n---\n", 0, FM_ERR_TAG, 2, 4, "!!bool");
    fm_test_parse_fails("---\nb: !!map x\n---\n", 0, FM_ERR_TAG, 2, 4,
                        "a scalar cannot have the tag !!map");
}
END_TEST

START_TEST(timestamps_keep_text_and_parts) {
    fm_doc *doc = doc_of("date: 2019-08-08 14:10:00 +0800\n");
    const fm_value *v = fm_doc_get(doc, "date");
    ck_assert_int_eq(fm_value_type(v), FM_TIMESTAMP);
    assert_text(v, "2019-08-08 14:10:00 +0800");
    const fm_datetime *dt = fm_value_datetime(v);
    ck_assert_int_eq(dt->year, 2019);
    ck_assert_int_eq(dt->hour, 14);
    ck_assert_int_eq(dt->utc_offset, 480);
    ck_assert_uint_eq(dt->flags, FM_DT_SET | FM_DT_HAS_TIME | FM_DT_HAS_OFFSET);
    fm_doc_free(doc);
}
END_TEST

/* ---------------------------------------------------------------- spans */

static const char multilingual[] = "---\n"
                                   "title: \"日本語\"\n"
                                   "руский: ключ # comment\n"
                                   "tags:\n"
                                   "  - a\n"
                                   "  - 😀b\n"
                                   "next: [1, 2]\n"
                                   "---\n"
                                   "body\n";

START_TEST(spans_count_bytes_and_columns_count_characters) {
    fm_doc *doc = fm_test_parse(multilingual, 0);
    const fm_value *root = fm_doc_root(doc);
    ck_assert_uint_eq(fm_value_size(root), 4);
    assert_span(fm_value_key_at(root, 0), 4, 5, 2, 1);
    assert_span(fm_value_at(root, 0), 11, 11, 2, 8); /* "日本語" with quotes: 11 bytes */
    assert_span(fm_value_key_at(root, 1), 23, 12, 3, 1);
    assert_span(fm_value_at(root, 1), 37, 8, 3, 9); /* after 6 Cyrillic letters + ": " */
    fm_span sp = fm_value_span(fm_value_at(root, 1));
    ck_assert_uint_eq(sp.end_line, 3);
    ck_assert_uint_eq(sp.end_column, 13);
    const fm_value *tags = fm_value_at(root, 2);
    ck_assert_int_eq(fm_value_style(tags), FM_STYLE_BLOCK);
    assert_span(fm_value_at(tags, 0), 66, 1, 5, 5);
    assert_span(fm_value_at(tags, 1), 72, 5, 6, 5);
    assert_text(fm_value_at(tags, 1), "😀b");
    const fm_value *next = fm_value_at(root, 3);
    ck_assert_int_eq(fm_value_style(next), FM_STYLE_FLOW);
    assert_span(next, 84, 6, 7, 7);
    ck_assert(memcmp(multilingual + 84, "[1, 2]", 6) == 0);
    fm_doc_free(doc);
}
END_TEST

START_TEST(spans_are_in_whole_file_terms_after_bom_and_blank_lines) {
    static const char text[] = "\xEF\xBB\xBF\n  \n---\r\nkey: value\r\n---\r\n";
    fm_doc *doc = fm_test_parse(text, 0);
    const fm_value *v = fm_doc_get(doc, "key");
    assert_span(v, 17, 5, 4, 6);
    ck_assert(memcmp(text + 17, "value", 5) == 0);
    assert_span(fm_value_key_at(fm_doc_root(doc), 0), 12, 3, 4, 1);
    fm_doc_free(doc);
}
END_TEST

START_TEST(block_scalars_and_keys_keep_order_and_style) {
    fm_doc *doc = doc_of("z: 1\nlit: |\n  line1\n  line2\nfold: >-\n  x\n  y\na: 2\n");
    const fm_value *root = fm_doc_root(doc);
    static const char *const order[] = {"z", "lit", "fold", "a"};
    for (size_t i = 0; i < 4; i++) {
        size_t len;
        ck_assert_str_eq(fm_value_key_text(root, i, &len), order[i]);
    }
    ck_assert_int_eq(fm_value_style(fm_doc_get(doc, "lit")), FM_STYLE_LITERAL);
    assert_text(fm_doc_get(doc, "lit"), "line1\nline2\n");
    ck_assert_int_eq(fm_value_style(fm_doc_get(doc, "fold")), FM_STYLE_FOLDED);
    assert_text(fm_doc_get(doc, "fold"), "x y");
    fm_doc_free(doc);
}
END_TEST

/* ---------------------------------------------------------------- access */

START_TEST(dotted_paths_reach_nested_values) {
    fm_doc *doc = doc_of("params:\n  author: Ann\n  list: [a, b]\n"
                         "a.b: dotted\nx:\n  a.b: deep\n");
    assert_text(fm_doc_get(doc, "params.author"), "Ann");
    assert_text(fm_doc_get(doc, "params.list.1"), "b");
    assert_text(fm_doc_get(doc, "a.b"), "dotted");
    assert_text(fm_doc_get(doc, "x.a.b"), "deep");
    ck_assert_ptr_null(fm_doc_get(doc, "params.list.2"));
    ck_assert_ptr_null(fm_doc_get(doc, "params.missing"));
    ck_assert_ptr_null(fm_doc_get(doc, "params.author.deeper"));
    ck_assert_ptr_null(fm_doc_get(doc, "missing"));
    ck_assert_ptr_null(fm_doc_get(doc, NULL));
    ck_assert_ptr_null(fm_doc_get(NULL, "a"));
    fm_doc_free(doc);
}
END_TEST

START_TEST(typed_getters_return_failure_values) {
    fm_doc *doc = doc_of("s: text\nn: 3\n");
    const fm_value *s = fm_doc_get(doc, "s"), *n = fm_doc_get(doc, "n");
    ck_assert_int_eq(fm_value_bool(s), -1);
    ck_assert_int_eq(fm_value_int(s, -7), -7);
    ck_assert(fm_value_float(s, 2.5) == 2.5);
    ck_assert(fm_value_float(n, 0) == 3.0);
    ck_assert_ptr_null(fm_value_string(n, NULL));
    ck_assert_ptr_null(fm_value_datetime(s));
    ck_assert_uint_eq(fm_value_size(s), 0);
    ck_assert_ptr_null(fm_value_at(s, 0));
    ck_assert_ptr_null(fm_value_key_at(s, 0));
    ck_assert_ptr_null(fm_value_lookup(s, "x", 1));
    ck_assert_ptr_null(fm_value_text(fm_doc_root(doc), NULL));
    ck_assert_int_eq(fm_value_type(NULL), FM_NULL);
    ck_assert_int_eq(fm_value_bool(NULL), -1);
    fm_doc_free(doc);
}
END_TEST

START_TEST(anchors_and_aliases_share_values_with_own_spans) {
    static const char text[] = "---\nbase: &b [x, y]\ncopy: *b\nn: &n 5\nm: *n\n---\n";
    fm_doc *doc = fm_test_parse(text, 0);
    const fm_value *copy = fm_doc_get(doc, "copy");
    ck_assert_int_eq(fm_value_type(copy), FM_SEQUENCE);
    ck_assert_uint_eq(fm_value_size(copy), 2);
    assert_text(fm_value_at(copy, 1), "y");
    ck_assert_int_eq(fm_value_is_alias(copy), 1);
    ck_assert_int_eq(fm_value_is_alias(fm_doc_get(doc, "base")), 0);
    ck_assert_str_eq(fm_value_anchor(fm_doc_get(doc, "base")), "b");
    assert_span(copy, 26, 2, 3, 7);
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "m"), 0), 5);
    fm_doc_free(doc);
}
END_TEST

START_TEST(an_undefined_or_recursive_alias_is_an_error) {
    fm_test_parse_fails("---\na: *nope\n---\n", 0, FM_ERR_SYNTAX, 2, 4,
                        "alias *nope names no complete anchor");
    fm_test_parse_fails("---\na: &r [1, *r]\n---\n", 0, FM_ERR_SYNTAX, 2, 11,
                        "alias *r");
}
END_TEST

START_TEST(billion_laughs_fails_fast) {
    static const char text[] =
        "---\n"
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
        "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
        "---\n";
    /* Expanded nodes: b 9 * 10, c 9 * 91, d 9 * 820 (8289 in all); e's first
     * *d adds 7381 and passes the default limit of 10000. */
    fm_test_parse_fails(text, 0, FM_ERR_ALIAS_LIMIT, 6, 8, "max_alias_nodes");
}
END_TEST

/* One anchored scalar of 256 KiB repeated by aliases: four copies (1 MiB)
 * are within the default limit for this block (four times its 262,177
 * bytes), the fifth is not, and the load fails before anything is built
 * from the tree. */
START_TEST(aliases_are_limited_by_the_text_they_repeat) {
    size_t big = 256 * 1024;
    size_t cap = big + 256;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    size_t n = (size_t)snprintf(text, cap, "---\nbig: &x ");
    memset(text + n, 'a', big);
    n += big;
    n += (size_t)snprintf(text + n, cap - n, "\nl: [*x, *x, *x, *x]\n---\n");
    fm_error err;
    fm_doc *doc = fm_doc_parse(text, n, 0, &err);
    ck_assert_msg(doc != NULL, "%s", err.message);
    fm_doc_free(doc);
    n -= strlen("]\n---\n");
    n += (size_t)snprintf(text + n, cap - n, ", *x]\n---\n");
    ck_assert_ptr_null(fm_doc_parse(text, n, 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_ALIAS_BYTES);
    ck_assert_str_eq(fm_code_name(err.code), "alias-bytes");
    ck_assert_uint_eq(err.line, 3);
    ck_assert_uint_eq(err.column, 21);
    ck_assert_str_eq(err.message,
                     "aliases expand to more than 1048708 bytes of text (max_alias_bytes)");
    /* A caller's limit replaces the default. */
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.max_alias_bytes = 2 * big;
    ck_assert_ptr_null(fm_doc_parse_config(text, n, &cfg, &err));
    ck_assert_int_eq(err.code, FM_ERR_ALIAS_BYTES);
    ck_assert_uint_eq(err.column, 13);
    free(text);
}
END_TEST

/* ---------------------------------------------------------------- structure */

START_TEST(the_front_matter_must_be_a_mapping) {
    fm_test_parse_fails("---\n- a\n- b\n---\n", 0, FM_ERR_NOT_MAPPING, 2, 1,
                        "front matter must be a mapping of keys to values, not a sequence");
    fm_test_parse_fails("---\n\njust text\n---\n", 0, FM_ERR_NOT_MAPPING, 3, 1,
                        "not a string");
    fm_test_parse_fails("---\n~\n---\n", 0, FM_ERR_NOT_MAPPING, 2, 1, "not a null");
}
END_TEST

START_TEST(empty_front_matter_is_an_empty_mapping) {
    static const char *const texts[] = {"---\n---\nbody", "---\n# only a comment\n\n---\n",
                                        "no front matter\n"};
    for (size_t i = 0; i < 3; i++) {
        fm_doc *doc = fm_test_parse(texts[i], 0);
        ck_assert_int_eq(fm_value_type(fm_doc_root(doc)), FM_MAPPING);
        ck_assert_uint_eq(fm_value_size(fm_doc_root(doc)), 0);
        fm_doc_free(doc);
    }
}
END_TEST

START_TEST(a_second_document_is_an_error) {
    fm_test_parse_fails("---\na: 1\n--- b: 2\n---\n", 0, FM_ERR_MULTIPLE_DOCUMENTS, 3, 1,
                        "second YAML document");
}
END_TEST

START_TEST(duplicate_keys_fail_at_the_second_key) {
    fm_test_parse_fails("---\ntitle: a\ndraft: no\ntitle: b\n---\n", 0, FM_ERR_DUPLICATE_KEY,
                        4, 1, "duplicate key \"title\" (first at line 2, column 1)");
    fm_test_parse_fails("---\np:\n  a: 1\n  \"a\": 2\n---\n", 0, FM_ERR_DUPLICATE_KEY, 4, 3,
                        "duplicate key \"a\"");
}
END_TEST

START_TEST(same_key_in_different_mappings_is_fine) {
    fm_doc *doc = doc_of("a:\n  x: 1\nb:\n  x: 2\nx: 3\n");
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "b.x"), 0), 2);
    fm_doc_free(doc);
}
END_TEST

START_TEST(allow_duplicates_makes_the_last_win_in_first_place) {
    fm_doc *doc =
        fm_test_parse("---\ntitle: a\ndraft: no\ntitle: b\n---\n", FM_OPT_ALLOW_DUPLICATES);
    const fm_value *root = fm_doc_root(doc);
    ck_assert_uint_eq(fm_value_size(root), 2);
    ck_assert_str_eq(fm_value_key_text(root, 0, NULL), "title");
    assert_text(fm_value_at(root, 0), "b");
    assert_span(fm_value_at(root, 0), 30, 1, 4, 8);
    fm_doc_free(doc);
}
END_TEST

START_TEST(twenty_thousand_keys_load_with_a_late_duplicate) {
    size_t cap = 20001 * 16 + 64, n = 0;
    char *text = malloc(cap);
    n += (size_t)sprintf(text + n, "---\n");
    for (int i = 0; i < 20000; i++)
        n += (size_t)sprintf(text + n, "key%d: %d\n", i, i);
    n += (size_t)sprintf(text + n, "---\n");
    fm_error err;
    fm_doc *doc = fm_doc_parse(text, n, 0, &err);
    ck_assert_ptr_nonnull(doc);
    ck_assert_uint_eq(fm_value_size(fm_doc_root(doc)), 20000);
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "key19999"), 0), 19999);
    fm_doc_free(doc);
    n -= 4;
    n += (size_t)sprintf(text + n, "key7: x\n---\n");
    ck_assert_ptr_null(fm_doc_parse(text, n, 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_DUPLICATE_KEY);
    ck_assert_uint_eq(err.line, 20002);
    ck_assert_uint_eq(err.column, 1);
    free(text);
}
END_TEST

/* ---------------------------------------------------------------- errors */

START_TEST(syntax_errors_keep_libyaml_words_at_file_positions) {
    fm_test_parse_fails("---\ntitle: \"open\nnext: 1\n---\n", 0, FM_ERR_SYNTAX, 4, 1,
                        "found unexpected end of stream (while scanning a quoted scalar at "
                        "line 2, column 8)");
    fm_test_parse_fails("\n---\na: [1, 2\n---\n", 0, FM_ERR_SYNTAX, 4, 1,
                        "did not find expected ',' or ']'");
    fm_test_parse_fails("---\na: 1\n\tb: 2\n---\n", 0, FM_ERR_SYNTAX, 3, 1,
                        "found a tab character that violates indentation");
}
END_TEST

START_TEST(invalid_utf8_and_nul_are_encoding_errors) {
    static const char bad[] = "---\ntitle: ok\nx: \xC3\x28 bad\n---\n";
    fm_test_parse_fails(bad, 0, FM_ERR_ENCODING, 3, 4, "UTF-8");
    static const char nul[] = "---\na: b\0c\n---\n";
    fm_error err;
    ck_assert_ptr_null(fm_doc_parse(nul, sizeof nul - 1, 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_ENCODING);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.column, 5);
    ck_assert_str_eq(err.message, "control characters are not allowed");
}
END_TEST

START_TEST(json_front_matter_loads_through_libyaml) {
    fm_doc *doc = fm_test_parse("{\n  \"title\": \"Hi \\u00e9\",\n  \"n\":3,\n  \"tags\": "
                                "[\"a\", \"b\"],\n  \"ok\": true, \"none\": null\n}\nbody\n",
                                0);
    ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_JSON);
    assert_text(fm_doc_get(doc, "title"), "Hi \xC3\xA9");
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "n"), 0), 3);
    assert_text(fm_doc_get(doc, "tags.1"), "b");
    ck_assert_int_eq(fm_value_bool(fm_doc_get(doc, "ok")), 1);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "none")), FM_NULL);
    ck_assert_int_eq(fm_value_style(fm_doc_root(doc)), FM_STYLE_FLOW);
    size_t len;
    ck_assert_str_eq(fm_doc_body(doc, &len), "body\n");
    ck_assert_uint_eq(fm_doc_body_line(doc), 7);
    fm_doc_free(doc);
}
END_TEST

/* ---------------------------------------------------------------- limits */

static fm_doc *parse_with(const char *text, const fm_config *cfg, fm_error *err) {
    return fm_doc_parse_config(text, strlen(text), cfg, err);
}

START_TEST(deep_nesting_fails_cleanly) {
    size_t depth = 100000;
    char *text = malloc(depth + 16);
    memcpy(text, "---\na: ", 7);
    memset(text + 7, '[', depth);
    memcpy(text + 7 + depth, "\n---\n", 6);
    fm_error err;
    ck_assert_ptr_null(fm_doc_parse(text, strlen(text), 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_TOO_DEEP);
    ck_assert_uint_eq(err.line, 2);
    /* The root mapping is depth 1: the 256th '[' (column 4 + 255) is 257. */
    ck_assert_uint_eq(err.column, 4 + 255);
    free(text);

    fm_config cfg;
    fm_config_init(&cfg);
    cfg.max_depth = 2;
    fm_doc *ok = parse_with("---\na: [b]\n---\n", &cfg, &err);
    ck_assert_ptr_nonnull(ok);
    fm_doc_free(ok);
    ck_assert_ptr_null(parse_with("---\na: [[b]]\n---\n", &cfg, &err));
    ck_assert_int_eq(err.code, FM_ERR_TOO_DEEP);
    ck_assert_uint_eq(err.column, 5);
}
END_TEST

START_TEST(each_limit_has_its_code) {
    fm_config cfg;
    fm_error err;
    fm_config_init(&cfg);
    ck_assert_uint_eq(cfg.size, sizeof cfg);
    ck_assert_uint_eq(cfg.max_input_size, 64u * 1024 * 1024);
    ck_assert_uint_eq(cfg.max_depth, 256);
    cfg.max_input_size = 10;
    ck_assert_ptr_null(parse_with("---\na: 1\n---\n", &cfg, &err));
    ck_assert_int_eq(err.code, FM_ERR_TOO_LARGE);

    fm_config_init(&cfg);
    cfg.max_key_length = 3;
    ck_assert_ptr_null(parse_with("---\nabc: 1\nabcd: 2\n---\n", &cfg, &err));
    ck_assert_int_eq(err.code, FM_ERR_KEY_TOO_LONG);
    ck_assert_uint_eq(err.line, 3);

    fm_config_init(&cfg);
    cfg.max_scalar_length = 4;
    ck_assert_ptr_null(parse_with("---\na: 1234\nb: 12345\n---\n", &cfg, &err));
    ck_assert_int_eq(err.code, FM_ERR_SCALAR_TOO_LONG);
    ck_assert_uint_eq(err.line, 3);
    ck_assert_uint_eq(err.column, 4);

    fm_config_init(&cfg);
    cfg.max_keys = 2;
    ck_assert_ptr_null(parse_with("---\na: 1\nb: {c: 2}\n---\n", &cfg, &err));
    ck_assert_int_eq(err.code, FM_ERR_TOO_MANY_KEYS);
    ck_assert_uint_eq(err.line, 3);
    ck_assert_uint_eq(err.column, 5);

    fm_config_init(&cfg);
    cfg.max_alias_nodes = 3;
    ck_assert_ptr_null(parse_with("---\na: &a [1, 2]\nb: *a\nc: *a\n---\n", &cfg, &err));
    ck_assert_int_eq(err.code, FM_ERR_ALIAS_LIMIT);
    ck_assert_uint_eq(err.line, 4);
}
END_TEST

START_TEST(an_old_smaller_config_keeps_defaults_for_new_fields) {
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.options = FM_OPT_ALLOW_DUPLICATES;
    cfg.max_depth = 1;
    cfg.size = offsetof(fm_config, max_input_size) + sizeof cfg.max_input_size;
    fm_error err;
    fm_doc *doc = parse_with("---\na: [[1]]\na: 2\n---\n", &cfg, &err);
    ck_assert_ptr_nonnull(doc); /* max_depth was past the caller's size */
    fm_doc_free(doc);
}
END_TEST

/* A config filled with designated initialisers (no fm_config_init): the
 * fields it sets apply, every field left 0 takes its default. */
START_TEST(a_designated_initialiser_config_works) {
    fm_config c = {.options = FM_OPT_ALLOW_DUPLICATES};
    fm_error err;
    fm_doc *doc = parse_with("---\na: 1\nb: 2\na: 3\n---\n", &c, &err);
    ck_assert_msg(doc != NULL, "%s", err.message);
    ck_assert_uint_eq(fm_value_size(fm_doc_root(doc)), 2);
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "a"), 0), 3);
    fm_doc_free(doc);
    fm_config d = {.max_depth = 2};
    ck_assert_ptr_null(parse_with("---\na: [[1]]\n---\n", &d, &err));
    ck_assert_int_eq(err.code, FM_ERR_TOO_DEEP);
    ck_assert_ptr_null(parse_with("---\na: 1\na: 2\n---\n", &d, &err));
    ck_assert_int_eq(err.code, FM_ERR_DUPLICATE_KEY);
    /* Every field of this header counts, the dialect too. */
    fm_config h = {.dialect = FM_DIALECT_HUGO};
    doc = parse_with("---\ntags: release notes\n---\n", &h, &err);
    ck_assert_ptr_nonnull(doc);
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    ck_assert_ptr_nonnull(a);
    ck_assert_uint_eq(a->tags.count, 1); /* one Hugo term; generic splits it in two */
    fm_article_free(a);
    fm_doc_free(doc);
    /* A config whose options are set after fm_config_init and a limit set to 0
     * by hand: the default limit, not "no limit at all". */
    fm_config e;
    fm_config_init(&e);
    e.max_keys = 0;
    doc = parse_with("---\na: 1\n---\n", &e, &err);
    ck_assert_ptr_nonnull(doc);
    fm_doc_free(doc);
}
END_TEST

/* FM_OPT_UTF8_BODY: the body's first bad byte fails the parse at its place
 * (after any front-matter error); without it the body is not checked. */
START_TEST(utf8_body_option_checks_the_body) {
    static const char text[] = "---\ntitle: ok\n---\nline one\n\xC3\xA9 bad \xFF here\n";
    fm_error err;
    fm_doc *doc = fm_doc_parse(text, sizeof text - 1, 0, &err);
    ck_assert_ptr_nonnull(doc);
    fm_doc_free(doc);
    ck_assert_ptr_null(fm_doc_parse(text, sizeof text - 1, FM_OPT_UTF8_BODY, &err));
    ck_assert_int_eq(err.code, FM_ERR_ENCODING);
    ck_assert_uint_eq(err.line, 5);
    ck_assert_uint_eq(err.column, 7);
    ck_assert_uint_eq(err.offset, (size_t)(strchr(text, '\xFF') - text));
    ck_assert_str_eq(err.message, "invalid UTF-8 byte 0xff in the body");
    static const char plain[] = "no front matter \xC0\x80\n";
    ck_assert_ptr_null(fm_doc_parse(plain, sizeof plain - 1, FM_OPT_UTF8_BODY, &err));
    ck_assert_uint_eq(err.column, 17);
    static const char both[] = "---\na: [\n---\n\xFF\n";
    ck_assert_ptr_null(fm_doc_parse(both, sizeof both - 1, FM_OPT_UTF8_BODY, &err));
    ck_assert_int_eq(err.code, FM_ERR_SYNTAX);
    /* An edit of such a document keeps the body valid. */
    static const char good[] = "---\na: 1\n---\nok\n";
    doc = fm_doc_parse(good, sizeof good - 1, FM_OPT_UTF8_BODY, &err);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(fm_doc_set_body(doc, "bad \xFF\n", 6, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ENCODING);
    ck_assert_str_eq(err.message, "invalid UTF-8 byte 0xff in the body");
    ck_assert_int_eq(fm_doc_set_body(doc, "fine\n", 5, &err), 0);
    fm_doc_free(doc);
}
END_TEST

/* fm_value_parse_scalar: one word, typed by each schema. */
START_TEST(words_are_typed_by_schema) {
    static const struct {
        fm_schema schema;
        const char *word;
        fm_type type;
        int64_t i;
        double f;
    } cases[] = {
        {FM_SCHEMA_YAML, "true", FM_BOOL, 1, 0},
        {FM_SCHEMA_YAML, "yes", FM_STRING, 0, 0},
        {FM_SCHEMA_YAML, "012", FM_INT, 12, 0},
        {FM_SCHEMA_YAML, "0x1F", FM_INT, 31, 0},
        {FM_SCHEMA_YAML, "1e3", FM_FLOAT, 0, 1000},
        {FM_SCHEMA_YAML, "~", FM_NULL, 0, 0},
        {FM_SCHEMA_YAML, "2025-01-01", FM_TIMESTAMP, 0, 0},
        {FM_SCHEMA_YAML, "99999999999999999999", FM_STRING, 0, 0},
        {FM_SCHEMA_YAML11, "yes", FM_BOOL, 1, 0},
        {FM_SCHEMA_YAML11, "Off", FM_BOOL, 0, 0},
        {FM_SCHEMA_YAML11, "yEs", FM_STRING, 0, 0},
        {FM_SCHEMA_YAML11, "y", FM_STRING, 0, 0},
        {FM_SCHEMA_YAML11, "012", FM_INT, 10, 0},
        {FM_SCHEMA_YAML11, "0b101", FM_INT, 5, 0},
        {FM_SCHEMA_YAML11, "-0x_1F", FM_INT, -31, 0},
        {FM_SCHEMA_YAML11, "1_000", FM_INT, 1000, 0},
        {FM_SCHEMA_YAML11, "9_223_372_036_854_775_807", FM_INT, INT64_MAX, 0},
        {FM_SCHEMA_YAML11, "-0x8000_0000_0000_0000", FM_INT, INT64_MIN, 0},
        {FM_SCHEMA_YAML11, "1:20", FM_INT, 80, 0},
        {FM_SCHEMA_YAML11, "190:20:30", FM_INT, 685230, 0},
        {FM_SCHEMA_YAML11, "0o17", FM_STRING, 0, 0},
        {FM_SCHEMA_YAML11, "1e3", FM_STRING, 0, 0},
        {FM_SCHEMA_YAML11, "1.5e+3", FM_FLOAT, 0, 1500},
        {FM_SCHEMA_YAML11, ".5", FM_FLOAT, 0, 0.5},
        {FM_SCHEMA_YAML11, "190:20:30.15", FM_FLOAT, 0, 685230.15},
        {FM_SCHEMA_YAML11, "685_230.15", FM_FLOAT, 0, 685230.15},
        {FM_SCHEMA_YAML11, "=", FM_STRING, 0, 0},
        {FM_SCHEMA_YAML11, "Null", FM_NULL, 0, 0},
        {FM_SCHEMA_YAML11, "", FM_NULL, 0, 0},
        {FM_SCHEMA_YAML11, "~", FM_NULL, 0, 0},
        {FM_SCHEMA_YAML11, "ON", FM_BOOL, 1, 0},
        {FM_SCHEMA_YAML11, "o", FM_STRING, 0, 0},
        {FM_SCHEMA_YAML11, "Yes", FM_BOOL, 1, 0},
        {FM_SCHEMA_YAML11, "hello", FM_STRING, 0, 0},
        {FM_SCHEMA_YAML11, "FALSE", FM_BOOL, 0, 0},
        {FM_SCHEMA_YAML11, "falsey", FM_STRING, 0, 0},
        {FM_SCHEMA_YAML11, "Nothing", FM_STRING, 0, 0},
        {FM_SCHEMA_YAML11, "<<", FM_STRING, 0, 0},
        {FM_SCHEMA_YAML11, "2025-01-01", FM_TIMESTAMP, 0, 0},
        {FM_SCHEMA_YAML11, "_1", FM_STRING, 0, 0},
        {FM_SCHEMA_YAML11, "+.inf", FM_FLOAT, 0, HUGE_VAL},
        {FM_SCHEMA_JSON, "-0.5e2", FM_FLOAT, 0, -50},
        {FM_SCHEMA_JSON, "12", FM_INT, 12, 0},
        {FM_SCHEMA_JSON, "012", FM_STRING, 0, 0},
        {FM_SCHEMA_JSON, "True", FM_STRING, 0, 0},
        {FM_SCHEMA_JSON, "null", FM_NULL, 0, 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        fm_error err;
        const char *w = cases[k].word;
        fm_value *v = fm_value_parse_scalar(cases[k].schema, w, strlen(w), &err);
        ck_assert_msg(v != NULL, "%s: %s", w, err.message);
        ck_assert_msg(fm_scalar_type(cases[k].schema, w, strlen(w)) == cases[k].type,
                      "fm_scalar_type %s (schema %d)", w, (int)cases[k].schema);
        ck_assert_msg(fm_value_type(v) == cases[k].type, "%s (schema %d): %s", w,
                      (int)cases[k].schema, fm_type_name(fm_value_type(v)));
        if (cases[k].type == FM_INT || cases[k].type == FM_BOOL)
            ck_assert_msg(fm_value_int(v, 0) == cases[k].i || fm_value_bool(v) == cases[k].i,
                          "%s", w);
        if (cases[k].type == FM_FLOAT)
            ck_assert_msg(fm_value_float(v, 0) == cases[k].f, "%s: %g", w,
                          fm_value_float(v, 0));
        if (cases[k].type == FM_STRING)
            ck_assert_str_eq(fm_value_string(v, NULL), w);
        fm_value_free(v);
    }
    fm_error err;
    ck_assert_ptr_null(fm_value_parse_scalar(FM_SCHEMA_YAML, "\xFF", 1, &err));
    ck_assert_int_eq(err.code, FM_ERR_ENCODING);
    ck_assert_ptr_null(fm_value_parse_scalar((fm_schema)9, "x", 1, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    /* fm_scalar_type reads len bytes (no NUL needed) and checks no UTF-8. */
    ck_assert_int_eq(fm_scalar_type(FM_SCHEMA_YAML11, "12x", 2), FM_INT);
    ck_assert_int_eq(fm_scalar_type(FM_SCHEMA_YAML11, "1.5e+3x", 6), FM_FLOAT);
    ck_assert_int_eq(fm_scalar_type(FM_SCHEMA_YAML, "2025-01-01T", 10), FM_TIMESTAMP);
    ck_assert_int_eq(fm_scalar_type(FM_SCHEMA_YAML11, "onx", 2), FM_BOOL);
    ck_assert_int_eq(fm_scalar_type(FM_SCHEMA_YAML, "\xFF", 1), FM_STRING);
    ck_assert_int_eq(fm_scalar_type(FM_SCHEMA_YAML11, "1\xFF", 2), FM_STRING);
    ck_assert_int_eq(fm_scalar_type((fm_schema)9, "1", 1), FM_STRING);
    ck_assert_int_eq(fm_scalar_type(FM_SCHEMA_YAML, NULL, 3), FM_STRING);
    ck_assert_int_eq(fm_scalar_type(FM_SCHEMA_YAML, NULL, 0), FM_NULL);
}
END_TEST

/* fm_utf8_scan: the valid prefix, its code points and its widest character
 * past ASCII, by the rule every loader checks text with. */
START_TEST(utf8_scan_measures_the_valid_prefix) {
    static const struct {
        const char *text;
        size_t len, valid, chars;
        uint32_t top;
    } cases[] = {
        {"", 0, 0, 0, 0},
        {"plain ASCII text that is longer than thirty-two bytes", 53, 53, 53, 0},
        {"caf\xC3\xA9", 5, 5, 4, 0xE9},
        {"\xC4\x80 and \xC3\xBF", 9, 9, 7, 0x100},
        {"\xE2\x82\xAC\xF0\x9F\x98\x80!", 8, 8, 3, 0x1F600},
        {"\xF4\x8F\xBF\xBF", 4, 4, 1, 0x10FFFF},
        {"ab\xF4\x90\x80\x80", 6, 2, 2, 0},      /* past U+10FFFF */
        {"\xC3\xA9\xED\xA0\x80", 5, 2, 1, 0xE9}, /* a surrogate */
        {"x\xC0\xAF", 3, 1, 1, 0},                 /* overlong '/' */
        {"x\xE0\x80\xAF", 4, 1, 1, 0},             /* overlong '/' */
        {"\xC3", 1, 0, 0, 0},                       /* cut short */
        {"\xE2\x82", 2, 0, 0, 0},
        {"a\x80" "b", 3, 1, 1, 0},                  /* a lone continuation */
        {"a\0b", 3, 3, 3, 0},                       /* NUL is a character */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t chars = 99;
        uint32_t top = 99;
        ck_assert_uint_eq(fm_utf8_scan(cases[k].text, cases[k].len, &chars, &top),
                          cases[k].valid);
        ck_assert_uint_eq(chars, cases[k].chars);
        ck_assert_uint_eq(top, cases[k].top);
        ck_assert_uint_eq(fm_utf8_scan(cases[k].text, cases[k].len, NULL, NULL),
                          cases[k].valid);
    }
    size_t chars = 99;
    uint32_t top = 99;
    ck_assert_uint_eq(fm_utf8_scan(NULL, 4, &chars, &top), 0);
    ck_assert_uint_eq(chars, 0);
    ck_assert_uint_eq(top, 0);
}
END_TEST

/* fm_format_schema: each document's words are typed by its own format's
 * schema, and a document without front matter by YAML's. */
START_TEST(each_format_has_its_schema) {
    static const struct {
        const char *text;
        fm_format format;
        fm_schema schema;
    } cases[] = {
        {"---\na: 1\n---\n", FM_FORMAT_YAML, FM_SCHEMA_YAML},
        {"{\"a\": 1}\n", FM_FORMAT_JSON, FM_SCHEMA_JSON},
        {"+++\na = 1\n+++\n", FM_FORMAT_TOML, FM_SCHEMA_TOML},
        {"just a body\n", FM_FORMAT_NONE, FM_SCHEMA_YAML},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        fm_error err;
        fm_doc *doc = fm_doc_parse(cases[k].text, strlen(cases[k].text), 0, &err);
        ck_assert_msg(doc != NULL, "%s: %s", cases[k].text, err.message);
        ck_assert_int_eq(fm_doc_format(doc), cases[k].format);
        ck_assert_int_eq(fm_format_schema(fm_doc_format(doc)), cases[k].schema);
        fm_doc_free(doc);
    }
}
END_TEST

/* ---------------------------------------------------------------- documents */

START_TEST(borrow_reads_the_callers_buffer_in_place) {
    static const char text[] = "---\na: 1\n---\nbody\n";
    fm_error err;
    fm_doc *doc = fm_doc_parse(text, sizeof text - 1, FM_OPT_BORROW, &err);
    size_t len;
    ck_assert_ptr_eq(fm_doc_text(doc, &len), text);
    ck_assert_ptr_eq(fm_doc_body(doc, &len), text + 13);
    fm_doc_free(doc);
    doc = fm_doc_parse(text, sizeof text - 1, 0, &err);
    ck_assert_ptr_ne(fm_doc_text(doc, &len), text);
    ck_assert_uint_eq(len, sizeof text - 1);
    ck_assert_uint_eq(fm_doc_body_offset(doc), 13);
    fm_doc_free(doc);
}
END_TEST

START_TEST(input_need_not_be_nul_terminated) {
    static const char text[] = "---\na: 12\n---\nXYZ";
    fm_error err;
    fm_doc *doc = fm_doc_parse(text, sizeof text - 4, 0, &err);
    ck_assert_ptr_nonnull(doc);
    size_t len;
    fm_doc_body(doc, &len);
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "a"), 0), 12);
    fm_doc_free(doc);
}
END_TEST

START_TEST(load_file_reports_io_errors) {
    fm_error err;
    ck_assert_ptr_null(fm_doc_load_file("/nonexistent/x.md", 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_IO);
    ck_assert_str_eq(err.message, "cannot open /nonexistent/x.md: No such file or directory");
    ck_assert_ptr_null(fm_doc_load_file("/", 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_IO);
    ck_assert_str_eq(err.message, "cannot read /: is a directory");
    ck_assert_ptr_null(fm_doc_load_file(NULL, 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);

    char path[] = "/tmp/fm_check_load_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "---\nt: x\n---\nb\n", 15), 15);
    close(fd);
    fm_doc *doc = fm_doc_load_file(path, 0, &err);
    ck_assert_ptr_nonnull(doc);
    ck_assert_str_eq(fm_doc_path(doc), path);
    assert_text(fm_doc_get(doc, "t"), "x");
    fm_doc_free(doc);
    unlink(path);
}
END_TEST

START_TEST(free_functions_accept_null_and_err_may_be_null) {
    fm_doc_free(NULL);
    fm_value_free(NULL);
    fm_article_free(NULL);
    fm_free(NULL);
    ck_assert_ptr_null(fm_doc_parse("---\n", 4, 0, NULL));
    ck_assert_ptr_null(fm_doc_parse(NULL, 3, 0, NULL));
    fm_doc *doc = fm_doc_parse(NULL, 0, 0, NULL);
    ck_assert_ptr_nonnull(doc); /* empty input: no front matter */
    fm_doc_free(doc);
}
END_TEST

START_TEST(new_documents_are_empty) {
    fm_error err;
    fm_doc *doc = fm_doc_new(FM_FORMAT_YAML, &err);
    size_t len;
    ck_assert_str_eq(fm_doc_text(doc, &len), "---\n---\n");
    ck_assert_uint_eq(fm_value_size(fm_doc_root(doc)), 0);
    fm_doc_free(doc);
    doc = fm_doc_new(FM_FORMAT_TOML, &err);
    ck_assert_str_eq(fm_doc_text(doc, &len), "+++\n+++\n");
    ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_TOML);
    ck_assert_uint_eq(fm_value_size(fm_doc_root(doc)), 0);
    fm_doc_free(doc);
    ck_assert_ptr_null(fm_doc_new(FM_FORMAT_NONE, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_str_eq(err.message, "fm_doc_new: format must be YAML, TOML or JSON");
}
END_TEST

/* ---------------------------------------------------------------- values */

START_TEST(caller_built_values_copy_and_compare) {
    fm_value *map = fm_value_new_mapping();
    fm_value *seq = fm_value_new_sequence();
    ck_assert_int_eq(fm_value_append(seq, fm_value_new_string("a", 1, NULL)), 0);
    ck_assert_int_eq(fm_value_append(seq, fm_value_new_int(7)), 0);
    ck_assert_int_eq(fm_value_put(map, "list", 4, seq), 0);
    ck_assert_int_eq(fm_value_put(map, "f", 1, fm_value_new_float(0.1)), 0);
    ck_assert_int_eq(fm_value_put(map, "f", 1, fm_value_new_float(2.5)), 0); /* replaces */
    ck_assert_uint_eq(fm_value_size(map), 2);
    ck_assert(fm_value_float(fm_value_lookup(map, "f", 1), 0) == 2.5);
    assert_text(fm_value_lookup(map, "f", 1), "2.5");
    fm_value *copy = fm_value_copy(map);
    ck_assert_int_eq(fm_value_equal(map, copy), 1);
    ck_assert_int_eq(fm_value_append(seq, fm_value_new_null()), 0);
    ck_assert_int_eq(fm_value_equal(map, copy), 0);
    fm_value_free(copy);
    fm_value_free(map);

    fm_error err;
    ck_assert_ptr_null(fm_value_new_string("a\xFF", 2, &err));
    ck_assert_int_eq(err.code, FM_ERR_ENCODING);
    ck_assert_str_eq(err.message, "the string is not valid UTF-8 (byte 1)");
    ck_assert_ptr_null(fm_value_new_string(NULL, 1, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    fm_value *f = fm_value_new_float(3.0);
    assert_text(f, "3.0");
    fm_value_free(f);
    fm_datetime bad = {2025, 2, 30, 0, 0, 0, 0, 0, FM_DT_SET};
    ck_assert_ptr_null(fm_value_new_datetime(&bad, &err));
    ck_assert_int_eq(err.code, FM_ERR_DATE);
    ck_assert_ptr_null(fm_value_new_datetime(NULL, &err));
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    /* a value that belongs to a document cannot be added or freed */
    fm_doc *doc = doc_of("a: [1]\n");
    fm_value *s = fm_value_new_sequence();
    ck_assert_int_eq(fm_value_append(s, (fm_value *)fm_doc_get(doc, "a")), -1);
    fm_value_free((fm_value *)fm_doc_get(doc, "a"));
    ck_assert_uint_eq(fm_value_size(fm_doc_get(doc, "a")), 1);
    fm_value_free(s);
    fm_doc_free(doc);
}
END_TEST

START_TEST(document_values_equal_caller_built_ones) {
    fm_doc *doc = doc_of("v: {a: [1, x], b: 2025-02-11}\n");
    fm_value *expect = fm_value_new_mapping();
    fm_value *list = fm_value_new_sequence();
    fm_value_append(list, fm_value_new_int(1));
    fm_value_append(list, fm_value_new_string("x", 1, NULL));
    fm_value_put(expect, "a", 1, list);
    fm_datetime dt = {2025, 2, 11, 0, 0, 0, 0, 0, FM_DT_SET};
    fm_value_put(expect, "b", 1, fm_value_new_datetime(&dt, NULL));
    ck_assert_int_eq(fm_value_equal(fm_doc_get(doc, "v"), expect), 1);
    fm_value_free(expect);
    fm_doc_free(doc);
}
END_TEST

START_TEST(versions_agree) {
    ck_assert_str_eq(fm_version(), FMATTER_VERSION_STRING);
    ck_assert_uint_eq(fm_version_number(), FMATTER_VERSION_NUMBER);
    ck_assert_uint_eq(FMATTER_VERSION_NUMBER, ((unsigned long)FMATTER_VERSION_MAJOR << 16) |
                                                  ((unsigned long)FMATTER_VERSION_MINOR << 8) |
                                                  (unsigned long)FMATTER_VERSION_PATCH);
    ck_assert_uint_ne(FMATTER_VERSION_NUMBER, 0);
    char expect[32];
    snprintf(expect, sizeof expect, "%d.%d.%d", FMATTER_VERSION_MAJOR, FMATTER_VERSION_MINOR,
             FMATTER_VERSION_PATCH);
    ck_assert_str_eq(fm_version(), expect);
    ck_assert_str_eq(fm_code_name(FM_ERR_DUPLICATE_KEY), "duplicate-key");
    ck_assert_str_eq(fm_code_name((fm_code)999), "unknown");
}
END_TEST

static Suite *load_suite(void) {
    Suite *s = suite_create("load");
    TCase *t = tcase_create("schema");
    tcase_add_test(t, plain_scalars_resolve_by_core_schema);
    tcase_add_test(t, scalar_values_are_exact);
    tcase_add_test(t, int_limits_in_every_base);
    tcase_add_test(t, explicit_tags_are_honoured);
    tcase_add_test(t, a_core_tag_that_does_not_fit_is_an_error);
    tcase_add_test(t, timestamps_keep_text_and_parts);
    suite_add_tcase(s, t);
    t = tcase_create("spans");
    tcase_add_test(t, spans_count_bytes_and_columns_count_characters);
    tcase_add_test(t, spans_are_in_whole_file_terms_after_bom_and_blank_lines);
    tcase_add_test(t, block_scalars_and_keys_keep_order_and_style);
    suite_add_tcase(s, t);
    t = tcase_create("access");
    tcase_add_test(t, dotted_paths_reach_nested_values);
    tcase_add_test(t, typed_getters_return_failure_values);
    tcase_add_test(t, anchors_and_aliases_share_values_with_own_spans);
    tcase_add_test(t, an_undefined_or_recursive_alias_is_an_error);
    tcase_add_test(t, aliases_are_limited_by_the_text_they_repeat);
    tcase_add_test(t, billion_laughs_fails_fast);
    suite_add_tcase(s, t);
    t = tcase_create("structure");
    tcase_add_test(t, the_front_matter_must_be_a_mapping);
    tcase_add_test(t, empty_front_matter_is_an_empty_mapping);
    tcase_add_test(t, a_second_document_is_an_error);
    tcase_add_test(t, duplicate_keys_fail_at_the_second_key);
    tcase_add_test(t, same_key_in_different_mappings_is_fine);
    tcase_add_test(t, allow_duplicates_makes_the_last_win_in_first_place);
    tcase_add_test(t, twenty_thousand_keys_load_with_a_late_duplicate);
    suite_add_tcase(s, t);
    t = tcase_create("errors");
    tcase_add_test(t, syntax_errors_keep_libyaml_words_at_file_positions);
    tcase_add_test(t, invalid_utf8_and_nul_are_encoding_errors);
    tcase_add_test(t, json_front_matter_loads_through_libyaml);
    suite_add_tcase(s, t);
    t = tcase_create("limits");
    tcase_add_test(t, deep_nesting_fails_cleanly);
    tcase_add_test(t, each_limit_has_its_code);
    tcase_add_test(t, an_old_smaller_config_keeps_defaults_for_new_fields);
    tcase_add_test(t, a_designated_initialiser_config_works);
    tcase_add_test(t, utf8_body_option_checks_the_body);
    tcase_add_test(t, words_are_typed_by_schema);
    tcase_add_test(t, each_format_has_its_schema);
    tcase_add_test(t, utf8_scan_measures_the_valid_prefix);
    suite_add_tcase(s, t);
    t = tcase_create("documents");
    tcase_add_test(t, borrow_reads_the_callers_buffer_in_place);
    tcase_add_test(t, input_need_not_be_nul_terminated);
    tcase_add_test(t, load_file_reports_io_errors);
    tcase_add_test(t, free_functions_accept_null_and_err_may_be_null);
    tcase_add_test(t, new_documents_are_empty);
    tcase_add_test(t, caller_built_values_copy_and_compare);
    tcase_add_test(t, document_values_equal_caller_built_ones);
    tcase_add_test(t, versions_agree);
    suite_add_tcase(s, t);
    return s;
}

int main(void) {
    return fm_test_run_suite(load_suite());
}
