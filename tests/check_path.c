/* SPDX-License-Identifier: MIT */
/* check_path.c - key paths: the text form (dots, quoted keys, [index]), the
 * old dotted form and its ambiguity, and the same edits given as steps. */
#include "testutil.h"

static fm_doc *doc_of(const char *text) {
    fm_error err;
    fm_doc *doc = fm_doc_parse(text, strlen(text), 0, &err);
    ck_assert_msg(doc != NULL, "%s", err.message);
    return doc;
}

static const char *text_of(const fm_doc *doc) {
    return fm_doc_text(doc, NULL);
}

static const char *str_at(const fm_doc *doc, const char *path) {
    return fm_value_string(fm_doc_get(doc, path), NULL);
}

static const char SITE[] = "---\n"
                           "title: Hi\n"
                           "tags: [a, b, c]\n"
                           "params:\n"
                           "  og.title: Dotted\n"
                           "  \"q\\\"uote\": Q\n"
                           "  menu:\n"
                           "    - name: first\n"
                           "---\n";

START_TEST(text_paths_name_keys_and_items) {
    fm_doc *doc = doc_of(SITE);
    ck_assert_str_eq(str_at(doc, "title"), "Hi");
    ck_assert_str_eq(str_at(doc, "tags[1]"), "b");
    ck_assert_str_eq(str_at(doc, "tags.1"), "b");
    ck_assert_str_eq(str_at(doc, "params.\"og.title\""), "Dotted");
    ck_assert_str_eq(str_at(doc, "params.og.title"), "Dotted"); /* the old form */
    ck_assert_str_eq(str_at(doc, "params.\"q\\\"uote\""), "Q");
    ck_assert_str_eq(str_at(doc, "params.menu[0].name"), "first");
    ck_assert_str_eq(str_at(doc, "params.menu.0.name"), "first");
    ck_assert_ptr_null(fm_doc_get(doc, "tags[3]"));
    ck_assert_ptr_null(fm_doc_get(doc, "title[0]"));
    ck_assert_ptr_null(fm_doc_get(doc, "params[0]"));
    ck_assert_ptr_null(fm_doc_get(doc, "params.\"og\".title"));
    fm_doc_free(doc);
}
END_TEST

START_TEST(malformed_paths_are_argument_errors) {
    static const struct {
        const char *path;
        const char *message;
    } cases[] = {
        {"", "a non-empty key path is required"},
        {"a..b", "invalid key path 'a..b' at character 3: empty key"},
        {"a.", "invalid key path 'a.' at character 2: a path may not end with '.'"},
        {"\"open", "invalid key path '\"open' at character 1: quoted key never closed"},
        {"\"a\"b", "invalid key path '\"a\"b' at character 4: expected '.' or '[' after a "
                   "quoted key"},
        {"tags[x]", "invalid key path 'tags[x]' at character 5: [ must hold an index and "
                    "a ]"},
        {"tags[1", "invalid key path 'tags[1' at character 5: [ must hold an index and a ]"},
        {"\"a\\n\"", "invalid key path '\"a\\n\"' at character 3: only \\\" and \\\\ escape "
                     "in a quoted key"},
    };
    fm_doc *doc = doc_of(SITE);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fm_error err;
        ck_assert_ptr_null(fm_doc_get(doc, cases[i].path));
        ck_assert_int_eq(fm_doc_set_string(doc, cases[i].path, "x", 1, &err), -1);
        ck_assert_msg(err.code == FM_ERR_ARG, "%s: %s", cases[i].path, err.message);
        ck_assert_str_eq(err.message, cases[i].message);
    }
    ck_assert_str_eq(text_of(doc), SITE);
    fm_doc_free(doc);
}
END_TEST

/* `a.b` names both the key "a.b" and a -> b: ambiguous until quoted. */
START_TEST(the_old_form_is_refused_when_ambiguous) {
    static const char text[] = "---\na.b: literal\na:\n  b: nested\n---\n";
    fm_doc *doc = doc_of(text);
    fm_error err;
    ck_assert_ptr_null(fm_doc_get(doc, "a.b"));
    ck_assert_int_eq(fm_doc_set_string(doc, "a.b", "x", 1, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_str_eq(err.message, "ambiguous key path 'a.b': a key holds the dots and the "
                                  "keys they separate exist too; quote the key that holds "
                                  "them");
    ck_assert_str_eq(str_at(doc, "\"a.b\""), "literal");
    ck_assert_str_eq(str_at(doc, "a.\"b\""), "nested");
    ck_assert_int_eq(fm_doc_set_string(doc, "\"a.b\"", "one", 3, &err), 0);
    ck_assert_int_eq(fm_doc_set_string(doc, "a.\"b\"", "two", 3, &err), 0);
    ck_assert_str_eq(text_of(doc), "---\na.b: one\na:\n  b: two\n---\n");
    fm_doc_free(doc);
}
END_TEST

START_TEST(a_quoted_key_with_dots_is_created) {
    fm_doc *doc = doc_of("---\nparams:\n  author: Ann\n---\n");
    fm_error err;
    ck_assert_int_eq(fm_doc_set_string(doc, "params.\"og.title\"", "T", 1, &err), 0);
    ck_assert_str_eq(text_of(doc), "---\nparams:\n  author: Ann\n  og.title: T\n---\n");
    /* Unquoted, the same text means params -> og -> title (og is missing). */
    ck_assert_int_eq(fm_doc_set_string(doc, "params.og.image", "i.png", 5, &err), 0);
    ck_assert_str_eq(text_of(doc), "---\nparams:\n  author: Ann\n  og.title: T\n"
                                   "  og:\n    image: i.png\n---\n");
    ck_assert_int_eq(fm_doc_rename(doc, "params.\"og.title\"", "og:title", &err), 0);
    ck_assert_int_eq(fm_doc_remove(doc, "params.og", &err), 0);
    ck_assert_str_eq(text_of(doc), "---\nparams:\n  author: Ann\n  og:title: T\n---\n");
    fm_doc_free(doc);
}
END_TEST

/* ------------------------------------------------------------- steps */

START_TEST(steps_need_no_syntax) {
    fm_doc *doc = doc_of(SITE);
    fm_error err;
    fm_path_step og[] = {{"params", 6, 0}, {"og.title", 8, 0}};
    fm_path_step quote[] = {{"params", 6, 0}, {"q\"uote", 6, 0}};
    fm_path_step second[] = {{"tags", 4, 0}, {NULL, 0, 1}};
    fm_path_step name[] = {{"params", 6, 0}, {"menu", 4, 0}, {NULL, 0, 0}, {"name", 4, 0}};
    ck_assert_str_eq(fm_value_string(fm_doc_get_steps(doc, og, 2), NULL), "Dotted");
    ck_assert_str_eq(fm_value_string(fm_doc_get_steps(doc, quote, 2), NULL), "Q");
    ck_assert_str_eq(fm_value_string(fm_doc_get_steps(doc, second, 2), NULL), "b");
    ck_assert_str_eq(fm_value_string(fm_doc_get_steps(doc, name, 4), NULL), "first");
    fm_path_step wrong[] = {{"tags", 4, 0}, {"1", 1, 0}}; /* a key step meets a list */
    ck_assert_ptr_null(fm_doc_get_steps(doc, wrong, 2));

    fm_value *v = fm_value_new_string("New", 3, NULL);
    ck_assert_int_eq(fm_doc_set_steps(doc, og, 2, v, &err), 0);
    ck_assert_int_eq(fm_doc_set_steps(doc, second, 2, v, &err), 0);
    fm_value_free(v);
    ck_assert_int_eq(fm_doc_rename_steps(doc, quote, 2, "plain", 5, &err), 0);
    ck_assert_int_eq(fm_doc_remove_steps(doc, name, 3, &err), 0);
    ck_assert_str_eq(text_of(doc), "---\n"
                                   "title: Hi\n"
                                   "tags: [a, New, c]\n"
                                   "params:\n"
                                   "  og.title: New\n"
                                   "  \"plain\": Q\n" /* keeps its quotes */
                                   "  menu: []\n"
                                   "---\n");
    fm_doc_free(doc);
}
END_TEST

START_TEST(step_errors_name_the_path) {
    fm_doc *doc = doc_of(SITE);
    fm_error err;
    fm_path_step missing[] = {{"params", 6, 0}, {"no.such", 7, 0}};
    ck_assert_int_eq(fm_doc_remove_steps(doc, missing, 2, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_NOT_FOUND);
    ck_assert_str_eq(err.message, "no key 'params.\"no.such\"'");
    fm_path_step item[] = {{"tags", 4, 0}, {NULL, 0, 7}};
    fm_value *v = fm_value_new_int(1);
    ck_assert_int_eq(fm_doc_set_steps(doc, item, 2, v, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_NOT_FOUND);
    ck_assert_str_eq(err.message, "'tags[7]': no such item in the sequence");
    fm_path_step bad[] = {{"a\xFF", 2, 0}};
    ck_assert_int_eq(fm_doc_set_steps(doc, bad, 1, v, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ENCODING);
    ck_assert_int_eq(fm_doc_set_steps(doc, NULL, 0, v, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    fm_path_step digits[] = {{"params", 6, 0}, {"12", 2, 0}};
    ck_assert_int_eq(fm_doc_rename_steps(doc, digits, 2, "x", 1, &err), -1);
    ck_assert_str_eq(err.message, "no key 'params.\"12\"'");
    fm_value_free(v);
    ck_assert_str_eq(text_of(doc), SITE);
    fm_doc_free(doc);
}
END_TEST

/* A path of one bare key (no '.', '[' or '"') is read without the general
 * parser: the same lookups, errors and edits as any other path. */
START_TEST(one_key_paths_read_as_any_path) {
    static const char text[] = "---\n\"0\": zero\na]b: x\nwith space: y\nключ: z\n---\n";
    fm_doc *doc = doc_of(text);
    ck_assert_str_eq(str_at(doc, "0"), "zero");
    ck_assert_str_eq(str_at(doc, "a]b"), "x");
    ck_assert_str_eq(str_at(doc, "with space"), "y");
    ck_assert_str_eq(str_at(doc, "ключ"), "z");
    ck_assert_ptr_null(fm_doc_get(doc, "missing"));
    ck_assert_ptr_null(fm_doc_get(doc, "\xFF"));
    fm_error err;
    ck_assert_int_eq(fm_doc_set_string(doc, "\xFF", "v", 1, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ENCODING);
    ck_assert_str_eq(err.message, "the key path is not valid UTF-8");
    ck_assert_str_eq(text_of(doc), text);
    ck_assert_int_eq(fm_doc_set_string(doc, "0", "nil", 3, &err), 0);
    ck_assert_int_eq(fm_doc_set_string(doc, "ключ", "я", 2, &err), 0);
    ck_assert_int_eq(fm_doc_set_string(doc, "new", "v", 1, &err), 0);
    ck_assert_int_eq(fm_doc_remove(doc, "a]b", &err), 0);
    ck_assert_str_eq(text_of(doc),
                     "---\n\"0\": nil\nwith space: y\nключ: я\nnew: v\n---\n");
    fm_doc_free(doc);
}
END_TEST

static Suite *path_suite(void) {
    Suite *s = suite_create("path");
    TCase *tc = tcase_create("path");
    tcase_add_test(tc, text_paths_name_keys_and_items);
    tcase_add_test(tc, malformed_paths_are_argument_errors);
    tcase_add_test(tc, the_old_form_is_refused_when_ambiguous);
    tcase_add_test(tc, a_quoted_key_with_dots_is_created);
    tcase_add_test(tc, steps_need_no_syntax);
    tcase_add_test(tc, step_errors_name_the_path);
    tcase_add_test(tc, one_key_paths_read_as_any_path);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    return fm_test_run_suite(path_suite());
}
