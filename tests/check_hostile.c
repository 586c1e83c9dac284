/* SPDX-License-Identifier: MIT */
/* check_hostile.c - bad and hostile input: each gets a clear error at an
 * exact place, within bounded time and memory, and nothing is executed. */
#include <stdio.h>
#include <unistd.h>

#include "testutil.h"

/* ---------------------------------------------------------------- encoding */

START_TEST(invalid_utf8_in_the_front_matter) {
    fm_test_parse_fails("---\ntitle: caf\xE9\n---\n", 0, FM_ERR_ENCODING, 2, 11,
                        "UTF-8");
}
END_TEST

START_TEST(nul_bytes) {
    static const char front[] = "---\ntitle: a\0b\n---\n";
    fm_error err;
    ck_assert_ptr_null(fm_doc_parse(front, sizeof front - 1, 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_ENCODING);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.column, 9);
    /* In the body a NUL is just a byte of the body. */
    static const char body[] = "---\ntitle: a\n---\nx\0y\n";
    fm_doc *doc = fm_doc_parse(body, sizeof body - 1, 0, &err);
    ck_assert_ptr_nonnull(doc);
    size_t len;
    fm_doc_body(doc, &len);
    ck_assert_uint_eq(len, 4);
    fm_doc_free(doc);
}
END_TEST

START_TEST(utf16_input) {
    static const char le[] = "\xFF\xFE-\0-\0-\0\n\0";
    fm_error err;
    ck_assert_ptr_null(fm_doc_parse(le, sizeof le - 1, 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_ENCODING);
    ck_assert_str_eq(err.message, "UTF-16 input is not supported; convert the file to UTF-8");
    static const char no_bom[] = "-\0-\0-\0\n\0";
    ck_assert_ptr_null(fm_doc_parse(no_bom, sizeof no_bom - 1, 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_ENCODING);
    ck_assert_uint_eq(err.line, 1);
    ck_assert_uint_eq(err.column, 1);
}
END_TEST

START_TEST(binary_garbage) {
    static const char garbage[] = "---\n\x80\xFF\xFEjunk\x01\n---\n";
    fm_test_parse_fails(garbage, 0, FM_ERR_ENCODING, 2, 1, "UTF-8");
    /* Garbage with no fence is a body: no front matter, nothing parsed. */
    static const char body[] = "\x89PNG\r\n\x1A\n\xFF\xD8";
    fm_error err;
    fm_doc *doc = fm_doc_parse(body, sizeof body - 1, 0, &err);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_NONE);
    fm_doc_free(doc);
}
END_TEST

/* ---------------------------------------------------------------- syntax */

START_TEST(unterminated_quotes_and_flow_collections) {
    fm_test_parse_fails("---\na: 'open\n---\n", 0, FM_ERR_SYNTAX, 3, 1,
                        "found unexpected end of stream (while scanning a quoted scalar at "
                        "line 2, column 4)");
    fm_test_parse_fails("---\na: \"open\n---\n", 0, FM_ERR_SYNTAX, 3, 1,
                        "while scanning a quoted scalar at line 2, column 4");
    fm_test_parse_fails("---\na: [1, 2\nb: 3\n---\n", 0, FM_ERR_SYNTAX, 3, 2,
                        "did not find expected ',' or ']' (while parsing a flow sequence "
                        "at line 2, column 4)");
    fm_test_parse_fails("---\na: {x: 1\n---\n", 0, FM_ERR_SYNTAX, 3, 1,
                        "while parsing a flow mapping at line 2, column 4");
}
END_TEST

START_TEST(tabs_used_as_indentation) {
    fm_test_parse_fails("---\na: 1\n\tb: 2\n---\n", 0, FM_ERR_SYNTAX, 3, 1,
                        "found a tab character that violates indentation");
}
END_TEST

START_TEST(a_file_truncated_mid_write) {
    fm_test_parse_fails("---\ntitle: x\ntags:\n  - a", 0, FM_ERR_UNTERMINATED, 1, 1,
                        "never closed");
    fm_test_parse_fails("---\ntitle: \"half", 0, FM_ERR_UNTERMINATED, 1, 1, NULL);
    static const char cut[] = "---\ntitle: \xE6\x97\xA5\xE6\n---\n"; /* 日 + half a char */
    fm_test_parse_fails(cut, 0, FM_ERR_ENCODING, 2, 9, "UTF-8");
    fm_error err;
    fm_doc *doc = fm_doc_parse("---\ntitle: x\ntags:\n  - a", 24, FM_OPT_LENIENT, &err);
    ck_assert_ptr_nonnull(doc); /* lenient: no front matter */
    ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_NONE);
    fm_doc_free(doc);
}
END_TEST

/* ---------------------------------------------------------------- semantics */

START_TEST(merge_keys_are_plain_keys) {
    /* YAML 1.2's core schema has no merge keys: `<<` is an ordinary key. */
    fm_doc *doc = fm_test_parse("---\nbase: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n---\n", 0);
    const fm_value *child = fm_doc_get(doc, "child");
    ck_assert_uint_eq(fm_value_size(child), 2);
    ck_assert_str_eq(fm_value_key_text(child, 0, NULL), "<<");
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "child.<<.x"), 0), 1);
    ck_assert_ptr_null(fm_doc_get(doc, "child.x"));
    fm_doc_free(doc);
}
END_TEST

START_TEST(unknown_tags_are_kept_never_executed) {
    static const char text[] =
        "---\nrun: !!python/object/apply:os.system [\"touch /tmp/fm_pwned_check\"]\n"
        "js: !<tag:yaml.org,2002:js/function> 'function(){}'\n---\n";
    unlink("/tmp/fm_pwned_check");
    fm_doc *doc = fm_test_parse(text, 0);
    ck_assert_str_eq(fm_value_tag(fm_doc_get(doc, "run")),
                     "tag:yaml.org,2002:python/object/apply:os.system");
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "js")), FM_STRING);
    ck_assert_str_eq(fm_value_text(fm_doc_get(doc, "js"), NULL), "function(){}");
    fm_article *a = fm_article_from_doc(doc, 0, NULL);
    ck_assert_uint_eq(a->extra_count, 2);
    fm_article_free(a);
    fm_doc_free(doc);
    ck_assert_int_ne(access("/tmp/fm_pwned_check", F_OK), 0);
    /* gray-matter's executable front matter is not a fence here. */
    fm_doc *js = fm_test_parse("---js\n{ title: require('fs') }\n---\nbody\n", 0);
    ck_assert_int_eq(fm_doc_format(js), FM_FORMAT_NONE);
    fm_doc_free(js);
}
END_TEST

START_TEST(duplicate_keys) {
    fm_test_parse_fails("---\na: 1\nb: 2\na: 3\n---\n", 0, FM_ERR_DUPLICATE_KEY, 4, 1,
                        "duplicate key \"a\" (first at line 2, column 1)");
}
END_TEST

/* ---------------------------------------------------------------- size */

/* A 2 MB title and a 1 MB summary (a 3 MB file) in the style `style`:
 * YAML plain, double- and single-quoted, literal, folded; JSON; TOML. */
static char *big_title_file(int style, size_t title, size_t summary, size_t *len) {
    static const char *const open[] = {
        "---\ntitle: ",       "---\ntitle: \"", "---\ntitle: '", "---\ntitle: |-\n  ",
        "---\ntitle: >-\n  ", "{\"title\": \"",  "+++\ntitle = \""};
    static const char *const mid[] = {
        "\nsummary: ", "\"\nsummary: ",        "'\nsummary: ",       "\nsummary: ",
        "\nsummary: ", "\", \"summary\": \"", "\"\nsummary = \""};
    static const char *const close[] = {"\n---\nbody\n", "\n---\nbody\n", "\n---\nbody\n",
                                        "\n---\nbody\n", "\n---\nbody\n", "\"}\nbody\n",
                                        "\"\n+++\nbody\n"};
    size_t cap = title + summary + 64, n = 0;
    char *t = malloc(cap);
    n += (size_t)snprintf(t + n, cap - n, "%s", open[style]);
    memset(t + n, 't', title);
    n += title;
    n += (size_t)snprintf(t + n, cap - n, "%s", mid[style]);
    memset(t + n, 's', summary);
    n += summary;
    n += (size_t)snprintf(t + n, cap - n, "%s", close[style]);
    *len = n;
    return t;
}

static int all_bytes(const char *s, size_t len, char c) {
    for (size_t i = 0; i < len; i++)
        if (s[i] != c)
            return 0;
    return 1;
}

/* The default limits stop attacks only: a 2 MB title in a 3 MB file loads,
 * in every YAML scalar style (through the fast path and through libyaml),
 * in JSON and in TOML. */
START_TEST(a_two_megabyte_title_loads_by_default) {
    size_t title = 2 * 1024 * 1024, summary = 1024 * 1024, len;
    for (int style = 0; style < 7; style++) {
        char *text = big_title_file(style, title, summary, &len);
        for (int path = 0; path < 2; path++) {
            fm_error err;
            fm_doc *doc = fm_doc_parse(text, len, path ? FM_OPT_NO_FAST_PATH : 0, &err);
            ck_assert_msg(doc != NULL, "style %d, path %d: %s", style, path, err.message);
            size_t got;
            const char *s = fm_value_string(fm_doc_get(doc, "title"), &got);
            ck_assert_uint_eq(got, title);
            ck_assert(all_bytes(s, got, 't'));
            s = fm_value_string(fm_doc_get(doc, "summary"), &got);
            ck_assert_uint_eq(got, summary);
            ck_assert(all_bytes(s, got, 's'));
            ck_assert_str_eq(fm_doc_body(doc, &got), "body\n");
            fm_doc_free(doc);
        }
        free(text);
    }
}
END_TEST

/* A caller's smaller limit still refuses it, with its code and place. */
START_TEST(a_scalar_over_the_callers_limit) {
    size_t len;
    char *text = big_title_file(0, 2 * 1024 * 1024, 16, &len);
    fm_config cfg;
    fm_config_init(&cfg);
    ck_assert_uint_eq(cfg.max_scalar_length, FM_DEFAULT_MAX_INPUT_SIZE);
    ck_assert_uint_eq(cfg.max_key_length, FM_DEFAULT_MAX_INPUT_SIZE);
    cfg.max_scalar_length = 1024 * 1024;
    for (int path = 0; path < 2; path++) {
        fm_error err;
        cfg.options = path ? FM_OPT_NO_FAST_PATH : 0;
        ck_assert_ptr_null(fm_doc_parse_config(text, len, &cfg, &err));
        ck_assert_int_eq(err.code, FM_ERR_SCALAR_TOO_LONG);
        ck_assert_uint_eq(err.line, 2);
        ck_assert_uint_eq(err.column, 8);
        ck_assert_str_eq(err.message,
                         "scalar of 2097152 bytes is longer than the limit of "
                         "1048576 (max_scalar_length)");
    }
    free(text);
}
END_TEST

/* A 2 MB key loads by default too: in YAML an explicit `?` key (libyaml
 * wants an implicit key's colon within 1024 characters, which is YAML
 * syntax), in JSON any key. */
START_TEST(a_two_megabyte_key_loads_by_default) {
    size_t n = 2 * 1024 * 1024;
    static const char *const open[] = {"---\n? ", "{\""};
    static const char *const close[] = {"\n: v\n---\n", "\": \"v\"}\n"};
    for (int json = 0; json < 2; json++) {
        char *text = malloc(n + 64);
        size_t o = strlen(open[json]);
        memcpy(text, open[json], o);
        memset(text + o, 'k', n);
        memcpy(text + o + n, close[json], strlen(close[json]) + 1);
        fm_error err;
        fm_doc *doc = fm_doc_parse(text, strlen(text), 0, &err);
        ck_assert_msg(doc != NULL, "%s", err.message);
        ck_assert_int_eq(fm_doc_format(doc), json ? FM_FORMAT_JSON : FM_FORMAT_YAML);
        size_t len;
        const char *k = fm_value_key_text(fm_doc_root(doc), 0, &len);
        ck_assert_uint_eq(len, n);
        ck_assert(all_bytes(k, len, 'k'));
        ck_assert_str_eq(fm_value_string(fm_value_at(fm_doc_root(doc), 0), NULL), "v");
        fm_doc_free(doc);
        free(text);
    }
}
END_TEST

START_TEST(too_many_keys) {
    size_t cap = 120000 * 16, n = 0;
    char *text = malloc(cap);
    n += (size_t)sprintf(text, "---\n");
    for (int i = 0; i < 100001; i++)
        n += (size_t)sprintf(text + n, "k%d: %d\n", i, i);
    n += (size_t)sprintf(text + n, "---\n");
    fm_error err;
    ck_assert_ptr_null(fm_doc_parse(text, n, 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_TOO_MANY_KEYS);
    ck_assert_uint_eq(err.line, 100002);
    ck_assert_uint_eq(err.column, 1);
    free(text);
}
END_TEST

/* Counts the bytes the library allocates through its hook. */
typedef struct meter {
    size_t now, peak;
} meter;

static void *m_malloc(size_t n, void *ud) {
    meter *m = ud;
    size_t *p = malloc(n + sizeof(size_t));
    if (!p)
        return NULL;
    *p = n;
    m->now += n;
    if (m->now > m->peak)
        m->peak = m->now;
    return p + 1;
}

static void m_free(void *ptr, void *ud) {
    meter *m = ud;
    if (!ptr)
        return;
    size_t *p = (size_t *)ptr - 1;
    m->now -= *p;
    free(p);
}

START_TEST(nine_level_billion_laughs_stays_small) {
    char text[2048];
    size_t n = (size_t)sprintf(text, "---\na: &a [\"lol\"");
    for (int i = 1; i < 9; i++)
        n += (size_t)sprintf(text + n, ",\"lol\"");
    n += (size_t)sprintf(text + n, "]\n");
    for (char c = 'b'; c <= 'i'; c++) {
        n += (size_t)sprintf(text + n, "%c: &%c [*%c", c, c, c - 1);
        for (int i = 1; i < 9; i++)
            n += (size_t)sprintf(text + n, ",*%c", c - 1);
        n += (size_t)sprintf(text + n, "]\n");
    }
    n += (size_t)sprintf(text + n, "---\n");
    meter m = {0, 0};
    fm_allocator al = {m_malloc, NULL, m_free, &m};
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.allocator = &al;
    fm_error err;
    ck_assert_ptr_null(fm_doc_parse_config(text, n, &cfg, &err));
    ck_assert_int_eq(err.code, FM_ERR_ALIAS_LIMIT);
    ck_assert_uint_eq(err.line, 6);
    ck_assert_uint_lt(m.peak, 10u * 1024 * 1024);
    ck_assert_uint_eq(m.now, 0);
}
END_TEST

/* ---------------------------------------------------------------- files */

START_TEST(a_directory_or_an_unreadable_file) {
    fm_error err;
    ck_assert_ptr_null(fm_doc_load_file("/tmp", 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_IO);
    ck_assert_str_eq(err.message, "cannot read /tmp: is a directory");
    /* /proc/self/mem opens but cannot be read from offset 0. */
    ck_assert_ptr_null(fm_doc_load_file("/proc/self/mem", 0, &err));
    ck_assert_int_eq(err.code, FM_ERR_IO);
    ck_assert_str_eq(err.message, "cannot read /proc/self/mem: Input/output error");
}
END_TEST

static Suite *hostile_suite(void) {
    Suite *s = suite_create("hostile");
    TCase *t = tcase_create("encoding");
    tcase_add_test(t, invalid_utf8_in_the_front_matter);
    tcase_add_test(t, nul_bytes);
    tcase_add_test(t, utf16_input);
    tcase_add_test(t, binary_garbage);
    suite_add_tcase(s, t);
    t = tcase_create("syntax");
    tcase_add_test(t, unterminated_quotes_and_flow_collections);
    tcase_add_test(t, tabs_used_as_indentation);
    tcase_add_test(t, a_file_truncated_mid_write);
    suite_add_tcase(s, t);
    t = tcase_create("semantics");
    tcase_add_test(t, merge_keys_are_plain_keys);
    tcase_add_test(t, unknown_tags_are_kept_never_executed);
    tcase_add_test(t, duplicate_keys);
    suite_add_tcase(s, t);
    t = tcase_create("size");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, a_two_megabyte_title_loads_by_default);
    tcase_add_test(t, a_scalar_over_the_callers_limit);
    tcase_add_test(t, a_two_megabyte_key_loads_by_default);
    tcase_add_test(t, too_many_keys);
    tcase_add_test(t, nine_level_billion_laughs_stays_small);
    suite_add_tcase(s, t);
    t = tcase_create("files");
    tcase_add_test(t, a_directory_or_an_unreadable_file);
    suite_add_tcase(s, t);
    return s;
}

int main(void) {
    return fm_test_run_suite(hostile_suite());
}
