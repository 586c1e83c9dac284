/* SPDX-License-Identifier: MIT */
/* check_convert.c - fm_doc_convert: the exact text each format gets (order,
 * TOML tables, dates, strings, comments), what stays byte for byte (body,
 * BOM, blank lines, CRLF), what each format refuses (with the key's path and
 * place, the document unchanged), and edits after a conversion. */
#include <stdio.h>

#include "testutil.h"

/* Converts `in` to `to`: the text must be exactly `want`. */
static void converts(const char *in, fm_format to, const char *want) {
    fm_doc *doc = fm_test_parse(in, 0);
    fm_error err;
    memset(&err, 0, sizeof err);
    ck_assert_msg(fm_doc_convert(doc, to, &err) == 0, "convert failed at %u:%u: %s",
                  err.line, err.column, err.message);
    size_t len;
    const char *text = fm_doc_text(doc, &len);
    ck_assert_str_eq(text, want);
    ck_assert_uint_eq(len, strlen(want));
    ck_assert_int_eq(fm_doc_format(doc), to);
    fm_doc_free(doc);
}

/* Converting `in` to `to` fails with code at line:column and exactly
 * `message`, and leaves the document's text as it was. */
static void refuses(const char *in, fm_format to, fm_code code, unsigned line,
                    unsigned column, const char *message) {
    fm_doc *doc = fm_test_parse(in, 0);
    fm_format before = fm_doc_format(doc);
    fm_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(fm_doc_convert(doc, to, &err), -1);
    ck_assert_msg(err.code == code, "code %s (%s)", fm_code_name(err.code), err.message);
    ck_assert_str_eq(err.message, message);
    ck_assert_uint_eq(err.line, line);
    ck_assert_uint_eq(err.column, column);
    size_t len;
    ck_assert_str_eq(fm_doc_text(doc, &len), in);
    ck_assert_uint_eq(len, strlen(in));
    ck_assert_int_eq(fm_doc_format(doc), before);
    fm_doc_free(doc);
}

/* ---------------------------------------------------------------- YAML */

static const char page_yaml[] = "---\n"
                                "# The title\n"
                                "title: Hello # shown\n"
                                "params:\n"
                                "  author: Ann\n"
                                "tags: [a, b]\n"
                                "date: 2025-02-11\n"
                                "---\n"
                                "Body\n";

/* TOML: plain values first, then the tables; the comments come along. */
START_TEST(yaml_to_toml) {
    converts(page_yaml, FM_FORMAT_TOML,
             "+++\n"
             "# The title\n"
             "title = \"Hello\" # shown\n"
             "tags = [\"a\", \"b\"]\n"
             "date = 2025-02-11\n"
             "\n"
             "[params]\n"
             "author = \"Ann\"\n"
             "+++\n"
             "Body\n");
}
END_TEST

/* JSON: two-space indents, dates as their RFC 3339 text, no comments. */
START_TEST(yaml_to_json) {
    converts(page_yaml, FM_FORMAT_JSON,
             "{\n"
             "  \"title\": \"Hello\",\n"
             "  \"params\": {\n"
             "    \"author\": \"Ann\"\n"
             "  },\n"
             "  \"tags\": [\"a\", \"b\"],\n"
             "  \"date\": \"2025-02-11\"\n"
             "}\n"
             "Body\n");
    converts("---\n"
             "when: 2025-02-11 10:30:00\n"
             "utc: 2025-02-11T10:30:00.50+00:00\n"
             "empty: {}\n"
             "none: []\n"
             "nil: ~\n"
             "list:\n"
             "  - {a: 1}\n"
             "  - [2, 3]\n"
             "  - x\n"
             "f: 1e3\n"
             "---\n",
             FM_FORMAT_JSON,
             "{\n"
             "  \"when\": \"2025-02-11T10:30:00\",\n"
             "  \"utc\": \"2025-02-11T10:30:00.5Z\",\n"
             "  \"empty\": {},\n"
             "  \"none\": [],\n"
             "  \"nil\": null,\n"
             "  \"list\": [\n"
             "    {\n"
             "      \"a\": 1\n"
             "    },\n"
             "    [2, 3],\n"
             "    \"x\"\n"
             "  ],\n"
             "  \"f\": 1000.0\n"
             "}\n");
}
END_TEST

/* Block mappings become [tables], lists of mappings [[arrays of tables]]
 * (with their sub-tables), flow ones stay inline where they stand; a table
 * of tables alone has no header of its own; mixed lists are arrays. */
START_TEST(yaml_tables_and_inline_tables) {
    converts("---\n"
             "menu:\n"
             "  main:\n"
             "    weight: 3\n"
             "flow: {a: 1, b: [x]}\n"
             "cascade:\n"
             "  - params:\n"
             "      banner: blue\n"
             "    path: /blog\n"
             "  - path: /docs\n"
             "mixed: [1, {a: 2}]\n"
             "inline_list: [{a: 1}]\n"
             "---\n",
             FM_FORMAT_TOML,
             "+++\n"
             "flow = { a = 1, b = [\"x\"] }\n"
             "mixed = [1, { a = 2 }]\n"
             "inline_list = [{ a = 1 }]\n"
             "\n"
             "[menu.main]\n"
             "weight = 3\n"
             "\n"
             "[[cascade]]\n"
             "path = \"/blog\"\n"
             "[cascade.params]\n"
             "banner = \"blue\"\n"
             "\n"
             "[[cascade]]\n"
             "path = \"/docs\"\n"
             "+++\n");
}
END_TEST

/* Strings keep their kind where the target has it: single quotes, blocks
 * of lines; numbers and dates in TOML's spelling. */
START_TEST(yaml_scalars_to_toml) {
    converts("---\n"
             "single: 'C:\\path'\n"
             "quote: 'It''s'\n"
             "double: \"tab\\there\"\n"
             "block: |\n"
             "  Line one\n"
             "  # not a comment\n"
             "folded: >-\n"
             "  one\n"
             "  line\n"
             "local: 2025-02-11 10:30:00\n"
             "zero: -0.0\n"
             "big: 1e300\n"
             "inf: .inf\n"
             "octal: 0o17\n"
             "\"\": empty key\n"
             "\"a.b\": dotted\n"
             "---\n",
             FM_FORMAT_TOML,
             "+++\n"
             "single = 'C:\\path'\n"
             "quote = \"It's\"\n"
             "double = \"tab\there\"\n"
             "block = \"\"\"\n"
             "Line one\n"
             "# not a comment\n"
             "\"\"\"\n"
             "folded = \"one line\"\n"
             "local = 2025-02-11T10:30:00\n"
             "zero = -0.0\n"
             "big = 1.0e+300\n"
             "inf = inf\n"
             "octal = 15\n"
             "\"\" = \"empty key\"\n"
             "\"a.b\" = \"dotted\"\n"
             "+++\n");
}
END_TEST

/* Aliases are written out as copies; anchors go. */
START_TEST(yaml_aliases_are_copied) {
    converts("---\n"
             "base: &b {a: 1}\n"
             "other: *b\n"
             "list: &l [1, 2]\n"
             "again: *l\n"
             "---\n",
             FM_FORMAT_TOML,
             "+++\n"
             "base = { a = 1 }\n"
             "other = { a = 1 }\n"
             "list = [1, 2]\n"
             "again = [1, 2]\n"
             "+++\n");
}
END_TEST

/* ---------------------------------------------------------------- TOML */

static const char page_toml[] = "+++\n"
                                "# Site page\n"
                                "title = \"Home\" # the title\n"
                                "\n"
                                "# dates of all kinds\n"
                                "day = 1979-05-27\n"
                                "local = 1979-05-27T07:32:00\n"
                                "offset = 1979-05-27T07:32:00.999-08:00\n"
                                "hex = 0xff\n"
                                "inf = -inf\n"
                                "lit = 'C:\\path'\n"
                                "ml = '''\n"
                                "raw \"text\"\n"
                                "line two'''\n"
                                "\n"
                                "[extra]\n"
                                "# about the author\n"
                                "author = \"Ann\"\n"
                                "banner.image = \"b.png\" # the banner\n"
                                "banner.alt = \"A crab\"\n"
                                "\n"
                                "[[links]]\n"
                                "# dropped: inside an array of tables\n"
                                "name = \"one\"\n"
                                "+++\n"
                                "Body\n";

static const char page_toml_as_yaml[] = "---\n"
                                        "# Site page\n"
                                        "title: Home # the title\n"
                                        "# dates of all kinds\n"
                                        "day: 1979-05-27\n"
                                        "local: 1979-05-27 07:32:00\n"
                                        "offset: 1979-05-27T07:32:00.999-08:00\n"
                                        "hex: 255\n"
                                        "inf: -.inf\n"
                                        "lit: 'C:\\path'\n"
                                        "ml: |-\n"
                                        "  raw \"text\"\n"
                                        "  line two\n"
                                        "extra:\n"
                                        "  # about the author\n"
                                        "  author: Ann\n"
                                        "  banner:\n"
                                        "    image: b.png # the banner\n"
                                        "    alt: A crab\n"
                                        "links:\n"
                                        "  - name: one\n"
                                        "---\n"
                                        "Body\n";

START_TEST(toml_to_yaml) {
    converts(page_toml, FM_FORMAT_YAML, page_toml_as_yaml);
}
END_TEST

/* Back to TOML: what differs from page_toml is what YAML cannot say (the
 * dotted keys are a table now, numbers and literal blocks are canonical,
 * blank lines and comments inside arrays of tables are gone). */
START_TEST(toml_to_yaml_and_back) {
    converts(page_toml_as_yaml, FM_FORMAT_TOML,
             "+++\n"
             "# Site page\n"
             "title = \"Home\" # the title\n"
             "# dates of all kinds\n"
             "day = 1979-05-27\n"
             "local = 1979-05-27T07:32:00\n"
             "offset = 1979-05-27T07:32:00.999-08:00\n"
             "hex = 255\n"
             "inf = -inf\n"
             "lit = 'C:\\path'\n"
             "ml = \"\"\"\n"
             "raw \"text\"\n"
             "line two\"\"\"\n"
             "\n"
             "[extra]\n"
             "# about the author\n"
             "author = \"Ann\"\n"
             "[extra.banner]\n"
             "image = \"b.png\" # the banner\n"
             "alt = \"A crab\"\n"
             "\n"
             "[[links]]\n"
             "name = \"one\"\n"
             "+++\n"
             "Body\n");
}
END_TEST

START_TEST(toml_to_json) {
    converts("+++\n"
             "a = 1979-05-27T07:32:00Z\n"
             "b = [1, 'two', { c = 3.5 }]\n"
             "[t]\n"
             "x = true\n"
             "+++\n",
             FM_FORMAT_JSON,
             "{\n"
             "  \"a\": \"1979-05-27T07:32:00Z\",\n"
             "  \"b\": [\n"
             "    1,\n"
             "    \"two\",\n"
             "    {\n"
             "      \"c\": 3.5\n"
             "    }\n"
             "  ],\n"
             "  \"t\": {\n"
             "    \"x\": true\n"
             "  }\n"
             "}\n");
}
END_TEST

/* ---------------------------------------------------------------- JSON */

START_TEST(json_to_yaml_and_toml) {
    static const char json[] = "{\n"
                               "  \"title\": \"JSON: {braces}\",\n"
                               "  \"date\": \"2025-01-01\",\n"
                               "  \"n\": null,\n"
                               "  \"tags\": [\"a\", \"b\"],\n"
                               "  \"p\": {\"x\": [{\"y\": 1}]}\n"
                               "}\n"
                               "Body\n";
    converts(json, FM_FORMAT_YAML,
             "---\n"
             "title: \"JSON: {braces}\"\n"
             "date: \"2025-01-01\"\n"
             "\"n\": null\n"
             "tags:\n"
             "  - a\n"
             "  - b\n"
             "p:\n"
             "  x:\n"
             "    - \"y\": 1\n"
             "---\n"
             "Body\n");
    refuses(json, FM_FORMAT_TOML, FM_ERR_CONVERT, 4, 8, "'n' is null: TOML has no null");
    converts("{\"title\": \"T\", \"p\": {\"x\": [{\"y\": 1}]}}\n", FM_FORMAT_TOML,
             "+++\n"
             "title = \"T\"\n"
             "\n"
             "[[p.x]]\n"
             "y = 1\n"
             "+++\n");
}
END_TEST

/* ---------------------------------------------------------------- kept */

/* The BOM, the blank lines before the block, the body and its CRLF line
 * ends stay byte for byte; the new block's lines end in CRLF too, and TOML
 * writes no multi-line string into such a file. */
START_TEST(body_bom_and_crlf_kept) {
    static const char yaml[] = "\xEF\xBB\xBF\n\n---\r\n"
                               "title: |-\r\n"
                               "  Two\r\n"
                               "  lines\r\n"
                               "list:\r\n"
                               "  - a\r\n"
                               "---\r\n"
                               "Body\r\nmore\r\n";
    converts(yaml, FM_FORMAT_TOML,
             "\xEF\xBB\xBF\n\n+++\r\n"
             "title = \"Two\\nlines\"\r\n"
             "list = [\"a\"]\r\n"
             "+++\r\n"
             "Body\r\nmore\r\n");
    converts(yaml, FM_FORMAT_JSON,
             "\xEF\xBB\xBF\n\n{\r\n"
             "  \"title\": \"Two\\nlines\",\r\n"
             "  \"list\": [\"a\"]\r\n"
             "}\r\n"
             "Body\r\nmore\r\n");
}
END_TEST

/* A block that ends the file without a line break stays without one; a
 * JSON object followed by text on its line keeps that text as the body. */
START_TEST(fence_at_the_end) {
    converts("---\ntitle: x\n---", FM_FORMAT_TOML, "+++\ntitle = \"x\"\n+++");
    converts("{\"a\": 1}", FM_FORMAT_YAML, "---\na: 1\n---");
    converts("{\"a\": 1} Body\n", FM_FORMAT_YAML, "---\na: 1\n---\n Body\n");
}
END_TEST

START_TEST(empty_blocks) {
    converts("---\n---\nBody\n", FM_FORMAT_TOML, "+++\n+++\nBody\n");
    converts("+++\n+++\n", FM_FORMAT_JSON, "{\n}\n");
    converts("{}\n", FM_FORMAT_YAML, "---\n---\n");
}
END_TEST

/* Nothing to do: no front matter, or the format it has. */
START_TEST(unchanged) {
    static const char *const texts[] = {"Just a body\n", "", "---\ntitle: x # c\n---\n",
                                        "+++\nt = 1\n+++\n"};
    static const fm_format to[] = {FM_FORMAT_TOML, FM_FORMAT_JSON, FM_FORMAT_YAML,
                                   FM_FORMAT_TOML};
    for (size_t i = 0; i < 4; i++) {
        fm_doc *doc = fm_test_parse(texts[i], 0);
        fm_format before = fm_doc_format(doc);
        ck_assert_int_eq(fm_doc_convert(doc, to[i], NULL), 0);
        size_t len;
        ck_assert_str_eq(fm_doc_text(doc, &len), texts[i]);
        ck_assert_int_eq(fm_doc_format(doc), before);
        fm_doc_free(doc);
    }
}
END_TEST

/* ---------------------------------------------------------------- comments */

/* Comment lines above a key (across blank lines, which go), the comment
 * after a one-line value; not lines of a multi-line scalar, not comments
 * that YAML cannot hold, not the one after a value that becomes a block,
 * not those after the last key. */
START_TEST(comments_carried) {
    converts("+++\n"
             "# one\n"
             "\n"
             "# two\n"
             "a = 1\n"
             "s = \"\"\"\n"
             "# inside\"\"\"\n"
             "b = 2 # \xE2\x80\xA8 YAML takes this for a line break\n"
             "c = 3\t#tab\n"
             "d = \"x\" #no space\n"
             "e = '''\n"
             "two\n"
             "lines''' # after a block\n"
             "# the end\n"
             "+++\n",
             FM_FORMAT_YAML,
             "---\n"
             "# one\n"
             "# two\n"
             "a: 1\n"
             "s: \"# inside\"\n"
             "b: 2\n"
             "c: 3\t#tab\n"
             "d: x #no space\n"
             "e: |-\n"
             "  two\n"
             "  lines\n"
             "---\n");
    converts("---\n"
             "a: 1#not a comment\n"
             "b: x# nor this\n"
             "---\n",
             FM_FORMAT_TOML,
             "+++\n"
             "a = \"1#not a comment\"\n"
             "b = \"x# nor this\"\n"
             "+++\n");
}
END_TEST

/* ---------------------------------------------------------------- refused */

START_TEST(what_toml_cannot_hold) {
    refuses("---\nlist:\n  - a\n  - {b: ~}\n---\n", FM_FORMAT_TOML, FM_ERR_CONVERT, 4, 9,
            "'list[1].b' is null: TOML has no null");
    refuses("---\nparams:\n  1: one\n---\n", FM_FORMAT_TOML, FM_ERR_CONVERT, 3, 3,
            "key 'params.\"1\"' is an int: TOML keys are strings");
    refuses("---\nx: !custom 1\n---\n", FM_FORMAT_TOML, FM_ERR_CONVERT, 2, 4,
            "'x' has the tag !custom: TOML cannot hold it");
    refuses("---\n!!binary k: 1\n---\n", FM_FORMAT_TOML, FM_ERR_CONVERT, 2, 1,
            "key 'k' has the tag tag:yaml.org,2002:binary: TOML cannot hold it");
    refuses("---\n!foo\nx: 1\n---\n", FM_FORMAT_TOML, FM_ERR_CONVERT, 2, 1,
            "the front matter has the tag !foo: TOML cannot hold it");
}
END_TEST

START_TEST(what_json_cannot_hold) {
    refuses("---\n? [a, b]\n: x\n---\n", FM_FORMAT_JSON, FM_ERR_CONVERT, 2, 3,
            "key '\"[a, b]\"' is a sequence: JSON keys are strings");
    refuses("---\ntrue: x\n---\n", FM_FORMAT_JSON, FM_ERR_CONVERT, 2, 1,
            "key 'true' is a bool: JSON keys are strings");
    refuses("---\nx: .nan\n---\n", FM_FORMAT_JSON, FM_ERR_CONVERT, 2, 4,
            "'x' is .nan: JSON has no infinity or NaN");
    refuses("+++\n[a]\nb = -inf\n+++\n", FM_FORMAT_JSON, FM_ERR_CONVERT, 3, 5,
            "'a.b' is -inf: JSON has no infinity or NaN");
    refuses("+++\nt = 07:32:00\n+++\n", FM_FORMAT_JSON, FM_ERR_CONVERT, 2, 5,
            "'t' is a time of day without a date: JSON has none");
}
END_TEST

START_TEST(what_yaml_cannot_hold) {
    refuses("+++\n[[a]]\nt = 07:32:00.5\n+++\n", FM_FORMAT_YAML, FM_ERR_CONVERT, 3, 5,
            "'a[0].t' is a time of day without a date: YAML has none");
}
END_TEST

START_TEST(bad_arguments) {
    fm_error err;
    ck_assert_int_eq(fm_doc_convert(NULL, FM_FORMAT_YAML, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_str_eq(err.message, "fm_doc_convert: no document");
    fm_doc *doc = fm_test_parse(page_yaml, 0);
    ck_assert_int_eq(fm_doc_convert(doc, FM_FORMAT_NONE, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_ARG);
    ck_assert_str_eq(err.message, "fm_doc_convert: the format must be YAML, TOML or JSON");
    ck_assert_int_eq(fm_doc_convert(doc, (fm_format)9, NULL), -1);
    ck_assert_str_eq(fm_doc_text(doc, NULL), page_yaml);
    fm_doc_free(doc);
    ck_assert_str_eq(fm_code_name(FM_ERR_CONVERT), "convert");
}
END_TEST

/* A limit of the document's configuration holds for the new text too. */
START_TEST(limits_hold) {
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.max_input_size = 40; /* its JSON takes 43 */
    static const char text[] = "---\na: 1\nb: 2\nc: 3\nd: 4\n---\n"; /* 28 bytes */
    fm_error err;
    fm_doc *doc = fm_doc_parse_config(text, strlen(text), &cfg, &err);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(fm_doc_convert(doc, FM_FORMAT_JSON, &err), -1);
    ck_assert_int_eq(err.code, FM_ERR_TOO_LARGE);
    ck_assert_str_eq(fm_doc_text(doc, NULL), text);
    fm_doc_free(doc);
}
END_TEST

/* ---------------------------------------------------------------- after */

/* Keys longer than libyaml's implicit keys are written as explicit ones. */
START_TEST(long_keys_in_yaml) {
    char key[1201], text[1400], want[1400];
    memset(key, 'k', 1200);
    key[1200] = '\0';
    snprintf(text, sizeof text, "+++\n%s = 1\n+++\n", key);
    snprintf(want, sizeof want, "---\n? \"%s\"\n: 1\n---\n", key);
    converts(text, FM_FORMAT_YAML, want);
}
END_TEST

/* Edits work on the converted text (TOML ones too), and a value set back to what the
 * conversion wrote gets the converted bytes back. */
START_TEST(edits_after_a_conversion) {
    fm_doc *doc = fm_test_parse("---\ntitle: 'Old'\nn: 1\n---\n", 0);
    ck_assert_int_eq(fm_doc_convert(doc, FM_FORMAT_JSON, NULL), 0);
    static const char json[] = "{\n  \"title\": \"Old\",\n  \"n\": 1\n}\n";
    ck_assert_str_eq(fm_doc_text(doc, NULL), json);
    ck_assert_int_eq(fm_doc_set_string(doc, "title", "New", 3, NULL), 0);
    ck_assert_str_eq(fm_doc_text(doc, NULL), "{\n  \"title\": \"New\",\n  \"n\": 1\n}\n");
    ck_assert_int_eq(fm_doc_set_string(doc, "title", "Old", 3, NULL), 0);
    ck_assert_str_eq(fm_doc_text(doc, NULL), json);
    ck_assert_int_eq(fm_doc_convert(doc, FM_FORMAT_YAML, NULL), 0);
    ck_assert_int_eq(fm_doc_set_int(doc, "n", 2, NULL), 0);
    ck_assert_str_eq(fm_doc_text(doc, NULL), "---\ntitle: Old\n\"n\": 2\n---\n");
    ck_assert_int_eq(fm_doc_convert(doc, FM_FORMAT_TOML, NULL), 0);
    ck_assert_int_eq(fm_doc_set_string(doc, "title", "New", 3, NULL), 0);
    ck_assert_int_eq(fm_doc_set_string(doc, "extra.by", "Ann", 3, NULL), 0);
    ck_assert_str_eq(fm_doc_text(doc, NULL),
                     "+++\ntitle = \"New\"\nn = 2\n[extra]\nby = \"Ann\"\n+++\n");
    fm_doc_free(doc);
}
END_TEST

static Suite *convert_suite(void) {
    Suite *s = suite_create("convert");
    TCase *tc = tcase_create("convert");
    tcase_add_test(tc, yaml_to_toml);
    tcase_add_test(tc, yaml_to_json);
    tcase_add_test(tc, yaml_tables_and_inline_tables);
    tcase_add_test(tc, yaml_scalars_to_toml);
    tcase_add_test(tc, yaml_aliases_are_copied);
    tcase_add_test(tc, toml_to_yaml);
    tcase_add_test(tc, toml_to_yaml_and_back);
    tcase_add_test(tc, toml_to_json);
    tcase_add_test(tc, json_to_yaml_and_toml);
    tcase_add_test(tc, body_bom_and_crlf_kept);
    tcase_add_test(tc, fence_at_the_end);
    tcase_add_test(tc, empty_blocks);
    tcase_add_test(tc, unchanged);
    tcase_add_test(tc, comments_carried);
    tcase_add_test(tc, what_toml_cannot_hold);
    tcase_add_test(tc, what_json_cannot_hold);
    tcase_add_test(tc, what_yaml_cannot_hold);
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, limits_hold);
    tcase_add_test(tc, long_keys_in_yaml);
    tcase_add_test(tc, edits_after_a_conversion);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    return fm_test_run_suite(convert_suite());
}
