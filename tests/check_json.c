/* SPDX-License-Identifier: MIT */
/* check_json.c - JSON front matter: the strict loader builds libyaml's tree
 * for every valid object, rejects everything RFC 8259 does not allow with
 * an exact position, and template lines stay in the body. */
#include <stdio.h>

#include "private.h" /* linked with the library's objects: fmp_load_yaml */
#include "testutil.h"
#include "treecmp.h"

/* ---------------------------------------------------------------- helpers */

/* Loads s with the JSON loader and again through libyaml; the trees must be
 * the same node for node. */
static void assert_as_libyaml(const char *s) {
    fm_config cfg;
    fm_config_init(&cfg);
    fm_error err;
    fmp_snap *json = fmp_snap_parse(s, strlen(s), FMP_TEXT_COPY, &cfg, &err);
    ck_assert_msg(json != NULL, "%s: %s", s, err.message);
    ck_assert_int_eq(json->parts.format, FM_FORMAT_JSON);
    fmp_snap *yaml = fmp_snap_parse(s, strlen(s), FMP_TEXT_COPY, &cfg, &err);
    ck_assert_ptr_nonnull(yaml);
    yaml->root = NULL;
    ck_assert_msg(fmp_load_yaml(yaml, &cfg, &err) == 0, "%s: libyaml: %s", s, err.message);
    char why[512];
    ck_assert_msg(fm_treecmp_node(json->root, yaml->root, why, sizeof why, "", 0) == 0,
                  "%s: %s", s, why);
    fmp_snap_release(json);
    fmp_snap_release(yaml);
}

static void assert_error(const char *s, fm_code code, unsigned line, unsigned column,
                         const char *message) {
    fm_error err;
    fm_doc *doc = fm_doc_parse(s, strlen(s), 0, &err);
    ck_assert_msg(doc == NULL, "loaded: %s", s);
    ck_assert_msg(err.code == code, "%s: code %s, want %s (%s)", s, fm_code_name(err.code),
                  fm_code_name(code), err.message);
    ck_assert_msg(err.line == line && err.column == column, "%s: at %u:%u, want %u:%u (%s)",
                  s, err.line, err.column, line, column, err.message);
    ck_assert_str_eq(err.message, message);
}

/* ------------------------------------------------------ the same tree */

START_TEST(valid_objects_as_libyaml) {
    static const char *const cases[] = {
        "{}\n",
        "{\"title\": \"Hello\"}\nBody\n",
        "{\n  \"title\": \"JSON {braces} inside\",\n  \"draft\": true,\n"
        "  \"tags\": [\"a\", \"b\"]\n}\nBody\n",
        "{\"a\":1,\"b\":-2.5e3,\"c\":0,\"d\":-0,\"e\":1E+2,\"f\":12345678901234567890}\n",
        "{\"t\": true, \"f\": false, \"n\": null, \"e\": \"\", \"z\": [], \"o\": {}}\n",
        "{\"esc\": \"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\u0000\"}\n",
        "{\"nested\": {\"list\": [1, [2, [3, {\"deep\": \"x\"}]]], \"k\": \"v\"}}\n",
        "{ \"spaced\" : [ 1 , 2 ] , \"crlf\" : \"x\" }\r\nBody\r\n",
        "\xEF\xBB\xBF{\"bom\": \"日本語 кириллица 😀\", \"ключ\": \"値\"}\n",
        "\n\n{\"after\": \"blank lines\"}\n",
        "{\"date\": \"2025-01-01\", \"yes\": \"yes\", \"1e3\": \"1e3\"}\n",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_as_libyaml(cases[i]);
}
END_TEST

START_TEST(corpus_json_as_libyaml) {
    const char *dir = getenv("FM_CORPUS_DIR");
    if (!dir || !*dir)
        return; /* corpus.sh reports the corpus as absent */
    char path[4096];
    snprintf(path, sizeof path, "%s/python-frontmatter/tests/json/hello-json.md", dir);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return;
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    assert_as_libyaml(buf);
}
END_TEST

/* JSON writes characters past U+FFFF as surrogate pairs (YAML does not). */
START_TEST(surrogate_pairs_decode) {
    const char *s = "{\"e\": \"\\uD83D\\uDE00!\"}\n";
    fm_error err;
    fm_doc *doc = fm_doc_parse(s, strlen(s), 0, &err);
    ck_assert_msg(doc != NULL, "%s", err.message);
    ck_assert_str_eq(fm_value_string(fm_doc_get(doc, "e"), NULL), "\xF0\x9F\x98\x80!");
    fm_doc_free(doc);
}
END_TEST

START_TEST(duplicates_merged_as_libyaml) {
    const char *s = "{\"a\": 1, \"b\": 2, \"a\": 3}\n";
    fm_error err;
    fm_doc *doc = fm_doc_parse(s, strlen(s), FM_OPT_ALLOW_DUPLICATES, &err);
    ck_assert_ptr_nonnull(doc);
    const fm_value *root = fm_doc_root(doc);
    ck_assert_uint_eq(fm_value_size(root), 2);
    ck_assert_str_eq(fm_value_key_text(root, 0, NULL), "a");
    ck_assert_int_eq(fm_value_int(fm_value_at(root, 0), 0), 3);
    ck_assert_int_eq(fm_value_int(fm_value_at(root, 1), 0), 2);
    fm_doc_free(doc);
}
END_TEST

/* ------------------------------------------------ not JSON: exact errors */

START_TEST(rejects_what_json_does_not_allow) {
    assert_error("{\"a\": 1,}\n", FM_ERR_SYNTAX, 1, 9,
                 "expected a key in double quotes after ',', found '}'");
    assert_error("{\"a\": [1, 2,]}\n", FM_ERR_SYNTAX, 1, 13,
                 "a ',' must be followed by an item");
    assert_error("{'a': 1}\n", FM_ERR_SYNTAX, 1, 2,
                 "expected a key in double quotes or '}', found '''");
    assert_error("{a: 1}\n", FM_ERR_SYNTAX, 1, 2,
                 "expected a key in double quotes or '}', found 'a'");
    assert_error("{\n  # comment\n  \"a\": 1\n}\n", FM_ERR_SYNTAX, 2, 3,
                 "expected a key in double quotes or '}', found '#'");
    assert_error("{\"a\": 01}\n", FM_ERR_SYNTAX, 1, 7, "a number may not start with 0");
    assert_error("{\"a\": .5}\n", FM_ERR_SYNTAX, 1, 7, "expected a value, found '.'");
    assert_error("{\"a\": 1.}\n", FM_ERR_SYNTAX, 1, 7, "a number needs digits after '.'");
    assert_error("{\"a\": +1}\n", FM_ERR_SYNTAX, 1, 7, "expected a value, found '+'");
    assert_error("{\"a\": NaN}\n", FM_ERR_SYNTAX, 1, 7, "expected a value, found 'N'");
    assert_error("{\"a\": yes}\n", FM_ERR_SYNTAX, 1, 7, "expected a value, found 'y'");
    assert_error("{\"a\": \"x\" \"b\": 2}\n", FM_ERR_SYNTAX, 1, 11,
                 "expected ',' or '}', found '\"'");
    assert_error("{\"a\" 1}\n", FM_ERR_SYNTAX, 1, 6, "expected ':' after the key, found '1'");
    assert_error("{\"a\": \"\\x41\"}\n", FM_ERR_SYNTAX, 1, 8,
                 "invalid escape in a string (JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r "
                 "\\t \\uXXXX)");
    assert_error("{\"a\": \"\\uDC00\"}\n", FM_ERR_SYNTAX, 1, 8,
                 "\\uDC00 is a lone low surrogate");
    assert_error("{\"a\": \"\\uD800x\"}\n", FM_ERR_SYNTAX, 1, 8,
                 "\\uD800 is a high surrogate without a low one after it");
    assert_error("{\"a\": \"tab\there\"}\n", FM_ERR_SYNTAX, 1, 11,
                 "control character U+0009 in a string (write it as an escape)");
    assert_error("{\"é\": \"\xC3\"}\n", FM_ERR_ENCODING, 1, 8, "invalid UTF-8 in a string");
    assert_error("{\"a\": !!str b}\n", FM_ERR_SYNTAX, 1, 7, "expected a value, found '!'");
    assert_error("{\"a\": 1, \"a\": 2}\n", FM_ERR_DUPLICATE_KEY, 1, 10,
                 "duplicate key \"a\" (first at line 1, column 2)");
    assert_error("{\"a\": [1, 2}}\n", FM_ERR_SYNTAX, 1, 12, "expected ',' or ']', found '}'");
    assert_error("{\"a\": \"x\"\n", FM_ERR_UNTERMINATED, 1, 1,
                 "front matter opened here is never closed (no closing })");
}
END_TEST

START_TEST(limits_apply) {
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.max_depth = 3;
    fm_error err;
    const char *s = "{\"a\": [[[1]]]}\n";
    ck_assert_ptr_null(fm_doc_parse_config(s, strlen(s), &cfg, &err));
    ck_assert_int_eq(err.code, FM_ERR_TOO_DEEP);
    ck_assert_uint_eq(err.column, 9);
    cfg.max_depth = 4;
    fm_doc *doc = fm_doc_parse_config(s, strlen(s), &cfg, &err);
    ck_assert_ptr_nonnull(doc);
    fm_doc_free(doc);
    /* Deeper than any C stack could recurse: refused by the limit, no crash. */
    size_t n = 200000;
    char *deep = malloc(2 * n + 16);
    ck_assert_ptr_nonnull(deep);
    size_t k = 0;
    deep[k++] = '{';
    memcpy(deep + k, "\"a\":", 4);
    k += 4;
    for (size_t i = 0; i < n; i++)
        deep[k++] = '[';
    for (size_t i = 0; i < n; i++)
        deep[k++] = ']';
    deep[k++] = '}';
    deep[k++] = '\n';
    cfg.max_depth = (size_t)-1;
    doc = fm_doc_parse_config(deep, k, &cfg, &err);
    ck_assert_ptr_nonnull(doc);
    ck_assert_uint_eq(fm_doc_root(doc)->weight, n + 2);
    fm_doc_free(doc);
    free(deep);
}
END_TEST

/* ------------------------------------------------ template first lines */

START_TEST(template_lines_stay_in_the_body) {
    static const char *const bodies[] = {
        "{{< youtube id >}}\nText\n",
        "{{% notice %}}\nText\n",
        "{% include x.html %}\nText\n",
        "\n{{ .Title }}\n",
    };
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        fm_error err;
        const char *s = bodies[i];
        fm_doc *doc = fm_doc_parse(s, strlen(s), 0, &err);
        ck_assert_msg(doc != NULL, "%s: %s", s, err.message);
        ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_NONE);
        size_t len;
        const char *body = fm_doc_body(doc, &len);
        ck_assert_uint_eq(len, strlen(s));
        ck_assert(memcmp(body, s, len) == 0);
        fm_doc_free(doc);
    }
}
END_TEST

static Suite *json_suite(void) {
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("json");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, valid_objects_as_libyaml);
    tcase_add_test(tc, corpus_json_as_libyaml);
    tcase_add_test(tc, surrogate_pairs_decode);
    tcase_add_test(tc, duplicates_merged_as_libyaml);
    tcase_add_test(tc, rejects_what_json_does_not_allow);
    tcase_add_test(tc, limits_apply);
    tcase_add_test(tc, template_lines_stay_in_the_body);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    return fm_test_run_suite(json_suite());
}
