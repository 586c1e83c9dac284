/* SPDX-License-Identifier: MIT */
/* check_toml_edit.c - TOML front matter edited in TOML syntax: the renderer
 * read back by the loader, the string battery through every TOML shape, each
 * kind of edit pinned to exact bytes, new documents, words typed as TOML.
 * Linked with the library's objects so that it can call toml_render.c. */
#include <math.h>
#include <stdint.h>

#include "battery.h"
#include "edit_asserts.h"
#include "private.h"
#include "readfile.h"

/* ===================================================================== */
/* Helpers                                                               */
/* ===================================================================== */

/* The document `+++\n<head><text><tail>+++\n` (text: n bytes). */
static fm_doc *wrap(const char *head, const char *text, size_t n, const char *tail) {
    fmp_buf b;
    fmp_buf_init(&b, fmp_allocator_or_default(NULL));
    fmp_buf_puts(&b, "+++\n");
    fmp_buf_puts(&b, head);
    fmp_buf_put(&b, text, n);
    fmp_buf_puts(&b, tail);
    fmp_buf_puts(&b, "+++\n");
    ck_assert(!b.failed);
    fm_doc *doc = parse_n(b.data, b.len);
    fmp_buf_free(&b);
    return doc;
}

/* The value of `v = SRC` in TOML (a copy: free it). */
static fm_value *toml_value(const char *src) {
    fm_doc *doc = wrap("v = ", src, strlen(src), "\n");
    fm_value *v = fm_value_copy(fm_doc_get(doc, "v"));
    fm_doc_free(doc);
    ck_assert_ptr_nonnull(v);
    return v;
}

/* Renders v on one line, loads it back as `k = ...` and expects v; returns
 * the rendering's text (static: the last one). */
static const char *round_trip(const fm_value *v, fmp_toml_kind kind) {
    static char text[4096];
    fmp_buf b;
    fmp_buf_init(&b, fmp_allocator_or_default(NULL));
    const char *why = NULL;
    ck_assert_int_eq(fmp_toml_render_inline(&b, v, kind, &why), 0);
    ck_assert(!b.failed && b.len < sizeof text);
    memcpy(text, b.data, b.len + 1);
    fm_doc *doc = wrap("k = ", b.data, b.len, "\n");
    const fm_value *got = fm_doc_get(doc, "k");
    ck_assert_msg(fm_value_equal(got, v), "\"%s\" reads back as another value",
                  esc(b.data, b.len));
    fm_doc_free(doc);
    fmp_buf_free(&b);
    return text;
}

/* Runs an edit on input and expects the exact text; op is "set" (arg: a
 * TOML value's source), "str" (arg: a string), "unset" or "rename". */
#define EDIT_IS(input, op, path, arg, expect) edit_is(__LINE__, input, op, path, arg, expect)

static int run_op(fm_doc *doc, const char *op, const char *path, const char *arg,
                  fm_error *err) {
    if (strcmp(op, "unset") == 0)
        return fm_doc_remove(doc, path, err);
    if (strcmp(op, "rename") == 0)
        return fm_doc_rename(doc, path, arg, err);
    if (strcmp(op, "str") == 0)
        return fm_doc_set_string(doc, path, arg, strlen(arg), err);
    fm_value *v = toml_value(arg);
    int rc = fm_doc_set(doc, path, v, err);
    fm_value_free(v);
    return rc;
}

static void edit_is(int line, const char *input, const char *op, const char *path,
                    const char *arg, const char *expect) {
    fm_doc *doc = fm_test_parse(input, 0);
    fm_error err;
    memset(&err, 0, sizeof err);
    int rc = run_op(doc, op, path, arg, &err);
    ck_assert_msg(rc == 0, "line %d: %s %s: %s: %s", line, op, path, fm_code_name(err.code),
                  err.message);
    assert_emits(line, doc, expect, strlen(expect));
    fm_doc_free(doc);
}

/* ===================================================================== */
/* The renderer, read back by the loader                                 */
/* ===================================================================== */

START_TEST(strings_of_every_kind_read_back) {
    static const fmp_toml_kind kinds[] = {FMP_TOML_BASIC, FMP_TOML_LITERAL,
                                          FMP_TOML_ML_BASIC, FMP_TOML_ML_LITERAL};
    battery bat;
    char s[512];
    size_t n;
    battery_start(&bat);
    while ((n = battery_next(&bat, s)) != (size_t)-1) {
        fm_value *v = fm_value_new_string(s, n, NULL);
        for (size_t k = 0; k < COUNT(kinds); k++)
            round_trip(v, kinds[k]);
        fm_value_free(v);
        /* and as a key */
        fmp_buf b;
        fmp_buf_init(&b, fmp_allocator_or_default(NULL));
        fmp_toml_render_key(&b, s, n);
        fm_doc *doc = wrap("", b.data, b.len, " = 1\n");
        size_t kl;
        const char *key = fm_value_key_text(fm_doc_root(doc), 0, &kl);
        ck_assert_msg(kl == n && memcmp(key, s, n) == 0, "key \"%s\" read back as \"%s\"",
                      esc(s, n), esc(key, kl));
        fm_doc_free(doc);
        fmp_buf_free(&b);
    }
}
END_TEST

/* The kind asked for when it can hold the string, else the nearest. */
START_TEST(string_kinds_fall_back) {
    static const struct {
        const char *s;
        fmp_toml_kind kind;
        const char *want;
    } cases[] = {
        {"plain", FMP_TOML_BASIC, "\"plain\""},
        {"plain", FMP_TOML_LITERAL, "'plain'"},
        {"C:\\dir", FMP_TOML_LITERAL, "'C:\\dir'"},
        {"it's", FMP_TOML_LITERAL, "\"it's\""},
        {"tab\there", FMP_TOML_LITERAL, "'tab\there'"},
        {"a\nb", FMP_TOML_LITERAL, "\"a\\nb\""},
        {"one line", FMP_TOML_ML_BASIC, "\"one line\""},
        {"one line", FMP_TOML_ML_LITERAL, "\"one line\""},
        {"a\nb", FMP_TOML_ML_BASIC, "\"\"\"\na\nb\"\"\""},
        {"a\nb", FMP_TOML_ML_LITERAL, "'''\na\nb'''"},
        {"a\nb'", FMP_TOML_ML_LITERAL, "\"\"\"\na\nb'\"\"\""},
        {"a\n'''", FMP_TOML_ML_LITERAL, "\"\"\"\na\n'''\"\"\""},
        {"a\r\nb", FMP_TOML_ML_LITERAL, "\"\"\"\na\\r\nb\"\"\""},
        {"q\"\n\"\"\"", FMP_TOML_ML_BASIC, "\"\"\"\nq\"\n\"\"\\\"\"\"\""},
        {"end\"\n", FMP_TOML_ML_BASIC, "\"\"\"\nend\"\n\"\"\""},
        {"x\n\"", FMP_TOML_ML_BASIC, "\"\"\"\nx\n\\\"\"\"\""},
        {"\x01\x7F\x1B\b\f\r\\\"", FMP_TOML_BASIC, "\"\\u0001\\u007F\\u001B\\b\\f\\r\\\\\\\"\""},
        {"", FMP_TOML_LITERAL, "''"},
        {"\xC3\xA9\xE2\x80\xA8", FMP_TOML_BASIC, "\"\xC3\xA9\xE2\x80\xA8\""},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        fm_value *v = fm_value_new_string(cases[i].s, strlen(cases[i].s), NULL);
        const char *got = round_trip(v, cases[i].kind);
        ck_assert_msg(strcmp(got, cases[i].want) == 0, "case %zu: \"%s\", want \"%s\"", i,
                      esc(got, strlen(got)), esc(cases[i].want, strlen(cases[i].want)));
        fm_value_free(v);
    }
}
END_TEST

START_TEST(keys_bare_or_quoted) {
    static const struct {
        const char *key, *want;
    } cases[] = {
        {"title", "title"},   {"A-Z_09", "A-Z_09"}, {"1234", "1234"},
        {"", "\"\""},         {"a.b", "\"a.b\""},   {"a b", "\"a b\""},
        {"\xC3\xA9", "\"\xC3\xA9\""}, {"q\"", "\"q\\\"\""}, {"n\n", "\"n\\n\""},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        fmp_buf b;
        fmp_buf_init(&b, fmp_allocator_or_default(NULL));
        fmp_toml_render_key(&b, cases[i].key, strlen(cases[i].key));
        ck_assert_str_eq(b.data ? b.data : "", cases[i].want);
        fmp_buf_free(&b);
    }
}
END_TEST

START_TEST(numbers_and_booleans) {
    static const struct {
        const char *src, *want;
    } cases[] = {
        {"0", "0"},
        {"-1", "-1"},
        {"0x7FFFFFFFFFFFFFFF", "9223372036854775807"},
        {"-9223372036854775808", "-9223372036854775808"},
        {"1_000", "1000"},
        {"0b101", "5"},
        {"0.0", "0.0"},
        {"-0.0", "-0.0"},
        {"1.5", "1.5"},
        {"0.1", "0.1"},
        {"100.0", "100.0"},
        {"1e15", "1.0e+15"},
        {"1e16", "1.0e+16"},
        {"1e300", "1.0e+300"},
        {"5e-324", "4.94065645841247e-324"},
        {"1.7976931348623157e308", "1.7976931348623157e+308"},
        {"-2.5e-8", "-2.5e-08"},
        {"inf", "inf"},
        {"+inf", "inf"},
        {"-inf", "-inf"},
        {"nan", "nan"},
        {"-nan", "nan"},
        {"true", "true"},
        {"false", "false"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        fm_value *v = toml_value(cases[i].src);
        ck_assert_str_eq(round_trip(v, FMP_TOML_BASIC), cases[i].want);
        fm_value_free(v);
    }
    fm_value *zero = toml_value("-0.0");
    ck_assert(signbit(fm_value_float(zero, 0)));
    fm_value_free(zero);
}
END_TEST

START_TEST(date_times_of_every_kind) {
    static const struct {
        const char *src, *want;
    } cases[] = {
        {"1979-05-27T07:32:00Z", "1979-05-27T07:32:00Z"},
        {"1979-05-27 07:32:00z", "1979-05-27T07:32:00Z"},
        {"1979-05-27T00:32:00.999999-07:00", "1979-05-27T00:32:00.999999-07:00"},
        {"1979-05-27T00:32:00+05:30", "1979-05-27T00:32:00+05:30"},
        {"1979-05-27T07:32:00", "1979-05-27T07:32:00"},
        {"1979-05-27T07:32:00.5", "1979-05-27T07:32:00.5"},
        {"1979-05-27", "1979-05-27"},
        {"07:32:00", "07:32:00"},
        {"00:32:00.123456789", "00:32:00.123456789"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        fm_value *v = toml_value(cases[i].src);
        ck_assert_str_eq(round_trip(v, FMP_TOML_BASIC), cases[i].want);
        fm_value_free(v);
    }
    /* A YAML date-time with a short offset comes out as TOML writes one. */
    fm_doc *y = fm_test_parse("---\nd: 2001-12-14 21:59:43.10 -5\n---\n", 0);
    ck_assert_str_eq(round_trip(fm_doc_get(y, "d"), FMP_TOML_BASIC),
                     "2001-12-14T21:59:43.1-05:00");
    fm_doc_free(y);
}
END_TEST

START_TEST(arrays_and_inline_tables) {
    static const struct {
        const char *src, *want;
        fmp_toml_kind kind;
    } cases[] = {
        {"[]", "[]", FMP_TOML_BASIC},
        {"{}", "{}", FMP_TOML_BASIC},
        {"[1, 'a', \"b\", 2.5, true, 1979-05-27]", "[1, 'a', 'b', 2.5, true, 1979-05-27]",
         FMP_TOML_LITERAL},
        {"[[1, 2], [], ['x']]", "[[1, 2], [], [\"x\"]]", FMP_TOML_BASIC},
        {"{ a = 1, 'b c' = [\"x\"], d.e = { f = 'g' } }",
         "{ a = 1, \"b c\" = ['x'], d = { e = { f = 'g' } } }", FMP_TOML_LITERAL},
        {"[{ a = 1 }, { }]", "[{ a = 1 }, {}]", FMP_TOML_BASIC},
        {"[\"\"\"\nline\nbreak\"\"\"]", "[\"\"\"\nline\nbreak\"\"\"]", FMP_TOML_ML_BASIC},
        {"{ s = \"a\\nb\" }", "{ s = \"a\\nb\" }", FMP_TOML_ML_LITERAL},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        fm_value *v = toml_value(cases[i].src);
        ck_assert_str_eq(round_trip(v, cases[i].kind), cases[i].want);
        fm_value_free(v);
    }
}
END_TEST

/* Key/value lines: nested tables as dotted keys under their key, arrays of
 * tables inline, keys quoted where they must be; indent and line end. */
START_TEST(pairs_as_lines) {
    fm_value *map = toml_value("{ title = 'T', extra = { a = 1, b = { 'c d' = [1, 2] }, e = {} },"
                               " list = [{ x = 1 }, { y = { z = 'w' } }], \"\u00e9\" = true }");
    fmp_buf b, prefix;
    fmp_buf_init(&b, fmp_allocator_or_default(NULL));
    fmp_buf_init(&prefix, fmp_allocator_or_default(NULL));
    fmp_toml_lines l = {"  ", 2, &prefix, FMP_TOML_BASIC, "\r\n"};
    const char *why = NULL;
    ck_assert_int_eq(fmp_toml_render_lines(&b, map, &l, &why), 0);
    ck_assert_str_eq(b.data, "  title = \"T\"\r\n"
                             "  extra.a = 1\r\n"
                             "  extra.b.\"c d\" = [1, 2]\r\n"
                             "  extra.e = {}\r\n"
                             "  list = [{ x = 1 }, { y = { z = \"w\" } }]\r\n"
                             "  \"\xC3\xA9\" = true\r\n");
    ck_assert_uint_eq(prefix.len, 0);
    /* one pair under a prefix the caller gives */
    b.len = 0;
    fmp_buf_puts(&prefix, "p.");
    l = (fmp_toml_lines){"", 0, &prefix, FMP_TOML_LITERAL, "\n"};
    ck_assert_int_eq(fmp_toml_render_pair(&b, "k", 1, fm_value_lookup(map, "extra", 5), &l,
                                          &why),
                     0);
    ck_assert_str_eq(b.data, "p.k.a = 1\np.k.b.\"c d\" = [1, 2]\np.k.e = {}\n");
    ck_assert_uint_eq(prefix.len, 2);
    /* the lines read back as the table */
    fm_doc *doc = wrap("", b.data, b.len, "");
    ck_assert(fm_value_equal(fm_value_lookup(fm_doc_get(doc, "p"), "k", 1),
                             fm_value_lookup(map, "extra", 5)));
    fm_doc_free(doc);
    fmp_buf_free(&prefix);
    fmp_buf_free(&b);
    fm_value_free(map);
}
END_TEST

START_TEST(what_toml_cannot_hold) {
    fm_doc *y = fm_test_parse("---\nn: null\nl: [1, ~]\nm: {a: {b: null}}\n"
                              "c: {[1, 2]: x}\nok: [1, {a: 2}]\n---\n",
                              0);
    static const struct {
        const char *key, *why;
    } cases[] = {
        {"n", "TOML has no null"},
        {"l", "TOML has no null"},
        {"m", "TOML has no null"},
        {"c", "TOML keys are strings, not collections"},
        {"ok", NULL},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        const fm_value *v = fm_doc_get(y, cases[i].key);
        const char *why = fmp_toml_cannot_hold(v);
        if (!cases[i].why) {
            ck_assert_ptr_null(why);
            continue;
        }
        ck_assert_str_eq(why ? why : "(none)", cases[i].why);
        fmp_buf b;
        fmp_buf_init(&b, fmp_allocator_or_default(NULL));
        const char *said = NULL;
        ck_assert_int_eq(fmp_toml_render_inline(&b, v, FMP_TOML_BASIC, &said), -1);
        ck_assert_str_eq(said, cases[i].why);
        fmp_buf_free(&b);
    }
    fm_doc_free(y);
}
END_TEST

/* ===================================================================== */
/* The string battery through every TOML shape                           */
/* ===================================================================== */

/* Reads the edited text back: it loads, z and the body are unchanged, and
 * so are the bytes before and after the edit. */
static fm_doc *reread(const fm_doc *doc, const shape *sh, const char *what) {
    size_t len;
    const char *out = fm_doc_text(doc, &len);
    fm_error err;
    memset(&err, 0, sizeof err);
    fm_doc *fresh = fm_doc_parse(out, len, 0, &err);
    ck_assert_msg(fresh != NULL, "%s, %s: the text does not load (%s): \"%s\"", sh->name,
                  what, err.message, esc(out, len));
    ck_assert_int_eq(fm_doc_format(fresh), FM_FORMAT_TOML);
    const fm_value *z = fm_doc_get(fresh, "z");
    ck_assert_msg(fm_value_type(z) == FM_INT && fm_value_int(z, 0) == 1,
                  "%s, %s: z changed: \"%s\"", sh->name, what, esc(out, len));
    size_t blen, hl = strlen(sh->head), tl = strlen(sh->tail);
    const char *body = fm_doc_body(fresh, &blen);
    ck_assert_msg(blen == 5 && memcmp(body, "body\n", 5) == 0,
                  "%s, %s: body changed: \"%s\"", sh->name, what, esc(out, len));
    ck_assert_msg(len >= hl + tl && memcmp(out, sh->head, hl) == 0 &&
                      memcmp(out + len - tl, sh->tail, tl) == 0,
                  "%s, %s: bytes outside the edit changed: \"%s\"", sh->name, what,
                  esc(out, len));
    return fresh;
}

/* Sets the value back as it was (or removes what was added): the input's
 * bytes come back. */
static void restore(fm_doc *doc, const shape *sh, const char *what) {
    fm_error err;
    if (sh->undo)
        EDIT_OK(fm_doc_remove(doc, sh->undo, &err));
    else if (sh->orig_is_int)
        EDIT_OK(fm_doc_set_int(doc, sh->path, 1, &err));
    else if (sh->orig)
        EDIT_OK(fm_doc_set_string(doc, sh->path, sh->orig, strlen(sh->orig), &err));
    else
        return;
    size_t len;
    const char *text = fm_doc_text(doc, &len);
    ck_assert_msg(len == strlen(sh->text) && memcmp(text, sh->text, len) == 0,
                  "%s, %s: restoring gave \"%s\"", sh->name, what, esc(text, len));
}

static void value_shape(const shape *sh, const char *s, size_t n) {
    fm_error err;
    fm_doc *doc = fm_test_parse(sh->text, 0);
    EDIT_OK(fm_doc_set_string(doc, sh->path, s, n, &err));
    fm_doc *fresh = reread(doc, sh, esc(s, n));
    size_t got_len = 0;
    const char *got = fm_value_string(fm_doc_get(fresh, sh->path), &got_len);
    size_t len;
    const char *text = fm_doc_text(doc, &len);
    ck_assert_msg(got && got_len == n && memcmp(got, s, n) == 0,
                  "%s: set \"%s\", read back \"%s\" from \"%s\"", sh->name, esc(s, n),
                  got ? esc(got, got_len) : "(no string)", esc(text, len));
    fm_doc_free(fresh);
    restore(doc, sh, esc(s, n));
    fm_doc_free(doc);
}

static void key_shape(const shape *sh, const char *s, size_t n) {
    fm_error err;
    fm_doc *doc = fm_test_parse(sh->text, 0);
    fm_value *m = fm_value_new_mapping();
    ck_assert_int_eq(fm_value_put(m, s, n, fm_value_new_string("v", 1, NULL)), 0);
    EDIT_OK(fm_doc_set(doc, sh->path, m, &err));
    fm_value_free(m);
    fm_doc *fresh = reread(doc, sh, esc(s, n));
    const fm_value *map = fm_doc_get(fresh, sh->path);
    const fm_value *got = fm_value_lookup(map, s, n);
    size_t len;
    const char *text = fm_doc_text(doc, &len);
    ck_assert_msg(got && fm_value_size(map) == 1 &&
                      strcmp(fm_value_string(got, NULL), "v") == 0,
                  "%s: key \"%s\" does not read back from \"%s\"", sh->name, esc(s, n),
                  esc(text, len));
    fm_doc_free(fresh);
    restore(doc, sh, esc(s, n));
    fm_doc_free(doc);
}

static void rename_shape(const shape *sh, const char *s, size_t n) {
    if (memchr(s, '\0', n) || (n == 1 && *s == 'z'))
        return; /* rename takes a C string; z is the other key */
    fm_error err;
    fm_doc *doc = fm_test_parse(sh->text, 0);
    const fm_value *root = fm_doc_root(doc);
    size_t keys = fm_value_size(root);
    fm_value *old = fm_value_copy(fm_doc_get(doc, sh->path));
    if (strcmp(s, sh->path) == 0) {
        EDIT_OK(fm_doc_rename(doc, sh->path, s, &err));
        fm_value_free(old);
        fm_doc_free(doc);
        return;
    }
    EDIT_OK(fm_doc_rename(doc, sh->path, s, &err));
    fm_doc *fresh = reread(doc, sh, esc(s, n));
    const fm_value *got = fm_value_lookup(fm_doc_root(fresh), s, n);
    size_t len;
    const char *text = fm_doc_text(doc, &len);
    ck_assert_msg(got && fm_value_equal(got, old) &&
                      fm_value_size(fm_doc_root(fresh)) == keys,
                  "%s: renamed to \"%s\", read back wrong from \"%s\"", sh->name, esc(s, n),
                  esc(text, len));
    fm_value_free(old);
    fm_doc_free(fresh);
    fm_doc_free(doc);
}

START_TEST(battery_through_every_shape) {
    battery bat;
    char s[512];
    size_t n;
    battery_start(&bat);
    while ((n = battery_next(&bat, s)) != (size_t)-1) {
        for (size_t i = 0; i < COUNT(battery_toml_shapes); i++) {
            const shape *sh = &battery_toml_shapes[i];
            if (sh->edit == EDIT_VALUE)
                value_shape(sh, s, n);
            else if (sh->edit == EDIT_KEY)
                key_shape(sh, s, n);
            else
                rename_shape(sh, s, n);
        }
    }
}
END_TEST

/* ===================================================================== */
/* Each kind of edit, pinned to exact bytes                              */
/* ===================================================================== */

#define PAGE                                                                             \
    "+++\n"                                                                              \
    "title = 'Old'\n"                                                                    \
    "tags = [\"a\", \"b\"]\n"                                                        \
    "\n"                                                                                 \
    "[extra]\n"                                                                          \
    "  author = { name = \"Ann\" }\n"                                                    \
    "  banner.image = \"b.png\"\n"                                                       \
    "  banner.alt = \"Alt\"\n"                                                           \
    "\n"                                                                                 \
    "[[links]]\n"                                                                        \
    "url = \"https://a\"\n"                                                              \
    "[[links]]\n"                                                                        \
    "url = \"https://b\"\n"                                                              \
    "+++\n"                                                                              \
    "body\n"

/* PAGE with its only occurrence of `from` replaced by `to`. */
#define PAGE_WITH(from, to) page_with(from, to)

static const char *page_with(const char *from, const char *to) {
    static char out[4][1024];
    static unsigned next;
    char *buf = out[next++ % 4];
    char *made = with_replaced(PAGE, from, to);
    ck_assert(strlen(made) < sizeof out[0]);
    strcpy(buf, made);
    free(made);
    return buf;
}

START_TEST(values_change_in_place) {
    EDIT_IS(PAGE, "str", "title", "New", PAGE_WITH("title = 'Old'", "title = 'New'"));
    EDIT_IS(PAGE, "str", "title", "It's", PAGE_WITH("title = 'Old'", "title = \"It's\""));
    EDIT_IS(PAGE, "set", "title", "3", PAGE_WITH("title = 'Old'", "title = 3"));
    EDIT_IS(PAGE, "set", "title", "[1, 2]", PAGE_WITH("title = 'Old'", "title = [1, 2]"));
    EDIT_IS(PAGE, "set", "title", "{ a = 'x' }",
            PAGE_WITH("title = 'Old'", "title = { a = 'x' }"));
    EDIT_IS(PAGE, "str", "tags.1", "c", PAGE_WITH("\"b\"]", "\"c\"]"));
    EDIT_IS(PAGE, "set", "tags", "['x', 'y']", PAGE_WITH("[\"a\", \"b\"]", "[\"x\", \"y\"]"));
    EDIT_IS(PAGE, "str", "extra.author.name", "Bo", PAGE_WITH("\"Ann\"", "\"Bo\""));
    EDIT_IS(PAGE, "str", "extra.banner.alt", "A\nB",
            PAGE_WITH("banner.alt = \"Alt\"", "banner.alt = \"A\\nB\""));
    EDIT_IS(PAGE, "str", "links.1.url", "u", PAGE_WITH("\"https://b\"", "\"u\""));
    EDIT_IS(PAGE, "set", "links.0.url", "1979-05-27T07:32:00Z",
            PAGE_WITH("\"https://a\"", "1979-05-27T07:32:00Z"));
    /* a multi-line string keeps its kind */
    EDIT_IS("+++\ns = '''\nold\n'''\n+++\n", "str", "s", "new\nlines",
            "+++\ns = '''\nnew\nlines'''\n+++\n");
    EDIT_IS("+++\ns = \"\"\"\nold\"\"\"\n+++\n", "str", "s", "a\n'''",
            "+++\ns = \"\"\"\na\n'''\"\"\"\n+++\n");
    /* CRLF documents get one-line strings */
    EDIT_IS("+++\r\ns = '''\r\nold'''\r\n+++\r\n", "str", "s", "a\nb",
            "+++\r\ns = \"a\\nb\"\r\n+++\r\n");
}
END_TEST

START_TEST(new_keys_go_where_toml_reads_them) {
    /* before the first table, after the last line of the root's keys */
    EDIT_IS(PAGE, "str", "draft", "no",
            PAGE_WITH("\"b\"]\n", "\"b\"]\ndraft = 'no'\n"));
    /* at the end of their table's lines, with its indent */
    EDIT_IS(PAGE, "set", "extra.toc", "true",
            PAGE_WITH("\"Alt\"\n", "\"Alt\"\n  toc = true\n"));
    /* in a table of an array of tables: that table's lines */
    EDIT_IS(PAGE, "set", "links.0.rel", "'me'",
            PAGE_WITH("\"https://a\"\n", "\"https://a\"\nrel = 'me'\n"));
    /* in dotted keys: one more dotted key after them */
    EDIT_IS(PAGE, "str", "extra.banner.w", "9",
            PAGE_WITH("\"Alt\"\n", "\"Alt\"\n  banner.w = '9'\n"));
    /* in an inline table: before its brace */
    EDIT_IS(PAGE, "str", "extra.author.url", "u",
            PAGE_WITH("{ name = \"Ann\" }", "{ name = \"Ann\", url = 'u' }"));
    /* a missing table: [name] at the end */
    EDIT_IS(PAGE, "str", "taxonomies.tags", "x",
            PAGE_WITH("\"https://b\"\n", "\"https://b\"\n[taxonomies]\ntags = 'x'\n"));
    EDIT_IS(PAGE, "set", "a.b.c", "1", PAGE_WITH("\"https://b\"\n", "\"https://b\"\n[a]\nb.c = 1\n"));
    /* a missing table under a table: after that table's lines */
    EDIT_IS(PAGE, "set", "extra.social.x", "'@a'",
            PAGE_WITH("\"Alt\"\n", "\"Alt\"\n  [extra.social]\n  x = '@a'\n"));
    EDIT_IS(PAGE, "set", "links.0.img.src", "'s'",
            PAGE_WITH("\"https://a\"\n", "\"https://a\"\n[links.img]\nsrc = 's'\n"));
    /* after a given key */
    fm_doc *doc = fm_test_parse(PAGE, 0);
    fm_error err;
    fm_value *v = fm_value_new_bool(1);
    EDIT_OK(fm_doc_insert_after(doc, "draft", "title", v, &err));
    fm_value_free(v);
    ASSERT_EMITS(doc, PAGE_WITH("'Old'\n", "'Old'\ndraft = true\n"));
    fm_doc_free(doc);
    /* a table only header paths made gets a header of its own before them */
    EDIT_IS("+++\n[a.b]\nc = 1\n+++\n", "set", "a.x", "2",
            "+++\n[a]\nx = 2\n[a.b]\nc = 1\n+++\n");
    EDIT_IS("+++\n[a.b]\nc = 1\n+++\n", "set", "a.t", "{ u = 3 }",
            "+++\n[a.t]\nu = 3\n[a.b]\nc = 1\n+++\n");
    /* an empty front matter, and one with only tables */
    EDIT_IS("+++\n+++\nbody\n", "str", "title", "T", "+++\ntitle = \"T\"\n+++\nbody\n");
    EDIT_IS("+++\n# c\n[t]\n+++\n", "set", "n", "1", "+++\nn = 1\n# c\n[t]\n+++\n");
    /* an empty inline table */
    EDIT_IS("+++\nm = {}\n+++\n", "set", "m.a", "1", "+++\nm = { a = 1 }\n+++\n");
    /* dotted keys inside an inline table: the inline table is written again */
    EDIT_IS("+++\nm = { d.a = 1 }\n+++\n", "set", "m.d.b", "2",
            "+++\nm = { d = { a = 1, b = 2 } }\n+++\n");
}
END_TEST

START_TEST(keys_are_removed_with_their_lines) {
    EDIT_IS(PAGE, "unset", "title", NULL, PAGE_WITH("title = 'Old'\n", ""));
    EDIT_IS(PAGE, "unset", "tags.0", NULL, PAGE_WITH("[\"a\", \"b\"]", "[\"b\"]"));
    EDIT_IS(PAGE, "unset", "extra.author.name", NULL, PAGE_WITH("{ name = \"Ann\" }", "{}"));
    EDIT_IS(PAGE, "unset", "extra.banner.alt", NULL,
            PAGE_WITH("  banner.alt = \"Alt\"\n", ""));
    /* a table: its header, its lines, its sub-tables */
    EDIT_IS(PAGE, "unset", "extra", NULL,
            PAGE_WITH("[extra]\n  author = { name = \"Ann\" }\n  banner.image = \"b.png\"\n"
                      "  banner.alt = \"Alt\"\n",
                      ""));
    EDIT_IS("+++\n[a]\nx = 1\n[a.b]\ny = 2\n[c]\n+++\n", "unset", "a", NULL,
            "+++\n[c]\n+++\n");
    EDIT_IS(PAGE, "unset", "extra.banner", NULL,
            PAGE_WITH("  banner.image = \"b.png\"\n  banner.alt = \"Alt\"\n", ""));
    /* a table of an array of tables, the whole array */
    EDIT_IS(PAGE, "unset", "links.0", NULL, PAGE_WITH("[[links]]\nurl = \"https://a\"\n", ""));
    EDIT_IS(PAGE, "unset", "links", NULL,
            PAGE_WITH("[[links]]\nurl = \"https://a\"\n[[links]]\nurl = \"https://b\"\n", ""));
    /* the last key of dotted keys leaves its table, empty */
    EDIT_IS("+++\nd.a = 1\nz = 2\n+++\n", "unset", "d.a", NULL, "+++\nd = {}\nz = 2\n+++\n");
    /* in an inline table with dotted keys: the inline table is written again */
    EDIT_IS("+++\nm = { d.a = 1, d.b = 2 }\n+++\n", "unset", "m.d.a", NULL,
            "+++\nm = { d = { b = 2 } }\n+++\n");
    /* the last key of a table leaves its header */
    EDIT_IS("+++\n[t]\nx = 1\n+++\n", "unset", "t.x", NULL, "+++\n[t]\n+++\n");
}
END_TEST

START_TEST(keys_are_renamed_where_they_are_written) {
    EDIT_IS(PAGE, "rename", "title", "name", PAGE_WITH("title =", "name ="));
    EDIT_IS(PAGE, "rename", "title", "the name", PAGE_WITH("title =", "\"the name\" ="));
    EDIT_IS("+++\n'k' = 1\n+++\n", "rename", "k", "a b", "+++\n'a b' = 1\n+++\n");
    EDIT_IS(PAGE, "rename", "extra.author.name", "n", PAGE_WITH("{ name =", "{ n ="));
    /* a table: its header's segment, in every header under it */
    EDIT_IS(PAGE, "rename", "extra", "params", PAGE_WITH("[extra]", "[params]"));
    EDIT_IS("+++\n[a]\nx = 1\n[a.b]\n[ a . \"c\" ]\n+++\n", "rename", "a", "n.m",
            "+++\n[\"n.m\"]\nx = 1\n[\"n.m\".b]\n[ \"n.m\" . \"c\" ]\n+++\n");
    EDIT_IS("+++\n[a.b]\nx = 1\n[a.b.c]\n+++\n", "rename", "a.b", "z",
            "+++\n[a.z]\nx = 1\n[a.z.c]\n+++\n");
    /* a table only header paths made */
    EDIT_IS("+++\n[a.b]\n[a.c]\n+++\n", "rename", "a", "x", "+++\n[x.b]\n[x.c]\n+++\n");
    /* an array of tables: each of its headers */
    EDIT_IS(PAGE, "rename", "links", "refs",
            PAGE_WITH("[[links]]\nurl = \"https://a\"\n[[links]]",
                      "[[refs]]\nurl = \"https://a\"\n[[refs]]"));
    /* dotted keys: each line through the table */
    EDIT_IS(PAGE, "rename", "extra.banner", "hero",
            PAGE_WITH("banner.image = \"b.png\"\n  banner.alt",
                      "hero.image = \"b.png\"\n  hero.alt"));
    EDIT_IS("+++\na.b.c = 1\na.b.d = 2\na.x = 3\n+++\n", "rename", "a.b", "q",
            "+++\na.q.c = 1\na.q.d = 2\na.x = 3\n+++\n");
    /* dotted keys and a header under them */
    EDIT_IS("+++\na.x = 1\n[a.s]\ny = 2\n+++\n", "rename", "a", "b",
            "+++\nb.x = 1\n[b.s]\ny = 2\n+++\n");
    /* dotted keys inside an inline table: the inline table is written again */
    EDIT_IS("+++\nm = { d.a = 1, e = 2 }\n+++\n", "rename", "m.d", "f",
            "+++\nm = { f = { a = 1 }, e = 2 }\n+++\n");
}
END_TEST

START_TEST(tables_are_replaced_as_tables) {
    EDIT_IS(PAGE, "set", "extra", "{ a = 1, b.c = 'x' }",
            PAGE_WITH("[extra]\n  author = { name = \"Ann\" }\n  banner.image = \"b.png\"\n"
                      "  banner.alt = \"Alt\"\n",
                      "[extra]\na = 1\nb.c = 'x'\n"));
    EDIT_IS(PAGE, "set", "extra.banner", "{ src = 'x' }",
            PAGE_WITH("  banner.image = \"b.png\"\n  banner.alt = \"Alt\"\n",
                      "  banner.src = 'x'\n"));
    EDIT_IS(PAGE, "set", "links.1", "{ url = 'c', n = 2 }",
            PAGE_WITH("[[links]]\nurl = \"https://b\"\n", "[[links]]\nurl = 'c'\nn = 2\n"));
    EDIT_IS(PAGE, "set", "links", "[{ u = 1 }]",
            PAGE_WITH("[[links]]\nurl = \"https://a\"\n[[links]]\nurl = \"https://b\"\n",
                      "[[links]]\nu = 1\n"));
    EDIT_IS("+++\nm = { d.a = 1, e = 2 }\n+++\n", "set", "m.d", "[1]",
            "+++\nm = { d = [1], e = 2 }\n+++\n");
}
END_TEST

START_TEST(setting_back_restores_the_bytes) {
    const char *text = "+++\nt = 'x' # c\nd = 1979-05-27 07:32:00\nn = 0x1F\n"
                       "s = \"\"\"\na\\\n  b\"\"\"\n+++\n";
    fm_doc *doc = fm_test_parse(text, 0);
    fm_error err;
    static const char *const keys[] = {"t", "d", "n", "s"};
    for (size_t i = 0; i < COUNT(keys); i++) {
        fm_value *old = fm_value_copy(fm_doc_get(doc, keys[i]));
        EDIT_OK(fm_doc_set_string(doc, keys[i], "other", 5, &err));
        EDIT_OK(fm_doc_set(doc, keys[i], old, &err));
        fm_value_free(old);
    }
    ASSERT_EMITS(doc, text);
    fm_doc_free(doc);
}
END_TEST

START_TEST(what_toml_cannot_hold_fails_cleanly) {
    fm_doc *doc = fm_test_parse(PAGE, 0);
    fm_error err;
    EDIT_FAILS(doc, fm_doc_set_null(doc, "title", &err), FM_ERR_EMIT);
    ck_assert_str_eq(err.message, "cannot set 'title': TOML has no null");
    fm_doc *y = fm_test_parse("---\nl: [1, null]\nc: {[1]: x}\n---\n", 0);
    EDIT_FAILS(doc, fm_doc_set(doc, "extra.list", fm_doc_get(y, "l"), &err), FM_ERR_EMIT);
    ck_assert_str_eq(err.message, "cannot set 'extra.list': TOML has no null");
    EDIT_FAILS(doc, fm_doc_set(doc, "c", fm_doc_get(y, "c"), &err), FM_ERR_EMIT);
    ck_assert_str_eq(err.message, "cannot set 'c': TOML keys are strings, not collections");
    fm_doc_free(y);
    /* a table cannot become a scalar where its header stands */
    EDIT_FAILS(doc, fm_doc_set_int(doc, "extra", 1, &err), FM_ERR_EMIT);
    ck_assert_str_eq(err.message, "cannot write the edit of 'extra' back faithfully");
    /* nor can an array of tables lose its last table */
    fm_doc *one = fm_test_parse("+++\n[[a]]\nx = 1\n+++\n", 0);
    EDIT_FAILS(one, fm_doc_remove(one, "a.0", &err), FM_ERR_EMIT);
    fm_doc_free(one);
    fm_doc_free(doc);
}
END_TEST

/* A time of day alone: TOML writes it, JSON as a string, YAML cannot. */
START_TEST(times_of_day) {
    fm_datetime t = {.hour = 7, .minute = 32, .nanosecond = 500000000,
                     .flags = FM_DT_SET | FM_DT_HAS_TIME | FM_DT_NO_DATE};
    fm_error err;
    fm_value *v = fm_value_new_datetime(&t, &err);
    ck_assert_ptr_nonnull(v);
    fm_doc *doc = fm_test_parse("+++\nat = 1\n+++\n", 0);
    EDIT_OK(fm_doc_set_datetime(doc, "at", &t, &err));
    EDIT_OK(fm_doc_set(doc, "list", v, &err));
    ASSERT_EMITS(doc, "+++\nat = 07:32:00.5\nlist = 07:32:00.5\n+++\n");
    fm_doc_free(doc);
    doc = fm_test_parse("---\nat: 1\n---\n", 0);
    EDIT_FAILS(doc, fm_doc_set_datetime(doc, "at", &t, &err), FM_ERR_EMIT);
    ck_assert_str_eq(err.message,
                     "cannot set 'at': a time of day without a date cannot be written in YAML");
    fm_value *seq = fm_value_new_sequence();
    ck_assert_int_eq(fm_value_append(seq, fm_value_copy(v)), 0);
    EDIT_FAILS(doc, fm_doc_set(doc, "l", seq, &err), FM_ERR_EMIT);
    ck_assert_str_eq(err.message,
                     "cannot set 'l': a time of day without a date cannot be written in YAML");
    fm_value_free(seq);
    fm_doc_free(doc);
    doc = fm_test_parse("{\"at\": 1}\n", 0);
    EDIT_OK(fm_doc_set(doc, "at", v, &err));
    ASSERT_EMITS(doc, "{\"at\": \"07:32:00.5\"}\n");
    fm_doc_free(doc);
    fm_value_free(v);
    /* out of range */
    t.hour = 24;
    ck_assert_ptr_null(fm_value_new_datetime(&t, &err));
    ck_assert_int_eq(err.code, FM_ERR_DATE);
    ck_assert_str_eq(err.message, "not a valid time");
}
END_TEST

START_TEST(every_public_edit) {
    const char *text = "+++\ntitle = \"x\"\ntags = [\"a\"]\n+++\nbody\n";
    fm_doc *doc = fm_test_parse(text, 0);
    fm_error err;
    EDIT_OK(fm_doc_set_string(doc, "title", "y", 1, &err));
    EDIT_OK(fm_doc_remove(doc, "tags", &err));
    fm_value *v = fm_value_new_int(1);
    EDIT_OK(fm_doc_insert_after(doc, "n", "title", v, &err));
    fm_value_free(v);
    EDIT_OK(fm_doc_rename(doc, "n", "weight", &err));
    static const char *const items[] = {"p", "q"};
    EDIT_OK(fm_doc_set_strings(doc, "tags", items, NULL, 2, &err));
    EDIT_OK(fm_doc_set_float(doc, "ratio", 0.5, &err));
    fm_datetime dt = {.year = 2025, .month = 2, .day = 11, .flags = FM_DT_SET};
    EDIT_OK(fm_doc_set_datetime(doc, "date", &dt, &err));
    ASSERT_EMITS(doc, "+++\ntitle = \"y\"\nweight = 1\ntags = [\"p\", \"q\"]\nratio = 0.5\n"
                      "date = 2025-02-11\n+++\nbody\n");
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    ck_assert_ptr_nonnull(a);
    a->draft = FM_TRUE;
    EDIT_OK(fm_article_apply(a, doc, &err));
    fm_article_free(a);
    EDIT_OK(fm_doc_set_body(doc, "new\n", 4, &err));
    ASSERT_EMITS(doc, "+++\ntitle = \"y\"\nweight = 1\ntags = [\"p\", \"q\"]\nratio = 0.5\n"
                      "date = 2025-02-11\ndraft = true\n+++\nnew\n");
    fm_doc_free(doc);
}
END_TEST

START_TEST(new_toml_documents) {
    fm_error err;
    fm_doc *doc = fm_doc_new(FM_FORMAT_TOML, &err);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(fm_doc_format(doc), FM_FORMAT_TOML);
    ASSERT_EMITS(doc, "+++\n+++\n");
    EDIT_OK(fm_doc_set_string(doc, "title", "Hello", 5, &err));
    EDIT_OK(fm_doc_set_int(doc, "extra.n", 1, &err));
    EDIT_OK(fm_doc_set_bool(doc, "draft", 0, &err));
    EDIT_OK(fm_doc_set_body(doc, "Text.\n", 6, &err));
    ASSERT_EMITS(doc, "+++\ntitle = \"Hello\"\ndraft = false\n[extra]\nn = 1\n+++\nText.\n");
    fm_doc_free(doc);
}
END_TEST

START_TEST(words_typed_as_toml) {
    static const struct {
        const char *word;
        fm_type type;
        const char *text; /* the value written back in TOML */
    } cases[] = {
        {"true", FM_BOOL, "true"},
        {"false", FM_BOOL, "false"},
        {"True", FM_STRING, "\"True\""},
        {"yes", FM_STRING, "\"yes\""},
        {"null", FM_STRING, "\"null\""},
        {"12", FM_INT, "12"},
        {"-0", FM_INT, "0"},
        {"+99", FM_INT, "99"},
        {"1_000", FM_INT, "1000"},
        {"0x1F", FM_INT, "31"},
        {"0o17", FM_INT, "15"},
        {"0b101", FM_INT, "5"},
        {"9223372036854775807", FM_INT, "9223372036854775807"},
        {"9223372036854775808", FM_STRING, "\"9223372036854775808\""},
        {"012", FM_STRING, "\"012\""},
        {"-0x1", FM_STRING, "\"-0x1\""},
        {"1__0", FM_STRING, "\"1__0\""},
        {"1.5", FM_FLOAT, "1.5"},
        {"1e3", FM_FLOAT, "1000.0"},
        {"6.626e-34", FM_FLOAT, "6.626e-34"},
        {"1_0.5", FM_FLOAT, "10.5"},
        {".5", FM_STRING, "\".5\""},
        {"1.", FM_STRING, "\"1.\""},
        {"inf", FM_FLOAT, "inf"},
        {"-inf", FM_FLOAT, "-inf"},
        {"nan", FM_FLOAT, "nan"},
        {".inf", FM_STRING, "\".inf\""},
        {"2025-02-11", FM_TIMESTAMP, "2025-02-11"},
        {"2025-02-11T01:46:07", FM_TIMESTAMP, "2025-02-11T01:46:07"},
        {"2025-02-11 01:46:07+01:00", FM_TIMESTAMP, "2025-02-11T01:46:07+01:00"},
        {"2025-02-11T01:46:07.5Z", FM_TIMESTAMP, "2025-02-11T01:46:07.5Z"},
        {"07:32:00", FM_TIMESTAMP, "07:32:00"},
        {"2025-02-30", FM_STRING, "\"2025-02-30\""},
        {"7:32:00", FM_STRING, "\"7:32:00\""},
        {"", FM_STRING, "\"\""},
        {"a b", FM_STRING, "\"a b\""},
        {"1 2", FM_STRING, "\"1 2\""},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        fm_error err;
        const char *w = cases[i].word;
        fm_value *v = fm_value_parse_scalar(FM_SCHEMA_TOML, w, strlen(w), &err);
        ck_assert_ptr_nonnull(v);
        ck_assert_msg(fm_value_type(v) == cases[i].type, "\"%s\": %s", w,
                      fm_type_name(fm_value_type(v)));
        ck_assert_str_eq(fm_value_text(v, NULL), w);
        fm_doc *doc = fm_test_parse("+++\nv = 0\n+++\n", 0);
        EDIT_OK(fm_doc_set(doc, "v", v, &err));
        size_t len;
        const char *text = fm_doc_text(doc, &len);
        char want[128];
        snprintf(want, sizeof want, "+++\nv = %s\n+++\n", cases[i].text);
        ck_assert_str_eq(text, want);
        fm_value_free(v);
        fm_doc_free(doc);
    }
    fm_value *t = fm_value_parse_scalar(FM_SCHEMA_TOML, "07:32:00.25", 11, NULL);
    const fm_datetime *dt = fm_value_datetime(t);
    ck_assert_uint_eq(dt->flags, FM_DT_SET | FM_DT_HAS_TIME | FM_DT_NO_DATE);
    ck_assert_int_eq(dt->hour * 10000 + dt->minute * 100 + dt->second, 73200);
    ck_assert_int_eq(dt->nanosecond, 250000000);
    fm_value_free(t);
    fm_value *big = fm_value_parse_scalar(FM_SCHEMA_TOML, "-9223372036854775808", 20, NULL);
    ck_assert(fm_value_int(big, 0) == INT64_MIN);
    fm_value_free(big);
}
END_TEST

/* ===================================================================== */
/* A Zola page and a Hugo page (tests/data/toml)                         */
/* ===================================================================== */

/* One edit of a page and the lines it must change: `minus` the old lines,
 * `plus` the new ones (each "" for none), every other line as it was. */
typedef struct page_edit {
    const char *op, *path, *arg;
    const char *minus, *plus;
} page_edit;

/* The bytes of tests/data/toml/<name>/input.md (free them). */
static char *page_text(const char *name, size_t *len) {
    const char *top = getenv("top_srcdir");
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/tests/data/toml/%s/input.md",
                     top && *top ? top : ".", name);
    ck_assert(n > 0 && (size_t)n < sizeof path);
    char *text = fm_read_file(path, len);
    ck_assert_msg(text != NULL, "cannot read %s", path);
    return text;
}

/* The lines of a[0..an) and b[0..bn) that differ, between their common
 * first and last lines, into *minus and *plus (pointers into a and b). */
static void changed_lines(const char *a, size_t an, const char *b, size_t bn,
                          const char **minus, size_t *mlen, const char **plus,
                          size_t *plen) {
    size_t head = 0, tail = 0;
    for (size_t i = 0; i < an && i < bn && a[i] == b[i]; i++)
        if (a[i] == '\n')
            head = i + 1;
    while (tail < an - head && tail < bn - head && a[an - 1 - tail] == b[bn - 1 - tail])
        tail++;
    /* The common tail starts at a line's start in both. */
    while (tail > 0 && ((an - tail > head && a[an - tail - 1] != '\n') ||
                        (bn - tail > head && b[bn - tail - 1] != '\n')))
        tail--;
    *minus = a + head;
    *mlen = an - head - tail;
    *plus = b + head;
    *plen = bn - head - tail;
}

static void page_takes(const char *name, const page_edit *edits, size_t n) {
    size_t len;
    char *text = page_text(name, &len);
    fm_doc *doc = parse_n(text, len);
    assert_emits(__LINE__, doc, text, len);
    fm_doc_free(doc);
    for (size_t i = 0; i < n; i++) {
        const page_edit *e = &edits[i];
        doc = parse_n(text, len);
        fm_error err;
        memset(&err, 0, sizeof err);
        ck_assert_msg(run_op(doc, e->op, e->path, e->arg, &err) == 0, "%s: %s %s: %s", name,
                      e->op, e->path, err.message);
        size_t out_len, ml, pl;
        const char *out = fm_doc_text(doc, &out_len), *minus, *plus;
        changed_lines(text, len, out, out_len, &minus, &ml, &plus, &pl);
        ck_assert_msg(ml == strlen(e->minus) && memcmp(minus, e->minus, ml) == 0 &&
                          pl == strlen(e->plus) && memcmp(plus, e->plus, pl) == 0,
                      "%s: %s %s: -\"%s\" +\"%s\", want -\"%s\" +\"%s\"", name, e->op,
                      e->path, esc(minus, ml), esc(plus, pl), esc(e->minus, strlen(e->minus)),
                      esc(e->plus, strlen(e->plus)));
        fm_doc *fresh = parse_n(out, out_len);
        fm_doc_free(fresh);
        fm_doc_free(doc);
    }
    free(text);
}

START_TEST(a_zola_page) {
    static const page_edit edits[] = {
        {"str", "title", "Rust \"2024\"", "title = \"Rust 2024 is here\"\n",
         "title = \"Rust \\\"2024\\\"\"\n"},
        {"set", "date", "2025-03-01", "date = 2025-02-20\n", "date = 2025-03-01\n"},
        {"set", "draft", "true", "draft = false\n", "draft = true\n"},
        {"set", "weight", "11", "weight = 10\n", "weight = 11\n"},
        {"str", "aliases.1", "/r/", "aliases = [\"/blog/old-rust-2024/\", \"/r24/\"]\n",
         "aliases = [\"/blog/old-rust-2024/\", \"/r/\"]\n"},
        {"set", "taxonomies.tags", "['rust']", "tags = [\"rust\", \"editions\"]\n",
         "tags = [\"rust\"]\n"},
        {"str", "author", "Ann", "", "author = \"Ann\"\n"},
        {"str", "taxonomies.series", "ed", "", "series = \"ed\"\n"},
        {"set", "extra.comments", "true", "", "comments = true\n"},
        {"str", "extra.author.name", "Crab",
         "author = { name = \"Ferris\", url = \"https://rustacean.net\" }\n",
         "author = { name = \"Crab\", url = \"https://rustacean.net\" }\n"},
        {"str", "extra.author.mail", "f@r",
         "author = { name = \"Ferris\", url = \"https://rustacean.net\" }\n",
         "author = { name = \"Ferris\", url = \"https://rustacean.net\", mail = \"f@r\" }\n"},
        {"str", "extra.banner.alt", "It's", "banner.alt = 'A crab on a \"beach\"'\n",
         "banner.alt = \"It's\"\n"},
        {"set", "extra.banner.width", "800", "", "banner.width = 800\n"},
        {"unset", "draft", NULL, "draft = false\n", ""},
        {"unset", "extra.toc", NULL, "toc = true\n", ""},
        {"rename", "slug", "url_slug", "slug = \"rust-2024\"\n", "url_slug = \"rust-2024\"\n"},
        {"rename", "extra.reading_time", "minutes", "reading_time = 7\n", "minutes = 7\n"},
        /* a new table takes its header line too */
        {"str", "series.name", "R", "", "[series]\nname = \"R\"\n"},
    };
    page_takes("zola-page", edits, COUNT(edits));
}
END_TEST

START_TEST(a_hugo_page) {
    static const page_edit edits[] = {
        {"str", "title", "Started", "title = 'Getting Started'\n", "title = 'Started'\n"},
        {"set", "lastmod", "2024-07-01T00:00:00Z",
         "lastmod = 2024-06-02T10:15:00-07:00\n", "lastmod = 2024-07-01T00:00:00Z\n"},
        {"str", "tags.0", "go", "tags = ['hugo', 'toml']\n", "tags = ['go', 'toml']\n"},
        {"set", "keywords", "['a']", "keywords = []\n", "keywords = ['a']\n"},
        {"str", "summary", "A first page, written in TOML.\nIt spans three lines.",
         "It spans two lines.\"\"\"\n", "It spans three lines.\"\"\"\n"},
        {"str", "params.author", "Bo", "author = 'Ann'\n", "author = 'Bo'\n"},
        {"str", "cascade.0.params.banner", "red", "banner = 'blue'\n", "banner = 'red'\n"},
        {"str", "cascade.0._target.kind", "page", "", "kind = 'page'\n"},
        {"set", "menu.main.weight", "4", "weight = 3\n", "weight = 4\n"},
        {"str", "menu.main.name", "Start", "", "name = 'Start'\n"},
        {"str", "author", "Ann", "", "author = 'Ann'\n"},
        {"unset", "params.math", NULL, "math = false\n", ""},
        {"rename", "lastmod", "modified", "lastmod = 2024-06-02T10:15:00-07:00\n",
         "modified = 2024-06-02T10:15:00-07:00\n"},
        {"rename", "params", "extra", "[params]\n", "[extra]\n"},
    };
    page_takes("hugo-page", edits, COUNT(edits));
}
END_TEST

/* ===================================================================== */
/* The suite                                                             */
/* ===================================================================== */

static Suite *toml_edit_suite(void) {
    Suite *s = suite_create("toml_edit");
    TCase *render = tcase_create("render");
    tcase_add_test(render, strings_of_every_kind_read_back);
    tcase_add_test(render, string_kinds_fall_back);
    tcase_add_test(render, keys_bare_or_quoted);
    tcase_add_test(render, numbers_and_booleans);
    tcase_add_test(render, date_times_of_every_kind);
    tcase_add_test(render, arrays_and_inline_tables);
    tcase_add_test(render, pairs_as_lines);
    tcase_add_test(render, what_toml_cannot_hold);
    suite_add_tcase(s, render);
    TCase *edits = tcase_create("edits");
    tcase_add_test(edits, values_change_in_place);
    tcase_add_test(edits, new_keys_go_where_toml_reads_them);
    tcase_add_test(edits, keys_are_removed_with_their_lines);
    tcase_add_test(edits, keys_are_renamed_where_they_are_written);
    tcase_add_test(edits, tables_are_replaced_as_tables);
    tcase_add_test(edits, setting_back_restores_the_bytes);
    tcase_add_test(edits, what_toml_cannot_hold_fails_cleanly);
    tcase_add_test(edits, times_of_day);
    tcase_add_test(edits, every_public_edit);
    tcase_add_test(edits, new_toml_documents);
    tcase_add_test(edits, words_typed_as_toml);
    suite_add_tcase(s, edits);
    TCase *pages = tcase_create("pages");
    tcase_add_test(pages, a_zola_page);
    tcase_add_test(pages, a_hugo_page);
    suite_add_tcase(s, pages);
    TCase *bat = tcase_create("battery");
    tcase_set_timeout(bat, 600);
    tcase_add_test(bat, battery_through_every_shape);
    suite_add_tcase(s, bat);
    return s;
}

int main(void) {
    return fm_test_run_suite(toml_edit_suite());
}
