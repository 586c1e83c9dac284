/* SPDX-License-Identifier: MIT */
/* check_toml.c - TOML front matter: the tree's shape (styles, provenance
 * flags, spans, weights) that edits will build on, every scalar kind, limits,
 * nesting without recursion (edits: check_toml_edit.c).
 * Linked with the library's objects so that it can read the FMP_* flags. */
#include <stdio.h>

#include "private.h"
#include "failalloc.h"
#include "testutil.h"
#include "treecmp.h"

/* ---------------------------------------------------------------- helpers */

static fm_doc *parse_with(const char *text, const fm_config *cfg) {
    fm_error err;
    fm_doc *doc = fm_doc_parse_config(text, strlen(text), cfg, &err);
    ck_assert_msg(doc != NULL, "parse failed at %u:%u: %s", err.line, err.column,
                  err.message);
    return doc;
}

static void fails_with(const char *text, const fm_config *cfg, fm_code code,
                       unsigned line, unsigned column, const char *message) {
    fm_error err;
    fm_doc *doc = fm_doc_parse_config(text, strlen(text), cfg, &err);
    ck_assert_msg(doc == NULL, "loaded: %s", text);
    ck_assert_msg(err.code == code, "code %s, want %s (%s)", fm_code_name(err.code),
                  fm_code_name(code), err.message);
    ck_assert_uint_eq(err.line, line);
    ck_assert_uint_eq(err.column, column);
    ck_assert_str_eq(err.message, message);
}

/* Line and column of the first and just past the last character. */
static void span_is(const fm_value *v, unsigned line, unsigned column, unsigned end_line,
                    unsigned end_column) {
    ck_assert_ptr_nonnull(v);
    fm_span s = fm_value_span(v);
    ck_assert_msg(s.line == line && s.column == column && s.end_line == end_line &&
                      s.end_column == end_column,
                  "span %u:%u-%u:%u, want %u:%u-%u:%u", s.line, s.column, s.end_line,
                  s.end_column, line, column, end_line, end_column);
}

/* The key node of `key` in mapping m. */
static const fm_value *key_node(const fm_value *m, const char *key) {
    for (size_t i = 0; i < fm_value_size(m); i++)
        if (strcmp(fm_value_key_text(m, i, NULL), key) == 0)
            return fm_value_key_at(m, i);
    return NULL;
}

/* The TOML provenance flags of v. */
static unsigned toml_flags(const fm_value *v) {
    return v->flags & (FMP_TOML_HEADER | FMP_TOML_IMPLICIT | FMP_TOML_DOTTED |
                       FMP_TOML_INLINE | FMP_TOML_AOT);
}

/* Nodes under v counted one by one (keys included), as weights count. */
static size_t count_nodes(const fm_value *v) {
    size_t n = 1;
    for (size_t i = 0; i < fm_value_size(v); i++) {
        if (fm_value_type(v) == FM_MAPPING)
            n += count_nodes(fm_value_key_at(v, i));
        n += count_nodes(fm_value_at(v, i));
    }
    return n;
}

static void weights_are_counts(const fm_value *v) {
    ck_assert_uint_eq(v->weight, count_nodes(v));
    for (size_t i = 0; i < fm_value_size(v); i++)
        weights_are_counts(fm_value_at(v, i));
}

/* ---------------------------------------------------------------- shape */

static const char shape_doc[] = "+++\n"
                                "title = \"Hello\"\n"
                                "[a.b]\n"
                                "x = 1\n"
                                "[a]\n"
                                "y.z = 2\n"
                                "[[items]]\n"
                                "n = 1\n"
                                "\n"
                                "[[items]]\n"
                                "inline = { p.q = 1, r = [1, 2] }\n"
                                "+++\n"
                                "body\n";

START_TEST(root_and_header_tables) {
    fm_doc *doc = fm_test_parse(shape_doc, 0);
    const fm_value *root = fm_doc_root(doc), *a = fm_doc_get(doc, "a");
    ck_assert_int_eq(fm_value_style(root), FM_STYLE_BLOCK);
    ck_assert_uint_eq(fm_value_size(root), 3);
    span_is(root, 2, 1, 11, 33);
    /* [a.b] made a implicitly; [a] defined it: its key and span are [a]'s. */
    ck_assert_int_eq(fm_value_style(a), FM_STYLE_BLOCK);
    ck_assert_uint_eq(toml_flags(a), FMP_TOML_HEADER);
    span_is(key_node(root, "a"), 5, 2, 5, 3);
    span_is(a, 5, 1, 6, 8);
    ck_assert_str_eq(fm_value_key_text(a, 0, NULL), "b");
    ck_assert_str_eq(fm_value_key_text(a, 1, NULL), "y");
    /* [a.b]: from its header to its last line; its key is `b` in it. */
    const fm_value *b = fm_doc_get(doc, "a.b");
    ck_assert_uint_eq(toml_flags(b), FMP_TOML_HEADER);
    span_is(key_node(a, "b"), 3, 4, 3, 5);
    span_is(b, 3, 1, 4, 6);
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "a.b.x"), 0), 1);
    fm_doc_free(doc);
}
END_TEST

START_TEST(dotted_tables) {
    fm_doc *doc = fm_test_parse(shape_doc, 0);
    const fm_value *y = fm_doc_get(doc, "a.y");
    ck_assert_int_eq(fm_value_style(y), FM_STYLE_BLOCK);
    ck_assert_uint_eq(toml_flags(y), FMP_TOML_DOTTED);
    span_is(key_node(fm_doc_get(doc, "a"), "y"), 6, 1, 6, 2);
    span_is(y, 6, 1, 6, 8);
    span_is(key_node(y, "z"), 6, 3, 6, 4);
    span_is(fm_doc_get(doc, "a.y.z"), 6, 7, 6, 8);
    fm_doc_free(doc);
}
END_TEST

START_TEST(arrays_of_tables) {
    fm_doc *doc = fm_test_parse(shape_doc, 0);
    const fm_value *items = fm_doc_get(doc, "items");
    ck_assert_int_eq(fm_value_type(items), FM_SEQUENCE);
    ck_assert_int_eq(fm_value_style(items), FM_STYLE_BLOCK);
    ck_assert_uint_eq(toml_flags(items), FMP_TOML_AOT);
    ck_assert_uint_eq(fm_value_size(items), 2);
    span_is(key_node(fm_doc_root(doc), "items"), 7, 3, 7, 8);
    span_is(items, 7, 1, 11, 33);
    const fm_value *first = fm_value_at(items, 0), *second = fm_value_at(items, 1);
    ck_assert_uint_eq(toml_flags(first), FMP_TOML_HEADER | FMP_TOML_AOT);
    ck_assert_int_eq(fm_value_style(first), FM_STYLE_BLOCK);
    span_is(first, 7, 1, 8, 6);
    span_is(second, 10, 1, 11, 33);
    fm_doc_free(doc);
}
END_TEST

START_TEST(inline_tables_and_arrays) {
    fm_doc *doc = fm_test_parse(shape_doc, 0);
    const fm_value *in = fm_doc_get(doc, "items.1.inline");
    ck_assert_int_eq(fm_value_style(in), FM_STYLE_FLOW);
    ck_assert_uint_eq(toml_flags(in), FMP_TOML_INLINE);
    span_is(in, 11, 10, 11, 33);
    const fm_value *p = fm_doc_get(doc, "items.1.inline.p");
    ck_assert_int_eq(fm_value_style(p), FM_STYLE_FLOW);
    ck_assert_uint_eq(toml_flags(p), FMP_TOML_DOTTED);
    span_is(p, 11, 12, 11, 19);
    const fm_value *r = fm_doc_get(doc, "items.1.inline.r");
    ck_assert_int_eq(fm_value_type(r), FM_SEQUENCE);
    ck_assert_int_eq(fm_value_style(r), FM_STYLE_FLOW);
    ck_assert_uint_eq(toml_flags(r), 0);
    span_is(r, 11, 25, 11, 31);
    span_is(fm_value_at(r, 1), 11, 29, 11, 30);
    fm_doc_free(doc);
}
END_TEST

START_TEST(weights_count_nodes) {
    fm_doc *doc = fm_test_parse(shape_doc, 0);
    weights_are_counts(fm_doc_root(doc));
    ck_assert_uint_eq(fm_doc_root(doc)->weight, 29);
    fm_doc_free(doc);
}
END_TEST

/* A table no header defines spans the key of the header path that made it. */
START_TEST(implicit_tables) {
    fm_doc *doc = fm_test_parse("+++\n[ a . \"b\" .c]\n+++\n", 0);
    const fm_value *a = fm_doc_get(doc, "a"), *b = fm_doc_get(doc, "a.b");
    ck_assert_uint_eq(toml_flags(a), FMP_TOML_IMPLICIT);
    ck_assert_uint_eq(toml_flags(b), FMP_TOML_IMPLICIT);
    span_is(a, 2, 3, 2, 4);
    span_is(key_node(a, "b"), 2, 7, 2, 10);
    ck_assert_int_eq(fm_value_style(key_node(a, "b")), FM_STYLE_DOUBLE_QUOTED);
    span_is(b, 2, 7, 2, 10);
    span_is(fm_doc_get(doc, "a.b.c"), 2, 1, 2, 14);
    ck_assert_uint_eq(toml_flags(fm_doc_get(doc, "a.b.c")), FMP_TOML_HEADER);
    fm_doc_free(doc);
}
END_TEST

/* Dotted keys may extend a table a header made implicitly; it is then a
 * dotted table that no header may define. */
START_TEST(implicit_then_dotted) {
    const char *text = "+++\n[a.b.c]\n[a]\nb.d = 1\n+++\n";
    fm_doc *doc = fm_test_parse(text, 0);
    const fm_value *b = fm_doc_get(doc, "a.b");
    ck_assert_uint_eq(toml_flags(b), FMP_TOML_IMPLICIT | FMP_TOML_DOTTED);
    ck_assert_int_eq(fm_value_int(fm_doc_get(doc, "a.b.d"), 0), 1);
    /* The dotted key defines it now: it names it, and the span starts there. */
    span_is(key_node(fm_doc_get(doc, "a"), "b"), 4, 1, 4, 2);
    span_is(b, 4, 1, 4, 8);
    fm_doc_free(doc);
    fails_with("+++\n[a.b.c]\n[a]\nb.d = 1\n[a.b]\n+++\n", NULL, FM_ERR_DUPLICATE_KEY, 5,
               1, "table [a.b] is already defined by dotted keys at line 4, column 1");
}
END_TEST

/* ---------------------------------------------------------------- scalars */

START_TEST(strings_of_every_kind) {
    fm_doc *doc = fm_test_parse("+++\n"
                                "basic = \"a\\tb \\u00E9 \\U0001F600\"\n"
                                "literal = 'C:\\dir\\'\n"
                                "multi = \"\"\"\n  one \\\n    two\n\"\"\"\n"
                                "raw = '''\nx\n'''\n"
                                "quotes = \"\"\"\"\"a\"\"\"\"\"\n"
                                "+++\n",
                                0);
    static const struct {
        const char *key, *text;
        fm_style style;
    } want[] = {{"basic", "a\tb \xC3\xA9 \xF0\x9F\x98\x80", FM_STYLE_DOUBLE_QUOTED},
                {"literal", "C:\\dir\\", FM_STYLE_SINGLE_QUOTED},
                {"multi", "  one two\n", FM_STYLE_MULTILINE_DOUBLE},
                {"raw", "x\n", FM_STYLE_MULTILINE_SINGLE},
                {"quotes", "\"\"a\"\"", FM_STYLE_MULTILINE_DOUBLE}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const fm_value *v = fm_doc_get(doc, want[i].key);
        size_t len;
        ck_assert_int_eq(fm_value_type(v), FM_STRING);
        ck_assert_int_eq(fm_value_style(v), want[i].style);
        ck_assert_str_eq(fm_value_string(v, &len), want[i].text);
        ck_assert_uint_eq(len, strlen(want[i].text));
    }
    span_is(fm_doc_get(doc, "multi"), 4, 9, 7, 4);
    span_is(fm_doc_get(doc, "raw"), 8, 7, 10, 4);
    fm_doc_free(doc);
}
END_TEST

START_TEST(numbers_keep_their_text) {
    fm_doc *doc = fm_test_parse("+++\n"
                                "dec = 1_000\nneg = -9223372036854775808\n"
                                "max = 9223372036854775807\nhex = 0xDEAD_beef\n"
                                "oct = 0o755\nbin = 0b1010\nzero = -0\n"
                                "f = 6.626e-34\ng = -1_0.5E+0_2\ninf = -inf\nnan = +nan\n"
                                "t = true\nu = false\n"
                                "+++\n",
                                0);
    static const struct {
        const char *key, *text;
        int64_t i;
    } ints[] = {{"dec", "1_000", 1000},
                {"neg", "-9223372036854775808", INT64_MIN},
                {"max", "9223372036854775807", INT64_MAX},
                {"hex", "0xDEAD_beef", 0xDEADBEEF},
                {"oct", "0o755", 0755},
                {"bin", "0b1010", 10},
                {"zero", "-0", 0}};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        const fm_value *v = fm_doc_get(doc, ints[i].key);
        ck_assert_int_eq(fm_value_type(v), FM_INT);
        ck_assert_int_eq(fm_value_style(v), FM_STYLE_PLAIN);
        ck_assert_int_eq(fm_value_int(v, 1), ints[i].i);
        ck_assert_str_eq(fm_value_text(v, NULL), ints[i].text);
    }
    ck_assert(fm_value_float(fm_doc_get(doc, "f"), 0) == 6.626e-34);
    ck_assert(fm_value_float(fm_doc_get(doc, "g"), 0) == -1050.0);
    ck_assert_str_eq(fm_value_text(fm_doc_get(doc, "g"), NULL), "-1_0.5E+0_2");
    double inf = fm_value_float(fm_doc_get(doc, "inf"), 0);
    ck_assert(inf < 0 && inf * 0.5 == inf);
    double nan = fm_value_float(fm_doc_get(doc, "nan"), 0);
    ck_assert(nan != nan);
    ck_assert_int_eq(fm_value_bool(fm_doc_get(doc, "t")), 1);
    ck_assert_int_eq(fm_value_bool(fm_doc_get(doc, "u")), 0);
    ck_assert_str_eq(fm_value_text(fm_doc_get(doc, "u"), NULL), "false");
    fm_doc_free(doc);
}
END_TEST

static void datetime_is(const fm_doc *doc, const char *key, const char *text,
                        const char *formatted, unsigned flags, int offset) {
    const fm_value *v = fm_doc_get(doc, key);
    ck_assert_int_eq(fm_value_type(v), FM_TIMESTAMP);
    ck_assert_str_eq(fm_value_text(v, NULL), text);
    const fm_datetime *dt = fm_value_datetime(v);
    ck_assert_uint_eq(dt->flags, flags);
    ck_assert_int_eq(dt->utc_offset, offset);
    char buf[64];
    fm_datetime_format(dt, buf, sizeof buf);
    ck_assert_str_eq(buf, formatted);
}

START_TEST(date_times_of_every_kind) {
    fm_doc *doc = fm_test_parse("+++\n"
                                "odt = 1979-05-27 07:32:00.999999999123-07:00\n"
                                "utc = 1979-05-27t07:32:00z\n"
                                "ldt = 1979-05-27T00:32:00.5\n"
                                "ld = 1979-05-27\n"
                                "lt = 00:32:00.25\n"
                                "+++\n",
                                0);
    unsigned set = FM_DT_SET, time = FM_DT_SET | FM_DT_HAS_TIME;
    datetime_is(doc, "odt", "1979-05-27 07:32:00.999999999123-07:00",
                "1979-05-27T07:32:00.999999999-07:00", time | FM_DT_HAS_OFFSET, -420);
    datetime_is(doc, "utc", "1979-05-27t07:32:00z", "1979-05-27T07:32:00Z",
                time | FM_DT_HAS_OFFSET, 0);
    datetime_is(doc, "ldt", "1979-05-27T00:32:00.5", "1979-05-27T00:32:00.5", time, 0);
    datetime_is(doc, "ld", "1979-05-27", "1979-05-27", set, 0);
    datetime_is(doc, "lt", "00:32:00.25", "00:32:00.25", time | FM_DT_NO_DATE, 0);
    span_is(fm_doc_get(doc, "odt"), 2, 7, 2, 45);
    fm_doc_free(doc);
}
END_TEST

/* Columns count characters; CRLF lines end before their CR. */
START_TEST(columns_and_crlf) {
    fm_doc *doc = fm_test_parse("+++\r\n\"ключ\" = \"значение\" # коммент\r\n"
                                "ml = \"\"\"\r\nα\r\nβ\"\"\"\r\nz = 'ω'\r\n+++\r\n",
                                0);
    const fm_value *root = fm_doc_root(doc);
    span_is(key_node(root, "ключ"), 2, 1, 2, 7);
    span_is(fm_doc_get(doc, "ключ"), 2, 10, 2, 20);
    ck_assert_str_eq(fm_value_string(fm_doc_get(doc, "ml"), NULL), "\xCE\xB1\n\xCE\xB2");
    span_is(fm_doc_get(doc, "ml"), 3, 6, 5, 5);
    span_is(fm_doc_get(doc, "z"), 6, 5, 6, 8);
    fm_span s = fm_value_span(fm_doc_get(doc, "z"));
    size_t len;
    const char *text = fm_doc_text(doc, &len);
    ck_assert_uint_eq(s.length, 4);
    ck_assert(memcmp(text + s.offset, "'\xCF\x89'", 4) == 0);
    fm_doc_free(doc);
}
END_TEST

/* Nothing but comments and blank lines: an empty root at the block. */
START_TEST(empty_front_matter) {
    fm_doc *doc = fm_test_parse("\n+++\n# only a comment\n\n+++\nbody\n", 0);
    ck_assert_uint_eq(fm_value_size(fm_doc_root(doc)), 0);
    span_is(fm_doc_root(doc), 3, 1, 3, 1);
    ck_assert_uint_eq(fm_value_span(fm_doc_root(doc)).offset, 5);
    fm_doc_free(doc);
}
END_TEST

/* ---------------------------------------------------------------- limits */

START_TEST(depth_limit) {
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.max_depth = 3;
    fm_doc *ok = parse_with("+++\na = [[1]]\nb.c = {}\n[x.y]\n+++\n", &cfg);
    fm_doc_free(ok);
    const char *msg = "collections nested deeper than the limit of 3 (max_depth)";
    fails_with("+++\na = [[[1]]]\n+++\n", &cfg, FM_ERR_TOO_DEEP, 2, 7, msg);
    fails_with("+++\nb.c.d = {}\n+++\n", &cfg, FM_ERR_TOO_DEEP, 2, 9, msg);
    fails_with("+++\nb = {c.d.e = 1}\n+++\n", &cfg, FM_ERR_TOO_DEEP, 2, 8, msg);
    fails_with("+++\n[x.y.z]\n+++\n", &cfg, FM_ERR_TOO_DEEP, 2, 6, msg);
    fails_with("+++\n[[x.y]]\n+++\n", &cfg, FM_ERR_TOO_DEEP, 2, 1, msg);
    cfg.max_depth = 1; /* the root only */
    fm_doc_free(parse_with("+++\n\n a = 1\n+++\n", &cfg));
    fails_with("+++\na = {}\n+++\n", &cfg, FM_ERR_TOO_DEEP, 2, 5,
               "collections nested deeper than the limit of 1 (max_depth)");
}
END_TEST

/* 100000 nested arrays with no depth limit: no recursion to overflow. */
START_TEST(deep_nesting_does_not_recurse) {
    size_t n = 100000;
    char *text = malloc(2 * n + 32);
    size_t len = (size_t)sprintf(text, "+++\na = ");
    memset(text + len, '[', n);
    memset(text + len + n, ']', n);
    len += 2 * n;
    len += (size_t)sprintf(text + len, "\n+++\n");
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.max_depth = SIZE_MAX;
    fm_error err;
    fm_doc *doc = fm_doc_parse_config(text, len, &cfg, &err);
    ck_assert_msg(doc != NULL, "%s", err.message);
    const fm_value *v = fm_doc_get(doc, "a");
    size_t depth = 0;
    while (fm_value_size(v) == 1) {
        v = fm_value_at(v, 0);
        depth++;
    }
    ck_assert_uint_eq(depth, n - 1);
    ck_assert_uint_eq(fm_doc_get(doc, "a")->weight, n);
    fm_doc_free(doc);
    cfg.max_depth = FM_DEFAULT_MAX_DEPTH;
    ck_assert_ptr_null(fm_doc_parse_config(text, len, &cfg, &err));
    ck_assert_int_eq(err.code, FM_ERR_TOO_DEEP);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.column, 4 + FM_DEFAULT_MAX_DEPTH);
    free(text);
}
END_TEST

START_TEST(key_limits) {
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.max_keys = 3;
    fm_doc_free(parse_with("+++\na.b = 1\nc = 2\n+++\n", &cfg));
    fails_with("+++\na.b = 1\n[c.d]\n+++\n", &cfg, FM_ERR_TOO_MANY_KEYS, 3, 4,
               "more than 3 keys in the front matter (max_keys)");
    fm_config_init(&cfg);
    cfg.max_key_length = 3;
    fm_doc_free(parse_with("+++\n\"abc\" = 1\n+++\n", &cfg));
    fails_with("+++\nx.\"a\\u00e9x\" = 1\n+++\n", &cfg, FM_ERR_KEY_TOO_LONG, 2, 3,
               "key of 4 bytes is longer than the limit of 3 (max_key_length)");
}
END_TEST

/* The limit applies to the decoded text: escapes count as what they make. */
START_TEST(scalar_limit) {
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.max_scalar_length = 4;
    fm_doc_free(parse_with("+++\na = \"\\u00e9\\u00e9\"\nb = 1234\n+++\n", &cfg));
    fails_with("+++\na = \"\\u00e9\\u00e9x\"\n+++\n", &cfg, FM_ERR_SCALAR_TOO_LONG, 2, 5,
               "scalar of 5 bytes is longer than the limit of 4 (max_scalar_length)");
    fails_with("+++\nb = 12345\n+++\n", &cfg, FM_ERR_SCALAR_TOO_LONG, 2, 5,
               "scalar of 5 bytes is longer than the limit of 4 (max_scalar_length)");
}
END_TEST

/* TOML forbids every redefinition: --allow-duplicates does not apply. */
START_TEST(duplicates_are_always_errors) {
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.options = FM_OPT_ALLOW_DUPLICATES;
    fails_with("+++\na = 1\nb = 2\na = 3\n+++\n", &cfg, FM_ERR_DUPLICATE_KEY, 4, 1,
               "key \"a\" is already defined at line 2, column 1");
    /* Past the linear scan: the hash table finds the table to extend. */
    char text[512] = "+++\n";
    for (int i = 0; i < 20; i++)
        sprintf(text + strlen(text), "k%d.x = %d\n", i, i);
    strcat(text, "k7.y = 1\nk7 = 2\n+++\n");
    fails_with(text, &cfg, FM_ERR_DUPLICATE_KEY, 23, 1,
               "key \"k7\" is already defined as a table at line 9, column 1");
}
END_TEST

/* ---------------------------------------------------------------- usual line */

/* toml_scalar.c reads the usual `key = value` (a bare key, blanks around
 * '=', a basic string of printable ASCII without escapes, an array of such
 * strings apart by ", " or a bare value) in one pass, and leaves every
 * other to the general path: on both sides of that edge, the same nodes,
 * spans and errors. */

START_TEST(usual_lines) {
    fm_doc *doc = fm_test_parse("+++\n"
                                "title = \"Hello\"\n"
                                "n = 42\n"
                                "draft = false\n"
                                "day = 2024-01-02 03:04:05\n"
                                "tags = [\"a\", \"bc\"]\n"
                                "none = []\n"
                                "empty = \"\"\n"
                                "[t]\n"
                                "x = \"y\"\n"
                                "+++\n",
                                0);
    const fm_value *root = fm_doc_root(doc);
    span_is(key_node(root, "title"), 2, 1, 2, 6);
    span_is(fm_doc_get(doc, "title"), 2, 9, 2, 16);
    ck_assert_int_eq(fm_value_style(fm_doc_get(doc, "title")), FM_STYLE_DOUBLE_QUOTED);
    ck_assert_str_eq(fm_value_string(fm_doc_get(doc, "title"), NULL), "Hello");
    ck_assert_int_eq(fm_value_style(key_node(root, "title")), FM_STYLE_PLAIN);
    span_is(fm_doc_get(doc, "n"), 3, 5, 3, 7);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "n")), FM_INT);
    ck_assert_str_eq(fm_doc_get(doc, "n")->text, "42");
    ck_assert_int_eq(fm_doc_get(doc, "n")->u.i, 42);
    span_is(fm_doc_get(doc, "draft"), 4, 9, 4, 14);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "draft")), FM_BOOL);
    ck_assert_int_eq(fm_doc_get(doc, "draft")->u.b, 0);
    span_is(fm_doc_get(doc, "day"), 5, 7, 5, 26);
    ck_assert_int_eq(fm_value_type(fm_doc_get(doc, "day")), FM_TIMESTAMP);
    ck_assert_int_eq(fm_doc_get(doc, "day")->u.dt.second, 5);
    const fm_value *tags = fm_doc_get(doc, "tags");
    ck_assert_int_eq(fm_value_style(tags), FM_STYLE_FLOW);
    span_is(tags, 6, 8, 6, 19);
    ck_assert_uint_eq(fm_value_size(tags), 2);
    span_is(fm_value_at(tags, 0), 6, 9, 6, 12);
    span_is(fm_value_at(tags, 1), 6, 14, 6, 18);
    ck_assert_str_eq(fm_value_string(fm_value_at(tags, 1), NULL), "bc");
    ck_assert_uint_eq(tags->weight, 3);
    span_is(fm_doc_get(doc, "none"), 7, 8, 7, 10);
    ck_assert_uint_eq(fm_value_size(fm_doc_get(doc, "none")), 0);
    span_is(fm_doc_get(doc, "empty"), 8, 9, 8, 11);
    ck_assert_str_eq(fm_value_string(fm_doc_get(doc, "empty"), NULL), "");
    const fm_value *t = fm_doc_get(doc, "t");
    span_is(t, 9, 1, 10, 8);
    span_is(key_node(t, "x"), 10, 1, 10, 2);
    span_is(fm_doc_get(doc, "t.x"), 10, 5, 10, 8);
    span_is(root, 2, 1, 10, 8);
    weights_are_counts(root);
    fm_doc_free(doc);
    /* An array of more strings than the usual line keeps the places of
     * (the rest are looked for again), empty strings among them. */
    char text[512];
    size_t n = (size_t)snprintf(text, sizeof text, "+++\nk = [");
    for (int i = 0; i < 20; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s\"%.*s\"", i ? ", " : "",
                              i % 3, "abc");
    snprintf(text + n, sizeof text - n, "]\n+++\n");
    doc = fm_test_parse(text, 0);
    const fm_value *k = fm_doc_get(doc, "k");
    ck_assert_uint_eq(fm_value_size(k), 20);
    span_is(k, 2, 5, 2, 104);
    unsigned col = 6;
    for (size_t i = 0; i < 20; i++) {
        const fm_value *item = fm_value_at(k, i);
        ck_assert_uint_eq(item->text_len, i % 3);
        ck_assert(memcmp(item->text, "abc", i % 3) == 0);
        span_is(item, 2, col, 2, col + 2 + (unsigned)(i % 3));
        col += 4 + (unsigned)(i % 3);
    }
    fm_doc_free(doc);
}
END_TEST

/* `k = "v"` and the lines around it that take the general path. */
START_TEST(usual_line_edges) {
    static const struct {
        const char *body;
        unsigned key_col, key_end, col, end; /* on line 2 */
        const char *text; /* of the value, or its first item (as a node holds it) */
    } cases[] = {
        {"k = \"v\"\n", 1, 2, 5, 8, "v"},
        {"k=\"v\"\n", 1, 2, 3, 6, "v"},
        {"\tk = \"v\"\n", 2, 3, 6, 9, "v"},
        {"k = \"v\" # c\n", 1, 2, 5, 8, "v"},
        {"k = \"v\"\r\n", 1, 2, 5, 8, "v"},
        {"k\t=\t\"v\"\n", 1, 2, 5, 8, "v"},
        {"k  = \"v\"\n", 1, 2, 6, 9, "v"},
        {"  k = \"v\"\n", 3, 4, 7, 10, "v"},
        {"k = \"\xC3\xA9\"\n", 1, 2, 5, 8, "\xC3\xA9"},
        {"k = \"a\tb\"\n", 1, 2, 5, 10, "a\tb"},
        {"k = \"a\\tb\"\n", 1, 2, 5, 11, "a\tb"},
        {"k = \"\"\"v\"\"\"\n", 1, 2, 5, 12, "v"},
        {"k = \"\"\n", 1, 2, 5, 7, ""},
        {"k = \"\"\"\"\"\"\n", 1, 2, 5, 11, ""},
        {"k = [\"\", \"w\"]\n", 1, 2, 5, 14, ""},
        {"k = ['v']\n", 1, 2, 5, 10, "v"},
        {"k = [\"v\",\"w\"]\n", 1, 2, 5, 14, "v"},
        {"k = [\"v\", \"w\"] # c\n", 1, 2, 5, 15, "v"},
        {"k = [\"v\", \"w\",]\n", 1, 2, 5, 16, "v"},
        {"k = [\"v\", \"\\u00e9\"]\n", 1, 2, 5, 20, "v"},
        {"k = [ \"v\" ]\n", 1, 2, 5, 12, "v"},
        {"k = 42 # c\n", 1, 2, 5, 7, "42"},
        {"k = true\r\n", 1, 2, 5, 9, "true"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "+++\n%s+++\n", cases[i].body);
        fm_doc *doc = fm_test_parse(text, 0);
        const fm_value *root = fm_doc_root(doc), *v = fm_doc_get(doc, "k");
        ck_assert_msg(fm_value_size(root) == 1, "case %zu", i);
        span_is(key_node(root, "k"), 2, cases[i].key_col, 2, cases[i].key_end);
        span_is(v, 2, cases[i].col, 2, cases[i].end);
        if (fm_value_type(v) == FM_SEQUENCE)
            v = fm_value_at(v, 0);
        ck_assert_str_eq(v->text, cases[i].text);
        fm_doc_free(doc);
    }
    /* A usual line after lines the position cursor steps over without
     * walking them (a comment, a blank line, blanks and a comment after a
     * value, non-ASCII in either) or after values over several lines: its
     * own line and columns. */
    static const struct {
        const char *text;
        unsigned line;
    } after[] = {
        {"+++\na = \"x\" # c\nk = \"v\"\n+++\n", 3},
        {"+++\n# c\nk = \"v\"\n+++\n", 3},
        {"+++\na = [1] # c\nk = \"v\"\n+++\n", 3},
        {"+++\n\t\nk = \"v\"\n+++\n", 3},
        {"+++\n# \xC3\xA9\nk = \"v\"\n+++\n", 3},
        {"+++\na = \"\xC3\xA9\" # \xC3\xA9\nk = \"v\"\n+++\n", 3},
        {"+++\na = 1 # c\n  # d\n\nk = \"v\"\n+++\n", 5},
        {"+++\na = [\n\"x\"]\nk = \"v\"\n+++\n", 4},
        {"+++\na = \"\"\"\nx\"\"\"\nk = \"v\"\n+++\n", 4},
    };
    for (size_t i = 0; i < sizeof after / sizeof after[0]; i++) {
        fm_doc *doc = fm_test_parse(after[i].text, 0);
        span_is(key_node(fm_doc_root(doc), "k"), after[i].line, 1, after[i].line, 2);
        span_is(fm_doc_get(doc, "k"), after[i].line, 5, after[i].line, 8);
        fm_doc_free(doc);
    }
    fm_doc *table = fm_test_parse("+++\n[t] # c\nk = [\"v\"]\n+++\n", 0);
    span_is(fm_doc_get(table, "t"), 2, 1, 3, 10);
    span_is(fm_doc_get(table, "t.k"), 3, 5, 3, 10);
    fm_doc_free(table);
    /* Items of an array taken at once and of one that is not. */
    fm_doc *doc = fm_test_parse("+++\na = [\"v\", \"w\"]\nb = [\"v\",\"w\"]\n+++\n", 0);
    span_is(fm_value_at(fm_doc_get(doc, "a"), 1), 2, 11, 2, 14);
    span_is(fm_value_at(fm_doc_get(doc, "b"), 1), 3, 10, 3, 13);
    fm_doc_free(doc);
}
END_TEST

START_TEST(usual_line_errors) {
    static const struct {
        const char *text;
        fm_code code;
        unsigned line, column;
        const char *message;
    } cases[] = {
        {"+++\na = \"x\"\na = \"y\"\n+++\n", FM_ERR_DUPLICATE_KEY, 3, 1,
         "key \"a\" is already defined at line 2, column 1"},
        {"+++\na = [\"x\"]\na = [\"y\"]\n+++\n", FM_ERR_DUPLICATE_KEY, 3, 1,
         "key \"a\" is already defined at line 2, column 1"},
        {"+++\na = \"bad \\q\"\n+++\n", FM_ERR_SYNTAX, 2, 10, "invalid escape \\q"},
        {"+++\nk = [\"a\", \"b\\q\"]\n+++\n", FM_ERR_SYNTAX, 2, 13, "invalid escape \\q"},
        {"+++\nk = \"abc\n+++\n", FM_ERR_SYNTAX, 2, 5,
         "string is not closed on its line"},
        {"+++\nk = \"a\001b\"\n+++\n", FM_ERR_ENCODING, 2, 7,
         "control character U+0001 is not allowed in a string (escape it)"},
        {"+++\nk = \"v\"x\n+++\n", FM_ERR_SYNTAX, 2, 8,
         "expected the end of the line, found 'x'"},
        {"+++\nk = [\"a\"]x\n+++\n", FM_ERR_SYNTAX, 2, 10,
         "expected the end of the line, found 'x'"},
        {"+++\nd = 2024-13-01\n+++\n", FM_ERR_SYNTAX, 2, 5,
         "2024-13-01 is not a valid date-time"},
        {"+++\nb = tru\n+++\n", FM_ERR_SYNTAX, 2, 5,
         "expected a value, found \"tru\" (strings must be quoted)"},
        {"+++\nn = 007\n+++\n", FM_ERR_SYNTAX, 2, 5, "leading zeros are not allowed"},
        {"+++\nn = 99999999999999999999\n+++\n", FM_ERR_SYNTAX, 2, 5,
         "integer 99999999999999999999 is out of range (64 bits: -2^63 to 2^63 - 1)"},
    };
    fm_config cfg;
    fm_config_init(&cfg);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        fails_with(cases[i].text, &cfg, cases[i].code, cases[i].line, cases[i].column,
                   cases[i].message);
    cfg.max_scalar_length = 4;
    const char *scalar =
        "scalar of 5 bytes is longer than the limit of 4 (max_scalar_length)";
    fails_with("+++\nabcde = \"x\"\n+++\n", &cfg, FM_ERR_SCALAR_TOO_LONG, 2, 1, scalar);
    fails_with("+++\nk = \"abcde\"\n+++\n", &cfg, FM_ERR_SCALAR_TOO_LONG, 2, 5, scalar);
    fails_with("+++\nk = [\"ab\", \"abcde\"]\n+++\n", &cfg, FM_ERR_SCALAR_TOO_LONG, 2, 12,
               scalar);
    fails_with("+++\nk = 12345\n+++\n", &cfg, FM_ERR_SCALAR_TOO_LONG, 2, 5, scalar);
    fm_config_init(&cfg);
    cfg.max_depth = 1;
    const char *deep = "collections nested deeper than the limit of 1 (max_depth)";
    fails_with("+++\na = \"x\"\nb = [\"y\"]\n+++\n", &cfg, FM_ERR_TOO_DEEP, 3, 5, deep);
    fails_with("+++\nt = []\n+++\n", &cfg, FM_ERR_TOO_DEEP, 2, 5, deep);
    fm_config_init(&cfg);
    cfg.max_keys = 2;
    fails_with("+++\na = \"x\"\nb = [\"y\"]\nc = 1\n+++\n", &cfg, FM_ERR_TOO_MANY_KEYS, 4,
               1, "more than 2 keys in the front matter (max_keys)");
    fm_config_init(&cfg);
    cfg.max_key_length = 2;
    fails_with("+++\nabc = \"x\"\n+++\n", &cfg, FM_ERR_KEY_TOO_LONG, 2, 1,
               "key of 3 bytes is longer than the limit of 2 (max_key_length)");
}
END_TEST

/* ---------------------------------------------------------------- one pass */

/* Whole files around the closing fence, which the loader finds itself as
 * it enters the document's lines (a multi-line string or array looks for
 * it first): fences with blanks, CRLF or no line break, fence-like lines,
 * fences inside multi-line strings and arrays (they close the front matter,
 * as fm_split says), errors before the fence, front matter never closed
 * (with a body that is valid TOML, or not). */
/* clang-format off */
static const char *const one_pass[] = {
    "+++\na = 1\n+++\nbody\n", "+++\na = \"x\"\n+++", "+++\na = 1\n+++  \t\nbody",
    "+++\r\na = 1\r\n+++\r\nbody\r\n", "+++\na = 1\n+++ \r\r\nbody\n", "+++\n+++\nbody\n",
    "+++\n+++", "+++\n+++ ", "\xef\xbb\xbf\n  \n+++\na = 1\n+++\n", "+++\n# c\n+++\n",
    "+++\na = 1 # c\n\n\n+++\n\n\nbody", "+++\na = \"x\"   # c\n+++\n", "+++\n\t\n+++\n",
    "+++\na = 1\n++++\nb = 2\n+++\n", "+++\na = 1\n+++x\n+++\n", "+++\na = 1\n+++ x\n+++\n",
    "+++\na = 1\n +++\n+++\n", "+++\na = 1\n\t+++\n+++\n", "+++\na = 1\n++\n+++\n",
    "+++\na = 1\r+++\n+++\n", "+++\na = 1\r\n+++\n", "+++\r\na = 1\n+++\r\n", "+++\r\na = 1\r\n+++",
    "+++\na = \"\"\"\nx +++\n +++\n++++\n+++ y\n\"\"\"\n+++\nbody\n",
    "+++\na = \"\"\"\nx\n+++\ny\n\"\"\"\n+++\n", "+++\na = '''\nx\n+++\n'''\n+++\n",
    "+++\na = \"\"\"x \\\n\n+++\n  y\"\"\"\n+++\n", "+++\na = \"\"\"\nx\n\"\"\"\n+++\nbody",
    "+++\na = '''x'''\n+++\n", "+++\na = '''\nq'''\n+++", "+++\na = \"\"\"\nx\"\"\"\n+++\nb = 1\n+++\n",
    "+++\na = \"\"\"\nq\"\"\"\n[t]\nb = 1\n+++\n", "+++\na = {b = \"\"\"\n+++\n\"\"\"}\n+++\n",
    "+++\na = [\n  1,\n+++\n  2,\n]\n+++\n", "+++\na = [\n  1,\n  2,\n]\n+++\n",
    "+++\na = [ # c\n  1, # d\n]\nb = 2\n+++\n", "+++\na = [\n+++", "+++\na = [\n\n+++\n",
    "+++\n[t]\nx = 1\n[[u]]\ny = 2\n+++\nbody", "+++\n[t]\n+++\n[t]\n", "+++\na = 1\n+++\na = 1\n+++\n",
    "+++\nbad\n+++\n", "+++\na = 1\nb = \n+++\n", "+++\na = {b = 1\n+++\n}\n+++\n",
    "+++\na = 1\na = 2\n+++\n", "+++\na = \"\xc3\xa9\"\n+++\n\xc3\xa9", "+++\na = \"\xc3\n+++\n",
    "+++\na.b = 1\na.c = [ 1 ,\n 2 ]\n+++\n", "+++\nk1 = 1\nk2 = 2\nk3 = 3\nk4 = 4\nk5 = 5\nk6 = 6\n+++\n",
    "+++\na = 1\n", "+++\na = 1", "+++\n", "+++", "\n+++\na = 1\nb = \"x\"\n",
    "+++\na = 1\nbad\n", "+++\na = \"\"\"\nx\n", "+++\na = [\n1,\n", "+++\na = 1\na = 2\n",
    "+++\na = \"\"\"\n+++ x\n\"\"\"\n", "+++\na = 1\n+++ x\n", "+++\na = [\n1,\n]\n++++\n",
};
/* clang-format on */

/* Each file as with fm_split's search first (FM_OPT_NO_FAST_PATH): the
 * same parts and tree, or the same error; with the defaults, tight limits,
 * FM_OPT_LENIENT and FM_OPT_BORROW. */
START_TEST(one_pass_loads_the_same) {
    for (size_t i = 0; i < sizeof one_pass / sizeof one_pass[0]; i++) {
        for (int c = 0; c < 4; c++) {
            fm_config cfg;
            char why[1024];
            fm_config_init(&cfg);
            cfg.options = c == 2 ? FM_OPT_LENIENT : c == 3 ? FM_OPT_BORROW : 0;
            if (c == 1) {
                cfg.max_depth = 2;
                cfg.max_keys = 5;
                cfg.max_key_length = 6;
                cfg.max_scalar_length = 12;
            }
            ck_assert_msg(fm_parse_diff(one_pass[i], strlen(one_pass[i]), &cfg, NULL, why,
                                        sizeof why) == 0,
                          "case %zu (config %d): %s", i, c, why);
        }
    }
}
END_TEST

/* What the loader does with front matter fmp_split_open left open: 0 when
 * it built the tree (its parts then exactly fm_split's), 1 when the front
 * matter is never closed (the parts left open), -1 on a TOML error. */
static int open_status(const char *s) {
    size_t len = strlen(s);
    fm_config cfg;
    fm_config_init(&cfg);
    fm_parts open, split;
    fm_error err;
    ck_assert_int_eq(fmp_split_open(s, len, 0, &open, NULL), 1);
    ck_assert_int_eq(open.format, FM_FORMAT_TOML);
    ck_assert(open.front + open.front_len == s + len && open.body_len == 0);
    fmp_snap *snap = fmp_snap_for_front(len, &cfg);
    ck_assert_ptr_nonnull(snap);
    snap->text = s;
    snap->len = len;
    snap->borrowed = true;
    snap->parts = open;
    err.code = FM_OK;
    int rc = fmp_load_toml_open(snap, &cfg, &err);
    ck_assert_int_eq(err.code, rc < 0 ? FM_ERR_SYNTAX : FM_OK);
    const fm_parts *p = &snap->parts, *w = rc == 0 ? &split : &open;
    if (rc == 0)
        ck_assert_int_eq(fm_split(s, len, 0, &split, NULL), 0);
    ck_assert(fm_parts_same(p, w));
    ck_assert(rc == 0 ? snap->root != NULL : snap->root == NULL);
    fmp_snap_release(snap);
    return rc;
}

START_TEST(one_pass_closes_the_front_matter) {
    ck_assert_int_eq(open_status("+++\na = 1\n+++\nbody\n"), 0);
    ck_assert_int_eq(open_status("+++\r\na = [1,\r\n  2]\r\n+++ \r\nbody"), 0);
    ck_assert_int_eq(open_status("\xef\xbb\xbf\n+++\na = '''\n+++x\n'''\n+++\t\n  y\n"), 0);
    ck_assert_int_eq(open_status("+++\n+++\n"), 0);
    ck_assert_int_eq(open_status("+++\n# c\n\n+++"), 0);
    ck_assert_int_eq(open_status("+++\n[t]\nb = \"x\"\n+++\n+++\n"), 0);
    /* A TOML error in front matter that closes: the loader's. */
    ck_assert_int_eq(open_status("+++\nbad\n+++\n"), -1);
    ck_assert_int_eq(open_status("+++\na = \"\"\"\n+++\n\"\"\"\n+++\n"), -1);
    /* Never closed, the body valid TOML or not: parts still open. */
    ck_assert_int_eq(open_status("+++\na = 1\n"), 1);
    ck_assert_int_eq(open_status("+++\na = 1\nbad\n"), 1);
    ck_assert_int_eq(open_status("+++\na = 1\n+++ x\n"), 1);
    ck_assert_int_eq(open_status("+++\na = '''\nx\n"), 1);
    ck_assert_int_eq(open_status("+++\na = [\n1,\n]\n"), 1);
}
END_TEST

/* The document made in one pass: its exact parts and tree. */
START_TEST(one_pass_exact_parts_and_tree) {
    const char *in = "\xef\xbb\xbf\n+++\r\na = 1\r\nb = [\"x\"]\r\n+++ \r\nbody\r\n";
    fm_error err;
    fm_doc *doc = fm_doc_parse(in, strlen(in), FM_OPT_BORROW, &err);
    ck_assert_ptr_nonnull(doc);
    const fm_parts *p = fm_doc_parts(doc);
    ck_assert_int_eq(p->format, FM_FORMAT_TOML);
    ck_assert_uint_eq(p->bom_len, 3);
    ck_assert(p->lead == in + 3 && p->lead_len == 1);
    ck_assert(p->open_fence == in + 4 && p->open_fence_len == 5);
    ck_assert(p->front == in + 9 && p->front_len == 18);
    ck_assert(p->close_fence == in + 27 && p->close_fence_len == 6);
    ck_assert(p->body == in + 33 && p->body_len == 6);
    ck_assert_uint_eq(p->front_line, 3);
    ck_assert_uint_eq(p->body_line, 6);
    ck_assert_int_eq(p->crlf, 1);
    const fm_value *root = fm_doc_root(doc), *b = fm_value_lookup(root, "b", 1);
    ck_assert_uint_eq(fm_value_size(root), 2);
    ck_assert_int_eq(fm_value_int(fm_value_lookup(root, "a", 1), -1), 1);
    ck_assert_str_eq(fm_value_text(fm_value_at(b, 0), NULL), "x");
    span_is(b, 4, 5, 4, 10);
    ck_assert_uint_eq(b->start, 20);
    ck_assert_uint_eq(b->end, 25);
    span_is(root, 3, 1, 4, 10);
    ck_assert_uint_eq(root->end, 25);
    fm_doc_free(doc);
}
END_TEST

/* A line that is a closing fence ends the front matter wherever it stands,
 * as fm_split finds it: inside a multi-line string or array too (the string
 * or array is then not closed); lines with more than the fence do not. */
START_TEST(one_pass_fence_inside_values) {
    fm_config cfg;
    fm_config_init(&cfg);
    fails_with("+++\na = \"\"\"\nx\n+++\ny\n\"\"\"\n+++\n", &cfg, FM_ERR_SYNTAX, 2, 5,
               "string is not closed");
    fails_with("+++\nb = 1\na = '''\n+++ \t\n'''\n+++\n", &cfg, FM_ERR_SYNTAX, 3, 5,
               "string is not closed");
    fails_with("+++\na = [\n  1,\n+++\n  2,\n]\n+++\n", &cfg, FM_ERR_SYNTAX, 4, 1,
               "expected a value, found the end of the text");
    fm_doc *doc =
        parse_with("+++\na = \"\"\"\nx +++\n +++\n++++\n+++ y\n\"\"\"\n+++\nbody\n", &cfg);
    ck_assert_str_eq(fm_value_text(fm_doc_get(doc, "a"), NULL), "x +++\n +++\n++++\n+++ y\n");
    span_is(fm_doc_get(doc, "a"), 2, 5, 7, 4);
    ck_assert_str_eq(fm_doc_parts(doc)->body, "body\n");
    ck_assert_uint_eq(fm_doc_parts(doc)->body_line, 9);
    fm_doc_free(doc);
}
END_TEST

/* Never closed: fm_split's error at the opening fence whatever the rest
 * holds, or with FM_OPT_LENIENT no front matter (the whole text the body). */
START_TEST(one_pass_unterminated) {
    static const char *const cases[] = {"\n+++\na = 1\n", "\n+++\na = '''\n  x\n",
                                        "\n+++\na = 1\nbad\n", "\n+++\na = [\n"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *in = cases[i];
        fm_error err;
        ck_assert_ptr_null(fm_doc_parse(in, strlen(in), 0, &err));
        ck_assert_int_eq(err.code, FM_ERR_UNTERMINATED);
        ck_assert_uint_eq(err.line, 2);
        ck_assert_uint_eq(err.column, 1);
        ck_assert_uint_eq(err.offset, 1);
        ck_assert_str_eq(err.message,
                         "front matter opened here is never closed (no closing +++)");
        err.code = FM_OK;
        fm_doc *doc = fm_doc_parse(in, strlen(in), FM_OPT_LENIENT, &err);
        ck_assert_ptr_nonnull(doc);
        ck_assert_int_eq(err.code, FM_OK); /* nothing the loader met is reported */
        ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_NONE);
        ck_assert_uint_eq(fm_value_size(fm_doc_root(doc)), 0);
        ck_assert_uint_eq(fm_doc_parts(doc)->body_len, strlen(in));
        fm_doc_free(doc);
    }
}
END_TEST

/* What a parse failing allocation n of `al` gives: closed front matter
 * (i == 0) the tree of fm_split's way or FM_ERR_NOMEM; front matter never
 * closed fm_split's error, or with FM_OPT_LENIENT (opts 2) no front matter
 * or FM_ERR_NOMEM. */
static void check_out_of_memory(const fm_doc *doc, const fm_error *err, const fm_doc *ref,
                                size_t i, unsigned opts, long n) {
    char why[1024];
    if (i == 0 && doc)
        ck_assert_msg(fm_tree_diff(fm_doc_root(doc), fm_doc_root(ref), why, sizeof why) == 0,
                      "allocation %ld: %s", n, why);
    else if (i == 0)
        ck_assert_msg(err->code == FM_ERR_NOMEM, "allocation %ld: %s", n, err->message);
    else if (opts == 2)
        ck_assert(doc ? fm_doc_format(doc) == FM_FORMAT_NONE : err->code == FM_ERR_NOMEM);
    else {
        ck_assert_ptr_null(doc);
        ck_assert_msg(err->code == FM_ERR_UNTERMINATED, "allocation %ld: %s", n,
                      err->message);
        ck_assert_uint_eq(err->line, 1);
        ck_assert_uint_eq(err->column, 1);
    }
}

/* Failing each allocation in turn, closed or never closed front matter,
 * copied, borrowed or lenient: as check_out_of_memory says; nothing leaks. */
START_TEST(one_pass_out_of_memory) {
    static char closed[1 << 14];
    size_t len = (size_t)snprintf(closed, sizeof closed, "+++\n");
    for (int i = 0; i < 200; i++)
        len += (size_t)snprintf(closed + len, sizeof closed - len, "key%d = [\"v\", 1]\n", i);
    len += (size_t)snprintf(closed + len, sizeof closed - len, "+++\n");
    const char *texts[] = {closed, "+++\na = 1\nb = [\"x\"]\n", "+++\na = '''\n  x\n"};
    fm_config ref_cfg;
    fm_config_init(&ref_cfg);
    ref_cfg.options = FM_OPT_NO_FAST_PATH;
    fm_doc *ref = fm_doc_parse_config(closed, len, &ref_cfg, NULL);
    ck_assert_ptr_nonnull(ref);
    for (size_t i = 0; i < 3; i++) {
        for (unsigned opts = 0; opts <= 2; opts++) {
            for (long n = 1;; n++) {
                failing f = {n, 0, 0};
                fm_allocator al = {f_malloc, f_realloc, f_free, &f};
                fm_config cfg;
                fm_error err;
                fm_config_init(&cfg);
                cfg.allocator = &al;
                cfg.options = opts == 1 ? FM_OPT_BORROW : opts == 2 ? FM_OPT_LENIENT : 0;
                fm_doc *doc = fm_doc_parse_config(texts[i], i == 0 ? len : strlen(texts[i]),
                                                  &cfg, &err);
                check_out_of_memory(doc, &err, ref, i, opts, n);
                fm_doc_free(doc);
                ck_assert_int_eq(f.live, 0);
                if (f.count < n)
                    break; /* every allocation has been failed once */
            }
        }
    }
    fm_doc_free(ref);
}
END_TEST

/* ---------------------------------------------------------------- article */

START_TEST(typed_article) {
    fm_doc *doc = fm_test_parse("+++\ntitle = \"T\"\ndate = 2025-02-11T01:46:07+01:00\n"
                                "lastmod = 2025-02-12\ndraft = true\nweight = 7\n"
                                "tags = [\"a\", \"b\"]\nexpiryDate = 10:00:00\n"
                                "[params]\nauthor = \"Ann\"\n+++\nbody\n",
                                0);
    fm_error err;
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    ck_assert_ptr_nonnull(a);
    ck_assert_str_eq(a->title.ptr, "T");
    ck_assert_int_eq(a->date.hour, 1);
    ck_assert_int_eq(a->date.utc_offset, 60);
    ck_assert_uint_eq(a->date.flags, FM_DT_SET | FM_DT_HAS_TIME | FM_DT_HAS_OFFSET);
    ck_assert_uint_eq(a->lastmod.flags, FM_DT_SET);
    ck_assert_int_eq(a->draft, FM_TRUE);
    ck_assert_int_eq(a->weight, 7);
    ck_assert_uint_eq(a->tags.count, 2);
    ck_assert_str_eq(a->tags.items[1].ptr, "b");
    /* A time of day is not a date. */
    ck_assert_uint_eq(a->expiry_date.flags, 0);
    ck_assert_uint_eq(a->diagnostic_count, 1);
    ck_assert_int_eq(a->diagnostics[0].code, FM_ERR_TYPE);
    ck_assert_uint_eq(a->diagnostics[0].line, 8);
    ck_assert_str_eq(a->diagnostics[0].message,
                     "\"expiryDate\": expected a date, found timestamp \"10:00:00\"");
    ck_assert_uint_eq(a->extra_count, 1);
    ck_assert_str_eq(a->extra[0].key, "params");
    fm_article_free(a);
    fm_doc_free(doc);
}
END_TEST

static Suite *toml_suite(void) {
    Suite *s = suite_create("toml");
    TCase *shape = tcase_create("shape");
    tcase_add_test(shape, root_and_header_tables);
    tcase_add_test(shape, dotted_tables);
    tcase_add_test(shape, arrays_of_tables);
    tcase_add_test(shape, inline_tables_and_arrays);
    tcase_add_test(shape, weights_count_nodes);
    tcase_add_test(shape, implicit_tables);
    tcase_add_test(shape, implicit_then_dotted);
    suite_add_tcase(s, shape);
    TCase *scalars = tcase_create("scalars");
    tcase_add_test(scalars, strings_of_every_kind);
    tcase_add_test(scalars, numbers_keep_their_text);
    tcase_add_test(scalars, date_times_of_every_kind);
    tcase_add_test(scalars, columns_and_crlf);
    tcase_add_test(scalars, empty_front_matter);
    suite_add_tcase(s, scalars);
    TCase *limits = tcase_create("limits");
    tcase_add_test(limits, depth_limit);
    tcase_add_test(limits, deep_nesting_does_not_recurse);
    tcase_add_test(limits, key_limits);
    tcase_add_test(limits, scalar_limit);
    tcase_add_test(limits, duplicates_are_always_errors);
    tcase_set_timeout(limits, 60);
    suite_add_tcase(s, limits);
    TCase *usual = tcase_create("usual_line");
    tcase_add_test(usual, usual_lines);
    tcase_add_test(usual, usual_line_edges);
    tcase_add_test(usual, usual_line_errors);
    suite_add_tcase(s, usual);
    TCase *pass = tcase_create("one_pass");
    tcase_add_test(pass, one_pass_loads_the_same);
    tcase_add_test(pass, one_pass_closes_the_front_matter);
    tcase_add_test(pass, one_pass_exact_parts_and_tree);
    tcase_add_test(pass, one_pass_fence_inside_values);
    tcase_add_test(pass, one_pass_unterminated);
    tcase_add_test(pass, one_pass_out_of_memory);
    tcase_set_timeout(pass, 120);
    suite_add_tcase(s, pass);
    TCase *use = tcase_create("use");
    tcase_add_test(use, typed_article);
    suite_add_tcase(s, use);
    return s;
}

int main(void) {
    return fm_test_run_suite(toml_suite());
}
